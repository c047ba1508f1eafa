"""Direct quotes: the second pass of :mod:`storyline.analyze.quotes`.

Each pair of quote marks (:func:`~storyline.analyze.quote_marks.find_quote_marks`, and in a
language with dialogue dashes :func:`~storyline.analyze.quote_marks.find_dialogue_dashes`) is a
quotation; its cue and speaker come from right after the closer (``," Price told reporters``;
``," said Price``; ``», a déclaré X``; ``" —dijo X``; ``„…“, so X``; in a pro-drop language a
bare ``», opinó.`` has an implicit speaker), from a following sentence that points back to it
(``"...". Lo ha detto il ministro X``), or from right before the opener (``Kirby said on Friday:
"``; ``Gentiloni: "``). A quote interrupted by its attribution gives one Quote per part; a quote
with no attribution inherits the speaker of the previous quote nearby, and short ones are taken
for scare quotes and dropped. Each quote reads a bounded window: linear in the text.
"""

from __future__ import annotations

import re

from storyline.analyze.attribution_frames import dash_credit
from storyline.analyze.quote_indirect import WINDOW, participle_speaker
from storyline.analyze.quote_subjects import after_preposition, subject_after_phrase
from storyline.analyze.quote_marks import find_dialogue_dashes, find_quote_marks
from storyline.analyze.quote_sources import Found
from storyline.analyze.speaker_names import common_word
from storyline.analyze.speaker_clause import sentence_subject, speaker_before
from storyline.analyze.speakers import TokenDoc, clause_end, speaker_right, trim
from storyline.lang import fold_word
from storyline.model import Span

__all__ = ["direct_quotes", "near"]

def direct_quotes(doc: TokenDoc, min_words: int) -> list[Found]:
    found: list[Found] = []
    pairs = find_quote_marks(doc.text)
    if doc.cues.dialogue_dashes:
        pairs = sorted(pairs + _outside(find_dialogue_dashes(doc.text), pairs), key=lambda p: p[0].start)
    for index, (opener, closer) in enumerate(pairs):
        content = trim(doc.text, opener.end, closer.start)
        if content is None or _title(doc, opener.start, content):
            continue
        quote = Found(content, "direct")
        ends_sentence = doc.text[closer.start - 1] == "."  # '..." Trump called' opens a sentence
        dash_credit(doc, closer.end, quote) \
            or (not ends_sentence and _attribute_after(doc, closer.end, quote)) \
            or _attribute_before(doc, opener.start, quote) \
            or _anaphoric_after(doc, closer.end, quote) \
            or _name_colon_before(doc, opener.start, quote) \
            or _subject_colon_before(doc, opener.start, quote)
        if quote.cue is None and found and _interrupted(doc.text, pairs, index):
            previous = found[-1]
            quote.speaker, quote.cue = previous.speaker, previous.cue
        elif quote.cue is None and quote.speaker is None:
            if len(doc.text[content.start : content.end].split()) < min_words:
                continue
            if found and near(doc.text, found[-1].content.end, opener.start):
                quote.speaker = found[-1].speaker
        found.append(quote)
    return found


def _title(doc: TokenDoc, opener: int, content: Span) -> bool:
    """A short title-case quotation in mid-sentence names a show, book or nickname
    (``the broadcast of "Fox News Sunday,"``), unless a cue introduces it."""
    words = doc.text[content.start : content.end].split()
    if len(words) > 6 or not all(w[0].isupper() or not w[0].isalpha() or w in _TITLE_SMALL for w in words):
        return False
    before = doc.tokens_in(max(0, opener - 40), opener)[-1:]
    if not before:
        return False
    word = doc.word(before[0])
    return word[0].isalnum() and word.lower() not in doc.cues.cue_forms and word.lower() not in _TITLE_INTROS


_TITLE_SMALL = frozenset("a an the of in on for to and with at by from or but".split())
_TITLE_INTROS = frozenset({"as", "that", "is", "was", "are", "were"})


def _interrupted(text: str, pairs: list[tuple[Span, Span]], index: int) -> bool:
    """The previous quote's attribution ends with a comma right before this opener."""
    if index == 0:
        return False
    gap = text[pairs[index - 1][1].end : pairs[index][0].start]
    return len(gap) < 80 and gap.rstrip().endswith(",") and "\n" not in gap


def near(text: str, end: int, start: int) -> bool:
    return start - end < 600 and text.count("\n", end, start) <= 2


