"""An analyst's entity merge reaches the speaker a quote is listed under (``speaker_name``, issue 19)."""

from __future__ import annotations

from storyline.corrections.records import Correction
from storyline.corrections.story import apply


def test_merging_two_entities_lists_their_quotes_under_the_kept_one() -> None:
    entities = [{"id": "e1", "name": "Muamar el Gadafi", "type": "PERSON", "aliases": {"Gadafi": 9}, "mentions": []},
                {"id": "e2", "name": "Kadhafi", "type": "PERSON", "aliases": {"Kadhafi": 3}, "mentions": []}]
    quotes = [{"id": "q1", "text": "a", "speaker": "Kadhafi", "speaker_entity": "Kadhafi", "speaker_name": "Kadhafi",
               "sources": ["a1"]},
              {"id": "q2", "text": "b", "speaker": "Price", "speaker_entity": "Ned Price", "speaker_name": "Ned Price",
               "sources": ["a1"]}]
    merge = Correction(1, "s", "merge_entities", "Kadhafi", "Muamar el Gadafi", None, "an analyst", "2026-01-01")
    _, record = apply("t", {"entities": entities, "quotes": quotes}, [merge])
    assert [q["speaker_name"] for q in record["quotes"]] == ["Muamar el Gadafi", "Ned Price"]
    assert quotes[0]["speaker_name"] == "Kadhafi"  # the stored record is left as it was
