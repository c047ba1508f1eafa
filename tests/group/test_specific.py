"""Tests of storyline.group.specific: joining a story needs evidence of that story, not of its country."""

from __future__ import annotations

from storyline.group.clusters import StoryCluster
from storyline.group.features import extract_features
from storyline.group.specific import (
    SPECIFIC_FLOOR, SUBJECT_NAMES, count_specific, key_counts, names_its_subject, stories_share_specific,
)
from storyline.group.splitting import member_row
from storyline.group.stories import StoryGrouper
from storyline.group.weighting import DocumentFrequencies
from storyline.model import Article

#: Background reports of one day: each about its own town, all naming the country and its president.
_TOWNS = ["Abrevo", "Bastuni", "Celmora", "Dravik", "Estolan", "Fenwara", "Galvesti", "Hurrano",
          "Idrosk", "Jelvani", "Kostrava", "Lumbera", "Marvossa", "Nestoria", "Ombrella", "Pellanor",
          "Quaresti", "Rovigna", "Sulvano", "Tavrosk", "Umbrila", "Velnari", "Wexmoor", "Yarrowen",
          "Zelkova", "Albrecca", "Brunoval", "Corvanti", "Dellamar", "Ebrista", "Fiorvan", "Gorlitsa",
          "Hestavan", "Ilmarek", "Jorvasko", "Kelmora"]
_FLOOD = ("Floods in Corvelle, Norvania, forced 3,214 residents from their homes on Monday. President "
          "Aldo Verrano of Norvania flew to Corvelle. Governor Marguerite Duchene said 3,214 people were "
          "evacuated and the river Lise rose 7.4 metres. Norvania's president promised help for Corvelle.")
_FLOOD_2 = ("Rescue teams in Corvelle evacuated 3,214 residents as the river Lise rose 7.4 metres, "
            "Governor Marguerite Duchene said. President Aldo Verrano of Norvania visited the shelters.")
_STRIKE = ("Dockers in Brisk, Norvania, went on strike on Monday. President Aldo Verrano of Norvania "
           "urged them to return. Norvania's president, Aldo Verrano, said the strike hurt Norvania. "
           "Verrano of Norvania will meet them.")


def _article(id_: str, text: str) -> Article:
    return Article(id=id_, text=text, title=None, source="test", published="2026-03-09", language="en")


