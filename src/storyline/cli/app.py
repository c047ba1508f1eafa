"""The typer app and what every command shares: error mapping, progress, the store option.

Whatever came from an input (file names, titles, error messages quoting them) reaches the
terminal through :func:`printable`: control characters (ANSI and OSC escapes, newlines that
would forge a line of their own), format characters (bidi overrides) and lone surrogates are
written as backslash escapes. Every error line is printed: their number is bounded upstream
(the pipeline lists at most 100 per input file and counts the rest).
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from storyline.config import IngestConfig, load_config
from storyline.errors import StorylineError

app = typer.Typer(
    name="storyline", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    help="Many news reports in, one sourced story out.",
    rich_markup_mode=None,  # help text as written: "[default: ./storyline.db]" is not rich markup
)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)  # ":100:" in "file:100: …" is no emoji
out = Console(highlight=False, soft_wrap=True, emoji=False)

DbOption = Annotated[str | None, typer.Option("--db", help="Store URL or SQLite path [default: ./storyline.db].")]
ConfigOption = Annotated[Path | None, typer.Option("--config", help="TOML file with an [ingest] section.")]
WorkersOption = Annotated[int | None, typer.Option("--workers", min=1, help="Worker processes for extraction; in run also for analysis and reconciliation (default there: the CPUs, at most 4).")]
StrictOption = Annotated[bool, typer.Option("--strict", help="Fail at the first bad input.")]
MaxFileOption = Annotated[int | None, typer.Option("--max-file-bytes", min=1, help="Refuse larger input files.")]


@contextlib.contextmanager
def reported_errors(debug: bool = False) -> Iterator[None]:
    """Turn a StorylineError into one stderr line and exit code 1."""
    try:
        yield
    except StorylineError as exc:
        if debug:
            raise
        err.print(f"storyline: error: {printable(str(exc))}", markup=False)
        raise typer.Exit(1) from None


def build_config(config_path: Path | None, **options: Any) -> IngestConfig:
    return load_config(config_path).with_options(**options)


def fail_if_nothing_read(read_ok: int, errors: list[str]) -> None:
    """When every input failed (a missing file, say), that is the command's error, exit 1: its one line,
    or, when several inputs failed, each one's line (none hidden behind the first; issue 22, item 7)."""
    if read_ok == 0 and errors:
        if len(errors) == 1:
            err.print(f"storyline: error: {printable(errors[0])}", markup=False)
        else:
            print_errors(errors)
            err.print(f"storyline: error: nothing read, every input failed ({len(errors)} lines above)", markup=False)
        raise typer.Exit(1)


def print_errors(messages: list[str]) -> None:
    """Every error, one escaped line each."""
    for message in messages:
        err.print(f"storyline: skipped {printable(message)}", markup=False)


def printable(text: str) -> str:
    """``text`` safe to print on one terminal line: every non-printable character escaped."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def main() -> None:
    """Console entry point."""
    logging.basicConfig(level=logging.WARNING, format="storyline: %(levelname)s: %(message)s")
    try:
        app()
    except KeyboardInterrupt:
        err.print("storyline: interrupted")
        sys.exit(130)
