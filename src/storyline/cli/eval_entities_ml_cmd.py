"""`storyline eval entities-ml: cross-document and cross-lingual entity resolution (meantime-ml).`"""

from __future__ import annotations
