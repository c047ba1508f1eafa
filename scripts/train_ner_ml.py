"""Train the multilingual NER model shipped as ``storyline/analyze/models/ner-ml.crfsuite``.

Training data: the Europeana Newspapers NER corpora (French, Dutch, German; CC0; see
docs/DATA.md "Entity recognition training data"), i.e. the ``*.bio`` files of
https://github.com/EuropeanaNewspapers/ner-corpora at commit
``6bf838d23112c255fd81431b1187ab30ef6c2d90``::

    git clone https://github.com/EuropeanaNewspapers/ner-corpora /tmp/ner-corpora
    .venv/bin/python scripts/train_ner_ml.py --europeana /tmp/ner-corpora

Nothing from ``../shared/data`` is read: those sets are for measuring only.

Preparation (deterministic): each file is one token per line with an IOB1 or IOB2 tag and no
sentence breaks. Tokens are re-split with the model's own tokenizer (OCR left punctuation glued to
words), tags are turned into BIO over our types (PER → PERSON, ORG → ORG, LOC → GPE; MISC → O),
and sentences are cut after ``.``, ``!`` or ``?`` followed by a capitalised word, or every 60
tokens. Sentences that are mostly OCR noise (under 70% alphabetic tokens) are dropped, and so are
sentences where a capitalised CLDR place name is tagged O (the annotation missed it: teaching the
model to skip such names would cost recall). Every fifth sentence of each file is held out and
measured, never fitted.

Features: :func:`storyline.analyze.ner_features.ml_sentence_features` with the lexicon of the
file's language (Dutch has no pack yet: the union pack answers). The CRF is python-crfsuite with
L-BFGS, L1 + L2 (deterministic); L1 keeps the file small.

The CLDR gazetteer the features read (:func:`storyline.analyze.ner_lexicon.places`) is shipped as
``models/ner-places.tsv.gz``; ``--places`` rewrites it from the installed Babel (then retrain).

Prints the parameters, the data counts, the training time, the model size and held-out scores as
JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pycrfsuite

from storyline.analyze.ner_features import ML_TOKEN_RE, ml_sentence_features
from storyline.analyze.ner_lexicon import PLACES_TABLE, lexicon, places, write_places

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "storyline" / "analyze" / "models" / "ner-ml.crfsuite"
#: Europeana file → language of its lexicon.
FILES = {"enp_FR.bnf.bio/enp_FR.bnf.bio": "fr", "enp_NL.kb.bio/enp_NL.kb.bio": "nl",
         "enp_DE.lft.bio/enp_DE.lft.bio": "de", "enp_DE.onb.bio/enp_DE.onb.bio": "de",
         "enp_DE.sbb.bio/enp_DE.sbb.bio": "de"}
TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
PARAMS = {"c1": 0.2, "c2": 0.01, "max_iterations": 120, "feature.minfreq": 2,
          "feature.possible_transitions": True}
MAX_SENTENCE = 60
MIN_ALPHA = 0.7
HOLD_OUT_EVERY = 5


def read_bio(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """Sentences of one Europeana file as (words, BIO tags over our types)."""
    words: list[str] = []
    tags: list[str] = []
    previous = "O"
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        token, raw = parts[0], parts[-1]
        kind = TYPES.get(raw[2:], "") if raw != "O" else ""
        for k, match in enumerate(ML_TOKEN_RE.finditer(token)):
            piece = match.group()
            if not kind or not piece[:1].isalnum():
                tag = "O"
            elif k == 0 and (raw.startswith("B-") or previous[2:] != kind):
                tag = "B-" + kind
            else:
                tag = "I-" + kind
            words.append(piece)
            tags.append(tag)
            previous = tag
        if _sentence_ends(words) or len(words) >= MAX_SENTENCE:
            yield words, tags
            words, tags, previous = [], [], "O"
    if words:
        yield words, tags


def _sentence_ends(words: list[str]) -> bool:
    return bool(words) and words[-1] in (".", "!", "?")


def usable(words: list[str], tags: list[str], gazetteer: dict[str, str]) -> bool:
    """Not mostly OCR noise, and no capitalised place name left untagged."""
    if len(words) < 4:
        return False
    alpha = sum(w.isalpha() for w in words) / len(words)
    if alpha < MIN_ALPHA:
        return False
    return not any(tag == "O" and word[:1].isupper() and word.lower() in gazetteer
                   for word, tag in zip(words, tags))


def load(root: Path) -> tuple[list, list, Counter]:
    """Train and held-out (features, tags) lists and counts."""
    gazetteer = places()
    train, held = [], []
    counts: Counter[str] = Counter()
    for name, language in FILES.items():
        path = root / name
        if not path.is_file():
            path = root / Path(name).name
        lex = lexicon(language)
        for n, (words, tags) in enumerate(read_bio(path)):
            counts["sentences_read"] += 1
            if not usable(words, tags, gazetteer):
                continue
            item = (ml_sentence_features(words, lex, gazetteer), tags)
            (held if n % HOLD_OUT_EVERY == 0 else train).append(item)
            counts[f"tokens_{language}"] += len(words)
    counts["train_sentences"], counts["held_out_sentences"] = len(train), len(held)
    return train, held, counts


def spans(tags: list[str]) -> set[tuple[int, int]]:
    """Entity spans (type-agnostic) of a BIO sequence."""
    out, start = set(), -1
    for i, tag in enumerate([*tags, "O"]):
        if start >= 0 and not tag.startswith("I-"):
            out.add((start, i))
            start = -1
        if tag.startswith("B-") or (tag.startswith("I-") and start < 0):
            start = i
    return out


def score(model: Path, held: list) -> dict[str, float]:
    """Span detection precision and recall on the held-out sentences."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    tp = n_pred = n_gold = 0
    for feats, gold in held:
        predicted, expected = spans(tagger.tag(feats)), spans(gold)
        tp += len(predicted & expected)
        n_pred += len(predicted)
        n_gold += len(expected)
    return {"precision": round(tp / max(n_pred, 1), 4), "recall": round(tp / max(n_gold, 1), 4),
            "gold": n_gold}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--europeana", type=Path,
                        help="a checkout of EuropeanaNewspapers/ner-corpora (or a folder of its .bio files)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--places", action="store_true",
                        help="only (re)write the gazetteer the features read, models/ner-places.tsv.gz, "
                             "from the installed Babel (after a Babel upgrade; then retrain)")
    args = parser.parse_args(argv)
    if args.places:
        size = write_places(PLACES_TABLE)
        sys.stdout.write(json.dumps({"places": str(PLACES_TABLE), "bytes": size}) + "\n")
        return 0
    if args.europeana is None:
        parser.error("--europeana is required to train")
    train, held, counts = load(args.europeana)
    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, tags in train:
        trainer.append(feats, tags)
    trainer.set_params(PARAMS)
    started = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    report = {"params": PARAMS, "counts": dict(counts),
              "train_seconds": round(time.perf_counter() - started, 1),
              "model_bytes": args.out.stat().st_size, "model": str(args.out),
              "held_out": score(args.out, held)}
    sys.stdout.write(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
