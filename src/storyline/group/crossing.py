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
from storyline.group.weighting import DocumentFrequencies, dot, seen_in_other_languages

__all__ = ["MAX_LANGUAGE_OVERLAP", "MIN_MERGE_REPORTS", "anchor_cosine", "anchor_similarity", "anchors_of", "crosses",
           "language_overlap"]

#: Reports each story needs before two stories in different languages merge on anchors alone.
MIN_MERGE_REPORTS = 2
#: Two stories whose language mixes overlap more than this meet on their words, not on anchors.
MAX_LANGUAGE_OVERLAP = 0.75


def anchors_of(vector: Mapping[str, float], frequencies: DocumentFrequencies,
               language: str | None = None) -> dict[str, float]:
    """The anchors of a vector that another report also has (document frequency 2 or more) and,
    for a report in ``language``, that a report in another language has: a name only one
    language writes ("Consiglio", "Fratelli") cannot meet a story told in other languages, and
    left in it only dilutes the cosine of the names that can ("Gheddafi", "Tripoli", 23 agosto)."""
    df = frequencies.counts_.get
    return {key: w for key, w in vector.items() if key[0] in ANCHOR_TYPES and df(key, 0) >= 2
            and (language is None or seen_in_other_languages(key, language, frequencies))}


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


def language_overlap(one: StoryCluster, two: StoryCluster) -> float | None:
    """How far two stories are told in the same languages: the sum over languages of the smaller
    of the two shares of reports (1.0 for the same mix, 0.0 for disjoint languages), or None
    when either has no report of known language."""
    total_one, total_two = sum(one.languages.values()), sum(two.languages.values())
    if not total_one or not total_two:
        return None
    return sum(min(count / total_one, two.languages.get(code, 0) / total_two)
               for code, count in one.languages.items())


def anchor_similarity(one: StoryCluster, two: StoryCluster) -> float:
    """The cosine of two stories' centroids over anchors, when both have
    :data:`MIN_MERGE_REPORTS` reports or more and are told in languages different enough that
    their words could not meet (:func:`language_overlap` at most :data:`MAX_LANGUAGE_OVERLAP`:
    "mostly Spanish" and "half French, half Italian" qualify; so do two mixes of the same
    languages in very different proportions); else 0.
    """
    if min(len(one.articles), len(two.articles)) < MIN_MERGE_REPORTS:
        return 0.0
    overlap = language_overlap(one, two)
    if overlap is None or overlap > MAX_LANGUAGE_OVERLAP:
        return 0.0
    norm = sum(one.type_sq.get(kind, 0.0) for kind in ANCHOR_TYPES) * sum(
        two.type_sq.get(kind, 0.0) for kind in ANCHOR_TYPES)
    if not norm:
        return 0.0
    small, large = sorted((one.centroid, two.centroid), key=len)
    return dot(names_of(small, ANCHOR_TYPES), large) / norm**0.5
