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
    "COORDINATED_CUES",
    "FORWARD_ONLY_FORMS",
    "FORWARD_ONLY_LEMMAS",
    "MULTIWORD_CUES",
    "NOUN_LIKE_FORMS",
    "NP_INNER_WORDS",
    "ORG_WORDS",
    "PARTICIPLE_FORMS",
    "PRONOUNS",
    "QUOTE_PAIRS",
    "ROLE_NOUNS",
    "SPEAKER_BREAK_WORDS",
    "STANCE_LEMMAS",
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
    "observe": ("observe", "observes", "observed"),
    "remark": ("remark", "remarks", "remarked", "remarking"),
    "continue": ("continued",),
    "joke": ("joke", "jokes", "joked", "joking"),
    "quip": ("quips", "quipped"),
    "boast": ("boast", "boasts", "boasted", "boasting"),
    "exclaim": ("exclaims", "exclaimed"),
    "concede": ("concede", "concedes", "conceded", "conceding"),
    "caution": ("caution", "cautions", "cautioned", "cautioning"),
    "mention": ("mention", "mentions", "mentioned"),
    "agree": ("agree", "agrees", "agreed"),
    "estimate": ("estimate", "estimates", "estimated"),
    "believe": ("believe", "believes", "believed"),
    "think": ("think", "thinks", "thought"),
    "find": ("find", "finds", "found"),
    "show": ("show", "shows", "showed"),
    "accuse": ("accuse", "accuses", "accused", "accusing"),
    "call": ("call", "calls", "called", "calling"),
    "describe": ("describe", "describes", "described", "describing"),
    "cite": ("cite", "cites", "cited", "citing"),
    "want": ("want", "wants", "wanted"),
    "plan": ("plan", "plans", "planned", "planning"),
    "criticize": ("criticize", "criticizes", "criticized", "criticizing", "criticise",
                  "criticises", "criticised"),
    "rule": ("ruled",),
    "question": ("question", "questions", "questioned", "questioning"),
    "attack": ("attack", "attacks", "attacked", "attacking"),
    "slam": ("slams", "slammed", "slamming"),
    "praise": ("praise", "praises", "praised", "praising"),
    "condemn": ("condemn", "condemns", "condemned", "condemning"),
    "propose": ("propose", "proposes", "proposed", "proposing"),
    "demand": ("demand", "demands", "demanded", "demanding"),
    "expect": ("expect", "expects", "expected", "expecting"),
    "hope": ("hope", "hopes", "hoped", "hoping"),
    "fear": ("fear", "fears", "feared"),
    "worry": ("worry", "worries", "worried"),
    "testify": ("testifies", "testified", "testifying"),
    "lament": ("lament", "laments", "lamented", "lamenting"),
    "recommend": ("recommend", "recommends", "recommended", "recommending"),
    "decline": ("declines", "declined"),
    "refuse": ("refuses", "refused"),
    "oppose": ("oppose", "opposes", "opposed"),
    "defend": ("defend", "defends", "defended", "defending"),
    "signal": ("signals", "signaled", "signalled"),
    "blame": ("blame", "blames", "blamed", "blaming"),
    "encourage": ("encourages", "encouraged", "encouraging"),
    "know": ("know", "knows", "knew"),
    "feel": ("feel", "feels", "felt"),
    "discuss": ("discusses", "discussed"),
    "compare": ("compares", "compared"),
    "decide": ("decides", "decided"),
    "order": ("ordered",),
    "seek": ("seeks", "sought"),
    # Further reporting and stance verbs of the attribution literature (PARC 3.0, Pareti 2016).
    "charge": ("charge", "charges", "charged", "charging"),
    "disclose": ("disclose", "discloses", "disclosed", "disclosing"),
    "dismiss": ("dismiss", "dismisses", "dismissed", "dismissing"),
    "dispute": ("dispute", "disputes", "disputed", "disputing"),
    "doubt": ("doubt", "doubts", "doubted"),
    "endorse": ("endorse", "endorses", "endorsed", "endorsing"),
    "express": ("expresses", "expressed", "expressing"),
    "forecast": ("forecasts", "forecasted"),
    "hint": ("hints", "hinted", "hinting"),
    "imply": ("implies", "implied", "implying"),
    "indicate": ("indicate", "indicates", "indicated", "indicating"),
    "proclaim": ("proclaims", "proclaimed", "proclaiming"),
    "reject": ("reject", "rejects", "rejected", "rejecting"),
    "request": ("requests", "requested", "requesting"),
    "speculate": ("speculate", "speculates", "speculated", "speculating"),
    "swear": ("swears", "swore", "sworn"),
    "threaten": ("threaten", "threatens", "threatened", "threatening"),
    "wonder": ("wonder", "wonders", "wondered", "wondering"),
    "guarantee": ("guarantees", "guaranteed"),
    "liken": ("likens", "likened", "likening"),
    "mock": ("mocks", "mocked", "mocking"),
    "blast": ("blasts", "blasted", "blasting"),
    "echo": ("echoes", "echoed", "echoing"),
    "scold": ("scolds", "scolded", "scolding"),
    "dub": ("dubs", "dubbed", "dubbing"),
    "label": ("labels", "labeled", "labelled", "labeling"),
    "brand": ("brands", "branded", "branding"),
    "support": ("support", "supports", "supported"),
    "back": ("backs", "backed"),
    "learn": ("learned", "learnt"),
    "consider": ("consider", "considers", "considered"),
    "tout": ("touts", "touted", "touting"),
    "highlight": ("highlights", "highlighted", "highlighting"),
    "chide": ("chides", "chided", "chiding"),
    "assure": ("assure", "assures", "assured", "assuring"),
    "remind": ("reminds", "reminded", "reminding"),
    "advise": ("advises", "advised", "advising"),
    "forget": ("forgot",),
    "recognize": ("recognizes", "recognized", "recognise", "recognised"),
    "understand": ("understands",),
    "imagine": ("imagines", "imagined"),
    "insinuate": ("insinuates", "insinuated"),
    # Reporting verbs among the cues of the PolNeAR training split ("the governor repeated his
    # promise", "the pastor recited a prayer", "the campaign retweeted the video"). Forward-only.
    "repeat": ("repeat", "repeats", "repeated", "repeating"),
    "recite": ("recite", "recites", "recited", "reciting"),
    "retweet": ("retweets", "retweeted", "retweeting"),
}


