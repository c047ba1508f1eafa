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
])
def test_outlet_of(lines: list[str], expected: tuple[str, str] | None) -> None:
    assert outlet_of(lines) == expected


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
