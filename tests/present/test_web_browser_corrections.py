"""Corrections in real Chromium: merge two entities, split one (by spelling, by mention), move a
report, split a story; each made through the story page's links and forms, seen after a reload,
kept after an incremental run (one new report uploaded through the ingest form, which runs the
whole pipeline on the store), then undone from the story page. Also: what changed since a chosen
time, on the story page, and no script of a hostile report runs on the new pages.

Debian's Chromium driven by Playwright, as in ``test_web_browser.py`` (skipped, with the reason,
without them). The store is the web tests' (levy story of three reports, flood story of two, a
hostile report); screenshots go to ``STORYLINE_SCREENSHOT_DIR`` when set.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: run scripts/browser-deps (as root)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (dev extra)")
uvicorn = pytest.importorskip("uvicorn", reason="the web extra is not installed")

from storyline.present.web import WebSettings, create_app  # noqa: E402
from storyline.store import Store  # noqa: E402

from .conftest import HOSTILE, TOKEN, build_store  # noqa: E402
from .test_web_browser import CHROMIUM_ARGS, served  # noqa: E402

LEVY = "Parliament approves diesel levy"
FLOOD = "Two dead as River Lise floods Aurelia towns"
_RUNS = itertools.count(1)
#: The store the module's server runs on (the what-changed test records a watch cycle in it).
STORE: dict[str, str] = {}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser-corrections")
    STORE["url"] = build_store(folder)
    store = Store(STORE["url"])
    app = create_app(WebSettings(token=TOKEN), store=store)
    with served(app) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(20_000)
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    assert dialogs == [] and opened.evaluate("window.__pwned") is None
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("STORYLINE_SCREENSHOT_DIR") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _story(page: Any, base_url: str, title: str) -> str:
    page.goto(base_url + "/?q=" + title.split()[-1])
    href = str(page.get_by_role("link", name=title).get_attribute("href"))
    page.goto(base_url + href)
    return href


def _open(page: Any, section: str) -> Any:
    found = page.locator(f"#{section}")
    found.locator("details.section-items").evaluate("el => el.open = true")
    return found


def _submit(page: Any, form: Any = None, author: str = "Ana") -> None:
    form = form or page.locator("form.correction")
    form.locator("input[name=author]").fill(author)
    form.locator("input[name=token]").fill(TOKEN)
    form.get_by_role("button").click()
    page.wait_for_url("**#corrections")
    _settled(page)


def _settled(page: Any, seconds: float = 120) -> None:
    """Reload until the story no longer says its facts are being worked out again (a move or a
    split is reconciled in the background)."""
    deadline = time.monotonic() + seconds
    while page.locator("#stale").count() and time.monotonic() < deadline:
        time.sleep(0.3)
        page.reload()
    assert page.locator("#stale").count() == 0


def _incremental_run(page: Any, base_url: str, tmp_path: Path) -> None:
    """One new levy report through the ingest form: the whole pipeline runs on the store."""
    n = next(_RUNS)
    report = tmp_path / f"late-{n}.json"
    report.write_text(json.dumps({
        "id": f"levy-late-{n}", "source": "Northgate Herald", "published": "2026-03-12", "language": "en",
        "title": f"Levy protest number {n} blocks Varno ring road",
        "text": f"Estravia's parliament approved a fuel levy on Tuesday by 112 votes to 87. Hauliers blocked the "
                f"Varno ring road for the {n}th time against the diesel levy. Finance Minister Amara Okonjo said that "
                "every crown raised would be spent on trains and buses."}), encoding="utf-8")
    page.goto(base_url + "/ingest")
    page.set_input_files("input[name=files]", str(report))
    page.fill("input[name=token]", TOKEN)
    page.get_by_role("button", name="Ingest").click()
    page.locator("#ingest-result").wait_for()
    assert "1 stored" in page.locator("#ingest-result").inner_text()


def _undo(page: Any, kind: str, author: str = "Cleo") -> None:
    item = page.locator(f"#corrections li.correction[data-kind={kind}]:not(.undone)").first
    item.locator("input[name=token]").fill(TOKEN)
    item.locator("input[name=author]").fill(author)
    item.get_by_role("button", name="Undo").click()
    page.wait_for_url("**#corrections")
    _settled(page)


def _entity_names(page: Any) -> list[str]:
    return [n.strip() for n in _open(page, "entities").locator("tbody tr td:first-child > a").all_inner_texts()]


def test_browser_merge_entities_kept_after_a_run_then_undone(page: Any, base_url: str, shots: Path,
                                                              tmp_path: Path) -> None:
    href = _story(page, base_url, FLOOD)
    assert "Aurélie" in _entity_names(page)
    _open(page, "entities").locator("tr", has_text="Aurélie").get_by_role("link", name="same as another?").click()
    page.wait_for_url("**kind=merge_entities**")
    page.fill("input[name=value]", "Aurelia")
    page.screenshot(path=str(shots / "correct-merge-form.png"), full_page=True)
    _submit(page)
    page.reload()
    assert "Aurélie" not in _entity_names(page)
    assert "“Aurélie” is “Aurelia”" in page.locator("#corrections").inner_text()
    page.locator("#entities").screenshot(path=str(shots / "correct-merge-entities.png"))
    _incremental_run(page, base_url, tmp_path)
    page.goto(base_url + href)
    assert "Aurélie" not in _entity_names(page)
    for name in ("Aurélie", "Aurelia"):  # the cross-story entity page shows the one entity, by either name
        page.goto(base_url + "/entities/" + name)
        row = page.locator("li.entity-story", has=page.locator(f"a[href='{href}']"))
        assert row.count() == 1 and "as Aurelia (GPE); spelled" in row.inner_text() and "Aurélie" in row.inner_text()
    page.screenshot(path=str(shots / "correct-merge-entity-page.png"), full_page=True)
    page.goto(base_url + href)
    _undo(page, "merge_entities")
    assert "Aurélie" in _entity_names(page) and "undone by Cleo" in page.locator("#corrections").inner_text()
    page.goto(base_url + "/entities/Aurélie")
    assert "as Aurélie (" in page.locator("li.entity-story", has=page.locator(f"a[href='{href}']")).inner_text()


def test_browser_split_an_entity_by_spelling_and_by_mention(page: Any, base_url: str, shots: Path,
                                                            tmp_path: Path) -> None:
    href = _story(page, base_url, LEVY)
    _open(page, "entities").locator("tr", has_text="Amara Okonjo").get_by_role("link", name="two entities?").click()
    page.wait_for_url("**kind=split_entity**")
    form = page.locator("#split-spelling")
    form.get_by_label("Amara Okondzho").check()
    page.screenshot(path=str(shots / "correct-split-entity-form.png"), full_page=True)
    _submit(page, form)
    page.reload()
    assert {"Amara Okonjo", "Amara Okondzho"} <= set(_entity_names(page))
    flood = _story(page, base_url, FLOOD)
    _open(page, "entities").locator("tr", has_text="Belmont").get_by_role("link", name="two entities?").click()
    form = page.locator("#split-mention")
    form.locator("input[type=radio]").first.check()
    _submit(page, form)
    assert _entity_names(page).count("Belmont") == 2
    _incremental_run(page, base_url, tmp_path)
    page.goto(base_url + href)
    assert "Amara Okondzho" in _entity_names(page)
    page.locator("#corrections").screenshot(path=str(shots / "correct-split-entity-kept.png"))
    _undo(page, "split_spelling")
    assert "Amara Okondzho" not in _entity_names(page)
    page.goto(base_url + flood)
    assert _entity_names(page).count("Belmont") == 2
    _undo(page, "split_mention")
    assert _entity_names(page).count("Belmont") == 1


def _report_titles(page: Any) -> str:
    return str(_open(page, "reports").inner_text())


def test_browser_move_a_report_kept_after_a_run_then_undone(page: Any, base_url: str, shots: Path,
                                                            tmp_path: Path) -> None:
    flood = _story(page, base_url, FLOOD)
    levy = _story(page, base_url, LEVY)
    moved = "Hauliers vow to fight diesel levy"
    _open(page, "reports").locator("li", has_text=moved).get_by_role("link", name="move…").click()
    page.wait_for_url("**kind=move_report**")
    page.fill("input[name=value]", base_url + flood)  # the story's address, as copied from the browser
    page.screenshot(path=str(shots / "correct-move-form.png"), full_page=True)
    _submit(page)
    page.reload()
    assert moved not in _report_titles(page)
    page.goto(base_url + flood)
    assert moved in _report_titles(page) and "Report moved" in page.locator("#corrections").inner_text()
    page.screenshot(path=str(shots / "correct-move-destination.png"), full_page=True)
    _incremental_run(page, base_url, tmp_path)
    page.goto(base_url + flood)
    assert moved in _report_titles(page)
    page.goto(base_url + levy)
    assert moved not in _report_titles(page) and "Levy protest number" in _report_titles(page)
    page.goto(base_url + flood)
    _undo(page, "move_report")
    assert moved not in _report_titles(page)
    page.goto(base_url + levy)
    assert moved in _report_titles(page)


def test_browser_split_a_story_kept_after_a_run_then_undone(page: Any, base_url: str, shots: Path,
                                                            tmp_path: Path) -> None:
    levy = _story(page, base_url, LEVY)
    page.get_by_role("link", name="Split this story").click()
    page.wait_for_url("**kind=split_story**")
    page.get_by_label("Hauliers vow to fight diesel levy").check()
    page.screenshot(path=str(shots / "correct-split-story-form.png"), full_page=True)
    _submit(page)
    new = page.url.split("#")[0]
    assert new != base_url + levy and page.locator("h1").inner_text() == "Hauliers vow to fight diesel levy"
    page.reload()
    assert "Story split" in page.locator("#corrections").inner_text()
    page.screenshot(path=str(shots / "correct-split-story-new.png"), full_page=True)
    page.goto(base_url + levy)
    assert "Hauliers vow to fight diesel levy" not in _report_titles(page)  # the old id resolves for the rest
    _incremental_run(page, base_url, tmp_path)
    page.goto(new)
    assert page.locator("h1").inner_text() == "Hauliers vow to fight diesel levy"
    assert "has not been reconciled" not in page.content()
    _undo(page, "split_story")
    assert page.url.startswith(base_url + levy)
    assert "Hauliers vow to fight diesel levy" in _report_titles(page)
    assert page.goto(new).status == 404


def test_browser_what_changed_and_hostile_text_on_correction_pages(page: Any, base_url: str, shots: Path) -> None:
    page.goto(base_url + "/articles/" + HOSTILE["id"])
    story = str(page.locator("p.meta a").first.get_attribute("href"))
    for path in ("/correct?kind=split_story", "/correct?kind=move_report&target=" + HOSTILE["id"],
                 "/correct?kind=split_entity&target=Varga", "?since=2000-01-01"):
        page.goto(base_url + story + path)
        assert page.evaluate("document.documentElement.dataset.js") == "on"
        assert page.locator("img").count() == 0
    page.screenshot(path=str(shots / "story-since.png"), full_page=True)


def test_browser_what_changed_since_a_time_is_marked(page: Any, base_url: str, shots: Path, tmp_path: Path) -> None:
    """A watcher's cycle (recorded as ``storyline watch`` records it) brings a report to the levy
    story: the page since a time before it summarises and marks it; since a time after, nothing."""
    import datetime as dt

    from storyline.follow.changes import baseline, record_changes
    from storyline.follow.tables import ensure_tables

    with Store(STORE["url"]) as store:
        ensure_tables(store.engine)
        baseline(store.engine)
    before = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    _incremental_run(page, base_url, tmp_path)
    with Store(STORE["url"]) as store:
        assert record_changes(store.engine, 999).changes
    href = _story(page, base_url, LEVY)
    page.goto(base_url + href + "?since=" + before.replace("+", "%2B"))
    summary = page.locator("#changes-digest").inner_text()
    assert "1 new report," in summary
    new = page.locator("#reports li.is-new")
    _open(page, "reports")
    assert new.count() == 1 and "Levy protest number" in new.inner_text()
    page.screenshot(path=str(shots / "story-what-changed.png"), full_page=True)
    # A second ahead: "since" is given to the second, and the cycle may have been recorded in this one.
    after = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=1)
    page.goto(base_url + href + "?since=" + after.isoformat(timespec="seconds").replace("+", "%2B"))
    assert "Nothing new since then." in page.locator("#changes").inner_text()
