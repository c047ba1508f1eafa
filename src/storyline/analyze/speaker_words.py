"""Word shapes for speaker resolution (:mod:`storyline.analyze.speaker_names`): folding a name
for comparison (``Erdoğan`` -> ``erdogan``), the capitalised run that names a speaker, and the
tests that a word or phrase is no name (a cue or function word, a shouted credit, a capitalised
verb form, a common noun simplemma knows, a role or organisation word). Each test reads one
word or phrase; simplemma look-ups are cached per (language, word).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from storyline.analyze.quote_cues import SpeechCues

__all__ = [
    "acronym",
    "common_head",
    "common_word",
    "fold",
    "name_run",
    "not_a_name",
    "of_someone",
    "plausible",
    "unelided",
    "verb_form",
]


class _FoldTable(dict[int, str]):
    """``str.translate`` table that learns each character's folded form the first time it sees it,
    so folding runs at C speed after warm-up (the per-character Python loop it replaces was a
    tenth of reconciliation's time)."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable({ord("ı"): "i"})


def fold(name: str) -> str:
    """Lowercase and strip accents: ``Erdoğan`` -> ``erdogan``."""
    return name.lower().translate(_FOLD_TABLE)


def name_run(words: list[str], particles: frozenset[str] = frozenset()) -> list[str]:
    """The run of capitalised words that names the speaker ("and" may join two; a name particle
    between capitalised words belongs to it: "Luiz Inácio Lula da Silva"): the first run when
    the phrase opens with it ("Irena Povalek of the Varno Institute"), the last when it opens
    with the office's organisation ("of the National Federation of Hauliers Lukas Brantner"),
    never every capitalised word of the phrase."""
    runs: list[list[str]] = [[]]
    for i, word in enumerate(words):
        if word[:1].isupper() and not word.startswith("("):
            runs[-1].append(word)
        elif word == "and" and runs[-1]:
            runs[-1].append(word)
        elif word in particles and runs[-1] and words[i + 1 : i + 2] and words[i + 1][:1].isupper():
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    runs = [run[:-1] if run and run[-1] == "and" else run for run in runs if run]
    if not runs:
        return []
    return runs[0] if words[0][:1].isupper() else runs[-1]


_TRAILING = frozenset({"himself", "herself", "themselves", "itself", "too", "also", "alone", "jr", "sr"})


def common_head(words: list[str]) -> bool:
    """The phrase ends in a common noun ("the US media"): its capitalised words only modify it."""
    last = words[-1].rstrip(".").lower() if words else ""
    return words[-1][:1].islower() and last.isalpha() and last not in _TRAILING


def unelided(cues: SpeechCues, word: str) -> list[str]:
    """``l'AFP`` -> ``AFP``, ``l'armée`` -> ``armée``: an elided determiner is no part of the
    name; an elided preposition is a word of its own (``d'État`` -> ``d'``, ``État``)."""
    head, mark, rest = word.replace("\u2019", "'").partition("'")
    elided = (head + "'").lower()
    if mark and rest[:1].isalpha():
        if elided in cues.determiners:
            return [rest]
        if elided in cues.name_joiners:
            return [elided, rest]
    return [word]


def of_someone(cues: SpeechCues, words: list[str], name: list[str]) -> bool:
    """The phrase opens with a common noun, and the name is its complement after a preposition
    (``La hija de Gadafi``, ``relatives of Smith``)."""
    first = words[0]
    if not first[:1].islower():
        return False
    at = len(words) - len(name) if words[-len(name):] == name else words.index(name[0])
    return any(w.lower() in cues.name_joiners or w.lower() in cues.prepositions for w in words[1:at])


def verb_form(cues: SpeechCues, word: str) -> bool:
    """``word`` has a verb ending of the language (a past or gerund suffix of the pack) and is an
    inflected form in simplemma's dictionary (``Empezaron`` -> empezar): a capitalised sentence
    opener, not a name. Surnames that are also plural nouns (``Torres``, ``Santos``) have no
    verb ending and stay names."""
    low = word.lower()
    endings = cues.past_suffixes + cues.gerund_suffixes
    return bool(endings) and low.endswith(endings) and _inflected(cues.language, word)


@lru_cache(maxsize=4096)
def _inflected(language: str, word: str) -> bool:
    """``word`` is an inflected form of a common word of ``language`` in simplemma's dictionary
    (its lemma differs). Names simplemma knows are their own lemma (``Parigi``, ``Obama``)."""
    import simplemma

    low = word.lower()
    try:
        return simplemma.is_known(low, lang=language) and simplemma.lemmatize(low, lang=language).lower() != low
    except ValueError:  # a language simplemma lacks ("xx")
        return False


@lru_cache(maxsize=4096)
def common_word(language: str, word: str) -> bool:
    """simplemma knows ``word`` lowercased as a common word of ``language`` (its lemma is
    lowercase: ``Traccia`` -> traccia; a proper noun's lemma keeps its capital: ``Parigi``)."""
    import simplemma

    low = word.lower()
    try:
        return simplemma.is_known(low, lang=language) and simplemma.lemmatize(low, lang=language).islower()
    except ValueError:  # a language simplemma lacks ("xx")
        return False


def plausible(cues: SpeechCues, name: str) -> bool:
    """Not a cue or function word ("dijo", "Así"), not a shouted credit or heading ("AS
    REPORTED BY", "HELSINKI THINK TANK"): an all-capitals name is a short acronym or a run of
    them ("ONU", "EE UU")."""
    words = name.split()
    if any(w.lower() in cues.document_nouns for w in words[:1]):
        return True  # "Bericht": a document cited, though the word is also a verb form
    if all(w.lower() in cues.cue_forms or w.lower() in cues.speaker_break_words
           or w.lower() in cues.never_names for w in words):
        return False
    letters = [c for c in name if c.isalpha()]
    shouted = letters and all(c.isupper() for c in letters)
    return not (shouted and (len(words) > 1 and any(len(w.strip(".")) > 3 for w in words) or len(letters) > 6))


def acronym(name: str) -> bool:
    """Capitals only, at most six letters (``EE UU``, ``USA``, ``ONU``)."""
    letters = [c for c in name if c.isalpha()]
    return 0 < len(letters) <= 6 and all(c.isupper() for c in letters)


def not_a_name(cues: SpeechCues, word: str) -> bool:
    return (word in cues.org_words or word in cues.non_person_words
            or word.lower() in cues.role_nouns)
