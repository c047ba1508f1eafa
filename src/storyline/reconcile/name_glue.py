"""Words a page glued before a person's name, taken off the name an entity is shown by.

Crawled pages run a role's complement, a ministry, a body or a headline's word into the name
that follows it: "presidente della Repubblica Giorgio Napolitano" is tagged "Repubblica Giorgio
Napolitano", "il ministro degli Esteri Franco Frattini" "Esteri Franco Frattini", "el segretario
generale della Otan Anders Fogh Rasmussen" "Otan Anders Fogh Rasmussen". When the rest of such
an alias ("Giorgio Napolitano", two words or more) is itself an alias of the same entity and every
word taken off is a glue word, the alias counts as its rest: the entity is named, and its claims
attributed, by the name, not by "Repubblica Giorgio Napolitano".

A glue word is, in a language of the entity's reports: one of the pack's frequent words
(``frequent.toml``), offices, honorifics, organisation words or role nouns, by itself or by
simplemma's lemma ("Presidentes" → "presidente"); or the name of a body or place of the same
story ("Otan", "Pd", "Cisl"). A given name the packs list among frequent words ("Pierre",
"Angela") is only taken off when the rest, a full name, is written alone in the story as well.
Cost: per alias of three words or more, one dictionary lookup per word and per split.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

import simplemma

from storyline.lang import available, pack
from storyline.reconcile.name_keys import fold

__all__ = ["glued_aliases", "merge_glued"]

#: The pack lists whose words a page glues before a name.
_GLUE_LISTS = (("frequent", "words"), ("names", "offices"), ("names", "honorifics"),
               ("names", "org_words"), ("speech", "role_nouns"))


def glued_aliases(aliases: Iterable[str], languages: Iterable[str | None],
                  bodies: frozenset[str] = frozenset()) -> dict[str, str]:
    """Each glued alias of a person mapped to the alias it holds (see the module docstring).

    Args:
        aliases: The entity's aliases as written.
        languages: The languages of the reports naming it (ISO codes; None for unknown).
        bodies: Folded names of the story's organisations and places.
    """
    written = set(aliases)
    codes = tuple(sorted({(code or "")[:2].lower() for code in languages} & set(available())))
    out: dict[str, str] = {}
    for alias in written:
        words = alias.split()
        for cut in range(1, len(words) - 1):
            rest = " ".join(words[cut:])
            if rest in written and all(_glue(word, codes, bodies) for word in words[:cut]):
                out[alias] = rest
                break
    return out


def merge_glued(counts: Mapping[str, int], glued: Mapping[str, str]) -> dict[str, int]:
    """``counts`` with each glued alias's count added to the alias it holds."""
    merged: dict[str, int] = {}
    for alias, count in counts.items():
        target = glued.get(alias, alias)
        merged[target] = merged.get(target, 0) + count
    return merged


def _glue(word: str, codes: tuple[str, ...], bodies: frozenset[str]) -> bool:
    folded = fold(word.strip(".,;:'\u2019"))
    if not folded:
        return False
    if folded in bodies:
        return True
    return any(folded in _glue_words(code) or _lemma(folded, code) in _glue_words(code) for code in codes)


@lru_cache(maxsize=16)
def _glue_words(code: str) -> frozenset[str]:
    words: set[str] = set()
    for topic, key in _GLUE_LISTS:
        words.update(fold(w) for w in pack(code).words(topic, key))
    return frozenset(words)


@lru_cache(maxsize=8192)
def _lemma(word: str, code: str) -> str:
    try:
        return fold(str(simplemma.lemmatize(word, lang=code)))
    except ValueError:  # a language simplemma does not have
        return word
