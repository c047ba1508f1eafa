"""Tagging-time CRF features: the training features the model can read, built from per-word parts.

A CRFsuite model knows a fixed set of attribute names; when it tags, every attribute it does not
know is dropped before scoring. So tagging with only the known attributes of
:func:`storyline.analyze.ner_features.sentence_features` (English) and
:func:`~storyline.analyze.ner_features.ml_sentence_features` (multilingual), in the same order,
gives the same scores to the last bit: the same tags and the same marginals. Training keeps the
full features; this module only makes tagging cheaper (issue 21, item 4):

* **Per word, once per process.** Everything a word contributes (its own features; what it says
  as a neighbour, ``-1w=...``, ``+1sh=...``) is worked out the first time the word form is met,
  already filtered to the model's attributes and encoded to the UTF-8 bytes python-crfsuite passes
  to C++, and kept in a bounded LRU keyed by the token string (:data:`WORD_CACHE_SIZE` forms per
  table). A token's features are then a few tuple concatenations.
* **Pairs by lookup.** A pair feature (``-1w|w=``, ``-1sh|sh=``, ``-1c|c=``) is looked up by the
  pair of strings in a table read off the model's attributes once, instead of being built as a
  string that the model mostly does not know (5,367 word pairs of the English model).

The model's attributes are read from its dump (:func:`known_attributes`, about 0.2 s per model and
process). When they cannot be read exactly (their count differs from the model header's), the
tables are not built and the recognisers tag with the full features (:func:`english_features` and
:func:`multilingual_features` answer None).

Cost per token: a cached lookup per word and about ten tuple concatenations (English, ~2 µs); the
C++ side then converts ~15 instead of ~18 strings per token.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.analyze.ner_features import _ml_word, _SENTENCE_MARKS, word_features, word_shape

if TYPE_CHECKING:
    from storyline.analyze.ner_lexicon import NameLexicon

__all__ = ["WORD_CACHE_SIZE", "EnglishFeatures", "MultilingualFeatures", "english_features", "known_attributes",
           "multilingual_features"]

logger = logging.getLogger(__name__)

#: Word forms whose parts one table remembers (least recently used go first; ~1 KB each).
WORD_CACHE_SIZE = 100_000

Features = tuple[bytes, ...]
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


class _Template(dict[Any, Features]):
    """``prefix + value`` (a pair joined by ``|``) as a one-element bytes tuple when the model knows
    it, else empty; filled on first use. Only for small vocabularies (shapes, classes, marks)."""

    def __init__(self, prefix: str, known: frozenset[str]) -> None:
        super().__init__()
        self.prefix, self.known = prefix, known

    def __missing__(self, key: Any) -> Features:
        name = self.prefix + (key if isinstance(key, str) else "|".join(key))
        found = self[key] = _encoded(name, self.known)
        return found


def _encoded(name: str, known: frozenset[str]) -> Features:
    return (name.encode("utf-8"),) if name in known else _NONE


def _pair_table(prefix: str, known: frozenset[str]) -> dict[tuple[str, str], Features]:
    """Every known ``prefix + a + "|" + b`` under each way of splitting it at a ``|``: a lookup of
    (a, b) finds it exactly when the joined string would be that attribute."""
    table: dict[tuple[str, str], Features] = {}
    for name in known:
        if name.startswith(prefix):
            rest, value = name[len(prefix):], (name.encode("utf-8"),)
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
        self._first = _encoded("first", known)
        self._before_start = self._parts("<s>", "<s>", _NONE)
        self._after_end = self._parts("</s>", "</s>", _NONE)
        self.entry: Callable[[str], tuple[Any, ...]] = lru_cache(maxsize=cache_size)(self._entry)

    def _parts(self, low: str, shape: str, own: Features) -> tuple[Any, ...]:
        known = self.known

        def keep(*names: str) -> Features:
            return tuple(n.encode("utf-8") for n in names if n in known)

        return (own, keep("-1w=" + low, "-1sh=" + shape), keep("-2w=" + low),
                keep("+1w=" + low, "+1sh=" + shape), keep("+2w=" + low), low, shape)

    def _entry(self, word: str) -> tuple[Any, ...]:
        own = tuple(f.encode("utf-8") for f in word_features(word) if f in self.known)
        return self._parts(word.lower(), word_shape(word), own)

    def __call__(self, words: list[str]) -> list[Features]:
        """The features of every word of one sentence, in the order of ``sentence_features``."""
        entries = [self.entry(w) for w in words]
        ahead = entries + [self._after_end, self._after_end]
        pairs, before, after = self._word_pairs.get, self._shape_before.get, self._shape_after.get
        out: list[Features] = []
        prev2 = prev1 = self._before_start
        for i, cur in enumerate(entries):
            next1, shape = ahead[i + 1], cur[6]
            out.append(cur[0] + prev1[1] + prev2[2] + next1[3] + ahead[i + 2][4] + before((prev1[6], shape), _NONE)
                       + after((shape, next1[6]), _NONE) + pairs((prev1[5], cur[5]), _NONE))
            prev2, prev1 = prev1, cur
        if out:
            out[0] += self._first
        return out


class MultilingualFeatures:
    """:func:`~storyline.analyze.ner_features.ml_sentence_features` restricted to ``known``; one
    bounded word table per language lexicon. A word's entry: (class, lowercase, own features, as
    the word before, as the word after)."""

    def __init__(self, known: frozenset[str], cache_size: int = WORD_CACHE_SIZE) -> None:
        self.known = known
        self.cache_size = cache_size
        self._tables: dict[int, tuple[NameLexicon, Callable[[str, bool], tuple[Any, ...]]]] = {}
        t = self._template = {name: _Template(name, known)
                              for name in ("gaz=", "gazt=", "-2c=", "2c=", "-1c=", "1c=", "-1c|c=", "1c|c=")}
        self._gaz = t["gaz="]
        self._marks = (_encoded("-1gaz", known), _encoded("1gaz", known))

    def table(self, lex: NameLexicon) -> Callable[[str, bool], tuple[Any, ...]]:
        """The word-entry LRU of one lexicon (lexicons are kept per process, one per language)."""
        found = self._tables.get(id(lex))
        if found is None or found[0] is not lex:
            known = self.known

            def entry(word: str, initial: bool) -> tuple[Any, ...]:
                kind, low, own = _ml_word(word, lex, initial)
                return (kind, low, tuple(f.encode("utf-8") for f in own if f in known),
                        _encoded("-1w=" + low, known), _encoded("1w=" + low, known))

            found = self._tables[id(lex)] = (lex, lru_cache(maxsize=self.cache_size)(entry))
        return found[1]

    def __call__(self, words: list[str], lex: NameLexicon, gazetteer: Mapping[str, str],
                 places: list[str]) -> list[Features]:
        """The features of one sentence, in the order of ``ml_sentence_features``."""
        entry = self.table(lex)
        infos = [entry(w, i == 0 or words[i - 1] in _SENTENCE_MARKS) for i, w in enumerate(words)]
        classes = [info[0] for info in infos]
        t = self._template
        gazt, m2c, p2c, m1c, p1c, m1cc, p1cc = (t["gazt="], t["-2c="], t["2c="], t["-1c="], t["1c="], t["-1c|c="],
                                                t["1c|c="])
        before_gaz, after_gaz = self._marks
        n = len(words)
        out: list[Features] = []
        for i, (kind, low, own, _, _) in enumerate(infos):
            feats = own
            if places[i]:
                feats += self._gaz[places[i]] + gazt[gazetteer.get(low, "multi")]
            feats += m2c[classes[i - 2] if i > 1 else "<s>"] + p2c[classes[i + 2] if i + 2 < n else "<s>"]
            if i > 0:
                feats += m1c[classes[i - 1]] + infos[i - 1][3] + m1cc[(classes[i - 1], kind)]
                if places[i - 1]:
                    feats += before_gaz
            else:
                feats += m1c["<s>"]
            if i + 1 < n:
                feats += p1c[classes[i + 1]] + infos[i + 1][4] + p1cc[(classes[i + 1], kind)]
                if places[i + 1]:
                    feats += after_gaz
            else:
                feats += p1c["<s>"]
            out.append(feats)
        return out


def english_features(model_path: str | Path) -> EnglishFeatures | None:
    """The fast English features of a model file, one table per process and file version (None:
    tag with the full features)."""
    known = _known(*_stamp(model_path))
    return None if known is None else _english(known)


def multilingual_features(model_path: str | Path) -> MultilingualFeatures | None:
    """The fast multilingual features of a model file, as :func:`english_features`."""
    known = _known(*_stamp(model_path))
    return None if known is None else _multilingual(known)


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


@lru_cache(maxsize=8)
def _multilingual(known: frozenset[str]) -> MultilingualFeatures:
    return MultilingualFeatures(known)
