"""Entity recognition on GMB (dev) and cross-document entity resolution on MEANTIME (English).

**Recognition** (:func:`evaluate_recognition`): each GMB sentence's words are joined by single
spaces; gold spans are the mapped GMB spans (:mod:`storyline.evaluate.gmb`: titles outside
PERSON, geo → GPE, gpe → NORP); the recogniser runs on that text, one sentence at a time, and a
prediction is right when its character span and type equal a gold one. Our LOC is scored as GPE
(GMB's geo covers both); WEAPON and spaCy's extra types are not scored (GMB has no such label).
Both the model alone (``model``) and the model plus rules (``recogniser``) are scored.

**Resolution** (:func:`evaluate_resolution`): MEANTIME's gold entity mentions (those linked to an
instance by ``REFERS_TO``; gold cluster = ``instance_id``, shared across documents) of all 60 dev
documents, given to :func:`storyline.reconcile.entities.resolve_entities` as one scope (no story
grouping) with the type of their gold instance (PER → PERSON, ORG/FIN/MIX → ORG, LOC → GPE,
PRO → PRODUCT). Baseline: mentions with the same lowercased text are one entity. Scored by B-cubed
and MUC F1 over all mentions and over named ones (``syntactic_type`` NAM or PRE.NAM), for all
documents and per corpus (apple, airbus). The resolver was developed on the s400 samples and on
``corpus_apple`` only; ``corpus_airbus`` is the part not looked at while tuning.
"""

from __future__ import annotations

import tarfile
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

from storyline.analyze.entities import CrfRecognizer, EntityRecognizer, apply_rules
from storyline.evaluate.gmb import read_gmb
from storyline.evaluate.grouping import bcubed
from storyline.model import Annotated, Article, Mention, Span
from storyline.reconcile.entities import resolve_entities

__all__ = ["evaluate_recognition", "evaluate_resolution", "muc", "read_meantime", "score_resolution"]

MEANTIME_ARCHIVE = "meantime_en_intra_cross-doc_annotation.tar.gz"
MEANTIME_TYPES = {"PER": "PERSON", "ORG": "ORG", "FIN": "ORG", "MIX": "ORG", "LOC": "GPE",
                  "PRO": "PRODUCT"}
SCORED_TYPES = ("PERSON", "ORG", "GPE", "NORP")
NAMED = {"NAM", "PRE.NAM"}


def _spans(words: list[str], tags: list[str]) -> tuple[str, set[tuple[int, int, str]]]:
    text = " ".join(words)
    spans: set[tuple[int, int, str]] = set()
    pos, start, kind, end = 0, -1, "", -1
    for word, tag in zip(words, tags):
        if tag.startswith("B-") or tag == "O" or tag[2:] != kind:
            if start >= 0:
                spans.add((start, end, kind))
            start, kind = (pos, tag[2:]) if tag != "O" else (-1, "")
        end = pos + len(word)
        pos = end + 1
    if start >= 0:
        spans.add((start, end, kind))
    return text, spans


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": n_gold,
            "predicted": n_pred}


def evaluate_recognition(data_dir: Path, *, model_path: Path | None = None, split: str = "dev",
                         recognizer: EntityRecognizer | None = None) -> dict[str, Any]:
    """Precision, recall and F1 per type on one GMB split (see the module docstring).

    Args:
        data_dir: The ``ner-gmb`` folder.
        model_path: The CRF model (the shipped one by default).
        split: ``dev`` by default; ``test`` is held out.
        recognizer: Score this recogniser instead of the offline one (e.g. a spaCy backend).

    Returns:
        ``{"model": {type: scores, "all": scores}, "recogniser": {...}, "sentences", "words",
        "words_per_s"}``; ``model`` is absent for a given recogniser.
    """
    crf = CrfRecognizer(model_path=model_path).load()
    counts: dict[str, dict[str, Counter[str]]] = {"model": defaultdict(Counter),
                                                  "recogniser": defaultdict(Counter)}
    n_sentences = n_words = 0
    elapsed = 0.0
    for words, tags in read_gmb(data_dir, split):
        text, gold = _spans(words, tags)
        whole = [Span(0, len(text))]
        started = time.perf_counter()
        raw = crf(text, whole) if recognizer is None else []
        full = recognizer(text, whole) if recognizer is not None else apply_rules(text, raw, whole)
        elapsed += time.perf_counter() - started
        n_sentences += 1
        n_words += len(words)
        for name, mentions in (("model", raw), ("recogniser", full)):
            if name == "model" and recognizer is not None:
                continue
            predicted = {(m.span.start, m.span.end, "GPE" if m.type == "LOC" else m.type)
                         for m in mentions if m.type in SCORED_TYPES or m.type == "LOC"}
            for kind in SCORED_TYPES:
                g = {s for s in gold if s[2] == kind}
                p = {s for s in predicted if s[2] == kind}
                counts[name][kind].update(tp=len(g & p), pred=len(p), gold=len(g))
    result: dict[str, Any] = {}
    for name, per_type in counts.items():
        if not per_type:
            continue
        scores = {k: _prf(c["tp"], c["pred"], c["gold"]) for k, c in per_type.items()}
        total = sum((c for c in per_type.values()), Counter())
        scores["all"] = _prf(total["tp"], total["pred"], total["gold"])
        result[name] = scores
    result.update(split=split, sentences=n_sentences, words=n_words,
                  words_per_s=round(n_words / elapsed) if elapsed else 0)
    return result


