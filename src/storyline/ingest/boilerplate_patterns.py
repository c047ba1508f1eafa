"""Data only: what scrapers leave in news text. The logic that uses it is in clean.py.

Every pattern matches a whole line (after whitespace is normalised), case-insensitively. Lists are
kept conservative: a pattern here removes the line wherever it stands, so it must never match a
sentence of a report.
"""

from __future__ import annotations

import re

#: Interface text, comment prompts, counters and related-headline markers are language data:
#: ``storyline/lang/<code>/furniture.toml`` (read by ingest/furniture.py). What follows is English
#: or belongs to no language.

#: Markup and code that extraction left as text: CSS rules, script lines, template tags.
MARKUP = [
    r"[.#@]?[\w-]+[^{}\s]{0,60}\s*\{[^{}]*:[^{}]*\}?",  # .alogo{display: block;...}
    r"\}\s*(else|catch|finally)\b.*|(else|catch|finally|try)\s*\{|[{}()\[\];,]+",
    r"(var|let|const)\s+[\w$]+\s*=.*|function\s*[\w$]*\s*\(.*\)\s*\{?",
    r"(if|for|while|switch)\s*\(.*\)\s*\{",
    r"//.*|/\*.*",
    r".*<%.*%>.*|.*\{\{.*\}\}.*",  # template tags left unrendered
    r"'[\w-]+'\s*:\s*('[^']*'|[\w.]+)\s*,?",  # 'sitekey': '...',
    r"[\w$]+(\.[\w$]+)+\s*=\s*.+;",  # n.version = '2.0';
    r"[\w$]+\s*=\s*['\"\d\[{].*;",
    r"\$\(.*\).*;?",  # jQuery calls
    r"[\w$]+(\.[\w$]+)+\(.*\)\s*;",  # document.write('...');
]

#: Lines that carry a link to another story inline: "Read more: Turkey hints at compromise".
INLINE_LINK = r"(read more|also read|read also|see also|related|watch|listen|more)\s*[:|»>-]\s+.{3,200}"

#: Photo credits and caption markers; a short line that has one is a caption.
CAPTION_MARKERS = [
    r"\((stock |file |reuters |afp |ap |getty )?(photo|image|picture|pic|video)s?( ?(by|:) ?[^)]{0,60})?\)",
    r"\b(photo|photograph|image|picture|pic|credit|illustration|graphic)s? ?(by|:|credit:?) .{0,80}$",
    r"\b(getty images|shutterstock|istock(photo)?|afp via getty|epa-efe|reuters/[a-z]+)\b",
    r"^(file|stock) (photo|image)\b", r"\bqr code$", r"\b(logo|icon|thumbnail|avatar)$",
]

#: News agencies whose name alone on a line is a credit, not text; each with the name shown.
AGENCY_NAMES = {
    "reuters": "Reuters", "afp": "AFP", "ap": "AP", "associated press": "AP",
    "agence france-presse": "AFP", "agence france presse": "AFP", "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency", "aa": "Anadolu Agency", "bloomberg": "Bloomberg", "dpa": "dpa",
    "xinhua": "Xinhua", "tass": "TASS", "ria novosti": "RIA Novosti", "efe": "EFE", "europa press": "Europa Press",
    "ansa": "ANSA", "adnkronos": "Adnkronos", "pti": "PTI", "ians": "IANS", "upi": "UPI", "ani": "ANI",
    "kyodo": "Kyodo", "yonhap": "Yonhap", "wafa": "WAFA", "irna": "IRNA", "sputnik": "Sputnik",
    "cnn wire": "CNN Wire", "bernama": "Bernama", "lusa": "Lusa",
}
AGENCIES = list(AGENCY_NAMES)

#: Platforms a site's notices name without being them ("log in with your twitter.com account",
#: "comments by disqus.com"): a domain (or its subdomain) here never names the outlet.
PLATFORMS = frozenset({
    "twitter.com", "x.com", "facebook.com", "fb.com", "instagram.com", "youtube.com", "youtu.be", "google.com",
    "linkedin.com", "tiktok.com", "whatsapp.com", "telegram.org", "t.me", "pinterest.com", "reddit.com",
    "disqus.com", "wordpress.com", "wordpress.org", "blogger.com", "blogspot.com", "medium.com", "apple.com",
    "microsoft.com", "mozilla.org", "t.co", "bit.ly", "flickr.com", "vimeo.com", "gmail.com", "hotmail.com",
    "outlook.com", "yahoo.com", "paypal.com", "amazon.com", "feedburner.com", "addthis.com", "gravatar.com",
})

#: "By Jane Doe", "Written by ...", "Reporting by ...; Editing by ..." (Reuters' closing credits).
BYLINE = r"(by|written by|words by|reported by|story by|author:?)\s+(?P<name>[^\W\d_][\w.'’ -]{1,60}?)(\s*[,|/-]\s*.{0,60})?"
CREDITS = r"\(?(reporting|writing|editing|additional reporting|compiled) by .{2,200}\)?"

#: "Published: 10 March 2026 Updated: ..."; the dates become metadata.
STAMP = r"(published|updated|posted|last updated|first published|modified|date)\s*(on|at)?\s*:?.{0,80}"
STAMP_WORDS = r"\b(published|updated|posted|last updated|first published|modified)\s*(on|at)?\s*:?\s*"

#: Breadcrumb trails: "Home > World > Europe", "Home / News", and numbered trails "1. Home".
BREADCRUMB = r"(home|news|start|index)\s*([>»/|›→]\s*[^>»/|›→]{1,60}){1,6}"
NUMBERED_CRUMB = r"\d{1,2}\.\s+\S.{0,120}"
CRUMB_ROOTS = {"home", "news", "homepage", "start", "main", "index"}

#: The first-line date header of the scraped text corpora: " date 2021-02-11 ."
DATE_HEADER = r"\s*date\s+(?P<date>\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?)?)\s*\.?\s*"


def compile_lines(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive regex that matches a whole line against any of the patterns."""
    return re.compile("^(?:" + "|".join(f"(?:{p})" for p in patterns) + r")$", re.IGNORECASE)
