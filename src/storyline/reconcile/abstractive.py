"""Optional abstractive summary through an OpenAI-compatible chat endpoint (llama.cpp, vLLM, Ollama).

The prompt carries the story's aligned facts, numbered ``[F1]`` … ``[Fn]``, each with the number of
outlets behind it. The model must cite facts in every sentence. What comes back is checked, not
trusted:

* a sentence citing nothing, or only fact numbers that do not exist, is dropped;
* a cited fact must share at least ``min_shared_words`` content words with the sentence, or the
  citation is dropped; and the cited facts together must cover ``min_coverage`` of the sentence's
  content words, or the sentence is dropped (it says more than its facts support);
* what is left keeps within the word budget, citation marks removed, and cites the articles
  behind its facts.

The only network access is to the configured URL, with the standard library's ``urllib``.
"""

from __future__ import annotations

import http.client
import json
import re
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline.analyze.sentences import split_sentences
from storyline.errors import ConfigError, StorylineError
from storyline.model import Summary, SummarySentence
from storyline.reconcile.facts import AlignedFact
from storyline.reconcile.quote_merge import content_words
from storyline.reconcile.summary import word_count

__all__ = ["AbstractiveConfig", "LLMError", "abstractive_summary", "build_prompt", "check_sentences"]

_CITATION_RE = re.compile(r"\[\s*F(\d+)(?:\s*,\s*F?(\d+))*\s*\]")
_NUMBER_RE = re.compile(r"F?(\d+)")
_LEADING_CITATIONS_RE = re.compile(r"^(?:\s*\[\s*F[\d\s,F]*\])+")
SYSTEM_PROMPT = (
    "You write short, neutral news summaries. Use only the numbered facts you are given. "
    "End every sentence with the numbers of the facts it rests on, like [F2] or [F1, F4]. "
    "Do not add anything the facts do not say."
)


class LLMError(StorylineError):
    """The chat endpoint could not be reached or gave an unusable answer."""


@dataclass(frozen=True, slots=True)
class AbstractiveConfig:
    """Where the chat endpoint is and how to use it.

    Attributes:
        url: Base URL of an OpenAI-compatible API (``http://127.0.0.1:8080/v1``) or the full
            ``…/chat/completions`` URL.
        model: Model name sent with the request.
        api_key: Bearer token, when the server wants one.
        timeout_s: Seconds to wait for the answer.
        max_facts: Facts put in the prompt (the best corroborated first).
        min_shared_words: Content words a cited fact must share with the sentence.
        min_coverage: Share of the sentence's content words its cited facts must contain.
        temperature: Sampling temperature.
    """

    url: str
    model: str = "default"
    api_key: str | None = None
    timeout_s: float = 60.0
    max_facts: int = 40
    min_shared_words: int = 2
    min_coverage: float = 0.5
    temperature: float = 0.0

    def __post_init__(self) -> None:
        if not self.url.startswith(("http://", "https://")):
            raise ConfigError(f"abstractive.url must be an http(s) URL, got {self.url!r}")
        if not 0.0 <= self.min_coverage <= 1.0:
            raise ConfigError("abstractive.min_coverage must be in [0, 1]")

    @property
    def endpoint(self) -> str:
        base = self.url.rstrip("/")
        return base if base.endswith("/chat/completions") else base + "/chat/completions"


def _ranked(facts: Sequence[AlignedFact], limit: int) -> list[AlignedFact]:
    """The facts for the prompt: most outlets first, then story order, at most ``limit``."""
    order = {f.id: i for i, f in enumerate(facts)}
    best = sorted(facts, key=lambda f: (-f.voices, order[f.id]))[:limit]
    return sorted(best, key=lambda f: order[f.id])


