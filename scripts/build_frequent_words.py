#!/usr/bin/env python3
"""Write ``src/storyline/lang/<code>/frequent.toml``: each language's most frequent ordinary words.

Why: the entity rules drop a lone capitalised word that opens a sentence when it is an ordinary
word of the language ("Purtroppo", "Beaucoup", "Sinceramente"). simplemma's lexicons answer that
for inflected words only: its dictionaries map a form to a different lemma, so words that do not
inflect (adverbs, conjunctions, interjections: "purtroppo", "ecco", "oui", "certes") are unknown to
it, and the model tagged them as names on crawled pages (hundreds of mentions).

Source: wordfreq 3.1.1 (code Apache-2.0; word lists CC BY-SA 4.0, built from Wikipedia, subtitles,
news, books, web text and more: see its README), install it only to build
(``pip install wordfreq==3.1.1`` into any environment with storyline importable), then
``python scripts/build_frequent_words.py``. The product never imports wordfreq.

Per language: the top ``TOP_N`` words of ``wordfreq.top_n_list``, keeping alphabetic words of two
letters or more, and leaving out what may be a name: CLDR places and GeoNames towns (storyline's
own tables), and words frequent in at least ``SHARED_LANGUAGES`` of the languages (names of people
and brands the whole world's news repeats: "obama", "trump", "internet", "google"). Given names
and national politicians frequent in one language only stay: the rule that reads the list keeps a
word the report also writes capitalised inside a sentence, so a name spoken of more than once keeps
its mentions. The first ``KEEP`` words left are written, sorted, so one source gives the same bytes.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from wordfreq import top_n_list

from storyline.analyze.ner_lexicon import places
from storyline.lang.places import fold_place, geo_places

LANGUAGES = ("es", "fr", "it", "de", "pt", "nl", "ru", "tr")
#: Words read from wordfreq per language, and words kept after the filters.
TOP_N, KEEP = 5000, 3000
#: A word frequent in this many languages (of ``LANGUAGES`` plus English) is left out.
SHARED_LANGUAGES = 3
PACKS = Path(__file__).resolve().parents[1] / "src" / "storyline" / "lang"


def main() -> None:
    lists = {code: top_n_list(code, TOP_N) for code in (*LANGUAGES, "en")}
    spread = Counter(word for words in lists.values() for word in set(words))
    cldr, towns = places(), geo_places()
    for code in LANGUAGES:
        kept = [w for w in lists[code] if _ordinary(w, spread, cldr, towns)][:KEEP]
        _write(PACKS / code / "frequent.toml", code, sorted(kept))
        print(code, len(kept))


def _ordinary(word: str, spread: Counter[str], cldr: dict[str, str], towns: dict[str, object]) -> bool:
    return (len(word) >= 2 and word.isalpha() and spread[word] < SHARED_LANGUAGES
            and word not in cldr and fold_place(word) not in towns)


def _write(path: Path, code: str, words: list[str]) -> None:
    lines = [
        f"# The most frequent ordinary words of {code}, written by scripts/build_frequent_words.py from",
        "# wordfreq 3.1.1's word list (CC BY-SA 4.0; see docs/DATA.md), less places and words frequent",
        "# in three languages or more. Read by analyze/ner_lexicon.py (NameLexicon.ordinary).",
        "words = [",
        *(f'  "{w}",' for w in words),
        "]",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
