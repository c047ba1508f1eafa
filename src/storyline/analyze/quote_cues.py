"""Language data for quotation finding: cue verbs, quote marks, pronouns and role nouns.

Data only; the logic that uses it lives in :mod:`storyline.analyze.quotes`. English only for
now. Every verb is listed with its inflections, so that matching is a set lookup on a token.
"""

from __future__ import annotations

__all__ = [
    "AUXILIARIES",
    "CUE_LEMMAS",
    "CUE_FORMS",
    "CLOSER_OF",
    "FORWARD_ONLY_FORMS",
    "FORWARD_ONLY_LEMMAS",
    "MULTIWORD_CUES",
    "NP_INNER_WORDS",
    "ORG_WORDS",
    "PARTICIPLE_FORMS",
    "PRONOUNS",
    "QUOTE_PAIRS",
    "ROLE_NOUNS",
    "SPEAKER_BREAK_WORDS",
    "NON_PERSON_WORDS",
    "TELL_FORMS",
    "TIME_WORDS",
]

#: Speech and attribution verbs: lemma -> inflected forms (base, 3sg, past, -ing).
CUE_LEMMAS: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "add": ("add", "adds", "added", "adding"),
    "stress": ("stress", "stresses", "stressed", "stressing"),
    "urge": ("urge", "urges", "urged", "urging"),
    "warn": ("warn", "warns", "warned", "warning"),
    "insist": ("insist", "insists", "insisted", "insisting"),
    "note": ("note", "notes", "noted", "noting"),
    "claim": ("claim", "claims", "claimed", "claiming"),
    "argue": ("argue", "argues", "argued", "arguing"),
    "explain": ("explain", "explains", "explained", "explaining"),
    "announce": ("announce", "announces", "announced", "announcing"),
    "state": ("stated", "stating"),
    "declare": ("declare", "declares", "declared", "declaring"),
    "assert": ("assert", "asserts", "asserted", "asserting"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged", "acknowledging"),
    "admit": ("admit", "admits", "admitted", "admitting"),
    "confirm": ("confirm", "confirms", "confirmed", "confirming"),
    "deny": ("deny", "denies", "denied", "denying"),
    "suggest": ("suggest", "suggests", "suggested", "suggesting"),
    "write": ("write", "writes", "wrote", "writing"),
    "report": ("report", "reports", "reported", "reporting"),
    "maintain": ("maintain", "maintains", "maintained", "maintaining"),
    "emphasize": ("emphasize", "emphasizes", "emphasized", "emphasizing", "emphasise",
                  "emphasises", "emphasised", "emphasising"),
    "reiterate": ("reiterate", "reiterates", "reiterated", "reiterating"),
    "complain": ("complain", "complains", "complained", "complaining"),
    "predict": ("predict", "predicts", "predicted", "predicting"),
    "promise": ("promise", "promises", "promised", "promising"),
    "vow": ("vow", "vows", "vowed", "vowing"),
    "pledge": ("pledge", "pledges", "pledged", "pledging"),
    "ask": ("ask", "asks", "asked", "asking"),
    "reply": ("reply", "replies", "replied", "replying"),
    "respond": ("respond", "responds", "responded", "responding"),
    "counter": ("counter", "counters", "countered", "countering"),
    "recall": ("recall", "recalls", "recalled", "recalling"),
    "reveal": ("reveal", "reveals", "revealed", "revealing"),
    "allege": ("allege", "alleges", "alleged", "alleging"),
    "conclude": ("conclude", "concludes", "concluded", "concluding"),
    "tweet": ("tweet", "tweets", "tweeted", "tweeting"),
    "contend": ("contend", "contends", "contended", "contending"),
    "observe": ("observes", "observed"),
    "remark": ("remark", "remarks", "remarked", "remarking"),
    "continue": ("continued",),
    "joke": ("joke", "jokes", "joked", "joking"),
    "quip": ("quips", "quipped"),
    "boast": ("boast", "boasts", "boasted", "boasting"),
    "exclaim": ("exclaims", "exclaimed"),
    "concede": ("concede", "concedes", "conceded", "conceding"),
    "caution": ("cautions", "cautioned", "cautioning"),
    "mention": ("mentions", "mentioned"),
    "agree": ("agree", "agrees", "agreed"),
    "estimate": ("estimates", "estimated"),
    "believe": ("believe", "believes", "believed"),
    "think": ("think", "thinks", "thought"),
    "find": ("find", "finds", "found"),
    "show": ("show", "shows", "showed"),
    "accuse": ("accuse", "accuses", "accused", "accusing"),
    "call": ("call", "calls", "called", "calling"),
    "describe": ("describe", "describes", "described", "describing"),
    "cite": ("cite", "cites", "cited", "citing"),
    "want": ("wants", "wanted"),
    "plan": ("plans", "planned"),
    "criticize": ("criticize", "criticizes", "criticized", "criticizing", "criticise",
                  "criticises", "criticised"),
    "rule": ("ruled",),
    "question": ("questions", "questioned", "questioning"),
    "attack": ("attacks", "attacked", "attacking"),
    "slam": ("slams", "slammed", "slamming"),
    "praise": ("praises", "praised", "praising"),
    "condemn": ("condemns", "condemned", "condemning"),
    "propose": ("proposes", "proposed", "proposing"),
    "demand": ("demands", "demanded", "demanding"),
    "expect": ("expects", "expected"),
    "hope": ("hopes", "hoped"),
    "fear": ("fears", "feared"),
    "worry": ("worries", "worried"),
    "testify": ("testifies", "testified", "testifying"),
    "lament": ("laments", "lamented", "lamenting"),
    "recommend": ("recommends", "recommended", "recommending"),
    "decline": ("declines", "declined"),
    "refuse": ("refuses", "refused"),
    "oppose": ("opposes", "opposed"),
    "defend": ("defends", "defended", "defending"),
    "signal": ("signals", "signaled", "signalled"),
    "point": ("pointed",),
    "blame": ("blames", "blamed", "blaming"),
    "encourage": ("encourages", "encouraged", "encouraging"),
    "know": ("knows", "knew"),
    "feel": ("feels", "felt"),
    "discuss": ("discusses", "discussed"),
    "compare": ("compares", "compared"),
    "decide": ("decides", "decided"),
    "order": ("ordered",),
    "seek": ("seeks", "sought"),
}

