"""English time constructions: number words, units, signal words, regex parts.

Month and weekday names of every language come from the packs (``lang/<code>/time.toml``);
what stays here is the English the hand-written rules of :mod:`storyline.analyze.time_rules`
were tuned with on TempEval-3. Data only; the logic that uses it is in :mod:`storyline.analyze.times` and
:mod:`storyline.analyze.time_resolve`. Every regex part here is free of nested quantifiers, so
that the patterns built from it match in linear time.
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.analyze.regex_trie import ordered_alternation, trie_alternation
from storyline.analyze.time_words import all_names

#: Month names and abbreviations (lower case) per language → month number, from the packs.
MONTHS: dict[str, dict[str, int]] = all_names("months")


#: Weekday names (lower case) per language → ISO weekday (Monday = 1), from the packs.
WEEKDAYS: dict[str, dict[str, int]] = all_names("weekdays")

#: English number words → value; ``None`` marks a vague quantity (TIMEX3 ``X``).
NUMBER_WORDS: dict[str, int | None] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
    "half a": None, "several": None, "a few": None, "few": None, "many": None, "some": None,
    "a number of": None,
}

#: Ordinal words → number (days of a month, quarters, halves).
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "last": 4,
}

#: Unit words (singular, lower case) → (TIMEX3 duration letter, is a time unit, multiplier).
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "week": ("W", False, 1), "month": ("M", False, 1),
    "quarter": ("Q", False, 1), "year": ("Y", False, 1), "decade": ("Y", False, 10),
    "century": ("Y", False, 100), "fortnight": ("D", False, 14), "semester": ("M", False, 6),
}

#: Vague plural duration units → TIMEX3 value ("years" → PXY).
VAGUE_UNITS: dict[str, str] = {
    "seconds": "PTXS", "minutes": "PTXM", "hours": "PTXH", "days": "PXD", "weeks": "PXW",
    "months": "PXM", "years": "PXY", "decades": "PXDE", "centuries": "PXCE",
}

#: Single words with a fixed reference value (lower case).
REFERENCE_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "presently": "PRESENT_REF", "at present": "PRESENT_REF",
    "right now": "PRESENT_REF", "the present": "PRESENT_REF", "these days": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "recent years": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the coming days": "FUTURE_REF",
    "the coming weeks": "FUTURE_REF", "the coming months": "FUTURE_REF",
    "the coming years": "FUTURE_REF",
}

#: Day words → offset in days from the anchor.
DAY_OFFSETS: dict[str, int] = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
    "the day after tomorrow": 2,
}

#: Parts of the day → TIMEX3 time code.
DAY_PARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
}

#: Seasons → TIMEX3 code.
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}

#: Adverbs of frequency → TIMEX3 SET value.
FREQUENCY_WORDS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
    "yearly": "P1Y", "biweekly": "P2W",
}

#: Abbreviations whose final period belongs to them (any other final period is punctuation).
ABBREVIATIONS = frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
     "a.m", "p.m", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
)

#: Words before a month or weekday that mark it as a date ("in May", "last March").
DATE_SIGNALS = (
    "in", "on", "since", "until", "till", "by", "from", "to", "through", "before", "after",
    "during", "of", "last", "next", "this", "early", "late", "mid", "mid-", "end of",
    "beginning of", "between", "and", "or", "around", "since early", "since late",
)

#: Modifier words before a point that TimeML folds into the expression.
EDGE_WORDS = ("early", "late", "mid", "the end of", "the beginning of", "the start of")

# --- regex building blocks ------------------------------------------------------------------

_NUMBER_ALTS = sorted((w for w in NUMBER_WORDS if w not in {"a", "an"}), key=len, reverse=True)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
#: A count: digits, number words ("twenty-four", "twenty four"), "a"/"an".
NUMBER_RE = (
    rf"(?:\d+(?:\.\d+)?|(?:{_TENS})[- ](?:one|two|three|four|five|six|seven|eight|nine)"
    rf"|{trie_alternation(_NUMBER_ALTS)}|an?)"
)
#: A unit word, singular or plural.
UNIT_RE = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?"
    r"|decades?|centuries|century)"
)
#: A year written in digits (four digits, 1000-2099).
YEAR_RE = r"(?:1\d{3}|20\d{2})"
#: A day of the month, optionally ordinal.
DAY_RE = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
ORDINAL_RE = "|".join(k for k in ORDINALS if k != "last")

#: Words whose presence before an expression says the sentence looks forward.
FUTURE_MARKERS = (
    r"will|won't|wo n't|shall|'ll|going to|plans? to|planned|intends? to|scheduled|expects? to"
    r"|expected to|due to|set to|is to|are to|upcoming|would|next|coming|later|until|till"
    r"|planning|preparing|hopes? to|hoping|ready to|as soon as|as early as|deadline|must|should"
)
#: Irregular past-tense verbs common in news (regular ones are caught by ``-ed``).
PAST_MARKERS = (
    r"said|told|was|were|had|did|met|spoke|went|came|took|made|gave|won|lost|left|sold|bought"
    r"|began|became|fell|rose|held|paid|sent|wrote|saw|found|got|put|set|ran|led|struck|hit"
    r"|brought|thought|kept|heard|stood|agreed|announced|ago|earlier|last|since|former"
)

# --- rule patterns --------------------------------------------------------------------------

_EDGE = rf"(?:(?P<edge>{ordered_alternation('early|late|earlier|later|mid|the end of|the beginning of|the start of')})[\s-]+)?"
_SHIFTS = ordered_alternation(
    r"the last|the past|the previous|the current|the next|the coming|the following|last|past"
    r"|previous|this|current|next|coming"
)
_TZ = r"(?:\s+(?:EDT|EST|CDT|CST|MDT|MST|PDT|PST|GMT|UTC|BST|CET|CEST))?"
_DURATION_MODS = ordered_alternation(
    r"the past|the last|the next|the first|the coming|the previous|the following|the"
    r"|more than|less than|about|nearly|almost|at least|up to|another|only|just|over|roughly"
)


def rule_patterns(month: str, weekday: str) -> list[tuple[str, str]]:
    """``(handler name, regex)`` for every rule, in priority order (earlier wins a tie).

    Args:
        month: an alternation of month names for the language (English included).
        weekday: an alternation of weekday names.
    """
    month_re = rf"(?P<month>(?:{month})\b\.?)"
    day_words = r"today|yesterday|tomorrow"
    return [
        ("numeric_iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
        ("numeric_slash", r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
                          r"(?![\d/]|\.\d)"),
        ("month_day", rf"(?:\b(?:{weekday}),?\s+)?\b{month_re}\s*(?P<day>{DAY_RE})\b"
                      rf"(?:,?\s+(?P<year>{YEAR_RE})\b)?"),
        ("month_day", rf"(?:\b(?:{weekday}),?\s+)?(?:\bthe\s+)?\b(?P<day>{DAY_RE})"
                      rf"(?:\s+of|\s+de|\s+del)?\s+{month_re}"
                      rf"(?:(?:,?\s+|\s+de\s+|\s+del\s+)(?P<year>{YEAR_RE})\b)?"),
        ("month_year", rf"\b{month_re},?\s+(?:of\s+|de\s+|del\s+)?(?P<year>{YEAR_RE})\b"),
        ("month", rf"\b{_EDGE}(?:(?P<shift>last|next|this|past|coming)\s+)?\b{month_re}"
                  r"(?:\s+(?P<rel>this|last|next)\s+year)?"),
        ("weekday", rf"\b(?:(?P<shift>last|next|this|coming|past)\s+)?\b(?P<wd>{weekday})\b(?:'s)?"
                    r"(?:\s+(?P<part>morning|afternoon|evening|night))?"),
        ("day_of_month", r"\bthe\s+(?P<day>3[01]|[12]\d|[1-9])(?:st|nd|rd|th)\b"),
        ("year", rf"(?:\b(?:{ordered_alternation('fiscal|calendar|early|late|mid|the end of|the beginning of')})[\s-]+)?"
                 r"(?<![\w$£€#.,/]|\d)(?P<year>(?:1[6-9]|20)\d\d)(?![\w%]|[.,]\d|-\d)"),
        ("decade", r"(?:\bthe\s+)?(?:\b(?:early|late|mid)[\s-]+)?(?:\b(?P<dec>(?:1[6-9]|20)\d)0s"
                   r"|'(?P<dec2>\d)0s)\b"),
        ("century", r"(?:\bthe\s+)?\b(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century\b"),
        ("relative_unit", rf"\b{_EDGE}(?P<shift>{_SHIFTS})\s+(?P<unit>year|month|weekend|week"
                          r"|quarter|decade|century|spring|summer|fall|autumn|winter)\b"),
        ("ago", rf"(?:\b(?:about|almost|nearly|some|more than|less than|over|just|only)\s+)?"
                rf"\b(?P<num>{NUMBER_RE})[\s-]+(?P<unit>{UNIT_RE})\s+"
                r"(?P<dir>ago|earlier|later|from now|hence)\b"),
        ("reference", rf"\b(?:{trie_alternation(REFERENCE_WORDS)})\b"),
        ("duration", rf"(?:\b(?P<mod>{_DURATION_MODS})\s+)?\b(?P<num>{NUMBER_RE})(?:\s+more)?"
                     rf"[\s-]+(?P<unit>{UNIT_RE})\b(?:-long)?(?![\s-]+old\b)"),
        ("vague_duration", r"(?:\b(?:recent|the past|the last|the coming|the next|the past few"
                           r"|the last few|the next few|in recent)\s+|(?<=\bfor\s))"
                           r"(?P<unit>minutes|hours|days|weeks|months|years|decades|centuries)\b"),
        ("vague_duration", r"\bcoming\s+(?P<unit>weeks|months|years)\b"),
        ("quarter", r"(?:\b(?P<det>the|this year's|last year's)\s+)?(?:\bfiscal\s+)?"
                    r"(?:\b(?P<which>first|second|third|fourth|1st|2nd|3rd|4th|latest|current"
                    r"|previous|past|year-earlier|year-ago|same|\d{4})[\s-]+)?(?:fiscal\s+)?"
                    r"\b(?P<unit>quarter|half|period)\b(?!-to)"),
        ("day_word", rf"\b{_EDGE}(?P<day>the day before yesterday|the day after tomorrow"
                     rf"|{day_words}|tonight)(?:'s)?(?:\s+(?P<part>morning|afternoon|evening|night))?\b"),
        ("this_part", r"\b(?:this|last)\s+(?P<part>morning|afternoon|evening|night)\b"),
        ("the_unit", r"\bthe\s+(?:(?P<which>full|fiscal|latest fiscal|current fiscal)\s+)?"
                     r"(?P<unit>year|week|weekend)\b(?!-| ago| earlier| before| after| of\b)"),
        ("year_edge", r"\b(?:(?:by|around|at|until)\s+)?(?P<phrase>year-end|year end|year's end"
                      r"|the end of the year|the end of this year|the end of the month)\b"),
        ("year_back", r"\byear-(?:earlier|ago)\b"),
        ("spoken_year", r"\b(?:the year\s+)?(?:nineteen\s+(?P<tens>twenty|thirty|forty|fifty|sixty"
                        r"|seventy|eighty|ninety)(?:[\s-](?P<ones>one|two|three|four|five|six|seven"
                        r"|eight|nine))?|(?P<two>the year two thousand))\b"),
        ("named_decade", r"\bthe\s+(?:(?:early|late|mid)[\s-]+)?(?P<dec>twenties|thirties|forties"
                         r"|fifties|sixties|seventies|eighties|nineties)\b"),
        ("clock", rf"(?:\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<min>[0-5]\d))?\s*"
                  rf"(?P<ampm>[ap]\.\s?m\b\.?|[ap]m\b)|\b(?P<word>noon|midnight|midday)\b){_TZ}"
                  rf"(?:,?\s+(?:on\s+)?(?P<when>{weekday}|{day_words})\b)?"),
        ("set", rf"\b(?:every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{NUMBER_RE})\s+)?"
                rf"(?:(?P<unit>{UNIT_RE})|(?P<wd>{weekday}))\b"),
        ("set", rf"\b(?:once|twice|(?:{NUMBER_RE})\s+times)\s+(?:a|an|per|each)\s+(?P<num>)?"
                r"(?P<other>)?(?P<wd>)?(?P<unit>day|week|month|year|hour|minute|quarter)\b"),
        ("frequency", rf"\b(?:{'|'.join(FREQUENCY_WORDS)})\b"),
        ("holiday", r"\b(?P<name>Christmas|New Year's|New Year)(?:\s+(?P<eve>Day|Eve))?\b"),
    ]


#: Token shapes usable as heads: any digit run, an ordinal ("10th"), a decade ("1990s").
DIGITS, ORDINAL, DECADE = "<digits>", "<ordinal>", "<decade>"


def rule_heads(months: Iterable[str], weekdays: Iterable[str]) -> dict[str, frozenset[str]]:
    """Per rule, the lower-case words (or token shapes) of which every match holds one.

    The tagger looks the words up in an index of the text's tokens and runs a rule only in
    windows around them, so that a pass over a text costs one tokenisation, not one regex scan
    per rule.
    """
    month_words = frozenset(months)
    weekday_words = frozenset(weekdays)
    units = frozenset(
        "second seconds minute minutes hour hours day days week weeks weekend fortnight"
        " fortnights month months quarter quarters year years decade decades century"
        " centuries".split()
    )
    references = frozenset(phrase.split()[-1] for phrase in REFERENCE_WORDS)
    words = frozenset
    return {
        "numeric_iso": words({DIGITS}),
        "numeric_slash": words({DIGITS}),
        "month_day": month_words,
        "month_year": month_words,
        "month": month_words,
        "weekday": weekday_words,
        "day_of_month": words({ORDINAL}),
        "year": words({DIGITS}),
        "decade": words({DECADE}),
        "century": words({"century"}),
        "relative_unit": units | words(SEASONS),
        "ago": words({"ago", "earlier", "later", "now", "hence"}),
        "reference": references,
        "duration": units,
        "vague_duration": units,
        "quarter": words({"quarter", "half", "period"}),
        "day_word": words({"today", "tonight", "yesterday", "tomorrow"}),
        "this_part": words({"morning", "afternoon", "evening", "night"}),
        "the_unit": words({"year", "week", "weekend"}),
        "year_edge": words({"year", "end", "month"}),
        "year_back": words({"year"}),
        "spoken_year": words({"nineteen", "thousand"}),
        "named_decade": words("twenties thirties forties fifties sixties seventies eighties"
                              " nineties".split()),
        "clock": words({DIGITS, "noon", "midnight", "midday"}),
        "set": words({"every", "each", "per", "once", "twice", "times"}),
        "frequency": words(FREQUENCY_WORDS),
        "holiday": words({"christmas", "year"}),
    }
