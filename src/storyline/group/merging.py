"""Merging stories that have come close: the :class:`StoryMerging` half of the grouper.

After an article joins a story, the other candidate stories found for it are compared with that
story: a candidate whose centroid is within ``story_merge_threshold`` (cosine over all keys) and
that shares names with it, or, for two stories told mostly in different languages, whose
centroid meets it over language-independent keys (``anchor_merge_threshold``,
:func:`storyline.group.crossing.anchor_similarity`), is merged into the older story, whose id
survives; the merge is recorded (kind ``centroid`` or ``anchors``). Both need the two stories to
be close in time; a centroid merge below ``strong_threshold`` also needs ``specific_tokens``
specific tokens shared (:mod:`storyline.group.specific`: the country and its leaders that two
stories of one country share are no evidence that they are one). Cost: one centroid cosine per candidate (at most ``max_candidates`` and the
anchor candidates), linear in the keys of the smaller centroid.
"""

from __future__ import annotations

from storyline.group.clusters import StoryCluster, centroid_cosine, name_cosine, names_of
from storyline.group.crossing import anchor_similarity
from storyline.group.specific import stories_share_specific
from storyline.group.story_index import StoryIndex
from storyline.group.weighting import DocumentFrequencies

#: Feature types that name people (the name tie).
PERSON_TYPES = frozenset("n")


class StoryMerging:
    """The merging rules of :class:`~storyline.group.stories.StoryGrouper` (its parameters)."""

    _index: StoryIndex
    story_merge_threshold: float | None
    anchor_merge_threshold: float | None
    window_days: int
    max_story_days: int
    name_tie: float
    strong_threshold: float
    specific_tokens: int

    def _consolidate(self, story: StoryCluster, candidates: list[StoryCluster],
                     article_id: str, frequencies: DocumentFrequencies) -> StoryCluster:
        """Merge into ``story`` the candidates whose centroids have come close to its own: over
        all keys (kind ``centroid``), or, for stories told in other languages, over the keys
        that cross languages (kind ``anchors``, :func:`storyline.group.crossing.anchor_similarity`)."""
        close: dict[str, list[tuple[float, StoryCluster]]] = {"centroid": [], "anchors": []}
        for other in candidates:
            if other.id == story.id or other.id not in self._index.stories:
                continue
            # The cheap date checks first; then the centroid cosine; then names.
            if not self._close_in_time(story, other):
                continue
            if self.story_merge_threshold is not None:
                score = centroid_cosine(story, other)
                if (score >= self.story_merge_threshold and self._share_names(story, other)
                        and (score >= self.strong_threshold
                             or stories_share_specific(story, other, frequencies, self.specific_tokens))):
                    close["centroid"].append((score, other))
                    continue
            if self.anchor_merge_threshold is not None:
                score = anchor_similarity(story, other)
                if score >= self.anchor_merge_threshold:
                    close["anchors"].append((score, other))
        for kind, found in close.items():
            if found:
                found.sort(key=lambda pair: (-pair[0], pair[1].seq))
                together = self._index.mergeable([story, *(other for _, other in found)])
                if len(together) > 1:
                    story = self._index.merge(together, article_id, found[0][0], kind=kind)
        return story

    def _close_in_time(self, one: StoryCluster, two: StoryCluster) -> bool:
        """Whether two stories are close enough in time to merge (True when either is undated)."""
        if one.first_day is None or two.first_day is None:
            return True
        assert one.last_day is not None and two.last_day is not None
        if max(one.first_day - two.last_day, two.first_day - one.last_day) > self.window_days:
            return False
        span = max(one.last_day, two.last_day) - min(one.first_day, two.first_day)
        return span <= self.max_story_days

    def _share_names(self, one: StoryCluster, two: StoryCluster) -> bool:
        """Whether, when both are dated, two stories share enough names to merge."""
        if one.first_day is None or two.first_day is None or not self.name_tie:
            return True
        people = names_of(two.centroid, PERSON_TYPES)
        return name_cosine(one, people, PERSON_TYPES) >= self.name_tie