def read_meantime(data_dir: Path) -> list[dict[str, Any]]:
    """MEANTIME documents: ``{"id", "corpus", "text", "mentions": [{span, type, syntactic, gold}]}``.

    The text is the tokens joined by single spaces, one sentence per line.

    Raises:
        FileNotFoundError: the archive is not in ``data_dir``.
    """
    docs = []
    with tarfile.open(data_dir / MEANTIME_ARCHIVE, "r:gz") as archive:
        for member in sorted(archive.getmembers(), key=lambda m: m.name):
            if not member.name.endswith(".xml"):
                continue
            handle = archive.extractfile(member)
            if handle is not None:
                docs.append(_read_document(ET.parse(handle).getroot(), member.name.split("/")[-2]))
    return docs


def _read_document(root: ET.Element, corpus: str) -> dict[str, Any]:
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    pos, sentence = 0, None
    for token in root.iter("token"):
        if sentence is not None and token.get("sentence") != sentence:
            parts[-1] = "\n"
        word = token.text or ""
        offsets[token.get("t_id", "")] = (pos, pos + len(word))
        parts += [word, " "]
        pos += len(word) + 1
        sentence = token.get("sentence")
    text = "".join(parts)
    instances = {e.get("m_id"): (e.get("instance_id"), e.get("ent_type", "")) for e in root.iter("ENTITY")}
    refers = {s.get("m_id"): r.find("target").get("m_id")  # type: ignore[union-attr]
              for r in root.iter("REFERS_TO") for s in r.findall("source")}
    mentions = []
    for mention in root.iter("ENTITY_MENTION"):
        anchors = [offsets[a.get("t_id", "")] for a in mention.findall("token_anchor") if a.get("t_id") in offsets]
        target = instances.get(refers.get(mention.get("m_id"), ""))
        if not anchors or target is None:
            continue
        mentions.append({"span": Span(min(a[0] for a in anchors), max(a[1] for a in anchors)),
                         "type": MEANTIME_TYPES.get(target[1], "ORG"), "gold": target[0],
                         "syntactic": mention.get("syntactic_type", "")})
    return {"id": root.get("doc_id", ""), "corpus": corpus.replace("corpus_", ""), "text": text,
            "mentions": mentions}


def muc(predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> dict[str, float]:
    """MUC precision, recall and F1 (Vilain et al. 1995) over the items both mappings hold."""
    items = [i for i in gold if i in predicted]

    def score(key: Mapping[Hashable, Hashable], response: Mapping[Hashable, Hashable]) -> float:
        clusters: dict[Hashable, list[Hashable]] = defaultdict(list)
        for item in items:
            clusters[key[item]].append(item)
        num = den = 0
        for members in clusters.values():
            num += len(members) - len({response[m] for m in members})
            den += len(members) - 1
        return num / den if den else 0.0

    r, p = score(gold, predicted), score(predicted, gold)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "items": len(items)}


def evaluate_resolution(data_dir: Path) -> dict[str, Any]:
    """B-cubed and MUC of our resolver and of the exact-string baseline on MEANTIME (dev)."""
    return score_resolution(read_meantime(data_dir))


def score_resolution(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """:func:`evaluate_resolution` on documents in :func:`read_meantime`'s form (optional keys
    ``language`` and ``story`` go to the Article), all resolved together."""
    items = [Annotated(Article(id=d["id"], text=d["text"], language=d.get("language"), story=d.get("story")),
                       _lines(d["text"]),
                       tuple(Mention(m["span"], m["type"]) for m in d["mentions"])) for d in docs]
    entities, _ = resolve_entities(items)
    entity_of = {(article, span): entity.id for entity in entities for article, span in entity.mentions}
    ours: dict[tuple[str, int], Hashable] = {}
    base: dict[tuple[str, int], Hashable] = {}
    gold: dict[tuple[str, int], Hashable] = {}
    meta: dict[tuple[str, int], tuple[str, bool]] = {}
    for doc in docs:
        for k, m in enumerate(doc["mentions"]):
            key = (doc["id"], k)
            ours[key] = entity_of.get((doc["id"], m["span"]), key)
            base[key] = " ".join(m["span"].text_in(doc["text"]).lower().split())
            gold[key] = m["gold"]
            meta[key] = (doc["corpus"], m["syntactic"] in NAMED)
    result: dict[str, Any] = {"documents": len(docs)}
    for corpus in ("all", *sorted({d["corpus"] for d in docs})):
        for subset in ("all_mentions", "named_mentions"):
            keys = [k for k in gold if corpus in ("all", meta[k][0]) and (subset == "all_mentions" or meta[k][1])]
            g = {k: gold[k] for k in keys}
            row = {}
            for name, pred in (("storyline", ours), ("baseline", base)):
                p = {k: pred[k] for k in keys}
                row[name] = {"bcubed": bcubed(p, g), "muc": muc(p, g)}
            row["bcubed_gain"] = round(row["storyline"]["bcubed"]["f1"] - row["baseline"]["bcubed"]["f1"], 4)
            result[f"{corpus}/{subset}"] = row
    return result


def _lines(text: str) -> tuple[Span, ...]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append(Span(start, start + len(line)))
        start += len(line) + 1
    return tuple(spans)
