"""A CRFsuite model's weights as arrays, and its decoder over many sentences at once (numpy).

CRFsuite scores a token's labels by adding, attribute by attribute in the order given, the
weights the model has for each (attribute, label); the best path (Viterbi) then adds the
transition weights. Giving it strings costs more than the scoring: every attribute name is built
in Python and looked up in the model's dictionary, about 12 per token (issue 21 item 4: the
multilingual recogniser's features and ``Tagger.set`` were a third of its time).

:class:`CrfWeights` reads a model file once: the attribute and label names from the tagger's dump,
the weights themselves from the binary file (the dump rounds them to six decimals). A caller that
knows, per token, the attribute ids it would have given (unknown attributes map to a row of
zeros) gets the state scores by adding rows in the same order (:meth:`CrfWeights.rows`; adding
0.0 changes no bit), so they are CRFsuite's to the last bit, and :meth:`CrfWeights.viterbi` makes
the same comparisons in the same order (first best on ties): the same tags. Many sentences are
decoded together, position by position (numpy over the sentences still running), so a report
costs a few dozen array operations per position of its longest sentence instead of a call per
sentence.

:meth:`CrfWeights.marginals` is CRFsuite's scaled forward-backward over the same scores; its
exponentials are numpy's, so marginals may differ from CRFsuite's in the last bits: callers that
compare marginals fall back to the tagger where two choices are within :data:`MARGINAL_TIE`.

Cost: reading a model, about 0.1 s; decoding, linear in the tokens, with numpy's per-call cost per
position of the longest sentence in the batch.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["MARGINAL_TIE", "CrfWeights", "crf_weights"]

#: Sums of marginals closer than this are a tie the caller must settle with the tagger itself.
MARGINAL_TIE = 1e-6
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


class CrfWeights:
    """State weights (one row per attribute, plus a row of zeros for unknown ones) and
    transitions of one CRFsuite model.

    Raises:
        ValueError: the file is not a model this reader understands.
    """

    def __init__(self, path: str | Path) -> None:
        import pycrfsuite  # noqa: PLC0415 - the recognisers import it lazily too

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        try:
            info = tagger.info()
        finally:
            tagger.close()
        data = Path(path).read_bytes()
        magic, _, _, _, _, num_labels, num_attrs, off_features = struct.unpack_from("<4sIIIIIII", data, 0)
        chunk, _, count = struct.unpack_from("<4sII", data, off_features)
        attributes = {name: int(i) for name, i in info.attributes.items()}
        labels = {name: int(i) for name, i in info.labels.items()}
        if magic != b"lCRF" or chunk != b"FEAT" or len(attributes) != num_attrs or len(labels) != num_labels \
                or sorted(attributes.values()) != list(range(num_attrs)):
            raise ValueError(f"{path}: not a CRFsuite model this reader understands")
        features = np.frombuffer(data, dtype=_FEATURE, count=count, offset=off_features + 12)
        state, trans = features[features["type"] == 0], features[features["type"] == 1]
        self.labels: list[str] = sorted(labels, key=labels.__getitem__)
        self.index: dict[str, int] = attributes
        self.known = frozenset(attributes)
        #: The row of an attribute the model does not know (zeros).
        self.unknown = num_attrs
        self.state = np.zeros((num_attrs + 1, num_labels))
        self.state[state["src"], state["dst"]] = state["weight"]
        self.trans = np.zeros((num_labels, num_labels))
        self.trans[trans["src"], trans["dst"]] = trans["weight"]
        self._exp_trans = np.exp(self.trans)

    def attribute(self, name: str) -> int:
        """The row of an attribute (:attr:`unknown` when the model does not know it)."""
        return self.index.get(name, self.unknown)

    def sums(self, rows: Sequence[Sequence[int]]) -> np.ndarray:
        """Each list's state rows added in order from zero (CRFsuite's order; shorter lists are
        padded with the row of zeros, which changes no bit): one row of label scores per list."""
        width = max(map(len, rows), default=0)
        if not width:
            return np.zeros((len(rows), len(self.labels)))
        unknown = self.unknown
        table = np.array([[*r, *[unknown] * (width - len(r))] for r in rows], dtype=np.intp)
        return np.cumsum(self.state[table], axis=1)[:, -1]

    def scores(self, own: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """State scores of tokens given, per token, its row of ``own`` (its own attributes' sum)
        and the attribute rows that follow, added one column after another as CRFsuite adds them."""
        if not len(columns):
            return np.zeros((0, len(self.labels)))
        out = own[columns[:, 0]]
        state = self.state
        for k in range(1, columns.shape[1]):
            out += state[columns[:, k]]
        return out

    def _layout(self, scores: Sequence[np.ndarray]) -> tuple[list[int], list[int], np.ndarray]:
        """The sentences longest first (their indices), how many run past each position, and
        their scores position-major (positions x sentences x labels; zeros past a sentence's end)."""
        lengths = [len(s) for s in scores]
        order = sorted((k for k in range(len(scores)) if lengths[k]), key=lambda k: -lengths[k])
        longest = lengths[order[0]] if order else 0
        padded = np.zeros((longest, len(order), len(self.labels)))
        for row, k in enumerate(order):
            padded[:lengths[k], row] = scores[k]
        descending = -np.array([lengths[k] for k in order])
        running = np.searchsorted(descending, -np.arange(longest + 1), side="left").tolist()
        return order, running, padded

    def viterbi(self, scores: Sequence[np.ndarray]) -> list[list[str]]:
        """The best labels of each sentence, given its state scores (tokens x labels); CRFsuite's
        comparisons, in its order."""
        lengths = [len(s) for s in scores]
        order = sorted((k for k in range(len(scores)) if lengths[k]), key=lambda k: -lengths[k])
        out: list[list[str]] = [[] for _ in scores]
        if not order:
            return out
        size = len(order)
        longest = lengths[order[0]]
        padded = np.zeros((size, longest, len(self.labels)))
        for row, k in enumerate(order):
            padded[row, :lengths[k]] = scores[k]
        descending = -np.array([lengths[k] for k in order])
        running = np.searchsorted(descending, -np.arange(longest + 1), side="left").tolist()
        back = np.zeros((size, longest, len(self.labels)), dtype=np.intp)
        best = padded[:, 0].copy()
        trans = self.trans
        for t in range(1, longest):
            n = running[t]
            candidates = best[:n, :, None] + trans
            back[:n, t] = candidates.argmax(axis=1)
            best[:n] = candidates.max(axis=1) + padded[:n, t]
        last = best.argmax(axis=1)
        path = np.zeros((size, longest), dtype=np.intp)
        current = np.zeros(size, dtype=np.intp)
        rows = np.arange(size)
        for t in range(longest - 1, -1, -1):
            n, ending = running[t], running[t + 1]
            current[ending:n] = last[ending:n]
            path[:n, t] = current[:n]
            if t:
                current[:n] = back[rows[:n], t, current[:n]]
        labels = self.labels
        for row, k in enumerate(order):
            out[k] = [labels[i] for i in path[row, :lengths[k]].tolist()]
        return out

    def marginals(self, scores: Sequence[np.ndarray]) -> list[np.ndarray]:
        """Each sentence's label probabilities per token (tokens x labels): CRFsuite's scaled
        forward-backward, over all the sentences at once."""
        out: list[np.ndarray] = [np.zeros((0, len(self.labels))) for _ in scores]
        order, running, padded = self._layout(scores)
        if not order:
            return out
        longest, size, width = padded.shape
        exp_state = np.exp(padded)
        exp_trans, exp_trans_t = self._exp_trans, self._exp_trans.T.copy()
        alpha = np.zeros_like(exp_state)
        scale = np.ones((longest, size))
        alpha[0] = exp_state[0]
        for t in range(longest):
            n = running[t]
            here = alpha[t, :n]
            if t:
                np.matmul(alpha[t - 1, :n], exp_trans, out=here)
                here *= exp_state[t, :n]
            np.divide(1.0, here.sum(axis=1), out=scale[t, :n])
            here *= scale[t, :n, None]
        beta = np.zeros_like(exp_state)
        step = np.empty((size, width))
        for t in range(longest - 1, -1, -1):
            n, going = running[t], running[t + 1]
            beta[t, going:n] = scale[t, going:n, None]
            if going:
                np.multiply(beta[t + 1, :going], exp_state[t + 1, :going], out=step[:going])
                np.matmul(step[:going], exp_trans_t, out=beta[t, :going])
                beta[t, :going] *= scale[t, :going, None]
        probabilities = alpha * beta / scale[:, :, None]
        for row, k in enumerate(order):
            out[k] = probabilities[:len(scores[k]), row]
        return out


@lru_cache(maxsize=4)
def crf_weights(path: str, mtime_ns: int, size: int) -> CrfWeights | None:
    """The weights of a model file, once per process and file version; None when unreadable."""
    try:
        return CrfWeights(path)
    except (ValueError, struct.error, OSError):
        return None


class WordRows:
    """What :class:`~storyline.analyze.crf_features.EnglishRows` and
    :class:`~storyline.analyze.ner_ml_features.MlRows` share: a growing table of word forms, each
    with its own score row (the sum of its own attributes' weights, in CRFsuite's order) and a row
    of the attribute rows it brings in other roles (the word before, after...). A subclass queues
    each new form as ``(id, own attribute rows, role row)`` in ``_new``; :meth:`_flush` writes a
    batch's new forms in one numpy step, doubling the tables when full."""

    weights: CrfWeights
    _own: np.ndarray
    _roles: np.ndarray
    _count: int
    _new: list[tuple[int, list[int], tuple[int, ...]]]

    def _flush(self) -> None:
        if not self._new:
            return
        while self._count > len(self._own):
            self._own = np.concatenate([self._own, np.zeros_like(self._own)])
            self._roles = np.concatenate([self._roles, np.zeros_like(self._roles)])
        ids = [k for k, _, _ in self._new]
        self._own[ids] = self.weights.sums([rows for _, rows, _ in self._new])
        self._roles[ids] = np.array([roles for _, _, roles in self._new], dtype=np.intp)
        self._new = []

    @property
    def own(self) -> np.ndarray:
        """The words' own score rows (valid until the next batch)."""
        return self._own
