"""Rules after the statistical recogniser, one code path for every language.

Pattern rules kept from the first (English) offline model, in
:mod:`storyline.analyze.entity_pattern_rules`: titles out of PERSON spans, weapons, acronyms,
organisation suffixes, places headed by a place word as ``LOC``, products.

Language-pack rules (:mod:`storyline.analyze.ner_lexicon`, data in ``lang/<code>/names.toml`` and
``words.toml``), for the language of the report:

1. a mention never starts or ends with a function word or an opener ("El", "Un", "Asimismo",
   "Selon", "Cuando Gadafi" → "Gadafi"; but a capitalised article inside a sentence opens a name:
   "según El País"); a mention made only of them is dropped;
2. a PERSON mention never starts with an office or honorific ("Presidente Obama" → "Obama"), nor
   any mention of a foreign model ("CEO de Apple" → "Apple");
   where the language does not capitalise nouns, a name ends before its first lowercase word
   that is no particle ("Apple lancia" → "Apple");
3. with a model that did not learn the report's language (``foreign_model``): a lone
   capitalised word opening a sentence that is an ordinary word of the language (simplemma's
   lexicon: "Créez", "Asimismo") is dropped unless the report also writes it capitalised inside a
   sentence, or it is a known place;
4. a mention that is a CLDR place name is a place (GPE; regions LOC) unless the model said ORG (a
   capital standing for its government): "Túnez", "Francia", "Reino Unido" are never PERSON; and
   capitalised CLDR place names the model missed are added;
   With a foreign model, a name holding an organisation word (``org_words``) is an ORG, a name
   of ordinary words after an office and a preposition the office's department, an ORG ("el
   ministro de Exteriores"), and a name after an office or honorific a PERSON, in the whole
   report when it could be a surname ("dal colonnello Gheddafi");
5. a maker's name followed by a model number names the product ("Boeing 747": PRODUCT), and
   product codes of one capital and three digits are products ("A380", "A320s");
6. one type per name in a report (:func:`consistent_types`), and an all-caps word is no PERSON
   ("ONU", "UMP": ORG unless a known acronym says otherwise);
7. known organisations (``entity_patterns.KNOWN_NAMES``: "Twitter", "Al Jazeera") keep their
   type, and the report's own evidence is used (:mod:`storyline.analyze.ner_document`:
   possessives, coordinations, names found again, acronyms defined in brackets);
8. nationalities are NORP and capitalised common nouns after a determiner no names ("les
   Libyens", "des Affaires étrangères": :mod:`storyline.analyze.ner_nouns`);
9. a town tagged PERSON is a place where the report names its country
   (:mod:`storyline.analyze.ner_towns`);
10. with a foreign model, a name the model missed right after an office or a profession is a
    person (:mod:`storyline.analyze.ner_titles`).

Cost: linear in the text and the mentions; rule 3 tokenises the report once, only when it has a
candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice

from storyline.analyze import entity_patterns as pat
from storyline.analyze.entity_pattern_rules import (acronym_mentions, fix_mention, org_suffix_mentions,
                                                    product_codes, weapon_mentions, with_known_names,
                                                    with_model_number)
from storyline.analyze.ner_document import defined_acronyms, document_rules
from storyline.analyze.ner_features import ML_TOKEN_RE, ml_tokenize, org_adjective
from storyline.analyze.ner_nouns import common_nouns_and_demonyms
from storyline.analyze.ner_types import VOTED as _VOTED
from storyline.analyze.ner_types import consistent_types
from storyline.analyze.ner_titles import names_after_titles
from storyline.analyze.ner_towns import towns_as_places
from storyline.analyze.ner_lexicon import MAX_PLACE_WORDS, NameLexicon, lexicon, place_first_words, places
from storyline.model import Mention, Span

__all__ = ["apply_rules", "consistent_types"]

#: Marks after which a word opens a sentence (or a quotation, a list item, a line).
_OPENING_MARKS = frozenset(".!?:;…\"“”«»—–-•|([¿¡")
#: A case ending written after a name and an apostrophe (Turkish "Kaddafi'ye", "Misrata'yı"), in
#: the languages whose pack says names take them (not "Sana'a" or "Qur'an" elsewhere).
_CASE_SUFFIX = re.compile(r"(?<=[^\W\d_])['\u2019](?![sS]$)[^\W\d_A-Z]{1,5}$")
_ACRONYM_WORD = re.compile(r"[A-Z\u00C0-\u00DE\u0410-\u042F\u0401]{2,6}|(?:[A-Z]{1,2}\.)+[A-Z]{0,2}\.?")
_APOSTROPHES = frozenset("'\u2019")
_CAPITAL_AFTER_HYPHEN = re.compile(r"-[^\W\d_]*[A-Z\u00C0-\u00DE]")
_CAPITALISED_RE = re.compile(r"(?<![\w'\u2019-])[^\W\d_a-z][\w'\u2019]*")
#: A word, or a mark that opens a sentence (the same marks, and a line break; a hyphen only inside
#: a word): what :meth:`_PackRules.inner_caps` walks.
_CAP_WORD_RE = re.compile(r"[^\W\d_][\w'\u2019-]*|[" + re.escape("".join(sorted(_OPENING_MARKS - {"-"}))) + r"\n]")


def apply_rules(text: str, mentions: Sequence[Mention], sentences: Sequence[Span],
                language: str | None = None, *, foreign_model: bool = False) -> list[Mention]:
    """Post-process model mentions (see the module docstring).

    Args:
        language: Picks the pack (``None``: English, the language of the first model).
        foreign_model: The model did not learn the report's language: apply rule 3 (it cannot
            judge sentence-initial capitals; the English model judges them better) and trim
            leading lowercase words (the English model keeps GMB's "southern Iraq").
    """
    lex = lexicon(language or "en")
    pack_rules = _PackRules(text, lex, foreign_model=foreign_model)
    kept: list[Mention] = []
    for mention in mentions:
        fixed = fix_mention(text, mention)
        fixed = pack_rules.fix(fixed) if fixed is not None else None
        if fixed is not None:
            kept.append(with_model_number(text, fixed))
    extra = weapon_mentions(text)
    weapons = _Coverage(len(text), extra)
    kept = [m for m in kept if not weapons.hits(m.span)] + extra
    codes = product_codes(text)
    if codes:  # a code is a product, and a piece of it no name ("LR" of "777-200LR")
        spans = {c.span for c in codes}
        kept = [Mention(m.span, "PRODUCT", m.entity) if m.span in spans and m.type in _VOTED else m
                for m in kept if not any(c.span.start <= m.span.start and m.span.end <= c.span.end
                                         and m.span != c.span for c in codes)]
    covered = _Coverage(len(text), kept)
    added = [m for m in acronym_mentions(text, sentences) + org_suffix_mentions(text) + codes
             if not covered.hits(m.span)]
    covered.add(added)
    kept += added + [m for m in pack_rules.places_missed() if not covered.hits(m.span)]
    if foreign_model:  # rule 10: "Der Anwalt Gamal Eid"
        covered.add(kept)
        kept += [m for m in names_after_titles(text, lex, pack_rules.places) if not covered.hits(m.span)]
    kept.sort(key=lambda m: (m.span.start, -m.span.end))
    out: list[Mention] = []
    for mention in kept:
        if not out or mention.span.start >= out[-1].span.end:
            out.append(mention)
    out = common_nouns_and_demonyms(text, document_rules(text, with_known_names(text, out), lex,
                                                        foreign_model=foreign_model), lex)
    return towns_as_places(text, consistent_types(text, out, pack_rules.cued, defined_acronyms(text, out, lex)),
                           language if foreign_model else None)


class _PackRules:
    """Rules 1-4 of the module docstring for one report."""

    def __init__(self, text: str, lex: NameLexicon, *, foreign_model: bool) -> None:
        self.text = text
        self.lex = lex
        self.foreign_model = foreign_model
        self.places = places()
        self._inner_caps: frozenset[str] | None = None
        #: Names typed PERSON by an office or honorific right before them (rule 4b).
        self.cued: set[str] = set()

    def fix(self, mention: Mention) -> Mention | None:
        """The mention trimmed, retyped or dropped."""
        suffix = _CASE_SUFFIX.search(self.text, mention.span.start, mention.span.end) \
            if self.lex.apostrophe_case_endings else None
        if suffix is not None and suffix.start() > mention.span.start:  # Turkish "Kaddafi'ye"
            mention = Mention(Span(mention.span.start, suffix.start()), mention.type, mention.entity)
        whole = self.text[mention.span.start:mention.span.end]
        if whole[:1].isupper() and whole.lower() in self.places:  # "El Cairo", "The Hague"
            kind = self.places[whole.lower()]
            return Mention(mention.span, kind if self._place_may_retype(mention.type) else mention.type)
        tokens = ml_tokenize(self.text, mention.span.start, mention.span.end)
        words = [self.text[s:e] for s, e in tokens]
        lo, hi = 0, len(tokens)
        while lo < hi and (self._leading_junk(words[lo], tokens[lo][0], hi - lo)
                           or (self.lex.is_title(words[lo]) and hi - lo > 1
                               and (mention.type == "PERSON" or self.foreign_model))):
            lo += 1
        while hi > lo and (self._trailing_junk(words[hi - 1])):
            hi -= 1
        if mention.type == "PERSON" and hi - lo > 1 and words[hi - 1].isdigit():
            hi -= 1  # "Hace 1" (hora), "Osama 12": a count or a caption's number is no part of a name
        if lo >= hi:
            return None
        if self.foreign_model and hi - lo > 2 and self._common_word_head(words, tokens, lo):
            lo += 1  # "Imagen de Jonathan Rashad" → "Jonathan Rashad" (the particle goes next)
            while lo < hi and self._leading_junk(words[lo], tokens[lo][0], hi - lo):
                lo += 1
            if lo >= hi:
                return None
        if self.foreign_model and hi - lo == 1 and words[lo].lower().rstrip(".") in self.lex.honorifics:
            return None  # "Sra", "Mme" alone: a title, no name (the English model learned its own)
        if self.foreign_model and mention.type == "PERSON":  # "EE UU John Kerry": the country, then the person
            lo = self._after_leading_place(words, lo, hi)
        if not self.lex.capitalised_nouns:
            hi = self._cut_at_lowercase(words, lo, hi)
        if mention.type == "PERSON":  # "Banco de España" is one name
            hi = self._cut_before_place(words, lo, hi)
        end = tokens[hi - 1][1]
        if self.text[end:end + 1] == "." and (words[hi - 1] + ".").lower() in pat.LEGAL_SUFFIXES:
            end += 1  # "Apple Inc."
        span = Span(tokens[lo][0], end)
        surface = self.text[span.start:span.end]
        if len(surface) == 1 or surface in pat.NOT_ACRONYMS:  # "G" of "3G S", units ("GB", "GHz")
            return None
        if span.start > 0 and self.text[span.start - 1] in "#@":  # a hashtag or a handle
            return None
        if mention.type == "PERSON" and _ACRONYM_WORD.fullmatch(surface):  # "ONU", "UMP", "US": no person
            return Mention(span, pat.KNOWN_ACRONYMS.get(surface, "ORG"))
        place = self.places.get(surface.lower())
        if place is not None and surface[:1].isupper():
            # a person is never a place; ORG stays (a capital for its government: "Tehran said")
            return Mention(span, place if self._place_may_retype(mention.type) else mention.type)
        if self.foreign_model and hi - lo == 1 and self._lone_opening_word(span, surface):
            return None
        kind = self._cued_type(words[lo:hi], tokens[lo][0], mention.type) if self.foreign_model else mention.type
        return Mention(span, kind) if (span, kind) != (mention.span, mention.type) else mention

    def _cued_type(self, words: list[str], start: int, kind: str) -> str:
        """Rule 4b (foreign model): a name holding an organisation word is an ORG ("Hermanos
        Musulmanes", "Ministerio de Defensa"); a name after an office or honorific is a PERSON
        ("el coronel Gadafi")."""
        if kind not in ("PERSON", "ORG", "GPE", "LOC"):
            return kind
        if any(w.lower() in self.lex.org_words for w in words):
            return "ORG"
        before = self.text[max(0, start - 60):start].split()
        if self._portfolio(before, words):
            return "ORG"
        if before and self.lex.is_title(before[-1].strip(",")) and words[0][:1].isupper():
            title_at = self.text.rfind(before[-1], 0, start)
            # one word cues the whole report only if it could be a surname: not a headline's
            # "Comandante Cnt:" (the office of a body), "ministro Difesa" or an acronym ("NATO")
            if len(words) > 1 or not (_opens_sentence(self.text, title_at) or words[0].isupper()
                                      or self.lex.known(words[0])):
                self.cued.add(" ".join(words))
            return "PERSON"
        if self._office_apposition(before, words):
            self.cued.add(" ".join(words))
            return "PERSON"
        return kind

    def _portfolio(self, before: list[str], words: list[str]) -> bool:
        """A name of ordinary words after an office (or an organisation word) and a preposition is
        the office's department, an organisation ("el ministro de Exteriores", "ministro della
        Difesa", "secretaria de Estado", "Ministerio británico de Exteriores"); a name the
        lexicon does not know stays ("el portavoz de Gadafi")."""
        if len(before) < 2 or not before[-1].islower() \
                or not (self.lex.is_particle(before[-1]) or self.lex.never_name(before[-1])):
            return False
        head = before[-2] if not before[-2].islower() or len(before) < 3 or self._office(before[-2]) \
            else before[-3]  # an adjective between: "el ministro francés de Exteriores"
        return self._office(head) \
            and all(self.lex.known(w) or self.lex.is_particle(w) for w in words if w[:1].isalpha())

    def _office(self, word: str) -> bool:
        """An office or an organisation word ("ministro", "Ministerio")."""
        return self.lex.is_title(word) or word.lower() in self.lex.org_words

    def _office_apposition(self, before: list[str], words: list[str]) -> bool:
        """A full name set off by a comma after an office phrase is that office's holder: "el
        ministro francés de Exteriores, Alain Juppé", "le président américain, Barack Obama"
        (the office within the last five words before the comma; two capitalised words at least,
        so "el portavoz, EFE" stays what it was)."""
        if len(words) < 2 or not all(w[:1].isupper() for w in words) or not before \
                or not before[-1].endswith(","):
            return False
        phrase = [before[-1].rstrip(","), *reversed(before[-6:-1])]
        return any(self.lex.is_title(w.strip(",")) for w in phrase)

    def _place_may_retype(self, kind: str) -> bool:
        """A place name is a place, but for the English model's ORG (a capital standing for its
        government: GMB's "Tehran said"); the foreign model's types are not that subtle."""
        return kind in ("PERSON", "GPE", "LOC") or (self.foreign_model and kind == "ORG")

    def _leading_junk(self, word: str, start: int, left: int) -> bool:
        """What a name never starts with: a mark, an opener, a function word, except a capitalised
        article inside a sentence before more name ("visited The Hague", "según El País")."""
        if not word[:1].isalnum():
            return True
        if self.foreign_model and word.islower() and not _CAPITAL_AFTER_HYPHEN.search(word):
            return True  # "musulmans", "van Airbus": no name ("iPod", "al-Maliki" are); GMB's own "southern Iraq"
        if not self.lex.never_name(word):
            return False
        if word[:1].islower() or left == 1 or word.lower() in self.lex.openers:
            return True
        # a capitalised article opening a sentence: junk from a foreign model ("El Gadafi"), but
        # the English model learned GMB's "The Associated Press"
        return self.foreign_model and _opens_sentence(self.text, start)

    def _trailing_junk(self, word: str) -> bool:
        """What a name never ends with: a lowercase function word or particle, a mark (but an
        abbreviation's period: "St.")."""
        if not word[:1].isalnum():
            return word not in ".&"
        return word.islower() and (self.lex.never_name(word) or self.lex.is_particle(word))

    def _cut_at_lowercase(self, words: list[str], lo: int, hi: int) -> int:
        """End of the name at its first lowercase content word ("Apple lancia" → "Apple"); function
        words and particles may sit inside ("National League for Democracy", "Banco de España"),
        and so may a hyphenated particle before a capital ("al-Maliki")."""
        for k in range(lo + 1, hi):
            word = words[k]
            if words[k - 1] in _APOSTROPHES:  # "People's Liberation Front" tokenised "People ' s"
                continue
            if self._qualifies_org_word(words, lo, k):  # "Union européenne", "Conseil de sécurité"
                continue
            if word[:1].islower() and not self.lex.is_particle(word) and not self.lex.never_name(word) \
                    and not _CAPITAL_AFTER_HYPHEN.search(word):
                end = k
                while end > lo + 1 and (self.lex.is_particle(words[end - 1]) or not words[end - 1][:1].isalnum()):
                    end -= 1
                return end
        return hi

    def _after_leading_place(self, words: list[str], lo: int, hi: int) -> int:
        """Start of a person's name after a known place glued before it, when two names remain."""
        for size in (2, 1):
            if hi - lo - size >= 2 and " ".join(words[lo : lo + size]).lower() in self.places:
                return lo + size
        return lo

    def _cut_before_place(self, words: list[str], lo: int, hi: int) -> int:
        """End of a name before a particle that is also a preposition of the report's language and
        is followed by a known place to the end: Italian "Khaled Mahmoud al Cairo" ("al" = "at
        the", not the Arabic article), "Ahmed Bani de Misrata"."""
        for k in range(lo + 1, hi - 1):
            word = words[k]
            if word.islower() and self.lex.is_particle(word) and self.lex.is_function_word(word) \
                    and " ".join(words[k + 1 : hi]).lower() in self.places:
                return k
        return hi

    def _qualifies_org_word(self, words: list[str], lo: int, k: int) -> bool:
        """Whether ``words[k]`` is the one lowercase word qualifying an organisation word before
        it (particles between allowed) and ends the name."""
        j = k - 1
        while j > lo and self.lex.is_particle(words[j]) and words[j].islower():
            j -= 1
        return (words[j].lower() in self.lex.org_words and org_adjective(words[k], self.lex)
                and (k + 1 == len(words) or not words[k + 1][:1].isalpha()))

    def _common_word_head(self, words: list[str], tokens: list[tuple[int, int]], lo: int) -> bool:
        """Rule 3 for longer names: an ordinary word capitalised only because it opens the
        sentence, then a particle ("Imagen de ...", "Reinicio del ..."), is no part of the name,
        unless it is an organisation word ("Banco de España") or the report also writes it
        capitalised inside a sentence."""
        head = words[lo]
        if not self.lex.is_particle(words[lo + 1]) or head.lower() in self.lex.org_words:
            return False
        return self._lone_opening_word(Span(*tokens[lo]), head)

    def _lone_opening_word(self, span: Span, word: str) -> bool:
        """Rule 3: an ordinary word capitalised only because it opens a sentence."""
        if word.isupper() or not word[:1].isupper() or not _opens_sentence(self.text, span.start):
            return False
        if not self.lex.ordinary(word):
            return False
        return word not in self.inner_caps()

    def inner_caps(self) -> frozenset[str]:
        """Capitalised words the report writes inside a sentence (computed once)."""
        if self._inner_caps is None:
            tokens = _CAP_WORD_RE.findall(self.text)  # each with the token before it ("\n" first)
            self._inner_caps = frozenset(word for previous, word in zip(["\n", *tokens], tokens)
                                         if word[:1].isupper() and previous not in _OPENING_MARKS
                                         and previous != "\n")
        return self._inner_caps

    def places_missed(self) -> list[Mention]:
        """Rule 4: capitalised CLDR place names anywhere in the report (only words that may open a
        place name are looked at closer)."""
        out: list[Mention] = []
        first = place_first_words()
        pos = 0
        for match in _CAPITALISED_RE.finditer(self.text):
            word = match.group()
            if match.start() < pos or word.isupper() or word.lower() not in first:
                continue
            # the first MAX_PLACE_WORDS tokens of the next 120 characters: all a place name may use
            tokens = [t.span() for t in islice(ML_TOKEN_RE.finditer(
                self.text, match.start(), min(len(self.text), match.start() + 120)), MAX_PLACE_WORDS)]
            for size in range(min(MAX_PLACE_WORDS, len(tokens)), 0, -1):
                end = tokens[size - 1][1]
                kind = self.places.get(self.text[match.start():end].lower())
                if kind is not None:
                    out.append(Mention(Span(match.start(), end), kind))
                    pos = end
                    break
        return out


def _opens_sentence(text: str, start: int) -> bool:
    """Whether only spaces and an opening mark (or nothing) stand between a line start and ``start``."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] == "\n" or (text[i] in _OPENING_MARKS and text[i] not in "([")


class _Coverage:
    """Which characters of the text some mention covers: an overlap test in C time per mention
    (a bytearray the size of the text), instead of comparing every pair of mentions."""

    def __init__(self, size: int, mentions: Sequence[Mention] = ()) -> None:
        self._marks = bytearray(size + 1)
        self.add(mentions)

    def add(self, mentions: Sequence[Mention]) -> None:
        for mention in mentions:
            start, end = mention.span.start, mention.span.end
            self._marks[start:end] = b"\x01" * (end - start)

    def hits(self, span: Span) -> bool:
        return self._marks.find(1, span.start, span.end) != -1
