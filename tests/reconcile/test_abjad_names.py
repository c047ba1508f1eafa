"""People and towns of Arabic-script reports found through their story's Latin spellings
(reconcile/abjad_names.py), through entity resolution."""

from __future__ import annotations

import re

from storyline.analyze.sentences import split_sentences
from storyline.model import Annotated, Article, Mention, Span
from storyline.reconcile.abjad_names import find_abjad_people
from storyline.reconcile.entities import resolve_entities
from storyline.reconcile.name_keys import consonant_key


def _item(article_id: str, text: str, names: dict[str, str], story: str = "s") -> Annotated:
    mentions = [Mention(Span(*m.span()), kind) for name, kind in names.items()
                for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]
    mentions.sort(key=lambda m: m.span.start)
    return Annotated(Article(id=article_id, text=text, story=story), tuple(split_sentences(text)), tuple(mentions))


LATIN = [
    _item("en", "Muammar Gaddafi spoke in Misrata. Hosni Mubarak was silent. Gaddafi left Misrata.",
          {"Muammar Gaddafi": "PERSON", "Gaddafi": "PERSON", "Hosni Mubarak": "PERSON", "Misrata": "GPE"}),
    _item("fr", "Mouammar Kadhafi a parlé. Ahmed Bani, porte-parole, a confirmé.",
          {"Mouammar Kadhafi": "PERSON", "Ahmed Bani": "PERSON"}),
]


def _people_of(items: list[Annotated], article_id: str) -> dict[str, str | None]:
    entities, resolved = resolve_entities(items)
    item = next(i for i in resolved if i.article.id == article_id)
    return {m.span.text_in(item.article.text): m.entity for m in item.entities}


def test_consonant_keys_meet_across_scripts() -> None:
    for arabic, latin in [("معمر", "Muammar"), ("القذافي", "Gaddafi"), ("مبارك", "Mubarak"), ("كاميرون", "Cameron")]:
        assert consonant_key(arabic) == consonant_key(latin.lower())
    assert consonant_key("عبد") != consonant_key("abdel")  # what the abjad drops differs: no guess


def test_an_arabic_report_names_the_people_of_its_story() -> None:
    arabic = _item("ar", "قصفت القوات الموالية لمعمر القذافي مدينة مصراتة. وقال مبارك إن الوضع خطير.",
                   {"مصراتة": "GPE"})
    found = _people_of([*LATIN, arabic], "ar")
    assert found["معمر القذافي"] == "Muammar Gaddafi"  # the clitic "ل" stays out of the name
    assert found["مبارك"] == "Hosni Mubarak"  # four consonants: a surname alone is enough
    assert found["مصراتة"] == "Misrata"  # the town joins its Latin spelling (GeoNames)


def test_a_short_surname_alone_needs_the_full_name_before_it() -> None:
    alone = _item("ar", "قال القذافي إن القوات ستبقى.", {})
    assert "القذافي" not in _people_of([*LATIN, alone], "ar")
    after = _item("ar", "قال معمر القذافي إن القوات ستبقى. وأضاف القذافي أن الحرب طويلة.", {})
    assert _people_of([*LATIN, after], "ar").get("القذافي") == "Muammar Gaddafi"


def test_common_words_with_a_short_names_consonants_are_no_person() -> None:
    """"محمد بن" (Mohamed bin) has the consonants of Ahmed Bani: two two-letter keys are too weak."""
    arabic = _item("ar", "التقى ولي العهد محمد بن سلمان بالوفد.", {})
    assert not any(m.type == "PERSON" for m in find_abjad_people([*LATIN, arabic])[0][-1].entities)


def test_people_of_another_story_are_not_looked_for() -> None:
    arabic = _item("ar", "قال معمر القذافي إن القوات ستبقى.", {}, story="other")
    items, respelled = find_abjad_people([*LATIN, arabic])
    assert respelled == {} and items[-1].entities == ()


def test_a_story_without_an_abjad_report_is_left_as_it_is() -> None:
    items, respelled = find_abjad_people(LATIN)
    assert respelled == {} and items == LATIN
