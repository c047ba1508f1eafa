"""Merge the quotes of a story's articles: one statement, its variants and its sources.

Outlets report the same statement in different words, as a direct quote in one report and a
paraphrase or a machine translation in another. Two quotes are taken for the same statement
when

* their **speakers agree**: when both are linked to one of the story's resolved entities (see
  below), their parties are the same; otherwise speaker names are accent-folded and compared by
  surname, with a tolerance for mangled transliterations (``Akar``, ``Akal``, ``Akkar``); two
  quotes without a known speaker may also merge, but a quote with a known speaker never joins
  one without; and
* their **content words overlap**: lowercased ``\\w+`` tokens, stopwords removed, cut to their
  first five letters (a light stemmer that maps *threaten*/*threates* and
  *technology*/*technical* together), plus the acronym of every run of three or more
  capitalised words (*North Atlantic Treaty Organization* -> *nato*). The overlap coefficient
  ``|A & B| / min(|A|, |B|)`` must reach ``min_overlap`` with at least ``min_shared`` words.

Each quote's speaker is **linked to the story's resolved entities** (``speaker_entity``:
:func:`storyline.reconcile.speaker_links.link_speaker`, the resolved mention that heads the
speaker span, else the name analysis resolved it to; None for an unresolved pronoun or role).

Each quote is then keyed on its **party** (:mod:`storyline.reconcile.speakers`): the entity it is
linked to, a state for its capital or seat ("Ankara said" is Turkey), a person for an entity the
tagger mistyped; two quotes of one party may merge whatever entities their speakers were linked
to. A quote no entity speaks keeps its speaker's spelling as its key.

Clustering is greedy and average-link (the mean overlap with a cluster's members must reach
``min_overlap``), in input order, so the result is deterministic.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from storyline.analyze.quote_cues import PRONOUNS
from storyline.analyze.speaker_names import fold
from storyline.model import Annotated, Article, Quote
from storyline.reconcile.quote_clusters import cluster_sets
from storyline.reconcile.speaker_links import StoryNames, link_speaker
from storyline.reconcile.speaker_party import Party, PartyFinder, Spellings

__all__ = ["MergedQuote", "QuoteVariant", "StoryNames", "cluster_variants", "content_words", "link_speaker",
           "merge_quotes", "same_speaker"]

_WORD_RE = re.compile(r"\w+")
#: A prefix joined by a hyphen to a name ("pro-Kadhafi", "anti-Assad", "ex-Soviet") is no key of its
#: own: as one, it doubled the name it is bound to, and two sentences naming "the pro-Kadhafi forces"
#: shared two keys and nothing else. Before a lowercase word or a number ("post-2012",
#: "anti-aircraft") the prefix stays: it says something there.
_BOUND_PREFIX_RE = re.compile(r"\b(?i:pro|anti|ex|non|pre|post|neo|ultra|pseudo|contra)-(?=[A-ZÀ-ÖØ-Þ])")
_CAP_RUN_RE = re.compile(r"[A-Z][a-z]+(?:\s+(?:of\s+|the\s+|for\s+)*[A-Z][a-z]+){2,}")
_STEM_CHARS = 5
STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as that this these those it its is "
    "are was were be been being has have had do does did will would can could should may might "
    "must not no nor so than then there their they them he she his her him we our us you your i "
    "me my which who whom whose what when where why how all any both each few more most other "
    "some such only own same too very just also about into over after before again further once "
    "said says say told added according".split()
)


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One outlet's wording of a statement.

    ``speaker`` is the speaker's name as analysis resolved it within the article (else the name of
    its linked entity); ``speaker_entity`` the canonical name of the story's entity it is linked
    to (see the module docstring), None for an unresolved pronoun or role; ``said_by`` the
    speaker as the article words it ("a State Department official"), None when there is none;
    ``cue`` the words that attribute it ("warned", "according to"), None when nothing does;
    ``party`` the party ``speaker_entity`` speaks for (:mod:`storyline.reconcile.speakers`), None
    when the speaker is linked to no entity.
    """

    article_id: str
    outlet: str | None
    text: str
    kind: str
    speaker: str | None
    speaker_entity: str | None = None
    said_by: str | None = None
    cue: str | None = None
    party: Party | None = None


