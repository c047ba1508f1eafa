"""Tokens and features of the offline NER model, shared by training and tagging.

The tokenizer follows the conventions of the GMB corpus the model is trained on (PTB-like: "U.S."
one token, hyphenated words one token, possessive "'s" split off, punctuation apart), so that
features mean the same at training and at run time. Features carry across news sources: the
lowercased word, prefixes and suffixes, word shape, casing flags and the same for the two words
either side. No gazetteer is used.

The per-word part of the features is memoised (:func:`word_features`): a pure function of the
word, so the cache cannot make two runs disagree; it is bounded.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.analyze.ner_lexicon import NameLexicon

__all__ = ["ML_TOKEN_RE", "capitalised_runs", "org_adjective", "place_marks", "TOKEN_RE", "ml_sentence_features", "ml_tokenize", "sentence_features",
           "tokenize", "word_features", "word_shape"]

#: One token: a dotted acronym (U.S.), an abbreviation with its period (Mr.), a number, a
#: possessive, a word with inner hyphens or apostrophes, or one other non-space character.
TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Gov|Rep|Lt|Col|Sgt|Capt|Adm|Maj|Prof|Rev|St|Jr|Sr|Inc|Corp|Ltd|Co|Dept)\.(?=\s)"
    r"|\d+(?:[.,:]\d+)*%?"
    r"|['\u2019][sS]\b"
    r"|\w+(?:-\w+|['\u2019](?![sS]\b)\w+)*"
    r"|[^\w\s]"
)

#: Tokens of the multilingual model: as TOKEN_RE without English abbreviations and possessives,
#: and with elided articles and prepositions split off their word (l'Onu, d'Airbus, dell'Eni).
ML_TOKEN_RE = re.compile(
    r"[A-Z]{1,2}\.(?:[A-Z]{1,2}\.?)+"
    r"|(?:[^\W\d_]\.){2,}"
    r"|(?i:l|d|j|n|s|c|m|t|qu|un|dell|nell|all|sull|dall|dagl|degl|quell|lorsqu|puisqu|jusqu)['\u2019]"
    r"(?=[^\W\d_])"
    r"|\d+(?:[.,:]\d+)*%?"
    r"|\w+(?:-\w+|['\u2019]\w+)*"
    r"|[^\w\s]"
)

_SHAPE_TABLE = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "X" * 26 + "x" * 26 + "d" * 10,
)
_RUNS = re.compile(r"(.)\1+")
_FIRST_GROUP = operator.itemgetter(1)  # a run's one character (a C call; "\\1" is expanded in Python)


class _CaseShapes(dict[int, str]):
    """``str.translate`` table of every other character: upper case → X, lower case → x, the rest
    itself; filled on first use, bounded."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        shape = "X" if char.isupper() else "x" if char.islower() else char
        if len(self) < 65_536:
            self[code] = shape
        return shape


_OTHER_SHAPES = _CaseShapes()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token offsets ``(start, end)`` inside ``text[start:end]``, in order."""
    stop = len(text) if end is None else end
    return [m.span() for m in TOKEN_RE.finditer(text, start, stop)]


def ml_tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token offsets of the multilingual model (:data:`ML_TOKEN_RE`)."""
    stop = len(text) if end is None else end
    return [m.span() for m in ML_TOKEN_RE.finditer(text, start, stop)]


def word_shape(word: str) -> str:
    """Compressed shape: ``Blinken`` → ``Xx``, ``S-400`` → ``X-d``, ``U.S.`` → ``X.X.``."""
    shape = word.translate(_SHAPE_TABLE)
    if not shape.isascii():
        shape = shape.translate(_OTHER_SHAPES)
    return _RUNS.sub(_FIRST_GROUP, shape)


@lru_cache(maxsize=200_000)
def word_features(word: str) -> tuple[str, ...]:
    """Features of the word itself (no context)."""
    low = word.lower()
    shape = word_shape(word)
    feats = ["b", "w=" + low, "sh=" + shape, "p2=" + low[:2], "p3=" + low[:3],
             "s2=" + low[-2:], "s3=" + low[-3:], "s4=" + low[-4:], "len=" + str(min(len(word), 8))]
    if word[:1].isupper():
        feats.append("cap")
    if word.isupper() and len(word) > 1:
        feats.append("upper")
    if any(c.isdigit() for c in word):
        feats.append("digit")
    if "-" in word:
        feats.append("hyph")
    return tuple(feats)


