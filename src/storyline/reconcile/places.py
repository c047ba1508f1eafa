"""Place names in every language mapped to one key, for entity resolution.

"Libya", "Libia", "Libye", "Libyen", "Líbia", "ليبيا", "Ливия" and "利比亚" are one place: the
names come from CLDR (:mod:`storyline.lang.places`: every locale's territory names → the territory
code, ``LY``; exemplar cities of time zones → ``tz:Africa/Cairo``). A name that several keys
claim goes to a territory or region before a city, then to a clear majority of locales; a tie
("Kongo": CD and CG) drops it. Each language pack may add what CLDR lacks in ``resolution.toml``
(``place_aliases``: name → key, e.g. Spanish "EE.UU." → ``US``).

Names are keyed by :func:`storyline.reconcile.name_keys.name_words` (kind GPE), the same
normalisation the resolver applies to a mention, so "El Salvador" and a mention "El Salvador"
meet whatever that function strips. Cost: the table is built once per process on first use
(about 2 s: 310 locale files), then a lookup is one dict access.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from storyline.lang import available, pack
from storyline.lang.places import choose_place, cldr_place_counts, is_territory, territory_zones
from storyline.reconcile.name_keys import fold, function_words, name_words

__all__ = ["is_place_name", "is_territory", "place_key", "place_table"]

_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
#: Shorter Latin names are left out: minority locales' three-letter names ("Ale", "Anh", "Bay")
#: are common words elsewhere; the short names news uses (US, UK, EU) come as aliases. Other
#: scripts write countries short ("مصر", "利比亚") and keep them.
_MIN_CHARS = 4


#: What the table holds for a place name that decides nothing ("Tunis": the city or the country).
_AMBIGUOUS = ""


def place_key(words: tuple[str, ...] | str) -> str | None:
    """The language-neutral key of a place name's folded words (``("libia",)`` → ``"LY"``), or None
    (not a place name, or an ambiguous one)."""
    joined = words if isinstance(words, str) else " ".join(words)
    return place_table().get(joined) or None


def is_place_name(words: tuple[str, ...] | str) -> bool:
    """Whether CLDR names a place so, ambiguous or not ("tunis", "singapore", "libia")."""
    joined = words if isinstance(words, str) else " ".join(words)
    return joined in place_table()


@lru_cache(maxsize=1)
def place_table() -> dict[str, str]:
    """Folded place name (words joined by one space) → key ('' when ambiguous), built once per
    process."""
    claims: dict[str, Counter[str]] = defaultdict(Counter)
    zones = territory_zones()  # "Malta", "Bahrein": the zone of a city-state is the state
    for name, key, count in cldr_place_counts():
        normal = _normal(name)
        if len(normal) >= _MIN_CHARS or not normal.isascii():
            claims[normal][zones.get(key, key)] += count
    table = {}
    for name, votes in claims.items():
        key = choose_place(votes)
        table[name] = key if key is not None else _AMBIGUOUS
    for code in available():
        for alias, key in pack(code).topic("resolution").get("place_aliases", {}).items():
            normal = _normal(alias)
            if normal:
                table[normal] = str(key)
    return table


def _normal(name: str) -> str:
    """A CLDR name as a mention's words: :func:`name_words`, when it only took leading function
    words off ("El Salvador" → "salvador"); all the words otherwise (name_words would cut "Kleine
    afgelegen eilanden van de Verenigde Staten" to "verenigde staten")."""
    name = _PARENTHESIS.sub("", name)
    words = name_words(name, "GPE")
    plain = tuple(fold(name.replace(".", "").replace("-", " ")).split())
    cut = plain[:len(plain) - len(words)]
    if plain[len(cut):] == words and all(fold(w) in function_words() for w in cut):
        return " ".join(words)
    return " ".join(plain)
