"""Properties of quote finding on arbitrary text: whatever an article holds (stray and unbalanced
quote marks of every style, attribution words, newlines, CJK brackets, control characters), the
finder returns, and every span it gives slices the text it was given."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.analyze.quotes import find_quotes
from storyline.analyze.sentences import split_sentences

_PIECES = st.sampled_from([
    '"', "“", "”", "‘", "’", "«", "»", "「", "」", "'", ",", ".", ":", " — ", "\n", "\n\n", " ",
    "said", "told reporters", "according to", "was cited as saying", "added", "he", "she", "that",
    "Price", "Ned Price", "the spokesman", "The State Department", "We are open", "to negotiate",
    "on Wednesday", "Mr.", "U.S.", "ANKARA –", "saying", "\x00", "\u200b", "ǅ", "İ",
])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60).map("".join)


def _check_spans(text: str) -> None:
    quotes = find_quotes(text)
    starts = [q.content.start for q in quotes]
    assert starts == sorted(starts)
    for quote in quotes:
        for span in (quote.content, quote.speaker, quote.cue):
            if span is not None:
                assert 0 <= span.start < span.end <= len(text), (span, len(text))
        assert quote.content.text_in(text).strip()
        assert quote.kind in ("direct", "indirect")


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_quote_spans_slice_any_text(text: str) -> None:
    _check_spans(text)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(_TEXT)
def test_quotes_with_given_sentences_agree_with_quotes_without(text: str) -> None:
    assert find_quotes(text, split_sentences(text)) == find_quotes(text)


def test_a_huge_line_of_quote_marks_is_handled() -> None:
    text = ('"' * 5000) + " said Price " + ("“a” " * 3000)
    _check_spans(text)
