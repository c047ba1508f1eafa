"""Time expressions outside English: one engine reading each language's pack (lang/*/time.toml).

The sentences are written the way crawled Spanish, French, Italian, German and Portuguese
reports write them; the report date is Sunday 20 March 2011 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest

from storyline.analyze.times import find_times

SUNDAY = date(2011, 3, 20)


def _tags(text: str, language: str, anchor: date | None = SUNDAY) -> dict[str, tuple[str, str | None]]:
    return {text[m.span.start:m.span.end]: (m.type, m.value) for m in find_times(text, anchor, language=language)}


@pytest.mark.parametrize(("language", "text", "expression", "value"), [
    ("es", "Hoy los rebeldes avanzaron hacia Ajdabiya.", "Hoy", "2011-03-20"),
    ("es", "Gadafi habló ayer en la televisión estatal.", "ayer", "2011-03-19"),
    ("es", "La cumbre se celebrará mañana en París.", "mañana", "2011-03-21"),
    ("fr", "Aujourd'hui, les avions français ont frappé Benghazi.", "Aujourd'hui", "2011-03-20"),
    ("fr", "Le Conseil de sécurité a voté hier soir.", "hier soir", "2011-03-19TEV"),
    ("it", "Oggi la coalizione ha colpito Tripoli.", "Oggi", "2011-03-20"),
    ("it", "Ieri sera il governo ha convocato l'ambasciatore.", "Ieri sera", "2011-03-19TEV"),
    ("de", "Heute griffen Kampfflugzeuge Stellungen bei Bengasi an.", "Heute", "2011-03-20"),
    ("de", "Gestern Abend tagte der Sicherheitsrat.", "Gestern Abend", "2011-03-19TEV"),
    ("pt", "Ontem o Conselho de Segurança aprovou a zona de exclusão aérea.", "Ontem", "2011-03-19"),
    ("pt", "O presidente discursa hoje à tarde.", "hoje à tarde", "2011-03-20TAF"),
])
def test_languages_today_yesterday_tomorrow(language: str, text: str, expression: str, value: str) -> None:
    assert _tags(text, language)[expression][1] == value


@pytest.mark.parametrize(("language", "text", "expression", "value"), [
    # a modifier before or after the noun, "last" pointing back and "next" forward
    ("es", "El pasado viernes el Consejo aprobó la zona de exclusión.", "El pasado viernes", "2011-03-18"),
    ("es", "El viernes pasado el Consejo aprobó la zona de exclusión.", "El viernes pasado", "2011-03-18"),
    ("es", "El próximo martes se reunirán los ministros.", "El próximo martes", "2011-03-22"),
    ("es", "La semana pasada murieron decenas de civiles.", "La semana pasada", "2011-W10"),
    ("es", "Los ministros se verán el mes que viene.", "el mes que viene", "2011-04"),
    ("fr", "Vendredi dernier, le Conseil a adopté la résolution.", "Vendredi dernier", "2011-03-18"),
    ("fr", "La semaine dernière, les insurgés tenaient encore Brega.", "La semaine dernière", "2011-W10"),
    ("fr", "L'année dernière, Kadhafi était reçu à Paris.", "L'année dernière", "2010"),
    ("fr", "Le sommet aura lieu en juin prochain.", "juin prochain", "2011-06"),
    ("it", "L'anno scorso Gheddafi era stato ricevuto a Roma.", "L'anno scorso", "2010"),
    ("it", "Venerdì scorso il Consiglio ha votato la risoluzione.", "Venerdì scorso", "2011-03-18"),
    ("it", "La settimana prossima si riunirà la Nato.", "La settimana prossima", "2011-W12"),
    ("de", "Letzte Woche eroberten die Rebellen Brega.", "Letzte Woche", "2011-W10"),
    ("de", "Am vergangenen Freitag stimmte der Sicherheitsrat ab.", "vergangenen Freitag", "2011-03-18"),
    ("de", "Im nächsten Jahr wird gewählt.", "nächsten Jahr", "2012"),
    ("pt", "Na sexta-feira passada o Conselho aprovou a resolução.", "sexta-feira passada", "2011-03-18"),
    ("pt", "No ano passado Kadafi visitou Roma.", "ano passado", "2010"),
])
def test_languages_relative_modifiers(language: str, text: str, expression: str, value: str) -> None:
    assert _tags(text, language)[expression][1] == value


@pytest.mark.parametrize(("language", "text", "expression", "value"), [
    ("es", "Los bombardeos comenzaron hace 3 días.", "hace 3 días", "2011-03-17"),
    ("fr", "Les combats ont commencé il y a trois semaines.", "il y a trois semaines", "2011-W08"),
    ("it", "Gli scontri sono iniziati tre giorni fa.", "tre giorni fa", "2011-03-17"),
    ("de", "Die Kämpfe begannen vor 3 Tagen.", "vor 3 Tagen", "2011-03-17"),
    ("pt", "Os combates começaram há 3 dias.", "há 3 dias", "2011-03-17"),
])
def test_languages_ago(language: str, text: str, expression: str, value: str) -> None:
    assert _tags(text, language)[expression] == ("DATE", value)


@pytest.mark.parametrize("language", ["es", "fr", "it", "de", "pt"])
def test_languages_numeric_dates_are_day_first(language: str) -> None:
    assert _tags("Publicado 12/03/2011 - 18:40", language)["12/03/2011"] == ("DATE", "2011-03-12")


def test_languages_numeric_dates_follow_the_locale() -> None:
    assert _tags("Posted 3/12/2011.", "en")["3/12/2011"] == ("DATE", "2011-03-12")
    assert _tags("Pubblicato il 3/12/2011.", "it")["3/12/2011"] == ("DATE", "2011-12-03")
    assert _tags("Veröffentlicht am 12.03.2011.", "de")["12.03.2011"] == ("DATE", "2011-03-12")
    assert "3.12.10" not in _tags("Version 3.12.10 ist da.", "de")  # a version, not a date


@pytest.mark.parametrize(("language", "text"), [
    ("es", "El Consejo de Seguridad aprobó la resolución 1973 por diez votos."),
    ("fr", "Le Conseil de sécurité a adopté la résolution 1973 jeudi."),
    ("it", "Il Consiglio di sicurezza ha approvato la risoluzione 1973."),
    ("de", "Der Sicherheitsrat verabschiedete die Resolution 1973."),
    ("pt", "O Conselho de Segurança aprovou a resolução 1973."),
    ("es", "La ley 1996 de protección de datos sigue vigente."),
    ("en", "The Security Council passed Resolution 1973 on Thursday."),
])
def test_languages_law_and_resolution_numbers_are_not_years(language: str, text: str) -> None:
    assert "1973" not in _tags(text, language) and "1996" not in _tags(text, language)


def test_languages_numbers_listed_after_a_resolution_word_are_not_years() -> None:
    tags = _tags("Conforme a las resoluciones 1970 y 1973 de Naciones Unidas. Gadafi llegó en 1969 y 1970.", "es")
    assert [value for kind, value in tags.values()] == ["1969", "1970"]


@pytest.mark.parametrize(("language", "text", "expression", "value"), [
    ("es", "En los años 70 el régimen nacionalizó el petróleo.", "los años 70", "197"),
    ("fr", "Dans les années 1980, les islamistes étaient déjà là.", "les années 1980", "198"),
    ("it", "Negli anni 90 la Libia era isolata.", "anni 90", "199"),
    ("de", "In den 1970er Jahren verstaatlichte Libyen das Öl.", "1970er Jahren", "197"),
    ("pt", "Na década de 1980 o país foi bombardeado.", "década de 1980", "198"),
])
def test_languages_decades(language: str, text: str, expression: str, value: str) -> None:
    assert _tags(text, language)[expression] == ("DATE", value)


def test_languages_a_year_after_a_preposition_is_still_a_year() -> None:
    assert _tags("Gadafi llegó al poder en 1969.", "es")["1969"] == ("DATE", "1969")
    assert _tags("Il a pris le pouvoir en 1969.", "fr")["1969"] == ("DATE", "1969")


@pytest.mark.parametrize(("language", "text", "expression", "value"), [
    ("es", "Firmado el 1º de mayo del 2004 en Bruselas.", "el 1º de mayo del 2004", "2004-05-01"),
    ("fr", "Le traité fut signé le 1er mai 1962 à Évian.", "le 1er mai 1962", "1962-05-01"),
    ("fr", "Il est né le 10 novembre 93.", "le 10 novembre 93", "1993-11-10"),
    ("it", "La manifestazione del 17 febbraio ha dato il via alla rivolta.", "17 febbraio", "2011-02-17"),
    ("de", "Am 17. Februar 2011 begann der Aufstand.", "17. Februar 2011", "2011-02-17"),
    ("pt", "A revolta começou em 17 de fevereiro de 2011.", "17 de fevereiro de 2011", "2011-02-17"),
    ("es", "Ocurrió a principios de marzo.", "principios de marzo", "2011-03"),
])
def test_languages_dates_with_links_ordinals_and_edges(language: str, text: str, expression: str, value: str) -> None:
    assert _tags(text, language)[expression] == ("DATE", value)


@pytest.mark.parametrize(("language", "text", "expression", "value"), [
    ("fr", "Les frappes ont commencé à 17 h 45.", "17 h 45", "2011-03-20T17:45"),
    ("fr", "Hier à 10 h, les délégués se sont réunis.", "Hier à 10 h", "2011-03-19T10:00"),
    ("es", "El despegue fue a las 18:00 UTC.", "las 18:00 UTC", "2011-03-20T18:00Z"),
    ("de", "Die Sitzung beginnt um 17 Uhr.", "17 Uhr", "2011-03-20T17:00"),
    ("pt", "O voo partiu às 15h30.", "15h30", "2011-03-20T15:30"),
])
def test_languages_clock_times(language: str, text: str, expression: str, value: str) -> None:
    assert _tags(text, language)[expression] == ("TIME", value)


def test_languages_a_clock_time_takes_the_day_named_before_it() -> None:
    text = "Dimanche 5 janvier, la cérémonie aura lieu à la mairie. Le cortège partira à 9 h 15."
    assert _tags(text, "fr", date(2003, 1, 4))["9 h 15"] == ("TIME", "2003-01-05T09:15")


@pytest.mark.parametrize(("language", "text", "expression", "value"), [
    ("es", "La empresa firmó un contrato de 27 años.", "27 años", "P27Y"),
    ("es", "Se retrasó casi dos años y medio.", "casi dos años y medio", "P2.5Y"),
    ("es", "Recortarán empleo en los próximos cuatro años.", "los próximos cuatro años", "P4Y"),
    ("fr", "Il a passé plusieurs années en exil.", "plusieurs années", "PXY"),
    ("fr", "Ces derniers jours, le président a montré des signes de fatigue.", "Ces derniers jours", "PXD"),
    ("es", "Estos últimos años fueron duros para la empresa.", "Estos últimos años", "PXY"),
    ("es", "La marca que ha mantenido durante años con la discográfica.", "años", "PXY"),  # "durante" stays out
    ("it", "Da anni la Libia non comprava armi.", "anni", "PXY"),
    ("it", "È rimasto in carcere per sei mesi.", "sei mesi", "P6M"),
])
def test_languages_durations(language: str, text: str, expression: str, value: str) -> None:
    assert _tags(text, language)[expression] == ("DURATION", value)


@pytest.mark.parametrize(("language", "text"), [
    ("es", "Steve Jobs falleció a los 56 años en California."),
    ("es", "Apple confirmó que Papermaster, de 49 años, había dejado la compañía."),
    ("fr", "Alain Parmentier, 53 ans, employé de la société, a été blessé."),
    ("fr", "Âgé de 54 ans, il devrait regagner son corps d'origine."),
    ("fr", "Un centre pour les 6-16 ans ouvrira en juin."),
])
def test_languages_ages_are_not_durations(language: str, text: str) -> None:
    assert not any(kind == "DURATION" for kind, _ in _tags(text, language).values())


def test_languages_recurrences_and_references() -> None:
    assert _tags("Les inspecteurs passent chaque jour.", "fr")["chaque jour"] == ("SET", "P1D")
    assert _tags("Se reúnen todos los lunes.", "es")["todos los lunes"] == ("SET", "XXXX-WXX-1")
    assert _tags("Actualmente hay 300 detenidos.", "es")["Actualmente"] == ("DATE", "PRESENT_REF")


def test_languages_without_an_anchor_stay_underspecified() -> None:
    assert _tags("Ayer hubo disturbios.", "es", anchor=None)["Ayer"] == ("DATE", "XXXX-XX-XX")
    assert _tags("El pasado viernes hubo disturbios.", "es", anchor=None)["El pasado viernes"] == ("DATE", "XXXX-WXX-5")


def test_languages_unknown_language_uses_every_pack() -> None:
    assert _tags("Ieri, hier, ayer.", "qq")["Ieri"] == ("DATE", "2011-03-19")
    assert _tags("Ieri, hier, ayer.", "qq")["hier"] == ("DATE", "2011-03-19")


def test_languages_month_names_of_one_language_are_not_read_in_another() -> None:
    # "mar" is the sea in Spanish and Italian, never March; "may" is English only.
    assert _tags("El barco cruzó el mar durante la noche.", "es").get("mar") is None
    assert _tags("Il mare e il mar Mediterraneo.", "it").get("mar") is None


@pytest.mark.parametrize("language", ["es", "fr", "it", "de", "pt", "qq"])
def test_languages_hostile_input_ends_without_overlaps(language: str) -> None:
    # Runs of determiners, modifiers, units and digits: patterns that backtracked on them would hang.
    text = ("de la " * 2000) + ("el pasado " * 2000) + ("años " * 2000) + ("1" * 3000) + ("l'" * 3000)
    mentions = find_times(text, SUNDAY, language=language)
    assert all(a.span.end <= b.span.start for a, b in zip(mentions, mentions[1:]))
    assert len(mentions) < 10


@pytest.mark.parametrize(("language", "past", "future"), [
    ("es", "El Consejo se reunió el viernes en Nueva York.", "El Consejo se reunirá el viernes en Nueva York."),
    ("fr", "Le Conseil s'est réuni vendredi.", "Le Conseil se réunira vendredi."),
    ("it", "Il Consiglio si è riunito venerdì.", "Il Consiglio si riunirà venerdì."),
    ("de", "Der Rat tagte am Freitag.", "Der Rat wird am Freitag tagen."),
    ("pt", "O Conselho reuniu-se na sexta-feira.", "O Conselho vai se reunir na sexta-feira."),
])
def test_languages_tense_chooses_the_last_or_the_next_weekday(language: str, past: str, future: str) -> None:
    wednesday = date(2011, 3, 16)
    assert [m.value for m in find_times(past, wednesday, language=language)] == ["2011-03-11"]
    assert [m.value for m in find_times(future, wednesday, language=language)] == ["2011-03-18"]
