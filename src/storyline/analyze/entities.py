"""Named-entity recognition: a pluggable recogniser, offline by default, plus rules.

Backends:

* ``offline`` (:class:`CrfRecognizer`): a linear-chain CRF trained by ``scripts/train_ner.py`` on
  the GMB news corpus and shipped in ``storyline/analyze/models/ner-gmb.crfsuite``. Needs nothing
  but python-crfsuite; ~50k words/s on one core.
* ``spacy`` (:class:`SpacyRecognizer`): any spaCy pipeline with an ``ner`` or ``entity_ruler``
  component, by package name or path (``spacy.load``; nothing is downloaded).
* ``auto`` (the default of :class:`EntityRecognizer`): spaCy when the package and the named pipeline
  are installed, else the offline model (logged once; the choice is in ``backend_``).

Both backends are followed by the same rules (:func:`apply_rules`): titles out of PERSON spans
(they are roles, :mod:`storyline.analyze.roles`), weapon systems and programmes (S-400, F-35) as
``WEAPON``, known and unknown acronyms, organisation suffixes, and GPE spans headed by a place word
(sea, river, region) as ``LOC``.

Types: PERSON, ORG, GPE (countries, cities, states), LOC (other places), NORP (nationalities,
demonyms: "Turkish"), WEAPON (weapon systems and military programmes, by rule only), and with
spaCy also PRODUCT, EVENT, FAC, LAW, WORK_OF_ART as spaCy names them.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from storyline.analyze import entity_patterns as pat
from storyline.analyze.ner_features import sentence_features, tokenize
from storyline.analyze.roles import strip_title
from storyline.errors import ConfigError, MissingDependency
from storyline.model import Mention, Span

__all__ = ["DEFAULT_MODEL_PATH", "CrfRecognizer", "EntityRecognizer", "SpacyRecognizer",
           "apply_rules", "ENTITY_TYPES"]

logger = logging.getLogger(__name__)

DEFAULT_MODEL_PATH = Path(__file__).resolve().parent / "models" / "ner-gmb.crfsuite"
#: Types every backend may return.
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "WEAPON", "PRODUCT", "EVENT", "FAC", "LAW",
                "WORK_OF_ART")
#: spaCy (OntoNotes and WikiNER) labels → ours; labels not here (DATE, CARDINAL...) are dropped.
SPACY_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC",
                "NORP": "NORP", "FAC": "FAC", "PRODUCT": "PRODUCT", "EVENT": "EVENT", "LAW": "LAW",
                "WORK_OF_ART": "WORK_OF_ART", "WEAPON": "WEAPON"}
_MAX_SENTENCE_TOKENS = 300  # longer "sentences" (tables, lists) are tagged in chunks
_ACRONYM_RE = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z][A-Z0-9]{1,5}\b")
_ORG_SUFFIX_RE = re.compile(
    r"\b(?:[A-Z][\w&'\u2019-]*\s+){1,4}(?:Inc\.|Corp\.|Ltd\.|Co\.|LLC|PLC|Agency|Ministry|Corporation|"
    r"Department|Council|Committee|Commission|Organization|Organisation|Party|Bank|University|"
    r"Institute|Foundation|Administration|Authority)(?=\W|$)"
)
_ROMAN_RE = re.compile(r"[IVXLC]+")
_UPPER_LINE_RATIO = 0.6  # a sentence this much upper case is a shouting headline: no acronym rule


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
                 nlp: Any = None) -> None:
        if backend not in ("auto", "offline", "spacy"):
            raise ConfigError(f"entities.backend must be 'auto', 'offline' or 'spacy', got {backend!r}")
        self.backend = backend
        self.spacy_model = spacy_model
        self.model_path = model_path
        self._nlp = nlp
        self._impl: CrfRecognizer | SpacyRecognizer | None = None
        self.backend_: str | None = None

    @property
    def config(self) -> dict[str, Any]:
        """The constructor's parameters (rebuilds an equal recogniser)."""
        return {"backend": self.backend, "spacy_model": self.spacy_model, "model_path": self.model_path}

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
                      model_path=state["model_path"])

    def __call__(self, text: str, sentences: Sequence[Span] | None = None) -> list[Mention]:
        """Entity mentions of ``text`` in text order, non-overlapping, types from ENTITY_TYPES."""
        self.load()
        assert self._impl is not None
        spans = list(sentences) if sentences is not None else [Span(0, len(text))]
        return apply_rules(text, self._impl(text, spans), spans)


