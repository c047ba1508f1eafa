"""Exports: one story as Markdown, JSON or CSV, and the store's articles with their stories.

* Markdown: the story whole (nothing cut), each line citing its outlets by name and language.
* JSON: the story as ``stories.json`` holds it (``id``, ``title``, ``articles``, ``events`` and
  its record), plus ``reports``: each report's metadata and readable label.
* CSV: one table of facts, claims, quotes and timeline entries, a ``section`` column telling
  them apart (``section, status, date, background, speaker, kind, text, outlets, reports``).
* Article JSONL plus assignments (:func:`store_jsonl`): every stored article as the Article JSONL
  contract writes it, with ``story`` (the story it was grouped into, so that feeding the file
  back keeps the grouping), ``event`` and ``story_title``; a ``story`` the input itself gave is
  kept as ``given_story`` when it differs.

Cost: linear in the story's record (or, for the JSONL, the store, streamed).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import func, select

from storyline.present import corrections
from storyline.present.labels import citation_label, outlet_label, report_label, report_title
from storyline.store import Store, queries, schema

__all__ = ["FORMATS", "CSV_COLUMNS", "file_name", "label_reports", "load_story", "story_csv", "story_export",
           "story_json", "story_markdown", "store_jsonl"]

FORMATS = ("md", "json", "csv")
CSV_COLUMNS = ("section", "status", "date", "background", "speaker", "kind", "text", "outlets", "reports")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def label_reports(store: Store, articles: list[dict[str, Any]]) -> None:
    """Give each report's metadata its readable ``label`` (its title, else outlet, date and first
    words, read from the first 160 characters of the untitled reports' texts)."""
    untitled = [a["id"] for a in articles if not (a.get("title") or "").strip()]
    table = schema.articles
    opening: dict[str, str] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(untitled), 500):
            query = select(table.c.id, func.substr(table.c.text, 1, 160)).where(table.c.id.in_(untitled[start:start + 500]))
            opening.update({row[0]: row[1] for row in conn.execute(query)})
    for article in articles:
        article["label"] = report_title(article.get("title"), article.get("source"), article.get("published"),
                                        opening.get(article["id"]))
        article["which"] = (report_label(article) if (article.get("title") or "").strip() else report_title(
            None, None, article.get("published"), opening.get(article["id"]), with_outlet=False))


def load_story(store: Store, story_id: str) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]] | None:
    """(story row with ``event_list``, record, labelled reports) of a stored story, with the
    analysts' corrections applied, or None."""
    row = queries.story_row(store, story_id)
    if row is None:
        return None
    articles = queries.story_articles(store, story_id)
    label_reports(store, articles)
    row["title"], record = corrections.apply(row["title"], queries.story_record(store, story_id),
                                             corrections.for_story(store, story_id))
    return row, record, articles


def file_name(story_id: str, fmt: str) -> str:
    """A safe file name for a story's export (``story-s7575352ac8fd.md``)."""
    return "story-" + re.sub(r"[^A-Za-z0-9_-]", "_", story_id)[:64] + "." + fmt


