"""Tests for speaker spans in the text and their resolution to names."""

from __future__ import annotations

import pytest

from storyline.analyze.sentences import split_sentences
from storyline.analyze.speaker_names import SpeakerResolver, fold
from storyline.analyze.speakers import TokenDoc, speaker_left, speaker_right
from storyline.model import Mention, Span


def _doc(text: str) -> TokenDoc:
    return TokenDoc(text, split_sentences(text))


def _left(text: str, cue: str) -> str | None:
    doc = _doc(text)
    span = speaker_left(doc, text.index(cue), 0)
    return None if span is None else span.text_in(text)


def _right(text: str, cue: str) -> str | None:
    doc = _doc(text)
    start = text.index(cue) + len(cue)
    span = speaker_right(doc, start, len(text))
    return None if span is None else span.text_in(text)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [("Daryl Kimball, executive director of the Arms Control Association, said it fails.",
      "Daryl Kimball, executive director of the Arms Control Association"),
     ("Mr. King, 82, told the paper it was fine.", "Mr. King, 82"),
     ("Adam Schiff, who has served on the committee for a decade, said it is clear.",
      "Adam Schiff, who has served on the committee for a decade"),
     ("Kirby, in an interview with reporters, said it is clear.", "Kirby"),
     ("Clinton's spokesman Brian Fallon said it is clear.", "Clinton's spokesman Brian Fallon"),
     ("The campaign's spokesman said it is clear.", "The campaign's spokesman")],
)
def test_speaker_left_appositions_and_possessives(text: str, speaker: str) -> None:
    assert _left(text, " said" if " said" in text else " told") == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [('"It works," retired Air Force general Lloyd Newton said.',
      "retired Air Force general Lloyd Newton"),
     ('"It works," longtime Democratic pollster Pat Caddell said.',
      "longtime Democratic pollster Pat Caddell"),
     ("After the vote was over Ned Price said it works.", "Ned Price")],
)
def test_speaker_left_lowercase_premodifier_only_at_clause_start(text: str, speaker: str) -> None:
    assert _left(text, " said") == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [('"It fails," said Carmel Martin, executive vice president for policy at the Center.',
      "Carmel Martin, executive vice president for policy at the Center"),
     ('"It fails," said Jo Smith, a lawyer at the firm.', "Jo Smith, a lawyer at the firm"),
     ('"It fails," said Jo Smith, adding that nothing changed.', "Jo Smith")],
)
def test_speaker_right_with_apposition(text: str, speaker: str) -> None:
    assert _right(text, "said") == speaker


def test_resolver_drops_the_apposition_from_the_name() -> None:
    text = "Daryl Kimball, executive director of the Arms Control Association, said it fails."
    resolver = SpeakerResolver(text, None, [])
    speaker = Span(0, text.index(", said"))
    assert resolver.speaker_name(speaker, Span(text.index("it fails"), len(text) - 1)) == "Daryl Kimball"


@pytest.mark.parametrize(
    ("speaker", "name"),
    [("US Secretary of State Antony Blinken", "Antony Blinken"),
     ("Secretary of Homeland Security Alejandro Mayorkas", "Alejandro Mayorkas"),
     ("Minister of Foreign Affairs Recep Tayyip Erdogan", "Recep Tayyip Erdogan"),
     ("Secretary of State", "Secretary of State")],
)
def test_resolver_takes_the_name_after_an_office_of_a_department(speaker: str, name: str) -> None:
    text = f"{speaker} said it fails. Recep Tayyip Erdogan disagreed."
    start = text.find("Recep")
    people = [Mention(Span(start, start + len("Recep Tayyip Erdogan")), "PERSON")]
    resolver = SpeakerResolver(text, people, [])
    assert resolver.name(Span(0, len(speaker)), 0) == name


def test_resolver_links_a_surname_to_the_full_name_when_the_surname_was_also_tagged_alone() -> None:
    text = "Spokesman Ned Price spoke first. Price then left. Later Price said it fails."
    people = [Mention(Span(text.index("Ned Price"), text.index("Ned Price") + 9), "PERSON"),
              Mention(Span(text.index("Price then"), text.index("Price then") + 5), "PERSON")]
    resolver = SpeakerResolver(text, people, [])
    later = text.index("Price said")
    assert resolver.name(Span(later, later + 5), later) == "Ned Price"


@pytest.mark.parametrize(("speaker", "name"), [
    ("the US media", None), ("The U.S. government", None), ("Kirby himself", "Kirby"),
    ("the Pentagon", "Pentagon"),
])
def test_resolver_leaves_a_group_named_by_a_common_noun_as_written(speaker: str, name: str | None) -> None:
    text = f"{speaker} said it fails."
    assert SpeakerResolver(text, None, []).name(Span(0, len(speaker)), 0) == name


