"""The optional abstractive summary, against a fake OpenAI-compatible server on loopback."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from storyline.analyze.sentences import split_sentences
from storyline.errors import ConfigError
from storyline.model import Annotated, Article
from storyline.reconcile.abstractive import AbstractiveConfig, LLMError, abstractive_summary, check_sentences
from storyline.reconcile.facts import AlignedFact, align_facts

REPORTS = {
    "a": "The harbour council approved a new bridge across the river after a decade of debate. "
         "Fishermen protested against the cod quotas outside the port authority.",
    "b": "After a decade of debate the harbour council approved a new bridge across the river. "
         "The mayor thanked the engineers who designed the crossing.",
}


def _facts() -> list[AlignedFact]:
    items = [Annotated(Article(id=k, text=v, source=k.upper()), tuple(split_sentences(v))) for k, v in REPORTS.items()]
    return align_facts(items)


class _Fake(BaseHTTPRequestHandler):
    answer = ""
    requests: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, "body": body})
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": type(self).answer}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake_llm(loopback_server: Any) -> tuple[str, type[_Fake]]:
    handler = type("Handler", (_Fake,), {"requests": [], "answer": ""})
    return loopback_server(handler), handler


def _number(facts: list[AlignedFact], needle: str) -> int:
    """The fact's number in the prompt: all facts fit, so the prompt keeps story order."""
    return next(n for n, f in enumerate(facts, start=1) if needle in f.fact.text)


def test_supported_sentences_are_kept_and_unsupported_dropped(fake_llm: tuple[str, type[_Fake]]) -> None:
    url, handler = fake_llm
    facts = _facts()
    bridge, fishermen = _number(facts, "bridge"), _number(facts, "Fishermen")
    handler.answer = (f"The harbour council approved a new river bridge after a decade of debate [F{bridge}]. "
                      f"Fishermen protested against cod quotas at the port authority. [F{fishermen}] "
                      f"The bridge will cost a billion dollars and open next year [F{bridge}]. "
                      "The mayor resigned in disgrace. "
                      f"Fishermen protested against cod quotas at the port authority [F{bridge}].")
    summary = abstractive_summary("s1", facts, words=60, config=AbstractiveConfig(url=url, model="fake"))
    assert [s.text for s in summary.sentences] == [
        "The harbour council approved a new river bridge after a decade of debate.",
        "Fishermen protested against cod quotas at the port authority.",
    ]
    assert summary.sentences[0].sources == ("a", "b") and summary.sentences[1].sources == ("a",)
    (request,) = handler.requests
    assert request["path"] == "/v1/chat/completions" and request["body"]["model"] == "fake"
    prompt = request["body"]["messages"][-1]["content"]
    assert f"[F{bridge}] (2 outlets)" in prompt


def test_budget_and_unknown_fact_numbers() -> None:
    facts = _facts()
    bridge = _number(facts, "bridge")
    kept = check_sentences(f"Council approved the river bridge after decade of debate [F{bridge}]. "
                           "It also approved the harbour bridge after debate [F99].", facts, words=100)
    assert len(kept) == 1
    assert check_sentences(f"Council approved the river bridge after decade of debate [F{bridge}].", facts, words=3) == []


def test_unreachable_endpoint_is_an_llm_error() -> None:
    config = AbstractiveConfig(url="http://127.0.0.1:9/v1", timeout_s=2.0)
    with pytest.raises(LLMError):
        abstractive_summary("s1", _facts(), words=50, config=config)


def test_config_validation() -> None:
    with pytest.raises(ConfigError):
        AbstractiveConfig(url="ftp://example")
    assert AbstractiveConfig(url="http://h/v1/chat/completions").endpoint == "http://h/v1/chat/completions"
