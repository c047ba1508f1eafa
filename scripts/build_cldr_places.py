#!/usr/bin/env python3
"""Write src/storyline/lang/cldr_places.tsv.gz: CLDR's territory and city names of every locale
Babel ships, as ``name<TAB>key<TAB>locales`` rows (what :mod:`storyline.lang.places` reads).

Run again after changing the pinned Babel version: `.venv/bin/python scripts/build_cldr_places.py`.
Rows keep their first-seen (locale) order and gzip's header carries no time, so the same Babel
gives the same bytes.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from storyline.lang.places import SHIPPED, cldr_place_names, count_pairs

TARGET = Path(__file__).resolve().parents[1] / "src" / "storyline" / "lang" / SHIPPED


def main() -> None:
    rows = count_pairs(cldr_place_names())
    text = "".join(f"{name}\t{key}\t{count}\n" for name, key, count in rows
                   if "\t" not in name and "\n" not in name)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as out:
        out.write(text.encode("utf-8"))
    TARGET.write_bytes(buffer.getvalue())
    print(f"{TARGET}: {len(rows)} names, {len(buffer.getvalue())} bytes")


if __name__ == "__main__":
    main()
