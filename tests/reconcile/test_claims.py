"""Single-source claims, contradictions (without crying wolf) and coverage."""

from __future__ import annotations

import dataclasses

from pathlib import Path

from storyline.analyze.sentences import split_sentences
from storyline.model import Annotated, Article, Span, Story, TimeMention
from storyline.reconcile.claims import coverage, find_contradictions, single_source
from storyline.reconcile.facts import FactConfig, align_facts


#: Reports of one day: a count or a yes/no clashes only with evidence of one moment.
DAY = "2021-02-10T09:00:00Z"


def _item(article_id: str, text: str, source: str, times: dict[str, str] | None = None,
          published: str | None = DAY) -> Annotated:
    mentions = tuple(TimeMention(Span(text.index(k), text.index(k) + len(k)), "DATE", v) for k, v in (times or {}).items())
    return Annotated(Article(id=article_id, text=text, source=source, published=published),
                     tuple(split_sentences(text)), (), mentions)


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


def test_two_spokesmen_saying_two_things_are_no_name_clash() -> None:
    # The crawled corpus: France's and Libya's foreign-ministry spokesmen, aligned by their frames.
    one = ("La France à quitter la Libye, a déclaré lundi soir le porte-parole du ministère des affaires "
           "étrangères, Bernard Valero.")
    two = ("\"Les pratiques de la CPI sont contestables\", a déclaré à la presse le porte-parole libyen et "
           "vice-ministre des Affaires étrangères Khaled Kaïm.")
    items = [_people("a", one, "A", ("Bernard Valero",)), _people("b", two, "B", ("Khaled Kaïm",))]
    facts = align_facts(items, config=FactConfig(min_similarity=0.2, min_link=0.2))
    assert any(len(f.articles) == 2 for f in facts)  # aligned on the frame, as in the corpus
    assert [c for c in find_contradictions(facts) if c.kind == "name"] == []


def _people(article_id: str, text: str, source: str, people: tuple[str, ...],
            times: dict[str, str] | None = None) -> Annotated:
    """A report whose named people are tagged PERSON (as entity resolution leaves them)."""
    from storyline.model import Mention

    base = _item(article_id, text, source, times)
    mentions = tuple(Mention(Span(text.index(n), text.index(n) + len(n)), "PERSON", n) for n in people)
    return Annotated(base.article, base.sentences, mentions, base.times)


def _date_clashes(*items: Annotated) -> list[tuple[str, str]]:
    return [(c.left.value, c.right.value) for c in find_contradictions(align_facts(list(items))) if c.kind == "date"]


# --- dates of other happenings in sentences that share words: no clash (the demo's false alarms) ----


def test_an_effective_date_and_when_the_measure_was_proposed_do_not_clash() -> None:
    adds = _item("a", "The levy adds 9 cents per litre of diesel from July 1 and is expected to raise about "
                      "640 million crowns a year.", "A", {"July 1": "2026-07-01"})
    proposed = _item("b", "The levy, which the government proposed last year, increases the excise on diesel by 9 "
                          "cents per litre from the 1st of July.", "B",
                     {"last year": "2025", "the 1st of July": "2025-07-01"})  # the resolver guessed the year
    facts = align_facts([adds, proposed])
    assert any(len(f.members) == 2 for f in facts)  # one fact: the comparison is made
    assert find_contradictions(facts) == []


def test_a_target_year_and_the_day_of_the_vote_do_not_clash() -> None:
    plan = _item("a", "The levy was first proposed last year as part of Prime Minister Jonas Ferrand's plan to cut "
                      "transport emissions by a third by 2035.", "A", {"last year": "2025", "2035": "2035"})
    vote = _item("b", "Estravia's parliament approved a higher duty on diesel late on Tuesday, handing Prime Minister "
                      "Jonas Ferrand a hard-won victory over the levy plan.", "B", {"late on Tuesday": "2026-03-10"})
    assert _date_clashes(plan, vote) == []


def test_when_a_levy_applies_and_when_it_was_voted_do_not_clash() -> None:
    applies = _item("a", "The levy would raise the duty on diesel by 9 cents a litre from July 1.", "A",
                    {"July 1": "2026-07-01"})
    voted = _item("b", "Estravia's National Assembly voted on Tuesday to raise the duty on diesel, approving the "
                       "government's fuel levy after a debate that lasted more than nine hours.", "B",
                  {"Tuesday": "2026-03-10"})
    assert _date_clashes(applies, voted) == []


def test_where_a_ship_stayed_and_when_a_court_sits_do_not_clash() -> None:
    stayed = _item("a", "The trawler was escorted to the Selvarian port of Dravik, where it remained on Monday.", "A",
                   {"Monday": "2026-03-09"})
    court = _item("b", "The trawler and its captain would remain in the Selvarian port of Dravik until a maritime "
                       "court hears the case on March 24.", "B", {"March 24": "2026-03-24"})
    assert _date_clashes(stayed, court) == []


