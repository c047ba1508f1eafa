"""Who speaks, keyed on the story's resolved entities (issue 19): one party per entity, a state
and its capital or seat as one, a person the tagger mistyped found again; claims of one party
spelt two ways as one party's claim."""

from __future__ import annotations

import pytest

from storyline.analyze.annotate import annotate
from storyline.model import Annotated, Article, Entity, Span, Story
from storyline.reconcile.entities import resolve_entities
from storyline.reconcile.quote_merge import merge_quotes
from storyline.reconcile.speaker_claims import rekey_claims
from storyline.reconcile.speaker_party import Party, Spellings
from storyline.reconcile.speakers import Parties, speakers_json


def _entity(eid: str, name: str, kind: str, aliases: dict[str, int] | None = None, mentions: int = 1) -> Entity:
    aliases = aliases or {name: mentions}
    return Entity(eid, name, kind, aliases, mentions=tuple(("a", Span(i, i + 1)) for i in range(mentions)))


TURKEY = _entity("tr", "Turkey", "GPE", mentions=9)
ANKARA = _entity("ank", "Ankara", "GPE", mentions=4)
US = _entity("us", "United States", "GPE", {"United States": 5, "US": 3}, mentions=8)
WHITE_HOUSE = _entity("wh", "White House", "ORG", mentions=2)
GADAFI = _entity("mg", "Muamar el Gadafi", "PERSON",
                 {"Gadafi": 60, "Kadhafi": 30, "Mouammar Kadhafi": 10, "Muamar el Gadafi": 5}, mentions=105)
GADAFI_AS_ORG = _entity("mg-org", "Mouammar Kadhafi", "ORG", mentions=3)
KADDAFI_AS_GPE = _entity("kd", "Kaddafi", "GPE", mentions=8)
AISHA = _entity("ag", "Aisha Gadafi", "PERSON", {"Aisha Gadafi": 2}, mentions=2)


def test_a_capital_and_a_seat_speak_for_the_state_named_as_the_country() -> None:
    parties = Parties([ANKARA, TURKEY, US, WHITE_HOUSE])
    assert parties.of("Ankara") == parties.of("Turkey") == Party("e:tr", "Turkey", "tr", "GPE")
    assert parties.of("White House") == parties.of("United States") == Party("e:us", "United States", "us", "GPE")
    assert parties.of("Ankara", linked=False) == parties.of("Turkey")  # a speaker no entity holds, by its name


def test_a_capital_without_its_country_in_the_story_stays_itself() -> None:
    assert Parties([ANKARA]).of("Ankara") == Party("e:ank", "Ankara", "ank", "GPE")


def test_a_person_typed_as_an_organisation_or_a_place_is_the_storys_person() -> None:
    parties = Parties([GADAFI, GADAFI_AS_ORG, KADDAFI_AS_GPE, AISHA])
    assert parties.of("Mouammar Kadhafi") == parties.of("Kaddafi") == Party("e:mg", "Muamar el Gadafi", "mg", "PERSON")
    assert parties.of("Aisha Gadafi").entity == "ag"  # a person stays who resolution made her


def test_a_lone_surname_two_people_carry_is_left_alone() -> None:
    aisha = _entity("ag", "Aisha Gadafi", "PERSON", {"Aisha Gadafi": 2, "Gadafi": 2}, mentions=4)
    assert Parties([GADAFI, aisha, KADDAFI_AS_GPE]).of("Kaddafi").entity == "kd"


def test_a_person_entity_is_never_moved_and_a_place_named_like_a_surname_stays_a_place() -> None:
    kadhafi = _entity("k1", "Kadhafi", "PERSON", mentions=8)
    jordan = _entity("jo", "Jordan", "GPE", mentions=3)
    michael = _entity("mj", "Michael Jordan", "PERSON", {"Michael Jordan": 2, "Jordan": 4}, mentions=6)
    parties = Parties([GADAFI, kadhafi, jordan, michael])
    assert parties.of("Kadhafi").entity == "k1"
    assert parties.of("Jordan").entity == "jo"


def test_a_speaker_no_entity_holds_keeps_its_spelling() -> None:
    parties = Parties([TURKEY, GADAFI])
    assert parties.of("a ministry spokesman", linked=False) == Party("n:a ministry spokesman", "a ministry spokesman")
    assert parties.of("Gheddafi", linked=False) is not None
    assert parties.of("Kadhafi", linked=False).entity == "mg"  # one entity's spelling
    assert parties.of(None) is None and parties.of("  ") is None
    assert Spellings().of("The  Ministry") == Party("n:the ministry", "The Ministry")


def _story(*texts: str) -> tuple[list[Entity], list[Annotated]]:
    items = [annotate(Article(id=f"a{n}", text=text, source=f"outlet{n}", language="en")) for n, text in enumerate(texts)]
    return resolve_entities(items)


