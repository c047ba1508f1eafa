"""Issue 21: the tagging-time CRF features read what the full features read, so tags and mentions
cannot change; the word table, the window memo and the caseless check stay exact and bounded."""

from __future__ import annotations

import pycrfsuite
import pytest

from storyline.analyze import crf_features, ner_crf
from storyline.analyze.crf_features import EnglishFeatures, known_attributes
from storyline.analyze.entities import EntityRecognizer, caseless_report
from storyline.analyze.ner_caseless import is_caseless_report
from storyline.analyze.ner_crf import DEFAULT_MODEL_PATH, CrfRecognizer
from storyline.analyze.ner_features import sentence_features, tokenize, word_shape
from storyline.analyze.ner_multilingual import MultilingualCrfRecognizer
from storyline.analyze.sentences import split_sentences

ENGLISH = ("Turkish Defence Minister Hulusi Akar met Jake Sullivan in Washington on Monday, "
           "and NATO said the S-400 system bought from Russia's Almaz-Antey was incompatible. "
           "Ned Price told reporters the U.S. position had not changed | he added (3.5%). "
           "the talks resume on 12/03 -- or not!!! ")
TEXTS = {
    "es": "El ministro turco Hulusi Akar se reunió con Jake Sullivan en Washington. Banco de España "
          "publicó el informe; la OTAN dijo que el sistema S-400 no era compatible.",
    "fr": "L'Union européenne et l'Onu ont condamné d'Airbus la décision, a-t-il déclaré à Paris. "
          "Le Conseil de sécurité se réunira jeudi à New York.",
    "it": "Il ministro dell'Interno ha parlato con l'Eni a Roma. Mario Draghi è arrivato a Bruxelles.",
    "de": "Der Anwalt Gamal Eid sagte in Kairo, die Regierung habe die Proteste verboten.",
    "ru": "Министр обороны Турции Хулуси Акар встретился с Джейком Салливаном в Вашингтоне.",
    "el": "Ο ΥΠΟΥΡΓΟΣ Άμυνας συναντήθηκε με τον Τζέικ Σάλιβαν στην Ουάσιγκτον.",
}
ODD_WORDS = [[], ["|"], ["a|b", "|", "c|", "|d"], ["<s>", "</s>"], ["x" * 500], ["\x00", "\u200b", "🙂"],
             ["مصراتة", "北约", "ΝΑΤΟ", "İstanbul", "ǅemal", "ß"], ["1,000", "-", "—", "'s"]]


@pytest.fixture(scope="module")
def english() -> tuple[pycrfsuite.Tagger, EnglishFeatures]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(DEFAULT_MODEL_PATH))
    known = known_attributes(tagger)
    assert known is not None and "b" in known
    return tagger, EnglishFeatures(known)


def _english_sentences() -> list[list[str]]:
    texts = [ENGLISH, *TEXTS.values()]
    out = [[t[s:e] for s, e in tokenize(t, sp.start, sp.end)] for t in texts for sp in split_sentences(t)]
    return out + ODD_WORDS


def _decoded(features: list[list[str]]) -> list[list[str]]:
    return [list(item) for item in features]


def test_english_features_are_the_known_full_features_in_order(english) -> None:  # noqa: ANN001
    tagger, fast = english
    for words in _english_sentences():
        full = sentence_features(words)
        assert _decoded(fast(words)) == [[f for f in item if f in fast.known] for item in full]
        if words:
            assert tagger.tag(fast(words)) == tagger.tag(full)


def test_word_table_respects_its_bound(english) -> None:  # noqa: ANN001
    tagger, big = english
    small = EnglishFeatures(big.known, cache_size=8)
    words = [f"Word{n}" for n in range(100)] + ["Word3", "Akar", "Word3"]
    assert small(words) == big(words)  # evicted entries are rebuilt the same
    assert small(words[:5]) == big(words[:5])
    assert small.entry.cache_info().currsize == 8  # type: ignore[attr-defined]
    assert tagger.tag(small(words)) == tagger.tag(sentence_features(words))


def test_pairs_holding_a_bar_are_found_under_any_split() -> None:
    fast = EnglishFeatures(frozenset({"-1w|w=a|b|c", "w=b|c", "b"}))
    assert _decoded(fast(["a", "b|c"])) == [["b"], ["b", "w=b|c", "-1w|w=a|b|c"]]
    assert _decoded(fast(["a|b", "c"])) == [["b"], ["b", "-1w|w=a|b|c"]]
    assert _decoded(fast(["a", "b", "c"])) == [["b"], ["b"], ["b"]]


