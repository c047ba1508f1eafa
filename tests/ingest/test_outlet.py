"""The outlet read from a page's own lines when the input does not name it."""

from __future__ import annotations

import pytest

from storyline.config import IngestConfig
from storyline.ingest.outlet import outlet_of
from storyline.ingest.prepare import prepare
from storyline.ingest.readers import RawItem

BODY = ("Las fuerzas leales a Gadafi bombardearon este lunes el puerto de Misrata, según testigos, "
        "mientras los rebeldes pedían más ataques aéreos a la OTAN.")


@pytest.mark.parametrize(("lines", "expected"), [
    (["Mundo | elmundo.es", BODY], ("elmundo.es", "site")),
    ([BODY, "© Copyright 2006-2020 BFMTV.com. Tous droits réservés."], ("bfmtv.com", "site")),
    ([BODY, "© La Vanguardia Ediciones Todos los derechos reservados"], ("La Vanguardia Ediciones", "copyright")),
    (["Le Monde avec AFP et Reuters", BODY], ("Le Monde", "credit")),
    (["(Nouvelobs.com avec AFP)", BODY], ("nouvelobs.com", "credit")),
    (["EL CAIRO (Reuters) - Un florecimiento del arte egipcio tras la revolución."], ("Reuters", "agency")),
    (["Argel. (EFE).- El primer ministro libio llegó a Argel.", BODY], ("EFE", "agency")),
    (["(ANSA) – ROMA, 17 FEB – Il ministro ha parlato alla Camera."], ("ANSA", "agency")),
    (["Por EFE", BODY], ("EFE", "agency")),
    ([BODY, "Turkey and Libya signed the deal in Ankara on Monday. — Anadolu"], ("Anadolu Agency", "agency")),
    ([BODY, "© Riproduzione riservata"], None),
    ([BODY, "Fuente: http://www.sicurezzanazionale.gov.it/ di Diego Bolchini, analista"], None),
    (["Según la agencia AP, los rebeldes avanzan (AP) hacia Trípoli y Sirte."], None),
    ([BODY], None),
    ([BODY, "20 MINUTOS EDITORA, S.L."], ("20 MINUTOS EDITORA, S.L.", "publisher")),
    ([BODY, "Divisione Stampa Nazionale  — GEDI Gruppo Editoriale S.p.A. - P.Iva 00906801006"],
     ("GEDI Gruppo Editoriale S.p.A.", "publisher")),
    ([BODY, "RCS MediaGroup S.p.A. - Divisione Quotidiani  Sede legale: via Angelo Rizzoli, 8 - 20132 Milano"],
     ("RCS MediaGroup S.p.A.", "publisher")),
    (["Le Monde avec AFP", BODY, "Société Éditrice du Monde SA"], ("Le Monde", "credit")),
    ([BODY, "Sito realizzato da Webscape Solutions S.r.l"], None),
    ([BODY, "El acuerdo con Telefónica S.A. se firmará en marzo"], None),
    ([BODY, "© HERALDO DE ARAGON EDITORA, S.L.U.Teléfono 976 765 000 / - Pº. Independencia, 29, 50001 Zaragoza - "
            "CIF: B99288763 - Inscrita en el Registro Mercantil de Zaragoza"], ("HERALDO DE ARAGON EDITORA", "copyright")),
    ([BODY, "Suivez Le Monde"], ("Le Monde", "name")),
    ([BODY, "Webs de PRISA"], ("PRISA", "name")),
    ([BODY, "Les sites du Groupe Figaro"], ("Groupe Figaro", "name")),
    (["(Nouvelobs.com avec AFP)", BODY, "Les sites du Groupe Figaro"], ("nouvelobs.com", "credit")),
    ([BODY, "Suivez-nous sur Twitter"], None),
    ([BODY, "Otros sitios de la editora"], None),
    ([BODY, "Suivez l'actualité en direct"], None),
])
def test_outlet_of(lines: list[str], expected: tuple[str, str] | None) -> None:
    assert outlet_of(lines) == expected


@pytest.mark.parametrize(("notice", "expected"), [
    ("Consulta los casos en los que 20minutos.es restringirá la posibilidad de dejar comentarios", "20minutos.es"),
    ("Avec un compte LePoint.fr :", "lepoint.fr"),
    ("Inicia sesión con tu cuenta de facebook.com", None),
    ("Commenti via disqus.com o www.youtube.com", None),
    ("P.IVA 00906801006", None),
])
def test_a_site_notice_naming_a_domain_names_the_outlet(notice: str, expected: str | None) -> None:
    assert outlet_of([BODY], [notice]) == ((expected, "notice") if expected else None)
    assert outlet_of([BODY, notice]) is None  # the same line in the text is no notice


def test_the_site_notice_is_read_from_what_cleaning_drops() -> None:
    notice = "Consulta los casos en los que 20minutos.es restringirá la posibilidad de dejar comentarios"
    assert _prepared({}, "\n".join([BODY, BODY.replace("lunes", "martes"), notice])) == \
        {"source": "20minutos.es", "from": "text:notice"}
    news = "Según 20minutos.es, los rebeldes tomaron el puerto de Misrata este lunes por la tarde."
    assert _prepared({}, "\n".join([BODY, news])) == {"source": None, "from": None}


def _prepared(hints: dict[str, str], text: str) -> dict[str, object]:
    item = RawItem(path="in.jsonl", record=1, kind="article", body=text, hints=hints)
    article = prepare(item, config=IngestConfig(), language_of=lambda text: "es")
    return {"source": article.source, "from": article.meta.get("source_from")}  # type: ignore[union-attr]


def test_the_input_wins_and_the_text_is_asked_only_without_it() -> None:
    text = "\n".join(["Mundo | elmundo.es", "La OTAN bombardea de nuevo la residencia de Gadafi", BODY])
    assert _prepared({"source": "El Mundo"}, text) == {"source": "El Mundo", "from": "metadata"}
    assert _prepared({"url": "https://www.abc.es/x"}, text) == {"source": "abc.es", "from": "url"}
    assert _prepared({}, text) == {"source": "elmundo.es", "from": "text:site"}
    assert _prepared({}, BODY) == {"source": None, "from": None}
