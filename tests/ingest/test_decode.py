"""Tests of storyline.ingest.decode: bytes to text, or a refusal."""

from __future__ import annotations

import random

import pytest

from storyline.errors import InputError
from storyline.ingest.decode import decode_bytes

FRENCH = ("Le ministre a déclaré mercredi à Genève que les négociations reprendraient après l'été. "
          "« Nous sommes très préoccupés », a-t-il ajouté, selon l'agence. Les élèves ont reçu leurs "
          "diplômes à Besançon, où la cérémonie a eu lieu devant la préfecture.\n") * 3
SPANISH = "El señor Muñoz dijo que la reunión en Córdoba será el miércoles próximo, según el acuerdo.\n" * 3


def test_utf8() -> None:
    assert decode_bytes(FRENCH.encode("utf-8"), "f") == FRENCH


def test_utf8_with_bom_loses_the_bom() -> None:
    assert decode_bytes(b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), "f") == FRENCH


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    data = FRENCH.encode(codec) if codec == "utf-16" else b"\xfe\xff" + FRENCH.encode(codec)
    assert decode_bytes(data, "f").lstrip("\ufeff") == FRENCH


@pytest.mark.parametrize(("text", "codec"), [(FRENCH, "cp1252"), (SPANISH, "latin-1"), (SPANISH, "cp1252")])
def test_legacy_8bit_text_keeps_its_accents(text: str, codec: str) -> None:
    decoded = decode_bytes(text.encode(codec), "f")
    assert "\ufffd" not in decoded
    for word in ("déclaré", "Genève", "préoccupés", "Besançon") if text is FRENCH else ("señor", "Muñoz", "Córdoba", "miércoles"):
        assert word in decoded


def test_cp1252_curly_quotes_are_kept() -> None:
    text = "He said \u201cno\u201d \u2014 and the caf\u00e9 closed at 9 o\u2019clock on the quay.\n" * 4
    decoded = decode_bytes(text.encode("cp1252"), "f")
    assert "\u201cno\u201d" in decoded and "café" in decoded


def test_a_few_broken_bytes_in_utf8_text_are_tolerated() -> None:
    good = FRENCH.encode("utf-8")
    broken = good[:100] + b"\xff" + good[100:300] + b"\xc3" + good[300:]
    decoded = decode_bytes(broken, "f")
    assert "\ufffd" not in decoded
    assert "négociations" in decoded and "Besançon" in decoded
    assert len(decoded) >= len(FRENCH) - 2


def test_random_binary_is_refused() -> None:
    data = random.Random(7).randbytes(4096)
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "junk.bin")
    assert caught.value.path == "junk.bin"
    assert "undecodable" in caught.value.problem


def test_plain_ascii_is_unchanged() -> None:
    assert decode_bytes(b"Plain text, nothing else.", "f") == "Plain text, nothing else."


def test_central_european_cp1250_is_not_forced_to_cp1252() -> None:
    text = "Příliš žluťoučký kůň úpěl ďábelské ódy. Čeština je krásný jazyk a Praha je hlavní město.\n" * 3
    assert decode_bytes(text.encode("cp1250"), "f") == text
