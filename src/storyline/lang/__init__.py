"""Language packs: the words every stage needs, per language, kept as data.

Every stage is written once; what differs between languages is read from a pack, the way spaCy
keeps ``spacy/lang/<code>/`` beside one pipeline and HeidelTime keeps resource files beside one
rule engine. A pack is the folder ``lang/<code>/`` holding one TOML file per topic, each owned by
the stage that reads it:

- ``words.toml``: function words (grouping features, "capitalised but never a name"), number words;
- ``names.toml``: honorifics, offices, name particles, words that open a sentence capitalised;
- ``time.toml``: month and weekday names, time words (today, yesterday), relative modifiers,
  units, the numeric date order;
- ``speech.toml``: speech and attribution cues with their frames ("dijo", "según", "selon").

``pack(code)`` loads a pack's files lazily, once per process (``lru_cache``), so a process that
never meets Italian never reads the Italian files. An unknown or missing code gets the fallback
pack, which answers every topic with the union of all full packs' words: the stage still runs,
only with less precise data. A partial pack (names only, as ``ar`` is) answers its own topics and
the union for the rest. Cost: one TOML parse per (language, topic) per process.

Adding a language is adding a folder with its files and a README of sources; tests/lang checks
every pack has every topic and the keys each topic requires.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from anyascii import anyascii

__all__ = ["FULL", "FALLBACK", "LanguagePack", "available", "fold_word", "pack", "words_of"]

#: Languages with every topic filled in.
FULL: tuple[str, ...] = ("en", "es", "fr", "it", "de", "pt", "nl")
#: The code of the pack that stands for an unknown language.
FALLBACK = "xx"


class LanguagePack:
    """The data of one language: ``pack.topic("time")`` is the parsed ``time.toml``."""

    __slots__ = ("code", "_topics")

    def __init__(self, code: str) -> None:
        self.code = code
        self._topics: dict[str, Mapping[str, Any]] = {}

    def topic(self, name: str) -> Mapping[str, Any]:
        """The parsed ``<name>.toml`` of this pack. A topic a partial pack (one that is not in
        ``FULL``, such as a names-only ``ar``) lacks is answered by the union of the full packs, as
        for an unknown language; a full pack without the file answers {}."""
        found = self._topics.get(name)
        if found is None:
            own = None if self.code == FALLBACK else _read_topic(self.code, name)
            found = self._union(name) if own is None and self.code not in FULL else (own or {})
            self._topics[name] = found
        return found

    def words(self, topic: str, key: str) -> frozenset[str]:
        """A word list of a topic as a set (empty when absent)."""
        value = self.topic(topic).get(key, ())
        if isinstance(value, Mapping):
            return frozenset(value)
        return frozenset(value)

    def get(self, topic: str, key: str, default: Any = None) -> Any:
        """One value of a topic, or ``default``."""
        return self.topic(topic).get(key, default)

    @staticmethod
    def _union(name: str) -> Mapping[str, Any]:
        merged: dict[str, Any] = {}
        for code in FULL:
            for key, value in (_read_topic(code, name) or {}).items():
                merged[key] = _merge(merged.get(key), value)
        return merged

    def __repr__(self) -> str:
        return f"LanguagePack({self.code!r})"


def _merge(old: Any, new: Any) -> Any:
    """Union of two values of one key across packs: lists joined, tables joined (first wins)."""
    if old is None:
        return new
    if isinstance(old, list) and isinstance(new, list):
        return old + [item for item in new if item not in old]
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return {**new, **old}
    return old


def _read_topic(code: str, name: str) -> Mapping[str, Any] | None:
    """The parsed file, or None when the pack has no such file."""
    source = resources.files(__name__).joinpath(code, f"{name}.toml")
    if not source.is_file():
        return None
    return tomllib.loads(source.read_text(encoding="utf-8"))


def available() -> tuple[str, ...]:
    """Codes of every pack folder shipped (full ones and name-only ones), sorted."""
    root = resources.files(__name__)
    return tuple(sorted(entry.name for entry in root.iterdir()
                        if entry.is_dir() and len(entry.name) == 2 and entry.name != FALLBACK))


@lru_cache(maxsize=64)
def pack(code: str | None) -> LanguagePack:
    """The pack of an ISO 639-1 code ("es", "pt-BR" → "pt"); the fallback pack when unknown."""
    key = (code or "").lower()[:2]
    return LanguagePack(key if key in available() else FALLBACK)


def words_of(codes: Iterable[str | None], topic: str, key: str) -> frozenset[str]:
    """The union of one word list over several languages."""
    found: set[str] = set()
    for code in codes:
        found |= pack(code).words(topic, key)
    return frozenset(found)


def fold_word(word: str) -> str:
    """The form the packs keep word lists in: lowercase, letters of any script or accent taken to
    ASCII ("Él" → "el", "daß" → "dass", "été" → "ete"). Every stage compares a word with a pack's
    list through this one function."""
    low = word.lower()
    return low if low.isascii() else anyascii(low)
