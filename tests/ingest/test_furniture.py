"""Page furniture of every language and left-over markup are removed; report sentences stay."""

from __future__ import annotations

import pytest

from storyline.ingest.clean import clean_text

PAGES = {
    "es": (["Mundo | elmundo.es", "Se han publicado 7 comentarios", "Tiempo de lectura: 3 min",
            "¿Ya eres suscriptor/a? Inicia sesión", "Compartir en Facebook", "Vea todos los blogs",
            "Sólo se mostrarán los mensajes moderados hasta ahora, pero no se podrán redactar nuevos comentarios.",
            "(Con información de AFP)", "Por favor, active JavaScript para ver los comentarios.", "Auditado por OJD",
            "Esta es tu última noticia por ver este mes",
            "Accede a toda la información de LA VERDAD por solo 6,95 € al mes",
            "Este post es parte de nuestra cobertura especial\xa0Levantamiento en Libia 2011.",
            "* Este artículo apareció en la edición impresa del Lunes, 28 de febrero de 2011"],
           ["Las fuerzas leales a Gadafi bombardearon este lunes el puerto de Misrata, según testigos citados por la agencia EFE.",
            "El Consejo Nacional de Transición pidió a la OTAN que intensifique los ataques aéreos sobre la ciudad sitiada."]),
    "fr": (["Temps de Lecture 6 min.", "Nous vous conseillons de modifier votre mot de passe.",
            "Ajouter aux favoris", "Charte de modération", "Dans la même rubrique", "Suivez Le Monde",
            "J'ai déjà un compte", "Je n'ai pas de compte",
            "Accédez à tous nos articles à partir de 1 € par mois",
            "Ce billet fait partie du dossier spécial de Global Voices sur les révoltes en Libye de 2011."],
           ["Les insurgés libyens ont repris dimanche le contrôle du terminal pétrolier de Brega, selon un porte-parole.",
            "Le ministre des affaires étrangères a déclaré que la France reconnaissait le Conseil national de transition."]),
    "it": (["Tempo di lettura: 4 minuti", "Questo articolo non è più commentabile. Abbonati al Post per commentare le altre notizie.",
            "Condividi su Facebook", "Leggi anche", "Iscriviti alla newsletter",
            "Questo contenuto è stato inserito il Aprile 7, 2011 ore 4:39 pm nelle categorie Scenari Italia. "
            "puoi seguire i commenti tramite RSS 2.0 feed.", "L'indirizzo email non verrà pubblicato.",
            "Ricerca nel blog", "Ti è piaciuto questo articolo? Fallo sapere ai tuoi amici",
            "Questo post è parte del nostro reportage delle Proteste in Bahrain 2011."],
           ["Le forze di Gheddafi sono entrate alla periferia ovest di Bengasi, dove si combatte intensamente, secondo Al Jazeera.",
            "Il ministro degli Esteri ha detto che l'Italia metterà a disposizione le sue basi aeree per la missione."]),
    "de": (["Lesezeit: 3 Minuten", "12 Kommentare", "Artikel teilen", "Jetzt abonnieren und weiterlesen",
            "Lesen Sie auch"],
           ["Die Aufständischen in Libyen haben nach eigenen Angaben die Stadt Brega wieder unter ihre Kontrolle gebracht.",
            "Außenminister Westerwelle sagte am Montag, Deutschland werde sich nicht an dem Militäreinsatz beteiligen."]),
    "pt": (["Tempo de leitura: 5 min", "Deixe seu comentário", "Já é assinante? Faça login", "Leia também"],
           ["Os rebeldes líbios retomaram neste domingo o controle do terminal petrolífero de Brega, segundo um porta-voz.",
            "O ministro das Relações Exteriores disse que o Brasil defende uma solução negociada para o conflito."]),
}


@pytest.mark.parametrize("code", sorted(PAGES))
def test_furniture_of_each_language_goes_and_sentences_stay(code: str) -> None:
    furniture, sentences = PAGES[code]
    page = [furniture[0], sentences[0], *furniture[1:], sentences[1], *furniture[1:3]]
    cleaned = clean_text("\n".join(page))
    kept = cleaned.text.split("\n\n")
    assert kept == sentences
    assert sum(cleaned.removed.values()) >= len(furniture) - 1


@pytest.mark.parametrize("line", [
    ".alogo{display: block;text-indent: -1000px;width: 330px;height: 80px;}",
    "} else {", "var output = '';", "Me cabrea: <%= comment.actions.pout %>", "n.version = '2.0';",
    "'sitekey': '6LeusxoUAAAAACPdQ6XgmLNImULpa',", "// Use container because it results in better position",
])
def test_markup_left_by_extraction_is_removed(line: str) -> None:
    text = ("The council approved the new budget on Monday after a long debate about the harbour.\n"
            f"{line}\nThe mayor said that the vote showed the town could still agree on what matters.")
    cleaned = clean_text(text)
    assert line not in cleaned.text
    assert cleaned.removed.get("markup") == 1


@pytest.mark.parametrize("sentence", [
    "Finally, the minister said the talks would resume in Geneva on Friday (or Saturday at the latest).",
    "Let the record show that 1,200 people voted; the rest stayed home, officials said.",
    "Sign the petition, the activists urged, before the deadline on Thursday.",
    "Comentarios del ministro: la situación en Trípoli es muy grave, dijo ayer en rueda de prensa.",
    "Suivez l'argent, disait un enquêteur, et vous trouverez les responsables de ce trafic.",
    "AAH (allocation adultes handicapés) : 711,95 € par mois, versés à partir de 20 ans.",
    "Por 6 euros al mes, tú puedes ayudarnos a hacer el periodismo de investigación que necesitamos.",
    "Subscribers to the new plan pay $12.99 a month, the company said in its filing on Tuesday.",
])
def test_sentences_that_look_like_furniture_stay(sentence: str) -> None:
    text = ("The council approved the new budget on Monday after a long debate about the harbour.\n"
            f"{sentence}\nThe mayor said that the vote showed the town could still agree on what matters.")
    assert sentence in clean_text(text).text
