"""Speech and attribution cues of one language, read from its pack's ``speech.toml``.

The quote finder is one language-independent code path; what differs between languages is the
data in :class:`SpeechCues`: speech verbs and their forms, the words that introduce indirect
speech (``that``, ``que``, ``che``, ``dass``), attribution prepositions (``according to``,
``según``, ``selon``, ``secondo``, ``laut``; the postposition ``zufolge``), pronouns, role
nouns, auxiliaries, and the positions the verbs take (an auxiliary between a quote and an
inverted verb, ``«...», a déclaré X``; a dash, ``"..." —dijo X``; an inverted clitic,
``déclare-t-il``). Every :class:`~storyline.analyze.speakers.TokenDoc` carries the cues of its
language, so every scan reads its words from there.

Verb forms: English lists every inflection by hand (its lists are tuned on PolNeAR; several
lemmas keep only some forms). The other packs list lemmas and a few forms; the lemmas are
expanded to all their inflections by inverting simplemma's dictionary for the language (words
the dictionary maps to a cue lemma), less the infinitive and the language's function words,
plus the regular past participle (``participle_rules``: simplemma maps many participles to an
adjective lemma of their own, and the compound past ``ha aclarado`` needs them), so that
matching stays a set lookup on a token. Where simplemma is wrong (``detto`` -> dettare) the
form is listed by hand; separable German verbs are listed by their finite forms.

Policies that are data too: ``pro_drop`` (a subjectless verb is said by the last person named),
``dialogue_dashes``, ``keep_unattributed`` (English keeps quotations with no attribution, as
PolNeAR annotates them; the other packs drop them), pronouns marked ``self`` (the writer's own
voice, no party's attribution). Cost: the inflections are precomputed by
``scripts/build_speech_forms.py`` into each pack's ``speech_forms.toml`` (a TOML read of a few
milliseconds per language per process, only when the language occurs, ``lru_cache``); simplemma's
dictionary (0.5-1.5 s to load per language) is read only for a lemma the file lacks. Offices and honorifics of the pack's
``names.toml`` join the role nouns; its ``openers`` (capitalised, never a name) the words that
never name a speaker.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from storyline.analyze.quote_marks import CLOSER_OF, QUOTE_PAIRS
from storyline.analyze.regex_first import compile_guarded
from storyline.analyze.regex_trie import trie_alternation
from storyline.lang import FALLBACK, FULL, fold_word, pack

__all__ = ["CLOSER_OF", "FORMS_FILE", "PRONOUNS", "QUOTE_PAIRS", "SpeechCues", "generated_lemmas",
           "simplemma_inflections", "speech_cues"]


def _low(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


class SpeechCues:
    """The speech data of one language (see the module docstring); built by :func:`speech_cues`."""

    def __init__(self, language: str, data: Mapping[str, Any], names: Mapping[str, Any],
                 function_words: frozenset[str]) -> None:
        self.language = language
        self.function_words = function_words
        self.pro_drop: bool = bool(data.get("pro_drop", False))
        self.dialogue_dashes: bool = bool(data.get("dialogue_dashes", False))
        self.impersonal = _low(data.get("impersonal", ()))
        self.participle_endings: tuple[str, ...] = tuple(data.get("participle_endings", ()))
        self.verb_second: bool = bool(data.get("verb_second", False))
        self.comma_content: bool = bool(data.get("comma_content", False))
        self.keep_unattributed: bool = bool(data.get("keep_unattributed", True))
        generated = _generated(language, data)
        self.cue_lemmas = _verb_forms(data, function_words, generated)
        self.cue_forms = frozenset(f for forms in self.cue_lemmas.values() for f in forms)
        forward = set(data.get("forward_only", ()))
        self.forward_only_forms = frozenset(
            f for lemma, forms in self.cue_lemmas.items() if lemma in forward for f in forms)
        self.noun_like_forms = _low(data.get("noun_like", ()))
        self.gerund_suffixes: tuple[str, ...] = tuple(data.get("gerund_suffixes", ()))
        suffixes = tuple(data.get("coordinated_suffixes", ())) or ("\0",)
        self.coordinated_cues = _low(data.get("coordinated", ())) | frozenset(
            f for f in self.cue_forms if f.endswith(suffixes) and f not in self.noun_like_forms)
        self.participle_forms = _low(data.get("participles", ()))
        self.tell_forms = self._forms_of(data.get("tell", ()))
        self.multiword_cues: tuple[str, ...] = tuple(data.get("multiword", ())) + tuple(
            a for a in data.get("according", ()) if " " in a)
        self.according = _low(data.get("according", ()))
        self.according_after = _low(data.get("according_after", ()))
        self.according_fillers = _low(data.get("according_fillers", ()))
        self.cue_forms |= frozenset(a for a in self.according | self.according_after if " " not in a)
        self.pronouns: dict[str, tuple[str, str]] = {
            k.lower(): (v[0], v[1]) for k, v in data.get("pronouns", {}).items()}
        self.role_nouns = _low(data.get("role_nouns", ())) | _low(names.get("offices", ()))
        self.honorifics = _low(names.get("honorifics", ()))
        self.particles = _low(names.get("particles", ())) - {"y", "e", "et", "and", "und", "of"}
        self.org_words = frozenset(data.get("org_words", ()))
        self.np_inner_words = _low(data.get("np_inner", ()))
        self.speaker_break_words = _low(data.get("speaker_break", ()))
        self.auxiliaries = _low(data.get("auxiliaries", ()))
        self.non_person_words = frozenset(data.get("non_person", ()))
        self.time_words = _low(data.get("time_words", ()))
        self.determiners = _low(data.get("determiners", ()))
        self.indefinites = _low(data.get("indefinites", ()))
        self.complementizers: tuple[str, ...] = tuple(data.get("complementizers", ()))
        self.agent_prepositions: tuple[str, ...] = tuple(data.get("agent_prepositions", ()))
        self.after_quote_separators = frozenset(data.get("after_quote_separators", (",",)))
        self.inverted_aux = _low(data.get("inverted_aux", ()))
        self.after_quote_cues = _low(data.get("after_quote_cues", ()))
        self.anaphors = _low(data.get("anaphors", ()))
        self.addressee_prepositions = _low(data.get("addressee_prepositions", ()))
        self.clitic_pronouns: tuple[str, ...] = tuple(sorted(data.get("clitic_pronouns", ()), key=len, reverse=True))
        self.name_joiners = _low(data.get("name_joiners", ()))
        self.office_abbreviations = _low(data.get("office_abbreviations", ()))
        self.apposition_openers = _low(data.get("apposition_openers", ()))
        self.document_nouns = _low(data.get("document_nouns", ()))
        #: Verbs that are cues only after a subject headed by a document noun ("a poll shows"),
        #: and prepositions opening a sentence on a document ("In the latest poll, ...").
        self.document_verb_forms = _low(data.get("document_verbs", ()))
        self.document_openers = _low(data.get("document_openers", ()))
        self.authored_nouns = _low(data.get("authored_nouns", ()))
        self.self_words = _low(data.get("self_words", ()))
        self.as_words = _low(data.get("as_words", ()))
        self.opinion_openers = _low(data.get("opinion_openers", ()))
        self.adverb_suffixes: tuple[str, ...] = tuple(data.get("adverb_suffixes", ()))
        #: Cue forms read as verbs inside a noun phrase scan; a document noun that is also a
        #: cue form (``report``, ``estimates``) heads a source there (``The report said``).
        self.np_breaking_cues = self.cue_forms - self.document_nouns
        self.org_nouns = _low(data.get("org_nouns", ()))
        #: Nouns that make a speaker an organisation (its kind), named or not.
        self.org_kind_nouns = self.org_nouns | _low(data.get("org_kind_nouns", ()))
        self.never_names = _low(names.get("openers", ())) | _low(data.get("never_names", ()))
        self.relatives = _low(data.get("relatives", ()))
        self.clause_openers = self.relatives | _low(data.get("clause_subordinators", ()))
        copulas = _copula_forms(data, generated)
        self.verbish = _low(data.get("verbish", ())) | copulas
        self.speaker_break_words |= copulas
        self.prepositions = _low(data.get("prepositions", ()))
        self.leading = _low(data.get("leading", ()))
        self.introducers = self.prepositions | _low(data.get("adverbial_subordinators", ()))
        self.past_suffixes: tuple[str, ...] = tuple(data.get("past_suffixes", ()))
        self.conjunctions: tuple[str, ...] = tuple(data.get("conjunctions", ()))
        self.subordinators: tuple[str, ...] = tuple(data.get("subordinators", ()))
        self.core_forms: tuple[str, ...] = tuple(data.get("core_forms", ()))
        #: Words that name no one: clitics, adverbs, prepositions, verbs (a speaker needs another).
        self.no_name_words = (self.speaker_break_words | self.auxiliaries | self.time_words | self.leading
                              | self.prepositions | self.verbish)
        self.not_modifiers = (self.speaker_break_words | self.cue_forms | self.time_words
                              | self.auxiliaries | self.np_inner_words | frozenset(self.pronouns))
        self.multi_re = _multi_re(self.multiword_cues)
        self.next_cue_re = _next_cue_re(self)
        self.that_re = _that_re(self.complementizers)
        self.that_search_re = re.compile(r"(?<!\w)" + self.that_re.pattern)
        self.agent_re = re.compile(r"\s+(?:" + _alt(self.agent_prepositions) + r")\s+")
        self.passive_before_re = re.compile(
            r"\b(?:" + _alt(_low(data.get("passive_auxiliaries", ()))) + r")\s+(?:(?:\w+ly|"
            + _alt(_low(data.get("passive_adverbs", ()))) + r")\s+)?$")

    def _forms_of(self, words: Iterable[str]) -> frozenset[str]:
        """Forms listed, and every form of a listed lemma."""
        return frozenset(f for w in words for f in (w.lower(), *self.cue_lemmas.get(w, ())))

    def is_gerund(self, word: str) -> bool:
        """A cue form that is a gerund or present participle (``saying``, ``diciendo``)."""
        return bool(self.gerund_suffixes) and word.lower().endswith(self.gerund_suffixes)

    def is_participle(self, word: str) -> bool:
        """A past participle (``dicho``, ``detto``, ``déclaré``): a verb only after an auxiliary."""
        return bool(self.participle_endings) and word.lower().endswith(self.participle_endings)

    def is_adverb(self, word: str) -> bool:
        """A lowercase word longer than five letters with an adverb ending (``giustamente``)."""
        return bool(self.adverb_suffixes) and word.islower() and len(word) > 5 \
            and word.endswith(self.adverb_suffixes)

    def is_past(self, word: str) -> bool:
        """A word longer than four letters with a past ending (``granted``)."""
        return bool(self.past_suffixes) and len(word) > 4 and word.endswith(self.past_suffixes)

    def complementizer_at(self, text: str, pos: int) -> bool:
        """A word introducing indirect speech starts at ``pos`` (``that``, ``que``, ``qu'il``)."""
        return self.that_re.match(text, pos) is not None

    def __repr__(self) -> str:
        return f"SpeechCues({self.language!r})"


def generated_lemmas(data: Mapping[str, Any]) -> frozenset[str]:
    """The lemmas a pack has expanded: its verbs (``inflect = true``, less ``no_inflect``) and
    its ``copula_lemmas``."""
    lemmas = set(data.get("copula_lemmas", ()))
    if data.get("inflect", False):
        lemmas |= set(data.get("verbs", {})) - set(data.get("no_inflect", ()))
    return frozenset(lemmas)


def _generated(language: str, data: Mapping[str, Any]) -> dict[str, list[str]]:
    """The inflections of :func:`generated_lemmas`: read from the pack's shipped
    ``speech_forms.toml`` (built by ``scripts/build_speech_forms.py``), and from simplemma's
    dictionary only for lemmas the file lacks (a pack edited since it was built)."""
    lemmas = generated_lemmas(data)
    shipped = _shipped_forms(language)
    found = {lemma: list(shipped[lemma]) for lemma in lemmas if lemma in shipped}
    missing = lemmas - found.keys()
    if missing:
        found.update(simplemma_inflections(language, frozenset(missing)))
    return {lemma: forms for lemma, forms in found.items() if forms}


#: The file of a pack that holds its generated verb forms.
FORMS_FILE = "speech_forms.toml"


def _shipped_forms(language: str) -> Mapping[str, list[str]]:
    """``[forms]`` of ``lang/<language>/speech_forms.toml`` (lemma -> forms), {} when absent.
    Read from the pack's own folder only (an unknown or partial pack has none)."""
    source = resources.files("storyline.lang").joinpath(language, FORMS_FILE)
    if not source.is_file():
        return {}
    return tomllib.loads(source.read_text(encoding="utf-8")).get("forms", {})


def _verb_forms(data: Mapping[str, Any], function_words: frozenset[str],
                generated: Mapping[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Lemma -> forms: the forms listed, plus (``inflect = true``) every word simplemma's
    dictionary of the language maps to the lemma, less the lemma itself (an infinitive:
    ``quería denunciar su situación`` reports nothing), function words and short words, plus
    the regular past participle (the pack's ``participle_rules``)."""
    verbs: Mapping[str, list[str]] = data.get("verbs", {})
    listed = {lemma: tuple(f.lower() for f in forms) for lemma, forms in verbs.items()}
    if not data.get("inflect", False):
        return listed
    fixed = set(data.get("no_inflect", ()))
    rules = [(a, b) for a, b in data.get("participle_rules", ())]
    return {lemma: tuple(dict.fromkeys(forms + tuple(
        f for f in (() if lemma in fixed else generated.get(lemma, ()))
        if len(f) > 2 and f != lemma and fold_word(f) not in function_words) + _participles(lemma, rules)))
        for lemma, forms in listed.items()}


def _participles(lemma: str, rules: list[tuple[str, str]]) -> tuple[str, ...]:
    """The regular past participle of a lemma (``aclarar`` -> ``aclarado``, ``argomentare`` ->
    ``argomentato``, ``appeler`` -> ``appelé``): the compound past of news (``ha aclarado``)
    needs it, and simplemma maps many participles to an adjective lemma of their own."""
    for ending, replacement in rules:
        if lemma.endswith(ending):
            return (lemma[: len(lemma) - len(ending)] + replacement,)
    return ()


def _copula_forms(data: Mapping[str, Any], generated: Mapping[str, list[str]]) -> frozenset[str]:
    """Every form of the pack's ``copula_lemmas`` (être, avoir; ser, estar, haber): verbs that end
    a speaker's noun phrase (``ces pages seront écrites``); less its ``not_copulas``, forms that
    are as often nouns (``estado``, ``stato``, ``été``)."""
    nouns = set(data.get("not_copulas", ()))
    return frozenset(f for lemma in data.get("copula_lemmas", ()) for f in generated.get(lemma, ())
                     if len(f) > 1 and f not in nouns)


def simplemma_inflections(language: str, lemmas: frozenset[str]) -> dict[str, list[str]]:
    """Every word simplemma's dictionary maps to one of ``lemmas``. The dictionary's raw bytes
    mapping is read where present (no decoding of its 800,000 entries: 0.3 s, not 2 s)."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    found: dict[str, list[str]] = {}
    dictionary = DefaultDictionaryFactory().get_dictionary(language)
    raw = getattr(dictionary, "_dict", None)
    if isinstance(raw, dict):
        wanted = {lemma.encode("utf-8"): lemma for lemma in lemmas}
        pairs: Iterable[tuple[str, str]] = (
            (word.decode("utf-8"), wanted[lemma]) for word, lemma in raw.items() if lemma in wanted)
    else:
        pairs = ((word, lemma) for word, lemma in dictionary.items() if lemma in lemmas)
    for word, lemma in pairs:
        if word.islower() and " " not in word:
            found.setdefault(lemma, []).append(word)
    return found


def _multi_re(phrases: Iterable[str]) -> re.Pattern[str]:
    """The multi-word cues, longest first (``X was quoted as saying``: up to three words may stand
    before the "as"). The phrases without an "as" are written as a prefix tree
    (:mod:`storyline.analyze.regex_trie`), after those with one, where that order cannot change a
    match: no phrase without "as" longer than one with it begins with its words before the "as"
    (a flat alternation of a few hundred phrases costs one attempt per phrase at every word)."""
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(_multi_phrase(c) for c in ordered)
    with_as = [c for c in ordered if " as " in c]
    plain = [c for c in ordered if " as " not in c]
    if plain and not any(len(q) > len(a) and q.lower().startswith(a.lower().split(" as ")[0] + " ")
                         for a in with_as for q in plain):
        tree = trie_alternation(plain, lambda char: r"\s+" if char == " " else re.escape(char))
        body = "|".join([*(_multi_phrase(c) for c in with_as), tree])
    return compile_guarded(r"\b(?:" + (body or r"(?!x)x") + r")\b", re.IGNORECASE)


def _multi_phrase(phrase: str) -> str:
    return re.escape(phrase).replace(r"\ as\ ", r"(?:\s+[\w'\u2019\-]+){0,3}?\s+as\s+").replace(r"\ ", r"\s+")


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words)) or r"(?!x)x"


def _next_cue_re(c: SpeechCues) -> re.Pattern[str]:
    """Where indirect content ends before the sentence does: ``, saying ...`` opens the next
    attribution; ``and said``; a dash or an adverbial clause (``, because ...``) belongs to the
    reporting clause; ``, Mr. McKinley said``; ``saying “`` before a quotation."""
    gerunds = sorted(f for f in c.cue_forms if c.is_gerund(f))
    return compile_guarded(  # searched over the rest of each sentence: most characters fail at once
        r",\s+(?:" + _alt(gerunds) + r")\b"
        r"|\s+(?:" + _alt(c.conjunctions) + r")\s+(?:\w+ly\s+)?(?:" + _alt(c.coordinated_cues) + r")\b"
        r"|,?\s+(?:" + _alt(c.conjunctions) + r")\s+(?:" + _alt(_subjects(c)) + r")\s+(?:\w+ly\s+)?(?:"
        + _alt(c.coordinated_cues) + r")\b"  # "..., and he urged ...": a second attribution
        r"|\s[\u2014\u2015]\s|(?:(?<=,)|(?<=,[\u201d\"]))\s+(?:" + _alt(c.subordinators) + r")\b"
        r"|,(?=\s[^,;]{1,60}?\b(?:" + _alt(c.core_forms) + r")\b)"
        r"|\s+(?:" + _alt(c.participle_forms) + r")(?=[\s:,]*[\u201c\"\u00ab\u201e])"
    )


def _subjects(c: SpeechCues) -> list[str]:
    """The pack's speaker pronouns that are no writer's voice and no relative (``he``, ``ils``)."""
    return sorted(w for w, (gender, _) in c.pronouns.items() if gender not in {"self", "p"}) or ["\0"]


def _that_re(words: Iterable[str]) -> re.Pattern[str]:
    """A complementizer; an elided one (``qu'``) is followed by its word."""
    parts = [re.escape(w) + r"(?=\w)" if w.endswith(("'", "\u2019")) else re.escape(w) + r"\b"
             for w in sorted(words, key=len, reverse=True)]
    return re.compile("(?:" + ("|".join(parts) or r"(?!x)x") + ")")


@lru_cache(maxsize=16)
def speech_cues(language: str | None = "en") -> SpeechCues:
    """The cues of a language (an ISO 639-1 code; English when None). An unknown code gets the
    union of the full packs' cues, with their verbs inflected per language and no pro-drop
    (an unknown language's subjectless verbs are not read as speech). Built once per process
    per language."""
    lang = pack(language or "en")
    names = lang.topic("names")
    function_words = lang.words("words", "function_words")
    if lang.code == FALLBACK or lang.code not in FULL:  # a names-only pack (ar, zh) speaks no cues
        return SpeechCues(lang.code, _union_data(lang.topic("speech")), names, function_words)
    return SpeechCues(lang.code, lang.topic("speech"), names, function_words)


def _union_data(merged: Mapping[str, Any]) -> dict[str, Any]:
    """The fallback pack's speech data: the lists of every full pack joined (``merged``), the
    verbs as each full pack's inflected forms (lemmas prefixed by their language)."""
    built = [speech_cues(code) for code in FULL]
    data = dict(merged)
    data.update(
        inflect=False, pro_drop=False, dialogue_dashes=False, copula_lemmas=[],
        verbs={f"{c.language}:{lemma}": list(forms) for c in built for lemma, forms in c.cue_lemmas.items()},
        forward_only=[f"{c.language}:{lemma}" for c in built for lemma, forms in c.cue_lemmas.items()
                      if forms and set(forms) <= c.forward_only_forms],
        tell=sorted(set().union(*(c.tell_forms for c in built))),
        verbish=sorted(set().union(*(c.verbish for c in built))),
        speaker_break=sorted(set().union(*(c.speaker_break_words for c in built))),
    )
    return data


#: The speaker pronouns of every pack (``he``, ``él``, ``il``, ``lui``, ``er``, ``ele``): story
#: merging (reconcile/quote_merge.py) shows no pronoun as a speaker's label. Read from the TOML
#: files only (no verb expansion), so importing this module stays cheap.
PRONOUNS: dict[str, tuple[str, str]] = {
    word.lower(): (value[0], value[1]) for word, value in pack(FALLBACK).topic("speech").get("pronouns", {}).items()}
