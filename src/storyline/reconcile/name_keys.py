"""Keys and similarities of names: folding, transliteration keys, given names, acronyms.

* :func:`fold`: lowercase, accents off, Turkish dotless i and a few letters spelled out
  (``Çavuşoğlu`` → ``cavusoglu``).
* :func:`phonetic_key`: a transliteration-tolerant key of one name part. Digraphs of other
  romanisations are reduced (``ch``, ``sh``, ``kh``, ``ph``, ``th``), ``c``/``q`` → ``k``,
  ``w`` → ``v``, ``z`` → ``s``, ``l`` → ``r`` (the l/r confusion of names that went through Chinese
  or Japanese), ``h`` after a consonant and doubled letters dropped, ``y``/``j`` → ``i``, ``u`` → ``o``,
  ``e`` → ``i``. So ``Akar``/``Akal``/``Akkar`` share a key, as do ``Antony``/``Anthony``, and
  ``Cavusoglu``/``Chavushoru`` are one edit apart.
* :func:`translit_key`: a looser key across scripts and romanisations: the part transliterated to
  ASCII (anyascii; a pack's name prefixes such as Arabic "ال" taken off first), the families
  q/k/g/c/x/kh/gh → ``k``, dh/d → ``d``, th/t → ``t``, ph/f → ``f``, sh/s/z → ``s``, vowels in
  three classes (a/e, i/y, o/u/ou/w), non-initial h dropped, doubles collapsed: Gaddafi,
  Gadafi, Kadhafi, Gheddafi, Qaddafi, Kaddafi and Каддафи are all ``kadafi``, Mouammar and
  Muammar ``muamar``. A name written in an abjad (القذافي) has no vowels to compare: its key is
  its consonants (``~kdf``), and it meets any key with those consonants (:func:`translit_match`).
  Keys of fewer than three consonants are empty. Measured on the 3,056 distinct surnames (five
  letters or more) of GMB, English news full of transliterated names: the key unites 36 groups
  (83 names) that the phonetic key keeps apart; 14 are true variants (Mohammed/Muhammad,
  Hussein/Hussain, Meshaal/Mashaal, Rajapakse/Rajapaksa) and 22 different names (Warner/Werner,
  Peterson/Patterson, Jensen/Jansen). So it is never used alone: two full names need an
  agreeing given name, one-word names must share a story.
* :func:`part_similarity`: 1.0 for the same folded part, 0.95 for the same key, 0.9 for the same
  transliteration key, else the normalised Levenshtein similarity of the keys (rapidfuzz).
* :func:`given_names_compatible`: same name, same key, a known variant (Joe/Joseph), an initial,
  or a near spelling (similarity ≥ 0.8).
* :func:`acronym`: the initials of a name's content words (``North Atlantic Treaty
  Organization`` → ``nato``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

from storyline.analyze.entity_patterns import HONORIFICS, KNOWN_NAMES, LEGAL_SUFFIXES, NAME_SUFFIXES, TITLE_WORDS
from storyline.lang import FALLBACK, available, pack
from storyline.lang.caseless import name_prefixes
from storyline.lang.places import fold_place, geo_places
from storyline.reconcile.name_data import (
    GIVEN_NAME_GROUPS, NAME_PARTICLES, ORG_DESCRIPTORS, SPELLING,
)

__all__ = ["FAMILY", "acronym", "alias_of", "fold", "function_words", "given_names_compatible",
           "name_tokens", "name_words", "part_similarity", "phonetic_key", "skeleton", "translit_key",
           "translit_match"]

#: Type families: mentions merge only within one (models confuse ORG, GPE and LOC).
FAMILY = {"PERSON": "P", "ORG": "O", "GPE": "O", "LOC": "O", "FAC": "O", "NORP": "N",
          "WEAPON": "W", "PRODUCT": "W"}
_WORD_RE = re.compile(r"[^\W_]+")
#: A name joined by a hyphen to a lowercase head noun (Dutch and German compounds): the name.
_COMPOUND_RE = re.compile(r"^[^\W_]*[A-Z0-9][\w-]*-[^\W\dA-Z_][^\W\d_]*$")
_POSSESSIVE_RE = re.compile(r"\s*['\u2019][sS]?$")
_POSSESSIVE_SPLIT_RE = re.compile(r"\s*['\u2019][sS]?\s+")
_LEGAL = frozenset(s.rstrip(".") for s in LEGAL_SUFFIXES)

_SPECIAL = str.maketrans({"ı": "i", "İ": "i", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d",
                          "Đ": "d", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
                          "\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2013": "-"})
_DIGRAPHS = (("sch", "s"), ("tch", "c"), ("ch", "c"), ("sh", "s"), ("zh", "i"), ("kh", "k"),
             ("gh", "g"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("dj", "i"), ("ou", "o"))
_LETTERS = str.maketrans({"c": "k", "q": "k", "w": "v", "z": "s", "l": "r", "y": "i", "j": "i",
                          "u": "o", "e": "i", "x": "k"})
_H_AFTER_CONSONANT = re.compile(r"(?<=[^aeiou])h")
_DOUBLES = re.compile(r"(.)\1+")
_X_DIGRAPHS = (("sch", "s"), ("tch", "c"), ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "k"),
               ("gh", "k"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("sh", "s"), ("ch", "c"),
               ("ck", "k"), ("qu", "k"), ("ou", "u"))
_X_LETTERS = str.maketrans({"c": "k", "q": "k", "g": "k", "x": "k", "z": "s", "e": "a", "y": "i",
                            "o": "u", "w": "u"})
_NO_VOWELS = str.maketrans(dict.fromkeys("aiu"))
#: Scripts written without vowels (Hebrew, Arabic, Syriac, Thaana): their names are compared
#: by consonants alone.
_ABJAD = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
#: Keys with fewer consonants merge nothing (Ali/Ola, Kim/Kam).
TRANSLIT_CONSONANTS_MIN = 3
_VARIANT_OF: dict[str, set[int]] = {}
for _i, _group in enumerate(GIVEN_NAME_GROUPS):
    for _name in _group:
        _VARIANT_OF.setdefault(_name, set()).add(_i)
_GIVEN_SIMILARITY = 0.8


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Lowercase, without accents, with spelling variants unified (``Defence`` → ``defense``)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(SPELLING.get(word, word) for word in plain.split())


@lru_cache(maxsize=100_000)
def phonetic_key(part: str) -> str:
    """A transliteration-tolerant key of one folded name part (see the module docstring)."""
    key = "".join(c for c in part if c.isalnum())
    for digraph, single in _DIGRAPHS:
        key = key.replace(digraph, single)
    key = _H_AFTER_CONSONANT.sub("", key)
    key = key.translate(_LETTERS)
    return _DOUBLES.sub(r"\1", key)


@lru_cache(maxsize=100_000)
def translit_key(part: str) -> str:
    """The cross-script transliteration key of one name part (see the module docstring).

    Args:
        part: One name part in any script ("Kadhafi", "Каддафи", "القذافي").

    Returns:
        The key ("kadafi"); for a part written in an abjad (Arabic, Hebrew: no vowels), "~" and
        its consonants ("~kdf"); '' when it has fewer than three consonants.
    """
    abjad = _ABJAD.search(part) is not None
    word = _translit_letters(part)
    consonants = skeleton(word)
    if len(consonants) < TRANSLIT_CONSONANTS_MIN:
        return ""
    return "~" + consonants if abjad else word


def _translit_letters(part: str) -> str:
    """The part in Latin letters of the key's alphabet (article prefix off, digraphs and
    letter classes merged, h after the first letter and doubled letters dropped)."""
    if not part.isascii():
        for prefix in name_prefixes():
            if part.startswith(prefix) and len(part) > len(prefix) + 2:
                part = part[len(prefix):]
                break
        part = fold(anyascii(part))
    word = "".join(c for c in part.lower() if "a" <= c <= "z")
    for digraph, single in _X_DIGRAPHS:
        word = word.replace(digraph, single)
    word = word.translate(_X_LETTERS)
    return _DOUBLES.sub(r"\1", word[:1] + word[1:].replace("h", ""))


def consonant_key(part: str) -> str:
    """The consonants a name part keeps in any script, for comparing a name written in an abjad
    with its Latin spellings word by word: no vowels, no h, no doubled letters ("Ahmed" and
    "أحمد" → "md", "Muammar" and "معمر" → "mr"); any length (:func:`translit_key` wants three)."""
    return _DOUBLES.sub(r"\1", skeleton(_translit_letters(part)).replace("h", ""))


def skeleton(key: str) -> str:
    """The consonants of a :func:`translit_key` ("kadafi" → "kdf", "~kdf" → "kdf")."""
    return key.lstrip("~").translate(_NO_VOWELS)


def translit_match(a: str, b: str) -> bool:
    """Whether two transliteration keys may spell one name: equal, or one written without vowels
    (an abjad) and the same consonants."""
    if not a or not b:
        return False
    if a == b:
        return True
    return (a[0] == "~" or b[0] == "~") and skeleton(a) == skeleton(b)


def part_similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two folded name parts."""
    if a == b:
        return 1.0
    ka, kb = phonetic_key(a), phonetic_key(b)
    if ka == kb:
        return 0.95
    if translit_match(translit_key(a), translit_key(b)):
        return 0.9
    if a.isdigit() or b.isdigit() or ka[:1] != kb[:1]:
        return 0.0  # different first sounds are different names, not misspellings
    return float(Levenshtein.normalized_similarity(ka, kb))


