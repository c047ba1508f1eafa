"""Capitalised words that are no names of people, organisations or places, one code path for
every language (words from the report's language pack and Babel's CLDR data):

1. **Nationalities** ("Libyens", "Égyptiens", "Français", "Libici", "Libio") are the people of a
   country, not the country: a one-word mention that is a country's name in the report's
   language (CLDR territory names, Babel) less its last letters plus one of the pack's
   ``names.toml`` ``demonym_suffixes`` ("libye" → "liby" + "ens"; "italia" → "itali" + "ani";
   "égypte" → "égypt" + "iens") is typed ``NORP``, as the English model types "Libyan", and so
   never counts as a place or merges with one. No kept library lists demonyms per language (CLDR
   has none), hence the derivation; a report's own person ("Franco" in "Francisco Franco") is
   left alone.
2. **Capitalised common nouns after a determiner** ("le ministre des Affaires étrangères", "la
   télévision d'Etat", "l'accès à Internet", "el Islam", "du Guide"): a one-word mention, not in
   capitals and no known place, written right after one of the pack's ``names.toml``
   ``determiners`` and whose lowercase form is an ordinary word of the language (simplemma's
   lexicon, :meth:`~storyline.analyze.ner_lexicon.NameLexicon.known`), is dropped with every
   mention of it in the report, unless the report also writes it inside a longer capitalised
   name ("MacBook Pro" beside "el Pro"). Names take no article in these languages (people never, places are CLDR's, and
   organisations named with an article are several words or acronyms: "la Casa Blanca",
   "l'OTAN"). A pack without ``determiners`` (English, whose model judges such words itself;
   German, which capitalises every noun; Dutch, which capitalises adjectives of names: "de
   Indonesische minister") leaves rule 2 off, and one without ``demonym_suffixes``
   rule 1 (English: GMB's model already types nationalities NORP). An office's department is
   kept ("il ministro della Difesa") and, where adjectives follow nouns, takes the adjective that
   agrees with it ("ministre des Affaires étrangères": "Affaires étrangères", not "Affaires").

3. **Places named by their kind** ("la ciudad de Bani Walid", "la ville de Zawiya", "il porto di
   Brega", "la plaza Tahrir"): a name right after one of the pack's ``names.toml``
   ``place_nouns`` (towns, regions, ports: GPE; squares and streets, ``square_nouns``: LOC),
   with or without a preposition (a square's name follows it directly: "à la place de Kadhafi"
   is "instead of Kadhafi"), is a place wherever the report writes it, whatever the
   tagger guessed, unless it is part of a person's name in the report ("la ciudad de Gadafi"
   beside "Muamar el Gadafi"); CLDR names countries and the cities of time zones only, so towns in the news
   come to the tagger unknown.

Cost: one look-behind per one-word mention and a set lookup; the stems of a language's country
names are built once per process.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from storyline.analyze.ner_lexicon import NameLexicon, places
from storyline.lang import FULL, fold_word, pack
from storyline.model import Mention, Span

__all__ = ["common_nouns_and_demonyms", "demonym_stems", "is_demonym"]

#: Letters a country name may lose before a nationality suffix ("libye" → "liby", "egipto" → "egip").
_MAX_CUT = 2
#: Shortest stem that may carry a suffix ("lib" of "libia" would make "libri" a nationality).
_MIN_STEM = 4
_NEXT_WORD = re.compile(r" ([^\W\d_]+)(?![\w'\u2019-])")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*$")
_RETYPED = frozenset({"PERSON", "ORG", "GPE", "LOC"})


@lru_cache(maxsize=16)
def demonym_stems(code: str) -> dict[str, int]:
    """Folded stems of the language's one-word country names (CLDR via Babel) → the fewest
    letters cut to make them: each name less 0 to ``_MAX_CUT`` final letters, at least
    ``_MIN_STEM`` long; empty for a language without a full pack."""
    if code not in FULL:
        return {}
    from babel import Locale  # noqa: PLC0415 - CLDR data, read once per language

    stems: dict[str, int] = {}
    for key, name in Locale.parse(code).territories.items():
        word = fold_word(name)
        if not key.isalpha() or " " in word or "-" in word:
            continue  # regions ("001") and names of several words
        for cut in range(_MAX_CUT + 1):
            stem = word[:len(word) - cut] if cut else word
            if len(stem) >= _MIN_STEM and stem not in stems:
                stems[stem] = cut
    return stems


def is_demonym(word: str, code: str) -> bool:
    """Whether a word is a nationality of the language: a country stem plus a pack suffix at
    least as long as what the stem cut ("libi|o" of "libia", "egip|cios" of "egipto"; not
    "franc|o" of "francia" nor "ital|o" of "italia": the names Franco and Italo)."""
    suffixes = _suffixes(code)
    if not suffixes:
        return False
    folded = fold_word(word)
    stems = demonym_stems(code)
    if word.lower() in places() or folded in places() or stems.get(folded) == 0:
        return False  # the country itself ("España", folded "espana" = "espan" + "a")
    return any(folded.endswith(s) and stems.get(folded[:len(folded) - len(s)], len(s) + 1) <= len(s)
               for s in suffixes)


@lru_cache(maxsize=16)
def _suffixes(code: str) -> tuple[str, ...]:
    return tuple(sorted({fold_word(s) for s in pack(code).words("names", "demonym_suffixes")}, key=len))


@lru_cache(maxsize=16)
def _determiner_re(code: str) -> re.Pattern[str] | None:
    """A look-behind match of a determiner ending right before a word: "des ", "d'", "l’"."""
    words = pack(code).words("names", "determiners")
    if not words:
        return None
    elided = sorted((w[:-1] for w in words if w.endswith("'")), key=len, reverse=True)
    spaced = sorted((w for w in words if not w.endswith("'")), key=len, reverse=True)
    parts = []
    if spaced:
        parts.append(r"(?:" + "|".join(map(re.escape, spaced)) + r")\s+")
    if elided:
        parts.append(r"(?:" + "|".join(map(re.escape, elided)) + r")['\u2019]\s*")
    return re.compile(r"(?<![\w'\u2019])(?:" + "|".join(parts) + r")$", re.IGNORECASE)


def common_nouns_and_demonyms(text: str, mentions: Sequence[Mention], lex: NameLexicon) -> list[Mention]:
    """Rules 1 and 2 of the module docstring over one report's mentions."""
    code = lex.language
    determiner = _determiner_re(code) if code in FULL else None
    suffixes = _suffixes(code) if code in FULL else ()
    if determiner is None and not suffixes and _place_noun_re(code) is None:
        return list(mentions)
    surfaces = [text[m.span.start:m.span.end] for m in mentions]
    people = {w for s, m in zip(surfaces, mentions) if m.type == "PERSON" and " " in s for w in s.split()}
    nouns = {s for s, m in zip(surfaces, mentions)
             if determiner is not None and _common_noun(text, s, m, lex, determiner) and not is_demonym(s, code)}
    kinds = _place_kinds(text, surfaces, mentions, code)
    out: list[Mention] = []
    for surface, mention in zip(surfaces, mentions):
        if surface in kinds and mention.type in _RETYPED:
            out.append(Mention(mention.span, kinds[surface], mention.entity))
            continue
        department = " " not in surface and _department(text, mention, lex, determiner)
        if surface in nouns and not department:
            continue
        if department and lex.adjectives_after_nouns and mention.type == "ORG":
            mention = _with_adjective(text, mention, lex)
        if suffixes and mention.type in _RETYPED and " " not in surface and surface not in people \
                and not surface.isupper() and is_demonym(surface, code):
            mention = Mention(mention.span, "NORP", mention.entity)
        out.append(mention)
    return out


