"""Tests for the regex sentence splitter."""

from __future__ import annotations


import pytest

from storyline.analyze.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [s.text_in(text) for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. Secretary spoke. He left.", ["The U.S. Secretary spoke.", "He left."]),
        ("Dr. Smith arrived. Then he spoke.", ["Dr. Smith arrived.", "Then he spoke."]),
        ("It happened on Jan. 20 in Ankara. Nobody came.", ["It happened on Jan. 20 in Ankara.", "Nobody came."]),
        ("J. R. Smith won. Fans cheered.", ["J. R. Smith won.", "Fans cheered."]),
        ("Growth was 3.5 percent. Prices rose.", ["Growth was 3.5 percent.", "Prices rose."]),
        ('"We are open." Akar added more.', ['"We are open."', "Akar added more."]),
        ("\u201cWe are open.\u201d Akar added.", ["\u201cWe are open.\u201d", "Akar added."]),
        ("Sanctions hit the U.S. The talks failed.", ["Sanctions hit the U.S.", "The talks failed."]),
        ("Is it over? Yes! Done.", ["Is it over?", "Yes!", "Done."]),
        ("First paragraph\nSecond paragraph", ["First paragraph", "Second paragraph"]),
        ("the U.S. and Turkey met. Then", ["the U.S. and Turkey met.", "Then"]),
        # Crawled pages that lost the space between two sentences.
        ("ya la hemos tomado.¿Cómo se llamará la fuerza política?Es pronto para saberlo.",
         ["ya la hemos tomado.", "¿Cómo se llamará la fuerza política?", "Es pronto para saberlo."]),
        ("dejaban cinco muertos.El ministro llegó.", ["dejaban cinco muertos.", "El ministro llegó."]),
        ("desde que estalló la revuelta.- Al menos 13 muertos en Suez.",
         ["desde que estalló la revuelta.", "Al menos 13 muertos en Suez."]),
        ("The score was 3-1.- not a typo", ["The score was 3-1.- not a typo"]),
        ("¡Somos el pueblo!¡Somos Egipto!", ["¡Somos el pueblo!", "¡Somos Egipto!"]),
        ("The U.S.Army and St.Louis met J.Smith.", ["The U.S.Army and St.Louis met J.Smith."]),
        ("Visit www.Google.Com or elmundo.es now.", ["Visit www.Google.Com or elmundo.es now."]),
        ("Growth reached 3.5 in 2011.The end", ["Growth reached 3.5 in 2011.The end"]),
    ],
)
def test_split_sentences_cases(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\n \n"])
def test_split_sentences_empty(text: str) -> None:
    assert split_sentences(text) == []


def test_split_sentences_spans_are_stripped_and_ordered() -> None:
    text = "  One. Two.\n\n  Three?  "
    spans = split_sentences(text)
    assert [s.text_in(text) for s in spans] == ["One.", "Two.", "Three?"]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def test_split_sentences_two_megabytes() -> None:
    text = ("Mr. Price said the U.S. policy was unchanged on Jan. 5. " * 40 + "\n") * 900
    assert len(text) > 2_000_000
    spans = split_sentences(text)  # speed: bench/bench_analyze.py
    assert len(spans) == 36_000
