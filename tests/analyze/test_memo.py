"""The bounded LRU memo, and the analysis steps that answer repeated text from it exactly as
they answer fresh text."""

from __future__ import annotations

import pytest

from storyline.analyze import ner_crf
from storyline.analyze.memo import LruMemo, memo_stats
from storyline.analyze.ner_crf import CrfRecognizer
from storyline.analyze.ner_multilingual import MultilingualCrfRecognizer
from storyline.analyze.sentences import split_sentences
from storyline.model import Mention, Span

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


def test_lru_memo_has_at_least_one_entry() -> None:
    memo: LruMemo[int, int] = LruMemo(0)
    memo.put(1, 1)
    memo.put(2, 2)
    assert len(memo) == 1 and memo.get(2) == 2


@pytest.fixture(scope="module")
def ml() -> MultilingualCrfRecognizer:
    return MultilingualCrfRecognizer().load()


def _mentions(ml: MultilingualCrfRecognizer, text: str) -> list[Mention]:
    return ml(text, split_sentences(text), "es")


def _fresh(text: str, mentions: list[Mention]) -> list[Mention]:
    """The typer's answer computed without any memo."""
    typer = CrfRecognizer().load()
    return typer._around(text, sorted(mentions, key=lambda m: m.span.start), 2)


def test_typer_lines_from_memo_answer_as_fresh_tagging(ml: MultilingualCrfRecognizer) -> None:
    typer = CrfRecognizer().load()
    first = "\n".join(PARAGRAPHS)
    mentions = _mentions(ml, first)
    assert len(mentions) >= 6
    assert typer.around(first, mentions) == _fresh(first, mentions)
    # a copy: the same paragraphs at other offsets, one new line before and one after
    copy = "Por nuestra corresponsal en Madrid, Ana Pérez.\n" + "\n".join(PARAGRAPHS[1:]) + "\n(EFE)"
    copy_mentions = _mentions(ml, copy)
    hits = typer._line_memo.hits  # type: ignore[attr-defined]
    answer = typer.around(copy, copy_mentions)
    assert typer._line_memo.hits >= hits + 2  # type: ignore[attr-defined]  # the two copied lines
    assert answer == _fresh(copy, copy_mentions)
    assert all(copy[m.span.start:m.span.end] for m in answer)


def test_typer_line_memo_reads_the_mentions_not_only_the_line(ml: MultilingualCrfRecognizer) -> None:
    typer = CrfRecognizer().load()
    text = PARAGRAPHS[2]
    mentions = _mentions(ml, text)
    assert typer.around(text, mentions) == _fresh(text, mentions)
    fewer = mentions[:1]  # the same line asked about one name only
    assert typer.around(text, fewer) == _fresh(text, fewer)
    assert len(typer.around(text, fewer)) <= len(typer.around(text, mentions))


def test_typer_names_across_lines_and_empty_spans_skip_the_memo(ml: MultilingualCrfRecognizer) -> None:
    text = "Se reunió con Hosni\nMubarak en El Cairo el lunes."
    across = [Mention(Span(14, 27), "PERSON"), Mention(Span(31, 39), "GPE")]
    typer = CrfRecognizer().load()
    assert typer.around(text, across) == _fresh(text, across)
    assert "_line_memo" not in typer.__dict__
    empty = [Mention(Span(5, 5), "PERSON"), Mention(Span(31, 39), "GPE")]
    assert typer.around(text, empty) == _fresh(text, empty)
    assert typer.around(text, []) == []


def test_typer_line_memo_is_bounded(ml: MultilingualCrfRecognizer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ner_crf, "LINE_MEMO_SIZE", 2)
    typer = CrfRecognizer().load()
    text = "\n".join(PARAGRAPHS)
    mentions = _mentions(ml, text)
    assert typer.around(text, mentions) == _fresh(text, mentions)
    assert len(typer._line_memo) == 2  # type: ignore[attr-defined]
    assert typer.around(text, mentions) == _fresh(text, mentions)  # the evicted line again


def test_typer_memo_is_not_pickled(ml: MultilingualCrfRecognizer) -> None:
    import pickle

    typer = CrfRecognizer().load()
    text = PARAGRAPHS[0]
    typer.around(text, _mentions(ml, text))
    copy = pickle.loads(pickle.dumps(typer))
    assert "_line_memo" not in copy.__dict__
    assert copy.around(text, _mentions(ml, text)) == typer.around(text, _mentions(ml, text))


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
    assert ml._memo.hits > 0 and typer._line_memo.hits > 0  # type: ignore[attr-defined]
    fresh = []
    for article in articles:
        monkeypatch.setattr(entities, "multilingual", lambda _path, m=MultilingualCrfRecognizer().load(): m)
        monkeypatch.setattr(entities, "name_typer", lambda _path, t=CrfRecognizer().load(): t)
        fresh.append(_plain(annotate(article)))
    assert streamed == fresh
    assert any(e["text"] == "Hosni Mubarak" for e in streamed[1]["entities"])