ANKARA_SAYS = ("Ankara said on Monday that the S-400 air defence systems would never be integrated into NATO "
               "defences. Turkey bought the missiles from Russia in 2019.")
TURKEY_SAYS = ("Turkey said on Monday that its S-400 air defence systems would never be integrated into the NATO "
               "defences. Ankara bought the missiles in 2019.")


def test_a_quote_of_the_capital_and_one_of_the_state_are_one_statement_of_one_party() -> None:
    entities, items = _story(ANKARA_SAYS, TURKEY_SAYS)
    unkeyed = merge_quotes(items)
    assert {q.speaker_entity for q in unkeyed} >= {"Ankara", "Turkey"}
    merged = merge_quotes(items, parties=Parties(entities))
    (s400,) = [q for q in merged if "integrated" in q.text]
    assert s400.sources == ("a0", "a1")
    assert s400.party is not None and s400.party.name == "Turkey"


def test_speakers_json_lists_one_speaker_per_party_with_every_spelling() -> None:
    def quote(qid: str, name: str, key: str, spelling: str, article: str) -> dict[str, object]:
        return {"id": qid, "speaker": spelling, "speaker_entity": spelling, "speaker_name": name,
                "speaker_key": key, "speaker_id": key[2:], "sources": [article], "outlets": [article.upper()],
                "variants": [{"speaker": spelling, "speaker_entity": spelling}]}

    quotes = [quote("q1", "Turkey", "e:tr", "Ankara", "a1"), quote("q2", "Ned Price", "e:np", "Ned Price", "a1"),
              quote("q3", "Turkey", "e:tr", "Turkey", "a2"), quote("q5", "Turkey", "e:tr", "officials in Ankara", "a2"),
              {"id": "q4", "speaker": None, "speaker_name": None, "speaker_key": None, "sources": ["a3"]}]
    speakers = speakers_json(quotes)
    assert [(s["name"], s["quotes"], s["names"], s["articles"]) for s in speakers] == [
        ("Turkey", ["q1", "q3", "q5"], ["Ankara", "Turkey"], ["a1", "a2"]), ("Ned Price", ["q2"], ["Ned Price"], ["a1"])]
    assert speakers[0]["entity"] == "tr" and speakers[0]["outlets"] == ["A1", "A2"]
    (official,) = speakers_json([quote("q6", "a US official", "n:a us official", "a US official", "a4")])
    assert official["names"] == ["a US official"]


def test_claims_of_one_party_spelt_two_ways_are_one_partys_claim() -> None:
    claimed = [{"party": "Gadafi", "type": "unnamed", "cues": ["dijo"], "articles": ["es1"], "outlets": ["elmundo.es"],
                "names": ["Gadafi"]},
               {"party": "Muamar el Gadafi", "type": "person", "cues": ["a déclaré"], "articles": ["fr1"],
                "outlets": ["lemonde.fr"], "names": ["Muamar el Gadafi"]},
               {"party": "a witness", "type": "unnamed", "cues": ["said"], "articles": ["en1"], "outlets": ["bbc"],
                "names": ["a witness"]}]
    out = rekey_claims(claimed, Parties([GADAFI]))
    assert [(p["party"], p["entity"], p["type"], p["outlets"], p["cues"]) for p in out] == [
        ("Muamar el Gadafi", "mg", "person", ["elmundo.es", "lemonde.fr"], ["dijo", "a déclaré"]),
        ("a witness", None, "unnamed", ["bbc"], ["said"])]
    assert out[0]["names"] == ["Gadafi", "Muamar el Gadafi"]
    assert claimed[0]["outlets"] == ["elmundo.es"]  # the input is left as it was


@pytest.mark.shared
def test_samples_list_each_speaker_once_under_its_entity(s400: tuple[Story, list[Annotated]]) -> None:
    from storyline.reconcile.story import reconcile_story

    story, items = s400
    record, _ = reconcile_story(story, items)
    speakers = {s["name"]: s for s in record["speakers"]}
    assert "Ankara" not in speakers and {"Ankara", "Turkey"} <= set(speakers["Turkey"]["names"])
    assert {"Hulusi Akar", "Hulusi Akal"} <= set(speakers["Hulusi Akar"]["names"])
    assert len(speakers["Ned Price"]["quotes"]) >= 5
    entities = [s["entity"] for s in record["speakers"] if s["entity"]]
    assert len(entities) == len(set(entities))  # one speaker per entity
    keyed = {q["id"]: q["speaker_key"] for q in record["quotes"]}
    assert all(keyed[q] == s["key"] for s in record["speakers"] for q in s["quotes"])
    for fact in record["facts"] + record["single_source"]:
        parties = [p["entity"] or p["party"] for p in fact["claimed_by"]]
        assert len(parties) == len(set(parties))
        assert "Ankara" not in {p["party"] for p in fact["claimed_by"]}


