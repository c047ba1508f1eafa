"""Disputes in the fact records: two statements of one slot with different values are two facts,
and each fact's record names the other, the values and the outlets on each side."""

from __future__ import annotations

import json

import pytest

from storyline.analyze.sentences import split_sentences
from storyline.model import Annotated, Article, Dispute, Event, Span, Story, TimeMention
from storyline.reconcile.fact_disputes import dispute_records, dispute_values
from storyline.reconcile.fact_features import build_units
from storyline.reconcile.facts import align_facts
from storyline.reconcile.claims import find_contradictions
from storyline.reconcile.story import confirmed_disputes, fact_json, reconcile_story

DAY = "2011-03-15"
TOLLS = {
    "r1": ("Reuters", "At least 17 people were killed in Misrata on Tuesday by sniper fire and shelling, a doctor said. "
                      "Government forces surrounded the city from three sides."),
    "r2": ("AFP", "A doctor said 17 people were killed by sniper fire and shelling in Misrata on Tuesday. "
                  "Government forces surrounded the city from three sides, witnesses said."),
    "r3": ("Al Jazeera", "Five people were killed in Misrata on Tuesday by sniper fire and shelling, a doctor said. "
                         "Government forces surrounded the city from three sides."),
    "r4": ("BBC", "Government forces surrounded the city of Misrata from three sides on Tuesday. "
                  "Residents said food and water were running short."),
}


def _item(article_id: str, source: str, text: str, times: dict[str, str] | None = None) -> Annotated:
    mentions = tuple(TimeMention(Span(text.index(k), text.index(k) + len(k)), "DATE", v) for k, v in (times or {}).items())
    return Annotated(Article(id=article_id, text=text, source=source, published=DAY, language="en"),
                     tuple(split_sentences(text)), (), mentions)


def _tolls() -> tuple[dict, list[Annotated]]:
    items = [_item(i, source, text) for i, (source, text) in TOLLS.items()]
    story = Story("s1", "Misrata", tuple(TOLLS), (Event("e1", tuple(TOLLS), DAY),))
    record, _ = reconcile_story(story, items)
    return json.loads(json.dumps(record)), items


def _all_facts(record: dict) -> dict[str, dict]:
    return {f["id"]: f for f in [*record["facts"], *record["single_source"]]}


def test_each_side_of_a_disputed_toll_records_the_other_with_its_outlets() -> None:
    record, items = _tolls()
    facts = _all_facts(record)
    disputed = {i: f for i, f in facts.items() if f["disputes"]}
    assert len(disputed) == 2
    seventeen = next(f for f in disputed.values() if "17" in f["text"])
    five = next(f for f in disputed.values() if f is not seventeen)
    (to_five,) = seventeen["disputes"]
    (to_seventeen,) = five["disputes"]
    assert to_five["fact"] == five["id"] and to_five["text"] == five["text"]
    assert to_seventeen["fact"] == seventeen["id"] and to_seventeen["text"] == seventeen["text"]
    assert to_five["kind"] == "number" and to_five["value"].startswith("17") and to_five["other_value"].startswith("5")
    assert (to_five["value"], to_five["other_value"]) == (to_seventeen["other_value"], to_seventeen["value"])
    assert to_five["outlets"] == ["Reuters", "AFP"] and to_five["other_outlets"] == ["Al Jazeera"]
    assert to_five["sentence"].startswith("At least 17") and to_five["other_sentence"].startswith("Five people")
    assert to_seventeen["outlets"] == ["Al Jazeera"] and to_seventeen["other_outlets"] == ["Reuters", "AFP"]
    texts = {a.article.id: a.article.text for a in items}
    for side in to_five["support"]:  # offsets into the stored text, as the fact's own support
        assert "17 people" in texts[side["article"]][side["start"]:side["end"]]
    for side in to_five["other_support"]:
        assert texts[side["article"]][side["start"]:side["end"]].startswith("Five people")
    # The reported contradiction is between the same two facts.
    assert any(set(c["facts"]) == {seventeen["id"], five["id"]} and c["kind"] == "number"
               for c in record["contradictions"])


def test_facts_without_a_differing_value_carry_no_disputes() -> None:
    record, _ = _tolls()
    surrounded = next(f for f in record["facts"] if f["text"].startswith("Government forces"))
    assert surrounded["disputes"] == [] and len(surrounded["outlets"]) >= 3


def test_the_python_records_carry_the_disputes_too() -> None:
    facts = align_facts([_item(i, source, text) for i, (source, text) in TOLLS.items()])
    disputed = [f for f in facts if f.fact.disputes]
    assert len(disputed) == 2
    for fact in disputed:
        (dispute,) = fact.fact.disputes
        assert isinstance(dispute, Dispute) and dispute.fact in {f.id for f in disputed} - {fact.id}
        assert {a for a, _ in dispute.support} <= set(fact.articles)
        assert Dispute.from_json(json.loads(json.dumps(dispute.to_json()))) == dispute


