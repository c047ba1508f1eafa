"""A generated day of world news with known stories and events: reports of real length and density.

Used by ``bench/bench_end_to_end.py`` (issue 21) and issue 20's "realistic day". Deterministic by
seed; nothing is read from disk. What it models:

* **Shared world.** Forty real countries chosen with Zipf weights (a few countries in many
  stories), each with made-up holders of five offices (president, ministers, opposition leader)
  who appear in every story about their country, and international organisations that appear
  everywhere. Each story has its own made-up city, companies, local people and expert: no two
  stories of a stream share an invented town or company name (they may share a surname, or a
  name's consonants, as real names do).
* **Stories of bounded size.** A story is one subject (one of 14 kinds of happening in one
  country, often with a second country) covered in 1-4 events 0-2 days apart; an event has a
  log-normal number of reports (median ~3, at most ``MAX_EVENT_REPORTS``).
* **Reports of 600-700 words** in wire style: dateline lead, the event's numbers, direct and
  indirect quotes, reactions from abroad, background paragraphs any story of that country may
  share, a sign-off.
* **What real feeds do.** Within an event, after the first report: fresh reports by other
  outlets (40 %), wire copies (the same body under another outlet, with its own sign-off line:
  25 %), rewrites (lead replaced, a third of the paragraphs dropped, the rest partly shuffled, new
  sentences: 20 %), updates of an earlier report the next day (new lead, numbers raised: 10 %)
  and exact repeats (5 %, which the store drops as duplicates).

Each record is an article JSONL line with ``gold_story``, ``gold_event`` and ``variant`` (what it
is) as extra fields; no ``story`` field, so nothing gives the grouping away. Cost: linear in the
number of reports (about 0.2 ms each); memory holds the stream's records (about 4 KB each), or,
through :func:`write_jsonl`, the same, written in publication order.
"""

from __future__ import annotations

import json
import math
import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from storyline.evaluate import realistic_words as W

#: The most reports one event gets (so the largest story has at most 4 x this).
MAX_EVENT_REPORTS = 40
_START = datetime(2026, 3, 2, 0, 0)
_STYLE_RE = re.compile(r"\b(?:" + "|".join(re.escape(g[0]) for g in sorted(W.STYLES, key=lambda g: -len(g[0])))
                       + r")\b")
_VARIANTS = [("fresh", 0.40), ("copy", 0.25), ("rewrite", 0.20), ("update", 0.10), ("exact", 0.05)]


@dataclass
class _Event:
    key: str
    day: float
    numbers: dict[str, int]
    reports: list[dict[str, Any]] = field(default_factory=list)


class _World:
    """Countries with their office holders, shared by every story of one stream."""

    def __init__(self, rng: random.Random) -> None:
        self.weights = [1 / (rank + 1) ** 0.9 for rank in range(len(W.COUNTRIES))]
        used: set[str] = set()
        self.holders: dict[tuple[int, str], str] = {}
        for index in range(len(W.COUNTRIES)):
            for office in W.OFFICES:
                self.holders[(index, office)] = _person(rng, used)
        self.used = used
        self.places: set[str] = set()  # made-up towns and companies, each in one story only

    def country(self, rng: random.Random, avoid: int | None = None) -> int:
        while True:
            index = rng.choices(range(len(W.COUNTRIES)), self.weights)[0]
            if index != avoid:
                return index


def _person(rng: random.Random, used: set[str]) -> str:
    """A new name: a common given name and, one time in ten, a common surname, else a made-up
    one (a day's news names thousands of different people; shared surnames would tie stories)."""
    while True:
        surname = rng.choice(W.SURNAMES) if rng.random() < 0.1 else _made_up(rng, rng.choice((2, 3)))
        name = f"{rng.choice(W.FIRST_NAMES)} {surname}"
        if name not in used:
            used.add(name)
            return name


def _made_up(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(W.SYLLABLES) for _ in range(parts)).capitalize()


