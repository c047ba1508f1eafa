"""Rendering of run reports: one view per story, and report.md / report.html built from views.

Everything that comes from an article is escaped before it reaches HTML or Markdown: article
text is hostile input. Both documents are built from one per-story view (:func:`story_view`),
and each is written as a head, one section per view and a tail (:func:`markdown_head`,
:func:`markdown_section`, :func:`html_head`, :func:`html_section`, :data:`HTML_TAIL`), so a
writer can stream them one story at a time; :func:`markdown_report` and :func:`html_report` join
the same parts. Cost: linear in the story's record and its reports.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from storyline.model import Article, Story
from storyline.present.labels import (UNKNOWN_OUTLET, citation_label, entity_order, outlet_label, report_date, report_label,
                                      report_title)

_EXCERPT_CHARS = 280
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MAX_TIMELINE = 30
_MAX_QUOTES = 30
#: Corroborated facts shown as columns of the coverage matrix.
_MAX_MATRIX_FACTS = 30
_COVERAGE = "Coverage by outlet"


def story_view(story: Story, articles: Sequence[Article] | Mapping[str, Article],
               record: Mapping[str, Any]) -> dict[str, Any]:
    """What a report shows of one story, as plain strings (not yet escaped); ``articles`` may be
    given already indexed by id."""
    by_id = articles if isinstance(articles, Mapping) else {a.id: a for a in articles}
    dates = record.get("report_dates", {})
    events = [{"title": f"Event {number}: {event.date or 'undated'} · {_count(len(event.articles), 'report')}",
               "articles": [_article_line(by_id[i], dates.get(i)) for i in event.articles if i in by_id]}
              for number, event in enumerate(story.events, start=1)]
    entries = record.get("timeline", [])
    timeline = _capped([f"{entry['date']}{' (background)' if entry.get('background') else ''}: {entry['sentences'][0]} "
                        f"({_who(entry['outlets'], entry['articles'], by_id)})"
                        for entry in _key_entries(entries, _MAX_TIMELINE)], _MAX_TIMELINE, "dated statements",
                       story.id, total=len(entries))
    quotes = _capped([f"{_said(q)} ({_count(len(q['sources']), 'report')}: {_who(q['outlets'], q['sources'], by_id)})"
                      for q in _by_speaker(record.get("quotes", []))],
                     _MAX_QUOTES, "quotes", story.id)
    quotes = _speakers_line(record.get("speakers", [])) + quotes
    return {"title": story.title, "id": story.id, "events": events, "timeline": timeline, "quotes": quotes,
            "summary": [(sentence["text"], [_citation(i, by_id) for i in sentence["sources"]])
                        for sentence in record.get("summary", {}).get("sentences", [])],
            "sections": _record_sections(record, by_id, story.id), "coverage": coverage_matrix(record, by_id)}


def _capped(items: list[str], limit: int, noun: str, story_id: str, total: int | None = None) -> list[str]:
    """The first ``limit`` lines, then one saying how many more there are and where they are:
    a report never cuts a list without saying so (``total``: the list's length before a
    selection already cut it to ``items``)."""
    total = len(items) if total is None else total
    if total <= limit:
        return items
    return [*items[:limit], f"… and {total - limit} more {noun}: all of them in stories.json, or "
                            f"`storyline export {story_id}`"]


#: How finely a timeline entry is dated, finest first (a day says more than "this year").
_GRANULARITY_RANK = {"day": 0, "month": 1, "year": 2}


def _key_entries(entries: Sequence[Mapping[str, Any]], limit: int) -> list[Mapping[str, Any]]:
    """A long timeline's ``limit`` most telling entries, in its own (date) order: dated to the day
    before a month or a year, the story's own days before background history, then those most
    outlets and reports give. A timeline that opened on its first thirty entries showed a large
    story's vaguest dates ("2011: ... this year", "2011-01: ... a month ago") and none of its
    days. Cost: one sort of the entries."""
    if len(entries) <= limit:
        return list(entries)
    ranked = sorted(range(len(entries)), key=lambda n: (
        _GRANULARITY_RANK.get(entries[n].get("granularity", "day"), 3), bool(entries[n].get("background")),
        -len(entries[n].get("outlets") or ()), -len(entries[n].get("articles") or ()), n))
    return [entries[n] for n in sorted(ranked[:limit])]


def _speaker(quote: Mapping[str, Any]) -> str:
    """Who speaks, as shown: the party (one per resolved entity: "Ankara" and "Turkey" are
    Turkey), else the linked entity, else the speaker's words; "" for none."""
    return quote.get("speaker_name") or quote.get("speaker_entity") or quote.get("speaker") or ""


