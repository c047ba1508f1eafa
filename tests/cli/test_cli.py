"""Tests of the storyline command through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

import storyline.cli.commands  # noqa: F401  (registers the commands)
from storyline.cli import app

PARAGRAPHS = [
    "The harbour council voted on Thursday to build a new bridge across the river, ending a decade of debate.",
    "Fishermen protested outside the port authority on Monday against new quotas for cod and haddock.",
]
HOSTILE = {"id": "evil-1", "title": "<script>alert('title')</script> Bridge",
           "text": "The mayor said <script>alert('body')</script> the bridge opens in May, after the vote.",
           "source": "Gazette <b>bold</b>", "url": "https://gazette.example/2021/02/11/bridge",
           "language": "en", "desk": "metro"}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.toml").write_text('[ingest]\nlanguages = ["en", "es"]\n', encoding="utf-8")
    data = tmp_path / "in"
    (data / "gazette").mkdir(parents=True)
    for number, text in enumerate(PARAGRAPHS):
        (data / "gazette" / f"{number}.txt").write_text(" date 2021-02-11 .\n" + text, encoding="utf-8")
    (data / "wire.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    return tmp_path


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def _ingest(*args: str) -> Result:
    return _invoke("ingest", *args, "--db", "s.db", "--config", "config.toml")


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_ingest_prints_a_summary_and_exits_0(workdir: Path) -> None:
    result = _ingest("in")
    assert result.exit_code == 0, result.output
    (summary,) = _lines(result.stderr)
    assert summary.startswith("storyline: 3 read, 3 stored, 0 duplicates, 0 errors")
    assert "s.db" in summary
    again = _ingest("in")
    assert "3 read, 0 stored, 3 duplicates, 0 errors" in again.stderr


def test_bad_file_is_one_skipped_line_on_stderr(workdir: Path) -> None:
    (workdir / "in" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = _ingest("in")
    assert result.exit_code == 0
    skipped = [line for line in _lines(result.stderr) if "skipped" in line]
    assert skipped == [f"storyline: skipped {Path('in') / 'photo.png'}: binary file (PNG image), not a news format"]
    assert "3 stored" in result.stderr and "1 errors" in result.stderr


def test_bad_jsonl_line_names_file_and_line(workdir: Path) -> None:
    (workdir / "in" / "wire.jsonl").write_text(json.dumps(HOSTILE) + "\n{oops\n", encoding="utf-8")
    result = _ingest("in")
    assert result.exit_code == 0
    assert f"storyline: skipped {Path('in') / 'wire.jsonl'}:2: malformed JSON" in result.stderr


def test_strict_exits_1_with_one_line(workdir: Path) -> None:
    (workdir / "in" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = _ingest("in", "--strict")
    assert result.exit_code == 1
    assert _lines(result.stderr) == [f"storyline: error: {Path('in') / 'photo.png'}: binary file (PNG image), "
                                     "not a news format"]
    assert result.stderr.count("\n") == 1


def test_missing_input_is_skipped_and_strict_fails(workdir: Path) -> None:
    result = _ingest("nowhere.txt", "in")
    assert result.exit_code == 0
    assert "storyline: skipped nowhere.txt: no such file or directory" in result.stderr
    assert _ingest("nowhere.txt", "in", "--strict").exit_code == 1


def test_bad_config_is_one_error_line(workdir: Path) -> None:
    (workdir / "bad.toml").write_text("[ingest]\nbatch_sise = 5\n", encoding="utf-8")
    result = _invoke("ingest", "in", "--db", "s.db", "--config", "bad.toml")
    assert result.exit_code == 1
    (line,) = _lines(result.stderr)
    assert line.startswith("storyline: error: ") and "batch_sise" in line


def test_store_that_cannot_be_opened_is_one_error_line(workdir: Path) -> None:
    (workdir / "plain-file").write_text("x")
    result = _invoke("ingest", "in", "--db", str(workdir / "plain-file" / "dir.db"), "--config", "config.toml")
    assert result.exit_code == 1
    (line,) = _lines(result.stderr)
    assert line.startswith("storyline: error: cannot create the folder of")


def test_articles_json_is_one_object_per_line(workdir: Path) -> None:
    assert _ingest("in").exit_code == 0
    result = _invoke("articles", "--db", "s.db", "--json")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 3
    for row in rows:
        assert {"id", "text", "title", "source", "url", "published", "language", "provenance"} <= set(row)
        assert set(row["provenance"]) == {"path", "record"}
    texts = [row["text"] for row in rows if row["provenance"]["record"] is None]
    assert texts == PARAGRAPHS  # in arrival order
    plain = next(row for row in rows if row["text"] == PARAGRAPHS[0])
    assert (plain["source"], plain["published"], plain["language"]) == ("gazette", "2021-02-11", "en")
    assert plain["provenance"] == {"path": str(Path("in") / "gazette" / "0.txt"), "record": None}
    wire = next(row for row in rows if row["id"] == "evil-1")
    assert wire["provenance"] == {"path": str(Path("in") / "wire.jsonl"), "record": 1}
    assert wire["desk"] == "metro" and wire["url"] == HOSTILE["url"]


def test_articles_lists_and_limits(workdir: Path) -> None:
    _ingest("in")
    listed = _invoke("articles", "--db", "s.db")
    assert listed.exit_code == 0 and len(_lines(listed.stdout)) == 3
    limited = _invoke("articles", "--db", "s.db", "--json", "--limit", "2")
    assert len(limited.stdout.splitlines()) == 2


def test_articles_id_shows_one_and_an_unknown_id_exits_1(workdir: Path) -> None:
    _ingest("in")
    shown = _invoke("articles", "evil-1", "--db", "s.db")
    assert shown.exit_code == 0
    assert "the bridge opens in May" in shown.stdout and "evil-1" in shown.stdout
    as_json = _invoke("articles", "evil", "--db", "s.db", "--json")  # a unique prefix
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)["id"] == "evil-1"
    unknown = _invoke("articles", "no-such-id", "--db", "s.db")
    assert unknown.exit_code == 1
    assert _lines(unknown.stderr) == ["storyline: error: no article 'no-such-id' in sqlite:///s.db"]
    assert unknown.stdout == ""


def test_run_writes_the_three_reports_and_escapes_html(workdir: Path) -> None:
    result = _invoke("run", "in", "--db", "s.db", "--out", "out", "--config", "config.toml")
    assert result.exit_code == 0, result.output
    out = workdir / "out"
    for name in ("stories.json", "report.md", "report.html"):
        assert (out / name).is_file(), name
        assert name in result.stdout
    stories = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    assert isinstance(stories["stories"], list)
    assert {a["id"] for a in stories["articles"]} >= {"evil-1"}
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert" in page
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert "<script>" not in markdown


def _all_commands() -> list[list[str]]:
    root = typer.main.get_command(app)
    paths: list[list[str]] = []

    def walk(command: object, prefix: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            paths.append([*prefix, name])
            walk(sub, [*prefix, name])

    walk(root, [])
    return paths


def test_help_works_for_every_command() -> None:
    commands = _all_commands()
    assert {"ingest", "run", "articles"} <= {c[0] for c in commands}
    top = _invoke("--help")
    assert top.exit_code == 0 and "ingest" in top.stdout
    for command in commands:
        result = _invoke(*command, "--help")
        assert result.exit_code == 0, (command, result.output)
        assert "Usage" in result.stdout


def test_no_arguments_shows_help() -> None:
    result = _invoke()
    assert "Usage" in result.output


def test_ingest_from_stdin(workdir: Path) -> None:
    line = json.dumps({"id": "piped", "text": "From standard input: the council met on Monday about the bridge."})
    result = CliRunner().invoke(app, ["ingest", "-", "--db", "s.db", "--config", "config.toml"], input=line + "\n")
    assert result.exit_code == 0, result.output
    shown = json.loads(_invoke("articles", "piped", "--db", "s.db", "--json").stdout)
    assert shown["provenance"] == {"path": "-", "record": 1}


@pytest.mark.parametrize("command", [["ingest"], ["run"], ["group", "--out", "o.json"], ["analyze", "--out", "o.jsonl"],
                                     ["summarize", "--words", "50", "--out", "o.jsonl"]])
def test_cli_missing_input_is_one_error_line_and_exit_1(workdir: Path, command: list[str]) -> None:
    name, *options = command
    extra = ["--db", "s.db"] if name in ("ingest", "run") else []
    result = _invoke(name, "no-such-file.jsonl", *options, *extra)
    assert result.exit_code == 1
    (line,) = _lines(result.stderr)
    assert line.startswith("storyline: error: no-such-file.jsonl: no such file or directory")


@pytest.mark.parametrize("task", ["time-ml", "ner-ml", "entities-ml", "facts", "crisis"])
def test_cli_eval_of_a_broken_dataset_is_one_line_and_exit_1(tmp_path: Path, task: str) -> None:
    # Every file a scorer may open is there but unreadable as what it should be.
    for name in ("es", "en", "it", "nl", "es-meantime", "fr-timebank"):
        (tmp_path / name).mkdir()
        for file in ("articles.jsonl", "entities.jsonl", "timexes.jsonl"):
            (tmp_path / name / file).write_text("{not json\n", encoding="utf-8")
    for file in ("ECBplus_train_dev_topics.tar.gz", "ml_crisis_docs_es_fr_it.tar.gz"):
        (tmp_path / file).write_bytes(b"not a tar file")
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text("x\n", encoding="utf-8")
    (tmp_path / "doc_subtopic_clusters.tsv").write_text("x\n", encoding="utf-8")
    run = CliRunner().invoke(app, ["eval", task, "--data", str(tmp_path)])
    assert run.exit_code == 1, run.output
    assert run.stderr.startswith("storyline: error: ") and run.stderr.count("\n") == 1
