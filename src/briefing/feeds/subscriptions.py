"""Which feeds to fetch: config.yaml's ``feeds:`` plus the library's subscriptions.

Subscriptions made with ``briefing feeds add``/``import`` live in the library database
(table ``subscriptions``), so they travel with the library and a scratch ``--db`` has
its own. A URL in both places is one feed; config.yaml's entry wins (it is the file a
person edits by hand, and it can disable a feed).
"""

from __future__ import annotations

from pathlib import Path

from briefing.config import FeedSettings, Settings
from briefing.errors import BriefingError, FetchError
from briefing.http import check_url

KINDS = ("auto", "briefs", "articles")


def all_feeds(settings: Settings, db_path: Path | None) -> list[FeedSettings]:
    """config.yaml's feeds, then the library's subscriptions not already among them."""
    feeds = list(settings.feeds)
    seen = {f.url for f in feeds}
    for sub in library_subscriptions(db_path):
        if sub.url not in seen:
            seen.add(sub.url)
            feeds.append(
                FeedSettings(url=sub.url, name=sub.name, enabled=sub.enabled, kind=sub.kind)  # type: ignore[arg-type]
            )
    return feeds


def library_subscriptions(db_path: Path | None) -> list[FeedSettings]:
    """The subscriptions stored in the library (none when it does not exist yet)."""
    if db_path is None or not Path(db_path).is_file():
        return []
    from briefing.store import Store

    with Store(db_path) as store:
        return [
            FeedSettings(url=s.url, name=s.name, enabled=s.enabled, kind=s.kind)  # type: ignore[arg-type]
            for s in store.subscriptions()
        ]


def check_feed_url(url: str) -> str:
    """A subscribable URL (absolute http/https), else a one-line :class:`BriefingError`."""
    try:
        return check_url(url)
    except FetchError as exc:
        raise BriefingError(str(exc)) from None


def check_kind(kind: str | None, where: str) -> str:
    value = (kind or "auto").strip().lower()
    if value not in KINDS:
        raise BriefingError(f"{where}: unknown kind {kind!r} (use auto, briefs or articles)")
    return value
