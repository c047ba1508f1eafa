"""A word list as a prefix-tree regular expression that matches as its longest-first alternation.

``"|".join(sorted(words, key=len, reverse=True))`` is how the analysis stages write a list of
words into a pattern: at a position the engine then tries every word in turn, longest first, and
on a failure of what follows backtracks to the next shorter one. :func:`trie_alternation`
writes the same list as a tree of shared prefixes (``mar(?:zo|tes)?``): at a position only the
one path whose characters match is walked, greedily, so the words that can match there are tried
in the same order (all of them lie on that path, longest first). The match, its span and its
groups are those of the flat alternation; only the cost differs (one character test per level
instead of one attempt per word: the time rules' and the title rules' lists hold up to a few
hundred words).

The equivalence needs that no two branches of a node can match the same character. For
characters compared exactly that always holds; under ``re.IGNORECASE`` two different characters
may match one ("i" and "ı" both match "I"), so a list where two siblings share a case variant
falls back to the flat alternation (:func:`trie_alternation` returns it unchanged).

Cost: linear in the total length of the words, once per list (the callers cache the compiled
patterns per language).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["flat_alternation", "trie_alternation"]

#: Characters Python's case-insensitive matching folds together beyond ``lower``/``upper``.
_EXTRA_FOLDS = {"\u017f": "s", "\u212a": "k", "\u0131": "i", "\u0130": "i", "\u1e9e": "\u00df",
                "\u03c2": "\u03c3", "\u0345": "\u03b9", "\u1fbe": "\u03b9", "\u00b5": "\u03bc"}


def flat_alternation(words: Iterable[str], escape: Callable[[str], str] = re.escape) -> str:
    """The words, escaped, longest first, joined by ``|`` (the form the trie replaces)."""
    return "|".join(escape(w) for w in sorted(set(words), key=len, reverse=True))


def trie_alternation(words: Iterable[str], escape: Callable[[str], str] = re.escape,
                     *, ignore_case: bool = True) -> str:
    """The words as one prefix-tree alternation (see the module docstring); ``""`` when empty.

    Args:
        words: the words (duplicates and empty strings are dropped).
        escape: how one character is written in the pattern (``re.escape``; a caller may write
            "'" and "’" both as ``['’]``: characters written alike share a branch).
        ignore_case: the pattern will be compiled with ``re.IGNORECASE``: siblings that fold
            together make the list fall back to :func:`flat_alternation`.
    """
    unique = sorted({w for w in words if w})
    if not unique:
        return ""
    root = _Node()
    for word in unique:
        node = root
        for char in word:
            written = escape(char)
            child = node.children.get(written)
            if child is None:
                child = node.children[written] = _Node()
                node.chars[written] = set()
            node.chars[written].add(char)
            node = child
        node.end = True
    if ignore_case and root.ambiguous():
        return flat_alternation(unique, lambda w: "".join(escape(c) for c in w))
    return root.pattern()


class _Node:
    """One node of the prefix tree: its branches by written character, and whether a word ends."""

    __slots__ = ("chars", "children", "end")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.chars: dict[str, set[str]] = {}
        self.end = False

    def pattern(self) -> str:
        """The alternation of the branches below this node (greedy: longer words first)."""
        branches = [written + child.pattern() for written, child in sorted(self.children.items())]
        if not branches:
            return ""
        if len(branches) == 1 and not self.end:
            return branches[0]
        body = "|".join(branches)
        return f"(?:{body})?" if self.end else f"(?:{body})"

    def ambiguous(self) -> bool:
        """Whether two branches anywhere below may match one character case-insensitively."""
        seen: set[str] = set()
        for chars in self.chars.values():
            keys = set().union(*(_fold_keys(c) for c in chars))
            if keys & seen:
                return True
            seen |= keys
        return any(child.ambiguous() for child in self.children.values())


def _fold_keys(char: str) -> set[str]:
    keys = {char, char.lower(), char.upper(), char.casefold()}
    return keys | {_EXTRA_FOLDS[k] for k in list(keys) if k in _EXTRA_FOLDS}


_LITERAL = re.compile(r"[^\\.^$*+?{}\[\]()|]+")


def ordered_alternation(alternatives: str) -> str:
    """A hand-written ``a|b|c`` of literal words as a prefix tree, where that cannot change a match.

    The engine tries the alternatives in their written order; the tree tries, among those that
    match at a position (each a prefix of the next), the longest first. The two agree when every
    alternative comes before those that are its (case-insensitive) prefixes ("the past" before
    "the"); otherwise, or when an alternative is no plain literal, ``alternatives`` is returned
    unchanged.
    """
    words = alternatives.split("|")
    if not all(_LITERAL.fullmatch(w) for w in words):
        return alternatives
    lowered = [w.lower() for w in words]
    for i, early in enumerate(lowered):
        if any(late != early and late.startswith(early) for late in lowered[i + 1:]):
            return alternatives  # a shorter word before a longer one it opens: order matters
    return trie_alternation(words)
