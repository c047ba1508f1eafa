"""A story's record as the analysts corrected it: renamed, rejections left out, entities merged
and split (the grouping's corrections are applied by :mod:`storyline.corrections.regroup`).

Pure: the record is not changed, a new one is returned. Cost: linear in the story's facts, quotes
and entities.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from storyline.corrections.entities import ENTITY_KINDS, apply_entities
from storyline.corrections.records import Correction

__all__ = ["apply"]

def apply(title: str, record: Mapping[str, Any], corrections: Sequence[Correction]) -> tuple[str, dict[str, Any]]:
    """The story's title and record as the analysts corrected them: the latest active rename,
    rejected facts, claims and quotes left out (listed under ``rejected``), entities merged and
    split, and the corrections themselves under ``corrections`` (``applies: false`` on an entity
    correction that found nothing to change). ``record`` is not changed. Moves and splits of
    reports are not applied here but to the grouping (:mod:`storyline.corrections.regroup`)."""
    active = [c for c in corrections if c.is_active]
    renames = [c.value for c in active if c.kind == "rename" and c.value]
    facts = {" ".join(v.split()) for c in active if c.kind == "reject_fact" for v in (c.target, c.value) if v}
    quotes = {" ".join(v.split()) for c in active if c.kind == "reject_quote" for v in (c.target, c.value) if v}

    def kept(item: Mapping[str, Any], rejected: set[str]) -> bool:
        return item.get("id") not in rejected and " ".join(str(item.get("text", "")).split()) not in rejected

    found = dict(record)
    rejected = [item | {"section": section} for section in ("facts", "single_source")
                for item in record.get(section, []) if not kept(item, facts)]
    rejected += [item | {"section": "quotes"} for item in record.get("quotes", []) if not kept(item, quotes)]
    for section in ("facts", "single_source"):
        if section in found:
            found[section] = [f for f in record[section] if kept(f, facts)]
    if "quotes" in found:
        found["quotes"] = [q for q in record["quotes"] if kept(q, quotes)]
    idle: set[int] = set()
    if any(c.kind in ENTITY_KINDS for c in active) and "entities" in found:
        found, idle = apply_entities(found, [c for c in active if c.kind in ENTITY_KINDS])
    if corrections:
        found["corrections"] = [c.to_json() | ({"applies": False} if c.id in idle else {}) for c in corrections]
        found["rejected"] = rejected
    return (renames[-1] if renames else title), found
