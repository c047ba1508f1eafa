"""Events inside a story: the same happening is close in date and shares participants and terms.

An article joins the event of its story whose centroid (an event vector, which weighs names and
numbers more than story vectors do) is most similar, if the similarity reaches the threshold,
the event's dates are within ``event_days`` of the article's, and the event already names enough
of the article's most salient names (its participants). Otherwise it opens a new event.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from storyline.group.clusters import Cluster, StoryCluster, covers

#: Weight per feature type in event vectors: participants and numbers tell happenings apart.
EVENT_WEIGHTS: Mapping[str, float] = {"w": 0.6, "n": 1.5, "k": 0.5, "#": 1.0, "d": 1.0}


def choose_event(story: StoryCluster, vector: Mapping[str, float], day: int | None, *,
                 threshold: float, event_days: int, salient_names: int, participant_overlap: float,
                 max_checked: int, open_event: Callable[[], Cluster]) -> Cluster:
    """The event of ``story`` that an article joins; a new one (appended) when none fits.

    Args:
        story: The article's story.
        vector: The article's event vector.
        day: Its publication day, or None (no date constraint).
        threshold: Cosine needed to join an event.
        event_days: Largest gap, in days, between the article and an event's dates.
        salient_names: How many of the article's heaviest names are its participants.
        participant_overlap: Share (by weight) of those an event must already name.
        max_checked: How many of the story's latest events are compared.
        open_event: Makes a new, empty event.

    Returns:
        The chosen event, or the new one.
    """
    names = sorted(((w, k) for k, w in vector.items() if k[0] == "n"), reverse=True)
    salient = [(key, weight) for weight, key in names[:salient_names]]
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
