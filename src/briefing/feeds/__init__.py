"""Feeds: fetch briefs over HTTP into the library, and publish a library as a feed.

``fetch_into_library`` is the entry point for the CLI and the reader; ``HttpClient`` is
the one safe HTTP client (also for ``briefing derive``).
"""

from __future__ import annotations

from briefing.feeds.fetch import (
    FeedResult,
    FetchProgress,
    FetchReport,
    fetch_into_library,
    select_feeds,
)
from briefing.http import USER_AGENT, HttpClient, Response, fetch_url, fetch_url_sync

__all__ = [
    "USER_AGENT",
    "FeedResult",
    "FetchProgress",
    "FetchReport",
    "HttpClient",
    "Response",
    "fetch_into_library",
    "fetch_url",
    "fetch_url_sync",
    "select_feeds",
]
