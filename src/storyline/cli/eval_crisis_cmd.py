"""`storyline eval crisis`: ml-crisis-tls as a user's corpus (no outlet given)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.app import out
from storyline.cli.eval_cmd import DataOption, OutOption, _write, eval_app, scored


@eval_app.command("crisis")
def eval_crisis(data: DataOption, out_file: OutOption = None,
                work: Annotated[Path | None, typer.Option(
                    "--work", help="Keep the run's store and reports in this folder.")] = None) -> None:
    """Crawled es/fr/it news as a user gives it: titles, furniture, cross-language stories, speakers."""
    from storyline.evaluate.crisis import evaluate_crisis  # noqa: PLC0415

    result = scored(evaluate_crisis, data, work_dir=work)
    out.print(json.dumps(result, indent=2, ensure_ascii=False), markup=False)
    _write(result, out_file)
