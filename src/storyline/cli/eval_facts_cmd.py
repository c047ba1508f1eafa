"""`storyline eval facts --data ../shared/data/ecbplus`: fact alignment as ECB+ sentence links."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from storyline.cli.app import out
from storyline.cli.eval_cmd import DataOption, OutOption, _write, eval_app, scored


@eval_app.command("facts")
def eval_facts(data: DataOption, out_file: OutOption = None,
               split: Annotated[str, typer.Option("--split", help="dev, train or all.")] = "dev") -> None:
    """Pairwise sentence-link precision, recall and F1 of facts against ECB+ action chains,
    beside a content-word Jaccard (0.3) baseline."""
    from storyline.evaluate.facts_eval import evaluate_facts  # noqa: PLC0415

    if split not in ("dev", "train", "all"):
        raise typer.BadParameter("--split must be dev, train or all")
    result = scored(evaluate_facts, data, split=split)
    out.print(json.dumps({k: v for k, v in result.items() if k != "per_topic"}, indent=2), markup=False)
    _write(result, out_file)
