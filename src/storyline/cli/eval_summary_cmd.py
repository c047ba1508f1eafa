"""`storyline eval summary --data FILE.jsonl|FOLDER`: ROUGE-1/2 recall of the summariser."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.app import err, out, reported_errors
from storyline.cli.eval_cmd import OutOption, _write, eval_app


@eval_app.command("summary")
def eval_summary(
    data: Annotated[Path, typer.Option("--data", help="Cluster JSONL(.gz), or a folder such as mds-multiling2011.")],
    words: Annotated[list[int] | None, typer.Option("--words", min=1, help="Word budget; repeat for several.")] = None,
    cut_references: Annotated[bool | None, typer.Option(
        "--cut-references/--full-references", help="Cut references at the budget too [default: only below 250 "
        "words on MultiLing]")] = None,
    out_file: OutOption = None,
) -> None:
    """Summaries cut at N words (DUC protocol), ROUGE-1/2 recall with stemming (rouge-score).

    Defaults: 100 words; on MultiLing 2011 100 (references cut, as its anchors) and 250 words.
    """
    from storyline.evaluate.summary import evaluate_summaries, load_clusters  # noqa: PLC0415

    if not data.exists():
        err.print(f"storyline: error: {data}: no such file or folder", markup=False)
        raise typer.Exit(1)
    with reported_errors():
        clusters = load_clusters(data)
        multiling = "multiling" in str(data).lower()
        budgets = words or ([100, 250] if multiling else [100])
        result: dict[str, dict[str, object]] = {"budgets": {}, "topics": {}}
        for budget in budgets:
            cut = cut_references if cut_references is not None else (multiling and budget < 250)
            scores = evaluate_summaries(clusters, [budget], cut_references=cut)
            result["budgets"].update(scores["budgets"])
            result["topics"][str(budget)] = scores["topics"]
        out.print(json.dumps(result["budgets"], indent=2), markup=False)
        _write(result, out_file)
