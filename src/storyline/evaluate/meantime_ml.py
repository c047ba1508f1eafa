"""Reader of ``../shared/data/meantime-ml``: MEANTIME dev in en, es, it, nl as Article JSONL.

Each language folder holds ``articles.jsonl`` (one Wikinews document per line, translated; ``story``
= the corpus, airbus or apple) and ``entities.jsonl`` (gold entity mentions: character offsets into
the article text, a MEANTIME type, and ``chain``, the instance id shared across documents *and*
languages). The derived gold misses many mentions (SOURCE.md): recall over it is sound, precision
against it is a lower bound, and only documents with gold should be scored. Reading is linear in
the files' size.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from storyline.model import Article

__all__ = ["LANGUAGES", "GoldMention", "MeantimeLanguage", "read_meantime_ml"]

LANGUAGES = ("en", "es", "it", "nl")


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One gold entity mention: ``text == article.text[start:end]``."""

    doc: str
    start: int
    end: int
    text: str
    type: str
    chain: str
    chain_name: str
    sentence: int
    discontinuous: bool = False


@dataclass(frozen=True, slots=True)
class MeantimeLanguage:
    """The articles of one language and their gold mentions, by article id."""

    language: str
    articles: tuple[Article, ...]
    mentions: dict[str, tuple[GoldMention, ...]]

    @property
    def documents_with_gold(self) -> tuple[Article, ...]:
        return tuple(article for article in self.articles if self.mentions.get(article.id))


def read_meantime_ml(root: Path, language: str) -> MeantimeLanguage:
    """Read one language of the release; raises ``FileNotFoundError`` when it is not there."""
    folder = Path(root) / language
    articles = tuple(Article.from_json(json.loads(line))
                     for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
                     if line.strip())
    by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    for line in (folder / "entities.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        by_doc[row["doc"]].append(GoldMention(
            doc=row["doc"], start=int(row["start"]), end=int(row["end"]), text=row["text"], type=row["type"],
            chain=row["chain"], chain_name=row.get("chain_name") or "", sentence=int(row.get("sentence", -1)),
            discontinuous=bool(row.get("discontinuous", False))))
    return MeantimeLanguage(language=language, articles=articles,
                            mentions={doc: tuple(found) for doc, found in by_doc.items()})
