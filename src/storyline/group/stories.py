"""Incremental grouping of articles into stories and events, in publication order.

Each article, as it arrives:

1. is checked for near-duplicates (:mod:`storyline.group.duplicates`); a version of an earlier
   article joins that article's story and event directly;
2. becomes a unit TF-IDF vector over its features (:mod:`storyline.group.features`), with online
   document frequencies;
3. finds candidate stories through an inverted index (feature key → stories), reading only its
   ``query_terms`` heaviest keys and posting lists of at most ``max_posting`` stories, so the cost
   per article is bounded whatever the corpus size; candidates are scored by cosine with the
   story centroid (sum of member vectors);
4. joins the best story if the score reaches ``story_threshold`` and the story was active within
   ``window_days`` of the article's date; an older story needs ``strong_threshold``. Stories idle
   for more than ``retain_days`` leave the index (their centroid is freed), so a report years later
   starts a new story. Other candidates scoring ``merge_threshold`` or more are merged into the
   oldest of them: the older id survives and the merge is recorded;
5. inside its story, joins the event whose centroid (a vector that weighs names and numbers more)
   is most similar, if that reaches ``event_threshold`` and the event's dates are within
   ``event_days``; otherwise it opens a new event.

**Missing dates.** An article without a date is compared with every candidate as if it were
contemporary (no decay, no event-date constraint) and does not move the stream clock or any
story's dates. **Ids** derive from the id of the article that opened the story or event, so they
are stable and the same for the same input order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from storyline.group.duplicates import DuplicateIndex
from storyline.group.features import (
    DocumentFrequencies, day_to_iso, dot, extract_features, weigh,
)
from storyline.model import Article, Event, Story

STORY_WEIGHTS: Mapping[str, float] = {"w": 1.0, "n": 1.0, "k": 0.5, "#": 0.5}
EVENT_WEIGHTS: Mapping[str, float] = {"w": 0.6, "n": 1.5, "k": 0.5, "#": 1.0}
_NAME_TYPES = frozenset("nk#")
_PARAMS = ("story_threshold", "event_threshold", "strong_threshold", "merge_threshold",
           "window_days", "event_days", "retain_days", "query_terms", "max_candidates",
           "max_posting", "max_centroid_terms", "max_events_checked", "title_weight",
           "duplicate_threshold", "story_weights", "event_weights", "salient_names",
           "participant_overlap")


@dataclass(slots=True)
class _Cluster:
    """A story or an event under construction: members, centroid, dates."""

    id: str
    seq: int
    articles: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    first_day: int | None = None
    last_day: int | None = None

    def absorb(self, article_id: str, vector: Mapping[str, float], day: int | None,
               max_terms: int) -> None:
        self.articles.append(article_id)
        for key, weight in vector.items():
            self.centroid[key] = self.centroid.get(key, 0.0) + weight
        if len(self.centroid) > 2 * max_terms:
            top = sorted(self.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:max_terms]
            self.centroid = dict(top)
        self.norm = sum(w * w for w in self.centroid.values()) ** 0.5
        self.stretch(day, day)

    def stretch(self, first: int | None, last: int | None) -> None:
        if first is not None and (self.first_day is None or first < self.first_day):
            self.first_day = first
        if last is not None and (self.last_day is None or last > self.last_day):
            self.last_day = last

    def cosine(self, vector: Mapping[str, float]) -> float:
        return dot(vector, self.centroid) / self.norm if self.norm else 0.0

    def gap(self, day: int | None) -> int:
        """Days between ``day`` and this cluster's date range (0 inside it or when unknown)."""
        if day is None or self.first_day is None or self.last_day is None:
            return 0
        return max(self.first_day - day, day - self.last_day, 0)

    def to_state(self) -> list[Any]:
        return [self.id, self.seq, self.articles, self.centroid, self.first_day, self.last_day]

    @classmethod
    def from_state(cls, row: list[Any]) -> _Cluster:
        cluster = cls(row[0], row[1], list(row[2]), dict(row[3]), 0.0, row[4], row[5])
        cluster.norm = sum(w * w for w in cluster.centroid.values()) ** 0.5
        return cluster


@dataclass(slots=True)
class _Story(_Cluster):
    title: str = ""
    events: list[_Cluster] = field(default_factory=list)
    posted: set[str] = field(default_factory=set)
    is_active: bool = True


