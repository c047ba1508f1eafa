"""Quotes in es, fr, it, de and pt: direct and indirect, with speakers, from each pack's speech.toml."""

from __future__ import annotations

import pytest

from storyline.analyze.quotes import find_quotes
from storyline.model import Mention, Quote, Span


def _only(text: str, language: str) -> Quote:
    quotes = find_quotes(text, language=language)
    assert len(quotes) == 1, [q.content.text_in(text) for q in quotes]
    return quotes[0]


@pytest.mark.parametrize(
    ("language", "text", "content", "cue", "speaker"),
    [
        ("es", "«No vamos a ceder ante el chantaje», dijo el ministro del Interior, Mahmud Wagdi.",
         "No vamos a ceder ante el chantaje", "dijo", "Mahmud Wagdi"),
        ("es", "\"La represión debe cesar de inmediato\", afirmó la canciller Trinidad Jiménez en Madrid.",
         "La represión debe cesar de inmediato", "afirmó", "Trinidad Jiménez"),
        ("fr", "« Nous ne céderons pas à la menace », a déclaré Alain Juppé mardi à Bruxelles.",
         "Nous ne céderons pas à la menace", "déclaré", "Alain Juppé"),
        ("fr", "« Le régime doit partir », a affirmé le porte-parole du Quai d'Orsay, Bernard Valero.",
         "Le régime doit partir", "affirmé", "Bernard Valero"),
        ("it", "«Non lasceremo la Libia nelle mani del rais», ha detto il ministro degli Esteri Franco Frattini.",
         "Non lasceremo la Libia nelle mani del rais", "detto", "Franco Frattini"),
        ("de", "„Wir werden uns an dem Einsatz nicht beteiligen“, sagte Guido Westerwelle am Freitag in Berlin.",
         "Wir werden uns an dem Einsatz nicht beteiligen", "sagte", "Guido Westerwelle"),
        ("de", "„Die Lage in Bengasi ist dramatisch“, so der Sprecher Martin Schäfer.",
         "Die Lage in Bengasi ist dramatisch", "so", "Martin Schäfer"),
        ("pt", "«Não vamos recuar diante das ameaças», disse o ministro Antonio Patriota.",
         "Não vamos recuar diante das ameaças", "disse", "Antonio Patriota"),
    ],
)
def test_direct_quote_with_its_speaker_after_the_quotation(
        language: str, text: str, content: str, cue: str, speaker: str) -> None:
    quote = _only(text, language)
    assert quote.kind == "direct"
    assert quote.content.text_in(text) == content
    assert quote.cue is not None and quote.cue.text_in(text) == cue
    assert quote.speaker_entity == speaker


@pytest.mark.parametrize(
    ("language", "text", "content_start", "speaker"),
    [
        ("es", "El presidente Hosni Mubarak afirmó que no abandonará el país antes de septiembre.",
         "que no abandonará", "Hosni Mubarak"),
        ("es", "El portavoz del Gobierno, Mustafá Gheriani, aseguró que los rebeldes controlan Bengasi.",
         "que los rebeldes", "Mustafá Gheriani"),
        ("fr", "Nicolas Sarkozy a affirmé qu'il n'y aurait pas d'intervention au sol en Libye.",
         "qu'il n'y aurait", "Nicolas Sarkozy"),
        ("it", "Il premier Silvio Berlusconi ha dichiarato che l'Italia è pronta a fare la sua parte.",
         "che l'Italia", "Silvio Berlusconi"),
        ("de", "Außenminister Guido Westerwelle erklärte, dass Deutschland sich nicht beteiligen werde.",
         "dass Deutschland", "Guido Westerwelle"),
        ("pt", "O presidente Luiz Inácio Lula da Silva afirmou que o Brasil não apoiará a intervenção.",
         "que o Brasil", "Luiz Inácio Lula da Silva"),
    ],
)
def test_indirect_speech_speaker_before_the_verb(language: str, text: str, content_start: str,
                                                 speaker: str) -> None:
    quote = _only(text, language)
    assert quote.kind == "indirect"
    assert quote.content.text_in(text).startswith(content_start)
    assert quote.speaker_entity == speaker


