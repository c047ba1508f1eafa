"""Language identification with lingua, loaded lazily, for a bounded set of languages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from storyline.errors import ConfigError

#: lingua reads this much of a text. A few sentences of clean news text decide as well as the
#: whole, and cost scales with length (measured: 1,000 chars 650 texts/s, 500 chars ~1,500/s).
_SAMPLE_CHARS = 500
_LETTERS = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[a-z]+")
#: Function words that no other language in the set writes with these letters so often.
_ENGLISH_WORDS = frozenset("the of and to in that is was for with said on by as it from has have".split())
#: Share of such words in a sample above which the text is English without asking lingua;
#: English news runs near 0.35, other Latin-script languages below 0.05.
_ENGLISH_SHARE = 0.2
#: Below this many letters there is no evidence for any language.
_MIN_LETTERS = 20


class LanguageDetector:
    """Tells an ISO 639-1 code for a text, among ``languages``.

    The lingua model loads on first use, once per process, so building a detector is free and a
    worker process pays for it only when it sees text.
    """

    def __init__(self, *, languages: Sequence[str]) -> None:
        self.languages = tuple(languages)
        self._detector: Any = None

    def load(self) -> None:
        """Build the lingua detector (idempotent)."""
        if self._detector is not None:
            return
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder  # noqa: PLC0415

        try:
            chosen = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
                      for code in self.languages]
        except AttributeError as exc:
            raise ConfigError(f"ingest.languages: unknown ISO 639-1 code in {self.languages!r}") from exc
        builder = LanguageDetectorBuilder.from_languages(*chosen) if len(chosen) > 1 else None
        if builder is None:
            self._detector = chosen[0]
            return
        self._detector = builder.with_minimum_relative_distance(0.1).build()

    def __call__(self, text: str) -> str | None:
        """The language of ``text``, or None when it is too short or undecided."""
        sample = text[:_SAMPLE_CHARS]
        if len(_LETTERS.findall(sample, 0, 400)) < _MIN_LETTERS:
            return None
        if "en" in self.languages and _is_plainly_english(sample):
            return "en"  # lingua costs ~1.5 ms a text, most of ingest; this costs ~50 µs
        self.load()
        if not hasattr(self._detector, "detect_language_of"):
            return str(self._detector.iso_code_639_1.name.lower())
        language = self._detector.detect_language_of(sample)
        return None if language is None else str(language.iso_code_639_1.name.lower())


def _is_plainly_english(sample: str) -> bool:
    words = _WORDS.findall(sample.lower())
    if len(words) < 30:
        return False
    return sum(word in _ENGLISH_WORDS for word in words) / len(words) >= _ENGLISH_SHARE
