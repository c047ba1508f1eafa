"""The multilingual recogniser: every language but English, one model, language-pack features.

:class:`MultilingualCrfRecognizer` tags with ``models/ner-ml.crfsuite`` (trained by
``scripts/train_ner_ml.py`` on the Europeana Newspapers corpora, CC0) over the language-independent
features of :func:`storyline.analyze.ner_features.ml_sentence_features`, splits its names at
lowercase content words, and proposes the capitalised runs it left out, typed by its marginals.
:func:`retype` then gives each name the type the English CRF sees around it (the multilingual model
finds names well but types them poorly). Both models are loaded once per process, on first use
(:func:`multilingual`, :func:`name_typer`); the typer's windows are remembered per process
(:meth:`CrfRecognizer.around`). A report's unseen sentences are decoded together from the
model's weights (:mod:`storyline.analyze.ner_decoder`, :mod:`storyline.analyze.ner_ml_features`:
the tagger's tags; the capitalised runs typed by marginals computed the same way, a near-tie left
to the tagger). Cost: about 60k words per CPU-second on crawled es/fr/it pages.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storyline.analyze import ner_crf
from storyline.analyze.crf_features import _stamp
from storyline.analyze.memo import attached
from storyline.analyze.ner_crf import MAX_SENTENCE_TOKENS, ML_MODEL_PATH, CrfRecognizer, bio_mentions
from storyline.analyze.ner_features import capitalised_runs, ml_sentence_features, ml_tokenize, place_marks
from storyline.analyze.ner_decoder import MARGINAL_TIE, crf_weights
from storyline.analyze.ner_lexicon import lexicon, places
from storyline.analyze.ner_ml_features import MlRows
from storyline.model import Mention, Span

__all__ = ["MultilingualCrfRecognizer", "multilingual", "name_typer", "retype"]

_UPPER_LINE_RATIO = 0.6  # a sentence this much upper case is a shouting headline: no runs proposed


class MultilingualCrfRecognizer:
    """The multilingual CRF over language-independent features (every language but English).

    Args:
        model_path: The ``.crfsuite`` file; the shipped ``ner-ml.crfsuite`` by default.
    """

    name = "offline-ml"

    def __init__(self, *, model_path: Path | None = None) -> None:
        self.model_path = model_path or ML_MODEL_PATH
        self._crf = CrfRecognizer(model_path=self.model_path)
        # set() / tag() / marginal() share the tagger's state: one sentence at a time per process
        self._lock = threading.Lock()

    def load(self) -> MultilingualCrfRecognizer:
        """Open the model (idempotent); raises as :meth:`CrfRecognizer.load`."""
        self._crf.load()
        return self

    def __call__(self, text: str, sentences: Sequence[Span], language: str | None) -> list[Mention]:
        """Mentions found by the model (no rules), with the lexicon of ``language``.

        Besides the model's own mentions, every run of capitalised words it left out (bridged by
        name particles, "Banco de España"; a model number may close it, "Boeing 747") is proposed
        with the type the model finds most probable over its words (summed marginals), unless the
        language capitalises all nouns (German) or the sentence is shouting (mostly upper case).
        The rules then drop the runs that are no names (function words, openers, ordinary words
        opening a sentence).
        """
        self._crf.load()
        spans = sentences or [Span(0, len(text))]
        texts = [text[s.start:s.end] for s in spans]
        memo = attached(self, "_memo", ner_crf.SENTENCE_MEMO_SIZE)
        found = [memo.get((language, sentence)) for sentence in texts]
        missing = list(dict.fromkeys(sentence for sentence, known in zip(texts, found) if known is None))
        if missing:
            new = {sentence: memo.put((language, sentence), known)
                   for sentence, known in zip(missing, self._decode(missing, language))}
            found = [known if known is not None else new[sentence] for sentence, known in zip(texts, found)]
        mentions: list[Mention] = []
        for sentence, known in zip(spans, found):
            mentions.extend(Mention(Span(sentence.start + s, sentence.start + e), kind) for s, e, kind in known)
        return mentions

    def _decode(self, texts: list[str], language: str | None) -> list[tuple[tuple[int, int, str], ...]]:
        """The mentions of each sentence, offsets relative to it (they depend on the sentence and
        its language alone: the caller's memo answers a sentence seen before, a copy's; issue 21).
        Every chunk of every sentence is decoded at once from the model's weights
        (:mod:`storyline.analyze.ner_decoder`: the tagger's tags; marginals the tagger's but in
        their last bits, so where two types' sums tie within ``MARGINAL_TIE`` the tagger settles
        it); without readable weights, the tagger tags each sentence."""
        rows = self._weight_rows()
        if rows is None:
            return [self._sentence(text, language) for text in texts]
        lex, gazetteer = lexicon(language), places()
        chunks: list[tuple[int, list[tuple[int, int]], list[str], list[str], bool]] = []
        for k, text in enumerate(texts):
            tokens = ml_tokenize(text)
            propose = not lex.capitalised_nouns and not _shouting(text, Span(0, len(text)))
            for i in range(0, len(tokens), MAX_SENTENCE_TOKENS):
                chunk = tokens[i:i + MAX_SENTENCE_TOKENS]
                words = [text[s:e] for s, e in chunk]
                chunks.append((k, chunk, words, place_marks(words, gazetteer), propose))
        weights = rows.weights
        scores = np.split(rows.scores([c[2] for c in chunks], [c[3] for c in chunks], lex, gazetteer),
                          np.cumsum([len(c[2]) for c in chunks])[:-1]) if chunks else []
        tags = [_split_at_lowercase(tagged, c[2], lex) for c, tagged in zip(chunks, weights.viterbi(scores))]
        runs = [capitalised_runs(c[2], lex, gazetteer, c[3]) if c[4] else [] for c in chunks]
        wanted = [j for j, found in enumerate(runs) if _typed_runs(found, tags[j])]
        probabilities = dict(zip(wanted, weights.marginals([scores[j] for j in wanted])))
        label = {name: i for i, name in enumerate(weights.labels)}
        types = sorted({name[2:] for name in weights.labels if name != "O"})
        mentions: list[list[Mention]] = [[] for _ in texts]
        for j, (k, chunk, words, marks, _) in enumerate(chunks):
            proposed: list[Mention] = []
            if j in probabilities:
                table = probabilities[j]
                try:
                    proposed = _proposed(lambda name, i: table[i, label[name]], types, chunk, tags[j],
                                         runs[j], tie=MARGINAL_TIE)
                except _Tie:
                    with self._lock:
                        tagger = self._crf._tagger
                        tagger.set(ml_sentence_features(words, lex, gazetteer, marks))
                        tagger.tag()
                        proposed = _proposed(tagger.marginal, types, chunk, tags[j], runs[j])
            mentions[k] += _with_runs(bio_mentions(chunk, tags[j]), proposed)
        return [tuple((m.span.start, m.span.end, m.type) for m in found) for found in mentions]

    def _weight_rows(self) -> MlRows | None:
        rows = self.__dict__.get("_rows", False)
        if rows is False:
            weights = crf_weights(*_stamp(self.model_path))
            rows = self.__dict__["_rows"] = None if weights is None else MlRows(weights)
        return rows

    def _sentence(self, text: str, language: str | None) -> tuple[tuple[int, int, str], ...]:
        """The mentions of one sentence, offsets relative to it, by the tagger itself."""
        tagger = self._crf._tagger
        lex, gazetteer = lexicon(language), places()
        types = sorted({label[2:] for label in tagger.labels() if label != "O"})
        mentions: list[Mention] = []
        tokens = ml_tokenize(text)
        propose = not lex.capitalised_nouns and not _shouting(text, Span(0, len(text)))
        for i in range(0, len(tokens), MAX_SENTENCE_TOKENS):
            chunk = tokens[i:i + MAX_SENTENCE_TOKENS]
            words = [text[s:e] for s, e in chunk]
            marks = place_marks(words, gazetteer)
            with self._lock:
                tagger.set(ml_sentence_features(words, lex, gazetteer, marks))
                tags = _split_at_lowercase(tagger.tag(), words, lex)
                runs = capitalised_runs(words, lex, gazetteer, marks) if propose else []
                proposed = _proposed(tagger.marginal, types, chunk, tags, runs)
            mentions += _with_runs(bio_mentions(chunk, tags), proposed)
        return tuple((m.span.start, m.span.end, m.type) for m in mentions)


class _Tie(Exception):
    """Two types' summed marginals too close for the array decoder to choose as the tagger would."""