def _day_table() -> DocumentFrequencies:
    """Document frequencies of a day's other news: forty reports from Norvania's towns naming its
    president, four hundred from elsewhere, each about its own town."""
    table = DocumentFrequencies()
    for n in range(440):
        town = _TOWNS[n % len(_TOWNS)] + "abcdefghijklmnopqrstuvwxyz"[n // len(_TOWNS)]
        text = (f"Officials in {town}, Norvania, met on Monday. President Aldo Verrano of Norvania spoke "
                f"about {town}." if n % 11 == 0 else f"Officials in {town} met on Monday about the harbour.")
        table.add(extract_features(_article(f"bg{n}", text)).counts)
    return table


def _place_all(grouper: StoryGrouper, table: DocumentFrequencies, articles: list[Article]) -> None:
    for article in articles:
        table.add(extract_features(article).counts)
        grouper.place(article, table)


def _table(rows: dict[str, int], n_docs: int) -> DocumentFrequencies:
    table = DocumentFrequencies()
    table.counts_ = dict(rows)
    table.n_docs_ = n_docs
    return table


def _cluster(centroid: dict[str, float], articles: int, keyed: int | None = None) -> StoryCluster:
    """A story of ``articles`` reports whose first ``keyed`` (all by default) rows carry every key
    of ``centroid``; the others are copies (rows without keys)."""
    keyed = articles if keyed is None else keyed
    cluster = StoryCluster("s", 1, [f"a{n}" for n in range(articles)], dict(centroid))
    cluster.members = [member_row(f"a{n}", None, None, None, centroid if n < keyed else {})
                       for n in range(articles)]
    cluster.renorm()
    return cluster


def test_counts_follow_the_rows_and_copies_count_as_their_original() -> None:
    story = _cluster({"n:krvl": 1.0, "#:3214": 0.5}, 4, keyed=2)
    counts, scale = key_counts(story)
    assert counts == {"n:krvl": 2, "#:3214": 2} and scale == 2.0
    story.members.append(member_row("a4", None, None, None, {"n:krvl": 1.0}))
    story.articles.append("a4")
    counts, scale = key_counts(story)
    assert counts["n:krvl"] == 3 and counts["#:3214"] == 2 and scale == 5 / 3
    story.members = story.members[:1]  # a split: the rows changed, counted again
    story.key_counts = None
    assert key_counts(story)[0] == {"n:krvl": 1, "#:3214": 1}


def test_a_key_common_beyond_the_floor_is_specific_only_to_a_story_that_explains_it() -> None:
    vector = {"n:krvl": 1.0}
    table = _table({"n:krvl": SPECIFIC_FLOOR + 10}, 100_000)
    assert count_specific(vector, _cluster(vector, 3), table) == 0
    assert count_specific(vector, _cluster(vector, 20), table) == 1
    # A large story whose reports do not carry the key does not explain it.
    assert count_specific(vector, _cluster(vector, 40, keyed=1), table) == 1  # copies carry it
    many = _cluster({"n:krvl": 1.0, "n:other": 1.0}, 40)
    many.members = [member_row(f"a{n}", None, None, None, {"n:other": 1.0} if n else {"n:krvl": 1.0})
                    for n in range(40)]
    assert count_specific(vector, many, table) == 0


def test_common_keys_loose_keys_and_countries_are_not_specific() -> None:
    vector = {"n:krvl": 0.5, "k:krv": 0.3, "c:NV": 0.3, "n:nrvn": 0.5, "#:3214": 0.4, "w:floods": 0.3}
    story = _cluster(vector, 3)
    common = _table({"n:krvl": 4, "k:krv": 4, "c:NV": 4, "n:nrvn": 900, "#:3214": 3, "w:floods": 60}, 10_000)
    # The town and the number are specific; the country (900 reports) and a common word are not,
    # and the loose key and the country code repeat a name's token.
    assert count_specific(vector, story, common) == 2
    rare = _table({key: 2 for key in vector}, 10_000)
    assert count_specific(vector, story, rare) == 4


def test_a_key_carrying_almost_nothing_is_not_evidence() -> None:
    story = _cluster({"n:krvl": 1.0, "#:3214": 0.001}, 3)
    vector = {"n:krvl": 0.9, "#:3214": 0.001}
    assert count_specific(vector, story, _table({"n:krvl": 2, "#:3214": 2}, 100)) == 1


def test_empty_story_or_vector_share_nothing() -> None:
    table = _table({"n:krvl": 2}, 10)
    assert count_specific({"n:krvl": 1.0}, _cluster({}, 0), table) == 0
    assert count_specific({}, _cluster({"n:krvl": 1.0}, 1), table) == 0
    assert not stories_share_specific(_cluster({}, 0), _cluster({"n:krvl": 1.0}, 1), table, 1)
    assert stories_share_specific(_cluster({}, 0), _cluster({}, 0), table, 0)


def test_two_stories_sharing_only_their_country_and_its_president_stay_apart() -> None:
    stream = [_article("flood", _FLOOD), _article("strike", _STRIKE), _article("flood2", _FLOOD_2)]
    loose = StoryGrouper(specific_tokens=0)
    _place_all(loose, _day_table(), stream)
    # Without the condition the strike joins the flood on the country and its president alone.
    assert loose.assignment("strike")[0] == loose.assignment("flood")[0]
    grouper = StoryGrouper()
    _place_all(grouper, _day_table(), stream)
    assert grouper.assignment("strike")[0] != grouper.assignment("flood")[0]
    # The second flood report shares its town, its people and its numbers: it joins.
    assert grouper.assignment("flood2")[0] == grouper.assignment("flood")[0]


def test_a_report_joins_across_languages_only_a_story_about_what_it_repeats() -> None:
    # A story of ten reports about Gaddafi and Libya; one of them names Bin Laden in passing.
    story = _cluster({}, 0)
    story.articles = [f"a{n}" for n in range(10)]
    story.members = [member_row(f"a{n}", None, "es", None,
                                {"n:ktf": 1.0, "n:rp": 0.8, f"n:town{n}": 0.5, **({"n:rtn": 0.3} if n < 1 else {})})
                     for n in range(10)]
    table = _table({"n:ktf": 40, "n:rp": 40, "n:rtn": 30, "n:osm": 25, "n:pkstn": 35}, 700)
    idf = table.idf
    # A live page on Bin Laden's death (names said many times) with one entry on Gaddafi.
    live = {f"n:other{n}": 2.0 * idf(f"n:other{n}") for n in range(SUBJECT_NAMES)}
    live |= {"n:osm": 3.0 * idf("n:osm"), "n:rtn": 3.0 * idf("n:rtn"), "n:ktf": 1.0 * idf("n:ktf")}
    assert not names_its_subject(live, story, table)
    # A report on Libya that names Gaddafi a few times among rarer names: about the story.
    report = {f"n:other{n}": 1.0 * idf(f"n:other{n}") for n in range(SUBJECT_NAMES)} | {"n:ktf": 1.5 * idf("n:ktf")}
    assert names_its_subject(report, story, table)
    # A story of two reports is about every name one of them carries; a report without names passes.
    story.members = story.members[:2]
    assert names_its_subject(live, story, table) and names_its_subject({"w:arde": 1.0}, story, table)