@pytest.mark.parametrize(
    ("language", "text", "source", "content"),
    [
        ("es", "Según el ministro de Defensa, las tropas se retirarán el lunes.",
         "el ministro de Defensa", "las tropas se retirarán el lunes"),
        ("fr", "Selon le ministre, les frappes vont continuer jusqu'à la chute du régime.",
         "le ministre", "les frappes vont continuer jusqu'à la chute du régime"),
        ("it", "Secondo fonti diplomatiche, il colonnello sarebbe fuggito nel sud del paese.",
         "fonti diplomatiche", "il colonnello sarebbe fuggito nel sud del paese"),
        ("pt", "Segundo a agência Lusa, os combates continuam nos arredores de Trípoli.",
         "a agência Lusa", "os combates continuam nos arredores de Trípoli"),
        ("de", "Laut einem Bericht der Zeitung sind mehr als hundert Menschen gestorben.",
         "einem Bericht der Zeitung", "sind mehr als hundert Menschen gestorben"),
        ("de", "Dem Bericht zufolge sind mehr als hundert Menschen gestorben.",
         "Dem Bericht", "sind mehr als hundert Menschen gestorben"),
    ],
)
def test_according_to_in_every_language(language: str, text: str, source: str, content: str) -> None:
    quote = _only(text, language)
    assert quote.speaker is not None and quote.speaker.text_in(text) == source
    assert quote.content.text_in(text) == content


@pytest.mark.parametrize(
    ("language", "text", "named"),
    [
        ("es", "Según un informe de Amnistía Internacional, cientos de personas murieron en Trípoli.",
         "informe de Amnistía Internacional"),
        ("fr", "Selon un sondage Ifop publié dimanche, 66 % des Français approuvent l'intervention.",
         "sondage Ifop"),
        ("es", "Según un informe publicado el martes por la ONU, la fábrica cerró en 2019.", "informe"),
        ("en", "A UN report released on Tuesday said the factory had been closed since 2019.", "UN report"),
        ("en", "The new report says the factory had been closed since 2019.", "new report"),
        ("en", "A Gallup poll found that 60 percent of voters oppose the plan.", "Gallup poll"),
        ("en", "According to documents obtained by the Post, the agency spent $2 million.",
         "documents obtained by the Post"),
        ("es", "El Gobierno alemán rechazó que se haya producido ninguna petición de asilo.",
         "Gobierno alemán"),
    ],
)
def test_attributions_to_documents_polls_and_organisations_are_named(language: str, text: str,
                                                                     named: str) -> None:
    assert _only(text, language).speaker_entity == named


def test_spanish_dialogue_dash_and_its_aside() -> None:
    text = ("Los rebeldes resisten en Misrata.\n"
            "—No vamos a rendirnos nunca —dijo el portavoz rebelde Mustafa Gheriani—. Seguiremos.\n")
    quote = _only(text, "es")
    assert quote.content.text_in(text) == "No vamos a rendirnos nunca"
    assert quote.speaker_entity == "Mustafa Gheriani"


def test_dialogue_dash_is_no_quote_mark_in_english() -> None:
    text = "Results:\n\u2014Turnout was high across the state this year\n"
    assert find_quotes(text, language="en") == []


def test_french_inverted_clitic_pronoun_resolves_to_the_last_person_named() -> None:
    text = ("Le ministre Alain Juppé est arrivé à Bruxelles. "
            "« La situation est grave », a-t-il ajouté, selon l'AFP.")
    quote = _only(text, "fr")
    assert quote.speaker is not None and quote.speaker.text_in(text) == "il"
    assert quote.cue is not None and quote.cue.text_in(text) == "ajouté"
    assert quote.speaker_entity == "Alain Juppé"
    text = "Alain Juppé parle. « Rien n'est exclu », estime-t-il."
    quote = _only(text, "fr")
    assert (quote.cue.text_in(text), quote.speaker_entity) == ("estime", "Alain Juppé")


@pytest.mark.parametrize(
    ("language", "text"),
    [("es", "Muamar Gadafi habló anoche en la televisión estatal. Afirmó que no dejará Libia."),
     ("it", "Muammar Gheddafi ha parlato alla televisione. Ha poi aggiunto che non lascerà la Libia.")],
)
def test_a_subjectless_verb_is_said_by_the_last_person_named(language: str, text: str) -> None:
    quote = _only(text, language)
    assert quote.speaker is None
    assert quote.speaker_entity in {"Muamar Gadafi", "Muammar Gheddafi"}


def test_subjectless_verb_needs_a_complementizer() -> None:
    # "Denunció la represión": an object, not reported speech.
    assert find_quotes("Muamar Gadafi habló anoche. Denunció la represión.", language="es") == []


