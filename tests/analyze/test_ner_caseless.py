"""Entity mentions of reports in scripts without letter case, found by lookup."""

from __future__ import annotations

from storyline.analyze.annotate import annotate
from storyline.analyze.entities import EntityRecognizer
from storyline.analyze.ner_caseless import caseless_mentions, is_caseless_report
from storyline.analyze.sentences import split_sentences
from storyline.model import Article

ARABIC = ("قصفت القوات الموالية لمعمر القذافي مدينة مصراتة يوم الاثنين. وقال حلف الناتو إن طائراته "
          "قصفت دبابات قرب بنغازي في ليبيا. ودعت الأمم المتحدة إلى وقف إطلاق النار.")
CHINESE = "忠于卡扎菲的部队周一炮击了利比亚反对派控制的城市。北约说其飞机袭击了班加西附近的坦克。联合国呼吁停火。"


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[m.span.start:m.span.end], m.type) for m in caseless_mentions(text)]


def test_arabic_places_and_bodies_without_their_clitics() -> None:
    assert _found(ARABIC) == [("مصراتة", "GPE"), ("حلف الناتو", "ORG"), ("بنغازي", "GPE"), ("ليبيا", "GPE"),
                              ("الأمم المتحدة", "ORG")]


def test_chinese_places_and_bodies_inside_runs() -> None:
    assert _found(CHINESE) == [("利比亚", "GPE"), ("北约", "ORG"), ("班加西", "GPE"), ("联合国", "ORG")]


def test_only_mostly_caseless_reports_are_tagged_by_lookup() -> None:
    assert is_caseless_report(ARABIC) and is_caseless_report(CHINESE)
    assert not is_caseless_report("NATO struck tanks near Misrata (مصراتة) on Monday.")
    assert not is_caseless_report("") and _found("") == []


def test_the_recogniser_answers_caseless_reports_by_lookup_whatever_the_language_code() -> None:
    recognizer = EntityRecognizer(backend="offline")
    for language in ("ar", None, "xx"):
        mentions = recognizer(ARABIC, split_sentences(ARABIC), language=language)
        assert [ARABIC[m.span.start:m.span.end] for m in mentions][:2] == ["مصراتة", "حلف الناتو"]


def test_a_chinese_or_arabic_report_is_analysed_end_to_end() -> None:
    for language, text in (("zh", CHINESE), ("ar", ARABIC)):
        annotated = annotate(Article(id=language, text=text, language=language, published="2011-04-18"))
        assert {m.type for m in annotated.entities} == {"GPE", "ORG"}


def test_a_town_whose_name_is_also_a_word_needs_its_country_but_a_capital_does_not() -> None:
    city = "قصفت القوات المدينة يوم الاثنين."  # "the city", also Medina's name
    assert _found(city) == []
    medina = "وصل الحجاج إلى المدينة في السعودية."  # Medina, with Saudi Arabia named
    assert _found(medina) == [("المدينة", "GPE"), ("السعودية", "GPE")]
    cairo = "وصل الوزير إلى القاهرة."  # a capital: no country needed
    assert _found(cairo) == [("القاهرة", "GPE")]
