"""Tests of storyline.ingest.templates and of template removal by the local engine."""

from __future__ import annotations

from pathlib import Path

from storyline.config import IngestConfig
from storyline.ingest.templates import CORPUS, TemplateLines, line_key
from storyline.pipeline import ingest
from storyline.store import Store

CONFIG = IngestConfig(languages=("en", "es"))
TEMPLATE = "The Harbour Gazette is an independent newspaper owned by its readers since 1921."
STORIES = [
    "The harbour council voted on Thursday to build a new bridge across the river, ending a decade "
    "of debate about where the crossing should go and who should pay for it.",
    "Fishermen protested outside the port authority on Monday against new quotas that they say will "
    "halve their catch of cod and haddock over the next three seasons.",
    "The town library reopened on Saturday after a two-year renovation that added a children's wing, "
    "a reading garden and a small museum of the town's shipbuilding history.",
]
LONG = ("The mayor said on Wednesday that the ferry service to the islands would be suspended for "
        "two weeks in March while engineers repair the landing stage damaged in the January storms.")


def _lines(*paragraphs: str) -> list[str]:
    return list(paragraphs)


def test_a_line_in_three_different_articles_of_one_outlet_is_a_template() -> None:
    lines = TemplateLines(min_articles=3)
    for number, story in enumerate(STORIES):
        lines.observe("gazette", _lines(story, TEMPLATE))
        assert lines.is_template("gazette", TEMPLATE) is (number == 2)
    assert not lines.is_template("gazette", STORIES[0])
    assert lines.is_template("gazette", "  the harbour gazette IS an independent newspaper owned by its readers since 1921. ")


def test_the_same_line_in_versions_of_one_story_is_not_a_template() -> None:
    lines = TemplateLines(min_articles=3)
    for update in ("Updated at noon.", "Updated at 3 pm with the mayor's comments.", "Updated in the evening."):
        lines.observe("gazette", _lines(LONG, "The ferry company declined to comment.", update))
    assert not lines.is_template("gazette", "The ferry company declined to comment.")
    assert not lines.is_template("gazette", LONG)


def test_outlets_are_counted_apart() -> None:
    lines = TemplateLines(min_articles=3)
    lines.observe("gazette", _lines(STORIES[0], TEMPLATE))
    lines.observe("times", _lines(STORIES[1], TEMPLATE))
    lines.observe("post", _lines(STORIES[2], TEMPLATE))
    assert not any(lines.is_template(o, TEMPLATE) for o in ("gazette", "times", "post"))
    lines.observe(None, _lines(STORIES[0], TEMPLATE))
    assert not lines.is_template(None, TEMPLATE)


def test_long_paragraphs_are_never_templates() -> None:
    lines = TemplateLines(min_articles=3)
    boiler = " ".join(["word"] * 45) + "."
    for story in STORIES:
        lines.observe("gazette", _lines(story, boiler))
    assert not lines.is_template("gazette", boiler)


def test_known_templates_are_used_from_the_start() -> None:
    lines = TemplateLines()
    lines.add_known("gazette", {line_key(TEMPLATE)})
    assert lines.is_template("gazette", TEMPLATE)
    assert not lines.is_template("times", TEMPLATE)


def test_counting_is_bounded() -> None:
    lines = TemplateLines(min_articles=3, max_lines=50)
    for number in range(200):
        lines.observe("gazette", [f"Unique line number {number} of the day.", f"Another one {number}."])
    assert len(lines._bodies["gazette"]) <= 52


# --- through the engine ----------------------------------------------------------------------


