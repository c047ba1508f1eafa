"""Pack keys of organisations and common nouns: resolution.toml ``org_aliases`` (read by
reconcile/name_orgs.py) and names.toml ``demonym_suffixes`` and ``determiners`` (read by
analyze/ner_nouns.py). Every full pack has them; a list may be empty where the rule is off."""

from __future__ import annotations

import pytest

from storyline.lang import FULL, pack
from storyline.reconcile.name_orgs import _alias_table


@pytest.mark.parametrize("code", FULL)
def test_every_full_pack_names_the_international_bodies(code: str) -> None:
    aliases = pack(code).topic("resolution").get("org_aliases")
    assert isinstance(aliases, dict) and len(aliases) >= 10, f"{code}/resolution.toml org_aliases"
    assert {"united nations", "nato", "european union"} <= set(aliases.values())
    assert all(isinstance(k, str) and k.strip() == k and k for k in aliases)


def test_alias_keys_are_shared_by_every_pack() -> None:
    """A key spelled differently in one pack would split the body it names: every key is used by
    at least five of the seven full packs, and no alias's name words are empty."""
    keys = [set(pack(code).topic("resolution").get("org_aliases", {}).values()) for code in FULL]
    for key in set.union(*keys):
        assert sum(key in k for k in keys) >= 5, key
    for code in FULL:
        assert "" not in _alias_table(code), f"{code}: an alias whose name words are empty"


@pytest.mark.parametrize("code", FULL)
@pytest.mark.parametrize("key", ["demonym_suffixes", "determiners", "place_nouns", "square_nouns"])
def test_every_full_pack_has_the_common_noun_keys(code: str, key: str) -> None:
    value = pack(code).get("names", key)
    assert isinstance(value, list), f"{code}/names.toml {key} is missing"
    assert all(isinstance(w, str) and w == w.lower() and w.strip() == w and w for w in value)


@pytest.mark.parametrize("code", ["es", "fr", "it", "pt"])
def test_romance_packs_turn_both_rules_on(code: str) -> None:
    for key in ("demonym_suffixes", "determiners", "place_nouns", "square_nouns"):
        assert pack(code).words("names", key), key
