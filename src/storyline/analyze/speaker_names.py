"""Speaker resolution: from a speaker span to a person's (or organisation's, or document's) name.

A name is stripped of its title ("State Department spokesman Ned Price" -> "Ned Price"; "el
ministro de Exteriores, José Manuel García-Margallo" -> the apposition) and a bare surname linked
to the full name; a pronoun, or the implicit subject of a pro-drop verb, goes to the most recent
person named before it (outside quotations); a role ("the spokesman") to the one person named
earlier with that role (else the one named later with it), and stays unresolved when there are
none or several. A document, poll or report ("documents", "un sondage Ifop") and an
organisation named by a common noun ("el Gobierno alemán", "funcionarios del gobierno libio" ->
"gobierno libio") are named as written. A name after a common noun and a preposition is not
the speaker ("La hija de Gadafi"). Never a name: a cue or function word ("dijo", "Así") or a
shouted credit in capitals ("AS REPORTED BY"). The words come from the text's
:class:`~storyline.analyze.quote_cues.SpeechCues`; the tests of a word's shape (no name, a verb
form, a shouted credit) are in :mod:`storyline.analyze.speaker_words`. Each resolution reads at
most ``_MAX_HOLDERS`` people around its anchor.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

import simplemma

from storyline.analyze.quote_cues import SpeechCues, speech_cues
from storyline.analyze.speaker_sources import document_headed, join_words, source_phrase
from storyline.analyze.speaker_words import (
    acronym,
    common_head,
    common_word,
    fold,
    name_run,
    not_a_name,
    of_someone,
    plausible,
    unelided,
    verb_form,
)
from storyline.analyze.speakers import inside
from storyline.model import Mention, Span

__all__ = ["SpeakerResolver", "common_word", "fold"]

_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_NAME_RUN_RE = re.compile(rf"[{_UPPER}][\w'\u2019\-]+(?:\s+(?:[a-z]{{1,3}}-)?[{_UPPER}][\w'\u2019\-]+)+")  # "el-Gamaty"
#: Abbreviated offices dropped from a name ("Gov. Mike Pence"); "Mr."/"Dr." stay, as in news.
#: Entity types whose resolved name a speaker takes (a person's is taken through ``people``).
_CANONICAL_TYPES = frozenset({"ORG", "GPE", "LOC", "NORP"})
_MAX_HOLDERS = 200  # people looked at per resolution: bounds the work on huge texts


class SpeakerResolver:
    """Turns speaker spans into names: titles stripped, surnames, pronouns and roles resolved."""

    def __init__(self, text: str, entities: Sequence[Mention] | None,
                 quoted: list[tuple[int, int]], cues: SpeechCues | None = None) -> None:
        self.text = text
        self.cues = cues or speech_cues("en")
        self.quoted = quoted
        self.people: list[tuple[int, str, frozenset[str]]] = []  # (pos, name, role words)
        self.tagged = bool(entities)
        #: (start, end, name) of the tagged people, for a name inside a longer speaker phrase.
        self.person_spans: list[tuple[int, int, str]] = []
        #: Acronyms of organisations and places the entity stage resolved to a full name ("EE UU"
        #: -> "Estados Unidos"), by their surface; other names stay as the report writes them.
        self.canonical: dict[str, str] = {}
        if entities:
            for m in entities:
                surface = text[m.span.start : m.span.end]
                if m.type in _CANONICAL_TYPES and m.entity and acronym(surface) and " " in m.entity.strip() \
                        and not acronym(m.entity):
                    self.canonical.setdefault(surface, m.entity)
                if m.type == "PERSON" and not inside(quoted, m.span.start):
                    name = m.entity or text[m.span.start : m.span.end]
                    self.people.append((m.span.start, name, self._context(m.span.start)))
                    self.person_spans.append((m.span.start, m.span.end, name))
        else:
            for run in _NAME_RUN_RE.finditer(text):
                self._add_run(run.start(), run.group())
        self.people.sort(key=lambda p: p[0])
        self.person_spans.sort()
        self.names = {p[1] for p in self.people}
        self.by_surname: dict[str, list[tuple[int, str]]] = {}
        for pos, name, _ in self.people:
            self.by_surname.setdefault(fold(name.split()[-1]), []).append((pos, name))

    def _context(self, pos: int) -> frozenset[str]:
        words = self.text[max(0, pos - 60) : pos].replace(",", " ").split()[-6:]
        return frozenset(w.lower() for w in words)

    def _add_run(self, pos: int, run: str) -> None:
        words = run.split()
        cut = len(words)
        while cut > 0 and not not_a_name(self.cues, words[cut - 1]) and len(words) - cut < 3:
            cut -= 1
        name = words[cut:]
        if len(name) < 2 or inside(self.quoted, pos):
            return
        start = pos + len(run) - len(" ".join(name))
        self.people.append((start, " ".join(name), self._context(start)))

    def speaker_name(self, speaker: Span, content: Span) -> str | None:
        """The name of ``speaker``, the speaker of ``content``; a name found after its
        content (``"...," said Jo Smith``) is remembered for later surnames and pronouns."""
        anchor = min(speaker.start, content.start)
        entity = self.name(speaker, anchor)
        if entity is not None and speaker.start > anchor:
            self._remember(speaker.start, entity)
        return entity

    def _remember(self, pos: int, name: str) -> None:
        if " " in name and name not in self.names:
            self.names.add(name)
            bisect.insort(self.people, (pos, name, frozenset()), key=lambda p: p[0])
            self.by_surname.setdefault(fold(name.split()[-1]), []).append((pos, name))

    def name(self, span: Span, anchor: int) -> str | None:
        """The speaker's name: resolved pronoun, role holder, full name, organisation or the
        document cited; never a cue word or a shouted credit ("AS REPORTED BY")."""
        found = self._name(span, anchor)
        if found is None or not plausible(self.cues, found):
            found = self._person_inside(span)
            if found is None:
                return None
        if " " not in found and found not in self.names and verb_form(self.cues, found):
            return None  # "Empezaron diciendo que ...": a capitalised verb, not a name
        return self.canonical.get(found, found)  # the entity's resolved name: "EE UU" -> "Estados Unidos"

    def _name(self, span: Span, anchor: int) -> str | None:
        text = self.text[span.start : span.end]
        text = text.rsplit("\n", 1)[-1]  # "nomade storico.\n\nCosì Erodoto": the last paragraph's words
        head, _, apposition = text.partition(", ")
        words = [part for w in head.split() for part in unelided(self.cues, w.strip(","))]
        if len(words) == 1 and words[0].lower() in self.cues.pronouns:
            if self.cues.pronouns[words[0].lower()][0] == "p":
                if not self._after_name(span.start):  # "le président égyptien, qui": the role's holder;
                    return self._role_antecedent(span.start)  # "ceux qui ont réclamé": no one
                named = self._antecedent(span.start) or self._role_antecedent(span.start)
                if named is not None:
                    return named  # "l'Elysée, qui évoque", "Barack Obama, quien ha declarado"
            return self._pronoun(words[0].lower(), anchor)
        indefinite = bool(words) and words[0].lower() in self.cues.indefinites
        bare = not words or words[0].lower() not in self.cues.determiners
        if len(words) > 1 and words[0].lower() in self.cues.determiners and " ".join(words) in self.names:
            return " ".join(words)  # "La Russa": a name the tagger knows, particle and all
        while words and (words[0].lower() in self.cues.determiners or words[0].lower() in self.cues.never_names):
            words.pop(0)
        if words and (words[0].lower() in self.cues.document_nouns or document_headed(self.cues, words)):
            return source_phrase(self.cues, words)  # "un informe publicado por la ONU": the document
        cut = max((i + 1 for i, w in enumerate(words) if w.lower() in self.cues.role_nouns
                   or w.rstrip(".").lower() in self.cues.office_abbreviations), default=0)
        capitalised = [w for w in words[cut:] if w[:1].isupper() and not w.startswith("(")]
        name = name_run(words[cut:], self.cues.particles)
        if cut and cut < len(words) and words[cut].lower() in self.cues.name_joiners and len(name) > 2:
            name = self._after_office(name)  # "Secretary of State Antony Blinken"
        named = _NAME_RUN_RE.fullmatch(apposition.strip().rstrip(","))
        if named is not None and (any(not_a_name(self.cues, w) for w in named.group().split())
                                  or not cut and name):
            named = None
        department = cut and any(w.lower() in self.cues.name_joiners for w in words[cut : cut + 3])
        if named is not None and (not name or department):
            return named.group()  # "el ministro de Exteriores, José Manuel García-Margallo"
        if not name and cut:
            # "Turkey's defense minister, Hulusi Akar": the name is the apposition.
            if named is not None:
                return named.group()
            # "un haut responsable de sécurité": an indefinite role is anonymous, no one's name.
            # "de source militaire française": a bare role, with no article, names no one either.
            role = None if indefinite or bare and self.cues.language != "en" else self._role(words, span.start)
            return role or source_phrase(self.cues, words)
        if any(w in self.cues.org_words for w in words) and (not capitalised or capitalised[-1] in self.cues.org_words):
            return " ".join(words)
        if words and words[0] in self.cues.org_words and not cut and 1 < len(words) <= 8:
            # "la Ligue libyenne des droits de l'Homme": the organisation's whole name, as written
            return " ".join(head.split()[-len(words):]) if len(head.split()) >= len(words) else join_words(words)
        if indefinite and len(name) < 2 and named is None:
            return source_phrase(self.cues, words)  # "ein Demonstrant", "a Republican": no one named
        if name and not cut and of_someone(self.cues, words, name):
            # "La hija de Gadafi", "las tropas leales a Gadafi": not Gadafi; "la télévision
            # d'État", "un informe de la ONU": the source as written.
            return source_phrase(self.cues, words)
        if not name or common_head(words):
            # "the US media": a group, named as written; "Un superviviente, Abdulrahim Bashir":
            # the apposition; "un informe de la ONU", "el Gobierno alemán": the source cited.
            return named.group() if named is not None else source_phrase(self.cues, words)
        return self._full_name(" ".join(name), span.start)

    def _person_inside(self, span: Span) -> str | None:
        """The one person the tagger named inside a longer speaker phrase that no rule above
        read, when the name follows a role or an adjective, not a preposition ("el letrado de la
        acusación Yasser Kamal", "il leader libico Gheddafi al telefono"; not "La hija de
        Gadafi"), and is no possessor ("Smith's lawyer"). Two binary searches among the people tagged."""
        first = bisect.bisect_left(self.person_spans, span.start, key=lambda p: p[0])
        inner = [(start, end, name) for start, end, name in
                 self.person_spans[first : bisect.bisect_left(self.person_spans, span.end, key=lambda p: p[0])]
                 if end <= span.end]
        if len(inner) != 1:
            return None
        start, end, name = inner[0]
        before = self.text[span.start : start].split()
        word = unelided(self.cues, before[-1])[-1].lower() if before else ""
        if word in self.cues.prepositions or word in self.cues.name_joiners or word in self.cues.particles \
                or self.text.startswith(("'s", "\u2019s", "'", "\u2019"), end):
            return None
        return self._full_name(name, span.start) if plausible(self.cues, name) else None

    def _after_office(self, words: list[str]) -> list[str]:
        """The name after an office's department ("State Antony Blinken" → "Antony Blinken"): the
        longest ending of ``words`` that the entity tagger named a person, else its last two
        words (capitalised runs, read when there are no entities, take the department in)."""
        for start in range(1, len(words) - 1):
            if self.tagged and join_words(words[start:]) in self.names:
                return words[start:]
        return words[-2:]

    def implicit_speaker(self, anchor: int) -> str | None:
        """The implicit subject of a cue (``Afirmó que ...``): the last person named before it."""
        i = bisect.bisect_left(self.people, anchor, key=lambda p: p[0]) - 1
        return self._full_name(self.people[i][1], anchor) if i >= 0 else None

    def _after_name(self, pos: int) -> bool:
        """A relative pronoun at ``pos`` follows a name or a role (``Jay Carney, quien``, ``le
        ministre, qui``): the word before it, past a comma, is capitalised, a role noun or closes
        brackets (not ``ceux qui``, ``la légende ... qui``)."""
        before = self.text[max(0, pos - 60) : pos].rstrip().rstrip(",").split()
        last = unelided(self.cues, before[-1].strip(",;"))[-1] if before else ""  # "l'Elysée, qui"
        return bool(last) and (last[:1].isupper() or last.endswith(")") or last.lower() in self.cues.role_nouns) \
            or self._before_apposition(pos) is not None

    def _antecedent(self, pos: int) -> str | None:
        """The name a relative pronoun at ``pos`` follows (past a comma and brackets): the run of
        capitalised words right before it, at most four (``l'Elysée, qui`` -> ``Elysée``)."""
        before = self.text[max(0, pos - 80) : pos].rstrip().rstrip(",").rstrip()
        before = re.sub(r"\s*\([^()]{0,30}\)$", "", before)  # "la Federación (FIDH), que"
        run: list[str] = []
        for word in reversed(before.split()[-4:]):
            if run and word.endswith((",", ";")):
                break  # "el presidente de Estados Unidos, Barack Obama, quien"
            parts = unelided(self.cues, word)
            if not parts[-1][:1].isupper() or not_a_name(self.cues, parts[-1]) and not run:
                break
            run.insert(0, parts[-1])
            if len(parts) > 1 or self.text[max(0, pos - 1)] == "(":
                break
        if not run or not plausible(self.cues, " ".join(run)):
            return self._before_apposition(pos)
        closed = self.text[max(0, pos - 80) : pos].rstrip().endswith(",")  # an apposition ends there
        if closed and self._complement_of_role(before.split()[: -len(run)]):
            # "Ibrahim Munir, uno de los líderes de la Hermandad Musulmana, quien dice": the
            # leader speaks, not the Brotherhood: the apposition's name, else the role's holder.
            return self._before_apposition(pos) or self._role_antecedent(pos)
        return self._full_name(" ".join(run), pos)

    def _complement_of_role(self, words: list[str]) -> bool:
        """Whether a name after ``words`` is the complement of a role noun ("los líderes de la",
        "the spokesman of the"): a preposition, past articles, and a role noun right before it."""
        c = self.cues
        low = [part.lower() for w in words[-4:] for part in unelided(c, w.strip(",;"))]
        while low and low[-1] in c.determiners:
            low.pop()
        if len(low) < 2 or not (low[-1] in c.prepositions or low[-1] in c.name_joiners):
            return False
        return low[-2] in c.role_nouns or _lemma(low[-2], c.language) in c.role_nouns  # "líderes"

    def _role_antecedent(self, pos: int) -> str | None:
        """The one person holding the role a relative pronoun at ``pos`` follows ("le président
        égyptien, qui insiste": the president named in the report), by :meth:`_role`."""
        before = self.text[max(0, pos - 80) : pos].rstrip().rstrip(",").split()[-5:]
        words = [part for w in before for part in unelided(self.cues, w)]
        if not any(w.lower() in self.cues.role_nouns for w in words[-3:]):
            return None
        return self._role(words[-3:], pos)

    def _before_apposition(self, pos: int) -> str | None:
        """``Ayman Abu Zeid, du syndicat des organismes touristiques, qui souligne``: the name
        before the lowercase apposition that the relative pronoun at ``pos`` follows."""
        before = self.text[max(0, pos - 200) : pos].rstrip().rstrip(",")
        head, comma, apposition = before.rpartition(", ")
        words = apposition.split()
        c = self.cues
        first = words[0].lower() if words else ""
        opens = first in c.determiners or first in c.role_nouns or first in c.name_joiners or first in c.prepositions \
            or first.startswith("ex-")  # "du syndicat", "portavoz del", "ex-professeur": an apposition
        if not comma or not 0 < len(words) <= 12 or not words[0][:1].islower() or not opens or any(
                w.lower() in self.cues.cue_forms or w.lower() in self.cues.verbish or w in {",", ";"} for w in words):
            return None
        run: list[str] = []
        for word in reversed(head.split()[-4:]):  # the name closing the phrase: "Lo dijo Juan Pérez"
            if not (word[:1].isupper() or word in c.particles) or not_a_name(c, word) or word.endswith(","):
                break
            run.insert(0, word)
        return self._full_name(" ".join(run), pos) if len(run) > 1 and plausible(self.cues, " ".join(run)) else None

    def _pronoun(self, pronoun: str, anchor: int) -> str | None:
        if self.cues.pronouns[pronoun][0] not in {"m", "f", "p"}:
            return None
        i = bisect.bisect_left(self.people, anchor, key=lambda p: p[0]) - 1
        return self._full_name(self.people[i][1], anchor) if i >= 0 else None

    def _full_name(self, name: str, pos: int) -> str:
        """Link a bare surname to the one full name ending in it named before ``pos``."""
        if " " in name:
            return name
        key = fold(name)
        matches = {n for p, n in self.by_surname.get(key, ())[-_MAX_HOLDERS:] if p < pos and " " in n}
        return matches.pop() if len(matches) == 1 else name

    def _role(self, words: list[str], pos: int) -> str | None:
        """The one person named with this role before ``pos``; when there is none, the one named
        with it after (news leads often give the role first: "the State Department spokesman
        said ...", and the name lower down). None when none or several."""
        head = next((w.lower() for w in reversed(words) if w.lower() in self.cues.role_nouns), None)
        if head is None:
            return None
        qualifiers = {w.lower() for w in words if w[:1].isupper() and w.lower() != head}
        split = bisect.bisect_left(self.people, pos, key=lambda p: p[0])
        for people in (self.people[max(0, split - _MAX_HOLDERS) : split],
                       self.people[split : split + _MAX_HOLDERS]):
            holders = {self._full_name(p[1], max(pos, p[0] + 1)) for p in people
                       if head in p[2] and qualifiers <= p[2] | {"us", "u.s."}}
            if holders:
                return holders.pop() if len(holders) == 1 else None
        return None


@lru_cache(maxsize=4096)
def _lemma(word: str, language: str | None) -> str:
    """simplemma's lemma of a word in the pack's language (the packs list role nouns in the
    singular: "líderes" -> "líder"); the word itself where simplemma has no such language."""
    try:
        return str(simplemma.lemmatize(word, lang=language or "en"))
    except ValueError:
        return word
