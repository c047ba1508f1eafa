"""Evidence that crosses languages: what lets a report meet a story written in other languages.

A report's own words (``w:`` keys) can only meet reports in its language, so across languages a
story is joined on its **anchors**: the keys that are the same in every language and script —
names as skeletons (``n:``), countries as territory codes (``c:``), numbers (``#:``) and dates
(``d:``) — weighted as in the story vector (TF x IDF, so a country that many reports of the
stream name weighs little, a combination of names and figures much). Two rules use them:

- an article joins a recent story less than half of whose reports are in its language (its
  centroid is then mostly words the article cannot share) when the cosine of
  its anchors with the story's is at least ``anchor_threshold``
  (:meth:`~storyline.group.stories.StoryGrouper._may_cross`); anchors no other report has
  (document frequency 1) are left out of the article's side, since they cannot be shared;
- two stories of at least :data:`MIN_MERGE_REPORTS` reports each, told mostly in different
  languages and close in time, merge when the cosine of their centroids over anchors is at least
  ``anchor_merge_threshold`` (:func:`anchor_similarity`): a story's centroid sums its reports, so the
  names and figures it keeps repeating outweigh the one-off names of a single report.

Reports in one language keep meeting on their whole vectors, words included, as before: anchors
never stand in for the words two reports in one language could share. The loose name keys
(``k:``, three letters of a skeleton) are no anchors: "Consejo", "Conseil" and "Cairo" share
them. Each test is linear in the keys of the article or centroid.
"""

from __future__ import annotations

from collections.abc import Mapping

from storyline.group.clusters import ANCHOR_TYPES, StoryCluster, name_cosine, names_of
from storyline.group.weighting import DocumentFrequencies, dot

__all__ = ["MIN_MERGE_REPORTS", "anchor_cosine", "anchor_similarity", "anchors_of", "crosses"]

#: Reports each story needs before two stories in different languages merge on anchors alone.
MIN_MERGE_REPORTS = 2


def anchors_of(vector: Mapping[str, float], frequencies: DocumentFrequencies) -> dict[str, float]:
    """The anchors of a vector that another report also has (document frequency 2 or more)."""
    df = frequencies.counts_.get
    return {key: w for key, w in vector.items() if key[0] in ANCHOR_TYPES and df(key, 0) >= 2}


def anchor_cosine(story: StoryCluster, anchors: Mapping[str, float]) -> float:
    """Cosine of an article's anchors (:func:`anchors_of`) with the story centroid's."""
    return name_cosine(story, anchors, ANCHOR_TYPES)


def crosses(story: StoryCluster, language: str | None) -> bool:
    """Whether fewer than half of the story's reports (of known language) are in ``language``:
    its centroid is then mostly words a report in ``language`` cannot share (False when either
    language is unknown)."""
    if not language or not story.languages:
        return False
    return 2 * story.languages.get(language, 0) < sum(story.languages.values())


def anchor_similarity(one: StoryCluster, two: StoryCluster) -> float:
    """The cosine of two stories' centroids over anchors, when both have
    :data:`MIN_MERGE_REPORTS` reports or more and are told mostly in different languages; else 0.
    """
    if min(len(one.articles), len(two.articles)) < MIN_MERGE_REPORTS:
        return 0.0
    main = one.main_language()
    if main is None or two.main_language() in (None, main):
        return 0.0
    norm = sum(one.type_sq.get(kind, 0.0) for kind in ANCHOR_TYPES) * sum(
        two.type_sq.get(kind, 0.0) for kind in ANCHOR_TYPES)
    if not norm:
        return 0.0
    small, large = sorted((one.centroid, two.centroid), key=len)
    return dot(names_of(small, ANCHOR_TYPES), large) / norm**0.5
