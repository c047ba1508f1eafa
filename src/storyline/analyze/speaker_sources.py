"""Sources that are no person: a document, poll or report (``documents``, ``un sondage Ifop``,
``the new report``) or an organisation named by a common noun (``el Gobierno alemán``), named as
written from the speaker's words, from its capitalised modifiers or head noun up to a
participle, preposition or verb (``UN report released on Tuesday`` -> ``UN report``), keeping a
name after a preposition (``informe de Amnistía Internacional``) or a participle's agent
(``documents obtained by the Post``). The words come from the text's
:class:`~storyline.analyze.quote_cues.SpeechCues`; each call reads the speaker's few words.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from storyline.analyze.quote_cues import SpeechCues
from storyline.model import Mention, Span

__all__ = ["MentionIndex", "document_headed", "join_words", "source_kind", "source_phrase"]

#: Entity types by the kind of source they make.
_KIND_OF_TYPE = {"PERSON": "person", "PER": "person", "ORG": "organisation", "GPE": "organisation",
                 "LOC": "organisation", "NORP": "organisation", "FAC": "organisation"}


def source_phrase(cues: SpeechCues, words: list[str]) -> str | None:
    """A document, poll or report (``documents``, ``un sondage Ifop``, ``the news agency``) or an
    organisation named by a common noun (``el Gobierno alemán``, ``la televisión estatal
    libia``), from its capitalised modifiers or head noun on, up to a participle, preposition or
    verb (``UN report released on Tuesday`` -> ``UN report``); a role's organisation
    (``funcionarios del gobierno libio`` -> ``gobierno libio``)."""
    first = None
    for i, word in enumerate(words[:6]):
        low = word.lower()
        if low in cues.document_nouns or low in cues.org_nouns:
            start = i if first is None else first
            if first is None and i > 0 and words[i - 1].isalpha() and words[i - 1].islower() \
                    and words[i - 1].lower() not in cues.determiners | cues.role_nouns | cues.name_joiners:
                start = i - 1  # "the news agency", "court records": the modifier right before the head
            end = next((k for k in range(i + 1, len(words))
                        if _ends_source(cues, words[k]) and not _joins_name(cues, words, k)), len(words))
            return join_words(words[start:end]) if end - start <= 8 else None
        if word[:1].isupper():
            first = i if first is None else first  # "A Gallup poll": a name modifying the head
        elif low in cues.determiners and first is not None and i > first and not words[i - 1][:1].isupper():
            first = None  # "Poco prima sempre la tv libica": a new noun phrase opens at its article
        elif low in cues.role_nouns or low in cues.name_joiners or low in cues.determiners:
            continue
        elif word.isalpha() and not _ends_source(cues, word) and low not in cues.speaker_break_words \
                and (first is None or low not in cues.no_name_words):
            continue  # "the new report", "Reuters/Ipsos opinion poll": a modifier before the head
        else:
            return None
    return None


def document_headed(cues: SpeechCues, words: list[str]) -> bool:
    """A document noun among the first five words heads the phrase (``latest Reuters/Ipsos
    poll released Friday``, ``USA TODAY analysis of reports``): only modifiers come before it
    (no role, preposition or verb) and nothing but a preposition, a participle or the end
    after it (``data analyst John Smith`` is a person)."""
    for i, word in enumerate(words[:5]):
        low = word.lower()
        if low in cues.document_nouns:
            after = words[i + 1].lower() if i + 1 < len(words) else ""
            return not after or after in cues.prepositions or after in cues.agent_prepositions \
                or cues.is_past(after) or cues.is_participle(after)
        if low in cues.role_nouns or low in cues.prepositions or low in cues.verbish or low in cues.cue_forms:
            return False
    return False


def _joins_name(cues: SpeechCues, words: list[str], k: int) -> bool:
    """``words[k]`` is a preposition before a name, past its article (``informe de la ONU``), or
    a participle before its agent (``documents obtained by the Post``, not ``publié dimanche``)."""
    low = words[k].lower()
    if cues.is_past(low) or cues.is_participle(low):
        # a participle ends the name before a time, place or nothing ("publié mardi", "released
        # on Tuesday"), not before its agent ("obtained by the Post") or a coordination
        # ("parti de la liberté et de la justice": a noun of the participle's ending)
        after = words[k + 1].lower() if k + 1 < len(words) else ""
        return after in cues.agent_prepositions or not (
            not after or after in cues.time_words or after in cues.determiners or after in cues.prepositions)
    if low not in cues.prepositions and low not in cues.name_joiners:
        return False
    # "cadena de televisión Al Yazira", "journal en ligne Al-Manara": a name follows
    return any(c.isupper() for w in words[k + 1 :] for c in w)  # also "al-Jezira"


def _ends_source(cues: SpeechCues, word: str) -> bool:
    """A word no source's name runs past: a participle, preposition, verb or time word."""
    low = word.lower()
    if low in cues.determiners or word[:1].isupper():
        return False  # "informes de la Embajada": "la" is no verb, "Embajada" no participle
    return (cues.is_past(low) or cues.is_participle(low) or low in cues.prepositions or low in cues.verbish
            or low in cues.cue_forms or low in cues.time_words or low in cues.relatives)


