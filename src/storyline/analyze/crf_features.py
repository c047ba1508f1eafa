"""Tagging-time features of the English CRF: the training features the model can read, built from per-word parts.

A CRFsuite model knows a fixed set of attribute names; when it tags, every attribute it does not
know is dropped before scoring. So tagging with only the known attributes of
:func:`storyline.analyze.ner_features.sentence_features`, in the same order, gives the same scores
to the last bit: the same tags. Training keeps the full features; this module only makes tagging
cheaper (issue 21, item 4):

* **Per word, once per process.** Everything a word contributes (its own features; what it says
  as a neighbour, ``-1w=...``, ``+1sh=...``) is worked out the first time the word form is met,
  already filtered to the model's attributes, and kept in a bounded LRU keyed by the token string
  (:data:`WORD_CACHE_SIZE` forms). A token's features are then one list built from a few tuples.
* **Pairs by lookup.** A pair feature (``-1w|w=``, ``-1sh|sh=``, ``sh|+1sh=``) is looked up by the
  pair of strings in a table read off the model's attributes once, instead of being built as a
  string that the model mostly does not know (5,367 word pairs of the English model).

The model's attributes are read from its dump (:func:`known_attributes`; with the pair tables about
0.3 s per model file and process). When they cannot be read exactly (their count differs from the model header's),
:func:`english_features` answers None and the recogniser tags with the full features.

Measured (interleaved, same process, 12,673 sentences of crawled pages): features and tagging
7-35 % less CPU than with the full features (the C++ side reads ~15 instead of ~18 strings per
token). The same scheme for the multilingual model was tried and dropped: its features are
mostly class and gazetteer marks, and building them from parts was no faster.

:class:`EnglishRows` goes further (issue 21, session 14): no strings at all. Each word form's
parts are rows of the model's weights (:mod:`storyline.analyze.ner_decoder`), its own ones summed
once; a batch of sentences or name windows becomes one integer table gathered with numpy, and is
decoded at once: the same tags as the tagger (47,000 sentences and 27,000 windows compared), the
English recogniser's model part about 35 % cheaper. :class:`EnglishFeatures` stays for the tagger,
which still decodes where the weights cannot be read.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storyline.analyze.ner_decoder import WordRows
from storyline.analyze.ner_features import word_features, word_shape

__all__ = ["WORD_CACHE_SIZE", "EnglishFeatures", "EnglishRows", "english_features", "english_rows", "known_attributes"]

logger = logging.getLogger(__name__)

#: Word forms whose parts one table remembers (least recently used go first; measured ~600 bytes
#: each, so at most ~30 MB per process).
WORD_CACHE_SIZE = 50_000

Features = tuple[str, ...]
_NONE: Features = ()


def known_attributes(tagger: Any) -> frozenset[str] | None:
    """The attribute names of an open ``pycrfsuite.Tagger``'s model, or None when the dump's count
    does not match the model header's (then nothing may be filtered)."""
    info = tagger.info()
    names = frozenset(info.attributes)
    expected = info.header.get("num_attrs")
    if expected is None or int(expected) != len(names):
        logger.warning("CRF model attributes unreadable (%s of %s): tagging with full features", len(names), expected)
        return None
    return names


def _kept(name: str, known: frozenset[str]) -> Features:
    return (name,) if name in known else _NONE


def _pair_table(prefix: str, known: frozenset[str]) -> dict[tuple[str, str], Features]:
    """Every known ``prefix + a + "|" + b`` under each way of splitting it at a ``|``: a lookup of
    (a, b) finds it exactly when the joined string would be that attribute."""
    table: dict[tuple[str, str], Features] = {}
    for name in known:
        if name.startswith(prefix):
            rest, value = name[len(prefix):], (name,)
            cut = rest.find("|")
            while cut >= 0:
                table[(rest[:cut], rest[cut + 1:])] = value
                cut = rest.find("|", cut + 1)
    return table