@dataclass(frozen=True, slots=True)
class MergedQuote:
    """A statement reported by one or more articles.

    Attributes:
        id: Stable id derived from the first variant.
        speaker: The speaker's fullest name among the variants; when none has a name, the
            speaker as the articles word it (a role: "a State Department official"); None when
            no variant has a speaker.
        text: The representative wording: the longest direct variant, else the longest one.
        kind: ``direct`` when any variant quotes the speaker's words, else ``indirect``.
        variants: Every wording, in input order.
        sources: Distinct article ids, in input order.
        speaker_entity: The canonical name of the story's entity the speaker is, or None when
            no variant's speaker is linked (variants linked to different entities never merge).
        cue: The cue of the representative wording ("said", "warned"), or None.
        party: Who speaks, keyed on the story's entities (:mod:`storyline.reconcile.speakers`):
            the linked variants' party, else the speaker's spelling; None without a speaker.
    """

    id: str
    speaker: str | None
    text: str
    kind: str
    variants: tuple[QuoteVariant, ...]
    sources: tuple[str, ...]
    speaker_entity: str | None = None
    cue: str | None = None
    party: Party | None = None

    @property
    def outlets(self) -> tuple[str, ...]:
        """Distinct outlet names of the variants that have one."""
        return tuple(dict.fromkeys(v.outlet for v in self.variants if v.outlet))


def content_words(text: str) -> frozenset[str]:
    """The content-word keys of ``text`` (see the module docstring)."""
    words = set()
    for token in _WORD_RE.findall(fold(_BOUND_PREFIX_RE.sub("", text))):
        if token in STOPWORDS or (len(token) < 3 and not token.isdigit()):
            continue
        if token[:-1].isdigit() and token.endswith("s"):
            token = token[:-1]  # "400s" -> "400"
        words.add(token[:_STEM_CHARS])
    for run in _CAP_RUN_RE.findall(text):
        initials = "".join(w[0] for w in run.split() if w[0].isupper())
        words.add(initials.lower()[:_STEM_CHARS])
    return frozenset(words)


def same_speaker(a: str | None, b: str | None, *, min_ratio: float = 0.75) -> bool:
    """Whether two speaker names denote the same person or organisation.

    Both unknown counts as agreeing; one unknown does not. Names agree when their folded
    surnames (last words) are equal or, for surnames of four letters or more, similar.
    """
    if a is None or b is None:
        return a is None and b is None
    last_a, last_b = fold(a).split()[-1:], fold(b).split()[-1:]
    if not last_a or not last_b:
        return False
    x, y = last_a[0], last_b[0]
    if x == y:
        return True
    return min(len(x), len(y)) >= 4 and SequenceMatcher(None, x, y).ratio() >= min_ratio


def _variants(items: Iterable[Annotated | tuple[Article, Sequence[Quote]]], parties: PartyFinder) -> list[QuoteVariant]:
    annotated = [item if isinstance(item, Annotated) else Annotated(item[0], quotes=tuple(item[1]))
                 for item in items]
    names = StoryNames(annotated)
    out = []
    for item in annotated:
        article = item.article
        for quote in item.quotes:
            entity = link_speaker(item, quote, names)
            text = article.text[quote.content.start : quote.content.end]
            said_by = None if quote.speaker is None else _as_written(quote.speaker.text_in(article.text))
            cue = None if quote.cue is None else " ".join(quote.cue.text_in(article.text).split())
            out.append(QuoteVariant(article.id, article.source, text, quote.kind,
                                    quote.speaker_entity or entity, entity, said_by, cue or None,
                                    parties.of(entity)))
    return out