def _by_speaker(quotes: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Quotes one speaker after another: most cited speakers first, unattributed last; within a
    speaker, most cited first."""
    cited: dict[str, int] = {}
    for quote in quotes:
        cited[_speaker(quote)] = cited.get(_speaker(quote), 0) + len(quote["sources"])
    return sorted(quotes, key=lambda q: (_speaker(q) == "", -cited[_speaker(q)], _speaker(q), -len(q["sources"])))


#: Speakers named in a report's line of who speaks.
_MAX_SPEAKERS = 12


def _speakers_line(speakers: Sequence[Mapping[str, Any]]) -> list[str]:
    """One line naming who speaks, most quoted first, each party once with the other names the
    reports give it ("Turkey: 7 quotes, also written Ankara"); none when nobody is named."""
    parts = [f"{s['name']}: {_count(len(s['quotes']), 'quote')}"
             + (f", also written {', '.join(others)}" if (others := [n for n in s.get('names', []) if n != s['name']][:4]) else "")
             for s in speakers[:_MAX_SPEAKERS]]
    more = f"; and {len(speakers) - _MAX_SPEAKERS} more" if len(speakers) > _MAX_SPEAKERS else ""
    return [f"Who speaks: {'; '.join(parts)}{more}"] if parts else []


def _said(quote: Mapping[str, Any]) -> str:
    """A quotation in quote marks; reported speech without them, since its words are the
    reporter's. The speaker is the story's entity when the quote is linked to one, so that
    "Akkar" and "Hulusi Akal" read as Hulusi Akar (the spellings stay in the record)."""
    speaker = _speaker(quote) or "unattributed"
    cue = quote.get("cue")
    if quote.get("kind") == "direct":
        return f"{speaker} ({cue}): “{quote['text']}”" if cue else f"{speaker}: “{quote['text']}”"
    return f"{speaker} ({cue + ', ' if cue else ''}reported speech): {quote['text']}"


def coverage_matrix(record: Mapping[str, Any], articles: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
    """Outlets × corroborated facts (two or more independent outlets), in story order:
    ``{"facts": [(id, text)], "rows": [(outlet, [True if it reports the fact, ...])]}``, or None."""
    corroborated = [(f["id"], f["text"]) for f in record.get("facts", []) if f.get("voices", 0) >= 2]
    facts = corroborated[:_MAX_MATRIX_FACTS]
    cover = record.get("coverage", [])
    if not facts or not cover:
        return None
    rows = [(outlet_label(c["outlet"], articles or {}),
             [fact_id in set(c["included"]) for fact_id, _ in facts]) for c in cover]
    return {"facts": facts, "rows": rows, "hidden": len(corroborated) - len(facts)}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _who(outlets: Sequence[str | None], article_ids: Sequence[str], by_id: Mapping[str, Article]) -> str:
    """The outlets behind a line, else (none known) its reports as the summary cites them."""
    named = [outlet_label(o, by_id) for o in outlets if o]
    return ", ".join(named) if named else ", ".join(_citation(i, by_id)[1] for i in dict.fromkeys(article_ids))


def fact_status(fact: Mapping[str, Any]) -> str:
    """A fact record's status (``established``, ``claimed``, ``reported``); a record written before
    facts carried one counts as established when two independent outlets report it."""
    return fact.get("status") or ("established" if fact.get("voices", 1) >= 2 else "reported")


def _claimed_by(fact: Mapping[str, Any]) -> str:
    """"claimed by Ned Price, Turkey; " for a fact its reports attribute to parties, else ""."""
    parties = [p["party"] for p in fact.get("claimed_by", [])]
    return f"claimed by {', '.join(parties)}; " if parties and fact_status(fact) != "established" else ""


def _sourced(fact: Mapping[str, Any], outlets: str) -> str:
    """Who a fact comes from: "established by 3 independent outlets: …" or "claimed by X; reported
    by 2 independent outlets: …" (of N outlets, when copies make fewer voices than outlets)."""
    voices, total = fact.get("voices", 1), len(fact.get("outlets", []))
    of = f" of {total}" if total > voices else ""
    if fact_status(fact) == "established":
        own = fact.get("own_voice", voices)
        return f"established by {own} independent{' of ' + str(total) if total > own else ''} outlets: {outlets}"
    return f"{_claimed_by(fact)}reported by {_count(voices, 'independent outlet')}{of}: {outlets}"


def _disputed(fact: Mapping[str, Any], outlets: Callable[[Sequence[str]], str]) -> str:
    """"; disputed: 17 (A, D) where “…” gives 5 (C)" for a fact that other facts state with a
    different value for one slot (its ``disputes``), else ""."""
    parts = [f"{d['value']} ({outlets(d.get('outlets', []))}) where “{d.get('other_sentence') or d['text']}” "
             f"gives {d['other_value']} "
             f"({outlets(d.get('other_outlets', []))})" for d in fact.get("disputes", [])]
    return f"; disputed: {'; '.join(parts)}" if parts else ""


def _citation(article_id: str, by_id: Mapping[str, Article]) -> tuple[str, str]:
    article = by_id.get(article_id)
    if article is None:
        return article_id, citation_label(None, None)
    return article_id, citation_label(article.source, article.language, report_label(article))


def _record_sections(record: Mapping[str, Any], by_id: Mapping[str, Article],
                     story_id: str = "STORY") -> list[tuple[str, list[str]]]:
    """The record's lists as titled lines: facts, single-source claims, contradictions, entities,
    coverage."""
    def outlets(values: Sequence[str]) -> str:
        return ", ".join(outlet_label(v, by_id) for v in values if v) or UNKNOWN_OUTLET

    def side(item: Mapping[str, Any]) -> str:
        return outlet_label(item["outlet"], by_id)

    facts = sorted(record.get("facts", []), key=lambda f: (-f.get("own_voice", f["voices"]), -f["voices"]))
    established = _capped([f"{f['text']} ({_sourced(f, outlets(f['outlets']))}{_disputed(f, outlets)})" for f in facts
                           if fact_status(f) == "established"], _MAX_QUOTES, "established facts", story_id)
    claimed = _capped([f"{f['text']} ({_sourced(f, outlets(f['outlets']))}{_disputed(f, outlets)})" for f in facts
                       if fact_status(f) != "established"], _MAX_QUOTES, "claims", story_id)
    single = _capped([f"{f['text']} ({_claimed_by(f)}only {outlets(f['outlets'])}{_disputed(f, outlets)})"
                      for f in record.get("single_source", [])], _MAX_QUOTES, "single-source claims", story_id)
    clashes = [f"{c['kind']}: " + (f"{c['reason']}: " if c.get("reason") else "")
               + f"“{c['left']['text']}” ({side(c['left'])}: {c['left']['value']}) vs "
               f"“{c['right']['text']}” ({side(c['right'])}: {c['right']['value']})"
               for c in record.get("contradictions", [])]
    people = _capped([f"{e['name']} ({e['type']}): also {', '.join(a for a in e['aliases'] if a != e['name']) or '—'}"
                      + (f"; roles: {', '.join(e['roles'])}" if e.get("roles") else "")
                      for e in entity_order(record.get("entities", [])) if e["type"] in ("PERSON", "ORG")],
                     _MAX_QUOTES, "people and organisations", story_id)
    cover = [f"{outlet_label(c['outlet'], by_id)}: {len(c['included'])} facts, omits {len(c['omitted'])} corroborated, "
             f"alone on {len(c['only'])}" for c in record.get("coverage", [])]
    return [("Established by several independent outlets", established),
            ("Claims reported by several outlets", claimed), ("Contradictions", clashes),
            ("Who", people), (_COVERAGE, cover), ("Single-source claims", single)]


def ungrouped_view(articles: Iterable[Article]) -> dict[str, Any]:
    """The one view of a run with no stories: every article, in the order given."""
    return {"title": "Articles", "id": "", "timeline": [], "quotes": [],
            "events": [{"title": "Not grouped", "articles": [_article_line(a, None) for a in articles]}]}


def _article_line(article: Article, inferred: Mapping[str, Any] | None) -> dict[str, str]:
    date = report_date(article.published, inferred)
    where = report_label(article) if article.provenance else None
    byline = " · ".join([article.source or UNKNOWN_OUTLET, date, article.language or "language not known",
                         *([f"from {where}"] if where else [])])
    title = article.title or report_title(None, article.source, article.published or (inferred or {}).get("date"),
                                          article.text[:160])
    return {"id": article.id, "title": title, "byline": byline,
            "excerpt": _excerpt(article.text, _EXCERPT_CHARS)}


def markdown_report(views: Sequence[Mapping[str, Any]], run: dict[str, Any]) -> str:
    """The whole report.md: its head and one section per view, joined by newlines."""
    return "\n".join([markdown_head(run), *(markdown_section(view) for view in views)])


def markdown_head(run: dict[str, Any]) -> str:
    """report.md's title and run line (sections follow, each after a newline)."""
    return "\n".join(["# storyline report", "", _md(_run_line(run)), ""])


def markdown_section(view: Mapping[str, Any]) -> str:
    """One story's part of report.md (no leading or trailing newline)."""
    lines = [f"## {_md(view['title'])}", ""]
    if view.get("summary"):
        lines += ["### Summary", ""] + [
            f"{_md(text)} " + " ".join(f"\\[{_md(name)}\\]" for _, name in cites) for text, cites in view["summary"]]
        lines.append("")
    for section, items in (*view.get("sections", []), ("Timeline", view["timeline"]), ("Quotes", view["quotes"])):
        if items:
            lines += [f"### {section}", "", *[f"- {_md(item)}" for item in items], ""]
        if section == _COVERAGE and view.get("coverage"):
            lines += _coverage_markdown(view["coverage"])
    for event in view["events"]:
        lines += [f"### {_md(event['title'])}", ""]
        for article in event["articles"]:
            lines += [f"- **{_md(article['title'])}** ({_md(article['byline'])})", f"  {_md(article['excerpt'])}"]
        lines.append("")
    return "\n".join(lines)


def html_report(views: Sequence[Mapping[str, Any]], run: dict[str, Any]) -> str:
    """The whole report.html: head, one section per view, tail."""
    return html_head(run) + "".join(html_section(view) for view in views) + HTML_TAIL


#: What closes report.html.
HTML_TAIL = "</body></html>\n"


def html_head(run: dict[str, Any]) -> str:
    """report.html up to its first story: the page's head, style, title and run line."""
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>storyline report</title><style>{_CSS}</style></head><body>"
        f"<h1>storyline report</h1><p class=\"run\">{_h(_run_line(run))}</p>"
    )


