"""What changed, on the story page: since the last visit (a cookie per story) or ``?since=``.

The store is the web tests' (three levy reports, two flood reports, a hostile one); a watcher's
first look marks every story as seen, then one more levy report arrives through the real pipeline
and its changes are recorded as a watch cycle records them.
"""

from __future__ import annotations

import datetime as dt
import threading
from html import unescape

import pytest
from fastapi.testclient import TestClient

from storyline.follow.changes import baseline, record_changes
from storyline.follow.tables import ensure_tables
from storyline.present.web import WebSettings, create_app
from storyline.present.web.ingest import Upload, ingest_uploads
from storyline.present.web.story_changes import COOKIE, SESSION, parse_time, visit
from storyline.store import Store

from .conftest import HOSTILE

LATE = {"id": "levy-d", "source": "Northgate Herald", "published": "2026-03-12", "language": "en",
        "title": "Levy protest blocks Varno ring road",
        "text": "Estravia's parliament approved a fuel levy on Tuesday by 112 votes to 87. "
                "Hauliers blocked the Varno ring road on Thursday against the fuel levy. "
                "Police chief Mirela Dascal said that 40 trucks had been towed away."}
NOW = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.timezone.utc)


def _late_report(web_db: str) -> dt.datetime:
    """A watcher's baseline, then one new report run through the pipeline and recorded as a cycle."""
    import json

    with Store(web_db) as store:
        ensure_tables(store.engine)
        baseline(store.engine)
        before = dt.datetime.now(dt.timezone.utc)
        ingest_uploads(store, threading.Lock(), [Upload("late.jsonl", json.dumps(LATE).encode() + b"\n")])
        recorded = record_changes(store.engine, 99)
    assert any(c["counts"]["reports"] == 1 for c in recorded.changes)
    return before


@pytest.fixture()
def late(web_db: str) -> tuple[TestClient, str, dt.datetime]:
    before = _late_report(web_db)
    app = create_app(WebSettings(db=web_db))
    with TestClient(app) as test_client:
        story = test_client.get("/api/articles/levy-d").json()["story"]["id"]
        yield test_client, story, before
    app.state.store.close()


def test_web_changes_visit_keeps_a_session_and_starts_a_new_one_after_it() -> None:
    since, chosen, cookie = visit(None, None, NOW)
    assert since is None and not chosen and cookie == "~2026-03-12T09:00:00+00:00"
    since, _, cookie = visit(None, cookie, NOW + SESSION / 2)  # same session: still nothing to compare with
    assert since is None
    later = NOW + SESSION * 3
    since, _, cookie = visit(None, cookie, later)
    assert since == NOW + SESSION / 2 and cookie.startswith((NOW + SESSION / 2).isoformat(timespec="seconds"))
    since_again, _, _ = visit(None, cookie, later + dt.timedelta(minutes=1))  # back from a section
    assert since_again == since
    chosen_since, chosen, _ = visit("2026-01-02", cookie, later)
    assert chosen and chosen_since == dt.datetime(2026, 1, 2, tzinfo=dt.timezone.utc)
    assert visit("not a time", "garbage~also garbage", NOW)[:2] == (None, False)


def test_web_changes_parse_time_reads_offsets_and_plus_turned_space() -> None:
    assert parse_time("2026-03-12T10:00:00+01:00") == NOW
    assert parse_time("2026-03-12T10:00:00 01:00") == NOW  # a '+' the URL turned into a space
    assert parse_time("2026-03-12T09:00:00Z") == NOW
    assert parse_time("") is None and parse_time("x" * 100) is None and parse_time("2026-13-40") is None


