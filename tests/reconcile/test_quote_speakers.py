"""Quote speakers linked to the story's resolved entities (issue #5), on real sentences."""

from __future__ import annotations

import pytest

from storyline.analyze.annotate import annotate
from storyline.model import Annotated, Article, Mention, Quote, Span, Story
from storyline.reconcile.entities import resolve_entities
from storyline.reconcile.quote_merge import MergedQuote, StoryNames, link_speaker, merge_quotes

CAVUSOGLU_A = (
    "Turkish Foreign Minister Mevlut Cavusoglu met reporters in Ankara on Monday. Cavusoglu said "
    "Turkey would not give up the S-400 missile system under American pressure. He said the "
    "sanctions were unjust and would damage the alliance. A ministry spokesman said the talks with "
    "Washington would continue next week."
)
CAVUSOGLU_B = (
    "Mevlüt Çavuşoğlu, the Turkish foreign minister, spoke in Ankara on Monday. Çavuşoğlu said that "
    "Turkey would never give up its S-400 missile system because of American pressure."
)
JOE = "President Joe Biden spoke in Delaware. Biden said the economy was growing faster than expected this year."
HUNTER = ("Hunter Biden spoke in Los Angeles. Hunter Biden said the economy was growing faster than anyone "
          "expected this year.")
PRICE = ("State Department spokesman Ned Price spoke on Tuesday. The spokesman said Washington's policy on "
         "the missiles had not changed.")


def _story(*texts: str) -> list[Annotated]:
    items = [annotate(Article(id=f"a{n}", text=text, source=f"outlet{n}")) for n, text in enumerate(texts)]
    return resolve_entities(items)[1]


def _with(merged: list[MergedQuote], fragment: str) -> MergedQuote:
    (hit,) = [m for m in merged if any(fragment in v.text for v in m.variants)]
    return hit


def test_transliterations_merge_into_one_quote_of_one_entity() -> None:
    merged = merge_quotes(_story(CAVUSOGLU_A, CAVUSOGLU_B))
    s400 = _with(merged, "give up")
    assert s400.sources == ("a0", "a1")
    assert s400.speaker_entity == "Mevlüt Çavuşoğlu"
    assert [v.speaker_entity for v in s400.variants] == ["Mevlüt Çavuşoğlu", "Mevlüt Çavuşoğlu"]
    assert [v.speaker for v in s400.variants] == ["Mevlut Cavusoglu", "Mevlüt Çavuşoğlu"]


def test_pronoun_speaker_is_the_person_it_refers_to() -> None:
    merged = merge_quotes(_story(CAVUSOGLU_A, CAVUSOGLU_B))
    unjust = _with(merged, "sanctions were unjust")
    assert unjust.sources == ("a0",)
    assert unjust.speaker_entity == "Mevlüt Çavuşoğlu"


def test_unresolved_role_keeps_its_words_and_stays_unlinked() -> None:
    merged = merge_quotes(_story(CAVUSOGLU_A, CAVUSOGLU_B))
    talks = _with(merged, "talks with Washington")
    assert talks.speaker == "A ministry spokesman" and talks.speaker_entity is None


def test_role_resolved_by_the_text_links_to_the_person() -> None:
    (quote,) = merge_quotes(_story(PRICE))
    assert quote.speaker_entity == "Ned Price"


def test_same_surname_different_people_do_not_merge() -> None:
    merged = merge_quotes(_story(JOE, HUNTER))
    assert [(m.speaker_entity, m.sources) for m in merged] == [("Joe Biden", ("a0",)), ("Hunter Biden", ("a1",))]


def test_pairs_without_entities_have_no_speaker_entity() -> None:
    article = Article(id="x", text="Price said the policy had not changed at all.")
    quote = Quote(Span(11, 45), "indirect", Span(0, 5), "Ned Price")
    (merged,) = merge_quotes([(article, [quote])])
    assert merged.speaker == "Ned Price" and merged.speaker_entity is None


def _mentions(text: str, mentions: list[tuple[str, str, str]]) -> tuple[Mention, ...]:
    """Resolved mentions: (surface, type, entity), each at the surface's first place."""
    return tuple(Mention(Span(text.index(s), text.index(s) + len(s)), kind, entity) for s, kind, entity in mentions)


def _item(text: str, mentions: list[tuple[str, str, str]], speaker: str, name: str | None) -> tuple[Annotated, Quote]:
    start, content = text.index(speaker), text.index(" said the ") + 6
    quote = Quote(Span(content, len(text) - 1), "indirect", Span(start, start + len(speaker)), name)
    return Annotated(Article(id="x", text=text), entities=_mentions(text, mentions), quotes=(quote,)), quote


