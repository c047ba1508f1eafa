"""Whether a headline-like line can be a report's title, and the title without its site name.

Scraped text often opens with the page's furniture: a site and section line ("Mundo |
elmundo.es"), a shop link, a date line. A title is a headline: it names no web domain, holds no
markup, and is not a row of navigation ("Noticias, Sociedad »"). A trailing site name after a
separator ("... - Diritto di critica", "... | Reuters") is cut when what remains is a headline of
its own; a line that is only site, section and date parts is no title at all; a signature closing the
line (the writer's name and social handle) is cut. Lines repeated
across unrelated reports ("Boutique le Point") are found later, across the corpus
(ingest/templates.py), which then takes the next candidate this module accepted.

A report with no title at all is titled by :func:`text_title` (its first short sentence, else
its first words cut at a content word).

Cost: a few regular-expression searches per header line.
"""

from __future__ import annotations

import re

from storyline.ingest.furniture import words
from storyline.lang import pack

#: A web domain: "elmundo.es", "LePoint.fr", "www.corriere.it".
DOMAIN = re.compile(r"\b(?:www\.)?[A-Za-z0-9][\w-]*\.(?:[a-z]{2,4}|[A-Z]{2,4})(?:\.[a-z]{2})?\b(?!\.\w)")
_MARKUP = re.compile(r"[{}<>]|&\w+;|\\[nt]")
_NAVIGATION = re.compile(r"\s[»›>→]\s*$|^\s*[‹<←]")
#: Separators between a headline and the site or section that published it.
_SEPARATOR = re.compile(r"\s+[|·•]\s+|\s+[-–—]\s+")
#: Words a headline needs, once site and section parts are cut.
MIN_TITLE_WORDS = 4
#: A site or section part is short.
_MAX_SITE_WORDS = 4
#: A signature closing a headline line: a social handle in brackets, after the writer's name and
#: the word that opens a byline ("di Alberto Bellotto (@albertobellotto)", "by Jo Lee (@jolee)").
_HANDLE_END = re.compile(r"\s*\(@\w{1,30}\)\s*$")
_NAME_END = re.compile(r"\s+(\w+)\s+(?:[A-ZÀ-Ý][\w'’.-]*\s+){0,3}[A-ZÀ-Ý][\w'’.-]*\s*$")


#: A report without a title is titled by its first sentence when it is this short (words)...
MAX_SENTENCE_TITLE_WORDS = 20
#: ... else by its first words, this many at most, cut back to a word that is no function word.
FALLBACK_TITLE_WORDS = 12
_FIRST_SENTENCE = re.compile(r"^(.{10,300}?[.!?…])(?=\s+[\"'“«¿¡(]?[A-ZÀ-Ý0-9]|\s*$)", re.DOTALL)


#: A first headline line this short, over a longer one, is a kicker (a section or theme line).
MAX_KICKER_WORDS = 5


def after_kicker(title: str | None, candidates: list[str]) -> tuple[str | None, list[str]]:
    """The title and the next candidates when the page opens on a kicker: a first headline of
    :data:`MAX_KICKER_WORDS` words or fewer over a longer headline line ("Revolución en el mundo
    árabe" over "Bahrein, Yemen y Libia reprimen duramente sus protestas populares", "Anuncio del
    Ministerio de Exteriores" over "Tres hijos de Gadafi y la mujer del coronel abandonan Libia"):
    the longer line is the title and the kicker its first fallback. Read on the 740 crawled
    reports, where 118 pages open so; the longer line said what happened in nearly all of them."""
    if title and candidates and len(title.split()) <= MAX_KICKER_WORDS < len(candidates[0].split()):
        return candidates[0], [title, *candidates[1:]]
    return title, candidates


def text_title(text: str) -> str:
    """A title for a report that has none: its first sentence if that is a short one, else its
    first :data:`FALLBACK_TITLE_WORDS` words without the function words they end on, and an
    ellipsis ("Para muchos blogueros iraníes, las actuales protestas en Egipto…", not "... y el")."""
    first_line = text.lstrip().split("\n", 1)[0]
    sentence = _FIRST_SENTENCE.match(first_line)
    if sentence and len(sentence.group(1).split()) <= MAX_SENTENCE_TITLE_WORDS:
        return " ".join(sentence.group(1).split())
    all_words = first_line.split()
    if len(all_words) <= FALLBACK_TITLE_WORDS:
        return " ".join(all_words)
    cut = all_words[:FALLBACK_TITLE_WORDS]
    function = pack(None).words("words", "function_words")
    while len(cut) > 1 and cut[-1].strip(",;:").casefold() in function:
        cut.pop()
    return " ".join(cut).rstrip(",;:") + "…"


def as_title(line: str) -> str | None:
    """The title a headline-like line gives, or None when it cannot be one."""
    if _MARKUP.search(line) or (_NAVIGATION.search(line) and "«" not in line):
        return None
    line = _without_signature(line).strip(" |·•-–—")
    if _is_date_line(line):
        return None
    parts = [part.strip() for part in _SEPARATOR.split(line) if part.strip()]
    if len(parts) > 1:
        if max(len(part.split()) for part in parts) < MIN_TITLE_WORDS:
            # only short parts: a headline of few words, or site, section and date parts
            return None if any(_dated_or_domain(part) for part in parts) else line
        parts = _without_site_parts(parts)
    title = " - ".join(parts)
    return None if DOMAIN.search(title) else title


def _is_date_line(line: str) -> bool:
    """A short line of two numbers or more: a date or a stamp ("22 de Agosto, 2011")."""
    words = line.split()
    return len(words) <= _MAX_SITE_WORDS + 1 and sum(any(ch.isdigit() for ch in word) for word in words) >= 2


def _dated_or_domain(part: str) -> bool:
    return bool(DOMAIN.search(part)) or any(ch.isdigit() for ch in part)


def _without_site_parts(parts: list[str]) -> list[str]:
    """Cut short site and section parts from the ends while a headline part remains."""
    longest = max(parts, key=lambda part: len(part.split()))
    while len(parts) > 1 and parts[-1] is not longest and _is_site_part(parts[-1]):
        parts = parts[:-1]
    while len(parts) > 1 and parts[0] is not longest and _is_site_part(parts[0]) and DOMAIN.search(parts[0]):
        parts = parts[1:]
    return parts


def _is_site_part(part: str) -> bool:
    """A site or section name: short, and naming a domain or a date or written as a name."""
    words = part.split()
    return len(words) <= _MAX_SITE_WORDS and (_dated_or_domain(part) or words[0][:1].isupper())


def _without_signature(line: str) -> str:
    """The line without a closing signature: a handle in brackets, and before it the writer's name
    after one of the packs' byline words ("di", "by", "por", "par", "von"); kept when what remains
    would be too short for a headline."""
    handle = _HANDLE_END.search(line)
    if handle is None:
        return line
    head = line[: handle.start()]
    name = _NAME_END.search(head)
    if name is not None and name.group(1).casefold() in words("byline_words"):
        head = head[: name.start()]
    return head if len(head.split()) >= MIN_TITLE_WORDS else line
