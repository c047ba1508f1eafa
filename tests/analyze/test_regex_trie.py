"""The prefix-tree alternation matches exactly as the longest-first flat alternation it replaces."""

from __future__ import annotations

import random
import re

import pytest

from storyline.analyze.ner_lexicon import lexicon
from storyline.analyze.regex_trie import flat_alternation, ordered_alternation, trie_alternation
from storyline.analyze.time_words import time_words
from storyline.lang import FULL


def _escape(char: str) -> str:
    return "['’]" if char in "'’" else re.escape(char)


def _word_lists() -> list[list[str]]:
    """Every word list of the time packs and the title lists of the name packs."""
    lists = [["mar", "marzo", "martes", "dr.", "dr", "l'x", "l’xyz", "a", "ab", "abc", "vice-président"]]
    for code in sorted(FULL):
        lists += [[w.lower() for w in v] for v in time_words(code).lists.values()
                  if isinstance(v, (list, tuple, set, frozenset)) and v and all(isinstance(w, str) for w in v)]
        lex = lexicon(code)
        lists.append(sorted(lex.offices | lex.honorifics))
    return lists


#: Contexts the callers put an alternation in: bare, between word boundaries, before more pattern.
_CONTEXTS = (r"(?:{})", r"\b(?:{})\b", r"(?<!\w)(?:{})(?!\w)", r"(?P<w>{})\s+\d", r"(?:{})(?![\w'’-])")


@pytest.mark.parametrize("words", _word_lists()[:1] + _word_lists()[1::7])
def test_trie_finds_what_the_flat_alternation_finds(words: list[str]) -> None:
    rng = random.Random(len(words))
    flat = flat_alternation(words, lambda w: "".join(_escape(c) for c in w))
    trie = trie_alternation(words, _escape)
    pieces = sorted(set(words)) + [" ", ".", "'", "’", "x", "1", "-", "É"]
    for context in _CONTEXTS:
        plain, tree = (re.compile(context.format(alt), re.IGNORECASE) for alt in (flat, trie))
        for _ in range(300):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
            text = "".join(c.upper() if rng.random() < 0.2 else c for c in text)
            assert [(m.span(), m.groups()) for m in tree.finditer(text)] == \
                [(m.span(), m.groups()) for m in plain.finditer(text)], (context, text)


def test_trie_prefers_the_longest_word_that_the_context_accepts() -> None:
    pattern = re.compile(r"(?:" + trie_alternation(["dr", "dr.", "mar", "marzo"]) + r")(?!\w)", re.IGNORECASE)
    assert [m.group() for m in pattern.finditer("Dr.x MARZO marx mar")] == ["Dr", "MARZO", "mar"]


def test_siblings_that_fold_together_fall_back_to_the_flat_alternation() -> None:
    assert trie_alternation(["i", "ı"]) == flat_alternation(["i", "ı"])
    assert trie_alternation(["May", "may"]) == flat_alternation(["May", "may"])
    assert trie_alternation(["May", "may"], ignore_case=False) == "(?:May|may)"


def test_empty_and_single_word_lists() -> None:
    assert trie_alternation([]) == ""
    assert trie_alternation(["", "a b"]) == r"a\ b"


def test_ordered_alternation_keeps_a_written_order_that_matters() -> None:
    assert ordered_alternation("late|later|early") == "late|later|early"  # "late" first wins "later"
    assert ordered_alternation("the (x)|the") == "the (x)|the"  # no plain literal
    tree = ordered_alternation("the past|the last|the|more than|over")
    assert tree != "the past|the last|the|more than|over"
    plain = re.compile(r"\b(?:the past|the last|the|more than|over)\s+\w+", re.IGNORECASE)
    grown = re.compile(rf"\b(?:{tree})\s+\w+", re.IGNORECASE)
    for text in ("the past week", "The last two days", "the the more than ten over three", "over the past"):
        assert [m.span() for m in grown.finditer(text)] == [m.span() for m in plain.finditer(text)]
