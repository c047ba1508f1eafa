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
demonyms: "Turkish"), WEAPON (weapon systems and military programmes, by rule only), PRODUCT (by
rule: a maker's name with a model number, "Boeing 747", and product codes, "A380"), and with
spaCy also EVENT, FAC, LAW, WORK_OF_ART as spaCy names them.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from storyline.analyze.entity_rules import apply_rules
from storyline.analyze.ner_caseless import CASELESS_SHARE, caseless_mentions
from storyline.analyze.ner_crf import DEFAULT_MODEL_PATH, ML_MODEL_PATH, CrfRecognizer
from storyline.analyze.ner_multilingual import MultilingualCrfRecognizer, multilingual, name_typer, retype
from storyline.errors import ConfigError, MissingDependency
from storyline.lang.caseless import is_caseless
from storyline.model import Mention, Span

__all__ = ["DEFAULT_MODEL_PATH", "ML_MODEL_PATH", "CrfRecognizer", "EntityRecognizer",
           "MultilingualCrfRecognizer", "SpacyRecognizer", "apply_rules", "ENTITY_TYPES", "uses_english_model"]

logger = logging.getLogger(__name__)

#: Types every backend may return.
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "WEAPON", "PRODUCT", "EVENT", "FAC", "LAW",
                "WORK_OF_ART")
#: spaCy (OntoNotes and WikiNER) labels → ours; labels not here (DATE, CARDINAL...) are dropped.
SPACY_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC",
                "NORP": "NORP", "FAC": "FAC", "PRODUCT": "PRODUCT", "EVENT": "EVENT", "LAW": "LAW",
                "WORK_OF_ART": "WORK_OF_ART", "WEAPON": "WEAPON"}


#: What :func:`storyline.lang.caseless.caseless_share` reads of a report (its first characters).
_CASELESS_SAMPLE = 2000
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def caseless_report(text: str) -> bool:
    """:func:`storyline.analyze.ner_caseless.is_caseless_report`, without a Python step per ASCII
    character: ASCII letters all have case, so only the others are looked at one by one (same
    counts, same share; it cost ~0.5 ms per English report)."""
    sample = text[:_CASELESS_SAMPLE]
    if sample.isascii():
        return False
    others = _ASCII_RUNS.sub("", sample)
    ascii_part = sample.encode("ascii", "ignore")
    letters = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTERS)) + sum(map(str.isalpha, others))
    return bool(letters) and sum(map(is_caseless, others)) / letters >= CASELESS_SHARE


def uses_english_model(language: str | None) -> bool:
    """Whether reports in ``language`` go to the English backends (English or unknown)."""
    return not language or language.lower()[:2] == "en"


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
        if caseless_report(text):  # Arabic, Chinese: no capitals for a model to read
            return caseless_mentions(text)
        if uses_english_model(language):
            self.load()
            assert self._impl is not None
            return apply_rules(text, self._impl(text, spans), spans, "en")
        raw = multilingual(self.ml_model_path)(text, spans, language)
        raw = retype(raw, name_typer(self.model_path).around(text, raw))
        return apply_rules(text, raw, spans, language, foreign_model=True)
