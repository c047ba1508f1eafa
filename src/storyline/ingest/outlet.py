"""The outlet of a report whose input does not name it, read from the page's own lines.

Ingest keeps what the input says (a ``source`` field, the page's site name, the URL's host, the
input folder); only without those is the text asked, and the first of these that a line gives is
the outlet, with where it came from:

- ``site``: a short line of site and section parts, one of them a web domain ("Mundo |
  elmundo.es"), or a copyright line naming a domain ("© Copyright 2006-2020 BFMTV.com") → the
  domain, lower-cased, without "www.";
- ``copyright``: a line opening with © or "Copyright" and a name ("© La Vanguardia Ediciones Todos
  los derechos reservados"; a long line only after ©) → the name;
- ``notice``: a line cleaning drops as the site's interface (a comment policy, a login prompt)
  that names a web domain other than a platform's ("Consulta los casos en los que 20minutos.es
  restringirá...", "Avec un compte LePoint.fr :") → the domain;
- ``credit``: an outlet crediting agencies ("Le Monde avec AFP et Reuters", "(Nouvelobs.com avec
  AFP)", "Par L'Obs avec AFP") → the outlet;
- ``name``: a line of the site naming itself or its group ("Suivez Le Monde", "Webs de PRISA",
  "Les sites du Groupe Figaro"; patterns of furniture.toml ``site_names``) → the capitalised name;
- ``publisher``: a line that is only a company's name and its legal form ("DISPLAY CONNECTORS,
  SL.", "RCS MediaGroup S.p.A.", "… — GEDI Gruppo Editoriale S.p.A.") → the company, as written;
- ``agency``: an agency's dateline or byline in the opening ("EL CAIRO (Reuters) -", "(ANSA) –
  ROMA", "Por EFE", "By Reuters Staff") or at the end ("— Anadolu") → the agency, by its usual
  name (the report is the agency's copy).

The words that join an outlet to its agencies ("avec", "con", "mit") and open a byline ("Por",
"Par", "Von") and companies' legal forms ("S.L.", "S.p.A.", "GmbH") are language data
(furniture.toml of each pack, all read together); agency and platform names are in
:mod:`storyline.ingest.boilerplate_patterns`. Cost: a few regular-expression searches per short
line, on lines already in memory.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.ingest import boilerplate_patterns as bp
from storyline.ingest import furniture
from storyline.ingest.titles import DOMAIN
from storyline.lang import FALLBACK, fold_word, pack

#: Lines longer than this are text, not site, credit or copyright lines.
_MAX_LINE_WORDS = 16
#: Paragraphs of the opening searched for an agency's dateline.
_OPENING_LINES = 4
_ORIGINS = ("site", "copyright", "notice", "credit", "name", "publisher", "agency")
#: A site's or group's name in a line naming it: at most this many words.
_MAX_NAME_WORDS = 4
#: A footer line naming the publisher may go on with its address and tax number: up to this long.
_MAX_PUBLISHER_LINE_WORDS = 30
#: A company's name before its legal form: at most this many words.
_MAX_COMPANY_WORDS = 6
_SITE_SEPARATOR = re.compile(r"\s+[|·•»›]\s+|\s+[-–—]\s+")
_COPYRIGHT = re.compile(
    r"^(?:(?i:copyright)\s*)?(?:©|\([cC]\)|(?i:copyright))\s*(?:(?i:copyright)\s*)?"
    r"(?:\d{4}(?:\s*[-–]\s*\d{4})?[.,]?\s*)?"
    r"(?P<name>[A-ZÀ-Þ][\w'’&.-]*(?:\s+[A-ZÀ-Þ][\w'’&.-]*|\s+(?:de|del|la|le|du|di|des|los)){0,5})")
#: What a copyright name must not be: a rights phrase in any language.
_RIGHTS = re.compile(r"^(todos|tous|tutti|all|alle|riproduzione|reproduction|derechos|droits|diritti|rights|copyright)\b",
                     re.IGNORECASE)


#: Where a copyright name ends: a rights phrase or a full stop.
_RIGHTS_INSIDE = re.compile(r"\.\s|\s+(?=(?:todos|tous|tutti|all|alle|derechos|droits|diritti|rights)\b)", re.IGNORECASE)
#: A domain as sites write their own name: a lower-case top-level domain ("LePoint.fr", not "P.IVA").
_OWN_DOMAIN = re.compile(r"\b(?:www\.)?([A-Za-z0-9][\w-]*(?:\.[A-Za-z0-9][\w-]*)*\.[a-z]{2,4})\b(?![./]\w)")


def outlet_of(lines: list[str], notices: list[str] | None = None) -> tuple[str, str] | None:
    """(outlet name, origin) from the lines of one page, or None when no line names it;
    ``notices`` are the lines cleaning dropped as the site's interface."""
    found: dict[str, str] = {}
    short = [line for line in lines if len(line.split()) <= _MAX_LINE_WORDS]
    for line in short:
        for origin, name in ((o, _READERS[o](line)) for o in ("site", "copyright", "credit", "name")):
            if name and origin not in found:
                found[origin] = name
    publisher = (_publisher(line) for line in lines if len(line.split()) <= _MAX_PUBLISHER_LINE_WORDS)
    found.update({"publisher": name for name in publisher if name and "publisher" not in found})
    if "copyright" not in found:
        long_marked = (_copyright(line) for line in lines if line.startswith("©") and line not in short)
        found.update({"copyright": name for name in long_marked if name})
    notice = next((name for name in map(_notice, notices or ()) if name), None)
    if notice:
        found["notice"] = notice
    agency = _agency_of(lines[:_OPENING_LINES] + short) or _closing_agency(lines[-2:])
    if agency:
        found["agency"] = agency
    return next(((found[origin], origin) for origin in _ORIGINS if origin in found), None)


