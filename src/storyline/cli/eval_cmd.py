"""`storyline eval TASK`: the project's own measurements on the datasets in ../shared/data."""

from __future__ import annotations

import json
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from storyline.cli.app import app, err, out

eval_app = typer.Typer(help="Measure quality on the public datasets in ../shared/data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

DataOption = Annotated[Path, typer.Option("--data", help="The dataset folder in ../shared/data.")]
OutOption = Annotated[Path | None, typer.Option("--out", help="Write the full result as JSON.")]


def _require_dir(data: Path) -> None:
    if not data.is_dir():
        err.print(f"storyline: error: {data}: no such dataset folder", markup=False)
        raise typer.Exit(1)


def scored(scorer: Callable[..., Any], data: Path, *args: Any, **kwargs: Any) -> Any:
    """``scorer(data, ...)`` on a dataset folder; a folder that is not there, or a file in it that
    cannot be read or parsed, is one stderr line and exit 1 instead of a traceback."""
    _require_dir(data)
    try:
        return scorer(data, *args, **kwargs)
    except (ValueError, OSError, KeyError, tarfile.TarError) as exc:
        err.print(f"storyline: error: {data}: {exc}", markup=False)
        raise typer.Exit(1) from None


def _write(result: dict[str, Any], out_file: Path | None) -> None:
    if out_file:
        out_file.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str), encoding="utf-8")


@eval_app.command("extraction")
def eval_extraction(data: DataOption, out_file: OutOption = None) -> None:
    """HTML → article text on the Zyte article-extraction benchmark (F1 of 4-gram shingles)."""
    from storyline.evaluate.extraction import BenchmarkDataError, evaluate_extraction  # noqa: PLC0415
    from storyline.ingest.prepare import text_from_html  # noqa: PLC0415

    _require_dir(data)
    try:
        result = evaluate_extraction(data, text_from_html)
    except BenchmarkDataError as exc:
        err.print(f"storyline: error: {exc}", markup=False)
        raise typer.Exit(1) from None
    rows = [("storyline", result["system"]), *sorted(result["references"].items(), key=lambda kv: -kv[1]["f1"])]
    out.print(f"{'system':<16} {'F1':>6} {'P':>6} {'R':>6} {'acc':>6}   (n={result['system']['n']})", markup=False)
    for name, score in rows:
        out.print(f"{name:<16} {score['f1']:6.3f} {score['precision']:6.3f} {score['recall']:6.3f} "
                  f"{score['accuracy']:6.3f}", markup=False)
    _write(result, out_file)


@eval_app.command("time")
def eval_time(data: DataOption, out_file: OutOption = None) -> None:
    """Time expressions on TempEval-3 TimeML: span F1 (strict, relaxed), type accuracy, value F1."""
    from storyline.evaluate.tempeval import evaluate_time  # noqa: PLC0415

    _require_dir(data)
    result = evaluate_time(data)
    out.print(json.dumps({k: v for k, v in result.items() if k not in ("documents", "errors")}, indent=2),
              markup=False)
    if result.get("errors"):
        err.print(f"storyline: {len(result['errors'])} documents could not be read", markup=False)
    _write(result, out_file)


@eval_app.command("quotes")
def eval_quotes(data: DataOption, out_file: OutOption = None) -> None:
    """Quotations on PolNeAR (dev): content and speaker P/R/F1, direct and indirect apart."""
    from storyline.evaluate.polnear import evaluate_quotes  # noqa: PLC0415

    _require_dir(data)
    result = evaluate_quotes(data)
    out.print(json.dumps({k: v for k, v in result.items() if k != "errors"}, indent=2, default=str), markup=False)
    _write(result, out_file)


@eval_app.command("grouping")
def eval_grouping(data: DataOption, out_file: OutOption = None,
                  crosslingual: Annotated[Path | None, typer.Option(
                      "--crosslingual", help="Also measure cross-lingual joining on ml-crisis-tls.")] = None) -> None:
    """Stories and events on ECB+ (topics, subtopics): B-cubed precision, recall, F1."""
    from storyline.evaluate.grouping import evaluate_crosslingual, evaluate_grouping  # noqa: PLC0415

    _require_dir(data)
    result: dict[str, Any] = {"ecbplus": evaluate_grouping(data)}
    if crosslingual is not None:
        _require_dir(crosslingual)
        result["crosslingual"] = evaluate_crosslingual(crosslingual)
    out.print(json.dumps(result, indent=2, default=str), markup=False)
    _write(result, out_file)


@eval_app.command("entities")
def eval_entities(data: DataOption, out_file: OutOption = None) -> None:
    """Entities: recognition P/R/F1 per type on GMB dev, resolution on MEANTIME vs exact string.

    DATA is ../shared/data (holding ner-gmb and meantime-en); either part is skipped when its
    folder is absent.
    """
    from storyline.evaluate.entities import evaluate_recognition, evaluate_resolution  # noqa: PLC0415

    _require_dir(data)
    ner, meantime = data / "ner-gmb", data / "meantime-en"
    if not ner.is_dir() and not meantime.is_dir():
        err.print(f"storyline: error: {data}: neither ner-gmb nor meantime-en is there", markup=False)
        raise typer.Exit(1)
    result: dict[str, Any] = {}
    if ner.is_dir():
        result["recognition"] = rec = evaluate_recognition(ner)
        out.print(f"recognition, GMB {rec['split']} ({rec['words']} words, {rec['words_per_s']} words/s)",
                  markup=False)
        for kind, s in rec["recogniser"].items():
            out.print(f"  {kind:<7} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
                      f"(gold {s['gold']})", markup=False)
    if meantime.is_dir():
        result["resolution"] = res = evaluate_resolution(meantime)
        out.print("resolution, MEANTIME dev           B3 F1  MUC F1 | baseline B3  MUC", markup=False)
        for name, row in res.items():
            if isinstance(row, dict):
                ours, base = row["storyline"], row["baseline"]
                out.print(f"  {name:<28} {ours['bcubed']['f1']:.3f}  {ours['muc']['f1']:.3f}  | "
                          f"{base['bcubed']['f1']:.3f}  {base['muc']['f1']:.3f}", markup=False)
    _write(result, out_file)