def _new_name(rng: random.Random, parts: int, used: set[str]) -> str:
    """A made-up name no other story of the stream has (a day's news names thousands of different
    towns and companies; two stories in one invented town would tie them by the generator's
    doing). After a few tries at ``parts`` syllables, a syllable more, so a long stream never
    runs out of names."""
    tries = 0
    while True:
        name = _made_up(rng, parts + tries // 8)
        tries += 1
        if name not in used:
            used.add(name)
            return name


def _story_slots(rng: random.Random, world: _World) -> dict[str, Any]:
    kind = rng.choice(sorted(W.KINDS))
    one = world.country(rng)
    two = world.country(rng, avoid=one)
    (country, demonym, capital), (country2, _, capital2) = W.COUNTRIES[one], W.COUNTRIES[two]
    office, office2 = rng.choice(W.OFFICES[:2]), rng.choice(W.OFFICES[:3])
    slots: dict[str, Any] = {
        "kind": kind, "country": country, "demonym": demonym, "capital": capital,
        "country2": country2, "capital2": capital2,
        "leader": world.holders[(one, office)], "leader_office": office,
        "leader2": world.holders[(two, office2)], "leader2_office": office2,
        "city": _new_name(rng, 3, world.places),
        "company": f"{_new_name(rng, 2, world.places)} {rng.choice(W.COMPANY_KINDS)}",
        "company2": f"{_new_name(rng, 3, world.places)} {rng.choice(W.COMPANY_KINDS)}",
        "thinktank": rng.choice(W.THINKTANKS), "bank": f"{_new_name(rng, 2, world.places)} Bank",
        "org": rng.choice(W.ORGS), "year": rng.randrange(1990, 2024), "pop": rng.randrange(4, 330),
        "growth": round(rng.uniform(0.5, 9.5), 1), "month": rng.choice(W.MONTHS),
        "noun": rng.choice(W.KINDS[kind]["noun"]), "noun2": f"a {rng.choice(sorted(W.KINDS))}",
        # each story's reporters use their own share of the common phrasing
        "generic": rng.sample(W.GENERIC, int(len(W.GENERIC) * 0.7)),
        "says": rng.sample(W.GENERIC_SAYS, int(len(W.GENERIC_SAYS) * 0.6)),
    }
    slots["style"] = _style(rng)
    slots["style_re"] = _STYLE_RE
    slots["local"] = _person(rng, world.used)
    slots["local_role"] = rng.choice(W.LOCAL_ROLES).format(**slots)
    slots["expert"] = _person(rng, world.used)
    slots["expert_role"] = rng.choice(W.EXPERT_ROLES).format(**slots)
    slots["speakers"] = [(slots["local"], slots["local_role"]), (slots["expert"], slots["expert_role"]),
                         (slots["leader"], f"the {office} of {country}"),
                         (_person(rng, world.used), f"a resident of {slots['city']}")]
    return slots


def _event_numbers(rng: random.Random) -> dict[str, int]:
    return {"n1": rng.randrange(3, 400), "n2": rng.randrange(10, 900), "n3": rng.randrange(3, 80),
            "n4": rng.randrange(1000, 90000), "n5": rng.randrange(2, 60), "mag": rng.randrange(50, 79)}


def _fill(template: str, slots: dict[str, Any]) -> str:
    text = template.format(**slots)
    style = slots.get("style_re")
    if style is not None:
        text = style.sub(lambda m: slots["style"][m.group()], text)
    return text[0].upper() + text[1:]


def _style(rng: random.Random) -> dict[str, str]:
    """The story's wording: one form of each interchangeable group of :data:`W.STYLES`."""
    return {group[0]: rng.choice(group) for group in W.STYLES}


def _sentence_pool(rng: random.Random, slots: dict[str, Any]) -> list[str]:
    """Candidate sentences of one fresh report, in the order a wire story uses them."""
    kind = W.KINDS[slots["kind"]]
    facts = rng.sample(kind["fact"], len(kind["fact"]))
    quotes = []
    for who, role in rng.sample(slots["speakers"], len(slots["speakers"])):
        for said in (rng.choice(kind["say"]), rng.choice(slots["says"]).format(**slots)):
            frame = rng.choice(W.QUOTE_FRAMES)
            quotes.append(frame.format(Q=said[0].upper() + said[1:], q=said, who=who, role=role, **slots))
    generic = rng.sample(slots["generic"], len(slots["generic"]))
    reactions = rng.sample(W.REACTIONS, rng.randrange(2, 5))
    background = rng.sample(W.BACKGROUND, rng.randrange(3, 7))
    ordered = (facts[:3] + quotes[:2] + generic[:6] + facts[3:] + quotes[2:5] + reactions + generic[6:]
               + quotes[5:] + background)
    return [_fill(s, slots) if "{" in s else s for s in ordered]


def _words(text: str) -> int:
    return len(text.split())


def _fresh(rng: random.Random, slots: dict[str, Any], outlet: str) -> list[str]:
    """The paragraphs of a new report: 600-700 words."""
    lead = _fill(rng.choice(W.KINDS[slots["kind"]]["lead"]), slots)
    paragraphs = [f"{slots['city'].upper()}, {slots['country'].removeprefix('the ')} ({outlet}) — {lead}"]
    target, count = rng.randrange(610, 690), _words(paragraphs[0])
    pool = _sentence_pool(rng, slots)
    while count < target:
        if not pool:
            pool = _sentence_pool(random.Random(rng.random()), slots)  # a second pass, new order
        size = rng.choice((1, 2, 2, 3))
        chunk = []
        while pool and len(chunk) < size and count + _words(pool[0]) <= 700:
            chunk.append(pool.pop(0))
            count += _words(chunk[-1])
        if not chunk:
            break
        paragraphs.append(" ".join(chunk))
    return paragraphs


def _sign_off(rng: random.Random, slots: dict[str, Any], used: set[str]) -> str:
    names = {"a": _person(rng, used), "b": _person(rng, used)}
    return rng.choice(W.SIGN_OFFS).format(**names, **slots)


def _rewrite(rng: random.Random, paragraphs: list[str], slots: dict[str, Any], outlet: str) -> list[str]:
    lead = _fill(rng.choice(W.KINDS[slots["kind"]]["lead"]), slots)
    body = [p for p in paragraphs[1:-1] if rng.random() > 0.33]
    middle = body[1:-1]
    rng.shuffle(middle)
    body = body[:1] + middle + body[-1:]
    extra = [_fill(s, slots) for s in rng.sample(slots["generic"], 2)]
    body.insert(rng.randrange(len(body) + 1), " ".join(extra))
    paragraphs = [f"{slots['city'].upper()} ({outlet}) — {lead}", *body]
    return _topped_up(rng, paragraphs, slots)


def _topped_up(rng: random.Random, paragraphs: list[str], slots: dict[str, Any]) -> list[str]:
    """Add the rewriter's own sentences (not already there) until the report has 600 words."""
    count, text = sum(_words(p) for p in paragraphs), " ".join(paragraphs)
    own = [s for s in _sentence_pool(rng, slots) if s not in text]
    while count < 600 and own:
        chunk = [own.pop(0) for _ in range(min(len(own), rng.choice((1, 2, 3))))]
        count += sum(_words(s) for s in chunk)
        paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), " ".join(chunk))
    return paragraphs


