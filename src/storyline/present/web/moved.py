"""Links to stories that moved: a merged story's id, or a story split after the link was made.

Ids are stable, but a story may be merged into an older one or split in two
(:mod:`storyline.group.story_split`); the store records both
(:meth:`storyline.store.grouping.GroupingStore.current_story`). A page or API call for an id
that is no story any more is redirected (308) to the same address with the id of the story that
holds its opening report now, so that bookmarks and links in sent alerts keep working.

Cost: a few indexed store reads, only for an id that is not found.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import HTTPException, Request

__all__ = ["moved_to"]


def moved_to(request: Request, store: Any, story_id: str) -> None:
    """Raise a 308 redirect to the story that holds ``story_id`` now; return if none does."""
    current = getattr(store, "current_story", None)
    if current is None or "\x00" in story_id:  # PostgreSQL refuses NUL in text: no story has one
        return
    found = current(story_id)
    if not found or found == story_id:
        return
    path = request.url.path
    at = path.rfind("/" + story_id)
    if at < 0:
        return
    target = path[:at] + "/" + quote(found, safe="") + path[at + 1 + len(story_id):]
    if request.url.query:
        target += "?" + request.url.query
    raise HTTPException(status_code=308, headers={"Location": target}, detail=f"story {story_id!r} is now {found!r}")