def _site(line: str) -> str | None:
    parts = [part.strip() for part in _SITE_SEPARATOR.split(line)]
    if len(parts) < 2 and not _COPYRIGHT.match(line):
        return None
    if len(parts) >= 2 and len(line.split()) > 8:
        return None
    for part in parts if len(parts) >= 2 else [line]:
        match = DOMAIN.search(part)
        if match and (len(parts) < 2 or match.group(0) == part.strip(" .")):
            return match.group(0).lower().removeprefix("www.")
    return None


def _copyright(line: str) -> str | None:
    match = _COPYRIGHT.match(line)
    if not match:
        return None
    name = _RIGHTS_INSIDE.split(match.group("name"))[0].strip(" .,-")
    if _RIGHTS.match(name) or len(name) < 3:
        return None
    domain = DOMAIN.search(name)
    return domain.group(0).lower().removeprefix("www.") if domain else name


def _credit(line: str) -> str | None:
    match = _credit_pattern().match(line)
    if not match:
        return None
    name = match.group("name").strip(" .,-")
    domain = DOMAIN.fullmatch(name)
    return domain.group(0).lower().removeprefix("www.") if domain else name


def _agency_of(lines: list[str]) -> str | None:
    for line in lines:
        match = _dateline_pattern().search(line[:120]) or _byline_pattern().match(line)
        if match:
            return bp.AGENCY_NAMES[" ".join(match.group("agency").casefold().split())]
    return None


def _closing_agency(lines: list[str]) -> str | None:
    for line in lines:
        match = _closing_pattern().search(line[-60:])
        if match:
            return bp.AGENCY_NAMES[" ".join(match.group("agency").casefold().split())]
    return None


def _notice(line: str) -> str | None:
    for match in _OWN_DOMAIN.finditer(line):
        domain = match.group(1).lower().removeprefix("www.")
        if not any(domain == p or domain.endswith("." + p) for p in bp.PLATFORMS):
            return domain
    return None


def _publisher(line: str) -> str | None:
    """The first part of a line (parts split at " | ", " - "...) that is a company and its legal form."""
    for part in (part.strip() for part in _SITE_SEPARATOR.split(line)):
        match = _publisher_pattern().match(part)
        if match and len(match.group("name").split()) <= _MAX_COMPANY_WORDS:
            return part.rstrip(" ,")
    return None


def _site_name(line: str) -> str | None:
    for pattern in _site_name_patterns():
        match = pattern.match(line)
        name = match.group("name").strip(" .-") if match else ""
        words = name.split()
        if name[:1].isupper() and len(words) <= _MAX_NAME_WORDS and not all(fold_word(w) in _stop() for w in words):
            return name
    return None


_READERS = {"site": _site, "copyright": _copyright, "credit": _credit, "name": _site_name, "publisher": _publisher}


def _agencies() -> str:
    return "|".join(re.escape(name) for name in sorted(bp.AGENCY_NAMES, key=len, reverse=True))


def _words(key: str) -> str:
    return "|".join(re.escape(word) for word in sorted(furniture.words(key), key=len, reverse=True))


@lru_cache(maxsize=1)
def _credit_pattern() -> re.Pattern[str]:
    """"Le Monde avec AFP et Reuters", "(Nouvelobs.com avec AFP)", "Par L'Obs avec AFP ..."."""
    agency = rf"(?:{_agencies()})\b"
    return re.compile(
        rf"^\(?\s*(?:(?:{_words('byline_words')})\s+)?(?P<name>[A-ZÀ-Þ][^()\d]{{1,40}}?)\s+(?:{_words('agency_joiners')})\s+"
        rf"{agency}(?:\s*(?:,|{_words('and_words')})\s*{agency})*\s*\)?(?:\s|$)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _site_name_patterns() -> tuple[re.Pattern[str], ...]:
    """One whole-line pattern per furniture.toml ``site_names`` entry (each has a group ``name``)."""
    return tuple(re.compile(f"^(?:{p})$", re.IGNORECASE) for p in furniture.patterns("site_names"))


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return pack(FALLBACK).words("words", "function_words")


@lru_cache(maxsize=1)
def _publisher_pattern() -> re.Pattern[str]:
    """"DISPLAY CONNECTORS, SL.", "RCS MediaGroup S.p.A.": capitalised words, then a legal form."""
    forms = "|".join(sorted(furniture.patterns("legal_forms"), key=len, reverse=True))
    return re.compile(rf"^(?P<name>[A-ZÀ-Þ0-9][\w'’&.-]*(?:\s+[A-ZÀ-Þ0-9][\w'’&.-]*)*),?\s+(?:{forms})\.?$")


@lru_cache(maxsize=1)
def _dateline_pattern() -> re.Pattern[str]:
    """"EL CAIRO (Reuters) -", "(ANSA) – ROMA", "Argel. (EFE).-"."""
    return re.compile(rf"^(?:[\w .,'’-]{{0,40}}\s)?\((?P<agency>{_agencies()})\)\s*\.?\s*[-–—:]", re.IGNORECASE)


@lru_cache(maxsize=1)
def _byline_pattern() -> re.Pattern[str]:
    """"Por EFE", "By Reuters Staff"."""
    return re.compile(rf"^(?:{_words('byline_words')})\s+(?P<agency>{_agencies()})(?:\s+staff)?\s*\.?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _closing_pattern() -> re.Pattern[str]:
    """"... — Anadolu", "... /AFP" closing the last paragraphs."""
    return re.compile(rf"(?:\s[-–—]\s*|/)(?P<agency>{_agencies()})\s*\.?$", re.IGNORECASE)
