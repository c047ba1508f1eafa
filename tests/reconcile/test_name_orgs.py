"""Organisations across spellings, languages and acronyms (reconcile/name_orgs.py)."""

from __future__ import annotations

import re

import pytest

from storyline.analyze.sentences import split_sentences
from storyline.model import Annotated, Article, Mention, Span
from storyline.reconcile.entities import resolve_entities
from storyline.reconcile.name_orgs import org_alias, org_key, org_word_key


def _item(article_id: str, text: str, names: dict[str, str], language: str | None = None,
          story: str = "s") -> Annotated:
    mentions = [Mention(Span(*m.span()), kind) for name, kind in names.items()
                for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]
    mentions.sort(key=lambda m: m.span.start)
    article = Article(id=article_id, text=text, story=story, language=language)
    return Annotated(article, tuple(split_sentences(text)), tuple(mentions))


def _entities_of(items: list[Annotated]) -> dict[str, set[str | None]]:
    found: dict[str, set[str | None]] = {}
    for item in items:
        for m in item.entities:
            found.setdefault(m.span.text_in(item.article.text), set()).add(m.entity)
    return found


def _one_entity(found: dict[str, set[str | None]], *surfaces: str) -> bool:
    return len(set().union(*(found[s] for s in surfaces))) == 1


@pytest.mark.parametrize("names", [
    ("Al Jazeera", "Al Yazira", "Al-Jazira", "Al Jazira"),
    ("Al Qaeda", "Al-Qaida", "Al Qaïda", "Al Kaida"),
    ("Hezbollah", "Hizbolá", "Hizbollah"),
    ("Al Jazeera", "Jazeera", "Yazira", "Djazira"),
])
def test_org_key_meets_across_romanisations(names: tuple[str, ...]) -> None:
    keys = {org_key(tuple(re.findall(r"\w+", n.lower()))) for n in names}
    assert len(keys) == 1 and keys != {()}


def test_org_word_key_keeps_different_words_apart_and_reads_consonantal_y() -> None:
    assert org_word_key("yazira") == org_word_key("jazeera")
    assert org_word_key("arabiya") != org_word_key("jazeera")
    assert org_word_key("mundial") != org_word_key("central")
    assert org_word_key("eastern") != org_word_key("southern")  # China Eastern, China Southern
    assert org_key(("ue",)) == ()  # too few consonants to say anything
    assert org_key(("qaida",)) == () and org_key(("al", "qaida")) == ("kd",)  # the article counts


def test_organisation_spellings_of_one_story_are_one_entity() -> None:
    items = [
        _item("a", "La cadena Al Jazeera emitió las imágenes.", {"Al Jazeera": "ORG"}, "es"),
        _item("b", "Selon Al-Jazira, les combats continuent.", {"Al-Jazira": "ORG"}, "fr"),
        _item("c", "Lo dijo la televisión Al Yazira ayer.", {"Al Yazira": "ORG"}, "es"),
        _item("d", "Al Qaeda reivindicó el ataque; Al-Qaida lo niega.", {"Al Qaeda": "ORG", "Al-Qaida": "ORG"}, "es"),
    ]
    _, resolved = resolve_entities(items)
    found = _entities_of(resolved)
    assert _one_entity(found, "Al Jazeera", "Al-Jazira", "Al Yazira")
    assert _one_entity(found, "Al Qaeda", "Al-Qaida")
    assert found["Al Jazeera"] != found["Al Qaeda"]


def test_a_chain_of_near_spellings_does_not_join_a_name_to_an_organisation() -> None:
    items = [
        _item("a", "La cadena Al Jazeera emitió las imágenes.", {"Al Jazeera": "ORG"}, "es"),
        _item("b", "Lo dijo la televisión Yazira ayer.", {"Yazira": "ORG"}, "es"),
        _item("c", "Según Yasser, el portavoz, todo sigue igual.", {"Yasser": "ORG"}, "es"),
    ]
    found = _entities_of(resolve_entities(items)[1])
    assert _one_entity(found, "Al Jazeera", "Yazira")
    assert found["Yasser"] != found["Al Jazeera"]  # close to "Yazira", not to "Jazeera"


def test_spellings_in_different_stories_stay_apart() -> None:
    # (a romanisation the packs list as an alias, "Al Yazira", is the body everywhere, as "ONU" is)
    items = [_item("a", "Jazeera emitió.", {"Jazeera": "ORG"}, "es", story="s1"),
             _item("b", "Yazira emitió.", {"Yazira": "ORG"}, "es", story="s2")]
    _, resolved = resolve_entities(items)
    found = _entities_of(resolved)
    assert found["Jazeera"] != found["Yazira"]


