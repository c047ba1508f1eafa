"""`storyline eval time-ml: TIMEX3 values in Spanish and French (timex-ml).`"""

from __future__ import annotations
