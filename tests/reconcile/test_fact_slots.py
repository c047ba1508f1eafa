"""Disagreements about one speech act: its date and the medium it was said to."""

from __future__ import annotations

import pytest

from storyline.analyze.sentences import split_sentences
from storyline.model import Annotated, Article, Event, Mention, Quote, Span, Story, TimeMention
from storyline.reconcile.claims import find_contradictions
from storyline.reconcile.fact_slots import medium_of, speech_clashes
from storyline.reconcile.fact_sources import attributions_of
from storyline.reconcile.facts import align_facts


@pytest.mark.parametrize(("frame", "language", "expected"), [
    ("Hulusi Akal told the Turkish newspaper Liberté on the 10th", "en", ("newspaper", "liberte")),
    ("Hulusi Akar said in an interview to the Turkish newspaper, Hurriyet,", "en", ("newspaper", "hurriyet")),
    ("Akar told the Hurriyet newspaper", "en", ("newspaper", "hurriyet")),
    ("a déclaré le ministre au quotidien Le Monde", "fr", ("quotidien", "le monde")),
    ("ha detto il ministro al quotidiano La Stampa", None, ("quotidiano", "la stampa")),
    ("Price told reporters", "en", None),
    ("told the newspaper on Tuesday", "en", None),  # a medium without a name fills no slot
    ("La cadena de televisión qatarí Al Jazeera ha afirmado", "es", None),  # "La" opens the sentence
])
def test_medium_of(frame: str, language: str | None, expected: tuple[str, str] | None) -> None:
    assert medium_of(frame, language) == expected


def _said(article_id: str, source: str, text: str, speaker: str, cue: str, content: str,
          times: dict[str, str] | None = None, published: str | None = None) -> Annotated:
    start = text.index(content)
    at = text.index(speaker)
    quote = Quote(Span(start, start + len(content)), "indirect", Span(at, at + len(speaker)), None,
                  Span(text.index(cue), text.index(cue) + len(cue)))
    mentions = (Mention(Span(at, at + len(speaker)), "PERSON", "Lina Okafor"),)
    found = tuple(TimeMention(Span(text.index(k), text.index(k) + len(k)), "DATE", v) for k, v in (times or {}).items())
    return Annotated(Article(id=article_id, text=text, source=source, published=published),
                     tuple(split_sentences(text)), mentions, found, (quote,))


CONTENT = "the port would reopen to container ships before the end of the month"
OTHER = "the customs checks would be handled by the navy until further notice"


def _clashes(*items: Annotated) -> list[tuple[str, str, str]]:
    facts = align_facts(list(items))
    return [(c.kind, c.left.value, c.right.value) for c in speech_clashes(facts, attributions_of(list(items)))]


def test_one_interview_dated_two_ways_and_given_to_two_papers_is_found() -> None:
    # a and b state one thing (one fact); b and c name the same medium: one interview, three reports
    a = _said("a", "A", f"Minister Lina Okafor was cited on Tuesday as saying that {CONTENT}.", "Lina Okafor",
              "was cited on Tuesday as saying", CONTENT, {"Tuesday": "2026-03-10"}, "2026-03-12")
    b = _said("b", "B", f"Minister Lina Okafor said in an interview to the newspaper, Harbor Times, that {CONTENT}.",
              "Lina Okafor", "said", CONTENT, published="2026-03-12")
    c = _said("c", "C", f"Minister Lina Okafor told the newspaper Morning Star on the 11th that {OTHER}.",
              "Lina Okafor", "told", OTHER, {"the 11th": "2026-03-11"}, "2026-03-12")
    found = _clashes(a, b, c)
    assert ("date", "2026-03-10 (Tuesday)", "2026-03-11 (the 11th)") in found
    assert ("name", "Harbor Times", "Morning Star") in found
    (clash,) = [x for x in speech_clashes(align_facts([a, b, c]), attributions_of([a, b, c])) if x.kind == "date"]
    assert clash.reason == "one report dates Lina Okafor's remarks 2026-03-10 (Tuesday), another 2026-03-11 (the 11th)"
    assert clash.to_json()["about"] == "Lina Okafor's remarks" and clash.fact_id is None


def test_two_interviews_on_two_days_to_two_papers_are_no_clash_of_names() -> None:
    b = _said("b", "B", f"Minister Lina Okafor told the newspaper Harbor Times on Monday that {CONTENT}.",
              "Lina Okafor", "told", CONTENT, {"Monday": "2026-03-09"}, "2026-03-12")
    c = _said("c", "C", f"Minister Lina Okafor told the newspaper Morning Star on Wednesday that {CONTENT}.",
              "Lina Okafor", "told", CONTENT, {"Wednesday": "2026-03-11"}, "2026-03-12")
    assert [kind for kind, _, _ in _clashes(b, c)] == ["date"]


def test_a_speaker_dated_three_ways_is_several_speeches_and_no_clash() -> None:
    days = {"a": ("Monday", "2026-03-09"), "b": ("Tuesday", "2026-03-10"), "c": ("Wednesday", "2026-03-11")}
    items = [_said(k, k.upper(), f"Minister Lina Okafor said on {d} that {CONTENT}.", "Lina Okafor", "said", CONTENT,
                   {d: v}, "2026-03-12") for k, (d, v) in days.items()]
    assert _clashes(*items) == []


def test_today_in_a_copy_published_a_day_later_is_no_clash() -> None:
    a = _said("a", "A", f"Minister Lina Okafor said today that {CONTENT}.", "Lina Okafor", "said", CONTENT,
              {"today": "2026-03-10"}, "2026-03-10")
    b = _said("b", "B", f"Minister Lina Okafor said today that {CONTENT}.", "Lina Okafor", "said", CONTENT,
              {"today": "2026-03-11"}, "2026-03-11")
    assert _clashes(a, b) == []


def test_acts_never_span_two_events() -> None:
    a = _said("a", "A", f"Minister Lina Okafor said on Tuesday that {CONTENT}.", "Lina Okafor", "said", CONTENT,
              {"Tuesday": "2026-03-10"}, "2026-03-12")
    b = _said("b", "B", f"Minister Lina Okafor said on Wednesday that {CONTENT}.", "Lina Okafor", "said", CONTENT,
              {"Wednesday": "2026-03-11"}, "2026-03-12")
    facts = align_facts([a, b])
    events = (Event("e1", ("a",)), Event("e2", ("b",)))
    assert speech_clashes(facts, attributions_of([a, b]), events) == []
    assert len(speech_clashes(facts, attributions_of([a, b]), (Event("e", ("a", "b")),))) == 1


def test_samples_two_genuine_disagreements_and_no_other(s400: tuple[Story, list[Annotated]]) -> None:
    story, annotated = s400
    facts = align_facts(annotated)
    clashes = find_contradictions(facts) + speech_clashes(facts, attributions_of(annotated), story.events)
    shown = {(c.kind, c.left.value, c.right.value) for c in clashes}
    assert shown == {("date", "2021-02-09 (Tuesday)", "2021-02-10 (the 10th)"), ("name", "Liberté", "Hurriyet")}
    for clash in clashes:
        assert "Akar" in clash.reason and clash.left.outlet != clash.right.outlet
        assert {"Akar", "Akal"} & set(clash.left.text.replace(",", " ").split())
