"""The grouper's stories and the inverted index that finds them.

:class:`StoryIndex` is the bookkeeping half of :class:`~storyline.group.stories.StoryGrouper`:
it opens stories, posts them under keys (postings of at most ``max_posting`` stories, the most
recent), finds the candidates for an article's heaviest keys, merges stories (the older id
survives, every merge is recorded, merged ids keep resolving to the survivor) and takes idle
stories out of the index. Which story an article joins is the grouper's decision, not this one's.

Ids of stories and events come from one namespace (``new_id``), derived from the id of the
article that opened them, so they are the same for the same input order.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Callable
from typing import Any

from storyline.group.clusters import StoryCluster
from storyline.ingest.titles import text_title
from storyline.model import Article


class StoryIndex:
    """Stories by id, the key → stories postings, and the merges between stories.

    Args:
        max_posting: Stories kept per key (the most recent ones).
        max_centroid_terms: Keys kept per centroid; a story posted under twice as many keys
            forgets those its centroid has dropped.
        half_life_days: Half-life of centroid weights, used to bring two stories' centroids to
            one day before they are added together; None: no decay.
    """

    def __init__(self, *, max_posting: int, max_centroid_terms: int, half_life_days: float | None) -> None:
        self.max_posting = max_posting
        self.max_centroid_terms = max_centroid_terms
        self.half_life_days = half_life_days
        self.stories: dict[str, StoryCluster] = {}
        self.alias: dict[str, str] = {}  # merged id → the id it was merged into (saved)
        self.postings: dict[str, list[str]] = {}
        self.merges: list[dict[str, Any]] = []
        # Story id → the stories split from it, or from stories merged into it: never merged again (saved).
        self.apart: dict[str, set[str]] = {}
        self.seq = 0
        self.ids: set[str] = set()
        # Derived from alias (not saved): each merged id → the id it resolves to today, and each
        # surviving id → the merged ids that resolve to it.
        self._root: dict[str, str] = {}
        self._absorbed: dict[str, list[str]] = {}

    # -- ids ------------------------------------------------------------------------------------

    def next_seq(self) -> int:
        """The next opening number (stories and events share one count)."""
        self.seq += 1
        return self.seq

    def new_id(self, prefix: str, article_id: str) -> str:
        """A new story (``s``) or event (``e``) id derived from the opening article's id."""
        base = prefix + hashlib.blake2b(article_id.encode(), digest_size=6).hexdigest()
        candidate, n = base, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{n}"
        self.ids.add(candidate)
        return candidate

    def resolve(self, story_id: str) -> str:
        """The id a story id stands for today, following merges (the alias chain)."""
        return self._root.get(story_id, story_id)

    def kept_apart(self, one: StoryCluster, two: StoryCluster) -> bool:
        """Whether the two stories were split apart (they never merge again)."""
        return any(self.resolve(other) == two.id for other in self.apart.get(one.id, ()))

    def split_apart(self, one: StoryCluster, two: StoryCluster) -> None:
        """Record that two stories were split apart."""
        self.apart.setdefault(one.id, set()).add(two.id)
        self.apart.setdefault(two.id, set()).add(one.id)

    def mergeable(self, stories: list[StoryCluster]) -> list[StoryCluster]:
        """The first story and those of the others that were split apart from none kept before."""
        kept: list[StoryCluster] = []
        for story in stories:
            if not any(self.kept_apart(story, other) for other in kept):
                kept.append(story)
        return kept

    def absorbed(self, story_id: str) -> list[str]:
        """The ids merged, directly or not, into ``story_id``."""
        return self._absorbed.get(story_id, [])

    # -- stories --------------------------------------------------------------------------------

    def open(self, article: Article, title_score: float = 0.0) -> StoryCluster:
        """A new story opened by ``article``, titled by its title (kept against closer reports at
        ``title_score``, :meth:`StoryCluster.offer_title`) or its first words."""
        title = article.title or text_title(article.text)
        story = StoryCluster(self.new_id("s", article.id), self.next_seq(), title=title,
                             title_score=title_score if article.title else -1.0)
        self.stories[story.id] = story
        return story

    def add_restored(self, story: StoryCluster) -> None:
        """Put back a story read from a saved state, with its events' ids."""
        self.stories[story.id] = story
        self.ids.update([story.id, *(event.id for event in story.events)])

    def post(self, story: StoryCluster, top: list[tuple[str, float]]) -> None:
        """Post ``story`` under the article's heaviest keys (``top``)."""
        if len(story.posted) >= 2 * self.max_centroid_terms:
            # Keys the decayed centroid has dropped no longer find the story.
            story.posted &= story.centroid.keys()
        for key, _ in top:
            if key in story.posted:
                continue
            story.posted.add(key)
            posting = self.postings.setdefault(key, [])
            posting.append(story.id)
            if len(posting) > self.max_posting:
                del posting[0]

    def candidates(self, top: list[tuple[str, float]], size: int) -> list[StoryCluster]:
        """The ``size`` active stories posted under the article's heaviest keys (``top``,
        heaviest first) that share the most weight with it, best first."""
        stories, root, postings = self.stories, self._root.get, self.postings
        partial: dict[str, float] = {}
        get = partial.get
        for key, weight in top:
            posting = postings.get(key)
            if not posting:
                continue
            # Each story once per key, in posting order, merged ids resolved (in C).
            for story_id in dict.fromkeys(map(root, posting, posting)):
                story = stories[story_id]
                if story.is_active:
                    partial[story_id] = get(story_id, 0.0) + weight * story.centroid.get(
                        key, 0.0) / (story.norm or 1.0)
        items = partial.items()
        if len(partial) > size:
            # Only stories scoring at least the size-th best score can rank among the first
            # `size`; sorting those few (ties by opening order) gives the same first `size` as
            # sorting all.
            cut = heapq.nlargest(size, partial.values())[-1]
            items = [(story_id, score) for story_id, score in items if score >= cut]
        ranked = sorted(items, key=lambda kv: (-kv[1], stories[kv[0]].seq))[:size]
        return [stories[story_id] for story_id, _ in ranked]

    def merge(self, stories: list[StoryCluster], article_id: str, score: float,
              kind: str = "article") -> StoryCluster:
        """Merge ``stories`` into the oldest of them, which is returned; each merge is recorded
        with the article that caused it, its score and its ``kind``."""
        stories.sort(key=lambda story: story.seq)
        kept = stories[0]
        for other in stories[1:]:
            kept.articles.extend(other.articles)
            kept.members.extend(other.members)
            kept.events.extend(other.events)
            kept.events.sort(key=lambda event: event.seq)
            days = [d for d in (kept.centroid_day, other.centroid_day) if d is not None]
            if days:
                kept.decay_to(max(days), self.half_life_days)
                other.decay_to(max(days), self.half_life_days)
            for key, weight in other.centroid.items():
                kept.centroid[key] = kept.centroid.get(key, 0.0) + weight
            kept.renorm()
            kept.stretch(other.first_day, other.last_day)
            kept.offer_title(other.title, other.title_score)
            for key in other.posted - kept.posted:
                self.postings.setdefault(key, []).append(kept.id)
            kept.posted |= other.posted
            for language, n in other.languages.items():
                kept.count_language(language, n)
            del self.stories[other.id]
            if other.id in self.apart:
                self.apart.setdefault(kept.id, set()).update(self.apart.pop(other.id))
            self.alias[other.id] = kept.id
            self._link(other.id, kept.id)
            self.merges.append({"kept": kept.id, "merged": other.id, "article": article_id,
                                "score": round(score, 4), "kind": kind})
        return kept

    def expire(self, horizon: int, before: Callable[[StoryCluster], Any]) -> None:
        """Take the active stories whose last day is before ``horizon`` out of the index for
        good (``before`` is called on each first), and drop their centroids."""
        for story in self.stories.values():
            if story.is_active and story.last_day is not None and story.last_day < horizon:
                before(story)
                story.is_active = False
                story.posted = set()
                story.members = []
                for cluster in (story, *story.events):
                    cluster.centroid = {}
                    cluster.renorm()

    # -- merged ids -----------------------------------------------------------------------------

    def _link(self, merged_id: str, kept_id: str) -> None:
        """Record in the derived maps that ``merged_id`` (and all merged into it) is now kept's."""
        moved = self._absorbed.pop(merged_id, [])
        moved.append(merged_id)
        for story_id in moved:
            self._root[story_id] = kept_id
        self._absorbed.setdefault(kept_id, []).extend(moved)

    def rebuild_links(self) -> None:
        """Derive the merged-id maps from ``alias`` (after restoring a state)."""
        self._root, self._absorbed = {}, {}
        for story_id in self.alias:
            kept_id = story_id
            while kept_id in self.alias:
                kept_id = self.alias[kept_id]
            self._root[story_id] = kept_id
            self._absorbed.setdefault(kept_id, []).append(story_id)
