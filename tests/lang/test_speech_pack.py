"""Every full pack's speech.toml has the keys the quote finder reads, and they hold what it needs."""

from __future__ import annotations

import pytest

from storyline.analyze.quote_cues import FORMS_FILE, generated_lemmas, simplemma_inflections, speech_cues
from storyline.lang import FULL, pack

#: Keys every full pack must give (lists unless said otherwise).
REQUIRED = (
    "verbs", "pronouns", "complementizers", "according", "role_nouns", "determiners", "np_inner",
    "speaker_break", "auxiliaries", "time_words", "document_nouns", "after_quote_separators",
    "passive_auxiliaries", "agent_prepositions", "prepositions", "relatives", "verbish",
)

#: A speech verb form and an attribution word of each language, as news writes them.
EXPECTED = {
    "en": ({"said", "told", "added", "warned"}, "according to"),
    "es": ({"dijo", "afirmó", "aseguró", "declaró", "señaló", "afirmaba", "asegurarán"}, "según"),
    "fr": ({"déclaré", "affirmé", "dit", "ajouté", "déclarent", "affirmait"}, "selon"),
    "it": ({"detto", "dichiarato", "affermato", "dice", "dichiarava", "affermano"}, "secondo"),
    "de": ({"sagte", "erklärte", "betonte", "gesagt", "sagten"}, "laut"),
    "pt": ({"disse", "afirmou", "declarou", "afirmava", "declararam"}, "segundo"),
    "nl": ({"zei", "verklaarde", "benadrukte", "gezegd", "zeiden"}, "volgens"),
}


@pytest.mark.parametrize("code", FULL)
def test_every_full_pack_has_the_speech_keys(code: str) -> None:
    data = pack(code).topic("speech")
    missing = [key for key in REQUIRED if not data.get(key)]
    assert not missing, f"{code}/speech.toml lacks {missing}"
    assert all(isinstance(v, list) and len(v) == 2 for v in data["pronouns"].values())


@pytest.mark.parametrize("code", FULL)
def test_speech_verbs_and_attribution_words_are_cues(code: str) -> None:
    cues = speech_cues(code)
    forms, according = EXPECTED[code]
    assert forms <= cues.cue_forms, forms - cues.cue_forms
    assert according in cues.according
    assert " " in according or according in cues.cue_forms  # one word: found as a token cue


@pytest.mark.parametrize("code", [c for c in FULL if c != "en"])
def test_lemmas_are_inflected_with_simplemma_but_never_infinitives_or_function_words(code: str) -> None:
    cues = speech_cues(code)
    data = pack(code).topic("speech")
    assert data.get("inflect") is True
    fixed = set(data.get("no_inflect", ()))
    function = pack(code).words("words", "function_words")
    for lemma, listed in data["verbs"].items():
        forms = cues.cue_lemmas[lemma]
        assert set(f.lower() for f in listed) <= set(forms)
        if lemma not in fixed and lemma not in listed:
            assert lemma not in forms  # "denunciar": an infinitive reports nothing
    generated = {f for forms in cues.cue_lemmas.values() for f in forms}
    listed_all = {f.lower() for forms in data["verbs"].values() for f in forms}
    assert not {f for f in generated - listed_all if f in function}
    assert len(cues.cue_forms) > 3 * len(data["verbs"])  # inflections were added


def test_english_lists_its_forms_by_hand() -> None:
    data = pack("en").topic("speech")
    cues = speech_cues("en")
    assert data.get("inflect") is False
    assert cues.cue_lemmas["state"] == ("stated", "stating")  # deliberately no "state", "states"
    assert "said" in cues.coordinated_cues and "saying" in cues.participle_forms


@pytest.mark.parametrize("code", FULL)
def test_words_that_introduce_indirect_speech(code: str) -> None:
    cues = speech_cues(code)
    sample = {"en": "that he", "es": "que el", "fr": "qu'il", "it": "che il", "de": "dass er",
              "pt": "que o", "nl": "dat hij"}[code]
    assert cues.complementizer_at(sample, 0)
    assert not cues.complementizer_at("thatcher quelque chelsea dasselbe", 0)


def test_unknown_language_gets_the_union_without_pro_drop() -> None:
    union = speech_cues("zz")
    assert union.language == "xx"
    assert {"said", "dijo", "déclaré", "detto", "sagte", "disse"} <= union.cue_forms
    assert not union.pro_drop
    assert speech_cues("es").pro_drop and speech_cues("it").pro_drop and not speech_cues("fr").pro_drop


@pytest.mark.parametrize("code", FULL)
def test_every_full_pack_marks_the_writers_own_words_and_its_as(code: str) -> None:
    cues = speech_cues(code)
    assert cues.self_words and cues.as_words
    assert not cues.self_words & cues.document_nouns  # "mon rapport" would read as the writer's
    assert all(" " not in w for w in cues.after_quote_cues)


def _packs_with_forms() -> list[str]:
    from importlib import resources  # noqa: PLC0415

    root = resources.files("storyline.lang")
    return sorted(p.name for p in root.iterdir() if p.joinpath(FORMS_FILE).is_file())


@pytest.mark.parametrize("code", _packs_with_forms())
def test_shipped_speech_forms_equal_what_simplemma_gives(code: str) -> None:
    """scripts/build_speech_forms.py wrote the file from the pinned simplemma: every lemma the
    pack expands is in it, with exactly simplemma's forms, so the finder never needs simplemma."""
    import tomllib  # noqa: PLC0415
    from importlib import metadata, resources  # noqa: PLC0415

    shipped = tomllib.loads(resources.files("storyline.lang").joinpath(code, FORMS_FILE).read_text("utf-8"))
    assert shipped["simplemma"] == metadata.version("simplemma")
    lemmas = generated_lemmas(pack(code).topic("speech"))
    assert set(shipped["forms"]) == set(lemmas), "rerun scripts/build_speech_forms.py"
    expected = simplemma_inflections(code, lemmas)
    assert {lemma: forms for lemma, forms in shipped["forms"].items() if forms} == expected


def test_every_pack_that_inflects_ships_its_forms() -> None:
    inflecting = {code for code in FULL if generated_lemmas(pack(code).topic("speech"))}
    assert inflecting and inflecting <= set(_packs_with_forms())
