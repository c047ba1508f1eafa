"""Which sentence words a fact: never another fact's wording nor a near copy of it."""

from __future__ import annotations

from storyline.reconcile.fact_wording import wording

TEXTS = [
    "Tamarrod, soutenu par l'opposition, assure avoir collecté 22 millions de signatures.",
    "Tamarrud, soutenu par l'opposition, assure avoir collecté 22 millions de signatures.",
    "Avec le soutien de l'opposition, l'appel de Tamarrod a mobilisé massivement.",
    "Après avoir récolté 22 millions de signatures, le mouvement a posé un ultimatum.",
    "A lire : des millions de signatures contre le président.",
]


def _scores(pairs: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    return {(min(a, b), max(a, b)): v for (a, b), v in pairs.items()}


def test_a_fact_is_not_worded_by_a_near_copy_of_a_larger_facts_wording() -> None:
    signatures = [0, 1, 3, 4]  # the larger fact: 0 is its most central sentence
    support = [0, 1, 2]        # 0 and its spelling variant 1 also state the support
    scores = _scores({(0, 1): 1.0, (0, 3): 0.6, (0, 4): 0.5, (1, 3): 0.6, (3, 4): 0.3,
                      (0, 2): 0.9, (1, 2): 0.9})
    chosen = wording([support, signatures], scores, TEXTS)
    assert chosen[1] == 0
    assert chosen[0] == 2  # not 1, which differs from 0 by one letter


def test_a_different_sentence_of_the_same_fact_may_word_it() -> None:
    scores = _scores({(0, 2): 0.9, (0, 3): 0.5, (2, 3): 0.4})
    chosen = wording([[0, 2, 3], [0, 2]], scores, TEXTS)
    assert chosen == [0, 2]


def test_a_fact_whose_sentences_are_all_taken_keeps_its_best_one() -> None:
    scores = _scores({(0, 1): 1.0, (0, 3): 0.6, (1, 3): 0.6})
    chosen = wording([[0, 1, 3], [0, 1]], scores, TEXTS)
    assert chosen[0] == 0
    assert chosen[1] == 0  # nothing else to word it with: the same wording as the larger fact


def test_no_clusters_no_wordings() -> None:
    assert wording([], {}, TEXTS) == []
