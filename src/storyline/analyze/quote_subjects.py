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

Each reads the few tokens around one cue.
"""

from __future__ import annotations

from storyline.analyze.quote_sources import Found, kind
from storyline.analyze.speakers import TokenDoc, clause_end, speaker_right, trim
from storyline.model import Span

__all__ = ["after_auxiliary", "after_preposition", "subject_after_phrase", "subjectless", "verb_second"]


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
