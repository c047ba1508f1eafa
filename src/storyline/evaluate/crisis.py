"""ML-Crisis as a user's corpus: the whole pipeline on crawled es/fr/it pages, checked as an analyst would.

The 740 dev reports of ``../shared/data/ml-crisis-tls`` (topics egypt and libya, Spanish, French
and Italian, plain text, no outlet, no title) are given to ``storyline run`` as Article JSONL with
only ``id``, ``text``, ``published`` (the folder date) and ``language``. The topic is kept aside
as the only gold there is. What is checked (issue 18):

- **titles**: among stories of 3 or more reports, titles that hold markup (CSS, tags, entities)
  or that another story also has;
- **furniture**: summary, fact and timeline sentences found verbatim in reports of *both* topics
  (text no single happening explains: page furniture). ``total`` counts every such sentence;
  ``across_pages`` only those found in two *different pages* of different topics: the corpus
  files some pages under both topics (a live blog, a round-up of several countries), and a
  sentence of such a page is in both topics without being furniture. Two reports are one page
  when their word 5-gram sets overlap by half or more (Jaccard);
- **cross-language pairs**: pairs of reports in different languages published within a day;
  the share of same-topic pairs placed in one story (goal ≥ 0.5) and of different-topic pairs
  placed in one story (goal ≤ 0.02), and the size-weighted impurity of the stories (the share
  of reports not of their story's commonest topic; goal ≤ 0.02). The topics are the folders'
  labels: some egypt-labelled reports are about Libya (their pairs count against the grouping),
  so the same figures are also given with each report's topic read from what it says
  (``crosslingual_by_content``: the topic whose country it names most, :func:`content_topics`);
- **speakers**: the share of the quotes found in the reports whose speaker is a name: the entity a
  pronoun or an unwritten subject was resolved to, else the speaker span when it holds a
  capitalised word that is no function word and is not written all in capitals, or when it is
  one acronym of 2 to 6 capitals ("OTAN", "BBC"; a shouted line such as "AS REPORTED BY" is no
  name);
- **counters**: contradictions between two statements that differ only in their numbers and are
  short (page counters such as "7 comentarios" / "104 comentarios").

Cost: one pipeline run (linear in the corpus) plus a verbatim search of each reported sentence in
every report (sentences × reports substring tests, a few seconds at 740 reports).
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from storyline.evaluate.grouping import read_crisis
from storyline.group.features import fold, parse_day, place_codes
from storyline.lang import fold_word, pack
from storyline.lang.places import cldr_place_counts, fold_place, geo_places
from storyline.model import Article

__all__ = ["crisis_corpus", "evaluate_crisis", "score_run"]

#: Markup in a title: CSS rules, tags, HTML entities.
_MARKUP = re.compile(r"[{}<>]|&[a-z#0-9]+;|\b[a-z-]+\s*:\s*[^;]{1,40};", re.I)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"\w+")
#: One acronym, the whole speaker: "OTAN", "BBC", "EE.UU." (a name, unlike a shouted phrase).
_ACRONYM = re.compile(r"(?:[A-ZÀ-Ý]\.?){2,6}")
#: Word 5-gram Jaccard from which two reports are one page (filed twice).
_SAME_PAGE = 0.5
#: Statements this short that differ only in numbers read as counters, not claims.
_COUNTER_WORDS = 12
#: Mentions of its country a report needs to be relabelled by content (:func:`content_topics`).
_CONTENT_MENTIONS = 3
_WORD = re.compile(r"[^\W\d_]+")
#: Shortest text taken as a sentence in the furniture test (shorter ones are not claims anyway).
_MIN_SENTENCE_CHARS = 12


def crisis_corpus(data_dir: Path) -> tuple[list[Article], dict[str, str]]:
    """The reports as a user would give them (no title, outlet or story) and their topics."""
    articles, topic_of = [], {}
    for found in read_crisis(data_dir):
        article_id = found.id.removesuffix(".txt").replace("/", "-")
        topic_of[article_id] = found.story or ""
        articles.append(replace(found, id=article_id, story=None, title=None))
    return articles, topic_of


def evaluate_crisis(data_dir: Path, *, work_dir: Path | None = None, workers: int = 1) -> dict[str, Any]:
    """Run the pipeline on the corpus in ``work_dir`` (a temporary folder when None) and score it."""
    from storyline.config import IngestConfig  # noqa: PLC0415  (the pipeline is heavy to import)
    from storyline.pipeline import ingest  # noqa: PLC0415
    from storyline.present.run import run  # noqa: PLC0415
    from storyline.store import Store  # noqa: PLC0415

    articles, topic_of = crisis_corpus(data_dir)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(work_dir or scratch)
        root.mkdir(parents=True, exist_ok=True)
        corpus = root / "crisis.jsonl"
        corpus.write_text("".join(json.dumps(a.to_json(), ensure_ascii=False) + "\n" for a in articles),
                          encoding="utf-8")
        (root / "crisis.db").unlink(missing_ok=True)
        store = Store(str(root / "crisis.db"))
        started = time.process_time()
        result = ingest([str(corpus)], store, IngestConfig(workers=workers))
        paths = run(store, root / "out", result, workers=workers)
        cpu = time.process_time() - started
        stories = json.loads(paths.stories.read_text(encoding="utf-8"))["stories"]
        speakers = [quote.speaker_entity or (quote.speaker.text_in(annotated.article.text) if quote.speaker else None)
                    for annotated in store.annotated([a.id for a in articles]) for quote in annotated.quotes]
        scores = score_run(stories, articles, topic_of, speakers)
    scores["articles_per_cpu_second"] = round(len(articles) / cpu, 2) if cpu else None
    return scores


def score_run(stories: Sequence[Mapping[str, Any]], articles: Sequence[Article], topic_of: Mapping[str, str],
              speakers: Sequence[str | None]) -> dict[str, Any]:
    """Score one run's ``stories.json`` stories against the topics (see the module docstring)."""
    return {
        "documents": len(articles), "stories": len(stories),
        "titles": _titles(stories),
        "furniture": _furniture(stories, articles, topic_of),
        "crosslingual": _pairs(stories, articles, topic_of),
        "crosslingual_by_content": _pairs(stories, articles, content_topics(articles, topic_of)),
        "speakers": _speakers(speakers),
        "contradictions": _counters(stories),
    }