#: Every single-word cue form.
CUE_FORMS: frozenset[str] = frozenset(form for forms in CUE_LEMMAS.values() for form in forms)

#: Lemmas that are cues only in the forward pattern "X <verb> (that) ...", never in the
#: inverted "..., <verb> X" one, because they are too often ordinary verbs.
FORWARD_ONLY_LEMMAS = frozenset(
    {"find", "show", "believe", "think", "call", "describe", "accuse", "agree", "estimate",
     "continue", "report", "ask", "state", "mention", "observe", "cite", "want", "plan",
     "criticize", "rule", "question", "attack", "slam", "praise", "condemn", "propose",
     "demand", "expect", "hope", "fear", "worry", "testify", "lament",
     "recommend", "decline", "refuse", "oppose", "defend",
     "signal", "point", "blame", "encourage", "know", "feel", "discuss",
     "compare", "decide", "order", "seek"}
)

#: Every form of the forward-only lemmas.
FORWARD_ONLY_FORMS: frozenset[str] = frozenset(
    form for lemma in FORWARD_ONLY_LEMMAS for form in CUE_LEMMAS[lemma]
)

#: "-ing" forms that open a participial attribution: "..., saying (that) ...".
PARTICIPLE_FORMS = frozenset(
    {"saying", "adding", "noting", "stressing", "warning", "insisting", "arguing", "claiming",
     "explaining", "telling", "urging", "emphasizing", "emphasising", "reiterating",
     "asserting", "declaring", "suggesting", "acknowledging", "writing", "calling"}
)

#: Forms of "tell" (and similar) that take an addressee before the content.
TELL_FORMS = frozenset({"tell", "tells", "told", "telling", "ask", "asks", "asked", "asking",
                        "urge", "urges", "urged", "urging", "warn", "warns", "warned",
                        "warning", "assure", "assured", "assures", "remind", "reminded"})

#: Multi-word cues, matched case-insensitively on word boundaries (longest first).
MULTIWORD_CUES: tuple[str, ...] = (
    "was cited as saying", "were cited as saying", "is cited as saying",
    "was quoted as saying", "were quoted as saying", "is quoted as saying",
    "was reported as saying", "went on to say", "pointed out", "points out",
    "made clear", "made it clear", "according to",
)