def test_dates_that_name_things_do_not_clash() -> None:
    games = _item("a", "The next Summer Olympic Games will be held in London in 2012.", "A", {"2012": "2012"})
    opened = _item("b", "The 2008 Summer Olympic Games were held in Beijing with a grand ceremony.", "B",
                   {"2008": "2008"})
    quakes = _item("c", "A strong aftershock of the February 27 earthquake hit central Chile overnight.", "C",
                   {"February 27": "2010-02-27"})
    again = _item("d", "A strong aftershock of the March 11 earthquake hit central Chile overnight.", "D",
                  {"March 11": "2010-03-11"})
    assert _date_clashes(games, opened) == []
    assert _date_clashes(quakes, again) == []


def test_the_same_happening_on_other_days_still_clashes() -> None:
    monday = _item("a", "The Corvelle bridge reopened to traffic on Monday after repairs, the council said.", "A",
                   {"Monday": "2026-03-09"})
    tuesday = _item("b", "The Corvelle bridge reopened to traffic on Tuesday after repairs, the council said.", "B",
                    {"Tuesday": "2026-03-10"})
    assert _date_clashes(monday, tuesday) == [("2026-03-09", "2026-03-10")]
    december = _item("c", "In December, the government imposed sanctions on the state arms agency.", "C",
                     {"December": "2020-12"})
    march = _item("d", "In March, the government imposed sanctions on the state arms agency.", "D",
                  {"March": "2021-03"})
    assert _date_clashes(december, march) == [("XXXX-12", "XXXX-03")]  # years not written: not compared


def test_dates_clash_only_between_statements_of_one_fact() -> None:
    monday = _item("a", "The Corvelle bridge reopened to traffic on Monday after repairs, the council said.", "A",
                   {"Monday": "2026-03-09"})
    tuesday = _item("b", "The Corvelle bridge reopened to traffic on Tuesday after repairs, the council said.", "B",
                    {"Tuesday": "2026-03-10"})
    facts = align_facts([monday, tuesday])
    # One statement but for its date: never one fact's agreeing support, two facts that dispute it.
    assert [len(f.members) for f in facts] == [1, 1]
    assert [other for f in facts for _, _, other in f.disputes] == [facts[1].id, facts[0].id]
    (clash,) = [c for c in find_contradictions(facts) if c.kind == "date"]
    assert clash.fact_id is not None and set(clash.facts) == {f.id for f in facts}
    # The same two sentences as two facts that do not dispute each other: two happenings, no clash.
    apart = [dataclasses.replace(f, disputes=()) for f in facts]
    assert [c for c in find_contradictions(apart) if c.kind == "date"] == []


def test_every_contradiction_says_why_in_one_line() -> None:
    items = [_item("a", "The storm killed 12 people in the coastal province of Leyte, officials said.", "A"),
             _item("b", "Officials said the storm killed 15 people in the coastal province of Leyte.", "B")]
    (clash,) = find_contradictions(align_facts(items))
    reason = clash.to_json()["reason"]
    assert reason == clash.reason and "\n" not in reason
    assert reason.startswith("one report gives 12") and "another 15" in reason and "same statement" in reason
    assert "A" not in reason.split() and "B" not in reason.split()  # outlets are on the sides, not in the reason
    negation = [_item("a", "The ministry said the new radar system is compatible with the alliance air defences.", "A"),
                _item("b", "The ministry said the new radar system is not compatible with the alliance air defences.",
                      "B")]
    (clash,) = [c for c in find_contradictions(align_facts(negation)) if c.kind == "negation"]
    assert "one report says" in clash.reason and "where another says" in clash.reason


def test_a_negated_function_word_is_no_negation_clash() -> None:
    # Spanish "no los" / "no pero": the word after the negation is a function word of a pack.
    items = [_item("a", "El portavoz dijo que los soldados no los dejaron pasar por la frontera de Ras Jdir.", "A"),
             _item("b", "El portavoz dijo que los soldados los dejaron pasar por la frontera de Ras Jdir.", "B")]
    facts = align_facts(items)
    assert any(len(f.articles) == 2 for f in facts)  # one statement
    assert [c.left.value for c in find_contradictions(facts) if c.kind == "negation"] == []


# --- names in other roles: no clash --------------------------------------------------------------


def test_a_spokesman_and_a_victim_named_in_aligned_sentences_do_not_clash() -> None:
    official = _people("a", "Colonel Piotr Wiśniewski, head of the civil protection service, said that one of the dead "
                            "was an 81-year-old man in Lisbourg and the other a volunteer firefighter who was swept "
                            "away while helping to evacuate a care home.", "A", ("Piotr Wiśniewski",))
    victim = _people("b", "Two people died: an 81-year-old man in Lisbourg and a volunteer firefighter, 34-year-old "
                          "Mathis Coré, who was swept away while helping to evacuate a care home.", "B", ("Mathis Coré",))
    facts = align_facts([official, victim])
    assert any(len(f.members) == 2 for f in facts)
    assert find_contradictions(facts) == []