@pytest.mark.parametrize(
    ("language", "text"),
    [("es", "«Nadie puede detener la revolución del pueblo», dijo."),
     ("it", "AS REPORTED BY REUTERS: the army has left the city of Sirte tonight.")],
)
def test_cue_words_and_shouted_credits_are_never_speakers(language: str, text: str) -> None:
    for quote in find_quotes(text, language=language):
        assert quote.speaker_entity not in {"dijo", "AS REPORTED BY REUTERS", "AS REPORTED BY"}
        if quote.speaker is not None:
            assert quote.speaker.text_in(text).lower() not in {"dijo", "as reported by reuters"}


def test_a_name_after_a_common_noun_and_preposition_is_not_the_speaker() -> None:
    text = "La hija de Gadafi denuncia que la OTAN ha cometido crímenes de guerra en Trípoli."
    assert _only(text, "es").speaker_entity is None


def test_an_ordinal_is_not_an_attribution() -> None:
    text = "Il secondo giorno di combattimenti, gli insorti hanno conquistato la città."
    assert find_quotes(text, language="it") == []


@pytest.mark.parametrize("language", ["es", "fr", "it", "de", "pt", "xx", "zz", None])
@pytest.mark.parametrize("text", ["", "   \n", "«", "« »", "„“", "—", "\u2014\u2014\u2014", "dijo que",
                                  "«»«»«", "Según ,", "selon", "zufolge.", "a-t-il"])
def test_bad_input_gives_no_quote_or_a_valid_one(language: str | None, text: str) -> None:
    for quote in find_quotes(text, language=language):
        assert 0 <= quote.content.start < quote.content.end <= len(text)
        assert quote.speaker_entity is None or quote.speaker_entity.strip()


def test_unknown_language_reads_the_union_of_the_packs() -> None:
    text = "«No cederemos ante nadie», afirmó la ministra Trinidad Jiménez."
    assert _only(text, "zz").speaker_entity == "Trinidad Jiménez"
    # The union has its ambiguities: Italian "il" is the French pronoun "il".
    text = "«Non lasceremo la Libia», ha detto il ministro Franco Frattini."
    assert _only(text, "zz").speaker_entity is None
    assert _only(text, "it").speaker_entity == "Franco Frattini"


def test_unattributed_quotation_dropped_outside_english_kept_in_english() -> None:
    # A title or slogan in quotation marks with no attribution anywhere near it.
    es = 'El ciclo de cine se abre con "La batalla de Argel y otras historias del desierto".'
    assert find_quotes(es, language="es") == []
    en = 'The festival opens with "The Battle of Algiers and other stories of the desert".'
    assert [q.kind for q in find_quotes(en, language="en")] == ["direct"]


def test_relative_pronoun_speaker_goes_to_its_antecedent() -> None:
    text = ("Más grosero fue el vocero de la Casa Blanca, Jay Carney, quien expresó: "
            "\"el pueblo libio tiene el derecho a decidir sobre su futuro\".")
    quote = _only(text, "es")
    assert quote.speaker is not None and quote.speaker.text_in(text) == "quien"
    assert quote.speaker_entity == "Jay Carney"


def test_writer_voice_is_no_attribution_outside_english() -> None:
    assert find_quotes("Je pense que la France aurait dû intervenir plus tôt en Libye.", language="fr") == []
    english = find_quotes("I think that France should have intervened earlier in Libya.", language="en")
    assert [q.speaker_entity for q in english] == [None]


def test_a_place_after_a_preposition_is_not_the_speaker_of_a_pro_drop_verb() -> None:
    text = ("Il presidente egiziano Mohamed Morsi aveva rifiutato le dimissioni. "
            "Su Facebook scrive: \"Ci opporremo pacificamente a questo golpe\".")
    quote = _only(text, "it")
    assert quote.speaker is None and quote.speaker_entity == "Mohamed Morsi"


def test_an_indefinite_role_stays_anonymous() -> None:
    text = ("Le prix Nobel Mohamed ElBaradei a appelé au calme. La police a fermé le siège du parti, "
            "« en raison de la découverte d'armes », a annoncé un haut responsable de sécurité.")
    quotes = [q for q in find_quotes(text, language="fr") if q.cue is not None and q.cue.text_in(text) == "annoncé"]
    assert [q.speaker_entity for q in quotes] == [None]


@pytest.mark.parametrize(
    ("language", "text", "named"),
    [("fr", "« La situation est très grave », a déclaré l'AFP.", "AFP"),
     ("it", "«La situazione è molto grave», ha detto l'Onu.", "Onu"),
     ("fr", "Cinq policiers ont été tués dans un attentat, selon la télévision d'État.", "télévision d'État")],
)
def test_elided_articles_and_prepositions(language: str, text: str, named: str) -> None:
    assert _only(text, language).speaker_entity == named