class EnglishFeatures:
    """:func:`~storyline.analyze.ner_features.sentence_features` restricted to ``known``.

    A word's entry: (own features, as the word before, as the word two before, as the word after,
    as the word two after, lowercase, shape).
    """

    def __init__(self, known: frozenset[str], cache_size: int = WORD_CACHE_SIZE) -> None:
        self.known = known
        self._word_pairs = _pair_table("-1w|w=", known)
        self._shape_before = _pair_table("-1sh|sh=", known)
        self._shape_after = _pair_table("sh|+1sh=", known)
        self._first = _kept("first", known)
        self._before_start = self._parts("<s>", "<s>", _NONE)
        self._after_end = self._parts("</s>", "</s>", _NONE)
        self.entry: Callable[[str], tuple[Any, ...]] = lru_cache(maxsize=cache_size)(self._entry)

    def _parts(self, low: str, shape: str, own: Features) -> tuple[Any, ...]:
        known = self.known

        def keep(*names: str) -> Features:
            return tuple(filter(known.__contains__, names))

        return (own, keep("-1w=" + low, "-1sh=" + shape), keep("-2w=" + low),
                keep("+1w=" + low, "+1sh=" + shape), keep("+2w=" + low), low, shape)

    def _entry(self, word: str) -> tuple[Any, ...]:
        own = tuple(filter(self.known.__contains__, word_features(word)))
        return self._parts(word.lower(), word_shape(word), own)

    def __call__(self, words: list[str]) -> list[list[str]]:
        """The features of every word of one sentence, in the order of ``sentence_features``."""
        entries = [self.entry(w) for w in words]
        ahead = entries + [self._after_end, self._after_end]
        pairs, before, after = self._word_pairs.get, self._shape_before.get, self._shape_after.get
        out: list[list[str]] = []
        prev2 = prev1 = self._before_start
        for i, cur in enumerate(entries):
            next1, shape = ahead[i + 1], cur[6]
            out.append([*cur[0], *prev1[1], *prev2[2], *next1[3], *ahead[i + 2][4], *before((prev1[6], shape), _NONE),
                        *after((shape, next1[6]), _NONE), *pairs((prev1[5], cur[5]), _NONE)])
            prev2, prev1 = prev1, cur
        if out:
            out[0] += self._first
        return out