def html_section(view: Mapping[str, Any]) -> str:
    """One story's ``<section>`` of report.html."""
    parts = [f"<h2>{_h(view['title'])}</h2>"]
    if view.get("summary"):
        parts.append("<h3>Summary</h3><p class=\"summary\">" + " ".join(
            _h(text) + "".join(f' <a href="#a-{_h(article)}">[{_h(name)}]</a>' for article, name in cites)
            for text, cites in view["summary"]) + "</p>")
    for section, items in (*view.get("sections", []), ("Timeline", view["timeline"]), ("Quotes", view["quotes"])):
        if items:
            parts.append(f"<h3>{section}</h3><ul>" + "".join(f"<li>{_h(i)}</li>" for i in items) + "</ul>")
        if section == _COVERAGE and view.get("coverage"):
            parts.append(_coverage_html(view["coverage"]))
    for event in view["events"]:
        parts.append(f"<h3>{_h(event['title'])}</h3>")
        parts += [f'<article id="a-{_h(a["id"])}"><h4>{_h(a["title"])}</h4><p class="by">{_h(a["byline"])}</p>'
                  f"<p>{_h(a['excerpt'])}</p></article>" for a in event["articles"]]
    return f'<section id="s-{_h(view["id"])}">{"".join(parts)}</section>'