@lru_cache(maxsize=200_000)
def _context(word: str) -> tuple[str, str]:
    return word.lower(), word_shape(word)


def sentence_features(words: list[str]) -> list[list[str]]:
    """CRF features of every word of one sentence."""
    n = len(words)
    ctx = [_context(w) for w in words]
    pad = ("<s>", "<s>")
    out: list[list[str]] = []
    for i, word in enumerate(words):
        low, shape = ctx[i]
        p1 = ctx[i - 1] if i > 0 else pad
        p2 = ctx[i - 2] if i > 1 else pad
        n1 = ctx[i + 1] if i + 1 < n else ("</s>", "</s>")
        n2 = ctx[i + 2] if i + 2 < n else ("</s>", "</s>")
        feats = list(word_features(word))
        feats += ["-1w=" + p1[0], "-1sh=" + p1[1], "-2w=" + p2[0], "+1w=" + n1[0],
                  "+1sh=" + n1[1], "+2w=" + n2[0], "-1sh|sh=" + p1[1] + "|" + shape,
                  "sh|+1sh=" + shape + "|" + n1[1], "-1w|w=" + p1[0] + "|" + low]
        if i == 0:
            feats.append("first")
        out.append(feats)
    return out


# --- the multilingual model -------------------------------------------------------------------
#
# Its features must carry from the languages it is trained on to those it is not: shape, casing,
# position, suffixes, and membership in the language pack's lists (function word, opener, office,
# honorific, particle), simplemma's lexicon (an ordinary word of the language) and the CLDR place
# gazetteer. The lowercase word itself is a feature too; it helps where the language was seen.

_SENTENCE_MARKS = frozenset(".!?:;\"“”«»—–-()[]•|")


_FIRST_WORDS: dict[int, tuple[Mapping[str, str], frozenset[str]]] = {}


def _first_words(gazetteer: Mapping[str, str]) -> frozenset[str]:
    """First words of the gazetteer's names (a cheap test before joining words)."""
    cached = _FIRST_WORDS.get(id(gazetteer))
    if cached is None or cached[0] is not gazetteer:
        cached = (gazetteer, frozenset(name.split(" ", 1)[0] for name in gazetteer))
        _FIRST_WORDS[id(gazetteer)] = cached
    return cached[1]


def place_marks(words: list[str], gazetteer: Mapping[str, str]) -> list[str]:
    """``gB``/``gI`` for words inside the longest gazetteer match at each position, else ``""``."""
    from storyline.analyze.ner_lexicon import MAX_PLACE_WORDS  # noqa: PLC0415 - no cycle at import

    first = _first_words(gazetteer)
    marks = [""] * len(words)
    i = 0
    while i < len(words):
        step = 1
        if words[i][:1].isupper() and words[i].lower() in first:
            for size in range(min(MAX_PLACE_WORDS, len(words) - i), 0, -1):
                if " ".join(words[i:i + size]).lower() in gazetteer:
                    marks[i] = "gB"
                    for j in range(i + 1, i + size):
                        marks[j] = "gI"
                    step = size
                    break
        i += step
    return marks


def _ml_word_class(word: str, lex: NameLexicon, initial: bool) -> str:
    """One coarse class of a word: what a neighbour needs to know about it."""
    if not word[:1].isalpha():
        return "p" if not word[:1].isdigit() else "d"
    if lex.never_name(word):
        return "F" if word[:1].isupper() else "f"
    if lex.is_title(word):
        return "T" if word[:1].isupper() else "t"
    if lex.is_particle(word) and word.islower():
        return "pa"
    if word[:1].isupper():
        if word.isupper() and len(word) > 1:
            return "U"
        return "Ck" if initial and lex.known(word) else "C"
    return "l"


def _ml_word(word: str, lex: NameLexicon, initial: bool) -> tuple[str, str, tuple[str, ...]]:
    """(class, lowercase, own features) of a word, memoised per lexicon (a pure function)."""
    key = (word, initial)
    found = lex.cache.get(key)
    if found is None:
        low = word.lower()
        kind = _ml_word_class(word, lex, initial)
        own = ["b", "w=" + low, "sh=" + word_shape(word), "s3=" + low[-3:], "s2=" + low[-2:],
               "len=" + str(min(len(word), 8)), "c=" + kind]
        if initial:
            own.append("init")
        found = (kind, low, tuple(own))
        if len(lex.cache) < 200_000:
            lex.cache[key] = found
    return found


