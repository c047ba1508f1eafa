"""Language identification: the English fast path and lingua for the rest."""

from __future__ import annotations

import pytest

from storyline.errors import ConfigError
from storyline.ingest.language import LanguageDetector, _is_plainly_english

ENGLISH = ("The minister said on Wednesday that the government was ready to resume talks with the "
           "unions, and that it has no plan to raise the tax on fuel for the rest of the year.")
TEXTS = {
    "en": ENGLISH,
    "es": "El ministro dijo el miércoles que el gobierno estaba dispuesto a reanudar las conversaciones "
          "con los sindicatos y que no tiene previsto subir el impuesto sobre el combustible este año.",
    "fr": "Le ministre a déclaré mercredi que le gouvernement était prêt à reprendre les discussions avec "
          "les syndicats et qu'il n'envisage pas d'augmenter la taxe sur le carburant cette année.",
    "de": "Der Minister sagte am Mittwoch, die Regierung sei bereit, die Gespräche mit den Gewerkschaften "
          "wieder aufzunehmen, und plane keine Erhöhung der Kraftstoffsteuer in diesem Jahr.",
}


@pytest.mark.parametrize(("code", "text"), sorted(TEXTS.items()))
def test_language_detects_each_language(code: str, text: str) -> None:
    assert LanguageDetector(languages=("en", "es", "fr", "de"))(text) == code


@pytest.mark.parametrize(("code", "text"), sorted(TEXTS.items()))
def test_language_fast_path_only_answers_english(code: str, text: str) -> None:
    assert _is_plainly_english(text) is (code == "en")


def test_language_fast_path_is_skipped_when_english_is_not_allowed() -> None:
    assert LanguageDetector(languages=("es", "fr"))(ENGLISH) in ("es", "fr", None)


@pytest.mark.parametrize("text", ["", "12345 678", "Hi"])
def test_language_too_little_text_is_undecided(text: str) -> None:
    assert LanguageDetector(languages=("en", "es"))(text) is None


def test_language_unknown_code_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="languages"):
        LanguageDetector(languages=("en", "xx"))(TEXTS["es"])