def merge_quotes(
    items: Iterable[Annotated | tuple[Article, Sequence[Quote]]],
    *,
    min_overlap: float = 0.35,
    min_shared: int = 2,
    parties: PartyFinder | None = None,
) -> list[MergedQuote]:
    """Group the quotes of a story's articles into statements.

    Args:
        items: Annotated articles, or ``(article, quotes)`` pairs, of one story.
        min_overlap: Smallest content-word overlap coefficient for two quotes to merge.
        min_shared: Smallest number of shared content words for two quotes to merge.
        parties: The story's parties (:class:`storyline.reconcile.speakers.Parties` over its
            resolved entities); without them each speaker is keyed by its entity's name or its
            spelling (:class:`storyline.reconcile.speaker_party.Spellings`).

    Returns:
        One MergedQuote per statement, in order of first appearance.
    """
    parties = parties or Spellings()
    variants = _variants(items, parties)
    return [_build([variants[m] for m in members], parties)
            for members in cluster_variants(variants, min_overlap=min_overlap, min_shared=min_shared)]


def cluster_variants(variants: Sequence[QuoteVariant], *, min_overlap: float = 0.35,
                     min_shared: int = 2) -> list[list[int]]:
    """Greedy average-link clusters of quote variants (indices), in input order.

    Each variant joins the cluster whose members all agree with its speaker and whose mean
    pair score (overlap coefficient, 0 below ``min_shared`` shared words) is highest and reaches
    ``min_overlap``, the first such cluster on ties; else it opens one. A cluster can only score
    above 0 through a member that shares ``min_shared`` words with the variant, so candidates
    come from an inverted index of content words, and speaker agreement is decided once per
    pair of distinct speakers; identical copies are counted once
    (:mod:`storyline.reconcile.quote_clusters`: linear, not quadratic, in a family of copies).
    """
    return cluster_sets([content_words(v.text) for v in variants],
                        [(v.party.key if v.party else v.speaker_entity, v.speaker) for v in variants], _AgreementCache(),
                        min_overlap=min_overlap, min_shared=min_shared)


class _AgreementCache:
    """:func:`_speakers_agree` on (speaker entity, speaker) pairs, each pair decided once."""

    def __init__(self) -> None:
        self._known: dict[tuple[tuple[str | None, str | None], tuple[str | None, str | None]], bool] = {}

    def __call__(self, a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
        found = self._known.get((a, b))
        if found is None:
            found = self._known[(a, b)] = _speakers_agree(a, b)
        return found


def _speakers_agree(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Same speaker: the same party (entity) when both are linked, else by :func:`same_speaker`."""
    if a[0] is not None and b[0] is not None:
        return a[0] == b[0]
    return same_speaker(a[1], b[1])


def _as_written(span_text: str) -> str | None:
    """A speaker span as a label: one line, no pronoun ("he" says nothing without its person)."""
    label = " ".join(span_text.split())
    return None if not label or label.lower() in PRONOUNS else label


def _build(members: list[QuoteVariant], parties: PartyFinder) -> MergedQuote:
    names = Counter(v.speaker for v in members if v.speaker)
    if not names:  # an unresolved role stays what the articles call it
        names = Counter(v.said_by for v in members if v.said_by)
    speaker = max(names, key=lambda n: (len(n.split()), names[n], n)) if names else None
    direct = [v for v in members if v.kind == "direct"]
    shown = max(direct or members, key=lambda v: len(v.text))
    linked = next((v for v in members if v.speaker_entity), None)  # one party per cluster
    entity = linked.speaker_entity if linked else None
    first = members[0]
    digest = hashlib.sha1(f"{first.article_id}\x00{first.text}".encode()).hexdigest()[:16]
    return MergedQuote(
        id=digest,
        speaker=speaker,
        text=shown.text,
        kind="direct" if direct else "indirect",
        variants=tuple(members),
        sources=tuple(dict.fromkeys(v.article_id for v in members)),
        speaker_entity=entity,
        cue=shown.cue,
        party=linked.party if linked else parties.of(speaker, linked=False),
    )