class StoryGrouper:
    """Groups a stream of articles into stories and events, incrementally and deterministically.

    Args:
        story_threshold: Cosine (article vs story centroid) needed to join a recent story.
        event_threshold: Cosine (article vs event centroid, event weights) needed to join an event.
        strong_threshold: Cosine needed to join a story idle for more than ``window_days``.
        merge_threshold: A second candidate story this similar is merged into the older one.
        window_days: How long after its last article a story is joined at ``story_threshold``.
        event_days: Largest gap, in days, between an article and an event's dates.
        retain_days: A story idle this long leaves the candidate index for good.
        query_terms: How many of an article's heaviest keys are looked up in the index.
        max_candidates: How many candidate stories are scored in full.
        max_posting: Stories kept per key in the index (the most recent ones).
        max_centroid_terms: Keys kept per centroid (the heaviest ones).
        max_events_checked: How many of a story's latest events are compared with an article.
        title_weight: How much a title token counts relative to a body token.
        duplicate_threshold: Jaccard at which an article is a version of an earlier one;
            None turns near-duplicate detection off.
        story_weights: Weight per feature type in story vectors (default :data:`STORY_WEIGHTS`).
        event_weights: Weight per feature type in event vectors (default :data:`EVENT_WEIGHTS`).
        salient_names: How many of an article's heaviest names are its participants.
        participant_overlap: Share (by weight) of those participants an event must already name
            for the article to join it.
    """

    def __init__(self, *, story_threshold: float = 0.2, event_threshold: float = 0.3,
                 strong_threshold: float = 0.5, merge_threshold: float = 0.5,
                 window_days: int = 30, event_days: int = 3, retain_days: int = 365,
                 query_terms: int = 40, max_candidates: int = 5, max_posting: int = 64,
                 max_centroid_terms: int = 300, max_events_checked: int = 50,
                 title_weight: float = 2.0, duplicate_threshold: float | None = 0.7,
                 story_weights: Mapping[str, float] | None = None,
                 event_weights: Mapping[str, float] | None = None, salient_names: int = 2,
                 participant_overlap: float = 0.4) -> None:
        self.story_threshold = story_threshold
        self.event_threshold = event_threshold
        self.strong_threshold = strong_threshold
        self.merge_threshold = merge_threshold
        self.window_days = window_days
        self.event_days = event_days
        self.retain_days = retain_days
        self.query_terms = query_terms
        self.max_candidates = max_candidates
        self.max_posting = max_posting
        self.max_centroid_terms = max_centroid_terms
        self.max_events_checked = max_events_checked
        self.title_weight = title_weight
        self.duplicate_threshold = duplicate_threshold
        self.story_weights = story_weights
        self.event_weights = event_weights
        self.salient_names = salient_names
        self.participant_overlap = participant_overlap
        self._reset()

    def _reset(self) -> None:
        self.merges: list[dict[str, Any]] = []
        self._df = DocumentFrequencies()
        self._duplicates = (None if self.duplicate_threshold is None
                            else DuplicateIndex(threshold=self.duplicate_threshold))
        self._stories: dict[str, _Story] = {}
        self._alias: dict[str, str] = {}
        self._where: dict[str, tuple[str, str]] = {}
        self._postings: dict[str, list[str]] = {}
        self._seq = 0
        self._clock: int | None = None
        self._swept: int | None = None
        self._ids: set[str] = set()

    def get_params(self) -> dict[str, Any]:
        """The constructor arguments, JSON-able."""
        params = {name: getattr(self, name) for name in _PARAMS}
        for name in ("story_weights", "event_weights"):
            params[name] = None if params[name] is None else dict(params[name])
        return params

    # -- public API -------------------------------------------------------------------------

    def add(self, article: Article) -> tuple[str, str]:
        """Place one article; returns its (story id, event id). Adding an id again is a no-op."""
        if article.id in self._where:
            return self.assignment(article.id)
        features = extract_features(article, title_weight=self.title_weight)
        self._df.add(features.counts)
        day = features.day
        self._advance(day)
        placed = self._place_version(article, day)
        if placed is not None:
            return placed
        story_vec = weigh(features.counts, self._df, self.story_weights or STORY_WEIGHTS)
        event_vec = weigh(features.counts, self._df, self.event_weights or EVENT_WEIGHTS)
        story = self._choose_story(article, story_vec, day)
        story.absorb(article.id, story_vec, day, self.max_centroid_terms)
        self._post(story, story_vec)
        event = self._choose_event(story, article.id, event_vec, day)
        event.absorb(article.id, event_vec, day, self.max_centroid_terms)
        self._where[article.id] = (story.id, event.id)
        return story.id, event.id

    def add_many(self, articles: Iterable[Article]) -> list[tuple[str, str]]:
        """:meth:`add` each article in order; returns the (story id, event id) of each."""
        return [self.add(article) for article in articles]

    def assignment(self, article_id: str) -> tuple[str, str]:
        """The current (story id, event id) of an added article, following merges.

        Raises:
            KeyError: The article was never added.
        """
        story_id, event_id = self._where[article_id]
        return self._resolve(story_id), event_id

    @property
    def versions(self) -> dict[str, str]:
        """Article id → id of the earlier article it is a near-duplicate version of."""
        return {} if self._duplicates is None else dict(self._duplicates.versions_)

    def stories(self) -> list[Story]:
        """Every story, in the order they were opened, each with its events in order."""
        return [
            Story(id=story.id, title=story.title, articles=tuple(story.articles),
                  events=tuple(Event(id=event.id, articles=tuple(event.articles),
                                     date=day_to_iso(event.first_day))
                               for event in story.events))
            for story in self._stories.values()
        ]

    # -- placing one article ----------------------------------------------------------------

    def _place_version(self, article: Article, day: int | None) -> tuple[str, str] | None:
        if self._duplicates is None:
            return None
        original = self._duplicates.add(article.id, article.text, day)
        if original is None or original not in self._where:
            return None
        story_id, event_id = self.assignment(original)
        story = self._stories[story_id]
        event = next(e for e in story.events if e.id == event_id)
        story.articles.append(article.id)
        story.stretch(day, day)
        event.articles.append(article.id)
        event.stretch(day, day)
        self._where[article.id] = (story_id, event_id)
        return story_id, event_id

    def _choose_story(self, article: Article, vector: Mapping[str, float],
                      day: int | None) -> _Story:
        scored = []
        names = {key: w for key, w in vector.items() if key[0] in _NAME_TYPES}
        for story in self._candidates(vector):
            score = max(story.cosine(vector), _name_cosine(story, names))
            needed = (self.story_threshold if story.gap(day) <= self.window_days
                      else self.strong_threshold)
            if score >= needed:
                scored.append((score, story))
        if not scored:
            return self._open_story(article)
        scored.sort(key=lambda pair: (-pair[0], pair[1].seq))
        best = scored[0][1]
        merging = [story for score, story in scored[1:] if score >= self.merge_threshold]
        if not merging:
            return best
        return self._merge([best, *merging], article.id, scored[0][0])

    def _candidates(self, vector: Mapping[str, float]) -> list[_Story]:
        top = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[: self.query_terms]
        partial: dict[str, float] = {}
        for key, weight in top:
            seen: set[str] = set()
            for story_id in self._postings.get(key, ()):
                story = self._stories[self._resolve(story_id)]
                if story.is_active and story.id not in seen:
                    seen.add(story.id)
                    partial[story.id] = partial.get(story.id, 0.0) + weight * story.centroid.get(
                        key, 0.0) / (story.norm or 1.0)
        ranked = sorted(partial.items(), key=lambda kv: (-kv[1], self._stories[kv[0]].seq))
        return [self._stories[story_id] for story_id, _ in ranked[: self.max_candidates]]

    def _choose_event(self, story: _Story, article_id: str, vector: Mapping[str, float],
                      day: int | None) -> _Cluster:
        names = sorted(((w, k) for k, w in vector.items() if k[0] == "n"), reverse=True)
        salient = [(key, weight) for weight, key in names[: self.salient_names]]
        best: tuple[float, _Cluster] | None = None
        for event in story.events[-self.max_events_checked:]:
            if event.gap(day) > self.event_days or not _covers(event, salient,
                                                               self.participant_overlap):
                continue
            score = event.cosine(vector)
            if score >= self.event_threshold and (best is None or score > best[0]):
                best = (score, event)
        if best is not None:
            return best[1]
        event = _Cluster(self._new_id("e", article_id), self._next_seq())
        story.events.append(event)
        return event

    # -- story bookkeeping ------------------------------------------------------------------

    def _open_story(self, article: Article) -> _Story:
        title = article.title or " ".join(article.text.split()[:12])
        story = _Story(self._new_id("s", article.id), self._next_seq(), title=title)
        self._stories[story.id] = story
        return story

    def _merge(self, stories: list[_Story], article_id: str, score: float) -> _Story:
        stories.sort(key=lambda story: story.seq)
        kept = stories[0]
        for other in stories[1:]:
            kept.articles.extend(other.articles)
            kept.events.extend(other.events)
            kept.events.sort(key=lambda event: event.seq)
            for key, weight in other.centroid.items():
                kept.centroid[key] = kept.centroid.get(key, 0.0) + weight
            kept.norm = sum(w * w for w in kept.centroid.values()) ** 0.5
            kept.stretch(other.first_day, other.last_day)
            for key in other.posted - kept.posted:
                self._postings.setdefault(key, []).append(kept.id)
            kept.posted |= other.posted
            del self._stories[other.id]
            self._alias[other.id] = kept.id
            self.merges.append({"kept": kept.id, "merged": other.id, "article": article_id,
                                "score": round(score, 4)})
        return kept

    def _post(self, story: _Story, vector: Mapping[str, float]) -> None:
        top = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[: self.query_terms]
        for key, _ in top:
            if key in story.posted or len(story.posted) >= self.max_centroid_terms:
                continue
            story.posted.add(key)
            posting = self._postings.setdefault(key, [])
            posting.append(story.id)
            if len(posting) > self.max_posting:
                del posting[0]

    def _advance(self, day: int | None) -> None:
        if day is None or (self._clock is not None and day <= self._clock):
            return
        self._clock = day
        if self._swept is None or day - self._swept >= 7:
            self._swept = day
            self._expire(day - self.retain_days)

    def _expire(self, horizon: int) -> None:
        for story in self._stories.values():
            if story.is_active and story.last_day is not None and story.last_day < horizon:
                story.is_active = False
                story.centroid = {}
                story.norm = 0.0
                story.posted = set()
                for event in story.events:
                    event.centroid = {}
                    event.norm = 0.0

    def _resolve(self, story_id: str) -> str:
        while story_id in self._alias:
            story_id = self._alias[story_id]
        return story_id

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def _new_id(self, prefix: str, article_id: str) -> str:
        base = prefix + hashlib.blake2b(article_id.encode(), digest_size=6).hexdigest()
        candidate, n = base, 1
        while candidate in self._ids:
            n += 1
            candidate = f"{base}-{n}"
        self._ids.add(candidate)
        return candidate

    # -- persistence ------------------------------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        """Everything needed to continue later with the same ids, as JSON-able data."""
        return {
            "version": 1,
            "params": self.get_params(),
            "seq": self._seq,
            "clock": self._clock,
            "swept": self._swept,
            "df": self._df.to_state(),
            "duplicates": None if self._duplicates is None else self._duplicates.to_state(),
            "stories": [[*story.to_state(), story.title, story.is_active, sorted(story.posted),
                         [event.to_state() for event in story.events]]
                        for story in self._stories.values()],
            "alias": dict(self._alias),
            "where": {key: list(value) for key, value in self._where.items()},
            "postings": {key: list(value) for key, value in self._postings.items()},
            "merges": list(self.merges),
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> StoryGrouper:
        """A grouper that continues from :meth:`to_state` output.

        Raises:
            ValueError: The state has an unknown version.
        """
        if state.get("version") != 1:
            raise ValueError(f"unknown StoryGrouper state version {state.get('version')!r}; "
                             "expected 1 (written by StoryGrouper.to_state)")
        grouper = cls(**state["params"])
        grouper._seq, grouper._clock, grouper._swept = state["seq"], state["clock"], state["swept"]
        grouper._df = DocumentFrequencies.from_state(state["df"])
        if state["duplicates"] is not None:
            grouper._duplicates = DuplicateIndex.from_state(state["duplicates"])
        for row in state["stories"]:
            story = _Story(**vars_of(_Cluster.from_state(row[:6])), title=row[6],
                           is_active=row[7], posted=set(row[8]),
                           events=[_Cluster.from_state(event) for event in row[9]])
            grouper._stories[story.id] = story
            grouper._ids.update([story.id, *(event.id for event in story.events)])
        grouper._alias = dict(state["alias"])
        grouper._ids.update(grouper._alias)
        grouper._where = {key: (value[0], value[1]) for key, value in state["where"].items()}
        grouper._postings = {key: list(value) for key, value in state["postings"].items()}
        grouper.merges = list(state["merges"])
        return grouper


def _name_cosine(story: _Cluster, names: Mapping[str, float]) -> float:
    """Cosine over names and numbers only: the evidence that crosses languages."""
    norm = sum(w * w for w in names.values()) * sum(
        w * w for key, w in story.centroid.items() if key[0] in _NAME_TYPES)
    return dot(names, story.centroid) / norm**0.5 if norm else 0.0


def _covers(event: _Cluster, salient: list[tuple[str, float]], share: float) -> bool:
    """Whether the event already names at least ``share`` (by weight) of the salient names."""
    total = sum(weight for _, weight in salient)
    found = sum(weight for key, weight in salient if key in event.centroid)
    return not total or found >= share * total


def vars_of(cluster: _Cluster) -> dict[str, Any]:
    """The fields of a cluster as keyword arguments."""
    return {name: getattr(cluster, name) for name in _Cluster.__slots__}
