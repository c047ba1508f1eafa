"""Stories across languages: joined on names, countries, numbers and dates, never on one country."""

from __future__ import annotations

import json

from storyline.group.crossing import anchor_cosine, anchor_similarity, anchors_of, crosses, language_overlap
from storyline.group.features import extract_features, name_skeleton, sentence_case
from storyline.group.weighting import DocumentFrequencies, language_mark, seen_in_other_languages, weigh
from storyline.group.stories import STORY_WEIGHTS, StoryGrouper
from storyline.model import Article

# One happening told in Spanish (twice) and in French: the names, the figures and the date are
# the same in both; the words are not, nor the names of the reporters (each report's own).
ES_1 = ("El coronel Muamar Gadafi ordenó bombardear Bengasi y Misrata, donde murieron 233 "
        "personas según Human Rights Watch. Su hijo Saif al Islam habló en la televisión de "
        "Trípoli el 21 de febrero, informa Ramiro Etxeberria con Iñaki Olabarrieta y Zuriñe Goikoetxea.")
ES_2 = ("Human Rights Watch eleva a 233 los muertos en Bengasi y Misrata. Gadafi y su hijo Saif "
        "al Islam amenazan desde Trípoli con una guerra civil, dijo el 21 de febrero.")
FR_1 = ("Selon Human Rights Watch, 233 personnes ont été tuées à Benghazi et Misrata. Mouammar "
        "Kadhafi et son fils Saif al Islam ont menacé depuis Tripoli, le 21 février, d'une "
        "guerre civile, rapportent Quentin Vauquelin et Théodore Aubenas avec Ghislaine Poirot.")
FR_2 = ("Le bilan de Human Rights Watch monte à 233 morts à Benghazi et Misrata ; Saif al Islam "
        "Kadhafi a parlé à la télévision de Tripoli le 21 février.")
# French, same days, another country's crisis: shares no name, number or date with the above.
FR_OTHER = ("Au Caire, Hosni Moubarak a nommé Omar Souleimane vice-président ; place Tahrir, "
            "les manifestants réclament son départ depuis le 25 janvier.")
# Spanish filler on the other crisis, so that the shared country is common in the stream.
ES_FILLER = ("En El Cairo, Hosni Mubarak nombró a Omar Suleiman vicepresidente; en la plaza Tahrir "
             "los manifestantes piden su salida desde el 25 de enero.")


def _article(id_: str, language: str, text: str, day: str = "2011-02-22") -> Article:
    return Article(id=id_, text=text, language=language, published=day, source=None)


def test_a_capital_opening_a_sentence_is_no_name() -> None:
    cased, lowered = sentence_case("Mientras tanto, Gadafi habló. «Consejo de guerra», dijo.\nLibia arde.")
    assert cased == "mientras tanto, Gadafi habló. «consejo de guerra», dijo.\nLibia arde."
    assert lowered == ["Mientras", "Consejo"]  # a country ("Libia") keeps its capital


def test_an_opening_word_is_a_word_when_written_so_elsewhere_and_a_name_otherwise() -> None:
    counts = extract_features(Article(id="a", language="es", text=(
        "Manifestantes en la calle. Los manifestantes piden su salida. Gadafi habló ayer."))).counts
    assert "n:mnfstnts" not in counts and counts["w:manife"] == 2
    assert counts["n:ktf"] == 1  # only ever written opening a sentence, never in lower case


#: Thresholds no report here reaches on its whole vector: only the rules of crossing.py join.
_WORDS_OFF = {"story_threshold": 0.99, "strong_threshold": 0.99, "merge_threshold": 0.99,
              "story_merge_threshold": None}


def test_a_report_joins_a_story_in_another_language_on_its_anchors() -> None:
    grouper = StoryGrouper(**_WORDS_OFF)
    placed = grouper.add_many([_article("es1", "es", ES_1), _article("fr1", "fr", FR_1)])
    assert placed[0][0] == placed[1][0]
    apart = StoryGrouper(**_WORDS_OFF, anchor_threshold=None)
    placed = apart.add_many([_article("es1", "es", ES_1), _article("fr1", "fr", FR_1)])
    assert placed[0][0] != placed[1][0]


