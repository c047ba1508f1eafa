"""Coherent facts (issue 19): a fact's support is what its sentences state together, never a chain
of look-alikes, and never two values for one slot presented as agreement."""

from __future__ import annotations

import pytest

from storyline.errors import ConfigError
from storyline.model import Annotated, Article
from storyline.analyze.sentences import split_sentences
from storyline.reconcile.claims import find_contradictions
from storyline.reconcile.fact_cluster import cluster_sentences, coherent, needed_ties
from storyline.reconcile.fact_disputes import ValueClashes
from storyline.reconcile.fact_features import build_units
from storyline.reconcile.facts import FactConfig, align_facts

DAY = "2011-03-15"


def _item(article_id: str, text: str, source: str) -> Annotated:
    return Annotated(Article(id=article_id, text=text, source=source, published=DAY), tuple(split_sentences(text)), (), ())


def _reports(facts: list) -> list[list[str]]:
    return [[m.article_id for m in f.members] for f in facts]


BREGA = "Rebel fighters seized the oil port of Brega on Sunday after a day of heavy fighting."
BOTH = "Rebel fighters seized the oil port of Brega on Sunday, while loyalist troops shelled the town of Ajdabiya overnight."
AJDABIYA = "Loyalist troops shelled the town of Ajdabiya overnight, hitting houses near the central market."


#: Cohesion on (off by default: on ECB+ dev it cost facts F1 0.490 -> 0.449 while a read sample of
#: crawled multi-outlet facts was no less loose: see docs/EVAL.md).
STRICT = FactConfig(min_cohesion=0.5, min_weak_tie=0.05)


def test_a_chain_does_not_join_two_sentences_that_say_different_things() -> None:
    # B states both A's news and C's; A and C share nothing: B supports two facts, A and C none together.
    facts = align_facts([_item("a", BREGA, "A"), _item("b", BOTH, "B"), _item("c", AJDABIYA, "C")], config=STRICT)
    assert sorted(_reports(facts)) == [["a", "b"], ["b", "c"]]


def test_chains_come_back_when_cohesion_is_switched_off() -> None:
    facts = align_facts([_item("a", BREGA, "A"), _item("b", BOTH, "B"), _item("c", AJDABIYA, "C")])
    assert _reports(facts) == [["a", "b", "c"]]


TOLLS = [("a", "At least 17 people were killed in Misrata on Tuesday by sniper fire and shelling, a doctor said."),
         ("b", "Seventeen people were killed in Misrata on Tuesday by sniper fire and shelling, a doctor told reporters."),
         ("c", "Five people were killed in Misrata on Tuesday by sniper fire and shelling, a doctor said."),
         ("d", "A doctor said 17 people were killed by sniper fire and shelling in Misrata on Tuesday.")]


def test_two_tolls_are_never_one_facts_agreeing_support() -> None:
    facts = align_facts([_item(i, text, i.upper()) for i, text in TOLLS])
    assert sorted(_reports(facts)) == [["a", "b", "d"], ["c"]]
    toll, other = sorted(facts, key=lambda f: -len(f.members))
    # "Seventeen" is read as 17 too (the pack's number words), so b disputes c as a and d do.
    assert {(a.article_id, b.article_id, fact) for a, b, fact in toll.disputes} == {("a", "c", other.id),
                                                                                   ("b", "c", other.id),
                                                                                   ("d", "c", other.id)}
    clashes = find_contradictions(facts)  # the disagreement is recorded, between the two facts
    assert clashes and all(c.kind == "number" and set(c.facts) == {toll.id, other.id} for c in clashes)
    assert {frozenset((c.left.value, c.right.value)) for c in clashes} == {frozenset(("17 (peopl…)", "5 (peopl…)"))}


def test_value_clashes_need_two_outlets_and_a_differing_count() -> None:
    units = build_units([_item(i, text, "same" if i in "ac" else i) for i, text in TOLLS])
    clashes = ValueClashes(units)
    index = {u.article_id: n for n, u in enumerate(units)}
    assert (index["a"], index["c"]) not in clashes  # one outlet updating itself
    assert (index["c"], index["d"]) in clashes and (index["d"], index["c"]) in clashes
    assert (index["a"], index["d"]) not in clashes  # "at least 17" and 17 agree
    assert ("x", 1) not in clashes and 3 not in clashes  # not a pair of sentences
    assert clashes.among([(index["a"], index["b"]), (index["c"], index["d"])]) == [(index["c"], index["d"])]


