"""`storyline eval time-ml --data ../shared/data/timex-ml`: TIMEX3 values in Spanish and French."""

from __future__ import annotations

from typing import Any

from storyline.cli.app import err, out
from storyline.cli.eval_cmd import DataOption, OutOption, _write, eval_app, scored


def _row(name: str, scores: dict[str, Any]) -> str:
    strict, relaxed = scores["strict"], scores["relaxed"]
    return (f"  {name:<28} {strict['f1']:6.3f} {relaxed['precision']:6.3f} {relaxed['recall']:6.3f} "
            f"{relaxed['f1']:6.3f} {scores['type_f1']:6.3f} {scores['value_f1']:6.3f}  "
            f"(gold {scores['counts']['gold']})")


@eval_app.command("time-ml")
def eval_time_ml(data: DataOption, out_file: OutOption = None) -> None:
    """TIMEX3 on timex-ml (es MEANTIME, fr TimeBank), TempEval-3 measures per corpus; value F1
    also without MEANTIME's date lines."""
    from storyline.evaluate.timex_ml import evaluate_time_ml  # noqa: PLC0415

    result = scored(evaluate_time_ml, data)
    out.print(f"  {'corpus':<28} {'strict':>6} {'rel P':>6} {'rel R':>6} {'rel F1':>6} {'type':>6} "
              f"{'value':>6}", markup=False)
    for name, scores in result.items():
        out.print(_row(f"{name} ({','.join(scores['languages'])})", scores), markup=False)
        if "without_dateline" in scores:
            out.print(_row(f"{name} w/o date lines", scores["without_dateline"]), markup=False)
        if scores["errors"]:
            err.print(f"storyline: {name}: {len(scores['errors'])} documents could not be scored",
                      markup=False)
    _write(result, out_file)