def test_unreadable_attributes_fall_back_to_the_full_features(monkeypatch) -> None:  # noqa: ANN001
    class Info:
        attributes = {"b": "0"}
        header = {"num_attrs": "2"}

    class Tagger:
        def info(self) -> Info:
            return Info()

    assert known_attributes(Tagger()) is None
    monkeypatch.setattr(crf_features, "_known", lambda *_: None)
    monkeypatch.setattr(ner_crf, "english_rows", lambda _path: None)  # no array decoder either
    slow = CrfRecognizer().load()
    assert ner_crf.english_features(DEFAULT_MODEL_PATH) is None
    found = slow(ENGLISH, split_sentences(ENGLISH))
    assert slow._fast is None  # type: ignore[attr-defined]
    monkeypatch.undo()
    fast = CrfRecognizer().load()
    fast.__dict__["_rows"] = None  # the tagger, with the fast features
    assert fast(ENGLISH, split_sentences(ENGLISH)) == found
    assert fast._fast is not None  # type: ignore[attr-defined]
    assert CrfRecognizer().load()(ENGLISH, split_sentences(ENGLISH)) == found  # the array decoder
    assert {ENGLISH[m.span.start:m.span.end] for m in found} >= {"Hulusi Akar", "Washington"}


@pytest.mark.parametrize("language", ["en", *TEXTS, "ar", "zh", None])
def test_recogniser_mentions_are_the_same_with_and_without_the_fast_path(language: str | None) -> None:
    text = {"en": ENGLISH, None: ENGLISH + "\x00\ufffd", "ar": "قال وزير الدفاع التركي في مصراتة إن حلف الناتو",
            "zh": "北约秘书长在布鲁塞尔说"}.get(language) or TEXTS[language]
    recognizer = EntityRecognizer(backend="offline")
    found = recognizer(text, split_sentences(text), language=language)
    slow = EntityRecognizer(backend="offline").load()
    slow._impl.__dict__["_fast"] = None  # type: ignore[union-attr]
    slow._impl.__dict__["_rows"] = None  # type: ignore[union-attr]  # the tagger, not the array decoder
    ml = MultilingualCrfRecognizer().load()
    ml.__dict__["_rows"] = None
    typer = CrfRecognizer().load()
    typer.__dict__["_fast"] = None  # the full features, and a fresh window memo
    typer.__dict__["_rows"] = None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("storyline.analyze.entities.multilingual", lambda _path: ml)
        patch.setattr("storyline.analyze.entities.name_typer", lambda _path: typer)
        patch.setattr("storyline.analyze.entities.caseless_report", is_caseless_report)
        assert slow(text, split_sentences(text), language=language) == found
    if language in ("en", "es", "ru"):
        assert found  # names were found, so the comparison compared something


def test_window_memo_answers_as_tagging_and_is_bounded(monkeypatch) -> None:  # noqa: ANN001
    text = TEXTS["es"]
    mentions = MultilingualCrfRecognizer().load()(text, split_sentences(text), "es")
    assert mentions
    fresh = CrfRecognizer().load().around(text, mentions)
    typer = CrfRecognizer().load()
    assert typer.around(text, mentions) == fresh and typer.around(text, mentions) == fresh  # second from memo
    assert typer._window_memo  # type: ignore[attr-defined]
    monkeypatch.setattr(ner_crf, "WINDOW_MEMO_SIZE", 2)
    small = CrfRecognizer().load()
    assert small.around(text, mentions) == fresh
    assert len(small._window_memo) <= 2  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", ["", "12345 !!", "NATO struck tanks near Misrata on Monday.",
                                  "Le président a déclaré à Paris, près de l'Élysée.",
                                  "قال وزير الدفاع التركي إن حلف الناتو", "北约秘书长在布鲁塞尔说 NATO",
                                  "NATO " * 300 + "مصراتة " * 200, "مصراتة " * 10 + "NATO Brussels " * 8,
                                  "x" * 1999 + "北约" * 10, "e\u0301te\u0301 Ελλάδα Москва", "\x00\ud800 ٣٣"])
def test_caseless_check_matches_the_letter_count(text: str) -> None:
    assert caseless_report(text) == is_caseless_report(text)


@pytest.mark.parametrize(("word", "shape"), [("Blinken", "Xx"), ("S-400", "X-d"), ("U.S.", "X.X."), ("Ελλάδα", "Xx"),
                                             ("İstanbul", "Xx"), ("МОСКВА", "X"), ("ǅemal", "ǅx"), ("٣٣", "٣"),
                                             ("北约北约", "北约北约"), ("a\n\nb", "x\n\nx"), ("", "")])
def test_word_shape_in_every_script(word: str, shape: str) -> None:
    """Upper case X, lower case x, digits d (ASCII), anything else itself; runs of one character
    collapse except line breaks (the regex's "." does not match them)."""
    assert word_shape(word) == shape
