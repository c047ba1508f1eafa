"""Names the model missed right after an office or a profession: "Der Anwalt Gamal Eid sagte".

In German every noun is capitalised, so the model cannot tell "Anwalt Gamal Eid" by its capitals
and often tags nothing; other languages lose names the same way after a title it did not learn. An
office or profession of the report's pack (``names.toml`` ``offices``, ``professions``), then one
to three capitalised words, the first of them no ordinary word of the language (simplemma's
lexicon), no function word and no known place, is a person. Only for the multilingual model (the
English one learned its titles).

Cost: one regular-expression pass over the report for the titles; a few words read after each.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from storyline.analyze.ner_lexicon import NameLexicon
from storyline.analyze.regex_first import compile_guarded
from storyline.analyze.regex_trie import trie_alternation
from storyline.model import Mention, Span

__all__ = ["names_after_titles"]

#: The most words of a name taken after a title.
MAX_NAME_WORDS = 3
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def names_after_titles(text: str, lex: NameLexicon, places: Mapping[str, str]) -> list[Mention]:
    """PERSON mentions of the names that follow an office or a profession (see the module)."""
    found: list[Mention] = []
    for title in _titles_of(lex).finditer(text):
        run = _name_run(text, title.end(), lex)
        if run and run[0].group().lower() not in places and not lex.known(run[0].group()):
            found.append(Mention(Span(run[0].start(), run[-1].end()), "PERSON"))
    return found


#: The title pattern of each lexicon (one per language and process), by the lexicon's id.
_TITLES: dict[int, tuple[NameLexicon, re.Pattern[str]]] = {}


def _titles_of(lex: NameLexicon) -> re.Pattern[str]:
    """The offices and honorifics of ``lex`` as one pattern, built once per lexicon."""
    cached = _TITLES.get(id(lex))
    if cached is None or cached[0] is not lex:
        cached = _TITLES[id(lex)] = (lex, _titles(lex.offices | lex.honorifics))
    return cached[1]


@lru_cache(maxsize=32)
def _titles(words: frozenset[str]) -> re.Pattern[str]:
    """Any of the titles as a word, whatever its case (a prefix-tree alternation that matches as
    the longest-first one: :mod:`storyline.analyze.regex_trie`)."""
    alternation = trie_alternation(words)
    return compile_guarded(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE) if words else re.compile(r"(?!x)x")


def _name_run(text: str, pos: int, lex: NameLexicon) -> list[re.Match[str]]:
    """The capitalised words right after ``pos`` (separated by single spaces only), at most three."""
    run: list[re.Match[str]] = []
    for word in _WORD.finditer(text, pos, min(len(text), pos + 120)):
        gap = text[(run[-1].end() if run else pos) : word.start()]
        token = word.group()
        if len(run) == MAX_NAME_WORDS or gap != " " or not token[:1].isupper() or token.isupper() \
                or lex.never_name(token) or lex.is_title(token):
            break
        run.append(word)
    return run
