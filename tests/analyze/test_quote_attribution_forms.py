"""Tests for the attribution forms added for PolNeAR's broader notion of a source (issue 5):
second cues of one subject, participles, stance verbs, catenatives, subordinate clauses, topics
of a verb of telling, lowercase passive agents and restrictive relatives in the subject. Each
behaviour has a positive and a negative case on a sentence written here."""

from __future__ import annotations

import pytest

from storyline.analyze.quotes import find_quotes
from storyline.analyze.sentences import split_sentences
from storyline.analyze.speaker_clause import speaker_before
from storyline.analyze.speakers import TokenDoc
from storyline.model import Quote, Span


def _show(text: str, quotes: list[Quote]) -> list[tuple[str, str | None, str | None]]:
    def cut(span: Span | None) -> str | None:
        return None if span is None else span.text_in(text)

    return [(q.content.text_in(text), cut(q.speaker), cut(q.cue)) for q in quotes]


def _before(text: str, cue: str) -> str | None:
    doc = TokenDoc(text, split_sentences(text))
    span = speaker_before(doc, text.index(cue), doc.sentence_start(text.index(cue)))
    return None if span is None else span.text_in(text)


def test_second_cue_of_one_subject_is_an_attribution_of_its_own() -> None:
    text = ("In his speech, Graham urged Republicans to join the ranks of climate change believers, "
            "and criticized the party\u2019s lack of environmental awareness.")
    assert _show(text, find_quotes(text)) == [
        ("Republicans to join the ranks of climate change believers", "Graham", "urged"),
        ("the party\u2019s lack of environmental awareness", "Graham", "criticized"),
    ]


def test_noun_like_form_after_and_does_not_split_the_content() -> None:
    text = "The mayor said the city needs more money and support from the state government."
    assert _show(text, find_quotes(text)) == [
        ("the city needs more money and support from the state government", "The mayor", "said")
    ]


def test_participle_takes_the_speaker_of_the_cue_before_it() -> None:
    text = ("\u201cWe certainly can\u2019t afford to do this anymore,\u201d Trump said, adding later, "
            "\u201cNATO is costing us a fortune, and we are protecting Europe.\u201d")
    assert [s[1:] for s in _show(text, find_quotes(text))] == [("Trump", "said"), ("Trump", "adding")]


def test_participle_right_after_a_name_takes_that_name() -> None:
    text = "The ad uses footage of Hillary Clinton asking, \u201cWhy aren\u2019t I 50 points ahead?\u201d"
    assert _show(text, find_quotes(text)) == [
        ("Why aren\u2019t I 50 points ahead?", "Hillary Clinton", "asking")
    ]


def test_participle_after_a_comma_takes_the_sentence_subject() -> None:
    text = ("On Thursday, however, Trump spoke to a gathering of industry leaders, promising to lift "
            "environmental regulations.")
    assert _show(text, find_quotes(text)) == [
        ("to lift environmental regulations", "Trump", "promising")
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [("However, after Joseph Biden was elected President, Turkey repeatedly \u201cwishes goodwill\u201d "
      "to the United States, hoping to improve relations between the two countries.", "Turkey"),
     ("When the talks ended, the minister walked out, promising to return next week.", "the minister"),
     ("ANKARA \u2013 The advisers talked on Tuesday, promising to keep talking.", "The advisers")],
)
def test_participle_skips_an_opening_clause_and_a_dateline(text: str, speaker: str) -> None:
    assert [s[1] for s in _show(text, find_quotes(text))] == [speaker]


def test_an_acronym_before_a_dash_is_no_dateline() -> None:
    text = "NATO \u2013 the alliance \u2013 met on Tuesday, promising to keep talking."
    assert [s[1] for s in _show(text, find_quotes(text))] == ["NATO"]