def test_reports_in_two_languages_end_in_one_story_with_default_settings() -> None:
    grouper = StoryGrouper()
    placed = grouper.add_many([_article("es1", "es", ES_1), _article("es2", "es", ES_2),
                               _article("fr1", "fr", FR_1), _article("fr2", "fr", FR_2)])
    assert len({story for story, _ in placed}) == 1


def test_a_report_on_another_subject_in_the_other_language_stays_out() -> None:
    grouper = StoryGrouper()
    placed = grouper.add_many([_article("es1", "es", ES_1), _article("es2", "es", ES_2),
                               _article("es3", "es", ES_FILLER), _article("fr3", "fr", FR_OTHER)])
    assert placed[0][0] == placed[1][0] != placed[3][0]


def _two_stories(grouper: StoryGrouper, first: str, second: str) -> list:
    # Each story is a report and its copy (a copy joins its original's story directly).
    grouper.add_many([_article("a1", first[:2], first[2:], "2011-02-21"),
                      _article("a2", first[:2], first[2:], "2011-02-21"),
                      _article("b1", second[:2], second[2:]), _article("b2", second[:2], second[2:])])
    return sorted(grouper._index.stories.values(), key=lambda story: story.seq)


def test_stories_in_two_languages_merge_recorded_and_the_older_id_kept() -> None:
    grouper = StoryGrouper(**_WORDS_OFF, anchor_threshold=None)
    older, newer = _two_stories(grouper, "es" + ES_1, "fr" + FR_1)
    assert older.languages == {"es": 2} and newer.languages == {"fr": 2}
    assert anchor_similarity(older, newer) >= grouper.anchor_merge_threshold
    kept = grouper._consolidate(newer, [older], "b2", grouper._df)
    assert kept.id == older.id == grouper.assignment("b1")[0]
    assert [(m["kind"], m["kept"], m["merged"]) for m in grouper.merges] == [("anchors", older.id, newer.id)]
    assert kept.languages == {"es": 2, "fr": 2}


def test_stories_in_two_languages_on_two_subjects_do_not_merge() -> None:
    grouper = StoryGrouper(**_WORDS_OFF, anchor_threshold=None)
    older, newer = _two_stories(grouper, "es" + ES_1, "fr" + FR_OTHER)
    assert anchor_similarity(older, newer) < grouper.anchor_merge_threshold


def test_stories_in_one_language_never_merge_on_anchors_alone() -> None:
    grouper = StoryGrouper(**_WORDS_OFF, anchor_threshold=None)
    older, newer = _two_stories(grouper, "fr" + FR_2, "fr" + FR_1)
    assert anchor_similarity(older, newer) == 0.0


def test_crossing_needs_a_known_language_and_a_story_mostly_in_others() -> None:
    grouper = StoryGrouper()
    grouper.add_many([_article("es1", "es", ES_1), _article("es2", "es", ES_2)])
    (story,) = grouper._index.stories.values()
    assert story.languages == {"es": 2}
    assert crosses(story, "fr") and not crosses(story, "es") and not crosses(story, None)


def test_languages_survive_the_saved_state() -> None:
    grouper = StoryGrouper()
    grouper.add_many([_article("es1", "es", ES_1), _article("fr1", "fr", FR_1)])
    again = StoryGrouper.from_state(json.loads(json.dumps(grouper.to_state())))
    assert [s.languages for s in again._index.stories.values()] == [
        s.languages for s in grouper._index.stories.values()]
    assert again.add(_article("fr2", "fr", FR_2)) == grouper.add(_article("fr2", "fr", FR_2))


# Italian on the Libyan happening above: its names and figures are those of ES_1 and FR_1, but it
# also writes many names only Italian reports write, which another Italian report on other
# news of those days shares (so they are no one-off names).
IT_LIBYA = ("Il colonnello Gheddafi minaccia Tripoli e Bengasi: 233 morti. Alla Farnesina il "
            "Consiglio dei Ministri, con Palazzo Chigi, il Quirinale, la Lega Nord, il Pdl, Forza Italia, "
            "Alleanza Nazionale, la Camera dei Deputati, il Senato, Montecitorio e la Protezione Civile "
            "ha convocato l'Unità di Crisi.")
IT_POLITICS = ("A Palazzo Chigi il Consiglio dei Ministri discute con il Quirinale; la Lega Nord, Forza "
               "Italia, Alleanza Nazionale e il Pdl chiedono alla Camera dei Deputati, al Senato e a "
               "Montecitorio di sentire la Farnesina, la Protezione Civile e l'Unità di Crisi.")


