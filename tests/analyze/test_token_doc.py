"""clause_end visits only the marks it reacts to; it must answer as the character-by-character
walk it replaced (brackets, titles, initials, abbreviations with a comma, quote marks, limits)."""

from __future__ import annotations

import random

import pytest

from storyline.analyze.quote_marks import OPENERS
from storyline.analyze.token_doc import clause_end, title_before

TEXTS = [
    "Rep. Steny Hoyer (D-Md.) said the bill, which Sen. Mitch McConnell, R-Ky., opposed, would pass.",
    "G.K. Butterfield told reporters; the NATO. Then «la OTAN» dijo: “no”. Mr. Smith left!\nNext line?",
    "x(((.)))). (a. b) c. ((d.) e.) f",
    "", ".", "((((", "))))..", "«", "a«b", "ab«c", "déclare-t-il. Fin",
]


def _walk(text: str, start: int, limit: int) -> int:
    limit = min(limit, len(text))
    depth = 0
    for i in range(start, limit):
        if text[i] in "!?\n;" or (i > start + 1 and text[i] in OPENERS):
            return i
        depth += (text[i] == "(") - (text[i] == ")" and depth > 0)
        if text[i] == "." and not depth and not title_before(text, i) and text[i + 1:i + 2] != ",":
            return i
    return limit


@pytest.mark.parametrize("text", TEXTS)
def test_clause_end_answers_as_the_walk(text: str) -> None:
    for start in range(len(text) + 2):
        for limit in (start, start + 1, start + 3, start + 40, len(text), 10**6):
            assert clause_end(text, start, limit) == _walk(text, start, limit)


def test_clause_end_on_random_windows_of_mixed_text() -> None:
    rnd = random.Random(7)
    alphabet = "ab .,;!?()\n«»“”\"'D-Md.Mr.G.K. "
    for _ in range(2000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(60)))
        start = rnd.randrange(len(text) + 1)
        limit = start + rnd.randrange(80)
        assert clause_end(text, start, limit) == _walk(text, start, limit)


def test_clause_end_stops_where_a_reader_does() -> None:
    text = TEXTS[0]
    assert text[clause_end(text, 0, len(text))] == "." and clause_end(text, 0, len(text)) == len(text) - 1
    assert clause_end("no end here", 0, 5) == 5
