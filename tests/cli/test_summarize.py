"""`storyline summarize`: one line per story, budget kept, every sentence cites its articles."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app

BRIDGE = [
    "The harbour council approved a new bridge across the river on Thursday after a decade of debate.",
    "After a decade of debate, the harbour council on Thursday approved a new bridge across the river.",
    "The harbour council approved the new river bridge on Thursday, ending a decade of debate.",
]
QUOTAS = [
    "Fishermen protested on Monday outside the port authority against the new cod and haddock quotas.",
    "Fishermen angry about new cod and haddock quotas protested outside the port authority on Monday.",
]


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _run(tmp_path: Path, rows: list[dict[str, str]], words: int) -> list[dict[str, object]]:
    _write(tmp_path / "in.jsonl", rows)
    result = CliRunner().invoke(app, ["summarize", str(tmp_path / "in.jsonl"), "--words", str(words),
                                      "--out", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]


def test_given_story_field_is_used_as_given(tmp_path: Path) -> None:
    rows = [{"id": f"b{n}", "text": t, "source": f"o{n}", "published": "2021-03-04", "story": "bridge"}
            for n, t in enumerate(BRIDGE)]
    rows += [{"id": f"q{n}", "text": t, "source": f"o{n}", "published": "2021-03-01", "story": "quotas"}
             for n, t in enumerate(QUOTAS)]
    lines = _run(tmp_path, rows, 20)
    assert [line["story"] for line in lines] == ["bridge", "quotas"]
    for line in lines:
        assert len(str(line["summary"]).split()) <= 20
        sentences = line["sentences"]
        assert isinstance(sentences, list) and sentences
        assert " ".join(s["text"] for s in sentences) == line["summary"]
        prefix = "b" if line["story"] == "bridge" else "q"
        assert all(s["sources"] and all(i.startswith(prefix) for i in s["sources"]) for s in sentences)
    assert set(lines[0]["sentences"][0]["sources"]) == {"b0", "b1", "b2"}  # type: ignore[index]


def test_without_story_field_articles_are_grouped_and_output_is_deterministic(tmp_path: Path) -> None:
    rows = [{"id": f"b{n}", "text": t, "published": "2021-03-04"} for n, t in enumerate(BRIDGE)]
    first = _run(tmp_path, rows, 30)
    assert len(first) >= 1
    assert {i for line in first for s in line["sentences"] for i in s["sources"]} <= {"b0", "b1", "b2"}  # type: ignore[union-attr]
    assert _run(tmp_path, rows, 30) == first


def test_unreadable_input_is_one_error_line_and_exit_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["summarize", str(tmp_path / "missing.jsonl"), "--words", "50",
                                      "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "missing.jsonl: no such file or directory" in result.stderr
    assert not (tmp_path / "o.jsonl").exists()


# --- the optional abstractive summary (--llm-url), against a fake chat server on loopback ------

import re  # noqa: E402
from http.server import BaseHTTPRequestHandler, HTTPServer  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402


class _FakeChat(BaseHTTPRequestHandler):
    """Answers with the prompt's first fact, reworded a little and cited; or fails as told."""

    mode = "echo"
    requests: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, "body": body})
        if self.mode == "error":
            self.send_error(500, "model crashed")
            return
        prompt = body["messages"][-1]["content"]
        number, text = re.search(r"^\[F(\d+)\] \(\d+ outlets\) (.+)$", prompt, re.M).groups()  # type: ignore[union-attr]
        answer = {"echo": f"In short, {text.rstrip('.')} [F{number}].",
                  "unsupported": f"The mayor resigned in disgrace [F{number}].", "garbage": None}[self.mode]
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": answer}}]}
                             if answer is not None else {"unexpected": True}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake_chat(loopback_server: Any) -> tuple[str, type[_FakeChat]]:
    handler = type("Handler", (_FakeChat,), {"requests": [], "mode": "echo"})
    return loopback_server(handler), handler


def _stories(tmp_path: Path) -> Path:
    rows = [{"id": f"b{n}", "text": t, "source": f"o{n}", "published": "2021-03-04", "story": "bridge"}
            for n, t in enumerate(BRIDGE)]
    rows += [{"id": f"q{n}", "text": t, "source": f"o{n}", "published": "2021-03-01", "story": "quotas"}
             for n, t in enumerate(QUOTAS)]
    _write(tmp_path / "in.jsonl", rows)
    return tmp_path / "in.jsonl"


def _summarize(tmp_path: Path, *options: str) -> tuple[Any, list[dict[str, Any]]]:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["summarize", str(_stories(tmp_path)), "--words", "40", "--out", str(out),
                                      *options])
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    return result, lines


def test_llm_url_gives_the_checked_abstractive_summary(tmp_path: Path, fake_chat: tuple[str, type[_FakeChat]]) -> None:
    url, handler = fake_chat
    result, lines = _summarize(tmp_path, "--llm-url", url, "--llm-model", "tiny")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    assert [r["path"] for r in handler.requests] == ["/v1/chat/completions"] * 2
    assert {r["body"]["model"] for r in handler.requests} == {"tiny"}
    extractive = _summarize(tmp_path)[1]
    assert [line["story"] for line in lines] == ["bridge", "quotas"]
    for line, plain in zip(lines, extractive):
        (sentence,) = line["sentences"]
        assert line["summary"] == sentence["text"] and sentence["text"].endswith(".")
        assert sentence["text"].startswith("In short, ") and "[F" not in sentence["text"]  # the model's words
        assert sentence["text"] != plain["summary"]
        prefix = "b" if line["story"] == "bridge" else "q"
        assert sentence["sources"] and all(i.startswith(prefix) for i in sentence["sources"])
    assert set(lines[0]["sentences"][0]["sources"]) == {"b0", "b1", "b2"}


@pytest.mark.parametrize("mode", ["error", "garbage"])
def test_failing_server_falls_back_to_extractive_with_one_warning(
        tmp_path: Path, fake_chat: tuple[str, type[_FakeChat]], mode: str) -> None:
    url, handler = fake_chat
    handler.mode = mode
    result, lines = _summarize(tmp_path, "--llm-url", url)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and url in warnings[0] and "extractive" in warnings[0]
    assert len(handler.requests) == 1  # not asked again once it failed
    assert lines == _summarize(tmp_path)[1]


def test_unreachable_server_falls_back_too(tmp_path: Path) -> None:
    with HTTPServer(("127.0.0.1", 0), _FakeChat) as closed:
        port = closed.server_address[1]  # bound, then closed: nothing listens there
    result, lines = _summarize(tmp_path, "--llm-url", f"http://127.0.0.1:{port}/v1")
    assert result.exit_code == 0, result.output
    assert sum("warning" in line for line in result.stderr.splitlines()) == 1
    assert lines == _summarize(tmp_path)[1]


def test_unsupported_answer_is_dropped_and_the_story_summarised_extractively(
        tmp_path: Path, fake_chat: tuple[str, type[_FakeChat]]) -> None:
    url, handler = fake_chat
    handler.mode = "unsupported"
    result, lines = _summarize(tmp_path, "--llm-url", url)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 2 and all("extractive" in w for w in warnings)  # asked for each story
    assert len(handler.requests) == 2
    assert lines == _summarize(tmp_path)[1]


def test_llm_url_must_be_http(tmp_path: Path) -> None:
    result, lines = _summarize(tmp_path, "--llm-url", "ftp://example/v1")
    assert result.exit_code == 1 and lines == []
    assert result.stderr.count("\n") == 1 and "abstractive.url must be an http(s) URL" in result.stderr
