"""Tests for the rule-based quote finder."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.analyze.quotes import QuoteFinder, find_quote_marks, find_quotes
from storyline.model import Mention, Quote, Span

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "s400"


def _show(text: str, quotes: list[Quote]) -> list[tuple[str, str, str | None, str | None, str | None]]:
    def cut(span: Span | None) -> str | None:
        return None if span is None else span.text_in(text)

    return [(q.kind, q.content.text_in(text), cut(q.speaker), q.speaker_entity, cut(q.cue)) for q in quotes]


@pytest.mark.parametrize(
    ("opener", "closer"),
    [('"', '"'), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u2039", "\u203a"),
     ("\u300c", "\u300d"), ("\u300e", "\u300f"), ("\u2018", "\u2019"), ("'", "'"),
     ("\u201e", "\u201c")],
)
def test_find_quotes_every_quote_style(opener: str, closer: str) -> None:
    text = f"{opener}We will not back down from this at all,{closer} Akar said."
    assert _show(text, find_quotes(text)) == [
        ("direct", "We will not back down from this at all", "Akar", "Akar", "said")
    ]


def test_find_quotes_interrupted_quote_shares_speaker_and_cue() -> None:
    text = '"We are open," Hulusi Akar added, "to negotiating a model like the one in Crete."'
    shown = _show(text, find_quotes(text))
    assert [s[1] for s in shown] == ["We are open", "to negotiating a model like the one in Crete"]
    assert {s[2:] for s in shown} == {("Hulusi Akar", "Hulusi Akar", "added")}


def test_find_quotes_colon_before_quote_spanning_sentences() -> None:
    text = "Kirby, in an interview, said on Friday: \u201cWe urge Turkey. The system is a risk.\u201d"
    assert _show(text, find_quotes(text)) == [
        ("direct", "We urge Turkey. The system is a risk", "Kirby", "Kirby", "said")
    ]


def test_find_quotes_quote_spanning_paragraphs() -> None:
    text = 'Smith said:\n"The first paragraph goes on here.\n"And the second one ends here."'
    quotes = find_quotes(text)
    assert len(quotes) == 1 and quotes[0].content.text_in(text).endswith("ends here")
    assert quotes[0].speaker is not None and quotes[0].speaker.text_in(text) == "Smith"


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        ("Ned Price said that the policy remained unchanged.", "that the policy remained unchanged", "Ned Price", "said"),
        ("The policy remained unchanged, Ned Price said on Wednesday.", "The policy remained unchanged", "Ned Price", "said"),
        ("The policy remained unchanged, said Ned Price.", "The policy remained unchanged", "Ned Price", "said"),
        ("According to Ned Price, the policy remained unchanged.", "the policy remained unchanged", "Ned Price", "According to"),
        ("Ned Price told reporters that the policy remained unchanged.", "that the policy remained unchanged", "Ned Price", "told"),
        ("Erdogan stressed that Turkey has the right to decide.", "that Turkey has the right to decide", "Erdogan", "stressed"),
        ("Sullivan urged that the talks resume at once.", "that the talks resume at once", "Sullivan", "urged"),
        ("Turkey's defense minister, Hulusi Akar, was cited on Tuesday as saying that Turkey would propose a deal.",
         "that Turkey would propose a deal", "Turkey's defense minister, Hulusi Akar", "was cited on Tuesday as saying"),
        ("Turkey rejects this, saying the systems will not be integrated.", "the systems will not be integrated", "Turkey", "saying"),
        ("Donald Trump is warning that a Clinton victory would bring the scandal back.",
         "that a Clinton victory would bring the scandal back", "Donald Trump", "warning"),
        ("Attorney General Eric Schneiderman isn\u2019t saying if the foundation violated any laws.",
         "if the foundation violated any laws", "Attorney General Eric Schneiderman", "saying"),
        ("Clinton now says she opposes the deal.", "she opposes the deal", "Clinton", "says"),
        ("In his speech, Graham urged Republicans to join the ranks of climate change believers.",
         "Republicans to join the ranks of climate change believers", "Graham", "urged"),
        ("Trump could embrace a clean energy policy, Sen. Lindsey Graham (R-S.C.) told The Hill.",
         "Trump could embrace a clean energy policy", "Sen. Lindsey Graham (R-S.C.)", "told"),
        ("Trump spoke to a gathering of industry leaders, promising to lift environmental regulations.",
         "to lift environmental regulations", "Trump", "promising"),
        ("The Tax Policy Center at the Urban Institute estimates that the plan would raise taxes.",
         "that the plan would raise taxes", "The Tax Policy Center at the Urban Institute", "estimates"),
    ],
)
def test_find_quotes_indirect_forms(text: str, content: str, speaker: str, cue: str) -> None:
    shown = _show(text, find_quotes(text))
    assert len(shown) == 1
    assert shown[0][0] == "indirect" and shown[0][1] == content
    assert shown[0][2] == speaker and shown[0][4] == cue


def test_find_quotes_partial_quote_inside_indirect_speech() -> None:
    text = "Price said that the S-400 system \u201cthreatens the security of NATO\u201d as a whole."
    shown = _show(text, find_quotes(text))
    assert shown == [("indirect", "that the S-400 system \u201cthreatens the security of NATO\u201d as a whole",
                      "Price", "Price", "said")]


def test_find_quotes_pronoun_resolved_to_last_person() -> None:
    text = ("US Defence spokesman John Kirby spoke on Friday. Secretary of State Antony Blinken "
            "termed the purchase unacceptable. \u201cTougher steps may be required in future,\u201d he said.")
    quotes = find_quotes(text)
    assert quotes[-1].speaker_entity == "Antony Blinken"
    assert quotes[-1].speaker is not None and quotes[-1].speaker.text_in(text) == "he"


def test_find_quotes_pronoun_uses_given_entities() -> None:
    text = "Ibrahim Kalin met Jake Sullivan. \u201cWe need joint efforts to solve this,\u201d he said."
    kalin = Mention(Span(0, 13), "PERSON", "İbrahim Kalın")
    assert find_quotes(text, entities=[kalin])[0].speaker_entity == "İbrahim Kalın"


def test_find_quotes_surname_linked_to_full_name() -> None:
    text = "State Department spokesman Ned Price spoke. Price said the policy has not changed at all."
    assert find_quotes(text)[0].speaker_entity == "Ned Price"


def test_find_quotes_role_resolved_to_single_holder() -> None:
    text = ("US State Department spokesman Ned Price told reporters that talks are coming. "
            '"We continue to urge Turkey not to acquire this system," the State Department spokesman said.')
    quotes = find_quotes(text)
    assert quotes[-1].speaker is not None
    assert quotes[-1].speaker.text_in(text) == "the State Department spokesman"
    assert quotes[-1].speaker_entity == "Ned Price"


@pytest.mark.parametrize(
    "text",
    [
        "Blinken will call Cavusoglu soon, the State Department spokesman said on Wednesday.",
        ("Spokesman Ned Price and spokesman John Kirby met. The plan remains unchanged for now, "
         "the spokesman said."),
    ],
)
def test_find_quotes_role_left_unresolved(text: str) -> None:
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and "spokesman" in quotes[0].speaker.text_in(text)
    assert quotes[0].speaker_entity is None


def test_find_quotes_role_not_given_to_other_role() -> None:
    text = ("Spokesman Ned Price spoke. A US State Department official responded that "
            "Washington's position has not changed.")
    assert find_quotes(text)[-1].speaker_entity is None


@pytest.mark.parametrize(
    "text",
    ["", "   \n ", "word", "Ankara and Washington met on Tuesday. The talks lasted an hour.",
     "He bought a so-called \"smart\" phone."],
)
def test_find_quotes_none_found(text: str) -> None:
    assert find_quotes(text) == []


@pytest.mark.parametrize(
    "text",
    ['"This quote never closes, Price said.', 'Price said "yes and then " no " maybe.',
     "Turkey\u2019s minister said it\u2019s a deal Ankara\u2019s partners will like.",
     '\u201cUnbalanced \u201c marks \u201d everywhere \u201d he said \u201c'],
)
def test_find_quotes_unbalanced_marks_do_not_crash(text: str) -> None:
    for quote in find_quotes(text):
        assert 0 <= quote.content.start < quote.content.end <= len(text)


def test_find_quote_marks_ignores_apostrophes() -> None:
    text = "Turkey\u2019s minister said the US\u2019 stance isn't new."
    assert find_quote_marks(text) == []


def test_quote_finder_component_stores_params() -> None:
    finder = QuoteFinder(min_unattributed_words=3, with_indirect=False)
    assert (finder.min_unattributed_words, finder.with_indirect) == (3, False)
    text = "Ned Price said that the policy remained unchanged."
    assert finder(text) == []
    with pytest.raises(TypeError):
        QuoteFinder(3)  # type: ignore[misc]


def test_find_quotes_two_megabytes_of_quotes_and_stray_marks() -> None:
    para = ('"We are open," Akar added, "to talks." Price said that the policy is unchanged. '
            "He \u201cwarned\u201d that \u2018things\u2019 could change, according to Reuters. " * 20)
    text = (para + "\n") * 800 + '"' * 2000 + "\u201c" * 2000
    assert len(text) > 2_000_000
    quotes = find_quotes(text)  # speed: bench/bench_analyze.py
    assert len(quotes) > 1000
    assert all(0 <= q.content.start < q.content.end <= len(text) for q in quotes)


def _samples() -> list[tuple[str, str]]:
    if not SAMPLES.is_dir():
        pytest.skip("s400 samples absent")
    return [(p.name[:3], p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]


def test_find_quotes_s400_spans_slice_their_text() -> None:
    for _, text in _samples():
        for quote in find_quotes(text):
            for span in (quote.content, quote.speaker, quote.cue):
                if span is not None:
                    assert 0 <= span.start < span.end <= len(text)
                    assert span.text_in(text) == span.text_in(text).strip()


@pytest.mark.parametrize(
    ("doc", "fragment", "entity"),
    [("000", "Russian S-400s are incompatible", "Ned Price"),
     ("002", "We continue to urge Turkey", "Ned Price"),
     ("002", "We are open to negotiating", "Hulusi Akar"),
     ("003", "We urge Turkey not to retain", "John Kirby"),
     ("003", "Turkey is a long-standing", "John Kirby"),
     ("003", "Tougher steps may be required", "Antony Blinken"),
     ("003", "Turkey does not need a validation", "Recep Tayyip Erdoğan"),
     ("001", "Turkey has the right to decide", "Recep Tayyip Erdogan"),
     ("000", "Blinken is expected to have a chat", "Ned Price"),  # the role, named lower down
     ("004", "Sullivan expressed the", "Emily Horne")],
)
def test_find_quotes_s400_speakers(doc: str, fragment: str, entity: str | None) -> None:
    text = dict(_samples())[doc]
    hits = [q for q in find_quotes(text) if fragment in q.content.text_in(text)]
    assert len(hits) == 1 and hits[0].speaker_entity == entity


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [("The court ruled that the law was unconstitutional.", "that the law was unconstitutional",
      "The court", "ruled"),
     ("The study found that turnout fell in every county.", "that turnout fell in every county",
      "The study", "found"),
     ("Polls show a close race in Ohio.", "a close race in Ohio", "Polls", "show"),
     ("Sanders called for an end to the program.", "for an end to the program", "Sanders", "called"),
     ("Clinton wants to raise taxes on the wealthy.", "to raise taxes on the wealthy", "Clinton", "wants"),
     ("Trump plans to cut the corporate rate sharply.", "to cut the corporate rate sharply", "Trump", "plans"),
     ("Warren criticized the bank for its fake accounts.", "the bank for its fake accounts", "Warren",
      "criticized"),
     ("Clinton cited derogatory comments Trump had made.", "derogatory comments Trump had made",
      "Clinton", "cited")],
)
def test_find_quotes_more_attribution_cues(text: str, content: str, speaker: str, cue: str) -> None:
    assert [s[1:3] + s[4:] for s in _show(text, find_quotes(text))] == [(content, speaker, cue)]


def test_find_quotes_rules_as_a_noun_is_no_cue() -> None:
    text = "The new rules limit the amount donors can give to a campaign."
    assert find_quotes(text) == []


@pytest.mark.parametrize(
    ("text", "content", "speaker", "entity"),
    [("It was announced by the Defense Ministry that the talks would resume next week.",
      "that the talks would resume next week", "the Defense Ministry", "Defense Ministry"),
     ("The new plan was criticized by Senator John Smith on Monday.", "The new plan",
      "Senator John Smith", "John Smith")],
)
def test_find_quotes_passive_by(text: str, content: str, speaker: str, entity: str) -> None:
    assert [s[1:4] for s in _show(text, find_quotes(text))] == [(content, speaker, entity)]


def test_find_quotes_passive_without_by_agent_is_not_attributed_to_it() -> None:
    text = "It was announced that the talks would resume next week."
    assert all(q.speaker is None or q.speaker.text_in(text) != "It" for q in find_quotes(text))


@pytest.mark.parametrize(
    ("text", "speaker", "entity"),
    [("Clinton's spokesman Brian Fallon said the emails were not classified.",
      "Clinton's spokesman Brian Fallon", "Brian Fallon"),
     ("Adam Schiff, who has served on the committee for a decade, said the evidence is clear.",
      "Adam Schiff, who has served on the committee for a decade", "Adam Schiff"),
     ("Daryl Kimball, executive director of the Arms Control Association, said sanctions alone are failing.",
      "Daryl Kimball, executive director of the Arms Control Association", "Daryl Kimball")],
)
def test_find_quotes_speaker_with_apposition_resolves_to_the_name(text: str, speaker: str, entity: str) -> None:
    shown = _show(text, find_quotes(text))
    assert len(shown) == 1 and shown[0][2:4] == (speaker, entity)


def test_find_quotes_long_apposition_after_direct_quote() -> None:
    text = ("\u201cTheir strategy is very clear,\u201d Michael McFaul, a senior fellow at the Hoover "
            "Institution and a former United States ambassador to Russia, said.")
    shown = _show(text, find_quotes(text))
    assert shown == [("direct", "Their strategy is very clear",
                      "Michael McFaul, a senior fellow at the Hoover Institution and a former "
                      "United States ambassador to Russia", "Michael McFaul", "said")]


def test_find_quotes_far_cue_after_direct_quote_needs_an_apposition() -> None:
    text = ("\u201cWe are done with this,\u201d the crowd chanted as the band played and the "
            "lights went down over the stage where Trump said nothing.")
    assert all(q.cue is None for q in find_quotes(text))


def test_find_quotes_curly_quotes_inside_unclosed_straight_quote() -> None:
    text = ('The Post reports:\n\n"The first time she watched the debate.\n\n'
            "\u201cIt never crossed my mind that I am losing it,\u201d she said months later.")
    shown = _show(text, find_quotes(text))
    assert ("direct", "It never crossed my mind that I am losing it", "she", None, "said") in shown


def test_find_quotes_inverted_cue_needs_the_sentence_to_end() -> None:
    text = ("Trump, speaking to a veterans group in Virginia, said he would order a thorough review "
            "of the nation\u2019s computer defenses and warned against hackers from China, Russia and Iran.")
    shown = _show(text, find_quotes(text))
    assert [(s[1][:25], s[2], s[4]) for s in shown] == [
        ("he would order a thorough", "Trump", "said"),
        ("hackers from China, Russi", "Trump", "warned"),  # "warned against X": the second cue
    ]


def test_find_quotes_indirect_content_stops_at_the_next_participle_cue() -> None:
    text = ("He fired an architect who said he was stiffed after he designed a clubhouse, "
            "saying the work was poor.")
    shown = _show(text, find_quotes(text))
    assert shown[0][1:3] == ("he was stiffed after he designed a clubhouse", "who")
    assert shown[1][1:3] == ("the work was poor", "He")


def test_find_quotes_participle_takes_the_speaker_of_the_cue_before_it() -> None:
    text = "\u201cIt will be slow,\u201d the mayor said, adding that it would take more hours."
    shown = _show(text, find_quotes(text))
    assert shown == [("direct", "It will be slow", "the mayor", None, "said"),
                     ("indirect", "that it would take more hours", "the mayor", None, "adding")]


def test_find_quotes_parenthetical_attribution_gives_both_parts() -> None:
    text = "During his years in office, Mr. Obama said, most Americans have come to accept the science."
    shown = _show(text, find_quotes(text))
    assert [s[1] for s in shown] == ["During his years in office", "most Americans have come to accept the science"]
    assert {s[2] for s in shown} == {"Mr. Obama"}


def test_find_quotes_passive_agent_and_noun_cues_are_no_speech() -> None:
    text = ("The two taped an hourlong show that aired on Thursday. "
            "The story was reported by reporters from the paper.")
    assert find_quotes(text) == []


def test_find_quotes_first_reported_by_is_an_attribution_to_the_outlet() -> None:
    # Issue 19: "was first reported by" is an attribution to a report, not to be missed.
    text = "The registration issue was first reported by The Washington Post."
    [quote] = find_quotes(text)
    assert quote.speaker is not None and quote.speaker.text_in(text) == "The Washington Post"
    assert quote.content.text_in(text) == "The registration issue"
    assert quote.cue is not None and quote.cue.text_in(text) == "reported"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [('"He would be a great senator. Not good, great," Rep. Elijah E. Cummings (D-Md.) said in an interview.',
      "Rep. Elijah E. Cummings (D-Md.)"),
     ("\u201cThey are 100 percent wrong,\u201d said 9/11 widow Terry Strada.", "9/11 widow Terry Strada"),
     ("''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist who ran the budget office.",
      "Douglas Holtz-Eakin, an economist who ran the budget office"),
     ("''It is simpler,'' said Mr. Kamin, who emphasized that her proposals would simplify returns.",
      "Mr. Kamin")],
)
def test_find_quotes_direct_speaker_after_the_quote(text: str, speaker: str) -> None:
    quote = find_quotes(text)[0]
    assert quote.kind == "direct" and quote.speaker is not None
    assert quote.speaker.text_in(text) == speaker


def test_find_quotes_transcript_turns_inside_one_quotation() -> None:
    text = ('Pence said on Fox:\n\n"WALLACE: Do you really see those two as equivalent?\n\n'
            '"PENCE: Well, look, Mark Cuban has been out there saying tough stuff.\n\n'
            '"But the truth is that Trump has a unique way of communicating."')
    shown = _show(text, find_quotes(text))
    assert [(s[1][:20], s[2], s[4]) for s in shown] == [
        ("Do you really see th", "WALLACE", ":"), ("Well, look, Mark Cub", "PENCE", ":")]
    assert shown[1][1].endswith("a unique way of communicating")


def test_find_quotes_headline_with_a_speaker() -> None:
    text = "Pence: Flowers Won\u2019t Be at Debate\n\nThe Latest: nothing here is said by anyone."
    shown = _show(text, find_quotes(text))
    assert shown == [("indirect", "Flowers Won\u2019t Be at Debate", "Pence", "Pence", ":")]


@pytest.mark.parametrize(("text", "speaker"), [
    ("New Delhi: The United States has once again asked Turkey to end the deal.", "The United States"),
    ("ANKARA: Turkey said on Friday it would buy more missiles.", "Turkey"),
])
def test_find_quotes_dateline_opening_a_report_is_no_speaker(text: str, speaker: str) -> None:
    assert [q.speaker.text_in(text) for q in find_quotes(text) if q.speaker] == [speaker]


def test_find_quotes_headline_whose_words_hold_no_attribution_keeps_its_speaker() -> None:
    text = "Erdogan: Turkey does not need permission from anybody\nHe spoke in Ankara."
    assert [(q.speaker.text_in(text), q.cue.text_in(text)) for q in find_quotes(text)
            if q.speaker and q.cue] == [("Erdogan", ":")]


def test_find_quotes_title_in_mid_sentence_is_no_quotation() -> None:
    text = ("On this weekend\u2019s broadcast of \u201cFox News Sunday,\u201d Gov. Mike Pence said his "
            "running mate was only \u201cto mock\u201d Clinton.")
    shown = _show(text, find_quotes(text))
    assert shown == [("indirect", "his running mate was only \u201cto mock\u201d Clinton", "Gov. Mike Pence",
                      "Mike Pence", "said")]


def test_find_quotes_short_answer_after_a_cue_stays_a_quotation() -> None:
    text = "Asked about it, Kirby said \u201cAbsolutely Not.\u201d"
    assert _show(text, find_quotes(text))[0][:3] == ("direct", "Absolutely Not", "Kirby")


def test_find_quotes_quote_closed_by_a_period_is_not_attributed_to_the_next_sentence() -> None:
    text = ('Trump gave him the nickname "Lyin\' Ted." Trump called the senator a "nasty guy" and "sick."')
    shown = _show(text, find_quotes(text))
    assert shown == [("indirect", 'the senator a "nasty guy" and "sick."', "Trump", "Trump", "called")]


def test_find_quotes_cue_closing_a_paragraph_takes_the_next_one() -> None:
    text = "Limbaugh added:\n\nThis reeks of fear. She can\u2019t win without stacking the deck.\n\nMore news."
    assert _show(text, find_quotes(text)) == [
        ("indirect", "This reeks of fear. She can\u2019t win without stacking the deck", "Limbaugh",
         "Limbaugh", "added")]


def test_find_quotes_plural_subject_with_a_base_form_cue() -> None:
    text = "But environmentalists worry that Mr. Clarke is breathing new life into a polluting industry."
    shown = _show(text, find_quotes(text))
    assert shown == [("indirect", "that Mr. Clarke is breathing new life into a polluting industry",
                      "environmentalists", None, "worry")]


def test_find_quotes_indirect_content_stops_before_a_contrasting_clause() -> None:
    text = ("At the forum, Clinton called her vote in favor of the Iraq War a mistake, but she noted "
            "that Trump also supported the invasion.")
    shown = _show(text, find_quotes(text))
    assert [(s[1], s[2], s[4]) for s in shown] == [
        ("her vote in favor of the Iraq War a mistake", "Clinton", "called"),
        ("that Trump also supported the invasion", "she", "noted")]


def test_find_quotes_speaker_with_two_appositions() -> None:
    text = ("\u201cIt\u2019s an invasion,\u201d Scott Pruitt, the attorney general of Oklahoma, one of the "
            "states suing the EPA, said at an event.")
    quote = find_quotes(text)[0]
    assert quote.speaker is not None and quote.speaker_entity == "Scott Pruitt"
    assert quote.speaker.text_in(text).startswith("Scott Pruitt, the attorney general of Oklahoma")


def test_find_quotes_coordinated_cues_split_the_content() -> None:
    text = "Merrill says Machado promised to keep supporting Clinton and said she would stand up to the attacks."
    shown = _show(text, find_quotes(text))
    assert [(s[1], s[2], s[4]) for s in shown] == [
        ("Machado promised to keep supporting Clinton", "Merrill", "says"),
        ("she would stand up to the attacks", "Merrill", "said")]


def test_find_quotes_that_of_a_later_clause_is_not_the_complementizer() -> None:
    text = ("Sen. David Perdue (R-Ga.) said he didn\u2019t believe those attacks did Romney in, arguing "
            "that it was divisions in the party.")
    shown = _show(text, find_quotes(text))
    assert [(s[1], s[4]) for s in shown] == [
        ("he didn\u2019t believe those attacks did Romney in", "said"),
        ("that it was divisions in the party", "arguing")]
    assert shown[0][2] == "Sen. David Perdue (R-Ga.)"


def test_find_quotes_capitalised_cue_inside_a_name_is_no_cue() -> None:
    text = ("Trump Could Address Clean Energy, Lindsey Graham Says\n\n"
            "The Clean Power Plan was designed to lower carbon emissions from power plants. "
            "\u201cNo,\u201d said David Wasserman, House editor for the Cook Political Report.")
    shown = _show(text, find_quotes(text))
    assert [s[1:3] for s in shown] == [("Trump Could Address Clean Energy", "Lindsey Graham"),
                                       ("No", "David Wasserman, House editor for the Cook Political Report")]


def test_find_quotes_transcript_after_an_introduction_in_the_same_quotation() -> None:
    text = ('The transcript reads:\n\n"Here is the partial transcript of the show.\n\n'
            '"PENCE: Well, look, Mark Cuban has been saying tough stuff.\n\n'
            '"But the truth is that Trump has a unique way of communicating."')
    shown = _show(text, find_quotes(text))
    assert shown[-1][1:3] == ("Well, look, Mark Cuban has been saying tough stuff.\n\n"
                              '"But the truth is that Trump has a unique way of communicating', "PENCE")
    assert all("PENCE" not in s[1] for s in shown)


def test_find_quotes_contrasting_clause_after_a_closing_quote_mark() -> None:
    text = "Trump is promising lower taxes and \u201cjobs, jobs, jobs,\u201d but he has also intensified the warnings."
    shown = _show(text, find_quotes(text))
    assert [(s[1], s[2], s[4]) for s in shown] == [
        ("lower taxes and \u201cjobs, jobs, jobs,\u201d", "Trump", "promising")]


def test_find_quotes_abbreviation_before_a_comma_does_not_end_the_attribution() -> None:
    text = "\u201cThe veto will be overridden,\u201d Senate Majority Leader Mitch McConnell, R-Ky., said."
    assert _show(text, find_quotes(text)) == [
        ("direct", "The veto will be overridden", "Senate Majority Leader Mitch McConnell, R-Ky.",
         "Mitch McConnell", "said")]


def test_find_quotes_object_of_an_earlier_verb_is_not_content() -> None:
    text = "Back when he wrote his book, Mr. McKinley said that he considered debt a last resort."
    assert _show(text, find_quotes(text)) == [
        ("indirect", "that he considered debt a last resort", "Mr. McKinley", "Mr. McKinley", "said")]


def test_find_quotes_role_with_a_name_in_apposition_is_that_person() -> None:
    text = "Turkey's defense minister, Hulusi Akar, said the talks would go on."
    (quote,) = find_quotes(text)
    assert quote.speaker_entity == "Hulusi Akar"


@pytest.mark.parametrize(("later", "entity"), [
    ("State Department spokesman Ned Price said the policy stood.", "Ned Price"),
    ("Defense Secretary Lloyd Austin said the policy stood.", None),  # another role: no holder
    ("State Department spokesman Ned Price thanked State Department spokesman Jalina Porter.", None),  # two
])
def test_find_quotes_role_named_lower_down_resolves_to_its_one_holder(later: str, entity: str | None) -> None:
    text = f"Talks will start soon, the State Department spokesman said on Wednesday. {later}"
    first = find_quotes(text)[0]
    assert first.content.text_in(text) == "Talks will start soon"
    assert first.speaker_entity == entity
