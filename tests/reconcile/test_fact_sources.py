"""Who claims what: a fact's parties and the outlets stating it in their own voice."""

from __future__ import annotations

from storyline.analyze.sentences import split_sentences
from storyline.model import Annotated, Article, Mention, Quote, Span, Story
from storyline.reconcile.fact_sources import attributions_of, fact_sources
from storyline.reconcile.facts import align_facts
from storyline.reconcile.story import fact_json


def _quoted(article_id: str, source: str, text: str, speaker: str | None, cue: str, content: str,
            speaker_type: str = "PERSON") -> Annotated:
    """A report with one indirect quote: ``speaker`` (tagged as an entity) ``cue`` ``content``."""
    start = text.index(content)
    quote = Quote(Span(start, start + len(content)), "indirect",
                  None if speaker is None else Span(text.index(speaker), text.index(speaker) + len(speaker)),
                  None, Span(text.index(cue), text.index(cue) + len(cue)))
    mentions = () if speaker is None or speaker_type is None else (
        Mention(Span(text.index(speaker), text.index(speaker) + len(speaker)), speaker_type, speaker),)
    return Annotated(Article(id=article_id, text=text, source=source), tuple(split_sentences(text)), mentions, (),
                     (quote,))


def _plain(article_id: str, source: str, text: str) -> Annotated:
    return Annotated(Article(id=article_id, text=text, source=source), tuple(split_sentences(text)))


MARCH = "The harbour council approved the new bridge across the river after a decade of debate."


def test_a_fact_two_outlets_state_in_their_own_voice_is_established() -> None:
    items = [_plain("a", "A", MARCH), _plain("b", "B", "After a decade of debate the harbour council approved the new "
                                                       "bridge across the river.")]
    (fact,) = [f for f in align_facts(items) if len(f.articles) == 2]
    record = fact_json(fact, attributions_of(items))
    assert (record["status"], record["own_voice"], record["claimed_by"]) == ("established", 2, [])


def test_a_partys_claim_stays_its_claim_however_many_outlets_repeat_it() -> None:
    content = "the new bridge across the river would open to traffic in June next year"
    items = [_quoted("a", "A", f"Mayor Ilse Varga said that {content}.", "Ilse Varga", "said", content),
             _quoted("b", "B", f"Ilse Varga told reporters {content}.", "Ilse Varga", "told", content),
             _quoted("c", "C", f"Ilse Varga said on Monday that {content}.", "Ilse Varga", "said", content)]
    (fact,) = [f for f in align_facts(items) if len(f.articles) == 3]
    record = fact_json(fact, attributions_of(items))
    assert record["status"] == "claimed" and record["own_voice"] == 0 and record["voices"] == 3
    (party,) = record["claimed_by"]
    assert party["party"] == "Ilse Varga" and party["type"] == "person"
    assert set(party["cues"]) == {"said", "told"} and party["outlets"] == ["A", "B", "C"]


def test_unnamed_sources_and_states_are_parties_and_a_pronoun_is_not() -> None:
    documents = _quoted("a", "A", "According to documents seen by the paper, the agency paid the firm twice.",
                        "documents seen by the paper", "According to", "the agency paid the firm twice",
                        speaker_type=None)
    state = _quoted("b", "B", "Turkey says the systems will stand independently from NATO defenses.", "Turkey",
                    "says", "the systems will stand independently from NATO defenses", speaker_type="GPE")
    they = _quoted("c", "C", "They said the systems will stand independently from NATO defenses.", "They",
                   "said", "the systems will stand independently from NATO defenses", speaker_type=None)
    found = attributions_of([documents, state, they])
    assert [(a.party, a.party_type, a.cue) for a in found[("a", 0)]] == [
        ("documents seen by the paper", "unnamed", "According to")]
    assert [(a.party, a.party_type) for a in found[("b", 0)]] == [("Turkey", "state")]
    assert ("c", 0) not in found


