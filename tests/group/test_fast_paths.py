"""The grouper's fast paths give exactly what their plain definitions give.

Grouping must not change when it is made faster: each optimised helper is checked, bit for bit,
against the straightforward code it replaced.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter

from datasketch import MinHash

from storyline.group import features, folding
from storyline.group.clusters import Cluster, top_items
from storyline.group.duplicates import _SCHEME, DuplicateIndex, _crc32, shingles
from storyline.group.events import EVENT_WEIGHTS
from storyline.group.features import (
    DocumentFrequencies, date_keys, dot, extract_features, fold, token_keys, weigh, weigh_two,
)
from storyline.group.months import MONTHS
from storyline.group.stopwords import stopwords_for
from storyline.group.stories import STORY_WEIGHTS
from storyline.model import Article

TEXTS = [
    "Çavuşoğlu met Blinken on 28 janvier; «Bengasi» — Ngô Đình Diệm’s heirs. Й, İstanbul.",
    "ΟΔΥΣΣΕΥΣ ΚΑΙ ΣΙΣΥΦΟΣ ΣaΣ. Øresund, Łódź, straße, ﬁnance ①, e\u0301\u0327 \U0001d165x",
    "Le 3 mars, 1er avril et 12 de enero; on March 4th and Sept. 11 — 3,200 évacués, 6,1.",
]


def _plain_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(folding._SPECIAL_FOLDS))
    return folding._COMBINING.sub("", decomposed).lower()


def test_fold_equals_whole_text_folding() -> None:
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x20, 0x2000, 3)] + list(
        "ΣσςİIıəé\u0301\u0327\u0308\u0345ﬁ①ᾳ\U0001d165ǅ’ ") + list("ab Σ.") * 10
    samples = TEXTS + ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
                       for _ in range(5000)]
    for text in samples:
        assert fold(text) == _plain_fold(text), text


def test_month_trie_matches_like_the_longest_first_alternation() -> None:
    plain_month = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
    day = features._DAY
    plain = re.compile(rf"\b(?:{day}\s+(?:de\s+|of\s+)?{plain_month}|{plain_month}\s+{day})\b")
    rng = random.Random(3)
    pieces = [*MONTHS, "1", "12", "31", "3rd", "1er", " ", " de ", " of ", ".", "x", "2019"]
    samples = [fold(text) for text in TEXTS] + [
        "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(5000)]
    for text in samples:
        got = [(m.span(), m.groups()) for m in features._DATE.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], text


def test_extract_features_counts_in_the_same_order() -> None:
    for text in TEXTS:
        article = Article(id="a", text=text, title="Çavuşoğlu in Ankara")
        stopwords = stopwords_for(None)
        # Sentence openings read as in features._name_keys (tested in test_features.py).
        counts: Counter[str] = features._name_keys(text, stopwords)
        counts.update(date_keys(text))
        expected = {key: float(n) for key, n in counts.items()}
        for key in features._name_keys("Çavuşoğlu in Ankara", stopwords).elements():
            expected[key] = expected.get(key, 0.0) + 2.0
        got = extract_features(article).counts
        assert list(got.items()) == list(expected.items())


def test_weigh_two_equals_weigh_twice() -> None:
    table = DocumentFrequencies()
    articles = [extract_features(Article(id=str(i), text=text)) for i, text in enumerate(TEXTS)]
    for one in articles:
        table.add(one.counts)
    for one in articles:
        story, event = weigh_two(one.counts, table, STORY_WEIGHTS, EVENT_WEIGHTS)
        assert list(story.items()) == list(weigh(one.counts, table, STORY_WEIGHTS).items())
        assert list(event.items()) == list(weigh(one.counts, table, EVENT_WEIGHTS).items())


def test_dot_sums_in_order() -> None:
    rng = random.Random(5)
    small = {f"k{i}": rng.random() for i in range(50)}
    large = {f"k{i}": rng.random() for i in range(0, 200, 3)}
    assert dot(small, large) == sum(w * large.get(key, 0.0) for key, w in small.items())


def test_absorb_equals_decay_then_add() -> None:
    fast, slow = Cluster("a", 1), Cluster("b", 2)
    rng = random.Random(9)
    for day in range(10):
        vector = {f"w:{rng.randrange(40)}": rng.random() for _ in range(30)}
        fast.absorb(str(day), vector, day * 3, max_terms=20, half_life_days=7.0)
        slow.decay_to(day * 3, 7.0)
        for key, weight in vector.items():
            slow.centroid[key] = slow.centroid.get(key, 0.0) + weight
        if len(slow.centroid) > 40:
            slow.centroid = dict(sorted(slow.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:20])
        slow.renorm()
        assert list(fast.centroid.items()) == list(slow.centroid.items())
        assert (fast.norm, fast.type_sq) == (slow.norm, slow.type_sq)


def test_top_items_equals_sorting_by_weight_then_key() -> None:
    rng = random.Random(3)
    for size in (0, 5, 64, 300):
        # Few distinct weights, so that many keys tie and the tie order is tested.
        vector = {f"{rng.choice('wn#')}:{rng.randrange(500)}": rng.randrange(8) / 7
                  for _ in range(size)}
        for n in (1, 40, 64, 400):
            plain = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
            assert top_items(vector, n) == plain


def test_signature_equals_a_fresh_minhash_of_sorted_shingles() -> None:
    index = DuplicateIndex()
    for text in TEXTS:
        plain = MinHash(num_perm=index.num_perm, hashfunc=_crc32, scheme=_SCHEME)
        plain.update_batch(sorted(shingles(text)))
        signature = index.signature(text)
        assert signature is not None
        assert (signature.hashvalues == plain.hashvalues).all()


def test_merge_links_resolve_like_the_alias_chain() -> None:
    from storyline.group.story_index import StoryIndex

    index = StoryIndex(max_posting=8, max_centroid_terms=8, half_life_days=None)
    for merged, kept in [("a", "b"), ("x", "y"), ("b", "c"), ("y", "c"), ("d", "e")]:
        index.alias[merged] = kept
        index._link(merged, kept)

    def walk(story_id: str) -> str:
        while story_id in index.alias:
            story_id = index.alias[story_id]
        return story_id

    ids = ["a", "b", "c", "d", "e", "x", "y", "z"]
    assert [index.resolve(i) for i in ids] == [walk(i) for i in ids]
    assert sorted(index.absorbed("c")) == ["a", "b", "x", "y"] and index.absorbed("a") == []
    root, absorbed = dict(index._root), {k: sorted(v) for k, v in index._absorbed.items()}
    index.rebuild_links()
    assert index._root == root
    assert {k: sorted(v) for k, v in index._absorbed.items()} == absorbed


def test_fold_head_is_the_folded_head_even_when_cached() -> None:
    long_text = "Çavuşoğlu " * 3000
    assert features.fold_head(long_text) == fold(long_text[:20_000])
    assert features.fold_head(long_text) == fold(long_text[:20_000])  # the cached result
    assert features.fold_head("Ünal") == "unal"
