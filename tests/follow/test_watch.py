"""Watch cycles against a local news site whose feeds change between cycles."""

from __future__ import annotations

import gzip
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from storyline.config import IngestConfig
from storyline.follow.changes import story_changes
from storyline.follow.config import FetchLimits, Source, WatchConfig
from storyline.follow.tables import follow_items, follow_sources
from storyline.follow.watcher import Watcher
from storyline.store import Store

INGEST = IngestConfig(languages=("en",))


def _watcher(store_url: str, *sources: Source, timeout: float = 10.0, **options: Any) -> Watcher:
    config = WatchConfig(sources=sources, limits=FetchLimits(timeout=timeout, per_host_delay=0.0), **options)
    return Watcher(Store(store_url), config, INGEST)


def _feed(site: Any, path: str = "/rss", interval: float = 0.001) -> Source:
    return Source("feed", site.url(path), interval)


def _publish(site: Any, pages: Any, numbers: list[int], etag: str, edited: int | None = None) -> None:
    items = []
    for n in numbers:
        topic = "bridge" if n % 2 else "fish"
        extra = "The vote was later confirmed by the regional board." if n == edited else ""
        site.set(f"/a/{n}.html", pages.article_html(topic, n, "Tuesday" if n >= 4 else "Monday", extra))
        items.append(pages.Item(f"item-{n}", site.url(f"/a/{n}.html"), f"Report {n}", summary=f"teaser {n} {extra}"))
    site.feed("/rss", items, etag=etag)


def _count(store: Store, table: Any) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _story_of(store: Store) -> dict[str, str]:
    return {a.url.rsplit("/", 1)[-1]: store.assignments([a.id])[a.id][0] for a in store.articles()}


def test_new_items_304s_and_edits_each_stored_once_with_stable_story_ids(site: Any, pages: Any, store_url: str) -> None:
    _publish(site, pages, [0, 1, 2, 3], '"v1"')
    with _watcher(store_url, _feed(site)) as watcher:
        first = watcher.once()
        assert (first.read_ok, first.new_items, first.stored, first.failed) == (1, 4, 4, [])
        stories = _story_of(watcher.store)
        assert stories["0.html"] == stories["2.html"] != stories["1.html"] == stories["3.html"]

        second = watcher.once()  # the feed answers 304: no page is asked again
        assert (second.not_modified, second.new_items, second.stored) == (1, 0, 0)
        assert site.count("/a/0.html") == 1 and site.count("/rss") == 2

        _publish(site, pages, [0, 1, 2, 3, 4], '"v2"', edited=1)  # one new report, one edited
        third = watcher.once()
        assert (third.new_items, third.stored) == (2, 2)
        assert site.count("/a/4.html") == 1 and site.count("/a/1.html") == 2 and site.count("/a/0.html") == 1
        after = _story_of(watcher.store)
        assert after["4.html"] == stories["0.html"]  # the new report joins the fish story, same id
        assert {k: v for k, v in after.items() if k in stories} == stories
        assert _count(watcher.store, follow_items) == 5 and watcher.store.count_articles() == 6
        versions = [a for a in watcher.store.articles() if a.url == site.url("/a/1.html")]
        assert len(versions) == 2 and versions[1].extra["revises"] == versions[0].id and "revises" not in versions[0].extra

        fourth = watcher.once()  # nothing new again: nothing stored, no change recorded
        assert (fourth.stored, fourth.changes) == (0, 0)
        for page, added in (("0.html", "4.html"), ("1.html", "1.html")):  # the new report; the edited one
            total, changes = story_changes(watcher.store.engine, stories[page])
            assert total == 2 and not changes[0]["new_story"] and changes[1]["new_story"]
            assert [r["url"].rsplit("/", 1)[-1] for r in changes[0]["reports"]] == [added]
            assert changes[0]["counts"]["reports"] == 1 and len(changes[1]["reports"]) == 2


