"""Data only: what scrapers leave in news text. The logic that uses it is in clean.py.

Every pattern matches a whole line (after whitespace is normalised), case-insensitively. Lists are
kept conservative: a pattern here removes the line wherever it stands, so it must never match a
sentence of a report.
"""

from __future__ import annotations

import re

#: Lines that are interface text, removed wherever they stand.
JUNK_LINES = {
    "share": [
        r"(share|tweet|email|e-mail|print|pin|whatsapp|facebook|twitter|x|linkedin|telegram|reddit"
        r"|copy link|copy url|messenger|flipboard|pinterest|sms)( this)?( article| story| page)?:?",
        r"social share", r"share (this|on|via)( \w+){0,3}:?", r"\d+ shares?", r"shares?: ?\d*",
        r"followed unfollow", r"follow unfollow", r"click to share.*", r"share on (facebook|twitter|x)",
    ],
    "follow": [
        r"follow (us|me) on .{1,60}", r"follow @\w+.*", r"follow our .{0,40}(channel|page|account)s?.{0,60}",
        r"for all the latest headlines follow our .{0,80}",
        r"get the latest (stories|news|updates) from .{1,60}",
        r"(join|subscribe to|follow) our (whatsapp|telegram|youtube|google news|instagram)( channel| group)?.{0,40}",
        r"and stay informed with the latest news and updates\.?", r"join now", r"subscribe( now)?",
        r"(sign up|subscribe) (for|to) (our|the) .{0,40}newsletters?.{0,60}",
        r"download (our|the) .{0,30}app.{0,60}", r"get (our|the) app.{0,40}", r"install (our|the) app.{0,40}",
        r"click here to .{0,80}", r"listen to (this|the) (article|story).{0,40}",
        r".{0,30}\bon google news", r"stay (updated|connected|tuned)( with .{0,60})?",
        r"(sign in|log in|login|register)( to [^.!?]{0,40})?",
        r"thanks? (you )?for (signing up|subscribing)!?.{0,60}", r"keep an eye on your inbox.{0,80}",
        r"there was an error processing your subscription\.?", r"get .{1,40} on the go.{0,40}",
        r".{0,60}\bby clicking here\.?", r"tell us what you think.{0,10}",
    ],
    "comments": [
        r"leave (a|your) (comment|reply)", r"leave your comments?", r"post a comment", r"add (a )?comment",
        r"(view|show|read|load) (all )?comments( \(\d+\))?", r"comments?( \(\d+\))?:?", r"\d+ comments?",
        r"your email address will not be published\.?.*", r"required fields are marked.*",
        r"be the first to comment.*", r"cancel reply",
    ],
    "interface": [
        r"advertisement", r"advertising", r"sponsored( content)?", r"scroll to continue.*",
        r"skip to (main )?content", r"menu", r"search", r"close", r"language", r"languages",
        r"explore more", r"back to top", r"next article", r"previous article", r"loading\.*",
        r"cookies? (settings|policy|preferences)", r"accept( all)?( cookies)?", r"\d+", r"\W+",
        r"\d{4}-\d{2}-\d{2}T[\d:.+-]+Z?( \S+)?", r"(https?://\S+\s*)+", r"\w+ https?://\S+",
        r"(text|font) size", r"a\+? ?a-?", r"listen", r"bookmark", r"save( article)?",
        r"(watch|play)( video)?", r"video", r"photos?", r"gallery", r"image \d+ of \d+",
        r"(min|minute)s? read", r"\d+ (min|mins|minute|minutes) read", r"reading time.{0,20}",
        r"all rights reserved\.?.*", r"(©|\(c\)) ?.{0,80}", r"copyright (©|\(c\))? ?\d{4}.{0,80}", r"terms of (use|service).{0,40}",
        r"privacy policy.{0,40}",
    ],
}

#: Lines that open a block of related headlines; the short lines after them go too.
BLOCK_MARKERS = [
    r"read (more|also|next)( on .{1,40})?:?", r"also read:?", r"see also:?", r"related:?",
    r"related (articles|stories|news|posts|content|coverage|topics|links|videos)( on .{1,40})?:?",
    r"more (from|on|in) .{1,40}:?", r"more (news|stories|articles|headlines):?",
    r"editor'?s'? (choice|picks?)", r"top (content|stories|news|picks|headlines)", r"before you go",
    r"most (read|popular|viewed|shared|commented)( .{1,20})?", r"trending( now| news)?:?",
    r"you (may|might) (also )?(like|be interested in|have missed):?", r"recommended( for you)?:?",
    r"latest (news|stories|headlines|articles)( from .{1,40})?:?", r"don'?t miss:?", r"popular now",
    r"what to read next", r"in (other|case you missed) (news|it):?", r"keep reading:?",
]
#: Markers may end in a colon, dots or an ellipsis: "You may also like...".
BLOCK_MARKERS = [marker.removesuffix(":?") + r"\s*[:.…]*" for marker in BLOCK_MARKERS]

#: Lines that carry a link to another story inline: "Read more: Turkey hints at compromise".
INLINE_LINK = r"(read more|also read|read also|see also|related|watch|listen|more)\s*[:|»>-]\s+.{3,200}"

#: Photo credits and caption markers; a short line that has one is a caption.
CAPTION_MARKERS = [
    r"\((stock |file |reuters |afp |ap |getty )?(photo|image|picture|pic|video)s?( ?(by|:) ?[^)]{0,60})?\)",
    r"\b(photo|photograph|image|picture|pic|credit|illustration|graphic)s? ?(by|:|credit:?) .{0,80}$",
    r"\b(getty images|shutterstock|istock(photo)?|afp via getty|epa-efe|reuters/[a-z]+)\b",
    r"^(file|stock) (photo|image)\b", r"\bqr code$", r"\b(logo|icon|thumbnail|avatar)$",
]

#: News agencies whose name alone on a line is a credit, not text.
AGENCIES = [
    "reuters", "afp", "ap", "associated press", "agence france-presse", "anadolu", "anadolu agency",
    "aa", "bloomberg", "dpa", "xinhua", "tass", "ria novosti", "efe", "ansa", "pti", "ians", "upi",
    "ani", "kyodo", "yonhap", "wafa", "irna", "sputnik", "cnn wire", "bernama",
]

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
