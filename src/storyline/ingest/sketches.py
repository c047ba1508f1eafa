"""Small fixed-size summaries of an article, to tell whether two articles are related or copies.

- :func:`content_sketch`: a bottom-k sketch (the ``SKETCH`` smallest of the 32-bit hashes, led by
  the number of distinct hashes) of the content words of an article (:func:`word_hashes`: words
  of four letters or more, no function word of any language). :func:`containment` estimates from
  two sketches the share of the smaller word set found in the larger: articles on one subject
  share their names and places.
- The same sketch over the keys of an article's long lines (:func:`key_hashes`) tells versions
  and copies of one report (they repeat most of their paragraphs verbatim) from other reports
  that only share furniture.

Cost: one CRC-32 per word or line; a sketch is at most 260 bytes; a comparison is a merge of two
sorted arrays of ``SKETCH`` integers.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from array import array
from collections.abc import Iterable
from functools import lru_cache

from anyascii import anyascii

from storyline.lang import pack

#: Hashes kept per sketch.
SKETCH = 64
_WORD = re.compile(r"\w{4,}")
#: A word sketch of fewer words cannot tell related articles from unrelated ones.
MIN_SKETCH_WORDS = 12


def line_key(line: str) -> str:
    """A line's identity: its words, case-folded, hashed (16 hex digits)."""
    return hashlib.blake2b(" ".join(line.casefold().split()).encode(), digest_size=8).hexdigest()


def key_hash(key: str) -> int:
    """A line key as a 32-bit integer, for :func:`content_sketch`."""
    return int(key[:8], 16)


def word_hashes(line: str) -> tuple[int, ...]:
    """Stable 32-bit hashes of a line's words of four letters or more, function words left out."""
    stop = _function_words()
    return tuple(zlib.crc32(word.encode()) for word in set(_WORD.findall(line.casefold()))
                 if (word if word.isascii() else anyascii(word)) not in stop)


def content_sketch(hashes: Iterable[int]) -> bytes:
    """The number of distinct hashes, then the ``SKETCH`` smallest of them."""
    distinct = set(hashes)
    return array("I", [len(distinct), *sorted(distinct)[:SKETCH]]).tobytes()


def sketch_size(sketch: bytes) -> int:
    """How many distinct hashes a sketch summarises."""
    return array("I", sketch[:4])[0] if sketch else 0


def containment(sketch: bytes, other: bytes, *, min_size: int = MIN_SKETCH_WORDS) -> float:
    """Estimated share of the smaller set found in the larger, from two sketches.

    The bottom-k estimate of the Jaccard similarity J gives the intersection as
    J·(|A|+|B|)/(1+J); sets smaller than ``min_size`` cannot be judged and count as contained.
    """
    first, second = array("I", sketch), array("I", other)
    size_a, size_b = first[0], second[0]
    if min(size_a, size_b) < max(min_size, 1):
        return 1.0
    a, b = set(first[1:]), set(second[1:])
    union = sorted(a | b)[:SKETCH]
    both = a & b
    jaccard = sum(1 for value in union if value in both) / len(union)
    return min(1.0, jaccard * (size_a + size_b) / (1 + jaccard) / min(size_a, size_b))


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """Function words of every language (accent-folded): shared by any two texts of a language,
    they say nothing about whether two articles are related."""
    return pack(None).words("words", "function_words")
