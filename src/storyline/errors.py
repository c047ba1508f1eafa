"""Exceptions of storyline.

    StorylineError                 base of everything storyline raises on purpose
    ├── ConfigError                a configuration value or file is wrong
    ├── InputError (path, record)  an input file or one record in it cannot be read
    ├── ComponentError (stage, article_id)
    ├── StoreError                 the database cannot be opened or written
    └── MissingDependency          an optional extra is not installed (also an ImportError)

The CLI turns a StorylineError into one line on stderr and exit code 1.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class of storyline's own errors."""


class ConfigError(StorylineError, ValueError):
    """A configuration value or file is wrong."""


class InputError(StorylineError):
    """An input file, or one record inside it, cannot be read.

    The message always names the file, and the record (line, item or WARC record) when there is one.
    """

    def __init__(self, path: str, problem: str, record: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.record = record
        super().__init__(self.location + ": " + problem)

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, int | None]]:
        # Worker processes send errors back pickled; the default reduce would lose path and record.
        return (InputError, (self.path, self.problem, self.record))

    @property
    def location(self) -> str:
        return self.path if self.record is None else f"{self.path}:{self.record}"


class ComponentError(StorylineError):
    """A pipeline stage failed on one article."""

    def __init__(self, stage: str, article_id: str, problem: str) -> None:
        self.stage = stage
        self.article_id = article_id
        super().__init__(f"stage {stage!r} failed on article {article_id}: {problem}")


class StoreError(StorylineError):
    """The store cannot be opened, migrated or written."""


class MissingDependency(StorylineError, ImportError):
    """An optional dependency is missing; the message gives the pip command."""