def test_a_failing_source_is_reported_and_backed_off_while_the_others_go_on(site: Any, pages: Any, tmp_path: Path) -> None:
    _publish(site, pages, [0, 1], '"v1"')
    site.set("/down", "server error", status=500)
    site.set("/text", "<!doctype html><html><head><link rel='alternate' type='application/rss+xml' href='/rss'>"
                      "</head><body><p>A home page, not a feed</p></body></html>")
    site.set("/slow", "<rss/>", delay=6.0)
    bad = [_feed(site, "/down"), _feed(site, "/text"), _feed(site, "/slow")]
    watcher = _watcher(f"sqlite:///{tmp_path / 's.db'}", *bad, _feed(site), timeout=2.0)
    started = time.monotonic()
    report = watcher.once()
    assert time.monotonic() - started < 30
    assert report.read_ok == 1 and report.stored == 2 and len(report.failed) == 3
    assert any("HTTP 500" in f for f in report.failed)
    assert any("not XML" in f and f"names its feeds: {site.url('/rss')}" in f for f in report.failed)
    assert any("timed out" in f for f in report.failed)
    states = {s["key"]: s for s in watcher.state.sources()}
    for source in bad:
        assert states[source.key]["failures"] == 1 and states[source.key]["next_attempt"] > time.time() + 20
    assert states[_feed(site).key]["failures"] == 0
    hits = site.count("/down")
    again = watcher.due_cycle()  # the failing ones back off; the good one is polled
    assert again is not None and again.polled == 1 and site.count("/down") == hits


def test_article_pages_that_redirect_or_robots_forbid(site: Any, pages: Any, tmp_path: Path) -> None:
    site.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.set("/moved", status=301, location="/a/9.html")
    site.set("/a/9.html", pages.article_html("bridge", 9))
    site.set("/private/x.html", pages.article_html("fish", 8))
    long_teaser = "Fishermen in Nordhaven protested against new cod quotas outside the port authority on Monday."
    site.feed("/rss", [pages.Item("m", site.url("/moved"), "Moved"), pages.Item("p", site.url("/private/x.html"), "Private", long_teaser),
                       pages.Item("q", site.url("/private/y.html"), "Private, no text")])
    watcher = _watcher(f"sqlite:///{tmp_path / 's.db'}", _feed(site))
    report = watcher.once()
    assert report.stored == 2 and len(report.errors) == 1 and "robots" in report.errors[0]
    assert site.count("/private/x.html") == 0 and site.count("/private/y.html") == 0
    urls = sorted(a.url or "" for a in watcher.store.articles())
    assert urls == [site.url("/a/9.html"), site.url("/private/x.html")]  # the redirect's target; the teaser
    assert _count(watcher.store, follow_items) == 3  # the forbidden item is seen: not asked again
    assert watcher.once().new_items == 0


def test_a_drop_folder_of_pages_and_warcs_is_read_once_per_file(site: Any, pages: Any, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "one.html").write_text(pages.article_html("fish", 1), encoding="utf-8")
    (drop / "two.html.part").write_text(pages.article_html("bridge", 2), encoding="utf-8")
    watcher = _watcher(f"sqlite:///{tmp_path / 's.db'}", Source("folder", str(drop), 0.001))
    assert watcher.once().stored == 1
    (drop / "two.html.part").rename(drop / "two.html")
    second = watcher.once()
    assert (second.new_items, second.stored) == (1, 1)
    assert watcher.once().new_items == 0 and watcher.store.count_articles() == 2
    _write_warc(drop / "crawl.warc.gz", "https://news.example/fish-3", pages.article_html("fish", 3, "Tuesday"))
    fourth = watcher.once()  # a WARC dropped in: its HTML response records are pages
    assert (fourth.new_items, fourth.stored) == (1, 1)
    assert any(a.url == "https://news.example/fish-3" for a in watcher.store.articles())
    states = watcher.state.sources()
    assert states[0]["failures"] == 0 and _count(watcher.store, follow_sources) == 1


def _write_warc(path: Path, url: str, html: str) -> None:
    import io  # noqa: PLC0415

    from warcio.statusandheaders import StatusAndHeaders  # noqa: PLC0415
    from warcio.warcwriter import WARCWriter  # noqa: PLC0415

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        body = html.encode("utf-8")  # with its length given, warcio needs no spooled temporary file
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                                      http_headers=headers))


