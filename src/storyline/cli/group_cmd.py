"""`storyline group IN.jsonl --out STORIES.json`: stories and events of a file of articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.app import app, err, fail_if_nothing_read, print_errors, reported_errors
from storyline.cli.inputs import read_articles
from storyline.pipeline import group_articles
from storyline.present.report import story_json


@app.command("group")
def group_command(
    infile: Annotated[Path, typer.Argument(help="Article JSONL (or any input format).")],
    out_file: Annotated[Path, typer.Option("--out", help="Where STORIES.json goes.")],
) -> None:
    """Group articles into stories and events; every article lands in exactly one of each."""
    with reported_errors():
        articles, errors = read_articles(infile)
        fail_if_nothing_read(len(articles), errors)
        stories = group_articles(articles)
        out_file.write_text(json.dumps({"stories": [story_json(s) for s in stories]}, ensure_ascii=False, indent=2),
                            encoding="utf-8")
        print_errors(errors)
        err.print(f"storyline: {len(articles)} articles in {len(stories)} stories, "
                  f"{sum(len(s.events) for s in stories)} events → {out_file}", markup=False)
