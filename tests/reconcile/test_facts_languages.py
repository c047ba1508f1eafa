"""Facts across languages: a statement and its translation are one fact."""

from __future__ import annotations

from storyline.analyze.annotate import annotate
from storyline.model import Article
from storyline.reconcile.entities import resolve_entities
from storyline.reconcile.facts import align_facts

EN = ("Airbus won a $15 billion order from Qatar Airways at the otherwise disappointing Paris Air Show, "
      "which had been dominated by worries about delays to its superjumbo and by strikes. "
      "Ryanair, the budget carrier, now flies 91 aircraft and has another 230 on order with Boeing, "
      "according to figures its chief executive gave shareholders. "
      "The weather in Toulouse was mild.")
ES = ("Airbus consiguió un pedido de 15.000 millones de dólares de Qatar Airways en el decepcionante "
      "Salón Aeronáutico de París, marcado por las preocupaciones sobre los retrasos de su superjumbo y por huelgas. "
      "Ryanair, la aerolínea de bajo coste, vuela hoy con 91 aviones y tiene otros 230 encargados a Boeing, "
      "según las cifras que su consejero delegado dio a los accionistas. "
      "Los analistas esperan más pedidos este año.")


def _facts(*articles: Article) -> list[set[str]]:
    items = resolve_entities([annotate(a) for a in articles])[1]
    return [{a.text[s.start:s.end] for a_id, s in f.fact.support for a in articles if a.id == a_id}
            for f in align_facts(items)]


def _same_day(**texts: str) -> list[set[str]]:
    """The facts of reports published on one day, one per language (keyword: language code)."""
    return _facts(*(Article(id=code, text=text, language=code, published="2011-03-01") for code, text in texts.items()))


def test_a_sentence_and_its_translation_are_one_fact() -> None:
    facts = _facts(Article(id="en", text=EN, language="en", published="2007-06-20"),
                   Article(id="es", text=ES, language="es", published="2007-06-20"))
    joined = [f for f in facts if len(f) > 1]
    assert any(any("Qatar" in s and "order" in s for s in f) and any("pedido" in s for s in f) for f in joined)
    assert any(any("91 aircraft" in s for s in f) and any("91 aviones" in s for s in f) for f in joined)
    # (with the cross-language comparison off, CROSS_LANGUAGE_DISCOUNT = 0, neither pair is one fact)
    assert not any(any("weather" in s for s in f) and len(f) > 1 for f in facts)  # nothing to meet


def test_two_sentences_sharing_only_names_and_not_a_translations_length_are_two_facts() -> None:
    it = ("Cina e Russia devono sedersi al tavolo della spartizione. "
          "Il Consiglio di sicurezza si riunirà domani a New York.")
    es = ("China y Rusia, miembros permanentes del Consejo de Seguridad y, por tanto, con derecho de veto, "
          "no son proclives a adoptar una resolución que autorice el uso de la fuerza en Libia. "
          "El Consejo de Seguridad se reunirá mañana en Nueva York.")
    facts = _same_day(it=it, es=es)
    assert not any(any("spartizione" in s for s in f) and any("veto" in s for s in f) for f in facts)


def test_a_country_named_once_is_one_piece_of_evidence_not_two() -> None:
    it = ("La Libia è due volte più ricca della Tunisia. "
          "Il governo italiano prepara un piano per i rimpatri.")
    fr = ("Plusieurs familles ont fui vers la Tunisie, a indiqué ce témoin. "
          "Le gouvernement français prépare un plan d'évacuation.")
    facts = _same_day(it=it, fr=fr)
    assert not any(any("ricca" in s for s in f) and any("familles" in s for s in f) for f in facts)