def test_web_story_page_shows_what_changed_since_a_chosen_time(late: tuple[TestClient, str, dt.datetime]) -> None:
    client, story, before = late
    page = client.get(f"/stories/{story}", params={"since": before.isoformat()})
    assert page.status_code == 200
    html = unescape(page.text)
    assert 'id="changes"' in html and "1 new report," in html
    section = html.split('id="changes"')[1].split("</section>")[0]
    assert "Levy protest blocks Varno ring road" in section
    assert 'class="is-new"' in html  # the new report (and what it brought) marked where the page lists it
    reports = html.split('id="reports"')[1]
    assert '<li class="is-new"><mark class="new-badge">new</mark> <a href="/articles/levy-d"' in reports
    assert reports.count('<li class="is-new">') == 1  # the older reports are not marked
    # a time after the cycle: nothing new, said so
    after = client.get(f"/stories/{story}", params={"since": (dt.datetime.now(dt.timezone.utc)
                                                              + dt.timedelta(minutes=1)).isoformat()})
    assert "Nothing new since then." in after.text and 'class="is-new"' not in after.text


def test_web_story_page_shows_changes_since_the_last_visit_from_its_cookie(
        late: tuple[TestClient, str, dt.datetime]) -> None:
    client, story, before = late
    first = client.get(f"/stories/{story}")
    assert 'id="changes"' not in first.text  # a first visit: nothing to compare with
    cookie = first.cookies.get(COOKIE)
    assert cookie and cookie.startswith("~")
    assert f"Path=/stories/{story}" in first.headers["set-cookie"] and "HttpOnly" in first.headers["set-cookie"]
    old_visit = (before - dt.timedelta(hours=2)).isoformat(timespec="seconds")
    client.cookies.clear()
    back = client.get(f"/stories/{story}", headers={"cookie": f"{COOKIE}=~{old_visit}"})
    assert 'id="changes"' in back.text and "4 new reports," in unescape(back.text)  # the store is newer than that
    # within a session that began just before the new report: only it is new
    session = f"{before.isoformat()}~{dt.datetime.now(dt.timezone.utc).isoformat(timespec='seconds')}"
    client.cookies.clear()
    again = client.get(f"/stories/{story}", headers={"cookie": f"{COOKIE}={session}"})
    assert "1 new report," in unescape(again.text)
    other = client.get("/api/stories", params={"limit": 100}).json()["items"]
    unchanged = next(s["id"] for s in other if s["id"] != story)
    client.cookies.clear()
    assert 'id="changes"' not in client.get(f"/stories/{unchanged}", headers={"cookie": f"{COOKIE}={session}"}).text


def test_web_story_changes_escape_hostile_text(web_db: str) -> None:
    """A hostile report arriving in a cycle is listed escaped in the summary of changes."""
    import json

    with Store(web_db) as store:
        ensure_tables(store.engine)
        baseline(store.engine)
        hostile = HOSTILE | {"id": "hostile-2", "text": HOSTILE["text"] + " The council said it again on Monday."}
        ingest_uploads(store, threading.Lock(), [Upload("h.jsonl", json.dumps(hostile).encode() + b"\n")])
        record_changes(store.engine, 99)
    app = create_app(WebSettings(db=web_db))
    with TestClient(app) as client:
        story = client.get("/api/articles/hostile-2").json()["story"]["id"]
        page = client.get(f"/stories/{story}", params={"since": "2000-01-01"})
        assert 'id="changes"' in page.text
        assert "<script>window.__pwned" not in page.text and "<img src=x" not in page.text
        assert "&lt;script&gt;window.__pwned=4&lt;/script&gt;" in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]
    app.state.store.close()


def test_web_story_page_shows_new_reports_of_a_store_never_watched(web_db: str) -> None:
    """No watcher, no recorded cycle: a report a later upload stored is still new on the page."""
    import json

    before = dt.datetime.now(dt.timezone.utc)
    with Store(web_db) as store:
        ingest_uploads(store, threading.Lock(), [Upload("late.jsonl", json.dumps(LATE).encode() + b"\n")])
    app = create_app(WebSettings(db=web_db))
    with TestClient(app) as client:
        story = client.get("/api/articles/levy-d").json()["story"]["id"]
        html = unescape(client.get(f"/stories/{story}", params={"since": before.isoformat()}).text)
        assert "1 new report, 0 new facts" in html and "0 cycles" in html
        assert html.count('<li class="is-new">') == 1
        earlier = unescape(client.get(f"/stories/{story}", params={"since": "2000-01-01"}).text)
        assert "4 new reports," in earlier and earlier.count('<li class="is-new">') == 4
    app.state.store.close()
