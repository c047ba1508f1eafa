"""Summary evaluation: loader, pooled ROUGE recall, the command; MultiLing when ../shared has it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.errors import InputError
from storyline.evaluate.summary import cut_words, evaluate_summaries, load_clusters, rouge_recall

MULTILING = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mds-multiling2011"
CLUSTER = {"id": "t1", "docs": [
    {"id": "d1", "text": "The harbour council approved a new bridge across the river after a decade of debate. "
                         "Fishermen protested against the cod quotas outside the port authority."},
    {"id": "d2", "text": "After a decade of debate, the harbour council approved a new bridge across the river. "
                         "The mayor thanked the engineers who designed the crossing."}],
    "references": ["The harbour council approved a new bridge after a decade of debate."]}


def test_rouge_recall_pools_references_and_stems() -> None:
    scores = rouge_recall("bridges approved", ["the bridge was approved", "council approves"])
    assert scores["rouge1"] == pytest.approx(3 / 6)  # bridge, approv (x2) of 6 reference unigrams
    assert rouge_recall("", ["a b"])["rouge2"] == 0.0
    assert cut_words("one two three", 2) == "one two"


def test_loader_reads_plain_and_gzip_and_folders(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text(json.dumps(CLUSTER) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "g.jsonl.gz", "wt", encoding="utf-8") as sink:
        sink.write(json.dumps({**CLUSTER, "id": "t2"}) + "\n")
    (tmp_path / "peers-x.jsonl").write_text('{"id": "t1", "summary": "x"}\n', encoding="utf-8")
    assert [c.id for c in load_clusters(tmp_path)] == ["t1", "t2"]
    assert load_clusters(tmp_path / "c.jsonl")[0].docs[1].id == "d2"
    (tmp_path / "bad.jsonl").write_text('{"id": 1}\n', encoding="utf-8")
    with pytest.raises(InputError):
        load_clusters(tmp_path / "bad.jsonl")


def test_evaluate_and_command(tmp_path: Path) -> None:
    result = evaluate_summaries(load_clusters(_write(tmp_path)), [20])
    assert result["budgets"]["20"]["rouge1"] > 50 and result["budgets"]["20"]["n"] == 1
    assert len(result["topics"][0]["summary"].split()) <= 20
    run = CliRunner().invoke(app, ["eval", "summary", "--data", str(tmp_path / "c.jsonl"), "--words", "20",
                                   "--out", str(tmp_path / "r.json")])
    assert run.exit_code == 0, run.output
    assert json.loads((tmp_path / "r.json").read_text())["budgets"]["20"]["rouge1"] > 50


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(CLUSTER) + "\n", encoding="utf-8")
    return path


@pytest.mark.shared
@pytest.mark.skipif(not (MULTILING / "peers-en.jsonl.gz").is_file(), reason="../shared/data/mds-multiling2011 is absent")
def test_scorer_reproduces_the_multiling_anchor_of_the_centroid_baseline() -> None:
    clusters = {c.id: c for c in load_clusters(MULTILING)}
    assert len(clusters) == 10
    with gzip.open(MULTILING / "peers-en.jsonl.gz", "rt", encoding="utf-8") as stream:
        peers = [json.loads(line) for line in stream if '"ID9"' in line]
    r1 = sum(rouge_recall(cut_words(p["summary"], 250), clusters[p["id"]].references)["rouge1"] for p in peers)
    assert 100 * r1 / len(peers) == pytest.approx(39.7, abs=0.05)  # SOURCE.md: ID9 at 250 words, 39.7
