"""Stopwords for grouping features: function words and news boilerplate, per language.

Data only; :mod:`storyline.group.features` uses it. Words are lowercase and accent-folded (the form
features compare), so "était" is listed as "etait". Lists are short on purpose: they remove what
carries no meaning about a story; rare-but-meaningless words are left to the IDF weighting.
"""

from __future__ import annotations

from functools import lru_cache

_EN = """
a about above after again against ago all also although am among an and another any are around as
at away back be became because been before being below between both but by can could did do does
doing done down during each either else even ever every few for from further get gets got had has
have having he her here hers herself him himself his how however i if in into is it its itself just
last least less like made make many may me might more most much must my myself near neither never
new next no nor not now of off often on once one only or other our ours ourselves out over own per
rather said same say says several she should since so some still such than that the their theirs
them themselves then there these they this those though three through thus to too two under until
up upon us very was we well were what when where whether which while who whom whose why will with
within without would yet you your yours yourself also told according including added asked saying
week weeks day days year years month months time today yesterday tomorrow monday tuesday wednesday
thursday friday saturday sunday mr mrs ms dr people report reported reports news read share
january february march april june july august september october november december
"""

_ES = """
a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el
ella ellas ellos en entre era eran es esa esas ese eso esos esta estaba estado estan estar este
esto estos fue fueron ha habia han hasta hay la las le les lo los mas me mi muy ni no nos o otra
otras otro otros para pero por porque que quien se sea segun ser si sido sin sobre su sus tambien
tiene tienen todo todos tras un una uno unos y ya dijo dice ano anos dia dias hoy ayer lunes martes
miercoles jueves viernes sabado domingo enero febrero marzo abril mayo junio julio agosto septiembre
octubre noviembre diciembre
"""

_FR = """
a au aux avec avait avant c ce cela ces cet cette comme dans de des du elle elles en entre est et
etait ete etre eux il ils je la le les leur leurs lui mais meme ne ni nous on ou par pas plus pour
qu que qui sa sans se selon ses si son sont sous sur ta te tes toi ton tous tout toute toutes tres
un une vers vous y deja aussi apres depuis dont fait ont peut a l d s n qu j m t an ans jour jours
hier aujourd hui lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai
juin juillet aout septembre octobre novembre decembre selon
"""

_IT = """
a ad al alla alle allo agli ai anche che chi con da dal dalla dalle dei del della delle dello di e
ed era erano gli ha hanno i il in la le lo loro ma ne nei nel nella nelle non o per piu quale quando
questa queste questi questo se sono su sua sue sui sul sulla suo suoi tra tutti tutto un una uno
gia dopo anno anni giorno giorni ieri oggi lunedi martedi mercoledi giovedi venerdi sabato domenica
gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre stato
essere come dove cui sia fra
"""

_DE = """
aber alle allem allen aller als also am an auch auf aus bei bin bis da damit dann das dass dem den
der des dich die dir doch dort du durch ein eine einem einen einer eines er es fur gegen hat hatte
hatten ich ihr ihre im in ist ja jetzt kann kein keine man mehr mit nach nicht noch nun nur ob oder
ohne sich sie sind so soll um und uns unter vom von vor war waren was weil wenn werden wie wir wird
wurde wurden zu zum zur uber jahr jahre tag tage gestern heute montag dienstag mittwoch donnerstag
freitag samstag sonntag januar februar marz mai juni juli oktober dezember sagte
"""

#: Stopwords by ISO 639-1 code.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(_EN.split()),
    "es": frozenset(_ES.split()),
    "fr": frozenset(_FR.split()),
    "it": frozenset(_IT.split()),
    "de": frozenset(_DE.split()),
}

#: Every language's stopwords, for articles whose language is unknown.
ALL_STOPWORDS: frozenset[str] = frozenset().union(*STOPWORDS.values())


@lru_cache(maxsize=64)
def stopwords_for(language: str | None) -> frozenset[str]:
    """The stopwords to use for an article.

    Args:
        language: ISO 639-1 code, or None when unknown.

    Returns:
        English plus the language's own list when it is known, else every list.
    """
    if language is None or language not in STOPWORDS:
        return ALL_STOPWORDS
    # Memoised: one set per language, so that per-token caches keyed by it hit at once.
    return STOPWORDS[language] | STOPWORDS["en"]