def test_a_sitemap_source_fetches_each_listed_page_once(site: Any, pages: Any, tmp_path: Path) -> None:
    def sitemap(urls: list[tuple[str, str]]) -> str:
        entries = "".join(f"<url><loc>{site.url(u)}</loc><lastmod>{m}</lastmod></url>" for u, m in urls)
        return f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{entries}</urlset>"

    site.set("/a/1.html", pages.article_html("fish", 1))
    site.set("/a/2.html", pages.article_html("bridge", 2))
    site.set("/sitemap.xml", sitemap([("/a/1.html", "2021-03-10"), ("/a/2.html", "2021-03-10")]),
             content_type="application/xml")
    watcher = _watcher(f"sqlite:///{tmp_path / 's.db'}", Source("sitemap", site.url("/sitemap.xml"), 0.001))
    site.set("/bomb.xml.gz", gzip.compress(b"<urlset>" + b" " * 20_000_000 + b"</urlset>"))
    bomb = _watcher(f"sqlite:///{tmp_path / 'b.db'}", Source("sitemap", site.url("/bomb.xml.gz"), 0.001)).once()
    assert "inflates to over" in bomb.failed[0]
    assert watcher.once().stored == 2
    assert watcher.once().new_items == 0  # no ETag here: the listing is read again, nothing is fetched
    site.set("/a/2.html", pages.article_html("bridge", 2, extra="The council published the final costs."))
    site.set("/sitemap.xml", gzip.compress(sitemap([("/a/1.html", "2021-03-10"), ("/a/2.html", "2021-03-11")]).encode()),
             content_type="application/x-gzip")  # served gzipped, as sitemap.xml.gz files are
    third = watcher.once()  # a new lastmod: the page is fetched again and its new text stored
    assert (third.new_items, third.stored) == (1, 1)
    assert site.count("/a/1.html") == 1 and site.count("/a/2.html") == 2


def test_a_public_feed_cannot_send_the_watcher_inside_its_network() -> None:
    from storyline.follow.collect import _reaches_inside  # noqa: PLC0415

    assert _reaches_inside("http://169.254.169.254/latest/meta-data", "https://news.example/rss")
    assert _reaches_inside("http://localhost:8080/admin", "https://news.example/rss")
    assert _reaches_inside("http://10.0.0.5/x", "https://news.example/rss")
    assert _reaches_inside("http://[::1]/x", "https://news.example/rss")
    assert not _reaches_inside("https://news.example/a.html", "https://news.example/rss")
    assert not _reaches_inside("http://127.0.0.1:9000/a.html", "http://127.0.0.1:9000/rss")  # a local feed's own pages


def test_the_loop_cycles_when_sources_are_due_and_stops_when_told(site: Any, pages: Any, tmp_path: Path) -> None:
    import threading  # noqa: PLC0415

    _publish(site, pages, [0, 1], '"v1"')
    reports: list[Any] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def on_cycle(report: Any) -> None:
        reports.append(report)
        if len(reports) == 2:
            _publish(site, pages, [0, 1, 2], '"v2"')
        if len(reports) == 3:
            stop.set()

    with _watcher(f"sqlite:///{tmp_path / 's.db'}", _feed(site, interval=0.2)) as watcher:
        loop = threading.Thread(target=watcher.run, args=(stop, on_cycle, errors.append), kwargs={"max_sleep": 0.5})
        loop.start()
        loop.join(timeout=60)
        assert not loop.is_alive() and not errors
        assert [r.stored for r in reports] == [2, 0, 1] and reports[1].not_modified == 1


def test_watching_a_store_that_run_filled_reports_only_what_is_new(site: Any, pages: Any, tmp_path: Path) -> None:
    import json  # noqa: PLC0415

    from storyline.pipeline import ingest  # noqa: PLC0415
    from storyline.present.run import run  # noqa: PLC0415

    archive = tmp_path / "archive.jsonl"
    lines = [{"id": f"old{n}", "text": pages.TOPICS["fish"][1].format(day="Monday") + f" Archive copy {n}.",
              "published": "2021-03-08", "source": f"Outlet {n}", "language": "en"} for n in range(2)]
    archive.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 's.db'}"
    store = Store(url)
    result = ingest([str(archive)], store, INGEST, keep_open=True)
    run(store, tmp_path / "out", result)
    store.close()
    _publish(site, pages, [0, 1], '"v1"')  # one more fish report, and a bridge story
    with _watcher(url, _feed(site)) as watcher:
        report = watcher.once()
        _, changes = story_changes(watcher.store.engine)
    assert report.stored == 2 and report.changes == 2
    (fish,) = [c for c in changes if not c["new_story"]]  # the archive's story, not news itself
    assert [r["url"] for r in fish["reports"]] == [site.url("/a/0.html")] and fish["counts"]["reports"] == 1
    (bridge,) = [c for c in changes if c["new_story"]]
    assert bridge["title"] == "Portwick council votes for new bridge"
