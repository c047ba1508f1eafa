"""`storyline eval topics --data ../shared/data`: stories at density, on real subjects and a generated day."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from storyline.cli.app import out
from storyline.cli.eval_cmd import DataOption, OutOption, _write, eval_app, scored


@eval_app.command("topics")
def eval_topics(data: DataOption, out_file: OutOption = None,
                generated: Annotated[bool, typer.Option(
                    "--generated/--no-generated", help="Also group the generated news day (600 and 2,000 reports).")] = True) -> None:
    """Story B-cubed on public corpora given as one undated stream of subjects (MultiLing topics,
    ECB+ happenings, MEANTIME corpora; DATA is ../shared/data), and on the generated news day."""
    from storyline.evaluate.topics import evaluate_generated, evaluate_topics  # noqa: PLC0415

    result = scored(evaluate_topics, data)
    if generated:
        result["generated"] = evaluate_generated()
    shown = {name: {k: v for k, v in part.items() if k != "params"} for name, part in result.items()
             if isinstance(part, dict) and name != "params"}
    out.print(json.dumps(shown, indent=2), markup=False)
    _write(result, out_file)
