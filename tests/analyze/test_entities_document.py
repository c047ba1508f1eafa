"""Document-level entity rules (storyline.analyze.ner_document), alone and inside the recogniser."""

from __future__ import annotations

import pytest

from storyline.analyze.entities import EntityRecognizer
from storyline.analyze.ner_document import document_rules, propagate, split_coordinations, strip_possessive
from storyline.analyze.ner_lexicon import lexicon
from storyline.model import Mention, Span


def _at(text: str, surface: str, kind: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(Span(start, start + len(surface)), kind)


def _surfaces(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(text[m.span.start:m.span.end], m.type) for m in mentions]


def test_possessive_and_final_office_leave_the_name() -> None:
    en = lexicon("en")
    text = "Apple's iTunes and Apple 's store. Apple Computer CEO Steve Jobs spoke. Martin Luther King Day."
    assert _surfaces(text, [strip_possessive(text, _at(text, "Apple's", "ORG"), en)]) == [("Apple", "ORG")]
    assert _surfaces(text, [strip_possessive(text, _at(text, "Apple 's", "ORG"), en)]) == [("Apple", "ORG")]
    assert _surfaces(text, [strip_possessive(text, _at(text, "Apple Computer CEO", "ORG"), en)]) == \
        [("Apple Computer", "ORG")]
    # a capitalised office word may be a surname: "King" stays
    king = _at(text, "Martin Luther King", "ORG")
    assert strip_possessive(text, king, en) is king
    lone = Mention(Span(0, 2), "ORG")  # nothing but the mark: kept as it is
    assert strip_possessive("'s", lone, en) is lone


def test_coordination_splits_only_when_the_report_names_a_side_alone() -> None:
    en = lexicon("en")
    text = "Northrop Grumman and Airbus won. Airbus said so. Procter and Gamble sells soap."
    mentions = [_at(text, "Northrop Grumman and Airbus", "ORG"), _at(text, "Airbus", "ORG", 1),
                _at(text, "Procter and Gamble", "ORG")]
    assert _surfaces(text, split_coordinations(text, mentions, en)) == [
        ("Northrop Grumman", "ORG"), ("Airbus", "ORG"), ("Airbus", "ORG"), ("Procter and Gamble", "ORG")]


def test_coordination_of_places_gives_each_place_its_type_and_a_place_name_stays_whole() -> None:
    en = lexicon("en")
    text = "Talks between Iceland and Norway. Visitors to Trinidad and Tobago. Riots in Lagos and Gboko."
    mentions = [_at(text, "Iceland and Norway", "ORG"), _at(text, "Trinidad and Tobago", "GPE"),
                _at(text, "Lagos and Gboko", "ORG")]
    assert _surfaces(text, split_coordinations(text, mentions, en)) == [
        ("Iceland", "GPE"), ("Norway", "GPE"), ("Trinidad and Tobago", "GPE"),
        ("Lagos", "GPE"), ("Gboko", "GPE")]  # the side beside a place is a place


def test_coordination_uses_the_language_packs_conjunction() -> None:
    text = "Airbus y Boeing compiten. Boeing lo niega."
    mentions = [_at(text, "Airbus y Boeing", "ORG"), _at(text, "Boeing", "ORG", 1)]
    assert [s for s, _ in _surfaces(text, split_coordinations(text, mentions, lexicon("es")))] == \
        ["Airbus", "Boeing", "Boeing"]
    # "y" is no conjunction of the English pack
    assert len(split_coordinations(text, mentions, lexicon("en"))) == 2


def test_propagation_tags_the_reports_names_and_surnames_where_they_stand_alone() -> None:
    en = lexicon("en")
    text = ("Apple CEO Steve Jobs spoke. Jobs resigned. There are 500 Apple engineers. "
            "Apple Worldwide opened. Mr Jobs left. Pineapples grow. May came.")
    mentions = [_at(text, "Apple", "ORG"), _at(text, "Steve Jobs", "PERSON"), _at(text, "May", "PERSON")]
    found = _surfaces(text, propagate(text, mentions, en))
    assert found.count(("Jobs", "PERSON")) == 2  # "Jobs resigned", "Mr Jobs"
    assert found.count(("Apple", "ORG")) == 2  # the first and "500 Apple engineers", not "Apple Worldwide"
    assert ("May", "PERSON") in found and found.count(("May", "PERSON")) == 1  # a function word spreads not
    assert all(s != "Pineapples" for s, _ in found)


def test_propagation_replaces_a_part_of_the_name_it_covers() -> None:
    en = lexicon("en")
    text = "Aer Lingus buys jets. Irish airline Aer Lingus said so."
    mentions = [Mention(Span(4, 10), "PERSON"), _at(text, "Aer Lingus", "ORG", 1)]
    assert _surfaces(text, document_rules(text, mentions, en)) == [("Aer Lingus", "ORG"), ("Aer Lingus", "ORG")]


def test_document_rules_on_nothing_and_on_unknown_language() -> None:
    assert document_rules("", [], lexicon("en")) == []
    text = "Airbus und Boeing. Boeing."
    mentions = [_at(text, "Airbus und Boeing", "ORG"), _at(text, "Boeing", "ORG", 1)]
    assert len(document_rules(text, mentions, lexicon(None))) == 3  # the union pack knows "und"
    assert len(document_rules(text, mentions[:1], lexicon(None))) == 1  # no side named alone


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer(backend="offline").load()


def test_recogniser_finds_the_reports_names_again(recognizer: EntityRecognizer) -> None:
    text = ("Apple CEO Steve Jobs introduced the new iPhone on Monday in San Francisco.\n"
            "Jobs said the phone would ship in June. Analysts said Apple's shares rose, "
            "and Apple and Google are now rivals.")
    found = _surfaces(text, recognizer(text, None, language="en"))
    assert ("Jobs", "PERSON") in found
    assert all(not s.endswith("'s") for s, _ in found)
    assert all(" and " not in s for s, _ in found)


def test_type_numbers_with_variant_letters_are_products_in_every_language(recognizer: EntityRecognizer) -> None:
    text = "The 777-200LR can fly far, unlike the 747-400ER. Between 100-200 people came."
    found = _surfaces(text, recognizer(text, None, language="en"))
    assert ("777-200LR", "PRODUCT") in found and ("747-400ER", "PRODUCT") in found
    assert all("100" not in s for s, _ in found)  # a range is no product
    spanish = "El 777-200LR vuela lejos y el A320s también."
    found = _surfaces(spanish, recognizer(spanish, None, language="es"))
    assert ("777-200LR", "PRODUCT") in found and ("A320s", "PRODUCT") in found
    assert ("LR", "GPE") not in found and all(s != "LR" for s, _ in found)


def test_known_name_extends_and_retypes_the_tagged_part() -> None:
    from storyline.analyze.entity_pattern_rules import known_name, with_known_names

    text = "La cadena Al Jazeera y la web Página de Twitter. Al-Qaeda"
    jazeera = _at(text, "Jazeera", "PERSON")
    assert _surfaces(text, [known_name(text, jazeera)]) == [("Al Jazeera", "ORG")]
    page = _at(text, "Página de Twitter", "GPE")
    assert known_name(text, page) is page  # holds more than the name: left to the model
    mentions = [_at(text, "Al", "GPE"), jazeera, _at(text, "Qaeda", "PERSON")]
    assert _surfaces(text, with_known_names(text, mentions)) == [("Al Jazeera", "ORG"), ("Al-Qaeda", "ORG")]


def test_known_organisations_win_over_place_and_person_guesses(recognizer: EntityRecognizer) -> None:
    spanish = "Los manifestantes usaron Facebook y Twitter. La cadena Al Jazeera emite. Al llegar, habló."
    found = _surfaces(spanish, recognizer(spanish, None, language="es"))
    assert ("Twitter", "ORG") in found and ("Facebook", "ORG") in found and ("Al Jazeera", "ORG") in found
    assert all(s not in ("Jazeera", "Al") for s, _ in found)  # "Al llegar" opens a sentence: no name
    english = "He told Al Jazeera English that the group was weak. The Twitterati cheered."
    found = _surfaces(english, recognizer(english, None, language="en"))
    assert ("Al Jazeera English", "ORG") in found  # a longer name stays
    assert all("Twitter" != s for s, _ in found)  # whole words only


def test_no_surname_from_a_name_with_a_lowercase_link_and_no_cue_from_a_headline(recognizer: EntityRecognizer) -> None:
    it = lexicon("it")
    text = "Le forze di Gheddafi da Bengasi avanzano. Bengasi resiste."
    mentions = [_at(text, "Gheddafi da Bengasi", "PERSON"), _at(text, "Bengasi", "GPE", 1)]
    assert ("Bengasi", "PERSON") not in _surfaces(text, propagate(text, mentions, it))
    headline = "Comandante Cnt: Mutassim ucciso.\nIl Cnt conferma la morte. Le forze del Cnt avanzano."
    found = _surfaces(headline, recognizer(headline, None, language="it"))
    # the headline's office of a body does not make the body a person in the whole report
    assert [kind for s, kind in found if s == "Cnt"][1:] and \
        all(kind != "PERSON" for s, kind in found[2:] if s == "Cnt")


def test_an_acronym_defined_in_brackets_takes_its_definitions_type() -> None:
    from storyline.analyze.ner_document import defined_acronyms

    it = lexicon("it")
    text = "Il Consiglio nazionale transitorio (Cnt) libico. Il Cnt conferma. Il Partito Democratico (Pd)."
    mentions = [_at(text, "Consiglio nazionale transitorio", "ORG"), _at(text, "Cnt", "GPE"),
                _at(text, "Cnt", "PERSON", 1), _at(text, "Partito Democratico", "ORG"), _at(text, "Pd", "PERSON")]
    assert defined_acronyms(text, mentions, it) == {"Cnt": "ORG", "Pd": "ORG"}
    # initials that do not spell it, or no brackets: nothing defined
    other = "Il Consiglio di Stato (Cnt) e Il Partito Democratico, Pd, vota."
    mentions = [_at(other, "Consiglio di Stato", "ORG"), _at(other, "Cnt", "GPE"),
                _at(other, "Partito Democratico", "ORG"), _at(other, "Pd", "PERSON")]
    assert defined_acronyms(other, mentions, it) == {}


def test_recogniser_types_a_defined_acronym_everywhere(recognizer: EntityRecognizer) -> None:
    text = "La Organización del Tratado del Atlántico Norte (OTAN) atacó. Ayer la OTAN dijo que sí."
    found = _surfaces(text, recognizer(text, None, language="es"))
    assert [k for s, k in found if s == "OTAN"] == ["ORG", "ORG"]


def test_foreign_model_propagates_no_ordinary_word() -> None:
    es = lexicon("es")
    text = "Habló el portavoz del Gobierno. El Gobierno respondió. Gadafi habló. Luego Gadafi calló."
    mentions = [_at(text, "Gobierno", "PERSON"), _at(text, "Gadafi", "PERSON")]
    careful = _surfaces(text, propagate(text, mentions, es, careful=True))
    assert careful.count(("Gobierno", "PERSON")) == 1 and careful.count(("Gadafi", "PERSON")) == 2
    assert _surfaces(text, propagate(text, mentions, es)).count(("Gobierno", "PERSON")) == 2


def test_propagation_skips_a_word_the_report_also_writes_in_lowercase() -> None:
    en = lexicon("en")
    text = ("The Climate Change Conference opened. The Conference met again. Delegates left the "
            "conference early. Apple said. Apple left.")
    mentions = [_at(text, "Conference", "ORG", 1), _at(text, "Apple", "ORG")]
    found = _surfaces(text, propagate(text, mentions, en))
    assert found.count(("Conference", "ORG")) == 1  # only the tagger's own
    assert found.count(("Apple", "ORG")) == 2  # never written "apple": still carried over


def test_propagation_never_swallows_a_place_the_tagger_found() -> None:
    en = lexicon("en")
    text = "The Tour de France starts. Riders of the Tour de France left Paris."
    mentions = [_at(text, "Tour de France", "ORG"), _at(text, "France", "GPE", 1)]
    found = _surfaces(text, propagate(text, mentions, en))
    assert found == [("Tour de France", "ORG"), ("France", "GPE")]
    inner = [_at(text, "Tour de France", "ORG"), _at(text, "France", "PERSON", 1)]
    assert _surfaces(text, propagate(text, inner, en)) == [("Tour de France", "ORG")] * 2  # a non-place part is


def test_a_person_glued_behind_a_body_the_report_names_is_the_person_and_the_body() -> None:
    from storyline.analyze.ner_document import unglue_people
    text = "Il segretario dell'Onu Ban Ki-Moon chiede calma. Ban Ki-Moon parla. Juan Carlos Rodríguez e Carlos Rodríguez."
    glued = text.index("Onu Ban")
    mentions = [Mention(Span(glued, glued + len("Onu Ban Ki-Moon")), "ORG"),
                Mention(Span(text.index("Ban Ki-Moon parla"), text.index(" parla")), "PERSON"),
                Mention(Span(text.index("Juan"), text.index(" e Carlos")), "PERSON"),
                Mention(Span(text.index("Carlos Rodríguez."), len(text) - 1), "PERSON")]
    found = [(m.span.text_in(text), m.type) for m in unglue_people(text, mentions)]
    assert found[:2] == [("Onu", "ORG"), ("Ban Ki-Moon", "PERSON")]  # "Onu": an international body of the packs
    assert ("Juan Carlos Rodríguez", "PERSON") in found  # a given name is no body: the name stays whole


def test_software_a_tagger_called_a_person_is_not_cut_out_of_a_name() -> None:
    from storyline.analyze.ner_document import unglue_people
    text = "Apple Computer Mac OS X arriva. Mac OS X costa poco. Apple Computer vende."
    mentions = [Mention(Span(0, len("Apple Computer Mac OS X")), "ORG"),
                Mention(Span(text.index("Mac OS X costa"), text.index(" costa")), "PERSON"),
                Mention(Span(text.index("Apple Computer vende"), text.index(" vende")), "ORG")]
    assert unglue_people(text, mentions) == mentions


def test_a_given_name_the_tagger_once_called_a_place_is_no_body_before_a_surname() -> None:
    """Read on a crawled live blog: "Osama" typed GPE once split every "Osama Bin Laden"."""
    from storyline.analyze.ner_document import unglue_people
    text = "Osama Bin Laden è morto. Osama 171 aggiornamenti. Bin Laden era il capo."
    mentions = [Mention(Span(0, len("Osama Bin Laden")), "PERSON"),
                Mention(Span(text.index("Osama 171"), text.index(" 171")), "GPE"),
                Mention(Span(text.index("Bin Laden era"), text.index(" era")), "PERSON")]
    assert unglue_people(text, mentions) == mentions
