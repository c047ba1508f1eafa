"""Near-duplicate detection: wire copies and light rewrites, with MinHash and LSH (datasketch).

An article's text becomes the set of its word 3-shingles (accent-folded, lowercased). A MinHash of
that set (``hashfunc`` = ``zlib.crc32``, about twice as fast as the default SHA-1) goes into a
:class:`datasketch.MinHashLSH`; a new article whose estimated Jaccard similarity with an indexed one
reaches ``threshold`` is a *version* of it. Versions point at the first article of their family
(the canonical one), so a chain of rewrites stays one family.

The index is bounded: entries older than ``window_days`` (by publication day, against the latest
day seen) and beyond ``max_entries`` (oldest first) are removed.
"""

from __future__ import annotations

import re
import zlib
from collections import deque
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from storyline.group.features import fold_head

_WORD = re.compile(r"\w+")
#: datasketch 2.0's default permutation scheme, named so that saved signatures stay comparable.
_SCHEME = "affine32"


def _crc32(data: bytes) -> int:
    return zlib.crc32(data)


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> np.ndarray:
    # What MinHash(num_perm, seed=1, scheme=_SCHEME) draws on every construction; drawn once.
    return MinHash(num_perm=num_perm, hashfunc=_crc32, scheme=_SCHEME).permutations


def shingles(text: str, size: int = 3) -> set[bytes]:
    """The word ``size``-shingles of a text, folded; a short text is one shingle.

    Args:
        text: Any text.
        size: Words per shingle.

    Returns:
        The shingles as UTF-8 bytes; empty for a text without words.
    """
    words = _WORD.findall(fold_head(text))  # fold(text[:20_000]), shared with features
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    if size == 3:
        return {f"{a} {b} {c}".encode() for a, b, c in zip(words, words[1:], words[2:])}
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


class DuplicateIndex:
    """Finds the earlier article that a new one copies or lightly rewrites.

    Args:
        threshold: Estimated Jaccard similarity of shingle sets at which two texts are versions.
        num_perm: MinHash permutations.
        shingle_size: Words per shingle.
        window_days: How long (in publication days) an article stays findable.
        max_entries: At most this many articles are indexed; the oldest go first.
    """

    def __init__(self, *, threshold: float = 0.7, num_perm: int = 64, shingle_size: int = 3,
                 window_days: int = 30, max_entries: int = 200_000) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.window_days = window_days
        self.max_entries = max_entries
        self.versions_: dict[str, str] = {}
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._hashes: dict[str, MinHash] = {}
        self._order: deque[tuple[str, int | None]] = deque()
        self._clock: int | None = None

    def signature(self, text: str) -> MinHash | None:
        """The MinHash of a text, or None when it has no words."""
        grams = shingles(text, self.shingle_size)
        if not grams:
            return None
        # zlib.crc32 itself (same values as _crc32, one call fewer per shingle); the shared
        # permutations are the ones every MinHash of the default seed draws; and the minimum
        # over the shingles does not depend on their order, so they are not sorted.
        minhash = MinHash(num_perm=self.num_perm, hashfunc=zlib.crc32, scheme=_SCHEME,
                          permutations=_permutations(self.num_perm))
        minhash.update_batch(grams)
        return minhash

    def add(self, article_id: str, text: str, day: int | None = None) -> str | None:
        """Index an article and say which earlier article it is a version of.

        Args:
            article_id: The article's id (indexing the same id twice is a no-op).
            text: Its text.
            day: Its publication day (ordinal), or None.

        Returns:
            The canonical id of its family when it is a version of an earlier article, else None.
        """
        if article_id in self._hashes or article_id in self.versions_:
            return self.versions_.get(article_id)
        self.advance(day)
        minhash = self.signature(text)
        if minhash is None:
            return None
        original = self._best_match(minhash)
        if original is not None:
            self.versions_[article_id] = self.versions_.get(original, original)
        self._insert(article_id, minhash, day)
        return self.versions_.get(article_id)

    def _best_match(self, minhash: MinHash) -> str | None:
        best: tuple[float, str] | None = None
        for key in sorted(self._lsh.query(minhash)):
            score = minhash.jaccard(self._hashes[key])
            if score >= self.threshold and (best is None or score > best[0]):
                best = (score, key)
        return None if best is None else best[1]

    def _insert(self, article_id: str, minhash: MinHash, day: int | None) -> None:
        self._lsh.insert(article_id, minhash)
        self._hashes[article_id] = minhash
        self._order.append((article_id, day))
        while len(self._order) > self.max_entries:
            self._remove(self._order.popleft()[0])

    def band_keys(self, text: str) -> list[str]:
        """One key per LSH band of a text's signature: the index compares two texts only when
        they share a band key."""
        minhash = self.signature(text)
        if minhash is None:
            return []
        values = minhash.hashvalues
        return [f"~{n}:{values[start:end].tobytes().hex()}"
                for n, (start, end) in enumerate(self._lsh.hashranges)]

    def advance(self, day: int | None) -> None:
        """Move the clock to ``day`` (it never goes back); texts older than ``window_days``
        leave the index."""
        if day is None or (self._clock is not None and day <= self._clock):
            return
        self._clock = day
        horizon = day - self.window_days
        while self._order and self._order[0][1] is not None and self._order[0][1] < horizon:
            self._remove(self._order.popleft()[0])

    def _remove(self, article_id: str) -> None:
        if article_id in self._hashes:
            self._lsh.remove(article_id)
            del self._hashes[article_id]

    def __len__(self) -> int:
        return len(self._hashes)

    def to_state(self) -> dict[str, Any]:
        """JSON-able state: params, version links, and the signatures still indexed."""
        return {
            "params": {"threshold": self.threshold, "num_perm": self.num_perm,
                       "shingle_size": self.shingle_size, "window_days": self.window_days,
                       "max_entries": self.max_entries},
            "versions": dict(self.versions_),
            "clock": self._clock,
            "entries": [[key, day, self._hashes[key].hashvalues.tolist()]
                        for key, day in self._order if key in self._hashes],
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> DuplicateIndex:
        """Rebuild an index from :meth:`to_state` output."""
        index = cls(**state["params"])
        index.versions_ = dict(state["versions"])
        index._clock = state["clock"]
        for key, day, values in state["entries"]:
            minhash = MinHash(num_perm=index.num_perm, hashfunc=_crc32, scheme=_SCHEME,
                              hashvalues=np.asarray(values, dtype=np.uint64))
            index._insert(key, minhash, day)
        return index