def test_coherent_needs_each_member_tied_to_most_of_the_fact() -> None:
    config = STRICT
    one = [frozenset({r}) for r in "abcd"]
    scores = {(0, 1): 0.6, (1, 2): 0.6, (0, 2): 0.3, (2, 3): 0.5, (1, 3): 0.08, (0, 3): 0.07}
    assert coherent([0, 1, 2], one, scores, config)
    assert not coherent([0, 1, 2], one, {(0, 1): 0.6, (1, 2): 0.6}, config)  # 0 and 2 share nothing
    assert not coherent([0, 1, 2, 3], one, scores, config)  # 3 tied to one of three
    assert not coherent([0, 1, 2], one, scores, config, clashing={(0, 2)})
    same = [frozenset({"a"}), frozenset({"b"}), frozenset({"a"})]  # 0 and 2: one report says it twice
    pair = {(0, 1): 0.6, (1, 2): 0.6}
    assert not coherent([0, 1, 2], same, pair, config)  # no evidence the report's two sentences agree
    assert coherent([0, 1, 2], same, pair, config, alike=lambda i, j: 0.5)
    assert not coherent([0, 1, 2], same, pair, config, alike=lambda i, j: 0.1)


def test_clustering_blocks_a_merge_across_a_clashing_pair() -> None:
    articles = [frozenset({r}) for r in "abc"]
    speakers = [frozenset()] * 3
    scores = {(0, 1): 0.8, (1, 2): 0.7, (0, 2): 0.6}
    assert cluster_sentences(articles, speakers, scores, FactConfig()) == [[0, 1, 2]]
    assert cluster_sentences(articles, speakers, scores, FactConfig(), clashing={(0, 2)}) == [[0, 1], [2]]


@pytest.mark.parametrize(("others", "share", "need"), [(1, 0.5, 1), (2, 0.5, 1), (3, 0.5, 2), (9, 0.5, 5),
                                                       (2, 0.6, 2), (4, 1.0, 4), (5, 0.0, 0)])
def test_needed_ties(others: int, share: float, need: int) -> None:
    assert needed_ties(others, share) == need


@pytest.mark.parametrize("bad", [{"min_cohesion": 1.5}, {"min_cohesion": -0.1}])
def test_bad_cohesion_is_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ConfigError):
        FactConfig(**bad)


def test_a_shared_function_word_is_no_evidence_of_one_statement() -> None:
    from storyline.reconcile.fact_clash import function_stems  # noqa: PLC0415
    from storyline.reconcile.fact_scores import score  # noqa: PLC0415

    assert "los" in function_stems() and "hijos" not in function_stems()
    sons = {"los": 1.5, "hijos": 3.0, "dicta": 3.0}  # "los hijos del dictador"
    gaddafi = {"los": 1.5, "hijos": 3.0, "gadaf": 3.0}  # "los hijos de Gadafi"
    assert score(sons, gaddafi, 20.25, 2) == 0.0
    both = {"los": 1.5, "hijos": 3.0, "dicta": 3.0, "gadaf": 3.0}
    assert score(sons, both, 20.25, 2) == pytest.approx((1.5 ** 2 + 3.0 ** 2 + 3.0 ** 2) / 20.25)
    assert score(sons, {"hijos": 3.0}, 9.0, 2) == 0.0  # one key in common


def test_two_groups_that_take_each_others_sentences_are_one_fact() -> None:
    # Two reports each state the fact twice (a headline and its lead): the two pairs attach each
    # other's sentences as restatements and would be listed twice with one support.
    one_report_each = [frozenset({"r1"}), frozenset({"r1"}), frozenset({"r2"}), frozenset({"r2"})]
    scores = {(0, 2): 0.9, (1, 3): 0.9, (1, 2): 0.5, (0, 3): 0.5}
    groups = cluster_sentences(one_report_each, [frozenset()] * 4, scores, FactConfig(), alike=lambda i, j: 0.5)
    assert groups == [[0, 1, 2, 3]]
