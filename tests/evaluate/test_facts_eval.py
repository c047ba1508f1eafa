"""Tests of storyline.evaluate.facts_eval (ECB+ sentence links from facts, and the baseline)."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from storyline.evaluate.facts_eval import (
    chains_of, evaluate_facts, fact_links, gold_links, jaccard_links, pair_scores, read_selected,
)
from storyline.reconcile.quote_merge import content_words

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

#: doc -> sentences (sentence 0 of an ecbplus document is its URL); words tagged ``*CHAIN`` are
#: action mentions of that cross-document chain.
DOCS = {
    "2_1ecb": ["A magnitude 6.1 earthquake *STRUCK Aceh province in Indonesia on Tuesday .",
               "Officials said twelve people *DIED in the collapse of houses ."],
    "2_2ecb": ["The strong earthquake *STRUCK Aceh in Indonesia on Tuesday , officials said .",
               "Rescue teams searched the rubble through the night ."],
    "2_3ecbplus": ["http://example.com/quake",
                   "Twelve villagers *DIED when their houses collapsed in Aceh .",
                   "Rescue teams searched the rubble of the houses through the night ."],
}


def _xml(sentences: list[str]) -> bytes:
    tokens, markables, chains = [], [], {}
    for n, sentence in enumerate(sentences):
        for m, word in enumerate(sentence.split()):
            t_id = len(tokens) + 1
            if word.startswith("*"):
                m_id = len(markables) + 1
                markables.append(f'<ACTION_OCCURRENCE m_id="{m_id}"><token_anchor t_id="{t_id}"/></ACTION_OCCURRENCE>')
                chains.setdefault(word[1:], []).append(m_id)
                word = word[1:].lower()
            tokens.append(f'<token t_id="{t_id}" sentence="{n}" number="{m}">{word}</token>')
    relations = "".join(f'<CROSS_DOC_COREF r_id="{i}" note="ACT{name}">'
                        + "".join(f'<source m_id="{m}"/>' for m in mids) + "</CROSS_DOC_COREF>"
                        for i, (name, mids) in enumerate(sorted(chains.items())))
    return (f"<Document>{''.join(tokens)}<Markables>{''.join(markables)}</Markables>"
            f"<Relations>{relations}</Relations></Document>").encode()


@pytest.fixture
def ecb_dir(tmp_path: Path) -> Path:
    with tarfile.open(tmp_path / "ECBplus_train_dev_topics.tar.gz", "w:gz") as archive:
        for doc, sentences in DOCS.items():
            data = _xml(sentences)
            info = tarfile.TarInfo(f"ECB+/2/{doc}.xml")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    rows = ["doc\ttopic\tsubtopic_event_cluster\tsplit_cybulska_vossen_2015"]
    rows += [f"{doc}\t2\t2_{'ecbplus' if doc.endswith('ecbplus') else 'ecb'}\tdev" for doc in DOCS]
    (tmp_path / "doc_subtopic_clusters.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    selected = ["Topic,File,Sentence Number", "2,1ecb,0", "2,1ecb,1", "2,2ecb,0", "2,2ecb,1",
                "2,3ecbplus,1", "2,3ecbplus,2"]
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text("\n".join(selected) + "\n", encoding="utf-8")
    return tmp_path


def test_chains_of_maps_mentions_to_sentences_and_skips_the_url_line() -> None:
    lines, chains = chains_of(_xml(DOCS["2_3ecbplus"]), skip_first=True)
    assert lines == [1, 2]
    assert set(chains) == {1} and len(chains[1]) == 1 and next(iter(chains[1])).startswith("ACT")


def test_chains_of_ignores_entity_chains() -> None:
    data = _xml(["Tara *CHECKED in ."]).replace(b'note="ACTCHECKED"', b'note="HUMCHECKED"')
    assert chains_of(data)[1] == {}


def test_gold_links_need_the_same_chain_and_different_documents() -> None:
    chains = {"a": {0: frozenset({"ACT1"}), 1: frozenset({"ACT1"})}, "b": {0: frozenset({"ACT1", "ACT2"})},
              "c": {0: frozenset({"ACT2"})}, "z": {0: frozenset({"ACT1"})}}
    topic = {"a": "1", "b": "1", "c": "1", "z": "9"}
    links = gold_links(chains, [("a", 0), ("a", 1), ("b", 0), ("c", 0), ("z", 0)], topic)
    assert links == {(("a", 0), ("b", 0)), (("a", 1), ("b", 0)), (("b", 0), ("c", 0))}


def test_jaccard_links_use_the_threshold_within_a_topic() -> None:
    words = {("a", 0): frozenset("quake struck aceh".split()), ("b", 0): frozenset("quake struck aceh tuesday".split()),
             ("c", 0): frozenset("rescue rubble night".split()), ("z", 0): frozenset("quake struck aceh".split())}
    topic = {"a": "1", "b": "1", "c": "1", "z": "2"}
    assert jaccard_links(words, topic) == {(("a", 0), ("b", 0))}
    assert jaccard_links(words, topic, threshold=0.8) == set()


def test_fact_links_map_spans_to_lines_and_keep_selected_sentences() -> None:
    # doc a: lines at 0 and 10 (sentences 0, 1); doc b (ecbplus): lines at 0, 8 (sentences 1, 2).
    starts, numbers = {"a": [0, 10], "b": [0, 8]}, {"a": [0, 1], "b": [1, 2]}
    ends = {("a", 10): 18, ("b", 0): 7, ("a", 0): 9}
    links = fact_links([[("a", 10), ("b", 0)], [("a", 0)]], starts, numbers, ends, {("a", 1), ("b", 1), ("a", 0)})
    assert links == {(("a", 1), ("b", 1))}
    assert fact_links([[("a", 10), ("b", 0)]], starts, numbers, ends, {("a", 1)}) == set()


def test_pair_scores_edge_cases() -> None:
    gold = {(("a", 0), ("b", 0)), (("a", 1), ("b", 1))}
    assert pair_scores(set(), gold)["f1"] == 0.0 and pair_scores(set(), set())["precision"] == 0.0
    half = pair_scores({(("a", 0), ("b", 0)), (("a", 0), ("b", 1))}, gold)
    assert half["precision"] == 0.5 and half["recall"] == 0.5 and half["correct"] == 1


def test_evaluate_facts_on_a_tiny_fixture(ecb_dir: Path) -> None:
    assert ("2_3ecbplus", 2) in read_selected(ecb_dir)
    result = evaluate_facts(ecb_dir)
    json.dumps(result)
    assert result["documents"] == 3 and result["sentences"] == 6
    # Gold: the two "struck" sentences; each "died" sentence with the other.
    assert result["facts"]["gold"] == 2 == result["baseline"]["gold"]
    assert 0.0 <= result["facts"]["f1"] <= 1.0 and result["baseline"]["threshold"] == 0.3
    words = content_words(DOCS["2_1ecb"][0].replace("*", ""))
    assert {"earth", "aceh"} <= {w[:5] for w in words}


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "data" / "ecbplus").is_dir(), reason="../shared is absent")
def test_evaluate_facts_on_ecbplus_dev() -> None:
    result = evaluate_facts(SHARED / "data" / "ecbplus")
    assert result["topics"] == 8 and result["documents"] == 197
    assert result["sentences"] >= 300  # every selected sentence of dev maps to a line of its text
    # The baseline is deterministic: its figures are a property of the data and the scorer.
    assert 0.3 <= result["baseline"]["f1"] <= 0.5 and result["baseline"]["precision"] >= 0.7
    assert result["facts"]["precision"] >= 0.6