def _attribute_after(doc: TokenDoc, pos: int, quote: Found) -> bool:
    """``"...," Price told reporters`` or ``"...," said Price``."""
    limit = clause_end(doc.text, pos, pos + WINDOW)
    tokens = doc.tokens_in(pos, limit)[:40]
    for i, tok in enumerate(tokens):
        low = doc.word(tok).lower()
        right_after = i == 0 or all(_inversion_gap(doc, t) for t in tokens[:i])
        if (low in doc.cues.cue_forms or right_after and low in doc.cues.after_quote_cues) \
                and not doc.cues.is_gerund(low):
            if right_after:
                speaker = speaker_right(doc, _past_addressee(doc, tok[1], limit), limit)
                if speaker is None and doc.cues.pro_drop and _clause_ends(doc, tok[1], limit):
                    quote.cue, quote.implicit = Span(*tok), True  # '«...», opinó.'
                    return True
            else:
                speaker = speaker_before(doc, tok[0], pos)
                if speaker is not None and len(doc.tokens_in(pos, speaker.start)) > 2:
                    return False  # '" often in his campaign, and criticized': not its speaker
            if speaker is not None:
                quote.speaker, quote.cue = speaker, Span(*tok)
                return True
            return False
    return False


def _past_addressee(doc: TokenDoc, pos: int, limit: int) -> int:
    """Where the inverted speaker starts after a cue: past an addressee (``a déclaré à la presse
    le commandant``, ``dijo a los periodistas el ministro``) and a time word (``dijo el jueves
    el director``)."""
    tokens = doc.tokens_in(pos, limit)[:6]
    words = [doc.word(t).lower() for t in tokens]
    i = 0
    if words and words[0] in doc.cues.addressee_prepositions:
        i = 1
        while i < len(words) and (words[i] in doc.cues.determiners or words[i] in doc.cues.np_inner_words):
            i += 1
        if i < len(words) and doc.word(tokens[i]).islower() and words[i] not in doc.cues.role_nouns:
            i += 1  # "à la presse", "ai giornalisti"
        else:
            i = 0
    j = i + (i < len(words) and words[i] in doc.cues.determiners)
    if j < len(words) and words[j] in doc.cues.time_words and doc.word(tokens[j]).islower():
        i = j + 1
    return tokens[i - 1][1] if i else pos


def _clause_ends(doc: TokenDoc, pos: int, limit: int) -> bool:
    """Nothing but punctuation, or a time word, follows ``pos`` in the clause."""
    rest = [doc.word(t) for t in doc.tokens_in(pos, limit)]
    return all(not w[0].isalnum() or w.lower() in doc.cues.time_words for w in rest)


def _anaphoric_after(doc: TokenDoc, pos: int, quote: Found) -> bool:
    """The next sentence points back to the quotation and says who spoke: ``"...". Lo ha detto
    il segretario di Stato``, ``«...». Así lo afirmó el ministro``."""
    start = pos
    while start < len(doc.text) and doc.text[start] in " .,;\u00a0":
        start += 1
    tokens = doc.tokens_in(start, min(len(doc.text), start + 40))
    i = 0
    while i < len(tokens) and doc.word(tokens[i]).lower() in doc.cues.anaphors:
        i += 1
    if i == 0 or i == len(tokens) or "\n" in doc.text[pos : tokens[0][0]]:
        return False
    return _attribute_after(doc, tokens[i - 1][1], quote)


#: "Gentiloni: "...": a name and a colon right before the quotation, opening a line or sentence.
_NAME_COLON_RE = re.compile(
    r"(?:^|(?<=[\n.!?]))\s*([A-Z\u00c0-\u00de][\w'\u2019.\-]*(?:\s+(?:[A-Z\u00c0-\u00de][\w'\u2019.\-]*|de|da|di|del|al|el|von|van|bin)){0,3})\s*:\s*$")


def _name_colon_before(doc: TokenDoc, pos: int, quote: Found) -> bool:
    """``Gentiloni: "Possibile prorogare ..."``, ``Megan Rapinoe : « Je ... »``: a name and a
    colon right before the opener, at the start of its line or sentence (not a cue word:
    ``Selon :``, not a credit: ``FONTE:``)."""
    floor = max(0, pos - 60, doc.text.rfind("\n", 0, pos) + 1)
    match = _NAME_COLON_RE.search(doc.text, floor, pos)
    if match is None:
        return False
    words = match.group(1).split()
    if any(w.lower() in doc.cues.cue_forms or w.lower() in doc.cues.never_names or w.lower() in doc.cues.speaker_break_words
           for w in words) or match.group(1).isupper():
        return False
    if len(words) == 1 and words[0].lower() not in doc.cues.org_nouns and common_word(doc.cues.language, words[0]):
        return False  # "Traccia: ...", "Spunto: ...": a heading, not a speaker
    colon = doc.text.rindex(":", match.start(), pos)
    quote.speaker, quote.cue = Span(match.start(1), match.end(1)), Span(colon, colon + 1)
    return True


