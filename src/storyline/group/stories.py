"""Incremental grouping of articles into stories and events, in publication order.

Each article, as it arrives:

1. is checked for near-duplicates (:mod:`storyline.group.duplicates`); a version of an earlier
   article joins that article's story and event directly;
2. becomes a unit TF-IDF vector over its features (:mod:`storyline.group.features`), with online
   document frequencies;
3. finds candidate stories through an inverted index (feature key → stories), reading only its
   ``query_terms`` heaviest keys and posting lists of at most ``max_posting`` stories, so the cost
   per article is bounded whatever the corpus size; candidates are scored by cosine with the
   story's centroid, which decays (half-life ``half_life_days``, :mod:`storyline.group.clusters`)
   so that a story is compared with its recent coverage;
4. joins the best story whose score reaches the threshold the story demands:
   ``story_threshold`` for a story active within ``window_days`` and younger than
   ``max_story_days``, and that shares names with the article (``name_tie``: cosine over names,
   checked only when both sides are dated), and, below ``strong_threshold``, ``specific_tokens``
   tokens specific to the story (:mod:`storyline.group.specific`: not the country and leaders
   the day's other stories share); ``strong_threshold`` otherwise. Stories idle for more
   than ``retain_days`` leave the index, so a report years later starts a new story;
   A report of known language may also join a recent story told mostly in other languages on
   its language-independent keys alone (names, countries, numbers, dates: ``anchor_threshold``,
   :mod:`storyline.group.crossing`); for such a report its heaviest of those keys are looked up
   too (``anchor_terms``), and the stories best on them are candidates beside the others;
5. merges stories: another candidate that scores ``merge_threshold`` against the article, or whose
   centroid is within ``story_merge_threshold`` (cosine) of the joined story's centroid, with the
   same time and name conditions, or, for two stories told mostly in different languages, whose
   centroids meet over language-independent keys (``anchor_merge_threshold``), is merged into
   the older one; the older id survives and the merge is recorded in
   :attr:`StoryGrouper.merges` (kind ``article``, ``centroid`` or ``anchors``);
6. inside its story, joins an event or opens one (:mod:`storyline.group.events`), by the day of
   its happening: the first close date its opening names ("said on Friday"), else its own date;
7. a story that has grown by half since it was last examined is bisected on its reports' own
   evidence, and splits when the two groups share too little (``split_ratio``,
   :mod:`storyline.group.story_split`): the part with the opening report keeps the id, events
   move whole, the split is recorded in :attr:`StoryGrouper.merges` (kind ``split``).

At the end of a batch (:meth:`StoryGrouper.add_many`, or :meth:`StoryGrouper.refine`), the batch's
articles may move between their story's events (``refine_rounds``): the first report of a second
happening could only be compared with the first happening's event when it arrived, and later
reports show where it belongs. Before that, an event the batch has grown (to 10 reports, then
by half) whose reports form two groups, each with a participant of its own, splits in two
(``event_split``, :mod:`storyline.group.event_split`: two players of one team arrested in one
month). Event ids stay (the part split off takes the id of its first report); an event left
empty is dropped.

**Missing dates.** An article without a date is compared with every candidate as if it were
contemporary (no decay, no age or name-tie condition) and does not move the stream clock or any
story's dates; the day of its happening, if its opening names one, is read against its story's
latest date, else it has no event-date constraint. **Ids** derive from the id of the article that opened the
story or event, so they are stable and the same for the same input order.

**Modules.** Choosing the story (steps 1, 3, 4) is :mod:`storyline.group.placing`, merging (5)
:mod:`storyline.group.merging`, splitting (7) :mod:`storyline.group.story_split`, the index and
ids :mod:`storyline.group.story_index`, saving :mod:`storyline.group.state`; a grouper kept
between runs of one store leaves the places of settled reports (stories out of the index) to
the store (:mod:`storyline.group.cold`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from storyline.group import event_split
from storyline.group import state as _state
from storyline.group.clusters import Cluster, StoryCluster, heaviest
from storyline.group.cold import ColdPlaces
from storyline.group.duplicates import DuplicateIndex
from storyline.group.events import (
    EVENT_WEIGHTS, choose_event, follow_originals, happening_day, reassign_members,
)
from storyline.group.features import (
    DocumentFrequencies, Features, day_to_iso, extract_features, weigh_two,
)
from storyline.group.merging import StoryMerging
from storyline.group.placing import RETITLE_AFTER, StoryPlacing  # RETITLE_AFTER: re-exported
from storyline.group.story_split import StorySplitting
from storyline.group.story_index import StoryIndex
from storyline.model import Article, Event, Story

__all__ = ["RETITLE_AFTER", "STORY_WEIGHTS", "StoryGrouper"]

#: Weight per key type in story vectors. Names weigh four times a word: at the density of a news
#: day, stories of one kind (two earthquakes, two hacks, two Oscar ceremonies) share their words,
#: and what tells them apart is who and where (names); names also meet across languages where
#: words do not. Measured on five sets at once (docs/EVAL.md, "Session 9 — stories at density"):
#: words and names weighed alike chained a generated news day into a few stories.
STORY_WEIGHTS: Mapping[str, float] = {"w": 0.5, "n": 2.0, "k": 0.5, "c": 0.5, "#": 0.5, "d": 0.5}
_PARAMS = ("story_threshold", "event_threshold", "strong_threshold", "merge_threshold",
           "story_merge_threshold", "window_days", "max_story_days", "half_life_days",
           "name_tie", "event_days", "retain_days", "query_terms", "max_candidates",
           "max_posting", "max_centroid_terms", "max_events_checked", "title_weight",
           "duplicate_threshold", "story_weights", "event_weights", "salient_names",
           "participant_overlap", "link_share", "link_min_df", "refine_rounds",
           "anchor_threshold", "anchor_terms", "anchor_merge_threshold", "split_ratio",
           "specific_tokens", "event_split")


#: Keys of an article's event vector kept until its batch is refined: the heaviest, which decide
#: where it belongs; the tail is left in the centroid it was added to (bounds memory per article).
_PENDING_KEYS = 64


class StoryGrouper(StoryPlacing, StoryMerging, StorySplitting, ColdPlaces):
    """Groups a stream of articles into stories and events, incrementally and deterministically.

    Args:
        story_threshold: Cosine (article vs story centroid) needed to join a recent story.
        event_threshold: Cosine (article vs event centroid, event weights) needed to join an event.
        strong_threshold: Cosine needed to join a story that is idle for more than
            ``window_days``, older than ``max_story_days``, or shares no names with the article.
        merge_threshold: A second candidate story this similar to the article is merged.
        story_merge_threshold: A candidate story whose centroid has this cosine with the joined
            story's centroid is merged into the older of the two; None turns this off.
        window_days: How long after its last article a story is joined at ``story_threshold``.
        max_story_days: How long after its first article a story is joined at
            ``story_threshold``; later articles need ``strong_threshold``.
        half_life_days: Half-life of a member's weight in a story centroid; None: no decay.
        name_tie: Cosine over names (article vs story) below which a dated article needs
            ``strong_threshold``; 0 turns the condition off.
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
        event_weights: Weight per feature type in event vectors (default
            :data:`storyline.group.events.EVENT_WEIGHTS`).
        salient_names: How many of an article's heaviest names are its participants.
        participant_overlap: Share (by weight) of those participants an event must already name
            for the article to join it.
        link_share: A key found in more than this share of the articles counted (and in more
            than ``link_min_df`` of them) is too common to look stories up by: it still counts in
            every cosine, but it neither finds candidates nor posts a story. This bounds posting
            lists and lets a batch split into blocks that never meet (:mod:`storyline.group.blocking`).
        link_min_df: The floor of that limit, for small collections.
        refine_rounds: Passes of :meth:`refine` over a batch's articles; 0 turns it off.
        anchor_threshold: Cosine over language-independent keys (names, countries, numbers,
            dates: :mod:`storyline.group.crossing`) with which an article joins a recent story
            none of whose reports is in its language; None turns this off.
        anchor_terms: How many of an article's heaviest language-independent keys are also
            looked up in the index (beside ``query_terms``).
        anchor_merge_threshold: Two stories in disjoint languages whose centroids have this
            cosine over language-independent keys merge; None turns this off.
        split_ratio: A story whose reports, bisected, share less than this share of the
            evidence each group shares within itself splits in two
            (:mod:`storyline.group.story_split`); None turns splitting off.
        specific_tokens: Specific tokens (names, numbers, dates, rare words no more common in
            the stream than the story explains: :mod:`storyline.group.specific`) a report must
            share with a story to join it, or two stories to merge, below ``strong_threshold``;
            0 turns the condition off.
        event_split: Whether an event whose reports form two groups, each with a participant of
            its own, splits at the end of a batch (:mod:`storyline.group.event_split`).
    """

    def __init__(self, *, story_threshold: float = 0.25, event_threshold: float = 0.3,
                 strong_threshold: float = 0.5, merge_threshold: float = 0.5,
                 story_merge_threshold: float | None = 0.35, window_days: int = 30,
                 max_story_days: int = 90, half_life_days: float | None = 14.0,
                 name_tie: float = 0.1, event_days: int = 3, retain_days: int = 365,
                 query_terms: int = 40, max_candidates: int = 5, max_posting: int = 64,
                 max_centroid_terms: int = 300, max_events_checked: int = 50,
                 title_weight: float = 2.0, duplicate_threshold: float | None = 0.7,
                 story_weights: Mapping[str, float] | None = None,
                 event_weights: Mapping[str, float] | None = None, salient_names: int = 3,
                 participant_overlap: float = 0.25, link_share: float = 0.05,
                 link_min_df: int = 500, refine_rounds: int = 3,
                 anchor_threshold: float | None = 0.2, anchor_terms: int = 10,
                 anchor_merge_threshold: float | None = 0.3, split_ratio: float | None = 0.2,
                 specific_tokens: int = 2, event_split: bool = True) -> None:
        self.story_threshold = story_threshold
        self.event_threshold = event_threshold
        self.strong_threshold = strong_threshold
        self.merge_threshold = merge_threshold
        self.story_merge_threshold = story_merge_threshold
        self.window_days = window_days
        self.max_story_days = max_story_days
        self.half_life_days = half_life_days
        self.name_tie = name_tie
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
        self.link_share = link_share
        self.link_min_df = link_min_df
        self.refine_rounds = refine_rounds
        self.anchor_threshold = anchor_threshold
        self.anchor_terms = anchor_terms
        self.anchor_merge_threshold = anchor_merge_threshold
        self.split_ratio = split_ratio
        self.specific_tokens = specific_tokens
        self.event_split = event_split
        self._reset()

    def _reset(self) -> None:
        self._df = DocumentFrequencies()
        self._duplicates = (None if self.duplicate_threshold is None
                            else DuplicateIndex(threshold=self.duplicate_threshold))
        self._index = StoryIndex(max_posting=self.max_posting, max_centroid_terms=self.max_centroid_terms,
                                 half_life_days=self.half_life_days)
        self._where: dict[str, tuple[str, str]] = {}
        self._clock: int | None = None
        self._swept: int | None = None
        # Articles placed since the last refine(), by the story they joined: (placing order, id,
        # event vector as absorbed, day). Saved with the state (version 3).
        self._pending: dict[str, list[tuple[int, str, dict[str, float], int | None]]] = {}
        self._placings = 0
        # Places of settled reports left to the store (group/cold.py); off until a lookup is set.
        self._cold = None
        self._settling: set[str] = set()
        self._evicted: set[str] = set()

    def get_params(self) -> dict[str, Any]:
        """The constructor arguments, JSON-able."""
        params = {name: getattr(self, name) for name in _PARAMS}
        for name in ("story_weights", "event_weights"):
            params[name] = None if params[name] is None else dict(params[name])
        return params

    # -- public API -------------------------------------------------------------------------

    @property
    def merges(self) -> list[dict[str, Any]]:
        """Every merge so far: ``{"kept", "merged", "article", "score", "kind"}``, in order; a split
        is ``{"kept", "split", "article", "score", "kind": "split", "moved"}`` (``moved``: the ids
        merged earlier that now resolve to the story split off)."""
        return self._index.merges

    def add(self, article: Article) -> tuple[str, str]:
        """Count one article's keys, then place it; returns its (story id, event id). Adding an
        id again is a no-op."""
        if self._place_of(article.id) is not None:
            return self.assignment(article.id)
        features = extract_features(article, title_weight=self.title_weight)
        self._df.add(features.counts)
        self._df.prune()
        return self._place(article, features, self._df)

    def add_many(self, articles: Iterable[Article]) -> list[tuple[str, str]]:
        """:meth:`add` each article in order, then :meth:`refine`; returns the (story id, event
        id) of each, after refining."""
        ids = []
        for article in articles:
            self.add(article)
            ids.append(article.id)
        self.refine()
        return [self.assignment(article_id) for article_id in ids]

    def refine(self) -> int:
        """Let the articles placed since the last call move between their story's events
        (:func:`storyline.group.events.reassign_members`), with their near-duplicate versions;
        returns how many moved. Story by story, in opening order. A story leaving the index
        (``retain_days``) is refined just before, so a block of the stream refined on its own
        moves what the whole stream would."""
        stories = {self._index.resolve(story_id) for story_id in self._pending}
        return sum(self._refine_story(self._index.stories[story_id])
                   for story_id in sorted(stories, key=lambda sid: self._index.stories[sid].seq))

    def _refine_story(self, story: StoryCluster) -> int:
        rows = [row for story_id in (story.id, *self._index.absorbed(story.id))
                for row in self._pending.pop(story_id, ())]
        if not rows or not self.refine_rounds:
            return 0
        rows.sort(key=lambda row: row[0])
        versions = {} if self._duplicates is None else self._duplicates.versions_
        split = event_split.split_events(
            story, {row[1]: row[3] for row in rows}, versions if self.event_split else None,
            lambda first: Cluster(self._index.new_id("e", first), self._index.next_seq()))
        for article_id, event_id in split.items():
            self._where[article_id] = (self._where[article_id][0], event_id)
        moved = reassign_members(story, [row[1:] for row in rows], threshold=self.event_threshold,
                                 event_days=self.event_days, salient_names=self.salient_names,
                                 participant_overlap=self.participant_overlap,
                                 rounds=self.refine_rounds)
        if moved:
            for article_id, event_id in moved.items():
                self._where[article_id] = (self._where[article_id][0], event_id)
            self._move_versions(story, moved)
        return len(moved) + len(split)

    def _move_versions(self, story: StoryCluster, moved: Mapping[str, str]) -> None:
        versions = {} if self._duplicates is None else self._duplicates.versions_
        for version, event_id in follow_originals(story, moved, versions).items():
            self._where[version] = (self._where[version][0], event_id)

    def place(self, article: Article, frequencies: DocumentFrequencies) -> tuple[str, str]:
        """Place an article weighed against ``frequencies``: the document frequencies of its keys
        as the whole stream had counted them when it arrived (its own included). A block of the
        stream placed on its own (:mod:`storyline.group.blocking`) passes them in, so that every
        article weighs what it weighs in the whole stream. Placing an id again is a no-op."""
        if self._place_of(article.id) is not None:
            return self.assignment(article.id)
        return self._place(article, extract_features(article, title_weight=self.title_weight),
                           frequencies)

    def tick(self, day: int | None) -> None:
        """Move the stream clock to ``day`` (ordinal; the clock never goes back) without placing
        anything. A block placed on its own calls this with the date the whole stream had
        reached, so stories and copies expire as they would in the whole stream."""
        self._advance(day)
        if self._duplicates is not None:
            self._duplicates.advance(day)

    def lookup_keys(self, article: Article, frequencies: DocumentFrequencies) -> list[str]:
        """The keys ``article`` would look stories up by and post its story under (see
        ``link_share``), weighed against ``frequencies`` as in :meth:`place`, plus the bands it
        has in the near-duplicate index. Two articles that share none, even through other
        articles, can never meet."""
        features = extract_features(article, title_weight=self.title_weight)
        vector, _ = weigh_two(features.counts, frequencies, self.story_weights or STORY_WEIGHTS, {})
        keys = [key for key, _ in self._top_keys(vector, frequencies, article.language)]
        if self._duplicates is not None:
            keys.extend(self._duplicates.band_keys(article.text))
        return keys

    def _place(self, article: Article, features: Features,
               frequencies: DocumentFrequencies) -> tuple[str, str]:
        day = features.day
        self._advance(day)
        placed = self._place_version(article, day)
        if placed is not None:
            return placed
        story_vec, event_vec = weigh_two(features.counts, frequencies,
                                         self.story_weights or STORY_WEIGHTS,
                                         self.event_weights or EVENT_WEIGHTS)
        story = self._choose_story(article, story_vec, day, frequencies)
        event_day = happening_day(article.text, story.last_day if day is None else day,
                                  language=article.language) or day
        event = choose_event(
            story, event_vec, event_day, threshold=self.event_threshold, event_days=self.event_days,
            salient_names=self.salient_names, participant_overlap=self.participant_overlap,
            max_checked=self.max_events_checked,
            open_event=lambda: Cluster(self._index.new_id("e", article.id), self._index.next_seq()))
        event.absorb(article.id, event_vec, event_day, self.max_centroid_terms)
        self._where[article.id] = (story.id, event.id)
        if self.refine_rounds:
            self._placings += 1
            self._pending.setdefault(story.id, []).append(
                (self._placings, article.id, heaviest(event_vec, _PENDING_KEYS), event_day))
        self._examine(story, article.id)
        return self.assignment(article.id)

    def assignment(self, article_id: str) -> tuple[str, str]:
        """The current (story id, event id) of an added article, following merges.

        Raises:
            KeyError: The article was never added.
        """
        place = self._place_of(article_id)
        if place is None:
            raise KeyError(article_id)
        return self._index.resolve(place[0]), place[1]

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
            for story in self._index.stories.values()
        ]

    def to_state(self) -> dict[str, Any]:
        """Everything needed to continue later with the same ids, as JSON-able data. A grouper
        that left settled reports' places to the store (:mod:`storyline.group.cold`) lists only
        the places it holds: the store keeps the others."""
        return _state.to_state(self)

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> StoryGrouper:
        """A grouper that continues from :meth:`to_state` output.

        Raises:
            ValueError: The state has an unknown version.
        """
        _state.check_version(state)
        return _state.restore(cls(**state["params"]), state)

    # -- placing one article ----------------------------------------------------------------

    # -- the clock ----------------------------------------------------------------------------

    def _advance(self, day: int | None) -> None:
        if day is None or (self._clock is not None and day <= self._clock):
            return
        self._clock = day
        # Sweeps fall on calendar weeks, not on whichever day the stream last swept: a block
        # placed on its own then expires the same stories as the whole stream by the time it
        # next looks them up.
        week = day // 7
        if self._swept != week:
            self._swept = week
            self._expire(week * 7 - self.retain_days)

    def _expire(self, horizon: int) -> None:
        # A story leaving the index is refined first, so a block refined on its own moves what
        # the whole stream would.
        self._index.expire(horizon, self._leave_index)

    def _leave_index(self, story: StoryCluster) -> None:
        self._refine_story(story)
        self._settled(story.id)