def content_topics(articles: Sequence[Article], topic_of: Mapping[str, str]) -> dict[str, str]:
    """Each report's topic by what it says: the topic whose country (the folder's name read as a
    country's name in any CLDR locale: ``egypt`` → EG) the report names at least
    :data:`_CONTENT_MENTIONS` times and twice as often as any other topic's country, its capital
    counting as its country (CLDR's names of the time-zone city in every locale: "Trípoli",
    "Le Caire", "Il Cairo"); else its folder label. A check on the labels, not a gold: an
    ``egypt`` report that names Libya 20 times and Egypt once is about Libya, and so is one that
    names Libya once and Tripoli four times. Linear in the text."""
    codes = place_codes()
    country = {topic: codes.get(fold(topic)) for topic in set(topic_of.values())}
    wanted = {code: topic for topic, code in country.items() if code}
    capitals = _capitals(frozenset(wanted))
    relabelled = dict(topic_of)
    for article in articles:
        words = _WORD.findall(fold(article.text))
        named = Counter(wanted[code] for word in words if (code := codes.get(word)) in wanted)
        named.update(wanted[code] for code in _capitals_named(words, capitals))
        ranked = named.most_common(2) + [("", 0), ("", 0)]
        (top, count), (_, second) = ranked[0], ranked[1]
        if count >= _CONTENT_MENTIONS and count >= 2 * second:
            relabelled[article.id] = top
    return relabelled