@pytest.mark.parametrize(
    ("text", "mentions", "speaker", "name", "expected"),
    [("A spokesman for Erdogan said the deal stands.", [("Erdogan", "PERSON", "Recep Tayyip Erdogan")],
      "A spokesman for Erdogan", "Erdogan", None),
     ("The US media said the deal stands.", [("US", "GPE", "United States")], "The US media", "US", None),
     ("The U.S. government said the deal stands.", [("U.S.", "GPE", "United States")],
      "The U.S. government", "U.S.", "United States"),
     ("The White House said the deal stands.", [("White House", "ORG", "White House")],
      "The White House", "White House", "White House"),
     ("Turkey's defense minister, Hulusi Akar, said the deal stands.",
      [("Turkey", "GPE", "Turkey"), ("Hulusi Akar", "PERSON", "Hulusi Akar")],
      "Turkey's defense minister, Hulusi Akar", None, "Hulusi Akar"),
     ("Price and Kirby said the deal stands.",
      [("Price", "PERSON", "Ned Price"), ("Kirby", "PERSON", "John Kirby")], "Price and Kirby", None, None)],
)
def test_link_speaker_takes_the_mention_that_heads_the_speaker(
        text: str, mentions: list[tuple[str, str, str]], speaker: str, name: str | None, expected: str | None) -> None:
    item, quote = _item(text, mentions, speaker, name)
    assert link_speaker(item, quote, StoryNames([item])) == expected


def test_story_names_match_by_surname_accent_and_case_insensitively() -> None:
    text = "Recep Tayyip Erdoğan met Mevlut Cavusoglu and Joe Biden met Hunter Biden."
    mentions = _mentions(text, [("Recep Tayyip Erdoğan", "PERSON", "Recep Tayyip Erdoğan"),
                                ("Mevlut Cavusoglu", "PERSON", "Mevlut Cavusoglu"),
                                ("Joe Biden", "PERSON", "Joe Biden"), ("Hunter Biden", "PERSON", "Hunter Biden")])
    names = StoryNames([Annotated(Article(id="x", text=text), entities=mentions)])
    assert names.match("ERDOGAN") == "Recep Tayyip Erdoğan"
    assert names.match("Çavuşoğlu") == "Mevlut Cavusoglu"
    assert names.match("Joseph Biden") == "Joe Biden"
    assert names.match("Biden") is None  # two people
    assert names.match("Ned Price") is None


# -- the five S-400 sample reports ------------------------------------------------------------

#: Every quote of Price, Kirby, Erdogan and Akar in the samples, by a fragment of its content.
S400_SPEAKERS = {
    "Ned Price": ["Washington's policy remained unchanged", "S-400s are incompatible with NATO equipment",
                  "expects a dialogue between", "expected the opportunity", "threates the technical security",
                  "solve differences", "is expected to speak", "Washington's policy in this regard",
                  "are not compatible with NATO", "We continue to urge Turkey not to acquire",
                  "is expected to have a chat with his Turkish counterpart"],
    "Hulusi Akar": ["only partially activating", "we will not always use them", "always opened the door",
                    "partial activation", "European countries possessed", "We are open to negotiating"],
    "John Kirby": ["We urge Turkey not to retain", "long-standing and valued NATO ally", "multiple opportunities"],
    "Recep Tayyip Erdogan": ["right to decide whether to buy", "the US sanctions", "validation certificate"],
}


@pytest.mark.shared
def test_s400_speakers_are_the_resolved_people(s400: tuple[Story, list[Annotated]]) -> None:
    _, items = s400
    people = {m.entity for item in items for m in item.entities if m.type == "PERSON"}
    assert set(S400_SPEAKERS) <= people
    variants = [v for m in merge_quotes(items) for v in m.variants]
    for person, fragments in S400_SPEAKERS.items():
        for fragment in fragments:
            hits = [v for v in variants if fragment in v.text]
            assert len(hits) == 1, fragment
            assert hits[0].speaker_entity == person, fragment
    linked = [v for v in variants if v.speaker_entity in S400_SPEAKERS]
    gold = {f: p for p, fragments in S400_SPEAKERS.items() for f in fragments}
    assert all(any(f in v.text and gold[f] == v.speaker_entity for f in gold) for v in linked)
    assert len(linked) == len(gold)


@pytest.mark.shared
def test_s400_unresolved_roles_stay_unlinked(s400: tuple[Story, list[Annotated]]) -> None:
    _, items = s400
    merged = merge_quotes(items)
    official = [m for m in merged if any("Al-Jazeera" in v.text for v in m.variants)]
    assert [m.speaker_entity for m in official] == [None]
    apposition = _with(merged, "only partially activating")
    assert len(apposition.sources) == 2 and apposition.speaker == "Hulusi Akar"