#: Quote marks: opener -> the closers it pairs with.
QUOTE_PAIRS: dict[str, tuple[str, ...]] = {
    '"': ('"',),
    "\u201c": ("\u201d", "\u201c"),  # “ ... ” (or “ ... “ in careless typesetting)
    "\u201e": ("\u201c", "\u201d"),  # „ ... “ (German) or „ ... ” (Polish)
    "\u00ab": ("\u00bb",),  # « ... »
    "\u00bb": ("\u00ab",),  # » ... « (Danish, German)
    "\u2039": ("\u203a",),  # ‹ ... ›
    "\u300c": ("\u300d",),  # 「 ... 」
    "\u300e": ("\u300f",),  # 『 ... 』
    "\u2018": ("\u2019",),  # ‘ ... ’
    "'": ("'",),
}

#: Closer -> openers, derived from QUOTE_PAIRS.
CLOSER_OF: dict[str, tuple[str, ...]] = {
    closer: tuple(op for op, closers in QUOTE_PAIRS.items() if closer in closers)
    for closer in {c for closers in QUOTE_PAIRS.values() for c in closers}
}

#: Pronouns that may be speakers: lowercase form -> (gender, number). Gender: m, f, n, any.
PRONOUNS: dict[str, tuple[str, str]] = {
    "he": ("m", "sg"), "she": ("f", "sg"), "it": ("n", "sg"), "they": ("any", "pl"),
    "we": ("any", "pl"), "i": ("any", "sg"), "you": ("any", "any"), "who": ("p", "any"),
}

#: Nouns naming a role; "the spokesman said" is resolved to the one spokesman named earlier.
ROLE_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson spokespeople official officials minister secretary "
    "president vice-president ambassador adviser advisor envoy diplomat chairman chairwoman "
    "chair director chief commander general governor senator congressman congresswoman "
    "representative lawmaker mayor premier chancellor king queen prince leader head "
    "candidate nominee manager aide aides source sources analyst analysts expert experts "
    "attorney lawyer judge prosecutor sheriff counselor economist professor researcher "
    "strategist pollster operative campaign administration "
    "correspondent reporter editor author founder executive ceo officer negotiator".split()
)

#: Capitalised words that mark an organisation rather than a person (not pronoun antecedents).
ORG_WORDS = frozenset(
    "State Department Ministry House Office Council Committee Agency Party Court Congress Senate "
    "Pentagon Kremlin Government Administration Commission Union Organization Organisation "
    "Treaty Bank Fund Times Post Journal News Press Agency Reuters AFP Anadolu Institute "
    "University Association Corporation Inc Group Campaign Foundation Center Centre Service "
    "Army Navy Force Forces Police Bureau Board Authority NATO".split()
)

#: Lowercase words allowed inside a speaker noun phrase ("the head of the agency").
NP_INNER_WORDS = frozenset(
    "the a an of for 's ' and de van von der al bin el la le du".split()
)

#: Words that end a leftward speaker scan: verbs, conjunctions, prepositions, clause openers.
SPEAKER_BREAK_WORDS = frozenset(
    "that which who whom whose when where while if because as since although though but or "
    "and nor so than then to in on at by with from into about after before during over under "
    "is are was were be been being has have had do does did will would can could should may "
    "might must not also just only even still said says say told added this these those it "
    "its his her their our my your".split()
)

#: Auxiliaries and adverbs skipped between a speaker and its cue ("Ankara has repeatedly said").
AUXILIARIES = frozenset(
    "has have had also later then again repeatedly previously recently once publicly "
    "privately reportedly further flatly firmly simply quickly already often always never "
    "would will did does do is was were are been being just even".split()
)

#: Capitalised words that never belong to a person's name (places, days, months).
NON_PERSON_WORDS = frozenset(
    "States Kingdom Nations Union Republic Arabia Korea Africa America Europe Asia East West "
    "North South Sea Ocean Street Avenue Road Channel Sunday Monday Tuesday Wednesday Thursday "
    "Friday Saturday January February March April May June July August September October "
    "November December Democrats Republicans Democratic Republican Americans God Twitter "
    "Facebook Instagram YouTube Google Street Island Valley County City Hill".split()
)

#: Words that open no speaker: leading time adverbials trimmed off a speaker scan.
TIME_WORDS = frozenset(
    "yesterday today tonight now here there recently earlier later meanwhile however monday "
    "tuesday wednesday thursday friday saturday sunday".split()
)
