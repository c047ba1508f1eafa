"""Word lists of entity recognition and resolution: titles, roles, organisation suffixes, acronyms.

Only data lives here (STYLE §1); the logic that uses it is in :mod:`storyline.analyze.entities`,
:mod:`storyline.analyze.ner_features` and :mod:`storyline.reconcile.entities`. All words are
lowercase, without a final period unless the period is part of the token (``mr.``).
"""

from __future__ import annotations

import re

from storyline.analyze.regex_first import compile_guarded

#: Words that make up a title or a role before a person's name ("Turkish Defence Minister",
#: "State Department spokesman", "Secretary of State"). A run of them before a PERSON is its role;
#: leading ones inside a PERSON span are stripped from the name (and kept as the role).
TITLE_WORDS = frozenset(
    """
    mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady sheikh sheik ayatollah imam
    president vice prime minister ministers secretary general gen gen. senator sen sen.
    governor gov gov. mayor king queen prince princess emperor pope cardinal archbishop bishop
    rev rev. reverend father chancellor premier chief deputy foreign defence defense interior
    finance trade justice health energy economy education agriculture labor labour home state
    commerce treasury spokesman spokeswoman spokesperson adviser advisor ambassador envoy judge
    commander lieutenant lt lt. colonel col col. major maj maj. sergeant sgt sgt. captain capt
    capt. admiral adm adm. brigadier marshal representative rep rep. congressman congresswoman
    speaker leader chairman chairwoman chair director head counselor counsellor attorney
    national security council senior acting interim former incoming outgoing top official
    officials undersecretary under assistant spy army military police crown prophet president-elect
    ceo cfo founder co-founder executive
    """.split()
)

#: Function words allowed inside a title run ("Secretary of State", "Minister for Trade").
TITLE_GLUE = frozenset({"of", "for", "the", "and", "&"})

#: Role heads: a run of title words is a role only if it contains one of these (so "Senior" or
#: "National" alone is not a role).
ROLE_HEADS = frozenset(
    """
    president minister secretary general senator governor mayor king queen prince princess
    emperor pope cardinal archbishop bishop chancellor premier chief spokesman spokeswoman
    spokesperson adviser advisor ambassador envoy judge commander lieutenant colonel major
    sergeant captain admiral brigadier marshal representative congressman congresswoman speaker
    leader chairman chairwoman director head counselor counsellor attorney sheikh ayatollah imam
    undersecretary official ceo cfo founder co-founder executive prophet president-elect
    """.split()
)

#: Honorifics: stripped from names but not a role of their own.
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir dame rev rev. reverend".split())

#: Words that end an organisation's name ("Lockheed Martin Corp.", "Anadolu Agency").
ORG_SUFFIXES = frozenset(
    """
    inc inc. corp corp. corporation co co. ltd ltd. llc plc ag gmbh sa s.a. nv group holdings
    company agency ministry department dept dept. council committee commission organization
    organisation association union party bank university institute foundation fund office
    administration authority bureau court parliament assembly congress senate army navy
    force forces command alliance federation league network channel times post news press
    """.split()
)

#: Legal-form suffixes that resolution drops when it compares organisation names.
LEGAL_SUFFIXES = frozenset(
    "inc inc. corp corp. corporation co co. ltd ltd. llc plc ag gmbh sa s.a. nv".split()
)

#: Acronyms with a known type (the statistical model often misses all-caps tokens).
KNOWN_ACRONYMS: dict[str, str] = {
    "US": "GPE", "U.S.": "GPE", "USA": "GPE", "U.S.A.": "GPE", "UK": "GPE", "U.K.": "GPE",
    "UAE": "GPE", "EU": "ORG", "E.U.": "ORG", "UN": "ORG", "U.N.": "ORG", "NATO": "ORG",
    "OPEC": "ORG", "IMF": "ORG", "WHO": "ORG", "WTO": "ORG", "CIA": "ORG", "FBI": "ORG",
    "NSA": "ORG", "NASA": "ORG", "IAEA": "ORG", "ASEAN": "ORG", "AU": "ORG", "OSCE": "ORG",
    "BBC": "ORG", "CNN": "ORG", "AFP": "ORG", "AP": "ORG", "PKK": "ORG", "YPG": "ORG",
    "ISIS": "ORG", "ISIL": "ORG", "SDF": "ORG", "G7": "ORG", "G20": "ORG", "UNESCO": "ORG",
    "UNICEF": "ORG", "WB": "ORG", "ECB": "ORG", "SEC": "ORG", "FDA": "ORG", "CDC": "ORG",
}

