"""Cleaning of already-extracted article text: what scrapers and extractors leave in.

The text is treated as a sequence of lines (paragraphs). Each line is classified once; lines that
are interface text, related-headline blocks, captions, breadcrumbs or duplicates are dropped, and
bylines and "Published:" stamps become metadata. Article content is protected by the shape of a
sentence: outside the header and footer, only lines that match an explicit pattern are removed.
The patterns are data: each language pack's ``furniture.toml`` (all languages at once, through
:mod:`storyline.ingest.furniture`) and :mod:`storyline.ingest.boilerplate_patterns`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import babel
from babel.core import get_global
import ftfy
import ftfy.badness

from storyline.ingest import boilerplate_patterns as bp
from storyline.ingest import furniture
from storyline.ingest.dates import parse_date
from storyline.ingest.outlet import outlet_of
from storyline.ingest.titles import after_kicker, as_title

_MARKUP_LINE = bp.compile_lines(bp.MARKUP)
_JUNK = {**furniture.junk_lines(), "markup": _MARKUP_LINE}
_BLOCK_MARKER = furniture.block_marker()
_INLINE_LINK = bp.compile_lines([bp.INLINE_LINK])
_CAPTION = re.compile("|".join(bp.CAPTION_MARKERS), re.IGNORECASE)
_AGENCY = bp.compile_lines([re.escape(a) for a in bp.AGENCIES])
_BYLINE = bp.compile_lines([bp.BYLINE])
_CREDITS = bp.compile_lines([bp.CREDITS])
_STAMP = bp.compile_lines([bp.STAMP])
_STAMP_WORDS = re.compile(bp.STAMP_WORDS, re.IGNORECASE)
_BREADCRUMB = bp.compile_lines([bp.BREADCRUMB])
_NUMBERED_CRUMB = bp.compile_lines([bp.NUMBERED_CRUMB])
_DATE_HEADER = bp.compile_lines([bp.DATE_HEADER])

_SENTENCE_END = re.compile(r"[.!?…:;。！？]['\"”’»)\]」』]*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(, [A-Z][A-Za-z .'’-]{2,40})?( \([\w .]+\))?( ?[-–—:])?$")
#: A UTF-8 lead byte read as Latin-1/cp1252 (Â-ô) followed by a continuation byte read the same
#: way, or UTF-8 Cyrillic read as cp1251 (Р/С then Ђ-џ or cp1251 punctuation).
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|[\u0420\u0421][\u0402-\u040f\u0452-\u045f\u201a\u201e\u2026\u2020\u2021\u20ac\u2030\u2039\u203a]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\ufffd]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_NAME_WORD = re.compile(r"^([A-ZÀ-ÖØ-Þ][\w'’.-]*|de|da|van|von|al|bin|el|del|la|le)$")

#: A caption is short; a line this long with a photo word in it is a sentence about a photo.
_MAX_CAPTION_WORDS = 30
#: No junk pattern matches a line longer than this (their parts are all bounded); checked first
#: so that long paragraphs, most of a text, skip the patterns.
_MAX_PATTERN_CHARS = 400
#: Braces, and statement ends or script hints, that make a line code: prose writes neither.
_CODE_BRACES = 2
_CODE_STATEMENTS = 2
#: A bracketed two- or three-letter code after a word or closing mark, before a space, mark or line end.
_LINK_LANGUAGE = re.compile(r"(?<=[\w\)\"”»]) ?\[([a-z]{2,3})\](?=[\s.,;:!?)»”\"]|$)")
#: Marks a text needs before they are taken for a site's link-language marks.
_MIN_LINK_LANGUAGES = 2
#: Quoted keys that make a line opening with a brace a JSON object ({"type":"gallery",…}).
_JSON_KEYS = 3
#: What script writes and prose does not: ``function (``, ``new Voting(``, an object key
#: (``src: 'https…'``, ``config: {``), ``= {``, ``){``.
_CODE_HINT = re.compile(r"\bfunction\s*\(|\bnew [A-Z]\w*\(|\b\w+:\s*['\"{\[]|=\s*\{|\)\s*\{")
#: A line this long printed again anywhere is a duplicate paragraph.
_MIN_REPEATED_PARAGRAPH_WORDS = 25
#: Header lines kept as titles to fall back on.
_MAX_TITLE_CANDIDATES = 3
#: Headline-like lines (no closing punctuation) are at most this long.
_MAX_HEADLINE_WORDS = 25


@dataclass(frozen=True, slots=True)
class CleanText:
    """Cleaned text and the metadata found while cleaning."""

    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    published_from: str | None = None
    updated: str | None = None
    removed: Mapping[str, int] = field(default_factory=dict)
    #: Headline-like header lines after the title, for when the title proves to be furniture.
    title_candidates: tuple[str, ...] = ()
    #: The outlet the page's own lines name, and which kind of line named it (ingest/outlet.py).
    outlet: str | None = None
    outlet_from: str | None = None


def normalize_text(text: str) -> str:
    """Repair mojibake, normalise Unicode (NFC), line breaks and white space; drop control chars."""
    text = _repair(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def _repair(text: str) -> str:
    """ftfy's full repair where its badness check sees mojibake; otherwise the cheap part of it.

    ``fix_text`` costs ~4 ms on a clean article and even its ``is_bad`` test ~1.5 ms, most of
    ingest's time; a cheap search for what UTF-8 read as Latin-1, cp1252 or cp1251 looks like
    gates both, so clean text (nearly all of it) skips them.
    """
    if "&" in text and ";" in text and "<" not in text:
        text = html.unescape(text)
    if not text.isascii() and _MOJIBAKE_HINT.search(text) and ftfy.badness.is_bad(text):
        # Curly quotes and guillemets are kept: the quotation stage reads them.
        return ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)
    return unicodedata.normalize("NFC", text)


def clean_text(text: str, *, title: str | None = None, strip_header: bool = True) -> CleanText:
    """Clean one article's text.

    Args:
        text: the extracted text, paragraphs on their own lines.
        title: the title when the source gave one; otherwise it is detected in the text.
        strip_header: drop the short non-sentences above the first paragraph (scraped text);
            off for text an HTML extractor already separated from the page, where such lines
            are mostly sub-headings.
    """
    lines = _join_hard_wraps(normalize_text(text).split("\n"))
    found = _Found()
    lines = _take_date_header(lines, found)
    reasons: list[str | None] = [_classify(line, found) for line in lines]
    notices = [line for line, reason in zip(lines, reasons, strict=True) if reason in furniture.REASONS]
    outlet, outlet_from = outlet_of(lines, notices) or (None, None)
    _mark_breadcrumb_trail(lines, reasons)
    _mark_blocks(lines, reasons)
    detected = None
    bounds = _content_bounds(lines, reasons)
    if bounds is not None:  # without one clear paragraph, header and footer cannot be told apart
        detected, found.titles = after_kicker(_mark_header(lines, reasons, bounds[0] if strip_header else 0, found,
                                                           title), found.titles)
        _mark_footer(lines, reasons, bounds[1])
    kept = _drop_repeats(lines, reasons, title or detected)
    return CleanText(
        text=without_link_languages("\n\n".join(kept)),
        title=title or detected,
        authors=tuple(dict.fromkeys(found.authors)),
        published=found.published,
        published_from=found.published_from,
        updated=found.updated,
        removed=dict(Counter(r for r in reasons if r and r not in ("title", "repeat"))),
        title_candidates=tuple(found.titles) if detected else (),
        outlet=outlet, outlet_from=outlet_from,
    )


@dataclass
class _Found:
    authors: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    published: str | None = None
    published_from: str | None = None
    updated: str | None = None

    def set_published(self, value: str | None, origin: str) -> None:
        if value and not self.published:
            self.published, self.published_from = value, origin


def without_link_languages(text: str) -> str:
    """The text without the language marks some sites put after a link (Global Voices: "las
    protestas en Egipto [en] y el uso", "[ar]", "[eng]"): a CLDR language code in
    brackets after a word, taken off where the text has :data:`_MIN_LINK_LANGUAGES` or more (one
    bracketed "[el]" is an editor's insertion, not a mark)."""
    marks = [m for m in _LINK_LANGUAGE.finditer(text) if m.group(1) in _language_codes()]
    if len(marks) < _MIN_LINK_LANGUAGES:
        return text
    out, last = [], 0
    for mark in marks:
        out.append(text[last:mark.start()])
        last = mark.end()
    return "".join(out) + text[last:]


@lru_cache(maxsize=1)
def _language_codes() -> frozenset[str]:
    """The two-letter language codes CLDR names (ISO 639-1), through Babel, and CLDR's
    three-letter aliases of them ("eng", "ara", "ces": ISO 639-2, as some sites write the mark);
    "[sic]" is no language."""
    two = frozenset(code for code in babel.Locale("en").languages if len(code) == 2)
    aliases = get_global("language_aliases")
    return two | frozenset(alias for alias, code in aliases.items() if len(alias) == 3 and code in two)


def _is_code(line: str) -> bool:
    """A line of script or style sheet, however long: braces and statement ends that prose does
    not write (``if (minutes < 10){minutes = "0"+minutes;}``, a minified ``.carousel{opacity:1;…}``,
    a JSON object or script object literals: ``{src: 'https…', wmode: 'transparent' }``).
    The markup patterns read whole short lines only; this one count also catches long and joined
    ones."""
    braces = line.count("{") + line.count("}")
    return braces >= _CODE_BRACES and (line.count(";") + len(_CODE_HINT.findall(line)) >= _CODE_STATEMENTS
                                       or (line[:1] in "{[" and line.count('":') >= _JSON_KEYS))


def _join_hard_wraps(lines: list[str]) -> list[str]:
    """Join a line broken mid-sentence (next line starts lower-case) to the line before; lines of
    code ("var d = new Date();") are never joined, so that the markup patterns still see them whole."""
    joined: list[str] = []
    for line in lines:
        previous = joined[-1] if joined else ""
        if line and previous and line[0].islower() and not _SENTENCE_END.search(previous) \
                and not _MARKUP_LINE.match(line) and not _MARKUP_LINE.match(previous[-_MAX_PATTERN_CHARS:]):
            joined[-1] = previous + " " + line
        else:
            joined.append(line)
    return [line for line in joined if line]


def _take_date_header(lines: list[str], found: _Found) -> list[str]:
    if lines:
        match = _DATE_HEADER.match(lines[0])
        if match:
            found.set_published(parse_date(match.group("date")), "header")
            return lines[1:]
    return lines


def _classify(line: str, found: _Found) -> str | None:
    """The reason to drop a line wherever it stands, or None; records metadata it carries."""
    words = len(line.split())
    if _is_doubled(line):
        return "doubled"
    if _is_code(line):
        return "markup"
    if len(line) > _MAX_PATTERN_CHARS:
        return None  # every pattern below matches a bounded line; a long paragraph is text
    for reason, pattern in _JUNK.items():
        if pattern.match(line):
            return reason
    if words <= 12 and _STAMP.match(line):
        _read_stamp(line, found)
        return "stamp"
    if _INLINE_LINK.match(line) and not _is_sentence(line):
        return "related"
    if words <= 10 and _BYLINE.match(line):
        found.authors.append(_BYLINE.match(line).group("name").strip())  # type: ignore[union-attr]
        return "byline"
    if _CREDITS.match(line) and words <= 40:
        return "credits"
    if _AGENCY.match(line):
        found.authors.append(line)
        return "byline"
    if words <= _MAX_CAPTION_WORDS and _CAPTION.search(line):
        return "caption"
    if _BREADCRUMB.match(line) and words <= 20:
        return "breadcrumb"
    return None


def _is_doubled(line: str) -> bool:
    """A line printed twice in a row on one line: "Headline Headline"."""
    half, rest = divmod(len(line) - 1, 2)
    return rest == 0 and half >= 12 and line[half] == " " and line[:half] == line[half + 1 :]


def _read_stamp(line: str, found: _Found) -> None:
    """Take the dates of "Published: 10 March 2026 Updated: 11 March 2026 09:00"."""
    labels = list(_STAMP_WORDS.finditer(line))
    for number, label in enumerate(labels):
        end = labels[number + 1].start() if number + 1 < len(labels) else len(line)
        value = parse_date(line[label.end() : end].strip(" :|-,"))
        if value and label.group(1).lower() in ("updated", "last updated", "modified"):
            found.updated = found.updated or value
        elif value:
            found.set_published(value, "stamp")


def _mark_breadcrumb_trail(lines: list[str], reasons: list[str | None]) -> None:
    """A numbered trail at the top ("1. Home", "2. English", "3. <headline>") is navigation."""
    run = 0
    while run < len(lines) and _NUMBERED_CRUMB.match(lines[run]) and lines[run].startswith(f"{run + 1}."):
        run += 1
    first_step = lines[0].split(".", 1)[1].strip().lower() if run else ""
    if run >= 2 and first_step in bp.CRUMB_ROOTS:
        for index in range(run):
            reasons[index] = "breadcrumb"


def _mark_blocks(lines: list[str], reasons: list[str | None]) -> None:
    """After "Read more:"/"Editor's Choice" and the like, drop headlines until text resumes."""
    in_block = False
    for index, line in enumerate(lines):
        if _BLOCK_MARKER.match(line):
            reasons[index] = "related"
            in_block = True
        elif in_block and (reasons[index] or _is_headline(line)):
            reasons[index] = reasons[index] or "related"
        else:
            in_block = False


def _content_bounds(lines: list[str], reasons: list[str | None]) -> tuple[int, int] | None:
    """Indices of the first and last lines that are unmistakably article paragraphs."""
    content = [i for i, line in enumerate(lines) if reasons[i] is None and _is_paragraph(line)]
    return (content[0], content[-1]) if content else None


def _mark_header(lines: list[str], reasons: list[str | None], first: int, found: _Found,
                 title: str | None) -> str | None:
    """Before the first paragraph: find the title (and the next candidates) and bylines; drop
    other non-sentences."""
    detected = None
    for index in range(min(first, len(lines))):
        line = lines[index]
        if reasons[index]:
            continue
        headline = as_title(line) if title is None and _is_headline(line) and len(line.split()) >= 3 else None
        if headline and detected is None:
            detected, reasons[index] = headline, "title"
        elif _looks_like_name(line) and line != detected:
            found.authors.append(line)
            reasons[index] = "byline"
        elif headline and len(found.titles) < _MAX_TITLE_CANDIDATES and not _is_sentence(line):
            found.titles.append(headline)
            reasons[index] = "header"
        elif not _is_sentence(line) and not _DATELINE.match(line):
            reasons[index] = "header"
    return detected


def _mark_footer(lines: list[str], reasons: list[str | None], last: int) -> None:
    """After the last paragraph, once interface text starts, the rest is the page's footer."""
    junk_seen = False
    for index in range(last + 1, len(lines)):
        if reasons[index]:
            junk_seen = True
        elif junk_seen and not _is_sentence(lines[index]):
            reasons[index] = "footer"


def _drop_repeats(lines: list[str], reasons: list[str | None], title: str | None) -> list[str]:
    """Keep lines not marked; drop the title, a line equal to the one before, or a repeated paragraph.

    Short lines may legitimately recur (list items, recipe steps); a paragraph printed twice is
    an extraction artefact.
    """
    seen = {_key(title)} if title else set()
    kept: list[str] = []
    for index, line in enumerate(lines):
        if reasons[index]:
            continue
        key = _key(line)
        if key in seen and (_words(line) >= _MIN_REPEATED_PARAGRAPH_WORDS or key == _key(kept[-1] if kept else "")
                            or key == _key(title or "")):
            reasons[index] = "repeat"
            continue
        seen.add(key)
        kept.append(line)
    return kept


def _words(line: str) -> int:
    """Words in a line; in Chinese, Japanese or Korean text two characters count as one word."""
    cjk = len(_CJK.findall(line))
    return len(line.split()) + cjk // 2


def _key(line: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", line).casefold().split())


def _is_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) and _words(line) >= 3


def _is_paragraph(line: str) -> bool:
    words = _words(line)
    return (words >= 10 and _is_sentence(line)) or words >= _MAX_HEADLINE_WORDS


def _is_headline(line: str) -> bool:
    words = _words(line)
    if words > _MAX_HEADLINE_WORDS:
        return False
    return not _SENTENCE_END.search(line) or (line.endswith("?") and words <= 15)


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 4 and len(line) <= 40 and all(_NAME_WORD.match(w) for w in words) \
        and any(w[0].isupper() for w in words) and not any(ch.isdigit() for ch in line)
