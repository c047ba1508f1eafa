"""Facts: a story's sentences aligned across its reports, tolerant of paraphrase and translation.

Two sentences of different reports state the same fact when their **weighted key overlap** is
high: content stems (see :mod:`storyline.reconcile.fact_features`), resolved entity names and
resolved dates ("on Wednesday" and "on the 10th" both become ``2021-02-10``), each weighted by
its inverse sentence frequency in the story, compared by cosine. When an embedding model is
given (:class:`SentenceEmbedder`, optional), a pair whose embeddings are close enough is linked
too, which catches paraphrases with few shared words.

**By meaning** (:mod:`storyline.reconcile.fact_meaning`, :mod:`storyline.reconcile.fact_scores`).
Sentences also carry predicate-class keys (``~sanction`` for "sanctioned" and "imposed sanctions
on", in every language through its ``predicates.toml``) and state keys (``@TR`` for "Turkey",
"Ankara", "Turquie"), and are compared clause by clause: a pair of sentences scores the best of
its whole-sentence cosine (with those keys) and the cosine of two of its clauses that share a
predicate class. Each fact then also keeps, as ``parts``, the facts whole-sentence similarity
alone makes of its sentences (the summary ranks those). Cost: a second bulk scoring pass and a
few set intersections per pair sharing two rare clause keys.

**Blocking.** Only pairs that share a *rare* key (found in at most ``max_postings`` sentences)
are compared, plus, with embeddings, each sentence's nearest neighbours; the work grows with the
number of rare co-occurrences, not with the square of the story's sentences.

**Clustering** is greedy average-link over the candidate pairs, best pair first, with two
rules: a merge joins no two groups holding sentences of one report, and it needs the mean
similarity between the two groups (unscored pairs count 0) to reach ``min_link``; and a fact
stays **coherent** (:mod:`storyline.reconcile.fact_cluster`): no two giving different values for
one slot (a toll, a date:
:mod:`storyline.reconcile.fact_disputes`; such statements become two facts that record the
dispute, ``AlignedFact.disputes``, for the contradictions); optionally (``min_cohesion``,
``min_weak_tie``, off by default) each member tied to at least ``min_cohesion`` of the others and
every two at least weakly alike, so that no chain A~B~C joins an A and a C that share nothing: on
ECB+ dev that cost facts F1 0.490 -> 0.449 while a read sample of 30 crawled multi-outlet facts
was no less loose (most loose facts have two reports, which cohesion cannot touch). A sentence then also supports the
facts it restates (a headline and its lead) or states besides its own ("X said A, and urged B").
The result is deterministic for a given input order.

**Outlets.** A fact's outlets are the distinct ``Article.source`` values of its reports (the
article id when the outlet is unknown), so one outlet's copies count once. Its ``voices`` are at
most its outlets and at most its distinct origins, reports that copy one another (most of their
sentences identical, as wire copy reprinted by several outlets) being one origin, so syndication
does not pass for corroboration. Identical sentences are aligned once, which is also what keeps
wire-heavy stories fast.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.errors import ConfigError
from storyline.model import Annotated, Fact
from storyline.reconcile.fact_cluster import cluster_sentences, coherent
from storyline.reconcile.fact_disputes import ValueClashes, dispute_records
from storyline.reconcile.fact_embed import EMBEDDING_PACKAGE, Embedder, SentenceEmbedder
from storyline.reconcile.fact_features import SentenceUnit, build_units, calendar_parts, speakers_conflict
from storyline.reconcile.fact_translations import translation_pairs
from storyline.reconcile.fact_speakers import agree_beyond_speakers
from storyline.reconcile.fact_wording import wording
from storyline.reconcile.fact_meaning import Meaning, meaning
from storyline.reconcile.fact_gather import gather_single
from storyline.reconcile.fact_scores import candidate_scores, clause_scores, score
from storyline.reconcile.fact_keys import sentence_keys, weights
from storyline.reconcile.fact_languages import guarded_across_languages, with_cross_language
from storyline.reconcile.grouping_tools import DisjointSets

#: The bulk scorer, under the name the tests and older callers use.
_candidate_scores = candidate_scores

#: A key found in at least this share of a story's reports is its topic, not a statement's.
TOPIC_SHARE = 1.0

__all__ = ["EMBEDDING_PACKAGE", "AlignedFact", "Embedder", "FactConfig", "SentenceEmbedder", "align_facts", "facts_of"]



@dataclass(frozen=True, slots=True)
class FactConfig:
    """Parameters of fact alignment.

    Attributes:
        min_similarity: Weighted key cosine at which two sentences are a candidate match.
        min_link: Mean similarity two groups need to become one fact (average link).
        min_shared_keys: Keys two sentences must share to be compared at all.
        max_postings: A key found in more sentences than this is too common to block on.
        min_embedding_similarity: Embedding cosine at which two sentences match (with a model).
        neighbours: Nearest neighbours per sentence added as candidates (with a model).
        copy_overlap: Share of identical sentences that makes two reports copies of each other.
        min_clause_shared: Keys two clauses must share (a predicate class or a state among them)
            to be compared on their own; 0 compares whole sentences only.
        min_clause_similarity: Clause cosine at which two sentences match (it counts as
            ``min_similarity``; clauses are short, so their cosines run high).
        min_gather: Score at which a one-report statement is gathered to the sentence of another
            report that states it (:mod:`storyline.reconcile.fact_gather`); 0 leaves it alone.
        min_agreed_speakers: Clause cosine at which the words of two different people are one
            fact (both say it: a party's claim); below it, their sentences share mostly a frame.
        min_cohesion: Share of a fact's sentences of other reports each member must be tied to
            (score at least ``min_tie``): a fact is what its sentences state together, not a
            chain (:func:`storyline.reconcile.fact_cluster.coherent`); 0 allows chains.
        min_tie: Score at which two sentences of a fact count as tied (see ``min_cohesion``).
        min_weak_tie: Score (else key cosine) every two sentences of a fact must reach: two
            sentences that share nearly nothing are never one statement, whatever links them.
    """

    min_similarity: float = 0.3
    min_link: float = 0.22
    min_shared_keys: int = 2
    max_postings: int = 60
    min_embedding_similarity: float = 0.75
    neighbours: int = 5
    copy_overlap: float = 0.6
    min_clause_shared: int = 2
    min_clause_similarity: float = 0.3
    min_gather: float = 0.25
    min_agreed_speakers: float = 0.4
    min_cohesion: float = 0.0
    min_tie: float = 0.22
    min_weak_tie: float = 0.0

    def __post_init__(self) -> None:
        if not 0.0 < self.min_similarity <= 1.0 or not 0.0 < self.min_link <= 1.0:
            raise ConfigError("facts.min_similarity and facts.min_link must be in (0, 1]")
        if not 0.0 <= self.min_cohesion <= 1.0:
            raise ConfigError("facts.min_cohesion must be in [0, 1]")
        if self.max_postings < 2 or self.min_shared_keys < 1:
            raise ConfigError("facts.max_postings must be >= 2 and facts.min_shared_keys >= 1")



@dataclass(frozen=True, slots=True)
class AlignedFact:
    """A fact with the sentences that state it.

    Attributes:
        fact: The public record: id, representative text, support ``(article id, span)``, outlets.
        members: The supporting sentences, in story order.
        representative: The member whose wording stands for the fact (the most central one).
        voices: Independent voices: at most the distinct outlets, at most the distinct origins
            (reports that copy each other count once).
        parts: With clause matching, the facts that whole-sentence similarity alone makes, each
            given to the fact that holds its first sentence (so possibly none); ``None`` without.
        disputes: Statements as alike as two of one fact that give a different value for one
            slot (a toll, a date), so kept out of this fact's support: ``(member, other sentence,
            the other's fact id)`` (:mod:`storyline.reconcile.fact_disputes`).
    """

    fact: Fact
    members: tuple[SentenceUnit, ...]
    representative: SentenceUnit
    voices: int
    parts: tuple[AlignedFact, ...] | None = None
    disputes: tuple[tuple[SentenceUnit, SentenceUnit, str], ...] = ()

    @property
    def id(self) -> str:
        return self.fact.id

    @property
    def articles(self) -> tuple[str, ...]:
        """Distinct supporting article ids, in story order."""
        return tuple(dict.fromkeys(m.article_id for m in self.members))


def facts_of(aligned: Sequence[AlignedFact]) -> list[Fact]:
    """The public Fact records of an alignment."""
    return [a.fact for a in aligned]


def align_facts(items: Sequence[Annotated], *, config: FactConfig | None = None,
                embedder: Embedder | None = None) -> list[AlignedFact]:
    """Align the sentences of a story's reports into facts.

    Args:
        items: The story's annotated reports, in story order (entities resolved where possible,
            time expressions resolved against each report's date).
        config: Alignment parameters.
        embedder: An optional sentence embedder; lexical alignment only when ``None``.

    Returns:
        Every fact (single-sentence ones included), in order of first appearance.
    """
    config = config or FactConfig()
    all_units = build_units(items)
    # Identical sentences (wire copy) are aligned once: one text, every report that prints it.
    same_text: dict[str, list[SentenceUnit]] = {}
    for unit in all_units:
        same_text.setdefault(unit.text.casefold(), []).append(unit)
    copies_of = list(same_text.values())
    units = [group[0] for group in copies_of]
    articles = [frozenset(u.article_id for u in group) for group in copies_of]
    language = {item.article.id: item.article.language for item in items}
    meanings = [meaning(u.text, language.get(u.article_id)) for u in units]
    plain = [sentence_keys(u) for u in units]
    lengths = [len(u.text) for u in units]
    lexical = candidate_scores(articles, weights(plain), config)
    if not config.min_clause_shared:  # else across languages once, with the meanings' keys, below
        lexical = with_cross_language(lexical, plain, articles, language, config, lengths)
    else:  # the whole-sentence pairs across languages held to what with_cross_language asks
        lexical = guarded_across_languages(lexical, plain, articles, language, lengths)
    if embedder is not None and len(units) > 1:
        _add_embedding_scores(units, articles, embedder, lexical, config)
    scores = lexical
    clauses: dict[tuple[int, int], float] = {}
    where: dict[tuple[int, int], tuple[int, int]] = {}
    topic: frozenset[str] = frozenset()
    if config.min_clause_shared:
        keyed = [sentence_keys(u, m.keys) for u, m in zip(units, meanings, strict=True)]
        scores = with_cross_language(candidate_scores(articles, weights(keyed), config),
                                     keyed, articles, language, config, lengths)
        topic = _topic_keys(articles, [keys | frozenset().union(*m.clauses)
                                       for keys, m in zip(keyed, meanings, strict=True)], len(items))
        clauses = clause_scores(articles, [m.clauses for m in meanings], _people(units), config, where, topic)
        for pair, score in [*lexical.items(), *clauses.items()]:
            if score > scores.get(pair, 0.0):
                scores[pair] = score
    speakers = [u.speakers for u in units]
    # Two people saying the same thing are one fact (a party's claim, see fact_sources) when a
    # clause of each states it closely; otherwise what their sentences share is mostly the frame.
    # What the two clauses share must go beyond the speakers' own names and the predicate class
    # ("Washington has repeatedly rejected that" / "the United States opposes": a frame).
    agreed = {(i, j) for (i, j), score in clauses.items() if score >= config.min_agreed_speakers
              and agree_beyond_speakers(meanings[i].clauses[where[i, j][0]], meanings[j].clauses[where[i, j][1]],
                                        speakers[i] | speakers[j])}
    clashing = ValueClashes(units)
    alike = _alike(weights(keyed) if config.min_clause_shared else weights(plain), config)
    clusters = cluster_sentences(articles, speakers, scores, config, agreed, clashing=clashing, alike=alike)
    if config.min_gather:
        blocked = {pair for pair in scores if pair not in agreed and speakers_conflict(*(speakers[k] for k in pair))}
        sides = {pair: at for pair, at in where.items() if clauses[pair] >= scores[pair]}
        clusters = gather_single(articles, clusters, scores, blocked, min_gather=config.min_gather,
                                 min_link=config.min_link, sides=sides,
                                 telling=_telling(units, meanings, sides, topic),
                                 fits=lambda group: coherent(group, articles, scores, config, clashing, alike))
    copies = _partners(_copy_pairs(all_units, config.copy_overlap) | translation_pairs(  # one origin, two languages
        all_units, ([u for m in members for u in copies_of[m]] for members in clusters), language))
    worded = wording(clusters, scores, [u.text for u in units])
    disputes = _disputes(clusters, clashing.among(p for p, v in scores.items() if v >= config.min_similarity))
    built = [_build(units, copies_of, members, scores, copies, worded[n]) for n, members in enumerate(clusters)]
    built = [dataclasses.replace(fact, disputes=tuple((copies_of[i][0], copies_of[j][0], built[other].id)
                                                      for i, j, other in disputes[n]))
             if disputes[n] else fact for n, fact in enumerate(built)]
    texts, members = {f.id: f.fact.text for f in built}, {f.id: f.members for f in built}
    built = [dataclasses.replace(fact, fact=dataclasses.replace(fact.fact, disputes=dispute_records(
        fact.disputes, texts, same_text, members, fact.id))) if fact.disputes else fact for fact in built]
    if lexical == scores:
        return built
    # The facts whole sentences alone make, each kept as a part of the fact holding its first
    # sentence: what the summary words and ranks (it was tuned on them; see summary.py).
    parts: dict[int, list[AlignedFact]] = defaultdict(list)
    fact_of = {m: n for n, members in reversed(list(enumerate(clusters))) for m in members}
    for members in cluster_sentences(articles, speakers, lexical, config, restate=False, clashing=clashing,
                                     alike=alike):
        parts[fact_of[members[0]]].append(_build(units, copies_of, members, lexical, copies))
    return [dataclasses.replace(fact, parts=tuple(parts[n])) for n, fact in enumerate(built)]


def _alike(vectors: Sequence[dict[str, float]], config: FactConfig) -> Callable[[int, int], float]:
    """The weighted key cosine of two sentences, computed when asked (for two sentences of one
    report, which the bulk scoring never pairs), memoised."""
    norms = [math.sqrt(math.fsum(w * w for w in v.values())) for v in vectors]
    known: dict[tuple[int, int], float] = {}

    def alike(i: int, j: int) -> float:
        pair = (min(i, j), max(i, j))
        if pair not in known:
            known[pair] = score(vectors[i], vectors[j], norms[i] * norms[j], config.min_shared_keys)
        return known[pair]

    return alike


def _disputes(clusters: Sequence[list[int]], clashing: Sequence[tuple[int, int]]) -> list[list[tuple[int, int, int]]]:
    """Per fact, its disputes: ``(member, other sentence, the other's fact)`` for each clashing
    pair of sentences held by two different facts (the first fact holding each)."""
    fact_of = {m: n for n, members in reversed(list(enumerate(clusters))) for m in members}
    out: list[list[tuple[int, int, int]]] = [[] for _ in clusters]
    for i, j in clashing:
        a, b = fact_of.get(i), fact_of.get(j)
        if a is not None and b is not None and a != b:
            out[a].append((i, j, b))
            out[b].append((j, i, a))
    return out


def _topic_keys(articles: Sequence[frozenset[str]], keyed: Sequence[set[str] | frozenset[str]],
               reports: int) -> frozenset[str]:
    """The story's topic: keys found in at least :data:`TOPIC_SHARE` of its reports (none for a
    story of fewer than three reports, where every shared key is in all of them)."""
    if reports < 3:
        return frozenset()
    holders: dict[str, set[str]] = defaultdict(set)
    for n, keys in enumerate(keyed):
        for key in keys:
            holders[key].update(articles[n])
    return frozenset(key for key, held in holders.items() if len(held) >= TOPIC_SHARE * reports)


def _telling(units: Sequence[SentenceUnit], meanings: Sequence[Meaning],
             sides: dict[tuple[int, int], tuple[int, int]], topic: frozenset[str]) -> Callable[[int, int], bool]:
    """Whether two sentences share a key that is not the story's topic (of their clauses that
    matched, when they were scored on clauses): sharing only the topic is no statement."""
    keyed = [sentence_keys(u, m.keys) for u, m in zip(units, meanings, strict=True)]

    def tells(i: int, j: int) -> bool:
        pair = (min(i, j), max(i, j))
        if pair in sides:
            x, y = sides[pair]
            shared = meanings[pair[0]].clauses[x] & meanings[pair[1]].clauses[y]
        else:
            shared = keyed[i] & keyed[j]
        return any(key not in topic for key in shared)

    return tells


def _people(units: Sequence[SentenceUnit]) -> list[frozenset[str]]:
    """The surnames of the people each sentence names ("Ned Price" and "Price" meet)."""
    return [frozenset(name.split()[-1] for family, name in u.names if family == "person" and name.split())
            for u in units]


def _add_embedding_scores(units: Sequence[SentenceUnit], articles: Sequence[frozenset[str]], embedder: Embedder,
                          scores: dict[tuple[int, int], float], config: FactConfig) -> None:
    """Link each sentence to its nearest neighbours in other reports when the model says so."""
    import numpy as np  # noqa: PLC0415

    matrix = np.asarray(embedder.encode([u.text for u in units]), dtype=np.float32)
    shift = config.min_embedding_similarity - config.min_similarity
    for start in range(0, len(units), 256):
        block = matrix[start : start + 256] @ matrix.T
        for row, sims in enumerate(block):
            i = start + row
            sims[i] = -1.0
            for j in np.argsort(-sims)[: config.neighbours + 1]:
                if sims[j] < config.min_embedding_similarity:
                    break
                if articles[i] & articles[int(j)]:
                    continue
                pair = (min(i, int(j)), max(i, int(j)))
                scores[pair] = max(scores.get(pair, 0.0), float(sims[j]) - shift)


def _copy_pairs(units: Sequence[SentenceUnit], min_overlap: float) -> set[tuple[str, str]]:
    """Pairs of reports (sorted ids) that copy each other: most of their sentences identical."""
    sentences: dict[str, set[str]] = defaultdict(set)
    holders: dict[str, list[str]] = defaultdict(list)
    for unit in units:
        key = unit.text.casefold()
        if unit.article_id not in holders[key]:
            holders[key].append(unit.article_id)
        sentences[unit.article_id].add(key)
    shared: Counter[tuple[str, str]] = Counter()
    for articles in holders.values():
        if len(articles) <= 50:  # a sentence in very many reports is boilerplate, not evidence of copying
            shared.update((min(a, b), max(a, b)) for x, a in enumerate(articles) for b in articles[x + 1 :])
    return {pair for pair, count in shared.items()
            if count >= min_overlap * min(len(sentences[pair[0]]), len(sentences[pair[1]]))}


def _partners(pairs: set[tuple[str, str]]) -> dict[str, list[str]]:
    """Each report's copies (or translations), from the pairs."""
    out: dict[str, list[str]] = defaultdict(list)
    for a, b in pairs:
        out[a].append(b)
        out[b].append(a)
    return out


