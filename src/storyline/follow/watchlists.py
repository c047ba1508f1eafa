"""Watchlists: saved searches matched against each cycle's changes, giving alert rows.

A change (:mod:`storyline.follow.changes`) offers candidates: the new story itself (kind
``story``), each new event of a story seen before (``event``), each new quote (``quote``) and
each new contradiction (``contradiction``). A candidate matches a watchlist when every criterion
the watchlist sets holds (an empty one holds):

- ``entities``: one of the story's entity spellings (names and every alias) is the watched name
  by any spelling: each part of the watched name meets a part of the story's name with
  :func:`~storyline.reconcile.name_keys.part_similarity` >= ``NAME_PART_MATCH`` (accents, case,
  transliteration and small misspellings: "Cavusoglu" meets "Çavuşoğlu" and "Chavushoglu");
- ``words``: a watched word or phrase occurs as whole words in the candidate's text (or the
  story title), folded (accents and case);
- ``outlets``: a watched outlet is part of one of the candidate's outlets (else the story's);
- ``languages``: one of the candidate's languages (else the story's) is watched.

The alert's subject (kind, story, item) makes it unique per watchlist: a story, event, quote or
contradiction raises one alert per watchlist, ever. Cost: per change, candidates × watchlists ×
(names × watched names × parts) similarity calls, each a few microseconds.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from storyline.follow.config import Watchlist
from storyline.follow.feeds import digest
from storyline.reconcile.name_keys import fold, part_similarity

NAME_PART_MATCH = 0.85


def alert_rows(change: Mapping[str, Any], watchlists: Sequence[Watchlist], link_base: str) -> list[dict[str, Any]]:
    """The alert rows a change raises across the watchlists."""
    rows = []
    for kind, item_key, evidence, texts, outlets, languages in _candidates(change):
        for watch in watchlists:
            if kind not in watch.kinds:
                continue
            matched = _match(watch, change, texts, outlets or change.get("outlets", []),
                             languages or change.get("languages", []))
            if matched is None:
                continue
            subject = digest(kind, str(change["story"]), item_key)
            link = f"{link_base.rstrip('/')}/stories/{change['story']}"
            alert = {"id": subject, "watchlist": watch.name, "kind": kind, "at": change.get("at"),
                     "story": {"id": change["story"], "title": change.get("title"), "link": link},
                     "matched": matched, "evidence": evidence}
            rows.append({"watchlist": watch.name, "subject": subject, "story_id": change["story"], "kind": kind,
                         "at": dt.datetime.fromisoformat(str(change["at"])), "attempts": 0,
                         "data": json.dumps(alert, ensure_ascii=False)})
    return rows


def change_matches(watch: Watchlist, change: Mapping[str, Any]) -> bool:
    """Whether a whole change (any of its new reports, facts, quotes, contradictions, and the
    story's title, entities, outlets and languages) meets every criterion of a search."""
    texts = [str(change.get("title") or ""), *(str(r.get("title") or "") for r in change.get("reports", [])),
             *(str(f.get("text") or "") for f in change.get("facts", [])),
             *(f"{q.get('speaker') or ''} {q.get('text') or ''}" for q in change.get("quotes", [])),
             *(str((c.get(side) or {}).get("text", "")) for c in change.get("contradictions", [])
               for side in ("left", "right"))]
    return _match(watch, change, texts, change.get("outlets", []), change.get("languages", [])) is not None


Candidate = tuple[str, str, dict[str, Any], list[str], list[str], list[str]]


def _candidates(change: Mapping[str, Any]) -> Iterable[Candidate]:
    reports = list(change.get("reports", []))
    title = str(change.get("title") or "")
    if change.get("new_story"):
        facts = list(change.get("facts", []))[:5]
        texts = [title, *(r.get("title") or "" for r in reports), *(f.get("text") or "" for f in facts)]
        yield ("story", "", {"reports": reports[:10], "facts": facts}, texts,
               [r["source"] for r in reports if r.get("source")], [r["language"] for r in reports if r.get("language")])
    else:
        for event in change.get("events", []):
            members = [r for r in reports if r.get("event") == event["id"]]
            yield ("event", str(event["id"]), {"event": event, "reports": members[:10]},
                   [title, *(r.get("title") or "" for r in members)],
                   [r["source"] for r in members if r.get("source")], [r["language"] for r in members if r.get("language")])
    for quote in change.get("quotes", []):
        yield ("quote", digest(quote.get("speaker"), quote.get("text")), {"quote": quote},
               [title, str(quote.get("speaker") or ""), str(quote.get("text") or "")], list(quote.get("outlets", [])), [])
    for clash in change.get("contradictions", []):
        sides = [clash.get("left") or {}, clash.get("right") or {}]
        key = digest(str(clash.get("kind")), *sorted(str(s.get("text", "")) for s in sides))
        yield ("contradiction", key, {"contradiction": clash}, [title, *(str(s.get("text", "")) for s in sides)],
               [str(s["outlet"]) for s in sides if s.get("outlet")], [])


def _match(watch: Watchlist, change: Mapping[str, Any], texts: list[str], outlets: Sequence[str],
           languages: Sequence[str]) -> dict[str, list[str]] | None:
    """What of the watchlist matched, or None when a criterion fails."""
    matched: dict[str, list[str]] = {}
    checks = (("entities", watch.entities, lambda: _entities(watch.entities, change.get("entities", []))),
              ("words", watch.words, lambda: _words(watch.words, texts)),
              ("outlets", watch.outlets, lambda: [o for o in watch.outlets if any(fold(o) in fold(x) for x in outlets)]),
              ("languages", watch.languages, lambda: [x for x in watch.languages if x.lower() in {v.lower() for v in languages}]))
    for name, wanted, found in checks:
        if not wanted:
            continue
        hits = found()
        if not hits:
            return None
        matched[name] = hits
    return matched


def _entities(watched: Sequence[str], names: Sequence[str]) -> list[str]:
    """The story's spellings that are one of the watched names."""
    hits = []
    folded = [(name, fold(name).replace("-", " ").split()) for name in names]
    for wanted in watched:
        parts = fold(wanted).replace("-", " ").split()
        hits.extend(name for name, have in folded if parts and all(
            any(part_similarity(p, h) >= NAME_PART_MATCH for h in have) for p in parts))
    return list(dict.fromkeys(hits))


def _words(words: Sequence[str], texts: Sequence[str]) -> list[str]:
    body = " " + " ".join(re.findall(r"\w+", fold(" ".join(texts)))) + " "
    return [w for w in words if (" " + " ".join(re.findall(r"\w+", fold(w))) + " ") in body and w.strip()]
