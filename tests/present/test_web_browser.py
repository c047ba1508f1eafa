"""The web app in real Chromium (Debian's package, driven by Playwright; never a browser download).

The app runs under uvicorn on a free loopback port over a store built from the demo corpus plus
one hostile report. Screenshots of the main pages go to ``STORYLINE_SCREENSHOT_DIR`` when set (to
look at them), else to a temporary folder. Skipped, with the reason, when /usr/bin/chromium or the
playwright package is missing: ``scripts/browser-deps`` installs the browser, and
``scripts/run-tests`` calls it.
"""

from __future__ import annotations

import contextlib

import json
import os
import socket
import threading
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

from storyline.pipeline import analyze_store, group_store, ingest, reconcile_store  # noqa: E402
from storyline.present.web import WebSettings, create_app  # noqa: E402
from storyline.store import Store  # noqa: E402

from .conftest import HOSTILE, TOKEN, write_jsonl  # noqa: E402

DEMO = Path(__file__).resolve().parents[2] / "demo" / "corpus"
DEMO_STORY = "Thousands march in Varno against diesel levy"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def served(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread on a free loopback port; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app, with a write token, served by uvicorn in a thread on a free loopback port."""
    if not DEMO.is_dir():
        pytest.skip(f"no demo corpus at {DEMO}")
    folder = tmp_path_factory.mktemp("browser-store")
    store = Store(f"sqlite:///{folder / 'demo.db'}")
    result = ingest([str(DEMO), str(write_jsonl(folder / "hostile.jsonl", [HOSTILE]))], store)
    analyze_store(store, result.run_id)
    reconcile_store(store, result.run_id, group_store(store, result.run_id))
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
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("STORYLINE_SCREENSHOT_DIR") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_web_browser_open_the_demo_story_and_follow_a_citation(page: Any, base_url: str, shots: Path) -> None:
    page.goto(base_url + "/")
    page.screenshot(path=str(shots / "list.png"), full_page=True)
    page.get_by_role("link", name=DEMO_STORY).click()
    page.wait_for_url("**/stories/*")
    assert page.locator("h1").inner_text() == DEMO_STORY
    assert page.locator("#timeline svg rect").count() > 3
    page.screenshot(path=str(shots / "story.png"))
    page.locator("#coverage").screenshot(path=str(shots / "story-coverage.png"))
    summary = page.locator("#summary .summary-sentence").first
    sentence = summary.inner_text()
    summary.locator("a.cite").first.click()
    page.wait_for_url("**/articles/**cite=**")
    cited = page.locator("#cited")
    assert "cited" in (cited.get_attribute("class") or "")
    cited_text = cited.inner_text()
    assert cited_text and set(_words(cited_text)) & set(_words(sentence))
    top = cited.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 900  # scrolled to the sentence
    page.screenshot(path=str(shots / "article-cited.png"))


def _words(text: str) -> list[str]:
    return [w for w in "".join(c.lower() if c.isalnum() else " " for c in text).split() if len(w) > 4]


def test_web_browser_filter_the_list(page: Any, base_url: str, shots: Path) -> None:
    page.goto(base_url + "/")
    total = len(page.locator("li.story-row").all())
    page.fill("input[name=language]", "fr")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**language=fr**")
    assert "q=" not in page.url and "from=" not in page.url  # the script leaves empty fields out
    titles = page.locator("a.story-title").all_inner_texts()
    assert 0 < len(titles) < total and DEMO_STORY not in titles
    page.select_option("select[name=sort]", "size")  # submits by itself
    page.wait_for_url("**sort=size**")
    page.screenshot(path=str(shots / "list-filtered.png"), full_page=True)


def test_web_browser_upload_an_article_and_see_it_appear(page: Any, base_url: str, shots: Path,
                                                         tmp_path: Path) -> None:
    report = tmp_path / "glacier.txt"
    report.write_text("Glacier museum opens in Tarnholm\n\nA museum devoted to the retreating Tarn glacier opened "
                      "in Tarnholm on Thursday. Curator Maja Lind said that visitors would walk through ice.\n",
                      encoding="utf-8")
    page.goto(base_url + "/ingest")
    page.set_input_files("input[name=files]", str(report))
    page.fill("input[name=token]", TOKEN)
    page.get_by_role("button", name="Ingest").click()
    result = page.locator("#ingest-result")
    result.wait_for()
    assert "1 stored" in result.inner_text()
    page.screenshot(path=str(shots / "ingest-result.png"), full_page=True)
    page.goto(base_url + "/?q=Tarnholm")
    assert page.locator("a.story-title").count() == 1
    page.locator("a.story-title").click()
    assert "Tarnholm" in page.locator("h1").inner_text() + page.locator("#reports").inner_text()


def test_web_browser_hostile_article_runs_no_script(page: Any, base_url: str, shots: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base_url + "/articles/" + HOSTILE["id"])
    page.hover("text=click")
    page.get_by_text("click").click()
    page.screenshot(path=str(shots / "article-hostile.png"))
    assert page.evaluate("document.documentElement.dataset.js") == "on"  # the app's own script ran
    assert page.evaluate("window.__pwned") is None and dialogs == []
    assert page.locator("img").count() == 0
    story_href = page.locator("p.meta a").first.get_attribute("href")
    page.goto(base_url + story_href)
    page.goto(base_url + "/?q=" + "Hackers")
    assert page.evaluate("window.__pwned") is None and dialogs == []
    assert json.loads(page.evaluate("JSON.stringify(document.title)")).endswith("· storyline")


def _demo_story_href(page: Any, base_url: str) -> str:
    page.goto(base_url + "/?q=" + "Varno")
    return str(page.get_by_role("link", name=DEMO_STORY).get_attribute("href"))


def test_web_browser_story_sections_open_on_demand_and_page(page: Any, base_url: str, shots: Path) -> None:
    page.goto(base_url + _demo_story_href(page, base_url))
    quotes = page.locator("#quotes")
    assert quotes.locator("p.digest").inner_text().split()[0].isdigit()  # summarised first
    items = quotes.locator("details.section-items")
    assert not items.evaluate("el => el.open") and not quotes.locator(".speaker").first.is_visible()
    items.locator(":scope > summary").click()
    assert quotes.locator(".speaker").first.is_visible()
    page.screenshot(path=str(shots / "story-front.png"), full_page=True)
    quotes.locator(".more-line a").click()
    page.wait_for_url("**/s/quotes**")
    assert page.locator("h1").inner_text() == "Who said what"
    assert page.locator("p.crumbs a").inner_text() == DEMO_STORY
    assert page.locator("#count").inner_text().split()[0].isdigit()
    page.screenshot(path=str(shots / "story-section-quotes.png"), full_page=True)


def test_web_browser_event_page_and_time_scaled_chart(page: Any, base_url: str, shots: Path) -> None:
    page.goto(base_url + _demo_story_href(page, base_url))
    bars = page.locator("#timeline svg g.bar rect")
    assert bars.count() >= 2
    xs = [float(bars.nth(i).get_attribute("x")) for i in range(bars.count())]
    assert xs == sorted(xs)
    page.locator("#timeline").screenshot(path=str(shots / "story-timeline.png"))
    reports = page.locator("#reports")
    reports.locator("details.section-items > summary").click()
    first_event = reports.locator("h3 a").first
    name = first_event.inner_text()
    first_event.click()
    page.wait_for_url("**/events/**")
    assert page.locator("h1").inner_text() == name.split(" · ")[0]
    listed = page.locator("#reports li a")
    assert listed.count() >= 1 and all("/articles/" in (listed.nth(i).get_attribute("href") or "")
                                       for i in range(listed.count()))
    page.screenshot(path=str(shots / "story-event.png"), full_page=True)


def test_web_browser_entity_page_lists_quotes_and_roles(page: Any, base_url: str, shots: Path) -> None:
    page.goto(base_url + _demo_story_href(page, base_url))
    who = page.locator("#entities")
    who.locator("details.section-items > summary").click()
    person = who.locator("tbody tr td a").first
    name = person.inner_text()
    person.click()
    page.wait_for_url("**/entities/**")
    assert page.locator("h1").inner_text() == name
    assert page.locator("li.entity-story").count() >= 1
    page.screenshot(path=str(shots / "entity.png"), full_page=True)


def test_web_browser_export_a_story(page: Any, base_url: str) -> None:
    page.goto(base_url + _demo_story_href(page, base_url))
    with page.expect_download() as found:
        page.get_by_role("link", name="Markdown").click()
    download = found.value
    assert download.suggested_filename.startswith("story-") and download.suggested_filename.endswith(".md")
    assert Path(download.path()).read_text(encoding="utf-8").startswith(f"# {DEMO_STORY}")


def test_web_browser_hostile_story_pages_run_no_script(page: Any, base_url: str, shots: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base_url + "/articles/" + HOSTILE["id"])
    story_href = page.locator("p.meta a").first.get_attribute("href")
    for path in ("", "/s/reports", "/s/timeline", "/s/quotes", "/s/coverage", "/s/entities"):
        page.goto(base_url + story_href + path)
        assert page.evaluate("document.documentElement.dataset.js") == "on"
        assert page.evaluate("window.__pwned") is None and dialogs == [] and page.locator("img").count() == 0
    page.goto(base_url + story_href + "/s/reports")
    page.locator("h3 a").first.click()
    page.wait_for_url("**/events/**")
    page.screenshot(path=str(shots / "event-hostile.png"), full_page=True)
    assert page.evaluate("window.__pwned") is None and dialogs == [] and page.locator("img").count() == 0


def test_web_browser_rename_a_story_reload_and_undo(page: Any, base_url: str, shots: Path) -> None:
    href = _demo_story_href(page, base_url)
    page.goto(base_url + href)
    page.get_by_role("link", name="Rename this story").click()
    page.wait_for_url("**/correct?kind=rename")
    page.fill("input[name=value]", "Varno levy march: the analyst's title")
    page.fill("input[name=author]", "Ana")
    page.fill("input[name=token]", TOKEN)
    page.get_by_role("button", name="Record the correction").click()
    page.wait_for_url("**" + href + "#corrections")
    page.reload()
    assert page.locator("h1").inner_text() == "Varno levy march: the analyst's title"
    listed = page.locator("#corrections li.correction").first
    assert "by Ana" in listed.inner_text()
    page.locator("#corrections").screenshot(path=str(shots / "story-corrections.png"))
    quote = page.locator("#quotes a.reject").first
    quote.evaluate("el => el.closest('details').open = true")
    quote.click()
    page.wait_for_url("**kind=reject_quote**")
    rejected = page.locator("blockquote.subject").inner_text()
    page.fill("input[name=author]", "Ben")
    page.fill("input[name=token]", TOKEN)
    page.get_by_role("button", name="Record the correction").click()
    page.wait_for_url("**#corrections")
    assert rejected not in page.locator("#quotes").inner_text()
    first = page.locator("#corrections li.correction").first
    first.locator("input[name=token]").fill(TOKEN)
    first.locator("input[name=author]").fill("Cleo")
    first.get_by_role("button", name="Undo").click()
    page.wait_for_url("**#corrections")
    assert page.locator("h1").inner_text() == DEMO_STORY
    assert "undone by Cleo" in page.locator("#corrections").inner_text()
    page.screenshot(path=str(shots / "story-corrections-undone.png"), full_page=True)