def _voices(chosen: Sequence[SentenceUnit], copies: Mapping[str, list[str]]) -> int:
    """Independent voices behind a fact: no more than its distinct outlets, and no more than its
    distinct origins (reports that copy each other, within this fact's support, are one origin).
    Linear in the support and its reports' copies (a pairwise test was quadratic: 1.1 of 56 s
    on a 395-report story)."""
    origins: DisjointSets[str] = DisjointSets()
    ids = list(dict.fromkeys(u.article_id for u in chosen))
    present = set(ids)
    for a in ids:
        for b in copies.get(a, ()):
            if b in present:
                origins.union(a, b)
    return min(len({u.outlet for u in chosen}), len({origins.find(a) for a in ids}))


def _build(units: Sequence[SentenceUnit], copies_of: Sequence[list[SentenceUnit]], members: list[int],
           scores: dict[tuple[int, int], float], copies: Mapping[str, list[str]],
           worded_by: int | None = None) -> AlignedFact:
    chosen = sorted((u for m in members for u in copies_of[m]), key=lambda u: (u.article_rank, u.position))
    centre = worded_by if worded_by is not None else max(
        members, key=lambda m: (sum(scores.get((min(m, o), max(m, o)), 0.0) for o in members),
                                len(copies_of[m]), _is_dated(units[m]), -units[m].article_rank, -units[m].position))
    representative = units[centre]
    digest = hashlib.sha1("\x00".join(f"{u.article_id}:{u.span.start}" for u in chosen).encode()).hexdigest()
    fact = Fact(id="f" + digest[:12], text=representative.text,
                support=tuple((u.article_id, u.span) for u in chosen),
                outlets=tuple(dict.fromkeys(u.outlet for u in chosen)))
    return AlignedFact(fact, tuple(chosen), representative, _voices(chosen, copies))


def _is_dated(unit: SentenceUnit) -> bool:
    """A sentence with a fully resolved date reads better as a fact's wording."""
    return any("X" not in value and calendar_parts(value) is not None for value in unit.dates)