def build_prompt(facts: Sequence[AlignedFact], words: int) -> list[dict[str, str]]:
    """The chat messages: instructions, then the facts numbered from F1."""
    lines = [f"[F{n}] ({len(f.fact.outlets)} outlets) {f.fact.text}" for n, f in enumerate(facts, start=1)]
    user = (f"Summarise this news story in at most {words} words, citing facts in every sentence.\n\n"
            + "\n".join(lines))
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def _ask(config: AbstractiveConfig, messages: list[dict[str, str]]) -> str:
    body = json.dumps({"model": config.model, "messages": messages, "temperature": config.temperature}).encode()
    headers = {"Content-Type": "application/json"}
    if config.api_key:
        headers["Authorization"] = f"Bearer {config.api_key}"
    request = urllib.request.Request(config.endpoint, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=config.timeout_s) as response:  # noqa: S310 (configured URL)
            answer: Any = json.loads(response.read().decode("utf-8"))
    except (OSError, http.client.HTTPException, ValueError) as exc:  # URLError, timeouts, resets, bad JSON
        raise LLMError(f"chat endpoint {config.endpoint}: {exc}") from exc
    try:
        return str(answer["choices"][0]["message"]["content"])
    except (KeyError, IndexError, TypeError) as exc:
        raise LLMError(f"chat endpoint {config.endpoint}: no choices[0].message.content in the answer") from exc


def _citations(sentence: str) -> list[int]:
    numbers: list[int] = []
    for match in _CITATION_RE.finditer(sentence):
        numbers.extend(int(n) for n in _NUMBER_RE.findall(match.group(0)))
    return list(dict.fromkeys(numbers))


def _answer_sentences(answer: str) -> list[str]:
    """The answer's sentences; citations written after the full stop go with the sentence before."""
    flat = " ".join(answer.split())
    out: list[str] = []
    for span in split_sentences(flat):
        piece = span.text_in(flat)
        lead = _LEADING_CITATIONS_RE.match(piece)
        if lead and out:
            out[-1] += " " + lead.group(0).strip()
            piece = piece[lead.end():].strip()
        if piece:
            out.append(piece)
    return out


def check_sentences(answer: str, facts: Sequence[AlignedFact], *, words: int,
                    min_shared_words: int = 2, min_coverage: float = 0.5) -> list[SummarySentence]:
    """The sentences of ``answer`` that cite facts which support them (see the module docstring)."""
    keys = [content_words(f.fact.text) for f in facts]
    kept: list[SummarySentence] = []
    used = 0
    for raw in _answer_sentences(answer):
        text = " ".join(_CITATION_RE.sub(" ", raw).split())
        text = re.sub(r"\s+([.!?,;:])", r"\1", text)
        cited = [n for n in _citations(raw) if 1 <= n <= len(facts)]
        words_here = content_words(text)
        support = [n for n in cited if len(words_here & keys[n - 1]) >= min(min_shared_words, len(words_here))]
        if not text or not support:
            continue
        covered = set().union(*(keys[n - 1] for n in support))
        if words_here and len(words_here & covered) / len(words_here) < min_coverage:
            continue
        if used + word_count(text) > words:
            break
        sources = tuple(dict.fromkeys(a for n in support for a in facts[n - 1].articles))
        kept.append(SummarySentence(text=text, sources=sources))
        used += word_count(text)
    return kept


def abstractive_summary(story_id: str, facts: Sequence[AlignedFact], *, words: int,
                        config: AbstractiveConfig) -> Summary:
    """Ask the configured model for a summary of the facts and keep its supported sentences.

    Raises:
        LLMError: the endpoint cannot be reached or answers in an unexpected shape.
        ConfigError: ``words`` is not positive.
    """
    if words < 1:
        raise ConfigError(f"summary word budget must be positive, got {words}")
    chosen = _ranked(facts, config.max_facts)
    answer = _ask(config, build_prompt(chosen, words))
    sentences = check_sentences(answer, chosen, words=words, min_shared_words=config.min_shared_words,
                                min_coverage=config.min_coverage)
    return Summary(story=story_id, sentences=tuple(sentences))
