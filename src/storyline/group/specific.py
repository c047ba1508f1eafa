"""Evidence specific to a story: what a report must share with a story to join it on a middling score.

At the density of a news day, two stories of one country share a lot: the country, its capital,
its president, the international bodies that comment on everything, the words of their kind of
happening. Summed into a cosine, that common ground reaches the joining threshold, and stories
chain. What tells one story from another is what it does not share with the rest of the day's
news: its town, its people, its numbers, its rare terms.

A key shared by a report and a story is **specific** when it is no more common in the stream than
the story itself could explain: counted in at most ``max(SPECIFIC_FLOOR, SIZE_FACTOR * n)``
reports, where ``n`` is how many of the story's reports carry the key (of the two stories, for a
merge; read off the story's rows, :func:`key_counts`, a near-duplicate copy counting as its
original). A country named by a thousand reports of the day is not specific to a story of ten; a
town named by twelve is. A story that has grown large names its own subject in many reports, so
its own keys stay specific as it grows; a key a story mentions once stays as common as it is,
however large the story, so a story that has gathered several subjects does not draw in more.
The floor: in a stream's first reports, or a small collection, nothing is common yet.

A report whose cosine with a story is below ``strong_threshold`` joins it only when they share at
least ``specific_tokens`` distinct specific tokens (a name, a number, a date, a rare word; the
loose name key ``k:`` and the country code ``c:`` are the same token as a name and are not
counted), each carrying at least ``MIN_CONTRIBUTION`` of the cosine: one rare name shared by two
unrelated stories (two towns whose names differ in their vowels) is a coincidence, a combination
is evidence. Two stories merge on their centroids under the same condition.

A report that joins a story told in other languages on its language-independent keys alone
(:mod:`storyline.group.crossing`) must also be *about* the story (:func:`names_its_subject`): one
of the ``SUBJECT_NAMES`` names it repeats most (weight over IDF: how often, not how rare) is in at
least ``SUBJECT_SHARE`` of the story's reports. A live page on another subject with one entry on
the story (a page on Bin Laden's death quoting Libyan rebels on Gaddafi) shares the story's
names, but the names it repeats are ones the story mentions now and then. Crawled corpus (issue
20, Session 14): other-topic cross-language pairs together 0.031 -> 0.013, same-topic 0.561 ->
0.574 (fewer wrong joins leave room for right ones).

Measured (issue 20 item 1; generated day of 10,000 reports over three days, seed 1): story B-cubed
F1 0.673 -> 0.919 (precision 0.512 -> 0.851); ECB+ dev events 0.891 unchanged. The floor is 30
because ECB+ (772 undated reports, a subject's 20 reports read in shuffled order as several
fragments) needs it: at floors of 5-20 a fragment's one name is "common" and dev events fell to
0.87-0.88. Stories still chain in a stream's first few thousand reports, where the floor
makes everything specific. Known limit: document frequencies are the stream's since it began, not
a period's, so over months a story's keys grow common; a large story's own reports explain them.

Cost: one pass over the keys the report shares with the story's centroid (as the cosine), one
document-frequency lookup each (under 1% of grouping's CPU at 10k); memory: one count per distinct
key of a story's rows (at most ``MEMBER_KEYS`` per report), never saved: rebuilt from the rows.
"""

from __future__ import annotations

from collections.abc import Mapping

from storyline.group.clusters import StoryCluster, top_items
from storyline.group.weighting import DocumentFrequencies

#: A key in at most this many reports may be specific, whatever the story.
SPECIFIC_FLOOR = 30
#: ... or in at most this many times the story's reports that carry it.
SIZE_FACTOR = 2.0
#: The least share of the cosine a shared key must carry to count as evidence.
MIN_CONTRIBUTION = 0.003
#: How many of a report's most repeated names say what it is about (:func:`names_its_subject`)...
SUBJECT_NAMES = 12
#: ... and the share of a story's reports one of them must be in for the story to be about it.
SUBJECT_SHARE = 0.2
#: Key types whose keys are tokens of their own (``k:`` and ``c:`` repeat a name's token).
_TOKEN_TYPES = frozenset("nw#d")


def key_counts(story: StoryCluster) -> tuple[dict[str, int], float]:
    """How many of the story's rows carry each key, and the factor that turns such a count into
    reports (all reports over those whose rows have keys: a copy's row has none, and it carries
    its original's keys). Counted incrementally: rows only ever join at the end of ``members``
    (a merge extends them), and a split resets the count."""
    rows = story.members
    if story.key_counts is None or story.rows_counted > len(rows):
        story.key_counts, story.rows_counted, story.keyed_rows = {}, 0, 0
    counts = story.key_counts
    if story.rows_counted < len(rows):
        get = counts.get
        for row in rows[story.rows_counted:]:
            if row[4]:
                story.keyed_rows += 1
                for key in row[4]:
                    counts[key] = get(key, 0) + 1
        story.rows_counted = len(rows)
    return counts, max(len(story.articles), 1) / max(story.keyed_rows, 1)


def count_specific(vector: Mapping[str, float], story: StoryCluster, frequencies: DocumentFrequencies,
                   other: StoryCluster | None = None) -> int:
    """How many distinct specific tokens a unit ``vector`` shares with ``story``'s centroid,
    each carrying at least :data:`MIN_CONTRIBUTION` of their cosine. With ``other`` (a story
    ``vector`` is the centroid of), the keys are explained by the two stories' reports."""
    if not story.norm:
        return 0
    explained = [key_counts(cluster) for cluster in (story, other) if cluster is not None]
    floor = MIN_CONTRIBUTION * story.norm
    df = frequencies.counts_.get
    centroid = story.centroid
    tokens = set()
    for key, weight in vector.items():
        if key[0] in _TOKEN_TYPES:
            shared = centroid.get(key)
            if shared is None or weight * shared < floor:
                continue
            count = df(key, 0)
            if count <= SPECIFIC_FLOOR or count <= SIZE_FACTOR * sum(
                    max(counts.get(key, 0), 1) * scale for counts, scale in explained):
                tokens.add(key[2:])
    return len(tokens)


def names_its_subject(vector: Mapping[str, float], story: StoryCluster, frequencies: DocumentFrequencies,
                      top: int = SUBJECT_NAMES, share: float = SUBJECT_SHARE) -> bool:
    """Whether one of the names a report says most often (its ``top`` names by weight over IDF:
    by how often it says them, not by how rare they are) is a name ``story`` is about: carried by
    at least ``share`` of the story's reports (rows; a story of few reports is about every name
    one of them carries). A page on another subject that mentions the story in passing (a live
    blog on one death with an entry on the war next door) shares the story's names, but the
    names it repeats are ones the story mentions only now and then."""
    idf = frequencies.idf
    names = top_items({key: weight / idf(key) for key, weight in vector.items() if key[0] == "n"}, top)
    if not names:
        return True
    counts, _ = key_counts(story)
    needed = share * max(story.keyed_rows, 1)
    return any(counts.get(key, 0) >= needed for key, _ in names)


def stories_share_specific(one: StoryCluster, two: StoryCluster, frequencies: DocumentFrequencies,
                           needed: int) -> bool:
    """Whether two stories' centroids share ``needed`` distinct specific tokens (explained by
    the two stories' reports together)."""
    if not needed:
        return True
    if not one.norm or not two.norm:
        return False
    small, large = sorted((one, two), key=lambda cluster: len(cluster.centroid))
    unit = {key: weight / small.norm for key, weight in small.centroid.items()}
    return count_specific(unit, large, frequencies, small) >= needed
