"""Tests of storyline.evaluate.entities and storyline.evaluate.gmb (on data the tests make)."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

import pytest

from storyline.evaluate.entities import evaluate_recognition, evaluate_resolution, muc, read_meantime
from storyline.evaluate.gmb import normalise_tags, read_gmb

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def test_gmb_normalise_tags_moves_titles_out_and_maps_types() -> None:
    words = ["Turkish", "Foreign", "Minister", "Mevlut", "Cavusoglu", "visited", "Iraq", "."]
    tags = ["B-gpe", "B-per", "I-per", "I-per", "I-per", "O", "B-geo", "O"]
    assert normalise_tags(words, tags) == ["B-NORP", "O", "O", "B-PERSON", "I-PERSON", "O", "B-GPE", "O"]
    assert normalise_tags(["Monday"], ["B-tim"]) == ["O"]


def _gmb(tmp_path: Path) -> Path:
    rows = ["Sentence #,Word,POS,Tag", "Sentence: 1,Hulusi,NNP,B-per", ",Akar,NNP,I-per", ",spoke,VBD,O",
            "Sentence: 38367,Mr.,NNP,B-per", ",Price,NNP,I-per", ",visited,VBD,O", ",Ankara,NNP,B-geo",
            ",.,.,O"]
    folder = tmp_path / "ner-gmb"
    folder.mkdir()
    with gzip.open(folder / "ner_dataset.csv.gz", "wb") as handle:
        handle.write(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    return folder


def test_gmb_read_splits(tmp_path: Path) -> None:
    folder = _gmb(tmp_path)
    assert list(read_gmb(folder, "train")) == [(["Hulusi", "Akar", "spoke"], ["B-PERSON", "I-PERSON", "O"])]
    assert [w for w, _ in read_gmb(folder, "dev")] == [["Mr.", "Price", "visited", "Ankara", "."]]
    with pytest.raises(ValueError):
        list(read_gmb(folder, "nope"))


def test_entities_recognition_scores_a_tiny_split(tmp_path: Path) -> None:
    result = evaluate_recognition(_gmb(tmp_path), split="dev")
    assert result["sentences"] == 1 and result["words"] == 5
    assert result["recogniser"]["GPE"]["gold"] == 1
    assert set(result["model"]) == {"PERSON", "ORG", "GPE", "NORP", "all"}
    assert 0.0 <= result["recogniser"]["all"]["f1"] <= 1.0


def test_entities_muc_known_values() -> None:
    gold = {1: "a", 2: "a", 3: "a", 4: "b", 5: "b"}
    assert muc(gold, gold)["f1"] == 1.0
    split = {1: "x", 2: "x", 3: "y", 4: "z", 5: "z"}
    scores = muc(split, gold)
    assert scores["recall"] == pytest.approx(2 / 3, abs=1e-4) and scores["precision"] == 1.0
    assert muc({1: "x"}, {1: "a"})["f1"] == 0.0


def _meantime_doc(doc_id: str, words: list[str], mentions: list[tuple[list[int], str, str, str]]) -> bytes:
    tokens = "".join(f'<token t_id="{i + 1}" sentence="0" number="{i}">{w}</token>' for i, w in enumerate(words))
    markables, relations = [], []
    for k, (anchors, instance, ent_type, syntactic) in enumerate(mentions):
        anchor = "".join(f'<token_anchor t_id="{a}"/>' for a in anchors)
        markables.append(f'<ENTITY_MENTION m_id="{k + 1}" syntactic_type="{syntactic}">{anchor}</ENTITY_MENTION>')
        markables.append(f'<ENTITY m_id="{100 + k}" instance_id="{instance}" ent_type="{ent_type}"/>')
        relations.append(f'<REFERS_TO r_id="{k}"><source m_id="{k + 1}"/><target m_id="{100 + k}"/></REFERS_TO>')
    return (f'<Document doc_id="{doc_id}">{tokens}<Markables>{"".join(markables)}</Markables>'
            f'<Relations>{"".join(relations)}</Relations></Document>').encode()


def _meantime(tmp_path: Path) -> Path:
    folder = tmp_path / "meantime-en"
    folder.mkdir()
    docs = {
        "corpus_apple/1.xml": _meantime_doc("1", "Apple CEO Steve Jobs said Apple Inc. grew .".split(),
                                            [([1], "APPLE", "ORG", "PRE.NAM"), ([1, 2, 3, 4], "JOBS", "PER", "NAM"),
                                             ([6, 7], "APPLE", "ORG", "NAM")]),
        "corpus_apple/2.xml": _meantime_doc("2", "Jobs spoke . He left .".split(),
                                            [([1], "JOBS", "PER", "NAM"), ([4], "JOBS", "PER", "PRO")]),
        "corpus_airbus/3.xml": _meantime_doc("3", "Airbus and Boeing . It grew .".split(),
                                             [([1], "AIRBUS", "ORG", "NAM"), ([3], "BOEING", "ORG", "NAM"),
                                              ([5], "BOEING", "ORG", "PRO")]),
    }
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in docs.items():
            info = tarfile.TarInfo("intra_cross-doc_annotation/" + name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    (folder / "meantime_en_intra_cross-doc_annotation.tar.gz").write_bytes(buffer.getvalue())
    return folder


def test_entities_read_meantime(tmp_path: Path) -> None:
    docs = read_meantime(_meantime(tmp_path))
    assert [d["corpus"] for d in docs] == ["airbus", "apple", "apple"]
    first = docs[1]
    assert [m["span"].text_in(first["text"]) for m in first["mentions"]] == ["Apple", "Apple CEO Steve Jobs", "Apple Inc."]


def test_entities_resolution_beats_exact_string_on_tiny_data(tmp_path: Path) -> None:
    result = evaluate_resolution(_meantime(tmp_path))
    row = result["all/all_mentions"]
    assert row["storyline"]["bcubed"]["f1"] == 1.0
    assert row["baseline"]["bcubed"]["f1"] < 1.0
    assert row["bcubed_gain"] > 0


@pytest.mark.shared
def test_entities_meantime_goal_on_shared_data() -> None:
    if not (SHARED / "meantime-en").is_dir():
        pytest.skip("../shared/data/meantime-en is not there")
    result = evaluate_resolution(SHARED / "meantime-en")
    assert result["all/all_mentions"]["bcubed_gain"] >= 0.10
    assert result["all/named_mentions"]["bcubed_gain"] >= 0.10