def given_names_compatible(a: str, b: str, *, fuzzy: bool = True) -> bool:
    """Whether two folded given names may belong to one person.

    Args:
        a: A folded given name (or initial).
        b: Another.
        fuzzy: Also accept a close spelling (similarity ≥ 0.8), not only the same name, key,
            initial or a known variant.
    """
    a, b = a.rstrip("."), b.rstrip(".")
    if a == b or phonetic_key(a) == phonetic_key(b) or _h_for_kh(a) == _h_for_kh(b):
        return True
    if len(a) == 1 or len(b) == 1:
        return a[:1] == b[:1]
    if _VARIANT_OF.get(a, set()) & _VARIANT_OF.get(b, set()):
        return True
    return fuzzy and part_similarity(a, b) >= _GIVEN_SIMILARITY


def _h_for_kh(name: str) -> str:
    """A given name with an initial "kh" read "h": Cyrillic and Arabic have one letter where Latin
    spellings write H or Kh ("Хосни" romanised "Khosni" is Hosni, "Khaled" is also "Haled")."""
    return "h" + name[2:] if name.startswith("kh") else name


def acronym(words: list[str]) -> str:
    """Initials of the content words of a folded multi-word name; '' for one word."""
    content = [w for w in words if w not in connectors()]
    if len(content) < 2:
        return ""
    return "".join(w[0] for w in content if w[0].isalnum())