def _common_noun(text: str, surface: str, mention: Mention, lex: NameLexicon,
                 determiner: re.Pattern[str]) -> bool:
    if mention.type not in _RETYPED or " " in surface or surface.isupper() or not _WORD.match(surface):
        return False
    if not _after_determiner(text, mention.span.start, determiner):
        return False
    if surface.lower() in places() or not lex.known(surface):
        return False
    return not _written_as_name(text, surface, lex)


@lru_cache(maxsize=16)
def _place_noun_re(code: str) -> re.Pattern[str] | None:
    """A place noun and an optional preposition ending right before a name: "ciudad de ",
    "ville d'", "plaza "; group ``kind`` is the noun."""
    if code not in FULL:
        return None
    if not (pack(code).words("names", "place_nouns") or pack(code).words("names", "square_nouns")):
        return None
    towns = pack(code).words("names", "place_nouns")
    squares = pack(code).words("names", "square_nouns")
    links = sorted(pack(code).words("resolution", "name_connectors"), key=len, reverse=True)
    link = r"(?:(?:" + "|".join(map(re.escape, links)) + r")\s+|[dl]['\u2019])?" if links else ""
    parts = []
    if towns:
        parts.append(r"(?P<town>" + "|".join(map(re.escape, sorted(towns, key=len, reverse=True))) + r")\s+" + link)
    if squares:  # a square takes its name directly: "à la place de Kadhafi" is "instead of"
        parts.append(r"(?P<square>" + "|".join(map(re.escape, sorted(squares, key=len, reverse=True))) + r")\s+")
    return re.compile(r"(?<![\w'\u2019-])(?:" + "|".join(parts) + ")$", re.IGNORECASE)


