"""Where a speaker's span starts and ends: a relative clause after an apposition, a hometown
apposition, the medium a speaker spoke through, a name holding a modal's spelling, and the
kind read from the phrase heading the speaker (analyze/speakers.py, speaker_clause.py,
attribution_frames.without_medium, speaker_sources.source_kind). Sentences written for these
tests."""

from __future__ import annotations

import pytest

from storyline.analyze.quotes import find_quotes


@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        ("en", "Laura Diaz, head of the nurses union, which represents hospital staff, said the strike would go on.",
         "Laura Diaz, head of the nurses union"),
        ("en", "Lisa Grant, of Dayton, Ohio, said she had waited three hours to vote.",
         "Lisa Grant, of Dayton, Ohio"),
        ("en", "Senator Ann Cole, the top Republican on the panel, in a statement, said the deal was dead.",
         "Senator Ann Cole, the top Republican on the panel"),
        ("en", "Stumpf in a televised interview appeared to blame the workers for the losses.", "Stumpf"),
        ("es", "Juan Pérez en una entrevista televisada aseguró que el plan seguirá adelante.", "Juan Pérez"),
        ("it", "Marco Rossi nel suo comunicato ha detto che il piano andrà avanti.", "Marco Rossi"),
    ],
)
def test_the_speaker_span_holds_the_name_and_its_apposition_only(language: str, text: str, speaker: str) -> None:
    speakers = [q.speaker.text_in(text) for q in find_quotes(text, language=language) if q.speaker]
    assert speakers == [speaker]


def test_a_name_spelled_like_a_modal_stays_whole_for_a_second_verb() -> None:
    text = ("Prime Minister Theresa May said this week that the country would leave by March "
            "and suggested that it would withdraw from the market.")
    quotes = find_quotes(text)
    assert [q.speaker.text_in(text) for q in quotes if q.speaker] == ["Prime Minister Theresa May"] * 2
    assert {q.speaker_entity for q in quotes} == {"Theresa May"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Rep. Ann Cole, the top Democrat on the committee, said the vote was a waste of time.", "person"),
        ("The committee, which meets on Fridays, said the vote was a waste of time.", "organisation"),
    ],
)
def test_the_phrase_before_an_apposition_gives_the_kind(text: str, kind: str) -> None:
    (quote,) = [q for q in find_quotes(text) if q.speaker]
    assert quote.source_kind == kind


@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        ("en", "\u201cThe town will never be the same,\u201d said the Rev. Ann Hale, of Mayfield Baptist Church.",
         "the Rev. Ann Hale, of Mayfield Baptist Church"),
        ("es", "\u00abLa ciudad nunca volver\u00e1 a ser la misma\u00bb, dijo Ana Gil, de la Universidad de Chile.",
         "Ana Gil, de la Universidad de Chile"),
        ("en", "\u201cWe lost the vote,\u201d said Jo Smith, of course.", "Jo Smith"),
    ],
)
def test_an_inverted_speaker_keeps_the_affiliation_closing_the_sentence(language: str, text: str, speaker: str) -> None:
    assert [q.speaker.text_in(text) for q in find_quotes(text, language=language) if q.speaker] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker", "entity"),
    [
        ("\u201cHis answers were sharp all night,\u201d said CNN host Dana Reyes.", "CNN host Dana Reyes",
         "Dana Reyes"),
        ("One Twitter user pointed out that the two candidates were held to different standards.",
         "One Twitter user", None),
    ],
)
def test_a_news_role_introduces_the_speaker(text: str, speaker: str, entity: str | None) -> None:
    (quote,) = [q for q in find_quotes(text) if q.speaker]
    assert (quote.speaker.text_in(text), quote.speaker_entity, quote.source_kind) == (speaker, entity, "person")


@pytest.mark.parametrize(
    ("language", "text", "entity"),
    [
        ("fr", "Le journal cite Marc Dubois, ancien professeur du général, qui observe que les deux chefs "
               "ont étudié aux États-Unis.", "Marc Dubois"),
        ("es", "Lo dijo Juan Pérez, portavoz del sindicato de maestros, quien aseguró que la huelga seguirá.",
         "Juan Pérez"),
    ],
)
def test_a_relative_pronoun_after_an_apposition_is_the_name_before_it(language: str, text: str, entity: str) -> None:
    relative = [q for q in find_quotes(text, language=language)
                if q.speaker and q.speaker.text_in(text).lower() in {"qui", "quien"}]
    assert [(q.speaker_entity, q.source_kind) for q in relative] == [(entity, "person")]


@pytest.mark.parametrize(
    ("language", "text", "entity"),
    [
        ("es", "\u00abCreemos que est\u00e1 en la capital\u00bb, dijo el portavoz, Guma el-Gamaty, a la radio.",
         "Guma el-Gamaty"),
        ("it", "\u00abLa situazione \u00e8 grave\u00bb, ha detto il portavoce, Moussa al-Ibrahim.", "Moussa al-Ibrahim"),
    ],
)
def test_a_role_takes_a_transliterated_name_in_apposition(language: str, text: str, entity: str) -> None:
    assert [q.speaker_entity for q in find_quotes(text, language=language) if q.speaker] == [entity]