def test_leaders_named_together_in_three_languages_are_no_fact() -> None:
    # The whole-sentence cosine meets on names alone across languages; without a translation's
    # lengths or a shared word of what is said, these are three statements. (A shared title word,
    # "presidente" / "président", is a shared word: such pairs stay, see docs/EVAL.md.)
    it = ("Barack Obama parlerà con Nicolas Sarkozy e David Cameron sulla situazione in Libia. "
          "Il governo italiano prepara un piano per i rimpatri.")
    fr = ("Le Guide aurait envoyé des lettres à Nicolas Sarkozy, à Barack Obama, à David Cameron et au "
          "secrétaire général de l'ONU, a rapporté la télévision libyenne dans la soirée de samedi. "
          "Le gouvernement français prépare un plan d'évacuation.")
    es = ("Cameron felicitó a Barack Obama y a Sarkozy. "
          "El gobierno español prepara un plan de evacuación para sus ciudadanos.")
    facts = _same_day(it=it, fr=fr, es=es)
    leaders = [f for f in facts if sum(("Cameron" in s) for s in f) > 1]
    assert leaders == []


TRANSLATED_ES = (
    "Al menos 24 personas murieron el jueves en Bengasi durante las protestas contra Muamar Gadafi, según Human Rights Watch. "
    "Los manifestantes incendiaron la comisaría de Al Bayda y ahorcaron a dos policías. "
    "La cadena Al Yazira informó de 84 muertos desde el martes en las ciudades de Bengasi, Al Bayda y Derna. "
    "El hijo de Gadafi, Saif al Islam, habló en la televisión estatal durante 40 minutos. "
    "Saif al Islam advirtió de una guerra civil si continúan las protestas en Libia. "
    "Internet fue cortado en todo el país el viernes por la noche.")
TRANSLATED_FR = (
    "Au moins 24 personnes sont mortes jeudi à Benghazi lors des manifestations contre Mouammar Kadhafi, selon Human Rights Watch. "
    "Les manifestants ont incendié le commissariat d'Al Bayda et pendu deux policiers. "
    "La chaîne Al Jazeera a fait état de 84 morts depuis mardi dans les villes de Benghazi, Al Bayda et Derna. "
    "Le fils de Kadhafi, Saif al Islam, a parlé à la télévision d'État pendant 40 minutes. "
    "Saif al Islam a mis en garde contre une guerre civile si les manifestations continuent en Libye. "
    "Internet a été coupé dans tout le pays vendredi soir.")
INDEPENDENT_IT = (
    "Almeno 24 persone sono morte giovedì a Bengasi durante le proteste contro Muammar Gheddafi, secondo Human Rights Watch. "
    "L'Italia segue con preoccupazione la situazione, ha detto il ministro Franco Frattini a Roma. "
    "Il governo prepara un piano per i rimpatri degli italiani.")


def test_a_report_and_its_translation_are_one_voice_not_two() -> None:
    """Two outlets printing one post in Spanish and French: what it says is one voice; the
    Italian report that states the toll on its own is a second."""
    articles = [Article(id=code, text=text, language=code, published="2011-02-19", source="outlet-" + code)
                for code, text in (("es", TRANSLATED_ES), ("fr", TRANSLATED_FR), ("it", INDEPENDENT_IT))]
    aligned = align_facts(resolve_entities([annotate(a) for a in articles])[1])
    translated = [f for f in aligned if set(f.articles) == {"es", "fr"}]
    assert len(translated) >= 4  # the translation is aligned sentence by sentence...
    assert all(f.voices == 1 for f in translated)  # ...and is one origin
    toll = next(f for f in aligned if "it" in f.articles and len(f.articles) == 3)
    assert toll.voices == 2


def test_two_independent_reports_in_two_languages_sharing_a_statement_stay_two_voices() -> None:
    articles = [Article(id="es", text=TRANSLATED_ES, language="es", published="2011-02-19", source="a"),
                Article(id="it", text=INDEPENDENT_IT, language="it", published="2011-02-19", source="b")]
    aligned = align_facts(resolve_entities([annotate(a) for a in articles])[1])
    assert [f.voices for f in aligned if len(f.articles) == 2] == [2]
