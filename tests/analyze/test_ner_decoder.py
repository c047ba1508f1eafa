"""Issue 21: the CRFs decoded from their weights as arrays give the tagger's tags (CRFsuite's
additions in its order, its comparisons), and marginals close enough that ties go to the tagger;
the word tables stay exact when bounded; an unreadable model falls back to the tagger."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from storyline.analyze import ner_decoder, ner_multilingual
from storyline.analyze.crf_features import EnglishRows
from storyline.analyze.ner_crf import DEFAULT_MODEL_PATH, ML_MODEL_PATH, CrfRecognizer
from storyline.analyze.ner_decoder import CrfWeights, crf_weights
from storyline.analyze.ner_features import ml_sentence_features, ml_tokenize, place_marks, sentence_features, tokenize
from storyline.analyze.ner_lexicon import lexicon, places
from storyline.analyze.ner_ml_features import MlRows
from storyline.analyze.ner_multilingual import MultilingualCrfRecognizer
from storyline.analyze.sentences import split_sentences

ENGLISH = ("Turkish Defence Minister Hulusi Akar met Jake Sullivan in Washington on Monday, "
           "and NATO said the S-400 system bought from Russia's Almaz-Antey was incompatible. "
           "Ned Price told reporters the U.S. position had not changed | he added (3.5%). "
           "the talks resume on 12/03 -- or not!!! BOEING 747 DREAMLINER LANDED IN NEW YORK")
TEXTS = {
    "es": "El ministro turco Hulusi Akar se reunió con Jake Sullivan en Washington. Banco de España "
          "publicó el informe; la OTAN dijo que el sistema S-400 no era compatible. EE.UU. y Air Canada.",
    "fr": "L'Union européenne et l'Onu ont condamné d'Airbus la décision, a-t-il déclaré à Paris. "
          "Le Conseil de sécurité se réunira jeudi à New York.",
    "it": "Il ministro dell'Interno ha parlato con l'Eni a Roma. Mario Draghi è arrivato a Bruxelles.",
    "de": "Der Anwalt Gamal Eid sagte in Kairo, die Regierung habe die Proteste verboten.",
    "nl": "De minister van Buitenlandse Zaken sprak in Den Haag met Mark Rutte over de NAVO.",
}
ODD = [["|"], ["a|b", "|", "c|", "|d"], ["<s>", "</s>"], ["x" * 500], ["\x00", "\u200b", "🙂"],
       ["مصراتة", "北约", "ΝΑΤΟ", "İstanbul", "ǅemal", "ß"], ["1,000", "-", "—", "'s"], ["Word"] * 300]


def _english_sequences() -> list[list[str]]:
    texts = [ENGLISH, *TEXTS.values()]
    out = [[t[s:e] for s, e in tokenize(t, sp.start, sp.end)] for t in texts for sp in split_sentences(t)]
    windows = [words[i:i + 5] for words in out for i in range(0, len(words), 3)]
    return out + windows + ODD


@pytest.fixture(scope="module")
def english() -> tuple[pycrfsuite.Tagger, CrfWeights]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(DEFAULT_MODEL_PATH))
    return tagger, CrfWeights(DEFAULT_MODEL_PATH)


def test_weights_are_the_model_s(english) -> None:  # noqa: ANN001
    tagger, weights = english
    info = tagger.info()
    assert weights.labels == tagger.labels()
    for (attribute, label), value in list(info.state_features.items())[::50]:  # the dump rounds to 6 decimals
        assert weights.state[weights.attribute(attribute), weights.labels.index(label)] == pytest.approx(value, abs=1e-6)
    for (before, after), value in info.transitions.items():
        assert weights.trans[weights.labels.index(before), weights.labels.index(after)] == pytest.approx(value, abs=1e-6)
    assert not weights.state[weights.unknown].any()
    assert weights.attribute("no such attribute") == weights.unknown


def test_english_decoder_gives_the_tagger_s_tags(english) -> None:  # noqa: ANN001
    tagger, weights = english
    sequences = _english_sequences()
    rows = EnglishRows(weights)
    assert rows.columns(sequences).shape == (sum(map(len, sequences)), 11)
    scores = np.split(rows.scores(sequences), np.cumsum(list(map(len, sequences)))[:-1])
    assert weights.viterbi(scores) == [list(tagger.tag(sentence_features(words))) for words in sequences]
    assert weights.viterbi(scores[:1] + [np.zeros((0, len(weights.labels)))]) == [weights.viterbi(scores[:1])[0], []]


def test_bounded_word_table_starts_again_with_the_same_rows(english) -> None:  # noqa: ANN001
    tagger, weights = english
    small, big = EnglishRows(weights, cache_size=40), EnglishRows(weights)
    sequences = _english_sequences()[:12]
    for words in sequences:  # each call may forget every word form: the tags stay the tagger's
        scores = small.scores([words])
        assert weights.viterbi([scores]) == [list(tagger.tag(sentence_features(words)))]
        assert np.array_equal(scores, big.scores([words]))
    assert len(small._ids) <= 40 + max(map(len, sequences))  # noqa: SLF001


def test_recogniser_tags_many_as_one_by_one() -> None:
    fast, slow = CrfRecognizer().load(), CrfRecognizer().load()
    slow.__dict__["_rows"] = None  # the tagger
    sequences = _english_sequences()
    assert fast.tag_many(sequences) == slow.tag_many(sequences)
    assert fast.tag_many([]) == []
    gaps = [[], sequences[0], [], ["Paris"], []]  # empty sequences anywhere, the last one included
    assert fast.tag_many(gaps) == slow.tag_many(gaps) and fast.tag_many(gaps)[0] == []
    mentions = fast(ENGLISH, split_sentences(ENGLISH))
    assert mentions == slow(ENGLISH, split_sentences(ENGLISH))
    assert {ENGLISH[m.span.start:m.span.end] for m in mentions} >= {"Hulusi Akar", "Washington"}


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_multilingual_decoder_gives_the_tagger_s_mentions(language: str) -> None:
    text = TEXTS[language]
    sentences = [text[s.start:s.end] for s in split_sentences(text)] + [" ".join(TEXTS.values()), "", "Roma"]
    recogniser = MultilingualCrfRecognizer().load()
    decoded = recogniser._decode(sentences, language)  # noqa: SLF001
    assert decoded == [recogniser._sentence(s, language) for s in sentences]  # noqa: SLF001
    assert any(decoded)


def test_marginals_are_the_tagger_s() -> None:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(ML_MODEL_PATH))
    weights, lex, gazetteer = CrfWeights(ML_MODEL_PATH), lexicon("es"), places()
    rows = MlRows(weights)
    text = TEXTS["es"]
    chunks = [[text[s:e] for s, e in ml_tokenize(text, sp.start, sp.end)] for sp in split_sentences(text)]
    marks = [place_marks(words, gazetteer) for words in chunks]
    scores = np.split(rows.scores(chunks, marks, lex, gazetteer), np.cumsum(list(map(len, chunks)))[:-1])
    for words, found, probabilities in zip(chunks, marks, weights.marginals(scores)):
        tagger.set(ml_sentence_features(words, lex, gazetteer, found))
        tagger.tag()
        expected = [[tagger.marginal(label, i) for label in weights.labels] for i in range(len(words))]
        assert np.allclose(probabilities, expected, atol=1e-9)
        assert np.allclose(probabilities.sum(axis=1), 1.0)


def test_near_ties_are_settled_by_the_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    text = TEXTS["es"]
    sentences = [text[s.start:s.end] for s in split_sentences(text)]
    expected = MultilingualCrfRecognizer().load()._decode(sentences, "es")  # noqa: SLF001
    monkeypatch.setattr(ner_multilingual, "MARGINAL_TIE", 10.0)  # every run is a "tie"
    assert MultilingualCrfRecognizer().load()._decode(sentences, "es") == expected  # noqa: SLF001


def test_unreadable_model_falls_back_to_the_tagger(tmp_path: Path) -> None:
    broken = tmp_path / "model.crfsuite"
    broken.write_bytes(b"not a model")
    stat = broken.stat()
    assert crf_weights(str(broken), stat.st_mtime_ns, stat.st_size) is None
    with pytest.raises(ValueError):
        copy = tmp_path / "copy.crfsuite"
        data = bytearray(DEFAULT_MODEL_PATH.read_bytes())
        data[48:52] = b"XXXX"  # the feature chunk's mark
        copy.write_bytes(bytes(data))
        CrfWeights(copy)
    text = TEXTS["es"]
    recogniser = MultilingualCrfRecognizer().load()
    recogniser.__dict__["_rows"] = None
    assert recogniser(text, split_sentences(text), "es") == \
        MultilingualCrfRecognizer().load()(text, split_sentences(text), "es")
    assert ner_decoder.MARGINAL_TIE < 1e-3


def test_bounded_multilingual_table_gives_the_same_scores() -> None:
    weights, gazetteer = CrfWeights(ML_MODEL_PATH), places()
    small, big = MlRows(weights, cache_size=20), MlRows(weights)
    for language, text in TEXTS.items():
        lex = lexicon(language)
        for span in split_sentences(text):
            words = [text[s:e] for s, e in ml_tokenize(text, span.start, span.end)]
            marks = [place_marks(words, gazetteer)]
            assert np.array_equal(small.scores([words], marks, lex, gazetteer), big.scores([words], marks, lex, gazetteer))
    assert small._size <= 20 + max(len(t.split()) * 2 for t in TEXTS.values())  # noqa: SLF001