def _capitals_named(words: Sequence[str], capitals: Mapping[str, str]) -> Iterable[str]:
    """The country code of each capital named in ``words`` (a two-word name read once)."""
    position = 0
    while position < len(words):
        pair = " ".join(words[position:position + 2])
        if pair in capitals and position + 1 < len(words):
            yield capitals[pair]
            position += 2
            continue
        if words[position] in capitals:
            yield capitals[words[position]]
        position += 1


def _capitals(codes: frozenset[str]) -> dict[str, str]:
    """Folded name → country code of the time-zone cities (capitals, mostly) of ``codes``, in every
    locale CLDR names them (one or two words)."""
    zones = {key: country for key, _, country in geo_places().values()
             if key.startswith("tz:") and country in codes}
    found = {fold_place(name): zones[key] for name, key, _ in cldr_place_counts() if key in zones}
    found.update((name, zones[key]) for name, (key, _, _) in geo_places().items() if key in zones)
    return {" ".join(_WORD.findall(fold(name))): code for name, code in found.items()
            if 1 <= len(_WORD.findall(fold(name))) <= 2}


def _titles(stories: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    large = [s for s in stories if len(s.get("articles", ())) >= 3]
    counts = Counter((s.get("title") or "").strip().casefold() for s in stories)
    markup = [s["title"] for s in large if _MARKUP.search(s.get("title") or "")]
    shared = [s["title"] for s in large if counts[(s.get("title") or "").strip().casefold()] > 1]
    return {"stories_3plus": len(large), "with_markup": len(markup), "shared": len(shared),
            "examples": sorted(set(markup + shared))[:10],
            "largest": [[len(s["articles"]), s.get("title")] for s in
                        sorted(large, key=lambda s: -len(s["articles"]))[:20]]}


def _reported_sentences(story: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    for sentence in (story.get("summary") or {}).get("sentences", ()):
        yield "summary", sentence.get("text", "")
    for fact in story.get("facts", ()):
        yield "fact", fact.get("text", "")
    for entry in story.get("timeline", ()):
        for text in entry.get("sentences", ()):
            yield "timeline", text


def _furniture(stories: Sequence[Mapping[str, Any]], articles: Sequence[Article],
               topic_of: Mapping[str, str]) -> dict[str, Any]:
    by_topic: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        by_topic[topic_of.get(article.id, "")].append(_squash(article.text))
    topics = [texts for _, texts in sorted(by_topic.items())]
    bodies = [(topic, body) for topic, texts in by_topic.items() for body in texts]
    checked: Counter[str] = Counter()
    found: Counter[str] = Counter()
    pages: Counter[str] = Counter()
    distinct: dict[str, bool] = {}
    examples: list[str] = []
    seen: dict[str, bool] = {}
    for story in stories:
        for place, text in _reported_sentences(story):
            key = _squash(text)
            if len(key) < _MIN_SENTENCE_CHARS:
                continue
            checked[place] += 1
            if key not in seen:
                seen[key] = len(topics) > 1 and all(any(key in body for body in texts) for texts in topics)
                if seen[key]:
                    distinct[key] = _in_two_pages_of_two_topics(key, bodies)
            if seen[key]:
                found[place] += 1
                if distinct[key]:
                    pages[place] += 1
                if len(examples) < 15 and text not in examples:
                    examples.append(text)
    return {"checked": dict(checked), "furniture": dict(found), "total": sum(found.values()),
            "across_pages": dict(pages), "across_pages_total": sum(pages.values()), "examples": examples}


def _in_two_pages_of_two_topics(key: str, bodies: Sequence[tuple[str, str]]) -> bool:
    """Whether two reports that are not one page (word 5-gram Jaccard < 0.5) and are of different
    topics both hold ``key``."""
    holders = [(topic, _shingles(body)) for topic, body in bodies if key in body]
    return any(first[0] != second[0] and _jaccard(first[1], second[1]) < _SAME_PAGE
               for i, first in enumerate(holders) for second in holders[i + 1:])


def _shingles(text: str) -> frozenset[int]:
    words = text.lower().split()
    return frozenset(hash(tuple(words[i:i + 5])) for i in range(max(1, len(words) - 4)))


def _jaccard(left: frozenset[int], right: frozenset[int]) -> float:
    return len(left & right) / len(left | right) if left or right else 1.0


def _squash(text: str) -> str:
    return " ".join(text.split())


def _pairs(stories: Sequence[Mapping[str, Any]], articles: Sequence[Article],
           topic_of: Mapping[str, str]) -> dict[str, Any]:
    story_of = {article: story["id"] for story in stories for article in story.get("articles", ())}
    dated = sorted(((parse_day(a.published), a) for a in articles if parse_day(a.published) is not None),
                   key=lambda pair: pair[0])
    same = same_joined = other = other_joined = 0
    for i, (day, first) in enumerate(dated):
        for later_day, second in dated[i + 1:]:
            if later_day - day > 1:
                break
            if first.language == second.language:
                continue
            together = story_of.get(first.id) is not None and story_of.get(first.id) == story_of.get(second.id)
            if topic_of.get(first.id) == topic_of.get(second.id):
                same, same_joined = same + 1, same_joined + together
            else:
                other, other_joined = other + 1, other_joined + together
    return {"same_topic_pairs": same, "same_topic_together": round(same_joined / same, 4) if same else 0.0,
            "other_topic_pairs": other, "other_topic_together": round(other_joined / other, 4) if other else 0.0,
            "impurity": _impurity(stories, topic_of)}


def _impurity(stories: Sequence[Mapping[str, Any]], topic_of: Mapping[str, str]) -> float:
    """Size-weighted impurity: the share of the placed reports that are not of their story's
    commonest topic (issue 20: the two crises never share a story, impurity ≤ 2%)."""
    placed = off = 0
    for story in stories:
        topics = Counter(topic_of.get(article, "") for article in story.get("articles", ()))
        size = sum(topics.values())
        placed, off = placed + size, off + size - max(topics.values(), default=0)
    return round(off / placed, 4) if placed else 0.0


def _is_name(speaker: str | None) -> bool:
    """A capitalised word that is no function word of any language ("Il", "Je" are not names)."""
    if not speaker:
        return False
    if speaker.isupper():
        return bool(_ACRONYM.fullmatch(speaker.strip()))
    function_words = pack(None).words("words", "function_words")
    return any(word[:1].isupper() and fold_word(word) not in function_words for word in _WORD.findall(speaker))


def _speakers(speakers: Sequence[str | None]) -> dict[str, Any]:
    named = sum(_is_name(s) for s in speakers)
    common = Counter(s for s in speakers if s).most_common(15)
    return {"quotes": len(speakers), "named": named,
            "named_share": round(named / len(speakers), 4) if speakers else 0.0, "commonest": common}


def _counters(stories: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    total, counters, examples = 0, 0, []
    for story in stories:
        for item in story.get("contradictions", ()):
            total += 1
            left, right = (item.get(side, {}).get("text", "") for side in ("left", "right"))
            if _is_counter_pair(left, right):
                counters += 1
                if len(examples) < 10:
                    examples.append([left, right])
    return {"total": total, "between_counters": counters, "examples": examples}


def _is_counter_pair(left: str, right: str) -> bool:
    """Short statements equal but for their numbers: "7 comentarios" against "104 comentarios"."""
    words = _WORD.findall(left)
    if len(words) > _COUNTER_WORDS or not _NUMBER.search(left) or not _NUMBER.search(right):
        return False
    return _NUMBER.sub("#", _squash(left)).casefold() == _NUMBER.sub("#", _squash(right)).casefold()
