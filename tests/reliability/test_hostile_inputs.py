"""A hostile corpus, made here: each bad input is one named error line, every good article is
stored, nothing raises, on SQLite and PostgreSQL alike (issue 22, items 1, 3 and 4)."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

import storyline.cli.commands  # noqa: F401  (registers the commands)
from storyline.cli import app
from storyline.config import IngestConfig
from storyline.pipeline import MAX_ERRORS_PER_FILE, ingest
from storyline.store import Store

GOOD = "The harbour council of {place} voted on Thursday to build a new bridge across the river, officials said."


def _good(n: int) -> str:
    return json.dumps({"id": f"good-{n}", "text": GOOD.format(place=f"Town {n}"), "language": "en"})


#: One hostile JSON line per entry: (name, line, words the error line must hold).
HOSTILE_LINES = [
    ("huge integer", '{"id": "h1", "text": "a b c", "n": ' + "9" * 5000 + "}", "5,000 digits"),
    ("deep nesting", '{"id": "h2", "text": "a b c", "x": ' + "[" * 3000 + "]" * 3000 + "}", "nested too deeply"),
    ("moderate nesting", '{"id": "h3", "text": "a b c", "x": ' + "[" * 500 + "]" * 500 + "}", "nested too deeply"),
    ("surrogate in text", '{"id": "h4", "text": "The mayor \\ud800 said the bridge opens in May after the vote."}',
     "lone surrogate"),
    ("surrogate in title", '{"id": "h5", "title": "\\udfff", "text": "' + GOOD.format(place="Surrogate") + '"}',
     "lone surrogate"),
    ("surrogate in a key", '{"\\ud800": 1, "text": "' + GOOD.format(place="Key") + '"}', "lone surrogate"),
    ("NUL in title", '{"id": "h7", "title": "A\\u0000B", "text": "' + GOOD.format(place="Nul") + '"}', "NUL"),
    ("NUL in id", '{"id": "h\\u0000", "text": "' + GOOD.format(place="Nulid") + '"}', "NUL"),
    ("long id", json.dumps({"id": "i" * 200, "text": GOOD.format(place="Longid")}), "over the store's limit of 128"),
    ("long source", json.dumps({"source": "s" * 600, "text": GOOD.format(place="Longsource")}), "limit of 512"),
    ("long published", json.dumps({"published": "2" * 70, "text": GOOD.format(place="Longdate")}), "limit of 64"),
    ("long language", json.dumps({"language": "l" * 20, "text": GOOD.format(place="Longlang")}), "limit of 16"),
    ("long story", json.dumps({"story": "t" * 300, "text": GOOD.format(place="Longstory")}), "limit of 256"),
    ("not an object", "[1, 2, 3]", "expected a JSON object"),
    ("no text", '{"id": "h9"}', "no 'text'"),
]


def _corpus(folder: Path) -> tuple[Path, int]:
    """A JSONL file that interleaves good records with every hostile line; (file, good count)."""
    lines = []
    for number, (_, line, _) in enumerate(HOSTILE_LINES):
        lines += [_good(number), line]
    lines.append(_good(len(HOSTILE_LINES)))
    path = folder / "hostile.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, len(HOSTILE_LINES) + 1


def test_every_hostile_line_is_its_own_named_error_and_every_good_record_is_stored(store_url: str,
                                                                                    tmp_path: Path) -> None:
    path, good = _corpus(tmp_path)
    with Store(store_url) as store:
        result = ingest([str(path)], store, IngestConfig(languages=("en",), batch_size=500))
        stored_ids = {a.id for a in store.articles()}
        rows = store.errors(result.run_id)
    assert stored_ids == {f"good-{n}" for n in range(good)}
    assert result.stored == good and result.error_count == len(HOSTILE_LINES)
    assert result.read == result.stored + result.duplicates + result.error_count
    for number, (name, _, words) in enumerate(HOSTILE_LINES):
        line = 2 * number + 2
        named = [e for e in result.errors if e.startswith(f"{path}:{line}: ")]
        assert len(named) == 1 and words in named[0], (name, named)
    assert len(rows) == len(HOSTILE_LINES)


def test_the_cli_prints_one_line_per_hostile_input_and_no_traceback(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path, good = _corpus(tmp_path)
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("storyline: skipped")]
    assert len(skipped) == len(HOSTILE_LINES)
    assert f"{good} stored" in result.output


def _remove_deep_chain(top: Path, bottom: Path) -> None:
    """Remove a chain of nested folders bottom-up, without recursion.

    pytest deletes old temporary folders with shutil.rmtree, which recurses once per level
    and dies of RecursionError on a 1,500-deep chain (a CI run failed so, after every test
    had passed), so the test that makes the chain takes it down itself.
    """
    for child in bottom.iterdir():
        child.unlink()
    folder = bottom
    while True:
        folder.rmdir()
        if folder == top:
            return
        folder = folder.parent


def test_special_files_links_out_of_the_tree_and_deep_folders(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(GOOD.format(place="Sub"), encoding="utf-8")
    os.mkfifo(root / "pipe.txt")
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD.format(place="Secret"), encoding="utf-8")
    os.symlink(secret, root / "out.txt")
    os.symlink(root / "sub" / "a.txt", root / "inside.txt")
    deep = root
    for _ in range(1500):  # deeper than Python's recursion limit (os.makedirs itself recurses)
        deep = deep / "d"
        deep.mkdir()
    (deep / "deep.txt").write_text(GOOD.format(place="Deep"), encoding="utf-8")
    try:
        with Store(str(tmp_path / "s.db")) as store:
            result = ingest([str(root)], store, IngestConfig(languages=("en",)))
            texts = {a.text for a in store.articles()}
    finally:
        _remove_deep_chain(root / "d", deep)
    assert texts == {GOOD.format(place="Sub"), GOOD.format(place="Deep")}
    assert result.duplicates == 1  # the link inside the tree reads sub/a.txt again
    assert sorted(result.errors) == [f"{root / 'out.txt'}: symbolic link leading out of the input folder, not read",
                                     f"{root / 'pipe.txt'}: not a regular file (a FIFO)"]


def test_a_fifo_named_directly_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jsonl")
    with Store(str(tmp_path / "s.db")) as store:
        result = ingest([str(tmp_path / "pipe.jsonl")], store, IngestConfig(languages=("en",)))
        status = store.runs()[-1]["status"]
    assert result.errors == [f"{tmp_path / 'pipe.jsonl'}: not a regular file (a FIFO)"]
    assert status == "done"


def test_a_gzip_of_newlines_says_so(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl.gz"
    path.write_bytes(gzip.compress(b"\n" * 5_000_000 + b"  \r\n\t\n"))
    with Store(str(tmp_path / "s.db")) as store:
        result = ingest([str(path)], store, IngestConfig(languages=("en",)))
    assert result.errors == [f"{path}: no JSON record in the file (5,000,002 blank lines)"]


def test_blank_lines_keep_line_numbers_right(tmp_path: Path) -> None:
    path = tmp_path / "gaps.jsonl"
    path.write_bytes(b"\n\n  \n" + _good(1).encode() + b"\n\n\n   {bad\n")
    with Store(str(tmp_path / "s.db")) as store:
        result = ingest([str(path)], store, IngestConfig(languages=("en",)))
    assert result.stored == 1
    assert len(result.errors) == 1 and result.errors[0].startswith(f"{path}:7: malformed JSON")


def test_a_gzip_past_the_file_limit_is_cut_off_with_a_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip.compress((_good(1) + "\n").encode() + b"\n" * 3_000_000))
    with Store(str(tmp_path / "s.db")) as store:
        result = ingest([str(path)], store, IngestConfig(languages=("en",), max_file_bytes=1_000_000))
    assert result.stored == 1
    assert len(result.errors) == 1 and "decompresses to over 1,000,000 bytes" in result.errors[0]


def test_errors_of_one_file_are_sampled_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "empty-objects.jsonl.gz"
    bad = 20_000
    path.write_bytes(gzip.compress(b"{}\n" * bad + (_good(1) + "\n").encode()))
    with Store(str(tmp_path / "s.db")) as store:
        result = ingest([str(path)], store, IngestConfig(languages=("en",)))
        rows = store.errors(result.run_id)
        run = store.runs()[-1]
    assert result.stored == 1 and result.error_count == bad
    assert len(result.errors) == len(rows) == MAX_ERRORS_PER_FILE + 1
    assert result.errors[-1] == (f"{path}: {bad - MAX_ERRORS_PER_FILE:,} more errors in this file, counted but not "
                                 f"listed (the first {MAX_ERRORS_PER_FILE} are)")
    assert run["errors"] == bad and run["read"] == bad + 1


def test_file_names_are_printed_escaped_and_every_error_is_listed(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "in"
    root.mkdir()
    (root / "forged\nfake: stored.txt: empty file\x1b]0;owned\x07.txt").write_text("x", encoding="utf-8")
    (root / "many.jsonl").write_text("not json\n" * 70 + _good(1) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(root), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert not any(line.startswith("fake:") for line in lines)
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert any("forged\\nfake: stored.txt: empty file\\x1b]0;owned\\x07.txt" in line for line in lines)
    assert sum(1 for line in lines if "many.jsonl:" in line and "malformed JSON" in line) == 70