def _coverage_markdown(matrix: Mapping[str, Any]) -> list[str]:
    """The coverage matrix as a compact Markdown table, facts numbered F1… with a key below it."""
    heads = [f"F{n}" for n in range(1, len(matrix["facts"]) + 1)]
    lines = ["| Outlet | " + " | ".join(heads) + " |", "|---|" + "---|" * len(heads)]
    lines += ["| " + _md(outlet) + " | " + " | ".join("✓" if has else "–" for has in row) + " |"
              for outlet, row in matrix["rows"]]
    more = [f"- … and {matrix['hidden']} more corroborated facts, not columns here (stories.json has them all)"] \
        if matrix.get("hidden") else []
    return [*lines, "", *[f"- F{n}: {_md(text)}" for n, (_, text) in enumerate(matrix["facts"], start=1)], *more, ""]


def _coverage_html(matrix: Mapping[str, Any]) -> str:
    """Outlets as rows, corroborated facts as columns (F1…, the fact's text in the title), ✓ / –."""
    facts = matrix["facts"]
    head = "".join(f'<th scope="col" title="{_h(text)}">F{n}</th>' for n, (_, text) in enumerate(facts, start=1))
    rows = "".join(
        f'<tr><th scope="row">{_h(outlet)}</th>' + "".join(
            f'<td class="{"yes" if has else "no"}" title="{_h(text)}">{"✓" if has else "–"}</td>'
            for has, (_, text) in zip(row, facts)) + "</tr>"
        for outlet, row in matrix["rows"])
    key = "".join(f"<li>{_h(text)}</li>" for _, text in facts)
    more = (f"<p>… and {matrix['hidden']} more corroborated facts, not columns here (stories.json has them all)</p>"
            if matrix.get("hidden") else "")
    return ('<div class="matrix"><table class="coverage"><caption>Corroborated facts by outlet: ✓ reports it, '
            f'– omits it</caption><thead><tr><th scope="col">Outlet</th>{head}</tr></thead><tbody>{rows}</tbody>'
            f'</table></div><details class="key"><summary>Facts F1–F{len(facts)}</summary><ol>{key}</ol>{more}</details>')


_CSS = ("body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}"
        "h2{border-bottom:1px solid #ccc;margin-top:2.5rem}article{margin:.8rem 0}h4{margin:.2rem 0}"
        ".by,.run{color:#666;font-size:.9rem}.matrix{overflow-x:auto}"
        "table.coverage{border-collapse:collapse;font-size:.9rem}caption{text-align:left;color:#666}"
        ".coverage th,.coverage td{border:1px solid #ddd;padding:.15rem .45rem;text-align:center}"
        ".coverage th[scope=row]{text-align:left;font-weight:normal}.coverage th[title]{cursor:help}"
        ".coverage .yes{color:#176b2c}.coverage .no{color:#aaa}.key{font-size:.9rem;margin:.5rem 0}")


def _run_line(run: dict[str, Any]) -> str:
    line = (f"{run.get('read', 0)} read, {run.get('stored', 0)} stored, "
            f"{run.get('duplicates', 0)} duplicates, {run.get('errors', 0)} errors")
    return line + (f"; {run['stories']} stories in the store" if "stories" in run else "")


def _excerpt(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _md(text: str) -> str:
    """Text for one Markdown line: special characters escaped, and line breaks (a quotation over
    several paragraphs) folded into spaces, which would otherwise end the list item."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))

