"""The per-report indexes of the quote pass answer as the scans they replace."""

from __future__ import annotations

import random

from storyline.analyze.quote_cues import speech_cues
from storyline.analyze.sentences import split_sentences
from storyline.analyze.speaker_sources import MentionIndex
from storyline.analyze.token_doc import TokenDoc
from storyline.model import Mention, Span

TEXT = ("Le ministre a-t-il dit que la Commission européenne, selon Jean-Marc Ayrault, "
        "« n'a rien décidé » ? İstanbul et l'ONU l'ont confirmé, déclare-t-elle.")


def _scan(mentions: list[Mention], span: Span, name: str | None) -> list[Mention]:
    return [m for m in mentions if span.start <= m.span.start < span.end or (name and m.entity == name)]


def test_mention_index_finds_what_a_scan_of_every_mention_finds() -> None:
    rng = random.Random(5)
    for ordered in (True, False):
        for _ in range(200):
            starts = sorted(rng.sample(range(200), 12))
            mentions = [Mention(Span(s, s + rng.randint(1, 9)), "PERSON", rng.choice([None, "A", "B"]))
                        for s in starts]
            if not ordered:
                rng.shuffle(mentions)
            index = MentionIndex(mentions)
            start = rng.randint(0, 200)
            span = Span(start, start + rng.randint(1, 60))
            for name in (None, "", "A", "B", "C"):
                assert index.tagged(span, name) == _scan(mentions, span, name)


def test_tokens_in_keeps_only_the_tokens_inside_the_range() -> None:
    doc = TokenDoc(TEXT, split_sentences(TEXT), cues=speech_cues("fr"))
    for start in range(0, len(TEXT), 3):
        for end in range(start, len(TEXT) + 1, 5):
            expected = [t for t in doc.tokens if start <= t[0] and t[1] <= end and t[0] < end]
            assert doc.tokens_in(start, end) == expected


def test_inverted_clitics_are_split_off_their_verb() -> None:
    doc = TokenDoc(TEXT, split_sentences(TEXT), cues=speech_cues("fr"))
    words = [doc.word(t) for t in doc.tokens]
    assert "déclare" in words and "elle" in words and "Jean-Marc" in words
    assert "a" in words and "il" in words


def test_lower_word_reads_the_lowered_text_or_lowers_the_word() -> None:
    for text in (TEXT, "Plain Text Here", "İİ İstanbul Said"):
        doc = TokenDoc(text, split_sentences(text))
        for start, end in doc.tokens:
            assert doc.lower_word(start, end) == text[start:end].lower()
