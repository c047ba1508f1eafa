"""Choosing the story an article joins: the :class:`StoryPlacing` half of the grouper.

An article is first offered to the near-duplicate index (a version joins its original's story
and event directly, :meth:`StoryPlacing._place_version`); otherwise its story vector's
``query_terms`` heaviest linking keys (and, for a report of known language, its ``anchor_terms``
heaviest language-independent keys) look candidate stories up in the inverted index
(:class:`~storyline.group.story_index.StoryIndex`), each candidate is scored by cosine with its
decayed centroid (or over names), and the article joins the best one that reaches the bar the
story demands (:meth:`StoryPlacing._needed`: ``story_threshold`` for a recent story that shares
names with it, ``strong_threshold`` otherwise; a story told mostly in other languages may be
joined on anchors, ``anchor_threshold``, when one of the names the report repeats most is one
the story is about, :func:`storyline.group.specific.names_its_subject`), or opens a story. Candidates that also score
``merge_threshold`` are merged into it (:class:`~storyline.group.merging.StoryMerging` then
merges those whose centroids came close).

Cost per article: bounded by ``query_terms`` + ``anchor_terms`` posting lists of at most
``max_posting`` stories, and ``max_candidates`` (twice, with anchors) centroid cosines.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from storyline.group.clusters import ANCHOR_TYPES, StoryCluster, name_cosine, names_of, top_items
from storyline.group.crossing import anchor_cosine, anchors_of, crosses
from storyline.group.duplicates import DuplicateIndex
from storyline.group.features import DocumentFrequencies
from storyline.group.merging import PERSON_TYPES as _PERSON_TYPES
from storyline.group.specific import count_specific, names_its_subject
from storyline.group.splitting import member_row
from storyline.group.story_index import StoryIndex
from storyline.ingest.titles import text_title
from storyline.model import Article

#: Reports a story must hold before a closer report may retitle it: with fewer, closeness to the
#: centroid says little, and a small story keeps its opener's title.
RETITLE_AFTER = 5


class StoryPlacing:
    """The placing rules of :class:`~storyline.group.stories.StoryGrouper` (its parameters)."""

    _index: StoryIndex
    _duplicates: DuplicateIndex | None
    _where: dict[str, tuple[str, str]]
    story_threshold: float
    strong_threshold: float
    merge_threshold: float
    window_days: int
    max_story_days: int
    half_life_days: float | None
    name_tie: float
    query_terms: int
    max_candidates: int
    max_centroid_terms: int
    link_share: float
    link_min_df: int
    anchor_threshold: float | None
    anchor_terms: int
    specific_tokens: int

    # Provided by StoryGrouper and StoryMerging (annotations only, so the MRO finds theirs).
    assignment: Callable[[str], tuple[str, str]]
    _place_of: Callable[[str], tuple[str, str] | None]
    _settled: Callable[[str], None]
    _consolidate: Callable[[StoryCluster, list[StoryCluster], str, DocumentFrequencies], StoryCluster]

    def _place_version(self, article: Article, day: int | None) -> tuple[str, str] | None:
        if self._duplicates is None:
            return None
        original = self._duplicates.add(article.id, article.text, day)
        if original is None or self._place_of(original) is None:
            return None
        story_id, event_id = self.assignment(original)
        story = self._index.stories[story_id]
        event = next(e for e in story.events if e.id == event_id)
        story.articles.append(article.id)
        story.stretch(day, day)
        story.count_language(article.language)
        story.members.append(member_row(article.id, day, article.language, _title(article), {}))
        event.articles.append(article.id)  # a copy tells the original's happening: no stretch
        self._where[article.id] = (story_id, event_id)
        if not story.is_active:
            self._settled(story_id)  # a copy of a report of a story out of the index
        return story_id, event_id

    def _choose_story(self, article: Article, vector: Mapping[str, float], day: int | None,
                      frequencies: DocumentFrequencies) -> StoryCluster:
        names = names_of(vector)
        people = names_of(vector, _PERSON_TYPES)
        top = self._top_keys(vector, frequencies, article.language)
        candidates = self._index.candidates(top, self.max_candidates)
        if self.anchor_threshold is not None and article.language:
            # Stories in other languages rank low on a report's own words: the best on its
            # anchors are candidates too.
            found = {story.id for story in candidates}
            candidates += [story for story in self._index.candidates(
                [item for item in top if item[0][0] in ANCHOR_TYPES], self.max_candidates)
                if story.id not in found]
        scored = []
        shared: dict[str, float] | None = None
        for story in candidates:
            cosine = story.cosine(vector)
            score = max(cosine, name_cosine(story, names))
            needed = self._needed(story, day, people)
            if needed <= score and not self._specific(story, vector, cosine, frequencies):
                score = 0.0  # common ground only (a country, its leaders): no evidence of this story
            if score < needed and self._may_cross(story, article.language, day):
                shared = anchors_of(vector, frequencies, article.language) if shared is None else shared
                close = anchor_cosine(story, shared) >= self.anchor_threshold  # type: ignore[operator]
                if close and names_its_subject(vector, story, frequencies):
                    score = needed  # enough language-independent evidence: joins at the bar
            if score >= needed:
                scored.append((score, story))
        if not scored:
            story = self._index.open(article, title_score=self.story_threshold)
        else:
            scored.sort(key=lambda pair: (-pair[0], pair[1].seq))
            story = scored[0][1]
            if len(story.articles) >= RETITLE_AFTER:
                story.offer_title(article.title, story.cosine(vector))
            merging = self._index.mergeable([story, *(other for score, other in scored[1:]
                                                      if score >= self.merge_threshold)])
            if len(merging) > 1:
                story = self._index.merge(merging, article.id, scored[0][0])
        story.absorb(article.id, vector, day, self.max_centroid_terms, self.half_life_days)
        story.members.append(member_row(article.id, day, article.language, _title(article), vector, frequencies))
        story.count_language(article.language)
        self._index.post(story, top)
        return self._consolidate(story, candidates, article.id, frequencies)

    def _top_keys(self, vector: Mapping[str, float], frequencies: DocumentFrequencies,
                  language: str | None) -> list[tuple[str, float]]:
        """The ``query_terms`` heaviest keys of a vector that are rare enough to link stories,
        and, for an article of known ``language``, its ``anchor_terms`` heaviest anchors."""
        limit = max(self.link_min_df, self.link_share * frequencies.n_docs_)
        df = frequencies.counts_.get
        linking = {key: w for key, w in vector.items() if df(key, 0) <= limit}
        top = top_items(linking, self.query_terms)
        if self.anchor_terms and language:
            # The heaviest language-independent keys too: in a report's own words they rank
            # below its rare words, and they are what finds a story in another language.
            chosen = {key for key, _ in top}
            top += [item for item in top_items(anchors_of(linking, frequencies, language), self.anchor_terms)
                    if item[0] not in chosen]
        return top

    def _specific(self, story: StoryCluster, vector: Mapping[str, float], cosine: float,
                  frequencies: DocumentFrequencies) -> bool:
        """Whether a report whose cosine with ``story`` is ``cosine`` has evidence of that story:
        a strong cosine, or ``specific_tokens`` specific tokens shared (:mod:`storyline.group.specific`)."""
        return (not self.specific_tokens or cosine >= self.strong_threshold
                or count_specific(vector, story, frequencies) >= self.specific_tokens)

    def _may_cross(self, story: StoryCluster, language: str | None, day: int | None) -> bool:
        """Whether an article in ``language`` of ``day`` may join ``story``, recent and told
        mostly in other languages, on its language-independent keys (``anchor_threshold``)."""
        return (self.anchor_threshold is not None and crosses(story, language)
                and story.gap(day) <= self.window_days and story.age(day) <= self.max_story_days)

    def _needed(self, story: StoryCluster, day: int | None, people: Mapping[str, float]) -> float:
        """The score an article of ``day`` naming ``people`` needs to join ``story``."""
        if story.gap(day) > self.window_days or story.age(day) > self.max_story_days:
            return self.strong_threshold
        dated = day is not None and story.last_day is not None
        if dated and self.name_tie and name_cosine(story, people,
                                                   _PERSON_TYPES) < self.name_tie:
            return self.strong_threshold
        return self.story_threshold


def _title(article: Article) -> str:
    """What would title a story the article opens: its title, else its first short sentence or
    words (:func:`storyline.ingest.titles.text_title`)."""
    return article.title or text_title(article.text[:400])