def _italian_stream() -> tuple[StoryGrouper, list[tuple[str, str]]]:
    grouper = StoryGrouper(**_WORDS_OFF)
    placed = grouper.add_many([_article("es1", "es", ES_1), _article("fr1", "fr", FR_1),
                               _article("it0", "it", IT_POLITICS), _article("it1", "it", IT_LIBYA)])
    return grouper, placed


def test_names_only_one_language_writes_are_no_anchors_for_crossing() -> None:
    grouper, _ = _italian_stream()
    frequencies = grouper._df
    vector = {key: 1.0 for key in extract_features(_article("it1", "it", IT_LIBYA)).counts}
    every = anchors_of(vector, frequencies)
    crossing = anchors_of(vector, frequencies, "it")
    italian_only = {"n:" + name_skeleton(name) for name in ("Farnesina", "Quirinale", "Deputati")}
    assert italian_only <= set(every) and not italian_only & set(crossing)
    assert {"n:" + name_skeleton("Gheddafi"), "n:" + name_skeleton("Tripoli"), "#:233"} <= set(crossing)


def test_a_report_crosses_to_its_story_despite_names_of_its_own_language() -> None:
    _, placed = _italian_stream()
    assert placed[0][0] == placed[1][0] == placed[3][0] != placed[2][0]
    # Before it joins: counted with every anchor, the Italian names drown those the story shares.
    grouper = StoryGrouper(**_WORDS_OFF)
    grouper.add_many([_article("es1", "es", ES_1), _article("fr1", "fr", FR_1), _article("it0", "it", IT_POLITICS)])
    story = grouper._index.stories[grouper.assignment("es1")[0]]
    counts = extract_features(_article("it1", "it", IT_LIBYA)).counts
    grouper._df.add(counts)
    vector = weigh(counts, grouper._df, STORY_WEIGHTS)
    every = anchor_cosine(story, anchors_of(vector, grouper._df))
    crossing = anchor_cosine(story, anchors_of(vector, grouper._df, "it"))
    assert every < grouper.anchor_threshold <= crossing


def test_language_marks_are_counted_and_a_table_without_them_filters_nothing() -> None:
    counts = extract_features(_article("it1", "it", IT_LIBYA)).counts
    assert counts[language_mark("it")] == 1.0 and counts[language_mark("it", "#:233")] == 1.0
    assert not any(key.startswith("@") for key in extract_features(
        Article(id="x", text=IT_LIBYA, language=None, published="2011-02-22", source=None)).counts)
    table = DocumentFrequencies()
    table.add(["n:frnsn", "n:ktf"])  # counted before language marks existed
    assert seen_in_other_languages("n:frnsn", "it", table)
    table.add(["n:frnsn", language_mark("it", "n:frnsn"), language_mark("it")])
    assert seen_in_other_languages("n:frnsn", "it", table)  # the unmarked document may be any language
    table = DocumentFrequencies()
    table.add(["n:frnsn", language_mark("it", "n:frnsn"), language_mark("it")])
    assert not seen_in_other_languages("n:frnsn", "it", table)
    assert seen_in_other_languages("n:frnsn", "es", table)


def test_stories_of_different_language_mixes_merge_on_anchors_and_like_mixes_do_not() -> None:
    grouper = StoryGrouper(**_WORDS_OFF, anchor_threshold=None)
    older, newer = _two_stories(grouper, "es" + ES_1, "fr" + FR_1)
    older.languages, newer.languages = {"es": 2, "fr": 2}, {"it": 2}
    assert language_overlap(older, newer) == 0.0
    assert anchor_similarity(older, newer) >= grouper.anchor_merge_threshold
    older.languages, newer.languages = {"es": 3, "fr": 2}, {"fr": 1, "es": 1}
    assert language_overlap(older, newer) == 0.9
    assert anchor_similarity(older, newer) == 0.0  # their words can meet: anchors do not decide
    older.languages, newer.languages = {"es": 9, "fr": 1}, {"fr": 4, "es": 1}
    assert abs(language_overlap(older, newer) - 0.3) < 1e-9  # the same two languages, other proportions
    assert anchor_similarity(older, newer) >= grouper.anchor_merge_threshold
