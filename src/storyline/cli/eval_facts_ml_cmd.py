"""`storyline eval facts-ml --data ../shared/data/meantime-ml`: one statement, one fact, in any language."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from storyline.cli.app import out
from storyline.cli.eval_cmd import DataOption, OutOption, _write, eval_app, scored


@eval_app.command("facts-ml")
def eval_facts_ml(data: DataOption, out_file: OutOption = None,
                  story: Annotated[str, typer.Option("--story", help="article or corpus.")] = "article") -> None:
    """Pairwise line-link precision, recall and F1 of facts between MEANTIME's aligned translations
    (en, es, it, nl), beside names-and-numbers and content-word baselines."""
    from storyline.evaluate.facts_ml import evaluate_facts_ml  # noqa: PLC0415

    if story not in ("article", "corpus"):
        raise typer.BadParameter("--story must be article or corpus")
    result = scored(evaluate_facts_ml, data, story=story)
    out.print(json.dumps(result, indent=2), markup=False)
    _write(result, out_file)
