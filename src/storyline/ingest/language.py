"""Language identification with lingua, loaded lazily, for a bounded set of languages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.errors import ConfigError

#: lingua reads this much of a text; the first thousand characters decide as well as the whole.
_SAMPLE_CHARS = 1000
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
        if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
            return None
        self.load()
        if not hasattr(self._detector, "detect_language_of"):
            return str(self._detector.iso_code_639_1.name.lower())
        language = self._detector.detect_language_of(sample)
        return None if language is None else str(language.iso_code_639_1.name.lower())
