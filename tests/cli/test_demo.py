"""The bundled demo corpus end to end: its known disagreement, its coverage matrix and its summary dev set."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo"

pytestmark = pytest.mark.skipif(not (DEMO / "corpus").is_dir(), reason="demo corpus absent")


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(app, ["run", str(DEMO / "corpus"), "--db", str(out / "s.db"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_run_reports_the_demo_vote_count_disagreement(demo_run: Path) -> None:
    expected = json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))
    (disagreement,) = next(s for s in expected["stories"] if s["id"] == "estravia-fuel-levy")["disagreements"]
    assert set(disagreement["values"]) == {"112", "121"}
    stories = json.loads((demo_run / "stories.json").read_text(encoding="utf-8"))["stories"]
    numbers = [c for s in stories for c in s["contradictions"] if c["kind"] == "number"]
    assert numbers, "the 121-to-87 report is not shown against the 112-to-87 ones"
    for clash in numbers:  # every number contradiction of the demo is this one, the odd outlet on one side
        sides = sorted((clash["left"], clash["right"]), key=lambda side: "121" in side["value"])
        assert sides[0]["value"].startswith("112 ") and sides[1]["value"].startswith("121 ")
        assert sides[1]["outlet"].startswith("Continental Dispatch") and "121 votes to 87" in sides[1]["text"]
        assert "112 votes to 87" in sides[0]["text"] and not sides[0]["outlet"].startswith("Continental Dispatch")
        # The two counts are never one fact's agreeing support: two facts, each recording the other
        # as a dispute, and the clash between them, with its reason.
        assert clash["fact"] is not None and clash["fact"] in clash["facts"] and len(set(clash["facts"])) == 2
        assert clash["reason"]
    assert {c["left"]["outlet"] for c in numbers} | {c["right"]["outlet"] for c in numbers} >= {
        "harbor-times", "The Meridian Post"}
    (levy,) = [s for s in stories if numbers[0] in s["contradictions"]]
    assert all(c in levy["contradictions"] and {c["left"]["article"], c["right"]["article"]} <= set(levy["articles"])
               for c in numbers)


def test_run_reports_no_other_contradiction_in_the_demo(demo_run: Path) -> None:
    """Do not cry wolf: the vote count is the demo's only disagreement. Dates of other happenings in
    similar sentences ("from July 1" / "proposed last year", "by 2035" / "late on Tuesday") and people
    in other roles (a civil protection chief / a drowned firefighter) are not contradictions."""
    stories = json.loads((demo_run / "stories.json").read_text(encoding="utf-8"))["stories"]
    others = [(c["kind"], c["left"]["value"], c["right"]["value"]) for s in stories for c in s["contradictions"]
              if c["kind"] != "number"]
    assert others == []


def test_run_report_html_has_the_coverage_matrix(demo_run: Path) -> None:
    page = (demo_run / "report.html").read_text(encoding="utf-8")
    assert page.count('<table class="coverage">') == 3
    assert '<th scope="row">The Meridian Post</th>' in page and "✓" in page and "–</td>" in page


def test_build_demo_summaries_is_reproducible(tmp_path: Path) -> None:
    out = tmp_path / "summaries.jsonl"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_demo_summaries.py"), "--out", str(out)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == (DEMO / "summaries.jsonl").read_bytes()
    clusters = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in clusters] == [s["id"] for s in expected["stories"]]
    for cluster in clusters:
        assert set(cluster) == {"id", "docs", "references"}
        keys = [r["key"] for r in expected["reports"] if r["story"] == cluster["id"]]
        assert [d["id"] for d in cluster["docs"]] == keys and all(d["text"].strip() for d in cluster["docs"])
        assert len(cluster["references"]) == 2
        assert all(90 <= len(r.split()) <= 120 for r in cluster["references"])
    assert sum(len(c["docs"]) for c in clusters) == len(expected["reports"])
    meridian = next(d for c in clusters for d in c["docs"] if d["id"].startswith("meridian-post/"))
    assert "<p>" not in meridian["text"] and "cookies" not in meridian["text"]  # read as an article, not as HTML


def test_eval_summary_runs_on_the_demo_dev_set(tmp_path: Path) -> None:
    pytest.importorskip("rouge_score", reason="the eval extra is not installed")
    result = CliRunner().invoke(app, ["eval", "summary", "--data", str(DEMO / "summaries.jsonl"),
                                      "--out", str(tmp_path / "scores.json")])
    assert result.exit_code == 0, result.output
    scores = json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))
    budget = scores["budgets"]["100"]
    assert budget["n"] == 3 and 0 < budget["rouge2"] < budget["rouge1"] <= 100
    assert [t["id"] for t in scores["topics"]["100"]] == ["estravia-fuel-levy", "teren-bank-trawler", "lise-floods"]
