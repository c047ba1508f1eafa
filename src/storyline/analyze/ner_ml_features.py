"""The multilingual CRF's features as weight rows, for the array decoder (issue 21 item 4).

:func:`storyline.analyze.ner_features.ml_sentence_features` (training, and the reference) builds
about fifteen strings per token (``w=…``, ``-1w=…``, ``-1c|c=…``…) that CRFsuite then looks up one
by one; with the tagger's ``set``, that was a third of the multilingual recogniser's time.
:class:`MlRows` gives, per token, the rows of :class:`~storyline.analyze.ner_decoder.CrfWeights`
those strings would have named, in the same order (an unknown one: the row of zeros), so the
decoder's state scores are CRFsuite's to the last bit:

* **Per word form and opening flag** (an id, bounded: :data:`WORD_CACHE_SIZE`, then all forgotten
  at the start of a call): its own attributes' weights summed once (a running sum from zero, as
  CRFsuite adds them), its class, and its rows as the word before (``-1c=``, ``-1w=``) and after
  (``1c=``, ``1w=``).
* **Per class** (a dozen): ``-2c=``, ``2c=`` and the pairs ``-1c|c=``, ``1c|c=``, in small arrays;
  the gazetteer's ``gaz=``/``gazt=`` per (mark, lowercase word), for the few marked tokens.

A batch of sentences is laid out with two pads either side of each (the pads' rows are the
``<s>`` attributes, or none), and every column is one numpy gather.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from storyline.analyze.ner_decoder import WordRows
from storyline.analyze.ner_features import _SENTENCE_MARKS, _ml_word

if TYPE_CHECKING:
    from storyline.analyze.ner_decoder import CrfWeights
    from storyline.analyze.ner_lexicon import NameLexicon

__all__ = ["WORD_CACHE_SIZE", "MlRows"]

#: Word forms (with their opening flag) one table keeps ids for before starting again.
WORD_CACHE_SIZE = 100_000
#: (mark, lowercase word) pairs whose gazetteer rows are remembered.
_GAZ_CACHE_SIZE = 20_000
_PAD = 0  # the class of the positions before and after a sentence


class MlRows(WordRows):
    """:func:`~storyline.analyze.ner_features.ml_sentence_features` as rows of ``weights``."""

    def __init__(self, weights: CrfWeights, cache_size: int = WORD_CACHE_SIZE) -> None:
        self.weights = weights
        self.cache_size = cache_size
        self._lock = threading.Lock()
        self._classes: dict[str, int] = {"<s>": _PAD}
        self._gaz: dict[tuple[str, str], tuple[int, int]] = {}
        self._class_tables()
        self._reset()

    def _class_tables(self) -> None:
        """The class attributes' rows: ``-2c=``/``2c=`` by class, ``-1c|c=``/``1c|c=`` by pair."""
        row, unknown = self.weights.attribute, self.weights.unknown
        names = sorted(self._classes, key=self._classes.__getitem__)
        self._minus2 = np.array([row("-2c=" + c) for c in names], dtype=np.intp)
        self._plus2 = np.array([row("2c=" + c) for c in names], dtype=np.intp)
        self._pair_before = np.array([[unknown if a == "<s>" else row(f"-1c|c={a}|{b}") for b in names]
                                      for a in names], dtype=np.intp)
        self._pair_after = np.array([[unknown if a == "<s>" else row(f"1c|c={a}|{b}") for b in names]
                                     for a in names], dtype=np.intp)

    def _reset(self) -> None:
        #: (language, opens a sentence) → word form → id.
        self._ids: dict[tuple[str, bool], dict[str, int]] = {}
        self._size = 0
        self._own = np.zeros((1024, len(self.weights.labels)))
        self._roles = np.zeros((1024, 6), dtype=np.intp)  # own, class, -1c, -1w, 1c, 1w
        unknown, row = self.weights.unknown, self.weights.attribute
        self._roles[0] = (0, _PAD, row("-1c=<s>"), unknown, row("1c=<s>"), unknown)  # the pad
        self._count = 1
        self._new: list[tuple[int, list[int], tuple[int, ...]]] = []

    def _add(self, word: str, lex: NameLexicon, initial: bool) -> int:
        """A new id; its rows are written by :meth:`_flush`, all the batch's new words at once."""
        kind, low, own = _ml_word(word, lex, initial)
        get, unknown, k = self.weights.index.get, self.weights.unknown, self._count
        kind_id = self._classes.get(kind)
        if kind_id is None:
            kind_id = self._classes[kind] = len(self._classes)
            self._class_tables()
        self._new.append((k, [get(name, unknown) for name in own],
                          (k, kind_id, get("-1c=" + kind, unknown), get("-1w=" + low, unknown),
                           get("1c=" + kind, unknown), get("1w=" + low, unknown))))
        self._count += 1
        return k

    def _gazetteer(self, mark: str, low: str, gazetteer: Mapping[str, str]) -> tuple[int, int]:
        key = (mark, low)
        found = self._gaz.get(key)
        if found is None:
            if len(self._gaz) >= _GAZ_CACHE_SIZE:
                self._gaz.clear()
            row = self.weights.attribute
            found = self._gaz[key] = (row("gaz=" + mark), row("gazt=" + gazetteer.get(low, "multi")))
        return found

    def columns(self, chunks: list[list[str]], marks: list[list[str]], lex: NameLexicon,
                gazetteer: Mapping[str, str]) -> np.ndarray:
        """Per token of every chunk (one after another): its row of :attr:`own` and the attribute
        rows CRFsuite adds after its own ones, in order (tokens x 13); ``marks``: each chunk's
        :func:`~storyline.analyze.ner_features.place_marks`."""
        if self._size + sum(map(len, chunks)) > self.cache_size:  # bounded: start again
            self._reset()
        language = lex.language
        opening = self._ids.setdefault((language, True), {})
        inside = self._ids.setdefault((language, False), {})
        padded: list[int] = []
        marked: list[bool] = []
        gaz: list[tuple[int, int]] = []
        unknown = self.weights.unknown
        for words, places in zip(chunks, marks):
            padded += [_PAD, _PAD]
            initial = True
            for word in words:
                table = opening if initial else inside
                found = table.get(word)
                if found is None:
                    found = table[word] = self._add(word, lex, initial)
                    self._size += 1
                padded.append(found)
                initial = word in _SENTENCE_MARKS
            padded += [_PAD, _PAD]
            marked += [False, False, *map(bool, places), False, False]
            gaz += [(unknown, unknown) if not mark else self._gazetteer(mark, word.lower(), gazetteer)
                    for word, mark in zip(words, places)]
        self._flush()
        ids = np.array(padded, dtype=np.intp)
        flags = np.array(marked, dtype=bool)
        real = ids != _PAD
        core = np.flatnonzero(real)
        roles = self._roles
        cur, before, before2, after, after2 = (roles[ids[core + shift]] for shift in (0, -1, -2, 1, 2))
        kind = cur[:, 1]
        out = np.empty((len(core), 13), dtype=np.intp)
        out[:, 0] = cur[:, 0]
        out[:, 1:3] = np.array(gaz, dtype=np.intp).reshape(-1, 2)
        out[:, 3] = self._minus2[before2[:, 1]]
        out[:, 4] = self._plus2[after2[:, 1]]
        out[:, 5], out[:, 6] = before[:, 2], before[:, 3]
        out[:, 7] = self._pair_before[before[:, 1], kind]
        out[:, 8] = np.where(flags[core - 1], self.weights.attribute("-1gaz"), unknown)
        out[:, 9], out[:, 10] = after[:, 4], after[:, 5]
        out[:, 11] = self._pair_after[after[:, 1], kind]
        out[:, 12] = np.where(flags[core + 1], self.weights.attribute("1gaz"), unknown)
        return out

    def scores(self, chunks: list[list[str]], marks: list[list[str]], lex: NameLexicon,
               gazetteer: Mapping[str, str]) -> np.ndarray:
        """The state scores of every token of the chunks (one after another; tokens x labels)."""
        with self._lock:  # the tables grow as words come: one batch at a time
            columns = self.columns(chunks, marks, lex, gazetteer)
            return self.weights.scores(self._own, columns)

