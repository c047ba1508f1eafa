"""The bounded LRU memo, and the analysis steps that answer repeated text from it exactly as
they answer fresh text."""

from __future__ import annotations

import pytest

from storyline.analyze.memo import LruMemo, attached, memo_stats
from storyline.analyze.ner_crf import CrfRecognizer
from storyline.analyze.ner_multilingual import MultilingualCrfRecognizer

PARAGRAPHS = [
    "El presidente de Egipto, Hosni Mubarak, se reunió el lunes en El Cairo con Hillary Clinton.",
    "La Unión Europea y la ONU pidieron calma, según fuentes de Naciones Unidas en Ginebra.",
    "Mohamed ElBaradei dijo a la cadena Al Jazeera que Omar Suleiman no tiene apoyo.",
]


def test_lru_memo_is_bounded_and_drops_the_least_recently_used() -> None:
    memo: LruMemo[str, tuple[int, ...]] = LruMemo(2)
    memo.put("a", (1,))
    memo.put("b", (2,))
    assert memo.get("a") == (1,)  # "a" is now the most recently used
    memo.put("c", (3,))  # full: "b" goes, not "a"
    assert "b" not in memo and memo.get("a") == (1,) and memo.get("c") == (3,)
    assert len(memo) == 2
    assert memo.get("b") is None
    assert memo.stats() == {"entries": 2, "size": 2, "hits": 3, "misses": 1}
    memo.put("a", (9,))  # replacing a key keeps the size
    assert len(memo) == 2 and memo.get("a") == (9,)
    memo.clear()
    assert len(memo) == 0 and memo.get("a") is None
    assert memo_stats(("m", memo), ("absent", None)) == {"m": memo.stats()}


def test_attached_memo_lives_with_its_owner_and_is_made_once() -> None:
    class Owner:
        pass

    owner, other = Owner(), Owner()
    memo = attached(owner, "_memo", 3)
    assert attached(owner, "_memo", 99) is memo and memo.size == 3
    assert attached(other, "_memo", 3) is not memo


def test_lru_memo_has_at_least_one_entry() -> None:
    memo: LruMemo[int, int] = LruMemo(0)
    memo.put(1, 1)
    memo.put(2, 2)
    assert len(memo) == 1 and memo.get(2) == 2


def _plain(annotated: object) -> dict:
    from storyline.analyze.annotate import annotated_json

    return annotated_json(annotated)  # type: ignore[arg-type]


def test_copies_of_a_generated_day_annotate_as_if_never_seen() -> None:
    """Wire copies, rewrites and updates answered from the memos give the annotations that a
    recogniser with empty memos gives, report by report."""
    from storyline.analyze.annotate import annotate
    from storyline.analyze.entities import EntityRecognizer
    from storyline.evaluate.realistic import generate
    from storyline.model import Article

    records = generate(30, seed=11)
    articles = [Article.from_json({k: r[k] for k in ("id", "text", "published", "language")}) for r in records]
    assert any(r["variant"] in ("copy", "rewrite", "update") for r in records)
    warm = EntityRecognizer(backend="offline").load()
    streamed = [_plain(annotate(a, warm)) for a in articles]
    memo = warm._impl._memo  # type: ignore[union-attr]
    assert memo.hits > 0  # copies were answered from the memo
    fresh = [_plain(annotate(a, EntityRecognizer(backend="offline").load())) for a in articles]
    assert streamed == fresh
    assert sum(len(s["entities"]) for s in streamed) > 100


def test_copies_in_another_language_annotate_as_if_never_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.analyze import entities
    from storyline.analyze.annotate import annotate
    from storyline.model import Article

    original = "\n".join(PARAGRAPHS)
    copies = [original, "Por Ana Pérez (EFE)\n" + original + "\nMás información en Madrid.",
              "\n".join(reversed(PARAGRAPHS)), PARAGRAPHS[2] + " Mubarak no respondió."]
    articles = [Article.from_json({"id": str(i), "text": t, "language": "es", "published": "2011-02-01"})
                for i, t in enumerate(copies)]
    ml, typer = MultilingualCrfRecognizer().load(), CrfRecognizer().load()
    monkeypatch.setattr(entities, "multilingual", lambda _path: ml)
    monkeypatch.setattr(entities, "name_typer", lambda _path: typer)
    streamed = [_plain(annotate(a)) for a in articles]
    assert ml._memo.hits > 0 and typer._window_memo.hits > 0  # type: ignore[attr-defined]
    fresh = []
    for article in articles:
        monkeypatch.setattr(entities, "multilingual", lambda _path, m=MultilingualCrfRecognizer().load(): m)
        monkeypatch.setattr(entities, "name_typer", lambda _path, t=CrfRecognizer().load(): t)
        fresh.append(_plain(annotate(article)))
    assert streamed == fresh
    assert any(e["text"] == "Hosni Mubarak" for e in streamed[1]["entities"])
