"""What the store remembers of each feed: validators, last success, last error."""

from __future__ import annotations

import datetime as dt
import json

from briefing.store.base import StoreBase, _api
from briefing.store.common import _iso, _parse_dt
from briefing.store.rows import FeedState, Subscription


class FeedStates(StoreBase):
    """Per-feed bookkeeping."""

    @_api
    def feed_state(self, url: str) -> FeedState | None:
        row = self._c.execute(
            "SELECT url, etag, last_modified, last_success, last_error, last_attempt, extra"
            " FROM feed_state WHERE url = ?",
            (url,),
        ).fetchone()
        if row is None:
            return None
        return FeedState(
            url=row[0],
            etag=row[1],
            last_modified=row[2],
            last_success=_parse_dt(row[3]),
            last_error=row[4],
            last_attempt=_parse_dt(row[5]),
            extra=json.loads(row[6] or "{}"),
        )

    @_api
    def feed_states(self) -> list[FeedState]:
        urls = [r[0] for r in self._c.execute("SELECT url FROM feed_state ORDER BY url")]
        return [s for s in (self.feed_state(u) for u in urls) if s is not None]

    @_api
    def save_feed_state(self, state: FeedState) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO feed_state"
                " (url, etag, last_modified, last_success, last_error, last_attempt, extra)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    state.url,
                    state.etag,
                    state.last_modified,
                    _iso(state.last_success),
                    state.last_error,
                    _iso(state.last_attempt),
                    json.dumps(state.extra, sort_keys=True),
                ),
            )

    @_api
    def subscriptions(self) -> list[Subscription]:
        """The library's subscriptions, in the order they were added."""
        return [
            Subscription(url=r[0], name=r[1], kind=r[2], enabled=bool(r[3]))
            for r in self._c.execute(
                "SELECT url, name, kind, enabled FROM subscriptions ORDER BY position, url"
            )
        ]

    @_api
    def subscribe(self, subscriptions: list[Subscription]) -> list[bool]:
        """Add (or rename/re-kind) subscriptions; per one, whether it was new."""
        added: list[bool] = []
        now = _iso(dt.datetime.now(dt.UTC).replace(microsecond=0))
        with self._write() as conn:
            (last,) = conn.execute(
                "SELECT coalesce(max(position), 0) FROM subscriptions"
            ).fetchone()
            for sub in subscriptions:
                exists = conn.execute(
                    "SELECT 1 FROM subscriptions WHERE url = ?", (sub.url,)
                ).fetchone()
                if exists:
                    conn.execute(
                        "UPDATE subscriptions SET name = coalesce(?, name), kind = ?,"
                        " enabled = ? WHERE url = ?",
                        (sub.name, sub.kind, int(sub.enabled), sub.url),
                    )
                else:
                    last += 1
                    conn.execute(
                        "INSERT INTO subscriptions (url, name, kind, enabled, added_at, position)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        (sub.url, sub.name, sub.kind, int(sub.enabled), now, last),
                    )
                added.append(not exists)
        return added

    @_api
    def unsubscribe(self, url: str) -> bool:
        """Remove a subscription; False if there was none. Its briefs stay."""
        with self._write() as conn:
            return conn.execute("DELETE FROM subscriptions WHERE url = ?", (url,)).rowcount > 0
