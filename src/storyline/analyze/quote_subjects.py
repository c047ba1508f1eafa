"""Where the subject of a speech verb is in languages that drop or move it.

* :func:`subjectless` -- a pro-drop language (the pack's ``pro_drop``) leaves the subject out:
  ``Además, afirmó que ...`` has only adverbs before its verb, so its speaker is implicit
  (resolved later to the speaker before or the last person named); an impersonal ``Se estima
  que`` has none.
* :func:`after_preposition` and :func:`subject_after_phrase` -- a phrase opening the clause is
  no subject: ``Su Facebook scrive`` (implicit subject), ``A quel punto i media occidentali
  dichiararono`` (the subject follows the phrase).
* :func:`verb_second` -- German puts the subject after the verb when an adverbial opens the
  clause: ``Am Montag sagte Angela Merkel, ...``.
* :func:`after_auxiliary` -- a past participle is a verb of speech only after an auxiliary
  (``ha detto``, not ``accusata di omicidio``).
* :func:`noun_cue` -- a cue form that is as often a noun is one here (``an hourlong show``,
  ``A UN report released on Tuesday said``): its subject is no name, pronoun or role.

Each reads the few tokens around one cue.
"""

from __future__ import annotations

import re

from storyline.analyze.quote_sources import Found, kind
from storyline.analyze.speakers import TokenDoc, clause_end, speaker_right, trim
from storyline.model import Span

__all__ = ["after_auxiliary", "after_preposition", "noun_cue", "subject_after_phrase", "subjectless",
           "verb_second"]


def after_auxiliary(doc: TokenDoc, sent: Span, cue: Span) -> bool:
    """An auxiliary stands among the three words before a past participle (``ha detto``,
    ``a-t-il déclaré``, ``fue anunciado``, ``ha poi aggiunto``)."""
    c = doc.cues
    return any(doc.word(t).lower() in c.inverted_aux or doc.word(t).lower() in c.auxiliaries
               or c.passive_before_re.search(doc.word(t) + " ")
               for t in doc.tokens_in(sent.start, cue.start)[-3:])


def verb_second(doc: TokenDoc, sent: Span, cue: Span) -> Found | None:
    """A verb-second language puts the subject after the verb when an adverbial opens the
    clause: ``Am Montag sagte Angela Merkel, Deutschland werde ...``: the speaker follows the
    cue, the content follows the comma after the speaker."""
    end = clause_end(doc.text, cue.end, sent.end)
    comma = doc.text.find(",", cue.end, end)
    speaker = speaker_right(doc, cue.end, comma if comma >= 0 else end)
    if speaker is None or comma < 0 or doc.text[speaker.end : comma].strip():
        return None
    content = trim(doc.text, comma + 1, sent.end)
    if content is None or len(doc.text[content.start : content.end].split()) < 3:
        return None
    return Found(content, kind(doc.text, content), speaker, cue)


def subject_after_phrase(doc: TokenDoc, span: Span) -> Span | None:
    """The noun phrase opened by the last determiner inside ``span`` (not its first word):
    ``quel punto i media occidentali`` -> ``i media occidentali``."""
    tokens = doc.tokens_in(span.start, span.end)
    for i in range(len(tokens) - 1, 0, -1):
        if doc.word(tokens[i]).lower() in doc.cues.determiners and i + 1 < len(tokens):
            return Span(tokens[i][0], span.end)
    return None


def after_preposition(doc: TokenDoc, speaker: Span, sent: Span) -> bool:
    """The speaker is the object of a preposition that opens its clause (``Su Facebook scrive``,
    ``En su cuenta escribió``): the word right before it is a preposition, no subordinator, at
    the start of the sentence or after a comma (``el Consejo ... de los rebeldes dijo`` is a
    noun's complement, not an opening phrase)."""
    before = doc.tokens_in(sent.start, speaker.start)[-2:]
    word = doc.word(before[-1]).lower() if before else ""
    if word not in doc.cues.prepositions or word in doc.cues.according \
            or word in doc.cues.introducers - doc.cues.prepositions or word in doc.cues.clause_openers:
        return False
    return len(before) < 2 or doc.word(before[0]) in {",", ";", ":", ".", "!", "?", "(", "\u2014"} \
        or doc.word(before[0]).lower() in doc.cues.conjunctions


