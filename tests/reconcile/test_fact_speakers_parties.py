"""Parties as fact alignment compares them: a state speaking ("Washington says") is a party like a
person, and two parties' sentences are one fact only when they share more than the frame."""

from __future__ import annotations

from storyline.analyze.sentences import split_sentences
from storyline.model import Annotated, Article, Mention, Quote, Span
from storyline.reconcile.fact_speakers import agree_beyond_speakers, speakers_conflict, speakers_of, state_of
from storyline.reconcile.facts import align_facts


def test_a_state_its_capital_or_its_seat_is_the_state() -> None:
    assert state_of("Washington", "en") == state_of("the United States", "en") == "@US"
    assert state_of("Ankara", "en") == state_of("Turkey", "en") == "@TR"
    assert state_of("the Kremlin", "en") == "@RU"
    assert state_of("Ankara", "fr") == "@TR"  # the union of the packs answers any language
    # Anything more than the state's name is no state: an office, an official, a person.
    assert state_of("A US State Department official", "en") is None
    assert state_of("the US media", "en") is None
    assert state_of("Recep Tayyip Erdogan", "en") is None
    assert state_of("", "en") is None


def _said(text: str, speaker: str, entity: str, person: bool) -> Annotated:
    start = text.index(speaker)
    mentions = (Mention(Span(start, start + len(speaker)), "PERSON" if person else "GPE", entity),)
    content = text.index(" that ") + 6
    quote = Quote(Span(content, len(text) - 1), "indirect", Span(start, start + len(speaker)), entity)
    return Annotated(Article(id=speaker, text=text, source=speaker, language="en"), tuple(split_sentences(text)),
                     mentions, (), (quote,))


def test_a_speaking_state_is_a_party_of_the_sentence() -> None:
    washington = _said("Washington said on Monday that sanctions would remain.", "Washington", "Washington", False)
    price = _said("Ned Price said on Monday that sanctions would remain.", "Ned Price", "Ned Price", True)
    assert speakers_of(washington)(washington.sentences[0]) == frozenset({"@US"})
    assert speakers_of(price)(price.sentences[0]) == frozenset({"price"})
    assert speakers_conflict(frozenset({"@US"}), frozenset({"erdogan"}))
    assert speakers_conflict(frozenset({"@US"}), frozenset({"@TR"}))
    assert not speakers_conflict(frozenset({"@US"}), frozenset({"@US"}))


def test_two_parties_agree_only_beyond_their_own_names_and_the_predicate() -> None:
    speakers = frozenset({"@US", "erdogan"})
    # "Washington has repeatedly rejected that" / "the United States opposes 'insignificant'".
    assert not agree_beyond_speakers(frozenset({"@US", "repea", "~reject"}), frozenset({"@US", "insig", "~reject"}),
                                     speakers)
    assert not agree_beyond_speakers(frozenset({"erdog", "~say"}), frozenset({"erdog", "~say"}), speakers)
    # The object of the statement in common: one statement of two parties.
    assert agree_beyond_speakers(frozenset({"@US", "@TR", "~sanction"}), frozenset({"@US", "@TR", "~sanction"}),
                                 speakers)
    assert not agree_beyond_speakers(frozenset(), frozenset(), frozenset())


def test_a_state_and_a_person_rejecting_different_things_are_two_facts() -> None:
    washington = _said("Washington said that it has repeatedly rejected the joint working group.", "Washington",
                       "Washington", False)
    erdogan = _said("Erdogan said that the United States rejected the idea as insignificant.", "Erdogan",
                    "Recep Tayyip Erdogan", True)
    facts = align_facts([washington, erdogan])
    assert [f.articles for f in facts] == [("Washington",), ("Erdogan",)]


def test_a_state_named_by_its_capital_and_its_name_is_one_party() -> None:
    from storyline.reconcile.fact_sources import Attribution, fact_sources

    def attribution(article: str, party: str) -> Attribution:
        return Attribution(article, Span(0, 40), party, "organisation", "said", "indirect", Span(0, 10), Span(10, 40))

    said = {("a", 0): [attribution("a", "Ankara")], ("b", 0): [attribution("b", "Turkey")],
            ("c", 0): [attribution("c", "Ned Price")]}
    members = [("a", "A", Span(0, 40)), ("b", "B", Span(0, 40)), ("c", "C", Span(0, 40))]
    parties = fact_sources(members, 3, said)["claimed_by"]
    assert [(p["party"], p["names"], p["outlets"]) for p in parties] == [
        ("Ankara", ["Ankara", "Turkey"], ["A", "B"]), ("Ned Price", ["Ned Price"], ["C"])]


def test_one_surname_romanised_two_ways_is_one_speaker() -> None:
    # Spanish, French and Italian reports spell Gaddafi three ways; entity resolution keys them
    # alike, and so must the facts, or one party's claim reported by two outlets stays two facts.
    assert not speakers_conflict(frozenset({"gadafi"}), frozenset({"kadhafi"}))
    assert not speakers_conflict(frozenset({"gheddafi"}), frozenset({"kadhafi"}))
    assert speakers_conflict(frozenset({"kadhafi"}), frozenset({"mubarak"}))
    assert speakers_conflict(frozenset({"price"}), frozenset({"kirby"}))