def _update(rng: random.Random, paragraphs: list[str], slots: dict[str, Any]) -> list[str]:
    old = dict(slots)
    slots["n1"] = old["n1"] + rng.randrange(1, 60)
    slots["n2"] = old["n2"] + rng.randrange(5, 200)
    body = [p.replace(f" {old['n1']} ", f" {slots['n1']} ").replace(f" {old['n2']} ", f" {slots['n2']} ")
            for p in paragraphs[:-1]]
    return [_fill(rng.choice(W.UPDATE_LEADS), slots), *body]


def _when(event: _Event, rng: random.Random, later: float = 0.0) -> datetime:
    return _START + timedelta(days=event.day + later + rng.random() * 0.9)


def _record(paragraphs: list[str], title: str, outlet: str, when: datetime, story: str,
            event: _Event, variant: str) -> dict[str, Any]:
    slug = outlet.lower().replace(" ", "")
    return {"title": title, "text": "\n\n".join(paragraphs), "source": outlet,
            "url": f"https://{slug}.example/{event.key}/{len(event.reports)}-{variant}",
            "published": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "language": "en",
            "gold_story": story, "gold_event": event.key, "variant": variant}


def _event_reports(rng: random.Random, world: _World, slots: dict[str, Any], story: str,
                   event: _Event, count: int) -> None:
    kinds, weights = zip(*_VARIANTS)
    for number in range(count):
        variant = "fresh" if number == 0 else rng.choices(kinds, weights)[0]
        slots_now = {**slots, **event.numbers, "weekday": W.WEEKDAYS[int(event.day) % 7]}
        source = rng.choice(event.reports) if event.reports else None
        outlet = rng.choice(W.WIRES if number == 0 else W.OUTLETS)
        title = f"{slots['noun'].capitalize()} in {slots['country'].removeprefix('the ')}: {slots['city']}"
        if variant == "fresh" or source is None:
            paragraphs = [*_fresh(rng, slots_now, outlet), _sign_off(rng, slots_now, world.used)]
            record = _record(paragraphs, title, outlet, _when(event, rng), story, event, "fresh")
        elif variant == "exact":
            record = {**source, "variant": "exact"}
        elif variant == "copy":
            body = source["text"].split("\n\n")[:-1]
            paragraphs = [*body, f"Distributed by {outlet}. " + _sign_off(rng, slots_now, world.used)]
            record = _record(paragraphs, source["title"], outlet, _when(event, rng), story, event, "copy")
        elif variant == "rewrite":
            paragraphs = _rewrite(rng, source["text"].split("\n\n"), slots_now, outlet)
            record = _record(paragraphs, title + " (rewrite)", outlet, _when(event, rng), story, event, "rewrite")
        else:
            paragraphs = _update(rng, source["text"].split("\n\n"), slots_now)
            record = _record([*paragraphs, _sign_off(rng, slots_now, world.used)], source["title"],
                             source["source"], _when(event, rng, later=1.0), story, event, "update")
        event.reports.append(record)


