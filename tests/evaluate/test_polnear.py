"""Tests for the PolNeAR quotation evaluator, on a tiny fixture written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluate.polnear import evaluate_quotes, load_polnear, read_ann
from storyline.model import Quote, Span

TEXT = ('Ned Price said that the policy remained unchanged. "We are open to talks," Akar said. '
        "Polls show a close race.")


def _spans(text: str, part: str) -> str:
    start = text.index(part)
    return f"{start} {start + len(part)}"


def _ann(text: str) -> str:
    rows = [
        ("T1", "Source", "Ned Price"), ("T2", "Cue", "said"),
        ("T3", "Content", "that the policy remained unchanged"), ("T4", "Attribution", "said"),
        ("T5", "Content", '"We are open to talks,"'), ("T6", "Source", "Akar"),
        ("T7", "Cue", "said."[:4]), ("T8", "Attribution", "show"),
        ("T9", "Source", "Polls"), ("T10", "Cue", "show"), ("T11", "Content", "a close race"),
    ]
    lines = []
    for tid, label, part in rows:
        if tid == "T7":
            start = text.index("Akar said") + 5
            lines.append(f"{tid}\t{label} {start} {start + 4}\tsaid")
        else:
            lines.append(f"{tid}\t{label} {_spans(text, part)}\t{part}")
    lines += ["E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
              "E2\tAttribution:T4 Content:T5 Source:T6 Cue:T7",
              "E3\tAttribution:T8 Source:T9 Cue:T10 Content:T11"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def polnear(tmp_path: Path) -> Path:
    dev = tmp_path / "dev"
    (dev / "text").mkdir(parents=True)
    (dev / "attributions").mkdir()
    (dev / "text" / "doc-a.txt").write_text(TEXT, encoding="utf-8")
    (dev / "attributions" / "doc-a_aaaa.ann").write_text(_ann(TEXT), encoding="utf-8")
    (dev / "attributions" / "doc-a_zzzz.ann").write_text("garbage", encoding="utf-8")
    (dev / "attributions" / "doc-b_aaaa.ann").write_text(_ann(TEXT), encoding="utf-8")  # no text
    return tmp_path


def test_read_ann_kinds(polnear: Path) -> None:
    gold = read_ann(_ann(TEXT), TEXT)
    assert [g.kind for g in gold] == ["indirect", "direct", "indirect"]


def test_read_ann_rejects_unknown_span() -> None:
    with pytest.raises(ValueError, match="unknown span"):
        read_ann("E1\tAttribution:T1 Content:T9\n", "text")


def test_load_polnear_first_annotator_and_errors(polnear: Path) -> None:
    docs, errors = load_polnear(polnear)
    assert [d.name for d in docs] == ["doc-a"] and len(docs[0].attributions) == 3
    assert [e["document"] for e in errors] == ["doc-b"]


def test_evaluate_quotes_scores(polnear: Path) -> None:
    result = evaluate_quotes(polnear)
    json.dumps(result)
    assert result["documents"] == 1 and [e["document"] for e in result["errors"]] == ["doc-b"]
    assert result["direct"]["gold"] == 1 and result["indirect"]["gold"] == 2
    assert result["direct"]["content_exact"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["direct"]["speaker_exact"]["f1"] == 1.0
    assert result["indirect"]["content_exact"]["recall"] == 1.0  # "Polls show" is found too
    assert result["all"]["content_overlap"]["precision"] == 1.0


def test_evaluate_quotes_lists_finder_errors(polnear: Path) -> None:
    def broken(text: str) -> list:
        raise RuntimeError("boom")

    result = evaluate_quotes(polnear, finder=broken)
    assert any("boom" in e["error"] for e in result["errors"])


def test_evaluate_quotes_missing_split(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        evaluate_quotes(tmp_path)


def test_speaker_exact_by_cue_pairs_through_the_cue(polnear: Path) -> None:
    result = evaluate_quotes(polnear)
    assert result["all"]["speaker_exact_by_cue"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_speaker_exact_by_cue_needs_the_cue(polnear: Path) -> None:
    content = TEXT.index("that the policy")
    speaker = Span(0, len("Ned Price"))

    def cue_elsewhere(text: str) -> list[Quote]:
        end = text.index(".", content)
        wrong_cue = Span(text.index("Polls"), text.index("Polls") + 5)
        return [Quote(Span(content, end), "indirect", speaker, "Ned Price", wrong_cue)]

    result = evaluate_quotes(polnear, finder=cue_elsewhere)
    assert result["all"]["speaker_exact"]["precision"] == 1.0  # paired by content: right
    assert result["all"]["speaker_exact_by_cue"]["precision"] == 0.0  # its cue is no gold cue's
