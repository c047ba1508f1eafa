"""Attributions to documents, polls and reports, quotations credited by a dash, and the kind of
a speaker (analyze/attribution_frames.py, analyze/speaker_sources.py). Sentences written for
these tests."""

from __future__ import annotations

import pytest

from storyline.analyze.quotes import find_quotes
from storyline.model import Quote


def _attributed(text: str, language: str) -> list[Quote]:
    return [q for q in find_quotes(text, language=language) if q.speaker is not None]


def _one(text: str, language: str) -> Quote:
    quotes = _attributed(text, language)
    assert len(quotes) == 1, [(q.speaker.text_in(text) if q.speaker else None, q.content.text_in(text))
                              for q in find_quotes(text, language=language)]
    return quotes[0]


@pytest.mark.parametrize(
    ("language", "text", "speaker", "cue", "content"),
    [
        ("en", "The latest Ipsos poll released on Monday shows that most voters back the plan.",
         "The latest Ipsos poll released on Monday", "shows", "that most voters back the plan"),
        ("en", "A county analysis of new payroll records shows hiring slowing in every district.",
         "A county analysis of new payroll records", "shows", "hiring slowing in every district"),
        ("en", "Video of the hearing shows the senator leaving before the vote was called.",
         "Video of the hearing", "shows", "the senator leaving before the vote was called"),
        ("es", "Un sondeo publicado el domingo muestra que el partido pierde apoyo en el sur.",
         "Un sondeo publicado el domingo", "muestra", "que el partido pierde apoyo en el sur"),
        ("fr", "Une étude publiée mardi montre que les loyers ont doublé en dix ans.",
         "Une étude publiée mardi", "montre", "que les loyers ont doublé en dix ans"),
        ("it", "Un sondaggio pubblicato ieri mostra che il governo perde consensi al nord.",
         "Un sondaggio pubblicato ieri", "mostra", "che il governo perde consensi al nord"),
        ("de", "Eine neue Umfrage der Zeitung zeigt, dass die Partei im Osten verliert.",
         "Eine neue Umfrage der Zeitung", "zeigt", "dass die Partei im Osten verliert"),
        ("pt", "Uma pesquisa divulgada ontem mostra que o governo perde apoio no norte.",
         "Uma pesquisa divulgada ontem", "mostra", "que o governo perde apoio no norte"),
    ],
)
def test_a_document_heading_the_subject_is_the_source(
        language: str, text: str, speaker: str, cue: str, content: str) -> None:
    quote = _one(text, language)
    assert quote.speaker.text_in(text) == speaker
    assert quote.cue is not None and quote.cue.text_in(text) == cue
    assert quote.content.text_in(text) == content
    assert quote.source_kind == "document"


def test_a_document_clause_closing_the_sentence_attributes_what_comes_before() -> None:
    text = "Unemployment fell to four percent in May, a state analysis of payroll data shows."
    quote = _one(text, "en")
    assert quote.speaker.text_in(text) == "a state analysis of payroll data"
    assert quote.content.text_in(text) == "Unemployment fell to four percent in May"


@pytest.mark.parametrize(
    ("language", "text", "speaker", "content"),
    [
        ("en", "In the newest survey, the governor leads his rival by six points among women.",
         "the newest survey", "the governor leads his rival by six points among women"),
        ("es", "En la última encuesta, el partido aparece en segundo lugar con un 20 por ciento.",
         "la última encuesta", "el partido aparece en segundo lugar con un 20 por ciento"),
        ("fr", "Dans ce sondage, le président perd quatre points chez les jeunes.",
         "ce sondage", "le président perd quatre points chez les jeunes"),
    ],
)
def test_a_sentence_opening_on_a_document_is_that_documents(
        language: str, text: str, speaker: str, content: str) -> None:
    quote = _one(text, language)
    assert quote.speaker.text_in(text) == speaker
    assert quote.content.text_in(text) == content
    assert quote.source_kind == "document"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "In a statement, the governor thanked the volunteers for their work."),  # the author speaks
        ("en", "In the data room, the clerks counted the ballots again."),  # the noun modifies another
        ("es", "Los informes siguen llegando mientras escribimos esta nota."),  # a verb after the noun
        ("it", "Nel momento di pubblicare questo articolo, il ministro era ancora in carica."),
    ],
)
def test_no_document_source_where_the_document_is_no_subject(language: str, text: str) -> None:
    for quote in find_quotes(text, language=language):
        words = (quote.speaker.text_in(text) if quote.speaker else "").lower().split()
        assert not {"statement", "data", "informes", "articolo"} & set(words), quote


