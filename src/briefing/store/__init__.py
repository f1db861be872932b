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
``sqlite-utils search`` find briefs), its rowid is the FTS rowid, in date order; an
actor's ``positions`` and ``brief_actors`` rows are clustered together (the actor
screen reads one range).

Concurrency: WAL and a 10 s busy timeout, and writers take the write lock up front
(``BEGIN IMMEDIATE``), so a reader and a writer in different processes wait for each
other instead of failing with "database is locked". One ``Store`` may be shared between
threads: every call holds the store's lock.
"""

from __future__ import annotations

from briefing.store.across import DATE, Across, TimelineFilter, TimelineRow
from briefing.store.actors import BRIEF_ROW, POSITION_ROW, QUOTE_ROW, ActorHead, Actors, RoleSpan
from briefing.store.base import StoreBase, remember_healthy
from briefing.store.common import gc_paused
from briefing.store.feedstate import FeedStates
from briefing.store.prepare import PreparedBrief, prepare_brief, prepare_briefs, prepare_loaded
from briefing.store.reading import Reading
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
from briefing.store.search import SEARCH_WINDOW, SearchCancelled, Searching, fts_query
from briefing.store.versions import VersionRow, Versions
from briefing.store.writing import Writing


class Store(Writing, Reading, Actors, Searching, FeedStates, Versions, Across, StoreBase):
    """One SQLite library. Open with ``Store(path)``; use as a context manager.

    Opening creates the file (and its folder) if needed and migrates an older schema.
    Every failure — unwritable path, not a database, a newer schema, a lock held too
    long — is a :class:`StoreError` naming the file. The methods come from one module
    per concern: ``writing``, ``reading``, ``actors``, ``search``, ``feedstate``.
    """


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
    "ActorDetail",
    "ActorHead",
    "ActorRole",
    "ActorSummary",
    "BriefRow",
    "FeedState",
    "FileStamp",
    "ImportFailed",
    "ImportOutcome",
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
