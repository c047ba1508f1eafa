"""A relative pronoun's speaker after an apposition: the person the apposition describes, not the
body a role noun in it belongs to ("Ibrahim Munir, uno de los líderes de la Hermandad Musulmana,
quien dice")."""

from __future__ import annotations

import pytest

from storyline.analyze.annotate import annotate
from storyline.model import Article


def _speakers(text: str, language: str) -> list[str | None]:
    annotated = annotate(Article(id="x", text=text, language=language, published="2011-02-20"))
    return [quote.speaker_entity for quote in annotated.quotes]


@pytest.mark.parametrize(("language", "text", "speaker"), [
    ("es", "Él comparte una entrevista con Ibrahim Munir, uno de los líderes de la Hermandad Musulmana, "
           "quien dice que la situación en Egipto ha sido muy mala.", "Ibrahim Munir"),
    ("fr", "Nous avons rencontré Ahmed Bani, le porte-parole du Conseil national de transition, qui affirme "
           "que les rebelles tiennent la ville.", "Ahmed Bani"),
])
def test_the_person_an_apposition_describes_speaks_not_the_body_of_its_role(
        language: str, text: str, speaker: str) -> None:
    assert _speakers(text, language) == [speaker]


def test_a_name_that_is_no_role_complement_stays_the_antecedent() -> None:
    text = "La ONG denunció la represión ante la Liga Árabe, quien dijo que estudiará el caso."
    assert "Liga Árabe" in _speakers(text, "es")
