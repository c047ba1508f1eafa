"""Tests for merging quotes across articles."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from storyline.analyze.quotes import find_quotes
from storyline.model import Annotated, Article, Quote, Span
from storyline.reconcile.quote_merge import (
    MergedQuote, QuoteVariant, cluster_variants, content_words, merge_quotes, same_speaker,
)

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "s400"


def _quote(text: str, part: str, speaker: str | None, kind: str = "indirect") -> Quote:
    start = text.index(part)
    return Quote(Span(start, start + len(part)), kind, None, speaker)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("Hulusi Akar", "Hulusi Akal", True), ("Akar", "Akkar", True),
     ("Recep Tayyip Erdoğan", "Erdogan", True), ("Ned Price", "Mike Pence", False),
     (None, None, True), ("Ned Price", None, False)],
)
def test_same_speaker(a: str | None, b: str | None, same: bool) -> None:
    assert same_speaker(a, b) is same


def test_content_words_stems_and_acronyms() -> None:
    words = content_words("It threatens the North Atlantic Treaty Organization's technology")
    assert {"threa", "nato", "techn"} <= words
    assert "the" not in words


def test_merge_quotes_paraphrase_and_speakers() -> None:
    t1 = "Price said the S-400s threaten the security of NATO technology."
    t2 = "Ned Price said that the system threatens NATO technological security."
    t3 = "Akar said the S-400s threaten nobody and NATO technology is safe."
    items = [
        (Article(id="a", text=t1, source="A"), [_quote(t1, "the S-400s threaten the security of NATO technology", "Ned Price")]),
        (Article(id="b", text=t2, source="B"), [_quote(t2, "that the system threatens NATO technological security", "Ned Price")]),
        Annotated(Article(id="c", text=t3), quotes=(_quote(t3, "the S-400s threaten nobody and NATO technology is safe", "Hulusi Akar"),)),
    ]
    merged = merge_quotes(items)
    assert [m.sources for m in merged] == [("a", "b"), ("c",)]
    assert merged[0].speaker == "Ned Price" and merged[0].outlets == ("A", "B")
    assert merged[1].speaker == "Hulusi Akar"


def test_merged_quote_keeps_the_cue_of_each_wording_and_of_the_one_shown() -> None:
    t1 = "Price warned that the S-400s threaten the security of NATO technology."
    t2 = "Ned Price said: “The S-400s threaten the security of NATO technology and its allies.”"
    q1 = find_quotes(t1)[0]
    q2 = find_quotes(t2)[0]
    assert (q1.cue.text_in(t1), q2.cue.text_in(t2)) == ("warned", "said")
    (merged,) = merge_quotes([(Article(id="a", text=t1), [q1]), (Article(id="b", text=t2), [q2])])
    assert [v.cue for v in merged.variants] == ["warned", "said"]
    assert merged.kind == "direct" and merged.cue == "said"  # the direct wording is the one shown
    from storyline.reconcile.story import merged_quote_json
    record = merged_quote_json(merged)
    assert record["cue"] == "said" and [v["cue"] for v in record["variants"]] == ["warned", "said"]
    uncued = Quote(Span(0, 10), "direct")
    (alone,) = merge_quotes([(Article(id="c", text="Stay calm, all of you."), [uncued])])
    assert alone.cue is None and alone.variants[0].cue is None


def test_merge_quotes_empty() -> None:
    assert merge_quotes([]) == []


def test_merged_quote_is_frozen() -> None:
    merged = MergedQuote("x", None, "t", "direct", (), ())
    with pytest.raises(AttributeError):
        merged.text = "y"  # type: ignore[misc]


def _sample_items() -> list[tuple[Article, list[Quote]]]:
    if not SAMPLES.is_dir():
        pytest.skip("s400 samples absent")
    items = []
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        items.append((Article(id=path.name[:3], text=text, source=path.name[:3]), find_quotes(text)))
    return items


def test_merge_quotes_s400_price_statement_has_three_sources() -> None:
    merged = merge_quotes(_sample_items())
    nato = [m for m in merged if "incompatible with NATO equipment" in m.text]
    assert len(nato) == 1
    assert nato[0].sources == ("000", "001", "002")
    assert nato[0].speaker == "Ned Price"
    assert any("threates the technical security" in v.text for v in nato[0].variants)


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [("We urge Turkey not to retain", "John Kirby"),
     ("long-standing and valued NATO ally", "John Kirby"),
     ("We are open to negotiating", "Hulusi Akar"),
     ("Turkey does not need a validation certificate", "Recep Tayyip Erdoğan"),
     ("Turkey has the right to decide", "Recep Tayyip Erdogan"),
     ("Washington’s position has not changed", "A US State Department official")],
)
def test_merge_quotes_s400_attribution(fragment: str, speaker: str | None) -> None:
    merged = merge_quotes(_sample_items())
    hits = [m for m in merged if any(fragment in v.text for v in m.variants)]
    assert len(hits) == 1 and hits[0].speaker == speaker


def test_fold_is_shared_with_the_speaker_resolver() -> None:
    from storyline.analyze import speaker_names
    from storyline.reconcile import quote_merge

    assert quote_merge.fold is speaker_names.fold
    assert quote_merge.fold("Çavuşoğlu") == "cavusoglu"


def _clusters_pair_by_pair(variants: list[QuoteVariant], min_overlap: float,
                           min_shared: int) -> list[list[int]]:
    """The clustering as first written: every variant against every member of every cluster."""
    def agree(a: QuoteVariant, b: QuoteVariant) -> bool:
        if a.speaker_entity is not None and b.speaker_entity is not None:
            return a.speaker_entity == b.speaker_entity
        return same_speaker(a.speaker, b.speaker)

    def pair(a: frozenset[str], b: frozenset[str]) -> float:
        shared = len(a & b)
        score = shared / min(len(a), len(b)) if a and b else 0.0
        return score if shared >= min_shared else 0.0

    keys = [content_words(v.text) for v in variants]
    clusters: list[list[int]] = []
    for i, variant in enumerate(variants):
        best, best_score = None, 0.0
        for c, members in enumerate(clusters):
            if not all(agree(variant, variants[m]) for m in members):
                continue
            score = sum(pair(keys[i], keys[m]) for m in members) / len(members)
            if score >= min_overlap and score > best_score:
                best, best_score = c, score
        if best is None:
            clusters.append([i])
        else:
            clusters[best].append(i)
    return clusters


def _random_variants(seed: int, n: int) -> list[QuoteVariant]:
    rng = random.Random(seed)
    vocabulary = [f"word{k}" for k in range(40)] + ["missile", "sanctions", "talks", "NATO"]
    speakers = [(None, None), ("Ned Price", None), ("Price", None), ("Akar", None), ("Akkar", None),
                ("Hulusi Akar", "Hulusi Akar"), ("Akar", "Hulusi Akar"), (None, "Ned Price")]
    variants = []
    for k in range(n):
        speaker, entity = rng.choice(speakers)
        text = " ".join(rng.choices(vocabulary, k=rng.randint(0, 9)))
        variants.append(QuoteVariant(f"a{k % 7}", None, text, "indirect", speaker, entity))
    return variants


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize(("min_overlap", "min_shared"), [(0.35, 2), (0.2, 1), (0.6, 3)])
def test_indexed_clustering_equals_pair_by_pair_clustering(seed: int, min_overlap: float,
                                                           min_shared: int) -> None:
    variants = _random_variants(seed, 150)
    expected = _clusters_pair_by_pair(variants, min_overlap, min_shared)
    assert cluster_variants(variants, min_overlap=min_overlap, min_shared=min_shared) == expected
    assert 1 < len(expected) < len(variants)  # the case is not trivial: some merge, not all


def test_cluster_variants_never_joins_disagreeing_speakers_however_close() -> None:
    same_words = "the missile talks failed over sanctions"
    variants = [QuoteVariant("a", None, same_words, "direct", "Ned Price", None),
                QuoteVariant("b", None, same_words, "direct", "Hulusi Akar", None),
                QuoteVariant("c", None, same_words, "direct", "Price", None)]
    assert cluster_variants(variants) == [[0, 2], [1]]


def test_a_prefix_bound_to_a_name_is_no_key_of_its_own() -> None:
    from storyline.reconcile.quote_merge import content_words  # noqa: PLC0415

    assert content_words("Les pro-Kadhafi contrôlaient la route") == content_words("Les Kadhafi contrôlaient la route")
    assert "pro" not in content_words("les forces anti-Assad et pro-Kadhafi")
    assert "post" in content_words("a post-2012 climate agreement")
    assert "anti" in content_words("anti-aircraft guns")