def apply_rules(text: str, mentions: Sequence[Mention], sentences: Sequence[Span]) -> list[Mention]:
    """Post-process model mentions: titles out, weapons, acronyms, organisations, places."""
    kept: list[Mention] = []
    for mention in mentions:
        fixed = _fix_mention(text, mention)
        if fixed is not None:
            kept.append(fixed)
    extra = _weapon_mentions(text)
    kept = [m for m in kept if not _overlaps_any(m.span, extra)] + extra
    kept += [m for m in _acronym_mentions(text, sentences) + _org_suffix_mentions(text)
             if not _overlaps_any(m.span, kept)]
    kept.sort(key=lambda m: (m.span.start, -m.span.end))
    out: list[Mention] = []
    for mention in kept:
        if not out or mention.span.start >= out[-1].span.end:
            out.append(mention)
    return out


#: Marks a tagger may take into a name at its edges (a closing quote before "Qarlo told").
_EDGE_MARKS = "\"“”„«»‘’‹›()[]{}–—-,:; \t\n"


def _fix_mention(text: str, mention: Mention) -> Mention | None:
    span, kind = _trim_edges(text, mention.span), mention.type
    if span.start >= span.end:
        return None
    surface = text[span.start:span.end]
    if kind == "PERSON":
        span = strip_title(text, span)
        if text[span.start:span.end].lower() in pat.TITLE_WORDS:
            return None
    if surface.lower() in pat.NON_NAME_WORDS or not any(c.isalpha() for c in surface):
        return None
    if kind != "PERSON" and _after_title_glue(text, span.start):
        stripped = strip_title(text, span)
        rest = text[stripped.start:span.end].split()
        if stripped != span and 1 < len(rest) <= 3 and all(w[:1].isupper() for w in rest):
            span, kind = stripped, "PERSON"  # "Secretary of [State Antony Blinken]"
    words = [text[s:e] for s, e in tokenize(text, span.start, span.end)]
    if kind in ("GPE", "ORG") and any(w.lower() in pat.LOC_HEADS for w in words) and kind == "GPE":
        kind = "LOC"
    if not any(c.isalpha() for c in text[span.start:span.end]):
        return None
    return Mention(span, kind)


def _trim_edges(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start] in _EDGE_MARKS:
        start += 1
    while end > start and text[end - 1] in _EDGE_MARKS:
        end -= 1
    return span if (start, end) == (span.start, span.end) else Span(start, end)


def _after_title_glue(text: str, start: int) -> bool:
    """Whether the words before ``start`` are a role head and a glue word ("Secretary of ")."""
    before = text[max(0, start - 40):start].split()
    return len(before) >= 2 and before[-1].lower() in pat.TITLE_GLUE and before[-2].lower() in pat.ROLE_HEADS


def _weapon_mentions(text: str) -> list[Mention]:
    found = [Mention(Span(*m.span()), "WEAPON") for m in pat.WEAPON_RE.finditer(text)]
    for name in pat.WEAPON_NAMES:
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            following = text[m.end():m.end() + 20].split()
            if name.isupper() or (following and following[0].lower().strip(".,") in pat.WEAPON_HEADS):
                found.append(Mention(Span(*m.span()), "WEAPON"))
    return found


def _acronym_mentions(text: str, sentences: Sequence[Span]) -> list[Mention]:
    out: list[Mention] = []
    for sentence in sentences:
        chunk = text[sentence.start:sentence.end]
        letters = [c for c in chunk if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) > _UPPER_LINE_RATIO:
            continue
        for m in _ACRONYM_RE.finditer(text, sentence.start, sentence.end):
            word = m.group()
            if word in pat.KNOWN_ACRONYMS:
                out.append(Mention(Span(*m.span()), pat.KNOWN_ACRONYMS[word]))
            elif _ROMAN_RE.fullmatch(word) is None and word.isalpha() and 3 <= len(word) <= 5 \
                    and word not in pat.NOT_ACRONYMS:
                out.append(Mention(Span(*m.span()), "ORG"))
    return out


def _org_suffix_mentions(text: str) -> list[Mention]:
    out = []
    for m in _ORG_SUFFIX_RE.finditer(text):
        span = strip_title(text, Span(*m.span()))
        first = text[span.start:span.end].split()[0].lower()
        if first not in pat.NON_NAME_WORDS and len(text[span.start:span.end].split()) > 1:
            out.append(Mention(span, "ORG"))
    return out


def _overlaps_any(span: Span, others: Sequence[Mention]) -> bool:
    return any(span.start < o.span.end and o.span.start < span.end for o in others)