def test_a_capitalised_verb_opening_a_sentence_is_no_name_but_surnames_are() -> None:
    text = "La guerra fue inventada. Empezaron diciendo que debían defender los derechos humanos."
    assert [q.speaker_entity for q in find_quotes(text, language="es")] == [None]
    text = "Torres dijo que el Gobierno no negociará con los rebeldes libios."
    assert _only(text, "es").speaker_entity == "Torres"


def test_subject_after_an_opening_prepositional_phrase() -> None:
    text = "A quel punto i media occidentali dichiararono che Gheddafi aveva normalizzato gli affari."
    quote = _only(text, "it")
    assert quote.speaker is not None and quote.speaker.text_in(text) == "i media occidentali"


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [("Am Montag sagte Bundeskanzlerin Angela Merkel, Deutschland werde sich nicht beteiligen.",
      "Angela Merkel", "Deutschland werde sich nicht beteiligen"),
     ("Merkel sagte am Montag in Berlin, Deutschland werde sich nicht an dem Einsatz beteiligen.",
      "Merkel", "Deutschland werde sich nicht an dem Einsatz beteiligen"),
     ("Der Sprecher des Auswärtigen Amtes, Andreas Peschke, erklärte, die Botschaft bleibe geschlossen.",
      "Andreas Peschke", "die Botschaft bleibe geschlossen")],
)
def test_german_verb_second_and_comma_before_reported_speech(text: str, speaker: str, content: str) -> None:
    quote = _only(text, "de")
    assert (quote.speaker_entity, quote.content.text_in(text)) == (speaker, content)


def test_an_indefinite_common_noun_names_no_one() -> None:
    text = "„Das ist ein historischer Tag“, sagte ein Demonstrant in Kairo."
    quote = _only(text, "de")
    assert quote.speaker is not None and quote.speaker_entity is None


@pytest.mark.parametrize(
    ("language", "text"),
    [("es", "Varias casas se han derrumbado. Se estima que 16 de los 83 millones de egipcios viven en arrabales."),
     ("it", "Il giudice ha condannato Francesca Cimino, 40 anni, accusata di omicidio colposo e lesioni gravi.")],
)
def test_impersonal_verbs_and_adjectival_participles_are_no_attribution(language: str, text: str) -> None:
    assert find_quotes(text, language=language) == []


def test_an_implicit_subject_continues_the_attribution_before_it() -> None:
    text = ("Così Silvio Berlusconi ha risposto a proposito delle cautele del Carroccio. "
            "E ha ricordato che l'Italia è il Paese più prossimo alla Libia.")
    assert [q.speaker_entity for q in find_quotes(text, language="it")] == ["Silvio Berlusconi"] * 2


def test_an_organisation_keeps_its_whole_name() -> None:
    text = "Selon la Ligue libyenne des droits de l'Homme, la répression a fait 6.000 morts."
    assert _only(text, "fr").speaker_entity == "Ligue libyenne des droits de l'Homme"


def test_a_heading_word_and_colon_is_no_speaker() -> None:
    text = ("Il dibattito sulla scuola continua da mesi.\n"
            "Traccia: \"il vero punto non è quello delle risorse, ma come vengono investite\".")
    assert all(q.speaker_entity != "Traccia" for q in find_quotes(text, language="it"))


@pytest.mark.parametrize(
    ("language", "text", "named"),
    [("es", "El fotógrafo fue liberado por las autoridades, según han adelantado las agencias Afp y Reuters.",
      "agencias Afp y Reuters"),
     ("it", "Secondo fonti militari, al colonnello rimarrebbero una ventina di caccia.", None),
     ("it", "Affrontiamo la visione del nostro nomade storico.\n\nCosì Erodoto racconta la Libia: "
            "\"è disabitata e deserta verso oriente\".", "Erodoto")],
)
def test_source_words_and_paragraph_breaks(language: str, text: str, named: str | None) -> None:
    assert _only(text, language).speaker_entity == named


def test_a_nouns_complement_is_no_opening_phrase() -> None:
    text = ("Muamar Gadafi habló en la televisión. En la víspera, el llamado Consejo Nacional de "
            "Transición de los rebeldes dijo que sus tropas avanzaban hacia la capital libia.")
    [quote] = [q for q in find_quotes(text, language="es") if q.cue is not None]
    assert quote.speaker_entity != "Muamar Gadafi"


