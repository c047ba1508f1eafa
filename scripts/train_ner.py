"""Train the offline NER model shipped in ``storyline/analyze/models/`` from the GMB extract.

Reproducible: the train split only (sentences 1–38,366 of ``ner_dataset.csv.gz``, see
``storyline.evaluate.gmb``), fixed CRF parameters, L-BFGS (deterministic). The dev split is only
measured, never used to fit. The model is a linear-chain CRF (python-crfsuite, a maintained C++
CRF with a manylinux wheel); L1 regularisation plus a feature frequency cut keep it small.

Usage::

    .venv/bin/python scripts/train_ner.py [--data ../shared/data/ner-gmb] [--out PATH]

Prints the parameters, the training time, the model size and the dev scores as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pycrfsuite

from storyline.analyze.entities import DEFAULT_MODEL_PATH
from storyline.analyze.ner_features import sentence_features
from storyline.evaluate.gmb import read_gmb

ROOT = Path(__file__).resolve().parents[1]
#: c1 (L1) prunes most features to zero, which is what keeps the file a few MB; c2 (L2) smooths.
PARAMS = {
    "c1": 0.15,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.minfreq": 2,
    "feature.possible_transitions": True,
}


def train(data_dir: Path, out: Path) -> dict[str, object]:
    """Fit the CRF on the train split and write it to ``out``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    n_sentences = n_tokens = 0
    for words, tags in read_gmb(data_dir, "train"):
        trainer.append(sentence_features(words), tags)
        n_sentences += 1
        n_tokens += len(words)
    trainer.set_params(PARAMS)
    started = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return {"params": PARAMS, "train_sentences": n_sentences, "train_tokens": n_tokens,
            "train_seconds": round(time.perf_counter() - started, 1),
            "model_bytes": out.stat().st_size, "model": str(out)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ner-gmb")
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_PATH)
    args = parser.parse_args(argv)
    report = train(args.data, args.out)
    from storyline.evaluate.entities import evaluate_recognition  # noqa: PLC0415

    report["dev"] = evaluate_recognition(args.data, model_path=args.out, split="dev")
    sys.stdout.write(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
