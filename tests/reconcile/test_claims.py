"""Single-source claims, contradictions (without crying wolf) and coverage."""

from __future__ import annotations

from pathlib import Path

from storyline.analyze.sentences import split_sentences
from storyline.model import Annotated, Article, Span, Story, TimeMention
from storyline.reconcile.claims import coverage, find_contradictions, single_source
from storyline.reconcile.facts import align_facts


def _item(article_id: str, text: str, source: str, times: dict[str, str] | None = None) -> Annotated:
    mentions = tuple(TimeMention(Span(text.index(k), text.index(k) + len(k)), "DATE", v) for k, v in (times or {}).items())
    return Annotated(Article(id=article_id, text=text, source=source), tuple(split_sentences(text)), (), mentions)


def test_number_disagreement_is_shown_side_by_side() -> None:
    items = [_item("a", "The storm killed 12 people in the coastal province of Leyte, officials said.", "A"),
             _item("b", "Officials said the storm killed 15 people in the coastal province of Leyte.", "B")]
    (clash,) = find_contradictions(align_facts(items))
    assert clash.kind == "number"
    assert (clash.left.outlet, clash.right.outlet) == ("A", "B")
    assert clash.left.value.startswith("12") and clash.right.value.startswith("15")


def test_negation_disagreement() -> None:
    items = [_item("a", "The ministry said the new radar system is compatible with the alliance air defences.", "A"),
             _item("b", "The ministry said the new radar system is not compatible with the alliance air defences.", "B")]
    kinds = [c.kind for c in find_contradictions(align_facts(items))]
    assert kinds == ["negation"]


def test_incompatible_and_not_compatible_agree() -> None:
    items = [_item("a", "The ministry said the new radar system is incompatible with the alliance air defences.", "A"),
             _item("b", "The ministry said the new radar system is not compatible with the alliance air defences.", "B")]
    assert find_contradictions(align_facts(items)) == []


def test_date_disagreement_on_the_same_happening() -> None:
    one = "The government imposed sanctions on the state arms agency in December 2020, officials said."
    two = "The government imposed sanctions on the state arms agency in March 2021, officials said."
    items = [_item("a", one, "A", {"December 2020": "2020-12"}), _item("b", two, "B", {"March 2021": "2021-03"})]
    (clash,) = [c for c in find_contradictions(align_facts(items)) if c.kind == "date"]
    assert {clash.left.value, clash.right.value} == {"2020-12", "2021-03"}


def test_last_year_and_in_december_do_not_contradict() -> None:
    one = "Last year, the government imposed sanctions on the state arms agency, officials said."
    two = "In December, the government imposed sanctions on the state arms agency, officials said."
    items = [_item("a", one, "A", {"Last year": "2020"}), _item("b", two, "B", {"December": "2020-12"})]
    facts = align_facts(items)
    assert any(len(f.members) == 2 for f in facts)
    assert find_contradictions(facts) == []


def test_different_speaker_of_the_same_statement_is_a_name_clash() -> None:
    from storyline.model import Mention

    one = "Spokesman Ned Price said the talks with Ankara would resume next week in Brussels."
    two = "Spokesman John Kirby said the talks with Ankara would resume next week in Brussels."
    items = []
    for aid, text, name in (("a", one, "Ned Price"), ("b", two, "John Kirby")):
        start = text.index(name)
        base = _item(aid, text, aid.upper())
        items.append(Annotated(base.article, base.sentences, (Mention(Span(start, start + len(name)), "PERSON", name),)))
    (clash,) = find_contradictions(align_facts(items))
    assert clash.kind == "name" and {clash.left.value, clash.right.value} == {"ned price", "john kirby"}


def test_single_source_and_coverage() -> None:
    items = [_item("a", "The harbour council approved a new bridge across the river after a decade of debate. "
                        "Fishermen protested against the cod quotas outside the port authority.", "A"),
             _item("b", "After a decade of debate the harbour council approved a new bridge across the river. "
                        "The mayor thanked the engineers who designed the crossing.", "B")]
    facts = align_facts(items)
    only = single_source(facts)
    assert {f.fact.outlets for f in only} == {("A",), ("B",)}
    table = {c.outlet: c for c in coverage(facts)}
    bridge = next(f.id for f in facts if "bridge" in f.fact.text)
    assert bridge in table["A"].included and bridge in table["B"].included
    assert table["A"].omitted == () and len(table["A"].only) == 1
    assert table["A"].to_json()["articles"] == ["a"]


