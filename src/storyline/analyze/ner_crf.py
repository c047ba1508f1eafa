"""The offline CRF tagger shared by the English and the multilingual recognisers.

:class:`CrfRecognizer` opens a python-crfsuite model (the shipped ``ner-gmb.crfsuite`` by default)
and tags sentences with the English features of :mod:`storyline.analyze.ner_features`; its
:meth:`CrfRecognizer.around` tags only short windows around given names (the multilingual
recogniser asks it for types; each window's tags are remembered per process, bounded:
:mod:`storyline.analyze.memo`). BIO tags
become mentions in :func:`bio_mentions`. Tagging reads only the features the model knows, built
from per-word parts (:mod:`storyline.analyze.crf_features`: the same tags as the full features).
A report's unseen sentences (and its name windows) are decoded together from the model's weights
as arrays (:meth:`CrfRecognizer.tag_many`, :mod:`storyline.analyze.ner_decoder`: the tagger's
tags), the tagger tagging one by one only where the weights cannot be read.
Cost: linear in the tokens tagged (about 3 µs per token, with numpy's per-call cost per position
of a report's longest sentence).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from storyline.analyze.crf_features import english_features, english_rows
from storyline.analyze.memo import attached
from storyline.analyze.ner_features import sentence_features, tokenize
from storyline.errors import ConfigError, MissingDependency
from storyline.model import Mention, Span

__all__ = ["DEFAULT_MODEL_PATH", "ML_MODEL_PATH", "MAX_SENTENCE_TOKENS", "CrfRecognizer", "bio_mentions"]

DEFAULT_MODEL_PATH = Path(__file__).resolve().parent / "models" / "ner-gmb.crfsuite"
#: The multilingual model (every language but English).
ML_MODEL_PATH = Path(__file__).resolve().parent / "models" / "ner-ml.crfsuite"
#: Longer "sentences" (tables, lists) are tagged in chunks of this many tokens.
MAX_SENTENCE_TOKENS = 300
#: Sentences whose mentions one recogniser remembers, least recently used first out (measured
#: 440-500 bytes a sentence: about 30 MB when full; on a generated day of 20,000 reports it answers
#: 60% of sentences, where an unbounded memo would answer 72%).
SENTENCE_MEMO_SIZE = 65_536
#: Name windows (:meth:`CrfRecognizer.around`) whose tags one recogniser remembers (measured about
#: 520 bytes a window: 8.5 MB when full).
WINDOW_MEMO_SIZE = 16_384


class CrfRecognizer:
    """The offline default: the shipped CRF over our tokens and features.

    Args:
        model_path: The ``.crfsuite`` file; the shipped model by default.
    """

    name = "offline"

    def __init__(self, *, model_path: Path | None = None) -> None:
        self.model_path = model_path
        self._tagger: Any = None

    def load(self) -> CrfRecognizer:
        """Open the model (idempotent).

        Raises:
            MissingDependency: python-crfsuite is not installed.
            ConfigError: the model file does not exist.
        """
        if self._tagger is None:
            try:
                import pycrfsuite  # noqa: PLC0415
            except ImportError as exc:
                raise MissingDependency(
                    "the offline entity recogniser needs python-crfsuite: pip install python-crfsuite"
                ) from exc
            path = self.model_path or DEFAULT_MODEL_PATH
            if not Path(path).is_file():
                raise ConfigError(f"entity model {str(path)!r} not found; train it with scripts/train_ner.py")
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            self._tagger = tagger
        return self

    def __getstate__(self) -> dict[str, Any]:
        return {"model_path": self.model_path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.model_path = state["model_path"]
        self._tagger = None
        self.__dict__.pop("_memo", None)
        self.__dict__.pop("_fast", None)
        self.__dict__.pop("_rows", None)
        self.__dict__.pop("_window_memo", None)

    def tag_words(self, words: list[str]) -> list[str]:
        """BIO tags of one sentence of words."""
        self.load()
        return list(self._tagger.tag(self._features(words))) if words else []

    def _features(self, words: list[str]) -> list[Any]:
        """The words' features for tagging: only those the model knows, from per-word parts
        (:mod:`storyline.analyze.crf_features`: the same tags), else the full ones."""
        fast = self.__dict__.get("_fast", False)
        if fast is False:
            fast = self.__dict__["_fast"] = english_features(self.model_path or DEFAULT_MODEL_PATH)
        return fast(words) if fast is not None else sentence_features(words)

    def tag_many(self, sequences: list[list[str]]) -> list[list[str]]:
        """BIO tags of many word sequences: decoded together from the model's weights
        (:mod:`storyline.analyze.ner_decoder`, the tagger's tags), else one by one by the tagger."""
        self.load()
        rows = self.__dict__.get("_rows", False)
        if rows is False:
            rows = self.__dict__["_rows"] = english_rows(self.model_path or DEFAULT_MODEL_PATH)
        if not sequences:
            return []
        if rows is None:
            return [list(self._tagger.tag(self._features(words))) if words else [] for words in sequences]
        scores = rows.scores(sequences)
        cuts = np.cumsum([len(words) for words in sequences])[:-1]
        return rows.weights.viterbi(np.split(scores, cuts))

    def around(self, text: str, mentions: Sequence[Mention], context: int = 2) -> list[Mention]:
        """The model's mentions in a window of ``context`` tokens around each given mention: its
        opinion about those names only, at a fraction of the cost of tagging every sentence.

        Each window's tags are remembered (its words alone decide them), so a copy's paragraph
        costs only the tokenising of its windows. (A memo of whole lines, keyed by the line and
        its names' spans, was tried: on the crawled pages it answered a fifth of the lines, the
        window memo already answered their windows, and its keys cost more than it saved.)"""
        self.load()
        windows: list[list[tuple[int, int]]] = []
        for mention in sorted(mentions, key=lambda m: m.span.start):
            tokens = _window_tokens(text, mention.span, context)
            if not tokens:
                continue
            if windows and tokens[0][0] <= windows[-1][-1][0] and "\n" not in text[windows[-1][-1][1]:tokens[0][0]]:
                last = windows[-1]
                windows[-1] = last + [t for t in tokens if t[0] > last[-1][0]]  # overlapping: merged
            else:
                windows.append(tokens)
        found: list[Mention] = []
        memo = attached(self, "_window_memo", WINDOW_MEMO_SIZE)
        known = [(tokens, tuple(text[s:e] for s, e in tokens)) for tokens in windows]
        tags = [memo.get(words) for _, words in known]
        missing = list(dict.fromkeys(known[k][1] for k, tagged in enumerate(tags) if tagged is None))
        # a window's tags depend on its words alone: a name's usual window once
        new = {words: memo.put(words, tuple(map(sys.intern, tagged)))
               for words, tagged in zip(missing, self.tag_many([list(words) for words in missing]))}
        tags = [tagged if tagged is not None else new[words] for (_, words), tagged in zip(known, tags)]
        for (tokens, _), tagged in zip(known, tags):
            found.extend(bio_mentions(tokens, tagged))
        return found

    def __call__(self, text: str, sentences: Sequence[Span]) -> list[Mention]:
        """Mentions found by the model alone (no rules)."""
        self.load()
        spans = sentences or [Span(0, len(text))]
        texts = [text[s.start:s.end] for s in spans]
        memo = attached(self, "_memo", SENTENCE_MEMO_SIZE)
        found = [memo.get(sentence) for sentence in texts]
        missing = list(dict.fromkeys(texts[k] for k, known in enumerate(found) if known is None))
        if missing:
            new = {sentence: memo.put(sentence, known) for sentence, known in zip(missing, self._sentences(missing))}
            found = [known if known is not None else new[sentence] for sentence, known in zip(texts, found)]
        mentions: list[Mention] = []
        for sentence, known in zip(spans, found):
            mentions.extend(Mention(Span(sentence.start + s, sentence.start + e), kind) for s, e, kind in known)
        return mentions

    def _sentences(self, sentences: list[str]) -> list[tuple[tuple[int, int, str], ...]]:
        """The model's mentions in each sentence, offsets relative to it. The tags depend on the
        sentence's words alone, so a sentence seen before (a wire copy's, an update's) is
        answered from a bounded per-process memo (issue 21: analysis once per copy family); the
        others are decoded together."""
        chunks = [(k, tokens[i:i + MAX_SENTENCE_TOKENS]) for k, sentence in enumerate(sentences)
                  for tokens in [tokenize(sentence)] for i in range(0, len(tokens), MAX_SENTENCE_TOKENS)]
        tags = self.tag_many([[sentences[k][s:e] for s, e in chunk] for k, chunk in chunks])
        mentions: list[list[Mention]] = [[] for _ in sentences]
        for (k, chunk), tagged in zip(chunks, tags):
            mentions[k] += bio_mentions(chunk, tagged)
        return [tuple((m.span.start, m.span.end, m.type) for m in found) for found in mentions]


def _window_tokens(text: str, span: Span, context: int) -> list[tuple[int, int]]:
    """Tokens of ``span`` and up to ``context`` tokens either side, within its line."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    before = tokenize(text, max(line_start, span.start - 12 * context), span.start)[-context:]
    after = tokenize(text, span.end, min(line_end, span.end + 12 * context))[:context]
    return before + tokenize(text, span.start, span.end) + after


def bio_mentions(tokens: list[tuple[int, int]], tags: Sequence[str]) -> list[Mention]:
    out: list[Mention] = []
    start = end = -1
    kind = ""
    for (s, e), tag in zip(tokens, tags):
        if tag.startswith("I-") and kind == tag[2:] and start >= 0:
            end = e
            continue
        if start >= 0:
            out.append(Mention(Span(start, end), kind))
        start, end, kind = (s, e, tag[2:]) if tag != "O" else (-1, -1, "")
    if start >= 0:
        out.append(Mention(Span(start, end), kind))
    return out
