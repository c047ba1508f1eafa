"""`storyline eval ner-ml --data ../shared/data/meantime-ml`: named-mention detection per language."""

from __future__ import annotations

from typing import Annotated

import typer

from storyline.cli.app import out
from storyline.cli.eval_cmd import DataOption, OutOption, _write, eval_app, scored


@eval_app.command("ner-ml")
def eval_ner_ml(
    data: DataOption,
    out_file: OutOption = None,
    language: Annotated[list[str] | None, typer.Option("--language", "-l",
                                                       help="Score only these languages (repeatable).")] = None,
) -> None:
    """Named-mention detection recall and precision (a lower bound) per language on meantime-ml."""
    from storyline.evaluate.meantime_ml import LANGUAGES  # noqa: PLC0415
    from storyline.evaluate.ner_ml import evaluate_ner_ml  # noqa: PLC0415

    result = scored(evaluate_ner_ml, data, languages=tuple(language or LANGUAGES))
    out.print(f"  {'lang':<5} {'docs':>5} {'gold':>5} {'recall':>7} {'R nested':>8} {'pred':>5} "
              f"{'P (lower bound)':>16} {'type acc':>8} {'words/s':>8}", markup=False)
    for code, scores in result.items():
        out.print(f"  {code:<5} {scores['documents']:>5} {scores['gold']:>5} {scores['recall']:7.3f} "
                  f"{scores['recall_with_nested']:8.3f} {scores['predicted']:>5} "
                  f"{scores['precision_lower_bound']:16.3f} {scores['type_accuracy']:8.3f} "
                  f"{scores['words_per_s']:>8}", markup=False)
    _write(result, out_file)
