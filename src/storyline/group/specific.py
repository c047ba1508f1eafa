"""Evidence specific to a story: what a report must share with a story to join it on a middling score.

At the density of a news day, two stories of one country share a lot: the country, its capital,
its president, the international bodies that comment on everything, the words of their kind of
happening. Summed into a cosine, that common ground reaches the joining threshold, and stories
chain. What tells one story from another is what it does not share with the rest of the day's
news: its town, its people, its numbers, its rare terms.

A key shared by a report and a story is **specific** when it is no more common in the stream than
the story itself could explain: counted in at most ``max(SPECIFIC_FLOOR, SPECIFIC_SHARE * N,
SIZE_FACTOR * size)`` reports, where ``N`` is the number of reports counted and ``size`` the
reports of the story (or of the two stories, for a merge). A country named by a thousand reports
of the day is not specific to a story of ten; a town named by twelve is. A story that has grown
large names its own subject in many reports, so its own keys stay specific as it grows.

A report whose cosine with a story is below ``strong_threshold`` joins it only when they share at
least ``specific_tokens`` distinct specific tokens (a name, a number, a date, a rare word; the
loose name key ``k:`` and the country code ``c:`` are the same token as a name and are not
counted), each carrying at least ``MIN_CONTRIBUTION`` of the cosine: one rare name shared by two
unrelated stories (two towns whose names differ in their vowels) is a coincidence, a combination
is evidence. Two stories merge on their centroids under the same condition.

Cost: one pass over the keys the report shares with the story's centroid (as the cosine), one
document-frequency lookup each.
"""

from __future__ import annotations

from collections.abc import Mapping

from storyline.group.clusters import Cluster
from storyline.group.weighting import DocumentFrequencies

#: A key in at most this share of the reports counted may be specific (with the floor and size).
SPECIFIC_SHARE = 0.0
#: ... or in at most this many reports, whatever the share (small collections).
SPECIFIC_FLOOR = 30
#: ... or in at most this many times the story's reports (a story names its own subject).
SIZE_FACTOR = 2.0
#: The least share of the cosine a shared key must carry to count as evidence.
MIN_CONTRIBUTION = 0.003
#: Key types whose keys are tokens of their own (``k:`` and ``c:`` repeat a name's token).
_TOKEN_TYPES = frozenset("nw#d")


def specific_limit(frequencies: DocumentFrequencies, size: int) -> float:
    """The most reports a key may be counted in and still be specific to a story of ``size``."""
    return max(SPECIFIC_FLOOR, SPECIFIC_SHARE * frequencies.n_docs_, SIZE_FACTOR * size)


def count_specific(vector: Mapping[str, float], story: Cluster, frequencies: DocumentFrequencies,
                    size: int | None = None) -> int:
    """How many distinct specific tokens a unit ``vector`` shares with ``story``'s centroid,
    each carrying at least :data:`MIN_CONTRIBUTION` of their cosine. ``size`` defaults to the
    story's reports."""
    if not story.norm:
        return 0
    limit = specific_limit(frequencies, len(story.articles) if size is None else size)
    floor = MIN_CONTRIBUTION * story.norm
    df = frequencies.counts_.get
    centroid = story.centroid
    tokens = set()
    for key, weight in vector.items():
        if key[0] in _TOKEN_TYPES:
            other = centroid.get(key)
            if other is not None and weight * other >= floor and df(key, 0) <= limit:
                tokens.add(key[2:])
    return len(tokens)


def stories_share_specific(one: Cluster, two: Cluster, frequencies: DocumentFrequencies,
                           needed: int) -> bool:
    """Whether two stories' centroids share ``needed`` distinct specific tokens (the limit taken
    for the two stories together)."""
    if not needed:
        return True
    if not one.norm or not two.norm:
        return False
    small, large = sorted((one, two), key=lambda cluster: len(cluster.centroid))
    unit = {key: weight / small.norm for key, weight in small.centroid.items()}
    size = len(one.articles) + len(two.articles)
    return count_specific(unit, large, frequencies, size) >= needed