def ml_sentence_features(words: list[str], lex: NameLexicon, gazetteer: Mapping[str, str],
                         places: list[str] | None = None) -> list[list[str]]:
    """CRF features of one sentence for the multilingual model (``places``: :func:`place_marks`
    of the words, when the caller has them)."""
    n = len(words)
    places = place_marks(words, gazetteer) if places is None else places
    infos = [_ml_word(w, lex, i == 0 or words[i - 1] in _SENTENCE_MARKS) for i, w in enumerate(words)]
    classes = [info[0] for info in infos]
    out: list[list[str]] = []
    for i, (kind, low, own) in enumerate(infos):
        feats = list(own)
        if places[i]:
            feats.append("gaz=" + places[i])
            feats.append("gazt=" + gazetteer.get(low, "multi"))
        feats.append("-2c=" + (classes[i - 2] if i > 1 else "<s>"))
        feats.append("2c=" + (classes[i + 2] if i + 2 < n else "<s>"))
        if i > 0:
            feats += ["-1c=" + classes[i - 1], "-1w=" + infos[i - 1][1], "-1c|c=" + classes[i - 1] + "|" + kind]
            if places[i - 1]:
                feats.append("-1gaz")
        else:
            feats.append("-1c=<s>")
        if i + 1 < n:
            feats += ["1c=" + classes[i + 1], "1w=" + infos[i + 1][1], "1c|c=" + classes[i + 1] + "|" + kind]
            if places[i + 1]:
                feats.append("1gaz")
        else:
            feats.append("1c=<s>")
        out.append(feats)
    return out


_MODEL_NUMBER_RE = re.compile(r"\d{1,3}|(?=[\w-]*\d)(?=[\w-]*[^\W\d_])[\w]+(?:-[\w]+)*|\d{1,3}-\w+")


def capitalised_runs(words: list[str], lex: NameLexicon, gazetteer: Mapping[str, str],
                     places: list[str] | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` word ranges of capitalised runs: words that may be names (capitalised, not a
    function word or opener of ``lex``, or inside a gazetteer place), bridged by lowercase name
    particles ("Banco de España") and closed by a model number ("Boeing 747", "777-200LR"; not a
    four-digit year)."""
    places = place_marks(words, gazetteer) if places is None else places
    named = [bool(places[i]) or (w[:1].isupper() and not lex.never_name(w)) for i, w in enumerate(words)]
    runs: list[tuple[int, int]] = []
    i, n = 0, len(words)
    while i < n:
        if not named[i]:
            i += 1
            continue
        j = i + 1
        while j < n:
            if named[j]:
                j += 1
                continue
            k = j
            while k < n and lex.is_particle(words[k]) and not words[k][:1].isupper():
                k += 1
            if j < k < n and named[k]:
                j = k + 1
                continue
            if _MODEL_NUMBER_RE.fullmatch(words[j]):
                j += 1
                if j < n and named[j]:  # "Boeing 787 Dreamliner"
                    continue
            break
        j = _org_adjective_end(words, j, lex)
        runs.append((i, j))
        i = j
    return runs


def _org_adjective_end(words: list[str], j: int, lex: NameLexicon) -> int:
    """A run ending in an organisation word takes the one lowercase word that qualifies it, after
    particles ("Union européenne", "Conseil de sécurité", "Frères musulmans")."""
    if j == 0 or words[j - 1].lower() not in lex.org_words:
        return j
    k = j
    while k < len(words) and lex.is_particle(words[k]) and words[k].islower():
        k += 1
    if k < len(words) and org_adjective(words[k], lex):
        return k + 1
    return j


def org_adjective(word: str, lex: NameLexicon) -> bool:
    """A lowercase content word that may qualify an organisation word ("européenne", "sécurité");
    only in a language with its own pack, whose function words tell a verb like "a" from it, and
    whose adjectives follow their noun (in Dutch "De Raad besloot" the word after is a verb)."""
    return lex.own_pack and lex.adjectives_after_nouns and word.isalpha() and word.islower() and len(word) > 3 and not lex.never_name(word) \
        and not lex.is_particle(word) and not lex.is_title(word)
