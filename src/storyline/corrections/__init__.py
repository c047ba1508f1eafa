"""Analysts' corrections, on the engine's side: the records (:mod:`.records`), a story's record
as corrected (:mod:`.story`, entities by :mod:`.entities`) and the grouping as corrected
(:mod:`.regroup`, applied by ``pipeline.group_store`` after every grouping). Presentation (the
web forms and pages, the reports, the ``correct`` command) reads and writes them through these
modules; none of them imports presentation.
"""

from __future__ import annotations

from storyline.corrections.entities import ENTITY_KINDS
from storyline.corrections.records import (KINDS, MAX_SPLIT, REGROUP_KINDS, Correction, CorrectionError, add,
                                           ensure_table, for_stories, for_story, new_id, undo, version)
from storyline.corrections.story import apply

__all__ = ["ENTITY_KINDS", "KINDS", "MAX_SPLIT", "REGROUP_KINDS", "Correction", "CorrectionError", "add", "apply",
           "ensure_table", "for_stories", "for_story", "new_id", "undo", "version"]