def test_a_sentence_holding_a_whole_attribution_is_the_partys_even_when_the_content_is_short() -> None:
    text = ("Asked if the United States is considering the recent proposal of the ministry in Ankara, "
            "spokesman Ned Price said the policy remained unchanged.")
    item = _quoted("a", "A", text, "Ned Price", "said", "the policy remained unchanged")
    assert [a.party for a in attributions_of([item])[("a", 0)]] == ["Ned Price"]
    # a short content whose cue is far from its subject (a participle, not a frame) attributes nothing
    text = ("The ministry raised the duty on diesel and petrol again in March after a long debate, "
            "citing the cost of the new line.")
    citing = _quoted("b", "B", text, "The ministry", "citing", "the cost of the new line", speaker_type="ORG")
    assert attributions_of([citing]) == {}


def test_fact_sources_counts_own_voice_outlets_once_and_at_most_the_voices() -> None:
    span = Span(0, 10)
    record = fact_sources([("a", "A", span), ("b", "A", span), ("c", "B", span)], 1, {})
    assert record == {"status": "reported", "own_voice": 1, "claimed_by": []}


def test_samples_who_claims_what(s400: tuple[Story, list[Annotated]]) -> None:
    _, annotated = s400
    said = attributions_of(annotated)
    records = [fact_json(f, said) for f in align_facts(annotated)]
    # "Turkey says the systems will stand independently" is gathered with the reports saying "will
    # not be integrated into NATO": Turkey's claim, reported by three outlets.
    independent = next(r for r in records if "stand independently" in r["text"] or "integrated into NATO" in r["text"])
    assert independent["status"] == "claimed" and [p["party"] for p in independent["claimed_by"]] == ["Turkey"]
    assert len(independent["outlets"]) == 3
    chat = next(r for r in records if "Cavusoglu" in r["text"])
    assert chat["status"] == "claimed" and chat["claimed_by"][0]["party"] == "Ned Price"
    assert len(chat["claimed_by"][0]["outlets"]) == 3
    sanctions = next(r for r in records if "imposed sanctions on Turkey in December 2020" in r["text"])
    assert sanctions["status"] == "established" and sanctions["own_voice"] >= 3


def test_a_shouted_clause_read_as_a_speaker_is_no_party() -> None:
    text = "ME GUSTARIA QUE TODOS LOS QUE LE INTERESE LE MANDEN UN CORREO reclamando el fin de la guerra en Libia."
    shout = _quoted("a", "A", text, "ME GUSTARIA QUE TODOS LOS QUE LE INTERESE LE MANDEN UN CORREO", "reclamando",
                    "el fin de la guerra en Libia", speaker_type=None)
    assert attributions_of([shout]) == {}
    witnesses = _quoted("b", "B", "D'autres témoins ont raconté que les forces de l'ordre avaient tiré en l'air.",
                        "D'autres témoins", "raconté", "que les forces de l'ordre avaient tiré en l'air",
                        speaker_type=None)
    assert [a.party for a in attributions_of([witnesses])[("b", 0)]] == ["D'autres témoins"]


def test_an_unnamed_party_is_cut_to_the_words_that_name_it() -> None:
    from storyline.reconcile.fact_sources import party_phrase

    assert party_phrase("journaliste de AFP qui", "fr") == "journaliste de AFP"
    assert party_phrase("les États-Unis et l'Otan n'ont toujours", "fr") == "les États-Unis et l'Otan"
    assert party_phrase("dibattito televisivo fra Obama e Romney e", "it") == "dibattito televisivo fra Obama e Romney"
    assert party_phrase("U.S. government and NATO", "en") == "U.S. government and NATO"  # 'and' joins two parties
    # A relative right after the first word leaves an article, which names nobody.
    clause = _quoted("e", "E", "Según el cual los manifestantes incendiaron la comisaría, hubo tres muertos.",
                     "el cual los manifestantes incendiaron la comisaría", "Según", "hubo tres muertos", speaker_type=None)
    assert attributions_of([clause]) == {}


def test_one_word_names_a_party_only_as_a_role_or_a_source() -> None:
    said = _quoted("f", "F", "Ceci dit, l'armée avait le droit de suspendre la constitution.", "Ceci", "dit",
                   "l'armée avait le droit de suspendre la constitution", speaker_type=None)
    assert attributions_of([said]) == {}
    witnesses = _quoted("g", "G", "Testigos afirmaron que podían verse columnas de humo.", "Testigos", "afirmaron",
                        "podían verse columnas de humo", speaker_type=None)
    assert [a.party for a in attributions_of([witnesses])[("g", 0)]] == ["Testigos"]
