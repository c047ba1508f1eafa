"""A generated news stream with known stories: for engine equality tests and scale benchmarks.

Nothing here reads shared data, so tests can make their own corpus anywhere. Each story is one
subject (a kind of happening in one place, with its own people and organisation) covered in 1-3
events some days apart; each event gets a few reports from different outlets, written from
sentence templates with the event's own numbers, a quote and a weekday. The stream also has what
real feeds have: undated reports, exact copies (the same text again), light rewrites of an
earlier report, and one outlet whose every report ends with the same sign-up line (a template
line the ingest stage learns and removes).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

_KINDS = ["earthquake", "flood", "strike", "election", "trial", "merger", "wildfire", "protest",
          "summit", "outbreak", "drought", "cyberattack"]
_SYLLABLES = ["ka", "ro", "mi", "ten", "vas", "lo", "dri", "an", "sel", "tor", "quin", "bel", "zar",
              "ne", "vo", "lis", "gar", "ith", "mun", "pe", "sha", "dor", "el", "fin"]
_OUTLETS = ["Daily Ledger", "Morning Post", "Wire Service", "Evening Standard", "Global Times",
            "City Herald", "Northern Echo", "Coastal News", "Capital Review", "Metro Journal"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_SENTENCES = [
    "The {kind} in {place} left {n1} people affected, officials said on {weekday}.",
    "{person}, the {role} of {org}, said the response had begun within hours.",
    "\"We will not stop until every family in {place} is safe,\" {person} told reporters.",
    "According to {org}, damage to roads and bridges was estimated at {n2} million dollars.",
    "{other} warned that the situation in {place} could worsen over the coming days.",
    "Residents of {place} described long queues and shortages after the {kind}.",
    "{org} said it had sent {n3} staff to the region and asked for patience.",
    "The {kind} is the largest to hit {place} since {year}, according to local records.",
    "{other} criticised {org} for what {pronoun} called a slow and confused response.",
    "Talks between {person} and {other} were expected to continue on {weekday}.",
]
_SIGNUP = "Sign up for the Coastal News morning briefing."
_BASE_DAY = date(2024, 1, 1)


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts + rng.randrange(2))).capitalize()


def _story(rng: random.Random) -> dict[str, Any]:
    return {"kind": rng.choice(_KINDS), "place": _name(rng, 3),
            "person": f"{_name(rng)} {_name(rng, 3)}", "other": f"{_name(rng)} {_name(rng, 3)}",
            "org": f"{_name(rng, 3)} Agency", "role": rng.choice(["director", "head", "spokesman"]),
            "pronoun": rng.choice(["he", "she"]), "year": rng.randrange(1950, 2015)}


def _report(rng: random.Random, story: dict[str, Any], event: dict[str, Any], day: date) -> str:
    values = {**story, **event, "weekday": _WEEKDAYS[day.weekday()]}
    chosen = rng.sample(_SENTENCES, rng.randrange(4, 7))
    return "\n\n".join(sentence.format(**values) for sentence in chosen)


def generate(n_articles: int, *, seed: int = 0) -> Iterator[dict[str, Any]]:
    """Article JSONL records in arrival order, each with its gold ``story`` and ``event``."""
    rng = random.Random(seed)
    made: list[dict[str, Any]] = []
    span_days = max(30, n_articles // 10)
    story_number = 0
    while len(made) < n_articles:
        story, start = _story(rng), rng.randrange(span_days)
        day = start
        for event_number in range(rng.randrange(1, 4)):
            event = {"n1": rng.randrange(10, 5000), "n2": rng.randrange(2, 900), "n3": rng.randrange(5, 400)}
            for _ in range(rng.randrange(3, 11)):
                when = _BASE_DAY + timedelta(days=day + rng.randrange(3))
                outlet = rng.choice(_OUTLETS)
                text = _report(rng, story, event, when)
                if outlet == "Coastal News":
                    text += "\n\n" + _SIGNUP
                made.append({"title": f"{story['kind'].capitalize()} in {story['place']}", "text": text,
                             "source": outlet, "published": when.isoformat(),
                             "url": f"https://{outlet.lower().replace(' ', '')}.example/{len(made)}",
                             "story": f"story-{story_number}", "event": f"story-{story_number}/{event_number}"})
            day += rng.randrange(3, 21)
        story_number += 1
    made = made[:n_articles]
    made.sort(key=lambda record: record["published"])
    return _with_feed_noise(rng, made)


def _with_feed_noise(rng: random.Random, records: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for number, record in enumerate(records):
        roll = rng.random()
        if roll < 0.04:
            record = {**record, "published": None}
        elif roll < 0.07 and number:
            record = dict(records[rng.randrange(max(0, number - 30), number)])  # the same text again
        elif roll < 0.15 and number:
            earlier = records[rng.randrange(max(0, number - 30), number)]
            paragraphs = earlier["text"].split("\n\n")
            paragraphs[-1] = paragraphs[-1].replace(".", ", a statement added.", 1)
            record = {**earlier, "text": "\n\n".join(paragraphs), "source": rng.choice(_OUTLETS)}
        yield record


def write_corpus(folder: Path, n_articles: int, *, seed: int = 0, files: int = 4,
                 bad_lines: int = 2) -> list[Path]:
    """Write the stream as ``files`` JSONL files (in arrival order), with ``bad_lines`` lines of
    malformed JSON among them; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    records = list(generate(n_articles, seed=seed))
    per_file = -(-len(records) // files)
    paths = []
    for number in range(files):
        lines = [json.dumps(r, ensure_ascii=False) for r in records[number * per_file : (number + 1) * per_file]]
        if number < bad_lines and lines:
            lines.insert(len(lines) // 2, '{"text": "cut short')
        path = folder / f"part-{number:03d}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
