"""Tests for quote-mark pairing."""

from __future__ import annotations

import pytest

from storyline.analyze.quote_marks import OPENERS, find_dialogue_dashes, find_quote_marks


def _quoted(text: str) -> list[str]:
    return [text[o.end : c.start] for o, c in find_quote_marks(text)]


def test_find_quote_marks_pairs_curly_and_straight() -> None:
    text = 'He said \u201cyes, we will\u201d and then "no, we will not" twice.'
    assert _quoted(text) == ["yes, we will", "no, we will not"]


def test_find_quote_marks_nested_quote_not_listed() -> None:
    text = "\u201cThey called it \u2018a hoax\u2019 at once,\u201d she said."
    assert _quoted(text) == ["They called it \u2018a hoax\u2019 at once,"]


def test_find_quote_marks_unclosed_straight_quote_does_not_hide_curly_ones() -> None:
    text = ('She reports:\n\n"The first time she watched.\n\n'
            "\u201cIt never crossed my mind,\u201d she said.\n\n"
            "\u201cHere he is, babe,\u201d she said.")
    assert _quoted(text) == ["It never crossed my mind,", "Here he is, babe,"]


def test_find_quote_marks_broken_paragraph_chain_pairs_the_inner_quotes() -> None:
    text = ('"Block quote starts here.\n\u201cInner one,\u201d she said.\nAnd it ends here."')
    assert _quoted(text) == ["Inner one,"]


def test_find_quote_marks_multi_paragraph_quote_stays_one() -> None:
    text = '"First paragraph here.\n"Second \u201cinner\u201d paragraph ends here."'
    assert len(find_quote_marks(text)) == 1


def test_openers_exclude_the_apostrophe() -> None:
    assert "'" not in OPENERS and "\u201c" in OPENERS


def test_find_quote_marks_two_apostrophes_pair_as_one_mark() -> None:
    text = "''This isn't tax reform,'' said Mr. Holtz-Eakin. ''It's anti-reform.''"
    assert _quoted(text) == ["This isn't tax reform,", "It's anti-reform."]


def test_find_quote_marks_two_apostrophes_span_paragraphs() -> None:
    text = "''The first paragraph.\n''And the second one,'' he said."
    assert _quoted(text) == ["The first paragraph.\n''And the second one,"]


def test_find_quote_marks_nested_quote_set_off_by_a_space() -> None:
    text = ("\"I've always been insulted with the term 'African American outreach,' \" he told the group. "
            '"You got a choice," he said.')
    assert _quoted(text) == ["I've always been insulted with the term 'African American outreach,' ",
                             "You got a choice,"]
    opened = "\" 'Tis the season,' she sang\" was the headline."
    assert _quoted(opened) == [" 'Tis the season,' she sang"]


def test_find_quote_marks_a_spaced_straight_quote_alone_still_does_not_close() -> None:
    assert _quoted('He said " hello" and left "fine" then.') == ["fine"]


@pytest.mark.parametrize(
    ("text", "inside"),
    [("Il a dit : « Nous ne partirons pas » hier.", " Nous ne partirons pas "),
     ("Il a dit : «\u00a0Nous ne partirons pas\u00a0» hier.", "\u00a0Nous ne partirons pas\u00a0"),
     ("Er sagte: „Wir bleiben hier“ und ging.", "Wir bleiben hier"),
     ("Er sagte: ‚Wir bleiben‘ und ging.", "Wir bleiben"),
     ("Er sagte: »Wir bleiben hier« und ging.", "Wir bleiben hier"),
     ("Il disait ‹ jamais › sans cesse.", " jamais "),
     ("Dijo «no cederemos» ayer.", "no cederemos")],
)
def test_find_quote_marks_of_every_language(text: str, inside: str) -> None:
    assert _quoted(text) == [inside]


def test_spaced_guillemets_still_need_words_inside() -> None:
    assert _quoted("Un « » vide et « » encore.") == []


def test_dialogue_dash_turn_and_its_aside() -> None:
    text = "Narración.\n—No cederemos nunca —dijo el ministro—. Seguiremos.\n—Basta\n"
    turns = [(text[o.start : o.end], text[o.end : c.start]) for o, c in find_dialogue_dashes(text)]
    assert turns == [("\u2014", "No cederemos nunca "), ("\u2014", "Basta")]


def test_dialogue_dash_needs_a_paragraph_start_and_words() -> None:
    assert find_dialogue_dashes("El año —dijo— fue duro.\n\u2014\n\u2014 \n") == []
