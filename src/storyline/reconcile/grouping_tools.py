"""Two small tools the reconciliation stages share to group and pair items without quadratic work.

- :class:`DisjointSets`: union-find with path halving; ``union(keep, other)`` puts ``other``'s
  set under ``keep``'s root, so the first item seen of a group stays its root (callers rely on
  that for stable ids). Amortised near-constant time per operation.
- :func:`co_occurring_pairs`: from an inverted index (key → the items holding it), every pair of
  items sharing a key with how many keys they share, skipping keys held by more than
  ``max_postings`` items (too common to say anything). Cost: the sum over kept keys of
  ``postings²``, bounded by ``max_postings``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Generic, TypeVar

__all__ = ["DisjointSets", "co_occurring_pairs"]

T = TypeVar("T", bound=Hashable)


class DisjointSets(Generic[T]):
    """Sets of items, merged by :meth:`union`; an item never added is a set of its own."""

    __slots__ = ("parent",)

    def __init__(self, items: Iterable[T] = ()) -> None:
        self.parent: dict[T, T] = {item: item for item in items}

    def find(self, item: T) -> T:
        """The root of the item's set."""
        parent = self.parent
        while parent.setdefault(item, item) != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, keep: T, other: T) -> None:
        """Merge ``other``'s set into ``keep``'s (``keep``'s root stays the root)."""
        self.parent[self.find(other)] = self.find(keep)


def co_occurring_pairs(postings: Mapping[object, Sequence[int]], max_postings: int) -> Counter[tuple[int, int]]:
    """``(i, j) → shared keys`` (i before j in each posting list) for the keys held by at most
    ``max_postings`` items."""
    shared: Counter[tuple[int, int]] = Counter()
    for members in postings.values():
        if len(members) <= max_postings:
            shared.update((i, j) for x, i in enumerate(members) for j in members[x + 1 :])
    return shared
