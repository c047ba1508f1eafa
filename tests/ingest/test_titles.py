"""Titles: never markup, site or section names; a furniture title gives way to the next headline."""

from __future__ import annotations

import pytest

from storyline.ingest.clean import clean_text
from storyline.ingest.templates import TemplateLines, article_lines, strip_templates
from storyline.ingest.titles import as_title
from storyline.model import Article

BODY = ("Las fuerzas leales a Gadafi bombardearon este lunes el puerto de Misrata, según testigos "
        "citados por la agencia EFE, mientras los rebeldes pedían más ataques aéreos a la OTAN.")


@pytest.mark.parametrize(("line", "title"), [
    ("Mundo | elmundo.es", None),
    ("Diritto di critica | July 29, 2020", None),
    ("Noticias, Sociedad »", None),
    (".alogo{display: block;text-indent: -1000px;}", None),
    ("Libya: Gaddafi vows to fight on - BBC News", "Libya: Gaddafi vows to fight on"),
    ("Gaddafi killed in Sirte | World news | The Guardian", "Gaddafi killed in Sirte"),
    ("Gaddafi forces shell Misrata - witnesses", "Gaddafi forces shell Misrata - witnesses"),
    ("Egypt protests - live", "Egypt protests - live"),
    ("Hollande à Macron : «C'est pas trop dur en ce moment ?»", "Hollande à Macron : «C'est pas trop dur en ce moment ?»"),
    ("La OTAN bombardea de nuevo la residencia de Gadafi", "La OTAN bombardea de nuevo la residencia de Gadafi"),
])
def test_as_title(line: str, title: str | None) -> None:
    assert as_title(line) == title


def test_site_line_first_gives_the_headline_below_it() -> None:
    cleaned = clean_text("\n".join(["Mundo | elmundo.es", "La OTAN bombardea de nuevo la residencia de Gadafi", BODY]))
    assert cleaned.title == "La OTAN bombardea de nuevo la residencia de Gadafi"
    assert cleaned.text == BODY


def test_candidates_follow_the_title() -> None:
    cleaned = clean_text("\n".join(["Boutique le Point", "Kadhafi appelle à la résistance", BODY]))
    assert cleaned.title == "Boutique le Point"
    assert cleaned.title_candidates == ("Kadhafi appelle à la résistance",)


def _article(title: str, candidates: list[str], text: str = BODY) -> Article:
    return Article(id="a", text=text, title=title,
                   meta={"title_from": "text", "title_candidates": candidates})


def test_a_furniture_title_gives_way_to_the_next_candidate() -> None:
    article = _article("Boutique le Point", ["Kadhafi appelle à la résistance"])
    stripped = strip_templates(article, lambda line: line == "Boutique le Point")
    assert stripped.title == "Kadhafi appelle à la résistance"
    assert stripped.meta["title_replaced"] == "Boutique le Point"
    assert stripped.text == BODY
    none_left = strip_templates(_article("Boutique le Point", []), lambda line: line == "Boutique le Point")
    assert none_left.title is None


def test_a_given_title_is_kept_even_if_it_recurs() -> None:
    article = Article(id="a", text=BODY, title="Boutique le Point", meta={"title_from": "metadata"})
    assert strip_templates(article, lambda line: True).title == "Boutique le Point"
    assert article_lines(article) == [BODY]


def test_titles_found_in_text_are_counted_as_lines() -> None:
    reports = [
        "Parliament approved the budget on Tuesday after a long night session in which opposition deputies "
        "tabled hundreds of amendments on pensions, hospitals and rural roads.",
        "A magnitude six earthquake shook the northern mountains early on Sunday, damaging farmhouses and "
        "cutting electricity to villages around the reservoir, rescuers reported.",
        "The national football team beat their neighbours three goals to one in the qualifier, with the young "
        "striker scoring twice before the interval in front of a sold-out stadium.",
    ]
    learner = TemplateLines()
    articles = [_article("Boutique of the Gazette", [f"Headline number {n} of the day"], text) for n, text in enumerate(reports)]
    for article in articles:
        learner.observe(None, article_lines(article))
    titles = [strip_templates(a, lambda line: learner.is_template(None, line)).title for a in articles]
    assert titles == [f"Headline number {n} of the day" for n in range(3)]


@pytest.mark.parametrize("line", ["22 de Agosto, 2011 |", "Jueves, 16 de junio 2011", "| 12.03.2011 - 14:05"])
def test_date_lines_are_no_titles(line: str) -> None:
    assert as_title(line) is None


def test_a_year_in_a_headline_is_fine() -> None:
    assert as_title("Libya 2011: the year in review") == "Libya 2011: the year in review"


def test_engine_replaces_a_recurring_shop_line_taken_for_a_title(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from storyline.config import IngestConfig
    from storyline.pipeline import ingest
    from storyline.store import Store

    reports = {
        "Parliament passes the budget": "Parliament approved the budget on Tuesday after a long night session in "
        "which opposition deputies tabled hundreds of amendments on pensions, hospitals and rural roads.",
        "Earthquake shakes the north": "A magnitude six earthquake shook the northern mountains early on Sunday, "
        "damaging farmhouses and cutting electricity to villages around the reservoir, rescuers reported.",
        "Football team wins the qualifier": "The national football team beat their neighbours three goals to one in "
        "the qualifier, with the young striker scoring twice before the interval in front of a sold-out stadium.",
    }
    data = tmp_path / "in"
    data.mkdir()
    for number, (headline, body) in enumerate(reports.items()):
        (data / f"{number}.txt").write_text(f"Boutique of the Gazette shop\n{headline}\n{body}\n", encoding="utf-8")
    store = Store(str(tmp_path / "s.db"))
    ingest([str(data)], store, IngestConfig(languages=("en",)))
    assert sorted(article.title or "" for article in store.articles()) == sorted(reports)
    store.close()


@pytest.mark.parametrize(("line", "title"), [
    ("Tensione tra Egitto ed Etiopia per la diga sul Nilo Azzurro di Alberto Bellotto (@albertobellotto)",
     "Tensione tra Egitto ed Etiopia per la diga sul Nilo Azzurro"),
    ("Obama speaks on Libya tonight by Jo Lee (@jolee)", "Obama speaks on Libya tonight"),
    ("Rebels hold the port of Misrata (@reuters)", "Rebels hold the port of Misrata"),
    ("Il governo di Mario Draghi cade", "Il governo di Mario Draghi cade"),  # no handle: no signature
    ("Egypt votes (@AP)", "Egypt votes (@AP)"),  # too short once cut: left whole
])
def test_a_closing_signature_is_cut_from_a_title(line: str, title: str) -> None:
    assert as_title(line) == title