class EnglishRows(WordRows):
    """The same features as :class:`EnglishFeatures`, as rows of a :class:`~storyline.analyze.ner_decoder.CrfWeights`:
    per token the attribute rows CRFsuite would add, in its order.

    Each word form gets an id once per process (bounded: :data:`WORD_CACHE_SIZE` forms, then all
    are forgotten at the start of a call) and a row of ``roles``: the sum of its own attributes'
    weights (in order, from zero, as CRFsuite sums them: a row of ``own``), its attributes as the
    word before, two before, after and two after, and the ids of its lowercase form and shape in
    the pair tables. A batch's columns are then gathered with numpy around its padded ids; pairs
    are found by binary search among the model's known pairs, encoded as integers.
    """

    _ROLES = 9  # own, -1w, -1sh, -2w, +1w, +1sh, +2w, lowercase's pair id, shape's pair id

    def __init__(self, weights: Any, cache_size: int = WORD_CACHE_SIZE) -> None:
        self.weights = weights
        self.cache_size = cache_size
        self._lock = threading.Lock()
        self._first = weights.attribute("first")
        self._pair_ids: dict[str, int] = {}
        tables = [self._pairs(_pair_table(prefix, weights.known)) for prefix in ("-1w|w=", "-1sh|sh=", "sh|+1sh=")]
        self._word_pairs, self._shape_before, self._shape_after = tables
        self._reset()

    def _pairs(self, table: dict[tuple[str, str], Features]) -> tuple[np.ndarray, np.ndarray]:
        """(sorted integer keys a_id * 2^32 + b_id, their attribute rows) of a pair table."""
        ids = self._pair_ids
        keys = {(ids.setdefault(a, len(ids) + 1) << 32) + ids.setdefault(b, len(ids) + 1): self.weights.attribute(name[0])
                for (a, b), name in table.items()}
        order = sorted(keys)
        return np.array(order, dtype=np.int64), np.array([keys[k] for k in order], dtype=np.intp)

    def _reset(self) -> None:
        labels = len(self.weights.labels)
        self._ids: dict[str, int] = {}
        self._own = np.zeros((1024, labels))
        self._roles = np.zeros((1024, self._ROLES), dtype=np.intp)
        self._count = 0
        self._new: list[tuple[int, list[int], tuple[int, ...]]] = []
        self._start = self._add(None, "<s>", "<s>")
        self._end = self._add(None, "</s>", "</s>")
        self._flush()

    def _add(self, word: str | None, low: str, shape: str) -> int:
        """A new id (``word`` None: a pad, no own attributes); its rows are written by
        :meth:`_flush`, all the batch's new words at once."""
        get, unknown, k = self.weights.index.get, self.weights.unknown, self._count
        pair = self._pair_ids.get
        self._new.append((k, [] if word is None else [get(name, unknown) for name in word_features(word)],
                          (k, get("-1w=" + low, unknown), get("-1sh=" + shape, unknown), get("-2w=" + low, unknown),
                           get("+1w=" + low, unknown), get("+1sh=" + shape, unknown), get("+2w=" + low, unknown),
                           pair(low, 0), pair(shape, 0))))
        self._count += 1
        return k

    def _id(self, word: str) -> int:
        found = self._ids.get(word)
        if found is None:
            found = self._ids[word] = self._add(word, word.lower(), word_shape(word))
        return found

    def columns(self, sequences: list[list[str]]) -> np.ndarray:
        """Per token of every sequence (one after another): its row of :attr:`own` and the
        attribute rows CRFsuite adds after its own ones, in order (tokens x 11)."""
        if len(self._ids) + sum(map(len, sequences)) > self.cache_size:  # bounded: start again
            self._reset()
        ids_get, start, end = self._ids.get, self._start, self._end
        padded: list[int] = []
        firsts: list[int] = []  # each non-empty sequence's first token, counted in tokens
        tokens = 0
        for words in sequences:
            if words:
                firsts.append(tokens)
                tokens += len(words)
            padded += [start, start]
            padded += [ids_get(w) or self._id(w) for w in words]
            padded += [end, end]
        self._flush()
        ids = np.array(padded, dtype=np.intp)
        core = np.flatnonzero(ids > max(start, end))  # the words (the pads' ids come first)
        roles = self._roles
        cur, before, before2, after, after2 = (roles[ids[core + shift]] for shift in (0, -1, -2, 1, 2))
        out = np.empty((len(core), 11), dtype=np.intp)
        out[:, 0] = cur[:, 0]
        out[:, 1], out[:, 2], out[:, 3] = before[:, 1], before[:, 2], before2[:, 3]
        out[:, 4], out[:, 5], out[:, 6] = after[:, 4], after[:, 5], after2[:, 6]
        out[:, 7] = self._lookup(self._shape_before, before[:, 8], cur[:, 8])
        out[:, 8] = self._lookup(self._shape_after, cur[:, 8], after[:, 8])
        out[:, 9] = self._lookup(self._word_pairs, before[:, 7], cur[:, 7])
        out[:, 10] = self.weights.unknown
        out[firsts, 10] = self._first
        return out

    def _lookup(self, table: tuple[np.ndarray, np.ndarray], a: np.ndarray, b: np.ndarray) -> np.ndarray:
        keys, rows = table
        wanted = (a.astype(np.int64) << 32) + b
        at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        return np.where((keys[at] == wanted) & (a > 0) & (b > 0), rows[at], self.weights.unknown)

    def scores(self, sequences: list[list[str]]) -> np.ndarray:
        """The state scores of every token of the sequences (one after another; tokens x labels)."""
        with self._lock:  # the tables grow as words come: one batch at a time
            columns = self.columns(sequences)
            return self.weights.scores(self._own, columns)


def english_rows(model_path: str | Path) -> EnglishRows | None:
    """The English features as weight rows of a model file (None: tag with the tagger)."""
    from storyline.analyze.ner_decoder import crf_weights  # noqa: PLC0415 - numpy only when tagging

    weights = crf_weights(*_stamp(model_path))
    return None if weights is None else _english_rows(weights)


@lru_cache(maxsize=4)
def _english_rows(weights: Any) -> EnglishRows:
    return EnglishRows(weights)


def english_features(model_path: str | Path) -> EnglishFeatures | None:
    """The fast English features of a model file, one table per process and file version (None:
    tag with the full features)."""
    known = _known(*_stamp(model_path))
    return None if known is None else _english(known)


def _stamp(model_path: str | Path) -> tuple[str, int, int]:
    """The file and its version: a model retrained in place is read again."""
    path = Path(model_path).resolve()
    stat = path.stat()
    return str(path), stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=8)
def _known(path: str, mtime_ns: int, size: int) -> frozenset[str] | None:
    import pycrfsuite  # noqa: PLC0415 - the recognisers import it lazily too

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    try:
        return known_attributes(tagger)
    finally:
        tagger.close()


@lru_cache(maxsize=8)
def _english(known: frozenset[str]) -> EnglishFeatures:
    return EnglishFeatures(known)