def test_participle_after_with_takes_its_own_subject() -> None:
    text = ("ANKARA \u2013 Advisers to Erdogan and Biden spoke by phone on Tuesday, with the US "
            "administration expressing concern that the missiles could undermine NATO.")
    assert _show(text, find_quotes(text)) == [
        ("that the missiles could undermine NATO", "the US administration", "expressing")]


def test_cue_inside_an_opening_clause_keeps_its_subject() -> None:
    text = "Though she called the behavior outrageous and called for compensation, the bill failed."
    assert {s[1] for s in _show(text, find_quotes(text))} == {"she"}


def test_name_after_the_object_of_a_relative_clause_is_the_speaker() -> None:
    text = "The US imposed sanctions on Turkey, a move Turkey called a serious mistake."
    assert [s[1:] for s in _show(text, find_quotes(text))] == [("Turkey", "called")]
    assert _before("An official spokesman Ned Price said it fails.", "said") != "Ned Price"


def test_quotation_after_an_object_and_saying_is_a_quote_of_its_own() -> None:
    text = ("Erdogan countered the US sanctions saying \u201cTurkey does not need a certificate from "
            "Washington for its own security decisions.\u201d")
    assert _show(text, find_quotes(text)) == [
        ("the US sanctions", "Erdogan", "countered"),
        ("Turkey does not need a certificate from Washington for its own security decisions",
         "Erdogan", "saying")]


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [("Gov. Earl Ray Tomblin lauded Mr. Clarke for helping develop new ideas.", "Gov. Earl Ray Tomblin",
      "lauded"),
     ("Ted Cruz endorsed Trump.", "Ted Cruz", "endorsed"),
     ("The former secretary of state denounced the plan as reckless and dangerous.",
      "The former secretary of state", "denounced")],
)
def test_stance_verbs_attribute_their_object(text: str, speaker: str, cue: str) -> None:
    shown = _show(text, find_quotes(text))
    assert [s[1:] for s in shown] == [(speaker, cue)]


@pytest.mark.parametrize(
    "text",
    ["A federal appeals court ruled Friday against the state procedure.",
     "Voting rights advocates have expressed deep concern about the policy.",
     "He said so.",
     "Turkey rejects this."],
)
def test_nouns_and_pronoun_objects_are_no_stance(text: str) -> None:
    assert all(q.cue is None or q.cue.text_in(text) not in {"appeals", "advocates"}
               for q in find_quotes(text))
    assert all(len(q.content.text_in(text).split()) > 1 for q in find_quotes(text))


def test_catenative_verb_passes_its_subject_to_the_cue() -> None:
    assert _before("After the event he appeared to suggest that veterans are weak.", "suggest") == "he"
    assert _before("Cruz has long said that he qualifies.", "said") == "Cruz"


def test_other_verbs_before_to_pass_no_subject() -> None:
    assert _before("The judge forced him to admit that he lied.", "admit") is None


def test_subordinate_clause_ends_its_attribution() -> None:
    text = "Although Trump has admitted using the tax code, he does not defend it."
    assert ("using the tax code", "Trump", "admitted") in _show(text, find_quotes(text))


def test_comma_inside_a_main_clause_attribution_does_not_end_it() -> None:
    text = "Trump said that although he used the tax code, he paid what he owed."
    assert _show(text, find_quotes(text)) == [
        ("that although he used the tax code, he paid what he owed", "Trump", "said")
    ]


def test_topic_after_a_verb_of_telling_is_the_content() -> None:
    text = "Matt Lauer faced heavy criticism after he asked Clinton about her email scandal."
    assert _show(text, find_quotes(text)) == [("her email scandal", "he", "asked")]


def test_verb_of_telling_with_only_an_addressee_is_no_attribution() -> None:
    text = "Graham told reporters on the plane."
    assert find_quotes(text) == []


def test_lowercase_passive_agent_is_the_speaker() -> None:
    text = "Donald Trump, meanwhile, is supported by far fewer publications."
    assert [s[1:] for s in _show(text, find_quotes(text))] == [("far fewer publications", "supported")]


