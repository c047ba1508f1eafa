"""A bounded least-recently-used memo for the analysis steps that read only a piece of text.

Real news repeats itself: wire copies, rewrites and updates carry the same sentences and
paragraphs as their originals (about two thirds of the sentences of the generated realistic day,
one in seven of the crawled es/fr/it pages, were seen before in their stream). A step whose result
depends only on a piece's own text and language (and on nothing the rest of the report, its date
or a mutable object says) can answer a piece it has seen from a memo, so a copy pays only for
what differs. The keys must hold everything the step reads; the values must be immutable (tuples
of ints and strings), so that no caller can change what another caller gets.

:class:`LruMemo` is a plain ``dict`` kept in use order (a hit is moved to the end, the oldest entry
goes when it is full): O(1) per look-up and store, bounded to ``size`` entries, with hit and miss
counts for the benchmarks (:func:`memo_stats`). ``None`` is never a value (a look-up's miss).
Each operation is a few atomic ``dict`` steps, so threads sharing a memo at worst compute a value
twice or keep one entry too many for a moment.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

__all__ = ["LruMemo", "attached", "memo_stats"]

K = TypeVar("K")
V = TypeVar("V")


class LruMemo(Generic[K, V]):
    """A bounded least-recently-used mapping from a key to an immutable value.

    Args:
        size: The most entries kept (at least 1).
    """

    __slots__ = ("size", "hits", "misses", "_data")

    def __init__(self, size: int) -> None:
        self.size = max(1, int(size))
        self.hits = 0
        self.misses = 0
        self._data: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        """The value stored under ``key`` (now the most recently used), or None."""
        data = self._data
        value = data.pop(key, None)
        if value is None:
            self.misses += 1
            return None
        data[key] = value
        self.hits += 1
        return value

    def put(self, key: K, value: V) -> V:
        """Store ``value`` under ``key``, dropping the least recently used entry when full;
        returns ``value``."""
        data = self._data
        if key not in data and len(data) >= self.size:
            try:
                del data[next(iter(data))]
            except (KeyError, RuntimeError, StopIteration):  # another thread changed it meanwhile
                pass
        data[key] = value
        return value

    def clear(self) -> None:
        """Forget every entry (the counts stay)."""
        self._data.clear()

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def stats(self) -> dict[str, Any]:
        """Entries held, the bound, hits and misses so far."""
        return {"entries": len(self._data), "size": self.size, "hits": self.hits, "misses": self.misses}


def attached(owner: object, name: str, size: int) -> LruMemo[Any, Any]:
    """The memo kept in ``owner.__dict__[name]``, made (bounded to ``size``) on first use: a
    component's memo lives and dies with the component, and its ``__getstate__`` leaves it out."""
    memo = owner.__dict__.get(name)
    if memo is None:
        memo = owner.__dict__[name] = LruMemo(size)
    return memo


def memo_stats(*memos: tuple[str, LruMemo[Any, Any] | None]) -> dict[str, dict[str, Any]]:
    """``{name: memo.stats()}`` of the named memos that exist."""
    return {name: memo.stats() for name, memo in memos if memo is not None}
