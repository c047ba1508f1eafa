"""Tests for whole subject noun phrases as speakers (PolNeAR's Source extent)."""

from __future__ import annotations

import pytest

from storyline.analyze.quotes import find_quotes
from storyline.analyze.sentences import split_sentences
from storyline.analyze.speaker_clause import clause_subject, speaker_before
from storyline.analyze.speakers import TokenDoc


def _before(text: str, cue: str) -> str | None:
    doc = TokenDoc(text, split_sentences(text))
    span = speaker_before(doc, text.index(cue), doc.sentence_start(text.index(cue)))
    return None if span is None else span.text_in(text)


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [("The nonpartisan Commission on Presidential Debates says the microphone worked.", "says",
      "The nonpartisan Commission on Presidential Debates"),
     ("Several former RT journalists have complained that they were censored.", "complained",
      "Several former RT journalists"),
     ("73 percent said the same of Trump.", "said", "73 percent"),
     ("Nearly eight of 10 voters say they plan to tune in.", "say", "Nearly eight of 10 voters"),
     ("De Blasio said the city was safe.", "said", "De Blasio"),
     ("In a statement on Monday, the White House said the plan was dead.", "said", "the White House"),
     ("But last week Trump said the race was rigged.", "said", "Trump"),
     ("Republican presidential nominee Donald Trump said it.", "said", "Republican presidential nominee Donald Trump"),
     ("He’s claiming that the race is rigged.", "claiming", "He"),
     ("They’re saying the race is rigged.", "saying", "They"),
     ("Clinton now says she opposes the deal.", "says", "Clinton"),
     ("Mr. Schultz supported Democrats on MSNBC, which let him go in 2015, and said he did not "
      "support Mr. Trump.", "said he", "Mr. Schultz")],
)
def test_speaker_before_takes_the_whole_subject(text: str, cue: str, speaker: str) -> None:
    assert _before(text, cue) == speaker


@pytest.mark.parametrize(
    ("text", "cue"),
    [("In 2008 Obama said it.", "said"),  # opened by a preposition: not one noun phrase
     ("The report that was released said it.", "said"),  # an auxiliary inside
     ("The man who met them said it.", "said")],  # a relative clause's verb phrase
)
def test_clause_subject_refuses_what_is_no_noun_phrase(text: str, cue: str) -> None:
    doc = TokenDoc(text, split_sentences(text))
    assert clause_subject(doc, 0, text.index(cue) - 1) is None


def test_speaker_before_keeps_the_name_when_the_clause_is_long() -> None:
    text = "In the long and winding speech he gave to the assembled crowd of supporters Trump said it."
    assert _before(text, "said") == "Trump"


def test_participle_shares_the_bracketed_speaker_of_the_cue_before() -> None:
    from storyline.analyze.quotes import find_quotes

    text = ("Sen. David Perdue (R-Ga.) said he didn't believe those characterizations mattered in 2012, "
            "arguing that it was divisions in the Republican Party that were a bigger hurdle.")
    speakers = {q.content.text_in(text)[:12]: q.speaker.text_in(text) for q in find_quotes(text) if q.speaker}
    assert speakers == {"he didn't be": "Sen. David Perdue (R-Ga.)", "that it was ": "Sen. David Perdue (R-Ga.)"}


def test_a_clause_ending_in_an_infinitive_is_no_speaker() -> None:
    text = "US State Dept expects Blinken, Turkey's minister to chat, says policy unchanged"
    speakers = [q.speaker.text_in(text) for q in find_quotes(text) if q.speaker is not None]
    assert "Blinken, Turkey's minister to chat" not in speakers
    assert speakers == ["US State Dept"]