def _with_runs(found: list[Mention], runs: list[Mention]) -> list[Mention]:
    """The model's mentions with those inside a proposed run replaced by the run."""
    if not runs:
        return found
    return [m for m in found if not any(r.span.start <= m.span.start and m.span.end <= r.span.end
                                        for r in runs)] + runs


def _split_at_lowercase(tags: Sequence[str], words: list[str], lex: Any) -> list[str]:
    """The model's tags with lowercase words that are no particle taken out of names ("Apple
    sustituye a Wal-Mart" → "Apple", "Wal-Mart"): the model learned old, noisy newspapers."""
    if lex.capitalised_nouns:
        return list(tags)
    out = list(tags)
    for i, word in enumerate(words):
        if out[i] != "O" and word[:1].islower() and not lex.is_particle(word) and "-" not in word:
            out[i] = "O"
            if i + 1 < len(out) and out[i + 1].startswith("I-"):
                out[i + 1] = "B-" + out[i + 1][2:]
    return out


def _shouting(text: str, sentence: Span) -> bool:
    chunk = text[sentence.start:sentence.end]
    letters = sum(map(str.isalpha, chunk))
    return letters > 0 and sum(map(str.isupper, chunk)) / letters > _UPPER_LINE_RATIO


def _typed_runs(runs: list[tuple[int, int]], tags: Sequence[str]) -> list[tuple[int, int]]:
    """Capitalised runs that hold no model mention or swallow the ones they hold whole ("Air
    Canada" over the model's "Canada"); a run that cuts a model mention is left to the model."""
    if not runs:
        return []
    inside = _inside_flags(tags)
    return [(start, end) for start, end in runs
            if not ((start < len(tags) and tags[start].startswith("I-") and inside[start])
                    or (end < len(tags) and tags[end].startswith("I-")))]


