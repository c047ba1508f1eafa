"""Place names in every language mapped to one key: CLDR territories and cities, plus pack aliases.

"Libya", "Libia", "Libye", "Libyen", "Líbia", "ليبيا", "Ливия" and "利比亚" are one place. The
table is read from Babel's copy of CLDR, in every base locale Babel ships (about 310): each
locale's territory names map to the territory code (``LY``; regions such as ``150`` Europe too),
and each locale's exemplar city of a time zone (``El Cairo``, ``Le Caire``, ``Каир``) to the zone
(``tz:Africa/Cairo``; the zone id's own city, ``Cairo``, too). A name that two codes claim in
CLDR ("Kongo": CD and CG) is dropped: it decides nothing. Each language pack may add what CLDR
lacks in ``resolution.toml`` (``place_aliases``: name → key, e.g. Spanish "EE.UU." → ``US``).

Names are keyed by :func:`storyline.reconcile.name_keys.name_words` (kind GPE), the same
normalisation the resolver applies to a mention, so "El Salvador" and a mention "El Salvador"
meet whatever that function strips. Cost: the table is built once per process on first use
(about 2 s: 310 locale files), then a lookup is one dict access. Where CLDR is ambiguous a
territory or region wins over a city, then a clear majority of locales; a tie drops the name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from storyline.lang import available, pack
from storyline.reconcile.name_keys import fold, function_words, name_words

__all__ = ["is_territory", "place_key", "place_table"]

_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
#: Shorter names are left out: minority locales' three-letter names ("Ale", "Anh", "Bay") are
#: common words elsewhere; the short names news uses (US, UK, EU) come as aliases.
_MIN_CHARS = 4


def place_key(words: tuple[str, ...] | str) -> str | None:
    """The language-neutral key of a place name's folded words (``("libia",)`` → ``"LY"``), or None."""
    joined = words if isinstance(words, str) else " ".join(words)
    return place_table().get(joined)


def is_territory(key: str | None) -> bool:
    """Whether a place key is a country or territory (a two-letter CLDR code), not a region or city."""
    return key is not None and len(key) == 2 and key.isalpha() and key.isupper()


@lru_cache(maxsize=1)
def place_table() -> dict[str, str]:
    """Folded place name (words joined by one space) → key, built once per process."""
    claims: dict[str, Counter[str]] = defaultdict(Counter)
    for name, key in _cldr_names():
        normal = _normal(name)
        if len(normal) >= _MIN_CHARS:
            claims[normal][key] += 1
    table = {}
    for name, votes in claims.items():
        key = _choose(votes)
        if key is not None:
            table[name] = key
    for code in available():
        for alias, key in pack(code).topic("resolution").get("place_aliases", {}).items():
            normal = _normal(alias)
            if normal:
                table[normal] = str(key)
    return table


def _choose(votes: Counter[str]) -> str | None:
    """The key a name stands for: a territory or region before a city (Andorra is the country
    before its capital's zone), then the key most locales give it if that is more than all the
    others together ("Estados Unidos": US, not "Estados Unidos Islas menores"); else None."""
    places = Counter({key: n for key, n in votes.items() if not key.startswith("tz:")})
    pool = places or votes
    (best, n), *rest = pool.most_common()
    return best if n > sum(m for _, m in rest) else None


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


def _cldr_names() -> list[tuple[str, str]]:
    from babel import Locale, localedata  # noqa: PLC0415 (only when the table is first built)

    found: list[tuple[str, str]] = []
    zones: set[str] = set()
    for identifier in localedata.locale_identifiers():
        if "_" in identifier:
            continue  # regional variants repeat their language's names
        try:
            locale = Locale.parse(identifier)
        except (ValueError, LookupError):  # pragma: no cover - a broken locale file
            continue
        found.extend((name, code) for code, name in locale.territories.items())
        for zone, names in locale.time_zones.items():
            city = names.get("city")
            if city and "/" in zone and not zone.startswith("Etc/"):
                found.append((city, "tz:" + zone))
                zones.add(zone)
    found.extend((zone.rsplit("/", 1)[1].replace("_", " "), "tz:" + zone) for zone in zones)
    return found
