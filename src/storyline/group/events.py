"""Events inside a story: the same happening is close in date and shares participants and terms.

An article joins the event of its story whose centroid (an event vector, which weighs names and
numbers more than story vectors do) is most similar, if the similarity reaches the threshold,
the event's dates are within ``event_days`` of the article's, and the event already names enough
of the article's most salient names (its participants). Otherwise it opens a new event.

At the end of a batch, :func:`reassign_members` lets the batch's articles move between their
story's events, now that later reports show which happening each belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date

from storyline.analyze.time_patterns import MONTHS, WEEKDAYS
from storyline.analyze.times import find_times
from storyline.group.clusters import Cluster, StoryCluster, covers
from storyline.ingest.dates import DATELINE_RE

#: Weight per feature type in event vectors: participants and numbers tell happenings apart.
EVENT_WEIGHTS: Mapping[str, float] = {"w": 0.6, "n": 1.5, "k": 0.5, "c": 0.5, "#": 1.0, "d": 1.0}


#: How much of a report's opening is read for the day of its happening ("said on Wednesday").
LEAD_CHARS = 400
#: A date named in the opening further than this from the report's date is background, not the
#: happening ("the 2019 deal").
LEAD_DAYS = 14
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Read past LEAD_CHARS so that a date the cut would split ("February 1|4") is read whole.
_OVERLAP = 40
#: Characters read either side of a word that can start a date: its expression and the verb
#: whose tense decides the direction ("said on Friday").
_CONTEXT = 100
_DAY_WORDS = sorted({word for table in (*MONTHS.values(), *WEEKDAYS.values()) for word in table}
                    | {"yesterday", "today", "tonight", "ayer", "hoy", "hier", "aujourd'hui", "ieri", "oggi"},
                    key=len, reverse=True)
#: What every day-precise date has: a month or weekday name, a relative day, an ordinal day or
#: a numeric date. The tagger runs only around these (on a 400-character text it costs ~0.3 ms,
#: dates or not).
_DAY_HINT = re.compile(r"\b(?:" + "|".join(map(re.escape, _DAY_WORDS)) + r")\b"
                       r"|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b", re.IGNORECASE)


def happening_day(text: str, anchor: int | None, *, language: str | None = None) -> int | None:
    """The day a report's opening says its happening took place, as an ordinal.

    The first day-precise date in the first ``LEAD_CHARS`` characters (a dateline's date left
    out), resolved against ``anchor`` (the report's date, or for an undated report its story's
    latest date), and within ``LEAD_DAYS`` of it: "Kirby said on Friday" in a report of
    Thursday 11 February 2021 is 5 February. Tense is read in English only, so in another
    language a day after the anchor is not taken. None when there is no anchor or no such date.
    The tagger reads only a window around each word that can start a date.
    """
    if anchor is None:
        return None
    lead = text[: LEAD_CHARS + _OVERLAP]
    dateline = DATELINE_RE.match(lead)  # its date is the report's, not the happening's
    skip = dateline.end() if dateline is not None else 0
    read_to = 0
    for hint in _DAY_HINT.finditer(lead, skip):
        if hint.start() >= LEAD_CHARS:
            break
        if hint.start() < read_to:
            continue  # read with the window before
        low, read_to = max(skip, hint.start() - _CONTEXT), min(len(lead), hint.end() + _CONTEXT)
        day = _first_close_day(lead[low:read_to], LEAD_CHARS - low, anchor, language or "en")
        if day is not None:
            return day
    return None


def _first_close_day(window: str, limit: int, anchor: int, language: str) -> int | None:
    try:
        mentions = find_times(window, date.fromordinal(anchor), language=language)
    except (ValueError, OverflowError):  # a date the calendar cannot hold ("0000-01-01")
        return None
    for mention in mentions:
        if mention.span.start >= limit:
            break
        if mention.type != "DATE" or not mention.value or not _ISO_DAY.fullmatch(mention.value):
            continue
        try:
            day = date.fromisoformat(mention.value).toordinal()
        except ValueError:
            continue
        if abs(day - anchor) <= LEAD_DAYS and (language[:2] == "en" or day <= anchor):
            return day
    return None


def choose_event(story: StoryCluster, vector: Mapping[str, float], day: int | None, *,
                 threshold: float, event_days: int, salient_names: int, participant_overlap: float,
                 max_checked: int, open_event: Callable[[], Cluster]) -> Cluster:
    """The event of ``story`` that an article joins; a new one (appended) when none fits.

    Args:
        story: The article's story.
        vector: The article's event vector.
        day: The day of its happening (:func:`happening_day`, else its publication day), or
            None (no date constraint).
        threshold: Cosine needed to join an event.
        event_days: Largest gap, in days, between the article and an event's dates.
        salient_names: How many of the article's heaviest names are its participants.
        participant_overlap: Share (by weight) of those an event must already name.
        max_checked: How many of the story's latest events are compared.
        open_event: Makes a new, empty event.

    Returns:
        The chosen event, or the new one.
    """
    salient = salient_of(vector, salient_names)
    best: tuple[float, Cluster] | None = None
    for event in story.events[-max_checked:]:
        if event.gap(day) > event_days or not covers(event, salient, participant_overlap):
            continue
        score = event.cosine(vector)
        if score >= threshold and (best is None or score > best[0]):
            best = (score, event)
    if best is not None:
        return best[1]
    event = open_event()
    story.events.append(event)
    return event


def salient_of(vector: Mapping[str, float], salient_names: int) -> list[tuple[str, float]]:
    """The article's participants: its ``salient_names`` heaviest names, with their weights."""
    names = sorted(((w, k) for k, w in vector.items() if k[0] == "n"), reverse=True)
    return [(key, weight) for weight, key in names[:salient_names]]


