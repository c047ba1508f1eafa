"""Tests of storyline.analyze.entities (recognition) and its wiring with resolution."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from storyline.analyze.annotate import annotate, annotated_json
from storyline.analyze.entities import CrfRecognizer, EntityRecognizer, SpacyRecognizer
from storyline.analyze.roles import find_role
from storyline.analyze.sentences import split_sentences
from storyline.errors import ConfigError
from storyline.model import Article, Mention, Span
from storyline.reconcile.entities import resolve_by_story

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "s400"


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer(backend="offline").load()


def _found(recognizer: EntityRecognizer, text: str) -> list[tuple[str, str]]:
    return [(m.span.text_in(text), m.type) for m in recognizer(text, split_sentences(text))]


def _check_spans(text: str, mentions: list[Mention]) -> None:
    last = 0
    for m in mentions:
        assert 0 <= last <= m.span.start < m.span.end <= len(text)
        assert m.span.text_in(text) == text[m.span.start:m.span.end].strip()
        last = m.span.end


def test_entities_people_places_and_organisations(recognizer: EntityRecognizer) -> None:
    text = ("Turkish Defence Minister Hulusi Akar met U.S. Secretary of State Antony Blinken in "
            "Ankara on Tuesday. The North Atlantic Treaty Organization was not there.")
    found = _found(recognizer, text)
    assert ("Hulusi Akar", "PERSON") in found
    assert ("Antony Blinken", "PERSON") in found
    assert ("Ankara", "GPE") in found
    assert any(t == "ORG" and "North Atlantic Treaty Organization" in s for s, t in found)
    assert not any(s.startswith(("Minister", "Defence", "Secretary")) for s, _ in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("Turkey bought the S-400 system and lost the F-35 fighter jets.", [("S-400", "WEAPON"), ("F-35", "WEAPON")]),
    ("Russian S-400s are incompatible with NATO equipment.", [("S-400s", "WEAPON"), ("NATO", "ORG")]),
    ("The S-400 Triumf missiles arrived.", [("S-400 Triumf", "WEAPON")]),
])
def test_entities_rules_weapons_and_acronyms(recognizer: EntityRecognizer, text: str,
                                             expected: list[tuple[str, str]]) -> None:
    found = _found(recognizer, text)
    for item in expected:
        assert item in found


def test_entities_title_is_the_role_not_the_name(recognizer: EntityRecognizer) -> None:
    text = "Turkish Defense Minister Hulusi Akar said on Tuesday that talks would go on."
    mentions = recognizer(text, split_sentences(text))
    akar = next(m for m in mentions if m.span.text_in(text) == "Hulusi Akar")
    role = find_role(text, akar.span, Span(0, len(text)), [akar])
    assert role is not None and role.text_in(text) == "Turkish Defense Minister"


@pytest.mark.parametrize("text", [
    "“The missiles threaten our jets,” Qarlo told reporters.",
    "«Nous sommes prêts», a dit Qarlo Venn.",
    "(Qarlo Venn) spoke — and left.",
])
def test_entities_names_have_no_quote_marks_or_brackets_at_their_edges(recognizer: EntityRecognizer,
                                                                         text: str) -> None:
    names = [m.span.text_in(text) for m in recognizer(text, split_sentences(text))]
    assert any("Qarlo" in name for name in names)
    assert all(name == name.strip("\"“”«»()[]—–-,:; ") for name in names)


@pytest.mark.parametrize(("text", "role"), [
    ("Turkey's defense minister, Hulusi Akar, was cited.", "Turkey's defense minister"),
    ("Hulusi Akar, Turkey's defense minister, was cited.", "Turkey's defense minister"),
    ("State Department spokesman Ned Price said so.", "State Department spokesman"),
    ("On Wednesday, Ned Price said so.", None),
])
def test_entities_roles(text: str, role: str | None) -> None:
    start = text.index("Hulusi Akar") if "Akar" in text else text.index("Ned Price")
    span = Span(start, start + 11 if "Akar" in text else start + 9)
    found = find_role(text, span, Span(0, len(text)), [Mention(span, "PERSON")])
    assert (found.text_in(text) if found else None) == role


@pytest.mark.parametrize("text", ["", "   \n ", "Erdogan", "NATO", "\u0627\u0644\u0631\u0626\u064a\u0633 \u0623\u0631\u062f\u0648\u063a\u0627\u0646",
                                  "\u571f\u8033\u5176\u603b\u7edf\u57c3\u5c14\u591a\u5b89",
                                  "Cumhurbaşkanı Recep Tayyip Erdoğan Ankara'da konuştu.",
                                  "READ MORE: JOIN OUR WHATSAPP CHANNEL NOW"])
def test_entities_edge_cases_give_valid_spans(recognizer: EntityRecognizer, text: str) -> None:
    mentions = recognizer(text, split_sentences(text))
    _check_spans(text, mentions)
    if text.startswith("READ MORE"):
        assert not any(m.type == "ORG" for m in mentions)


def test_entities_long_article_gives_valid_spans(recognizer: EntityRecognizer) -> None:
    # Speed is bench/bench_analyze.py's business; this checks a 200 kB article is read whole.
    text = ("Foreign Minister Mevlut Cavusoglu spoke with Antony Blinken in Ankara about NATO. " * 2500)
    mentions = recognizer(text, split_sentences(text))
    _check_spans(text, mentions)
    assert mentions and mentions[-1].span.start > len(text) - 200


def test_entities_one_long_line_without_sentences(recognizer: EntityRecognizer) -> None:
    text = "Hulusi Akar met Ned Price in Ankara; " * 400
    mentions = recognizer(text, [Span(0, len(text))])
    assert len(mentions) > 300
    _check_spans(text, mentions)


def test_entities_deterministic_and_pickle_round_trip(recognizer: EntityRecognizer) -> None:
    text = "Recep Tayyip Erdogan and Joe Biden spoke by phone about the S-400."
    copy = pickle.loads(pickle.dumps(recognizer))
    assert copy.config == recognizer.config
    assert copy(text, split_sentences(text)) == recognizer(text, split_sentences(text))


def test_entities_backend_auto_falls_back_to_offline() -> None:
    recognizer = EntityRecognizer(backend="auto", spacy_model="no_such_pipeline_xyz").load()
    assert recognizer.backend_ == "offline"


def test_entities_bad_backend_and_missing_model() -> None:
    with pytest.raises(ConfigError):
        EntityRecognizer(backend="magic")  # type: ignore[arg-type]
    with pytest.raises(ConfigError):
        CrfRecognizer(model_path=Path("/nonexistent/model.crfsuite")).load()


def _spacy_pipeline():  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Hulusi Akar"},
                        {"label": "GPE", "pattern": "Ankara"},
                        {"label": "DATE", "pattern": "Tuesday"}])
    return nlp


def test_entities_spacy_backend_with_a_built_pipeline() -> None:
    nlp = _spacy_pipeline()
    recognizer = EntityRecognizer(backend="spacy", nlp=nlp).load()
    text = "Defence Minister Hulusi Akar spoke in Ankara on Tuesday about the S-400."
    assert recognizer.backend_ == "spacy"
    assert _found(recognizer, text) == [("Hulusi Akar", "PERSON"), ("Ankara", "GPE"), ("S-400", "WEAPON")]


def test_entities_spacy_backend_loads_from_disk(tmp_path: Path) -> None:
    nlp = _spacy_pipeline()
    nlp.to_disk(tmp_path / "pipeline")
    recognizer = SpacyRecognizer(model=str(tmp_path / "pipeline")).load()
    text = "Hulusi Akar spoke."
    assert [(m.span.text_in(text), m.type) for m in recognizer(text, [])] == [("Hulusi Akar", "PERSON")]
    auto = EntityRecognizer(backend="auto", spacy_model=str(tmp_path / "pipeline")).load()
    assert auto.backend_ == "spacy"


def test_entities_spacy_backend_missing_pipeline_raises() -> None:
    pytest.importorskip("spacy")
    with pytest.raises(ConfigError):
        EntityRecognizer(backend="spacy", spacy_model="no_such_pipeline_xyz").load()


def test_entities_annotate_outputs_typed_mentions(recognizer: EntityRecognizer) -> None:
    article = Article(id="a", text="State Department spokesman Ned Price said NATO allies agree.")
    annotated = annotate(article, recognizer)
    _, (resolved,) = resolve_by_story([annotated])
    data = annotated_json(resolved)
    assert {"start": 27, "end": 36, "text": "Ned Price", "type": "PERSON", "entity": "Ned Price"} in data["entities"]


# The five real reports of one story (../shared/samples/s400).

GROUPS = {
    "Blinken": ("Blinken", "Blincoln"), "Cavusoglu": ("Cavusoglu", "Chavushoru"),
    "Akar": ("Akar", "Akal", "Akkar"), "Price": ("Price",), "Erdogan": ("Erdogan", "Erdoğan"),
    "Kalin": ("Kalin",), "Sullivan": ("Sullivan",),
}


@pytest.fixture(scope="module")
def s400(recognizer: EntityRecognizer):  # type: ignore[no-untyped-def]
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples/s400 is not there")
    articles = [Article(id=p.stem, text=p.read_text(encoding="utf-8"), story="s400")
                for p in sorted(SAMPLES.glob("*.txt"))]
    return resolve_by_story([annotate(a, recognizer) for a in articles])


@pytest.mark.shared
@pytest.mark.parametrize("person", sorted(GROUPS))
def test_entities_s400_people_are_one_entity_each(s400, person: str) -> None:  # type: ignore[no-untyped-def]
    entities, items = s400
    names = {m.entity for item in items for m in item.entities
             if m.type == "PERSON" and any(v in m.span.text_in(item.article.text) for v in GROUPS[person])}
    assert len(names) == 1, names
    entity = next(e for e in entities if e.name in names)
    assert len(entity.mentions) >= 2


@pytest.mark.shared
def test_entities_s400_variants_and_roles(s400) -> None:  # type: ignore[no-untyped-def]
    entities, items = s400
    people = {e.name: e for e in entities if e.type == "PERSON"}
    assert set(people["Antony Blinken"].aliases) >= {"Antony Blinken", "Anthony Blinken", "Anthony Blincoln"}
    assert set(people["Mevlut Cavusoglu"].aliases) >= {"Mevlut Cavusoglu", "Mevlut Chavushoru"}
    assert set(people["Hulusi Akar"].aliases) >= {"Hulusi Akar", "Hulusi Akal", "Akkar"}
    assert set(people["Ned Price"].aliases) >= {"Ned Price", "Price"}
    assert "Recep Tayyip Erdoğan" in people["Recep Tayyip Erdogan"].aliases
    assert any("Defense Minister" in r or "defense minister" in r for r in people["Hulusi Akar"].roles)
    assert any("spokesman" in r for r in people["Ned Price"].roles)
    assert any("Secretary of State" in r for r in people["Antony Blinken"].roles)
    assert any("adviser" in r for r in people["Jake Sullivan"].roles)


@pytest.mark.shared
def test_entities_s400_joe_biden_is_not_merged_with_anyone_else(s400) -> None:  # type: ignore[no-untyped-def]
    entities, _ = s400
    biden = [e for e in entities if e.type == "PERSON" and "Biden" in e.name]
    assert biden, "no Biden entity"
    for entity in biden:
        assert all("Biden" in alias for alias in entity.aliases), entity.aliases


@pytest.mark.shared
def test_entities_s400_spans_slice_their_text(s400) -> None:  # type: ignore[no-untyped-def]
    _, items = s400
    for item in items:
        _check_spans(item.article.text, list(item.entities))
        for row in annotated_json(item)["entities"]:
            assert item.article.text[row["start"]:row["end"]] == row["text"]
