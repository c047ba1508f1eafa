"""`storyline eval entities-ml: cross-document and cross-lingual entity resolution (meantime-ml).`"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from storyline.cli.app import out
from storyline.cli.eval_cmd import OutOption, _write, eval_app, scored

_HEADER = "B3 F1  (P / R)          MUC F1 | baseline B3  MUC  | gain"


@eval_app.command("entities-ml")
def eval_entities_ml(
    data: Annotated[Path, typer.Option("--data", help="The meantime-ml folder in ../shared/data.")],
    out_file: OutOption = None,
) -> None:
    """Entity resolution on MEANTIME en/es/it/nl gold mentions, per language and across languages,
    B-cubed and MUC against the exact-string baseline."""
    from storyline.evaluate.entities_ml import evaluate_resolution_ml  # noqa: PLC0415

    result = scored(evaluate_resolution_ml, data)
    for language, scores in result["languages"].items():
        _print_block(f"resolution, MEANTIME {language}", scores)
    if "crosslingual" in result:
        _print_block("cross-lingual (" + "+".join(result["languages"]) + ")", result["crosslingual"])
    if result["missing"]:
        out.print("missing languages: " + ", ".join(result["missing"]), markup=False)
    _write(result, out_file)


def _print_block(title: str, scores: dict[str, Any]) -> None:
    out.print(f"{title:<34} {_HEADER}", markup=False)
    for name, row in scores.items():
        if isinstance(row, dict):
            ours, base = row["storyline"], row["baseline"]
            b3 = ours["bcubed"]
            out.print(f"  {name:<32} {b3['f1']:.3f} ({b3['precision']:.3f} / {b3['recall']:.3f})  "
                      f"{ours['muc']['f1']:.3f} | {base['bcubed']['f1']:.3f}  {base['muc']['f1']:.3f} | "
                      f"{row['bcubed_gain']:+.3f}", markup=False)