@pytest.mark.parametrize(("speaker", "name"), [
    ("Irena Povalek of the Varno Institute for Economic Research", "Irena Povalek"),
    ("The head of the National Federation of Hauliers Lukas Brantner", "Lukas Brantner"),
    ("Norvania and Selvaria", "Norvania and Selvaria"),
])
def test_resolver_name_is_one_run_of_capitalised_words(speaker: str, name: str) -> None:
    text = f"{speaker} said it fails."
    assert SpeakerResolver(text, None, []).name(Span(0, len(speaker)), 0) == name


def test_fold_strips_accents_and_dotless_i() -> None:
    assert fold("Recep Tayyip Erdoğan") == "recep tayyip erdogan"
    assert fold("Işık") == "isik"


@pytest.mark.parametrize(
    ("speaker", "name"),
    [("Gov. Mike Pence", "Mike Pence"), ("Democratic Sen. Claire McCaskill (D-Mo.)", "Claire McCaskill"),
     ("Mr. Schultz", "Mr. Schultz"), ("Sen.", None)],
)
def test_speaker_resolver_drops_abbreviated_offices(speaker: str, name: str | None) -> None:
    text = f"{speaker} said it fails."
    resolver = SpeakerResolver(text, None, [])
    assert resolver.name(Span(0, len(speaker)), 0) == name


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [("\u201cNo,\u201d said David Wasserman, House editor for the Cook Political Report.", "said",
      "David Wasserman, House editor for the Cook Political Report"),
     ("\u201cNo,\u201d said Senate Majority Leader Mitch McConnell, R-Ky., on Tuesday.", "said",
      "Senate Majority Leader Mitch McConnell, R-Ky."),
     ("\u201cNo,\u201d said 9/11 widow Terry Strada.", "said", "9/11 widow Terry Strada")],
)
def test_speaker_right_appositions_and_numbers(text: str, cue: str, speaker: str) -> None:
    assert _right(text, cue) == speaker


def test_speaker_left_keeps_an_including_apposition() -> None:
    text = ("Other major unions, including the American Federation of Teachers and the AFL-CIO, "
            "have also endorsed her.")
    assert _left(text, "have") == ("Other major unions, including the American Federation of Teachers "
                                   "and the AFL-CIO")


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [("Hillary Clinton is seizing upon a New York Times report that Trump lost money.", " report",
      "a New York Times"),
     ("Members of the House Intelligence Committee said it works.", " said",
      "Members of the House Intelligence Committee")],
)
def test_speaker_left_drops_a_verb_before_the_determiner(text: str, cue: str, speaker: str) -> None:
    assert _left(text, cue) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [("Anna Berg, senior associate at the Urban Institute, said parents want good schools.",
      "Anna Berg, senior associate at the Urban Institute"),
     ("Trump, speaking to a veterans group, said the review would begin.", "Trump"),
     ("Trump, however, said the review would begin.", "Trump"),
     ("Prime Minister Theresa May said the country would leave.", "Prime Minister Theresa May"),
     ("The report said the factory had been closed since 2019.", "The report")],
)
def test_speaker_left_bare_appositions_surnames_and_documents(text: str, speaker: str) -> None:
    assert _left(text, " said") == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [('"It fails," said Rep. G.K. Butterfield (D-N.C.), head of the caucus.',
      "Rep. G.K. Butterfield (D-N.C.), head of the caucus"),
     ('"It fails," said Anna Berg, senior associate for research at the Urban Institute.',
      "Anna Berg, senior associate for research at the Urban Institute"),
     ('"It fails," said Smith, adding that it was over.', "Smith")],
)
def test_speaker_right_takes_brackets_initials_and_a_bare_apposition(text: str, speaker: str) -> None:
    assert _right(text, "said") == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [('"It went on all night," said rebel spokesman Ahmed Bani.', "rebel spokesman Ahmed Bani"),
     ('"It went on all night," said a senior military spokesman.', "a senior military spokesman"),
     ('"It went on," said the rebel spokesman.', "the rebel spokesman"),
     ('"It went on," said residents in the city.', None),  # no role noun ahead: no premodifier
     ('"It went on," said Ahmed Bani.', "Ahmed Bani")],
)
def test_speaker_right_takes_lowercase_premodifiers_of_a_role(text: str, speaker: str | None) -> None:
    assert _right(text, "said") == speaker


def test_a_relative_pronoun_after_a_role_is_the_roles_holder() -> None:
    from storyline.analyze.annotate import annotate  # noqa: PLC0415
    from storyline.model import Article  # noqa: PLC0415

    text = ("Le président égyptien Hosni Moubarak a parlé mardi. L'armée a été déployée au Caire après un discours "
            "du président égyptien, qui a affirmé que l'armée resterait neutre. Ceux qui manifestent disent que rien ne change.")
    quotes = annotate(Article(id="x", text=text, language="fr", published="2011-02-01")).quotes
    by_content = {text[q.content.start:q.content.end]: q.speaker_entity for q in quotes}
    assert by_content.get("que l'armée resterait neutre") == "Hosni Moubarak"
    assert "Hosni Moubarak" not in {v for k, v in by_content.items() if "rien ne change" in k}