def _subject_colon_before(doc: TokenDoc, pos: int, quote: Found) -> bool:
    """``Ma il segretario Alfano usa toni duri contro il fuoco amico: «...»``: a sentence with no
    cue ends in a colon right before the opener; its subject, a name, is the speaker and the
    colon the cue (a common noun or pronoun subject is not taken: ``The list includes: "``)."""
    colon = doc.text[max(0, pos - 3) : pos].rstrip()
    if not colon.endswith(":"):
        return False
    at = doc.text.rindex(":", max(0, pos - 3), pos)
    start = doc.sentence_start(at)
    if "\n" in doc.text[start:at] or any(doc.word(t).lower() in doc.cues.cue_forms for t in doc.tokens_in(start, at)):
        return False
    speaker = sentence_subject(doc, start, at)
    if speaker is None or len(doc.tokens_in(speaker.end, at)) > 8 or "," in doc.text[start:at]:
        return False  # "Coronavirus, il virologo Silvestri:", "Grecia, Papandreu a premier:": a topic first
    opening = doc.tokens_in(start, speaker.start)
    if len(opening) > 2 or any(doc.word(t).lower() not in doc.cues.leading and fold_word(doc.word(t))
                               not in doc.cues.function_words for t in opening):
        return False  # "Alla vigilia della riapertura Berlusconi": an opening phrase, unsure whose
    words = doc.text[speaker.start : speaker.end].split()
    names = [w for w in words if _name_word(doc, w)]
    if not names or any(w.lower() in doc.cues.document_nouns or w.lower() in doc.cues.pronouns for w in words):
        return False  # "Interessante ...:", "Risposta:", "The list includes:": no one named
    quote.speaker, quote.cue = speaker, Span(at, at + 1)
    return True


def _name_word(doc: TokenDoc, word: str) -> bool:
    """A capitalised word that is no function, time or ordinary word of the language (simplemma's
    lexicon: ``Interessante``, ``Changement`` are ordinary words; ``Alfano`` is not)."""
    c = doc.cues
    word = re.split(r"['\u2019]", word)[-1] or word  # "L'objectif", "D'altronde": the word after the elision
    low = word.lower()
    return (word[:1].isupper() and low not in c.never_names and low not in c.no_name_words
            and low not in c.time_words and low not in c.determiners and fold_word(word) not in c.function_words
            and not common_word(c.language, word.strip(".,")))


def _inversion_gap(doc: TokenDoc, token: tuple[int, int]) -> bool:
    """What may stand between a closing mark and an inverted cue: a comma (a dash in Spanish,
    ``"..." —dijo X``) or an auxiliary (``«...», a déclaré X``, ``ha detto X``)."""
    word = doc.word(token)
    return word in doc.cues.after_quote_separators or word.lower() in doc.cues.inverted_aux


def _outside(extra: list[tuple[Span, Span]], pairs: list[tuple[Span, Span]]) -> list[tuple[Span, Span]]:
    """The pairs of ``extra`` that overlap none of ``pairs``."""
    return [(o, c) for o, c in extra if not any(o.start < pc.end and po.start < c.end for po, pc in pairs)]


def _attribute_before(doc: TokenDoc, pos: int, quote: Found) -> bool:
    """``Kirby said on Friday: "...`` or ``Erdogan countered, saying "...``."""
    floor = max(doc.text.rfind("\n", 0, pos) + 1, pos - WINDOW)
    if not doc.text[floor:pos].strip() and doc.text[max(0, floor - 8) : floor].rstrip().endswith(":"):
        floor = max(0, pos - WINDOW)  # "Smith said:" closes the paragraph before the quote
    tokens = doc.tokens_in(floor, pos)[-10:]
    for i in range(len(tokens) - 1, -1, -1):
        word = doc.word(tokens[i])
        low = word.lower()
        if word in ".!?\u201d\u201c\"" or doc.cues.complementizer_at(low, 0):
            return False
        if low not in doc.cues.cue_forms:
            continue
        cue = Span(*tokens[i])
        if i > 0 and doc.word(tokens[i - 1]).lower() in doc.cues.impersonal:
            return False  # "in questi casi si dice: «...»": no one in particular
        gap = doc.text[cue.end : pos].strip()
        if gap and (gap[-1] not in ":," or len(gap.split()) > 7):
            return False
        if doc.cues.is_gerund(low):
            speaker = participle_speaker(doc, floor, cue, floor)
        else:
            speaker = speaker_before(doc, cue.start, floor)
        if speaker is not None and doc.cues.pro_drop and after_preposition(doc, speaker, Span(floor, pos)):
            speaker = subject_after_phrase(doc, speaker)
            if speaker is None:
                quote.cue, quote.implicit = cue, True  # "Su Facebook scrive: «...»": said by the one named before
                return True
        if speaker is not None:
            quote.speaker, quote.cue = speaker, cue
            return True
        return False
    return False
