"""The library in SQLite. All SQL in briefing lives in this package.

One file holds every brief, split into readable tables (``briefs``, ``actors``,
``brief_actors``, ``positions``, ``open_questions``, ``timeline_events``, ``sources``,
``brief_tags``) so it opens in Datasette, plus an FTS5 index (``briefs_fts``), the read
state, feed and file-sync bookkeeping, and the replaced versions of briefs
(``brief_versions``, documents as stored). :meth:`Store.get_brief` gives back exactly what
was imported, rebuilt from the rows (``store/documents.py``); ``brief_documents`` keeps the
compressed JSON of the few briefs whose rows cannot rebuild it. The tables are laid out
for queries: ``briefs`` has the brief list's
columns first and the searched text after them (``briefs_fts`` is an external-content
index over it, as sqlite-utils sets one up: the text is stored once, and Datasette and
``sqlite-utils search`` find briefs), its rowid is the FTS rowid, in date order. The child tables
(``brief_actors``, ``positions``, ...) are keyed and clustered by that integer
(``brief_key``): a brief's rows are one range of each, so importing a brief appends a
few pages whatever the library's size; narrow indexes serve the other ways in (by actor,
question, date, tag).

Concurrency: WAL and a 10 s busy timeout, and writers take the write lock up front
(``BEGIN IMMEDIATE``), so a reader and a writer in different processes wait for each
other instead of failing with "database is locked". One ``Store`` may be shared between
threads: every call holds the store's lock.

Each name is imported from its module on first use (:func:`__getattr__`): the reader's
first frame needs only :class:`Listing` (the brief list's queries), not the writer, the
search or the YAML that :class:`Store` brings.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.store.across import DATE, TimelineFilter, TimelineRow
    from briefing.store.actors import (
        BRIEF_ROW,
        POSITION_ROW,
        QUOTE_ROW,
        ActorCard,
        ActorHead,
        RoleSpan,
    )
    from briefing.store.base import remember_healthy
    from briefing.store.common import gc_paused
    from briefing.store.library import Store
    from briefing.store.prepare import PreparedBrief, prepare_brief, prepare_briefs, prepare_loaded
    from briefing.store.reading import Listing
    from briefing.store.rows import (
        SNIPPET_END,
        SNIPPET_START,
        ActorDetail,
        ActorRole,
        ActorSummary,
        BriefRow,
        FeedState,
        FileStamp,
        ImportFailed,
        ImportOutcome,
        Outcome,
        PositionRow,
        QuestionRow,
        SearchHit,
        Subscription,
    )
    from briefing.store.schema import CHUNK, MIGRATIONS
    from briefing.store.search import SEARCH_WINDOW, SearchCancelled, fts_query
    from briefing.store.versions import VersionRow

#: Public name -> the module of this package that defines it.
_WHERE: dict[str, str] = {
    "DATE": "across",
    "TimelineFilter": "across",
    "TimelineRow": "across",
    "ActorCard": "actors",
    "ActorHead": "actors",
    "BRIEF_ROW": "actors",
    "POSITION_ROW": "actors",
    "QUOTE_ROW": "actors",
    "RoleSpan": "actors",
    "remember_healthy": "base",
    "gc_paused": "common",
    "Store": "library",
    "PreparedBrief": "prepare",
    "prepare_brief": "prepare",
    "prepare_briefs": "prepare",
    "prepare_loaded": "prepare",
    "Listing": "reading",
    "ActorDetail": "rows",
    "ActorRole": "rows",
    "ActorSummary": "rows",
    "BriefRow": "rows",
    "FeedState": "rows",
    "FileStamp": "rows",
    "ImportFailed": "rows",
    "ImportOutcome": "rows",
    "Outcome": "rows",
    "PositionRow": "rows",
    "QuestionRow": "rows",
    "SNIPPET_END": "rows",
    "SNIPPET_START": "rows",
    "SearchHit": "rows",
    "Subscription": "rows",
    "CHUNK": "schema",
    "MIGRATIONS": "schema",
    "SEARCH_WINDOW": "search",
    "SearchCancelled": "search",
    "fts_query": "search",
    "VersionRow": "versions",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'briefing.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"briefing.store.{module}"), name)
    globals()[name] = value  # found directly next time
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


__all__ = [
    "BRIEF_ROW",
    "CHUNK",
    "DATE",
    "MIGRATIONS",
    "POSITION_ROW",
    "QUOTE_ROW",
    "SEARCH_WINDOW",
    "SNIPPET_END",
    "SNIPPET_START",
    "ActorCard",
    "ActorDetail",
    "ActorHead",
    "ActorRole",
    "ActorSummary",
    "BriefRow",
    "FeedState",
    "FileStamp",
    "ImportFailed",
    "ImportOutcome",
    "Listing",
    "Outcome",
    "PositionRow",
    "PreparedBrief",
    "QuestionRow",
    "RoleSpan",
    "SearchCancelled",
    "SearchHit",
    "Store",
    "Subscription",
    "TimelineFilter",
    "TimelineRow",
    "VersionRow",
    "fts_query",
    "gc_paused",
    "prepare_brief",
    "prepare_briefs",
    "prepare_loaded",
    "remember_healthy",
]
