"""Word lists of name resolution: given-name variants, spelling variants, place and body aliases.

Only data lives here (STYLE §1); :mod:`storyline.reconcile.name_keys` uses it. All entries are
folded (lowercase, no accents).
"""

from __future__ import annotations

#: Groups of given names that may name the same person (nicknames and spellings; spellings that
#: the phonetic key already unites, such as Antony/Anthony, need no entry).
GIVEN_NAME_GROUPS: tuple[frozenset[str], ...] = tuple(frozenset(g.split()) for g in (
    "joseph joe joey", "anthony antony tony", "william bill billy will", "robert bob bobby rob",
    "michael mike mick", "richard dick rick richie", "james jim jimmy jamie", "john jack johnny",
    "thomas tom tommy", "charles charlie chuck", "edward ed ted teddy eddie", "elizabeth liz beth betty",
    "katherine catherine kate kathy cathy", "margaret maggie meg peggy", "christopher chris",
    "daniel dan danny", "david dave", "donald don", "nicholas nick nicolas", "alexander alex alexandre",
    "jacob jake", "benjamin ben benny", "samuel sam", "steven stephen steve", "timothy tim",
    "matthew matt", "andrew andy", "patrick pat", "peter pete", "gregory greg", "jeffrey jeff geoffrey",
    "kenneth ken kenny", "ronald ron ronnie", "lawrence larry laurence", "mohammed muhammad mohammad "
    "mohamed muhammed mehmet", "vladimir volodymyr", "sergei sergey serhiy", "yusuf joseph",
    "ibrahim abraham", "suleiman suleyman sulaiman", "hussein husayn huseyin", "mustafa mustapha",
))

#: British/American and other spelling variants, folded to one form in keys.
SPELLING: dict[str, str] = {
    "defence": "defense", "organisation": "organization", "programme": "program",
    "labour": "labor", "centre": "center", "dept": "department", "intl": "international",
    "govt": "government", "ministery": "ministry",
}

#: Names of one place or body: each alias key → a shared canonical key.
ALIASES: dict[str, str] = {
    "us": "united states", "usa": "united states", "america": "united states",
    "united states of america": "united states", "the united states": "united states",
    "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "un": "united nations", "eu": "european union", "uae": "united arab emirates",
    "state department": "department of state", "us state department": "department of state",
    "us department of state": "department of state", "pentagon": "department of defense",
    "us department of defense": "department of defense", "defense department": "department of defense",
    "us defense department": "department of defense", "white house": "white house",
    "turkiye": "turkey", "russian federation": "russia", "ussr": "soviet union",
}

#: Pronouns: a mention that is only one of these is never a name and never merged.
PRONOUNS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers it its they them their "
    "theirs this that these those who whom which myself yourself himself herself itself "
    "ourselves themselves".split()
)

#: Place words that may lead an organisation's name ("US State Department", "Turkish Foreign
#: Ministry"); the same name without them is the same body within one story.
PLACE_MODIFIERS = frozenset(
    "us usa american turkish turkey russian russia british uk french german chinese iranian "
    "israeli european eu nato un".split()
)

#: Words after a company's name that other reports leave out ("Apple Computer", "NPD Group").
ORG_DESCRIPTORS = frozenset(
    "computer computers group holding holdings company companies corporation incorporated "
    "limited international industries technologies technology systems airlines airways".split()
)

#: Lowercase particles inside people's names ("Ursula von der Leyen", "Osama bin Laden").
NAME_PARTICLES = frozenset("von van der den de del della di da dos das du la le al el bin ibn bint ben".split())

#: Countries by their usual English names (folded). A country is a GPE whatever most of its
#: mentions were tagged: taggers call "Turkey" an ORG in "Turkey said" as often as a GPE.
COUNTRIES: frozenset[str] = frozenset((
    "afghanistan|albania|algeria|andorra|angola|argentina|armenia|australia|austria|azerbaijan|"
    "bahamas|bahrain|bangladesh|barbados|belarus|belgium|belize|benin|bhutan|bolivia|bosnia|"
    "bosnia and herzegovina|botswana|brazil|brunei|bulgaria|burkina faso|burundi|cambodia|"
    "cameroon|canada|chad|chile|china|colombia|comoros|congo|costa rica|croatia|cuba|cyprus|"
    "czech republic|czechia|denmark|djibouti|dominica|dominican republic|ecuador|egypt|"
    "el salvador|eritrea|estonia|eswatini|ethiopia|fiji|finland|france|gabon|gambia|georgia|"
    "germany|ghana|greece|grenada|guatemala|guinea|guyana|haiti|honduras|hungary|iceland|india|"
    "indonesia|iran|iraq|ireland|israel|italy|ivory coast|jamaica|japan|jordan|kazakhstan|kenya|"
    "kosovo|kuwait|kyrgyzstan|laos|latvia|lebanon|lesotho|liberia|libya|liechtenstein|lithuania|"
    "luxembourg|madagascar|malawi|malaysia|maldives|mali|malta|mauritania|mauritius|mexico|"
    "moldova|monaco|mongolia|montenegro|morocco|mozambique|myanmar|namibia|nepal|netherlands|"
    "new zealand|nicaragua|niger|nigeria|north korea|north macedonia|norway|oman|pakistan|"
    "palestine|panama|papua new guinea|paraguay|peru|philippines|poland|portugal|qatar|romania|"
    "russia|rwanda|saudi arabia|senegal|serbia|seychelles|sierra leone|singapore|slovakia|"
    "slovenia|somalia|south africa|south korea|south sudan|spain|sri lanka|sudan|suriname|"
    "sweden|switzerland|syria|taiwan|tajikistan|tanzania|thailand|togo|tunisia|turkey|turkiye|"
    "turkmenistan|uganda|ukraine|united arab emirates|united kingdom|united states|uruguay|"
    "uzbekistan|venezuela|vietnam|yemen|zambia|zimbabwe"
).split("|"))
