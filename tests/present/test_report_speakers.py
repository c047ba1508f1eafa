"""report.md and the story page list quotes by party: one speaker per resolved entity (issue 19)."""

from __future__ import annotations

from typing import Any

from storyline.model import Article, Story
from storyline.present.report_render import markdown_section, story_view
from storyline.present.web.views import quote_order


def _quote(qid: str, spelling: str, name: str | None, sources: list[str]) -> dict[str, Any]:
    return {"id": qid, "speaker": spelling, "speaker_entity": spelling, "speaker_name": name,
            "text": f"statement {qid}", "kind": "indirect", "cue": "said", "sources": sources, "outlets": []}


QUOTES = [_quote("q1", "Ankara", "Turkey", ["a1", "a2"]), _quote("q2", "Ned Price", "Ned Price", ["a1", "a2", "a3"]),
          _quote("q3", "Turkey", "Turkey", ["a3"]), _quote("q4", "Ankara", "Turkey", ["a2"]),
          {**_quote("q5", "a witness", None, ["a1"]), "speaker_entity": None},
          {**_quote("q6", "", None, ["a1", "a2", "a3", "a4"]), "speaker": None, "speaker_entity": None}]


def test_report_lists_each_partys_quotes_together_under_its_name() -> None:
    articles = [Article(id=f"a{n}", text="x") for n in range(1, 5)]
    view = story_view(Story("s", "t", tuple(a.id for a in articles), ()), articles, {"quotes": QUOTES})
    speakers = [line.split(" (")[0] for line in view["quotes"]]
    assert speakers == ["Turkey", "Turkey", "Turkey", "Ned Price", "a witness", "unattributed"]
    assert "Ankara" not in markdown_section(view)


def test_a_record_without_parties_falls_back_to_the_entity_then_the_spelling() -> None:
    old = [{k: v for k, v in q.items() if k != "speaker_name"} for q in QUOTES]
    assert [s for s, _ in quote_order(old)][:3] == ["Ankara", "Ankara", "Ned Price"]
    assert [s for s, _ in quote_order(QUOTES)][:3] == ["Turkey", "Turkey", "Turkey"]