def test_names_after_the_same_role_noun_clash() -> None:
    one = _people("a", "The storm killed two people in Lisbourg, provincial governor Anna Berg told reporters.", "A",
                  ("Anna Berg",))
    two = _people("b", "The storm killed two people in Lisbourg, provincial governor Lena Holm told reporters.", "B",
                  ("Lena Holm",))
    (clash,) = find_contradictions(align_facts([one, two]))
    assert clash.kind == "name" and {clash.left.value, clash.right.value} == {"anna berg", "lena holm"}


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


def test_a_vote_count_clashes_between_the_facts_its_reworded_statements_dispute() -> None:
    items = [_item("b", LEVY_B, "B"), _item("c", LEVY_C.format(121), "C")]
    facts = align_facts(items)  # "backed" / "voted ... approving": one statement but for the count
    assert all(len(f.members) == 1 for f in facts)  # never one fact's agreeing support
    disputed = {(f.id, other) for f in facts for _, _, other in f.disputes}
    assert len(disputed) == 2 and {a for a, _ in disputed} == {f.id for f in facts}
    (clash,) = find_contradictions(facts)
    assert clash.kind == "number" and set(clash.facts) == {f.id for f in facts}
    assert {clash.left.value, clash.right.value} == {"112 (votes…)", "121 (votes…)"}
    agreeing = [_item("b", LEVY_B, "B"), _item("c", LEVY_C.format(112), "C")]
    assert [len(f.members) for f in align_facts(agreeing)] == [2]  # the same count: one fact


def test_a_vote_count_clashes_across_facts_that_were_not_aligned() -> None:
    items = [_item("b", LEVY_B, "B"), _item("c", LEVY_C.format(121), "C")]
    facts = align_facts(items, config=FactConfig(min_clause_shared=0, min_gather=0))  # whole sentences only
    assert all(len(f.members) == 1 for f in facts)  # the differing count kept them apart
    gathered = align_facts(items)  # clause matching finds them one statement: two facts in dispute
    assert [(c.kind, c.left.value, c.right.value) for c in find_contradictions(gathered)] == [
        ("number", "112 (votes…)", "121 (votes…)")]
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
    from storyline.reconcile.fact_numbers import unaligned_number_clashes as _unaligned_number_clashes

    _, annotated = s400
    assert _unaligned_number_clashes(align_facts(annotated)) == []


# --- real multi-event news: MultiLing 2011 (aftershocks with near-identical wording) ------------------


def test_multiling_aftershocks_raise_no_number_clash_across_facts() -> None:
    import pytest

    from storyline.analyze.annotate import annotate
    from storyline.evaluate.summary import analyse_cluster, load_clusters
    from storyline.reconcile.fact_numbers import unaligned_number_clashes as _unaligned_number_clashes

    data = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mds-multiling2011"
    if not data.is_dir():
        pytest.skip("../shared/data/mds-multiling2011 is absent")
    (cluster,) = [c for c in load_clusters(data) if c.id == "M005"]
    facts = align_facts(analyse_cluster(cluster, annotate))
    assert sum(1 for f in facts for m in f.members if m.numbers) > 50  # plenty of numbers to confuse
    assert _unaligned_number_clashes(facts) == []


# --- issue 19: what the reading of flagged contradictions on ECB+ dev found false -----------------


def test_a_designation_or_a_clock_time_is_no_count() -> None:
    from storyline.reconcile.fact_values import quantities as _quantities

    assert [(q.value, q.counted) for q in _quantities("Six AK 47 rifles were seized")] == [(6.0, "rifle")]
    assert _quantities("Last updated 13 : 26") == []
    assert [q.value for q in _quantities("The 15 , 800 - square - metre building")] == [15800.0]
    assert [q.value for q in _quantities("the F-35 and the 2-1 score")] == []


def test_two_inventories_counting_parts_do_not_clash() -> None:
    items = [_item("a", "Six AK 47 rifles , 12 magazines and 300 rounds of ammunition were seized from the boats .", "A"),
             _item("b", "The Indian commandos also recovered 12 AK 47 guns , three rifles , two grenades along with "
                        "other ammunition from the boats .", "B")]
    facts = align_facts(items)
    assert any(len(f.articles) == 2 for f in facts)
    assert find_contradictions(facts) == []


def test_negations_written_apart_or_on_both_sides_do_not_clash() -> None:
    from storyline.reconcile.fact_values import negated as _negated

    assert _negated("The City Attorney ’ s office said the case hadn ’ t been submitted as of Tuesday .") == {"submitted"}
    assert _negated("The results were not yet known .") == {"known"}
    items = [_item("a", "I feel on the floor we were n't executing the philosophy that we want to have as Sixers basketball .", "A"),
             _item("b", "I did n't feel on the floor we were executing the philosophy we wanted to have as Sixers basketball .", "B")]
    facts = align_facts(items)
    assert any(len(f.articles) == 2 for f in facts)
    assert find_contradictions(facts) == []
