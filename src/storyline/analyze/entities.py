"""Named-entity recognition: a pluggable recogniser, offline by default, plus rules.

Backends for English (and reports of unknown language):

* ``offline`` (:class:`CrfRecognizer`): a linear-chain CRF trained by ``scripts/train_ner.py`` on
  the GMB news corpus and shipped in ``storyline/analyze/models/ner-gmb.crfsuite``. Needs nothing
  but python-crfsuite; ~50k words/s on one core.
* ``spacy`` (:class:`SpacyRecognizer`): any spaCy pipeline with an ``ner`` or ``entity_ruler``
  component, by package name or path (``spacy.load``; nothing is downloaded).
* ``auto`` (the default of :class:`EntityRecognizer`): spaCy when the package and the named pipeline
  are installed, else the offline model (logged once; the choice is in ``backend_``).

Every other language (es, fr, it, de, pt, nl...) gets the multilingual CRF
(:class:`MultilingualCrfRecognizer`, ``models/ner-ml.crfsuite``, trained by
``scripts/train_ner_ml.py`` on the Europeana Newspapers corpora) whose features are language
independent (shape, casing, position, suffixes, language-pack and CLDR gazetteer membership, see
:func:`storyline.analyze.ner_features.ml_sentence_features`). It is loaded once per process, the
first time a report in such a language is tagged; a process that only sees English never loads it.
It finds names; their types then come from the English CRF's opinion in a two-token window around
each name (:func:`retype`, :meth:`CrfRecognizer.around`), which knows international names better.
Cost outside English: about 55k words per CPU-second on crawled es/fr/it pages (the English path
alone: about 90k).

Every backend is followed by the same rules (:func:`storyline.analyze.entity_rules.apply_rules`),
which read the report's language pack.

Types: PERSON, ORG, GPE (countries, cities, states), LOC (other places), NORP (nationalities,
demonyms: "Turkish"), WEAPON (weapon systems and military programmes, by rule only), and with
spaCy also PRODUCT, EVENT, FAC, LAW, WORK_OF_ART as spaCy names them.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from storyline.analyze.entity_rules import apply_rules
from storyline.analyze.ner_features import (capitalised_runs, ml_sentence_features, ml_tokenize, place_marks,
                                            sentence_features, tokenize)
from storyline.analyze.ner_lexicon import lexicon, places
from storyline.errors import ConfigError, MissingDependency
from storyline.model import Mention, Span

__all__ = ["DEFAULT_MODEL_PATH", "ML_MODEL_PATH", "CrfRecognizer", "EntityRecognizer",
           "MultilingualCrfRecognizer", "SpacyRecognizer", "apply_rules", "ENTITY_TYPES", "uses_english_model"]

logger = logging.getLogger(__name__)

DEFAULT_MODEL_PATH = Path(__file__).resolve().parent / "models" / "ner-gmb.crfsuite"
#: The multilingual model (every language but English).
ML_MODEL_PATH = Path(__file__).resolve().parent / "models" / "ner-ml.crfsuite"
#: Types every backend may return.
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "WEAPON", "PRODUCT", "EVENT", "FAC", "LAW",
                "WORK_OF_ART")
#: spaCy (OntoNotes and WikiNER) labels → ours; labels not here (DATE, CARDINAL...) are dropped.
SPACY_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC",
                "NORP": "NORP", "FAC": "FAC", "PRODUCT": "PRODUCT", "EVENT": "EVENT", "LAW": "LAW",
                "WORK_OF_ART": "WORK_OF_ART", "WEAPON": "WEAPON"}
_MAX_SENTENCE_TOKENS = 300  # longer "sentences" (tables, lists) are tagged in chunks
_UPPER_LINE_RATIO = 0.6  # a sentence this much upper case is a shouting headline: no runs proposed


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

    def tag_words(self, words: list[str]) -> list[str]:
        """BIO tags of one sentence of words."""
        self.load()
        return list(self._tagger.tag(sentence_features(words))) if words else []

    def around(self, text: str, mentions: Sequence[Mention], context: int = 2) -> list[Mention]:
        """The model's mentions in a window of ``context`` tokens around each given mention: its
        opinion about those names only, at a fraction of the cost of tagging every sentence."""
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
        for tokens in windows:
            found.extend(_bio_mentions(tokens, self._tagger.tag(sentence_features([text[s:e] for s, e in tokens]))))
        return found

    def __call__(self, text: str, sentences: Sequence[Span]) -> list[Mention]:
        """Mentions found by the model alone (no rules)."""
        self.load()
        mentions: list[Mention] = []
        for sentence in sentences or [Span(0, len(text))]:
            tokens = tokenize(text, sentence.start, sentence.end)
            for i in range(0, len(tokens), _MAX_SENTENCE_TOKENS):
                chunk = tokens[i:i + _MAX_SENTENCE_TOKENS]
                tags = self._tagger.tag(sentence_features([text[s:e] for s, e in chunk]))
                mentions.extend(_bio_mentions(chunk, tags))
        return mentions


class MultilingualCrfRecognizer:
    """The multilingual CRF over language-independent features (every language but English).

    Args:
        model_path: The ``.crfsuite`` file; the shipped ``ner-ml.crfsuite`` by default.
    """

    name = "offline-ml"

    def __init__(self, *, model_path: Path | None = None) -> None:
        self.model_path = model_path or ML_MODEL_PATH
        self._crf = CrfRecognizer(model_path=self.model_path)

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
        tagger = self._crf.load()._tagger
        lex, gazetteer = lexicon(language), places()
        types = sorted({label[2:] for label in tagger.labels() if label != "O"})
        mentions: list[Mention] = []
        for sentence in sentences or [Span(0, len(text))]:
            tokens = ml_tokenize(text, sentence.start, sentence.end)
            propose = not lex.capitalised_nouns and not _shouting(text, sentence)
            for i in range(0, len(tokens), _MAX_SENTENCE_TOKENS):
                chunk = tokens[i:i + _MAX_SENTENCE_TOKENS]
                words = [text[s:e] for s, e in chunk]
                marks = place_marks(words, gazetteer)
                tagger.set(ml_sentence_features(words, lex, gazetteer, marks))
                tags = _split_at_lowercase(tagger.tag(), words, lex)
                found = _bio_mentions(chunk, tags)
                if propose:
                    runs = _proposed(tagger, types, chunk, words, tags, lex, gazetteer, marks)
                    found = [m for m in found if not any(r.span.start <= m.span.start and m.span.end <= r.span.end
                                                         for r in runs)] + runs
                mentions.extend(found)
        return mentions


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


def _proposed(tagger: Any, types: list[str], chunk: list[tuple[int, int]], words: list[str],
              tags: Sequence[str], lex: Any, gazetteer: Any, marks: list[str]) -> list[Mention]:
    """Capitalised runs that hold no model mention or swallow the ones they hold whole ("Air
    Canada" over the model's "Canada"), typed by the model's marginals. A run that cuts a model
    mention is left to the model."""
    out: list[Mention] = []
    inside = _inside_flags(tags)
    for start, end in capitalised_runs(words, lex, gazetteer, marks):
        if (start < len(tags) and tags[start].startswith("I-") and inside[start]) or \
                (end < len(tags) and tags[end].startswith("I-")):
            continue
        scores = {kind: sum(tagger.marginal("B-" + kind, i) + tagger.marginal("I-" + kind, i)
                            for i in range(start, end)) for kind in types}
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
def _multilingual(model_path: Path | None) -> MultilingualCrfRecognizer:
    """One loaded multilingual model per process (per model file)."""
    return MultilingualCrfRecognizer(model_path=model_path).load()


@lru_cache(maxsize=4)
def _name_typer(model_path: Path | None) -> CrfRecognizer:
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


def uses_english_model(language: str | None) -> bool:
    """Whether reports in ``language`` go to the English backends (English or unknown)."""
    return not language or language.lower()[:2] == "en"


def _window_tokens(text: str, span: Span, context: int) -> list[tuple[int, int]]:
    """Tokens of ``span`` and up to ``context`` tokens either side, within its line."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    before = tokenize(text, max(line_start, span.start - 12 * context), span.start)[-context:]
    after = tokenize(text, span.end, min(line_end, span.end + 12 * context))[:context]
    return before + tokenize(text, span.start, span.end) + after


def _bio_mentions(tokens: list[tuple[int, int]], tags: Sequence[str]) -> list[Mention]:
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


class SpacyRecognizer:
    """A spaCy pipeline's entities, mapped to our types.

    Args:
        model: A spaCy package name or a pipeline directory (``spacy.load``; never downloads).
        nlp: An already built ``Language`` (tests build a blank pipeline with an entity_ruler).
    """

    name = "spacy"

    def __init__(self, *, model: str = "en_core_web_sm", nlp: Any = None) -> None:
        self.model = model
        self._nlp = nlp

    def load(self) -> SpacyRecognizer:
        """Load the pipeline (idempotent).

        Raises:
            MissingDependency: spaCy is not installed.
            ConfigError: the pipeline cannot be loaded (not installed, bad path).
        """
        if self._nlp is None:
            try:
                import spacy  # noqa: PLC0415
            except ImportError as exc:
                raise MissingDependency("the spaCy entity backend needs spaCy: pip install spacy") from exc
            try:
                self._nlp = spacy.load(self.model, exclude=["parser", "lemmatizer", "textcat"])
            except (OSError, ValueError) as exc:
                raise ConfigError(f"spaCy pipeline {self.model!r} cannot be loaded: {exc}; install it "
                                  "as a package or give a pipeline directory") from exc
        return self

    def __getstate__(self) -> dict[str, Any]:
        return {"model": self.model}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.model, self._nlp = state["model"], None

    def __call__(self, text: str, sentences: Sequence[Span]) -> list[Mention]:
        """The pipeline's entities with labels we know."""
        self.load()
        doc = self._nlp(text)
        return [Mention(Span(ent.start_char, ent.end_char), SPACY_LABELS[ent.label_])
                for ent in doc.ents if ent.label_ in SPACY_LABELS]


class EntityRecognizer:
    """The entity stage: a backend, then the rules.

    Args:
        backend: ``auto`` (spaCy if ``spacy_model`` loads, else offline), ``offline`` or ``spacy``.
        spacy_model: The spaCy pipeline for ``auto``/``spacy``.
        model_path: The CRF model of the offline backend (the shipped one by default).
        nlp: A ready spaCy ``Language`` for the ``spacy`` backend (tests).

    Raises:
        ConfigError: unknown backend.
    """

    def __init__(self, *, backend: Literal["auto", "offline", "spacy"] = "auto",
                 spacy_model: str = "en_core_web_sm", model_path: Path | None = None,
                 nlp: Any = None, ml_model_path: Path | None = None) -> None:
        if backend not in ("auto", "offline", "spacy"):
            raise ConfigError(f"entities.backend must be 'auto', 'offline' or 'spacy', got {backend!r}")
        self.backend = backend
        self.spacy_model = spacy_model
        self.model_path = model_path
        self.ml_model_path = ml_model_path
        self._nlp = nlp
        self._impl: CrfRecognizer | SpacyRecognizer | None = None
        self.backend_: str | None = None

    @property
    def config(self) -> dict[str, Any]:
        """The constructor's parameters (rebuilds an equal recogniser)."""
        return {"backend": self.backend, "spacy_model": self.spacy_model, "model_path": self.model_path,
                "ml_model_path": self.ml_model_path}

    def load(self) -> EntityRecognizer:
        """Choose and load the backend (idempotent).

        Raises:
            MissingDependency: ``spacy`` backend without spaCy, or no python-crfsuite.
            ConfigError: ``spacy`` backend whose pipeline cannot be loaded; missing CRF model.
        """
        if self._impl is not None:
            return self
        if self.backend == "spacy" or (self.backend == "auto" and self._spacy_installed()):
            try:
                self._impl = SpacyRecognizer(model=self.spacy_model, nlp=self._nlp).load()
            except (MissingDependency, ConfigError) as exc:
                if self.backend == "spacy":
                    raise
                logger.info("spaCy pipeline %r not available (%s); using the offline recogniser",
                            self.spacy_model, exc)
        if self._impl is None:
            self._impl = CrfRecognizer(model_path=self.model_path).load()
        self.backend_ = self._impl.name
        return self

    def _spacy_installed(self) -> bool:
        """Whether spaCy and the named pipeline look installed, without importing spaCy (slow)."""
        if self._nlp is not None:
            return True
        if importlib.util.find_spec("spacy") is None:
            return False
        model = self.spacy_model
        return Path(model).exists() or importlib.util.find_spec(model.replace("-", "_")) is not None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.config, "nlp": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(backend=state["backend"], spacy_model=state["spacy_model"],  # type: ignore[misc]
                      model_path=state["model_path"], ml_model_path=state.get("ml_model_path"))

    def __call__(self, text: str, sentences: Sequence[Span] | None = None, *,
                 language: str | None = None) -> list[Mention]:
        """Entity mentions of ``text`` in text order, non-overlapping, types from ENTITY_TYPES.

        ``language`` (ISO 639-1) picks the model and the rules' language pack: English or None
        go to the English backend, any other code to the multilingual model.
        """
        spans = list(sentences) if sentences is not None else [Span(0, len(text))]
        if uses_english_model(language):
            self.load()
            assert self._impl is not None
            return apply_rules(text, self._impl(text, spans), spans, "en")
        raw = _multilingual(self.ml_model_path)(text, spans, language)
        raw = retype(raw, _name_typer(self.model_path).around(text, raw))
        return apply_rules(text, raw, spans, language, foreign_model=True)