@pytest.mark.parametrize(
    ("language", "text"),
    [("es", "Con 450.000 hombres, el principal Ejército de África se sostiene con asesoramiento militar estadounidense."),
     ("it", "Dalle parti dove sono nato, in questi casi si dice: \"la chitarra in mano ai cafoni non suona mai bene\".")],
)
def test_reflexive_and_impersonal_verbs_report_no_one(language: str, text: str) -> None:
    assert all(q.speaker_entity is None for q in find_quotes(text, language=language))


def test_according_to_a_role_takes_its_named_apposition() -> None:
    text = "Según ha adelantado esta mañana la ministra de Exteriores, Trinidad Jiménez, Brabo será trasladado."
    assert _only(text, "es").speaker_entity == "Trinidad Jiménez"


def test_a_bare_role_stays_anonymous() -> None:
    text = ("Mouammar Kadhafi a parlé à la télévision. Des avions survolent le territoire libyen, "
            "a-t-on appris de source militaire française.")
    assert [q.speaker_entity for q in find_quotes(text, language="fr")] == [None]


def test_a_relative_pronoun_after_no_name_names_no_one() -> None:
    text = ("Alain Juppé parle. La liberté d'expression est refusée à ceux qui ont réclamé "
            "la liberté de leur pays et qui affirment qu'ils continueront.")
    assert all(q.speaker_entity is None for q in find_quotes(text, language="fr"))


@pytest.mark.parametrize(
    ("language", "text", "named"),
    [("fr", "Samedi soir, le porte-parole du gouvernement libyen, Moussa Ibrahim, avait démenti "
            "l'avancée, affirmant: « La ville est absolument sous notre contrôle ».", "Moussa Ibrahim"),
     ("it", "Sbagliati sono gli italiani del nord, come giustamente dice Berlusconi.", "Berlusconi"),
     ("fr", "« Il est la victime des circonstances actuelles de notre pays », souffle Karim Abdel.",
      "Karim Abdel")],
)
def test_time_openers_adverbs_and_after_quote_verbs_leave_the_speaker_named(
        language: str, text: str, named: str) -> None:
    assert _only(text, language).speaker_entity == named


@pytest.mark.parametrize(
    ("language", "text"),
    [("fr", "Selon moi le problème c'est qu'il y a une certaine ignorance de la démocratie."),
     ("es", "No quiero que nadie me censure, hablo según mi memoria, pero es la esencia."),
     ("it", "Secondo me la guerra è finita da tempo ormai."),
     ("fr", "Les rebelles ont lancé une offensive contre Tripoli samedi matin."),
     ("en", "The city council is planning to build a new bridge over the river.")],
)
def test_the_writers_own_view_and_ambiguous_verbs_attribute_nothing(language: str, text: str) -> None:
    assert find_quotes(text, language=language) == []


@pytest.mark.parametrize(
    ("language", "text", "named"),
    [("fr", "Une expression que ne reprend pas l'Elysée, qui évoque seulement un entretien entre les deux.",
      "Elysée"),
     ("es", "El presidente de Estados Unidos, Barack Obama, quien ha declarado que apoya el plan, llegó ayer.",
      "Barack Obama"),
     ("it", "Ma il segretario Alfano usa toni duri contro il fuoco amico: \"Nel partito basta interviste e liti\".",
      "Alfano")],
)
def test_relative_pronouns_and_a_colon_after_a_named_subject_name_the_speaker(
        language: str, text: str, named: str) -> None:
    assert _only(text, language).speaker_entity == named


@pytest.mark.parametrize(
    ("language", "text"),
    [("it", "Secondo quanto si è appreso, un altro aereo dell'Aeronautica italiana si trova a Malta."),
     ("it", "Interessante il titolo del quotidiano di oggi: \"L'ambasciata è un normale complesso di uffici\"."),
     ("it", "Coronavirus, il virologo Silvestri: \"Basta fare i catastrofisti e allarmare tutti\".")],
)
def test_no_source_named_no_speaker(language: str, text: str) -> None:
    assert all(q.speaker_entity is None for q in find_quotes(text, language=language))


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [("en", "According to documents seen by Reuters, the minister approved the sale.", "document"),
     ("en", "A new Gallup poll shows that the governor leads his rival by six points.", "document"),
     ("en", "The ministry said the factory had been closed since 2019.", "organisation"),
     ("en", "A spokesman for the ministry said the factory had been closed since 2019.", "person"),
     ("es", "Según un informe de Amnistía Internacional, cientos de personas murieron en Trípoli.", "document"),
     ("es", "Según la cadena Al Jazeera, cientos de personas murieron en Trípoli.", "organisation"),
     ("fr", "Selon un sondage Ifop publié dimanche, 66 % des Français approuvent l'intervention.", "document"),
     ("it", "Il portavoce del governo ha detto che la fabbrica resterà chiusa fino a marzo.", "person")],
)
def test_a_source_keeps_its_kind(language: str, text: str, kind: str) -> None:
    assert _only(text, language).source_kind == kind