def reassign_members(story: StoryCluster, pending: list[tuple[str, Mapping[str, float], int | None]],
                     *, threshold: float, event_days: int, salient_names: int,
                     participant_overlap: float, rounds: int) -> dict[str, str]:
    """Re-place a story's recent articles among its events, now that the story has more reports.

    A single pass decides on each report as it arrives; the first report of a second happening
    can only be compared with the first happening's event, and joins it. Here each of the
    ``pending`` articles (id, event vector as absorbed, day), in the order they were placed, moves
    to the event whose centroid, without the article, is closest, when that beats its own event
    and the event is one it could have joined (:func:`choose_event`'s rules: ``threshold``,
    ``event_days``, participants); ``rounds`` passes at most, fewer once nothing moves. Events
    are never created; an event left empty is dropped from the story.

    Returns:
        Article id → id of the event it moved to (only articles that moved).
    """
    if len(story.events) < 2 or not pending:
        return {}
    event_of = {article: event for event in story.events for article in event.articles}
    moved: dict[str, str] = {}
    for _ in range(rounds):
        changed = False
        for article, vector, day in pending:
            own = event_of.get(article)
            if own is None:
                continue
            best, best_score = own, _score_without(own, vector)
            salient = salient_of(vector, salient_names)
            for event in story.events:
                if event is own or not event.articles or event.gap(day) > event_days \
                        or not covers(event, salient, participant_overlap):
                    continue
                score = event.cosine(vector)
                if score >= threshold and score > best_score:
                    best, best_score = event, score
            if best is not own:
                _move(article, vector, day, own, best)
                event_of[article] = best
                moved[article] = best.id
                changed = True
        if not changed:
            break
    story.events[:] = [event for event in story.events if event.articles]
    return moved


def follow_originals(story: StoryCluster, moved: Mapping[str, str],
                     versions: Mapping[str, str]) -> dict[str, str]:
    """Near-duplicate versions follow their original into the event it ``moved`` to (article
    id → event id); events left empty are dropped. Returns version id → its new event id."""
    followed: dict[str, str] = {}
    for version in [a for event in story.events for a in event.articles if a in versions]:
        target = moved.get(versions[version])
        if target is None:
            continue
        for event in story.events:
            if version in event.articles and event.id != target:
                event.articles.remove(version)
        next(e for e in story.events if e.id == target).articles.append(version)
        followed[version] = target
    story.events[:] = [event for event in story.events if event.articles]
    return followed


def _score_without(event: Cluster, vector: Mapping[str, float]) -> float:
    """Cosine of ``vector`` with the event's centroid minus the vector itself, by algebra on the
    centroid's norm: |c - v|² = |c|² - 2 c·v + |v|², so only the vector's keys are read."""
    shared = sum(w * event.centroid.get(key, 0.0) for key, w in vector.items())
    own = sum(w * w for w in vector.values())
    rest = event.norm * event.norm - 2 * shared + own
    return (shared - own) / rest**0.5 if rest > 1e-12 else 0.0


def _move(article: str, vector: Mapping[str, float], day: int | None, source: Cluster,
          target: Cluster) -> None:
    source.articles.remove(article)
    centroid = source.centroid
    for key, weight in vector.items():
        left = centroid.get(key, 0.0) - weight
        if left > 1e-9:
            centroid[key] = left
        else:
            centroid.pop(key, None)
    source.renorm()
    target.articles.append(article)
    for key, weight in vector.items():
        target.centroid[key] = target.centroid.get(key, 0.0) + weight
    target.renorm()
    target.stretch(day, day)