def test_a_spelling_two_entities_share_is_their_party_when_they_speak_as_one() -> None:
    # "Moustapha Abdeljalil" is an alias of the person and of the organisation the tagger made of him.
    person = _entity("p", "Mustafá Abdeljalil", "PERSON", {"Abdeljalil": 4, "Mustafá Abdeljalil": 3,
                                                           "Moustapha Abdeljalil": 2}, mentions=9)
    as_org = _entity("o", "Moustapha Abdeljalil", "ORG", mentions=4)
    assert Parties([person, as_org]).of("Moustapha Abdeljalil", linked=False).entity == "p"


def test_a_lone_surname_goes_to_its_one_mistyped_full_name_only() -> None:
    full = _entity("f", "Bayram Balci", "GPE", mentions=4)
    lone = _entity("l", "Balci", "PERSON", mentions=2)
    assert Parties([full, lone]).of("Balci").entity == "f"
    as_org = _entity("o", "Balci", "ORG", mentions=3)  # its organisation spelling follows it there
    assert Parties([full, lone, as_org]).of("Balci").entity == "f"
    assert Parties([lone, as_org, full]).of("Balci", linked=False).entity == "f"
    assert Parties([full, lone, _entity("g", "Ahmet Balci", "PERSON", mentions=1)]).of("Balci").entity == "l"


def test_a_capital_is_its_state_whatever_spellings_it_has() -> None:
    cairo = _entity("c", "Cairo", "GPE", {"Cairo": 88, "Caire": 3}, mentions=91)
    egypt = _entity("e", "Egipto", "GPE", {"Egipto": 210, "Egypt": 12}, mentions=222)
    assert Parties([cairo, egypt]).of("Cairo").entity == "e"


@pytest.mark.parametrize(("speaker", "others"), [
    (_entity("s", "Salam", "GPE"), [_entity("k", "Kemal Salem", "ORG")]),  # a near surname is no surname
    (_entity("t", "Tripolitania", "GPE"), [_entity("y", "Yamayria della Tripolitania", "ORG")]),
    (_entity("e", "Esteri", "ORG"), [_entity("m", "Ministero Esteri", "ORG")]),  # an organisation's word
    (_entity("r", "Reuters", "ORG"), [_entity("th", "Thomson Reuters", "ORG")]),
    (_entity("tn", "Túnez", "GPE"), [_entity("lt", "Libia de Túnez", "ORG", mentions=5)]),  # no country named
    (_entity("c", "CNT", "ORG"), [_entity("g", "Abdel Hafeez Goga del CNT", "PERSON", {"CNT": 1, "Goga": 2})]),
    (_entity("i", "Industria", "GPE"), [_entity("mi", "Ministerio de Industria", "ORG")]),
    (_entity("p", "Post", "GPE"), [_entity("wp", "Washington Post", "ORG")]),
    (_entity("b", "Bengasi", "GPE"), [_entity("ob", "Ospedale Bengasi", "PERSON")]),  # a town
])
def test_an_organisation_or_place_is_not_taken_for_a_longer_name_ending_in_it(speaker: Entity, others: list[Entity]) -> None:
    assert Parties([speaker, *others]).of(speaker.name).entity == speaker.id


def test_a_surname_tagged_as_a_place_is_the_one_person_with_that_full_name() -> None:
    lone = _entity("g", "Ghonim", "GPE")
    assert Parties([lone, _entity("w", "Wael Ghonim", "ORG", mentions=7)]).of("Ghonim").entity == "w"
    assert Parties([lone, _entity("w", "Wael Ghonim", "PERSON", mentions=7)]).of("Ghonim").entity == "w"
    two = [lone, _entity("w", "Wael Ghonim", "PERSON"), _entity("a", "Ahmed Ghonim", "PERSON")]
    assert Parties(two).of("Ghonim").entity == "g"


def test_a_partys_names_are_its_own_spellings_when_the_story_is_known() -> None:
    def quote(qid: str, spelling: str) -> dict[str, object]:
        return {"id": qid, "speaker": spelling, "speaker_entity": "Muamar el Gadafi", "speaker_name": "Muamar el Gadafi",
                "speaker_key": "e:mg", "speaker_id": "mg", "sources": ["a1"], "outlets": []}

    quotes = [quote("q1", "Kadhafi"), quote("q2", "Guido Westerwelle")]  # the second linked by mistake
    westerwelle = _entity("gw", "Guido Westerwelle", "PERSON")
    (gadafi,) = speakers_json(quotes, Parties([GADAFI, westerwelle]))
    assert gadafi["names"] == ["Muamar el Gadafi", "Kadhafi"]
    assert "Guido Westerwelle" in speakers_json(quotes)[0]["names"]  # without the story, every spelling