def _proposed(marginal: Any, types: list[str], chunk: list[tuple[int, int]], tags: Sequence[str],
              runs: list[tuple[int, int]], tie: float | None = None) -> list[Mention]:
    """The runs :func:`_typed_runs` keeps, typed by the model's marginals (``marginal(label, i)``)
    summed over their words. ``tie``: raise :class:`_Tie` where the two best sums are closer."""
    out: list[Mention] = []
    for start, end in _typed_runs(runs, tags):
        scores = {kind: sum(marginal("B-" + kind, i) + marginal("I-" + kind, i)
                            for i in range(start, end)) for kind in types}
        if tie is not None:
            first, second = sorted(scores.values(), reverse=True)[:2]
            if first - second <= tie:
                raise _Tie
        out.append(Mention(Span(chunk[start][0], chunk[end - 1][1]), max(scores, key=scores.__getitem__)))
    return out


def _inside_flags(tags: Sequence[str]) -> list[bool]:
    """Whether each tag continues a mention begun before it."""
    flags, open_ = [], False
    for tag in tags:
        flags.append(tag.startswith("I-") and open_)
        open_ = tag != "O"
    return flags


@lru_cache(maxsize=4)
def multilingual(model_path: Path | None) -> MultilingualCrfRecognizer:
    """One loaded multilingual model per process (per model file)."""
    return MultilingualCrfRecognizer(model_path=model_path).load()


@lru_cache(maxsize=4)
def name_typer(model_path: Path | None) -> CrfRecognizer:
    """The English CRF, used outside English only to type names (loaded once per process)."""
    return CrfRecognizer(model_path=model_path).load()


#: Types the name typer may give a multilingual mention (NORP and the rest stay the model's).
_TYPER_TYPES = frozenset({"PERSON", "ORG", "GPE"})


def retype(mentions: Sequence[Mention], reference: Sequence[Mention]) -> list[Mention]:
    """Each mention takes the type of the reference mention covering most of it (at least half).

    Outside English the multilingual model finds names well but types them poorly (it learned
    from old newspapers with few companies); the English model's word features know many
    international names ("Boeing", "Apple", "Steve Jobs"). Measured on meantime-ml (type of the
    found PER / ORG / LOC mentions): es 0.28 → 0.81, it 0.20 → 0.83, nl 0.40 → 0.65. The rules
    after it still decide places (CLDR), organisation words and titles. Linear in the mentions.
    """
    out: list[Mention] = []
    refs = sorted((m for m in reference if m.type in _TYPER_TYPES), key=lambda m: m.span.start)
    j = 0
    for mention in sorted(mentions, key=lambda m: m.span.start):
        while j < len(refs) and refs[j].span.end <= mention.span.start:
            j += 1
        best, best_overlap = None, 0
        k = j
        while k < len(refs) and refs[k].span.start < mention.span.end:
            overlap = min(refs[k].span.end, mention.span.end) - max(refs[k].span.start, mention.span.start)
            if overlap > best_overlap:
                best, best_overlap = refs[k], overlap
            k += 1
        if best is not None and best.type != mention.type and mention.type in _TYPER_TYPES \
                and 2 * best_overlap >= mention.span.end - mention.span.start:
            mention = Mention(mention.span, best.type, mention.entity)
        out.append(mention)
    return out
