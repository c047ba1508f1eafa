"""Issue 21: the CRF's per-sentence memo answers exactly what tagging answers, at any offset."""

from __future__ import annotations

from storyline.analyze import ner_crf
from storyline.analyze.ner_crf import CrfRecognizer
from storyline.analyze.ner_features import sentence_features, tokenize
from storyline.model import Span

SENTENCES = ["Turkish Defence Minister Hulusi Akar met Jake Sullivan in Washington on Monday.",
             "NATO said the S-400 system was incompatible with its own.",
             "  Ned Price told reporters the U.S. position had not changed."]


def _tagged_directly(recognizer: CrfRecognizer, text: str, spans: list[Span]) -> list[tuple[int, int, str]]:
    out = []
    for span in spans:
        tokens = tokenize(text, span.start, span.end)
        tags = recognizer._tagger.tag(sentence_features([text[s:e] for s, e in tokens]))
        out += [(m.span.start, m.span.end, m.type) for m in ner_crf.bio_mentions(tokens, tags)]
    return out


def _spans(text: str, parts: list[str]) -> list[Span]:
    spans, pos = [], 0
    for part in parts:
        start = text.index(part, pos)
        spans.append(Span(start, start + len(part)))
        pos = start + len(part)
    return spans


def test_memo_gives_the_tagger_s_mentions_at_every_offset() -> None:
    recognizer = CrfRecognizer().load()
    first = " ".join(SENTENCES)
    copy = "WASHINGTON (Wire) -- " + "\n\n".join(reversed(SENTENCES))  # the same sentences, moved
    for text, parts in ((first, SENTENCES), (copy, ["WASHINGTON (Wire) --", *reversed(SENTENCES)])):
        spans = _spans(text, parts)
        found = [(m.span.start, m.span.end, m.type) for m in recognizer(text, spans)]
        assert found == _tagged_directly(recognizer, text, spans)
        assert any(text[s:e] == "Akar" or "Hulusi Akar" in text[s:e] for s, e, _ in found)
    assert len(recognizer._memo) == len(SENTENCES) + 1  # each sentence tagged once


def test_memo_is_bounded(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(ner_crf, "SENTENCE_MEMO_SIZE", 4)
    recognizer = CrfRecognizer().load()
    text = " ".join(f"Minister Akar number {n} spoke." for n in range(10))
    recognizer(text, _spans(text, [f"Minister Akar number {n} spoke." for n in range(10)]))
    assert len(recognizer._memo) <= 4


def test_multilingual_memo_answers_as_a_fresh_recogniser() -> None:
    from storyline.analyze.ner_multilingual import MultilingualCrfRecognizer

    parts = ["El ministro de Defensa turco, Hulusi Akar, se reunió con Jake Sullivan en Washington.",
             "La OTAN dijo que el sistema S-400 no era compatible con el suyo.",
             "Banco de España publicó el informe el lunes."]
    first = " ".join(parts)
    copy = "MADRID (Agencia) -- " + "\n\n".join(reversed(parts))
    copy_parts = ["MADRID (Agencia) --", *reversed(parts)]
    warm = MultilingualCrfRecognizer().load()
    warm(first, _spans(first, parts), "es")
    remembered = warm(copy, _spans(copy, copy_parts), "es")
    fresh = MultilingualCrfRecognizer().load()(copy, _spans(copy, copy_parts), "es")
    assert remembered == fresh and any(copy[m.span.start:m.span.end] == "Washington" for m in fresh)
    assert len(warm._memo) == len(parts) + 1
    assert warm(copy, _spans(copy, copy_parts), "fr") == MultilingualCrfRecognizer().load()(
        copy, _spans(copy, copy_parts), "fr")  # the language is part of the key
