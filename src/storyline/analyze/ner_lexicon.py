"""What entity recognition knows about words, per language, read from the language packs.

One language-independent code path; the data comes from:

* the pack's ``words.toml`` ``function_words`` (accent-folded, lowercase) and ``names.toml``
  (``openers``: connectives and furniture imperatives that open a sentence capitalised;
  ``name_openers``: the function words that do open names, "New", "Estado"; ``honorifics``;
  ``offices``; ``particles``; ``org_words``, words that make a name an organisation): a capitalised function word or opener is never a name and never
  opens one ("El", "Un", "Asimismo", "Selon", "Cuando");
* simplemma's lexicon of the language (:meth:`NameLexicon.known`): a lone capitalised word at the
  start of a sentence whose lowercase form is an ordinary word of the language ("Créez") is not a
  name unless a gazetteer says so;
* CLDR through Babel (:func:`places`): territory names and time-zone exemplar cities in
  ``PLACE_LOCALES``, a gazetteer of places shared by every language, since a Spanish report names
  "Libia" and "Túnez" and a French one "Tripoli" (countries and cities are GPE; CLDR's numeric
  regions such as "Oriente Medio" or "África" are LOC). CLDR has no list of cities beyond the
  exemplar cities; we chose not to hand-write one. The packs' ``names.toml`` ``places`` add the
  press's abbreviations CLDR lacks ("EE.UU.", "EUA").

Cost: one TOML read per (language, topic) and one simplemma dictionary per language (about a
second, the first time a language is met in a process); the gazetteer is read once per process
from a table shipped beside the models (``models/ner-places.tsv.gz``, about 2,100 names, a few
milliseconds; building it from Babel's seven locales took about a second in every process). Every lookup is a set or dict membership test.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any


from storyline.lang import FALLBACK, FULL, fold_word, pack

__all__ = ["PLACE_LOCALES", "PLACES_TABLE", "NameLexicon", "babel_places", "lexicon", "place_first_words",
           "places", "write_places", "MAX_PLACE_WORDS"]

#: Languages whose CLDR place names make up the gazetteer (every full pack, plus Dutch, which the
#: evaluation data has).
PLACE_LOCALES = ("en", "es", "fr", "it", "de", "pt", "nl")
#: CLDR territory codes that are organisations or pseudo-territories, not places.
_NOT_PLACES = frozenset({"001", "EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})
#: Languages simplemma has a lexicon for among ours.
#: Languages whose ordinary words simplemma knows: besides the full packs', Russian, Turkish,
#: Polish... (its list), so that rule 3 drops "Войска" or "Muhalif" opening a sentence.
_SIMPLEMMA = frozenset({"en", "es", "fr", "it", "de", "pt", "nl", "ru", "uk", "bg", "tr", "pl", "cs", "sk", "sl", "hu",
                        "ro", "el", "sv", "da", "nb", "fi", "ca", "gl", "id", "ms", "lt", "lv", "et", "sq"})
MAX_PLACE_WORDS = 5


@dataclass(frozen=True)
class NameLexicon:
    """The name-related word lists of one language (see the module docstring)."""

    language: str
    function_words: frozenset[str]
    openers: frozenset[str]
    honorifics: frozenset[str]
    offices: frozenset[str]
    particles: frozenset[str]
    name_openers: frozenset[str] = frozenset()
    org_words: frozenset[str] = frozenset()
    #: Words that join two names ("and", "y", "et"): ``names.toml`` ``conjunctions``.
    conjunctions: frozenset[str] = frozenset()
    capitalised_nouns: bool = False
    #: Whether adjectives follow their noun (``names.toml`` ``adjectives_after_nouns``: es, fr, it,
    #: pt), so that an organisation word may take a lowercase qualifier ("Union européenne").
    adjectives_after_nouns: bool = False
    #: Whether the language has its own pack (not the union answering unknown languages).
    own_pack: bool = False
    #: Whether names take case endings after an apostrophe (Turkish "Kaddafi'ye"): the pack's
    #: ``resolution.toml`` ``apostrophe_case_endings``.
    apostrophe_case_endings: bool = False
    #: Ordinary words simplemma may lack: the pack's time words (numbers, "almeno", "hace") and
    #: its most frequent words (``frequent.toml``: "purtroppo", "beaucoup"): :meth:`ordinary`.
    frequent: frozenset[str] = frozenset()
    _known: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)
    #: Memo of the model's per-word features (:mod:`storyline.analyze.ner_features`).
    cache: dict[tuple[str, bool], tuple[str, str, tuple[str, ...]]] = field(
        default_factory=dict, repr=False, compare=False)

    def never_name(self, word: str) -> bool:
        """Whether the word, capitalised or not, can never be (or open) a name: a function word
        (unless listed in ``name_openers``) or an opener. All-caps words (acronyms) never are."""
        if word.isupper() and len(word) > 1 and word[-1] not in "'\u2019":
            return False
        low = word.lower().rstrip("'\u2019")
        if low in self.openers:
            return True
        return fold_word(low) in self.function_words and low not in self.name_openers

    def is_function_word(self, word: str) -> bool:
        """Whether the word's lowercase form is a function word of the language, even one that
        may open a name ("May", "Will")."""
        return fold_word(word.lower()) in self.function_words

    def is_title(self, word: str) -> bool:
        """An office or an honorific ("presidente", "Mme")."""
        low = word.lower()
        return low in self.offices or low in self.honorifics

    def is_particle(self, word: str) -> bool:
        """A lowercase connector that may sit inside a name ("de", "van", "al")."""
        return word.lower().replace("\u2019", "'") in self.particles

    def known(self, word: str) -> bool:
        """Whether the lowercase form is an ordinary word of the language (simplemma's lexicon)."""
        low = word.lower()
        found = self._known.get(low)
        if found is None:
            found = _simplemma_known(low, self.language)
            if len(self._known) < 100_000:
                self._known[low] = found
        return found


    def ordinary(self, word: str) -> bool:
        """An ordinary word (:meth:`known`), one of the pack's time words (a number word, a
        quantity or time modifier, a day word: "Cinque", "Almeno", "Hace", "Ayer") or of its most
        frequent words ("Purtroppo", "Beaucoup", "Sinceramente"): simplemma's lexicons hold only
        words that inflect. (:meth:`known` alone feeds the model's features.)"""
        return word.lower() in self.frequent or self.known(word)


#: Lists and tables of ``time.toml`` whose one-word entries are ordinary words (months and
#: weekdays are not: "May", "Augusto" are names).
_TIME_ORDINARY = ("numbers", "vague_numbers", "duration_modifiers", "ago_before", "ago_after",
                  "later_before", "day_words")


def _time_words(lang_pack: Any) -> frozenset[str]:
    data = lang_pack.topic("time") if lang_pack.code in FULL else {}
    return frozenset(w.lower() for key in _TIME_ORDINARY for w in data.get(key, ())
                     if " " not in w and "'" not in w and not w[:1].isdigit())


def _simplemma_known(word: str, language: str) -> bool:
    if language not in _SIMPLEMMA:
        return False
    import simplemma  # noqa: PLC0415 - its dictionaries load lazily per language

    return bool(simplemma.is_known(word, lang=language))


@lru_cache(maxsize=32)
def lexicon(language: str | None) -> NameLexicon:
    """The lexicon of a language code ("es", "pt-BR"); unknown codes get the union of all packs."""
    code = (language or "").lower()[:2]
    lang_pack = pack(code)
    return NameLexicon(
        language=code,
        function_words=frozenset(fold_word(w) for w in lang_pack.words("words", "function_words")),
        openers=frozenset(w.lower() for w in lang_pack.words("names", "openers")),
        honorifics=frozenset(w.lower() for w in lang_pack.words("names", "honorifics")),
        offices=frozenset(w.lower() for w in (*lang_pack.words("names", "offices"),
                                               *lang_pack.words("names", "professions"))),
        particles=frozenset(w.lower() for w in lang_pack.words("names", "particles")),
        name_openers=frozenset(w.lower() for w in lang_pack.words("names", "name_openers")),
        org_words=frozenset(w.lower() for w in lang_pack.words("names", "org_words")),
        conjunctions=frozenset(w.lower() for w in lang_pack.words("names", "conjunctions")),
        # a full pack's own flag only: the union answering unknown languages and the names-only packs
        # (ru, tr) must not inherit German's
        capitalised_nouns=lang_pack.code in FULL and bool(lang_pack.get("names", "capitalised_nouns", False)),
        own_pack=lang_pack.code != FALLBACK,
        apostrophe_case_endings=lang_pack.code != FALLBACK and bool(
            lang_pack.get("resolution", "apostrophe_case_endings", False)),
        adjectives_after_nouns=lang_pack.code in FULL and bool(lang_pack.get("names", "adjectives_after_nouns", False)),
        frequent=_time_words(lang_pack) | frozenset(lang_pack.words("frequent", "words")),
    )


#: The gazetteer as CLDR (pinned Babel) gives it for ``PLACE_LOCALES``, shipped beside the models:
#: "name<TAB>GPE|LOC" lines, written by :func:`write_places` (``scripts/train_ner_ml.py
#: --places``, since the multilingual model's features read it) and checked against Babel by
#: tests/analyze/test_ner_places.py.
PLACES_TABLE = Path(__file__).resolve().parent / "models" / "ner-places.tsv.gz"


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """Lowercase place name → ``GPE`` (countries, territories, cities) or ``LOC`` (regions): the
    shipped table (about 2,100 names, a few milliseconds; Babel's seven locales cost about a
    second) plus the packs' ``names.toml`` ``places``."""
    found = _read_places(PLACES_TABLE) if PLACES_TABLE.is_file() else babel_places()
    for code in FULL:  # what CLDR lacks: the press's abbreviations (names.toml "places")
        for name in pack(code).words("names", "places"):
            found.setdefault(name.lower(), "GPE")
    return found


def _read_places(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
        name, _, kind = line.partition("\t")
        found[name] = kind
    return found


def write_places(path: Path = PLACES_TABLE) -> int:
    """Write :func:`babel_places` as the shipped table (deterministic bytes); returns its size."""
    rows = "".join(f"{name}\t{kind}\n" for name, kind in babel_places().items())
    data = gzip.compress(rows.encode("utf-8"), compresslevel=9, mtime=0)
    path.write_bytes(data)
    return len(data)


def babel_places() -> dict[str, str]:
    """The gazetteer from Babel: territory names and time-zone exemplar cities in
    ``PLACE_LOCALES``, in a fixed order (what the shipped table holds)."""
    from babel import Locale  # noqa: PLC0415 - Babel's data loads on first use
    from babel.dates import get_timezone_location  # noqa: PLC0415

    found: dict[str, str] = {}
    for code in PLACE_LOCALES:
        locale = Locale(code)
        for key, name in locale.territories.items():
            if key in _NOT_PLACES or "(" in name or len(name.split()) > MAX_PLACE_WORDS:
                continue
            found.setdefault(name.lower(), "LOC" if key.isdigit() else "GPE")
        for zone in _zones():
            try:
                city = get_timezone_location(zone, locale=locale, return_city=True)
            except (LookupError, ValueError):  # a zone without an exemplar city
                continue
            if city and len(city.split()) <= MAX_PLACE_WORDS:
                found.setdefault(city.lower(), "GPE")
    return found


@lru_cache(maxsize=1)
def place_first_words() -> frozenset[str]:
    """The first words of the gazetteer's names, lowercase (a cheap test before a lookup)."""
    return frozenset(name.split(" ", 1)[0] for name in places())


def _zones() -> list[str]:
    from zoneinfo import available_timezones  # noqa: PLC0415

    return sorted(zone for zone in available_timezones()
                  if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "posix/", "right/")))