LEVY_B = "Lawmakers in the National Assembly backed the fuel levy by 112 votes to 87."
LEVY_C = ("Estravia's National Assembly voted on Tuesday to raise the duty on diesel, approving the government's "
          "fuel levy by {} votes to 87 after a debate that lasted more than nine hours.")


def test_a_vote_count_clashes_across_facts_that_were_not_aligned() -> None:
    items = [_item("b", LEVY_B, "B"), _item("c", LEVY_C.format(121), "C")]
    facts = align_facts(items)
    assert all(len(f.members) == 1 for f in facts)  # the differing count kept them apart
    (clash,) = find_contradictions(facts)
    assert clash.kind == "number" and clash.fact_id is None
    assert (clash.left.outlet, clash.left.value, clash.right.outlet, clash.right.value) == (
        "B", "112 (votes…)", "C", "121 (votes…)")
    assert clash.facts == (facts[0].id, facts[1].id) and clash.to_json()["facts"] == list(clash.facts)


def test_unaligned_facts_that_agree_or_count_other_things_do_not_clash() -> None:
    same = [_item("b", LEVY_B, "B"), _item("c", LEVY_C.format(112), "C")]
    assert find_contradictions(align_facts(same)) == []
    toll = [_item("a", "Two people died in Corvelle on Monday when the river burst its banks.", "A"),
            _item("b", "About 3,200 people were evacuated from Corvelle on Monday as the water rose.", "B")]
    assert find_contradictions(align_facts(toll)) == []


def test_the_same_numbers_counted_differently_are_no_clash() -> None:
    items = [_item("a", "The vote followed a protest in Varno on Saturday, when police said about 18,000 people "
                        "marched on parliament and 23 were arrested.", "A"),
             _item("b", "On Saturday in Varno, police put the crowd at about 18,000 and said 23 people were "
                        "arrested near parliament.", "B")]
    facts = align_facts(items)
    assert any(len(f.members) == 2 for f in facts)
    assert find_contradictions(facts) == []


# --- the five S-400 samples ------------------------------------------------------------------


def test_samples_have_no_false_contradiction(s400: tuple[Story, list[Annotated]]) -> None:
    _, annotated = s400
    facts = align_facts(annotated)
    clashes = find_contradictions(facts)
    assert [c.to_json() for c in clashes] == []
    sanctions = [m for f in facts for m in f.members if "sanction" in m.text and m.dates]
    assert {v for m in sanctions for v in m.dates} >= {"2020", "2020-12"}  # "last year" and "in December" resolved


def test_samples_kalin_sullivan_call_is_a_single_source_claim_of_outlet4(s400: tuple[Story, list[Annotated]]) -> None:
    _, annotated = s400
    facts = align_facts(annotated)
    claims = single_source(facts)
    assert any("Kalin" in f.fact.text and f.fact.outlets == ("outlet4",) for f in claims)
    table = {c.outlet: c for c in coverage(facts)}
    chat = next(f.id for f in facts if "Cavusoglu" in f.fact.text)
    assert chat in table["outlet4"].omitted and chat in table["outlet0"].included


def test_samples_have_no_unaligned_number_clash(s400: tuple[Story, list[Annotated]]) -> None:
    from storyline.reconcile.claims import _unaligned_number_clashes

    _, annotated = s400
    assert _unaligned_number_clashes(align_facts(annotated)) == []


# --- real multi-event news: MultiLing 2011 (aftershocks with near-identical wording) ------------------


def test_multiling_aftershocks_raise_no_number_clash_across_facts() -> None:
    import pytest

    from storyline.analyze.annotate import annotate
    from storyline.evaluate.summary import analyse_cluster, load_clusters
    from storyline.reconcile.claims import _unaligned_number_clashes

    data = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mds-multiling2011"
    if not data.is_dir():
        pytest.skip("../shared/data/mds-multiling2011 is absent")
    (cluster,) = [c for c in load_clusters(data) if c.id == "M005"]
    facts = align_facts(analyse_cluster(cluster, annotate))
    assert sum(1 for f in facts for m in f.members if m.numbers) > 50  # plenty of numbers to confuse
    assert _unaligned_number_clashes(facts) == []