def test_single_word_passive_agent_is_no_speaker() -> None:
    assert find_quotes("Nothing here is said by anyone.") == []


def test_restrictive_relative_clause_belongs_to_the_speaker() -> None:
    text = "Surety companies that had insured Patriot\u2019s obligations agreed to release the cash."
    assert _before(text, "agreed") == "Surety companies that had insured Patriot\u2019s obligations"


def test_complementizer_that_is_no_relative_clause() -> None:
    text = "The man said that the company agreed to pay the fine."
    assert _before(text, "agreed") == "the company"


def test_participle_after_a_noun_is_a_cue() -> None:
    text = ("\u201cWe will get there together,\u201d she said at a recent news conference announcing "
            "that her department was suing North Carolina.")
    assert ("that her department was suing North Carolina", "she", "announcing") in _show(
        text, find_quotes(text))


def test_gerund_after_a_preposition_is_no_cue() -> None:
    text = "The senator was criticized for saying nothing about the crisis in the region."
    assert find_quotes(text) == []


def test_opening_participle_clause_takes_the_subject_after_it() -> None:
    text = "Citing an unfounded conspiracy theory, Trump repeatedly accused Rafael Cruz of a crime."
    assert ("an unfounded conspiracy theory", "Trump", "Citing") in _show(text, find_quotes(text))


def test_opening_participle_with_no_content_is_no_attribution() -> None:
    assert find_quotes("Adding to the confusion, the rules changed.") == []


def test_second_cue_after_but_is_an_attribution_of_its_own() -> None:
    text = ("His aides say it\u2019s too early to discuss strategies for a Senate run but noted that "
            "Scott won competitive state Senate races.")
    assert [s[1:] for s in _show(text, find_quotes(text))] == [("His aides", "say"), ("His aides", "noted")]


def test_share_of_a_group_is_the_speaker() -> None:
    text = "It angered the families of victims, many of whom say the claims are unfounded."
    assert _before(text, "say") == "many of whom"


def test_group_itself_before_the_cue_is_no_share() -> None:
    assert _before("Many voters say the claims are unfounded.", "say") == "Many voters"


def test_repeat_is_a_reporting_verb() -> None:
    text = "The governor repeated his promise to cut property taxes next year."
    assert _show(text, find_quotes(text)) == [
        ("his promise to cut property taxes next year", "The governor", "repeated")
    ]


def test_adjective_repeated_is_no_cue() -> None:
    text = "The repeated delays angered commuters."
    assert find_quotes(text) == []


def test_prepositional_cue_takes_its_subject() -> None:
    text = "Ms. Chen talked about her plans for the school district."
    assert _show(text, find_quotes(text)) == [
        ("her plans for the school district", "Ms. Chen", "talked about")
    ]


def test_prepositional_cue_after_a_preposition_or_inside_content_is_no_attribution() -> None:
    assert find_quotes("There is no point in talking about the weather.") == []
    text = "He said the numbers pointed to a recession."
    assert _show(text, find_quotes(text)) == [("the numbers pointed to a recession", "He", "said")]


@pytest.mark.parametrize("text", ["The data points to a slowdown in hiring.",
                                  "All the signs pointing to the exit were removed."])
def test_pointing_to_is_not_a_cue(text: str) -> None:
    assert find_quotes(text) == []


def test_full_stop_after_a_trailing_cue_ends_the_attribution_where_the_splitter_ran_on() -> None:
    # Scraped text with a broken credit line after the sentence (sample s400/004).
    text = ("Kalin and Sullivan discussed issues relating to Syria and Libya, the news agency reported. "
            "official Turkeys Anadolu. The talks went on.")
    assert _show(text, find_quotes(text))[:1] == [
        ("Kalin and Sullivan discussed issues relating to Syria and Libya", "the news agency", "reported")]
    plain = "The talks went on late, the agency reported. They ended at dawn."
    assert _show(plain, find_quotes(plain)) == [("The talks went on late", "the agency", "reported")]
