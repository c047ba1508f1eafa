"""Tests of time-expression recognition and normalisation (storyline.analyze.times)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.analyze.times import TimeTagger, find_times, infer_report_date
from storyline.model import TimeMention

THURSDAY = date(2021, 2, 11)  # the first s400 report's date
SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "s400"


def _values(text: str, anchor: date | None = THURSDAY, **kwargs: str) -> dict[str, tuple[str, str | None]]:
    return {m.span.text_in(text): (m.type, m.value) for m in find_times(text, anchor, **kwargs)}


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The State Department spokesman said on Wednesday.", "Wednesday", "2021-02-10"),
        ("Akar was cited on Tuesday as saying so.", "Tuesday", "2021-02-09"),
        ("The US sanctioned Ankara over the systems in December.", "December", "2020-12"),
        ("Price said on the 10th that talks were expected.", "the 10th", "2021-02-10"),
        ("The US suspended Turkey from the F-35 project in July 2019.", "July 2019", "2019-07"),
        ("Last year, Washington imposed sanctions on Ankara.", "Last year", "2020"),
        ("Erdogan spoke prior to Biden's inauguration on January 20.", "January 20", "2021-01-20"),
        ("Turkey signed the contract in 2017.", "2017", "2017"),
        ("He arrived yesterday.", "yesterday", "2021-02-10"),
        ("The sanctions were imposed two years ago.", "two years ago", "2019"),
        ("The talks will take place next Wednesday.", "next Wednesday", "2021-02-17"),
        ("They met last Wednesday.", "last Wednesday", "2021-02-10"),
        ("They met last Friday.", "last Friday", "2021-02-05"),
        ("The ministers will meet on Monday.", "Monday", "2021-02-15"),
        ("Sales fell earlier this month.", "earlier this month", "2021-02"),
        ("It was signed on Feb. 3, 2020.", "Feb. 3, 2020", "2020-02-03"),
        ("It was signed on 3 February 2020.", "3 February 2020", "2020-02-03"),
        ("The file is dated 2021-02-10.", "2021-02-10", "2021-02-10"),
        ("Profit rose in the third quarter.", "the third quarter", "2020-Q3"),
        ("Profit will rise in the third quarter.", "the third quarter", "2021-Q3"),
        ("They expect a vote this week.", "this week", "2021-W06"),
    ],
)
def test_times_resolves_against_anchor(text: str, surface: str, value: str) -> None:
    assert _values(text)[surface][1] == value


def test_times_future_month_goes_forward() -> None:
    text = "The summit will be held in April."
    assert _values(text)["April"] == ("DATE", "2021-04")


@pytest.mark.parametrize(
    ("text", "surface", "kind", "value"),
    [
        ("The war lasted three years.", "three years", "DURATION", "P3Y"),
        ("The flight took 2 hours.", "2 hours", "DURATION", "PT2H"),
        ("It was a two-week visit.", "two-week", "DURATION", "P2W"),
        ("They talked for years.", "years", "DURATION", "PXY"),
        ("Inspections take place every week.", "every week", "SET", "P1W"),
        ("The paper appears daily.", "daily", "SET", "P1D"),
        ("They meet each Thursday.", "each Thursday", "SET", "XXXX-WXX-4"),
        ("He is now in Ankara.", "now", "DATE", "PRESENT_REF"),
        ("Turkey recently proposed a group.", "recently", "DATE", "PAST_REF"),
        ("The blast came at 10:35 a.m. Friday.", "10:35 a.m. Friday", "TIME", "2021-02-05T10:35"),
        ("He left this morning.", "this morning", "TIME", "2021-02-11TMO"),
    ],
)
def test_times_types_and_values(text: str, surface: str, kind: str, value: str) -> None:
    assert _values(text)[surface] == (kind, value)


def test_times_without_anchor_stays_underspecified() -> None:
    text = "The US imposed sanctions in December and met on Wednesday, the 10th."
    found = _values(text, anchor=None)
    assert found["December"][1] == "XXXX-12"
    assert found["Wednesday"][1] == "XXXX-WXX-3"
    assert found["the 10th"][1] == "XXXX-XX-10"


@pytest.mark.parametrize("text", ["", "   \n\t ", "Hello", "Turkey"])
def test_times_empty_and_plain_texts_give_nothing(text: str) -> None:
    assert find_times(text, THURSDAY) == []


@pytest.mark.parametrize(
    "text",
    [
        "The 11th U.S. Circuit Court ruled.",
        "A 6-year-old boy and his 44-year-old uncle arrived.",
        "Officers may March into town.",
        "It was said as previously reported by the future minister.",
        "She bought 1,990 shares for $2019.",
    ],
)
def test_times_ignores_lookalikes(text: str) -> None:
    assert find_times(text, THURSDAY) == []


def test_times_spans_slice_their_text_and_do_not_overlap() -> None:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    text = text or "On Wednesday, in December 2020, last year and the 10th of March."
    mentions = find_times(text, THURSDAY)
    assert mentions
    previous_end = -1
    for mention in mentions:
        surface = mention.span.text_in(text)
        assert surface == surface.strip() and surface
        assert mention.span.start >= previous_end
        previous_end = mention.span.end


def test_times_large_text_gives_ordered_valid_spans() -> None:
    unit = "On Wednesday the minister said that sanctions imposed in December 2020 remain. "
    text = (unit * (2_000_000 // len(unit) + 1))[:2_000_000]
    mentions = find_times(text, THURSDAY)  # speed: bench/bench_analyze.py
    assert len(mentions) > 10_000
    assert all(a.span.end <= b.span.start for a, b in zip(mentions, mentions[1:]))


def test_times_hostile_input_gives_no_time_expressions() -> None:
    # Runs of digits, stopwords and dashes: regexes that backtracked on them would hang the suite.
    text = ("1" * 5000) + (" the " * 5000) + ("every " * 5000) + "-" * 5000
    assert find_times(text, THURSDAY) == []


def test_times_foreign_month_names() -> None:
    # The determiner belongs to the expression in Spanish and French TimeML (MEANTIME, FR-TimeBank).
    assert _values("Firmado el 10 de febrero de 2021.", language="es")["el 10 de febrero de 2021"][1] == "2021-02-10"
    assert _values("Signé le 3 mars 2020.", language="fr")["le 3 mars 2020"][1] == "2020-03-03"
    assert _values("Firmato il 5 maggio 2019.", language="it")["il 5 maggio 2019"][1] == "2019-05-05"


def test_times_tagger_matches_function_and_keeps_config() -> None:
    tagger = TimeTagger(language="en", max_chars=1000)
    text = "Price said on Wednesday that nothing changed."
    assert tagger(text, THURSDAY) == find_times(text, THURSDAY)
    assert TimeTagger(**tagger.config).config == tagger.config
    assert all(isinstance(m, TimeMention) for m in tagger(text, THURSDAY))


def test_times_tagger_bounds_input() -> None:
    text = "x" * 100 + " on Wednesday"
    assert TimeTagger(max_chars=50)(text, THURSDAY) == []


def test_infer_report_date_from_dateline() -> None:
    assert infer_report_date(" date 2021-02-11 .\nThe minister spoke on Wednesday.") == (
        date(2021, 2, 11), 0.9,
    )


def test_infer_report_date_from_latest_month_with_low_confidence() -> None:
    text = "The US suspended Turkey in July 2019 and imposed sanctions in December 2020."
    found, confidence = infer_report_date(text)
    assert found == date(2020, 12, 31)
    assert 0 < confidence < 0.5


def test_infer_report_date_without_dates() -> None:
    assert infer_report_date("No dates here, only on Wednesday.") == (None, 0.0)


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples/s400 is absent")
def test_times_first_sample_expressions() -> None:
    text = (SAMPLES / "000_6845ac8b50c1c149.txt").read_text(encoding="utf-8")
    found = {(m.span.text_in(text), m.value) for m in find_times(text, THURSDAY)}
    assert {("Wednesday", "2021-02-10"), ("Tuesday", "2021-02-09"), ("December", "2020-12")} <= found


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples/s400 is absent")
def test_times_second_sample_expressions() -> None:
    text = (SAMPLES / "001_e967ca61c5950d90.txt").read_text(encoding="utf-8")
    values = [(m.span.text_in(text), m.value) for m in find_times(text, THURSDAY)]
    assert values.count(("the 10th", "2021-02-10")) == 2
    assert ("July 2019", "2019-07") in values and ("December 2020", "2020-12") in values


def test_tense_from_the_markers_read_once_equals_reading_the_sentence() -> None:
    from storyline.analyze import time_resolve as tr  # noqa: PLC0415 - the helpers under test

    sentence = 'He said on Friday he will go, “we met on Monday” and “they will sign” next week.'
    for start in range(0, len(sentence), 4):
        end = min(len(sentence), start + 6)
        cut = sentence.find("“", end)
        best = None
        for m in tr._TENSE_RE.finditer(sentence if cut < 0 else sentence[:cut]):
            if m.end() > start and m.start() < end:
                continue
            distance = start - m.end() if m.end() <= start else 2 * (m.start() - end) + 10
            if best is None or distance < best[0]:
                best = (distance, "future" if m.group("fut") else "past")
        expected = None if best is None else best[1]
        assert tr.tense_among(tr.tense_markers(sentence), sentence, start, end) == expected
        assert tr.tense_near(sentence, start, end) == expected
