"""`storyline eval ner-ml: named-mention detection per language (meantime-ml).`"""

from __future__ import annotations