def generate(n_articles: int, *, seed: int = 0, days: float = 3.0) -> list[dict[str, Any]]:
    """``n_articles`` report records in publication order, over ``days`` days of first events
    (a story's later events follow up to 6 days after)."""
    rng = random.Random(seed)
    world = _World(rng)
    records: list[dict[str, Any]] = []
    number = 0
    while len(records) < n_articles:
        story = f"s{seed}-{number}"
        slots = _story_slots(rng, world)
        day = rng.random() * days
        for index in range(rng.choices((1, 2, 3, 4), (0.45, 0.30, 0.15, 0.10))[0]):
            event = _Event(f"{story}/e{index}", day, _event_numbers(rng))
            count = min(MAX_EVENT_REPORTS, max(1, int(math.exp(rng.gauss(1.1, 0.8)))))
            _event_reports(rng, world, slots, story, event, count)
            records.extend(event.reports)
            day += rng.uniform(0.3, 2.0)
        number += 1
    records = records[:n_articles]
    records.sort(key=lambda r: (r["published"], r["url"]))
    for seq, record in enumerate(records):
        record["id"] = f"rd{seed}-{seq:07d}"
    return records


def write_jsonl(path: Path, n_articles: int, *, seed: int = 0, days: float = 3.0) -> dict[str, Any]:
    """Write the stream to ``path``; returns counts by variant, stories, events and words."""
    records = generate(n_articles, seed=seed, days=days)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return describe(records)


def describe(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts of a generated stream (for the benchmark's JSON)."""
    variants: dict[str, int] = {}
    for record in records:
        variants[record["variant"]] = variants.get(record["variant"], 0) + 1
    words = sorted(_words(r["text"]) for r in records)
    sizes: dict[str, int] = {}
    for record in records:
        sizes[record["gold_story"]] = sizes.get(record["gold_story"], 0) + 1
    return {"articles": len(records), "stories": len(sizes), "largest_story": max(sizes.values(), default=0),
            "events": len({r["gold_event"] for r in records}), "variants": variants,
            "words_median": words[len(words) // 2] if words else 0,
            "words_min": words[0] if words else 0, "words_max": words[-1] if words else 0}
