"""The analysts' corrections as presentation reads them: the engine-side
:mod:`storyline.corrections` under the name the reports, exports and web pages import.

Corrections are applied when a story is presented (web pages, exports) and when a run writes its
reports (stories.json, report.md, report.html); what they are and how they are kept is
:mod:`storyline.corrections.records`.
"""

from __future__ import annotations

from storyline.corrections import (KINDS, Correction, CorrectionError, add, apply, ensure_table, for_stories,
                                   for_story, undo, version)

__all__ = ["KINDS", "Correction", "CorrectionError", "add", "apply", "ensure_table", "for_stories", "for_story",
           "undo", "version"]
