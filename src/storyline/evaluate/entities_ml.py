"""Cross-document and cross-lingual entity resolution on MEANTIME in en, es, it, nl (dev).

The gold mentions of ``../shared/data/meantime-ml`` (:func:`storyline.evaluate.meantime_ml.read_meantime_ml`)
are given to :func:`storyline.reconcile.entities.resolve_entities` with the type of their gold
instance, each corpus (airbus, apple) as one story; the gold cluster of a mention is its ``chain``
(the MEANTIME instance id, shared across documents and languages). Scoring is the English
MEANTIME scorer's (:func:`storyline.evaluate.entities.score_resolution`): B-cubed and MUC of the
resolver and of the exact-string baseline (same lowercased text, one entity), over all mentions and
over named ones, for all documents and per corpus.

* **Per language**: the documents of one language that have gold (the derived release lacks whole
  corpora: Italian airbus, most of Dutch apple).
* **Cross-lingual**: the documents of all four languages resolved together; a chain then spans
  languages, so "Airbus", "la empresa aeronáutica Airbus" and "vliegtuigbouwer Airbus" must meet.

A mention is *named* when it holds a capitalised word that is not a function word of its language
(the language pack's ``function_words``), or a digit: "La compañía" is not named, "el A380" is.
Cost: reading is linear in the files; resolution is the resolver's (near linear per name block).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from storyline.evaluate.entities import MEANTIME_TYPES, score_resolution
from storyline.evaluate.meantime_ml import LANGUAGES, GoldMention, read_meantime_ml
from storyline.lang import pack
from storyline.model import Span

__all__ = ["evaluate_resolution_ml", "is_named", "meantime_ml_docs"]


def is_named(text: str, language: str | None) -> bool:
    """Whether a mention's text holds a name: a capitalised word that is not a function word."""
    function_words = pack(language).words("words", "function_words") | pack("en").words("words", "function_words")
    for word in text.split():
        core = word.strip("\"'“”«»()[],.;:¿¡!?")
        if core[:1].isdigit() or (core[:1].isupper() and core.lower() not in function_words):
            return True
    return False


def meantime_ml_docs(root: Path, language: str) -> list[dict[str, Any]]:
    """The documents of one language that have gold, in the form the resolution scorer reads.

    Returns:
        ``[{"id", "corpus", "story", "language", "text", "mentions": [{span, type, gold,
        syntactic}]}]``; ``syntactic`` is ``NAM`` for a named mention (:func:`is_named`), else
        ``NOM``.
    """
    data = read_meantime_ml(root, language)
    docs = []
    for article in data.documents_with_gold:
        corpus = article.story or ""
        docs.append({"id": article.id, "corpus": corpus, "story": corpus, "language": language,
                     "text": article.text,
                     "mentions": [_mention(m, language) for m in data.mentions[article.id]]})
    return docs


def _mention(mention: GoldMention, language: str) -> dict[str, Any]:
    return {"span": Span(mention.start, mention.end), "type": MEANTIME_TYPES.get(mention.type, "ORG"),
            "gold": mention.chain, "syntactic": "NAM" if is_named(mention.text, language) else "NOM"}


def evaluate_resolution_ml(root: Path, languages: Iterable[str] = LANGUAGES) -> dict[str, Any]:
    """Resolution scores per language and across languages (see the module docstring).

    Args:
        root: ``../shared/data/meantime-ml``.
        languages: The language folders to read; a missing one is skipped and listed.

    Returns:
        ``{"languages": {code: scores}, "crosslingual": scores, "missing": [codes]}``, each
        ``scores`` as :func:`storyline.evaluate.entities.score_resolution` returns them
        (``"all/named_mentions"``, ``"apple/all_mentions"``... each with storyline and baseline
        B-cubed and MUC, and ``bcubed_gain``).
    """
    per_language: dict[str, list[dict[str, Any]]] = {}
    missing = []
    for language in languages:
        try:
            per_language[language] = meantime_ml_docs(root, language)
        except FileNotFoundError:
            missing.append(language)
    result: dict[str, Any] = {"languages": {code: score_resolution(docs) for code, docs in per_language.items()},
                              "missing": missing}
    if len(per_language) > 1:
        result["crosslingual"] = score_resolution([d for docs in per_language.values() for d in docs])
    return result