def name_words(surface: str, kind: str) -> tuple[str, ...]:
    """The folded words that identify a name ("Turkish President Recep Tayyip Erdoğan's" →
    ``("recep", "tayyip", "erdogan")``); empty when nothing is left.

    Also takes the name out of a longer noun phrase (evaluation data gives whole phrases): see
    :func:`name_tokens`.
    """
    words = _WORD_RE.findall(fold(romanised(" ".join(name_tokens(surface, kind))).replace(".", "")))
    if kind == "PERSON":
        while len(words) > 1 and words[-1] in NAME_SUFFIXES:
            words.pop()
        words = [w for i, w in enumerate(words) if len(w) > 1 or i in (0, len(words) - 1)]
    else:
        while len(words) > 1 and words[-1] in _LEGAL:
            words.pop()
        if FAMILY.get(kind) == "O":
            while len(words) > 1 and words[-1] in ORG_DESCRIPTORS:
                words.pop()
        if kind in ("WEAPON", "PRODUCT"):
            words = [w[:-1] if w[:-1].isdigit() and w.endswith("s") else w for w in words]
    return tuple(words)


_CASED_NON_LATIN = re.compile(r"[\u0370-\u03ff\u0400-\u052f]")


def romanised(text: str) -> str:
    """Greek and Cyrillic names in Latin letters (anyascii), so that "Ахмед Бани" meets "Ahmed
    Bani" word by word as other romanisations do; scripts without case keep their letters (an
    abjad's transliteration has no vowels to compare: :func:`translit_key` reads those)."""
    return anyascii(text) if _CASED_NON_LATIN.search(text) else text


def name_tokens(surface: str, kind: str) -> list[str]:
    """The words of the name inside a mention, as written.

    The part before a comma ("Steve Jobs, founder of Apple"), after a possessive ("Apple's
    iTunes"), without leading lowercase words ("the new iPod") or descriptions ("computer company
    Apple") and, for people, the capitalised run at the end without titles ("Apple CEO Steve
    Jobs").
    """
    text = " ".join(surface.replace(",", " , ").split()).split(" , ")[0]
    parts = _POSSESSIVE_SPLIT_RE.split(text)
    text = parts[-1] if len(parts) > 1 and parts[-1].strip() else _POSSESSIVE_RE.sub("", text)
    tokens = text.split()
    if kind == "PERSON":
        return _person_run(tokens)
    if "in" in tokens[1:]:
        tokens = tokens[:tokens.index("in", 1)]
    if tokens and _COMPOUND_RE.match(tokens[-1]):
        tokens[-1] = tokens[-1].rsplit("-", 1)[0]  # "Airbus-vliegtuigen", "Air Force-medewerkers"
    lower = [i for i, t in enumerate(tokens[:-1]) if t.lower() not in connectors()
             and not _capitalised(t) and any(_capitalised(x) for x in tokens[i + 1:])]
    if lower:
        tokens = tokens[lower[-1] + 1:]
    while len(tokens) > 1 and " ".join(tokens) not in KNOWN_NAMES and (
            tokens[0].lower() in ("the", "a", "an") or not _capitalised(tokens[0])
            or _leading_function_word(tokens[0])):
        tokens.pop(0)
    return tokens


