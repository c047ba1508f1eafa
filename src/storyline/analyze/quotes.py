"""Quotations, direct and indirect, with their speaker and cue: a rule-based finder for every
language with a pack.

One code path for all languages: the words come from the language's ``speech.toml``
(:func:`~storyline.analyze.quote_cues.speech_cues`; English when no language is given, the
union of the packs for an unknown one), carried by the :class:`~storyline.analyze.token_doc.TokenDoc`.
The finder works on one text in four passes, each linear in the text (bounded windows, no
nested regex quantifiers):

1. **Quote marks** are paired (:func:`~storyline.analyze.quote_marks.find_quote_marks`) in every
   style (``"…"``, ``“…”``, ``„…“``, ``« … »``, ``‹…›``, ``‚…‘``, dialogue dashes where the pack
   says so). A quote may span sentences and, by the newspaper convention, paragraphs. A short
   title-case quotation in mid-sentence names a show or a nickname and is no quotation.
2. **Direct quotes** (:mod:`~storyline.analyze.quote_direct`) take their cue and speaker from
   right after the closer (``," Price told reporters``; ``», a déclaré X``; ``„…“, so X``),
   from a next sentence pointing back (``Lo ha detto X``) or from right before the opener
   (``Kirby said on Friday: "``; ``Gentiloni: "``). A quote interrupted by its attribution
   gives one Quote per part. Short unattributed ones are taken for scare quotes and dropped.
3. **Indirect speech** (:mod:`~storyline.analyze.quote_indirect`), per sentence, outside direct
   quotes: ``X said (that) ...``, ``..., X said``, ``..., said X``, ``X told reporters ...``,
   ``..., saying ...``, stance verbs, and in a pro-drop language a subjectless ``Afirmó que
   ...``; attributions to a source (:mod:`~storyline.analyze.quote_sources`): ``according to
   X`` / ``según`` / ``selon`` / ``secondo`` / ``laut`` / ``X zufolge`` and passives. The
   content stops where the next attribution or an adverbial clause of the reporting verb
   begins. Interview transcripts (``PENCE: ...``) and a headline ``Name: ...`` give one
   attribution per turn (not a shouted credit: ``AS REPORTED BY X:``).
4. **Speakers** are resolved (:class:`~storyline.analyze.speaker_names.SpeakerResolver`): a name
   is stripped of its title ("State Department spokesman Ned Price" -> "Ned Price"), a bare
   surname linked to the full name; a pronoun or implicit subject goes to the most recent
   person named before it; a role to the one person named with it; a document, poll or
   organisation named by a common noun is named as written ("Gallup poll", "Gobierno alemán").
   A direct quote that opens a sentence right after an attributed quote of the same paragraph
   inherits its speaker. The writer's own voice (a pronoun the pack marks ``self``) is no
   party's attribution and is dropped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from storyline.analyze.attribution_frames import without_medium
from storyline.analyze.quote_cues import speech_cues
from storyline.analyze.quote_direct import direct_quotes, near
from storyline.analyze.quote_indirect import indirect_quotes
from storyline.analyze.quote_marks import OPENERS, find_quote_marks
from storyline.analyze.quote_sources import Found
from storyline.analyze.sentences import split_sentences
from storyline.analyze.speaker_names import SpeakerResolver
from storyline.analyze.speaker_sources import MentionIndex, source_kind
from storyline.analyze.speakers import TokenDoc, inside, trim
from storyline.lang import fold_word
from storyline.model import Mention, Quote, Span

__all__ = ["QuoteFinder", "find_quote_marks", "find_quotes"]

_TRANSCRIPT_RE = re.compile(r"[\"\u201c]?([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}):[ \t]+(?=\S)")
#: A headline "Name: what they said" (up to four capitalised words before the colon).
_HEADLINE_RE = re.compile(r"\s*(?!The |Editor|Update|Watch|Video|Breaking|Exclusive|Opinion|Analysis)"
                          r"([A-Z][\w.'\u2019\-]*(?: [A-Z][\w.'\u2019\-]*){0,3}):[ \t]+(?=\S)")


class QuoteFinder:
    """Component that finds the quotes of a text.

    Args:
        min_unattributed_words: Shortest direct quote kept without a cue or speaker; shorter
            ones are usually scare quotes or titles.
        with_indirect: Also find indirect speech.
    """

    def __init__(self, *, min_unattributed_words: int = 5, with_indirect: bool = True) -> None:
        self.min_unattributed_words = min_unattributed_words
        self.with_indirect = with_indirect

    def __call__(
        self,
        text: str,
        sentences: Sequence[Span] | None = None,
        entities: Sequence[Mention] | None = None,
        language: str | None = None,
    ) -> list[Quote]:
        """Find the quotes of ``text`` (in ``language``, an ISO 639-1 code; English when None);
        see the module docstring for the rules."""
        if not text.strip():
            return []
        sents = list(sentences) if sentences is not None else split_sentences(text)
        doc = TokenDoc(text, sents, cues=speech_cues(language))
        found = direct_quotes(doc, self.min_unattributed_words)
        if self.with_indirect:
            found = _merge(doc, found, indirect_quotes(doc, sents, found))
        found = _transcript_quotes(doc, found)
        found.sort(key=lambda f: f.content.start)
        _inherit(doc.text, found)
        if not doc.cues.keep_unattributed:
            found = [f for f in found if f.speaker is not None or f.cue is not None or f.implicit]
        resolver = SpeakerResolver(text, entities, _quote_ranges(found), doc.cues)
        mentions = MentionIndex(entities or ())
        out = []
        for f in found:
            if f.speaker is not None:
                f.speaker = without_medium(doc, f.speaker)  # "X, ..., in a statement": X
            if f.speaker is not None and _writer(doc, f.speaker):
                continue  # "je pense que", "vous savez": the writer's own voice, no party's
            if f.speaker is not None and not _speaker_like(doc, f.speaker):
                if _implicit_instead(doc, f):
                    f.speaker, f.implicit = None, True  # "Este martes ha anunciado que ...": pro-drop
                elif f.kind == "indirect":
                    continue  # "non mi disse che", ". in un commento": no speaker, no speech
                else:
                    f.speaker, f.cue = None, None
            if f.implicit:
                anchor = f.cue.start if f.cue else f.content.start
                name = _continued(doc.text, out, anchor) or resolver.implicit_speaker(anchor)
            else:
                name = None if f.speaker is None else resolver.speaker_name(f.speaker, f.content)
            source = "person" if f.implicit and name else source_kind(doc.cues, doc.text, f.speaker, name, mentions)
            out.append(Quote(f.content, f.kind, f.speaker, name, f.cue, source))
            if f.rest is not None:
                out.append(Quote(f.rest, f.kind, f.speaker, name, f.cue, source))
        return out


def find_quotes(
    text: str, sentences: list[Span] | None = None, entities: list[Mention] | None = None,
    language: str | None = None,
) -> list[Quote]:
    """Find direct and indirect quotes with their speakers and cues.

    Args:
        text: The article text.
        sentences: Sentence spans, if already computed (else :func:`split_sentences` is used).
        entities: Named-entity mentions, used for pronoun resolution and speaker names.
        language: ISO 639-1 code of the text; its pack's ``speech.toml`` gives the cues
            (English when None; the union of all packs for an unknown code).

    Returns:
        Quotes in text order; every span slices ``text``.
    """
    return QuoteFinder()(text, sentences, entities, language)


def _transcript_quotes(doc: TokenDoc, found: list[Found]) -> list[Found]:
    """``PENCE: Well, look, ...`` turns of an interview transcript (a turn runs to the next
    speaker's line, or to the end of the quotation holding the transcript), and a headline
    ``Pence: Flowers Won't Be at Debate``. Returns ``found`` with the turns in, and the
    quotes they cut."""
    turns = [m for line in re.finditer(r"[^\n]+", doc.text)
             if (m := _TRANSCRIPT_RE.match(doc.text, line.start(), line.end())) is not None
             and not _credit(doc, m.group(1))]
    headline = _HEADLINE_RE.match(doc.text)
    if headline is not None and _credit(doc, headline.group(1)):
        headline = None
    if headline is not None and not (turns and turns[0].start() == 0):
        turns.insert(0, headline)
    if len(turns) == 1 and _is_dateline(doc.text, turns[0], found):
        turns = []
    if not turns:
        return found
    quoted = [(f.content.start, f.content.end) for f in found if f.kind == "direct"]
    out = [f for f in (_cut_at_turns(doc.text, f, turns) for f in found) if f is not None]
    taken = sorted((f.content.start, f.content.end) for f in out)
    for i, match in enumerate(turns):
        end = _turn_end(doc.text, match.end(), quoted)
        if i + 1 < len(turns):
            end = min(end, turns[i + 1].start())
        content = trim(doc.text, match.end(), end)
        if content is None or inside(taken, content.start) or inside(taken, content.start + 2):
            continue  # the turn is a quotation found already ('Gentiloni: "..."')
        out.append(Found(content, "indirect", Span(*match.span(1)), Span(match.end(1), match.end(1) + 1)))
    return out


def _credit(doc: TokenDoc, name: str) -> bool:
    """A shouted credit or heading (``AS REPORTED BY REUTERS:``, ``FONTE:``), not a speaker's
    turn: it holds a cue or function word of the text's language or of English (crawled pages
    carry English credits whatever their language)."""
    english = speech_cues("en")
    return any(w.lower() in c.cue_forms or w.lower() in c.speaker_break_words or w.lower() in c.never_names
               for w in name.split() for c in (doc.cues, english))


def _is_dateline(text: str, turn: re.Match[str], found: list[Found]) -> bool:
    """Whether a lone ``Name:`` opening the text is a dateline ("New Delhi: The United States
    has asked ...", "ANKARA: Turkey said ..."): what follows on its line is a report with an
    attribution of its own, where a headline or a speaker's turn would be the words said."""
    if text[: turn.start(1)].strip():
        return False
    line_end = text.find("\n", turn.end())
    line_end = len(text) if line_end < 0 else line_end
    return any(f.cue is not None and turn.end() <= f.cue.start < line_end for f in found)


def _turn_end(text: str, pos: int, quoted: list[tuple[int, int]]) -> int:
    """A turn inside a quotation runs to its end, else to the end of its line."""
    holder = next((end for start, end in quoted if start <= pos < end), None)
    if holder is not None:
        return holder
    line_end = text.find("\n", pos)
    return line_end if line_end >= 0 else len(text)


def _cut_at_turns(text: str, quote: Found, turns: list[re.Match[str]]) -> Found | None:
    """A quotation holding transcript turns keeps only what comes before the first turn."""
    for match in turns:
        if quote.content.start <= match.start(1) < quote.content.end:
            cut = trim(text, quote.content.start, match.start())
            if cut is None or not text[cut.start : cut.end].strip("\"\u201c "):
                return None
            quote.content = cut
            return quote
    return quote


# -- helpers --------------------------------------------------------------------------------


def _merge(doc: TokenDoc, direct: list[Found], indirect: list[Found]) -> list[Found]:
    """Indirect content absorbs the direct quotes inside it and stops where one it cannot
    hold begins."""
    inner = sorted((i.content.start, i.content.end) for i in indirect)
    kept = [d for d in direct if not _contained(inner, d.content)]
    starts = [d.content.start for d in kept]
    out = list(kept)
    for item in indirect:
        lo = bisect.bisect_right(starts, item.content.start)
        hi = bisect.bisect_left(starts, item.content.end)
        for d in kept[lo:hi]:
            if item.content.end < d.content.end:
                cut = trim(doc.text, item.content.start, d.content.start - 1)
                if cut is None or len(doc.text[cut.start : cut.end].split()) < 4:
                    break
                item.content, item.kind = cut, "indirect"
        else:
            out.append(item)
    return out


def _contained(ranges: list[tuple[int, int]], span: Span) -> bool:
    """Some range of the sorted, non-overlapping ``ranges`` holds ``span``."""
    i = bisect.bisect_right(ranges, (span.start, 1 << 62)) - 1
    return i >= 0 and ranges[i][1] >= span.end


def _continued(text: str, out: list[Quote], anchor: int) -> str | None:
    """An implicit subject continues the attribution before it (``Così Berlusconi ha risposto
    ... E ha ricordato che ...``): the named speaker of the last quote in the same or the
    previous paragraph."""
    if not out or out[-1].speaker_entity is None:
        return None
    end = max(out[-1].content.end, out[-1].cue.end if out[-1].cue else 0)
    return out[-1].speaker_entity if end <= anchor and text.count("\n", end, anchor) <= 2 else None


def _speaker_like(doc: TokenDoc, speaker: Span) -> bool:
    """The span can name a speaker: it opens with a word, and some word is a name, number,
    pronoun, role, determiner or a content word (not a clitic, adverb, preposition or verb)."""
    if not doc.text[speaker.start].isalnum():
        return False
    if doc.cues.is_adverb(doc.text[speaker.start : speaker.end]):
        return False  # "giustamente (dice)": an adverb, no one
    c = doc.cues
    function = c.no_name_words
    words = re.findall(r"\w[\w'\u2019\-]*", doc.text[speaker.start : speaker.end])
    if c.language != "en" and all(fold_word(w) in c.function_words and w.lower() not in c.pronouns
                                  for w in words):
        return False  # "Pertanto", "Non mi", "il": function words, capitalised or not, name no one
    for word in words:
        low = word.lower()
        if low in c.cue_forms:
            continue
        if (word[0].isupper() or word[0].isdigit() or low in c.pronouns or low in c.role_nouns
                or low in c.determiners or (low not in function and len(low) > 3)):
            return True
    return False


def _implicit_instead(doc: TokenDoc, found: Found) -> bool:
    """In a pro-drop language, a finite cue whose "speaker" is a time phrase or function words
    and whose content opens with a complementizer (``Este martes ha anunciado que ...``) has an
    implicit subject."""
    if not doc.cues.pro_drop or found.cue is None or found.kind != "indirect":
        return False
    cue = doc.text[found.cue.start : found.cue.end].lower()
    return not doc.cues.is_gerund(cue) and cue not in doc.cues.according \
        and doc.cues.complementizer_at(doc.text, found.content.start)


def _writer(doc: TokenDoc, speaker: Span) -> bool:
    """The speaker is a first or second person pronoun the pack marks ``self``."""
    word = doc.text[speaker.start : speaker.end].lower().replace("\u2019", "'")
    elided = word[: word.find("'") + 1] if "'" in word else word  # "j'ai" -> "j'"
    return "self" in (doc.cues.pronouns.get(word, ("",))[0], doc.cues.pronouns.get(elided, ("",))[0])


def _inherit(text: str, found: list[Found]) -> None:
    """A direct quote with no attribution of its own that opens a sentence right after an
    attributed quote of either kind in the same paragraph is that speaker's: ``El ministro
    afirmó que ... «...»``."""
    for i in range(1, len(found)):
        quote, previous = found[i], found[i - 1]
        if quote.kind != "direct" or quote.speaker is not None or quote.cue is not None or quote.implicit:
            continue
        opens = text[: quote.content.start].rstrip().rstrip("".join(OPENERS) + "\u2014 ")[-1:]
        if opens not in {"", "\n", ".", "!", "?", ":"}:
            continue  # a quotation inside a sentence is part of it, not a quote of its own
        if (previous.speaker is not None or previous.implicit) and previous.content.end <= quote.content.start \
                and near(text, previous.content.end, quote.content.start) \
                and "\n" not in text[previous.content.end : quote.content.start]:
            quote.speaker, quote.implicit = previous.speaker, previous.implicit


def _quote_ranges(found: list[Found]) -> list[tuple[int, int]]:
    return sorted((f.content.start, f.content.end) for f in found if f.kind == "direct")