def _write(folder: Path, name: str, *paragraphs: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def test_engine_removes_an_outlets_template_line(tmp_path: Path) -> None:
    data = tmp_path / "in"
    for number, story in enumerate(STORIES):
        _write(data / "gazette", f"{number}.txt", story, TEMPLATE)
    _write(data / "times", "t.txt", STORIES[0].replace("Thursday", "Friday"), TEMPLATE)
    store = Store(str(tmp_path / "s.db"))
    result = ingest([str(data)], store, CONFIG)
    assert (result.stored, result.errors) == (4, [])
    by_source: dict[str, list[str]] = {}
    for article in store.articles():
        by_source.setdefault(article.source or "", []).append(article.text)
        if article.source == "gazette":
            assert article.meta["removed"]["template"] == 1
    assert all(TEMPLATE not in text for text in by_source["gazette"])
    assert [text.split("\n\n")[0] for text in by_source["gazette"]] == STORIES
    assert TEMPLATE in by_source["times"][0]  # another outlet's single use is content
    assert line_key(TEMPLATE) in store.templates()["gazette"]
    store.close()


def test_engine_keeps_a_line_shared_by_versions_of_one_story(tmp_path: Path) -> None:
    data = tmp_path / "in"
    shared = "The ferry company declined to comment on the repairs."
    updates = ["By noon a new timetable had been posted at the terminal.",
               "Later the mayor said the islanders would get a free water taxi.",
               "In the evening the union said its members would work overtime."]
    for number, update in enumerate(updates):
        _write(data / "gazette", f"{number}.txt", LONG, shared, update)
    store = Store(str(tmp_path / "s.db"))
    result = ingest([str(data)], store, CONFIG)
    assert result.stored == 3
    for article in store.articles():
        assert shared in article.text and LONG in article.text
        assert "template" not in article.meta.get("removed", {})
    assert "gazette" not in store.templates()
    store.close()


def test_templates_learned_in_one_run_apply_in_the_next(tmp_path: Path) -> None:
    first = tmp_path / "day1"
    for number, story in enumerate(STORIES):
        _write(first / "gazette", f"{number}.txt", story, TEMPLATE)
    store = Store(str(tmp_path / "s.db"))
    ingest([str(first)], store, CONFIG)
    later = ("Police closed the coast road on Sunday after a landslide blocked both lanes near the "
             "lighthouse, and said it would stay shut until geologists had inspected the cliff.")
    _write(tmp_path / "day2" / "gazette", "new.txt", later, TEMPLATE)
    result = ingest([str(tmp_path / "day2")], store, CONFIG)
    assert result.stored == 1
    newest = list(store.articles())[-1]
    assert newest.text == later
    store.close()


def test_templates_memory_is_bounded_across_outlets() -> None:
    from storyline.ingest.templates import TemplateLines

    learner = TemplateLines(min_articles=3, max_lines=1_000, max_total_lines=500)
    for outlet in range(50):
        for article in range(20):
            learner.observe(f"outlet-{outlet}", [f"unique line {outlet} {article}", "Subscribe to our newsletter",
                                                 f"the long body paragraph of article {outlet}-{article} " * 3])
    tracked = sum(len(lines) for lines in learner._bodies.values())
    assert tracked <= 500 + 3 * 20
    assert all(learner.is_template(f"outlet-{o}", "Subscribe to our newsletter") for o in range(50))


# --- furniture learned across the corpus, outlets unknown ------------------------------------

#: Reports of different stories (nothing in common but the language).
UNRELATED = [
    "Parliament approved the budget on Tuesday after a long night session in which opposition "
    "deputies tabled hundreds of amendments on pensions, hospitals and rural roads.",
    "A magnitude six earthquake shook the northern mountains early on Sunday, damaging farmhouses "
    "and cutting electricity to villages around the reservoir, rescuers reported.",
    "The national football team beat their neighbours three goals to one in the qualifier, with "
    "the young striker scoring twice before the interval in front of a sold-out stadium.",
    "Scientists announced that a drought-resistant variety of wheat yielded twice as much grain "
    "in field trials across the southern plains during the unusually dry summer.",
]
PROMPT = "Nous vous conseillons de modifier votre mot de passe."


def test_a_line_in_unrelated_reports_is_furniture_without_any_outlet() -> None:
    lines = TemplateLines()
    for number, story in enumerate(UNRELATED[:3]):
        lines.observe(None, [story, PROMPT])
        assert lines.is_template(None, PROMPT) is (number == 2)
    assert lines.is_template("any outlet", PROMPT)
    assert not any(lines.is_template(None, story) for story in UNRELATED)
    assert line_key(PROMPT) in lines.templates_[CORPUS]


def test_a_sentence_repeated_by_rewrites_of_one_story_is_not_furniture() -> None:
    shared = "The ferry company declined to comment on the repairs to the landing stage."
    leads = [LONG, LONG.replace("Wednesday", "Thursday").replace("two weeks", "three weeks"),
             "Engineers began repairing the landing stage damaged in the January storms, and the ferry "
             "service to the islands will be suspended for two weeks in March, the mayor said.",
             "The islands will lose their ferry service for two weeks in March while engineers repair "
             "the landing stage that the January storms damaged, according to the mayor."]
    lines = TemplateLines()
    for lead in leads:
        lines.observe(None, [lead, shared])
    assert not lines.is_template(None, shared)


def test_exact_copies_count_once_across_the_corpus() -> None:
    lines = TemplateLines()
    for _ in range(5):
        lines.observe(None, [UNRELATED[0], PROMPT])
    assert not lines.is_template(None, PROMPT)


def test_reports_too_short_to_judge_never_make_furniture() -> None:
    lines = TemplateLines()
    for word in ("Alpha", "Bravo", "Charlie", "Delta"):
        lines.observe(None, [f"{word} station reported calm weather.", PROMPT])
    assert not lines.is_template(None, PROMPT)


def test_corpus_furniture_is_stored_and_known_to_every_outlet(tmp_path: Path) -> None:
    data = tmp_path / "in"
    shop = "Boutique of the Harbour Gazette"  # in no pattern: only the corpus tells
    for number, story in enumerate(UNRELATED):
        _write(data, f"{number}.txt", story, shop)
    store = Store(str(tmp_path / "s.db"))
    result = ingest([str(data)], store, CONFIG)
    assert result.stored == 4
    assert all(shop not in article.text for article in store.articles())
    assert line_key(shop) in store.templates()[CORPUS]
    store.close()


# --- furniture learned from reports of one story on different days ---------------------------

#: Three reports of one story on three days: their words make them related, no paragraph is shared.
FERRY_DAYS = [
    ("2011-03-01", [LONG, "Islanders said on Wednesday that the ferry suspension would leave them without a way "
                          "to reach the hospital on the mainland for two weeks in March."]),
    ("2011-03-04", ["Engineers began repairing the landing stage on Friday, and the mayor said the ferry to the "
                    "islands would be back before the end of March if the weather held.",
                    "The islanders' council asked the mayor on Friday for a water taxi while the ferry "
                    "service to the islands is suspended for the landing stage repairs."]),
    ("2011-03-09", ["The ferry service to the islands will resume next week, the mayor said on Wednesday, after "
                    "engineers finished repairing the landing stage damaged in the January storms.",
                    "Islanders welcomed the news but said the two weeks without a ferry had shown the "
                    "islands needed a second landing stage and a reserve boat."]),
]
POLICY = ("This site reserves the right to publish comments. Comments that are insulting, offensive or "
          "defamatory, that are off topic or that attack the dignity of a person or a social group will "
          "not be shown. Please keep your comments brief, and note that comments are moderated before "
          "they appear under the article, which can take several hours at weekends.")


#: A site's self-description: no word about the page itself, more than 40 words.
ABOUT = ("The Harbour Gazette was founded in 1921 by the fishermen's cooperative of the old port and "
         "has been owned by its readers ever since; it is printed six days a week in the town and its "
         "reporters cover the islands, the coast road and the harbour council for the whole county.")


def test_a_line_under_reports_of_one_story_on_different_days_is_furniture() -> None:
    lines = TemplateLines()
    for number, (day, paragraphs) in enumerate(FERRY_DAYS):
        lines.observe(None, [*paragraphs, PROMPT, ABOUT], day=day)
        assert lines.is_template(None, PROMPT) is (number == 2)
        assert lines.is_template(None, ABOUT) is (number == 2)
    assert not any(lines.is_template(None, p) for _, paragraphs in FERRY_DAYS for p in paragraphs)


def test_a_notice_about_the_page_needs_two_reports_of_different_days() -> None:
    lines = TemplateLines()
    for number, (day, paragraphs) in enumerate(FERRY_DAYS[:2]):
        lines.observe(None, [*paragraphs, POLICY, "Please enable JavaScript to view the comments."], day=day)
        assert lines.is_template(None, POLICY) is (number == 1)
        assert lines.is_template(None, "Please enable JavaScript to view the comments.") is (number == 1)
    same_day = TemplateLines()
    for _, paragraphs in FERRY_DAYS[:2]:
        same_day.observe(None, [*paragraphs, POLICY], day="2011-03-01")
    assert not same_day.is_template(None, POLICY)
    one_cue = TemplateLines()
    for day, paragraphs in FERRY_DAYS[:2]:
        one_cue.observe(None, [*paragraphs, "The ferry company declined to comment."], day=day)
    assert not one_cue.is_template(None, "The ferry company declined to comment.")


def test_one_story_on_one_day_or_without_days_learns_nothing() -> None:
    for days in (["2011-03-01"] * 3, [None] * 3, ["2011-03-01T08:00:00", "2011-03-01T12:00:00", "2011-03-01"]):
        lines = TemplateLines()
        for day, (_, paragraphs) in zip(days, FERRY_DAYS, strict=True):
            lines.observe(None, [*paragraphs, PROMPT], day=day)
        assert not lines.is_template(None, PROMPT), days


def test_versions_of_one_report_on_different_days_keep_their_sentences() -> None:
    shared = "The ferry company declined to comment on the repairs to the landing stage."
    lines = TemplateLines()
    for day, update in zip(("2011-03-01", "2011-03-02", "2011-03-03"), FERRY_DAYS[1][1] + FERRY_DAYS[2][1][:1],
                           strict=True):
        # each version keeps the first day's paragraphs and adds one, longer (a new body key)
        lines.observe(None, [*FERRY_DAYS[0][1], shared, update + " " + update], day=day)
    assert not lines.is_template(None, shared)


def test_a_paragraph_longer_than_a_notice_is_never_dated_furniture() -> None:
    lines = TemplateLines()
    long_paragraph = " ".join([POLICY] * 3)
    for day, paragraphs in FERRY_DAYS:
        lines.observe(None, [*paragraphs, long_paragraph], day=day)
    assert not lines.is_template(None, long_paragraph)


def test_the_engine_learns_dated_furniture_from_published_dates(tmp_path: Path) -> None:
    import json

    records = [{"id": f"r{n}", "published": day, "text": "\n\n".join([*paragraphs, POLICY])}
               for n, (day, paragraphs) in enumerate(FERRY_DAYS)]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = Store(str(tmp_path / "s.db"))
    assert ingest([str(path)], store, CONFIG).stored == 3
    assert all(POLICY not in article.text and article.text for article in store.articles())
    assert line_key(POLICY) in store.templates()[CORPUS]
    store.close()


def test_full_counters_forget_single_sightings_before_a_line_seen_twice() -> None:
    lines = TemplateLines(max_lines=40)
    for story in UNRELATED[:2]:
        lines.observe(None, [story, PROMPT])
    for number in range(200):
        lines.observe(None, [f"{UNRELATED[3]} Item {number}.", f"Unique line number {number} of the day."])
        assert len(lines._unrelated) <= 41
    lines.observe(None, [UNRELATED[2], PROMPT])
    assert lines.is_template(None, PROMPT)


def test_a_title_over_two_unrelated_reports_of_different_days_is_a_section_name() -> None:
    from storyline.ingest.templates import article_lines, strip_templates
    from storyline.model import Article

    blog = "Asturianos por el mundo"
    reports = [Article(id=f"r{n}", text="\n\n".join([blog, headline, *paragraphs]), published=day,
                       title=blog, meta={"title_from": "text", "title_candidates": [headline]})
               for n, ((day, paragraphs), headline) in enumerate(zip(
                   FERRY_DAYS[:2], ["Las fortunas suizas de los dictadores", "El fotógrafo está bien"], strict=True))]
    lines = TemplateLines()
    for number, report in enumerate(reports):
        lines.observe(None, article_lines(report))
        assert lines.is_template(None, blog) is (number == 1)
    kept = strip_templates(reports[1], lambda line: lines.is_template(None, line))
    assert kept.title == "El fotógrafo está bien" and blog not in kept.text
    same_day = TemplateLines()
    for report in reports:
        same_day.observe(None, article_lines(Article(**{**report.to_json(), "published": "2011-03-01"},
                                                     meta=report.meta)))
    assert not same_day.is_template(None, blog)
