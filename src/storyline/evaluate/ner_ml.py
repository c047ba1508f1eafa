"""Named-mention detection per language on ``../shared/data/meantime-ml`` (en, es, it, nl).

What is scored (SOURCE.md of the data): documents that have gold; their first six text lines
(MEANTIME sentences 0-5: title, date line, four body sentences, the part annotated
exhaustively); gold mentions that are names: after leading lowercase words and capitalised
function words (articles, prepositions: "la", "El", "the") only capitalised words, digits and
connectors (lowercase particles such as "de", "van", "of", "&") remain, and at least one word is
capitalised. The gold has no types we share and is only partial, so detection is type-agnostic.

Flat scoring: the recogniser's mentions never overlap (like CoNLL), so a gold name mention lying
strictly inside another gold name mention ("Airbus" in "Airbus A380", "Apple" in "OS X Tiger di
Apple") is not scored in ``recall``; ``recall_with_nested`` scores every name mention.

Matching rule (one rule for every language): a gold name mention counts as found when a predicted
mention's span is the gold span, or the gold span without its leading articles, prepositions and
titles ("El presidente ..."): the predicted span must end where the gold ends and start inside it,
and every word it leaves out at the start must be a function word, an opener, an office or an
honorific of the language pack ("la compañía Airbus" is not a name mention, "el Presidente Barack
Obama" is, and "Barack Obama" finds it). Precision: a predicted mention in the scored lines is
correct when it matches, by the same rule, any gold mention (name or not) of the document; the gold
misses many mentions, so this is a lower bound. Also reported: recall per gold type, type accuracy
(found PER / ORG / LOC mentions typed PERSON / ORG / GPE-LOC-FAC) and words/s of the recogniser
alone (after one untimed call that loads its models).

Cost: linear in the text; the recogniser dominates.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from storyline.analyze.ner_features import ml_tokenize
from storyline.analyze.ner_lexicon import NameLexicon, lexicon
from storyline.evaluate.meantime_ml import LANGUAGES, GoldMention, read_meantime_ml
from storyline.model import Mention, Span

__all__ = ["SCORED_LINES", "evaluate_ner_ml", "is_name_mention", "matches", "score_language"]

#: MEANTIME types → ours that agree with them (type accuracy over found PER, ORG, LOC mentions).
_SAME_TYPE = {"PER": ("PERSON",), "ORG": ("ORG",), "LOC": ("GPE", "LOC", "FAC")}
#: Text lines scored per document (MEANTIME sentences 0-5).
SCORED_LINES = 6

Recogniser = Callable[[str, str], Sequence[Mention]]


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(s, e, text[s:e]) for s, e in ml_tokenize(text, start, end)]


def _core_start(words: list[tuple[int, int, str]], lex: NameLexicon) -> int:
    """Index of the first word after leading function words, offices and honorifics."""
    i = 0
    while i < len(words) and (lex.never_name(words[i][2]) or lex.is_title(words[i][2])
                              or not words[i][2][:1].isalnum()):
        i += 1
    return i


def is_name_mention(text: str, start: int, end: int, lex: NameLexicon) -> bool:
    """Whether ``text[start:end]`` is a name (see the module docstring)."""
    words = _words(text, start, end)
    rest = words[_core_start(words, lex):]
    if not rest or not any(w[:1].isupper() for _, _, w in rest):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or not w[:1].isalnum() or lex.is_particle(w)
               for _, _, w in rest)


def matches(text: str, predicted: Span, gold_start: int, gold_end: int, lex: NameLexicon) -> bool:
    """The matching rule of the module docstring."""
    if predicted.end != gold_end or not gold_start <= predicted.start < gold_end:
        return False
    skipped = [w for s, e, w in _words(text, gold_start, predicted.start)]
    return all(w.islower() or lex.never_name(w) or lex.is_title(w) or not w[:1].isalnum() for w in skipped)


def _scored_end(text: str) -> int:
    pos = -1
    for _ in range(SCORED_LINES):
        pos = text.find("\n", pos + 1)
        if pos < 0:
            return len(text)
    return pos


def score_language(root: Path, language: str, recognise: Recogniser) -> dict[str, Any]:
    """Recall, precision and speed of one language (see the module docstring)."""
    data = read_meantime_ml(root, language)
    lex = lexicon(language)
    counts: Counter[str] = Counter()
    by_type: dict[str, Counter[str]] = {}
    misses: list[str] = []
    elapsed = 0.0
    n_words = 0
    if data.documents_with_gold:  # untimed: loading the models and lexicons is not tagging speed
        recognise(data.documents_with_gold[0].text, language)
    for article in data.documents_with_gold:
        text = article.text
        limit = _scored_end(text)
        started = time.perf_counter()
        predicted = [m for m in recognise(text, language) if m.span.start < limit]
        elapsed += time.perf_counter() - started
        n_words += len(text.split())
        gold = data.mentions[article.id]
        names = [g for g in gold if g.start < limit and is_name_mention(text, g.start, g.end, lex)]
        counts["documents"] += 1
        for g in names:
            hit = next((m for m in predicted if matches(text, m.span, g.start, g.end, lex)), None)
            found = hit is not None
            if hit is not None and g.type in _SAME_TYPE and not _nested(g, names):
                counts["typed"] += 1
                counts["type_right"] += hit.type in _SAME_TYPE[g.type]
            counts["gold_nested"] += 1
            counts["found_nested"] += found
            if _nested(g, names):
                continue
            counts["gold"] += 1
            counts["found"] += found
            typed = by_type.setdefault(g.type, Counter())
            typed["gold"] += 1
            typed["found"] += found
            if not found and len(misses) < 40:
                misses.append(g.text)
        counts["predicted"] += len(predicted)
        counts["correct"] += sum(_correct(text, m, gold, lex) for m in predicted)
    return {
        "documents": counts["documents"], "gold": counts["gold"], "found": counts["found"],
        "recall": round(counts["found"] / counts["gold"], 4) if counts["gold"] else 0.0,
        "recall_with_nested": round(counts["found_nested"] / counts["gold_nested"], 4) if counts["gold_nested"] else 0.0,
        "gold_with_nested": counts["gold_nested"],
        "predicted": counts["predicted"], "correct": counts["correct"],
        "precision_lower_bound": round(counts["correct"] / counts["predicted"], 4) if counts["predicted"] else 0.0,
        "type_accuracy": round(counts["type_right"] / counts["typed"], 4) if counts["typed"] else 0.0,
        "recall_by_gold_type": {k: round(c["found"] / c["gold"], 4) for k, c in sorted(by_type.items())},
        "words_per_s": round(n_words / elapsed) if elapsed else 0,
        "missed_examples": misses,
    }


def _nested(mention: GoldMention, names: Sequence[GoldMention]) -> bool:
    """Whether the mention lies strictly inside another gold name mention ("Airbus" in "Airbus A380")."""
    return any(o.start <= mention.start and mention.end <= o.end and (o.start, o.end) != (mention.start, mention.end)
               for o in names)


def _correct(text: str, mention: Mention, gold: Sequence[GoldMention], lex: NameLexicon) -> bool:
    return any(matches(text, mention.span, g.start, g.end, lex) for g in gold)


def evaluate_ner_ml(root: Path, recognise: Recogniser | None = None,
                    languages: Sequence[str] = LANGUAGES) -> dict[str, Any]:
    """Scores per language; ``recognise(text, language)`` defaults to the pipeline's recogniser."""
    if recognise is None:
        recognise = default_recognise()
    return {language: score_language(root, language, recognise) for language in languages
            if (Path(root) / language).is_dir()}


def default_recognise() -> Recogniser:
    """The entity stage as the pipeline runs it: sentences split first, then the recogniser."""
    from storyline.analyze.entities import EntityRecognizer  # noqa: PLC0415
    from storyline.analyze.sentences import split_sentences  # noqa: PLC0415

    recognizer = EntityRecognizer().load()

    def recognise(text: str, language: str) -> Sequence[Mention]:
        return recognizer(text, split_sentences(text), language=language)

    return recognise
