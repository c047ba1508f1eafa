"""`storyline analyze IN.jsonl --out OUT.jsonl`: per-article annotations as JSONL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from storyline.analyze.annotate import annotated_json
from storyline.cli.app import app, err, fail_if_nothing_read, print_errors, reported_errors
from storyline.cli.inputs import read_articles
from storyline.pipeline import analyze_articles


@app.command("analyze")
def analyze_command(
    infile: Annotated[Path, typer.Argument(help="Article JSONL (or any input format).")],
    out_file: Annotated[Path, typer.Option("--out", help="Where the annotated JSONL goes.")],
    keep_text: Annotated[bool, typer.Option("--keep-text", help="Do no cleaning: offsets point into the input text.")] = False,
) -> None:
    """Sentences, entities, times and quotes per article, every span as character offsets.

    Entities get their canonical name by resolution across the articles of their ``story``
    (articles without one are resolved together), and undated reports are dated from the other
    reports of their event, so all articles are read before any is written.
    """
    with reported_errors():
        articles, errors = read_articles(infile, keep_text=keep_text)
        fail_if_nothing_read(len(articles), errors)
        resolved = analyze_articles(articles)
        with out_file.open("w", encoding="utf-8") as sink:
            for record in resolved:
                sink.write(json.dumps(annotated_json(record), ensure_ascii=False) + "\n")
        written = len(resolved)
        print_errors(errors)
        err.print(f"storyline: {written} articles analysed, {len(errors)} errors → {out_file}", markup=False)
