"""Fact alignment: paraphrase and translation meet, outlets are counted once, blocking is bounded."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from storyline.analyze.sentences import split_sentences
from storyline.errors import ConfigError
from storyline.model import Annotated, Article, Span, Story, TimeMention
from storyline.reconcile.fact_features import build_units, clear_caches, dates_compatible
from storyline.reconcile.facts import AlignedFact, FactConfig, _candidate_scores, align_facts, facts_of


def _item(article_id: str, text: str, source: str | None = None,
          times: tuple[TimeMention, ...] = ()) -> Annotated:
    return Annotated(Article(id=article_id, text=text, source=source), tuple(split_sentences(text)), (), times)


def _fact_with(facts: list[AlignedFact], needle: str) -> AlignedFact:
    return next(f for f in facts if any(needle in m.text for m in f.members))


REPORTS = {
    "a": "The harbour council approved a new bridge across the river on Thursday after a decade of debate. "
         "Fishermen protested against the cod quotas outside the port authority.",
    "b": "After ten years of debate, the harbour council on Thursday approved building a new river bridge. "
         "The mayor thanked the engineers who designed the crossing.",
    "c": "The harbour council approved the new bridge over the river, ending a decade of debate.",
}


def test_paraphrases_from_three_outlets_are_one_fact() -> None:
    items = [_item(k, v, source=f"outlet-{k}") for k, v in REPORTS.items()]
    facts = align_facts(items)
    bridge = _fact_with(facts, "bridge")
    assert set(bridge.fact.outlets) == {"outlet-a", "outlet-b", "outlet-c"}
    assert bridge.voices == 3 and bridge.articles == ("a", "b", "c")
    assert [aid for aid, _ in bridge.fact.support] == ["a", "b", "c"]
    mayor = _fact_with(facts, "mayor")
    assert mayor.fact.outlets == ("outlet-b",) and mayor.voices == 1
    assert facts_of(facts)[0] is facts[0].fact


def test_same_outlet_and_wire_copies_count_once() -> None:
    wire = REPORTS["a"]
    items = [_item("a", wire, "Reuters"), _item("a2", wire + " Traffic was light.", "Reuters"),
             _item("x", wire, "Daily Mirror Online"), _item("c", REPORTS["c"], "Gazette")]
    bridge = _fact_with(align_facts(items), "bridge")
    assert set(bridge.fact.outlets) == {"Reuters", "Daily Mirror Online", "Gazette"}
    assert bridge.voices == 2  # Reuters and its reprint are one voice, the Gazette another


def test_unknown_outlet_is_the_article_id() -> None:
    items = [_item(k, v) for k, v in REPORTS.items()]
    assert set(_fact_with(align_facts(items), "bridge").fact.outlets) == {"a", "b", "c"}


def test_resolved_dates_align_differently_worded_days() -> None:
    one = "Officials said on Wednesday that the reservoir dam inspection found cracks in the spillway wall."
    two = "The dam inspection, which officials disclosed on the 10th, found cracks in the spillway."
    items = [_item("a", one, "A", (TimeMention(_span(one, "Wednesday"), "DATE", "2021-02-10"),)),
             _item("b", two, "B", (TimeMention(_span(two, "the 10th"), "DATE", "2021-02-10"),))]
    (fact,) = [f for f in align_facts(items) if len(f.members) > 1]
    assert fact.fact.outlets == ("A", "B")
    assert fact.representative.dates == ("2021-02-10",)


def _span(text: str, needle: str):  # noqa: ANN202
    from storyline.model import Span

    start = text.index(needle)
    return Span(start, start + len(needle))


def test_dates_compatible_compares_known_parts_only() -> None:
    assert dates_compatible("2020", "2020-12") and dates_compatible("XXXX-12", "2020-12-05")
    assert not dates_compatible("2021-02-09", "2021-02-10") and not dates_compatible("2019-07", "2020")
    assert dates_compatible("PXD", "2020")


def test_units_drop_short_lines_and_repeated_headlines_and_skip_designations_as_numbers() -> None:
    text = ("Read more:\nTurkey buys S-400 missiles from Russia for 2.5 billion dollars, officials said.\n"
            "Turkey buys S-400 missiles from Russia for 2.5 billion dollars, officials said.")
    units = build_units([_item("a", text)])
    assert len(units) == 1
    assert units[0].numbers == frozenset({(2_500_000_000.0, "dolla")})


def test_units_keep_every_quantity_and_the_plain_words_next_to_counted_ones() -> None:
    text = "Lawmakers in the National Assembly backed the fuel levy by 112 votes to 87 at 06:44 on Tuesday."
    (unit,) = build_units([_item("a", text)])
    assert unit.numbers == frozenset({(112.0, "votes"), (87.0, "votes")})  # 06:44 is a clock time, not a count
    assert unit.values == frozenset({112.0, 87.0})
    context = {word for counted, word in unit.number_context if counted == "votes"}
    assert {"fuel", "levy", "87", "112"} <= context and not context & {"natio", "assem", "votes"}


def test_embedder_links_paraphrases_without_shared_words() -> None:
    one = "Lawmakers rejected the spending plan late on Tuesday evening."
    two = "Parliament voted down the budget proposal in a night session."

    class FakeEmbedder:
        def encode(self, sentences: list[str]) -> np.ndarray:
            return np.array([[1.0, 0.0] for _ in sentences], dtype=np.float32)

    items = [_item("a", one, "A"), _item("b", two, "B")]
    assert all(len(f.members) == 1 for f in align_facts(items))
    linked = align_facts(items, embedder=FakeEmbedder())
    assert [len(f.members) for f in linked] == [2]


def test_config_is_validated() -> None:
    with pytest.raises(ConfigError):
        FactConfig(min_similarity=0.0)


def test_alignment_is_deterministic_and_bounded_on_a_large_story() -> None:
    topics = ["bridge", "harbour", "quota", "mayor", "engineer", "ferry", "council", "budget"]
    items = []
    for n in range(60):
        words = " ".join(f"{topics[(n + k) % 8]}{k}" for k in range(12))
        items.append(_item(f"a{n}", f"The council said {words} today. Common words appear in every single report here.",
                           f"outlet{n % 7}"))
    first, second = align_facts(items), align_facts(items)
    assert [f.fact for f in first] == [f.fact for f in second]
    assert all(len({m.article_id for m in f.members}) == len(f.members) for f in first)


def test_a_wire_copy_is_featurised_once_and_keyed_on_its_annotations() -> None:
    text = "Lawmakers approved the fuel levy by 112 votes to 87 on Tuesday after a long debate."
    tuesday = text.index("Tuesday")
    dated = (TimeMention(Span(tuesday, tuesday + 7), "DATE", "2026-03-10"),)
    clear_caches()
    fresh = build_units([_item("a", text), _item("b", "Headline of b\n" + text, times=())])
    cached = build_units([_item("a", text), _item("b", "Headline of b\n" + text, times=())])
    assert fresh == cached
    assert fresh[0].keys is fresh[-1].keys  # the copy in b (other offsets) reused a's features
    assert fresh[-1].span.start == len("Headline of b\n") and fresh[-1].article_id == "b"
    (with_date,) = build_units([_item("a", text, times=dated)])
    assert with_date.dates == ("2026-03-10",) and fresh[0].dates == ()


def _brute_scores(articles: list[frozenset[str]], vectors: list[dict[str, float]],
                  config: FactConfig) -> dict[tuple[int, int], float]:
    """Every pair sharing a rare key, scored one by one (exact sums, as the product sums), kept in the
    order of a set of them."""
    postings: dict[str, list[int]] = {}
    for i, vector in enumerate(vectors):
        for key in vector:
            postings.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if 2 <= len(members) <= config.max_postings:
            for x, i in enumerate(members):
                pairs.update((i, j) for j in members[x + 1 :] if not articles[i] & articles[j])
    norms = [math.sqrt(math.fsum(w * w for w in v.values())) for v in vectors]
    scores = {}
    for i, j in pairs:
        small, large = (vectors[i], vectors[j]) if len(vectors[i]) <= len(vectors[j]) else (vectors[j], vectors[i])
        shared = [w for k, w in small.items() if k in large]
        score = math.fsum(w * w for w in shared) / (norms[i] * norms[j])
        if len(shared) >= config.min_shared_keys and score >= config.min_link:
            scores[(i, j)] = score
    return scores


@pytest.mark.parametrize("seed", range(10))
def test_bulk_candidate_scores_equal_pair_by_pair_scores_in_value_and_order(seed: int) -> None:
    rng = random.Random(seed)
    vocabulary = [f"k{n}" for n in range(60)]
    config = FactConfig(max_postings=rng.choice([4, 12, 60]))
    keyed = [set(rng.sample(vocabulary[: rng.choice([15, 60])], rng.randint(2, 9))) for _ in range(120)]
    df = {k: sum(k in keys for keys in keyed) for k in vocabulary}
    vectors = [{k: math.log(121 / df[k]) + 1.0 for k in keys} for keys in keyed]
    articles = [frozenset(rng.sample(["a", "b", "c", "d", "e", "f"], rng.choice([1, 1, 1, 2]))) for _ in keyed]
    expected = _brute_scores(articles, vectors, config)
    assert expected  # the case is not empty
    assert list(_candidate_scores(articles, vectors, config).items()) == list(expected.items())


# --- the five S-400 samples ------------------------------------------------------------------


def test_samples_briefing_statements_are_backed_by_three_outlets(s400: tuple[Story, list[Annotated]]) -> None:
    _, annotated = s400
    facts = align_facts(annotated)
    chat = _fact_with(facts, "Cavusoglu")
    assert set(chat.fact.outlets) == {"outlet0", "outlet1", "outlet2"} and chat.voices == 3
    nato = _fact_with(facts, "incompatible with NATO equipment")
    assert {"outlet0", "outlet1", "outlet2"} <= set(nato.fact.outlets)
    # Kirby says it too ("inconsistent with Turkey's commitments as a US and NATO ally"): one
    # statement of two people, each named as its party (test_facts_samples), not Kirby's alone.
    kirby = _fact_with(facts, "long-standing and valued NATO ally")
    assert kirby is nato


def _quoted(article_id: str, speaker: str) -> Annotated:
    from storyline.analyze.annotate import annotate

    text = (f"“The Zelt missiles are incompatible with allied equipment and threaten allied jets,” "
            f"{speaker} told reporters on Wednesday.")
    return annotate(Article(id=article_id, text=text, source=f"outlet-{article_id}"))


def test_the_same_words_from_two_speakers_are_two_facts() -> None:
    facts = align_facts([_quoted("a", "spokesman Ned Qarlo"), _quoted("b", "Qarlo"),
                         _quoted("c", "Pentagon spokesman John Kirby")])
    assert sorted(f.articles for f in facts) == [("a", "b"), ("c",)]
    unattributed = _item("d", "The Zelt missiles are incompatible with allied equipment and threaten "
                              "allied jets, officials believe.")
    facts = align_facts([_quoted("a", "Qarlo"), unattributed])
    assert [f.articles for f in facts] == [("a", "d")]  # no speaker on one side: no conflict


@pytest.mark.parametrize("order", ["adc", "acd", "dac"])
def test_a_sentence_without_a_speaker_does_not_bridge_two_speakers(order: str) -> None:
    from storyline.analyze.annotate import annotate

    reports = {"a": _quoted("a", "spokesman Ned Qarlo"), "c": _quoted("c", "Pentagon spokesman John Kirby"),
               "d": annotate(Article(id="d", source="outlet-d", text=(
                   "The Zelt missiles are incompatible with allied equipment and threaten allied jets, "
                   "officials told reporters on Wednesday.")))}
    facts = align_facts([reports[k] for k in order])
    together = [f.articles for f in facts if len(f.articles) > 1]
    assert together and all(not {"a", "c"} <= set(articles) for articles in together)


def test_speakers_are_compared_without_name_suffixes() -> None:
    from storyline.reconcile.fact_speakers import _surname

    assert _surname("Martin Luther King Jr.") == _surname("King") == "king"
    assert _surname("Jr.") == ""


def test_samples_kalin_sullivan_call_is_single_source(s400: tuple[Story, list[Annotated]]) -> None:
    _, annotated = s400
    facts = align_facts(annotated)
    call = [f for f in facts if any(w in f.fact.text for w in ("Kalin", "Sullivan", "spoke by phone"))]
    assert len(call) >= 3
    assert all(f.fact.outlets == ("outlet4",) and f.voices == 1 for f in call)


def test_voices_count_reports_joined_by_copies_or_translations_within_the_support_once() -> None:
    from storyline.reconcile.facts import _voices  # noqa: PLC0415

    texts = {i: f"The council approved the bridge on Monday, report {i} said." for i in "abcd"}
    items = [Annotated(Article(id=i, text=t, source=f"Outlet {i}"), tuple(split_sentences(t))) for i, t in texts.items()]
    units = build_units(items)
    assert len({u.article_id for u in units}) == 4
    assert _voices(units, {}) == 4
    chain = {"a": ["b"], "b": ["a", "c"], "c": ["b"]}  # a copies b, c translates b: one origin
    assert _voices(units, chain) == 2
    through_absent = {"a": ["x"], "x": ["a", "b"], "b": ["x"]}  # x is not in this fact's support
    assert _voices(units, through_absent) == 4
