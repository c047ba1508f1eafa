"""Tests for storyline.evaluate.extraction: the article-extraction benchmark metric and loaders."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from storyline.evaluate.extraction import (
    BenchmarkDataError,
    BenchmarkPage,
    aggregate_scores,
    bootstrap_std,
    evaluate_extraction,
    load_benchmark,
    load_reference_outputs,
    score_document,
    score_outputs,
    shingles,
    tokenize,
)

SHARED_BENCHMARK = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "article-extraction-benchmark"
)

# --------------------------------------------------------------------------- tokens and shingles


def test_tokenize_keeps_unicode_words_and_drops_punctuation() -> None:
    assert tokenize("Hello, world! Привет_мир 42 — 서울") == ["Hello", "world", "Привет_мир", "42", "서울"]


def test_tokenize_none_and_empty() -> None:
    assert tokenize(None) == []
    assert tokenize(" ,.;! ") == []


def test_shingles_are_a_multiset_of_four_grams() -> None:
    result = shingles(tokenize("x y z w x y z w"))
    assert result[("x", "y", "z", "w")] == 2
    assert sum(result.values()) == 5


def test_shingles_of_a_short_text_are_one_shingle_of_all_tokens() -> None:
    assert shingles(["a", "b"]) == {("a", "b"): 1}
    assert shingles([]) == {}


# --------------------------------------------------------------------------- per-document scores


def test_identical_texts_score_one() -> None:
    text = "The minister said on Wednesday that the talks would continue next week."
    score = score_document(text, text)
    assert (score.precision, score.recall, score.f1, score.exact) == (1.0, 1.0, 1.0, True)


def test_disjoint_texts_score_zero() -> None:
    score = score_document("one two three four five", "six seven eight nine ten")
    assert (score.precision, score.recall, score.f1, score.exact) == (0.0, 0.0, 0.0, False)


def test_counts_are_normalised_per_document() -> None:
    score = score_document("a b c d e f g h", "a b c d")
    assert score.tp + score.fp + score.fn == pytest.approx(1.0)
    assert (score.tp, score.fp, score.fn) == pytest.approx((0.2, 0.0, 0.8))


def test_repeated_shingles_count_as_a_multiset() -> None:
    # Gold has 5 shingles, one of them twice; a set-based metric would give recall 1/4.
    missing_repeat = score_document("x y z w x y z w", "x y z w")
    assert missing_repeat.precision == 1.0
    assert missing_repeat.recall == pytest.approx(0.2)
    duplicated_output = score_document("x y z w", "x y z w x y z w")
    assert duplicated_output.precision == pytest.approx(0.2)
    assert duplicated_output.recall == 1.0


def test_empty_prediction_against_non_empty_gold() -> None:
    score = score_document("some real article text here", "")
    assert score.precision is None  # left out of the precision average
    assert score.recall == 0.0
    assert score.f1 == 0.0
    assert not score.exact


def test_non_empty_prediction_against_empty_gold() -> None:
    score = score_document("", "cookie banner and menu items")
    assert score.precision == 0.0
    assert score.recall is None
    assert score.f1 == 0.0


def test_both_empty_is_a_perfect_match() -> None:
    score = score_document("", None)
    assert score.precision is None and score.recall is None
    assert score.f1 == 1.0
    assert score.exact
    assert aggregate_scores([score]) == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "accuracy": 1.0,
        "n": 1,
    }


def test_texts_shorter_than_a_shingle() -> None:
    assert score_document("a b", "a b").f1 == 1.0
    # A short gold text is one 2-token shingle: it never equals a 4-token shingle.
    assert score_document("a b", "a b c d e").f1 == 0.0


def test_accuracy_compares_token_sequences_not_strings() -> None:
    assert score_document("Hello, world.", "Hello world!").exact
    assert not score_document("Hello world", "world Hello").exact


# --------------------------------------------------------------------------- aggregation


def test_f1_is_the_harmonic_mean_of_averaged_precision_and_recall() -> None:
    high_precision = score_document("a b c d e f g h", "a b c d")  # P 1.0, R 0.2
    high_recall = score_document("a b c d", "a b c d e f g h")  # P 0.2, R 1.0
    figures = aggregate_scores([high_precision, high_recall])
    assert figures["precision"] == pytest.approx(0.6)
    assert figures["recall"] == pytest.approx(0.6)
    assert figures["f1"] == pytest.approx(0.6)  # the mean of per-document F1 would be 1/3
    assert figures["accuracy"] == 0.0
    assert figures["n"] == 2


def test_empty_documents_are_left_out_of_the_matching_average() -> None:
    perfect = score_document("a b c d e", "a b c d e")
    nothing_predicted = score_document("f g h i j", "")
    both_empty = score_document("", "")
    figures = aggregate_scores([perfect, nothing_predicted, both_empty])
    assert figures["precision"] == 1.0
    assert figures["recall"] == pytest.approx(0.5)
    assert figures["accuracy"] == pytest.approx(2 / 3)


def test_score_outputs_treats_missing_ids_as_empty_and_ignores_extra_ids() -> None:
    gold = {"a": "one two three four", "b": "five six seven eight"}
    figures = score_outputs(gold, {"a": "one two three four", "zzz": "five six seven eight"})
    assert figures["precision"] == 1.0
    assert figures["recall"] == pytest.approx(0.5)
    assert figures["n"] == 2


def test_bootstrap_is_seeded_and_deterministic() -> None:
    scores = [
        score_document("a b c d e f g h", "a b c d"),
        score_document("a b c d", "a b c d e f g h"),
        score_document("p q r s", "p q r s"),
        score_document("p q r s", "t u v w"),
    ]
    first = bootstrap_std(scores, n_resamples=200, seed=7)
    assert first == bootstrap_std(scores, n_resamples=200, seed=7)
    assert set(first) == {"precision_std", "recall_std", "f1_std", "accuracy_std"}
    assert all(value > 0 for value in first.values())
    assert bootstrap_std(scores, n_resamples=0) == {}
    same = [score_document("p q r s", "p q r s")] * 5
    assert bootstrap_std(same, n_resamples=50)["f1_std"] == 0.0


# --------------------------------------------------------------------------- loaders


GOLD = {
    "bbb": {"articleBody": "The second article has some words in it.", "url": "https://b.example/2"},
    "aaa": {"articleBody": "The first article, with several words.", "url": "https://a.example/1"},
    "ccc": {"articleBody": "A third page that the extractor cannot read.", "url": "https://c.example/3"},
}


def _write_gzip(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data))


def _make_benchmark(root: Path) -> Path:
    root.mkdir()
    (root / "ground-truth.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    for doc_id, item in GOLD.items():
        html = f"<html><body><nav>Menu é</nav><p>{item['articleBody']}</p></body></html>"
        _write_gzip(root / "html" / f"{doc_id}.html.gz", html.encode("utf-8"))
    plain = {doc_id: {"articleBody": item["articleBody"]} for doc_id, item in GOLD.items()}
    _write_gzip(root / "reference-outputs" / "perfect.json.gz", json.dumps(plain).encode())
    wrapped = {
        "output": {"aaa": {"articleBody": "Menu " + GOLD["aaa"]["articleBody"]}, "bbb": {"articleBody": None}},
        "version": "1.0",
    }
    _write_gzip(root / "reference-outputs" / "wrapped.json.gz", json.dumps(wrapped).encode())
    return root


@pytest.fixture
def bench_dir(tmp_path: Path) -> Path:
    return _make_benchmark(tmp_path / "bench")


def test_load_benchmark_reads_pages_sorted_by_id(bench_dir: Path) -> None:
    pages = load_benchmark(bench_dir)
    assert [page.id for page in pages] == ["aaa", "bbb", "ccc"]
    first = pages[0]
    assert isinstance(first, BenchmarkPage)
    assert first.url == "https://a.example/1"
    assert first.gold == GOLD["aaa"]["articleBody"]
    assert first.html.startswith("<html>") and "Menu é" in first.html
    with pytest.raises(AttributeError):
        first.gold = "changed"  # type: ignore[misc]


def test_load_reference_outputs_unwraps_and_handles_null(bench_dir: Path) -> None:
    outputs = load_reference_outputs(bench_dir)
    assert list(outputs) == ["perfect", "wrapped"]
    assert outputs["perfect"]["bbb"] == GOLD["bbb"]["articleBody"]
    assert outputs["wrapped"] == {"aaa": "Menu " + GOLD["aaa"]["articleBody"], "bbb": ""}


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(BenchmarkDataError, match="nowhere"):
        load_benchmark(missing)
    with pytest.raises(BenchmarkDataError, match="reference-outputs"):
        load_reference_outputs(missing)


def test_missing_ground_truth_file(bench_dir: Path) -> None:
    (bench_dir / "ground-truth.json").unlink()
    with pytest.raises(BenchmarkDataError, match="ground-truth.json.*not found"):
        load_benchmark(bench_dir)


def test_malformed_ground_truth_json(bench_dir: Path) -> None:
    (bench_dir / "ground-truth.json").write_text('{"aaa": {"articleBody": "x"', encoding="utf-8")
    with pytest.raises(BenchmarkDataError, match="ground-truth.json"):
        load_benchmark(bench_dir)


def test_ground_truth_item_without_article_body(bench_dir: Path) -> None:
    (bench_dir / "ground-truth.json").write_text('{"aaa": {"url": "https://a"}}', encoding="utf-8")
    with pytest.raises(BenchmarkDataError, match="'aaa'.*articleBody"):
        load_benchmark(bench_dir)


def test_ground_truth_that_is_not_an_object(bench_dir: Path) -> None:
    (bench_dir / "ground-truth.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(BenchmarkDataError, match="ground-truth.json"):
        load_benchmark(bench_dir)


def test_missing_html_file(bench_dir: Path) -> None:
    (bench_dir / "html" / "bbb.html.gz").unlink()
    with pytest.raises(BenchmarkDataError, match=r"bbb\.html\.gz.*not found"):
        load_benchmark(bench_dir)


def test_html_file_that_is_not_gzip(bench_dir: Path) -> None:
    (bench_dir / "html" / "aaa.html.gz").write_bytes(b"<html>plain</html>")
    with pytest.raises(BenchmarkDataError, match=r"aaa\.html\.gz"):
        load_benchmark(bench_dir)


def test_malformed_reference_json(bench_dir: Path) -> None:
    _write_gzip(bench_dir / "reference-outputs" / "broken.json.gz", b'{"aaa": ')
    with pytest.raises(BenchmarkDataError, match=r"broken\.json\.gz"):
        load_reference_outputs(bench_dir)


def test_reference_with_non_string_body(bench_dir: Path) -> None:
    _write_gzip(bench_dir / "reference-outputs" / "odd.json.gz", b'{"aaa": {"articleBody": 3}}')
    with pytest.raises(BenchmarkDataError, match=r"odd\.json\.gz.*'aaa'"):
        load_reference_outputs(bench_dir)


def test_reference_folder_without_outputs(bench_dir: Path) -> None:
    for path in (bench_dir / "reference-outputs").iterdir():
        path.unlink()
    with pytest.raises(BenchmarkDataError, match="no"):
        load_reference_outputs(bench_dir)


# --------------------------------------------------------------------------- evaluate_extraction


def _fake_extractor(calls: list[tuple[str, str | None]]):
    by_url = {item["url"]: item["articleBody"] for item in GOLD.values()}

    def extract(html: str, url: str | None) -> str:
        calls.append((html, url))
        if url == "https://c.example/3":
            raise RuntimeError("parser exploded\non two lines")
        if url == "https://b.example/2":
            return by_url[url] + " Read more: related headline one, related headline two."
        return by_url[url]

    return extract


def test_evaluate_extraction_survives_a_failing_page(bench_dir: Path) -> None:
    calls: list[tuple[str, str | None]] = []
    result = evaluate_extraction(bench_dir, _fake_extractor(calls), n_bootstrap=20)
    json.dumps(result)  # JSON-able

    assert {url for _, url in calls} == {item["url"] for item in GOLD.values()}
    assert all(html.startswith("<html>") for html, _ in calls)

    assert result["errors"] == [{"id": "ccc", "error": "RuntimeError: parser exploded on two lines"}]
    system = result["system"]
    assert system["n"] == 3
    assert system["accuracy"] == pytest.approx(1 / 3)
    assert system["recall"] == pytest.approx(2 / 3)  # the failed page counts as empty: recall 0
    # aaa exact (P 1); bbb 5 gold shingles, 13 predicted (P 5/13); ccc failed: no precision.
    assert system["precision"] == pytest.approx((1 + 5 / 13) / 2)
    assert "f1_std" in system

    per_page = result["per_page"]
    assert [row["id"] for row in per_page] == ["ccc", "bbb", "aaa"]
    assert per_page[0]["f1"] == 0.0 and per_page[-1]["f1"] == 1.0

    references = result["references"]
    assert set(references) == {"perfect", "wrapped"}
    assert references["perfect"]["f1"] == 1.0
    # aaa: 3 gold shingles, 4 predicted ("Menu" adds one); bbb null; ccc missing.
    assert references["wrapped"]["precision"] == pytest.approx(0.75)
    assert references["wrapped"]["recall"] == pytest.approx(1 / 3)
    assert references["wrapped"]["n"] == 3


def test_evaluate_extraction_without_references(bench_dir: Path) -> None:
    result = evaluate_extraction(
        bench_dir, lambda html, url: None, with_references=False, n_bootstrap=0  # type: ignore[arg-type, return-value]
    )
    assert result["references"] == {}
    assert result["errors"] == []
    assert result["system"] == {"precision": 1.0, "recall": 0.0, "f1": 0.0, "accuracy": 0.0, "n": 3}


def test_evaluate_extraction_records_non_string_output(bench_dir: Path) -> None:
    result = evaluate_extraction(
        bench_dir, lambda html, url: 42, with_references=False, n_bootstrap=0  # type: ignore[arg-type, return-value]
    )
    assert [error["id"] for error in result["errors"]] == ["aaa", "bbb", "ccc"]
    assert "TypeError" in result["errors"][0]["error"]


# --------------------------------------------------------------------------- shared data


@pytest.mark.shared
@pytest.mark.skipif(not SHARED_BENCHMARK.is_dir(), reason="shared benchmark data absent")
def test_reference_trafilatura_reproduces_published_dev_figures() -> None:
    pages = load_benchmark(SHARED_BENCHMARK)
    assert len(pages) == 91
    gold = {page.id: page.gold for page in pages}
    outputs = load_reference_outputs(SHARED_BENCHMARK)
    figures = score_outputs(gold, outputs["trafilatura"])
    assert round(figures["f1"], 3) == 0.963
    assert round(figures["precision"], 3) == 0.940
    assert round(figures["recall"], 3) == 0.987
    assert figures["n"] == 91