def join_words(words: list[str]) -> str:
    """Words as written: an elided preposition is glued to its word (``d'État``)."""
    return " ".join(words).replace("' ", "'")


class MentionIndex:
    """A report's mentions, indexed once for :func:`source_kind`: those starting inside a span by
    bisection (when they are in text order, as the entity stage gives them), those of an entity by
    a dictionary; a quote's lookup no longer reads every mention of the report."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = list(mentions)
        self.starts = [m.span.start for m in self.mentions]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:]))
        self.by_entity: dict[str, list[int]] = {}
        for i, mention in enumerate(self.mentions):
            if mention.entity is not None:
                self.by_entity.setdefault(mention.entity, []).append(i)

    def tagged(self, span: Span, name: str | None) -> list[Mention]:
        """The mentions starting inside ``span`` or naming the entity ``name``, in their order."""
        if not self.ordered:
            return [m for m in self.mentions if span.start <= m.span.start < span.end or (name and m.entity == name)]
        lo = bisect.bisect_left(self.starts, span.start)
        hi = bisect.bisect_left(self.starts, span.end, lo)
        named = self.by_entity.get(name, ()) if name else ()
        if not named:
            return self.mentions[lo:hi]
        return [self.mentions[i] for i in sorted(set(range(lo, hi)).union(named))]


def source_kind(cues: SpeechCues, text: str, speaker: Span | None, name: str | None,
                entities: Sequence[Mention] | MentionIndex = ()) -> str | None:
    """What a speaker is: ``document`` when its head noun is one of the pack's document nouns
    (``the report``, ``un sondage Ifop``, ``documents seen by Reuters``); else the kind of the
    entity tagged in its span or named as it (``person`` for PERSON, ``organisation`` for an
    organisation, a state or a group); else ``person`` for a pronoun, role or honorific and
    ``organisation`` for an organisation noun or word of the pack; None when nothing tells (or no
    speaker). Reads the speaker's words and the mentions inside its span (``entities`` may be
    given as a :class:`MentionIndex`, built once per report)."""
    if speaker is None:
        return None
    phrase = text[speaker.start : speaker.end]
    if ", " in phrase and phrase[:1].isupper():
        # "Rep. Elijah Cummings, the top Democrat on the committee": the name before the comma heads
        head = _kind_of(cues, text, speaker, phrase.split(", ", 1)[0], name, entities)
        if head is not None:
            return head
    return _kind_of(cues, text, speaker, phrase, name, entities)


def _kind_of(cues: SpeechCues, text: str, speaker: Span, phrase: str, name: str | None,
             entities: Sequence[Mention] | MentionIndex) -> str | None:
    words = [w.strip(",.;:()") for w in phrase.split()]
    words = [w for w in words if w and w.lower() not in cues.determiners]
    head = _head(cues, words)
    if head is not None:
        low = head.lower()
        if low in cues.document_nouns and low not in cues.org_kind_nouns:
            return "document"  # a medium ("la cadena", "l'agence") is an organisation
        k = words.index(head)
        if low in cues.org_kind_nouns and not (set(w.lower() for w in words[:k]) & cues.role_nouns) \
                and not _role_after(cues, words, k):
            return "organisation"
    if not isinstance(entities, MentionIndex):
        entities = MentionIndex(entities)
    tagged = entities.tagged(speaker, name)
    # the entity the speaker resolved to first ("State Department spokesman Ned Price": the person,
    # not the department before his name), then a person's role, then any entity in the span
    named = [m for m in tagged if name and (m.entity == name or text[m.span.start : m.span.end] == name)]
    for mention in named:
        if mention.type in _KIND_OF_TYPE:
            return _KIND_OF_TYPE[mention.type]
    if any(w.lower() in cues.role_nouns and w.lower() not in cues.org_kind_nouns
           and w.capitalize() not in cues.org_words or w.lower() in cues.office_abbreviations for w in words):
        return "person"  # "a US State Department official", "Turkey's defense minister"
    for mention in tagged:
        if mention.type in _KIND_OF_TYPE:
            return _KIND_OF_TYPE[mention.type]
    if len(words) == 1 and words[0].lower() in cues.pronouns:
        return "person" if name else None
    for word in words:  # the first role or organisation word heads the phrase
        low = word.lower()
        if low in cues.org_kind_nouns or word in cues.org_words:
            return "organisation"
        if low in cues.role_nouns or low in cues.honorifics:
            return "person"
    return None


def _role_after(cues: SpeechCues, words: list[str], k: int) -> bool:
    """A person's role follows the organisation noun at ``k`` directly (``National Security
    Council spokeswoman``), not through a preposition (``council of ministers``)."""
    for i in range(k + 1, len(words)):
        low = words[i].lower()
        if low in cues.prepositions or low in cues.name_joiners:
            return False
        if low in cues.role_nouns and low not in cues.org_kind_nouns:
            return True
    return False


def _head(cues: SpeechCues, words: list[str]) -> str | None:
    """The first noun of a source phrase that is a document or organisation noun, within its
    first five words (``A new Gallup poll``, ``le dernier rapport de l'ONU``)."""
    for word in words[:5]:
        low = word.lower()
        if low in cues.document_nouns or low in cues.org_kind_nouns:
            return word
        if low in cues.role_nouns or low in cues.prepositions or low in cues.relatives:
            return None
    return None