def _leading_function_word(token: str) -> bool:
    """A capitalised function word of any pack leading a name ("La", "Il", "De", "Het"): not part
    of it (a name the recogniser knows whole, "Al Jazeera", "Le Monde", is kept by
    :func:`name_tokens`). All-capital tokens ("US", "IL") are kept: they are names or acronyms."""
    return not token.isupper() and fold(token) in function_words()


@lru_cache(maxsize=1)
def connectors() -> frozenset[str]:
    """Words that join the parts of a name in any language (``name_connectors`` of every pack's
    ``resolution.toml``: "of", "de", "di", "von"): names are not cut at them, acronyms skip them."""
    return frozenset(w for code in available() for w in pack(code).words("resolution", "name_connectors"))


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Function words of every full pack (the fallback pack's union)."""
    return pack(FALLBACK).words("words", "function_words")


def _capitalised(token: str) -> bool:
    """Written as a name: a capital or a digit, or letters of a script without case (Arabic)."""
    return any(c.isupper() or c.isdigit() or (c.isalpha() and not c.islower()) for c in token)


def _person_run(tokens: list[str]) -> list[str]:
    """The trailing run of capitalised, non-title tokens (name particles allowed inside)."""
    run: list[str] = []
    for token in reversed(tokens):
        low = token.lower().strip(".")
        if low in TITLE_WORDS or low + "." in TITLE_WORDS or low in HONORIFICS or _compound_title(low):
            break
        if _capitalised(token[:1]) and not token[:1].isdigit() or (run and low in NAME_PARTICLES):
            run.insert(0, token)
        elif token[:1] in "-'’":
            continue
        else:
            break
    while run and run[0].lower() in NAME_PARTICLES:
        run.pop(0)
    return _without_glued_words(run)


def _without_glued_words(run: list[str]) -> list[str]:
    """A person's name without a word written in capitals that the page glued to it: an
    affiliation after a particle ("Abdel Hafeez Goga del CNT": "CNT" is no surname, and would make
    the council's "Cnt" this person), a dateline town ("Marco Brancaccia ROMA"), a body or agency
    before it ("ONU Ban Ki-moon", "AFP Khalifa Haftar"). At least two words stay, so a surname a
    page writes in capitals ("Jean DUPONT") is kept."""
    if len(run) > 3 and _shouted(run[-1]) and run[-2].lower() in NAME_PARTICLES \
            and not (_shouted(run[-3]) or run[-3].lower() in NAME_PARTICLES):
        run = run[:-2]
    elif len(run) > 2 and _shouted(run[-1]) and not _shouted(run[-2]) and fold_place(run[-1]) in geo_places():
        run = run[:-1]
    shouted = next((i for i, token in enumerate(run) if not _shouted(token)), len(run))
    rest = run[shouted:]
    while rest and rest[0].lower() in NAME_PARTICLES:
        rest = rest[1:]  # "AFRICOM del Pentágono" is no person's "del Pentágono"
    if shouted and len(rest) > 1 and not any(_shouted(token) for token in rest):
        run = rest  # "IERI ALLA CASERMA Paolo Vannucci"
    return run


def _shouted(token: str) -> bool:
    """Two letters or more, all capitals ("CNT", "ROMA"; not "Ki-Moon", not "II" of a king's
    number, which no rule here reaches: it ends a run after a name, not a particle or a town)."""
    letters = [c for c in token if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


@lru_cache(maxsize=1)
def _offices() -> frozenset[str]:
    """Every pack's offices (``names.toml``) with the English title words."""
    return frozenset({w.lower() for code in available() for w in pack(code).words("names", "offices")} | TITLE_WORDS)


#: An office at least this long may end a compound title ("Rebellensprecher": "sprecher").
_COMPOUND_OFFICE_CHARS = 6


@lru_cache(maxsize=10_000)
def _compound_title(low: str) -> bool:
    """A title written as one hyphenated or compound word: "secretary-general", "UN-Generalsekretär",
    "Rebellensprecher", "Vize-Präsident" (its last part an office, its first no name particle as in
    "Al-Sheikh"; a compound's office at least
    :data:`_COMPOUND_OFFICE_CHARS` letters and three letters after the start)."""
    first, _, last = low.rpartition("-")
    if first and last in _offices():
        return first.split("-")[0] not in NAME_PARTICLES  # "Al-Sheikh" is a name
    return len(last) >= _COMPOUND_OFFICE_CHARS + 3 and any(
        last.endswith(office) and len(last) - len(office) >= 3
        for office in _offices() if len(office) >= _COMPOUND_OFFICE_CHARS)


def alias_of(surface: str, kind: str) -> str:
    """The name as written, without titles, descriptions or possessive."""
    return " ".join(name_tokens(surface, kind)) or " ".join(surface.split())
