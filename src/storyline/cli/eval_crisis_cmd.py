"""`storyline eval crisis: ml-crisis-tls as a user's corpus (no outlet given).`"""

from __future__ import annotations