def _place_kinds(text: str, surfaces: Sequence[str], mentions: Sequence[Mention], code: str) -> dict[str, str]:
    """Surface → GPE or LOC for the names the report writes after a place noun (rule 3)."""
    pattern = _place_noun_re(code)
    if pattern is None:
        return {}
    people = {w for s, m in zip(surfaces, mentions) if m.type == "PERSON" and " " in s for w in s.split()}
    found: dict[str, str] = {}
    for surface, mention in zip(surfaces, mentions):
        if mention.type not in _RETYPED or surface in found or not surface[:1].isupper() or surface in people:
            continue  # "la ciudad de Gadafi" beside "Muamar el Gadafi" is his city
        cue = pattern.search(text, max(0, mention.span.start - 30), mention.span.start)
        if cue is not None:
            found[surface] = "LOC" if cue["square"] else "GPE"
    return found


def _department(text: str, mention: Mention, lex: NameLexicon, determiner: re.Pattern[str] | None) -> bool:
    """An office's department: the word after an office and a determiner ("ministro della Difesa",
    "ministre des Affaires étrangères") is a name, the recogniser's ORG."""
    if determiner is None:
        return False
    found = determiner.search(text, max(0, mention.span.start - 12), mention.span.start)
    if found is None:
        return False
    before = text[max(0, found.start() - 30):found.start()].split()[-2:]  # "ministre de la Défense"
    return any(word.lower() in lex.offices for word in before)


def _with_adjective(text: str, mention: Mention, lex: NameLexicon) -> Mention:
    """A department (one word) with the lowercase adjective that agrees with it after it, in a
    language that puts adjectives after nouns ("Affaires étrangères", "Affari esteri", "Défense
    nationale"): the name is both words. Agreement is read from the last letter (number and
    gender endings); the adjective has four letters or more and is no function word, so that
    "Exteriores dijo" stays "Exteriores"."""
    match = _NEXT_WORD.match(text, mention.span.end)
    if match is None:
        return mention
    word = match.group(1)
    noun = text[mention.span.start:mention.span.end]
    if len(word) < 4 or not word.islower() or lex.is_function_word(word) or word[-1] != noun[-1].lower():
        return mention
    return Mention(Span(mention.span.start, match.end(1)), mention.type, mention.entity)


def _after_determiner(text: str, start: int, determiner: re.Pattern[str]) -> bool:
    return determiner.search(text, max(0, start - 12), start) is not None


def _written_as_name(text: str, surface: str, lex: NameLexicon) -> bool:
    """Whether the report also writes the word inside a longer capitalised name ("MacBook Pro"
    beside "el Pro"): then it is a name. (A capital after a preposition proves nothing in
    languages that capitalise institutions: "secretaria de Estado".) One word is looked up in the
    report's index (:func:`_after_capitalised`, built once per report: linear, where a scan per
    word was quadratic on long pages); a longer surface is scanned for."""
    if _ONE_WORD.fullmatch(surface):
        return any(not lex.is_function_word(word) for word in _after_capitalised(text).get(surface, ()))
    at = text.find(surface)
    while at >= 0:
        end = at + len(surface)
        whole = (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum())
        previous = text[max(0, at - 40):at]
        if whole and previous.endswith(" ") and previous.rstrip()[-1:].isalnum():
            word = previous.split()[-1]
            if word[:1].isupper() and word[-1].isalnum() and not lex.is_function_word(word):
                return True  # "MacBook Pro"; not "El Gobierno" opening a sentence
        at = text.find(surface, end)
    return False


_ONE_WORD = re.compile(r"[^\W_]+")
_PAIR = re.compile(r"(\S+)\s* (?=([^\W_]+))")  # a space right before the word, as the scan read


@lru_cache(maxsize=2)
def _after_capitalised(text: str) -> dict[str, frozenset[str]]:
    """Word → the capitalised words (ending in a letter or digit) written right before it, one
    space between ("MacBook Pro": "Pro" → {"MacBook"}). Built in one pass over the report."""
    found: dict[str, set[str]] = {}
    for word, following in _PAIR.findall(text):
        if word[:1].isupper() and word[-1].isalnum():
            found.setdefault(following, set()).add(word)
    return {key: frozenset(words) for key, words in found.items()}
