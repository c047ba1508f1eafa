"""storyline.group: near-duplicates, stories and events.

:class:`StoryGrouper` places a stream of articles, in publication order, into stories and the
events inside them, with stable ids; :class:`DuplicateIndex` finds wire copies and light rewrites;
:func:`extract_features` is what both read from an article.
"""

from storyline.group.duplicates import DuplicateIndex
from storyline.group.features import Features, extract_features, name_skeleton
from storyline.group.stories import StoryGrouper

__all__ = ["DuplicateIndex", "Features", "StoryGrouper", "extract_features", "name_skeleton"]
