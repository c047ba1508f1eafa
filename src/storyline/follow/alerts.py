"""Alert delivery from the ``follow_alerts`` outbox: webhook (JSON POST) and e-mail (SMTP).

Alerts are inserted with the change that raised them (:mod:`storyline.follow.changes`), unique
per (watchlist, subject), so each exists once. Delivery then takes the unsent ones in order:

- **Rate limit**: per watchlist and target, at most ``max_per_hour`` in any hour (counted from
  the store, so restarts do not reset it); the rest wait in the outbox for a later cycle.
- **Webhook**: one POST per alert, body the alert's JSON, header ``Idempotency-Key`` = its id;
  a 2xx marks it sent. A failure counts an attempt and stops the webhook for this cycle (it is
  tried again next cycle). A crash between the POST and the mark sends it again: delivery is at
  least once, and the key lets the receiver drop the copy.
- **SMTP**: one message per watchlist and cycle listing its unsent alerts (``mailed``).

Cost: one query per watchlist and target, one request per alert, one message per watchlist.
"""

from __future__ import annotations

import datetime as dt
import json
import smtplib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from sqlalchemy import Engine, and_, func, select, update

from storyline.follow.config import USER_AGENT, AlertTargets
from storyline.follow.tables import follow_alerts

WEBHOOK_TIMEOUT = 10.0


@dataclass
class Delivery:
    """What one delivery pass did."""

    sent: int = 0
    mailed: int = 0
    held: int = 0  # waiting for the rate limit
    problems: list[str] = field(default_factory=list)


def deliver(engine: Engine, targets: AlertTargets, now: dt.datetime | None = None) -> Delivery:
    """Send what the outbox holds, within the rate limit."""
    now = now or dt.datetime.now(dt.timezone.utc)
    done = Delivery()
    if targets.webhook:
        _webhook(engine, targets, now, done)
    if targets.smtp is not None:
        _smtp(engine, targets, now, done)
    return done


def _webhook(engine: Engine, targets: AlertTargets, now: dt.datetime, done: Delivery) -> None:
    for watchlist, rows in _pending(engine, follow_alerts.c.sent, targets.max_per_hour, now, done).items():
        for alert_id, data in rows:
            problem = post_json(str(targets.webhook), data, json.loads(data)["id"])
            if problem:
                done.problems.append(f"webhook {targets.webhook}: {problem}")
                with engine.begin() as conn:
                    conn.execute(update(follow_alerts).where(follow_alerts.c.id == alert_id)
                                 .values(attempts=follow_alerts.c.attempts + 1))
                return
            with engine.begin() as conn:
                conn.execute(update(follow_alerts).where(follow_alerts.c.id == alert_id).values(sent=now))
            done.sent += 1


def _smtp(engine: Engine, targets: AlertTargets, now: dt.datetime, done: Delivery) -> None:
    smtp = targets.smtp
    assert smtp is not None
    for watchlist, rows in _pending(engine, follow_alerts.c.mailed, targets.max_per_hour, now, done).items():
        alerts = [json.loads(data) for _, data in rows]
        message = EmailMessage()
        message["Subject"] = f"storyline: {len(alerts)} alert(s) for {watchlist}"
        message["From"] = smtp.sender
        message["To"] = ", ".join(smtp.to)
        message.set_content("\n\n".join(_plain(a) for a in alerts))
        try:
            with smtplib.SMTP(smtp.host, smtp.port, timeout=WEBHOOK_TIMEOUT) as client:
                client.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            done.problems.append(f"smtp {smtp.host}:{smtp.port}: {type(exc).__name__}: {exc}")
            return
        with engine.begin() as conn:
            conn.execute(update(follow_alerts).where(follow_alerts.c.id.in_([i for i, _ in rows])).values(mailed=now))
        done.mailed += len(rows)


def _pending(engine: Engine, column: Any, per_hour: int, now: dt.datetime,
             done: Delivery) -> dict[str, list[tuple[int, str]]]:
    """Per watchlist, the unsent alerts the rate limit lets go now (oldest first)."""
    table = follow_alerts
    hour_ago = now - dt.timedelta(hours=1)
    found: dict[str, list[tuple[int, str]]] = {}
    with engine.connect() as conn:
        waiting = conn.execute(select(table.c.watchlist, func.count()).where(column.is_(None))
                               .group_by(table.c.watchlist)).all()
        for watchlist, count in waiting:
            recent = conn.execute(select(func.count()).select_from(table).where(
                and_(table.c.watchlist == watchlist, column >= hour_ago))).scalar_one()
            room = max(0, per_hour - int(recent))
            done.held += max(0, int(count) - room)
            if room:
                found[watchlist] = [(r.id, r.data) for r in conn.execute(
                    select(table.c.id, table.c.data).where(and_(table.c.watchlist == watchlist, column.is_(None)))
                    .order_by(table.c.id).limit(room))]
    return found


def post_json(url: str, data: str, key: str) -> str | None:
    """POST a JSON body; None when the receiver answered 2xx, else the problem."""
    request = urllib.request.Request(url, data=data.encode("utf-8"), method="POST", headers={
        "Content-Type": "application/json", "User-Agent": USER_AGENT, "Idempotency-Key": key})
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as answer:  # noqa: S310  (http(s) checked in config)
            return None if 200 <= answer.status < 300 else f"HTTP {answer.status}"
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (OSError, urllib.error.URLError) as exc:
        return f"{type(exc).__name__}: {exc}"


def _plain(alert: dict[str, Any]) -> str:
    story = alert.get("story", {})
    matched = "; ".join(f"{k}: {', '.join(v)}" for k, v in alert.get("matched", {}).items())
    return (f"[{alert.get('kind')}] {story.get('title') or story.get('id')}\n{story.get('link')}\n"
            f"matched {matched or 'everything'}\n{json.dumps(alert.get('evidence'), ensure_ascii=False)[:1500]}")