#: Everyday all-caps words that are not names (headlines, shouting, units).
NOT_ACRONYMS = frozenset(
    """
    A I OK TV AM PM GMT UTC CEO CFO COO CTO PR GDP AI IT ID PDF USD EUR KM KG MP VIP DNA HIV
    AIDS COVID SMS UK2 BREAKING UPDATE UPDATED LIVE VIDEO PHOTO PHOTOS WATCH READ MORE NEWS
    THE AND FOR NOT BUT ALL NEW NOW TOP TRUE FALSE YES ASS END HOT BIG OUR YOUR JOIN FREE
    SALE NOTE WARNING UPDATE EDITOR EXCLUSIVE OPINION ANALYSIS
    GB MB KB TB GHz MHz KHz Mbps Gbps KW MW GW KWh MWh
    """.split()
)

#: Weapon systems and military programmes by designation: S-400, F-35, MiG-29, Su-57, HIMARS is
#: left to the acronym rule. An optional plural "s" is allowed (``S-400s``) and dropped by
#: resolution.
WEAPON_RE = compile_guarded(
    r"\b(?:[A-Z]{1,3}|Mi[G]|Su|Tu|Ka|Mi|Il|Yak|An)-\d{1,4}[A-Z]?(?:s\b|\b)(?!-)"
    r"(?:\s+(?:Triumf|Triumph|Patriot|Prometheus|Lightning(?:\s+II)?|Raptor|Hornet|Abrams))?"
)

#: Named weapon systems without a designation (matched as whole words, case-sensitive).
WEAPON_NAMES = frozenset({"Patriot", "Iron Dome", "Joint Strike Fighter", "THAAD", "Javelin",
                          "Stinger", "Tomahawk", "Bayraktar", "HIMARS"})

#: Words after a weapon name that make it a system or programme ("Patriot missile systems").
WEAPON_HEADS = frozenset("missile missiles system systems fighter fighters jet jets program "
                         "programme drone drones rocket rockets".split())

#: Head words that make a GMB ``geo`` span a LOC (a non-political place) rather than a GPE.
LOC_HEADS = frozenset(
    """
    river sea ocean gulf bay lake mountain mountains mount mt mt. island islands peninsula desert
    valley strait channel coast region basin plateau forest canal cape mediterranean pacific
    atlantic arctic antarctic caribbean balkans sahara himalayas alps
    """.split()
)

#: Person-name suffixes dropped by resolution ("Joseph R. Biden Jr.").
NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())

#: Words that never start or make up a named entity on their own, though capitalised.
NON_NAME_WORDS = frozenset(
    """
    the a an he she it they we i you this that these those his her its their our but and or
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december read more follow share
    """.split()
)

#: Organisations the news names every day whose names a tagger reads as places or people ("en
#: Twitter" looks like "en Túnez"; "Al Jazeera" loses its article "Al", a Spanish function word).
#: Written for this project (no licence-compatible offline list of organisations is at hand;
#: Wikidata would be the source): social networks, news agencies and broadcasters, newspapers
#: whose names open with an article (English ones without "The", as the press and GMB tag them),
#: and groups spelt with the Arabic article. Matched with their
#: capitals where the model tagged their last word; see
#: :func:`storyline.analyze.entity_pattern_rules.known_name`.
KNOWN_NAMES: dict[str, str] = {name: "ORG" for name in (
    "Twitter", "Facebook", "YouTube", "Youtube", "Instagram", "WhatsApp", "Google", "Wikipedia",
    "WikiLeaks", "Wikileaks", "Reuters", "Associated Press", "Agence France-Presse", "Europa Press",
    "Bloomberg", "Al Jazeera", "Al-Jazeera", "Al Jazira", "Al-Jazira", "Al Yazira", "Al-Yazira",
    "Al Arabiya", "Al-Arabiya", "Al Qaeda", "Al-Qaeda", "al Qaeda", "al-Qaeda", "Al Qaida",
    "Al-Qaida", "al-Qaida", "Al Qaïda", "Al-Qaïda", "al-Qaïda", "Al Kaida", "Al-Kaida",
    "Al Shabaab", "Al-Shabaab", "Al Ahram", "Al-Ahram", "Hezbollah", "Hizbollah", "Hizbolá",
    "El País", "El Mundo", "Le Monde", "Le Figaro", "La Repubblica", "Corriere della Sera",
    "La Stampa", "Der Spiegel", "New York Times", "Washington Post",
)}
