"""Month names for date keys, accent-folded and lowercased, per language (data only).

:mod:`storyline.group.features` turns "28 janvier", "28 de enero", "January 28" and "28 gennaio"
into one language-neutral key, ``d:01-28``.
"""

from __future__ import annotations

_NAMES = {
    1: "january jan enero janvier gennaio januar janeiro",
    2: "february feb febrero fevrier febbraio februar fevereiro",
    3: "march mar marzo mars marz marco",
    4: "april apr abril avril aprile",
    5: "may mayo mai maggio maio",
    6: "june jun junio juin giugno juni junho",
    7: "july jul julio juillet luglio juli julho",
    8: "august aug agosto aout",
    9: "september sep sept septiembre setiembre septembre settembre setembro",
    10: "october oct octubre octobre ottobre oktober outubro",
    11: "november nov noviembre novembre novembro",
    12: "december dec diciembre decembre dicembre dezember dezembro",
}

#: Folded month name → month number.
MONTHS: dict[str, int] = {name: month for month, names in _NAMES.items() for name in names.split()}
