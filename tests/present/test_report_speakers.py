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


def test_report_says_who_speaks_each_party_once_with_its_other_spellings() -> None:
    speakers = [{"name": "Turkey", "quotes": ["q1", "q3", "q4"], "names": ["Ankara", "Turkey"]},
                {"name": "Ned Price", "quotes": ["q2"], "names": ["Ned Price"]}]
    view = story_view(Story("s", "t", (), ()), [], {"quotes": QUOTES[:4], "speakers": speakers})
    assert view["quotes"][0] == "Who speaks: Turkey: 3 quotes, also written Ankara; Ned Price: 1 quote"
    assert len(view["quotes"]) == 5
    many = [{"name": f"P{n}", "quotes": ["q"], "names": []} for n in range(20)]
    line = story_view(Story("s", "t", (), ()), [], {"quotes": [], "speakers": many})["quotes"][0]
    assert line.endswith("; and 8 more") and "P11" in line and "P12" not in line


def test_a_quotation_over_several_paragraphs_stays_one_list_item() -> None:
    quote = {**_quote("q1", "Erdogan", "Recep Tayyip Erdogan", ["a1"]), "kind": "direct",
             "text": "We will not ask for permission.\n\nThe system is ours.\n- and we keep it"}
    articles = [Article(id="a1", text="x")]
    section = markdown_section(story_view(Story("s", "t", ("a1",), ()), articles, {"quotes": [quote]}))
    lines = [line for line in section.split("\n") if "permission" in line or "system is ours" in line]
    assert len(lines) == 1 and lines[0].startswith("- ") and "The system is ours." in lines[0]
    assert "\n- and we keep it" not in section
