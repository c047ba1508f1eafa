"""Every full pack gives the attribution frames' words (analyze/attribution_frames.py): verbs a
document subject takes, prepositions opening a sentence on a document, and what a party issues
itself; and they are of the right kind for the finder."""

from __future__ import annotations

import pytest

from storyline.analyze.quote_cues import speech_cues
from storyline.lang import FULL, pack

KEYS = ("document_verbs", "document_openers", "authored_nouns", "document_nouns")


@pytest.mark.parametrize("code", FULL)
def test_every_full_pack_has_the_attribution_keys(code: str) -> None:
    data = pack(code).topic("speech")
    missing = [key for key in KEYS if not data.get(key)]
    assert not missing, f"{code}/speech.toml lacks {missing}"
    assert all(isinstance(data[key], list) and all(isinstance(w, str) and w.strip() for w in data[key])
               for key in KEYS)


@pytest.mark.parametrize("code", FULL)
def test_the_words_are_of_the_kind_the_frames_read(code: str) -> None:
    cues = speech_cues(code)
    function = pack(code).words("words", "function_words")
    assert all(w.isalpha() and w.islower() for w in cues.document_openers)  # "in", "en", "dans", "nel"
    assert not cues.document_openers & (cues.cue_forms | cues.document_nouns)
    assert not cues.document_verb_forms & cues.document_nouns  # a verb form never heads a subject
    assert not cues.document_verb_forms & function
    assert not cues.authored_nouns & cues.document_verb_forms


def test_the_fallback_pack_joins_every_packs_words() -> None:
    cues = speech_cues("xx")
    for code in FULL:
        assert speech_cues(code).document_verb_forms <= cues.document_verb_forms
        assert speech_cues(code).document_openers <= cues.document_openers