@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        ("en", "\u201cWe were never told the plant would close before the winter.\u201d \u2015 Ana Ruiz\n",
         "Ana Ruiz"),
        ("en", "\u201cThe night shift lost everything in the fire that week.\u201d \u2014 Julie A. Moreno.",
         "Julie A. Moreno"),
        ("es", "\u00abNadie nos avis\u00f3 del cierre de la f\u00e1brica en todo el a\u00f1o.\u00bb \u2014 Ana Ruiz",
         "Ana Ruiz"),
        ("it", "\u00abNessuno ci ha avvisato della chiusura della fabbrica.\u00bb \u2013 Marco Bianchi\n",
         "Marco Bianchi"),
    ],
)
def test_a_dash_and_a_name_ending_the_line_credit_the_quotation(language: str, text: str, speaker: str) -> None:
    quote = _one(text, language)
    assert quote.kind == "direct"
    assert quote.speaker.text_in(text) == speaker
    assert quote.cue is not None and quote.cue.text_in(text) in "\u2015\u2014\u2013"


def test_a_dash_after_a_quoted_word_is_no_credit() -> None:
    text = "Il l'a traité de \u00ab toutou \u00bb \u2013 Washington\n"
    assert all(q.speaker is None or q.speaker.text_in(text) != "Washington" for q in find_quotes(text, language="fr"))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("State Department spokesman Ned Price said the talks would continue next week.", "person"),
        ("National Security Council spokeswoman Emily Horne said the call lasted an hour.", "person"),
        ("A US State Department official said the offer was still on the table.", "person"),
        ("The council said it would meet again on Friday to vote on the budget.", "organisation"),
    ],
)
def test_a_role_makes_the_speaker_a_person_whatever_organisation_names_it(text: str, kind: str) -> None:
    assert _one(text, "en").source_kind == kind


@pytest.mark.parametrize(
    ("language", "text", "speaker", "content"),
    [
        ("en", "As reported by the Guardian, the minister resigned on Friday night.",
         "the Guardian", "the minister resigned on Friday night"),
        ("en", "The minister resigned on Friday night, as first reported by the Guardian.",
         "the Guardian", "The minister resigned on Friday night"),
        ("it", "Stando ai documenti visti dall'agenzia, il ministro sapeva tutto da mesi.",
         "documenti visti dall'agenzia", "il ministro sapeva tutto da mesi"),
        ("es", "A decir de los vecinos, el fuego empezó en la cocina del restaurante.",
         "los vecinos", "el fuego empezó en la cocina del restaurante"),
    ],
)
def test_attribution_phrases_of_the_packs(language: str, text: str, speaker: str, content: str) -> None:
    quote = _one(text, language)
    assert (quote.speaker.text_in(text), quote.content.text_in(text)) == (speaker, content)


def test_a_dash_credit_takes_the_packs_name_particles_but_no_lowercase_words() -> None:
    credited = "\u00abNadie nos avis\u00f3 del cierre de la f\u00e1brica.\u00bb \u2014 Ana de la Cruz\n"
    speakers = [q.speaker.text_in(credited) for q in find_quotes(credited, language="es") if q.speaker]
    assert speakers == ["Ana de la Cruz"]
    plain = "\u201cNobody told us about the closure of the plant.\u201d \u2014 and then we left\n"
    assert all(q.speaker is None for q in find_quotes(plain, language="en"))
