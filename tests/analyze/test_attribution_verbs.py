"""English verbs and clause shapes of attribution the finder used to miss: 'spoke of', verbs of
opinion and proposal, a demonstrative 'that' closing the content, a part of the day after the
weekday of an inverted attribution. Sentences written for these tests."""

from __future__ import annotations

import pytest

from storyline.analyze.quotes import find_quotes


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("Experts on trade and tariffs said the new duties could change that.",
         "Experts on trade and tariffs", "the new duties could change that"),
        ("The mayor spoke of the long history of flooding in the lower town.",
         "The mayor", "the long history of flooding in the lower town"),
        ("Senator Ruth Hale offered some blunt advice to the governor on the budget.",
         "Senator Ruth Hale", "some blunt advice to the governor on the budget"),
        ("The union sees the new contract as a step back for younger workers.",
         "The union", "the new contract as a step back for younger workers"),
        ("The bridge will stay closed until spring, city engineers said Friday afternoon.",
         "city engineers", "The bridge will stay closed until spring"),
    ],
)
def test_the_attribution_is_found_with_its_speaker_and_content(text: str, speaker: str, content: str) -> None:
    found = [(q.speaker.text_in(text), q.content.text_in(text)) for q in find_quotes(text) if q.speaker]
    assert found == [(speaker, content)]


@pytest.mark.parametrize(
    "text",
    [
        "He climbed the ridge to see the melting ice before it was gone.",  # an infinitive of seeing
        "The channel aired grim views of the flooded town all week.",  # 'views' is a noun here
    ],
)
def test_perception_and_nouns_are_no_attribution(text: str) -> None:
    assert not [q for q in find_quotes(text) if q.speaker is not None]


def test_a_second_attribution_after_and_a_pronoun_ends_the_first() -> None:
    text = ("The minister said the talks would resume next week, and he urged both sides "
            "to keep the ceasefire until then.")
    found = [(q.speaker.text_in(text), q.cue.text_in(text), q.content.text_in(text))
             for q in find_quotes(text) if q.speaker and q.cue]
    assert found == [("The minister", "said", "the talks would resume next week"),
                     ("he", "urged", "both sides to keep the ceasefire until then")]


def test_a_noun_cue_after_an_opening_preposition_is_no_attribution_of_its_object() -> None:
    text = "In the wake of the Daily Ledger report, the mayor has portrayed himself as a reformer."
    found = [(q.speaker.text_in(text), q.cue.text_in(text)) for q in find_quotes(text) if q.speaker and q.cue]
    assert found == [("the mayor", "portrayed")]
