"""Cutting an annotated text into sentence blocks and highlighted pieces."""

from __future__ import annotations

from storyline.model import Span
from storyline.present.web.spans import Mark, blocks, blocks_json

TEXT = "Amara Okonjo spoke on Friday. She said \"no\" twice."


def test_web_spans_pieces_rebuild_the_text_exactly() -> None:
    sentences = [Span(0, 29), Span(30, len(TEXT))]
    marks = [Mark(0, 12, "ent ent-person", "PERSON: Amara Okonjo", "Amara Okonjo"), Mark(22, 28, "time", "DATE"),
             Mark(39, 43, "quote quote-direct", "direct"), Mark(40, 42, "time", "overlap")]
    found = blocks(TEXT, sentences, marks)
    assert "".join(p.text for b in found for p in b.pieces) == TEXT
    assert [b.anchor for b in found] == ["c0", None, "c30"]
    first = blocks_json(found)[0]["pieces"]
    assert first[0] == {"text": "Amara Okonjo", "classes": ["ent", "ent-person"], "entity": "Amara Okonjo"}
    nested = [p for p in found[2].pieces if p.text == "no"][0]
    assert nested.classes == ["quote", "quote-direct", "time"]


def test_web_spans_cited_sentence_gets_the_anchor() -> None:
    found = blocks(TEXT, [Span(0, 29), Span(30, len(TEXT))], [], cite=(31, 35))
    assert [(b.anchor, b.is_cited) for b in found] == [("c0", False), (None, False), ("cited", True)]


def test_web_spans_tolerate_bad_spans() -> None:
    sentences = [Span(0, 29), Span(10, 40), Span(-5, 0), Span(45, 999)]
    found = blocks(TEXT, sentences, [Mark(-3, 5, "time", "x"), Mark(40, 9999, "time", "y"), Mark(5, 5, "time", "z")])
    assert "".join(p.text for b in found for p in b.pieces) == TEXT
    assert [b.anchor for b in found if b.anchor] == ["c0", "c45"]


def test_web_spans_without_annotations_is_one_plain_block() -> None:
    found = blocks(TEXT, [], [])
    assert len(found) == 1 and found[0].anchor is None and found[0].pieces[0].text == TEXT
    assert blocks("", [], []) == []
