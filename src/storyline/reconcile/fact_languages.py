"""Facts across languages: a sentence and its translation are compared on what the languages share.

Sentences of reports in different languages are compared a second time on the keys that reports
of two languages or more use (names, numbers, dates, predicate classes, cognate stems), and the
pairs kept are those that reach a bar, share names, numbers or dates, and are each other's best
match in the other's report (see :func:`with_cross_language`). Cost: one more bulk scoring pass
(:func:`storyline.reconcile.fact_scores.candidate_scores`) for a story of several languages,
nothing for a story of one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from storyline.reconcile.fact_keys import weights
from storyline.reconcile.fact_scores import candidate_scores
from storyline.reconcile.fact_words import says_something

if TYPE_CHECKING:
    from storyline.reconcile.facts import FactConfig

__all__ = ["CROSS_LANGUAGE_DISCOUNT", "CROSS_LANGUAGE_LENGTH_RATIO", "CROSS_LANGUAGE_MIN", "CROSS_LANGUAGE_SPECIFIC",
           "guarded_across_languages", "with_cross_language"]

#: A cosine on the keys two languages share counts this much of a same-language cosine.
CROSS_LANGUAGE_DISCOUNT = 0.8
#: Names, numbers or dates two sentences of different languages must share: cognate stems alone
#: ("condanna", "condamnant") join unrelated sentences of a crawled story.
CROSS_LANGUAGE_SPECIFIC = 2
#: Length ratio (characters) of a pair that shares no word of what is said: a translation's.
CROSS_LANGUAGE_LENGTH_RATIO = 0.7
#: The (discounted) cosine a cross-language pair needs: few keys meet, so chance pairs score high.
CROSS_LANGUAGE_MIN = 0.35


def with_cross_language(scores: dict[tuple[int, int], float], keyed: Sequence[set[str] | frozenset[str]],
                        articles: Sequence[frozenset[str]], language: Mapping[str, str | None],
                        config: FactConfig, lengths: Sequence[int] | None = None) -> dict[tuple[int, int], float]:
    """``scores`` of sentences keyed ``keyed``, with sentences of reports in different languages
    also compared on the keys that reports of two languages or more use (names, numbers, dates, predicate classes, cognates): a
    key only one language writes can never meet a translation, and in the whole-sentence cosine it
    only dilutes what the two share (MEANTIME's translations: a sentence met its translation in
    24% of pairs). Such a pair counts when its cosine, discounted by
    :data:`CROSS_LANGUAGE_DISCOUNT`, reaches :data:`CROSS_LANGUAGE_MIN`, it shares
    :data:`CROSS_LANGUAGE_SPECIFIC` names, numbers or dates, and each sentence is the other's best
    match in its report (:func:`_mutual_best`). Measured by `storyline eval facts-ml` (line pairs
    of MEANTIME's translations, P/R 0.95/0.24 before, 0.97/0.60 after) and read on the crawled
    corpus, where most sentences have no translation: each condition removed about half the wrong joins there (1.0
    discount, no mutual best and no bar: P/R 0.61/0.84 on MEANTIME, about 30% right on the crawled
    corpus; all three: about half right there, as the joins of one language are). Nothing
    happens in a story of one language. With ``lengths``, the given ``scores`` are first
    :func:`guarded_across_languages`. Cost: one more bulk scoring pass."""
    tongue = _tongues(articles, language)
    if len(frozenset().union(*tongue)) < 2:
        return scores
    if lengths is not None:
        scores = guarded_across_languages(scores, keyed, articles, language, lengths)
    languages_of: dict[str, set[str]] = defaultdict(set)
    for keys, spoken in zip(keyed, tongue, strict=True):
        for key in keys:
            languages_of[key] |= spoken
    shared = [frozenset(k for k in keys if len(languages_of[k]) > 1) for keys in keyed]
    weighted = weights(shared)
    found = {pair: value * CROSS_LANGUAGE_DISCOUNT for pair, value in candidate_scores(articles, weighted, config).items()
             if not tongue[pair[0]] & tongue[pair[1]] and value * CROSS_LANGUAGE_DISCOUNT >= CROSS_LANGUAGE_MIN
             and _specific(shared[pair[0]] & shared[pair[1]]) >= CROSS_LANGUAGE_SPECIFIC
             and (lengths is None or _translation_like(shared[pair[0]] & shared[pair[1]],
                                                       lengths[pair[0]], lengths[pair[1]]))}
    merged = dict(scores)
    for pair in _mutual_best(found, articles):
        merged[pair] = max(merged.get(pair, 0.0), found[pair])
    return merged


def guarded_across_languages(scores: dict[tuple[int, int], float], keyed: Sequence[set[str] | frozenset[str]],
                             articles: Sequence[frozenset[str]], language: Mapping[str, str | None],
                             lengths: Sequence[int]) -> dict[tuple[int, int], float]:
    """``scores`` (a whole-sentence cosine on every key) less the pairs of two languages that
    share only names, numbers and dates and are not of a translation's lengths
    (:func:`_translation_like`): across languages such a cosine meets on names alone, and "Cina e
    Russia devono sedersi al tavolo della spartizione", "China y Rusia, miembros permanentes del
    Consejo de Seguridad, ...", "«Nous allons maintenant investir en Russie, en Inde, et en
    Chine»" became one fact of seven sentences on the crawled corpus, as did four sentences naming
    Obama, Sarkozy and Cameron. Of 51 such joins undone there, 40 read, about 34 were wrong (a
    date line and a dated sentence; leaders named together) and 6 right (a tweet and its
    translation, a Tomahawk count); facts-ml (MEANTIME's translations) F1 0.7474 -> 0.7463.
    Pairs of one language, or with a report of unknown language, are kept. Cost: one set
    intersection per cross-language pair."""
    tongue = _tongues(articles, language)
    if len(frozenset().union(*tongue) - {""}) < 2:
        return scores
    kept: dict[tuple[int, int], float] = {}
    for (i, j), value in scores.items():
        known = tongue[i] - {""} and tongue[j] - {""}
        if not known or tongue[i] & tongue[j] or _translation_like(frozenset(keyed[i]) & frozenset(keyed[j]),
                                                                   lengths[i], lengths[j]):
            kept[i, j] = value
    return kept


def _tongues(articles: Sequence[frozenset[str]], language: Mapping[str, str | None]) -> list[frozenset[str]]:
    """Per sentence, the languages of the reports that print it ('' for an unknown one)."""
    return [frozenset(language.get(a) or "" for a in group) for group in articles]


def _mutual_best(scores: Mapping[tuple[int, int], float], articles: Sequence[frozenset[str]]) -> list[tuple[int, int]]:
    """The pairs each of whose sentences is the other's best match in the other's report (a
    translation aligns one to one)."""
    best: dict[tuple[int, frozenset[str]], tuple[float, int]] = {}
    for (i, j), value in scores.items():
        for me, other in ((i, j), (j, i)):
            key = (me, articles[other])
            if value > best.get(key, (0.0, -1))[0]:
                best[key] = (value, other)
    return [(i, j) for i, j in scores if best[(i, articles[j])][1] == j and best[(j, articles[i])][1] == i]


def _translation_like(shared: frozenset[str], length_a: int, length_b: int) -> bool:
    """Whether a pair that shares names, numbers or dates may be one statement: it also shares a
    word of what is said (a predicate class, a cognate stem), or its two sentences are of a
    translation's lengths (within :data:`CROSS_LANGUAGE_LENGTH_RATIO`, as sentence aligners
    weigh them): in crawled news, "Cina e Russia devono sedersi al tavolo della spartizione" and
    "China y Rusia, miembros permanentes del Consejo de Seguridad, no son proclives a adoptar tal
    resolución" share two names and say different things."""
    if says_something(k for k in shared if k[:1] != "T"):
        return True
    short, long_ = sorted((length_a, length_b))
    return short >= CROSS_LANGUAGE_LENGTH_RATIO * long_


def _specific(keys: Iterable[str]) -> int:
    """How many keys are names, numbers or dates: what a translation keeps."""
    return sum(1 for key in keys if key[:1] in "@T" or key[:1].isdigit())