def story_export(row: Mapping[str, Any], record: Mapping[str, Any], articles: Sequence[Mapping[str, Any]],
                 fmt: str) -> str:
    """The story in ``fmt`` (``md``, ``json`` or ``csv``).

    Raises:
        ValueError: an unknown format.
    """
    if fmt == "md":
        return story_markdown(row, record, articles)
    if fmt == "json":
        return json.dumps(story_json(row, record, articles), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return story_csv(record, articles)
    raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")


def story_json(row: Mapping[str, Any], record: Mapping[str, Any],
               articles: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The story as stories.json holds it, plus its reports' metadata."""
    events = row.get("event_list", [])
    members: dict[str, list[str]] = {}
    for article in articles:
        members.setdefault(article.get("event_id", ""), []).append(article["id"])
    return {"id": row["id"], "title": row["title"], "first_date": row.get("first_date"),
            "last_date": row.get("last_date"), "articles": [a["id"] for a in articles],
            "events": [{"id": e["id"], "date": e["date"], "articles": members.get(e["id"], [])} for e in events],
            **record,
            "reports": [{key: a.get(key) for key in ("id", "title", "source", "url", "published", "language",
                                                     "event_id")} | {"label": _label(a)} for a in articles]}


def _label(article: Mapping[str, Any]) -> str:
    return str(article.get("label") or report_title(article.get("title"), article.get("source"),
                                                    article.get("published")))


def _outlets(values: Sequence[str | None], by_id: Mapping[str, Any]) -> list[str]:
    return [outlet_label(v, by_id) for v in values if v]


def _cites(ids: Sequence[str], by_id: Mapping[str, Mapping[str, Any]]) -> list[str]:
    return [citation_label((by_id.get(i) or {}).get("source"), (by_id.get(i) or {}).get("language"),
                           (by_id.get(i) or {}).get("which")) for i in dict.fromkeys(ids)]


def _rows(record: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """The CSV's rows: facts and claims, single-source claims, quotes, timeline entries."""
    for section in ("facts", "single_source"):
        for fact in record.get(section, []):
            status = fact.get("status") or ("established" if fact.get("voices", 1) >= 2 else "reported")
            yield {"section": "fact" if section == "facts" else "single_source", "status": status,
                   "speaker": "; ".join(p["party"] for p in fact.get("claimed_by", [])), "text": fact["text"],
                   "outlets": "; ".join(_outlets(fact.get("outlets", []), by_id)),
                   "reports": "; ".join(fact.get("articles", []) or [s["article"] for s in fact.get("support", [])])}
    for quote in record.get("quotes", []):
        yield {"section": "quote", "speaker": quote.get("speaker_name") or quote.get("speaker_entity") or quote.get("speaker") or "",
               "kind": quote.get("kind", ""), "text": quote["text"],
               "outlets": "; ".join(_outlets(quote.get("outlets", []), by_id)),
               "reports": "; ".join(quote.get("sources", []))}
    for entry in record.get("timeline", []):
        yield {"section": "timeline", "date": entry.get("date", ""),
               "background": "yes" if entry.get("background") else "no",
               "text": (entry.get("sentences") or [""])[0], "outlets": "; ".join(_outlets(entry.get("outlets", []), by_id)),
               "reports": "; ".join(entry.get("articles", []))}


def story_csv(record: Mapping[str, Any], articles: Sequence[Mapping[str, Any]]) -> str:
    """Facts, quotes and timeline as one CSV table (:data:`CSV_COLUMNS`). A cell that a
    spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) is prefixed with ``'``."""
    by_id = {a["id"]: a for a in articles}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in _rows(record, by_id):
        writer.writerow({key: _cell(row.get(key, "")) for key in CSV_COLUMNS})
    return buffer.getvalue()


def _cell(value: Any) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _md(text: Any) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def story_markdown(row: Mapping[str, Any], record: Mapping[str, Any], articles: Sequence[Mapping[str, Any]]) -> str:
    """The whole story as Markdown: every list in full, every line with its sources."""
    by_id = {a["id"]: a for a in articles}
    languages = sorted({a["language"] for a in articles if a.get("language")})
    outlets = sorted({a["source"] for a in articles if a.get("source")})
    period = row.get("first_date") or "undated"
    if row.get("last_date") and row.get("last_date") != row.get("first_date"):
        period += f" – {row['last_date']}"
    lines = [f"# {_md(row['title'])}", "",
             _md(f"{period} · {len(articles)} reports · {len(row.get('event_list', []))} events · "
                 f"languages: {', '.join(languages) or 'not known'} · outlets: {', '.join(outlets) or 'not known'}"), ""]
    summary = record.get("summary", {}).get("sentences", [])
    if summary:
        lines += ["## Summary", ""]
        for sentence in summary:
            cites = " ".join(f"\\[{_md(c)}\\]" for c in _cites(sentence.get("sources", []), by_id))
            lines += [f"{_md(sentence['text'])} {cites}", ""]

    def listed(title: str, items: list[str]) -> None:
        if items:
            lines.extend([f"## {title} ({len(items)})", "", *[f"- {item}" for item in items], ""])

    facts = record.get("facts", [])
    status = [(f, f.get("status") or ("established" if f.get("voices", 1) >= 2 else "reported")) for f in facts]
    listed("Established by several independent outlets",
           [f"{_md(f['text'])} ({_md(', '.join(_outlets(f.get('outlets', []), by_id)))})" for f, s in status
            if s == "established"])
    listed("Claims reported by several outlets",
           [f"{_md(f['text'])} (" + (f"claimed by {_md(', '.join(p['party'] for p in f['claimed_by']))}; "
                                     if f.get("claimed_by") else "")
            + f"{_md(', '.join(_outlets(f.get('outlets', []), by_id)))})" for f, s in status if s != "established"])
    listed("Single-source claims", [f"{_md(f['text'])} (only {_md(', '.join(_outlets(f.get('outlets', []), by_id)))})"
                                    for f in record.get("single_source", [])])
    listed("Contradictions", [f"{_md(c['kind'])}: “{_md(c['left']['text'])}” ({_md(outlet_label(c['left']['outlet'], by_id))}) "
                              f"vs “{_md(c['right']['text'])}” ({_md(outlet_label(c['right']['outlet'], by_id))})"
                              for c in record.get("contradictions", [])])
    listed("Quotes", [f"{_md(q.get('speaker_name') or q.get('speaker_entity') or q.get('speaker') or 'unattributed')}"
                      f"{' (reported speech)' if q.get('kind') != 'direct' else ''}: “{_md(q['text'])}” "
                      f"({_md(', '.join(_cites(q.get('sources', []), by_id)))})" for q in record.get("quotes", [])])
    timeline = sorted(record.get("timeline", []), key=lambda e: (bool(e.get("background")), str(e.get("date"))))
    listed("Timeline", [f"{_md(e['date'])}{' (background)' if e.get('background') else ''}: "
                        f"{_md((e.get('sentences') or [''])[0])} ({_md(', '.join(_cites(e.get('articles', []), by_id)))})"
                        for e in timeline])
    listed("Reports", [f"{_md(_label(a))} ({_md(citation_label(a.get('source'), a.get('language')))}, "
                       f"{_md(a.get('published') or 'undated')})" for a in articles])
    return "\n".join(lines)


def store_jsonl(store: Store) -> Iterator[str]:
    """Every stored article as one Article JSONL line plus its assignment (``story``, ``event``,
    ``story_title``), in order of arrival."""
    placed, stories = schema.assignments, schema.stories
    query = (select(placed.c.article_id, placed.c.story_id, placed.c.event_id, stories.c.title)
             .select_from(placed.outerjoin(stories, stories.c.id == placed.c.story_id)))
    renamed = {story: [c.value for c in found if c.is_active and c.kind == "rename"]
               for story, found in corrections.for_stories(store).items()}
    with store.engine.connect() as conn:
        where = {row[0]: (row[1], row[2], (renamed.get(row[1]) or [row[3]])[-1]) for row in conn.execute(query)}
    for article in store.articles():
        data = article.to_json()
        story_id, event_id, title = where.get(article.id, (None, None, None))
        given = data.get("story")
        if given is not None and given != story_id:
            data["given_story"] = given
        data.update({"story": story_id, "event": event_id, "story_title": title})
        yield json.dumps(data, ensure_ascii=False)
