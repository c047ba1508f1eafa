"""Statements aligned by meaning: predicate classes, states, clauses (fact_meaning, fact_scores)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.analyze.annotate import annotate
from storyline.model import Annotated, Article, Story
from storyline.reconcile.entities import resolve_entities
from storyline.reconcile.fact_meaning import meaning
from storyline.reconcile.fact_scores import clause_scores
from storyline.reconcile.facts import FactConfig, align_facts
from storyline.reconcile.summary import statements_of

SANCTIONS = {
    "en": "Washington sanctioned Ankara over the purchase of Russian missiles.",
    "es": "Washington sancionó a Ankara por la compra de los misiles rusos.",
    "fr": "Washington a sanctionné Ankara pour l'achat des missiles russes.",
    "it": "Washington ha sanzionato Ankara per l'acquisto dei missili russi.",
    "de": "Washington hat Ankara wegen des Kaufs russischer Raketen sanktioniert.",
    "pt": "Washington sancionou Ancara pela compra dos mísseis russos.",
}


def _story(*reports: tuple[str, str]) -> list[Annotated]:
    """Reports analysed as the pipeline does (entities found and resolved across them)."""
    annotated = [annotate(Article(id=a, text=text, source=a.upper(), language="en")) for a, text in reports]
    return resolve_entities(annotated)[1]


@pytest.mark.parametrize("code", sorted(SANCTIONS))
def test_a_statement_and_its_translations_share_class_and_state_keys(code: str) -> None:
    keys = meaning(SANCTIONS[code], code).keys
    assert {"~sanction", "~purchase", "@US", "@TR"} <= keys
    assert meaning(SANCTIONS[code], None).keys == keys  # an unknown language reads every pack


def test_capitals_and_countries_meet_but_plain_words_do_not() -> None:
    assert "@US" in meaning("The United States imposed sanctions.", "en").keys
    assert "@US" not in meaning("They told us they imposed sanctions.", "en").keys  # 'us' is a pronoun
    assert meaning("", "en").clauses == () and meaning("", "en").keys == frozenset()


def test_clauses_split_a_compound_statement_and_join_small_pieces() -> None:
    text = ("The U.S. government suspended Turkey's eligibility to join the F-35 project in July 2019 and "
            "imposed sanctions on Turkey in December 2020, citing the purchase.")
    clauses = meaning(text, "en").clauses
    assert len(clauses) == 2  # "citing the purchase" is too small to stand alone
    sanctions = next(c for c in clauses if "~sanction" in c)
    assert "@TR" in sanctions and "~withdraw" not in sanctions and "sanct" not in sanctions  # said once, by its class
    assert "~sanction" not in clauses[0] and "~withdraw" in clauses[0]  # suspended ... from the F-35 project


REWORDED = [
    ("a", "In December, the Trump administration imposed long-awaited sanctions on Turkey for the acquisition, "
          "a move Turkey called a serious mistake."),
    ("b", "Washington had imposed sanctions on Turkey over the purchase of the S-400 Triumf missiles from Moscow."),
    ("c", "Last year, Washington imposed sanctions on Ankara because of these Russian missiles, and was reflected "
          "in the ban on granting any permits to export weapons."),
]


def test_reworded_statements_become_one_fact_only_with_clause_matching() -> None:
    # "sanctions on Turkey" / "sanctions on Ankara": the seat of government stands for the state.
    items = _story(*REWORDED)
    merged = [f for f in align_facts(items) if len(f.articles) > 1]
    assert len(merged) == 1 and set(merged[0].articles) == {"b", "c"}
    assert all(len(f.articles) == 1 for f in align_facts(items, config=FactConfig(min_clause_shared=0)))
    # The whole-sentence facts are kept as its parts, each once, for the summary.
    parts = statements_of(align_facts(items))
    assert sorted(a for p in parts for a in p.articles) == ["a", "b", "c"]
    assert statements_of(align_facts(items, config=FactConfig(min_clause_shared=0))) == \
        align_facts(items, config=FactConfig(min_clause_shared=0))


def test_clause_scores_need_a_shared_class_and_keep_different_people_apart() -> None:
    config = FactConfig()
    reports = [frozenset({"a"}), frozenset({"b"})]
    clauses = [(frozenset({"~arrest", "drunk", "drivi", "suspi"}),), (frozenset({"~arrest", "drunk", "drivi"}),)]
    assert clause_scores(reports, clauses, [frozenset(), frozenset()], config)
    assert not clause_scores(reports, clauses, [frozenset({"jackson"}), frozenset({"williams"})], config)
    assert clause_scores(reports, clauses, [frozenset({"jackson"}), frozenset({"jackson"})], config)
    plain = [tuple(frozenset(k for k in c if k[0] != "~") for c in parts) for parts in clauses]
    assert not clause_scores(reports, plain, [frozenset(), frozenset()], config)  # no predicate shared
    assert not clause_scores([frozenset({"a"}), frozenset({"a"})], clauses, [frozenset(), frozenset()], config)


def test_sharing_a_class_alone_is_not_a_statement() -> None:
    items = _story(("a", "Ankara is planning to purchase a second batch of missile systems from Russia soon."),
                   ("b", "Egypt completed the purchase of twenty fighter jets built in France last week."))
    assert all(len(f.articles) == 1 for f in align_facts(items))


def test_samples_the_december_sanctions_are_one_fact_of_four_reports(s400: tuple[Story, list[Annotated]]) -> None:
    _, annotated = s400
    sanctions = [f for f in align_facts(annotated) if sum("imposed" in m.text and "sanctions" in m.text
                                                          for m in f.members) >= 2]
    assert len(sanctions) == 1 and len(sanctions[0].articles) >= 4
    before = [f for f in align_facts(annotated, config=FactConfig(min_clause_shared=0))
              if any("imposed" in m.text and "sanctions" in m.text for m in f.members)]
    assert max(len(f.articles) for f in before) < 4  # what clause matching adds


#: The six statements three or more sample reports share (issue 19), by file and a phrase of the
#: sentence that states each in that report (read by hand).
SHARED_STATEMENTS = {
    "sanctions": {"000": "which sanctioned Ankara over the air defense", "001": "imposed sanctions on Turkey in December 2020",
                  "002": "Last year, Washington imposed sanctions", "003": "Washington had imposed sanctions",
                  "004": "Trump administration imposed long-awaited sanctions"},
    "blinken_talk": {"000": "Blinken is expected to have a chat", "001": "expects a dialogue between Secretary of State",
                     "002": "Blinken is expected to speak with his Turkish counterpart"},
    "policy_unchanged": {"000": "Asked if the United States is considering", "001": "has not changed",
                         "002": "In response to a question whether"},
    "threatens_f35": {"000": "threaten its F-35", "001": "may help Russia track the F-35",
                      "003": "gather intelligence about the advanced capabilities", "004": "pose a threat to its advanced F-35"},
    "not_integrated": {"000": "stand independently from NATO", "003": "would not be integrated into NATO",
                       "004": "will not be integrated into NATO"},
    "urge_not_keep": {"001": "continued to urge Turkey not to retain", "002": "We continue to urge Turkey not to acquire",
                      "003": "We urge Turkey not to retain"},
}


def test_samples_shared_statements_gather_their_reports(s400: tuple[Story, list[Annotated]]) -> None:
    _, annotated = s400
    files = {a.article.id: Path(a.article.provenance.path).name[:3] for a in annotated if a.article.provenance}
    assert len(files) == 5
    facts = align_facts(annotated)

    def gathered(name: str, found: list) -> int:
        phrases = SHARED_STATEMENTS[name]
        return max(len({files[m.article_id] for m in f.members if phrases.get(files[m.article_id], "\0") in m.text})
                   for f in found)

    after = {name: gathered(name, facts) for name in SHARED_STATEMENTS}
    before = {name: gathered(name, statements_of(facts)) for name in SHARED_STATEMENTS}
    whole = sum(after[n] >= len(p) - 1 for n, p in SHARED_STATEMENTS.items())
    assert whole >= 5 > sum(before[n] >= len(p) - 1 for n, p in SHARED_STATEMENTS.items())  # measured 5 (was 3)
    assert after["sanctions"] >= 4 and all(after[n] >= before[n] for n in SHARED_STATEMENTS)


@pytest.mark.parametrize("code, sentence", [
    ("en", "A gunman shot two people in the office."), ("es", "Un hombre disparó contra dos personas."),
    ("fr", "Une fusillade a fait deux blessés."), ("it", "Un uomo ha sparato a due persone."),
    ("de", "Ein Mann hat auf zwei Menschen geschossen."), ("pt", "Um homem disparou contra duas pessoas."),
    ("nl", "Een man heeft op twee mensen geschoten.")])
def test_a_shooting_is_an_attack_in_every_full_pack(code: str, sentence: str) -> None:
    # ECB+ dev (issue 19): "Michigan office shooting kills 1" / "Three people shot in office shooting".
    assert "~attack" in meaning(sentence, code).keys
    assert "~attack" not in meaning("Two people were in the office.", code).keys
