"""Place names of every CLDR locale, for the stages that key places across languages.

:func:`cldr_place_counts` gives the names of Babel's copy of CLDR in every base locale it ships
(about 310), from a table shipped with the package and built from Babel by
scripts/build_cldr_places.py:
each locale's territory names (``Libia`` → ``LY``; regions such as ``150`` Europe too) and each
locale's exemplar city of a time zone (``El Cairo``, ``Le Caire``, ``Каир`` → ``tz:Africa/Cairo``;
the zone id's own city, ``Cairo``, too). :func:`choose_place` decides what a name that several
keys claim stands for. Each stage normalises the names its own way (entity resolution by name
words, grouping by folded tokens) and keeps its own table. Cost: 0.1 s once per process (the shipped
table), cached.
"""

from __future__ import annotations

import gzip
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

__all__ = ["GEO_SHIPPED", "choose_place", "cldr_place_counts", "cldr_place_names", "count_pairs", "fold_place",
           "geo_places", "is_territory", "territory_zones"]


def is_territory(key: str | None) -> bool:
    """Whether a place key is a country or territory (a two-letter CLDR code), not a region or city."""
    return key is not None and len(key) == 2 and key.isalpha() and key.isupper()


def choose_place(votes: Counter[str]) -> str | None:
    """The key a name stands for, or None when it is ambiguous.

    A name that CLDR gives both to a country and to a city decides nothing ("Túnez", "Tunis",
    "Kuwait", "Andorra": news uses them for either, and a city merged with its country is a false
    merge); otherwise the key most locales give it, if that is more than all the others together
    ("Estados Unidos": US, not the US Minor Outlying Islands; "Nigeri": Niger or Nigeria, none).
    """
    cities = sum(n for key, n in votes.items() if key.startswith("tz:"))
    if 0 < cities < sum(votes.values()):
        return None
    (best, n), *rest = votes.most_common()
    return best if n > sum(m for _, m in rest) else None


@lru_cache(maxsize=1)
def territory_zones() -> dict[str, str]:
    """Time zones named after their whole territory, as place keys: ``tz:Europe/Malta`` → ``MT``,
    ``tz:Asia/Bahrain`` → ``BH`` (CLDR's zone → territory table, and the zone's city being the
    territory's English name). Their exemplar cities ("Malta", "Bahrein") are the country news
    means, unlike ``tz:Africa/Tunis`` (Tunis, not Tunisia). Read from Babel's global data once
    (0.1 s)."""
    from babel import Locale  # noqa: PLC0415 (only the entity stage needs it)
    from babel.core import get_global  # noqa: PLC0415

    english = Locale("en").territories
    return {"tz:" + zone: code for zone, code in get_global("zone_territories").items()
            if code in english and zone.rsplit("/", 1)[-1].replace("_", " ") == english[code]}


#: The shipped table: CLDR's names as Babel (pinned) has them, written by scripts/build_cldr_places.py.
SHIPPED = "cldr_places.tsv.gz"
#: The towns of 15,000 people or more (GeoNames), written by scripts/build_geo_places.py.
GEO_SHIPPED = "geo_places.tsv.gz"


def fold_place(name: str) -> str:
    """A town's name as :func:`geo_places` keys it: accents and case off, one space between words."""
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


@lru_cache(maxsize=1)
def geo_places() -> dict[str, tuple[str, str, str]]:
    """Town name (:func:`fold_place`) in the Latin, Cyrillic, Arabic or Han script → (key, its
    Latin name, its country): "misurata", "мисурата", "مصراتة" → ("geo:2214846", "Misratah", "LY"); a town that is its
    time zone's exemplar city has CLDR's key ("tz:Africa/Tripoli"). Names several towns share go to
    the most populous when it has twice the people of the next, else are absent. Callers read
    CLDR first. Read once per process, by the stages that need towns.
    """
    source = resources.files(__package__).joinpath(GEO_SHIPPED)
    if not source.is_file():  # pragma: no cover - a source checkout without the built table
        return {}
    towns: dict[str, tuple[str, str, str]] = {}  # one tuple per town, shared by all its names
    table: dict[str, tuple[str, str, str]] = {}
    for line in gzip.decompress(source.read_bytes()).decode("utf-8").splitlines():
        name, key, latin, country = line.split("\t")
        table[name] = towns.setdefault(key, (key, latin, country))
    return table


@lru_cache(maxsize=1)
def cldr_place_counts() -> tuple[tuple[str, str, int], ...]:
    """(name, key, how many locales give the name that key), each pair once, in first-seen order.

    Read from the table shipped beside this module (about 40k rows, 0.1 s) rather than from
    Babel's 310 locale files (about 1.5 s and 150 MB once per process); built from Babel when the
    file is absent. The counts are what :func:`choose_place` votes with.
    """
    source = resources.files(__package__).joinpath(SHIPPED)
    if not source.is_file():
        return count_pairs(cldr_place_names())
    rows = []
    for line in gzip.decompress(source.read_bytes()).decode("utf-8").splitlines():
        name, key, count = line.split("\t")
        rows.append((name, key, int(count)))
    return tuple(rows)


def count_pairs(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str, int], ...]:
    """(name, key) pairs folded into (name, key, count), in first-seen order."""
    counts: Counter[tuple[str, str]] = Counter(pairs)
    return tuple((name, key, n) for (name, key), n in counts.items())


def cldr_place_names() -> tuple[tuple[str, str], ...]:
    """(name, key) for every territory and city name of every base locale of Babel, in locale
    order (what the shipped table is built from)."""
    from babel import Locale, localedata  # noqa: PLC0415 (only when the table is built)

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
    found.extend((zone.rsplit("/", 1)[1].replace("_", " "), "tz:" + zone) for zone in sorted(zones))
    return tuple(found)