def _regular(lemma: str) -> tuple[str, ...]:
    """Base, third person, past and ``-ing`` of a regular verb (``laud`` -> ``lauds``, ``lauded``,
    ``lauding``; ``decry`` -> ``decries``, ``decried``; ``denounce`` -> ``denounced``)."""
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    if lemma.endswith("e"):
        return lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return lemma, third, lemma + "ed", lemma + "ing"


#: Verbs of judging, supporting, opposing, presenting and informing that PolNeAR and PARC mark
#: as attributions of a stance ("Gov. Tomblin lauded Mr. Clarke for ..."); regular verbs, so
#: their forms are generated. Forward-only, like the stance verbs above.
STANCE_LEMMAS: dict[str, tuple[str, ...]] = {
    lemma: _regular(lemma) for lemma in (
        "laud hail applaud commend congratulate denounce decry deplore chastise rebuke lambaste "
        "berate ridicule disparage promote unveil publish admire resent distrust dislike assume "
        "suspect presume anticipate envision rebut refute contradict recount characterize "
        "portray depict inform notify instruct implore plead beg apologize clarify affirm "
        "reaffirm compare encourage discuss decide"
    ).split()
}
#: Lemmas whose base, third-person and -ing forms are as often nouns or adjectives ("an appeals
#: court", "voting rights", "who has been challenging"): only the past is a cue.
STANCE_LEMMAS.update({
    lemma: _regular(lemma)[2:3] for lemma in (
        "welcome thank insult fault advocate favor champion lobby outline detail challenge "
        "contest protest object appeal vote order brief"
    ).split()
})
STANCE_LEMMAS["seek"] = ("seek", "seeks", "sought", "seeking")
STANCE_LEMMAS["back"] = ("backs", "backed")
CUE_LEMMAS.update({lemma: tuple(dict.fromkeys(CUE_LEMMAS.get(lemma, ()) + forms))
                   for lemma, forms in STANCE_LEMMAS.items()})