def test_a_date_dispute_gives_each_sides_date() -> None:
    monday = _item("a", "A", "The Corvelle bridge reopened to traffic on Monday after repairs, the council said.",
                   {"Monday": "2026-03-09"})
    tuesday = _item("b", "B", "The Corvelle bridge reopened to traffic on Tuesday after repairs, the council said.",
                    {"Tuesday": "2026-03-10"})
    first, second = align_facts([monday, tuesday])
    (dispute,) = first.fact.disputes
    assert (dispute.kind, dispute.value, dispute.other_value) == ("date", "2026-03-09", "2026-03-10")
    assert (dispute.outlets, dispute.other_outlets, dispute.fact) == (("A",), ("B",), second.id)
    assert second.fact.disputes[0].value == "2026-03-10"


def test_dispute_values_need_two_outlets_and_a_clash() -> None:
    units = build_units([_item(i, source, text) for i, (source, text) in TOLLS.items()])
    first = {u.article_id: u for u in reversed(units)}  # each report's first sentence
    assert dispute_values(first["r1"], first["r3"]) == ("number", "17 (peopl…)", "5 (peopl…)")
    assert dispute_values(first["r1"], first["r2"]) is None  # "at least 17" and 17 agree
    same_outlet = build_units([_item("x", "Al Jazeera", TOLLS["r1"][1]), _item("y", "Al Jazeera", TOLLS["r3"][1])])
    assert dispute_values(same_outlet[0], next(u for u in same_outlet if u.article_id == "y")) is None
    assert dispute_records([(first["r1"], first["r2"], "f0")], {"f0": "x"}) == ()  # no values: no record


def test_a_dispute_record_refuses_an_unknown_kind() -> None:
    good = Dispute("f1", "text", "number", "1", "2", ((("a", Span(0, 4)),)), ("A",)).to_json()
    with pytest.raises(ValueError, match="kind"):
        Dispute.from_json({**good, "kind": "colour"})
    with pytest.raises(KeyError):
        Dispute.from_json({k: v for k, v in good.items() if k != "value"})


def test_a_relative_date_read_against_two_publication_days_is_no_dispute() -> None:
    # One wire report printed on Friday ("este viernes") and again on Saturday ("hoy"): one fact.
    said = ('"Hablamos cerca de una hora cada noche", afirmó Belhaj en unas declaraciones que divulgó {} la BBC.')
    friday = Annotated(Article(id="v", text=said.format("este viernes"), source="A", published="2011-06-24",
                               language="es"), tuple(split_sentences(said.format("este viernes"))), (),
                       (TimeMention(Span(said.index("{}"), said.index("{}") + 12), "DATE", "2011-06-24"),))
    saturday = Annotated(Article(id="s", text=said.format("hoy"), source="B", published="2011-06-25", language="es"),
                         tuple(split_sentences(said.format("hoy"))), (),
                         (TimeMention(Span(said.index("{}"), said.index("{}") + 3), "DATE", "2011-06-25"),))
    units = build_units([friday, saturday])
    assert dispute_values(units[0], units[1]) is None
    (fact,) = align_facts([friday, saturday])
    assert fact.articles == ("v", "s") and fact.fact.disputes == ()
    # Two days that differ by other than the reports' gap still dispute.
    later = Annotated(Article(id="m", text=said.format("el lunes"), source="C", published="2011-06-24", language="es"),
                      tuple(split_sentences(said.format("el lunes"))), (),
                      (TimeMention(Span(said.index("{}"), said.index("{}") + 8), "DATE", "2011-06-20"),))
    assert dispute_values(units[0], build_units([later])[0]) == ("date", "2011-06-24", "2011-06-20")


def test_the_record_keeps_only_the_disputes_a_contradiction_confirms() -> None:
    facts = align_facts([_item(i, source, text) for i, (source, text) in TOLLS.items()])
    disputed = [f for f in facts if f.fact.disputes]
    confirmed = confirmed_disputes(find_contradictions(facts))
    assert {(f.id, f.fact.disputes[0].fact) for f in disputed} <= confirmed
    for fact in disputed:
        assert fact_json(fact, {}, confirmed)["disputes"]  # the toll clash is a contradiction
        assert fact_json(fact, {}, frozenset())["disputes"] == []  # a dispute no contradiction confirms
        assert fact_json(fact)["disputes"] == [d.to_json() for d in fact.fact.disputes]  # unfiltered
    assert confirmed_disputes([]) == frozenset()