def test_international_bodies_share_a_key_across_languages() -> None:
    items = [
        _item("a", "La ONU pidió calma. Naciones Unidas reunió al Consejo.", {"ONU": "ORG", "Naciones Unidas": "ORG"}, "es"),
        _item("b", "Les Nations unies et l'OTAN ont répondu.", {"Nations unies": "ORG", "OTAN": "ORG"}, "fr"),
        _item("c", "The UN and NATO met.", {"UN": "ORG", "NATO": "ORG"}, "en"),
    ]
    _, resolved = resolve_entities(items)
    found = _entities_of(resolved)
    assert _one_entity(found, "ONU", "Naciones Unidas", "Nations unies", "UN")
    assert _one_entity(found, "OTAN", "NATO")


def test_a_function_word_tagged_as_organisation_is_no_alias() -> None:
    assert org_alias("onu", "Onu", "it") == "united nations"
    assert org_alias("ue", "Ue", "it") == "european union"  # the Italian press writes "Ue"
    assert org_alias("un", "Un", "xx") is None and org_alias("nato", "NATO", "xx") == "nato"
    assert org_alias("cpi", "CPI", "en") is None  # a price index in English
    items = [_item("a", "Un portavoz habló. La ONU calló.", {"Un": "ORG", "ONU": "ORG"}, "es")]
    _, resolved = resolve_entities(items)
    found = _entities_of(resolved)
    assert found["Un"] != found["ONU"]


def test_acronym_with_one_expansion_per_language_joins_them_all() -> None:
    items = [
        _item("a", "El Consejo Nacional de Transición gobierna Bengasi.", {"Consejo Nacional de Transición": "ORG"}, "es"),
        _item("b", "Le Conseil national de transition siège à Benghazi.", {"Conseil national de transition": "ORG"}, "fr"),
        _item("c", "Il Consiglio nazionale di transizione ha parlato.", {"Consiglio nazionale di transizione": "ORG"}, "it"),
        _item("d", "El CNT anunció elecciones.", {"CNT": "ORG"}, "es"),
    ]
    _, resolved = resolve_entities(items)
    found = _entities_of(resolved)
    assert _one_entity(found, "CNT", "Consejo Nacional de Transición", "Conseil national de transition",
                       "Consiglio nazionale di transizione")


def test_acronym_with_two_expansions_in_one_language_joins_none_unless_defined() -> None:
    base = [
        _item("a", "El Consejo Nacional de Transición habló.", {"Consejo Nacional de Transición": "ORG"}, "es"),
        _item("b", "La Confederación Nacional del Trabajo convocó.", {"Confederación Nacional del Trabajo": "ORG"}, "es"),
        _item("c", "El CNT anunció elecciones.", {"CNT": "ORG"}, "es"),
    ]
    _, resolved = resolve_entities(base)
    found = _entities_of(resolved)
    assert found["CNT"] != found["Consejo Nacional de Transición"]
    assert found["CNT"] != found["Confederación Nacional del Trabajo"]
    defined = [*base, _item("d", "La Confederación Nacional del Trabajo (CNT) convocó.",
                            {"Confederación Nacional del Trabajo": "ORG", "CNT": "ORG"}, "es")]
    _, resolved = resolve_entities(defined)
    found = _entities_of(resolved)
    assert _one_entity(found, "CNT", "Confederación Nacional del Trabajo")
    assert found["CNT"] != found["Consejo Nacional de Transición"]


def test_bracket_definition_in_any_case_joins() -> None:
    items = [_item("a", "Il Consiglio nazionale transitorio (Cnt) ha detto. Il Cnt decide.",
                   {"Consiglio nazionale transitorio": "ORG", "Cnt": "ORG"}, "it")]
    _, resolved = resolve_entities(items)
    assert _one_entity(_entities_of(resolved), "Cnt", "Consiglio nazionale transitorio")


def test_a_known_body_is_an_organisation_whatever_the_tagger_voted() -> None:
    items = [_item("a", "Naciones Unidas pidió calma. Naciones Unidas votó.", {"Naciones Unidas": "GPE"}, "es"),
             _item("b", "La ONU votó.", {"ONU": "ORG"}, "es"),
             _item("d", "Le Nazioni Unite hanno votato.", {"Nazioni Unite": "PERSON"}, "it"),
             _item("c", "Francia votó.", {"Francia": "GPE"}, "es")]
    entities, resolved = resolve_entities(items)
    kinds = {e.name: e.type for e in entities}
    assert kinds["Naciones Unidas"] == "ORG" and kinds["Francia"] == "GPE"
    assert _one_entity(_entities_of(resolved), "Naciones Unidas", "ONU", "Nazioni Unite")  # PERSON-tagged too
