"""Run configuration: one typed object, validated when it is built, loadable from TOML."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from storyline.errors import ConfigError

#: Languages the detector chooses among. A bounded set keeps lingua's memory near 100 MB.
DEFAULT_LANGUAGES = ("en", "es", "fr", "it", "de", "pt", "nl", "ru", "tr", "ar", "zh", "uk", "pl")


@dataclass(frozen=True, slots=True)
class IngestConfig:
    """Limits and options of reading and cleaning.

    Attributes:
        max_file_bytes: inputs larger than this are refused (WARC files included).
        max_record_bytes: one document, JSON line, feed or WARC payload larger than this is refused.
        max_text_chars: cleaned article text is cut at this length.
        min_text_chars: an article whose cleaned text is shorter is refused as empty.
        batch_size: articles committed to the store per transaction; also the window in which
            template lines are counted before they are removed.
        workers: processes for extraction and cleaning; 1 runs in-process.
        languages: ISO 639-1 codes the language detector may answer.
        template_min_articles: a line seen under this many distinct bodies of one outlet is a template.
    """

    max_file_bytes: int = 4 * 1024**3
    max_record_bytes: int = 20 * 1024**2
    max_text_chars: int = 200_000
    min_text_chars: int = 1
    batch_size: int = 500
    workers: int = 1
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    template_min_articles: int = 3

    def __post_init__(self) -> None:
        for name in ("max_file_bytes", "max_record_bytes", "max_text_chars", "batch_size",
                     "workers", "template_min_articles"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"ingest.{name} must be a whole number >= 1, got {value!r}")
        if not self.languages:
            raise ConfigError("ingest.languages must name at least one language, got none")

    def with_options(self, **changes: Any) -> IngestConfig:
        """A copy with the given fields changed; ``None`` values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_config(path: Path | None) -> IngestConfig:
    """Read ``[ingest]`` from a TOML file, or the defaults when ``path`` is None.

    Raises:
        ConfigError: the file cannot be read, is not TOML, or names an unknown option.
    """
    if path is None:
        return IngestConfig()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from exc
    section = data.get("ingest", {})
    known = {f.name for f in fields(IngestConfig)}
    unknown = sorted(set(section) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown [ingest] option(s) {unknown}; known: {sorted(known)}")
    if "languages" in section:
        section["languages"] = tuple(section["languages"])
    return IngestConfig(**section)