#: Cue forms that are as often nouns ("the show", "tax plans"): a cue only after a name,
#: pronoun, role or plural subject.
NOUN_LIKE_FORMS = frozenset(
    "support doubt charge demand fear hope plan "
    "show shows plan plans question questions attack attacks remark remarks report reports note "
    "notes call calls claim claims demand demands hope hopes fear fears worry worries promise "
    "promises supports backs charges doubts estimates finds comment comments request requests "
    "threats echoes labels brands highlights reply replies tweet tweets counter state".split()
)

#: Every single-word cue form.
CUE_FORMS: frozenset[str] = frozenset(form for forms in CUE_LEMMAS.values() for form in forms)

#: Lemmas that are cues only in the forward pattern "X <verb> (that) ...", never in the
#: inverted "..., <verb> X" one, because they are too often ordinary verbs.
FORWARD_ONLY_LEMMAS = frozenset(
    {"find", "show", "believe", "think", "call", "describe", "accuse", "agree", "estimate",
     "continue", "ask", "state", "mention", "observe", "cite", "want", "plan",
     "criticize", "rule", "question", "attack", "slam", "praise", "condemn", "propose",
     "demand", "expect", "hope", "fear", "worry", "testify", "lament",
     "recommend", "decline", "refuse", "oppose", "defend",
     "signal", "blame", "encourage", "know", "feel", "discuss",
     "compare", "decide", "order", "seek", "charge", "disclose", "dismiss", "dispute", "doubt",
     "endorse", "express", "forecast", "hint", "imply", "indicate", "proclaim", "reject",
     "request", "speculate", "swear", "threaten", "wonder", "guarantee", "liken", "mock", "blast",
     "echo", "scold", "dub", "label", "brand", "support", "back", "consider", "tout",
     "highlight", "chide", "assure", "remind", "advise", "forget", "recognize", "understand",
     "imagine", "insinuate", "repeat", "recite", "retweet"} | set(STANCE_LEMMAS)
)

#: Every form of the forward-only lemmas.
FORWARD_ONLY_FORMS: frozenset[str] = frozenset(
    form for lemma in FORWARD_ONLY_LEMMAS for form in CUE_LEMMAS[lemma]
)

#: Speech verbs that open a second attribution of the same subject: "X says A and said B",
#: "X urged A and criticized B": the present and past forms of every cue, not the ones as
#: often nouns ("and support").
COORDINATED_CUES = frozenset(
    "said says told tells added adds noted notes argued argues warned warns stressed stresses "
    "insisted insists claimed claims explained explains urged urges acknowledged suggested "
    "called calls asked asks vowed vows promised promises wrote thought knew felt found sought "
    "swore".split()
) | frozenset(f for f in CUE_FORMS if f.endswith("ed") and f not in NOUN_LIKE_FORMS)

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
    # Prepositional reporting cues among the cues of the PolNeAR training split ("the mayor,
    # referring to the audit, ...", "she talked about ..."). Not "pointed/points to": in news its
    # subject is as often evidence or signs as a speaker ("the data points to a slowdown").
    "referring to", "refers to", "referred to", "refer to",
    "talking about", "talked about", "talks about", "spoke about", "pointing out",
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
    "''": ("''",),  # ''...'' (two apostrophes: the New York Times' archive typesetting)
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
