"""Reports: the public STORIES.json shape, story records, and escaping of hostile article text."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.model import Article, Event, Story
from storyline.present.report import stories_json, write_reports

HOSTILE = Article(id="x1", text='<script>alert(1)</script> <img src=x onerror="alert(2)"> body *bold* [link](javascript:x)',
                  title="<b>Title</b> & more", source="Outlet <i>", published="2021-02-11")
PLAIN = Article(id="x2", text="The council met on Monday.", title=None, source=None)
STORY = Story("s1", "<script>story</script>", ("x1", "x2"), (Event("e1", ("x1", "x2"), "2021-02-11"),))
RECORD = {"report_dates": {"x2": {"date": "2021-02-11", "from": "event", "event": "e1"}},
          "timeline": [{"date": "2021-02-10", "granularity": "day", "sentences": ["<script>t</script> said."],
                        "articles": ["x1"], "outlets": ["Outlet <i>"]}],
          "quotes": [{"id": "q", "speaker": "<b>X</b>", "text": "<script>q</script>", "kind": "direct",
                      "sources": ["x1", "x2"], "outlets": ["Outlet <i>"], "variants": []}]}


def test_report_stories_json_keeps_the_public_shape_and_adds_records() -> None:
    data = stories_json([HOSTILE, PLAIN], [STORY], {"read": 2}, {"s1": RECORD})
    (story,) = data["stories"]
    assert {k: story[k] for k in ("id", "title", "articles", "events")} == {
        "id": "s1", "title": "<script>story</script>", "articles": ["x1", "x2"],
        "events": [{"id": "e1", "articles": ["x1", "x2"], "date": "2021-02-11"}]}
    assert story["timeline"] == RECORD["timeline"] and story["quotes"] == RECORD["quotes"]
    assert [a["id"] for a in data["articles"]] == ["x1", "x2"]


def test_report_html_escapes_everything_from_articles(tmp_path: Path) -> None:
    paths = write_reports(tmp_path, [HOSTILE, PLAIN], [STORY], {"read": 2}, {"s1": RECORD})
    page = paths.html.read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "default-src 'none'" in page  # the CSP forbids scripts even if one slipped through
    assert "2021-02-11 (from its event)" in page


def test_report_markdown_escapes_markup_and_lists_timeline_and_quotes(tmp_path: Path) -> None:
    paths = write_reports(tmp_path, [HOSTILE, PLAIN], [STORY], {"read": 2}, {"s1": RECORD})
    text = paths.markdown.read_text(encoding="utf-8")
    assert "\\*bold\\*" in text and "\\[link\\]" in text and "\\<script\\>" in text
    assert "### Timeline" in text and "### Quotes" in text and "(2 reports: Outlet \\<i\\>)" in text


def test_report_lines_without_outlets_say_so_with_the_language_never_the_id(tmp_path: Path) -> None:
    record = {"timeline": [{"date": "2021-02-10", "granularity": "day", "sentences": ["The council met."],
                            "articles": ["x2"], "outlets": [None]}],
              "quotes": [{"id": "q", "speaker": "Mayor", "text": "We are ready", "kind": "direct",
                          "sources": ["x2"], "outlets": [None], "variants": []}]}
    story = Story("s2", "Council", ("x2",), (Event("e2", ("x2",), "2021-02-10"),))
    spanish = Article(id="x2", text="El consejo se reunió el lunes.", language="es")
    text = write_reports(tmp_path, [spanish], [story], {"read": 1}, {"s2": record}).markdown.read_text(encoding="utf-8")
    assert "2021-02-10: The council met. (outlet not known · es)" in text
    assert "(1 report: outlet not known · es)" in text and "· 1 report\n" in text
    assert "(x2)" not in text and ": x2" not in text and "1 reports" not in text


def test_report_fact_outlets_that_stand_for_unknown_outlets_are_never_shown_as_ids(tmp_path: Path) -> None:
    fact = {"id": "f1", "text": "The council met.", "outlets": ["x2", "Le Monde"], "voices": 2,
            "articles": ["x2", "x3"], "support": []}
    french = Article(id="x3", text="Le conseil s'est réuni.", source="Le Monde", language="fr")
    spanish = Article(id="x2", text="El consejo se reunió el lunes.", language="es")
    story = Story("s3", "Council", ("x2", "x3"), (Event("e3", ("x2", "x3"), "2021-02-10"),))
    record = {"facts": [fact], "summary": {"sentences": [{"text": "The council met.", "sources": ["x2", "x3"]}]}}
    text = write_reports(tmp_path, [spanish, french], [story], {"read": 2}, {"s3": record}).markdown.read_text(
        encoding="utf-8")
    assert "(established by 2 independent outlets: outlet not known · es, Le Monde)" in text
    assert "\\[outlet not known · es\\] \\[Le Monde · fr\\]" in text


def test_report_puts_only_direct_quotes_in_quote_marks(tmp_path: Path) -> None:
    quote = {"id": "q", "sources": ["x2"], "outlets": [None], "variants": []}
    record = {"quotes": [{**quote, "speaker": "Mayor", "text": "We are ready", "kind": "direct"},
                         {**quote, "speaker": None, "text": "that the bridge would open", "kind": "indirect"}]}
    story = Story("s2", "Council", ("x2",), (Event("e2", ("x2",), "2021-02-10"),))
    paths = write_reports(tmp_path, [PLAIN], [story], {"read": 1}, {"s2": record})
    text = paths.markdown.read_text(encoding="utf-8")
    assert "Mayor: “We are ready” (1 report: outlet not known)" in text
    assert "unattributed (reported speech): that the bridge would open (1 report: outlet not known)" in text
    assert "“that the bridge" not in text


def test_report_without_stories_lists_articles(tmp_path: Path) -> None:
    paths = write_reports(tmp_path, [PLAIN], [], {"read": 1})
    assert json.loads(paths.stories.read_text())["stories"] == []
    assert "The council met on Monday." in paths.markdown.read_text(encoding="utf-8")


MATRIX_RECORD = {
    "facts": [
        {"id": "f1", "text": 'Council "approved" the <b>bridge</b> & more.', "outlets": ["Outlet <i>", "B"], "voices": 2,
         "articles": ["x1", "x2"], "support": []},
        {"id": "f2", "text": "Wire copy printed twice.", "outlets": ["Outlet <i>", "B"], "voices": 1,
         "articles": ["x1", "x2"], "support": []},
        {"id": "f3", "text": "The mayor | resigned.", "outlets": ["B", "C"], "voices": 2, "articles": ["x2"],
         "support": []},
    ],
    "coverage": [
        {"outlet": "Outlet <i>", "articles": ["x1"], "included": ["f1", "f2", "f9"], "omitted": ["f3"], "only": ["f9"]},
        {"outlet": "B", "articles": ["x2"], "included": ["f1", "f2", "f3"], "omitted": [], "only": []},
    ],
}


def test_report_html_shows_coverage_as_an_escaped_outlet_by_fact_matrix(tmp_path: Path) -> None:
    import re

    paths = write_reports(tmp_path, [HOSTILE, PLAIN], [STORY], {"read": 2}, {"s1": {**RECORD, **MATRIX_RECORD}})
    page = paths.html.read_text(encoding="utf-8")
    assert "<b>" not in page and "<i>" not in page
    (table,) = re.findall(r'<table class="coverage">.*?</table>', page)
    # columns: the corroborated facts only (f2 is one voice), in story order, the text in the title
    heads = re.findall(r'<th scope="col" title="([^"]*)">(F\d+)</th>', table)
    assert heads == [("Council &quot;approved&quot; the &lt;b&gt;bridge&lt;/b&gt; &amp; more.", "F1"),
                     ("The mayor | resigned.", "F2")]
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table)
    assert [(outlet, re.findall(r">(✓|–)</td>", cells)) for outlet, cells in rows] == [
        ("Outlet &lt;i&gt;", ["✓", "–"]), ("B", ["✓", "✓"])]
    assert 'title="The mayor | resigned.">–</td>' in table
    assert "<li>The mayor | resigned.</li>" in page  # the key below the matrix


def test_report_markdown_adds_a_compact_coverage_table(tmp_path: Path) -> None:
    paths = write_reports(tmp_path, [HOSTILE, PLAIN], [STORY], {"read": 2}, {"s1": {**RECORD, **MATRIX_RECORD}})
    text = paths.markdown.read_text(encoding="utf-8")
    assert "- Outlet \\<i\\>: 3 facts, omits 1 corroborated, alone on 1" in text  # the list is kept
    assert "| Outlet | F1 | F2 |\n|---|---|---|\n| Outlet \\<i\\> | ✓ | – |\n| B | ✓ | ✓ |" in text
    assert "- F2: The mayor \\| resigned." in text


def test_report_without_corroborated_facts_has_no_matrix(tmp_path: Path) -> None:
    record = {**RECORD, **MATRIX_RECORD, "facts": [MATRIX_RECORD["facts"][1]]}
    paths = write_reports(tmp_path, [HOSTILE, PLAIN], [STORY], {"read": 2}, {"s1": record})
    assert 'class="coverage"' not in paths.html.read_text(encoding="utf-8")
    assert "| Outlet |" not in paths.markdown.read_text(encoding="utf-8")


def test_report_names_a_linked_speaker_by_the_entity_not_the_spelling(tmp_path: Path) -> None:
    quote = {"sources": ["x2"], "outlets": [None], "variants": [], "kind": "indirect"}
    record = {"quotes": [{**quote, "id": "q1", "speaker": "Akkar", "speaker_entity": "Hulusi Akar",
                          "text": "that the door is open"},
                         {**quote, "id": "q2", "speaker": "a senior official", "speaker_entity": None,
                          "text": "that talks would resume"}]}
    story = Story("s2", "Talks", ("x2",), (Event("e2", ("x2",), "2021-02-10"),))
    text = write_reports(tmp_path, [PLAIN], [story], {"read": 1}, {"s2": record}).markdown.read_text(encoding="utf-8")
    assert "Hulusi Akar (reported speech): that the door is open" in text and "Akkar (reported" not in text
    assert "a senior official (reported speech): that talks would resume" in text


def test_report_shows_the_cue_of_a_quote(tmp_path: Path) -> None:
    quote = {"sources": ["x2"], "outlets": [None], "variants": [], "speaker": "Mayor"}
    record = {"quotes": [{**quote, "id": "q1", "kind": "direct", "cue": "insisted", "text": "We are ready"},
                         {**quote, "id": "q2", "kind": "indirect", "cue": "warned", "text": "that the bridge may close"}]}
    story = Story("s2", "Council", ("x2",), (Event("e2", ("x2",), "2021-02-10"),))
    text = write_reports(tmp_path, [PLAIN], [story], {"read": 1}, {"s2": record}).markdown.read_text(encoding="utf-8")
    assert "Mayor (insisted): “We are ready”" in text
    assert "Mayor (warned, reported speech): that the bridge may close" in text


def test_report_timeline_marks_background_history(tmp_path: Path) -> None:
    record = {"timeline": [{"date": "2021-02-10", "granularity": "day", "sentences": ["The council met."],
                            "articles": ["x2"], "outlets": ["Post"]},
                           {"date": "1973", "granularity": "year", "sentences": ["The council was founded."],
                            "articles": ["x2"], "outlets": ["Post"], "background": True}]}
    story = Story("s2", "Council", ("x2",), (Event("e2", ("x2",), "2021-02-10"),))
    text = write_reports(tmp_path, [PLAIN], [story], {"read": 1}, {"s2": record}).markdown.read_text(encoding="utf-8")
    assert "- 2021-02-10: The council met. (Post)" in text
    assert "- 1973 (background): The council was founded. (Post)" in text


def test_report_separates_what_outlets_establish_from_what_parties_claim(tmp_path: Path) -> None:
    le_monde = Article(id="x3", text="Le conseil s'est réuni.", source="Le Monde", language="fr")
    el_pais = Article(id="x4", text="El consejo se reunió.", source="El País", language="es")
    support = [{"article": "x3", "start": 0, "end": 10}, {"article": "x4", "start": 0, "end": 10}]
    established = {"id": "f1", "text": "The council met.", "outlets": ["Le Monde", "El País"], "voices": 2,
                   "articles": ["x3", "x4"], "support": support, "status": "established", "own_voice": 2,
                   "claimed_by": []}
    claimed = {"id": "f2", "text": "The bridge will open in June.", "outlets": ["Le Monde", "El País"], "voices": 2,
               "articles": ["x3", "x4"], "support": support, "status": "claimed", "own_voice": 0,
               "claimed_by": [{"party": "Ilse Varga", "type": "person", "cues": ["said"], "articles": ["x3", "x4"],
                               "outlets": ["Le Monde", "El País"]}]}
    single = {**claimed, "id": "f3", "text": "The mayor will resign.", "outlets": ["Le Monde"], "voices": 1,
              "articles": ["x3"]}
    clash = {"kind": "date", "fact": None, "reason": "one report dates Ilse Varga's remarks 2021-02-09 (Tuesday), "
             "another 2021-02-10 (the 10th)", "left": {"article": "x3", "outlet": "Le Monde", "start": 0, "end": 5,
                                                      "text": "said on Tuesday", "value": "2021-02-09 (Tuesday)"},
             "right": {"article": "x4", "outlet": "El País", "start": 0, "end": 5, "text": "said on the 10th",
                       "value": "2021-02-10 (the 10th)"}}
    story = Story("s4", "Council", ("x3", "x4"), (Event("e4", ("x3", "x4"), "2021-02-10"),))
    record = {"facts": [claimed, established], "single_source": [single], "contradictions": [clash]}
    text = write_reports(tmp_path, [le_monde, el_pais], [story], {"read": 2}, {"s4": record}).markdown.read_text(
        encoding="utf-8")
    est = text[text.index("### Established by several independent outlets"):text.index("### Claims reported")]
    claims = text[text.index("### Claims reported by several outlets"):text.index("### Contradictions")]
    assert "The council met. (established by 2 independent outlets: Le Monde, El País)" in est
    assert "bridge" not in est
    assert "The bridge will open in June. (claimed by Ilse Varga; reported by 2 independent outlets: " in claims
    assert "(claimed by Ilse Varga; only Le Monde)" in text
    assert "date: one report dates Ilse Varga's remarks 2021-02-09 (Tuesday), another 2021-02-10 (the 10th): " in text


def test_report_says_how_many_more_when_a_list_is_cut(tmp_path: Path) -> None:
    article = Article(id="a1", text="Lead sentence of the report. More text follows here.", title=None,
                      source="Le Monde", published="2011-02-21", language="fr")
    record = {"timeline": [{"date": f"2011-02-{d:02d}", "sentences": [f"Day {d}."], "articles": ["a1"], "outlets": []}
                           for d in range(1, 29)] * 2,
              "quotes": [], "facts": [], "single_source": [{"id": f"s{n}", "text": f"Claim {n}.", "outlets": ["Le Monde"],
                                                            "voices": 1, "articles": ["a1"], "support": []}
                                                           for n in range(45)]}
    story = Story(id="s1", title="A story", articles=("a1",), events=(Event(id="e1", articles=("a1",), date="2011-02-21"),))
    paths = write_reports(tmp_path, [article], [story], {}, {"s1": record})
    text = paths.markdown.read_text(encoding="utf-8")
    assert "… and 26 more dated statements" in text and "… and 15 more single-source claims" in text
    assert "storyline export s1" in text
    assert "Le Monde · 2011-02-21 · “Lead sentence of the report. More text follows…”" in text  # untitled report
    assert "id a1" not in text


def test_long_timeline_shows_its_best_dated_most_reported_entries_in_date_order(tmp_path: Path) -> None:
    articles = [Article(id=f"a{n}", text=f"Report {n} says something.", title=f"Report {n}", source=f"Outlet {n}",
                        published="2011-03-01", language="es") for n in range(4)]
    vague = [{"date": "2011", "granularity": "year", "sentences": [f"Vague {n} este año."], "articles": ["a0"],
              "outlets": ["Outlet 0"]} for n in range(20)]
    months = [{"date": "2011-01", "granularity": "month", "sentences": [f"Month {n} hace un mes."], "articles": ["a0"],
               "outlets": ["Outlet 0"]} for n in range(10)]
    days = [{"date": f"2011-{2 + d // 29:02d}-{1 + d % 29:02d}", "granularity": "day", "sentences": [f"Day {d} happened."],
             "articles": [f"a{k}" for k in range(1 + d % 4)], "outlets": [f"Outlet {k}" for k in range(1 + d % 4)]}
            for d in range(40)]
    background = [{"date": "1988-12-21", "granularity": "day", "sentences": ["Lockerbie."], "articles": ["a1", "a2"],
                   "outlets": ["Outlet 1", "Outlet 2"], "background": True}]
    record = {"timeline": background + vague + months + days, "quotes": [], "facts": [], "single_source": []}
    story = Story(id="s1", title="A story", articles=tuple(a.id for a in articles),
                  events=(Event(id="e1", articles=("a0",), date="2011-03-01"),))
    text = write_reports(tmp_path, articles, [story], {}, {"s1": record}).markdown.read_text(encoding="utf-8")
    timeline = text[text.index("### Timeline"):].split("\n### ")[0]
    shown = [line for line in timeline.splitlines() if line.startswith("- ") and not line.startswith("- …")]
    assert len(shown) == 30 and "… and 41 more dated statements" in timeline
    assert "Lockerbie" not in timeline  # the story's own days before background history
    assert "Vague" not in timeline and "Month" not in timeline
    assert sum("Outlet 3" in line for line in shown) == 10  # every day that four outlets give
    dates = [line[2:12] for line in shown]
    assert dates == sorted(dates)  # still in date order