def subjectless(doc: TokenDoc, sent: Span, cue: Span, after: Span | None = None) -> bool:
    """In a pro-drop language, only auxiliaries, clitics, adverbs, conjunctions and commas come
    before the cue in its sentence, or after ``after`` (a prepositional phrase opening it: ``Su
    Facebook scrive``): the subject is implicit (``Además, afirmó que ...``)."""
    if not doc.cues.pro_drop or doc.text[cue.start].isupper() and cue.start != sent.start:
        return False
    before = doc.tokens_in(sent.start, cue.start)[-1:]
    if before and doc.word(before[0]).lower() in doc.cues.impersonal:
        return False  # "Se estima que", "Si dice che": said by no one in particular
    for tok in doc.tokens_in(sent.start if after is None else after.end, cue.start):
        word = doc.word(tok)
        low = word.lower()
        if not (word == "," or low in doc.cues.auxiliaries or low in doc.cues.leading
                or low in doc.cues.time_words or low in doc.cues.inverted_aux):
            return False
    return True


_AUX_AFTER_RE = re.compile(r"\s+(?:is|was|were|are|has|had|have|will|would|could)\b")


def noun_cue(doc: TokenDoc, cue: Span, speaker: Span) -> bool:
    """``an hourlong show``, ``Mrs. Clinton's tax plans``: the cue form is a noun here, as
    the word before it is no name, pronoun or role."""
    if doc.text[cue.start : cue.end].lower() not in doc.cues.noun_like_forms:
        return False
    if _object_of_preposition(doc, speaker):
        return True  # "In the wake of the New York Times report, Trump ...": no subject, a noun
    words = doc.text[speaker.start : speaker.end].split()
    if _AUX_AFTER_RE.match(doc.text, cue.end) or _subject_head(doc, cue):
        return True  # "Republican support was more solid"
    if doc.text.startswith(" ", cue.end) and doc.cues.complementizer_at(doc.text, cue.end + 1):  # "a poll shows that ...", unless a verb came first
        return any(w.islower() and w.endswith("ed") for w in words[1:])
    last = words[-1]
    if last[0].isdigit() or last.endswith(("'s", "\u2019s")):
        return True  # "the 9/11 attacks", "Editor's note", "Oz's show"
    # a name with its apposition ("Tewfik Okacha, présentateur proche de l'ancien régime") or an
    # apposition with its name ("il viceministro libico, Khaled Kaaim"): either part may end it
    return all(_common_end(doc, part.split(), speaker) for part in
               doc.text[speaker.start : speaker.end].split(", ")[:2] if part.split())


def _object_of_preposition(doc: TokenDoc, speaker: Span) -> bool:
    """The speaker lies inside a prepositional phrase opening its sentence (``In the wake of the
    Times report,``): it is a preposition's object, not a verb's subject. Only words, no comma
    or verb, stand between the opening preposition and the speaker."""
    start = doc.sentence_start(speaker.start)
    before = doc.tokens_in(start, speaker.start)
    if not before or doc.word(before[0]).lower() not in doc.cues.prepositions:
        return False
    return all(doc.word(t)[0].isalnum() and doc.word(t).lower() not in doc.cues.verbish
               and doc.word(t).lower() not in doc.cues.cue_forms for t in before)


def _common_end(doc: TokenDoc, words: list[str], speaker: Span) -> bool:
    last = words[-1]
    return last.islower() and last not in doc.cues.pronouns and last not in doc.cues.role_nouns \
        and not (last.endswith("s") and doc.text[speaker.start : speaker.end].count(" ") < 2)


def _subject_head(doc: TokenDoc, cue: Span) -> bool:
    """A document noun heading the subject of a speech verb a few words on (``A UN report
    released on Tuesday said ...``): no punctuation or complementizer comes between."""
    if doc.text[cue.start : cue.end].lower() not in doc.cues.document_nouns:
        return False
    for tok in doc.tokens_in(cue.end, cue.end + 80)[:8]:
        word = doc.word(tok).lower()
        if not word[0].isalnum() or doc.cues.complementizer_at(word, 0):
            return False
        if word in doc.cues.cue_forms and word not in doc.cues.noun_like_forms and not doc.cues.is_gerund(word):
            return True
    return False
