"""Organisations across spellings, languages and acronyms: merging steps of entity resolution.

Helpers of :func:`storyline.reconcile.entities.resolve_entities`, over its name groups (one per
key) and union-find, for the organisation family ("O": ORG, GPE, LOC, FAC), which
:func:`storyline.reconcile.name_merges.merge_transliterations` leaves to one-word names only:

* :func:`org_alias`: a shared name from the packs' ``resolution.toml`` ``org_aliases`` (name in the
  pack's language → one language-neutral key): "ONU", "Nations unies", "Naciones Unidas" and
  "UN" are ``united nations``; "OTAN" and "NATO" are ``nato``. Like CLDR for places, but no kept
  library lists organisations' names per language offline, so the packs list the few that
  international news names every day (hand-written; see each pack's README).
* :func:`merge_org_spellings`: organisations of one story written in other romanisations ("Al
  Jazeera", "Al Yazira", "Al-Jazira"; "Al Qaeda", "Al-Qaida", "Al Qaïda"; "Hezbollah",
  "Hizbolá"): same number of words, each word the same consonant skeleton
  (:func:`org_word_key`) and a close spelling (normalised Levenshtein ≥ ``SPELLING_SIMILARITY``),
  the whole at least ``MIN_CONSONANTS`` consonants; two known places never merge.
* :func:`merge_acronyms`: an acronym joins the multi-word names whose initials it is. The
  report's own definition decides first: a name followed by its acronym in brackets ("Consiglio
  nazionale di transizione (Cnt)") joins that acronym whatever other expansions exist. Else the
  expansions it has must be one per language (the same body named in French, Spanish and
  Italian: "Conseil national de transition", "Consejo Nacional de Transición", "Consiglio
  nazionale di transizione" → CNT); two expansions in one language are two bodies, and then
  the acronym joins none.

Cost: linear in the groups (dict buckets), plus one scan of each report's mentions for
bracketed definitions; the alias table is built once per process.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

from storyline.lang import FULL, available, pack
from storyline.model import Annotated
from storyline.reconcile.name_keys import acronym, fold, function_words, name_words
from storyline.reconcile.places import place_key

__all__ = ["MIN_CONSONANTS", "SPELLING_SIMILARITY", "lone_function_word", "merge_acronyms", "merge_org_spellings", "org_alias",
           "org_key", "org_word_key"]

#: Two spellings of one organisation word: normalised Levenshtein similarity of the folded words
#: ("jazeera"/"yazira" 0.57, "qaeda"/"qaida" 0.8; "mundial"/"central" share no skeleton anyway).
SPELLING_SIMILARITY = 0.5
#: Consonants the whole name's key needs before spellings merge ("Al Qaeda": l, k, d).
MIN_CONSONANTS = 3
_VOWEL_LETTERS = frozenset("aeiouy")
_VOWELS = str.maketrans(dict.fromkeys("aeiouy"))
_DIGRAPHS = (("sch", "s"), ("tch", "c"), ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "k"),
             ("gh", "k"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("sh", "s"), ("ch", "c"),
             ("ck", "k"), ("qu", "k"))
_LETTERS = str.maketrans({"c": "k", "q": "k", "g": "k", "x": "k", "z": "s", "w": "u", "v": "b"})
_DOUBLES = re.compile(r"(.)\1+")
_BRACKETED = re.compile(r"\s*\(\s*$")


@lru_cache(maxsize=100_000)
def org_word_key(word: str) -> str:
    """The consonant skeleton of one folded organisation word across romanisations: the word in
    ASCII, a leading consonantal ``y`` read as ``j`` (Spanish "Yazira" for "Jazira"), the
    transliteration families of :func:`storyline.reconcile.name_keys.translit_key` (q/k/g/c/x,
    z/s, dh/d, th/t...), then the vowels, ``h`` and doubled letters dropped but the first letter
    (an opening vowel as ``a``: "Eastern" and "Southern" stay apart) (``jazeera``, ``yazira`` → ``jsr``; ``qaeda``, ``qaida``, ``kaida`` → ``kd``; ``hezbollah``,
    ``hizbolá`` → ``hsbl``)."""
    plain = "".join(c for c in fold(anyascii(word)) if "a" <= c <= "z")
    if len(plain) > 1 and plain[0] == "y" and plain[1] in "aeiou":
        plain = "j" + plain[1:]
    for digraph, single in _DIGRAPHS:
        plain = plain.replace(digraph, single)
    plain = plain.translate(_LETTERS)
    plain = plain[:1] + plain[1:].replace("h", "")
    first = "a" if plain[:1] in _VOWEL_LETTERS else plain[:1]  # an opening vowel, one class
    return _DOUBLES.sub(r"\1", first + plain[1:].translate(_VOWELS))


def org_key(words: tuple[str, ...]) -> tuple[str, ...]:
    """The skeletons of a name's words without a leading romanised Arabic article ("Al Jazeera"
    and "Jazeera" are both ``("jsr",)``); () when the whole name has fewer than
    ``MIN_CONSONANTS`` consonants ("Qaida" alone says too little; "Al Qaida" does)."""
    if sum(len(org_word_key(w)) for w in words) < MIN_CONSONANTS:
        return ()
    keys = tuple(org_word_key(w) for w in _without_article(words))
    return keys if keys and all(keys) else ()


def _without_article(words: tuple[str, ...]) -> tuple[str, ...]:
    return words[1:] if len(words) > 1 and words[0] in _articles() else words


@lru_cache(maxsize=1)
def _articles() -> frozenset[str]:
    """Articles romanised as a word before names (the ``name_articles`` of every pack's
    ``resolution.toml``: Arabic "al", "el")."""
    return frozenset(fold(w) for code in available() for w in pack(code).words("resolution", "name_articles"))


@lru_cache(maxsize=16)
def _alias_table(code: str) -> dict[str, str]:
    """Name words (as :func:`name_words` gives a mention's, so both sides meet whatever it strips)
    → shared key, from the ``resolution.toml`` ``org_aliases`` of the pack of ``code``, or of every
    pack for a language without one ("CPI" is a court in French, a price index in English)."""
    codes = [code] if code in FULL else list(available())
    table: dict[str, str] = {}
    for one in codes:
        for name, key in pack(one).topic("resolution").get("org_aliases", {}).items():
            words = name_words(name, "ORG")
            if words:
                table[" ".join(words)] = str(key)
    return table


def org_alias(joined: str, written: str, language: str | None = None) -> str | None:
    """The shared key of an organisation's name words ``joined`` in ``language`` (``"nations
    unies"`` → ``"united nations"``), or None. A name that is also a function word ("Un", "Ue"
    opening a sentence) is only that body when the mention ``written`` is all capitals."""
    key = _alias_table(language or "").get(joined)
    return None if key is None or lone_function_word(written) else key


def lone_function_word(written: str) -> bool:
    """A name written as one function word of any language, not in capitals ("Un", "Ue"): no
    alias applies to it (the English "UN" alias is no Spanish "Un")."""
    return fold(written) in function_words() and not written.replace(".", "").isupper()


def merge_org_spellings(groups: Sequence[Any], find: Any, union: Any) -> None:
    """Organisations of one story written in other romanisations (see the module docstring)."""
    buckets: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    for gi, group in enumerate(groups):
        if group.family != "O" or group.is_acronym or place_key(group.words):
            continue
        key = org_key(group.words)
        for scope in group.scopes if key else ():
            buckets[(scope, key)].append(gi)
    for members in buckets.values():
        _merge_complete_link(members, groups, find, union)


def _merge_complete_link(members: list[int], groups: Sequence[Any], find: Any, union: Any) -> None:
    """Merge the spellings of one bucket whose every spelling is close to every other's, so that
    no chain of near spellings ("Yasser", "Yasira", "Yazira", "Jazeera") joins two names.
    Quadratic in the bucket, which holds the few spellings of one consonant key in one story."""
    together: dict[int, list[int]] = defaultdict(list)
    for gi in members:
        together[find(gi)].append(gi)
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            ra, rb = find(a), find(b)
            if ra == rb or not all(_close_spellings(groups[x].words, groups[y].words)
                                   for x in together[ra] for y in together[rb]):
                continue
            union(a, b)
            merged = together.pop(ra) + together.pop(rb)
            together[find(a)] = merged


def _close_spellings(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    a, b = _without_article(a), _without_article(b)
    return len(a) == len(b) and all(x == y or Levenshtein.normalized_similarity(x, y) >= SPELLING_SIMILARITY
               for x, y in zip(a, b, strict=True))


def merge_acronyms(items: Sequence[Annotated], groups: Sequence[Any], union: Any) -> None:
    """An acronym joins its expansions: those its reports define in brackets, else all of them
    when they are one per language (see the module docstring)."""
    group_of = {member: gi for gi, g in enumerate(groups) for member in g.mentions}
    defined = _bracket_definitions(items, groups, group_of)
    for acronym_group, expansion in defined:
        union(expansion, acronym_group)
    expansions: dict[str, list[int]] = defaultdict(list)
    for gi, group in enumerate(groups):
        if group.family == "O" and len(group.words) > 1:
            initials = acronym(list(group.words))
            if initials:
                expansions[initials].append(gi)
    explained = {a for a, _ in defined}
    for gi, group in enumerate(groups):
        if not group.is_acronym or group.family != "O" or gi in explained:
            continue
        found = expansions.get(group.words[0], [])
        by_language: dict[str, list[int]] = defaultdict(list)
        for candidate in found:
            for language in _languages(items, groups[candidate]):
                by_language[language].append(candidate)
        if found and all(len(set(c)) == 1 for c in by_language.values()):
            for candidate in found:
                union(candidate, gi)


def _languages(items: Sequence[Annotated], group: Any) -> set[str]:
    return {items[ii].article.language or "" for ii, _ in group.mentions}


def _bracket_definitions(items: Sequence[Annotated], groups: Sequence[Any],
                         group_of: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """(acronym group, expansion group) for each "Name (ACRONYM)" in the reports, the acronym
    spelling the initials of the name's content words, in any case ("Cnt")."""
    found: list[tuple[int, int]] = []
    for ii, item in enumerate(items):
        text = item.article.text
        order = sorted(range(len(item.entities)), key=lambda mi: item.entities[mi].span.start)
        for first, second in zip(order, order[1:]):
            name, short = item.entities[first], item.entities[second]
            between = text[name.span.end:short.span.start]
            if not _BRACKETED.fullmatch(between) or text[short.span.end:short.span.end + 1] != ")":
                continue
            ga, gb = group_of.get((ii, second)), group_of.get((ii, first))
            if ga is None or gb is None or groups[ga].family != "O" or groups[gb].family != "O":
                continue
            letters = short.span.text_in(text).replace(".", "")
            initials = acronym(list(groups[gb].words))
            if 2 <= len(letters) <= 8 and letters.isalpha() and initials == fold(letters):
                found.append((ga, gb))
    return found