def test_a_source_kind_comes_from_the_tagged_entity() -> None:
    text = "Jo Smith said the factory had been closed since 2019."
    people = [Mention(Span(0, 8), "PERSON", "Jo Smith")]
    assert [q.source_kind for q in find_quotes(text, entities=people)] == ["person"]
    assert [q.source_kind for q in find_quotes("The factory is closed.")] == []


def test_a_time_phrase_before_a_pro_drop_cue_leaves_the_subject_implicit() -> None:
    text = "El ministro Juan Pérez habló ayer en Madrid. Este martes ha anunciado que la fábrica cerrará en marzo."
    quote = _only(text, "es")
    assert (quote.speaker, quote.speaker_entity, quote.source_kind) == (None, "Juan Pérez", "person")


@pytest.mark.parametrize(("language", "text"), [
    ("it", "Quindi secondo il \" proprio spirito \" le persone si comporteranno in modo diverso."),
    ("fr", "Cela confirme que la situation est grave et que rien ne change."),
])
def test_function_words_are_no_speaker(language: str, text: str) -> None:
    assert find_quotes(text, language=language) == []


def test_an_acronym_speaker_takes_the_full_name_the_entity_stage_resolved() -> None:
    text = "EE UU aseguró este domingo que la zona de exclusión aérea ya estaba en vigor."
    tagged = [Mention(Span(0, 5), "GPE", "Estados Unidos")]
    assert [q.speaker_entity for q in find_quotes(text, entities=tagged, language="es")] == ["Estados Unidos"]
    other = [Mention(Span(0, 5), "GPE", "EE UU")]  # no fuller name known: as written
    assert [q.speaker_entity for q in find_quotes(text, entities=other, language="es")] == ["EE UU"]


@pytest.mark.parametrize(
    ("language", "text", "named"),
    [("es", "Para el diputado Pérez, la relación con Libia no cambia nada para el país.", "Pérez"),
     ("fr", "Pour Alain Juppé, l'opération internationale contre les forces du colonel est un succès.",
      "Alain Juppé"),
     ("it", "Per il premier Berlusconi, la guerra in Libia sarà lunga e costosa per tutti.", "Berlusconi")],
)
def test_a_sentence_opening_with_a_source_and_a_comma_is_its_view(language: str, text: str, named: str) -> None:
    assert _only(text, language).speaker_entity == named


@pytest.mark.parametrize(
    ("language", "text"),
    [("fr", "Pour la première fois, la guerre en Libye sera longue et coûteuse."),
     ("es", "Para comprender la prisa bastaba dar un paseo por Zamalek, un barrio céntrico."),
     ("it", "Per me, la guerra in Libia sarà lunga e costosa per tutti noi.")],
)
def test_an_opening_phrase_without_a_source_is_no_view(language: str, text: str) -> None:
    assert find_quotes(text, language=language) == []


@pytest.mark.parametrize(("language", "text", "entities", "speaker"), [
    ("es", "Según el letrado de la acusación Yasser Kamal, el juicio se aplazará hasta marzo.",
     {"Yasser Kamal": "PERSON"}, "Yasser Kamal"),
    ("es", "La hija de Gadafi dijo que su padre seguirá en Trípoli.", {"Gadafi": "PERSON"}, None),
    ("en", "Smith's lawyer said the case against the company was closed.", {"Smith": "PERSON"}, None),
])
def test_a_person_tagged_inside_a_longer_speaker_phrase_is_the_speaker(
        language: str, text: str, entities: dict[str, str], speaker: str | None) -> None:
    """A name after a role or an adjective names the speaker; after a preposition or as a
    possessor it names someone else."""
    mentions = [Mention(Span(text.index(name), text.index(name) + len(name)), kind) for name, kind in entities.items()]
    quotes = find_quotes(text, language=language, entities=mentions)
    assert len(quotes) == 1
    assert quotes[0].speaker_entity == speaker
