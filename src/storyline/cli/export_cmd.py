"""``storyline export``: a story as Markdown, JSON or CSV, or the store's articles with their stories.

Reads the store only (no web extra needed); the formats are those of
:mod:`storyline.present.export`, the same files the web app's export links give.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from storyline.cli.app import DbOption, app, err, reported_errors
from storyline.errors import StorylineError
from storyline.present import export
from storyline.store import Store

Format = Literal["md", "json", "csv", "jsonl"]


@app.command("export")
def export_command(
    story: Annotated[str | None, typer.Argument(help="A story id (as in stories.json or the web app's URL); "
                                                     "leave out to export every article with its story.")] = None,
    fmt: Annotated[Format | None, typer.Option(
        "--format", help="md, json or csv for a story; jsonl (Article JSONL plus story, event and story_title) "
                         "for the whole store [default: md with a story, jsonl without].")] = None,
    out_file: Annotated[Path | None, typer.Option("--out", help="File to write [default: standard output].")] = None,
    db: DbOption = None,
) -> None:
    """Export one story (Markdown, JSON, or CSV of its facts, quotes and timeline), or every
    article of the store as Article JSONL with the story and event it was grouped into."""
    with reported_errors():
        chosen = fmt or ("md" if story else "jsonl")
        if story is None and chosen != "jsonl":
            raise StorylineError(f"--format {chosen} exports one story: name its id (or use --format jsonl)")
        if story is not None and chosen == "jsonl":
            raise StorylineError("--format jsonl exports the whole store: leave out the story id")
        with Store(db) as store:
            if story is None:
                lines = export.store_jsonl(store)
                count = _write((line + "\n" for line in lines), out_file)
                err.print(f"storyline: exported {count} articles", markup=False)
                return
            found = export.load_story(store, story)
            if found is None:
                raise StorylineError(f"there is no story {story!r} in {store.url}")
            text = export.story_export(*found, chosen)
        _write(iter([text if text.endswith("\n") else text + "\n"]), out_file)


def _write(chunks: object, out_file: Path | None) -> int:
    """Write the chunks to ``out_file`` (else stdout); returns how many were written."""
    count = 0
    try:
        stream = open(out_file, "w", encoding="utf-8", newline="") if out_file else sys.stdout  # noqa: SIM115
    except OSError as exc:
        raise StorylineError(f"cannot write {out_file}: {exc.strerror}") from None
    try:
        for chunk in chunks:  # type: ignore[attr-defined]
            stream.write(chunk)
            count += 1
    finally:
        if out_file:
            stream.close()
    return count
