"""The library in SQLite. All SQL in briefing lives in this module.

One file holds every brief, split into readable tables (``briefs``, ``actors``,
``brief_actors``, ``positions``, ``open_questions``, ``timeline_events``, ``sources``,
``brief_tags``) so it opens in Datasette, plus an FTS5 index (``briefs_fts``), the read
state, feed and file-sync bookkeeping. ``brief_documents.document`` keeps the whole brief
as JSON, so :meth:`Store.get_brief` gives back exactly what was imported; the other
tables exist for queries, laid out for them: ``briefs`` holds only what the brief list
shows (narrow rows, so lists and joins stay in cache), and an actor's ``positions`` and
``brief_actors`` rows are clustered together (the actor screen reads one range).

Concurrency: WAL and a 10 s busy timeout, and writers take the write lock up front
(``BEGIN IMMEDIATE``), so a reader and a writer in different processes wait for each
other instead of failing with "database is locked". One ``Store`` may be shared between
threads: every call holds the store's lock.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from functools import wraps
from itertools import islice
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import yaml

from briefing.errors import StoreError
from briefing.model import Brief


class Outcome(StrEnum):
    new = "new"
    updated = "updated"
    unchanged = "unchanged"  # same id with an equal or older `updated`: skipped


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    brief_id: str
    outcome: Outcome
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class BriefRow:
    """One line of the brief list."""

    id: str
    title: str
    date: str  # ISO date
    tags: tuple[str, ...]
    read: bool
    bottom_line: str = ""


@dataclass(frozen=True, slots=True)
class ActorSummary:
    id: str
    name: str
    kind: str
    brief_count: int
    aliases: tuple[str, ...] = ()  # filled by ``find_actors``


@dataclass(frozen=True, slots=True)
class ActorRole:
    """An actor's role and affiliation as one brief states them."""

    brief_id: str
    brief_date: str
    role: str | None
    affiliation: str | None
    brief_title: str = ""  # so the actor screen needs no second query for brief heads


@dataclass(frozen=True, slots=True)
class ActorDetail:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    roles: tuple[ActorRole, ...]  # by brief date, oldest first
    brief_count: int
    position_count: int


@dataclass(frozen=True, slots=True)
class PositionRow:
    brief_id: str
    brief_title: str
    brief_date: str
    actor_id: str
    actor_name: str
    topic: str
    position: str
    stance: str | None
    quote: str | None
    attribution: str | None
    date: str | None  # when it was said, else None


@dataclass(frozen=True, slots=True)
class QuestionRow:
    """One brief's statement of a (global) open question."""

    question_id: str
    brief_id: str
    brief_title: str
    brief_date: str
    question: str
    status: str
    likelihood: str | None
    confidence: str | None
    context: str | None
    resolution: str | None
    actors: tuple[str, ...] = ()  # actor ids the brief ties to the question
    statements: int = 1  # how many briefs state this question id (filled by ``questions()``)
    has_own_id: bool = True  # False: the brief gave no id; ``question_id`` is ``BRIEF#N``


@dataclass(frozen=True, slots=True)
class SearchHit:
    brief_id: str
    title: str
    date: str
    snippet: str  # plain text; matched terms wrapped in SNIPPET_START / SNIPPET_END
    where: str  # "title", "summary", "position", "quote", "question"


SNIPPET_START = "\x02"
SNIPPET_END = "\x03"


@dataclass(slots=True)
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_success: dt.datetime | None = None
    last_error: str | None = None
    last_attempt: dt.datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What the sync remembers of a brief file, to skip unchanged ones without reading."""

    path: str
    size: int
    mtime_ns: int
    brief_ids: tuple[str, ...] = ()  # the briefs the file held when it was last read


class ImportFailed(StoreError):
    """Some briefs could not be stored (disk full, a broken brief built in code, ...).

    Raised after everything else in the batch was committed; ``outcomes`` lists what
    was stored, ``failures`` maps each brief id that was not to the reason. Each failed
    brief left no rows behind.
    """

    def __init__(
        self, outcomes: list[ImportOutcome], failures: dict[str, str], path: Path | None = None
    ) -> None:
        shown = list(failures.items())[:3]
        listing = "; ".join(f"{bid}: {' '.join(why.split())}" for bid, why in shown)
        more = f" (and {len(failures) - len(shown)} more)" if len(failures) > len(shown) else ""
        where = f"{path}: " if path else ""
        super().__init__(f"{where}could not store {len(failures)} brief(s): {listing}{more}")
        self.outcomes = outcomes
        self.failures = failures


# -- schema ---------------------------------------------------------------------------

BUSY_TIMEOUT_S = 10.0
#: The tokenizer of ``briefs_fts``, which the search's scratch table must share.
_TOKENIZE = "'porter unicode61 remove_diacritics 2'"
#: SQLite's page cache per connection (KiB). The reader opens one connection per thread,
#: so this multiplies; at 100k briefs 32 MiB measured no faster than 8 MiB (the OS page
#: cache serves the rest) but cost ~20 MB of RSS per connection.
CACHE_KIB = 8 * 1024
#: Briefs written per transaction: large enough to amortise commits (each may set off a
#: WAL checkpoint and its fsyncs), small enough that another writer never waits long.
CHUNK = 1000

_SCHEMA_V1 = (
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )
    """,
    # Small, often-read columns first: SQLite reads a row's columns in order, and the
    # big JSON document at the end then never has to be touched by list queries.
    """
    CREATE TABLE briefs (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        date TEXT NOT NULL,
        updated TEXT,
        format TEXT NOT NULL,
        bottom_line TEXT NOT NULL,
        tags_text TEXT NOT NULL,
        origin TEXT,
        imported_at TEXT NOT NULL,
        search_rowid INTEGER NOT NULL UNIQUE,
        source TEXT NOT NULL,
        summary TEXT NOT NULL,
        document TEXT NOT NULL
    )
    """,
    "CREATE INDEX briefs_by_date ON briefs (date DESC, id)",
    """
    CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        aliases TEXT NOT NULL,
        brief_count INTEGER NOT NULL,
        named_in TEXT NOT NULL,
        named_date TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE brief_actors (
        brief_id TEXT NOT NULL REFERENCES briefs (id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL REFERENCES actors (id),
        ordinal INTEGER NOT NULL,
        brief_date TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        role TEXT,
        affiliation TEXT,
        aliases TEXT NOT NULL,
        PRIMARY KEY (brief_id, actor_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX brief_actors_by_actor ON brief_actors (actor_id, brief_date DESC, brief_id)",
    """
    CREATE TABLE positions (
        brief_id TEXT NOT NULL REFERENCES briefs (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        actor_id TEXT NOT NULL REFERENCES actors (id),
        brief_date TEXT NOT NULL,
        topic TEXT NOT NULL,
        position TEXT NOT NULL,
        stance TEXT,
        quote TEXT,
        attribution TEXT,
        date TEXT,
        PRIMARY KEY (brief_id, ordinal)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX positions_by_actor ON positions (actor_id, brief_date, brief_id, ordinal)",
    """
    CREATE TABLE open_questions (
        brief_id TEXT NOT NULL REFERENCES briefs (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        has_own_id INTEGER NOT NULL,
        brief_date TEXT NOT NULL,
        question TEXT NOT NULL,
        status TEXT NOT NULL,
        likelihood TEXT,
        confidence TEXT,
        context TEXT,
        resolution TEXT,
        actors TEXT NOT NULL,
        PRIMARY KEY (brief_id, ordinal)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX open_questions_by_id ON open_questions (question_id, brief_date, brief_id)",
    """
    CREATE TABLE timeline_events (
        brief_id TEXT NOT NULL REFERENCES briefs (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        date TEXT NOT NULL,
        event TEXT NOT NULL,
        actors TEXT NOT NULL,
        PRIMARY KEY (brief_id, ordinal)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE sources (
        brief_id TEXT NOT NULL REFERENCES briefs (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        title TEXT,
        publisher TEXT,
        url TEXT,
        authors TEXT NOT NULL,
        published TEXT,
        PRIMARY KEY (brief_id, ordinal)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE brief_tags (
        brief_id TEXT NOT NULL REFERENCES briefs (id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        brief_date TEXT NOT NULL,
        PRIMARY KEY (brief_id, tag)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX brief_tags_by_tag ON brief_tags (tag, brief_date DESC, brief_id)",
    # No foreign key: being read survives a brief being replaced by a newer version.
    """
    CREATE TABLE read_state (
        brief_id TEXT PRIMARY KEY,
        read_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE feed_state (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        last_success TEXT,
        last_error TEXT,
        last_attempt TEXT,
        extra TEXT NOT NULL DEFAULT '{}'
    )
    """,
    """
    CREATE TABLE files (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        brief_ids TEXT NOT NULL
    )
    """,
    # One row per brief (rowid = briefs.search_rowid), one column per kind of text, so
    # bm25 ranks briefs (not fragments) and a hit can say where it matched.
    """
    CREATE VIRTUAL TABLE briefs_fts USING fts5 (
        title, summary, positions, quotes, questions,
        tokenize = 'porter unicode61 remove_diacritics 2'
    )
    """,
)


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    """The first schema."""
    for statement in _SCHEMA_V1:
        conn.execute(statement)


#: FTS rowids sort by brief date: ``day << DAY_SHIFT | n``, so "the newest matches" is a
#: rowid range FTS5 can seek to (see :meth:`Store.search`).
DAY_SHIFT = 20


def _fts_create(name: str) -> str:
    return f"""
    CREATE VIRTUAL TABLE {name} USING fts5 (
        title, summary, positions, quotes, questions,
        tokenize = 'porter unicode61 remove_diacritics 2'
    )
    """


_SCHEMA_V2 = (
    # The list's columns only: narrow rows, many to a page, so lists and the joins
    # behind the actor screen stay in cache. The big text lives in brief_documents.
    """
    CREATE TABLE briefs_v2 (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        date TEXT NOT NULL,
        updated TEXT,
        format TEXT NOT NULL,
        bottom_line TEXT NOT NULL,
        tags_text TEXT NOT NULL,
        origin TEXT,
        imported_at TEXT NOT NULL,
        search_rowid INTEGER NOT NULL UNIQUE
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE brief_documents (
        brief_id TEXT PRIMARY KEY REFERENCES briefs (id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        summary TEXT NOT NULL,
        document TEXT NOT NULL
    )
    """,
    # Clustered by actor: an actor's rows are one contiguous range, and they carry the
    # brief's date and title (rewritten with their brief, so never stale): the actor
    # screen reads one range per table and joins nothing.
    """
    CREATE TABLE brief_actors_v2 (
        brief_id TEXT NOT NULL REFERENCES briefs (id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL REFERENCES actors (id),
        ordinal INTEGER NOT NULL,
        brief_date TEXT NOT NULL,
        brief_title TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        role TEXT,
        affiliation TEXT,
        aliases TEXT NOT NULL,
        PRIMARY KEY (actor_id, brief_date DESC, brief_id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE positions_v2 (
        brief_id TEXT NOT NULL REFERENCES briefs (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        actor_id TEXT NOT NULL REFERENCES actors (id),
        brief_date TEXT NOT NULL,
        brief_title TEXT NOT NULL,
        topic TEXT NOT NULL,
        position TEXT NOT NULL,
        stance TEXT,
        quote TEXT,
        attribution TEXT,
        date TEXT,
        PRIMARY KEY (actor_id, brief_date, brief_id, ordinal)
    ) WITHOUT ROWID
    """,
)

_INDEXES_V2 = (
    "CREATE INDEX briefs_by_date ON briefs (date DESC, id)",
    "CREATE UNIQUE INDEX brief_actors_by_brief ON brief_actors (brief_id, actor_id)",
    "CREATE UNIQUE INDEX positions_by_brief ON positions (brief_id, ordinal)",
)


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    """Schema 2, for speed at 100k briefs: the brief list's columns apart from the
    documents, actor rows clustered by actor, FTS rowids in date order."""
    for statement in _SCHEMA_V2:
        conn.execute(statement)
    conn.execute("CREATE TEMP TABLE rowid_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)")
    allocator = _RowidAllocator(conn, table="briefs_v2")
    conn.executemany(
        "INSERT INTO temp.rowid_map (old, new) VALUES (?, ?)",
        [
            (old, allocator.next(date))
            for old, date in conn.execute(
                "SELECT search_rowid, date FROM briefs ORDER BY date, id"
            ).fetchall()
        ],
    )
    # Oldest first, so a list page's rows sit on neighbouring pages.
    conn.execute(
        """
        INSERT INTO briefs_v2 (id, title, date, updated, format, bottom_line, tags_text,
                               origin, imported_at, search_rowid)
        SELECT b.id, b.title, b.date, b.updated, b.format, b.bottom_line, b.tags_text,
               b.origin, b.imported_at, m.new
        FROM briefs b JOIN temp.rowid_map m ON m.old = b.search_rowid
        ORDER BY b.date, b.id
        """
    )
    conn.execute(
        "INSERT INTO brief_documents (brief_id, source, summary, document)"
        " SELECT id, source, summary, document FROM briefs ORDER BY date, id"
    )
    conn.execute(
        """
        INSERT INTO brief_actors_v2
        SELECT a.brief_id, a.actor_id, a.ordinal, a.brief_date, b.title, a.name, a.kind, a.role,
               a.affiliation, a.aliases
        FROM brief_actors a JOIN briefs b ON b.id = a.brief_id
        """
    )
    conn.execute(
        """
        INSERT INTO positions_v2
        SELECT p.brief_id, p.ordinal, p.actor_id, p.brief_date, b.title, p.topic, p.position,
               p.stance, p.quote, p.attribution, p.date
        FROM positions p JOIN briefs b ON b.id = p.brief_id
        """
    )
    conn.execute(_fts_create("briefs_fts_v2"))
    conn.execute(
        """
        INSERT INTO briefs_fts_v2 (rowid, title, summary, positions, quotes, questions)
        SELECT m.new, f.title, f.summary, f.positions, f.quotes, f.questions
        FROM briefs_fts f JOIN temp.rowid_map m ON m.old = f.rowid
        """
    )
    for table in ("positions", "brief_actors", "briefs", "briefs_fts"):
        conn.execute(f"DROP TABLE {table}")
    for table in ("positions", "brief_actors", "briefs", "briefs_fts"):
        conn.execute(f"ALTER TABLE {table}_v2 RENAME TO {table}")
    for statement in _INDEXES_V2:
        conn.execute(statement)
    conn.execute("DROP TABLE temp.rowid_map")


class _RowidAllocator:
    """Hands out FTS rowids ``day << DAY_SHIFT | n``: unique, and in brief-date order."""

    def __init__(self, conn: sqlite3.Connection, table: str = "briefs") -> None:
        self._conn = conn
        self._table = table
        self._next: dict[int, int] = {}

    def next(self, date: str) -> int:
        day = dt.date.fromisoformat(date).toordinal()
        if day not in self._next:
            base = day << DAY_SHIFT
            row = self._conn.execute(
                f"SELECT max(search_rowid) FROM {self._table}"
                " WHERE search_rowid >= ? AND search_rowid < ?",
                (base, base + (1 << DAY_SHIFT)),
            ).fetchone()
            self._next[day] = base if row[0] is None else row[0] + 1
        rowid = self._next[day]
        if rowid >= (day + 1) << DAY_SHIFT:
            raise ValueError(f"more than {1 << DAY_SHIFT:,} briefs dated {date}")
        self._next[day] = rowid + 1
        return rowid


def _migrate_to_3(conn: sqlite3.Connection) -> None:
    """Schema 3: extra top-level fields kept exactly. JSON has no dates (or bytes, sets,
    non-text keys), so a brief's unknown fields are also stored as safe YAML."""
    conn.execute("ALTER TABLE brief_documents ADD COLUMN extra TEXT")


#: ``MIGRATIONS[n]`` takes a library from schema version ``n`` to ``n + 1``. Append new
#: steps; never edit old ones (libraries in the wild are at every version). A new library
#: runs them all (on empty tables, instantly), so there is one way to any schema.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _migrate_to_1,
    _migrate_to_2,
    _migrate_to_3,
]

#: Search ranks (bm25) at most this many matching briefs: the most recent ones.
SEARCH_WINDOW = 2000
#: FTS columns, in order, and what each is called in a :class:`SearchHit`.
_FTS_WHERE = ("title", "summary", "position", "quote", "question")
#: bm25 weights per FTS column: a match in the title says most about the brief.
_BM25 = "bm25(briefs_fts, 4.0, 2.0, 1.0, 1.0, 1.0)"
#: When one brief matches in several places, show the most informative.
_WHERE_PREFERENCE = (1, 2, 3, 4, 0)

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _api(
    method: Callable[Concatenate[Store, _P], _R],
) -> Callable[Concatenate[Store, _P], _R]:
    """Serialise calls on one store and turn SQLite errors into :class:`StoreError`."""

    @wraps(method)
    def wrapper(self: Store, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self._lock:
            if self._conn is None:
                raise StoreError(f"{self.path}: the library is closed")
            try:
                return method(self, *args, **kwargs)
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: {_explain(exc)}") from exc

    return wrapper


#: SQLite errors about the environment rather than one brief's content.
_ENVIRONMENT_ERRORS = ("full", "disk i/o", "readonly", "read-only", "locked", "busy", "memory")


def _environmental(conn: sqlite3.Connection, exc: Exception) -> bool:
    """True when retrying brief by brief cannot help: the disk is full, I/O failed, or
    SQLite already rolled the whole transaction back (then ``ROLLBACK TO`` would only
    hide the real cause behind "no such savepoint")."""
    if not conn.in_transaction:
        return True
    return isinstance(exc, sqlite3.Error) and any(
        word in str(exc).lower() for word in _ENVIRONMENT_ERRORS
    )


def _explain(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "full" in text:
        return f"{text}: free some space (nothing half-written was kept)"
    if "locked" in text or "busy" in text:
        return f"{text} (another briefing kept the library busy for over {BUSY_TIMEOUT_S:g} s)"
    if "not a database" in text or "malformed" in text:
        return f"not a usable briefing library: {text}"
    if "readonly" in text or "read-only" in text:
        return f"cannot write the library: {text}"
    return text


def _check_whole(path: Path, conn: sqlite3.Connection) -> None:
    """Refuse a truncated library before anything is written to it: SQLite only notices
    a missing page when a query reaches it, and a write could land first. The page count
    comes from SQLite itself (it trusts the header's count only when the header says it
    is current) and is checked only when no WAL file holds pages (after a clean close).

    Never ``open()`` the database file from Python to look at it: closing that file
    descriptor drops every POSIX lock this process holds on the file, including those
    of the other connections open in this process (the reader has one per thread). Other
    processes then believe nobody has the library open, checkpoint and delete the WAL,
    and this process goes on reading a stale snapshot and writing into a deleted WAL:
    its writes are lost (https://www.sqlite.org/howtocorrupt.html, section 2.2)."""
    size = path.stat().st_size
    wal = Path(f"{path}-wal")
    if size == 0 or (wal.exists() and wal.stat().st_size):
        return
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    if size < pages * page_size:
        raise StoreError(
            f"{path}: the library file is truncated ({size:,} bytes; its header says "
            f"{pages * page_size:,}); restore it from a backup or choose another --db"
        )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _iso(value: dt.datetime | None) -> str | None:
    """Datetimes are stored as ISO text in UTC, so they sort and read the same."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat()


def _parse_dt(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _enum(value: Any) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


def _later(new: dt.datetime | None, old: dt.datetime | None) -> bool:
    """Is ``new`` a later version than ``old``? A missing ``updated`` is the earliest."""
    if new is None:
        return False
    if old is None:
        return True
    return new > old


def _batched(items: Iterable[_R], size: int) -> Iterator[list[_R]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Building a chunk's rows allocates ~100k tuples, which set off full collections
    scanning every live object; none of them is cyclic, so collection waits."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_references(brief: Brief) -> None:
    """The loader checks these; briefs built in code may not have been through it."""
    ids = [a.id for a in brief.actors]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate actor ids")
    known = set(ids)
    for position in brief.positions:
        if position.actor not in known:
            raise ValueError(f"position by unknown actor {position.actor!r}")
    question_ids = [q.id for q in brief.open_questions if q.id]
    if len(set(question_ids)) != len(question_ids):
        raise ValueError("duplicate question ids")


_WORD = re.compile(r"\w+")
_TERM = re.compile(r'"([^"]*)"|(\S+)')


def fts_query(text: str, *, prefix: bool = True) -> str | None:
    """Plain user text as a safe FTS5 query, or None when it has nothing to search for.

    Every word becomes a quoted phrase, so FTS syntax in the input (``AND``, ``-``,
    ``*``, ``NEAR``, stray quotes, ``U.S.``) is searched for as text and can never be
    a syntax error. ``"two words"`` stays a phrase. A last word still being typed (no
    space after it) also matches as a prefix, when it has three or more characters.
    """
    phrases: list[str] = []
    last_open = False
    for match in _TERM.finditer(text):
        quoted, bare = match.groups()
        words = _WORD.findall(quoted if quoted is not None else bare)
        last_open = False
        if words:
            phrases.append(f'"{" ".join(words)}"')
            last_open = quoted is None and match.end() == len(text) and len(words[-1]) >= 3
    if not phrases:
        return None
    return " ".join(phrases) + ("*" if prefix and last_open else "")


# -- rows of one brief ----------------------------------------------------------------

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class PreparedBrief:
    """One brief turned into table rows, ready to write.

    Built by :func:`prepare_brief` anywhere — in particular in the sync's worker
    processes, since tuples of text pickle an order of magnitude faster than pydantic
    models unpickle. Only the row id and import time are added when it is written.
    """

    id: str
    updated: dt.datetime | None
    origin: str | None
    brief: Row  # id, title, date, updated, format, bottom_line, tags_text, source, summary,
    # document, extra (origin, imported_at and the FTS rowid are added when written)
    actors: tuple[Row, ...]
    brief_actors: tuple[Row, ...]
    positions: tuple[Row, ...]
    questions: tuple[Row, ...]
    timeline: tuple[Row, ...]
    sources: tuple[Row, ...]
    tags: tuple[Row, ...]
    fts: Row  # briefs_fts row without its rowid


def prepare_brief(brief: Brief, origin: str | None = None) -> PreparedBrief:
    """The rows of one brief. Hot path of every import, so kept lean on purpose: enum
    members are ``str`` and bind as their value; JSON arrays of text are built directly.

    Raises ``ValueError`` for a brief whose actor references do not resolve (the loader
    refuses those; a brief built in code may not have been through it).
    """
    _check_references(brief)
    bid = brief.id
    date = brief.date.isoformat()
    tags = list(dict.fromkeys(brief.tags))
    positions = brief.positions
    questions = brief.open_questions
    actors = []
    brief_actors = []
    for i, actor in enumerate(brief.actors):
        aliases = _json(actor.aliases) if actor.aliases else "[]"
        actors.append((actor.id, actor.name, actor.kind, aliases, bid, date))
        brief_actors.append(
            (
                bid,
                actor.id,
                i,
                date,
                brief.title,
                actor.name,
                actor.kind,
                actor.role,
                actor.affiliation,
                aliases,
            )
        )
    return PreparedBrief(
        id=bid,
        updated=brief.updated,
        origin=origin,
        brief=(
            bid,
            brief.title,
            date,
            _iso(brief.updated),
            brief.format,
            brief.bottom_line,
            " ".join(tags),
            _json_sources(brief),
            brief.summary,
            _document(brief),
            _extra_yaml(brief),
        ),
        actors=tuple(actors),
        brief_actors=tuple(brief_actors),
        positions=tuple(
            (
                bid,
                i,
                p.actor,
                date,
                brief.title,
                p.topic,
                p.position,
                p.stance,
                p.quote,
                p.attribution,
                p.date.isoformat() if p.date else None,
            )
            for i, p in enumerate(positions)
        ),
        questions=tuple(
            (
                bid,
                i,
                q.id or f"{bid}#{i + 1}",
                q.id is not None,
                date,
                q.question,
                q.status,
                q.likelihood,
                q.confidence,
                q.context,
                q.resolution,
                _json(q.actors) if q.actors else "[]",
            )
            for i, q in enumerate(questions)
        ),
        timeline=tuple(
            (bid, i, e.date, e.event, _json(e.actors) if e.actors else "[]")
            for i, e in enumerate(brief.timeline)
        ),
        sources=tuple(
            (
                bid,
                i,
                s.title,
                s.publisher,
                s.url,
                _json(s.authors) if s.authors else "[]",
                s.published.isoformat() if s.published else None,
            )
            for i, s in enumerate(brief.source)
        ),
        tags=tuple((bid, tag, date) for tag in tags),
        fts=(
            brief.title,
            brief.summary,
            "\n".join([f"{p.topic}. {p.position}" for p in positions]),
            "\n".join([p.quote for p in positions if p.quote]),
            "\n".join(
                [
                    " ".join([x for x in (q.question, q.context, q.resolution) if x])
                    for q in questions
                ]
            ),
        ),
    )


def prepare_briefs(items: Iterable[tuple[Brief, str | None]]) -> list[PreparedBrief]:
    """Many at once, without pausing for garbage collection (see :func:`_gc_paused`)."""
    with _gc_paused():
        return [prepare_brief(brief, origin) for brief, origin in items]


_json_str = json.encoder.encode_basestring  # type: ignore[attr-defined]


def _json(items: Iterable[str]) -> str:
    """A JSON array of strings; what ``json.dumps`` gives, without its per-call setup."""
    return "[" + ", ".join(map(_json_str, items)) + "]"


_YamlDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _extra_yaml(brief: Brief) -> str | None:
    """The brief's unknown top-level fields as safe YAML (exact: dates stay dates), or
    None. The JSON document holds them too, as JSON can (for Datasette)."""
    extra = brief.model_extra
    if not extra:
        return None
    return yaml.dump(extra, Dumper=_YamlDumper, allow_unicode=True, sort_keys=False)


def _document(brief: Brief) -> str:
    """The brief as JSON. Unknown fields may hold any safe YAML value (dates, bytes,
    non-text keys) that JSON cannot: then the loader's JSON-able form is used, and the
    exact values live in the ``extra`` column."""
    if not brief.model_extra:
        return brief.model_dump_json(exclude_defaults=True)
    from briefing.loader import brief_to_data

    return json.dumps(brief_to_data(brief), ensure_ascii=False, separators=(",", ":"))


def _with_extra(brief: Brief, extra: str | None) -> Brief:
    if not extra:
        return brief
    return brief.model_copy(update=yaml.load(extra, Loader=_YamlLoader))


def _json_sources(brief: Brief) -> str:
    if not brief.source:
        return "[]"
    return "[" + ", ".join(s.model_dump_json(exclude_defaults=True) for s in brief.source) + "]"


_INSERTS = {
    "briefs": "INSERT INTO briefs (id, title, date, updated, format, bottom_line, tags_text,"
    " origin, imported_at, search_rowid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "documents": "INSERT INTO brief_documents (brief_id, source, summary, document, extra)"
    " VALUES (?, ?, ?, ?, ?)",
    # Counted incrementally; name and kind are those of the latest brief (by date, then
    # id) that names the actor; aliases are gathered from every brief.
    "actors": """
        INSERT INTO actors (id, name, kind, aliases, brief_count, named_in, named_date)
        VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)
        ON CONFLICT (id) DO UPDATE SET
            brief_count = brief_count + 1,
            name = iif((?6, ?5) >= (named_date, named_in), ?2, name),
            kind = iif((?6, ?5) >= (named_date, named_in), ?3, kind),
            aliases = iif(?4 = '[]', aliases, (
                SELECT json_group_array(value) FROM (
                    SELECT value FROM json_each(actors.aliases)
                    UNION SELECT value FROM json_each(?4)
                )
            )),
            named_in = iif((?6, ?5) >= (named_date, named_in), ?5, named_in),
            named_date = iif((?6, ?5) >= (named_date, named_in), ?6, named_date)
    """,
    "brief_actors": "INSERT INTO brief_actors (brief_id, actor_id, ordinal, brief_date,"
    " brief_title, name, kind, role, affiliation, aliases)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "positions": "INSERT INTO positions (brief_id, ordinal, actor_id, brief_date, brief_title,"
    " topic, position, stance, quote, attribution, date)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "questions": "INSERT INTO open_questions (brief_id, ordinal, question_id, has_own_id,"
    " brief_date, question, status, likelihood, confidence, context, resolution, actors)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "timeline": "INSERT INTO timeline_events (brief_id, ordinal, date, event, actors)"
    " VALUES (?, ?, ?, ?, ?)",
    "sources": "INSERT INTO sources (brief_id, ordinal, title, publisher, url, authors,"
    " published) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "tags": "INSERT INTO brief_tags (brief_id, tag, brief_date) VALUES (?, ?, ?)",
    "fts": "INSERT INTO briefs_fts (rowid, title, summary, positions, quotes, questions)"
    " VALUES (?, ?, ?, ?, ?, ?)",
}

_BRIEF_ROW_COLUMNS = "b.id, b.title, b.date, b.tags_text, r.brief_id IS NOT NULL, b.bottom_line"


def _aliases(text: str) -> tuple[str, ...]:
    """Stored aliases in one canonical order (case-insensitive, case variants once): the
    same whichever order the briefs naming the actor were imported in."""
    out: dict[str, str] = {}
    for alias in sorted(json.loads(text), key=lambda a: (a.casefold(), a)):
        out.setdefault(alias.casefold(), alias)
    return tuple(out.values())


def _brief_row(row: Sequence[Any]) -> BriefRow:
    return BriefRow(
        id=row[0],
        title=row[1],
        date=row[2],
        tags=tuple(row[3].split()),
        read=bool(row[4]),
        bottom_line=row[5],
    )


_QUESTION_COLUMNS = (
    "q.question_id, q.brief_id, b.title, q.brief_date, q.question, q.status, q.likelihood,"
    " q.confidence, q.context, q.resolution, q.actors, q.has_own_id"
)


def _question_row(row: Sequence[Any], statements: int = 1) -> QuestionRow:
    return QuestionRow(
        question_id=row[0],
        brief_id=row[1],
        brief_title=row[2],
        brief_date=row[3],
        question=row[4],
        status=row[5],
        likelihood=row[6],
        confidence=row[7],
        context=row[8],
        resolution=row[9],
        actors=tuple(json.loads(row[10])),
        statements=statements,
        has_own_id=bool(row[11]),
    )


# -- the store ------------------------------------------------------------------------


class Store:
    """One SQLite library. Open with ``Store(path)``; use as a context manager.

    Opening creates the file (and its folder) if needed and migrates an older schema.
    Every failure — unwritable path, not a database, a newer schema, a lock held too
    long — is a :class:`StoreError` naming the file.
    """

    def __init__(self, path: Path | str) -> None:
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        memory = str(path) == ":memory:"
        self.path = Path(path)
        if not memory:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"{self.path}: cannot create the library's folder: {exc.strerror or exc}"
                ) from None
            if self.path.is_dir():
                raise StoreError(f"{self.path}: is a folder, not a library file")
        try:
            conn = sqlite3.connect(
                ":memory:" if memory else str(self.path),
                isolation_level=None,
                check_same_thread=False,
                timeout=BUSY_TIMEOUT_S,
            )
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the library: {exc}") from None
        try:
            self._configure(conn, memory)
            self._migrate(conn)
        except StoreError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"{self.path}: {_explain(exc)}") from None
        self._conn = conn
        # Imported here: sync's worker processes import this module for prepare_brief()
        # and should not pay for sqlite-utils.
        import sqlite_utils

        #: sqlite-utils view of the same connection, for ad-hoc inspection (and Datasette
        #: style introspection); briefing's own queries are the methods below.
        self.db = sqlite_utils.Database(conn, execute_plugins=False, recursive_triggers=False)

    def _configure(self, conn: sqlite3.Connection, memory: bool) -> None:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
        # The first statement that reads the file: a corrupt file fails here.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if not memory:
            _check_whole(self.path, conn)
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{self.path}: cannot switch the library to WAL mode ({mode})")
            conn.execute("PRAGMA synchronous = NORMAL")

    def _schema_version(self, conn: sqlite3.Connection) -> int:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" not in tables:
            if tables:
                raise StoreError(
                    f"{self.path}: an SQLite database, but not a briefing library "
                    "(it has no 'meta' table); choose another --db"
                )
            return 0
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        try:
            return int(row[0]) if row else 0
        except ValueError:
            raise StoreError(f"{self.path}: unreadable schema version {row[0]!r}") from None

    def _migrate(self, conn: sqlite3.Connection) -> None:
        target = len(MIGRATIONS)
        version = self._schema_version(conn)
        if version > target:
            raise StoreError(
                f"{self.path}: this library has schema version {version}, newer than this "
                f"briefing understands ({target}); upgrade briefing to open it"
            )
        if version == target:
            return
        # Tables are rebuilt by copy, drop and rename: with foreign keys on, dropping
        # the old briefs table would cascade into every child table. Checked at the end.
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read under the write lock: another process may have migrated meanwhile.
            version = self._schema_version(conn)
            for step in range(version, target):
                MIGRATIONS[step](conn)
                conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                    (str(step + 1),),
                )
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(
                    f"{self.path}: migrating the library broke {len(broken)} references;"
                    " nothing was changed"
                )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.execute("PRAGMA foreign_keys = ON")

    @property
    def schema_version(self) -> int:
        with self._lock:
            return self._schema_version(self._c)

    @property
    def _c(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self.path}: the library is closed")
        return self._conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the write lock at once (no upgrade deadlocks)."""
        conn = self._c
        if conn.in_transaction:
            conn.execute("SAVEPOINT nested_write")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK TO nested_write")
                conn.execute("RELEASE nested_write")
                raise
            conn.execute("RELEASE nested_write")
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # COMMIT itself may fail (disk full) and leave it open
                conn.execute("ROLLBACK")
            raise

    # -- writing -------------------------------------------------------------------

    def import_brief(self, brief: Brief, *, origin: str | None = None) -> ImportOutcome:
        return self.import_briefs([(brief, origin)])[0]

    def import_briefs(self, items: Iterable[tuple[Brief, str | None]]) -> list[ImportOutcome]:
        """Many briefs, each atomic; batched into few transactions for speed.

        A brief whose references do not resolve is not stored (it is named in the
        :class:`ImportFailed` raised at the end); the others are.
        """
        prepared: list[PreparedBrief] = []
        broken: dict[str, str] = {}
        with _gc_paused():
            for brief, origin in items:
                try:
                    prepared.append(prepare_brief(brief, origin))
                except ValueError as exc:
                    broken[brief.id] = str(exc)
        if not broken:
            return self.import_prepared(prepared)
        try:
            outcomes = self.import_prepared(prepared)
        except ImportFailed as exc:
            raise ImportFailed(exc.outcomes, {**exc.failures, **broken}, self.path) from None
        raise ImportFailed(outcomes, broken, self.path)

    @_api
    def import_prepared(
        self, items: Iterable[PreparedBrief], *, files: Iterable[FileStamp] = ()
    ) -> list[ImportOutcome]:
        """Write prepared briefs (see :func:`prepare_brief`), each atomic.

        A known id is replaced only by a later ``updated`` (then no row of the old
        version remains); otherwise it is skipped as ``unchanged``. Briefs are written
        ``CHUNK`` at a time in one transaction; should a chunk fail, it is retried brief
        by brief, each in its own savepoint, and :class:`ImportFailed` names the briefs
        that could not be stored once the others are committed.

        ``files`` (the stamps of the files these briefs came from) are remembered in
        the last chunk's transaction, so a stamp is never kept without its briefs; not
        at all if anything failed.
        """
        chunks = list(_batched(items, CHUNK)) or [[]]
        stamps = list(files)
        outcomes: list[ImportOutcome] = []
        for n, chunk in enumerate(chunks):
            last = n == len(chunks) - 1
            done, failures = self._import_chunk(chunk, stamps if last else [])
            outcomes.extend(done)
            if failures:
                raise ImportFailed(outcomes, failures, self.path)
        return outcomes

    def _import_chunk(
        self, chunk: list[PreparedBrief], stamps: list[FileStamp]
    ) -> tuple[list[ImportOutcome], dict[str, str]]:
        with self._write() as conn:
            outcomes, failures = self._write_chunk(conn, chunk)
            if stamps and not failures:
                self._remember(conn, stamps)
            return outcomes, failures

    def _write_chunk(
        self, conn: sqlite3.Connection, chunk: list[PreparedBrief]
    ) -> tuple[list[ImportOutcome], dict[str, str]]:
        ids = list({item.id for item in chunk})
        stored: dict[str, tuple[dt.datetime | None, int]] = {}
        for group in _batched(ids, 500):
            marks = ",".join("?" * len(group))
            for bid, updated, rowid in conn.execute(
                f"SELECT id, updated, search_rowid FROM briefs WHERE id IN ({marks})", group
            ):
                stored[bid] = (_parse_dt(updated), rowid)
        # Decide every outcome first, in order, as if the briefs came one by one;
        # only each id's final winner is written.
        current = {bid: version for bid, (version, _) in stored.items()}
        outcomes: list[ImportOutcome] = []
        winners: dict[str, PreparedBrief] = {}
        for item in chunk:
            if item.id not in current:
                outcome = Outcome.new
            elif _later(item.updated, current[item.id]):
                outcome = Outcome.updated
            else:
                outcomes.append(ImportOutcome(item.id, Outcome.unchanged, item.origin))
                continue
            current[item.id] = item.updated
            winners[item.id] = item
            outcomes.append(ImportOutcome(item.id, outcome, item.origin))
        if not winners:
            return outcomes, {}
        allocator = _RowidAllocator(conn)
        rowids = {bid: allocator.next(item.brief[2]) for bid, item in winners.items()}
        conn.execute("SAVEPOINT chunk")
        try:
            self._replace(conn, list(winners.values()), stored, rowids)
        except Exception as exc:
            if _environmental(conn, exc):
                raise
            conn.execute("ROLLBACK TO chunk")
            conn.execute("RELEASE chunk")
        else:
            conn.execute("RELEASE chunk")
            return outcomes, {}
        # Something in the chunk failed: store brief by brief, each all or nothing.
        failures: dict[str, str] = {}
        for bid, item in winners.items():
            conn.execute("SAVEPOINT one_brief")
            try:
                self._replace(conn, [item], stored, rowids)
            except Exception as exc:
                if _environmental(conn, exc):
                    raise
                conn.execute("ROLLBACK TO one_brief")
                failures[bid] = str(exc) or type(exc).__name__
            conn.execute("RELEASE one_brief")
        return [o for o in outcomes if o.brief_id not in failures], failures

    def _replace(
        self,
        conn: sqlite3.Connection,
        items: list[PreparedBrief],
        stored: dict[str, tuple[dt.datetime | None, int]],
        rowids: dict[str, int],
    ) -> None:
        """Delete the stored versions of ``items`` (if any), then insert ``items``."""
        old_ids = [(item.id,) for item in items if item.id in stored]
        touched: dict[str, str] = {}  # actor id -> its aliases in the old version
        if old_ids:
            for (bid,) in old_ids:
                touched.update(
                    conn.execute(
                        "SELECT actor_id, aliases FROM brief_actors WHERE brief_id = ?", (bid,)
                    ).fetchall()
                )
            conn.executemany(
                "UPDATE actors SET brief_count = brief_count - 1"
                " WHERE id IN (SELECT actor_id FROM brief_actors WHERE brief_id = ?)",
                old_ids,
            )
            conn.executemany(
                "DELETE FROM briefs_fts WHERE rowid = ?", [(stored[b][1],) for (b,) in old_ids]
            )
            # ON DELETE CASCADE removes every child row of the old version.
            conn.executemany("DELETE FROM briefs WHERE id = ?", old_ids)
        now = _now()
        conn.executemany(
            _INSERTS["briefs"],
            [(*item.brief[:7], item.origin, now, rowids[item.id]) for item in items],
        )
        conn.executemany(_INSERTS["documents"], [(item.id, *item.brief[7:]) for item in items])
        conn.executemany(_INSERTS["actors"], [r for item in items for r in item.actors])
        for key in ("brief_actors", "positions", "questions", "timeline", "sources", "tags"):
            conn.executemany(_INSERTS[key], [r for item in items for r in getattr(item, key)])
        conn.executemany(_INSERTS["fts"], [(rowids[item.id], *item.fts) for item in items])
        if touched:
            # Aliases are recounted only where the old version had some the new one lacks.
            kept = {(a[0], a[3]) for item in items for a in item.actors}
            stale = {a for a, al in touched.items() if al != "[]" and (a, al) not in kept}
            self._refresh_actors(conn, touched, stale)

    def _refresh_actors(
        self, conn: sqlite3.Connection, actor_ids: Iterable[str], stale_aliases: set[str]
    ) -> None:
        """Recompute actors an old brief version named: drop them if no brief names them
        any more, else take name and kind from the latest brief that does; gather the
        aliases again for ``stale_aliases`` (a scan of all the actor's briefs)."""
        params = [(a,) for a in actor_ids]
        conn.executemany("DELETE FROM actors WHERE id = ? AND brief_count <= 0", params)
        conn.executemany(
            """
            UPDATE actors SET (name, kind, named_in, named_date) = (
                SELECT name, kind, brief_id, brief_date FROM brief_actors
                WHERE actor_id = actors.id ORDER BY brief_date DESC, brief_id DESC LIMIT 1
            ) WHERE id = ?
            """,
            params,
        )
        conn.executemany(
            """
            UPDATE actors SET aliases = (
                SELECT json_group_array(value) FROM (
                    SELECT DISTINCT j.value FROM brief_actors AS ba, json_each(ba.aliases) AS j
                    WHERE ba.actor_id = actors.id
                )
            ) WHERE id = ?
            """,
            [(a,) for a in stale_aliases],
        )

    @_api
    def set_read(self, brief_id: str, read: bool = True) -> None:
        with self._write() as conn:
            if read:
                conn.execute(
                    "INSERT OR IGNORE INTO read_state (brief_id, read_at) VALUES (?, ?)",
                    (brief_id, _now()),
                )
            else:
                conn.execute("DELETE FROM read_state WHERE brief_id = ?", (brief_id,))

    @_api
    def toggle_read(self, brief_id: str) -> bool:
        """Flip the read mark; returns the new state."""
        with self._write() as conn:
            if conn.execute("DELETE FROM read_state WHERE brief_id = ?", (brief_id,)).rowcount:
                return False
            conn.execute(
                "INSERT INTO read_state (brief_id, read_at) VALUES (?, ?)", (brief_id, _now())
            )
            return True

    # -- file sync bookkeeping -----------------------------------------------------

    @_api
    def file_stamps(self) -> dict[str, FileStamp]:
        return {
            path: FileStamp(path, size, mtime_ns, tuple(json.loads(ids)))
            for path, size, mtime_ns, ids in self._c.execute(
                "SELECT path, size, mtime_ns, brief_ids FROM files"
            )
        }

    @_api
    def remember_files(self, stamps: Iterable[FileStamp]) -> None:
        stamps = list(stamps)
        if stamps:
            with self._write() as conn:
                self._remember(conn, stamps)

    @staticmethod
    def _remember(conn: sqlite3.Connection, stamps: list[FileStamp]) -> None:
        conn.executemany(
            "INSERT OR REPLACE INTO files (path, size, mtime_ns, brief_ids) VALUES (?, ?, ?, ?)",
            [(s.path, s.size, s.mtime_ns, _json(s.brief_ids)) for s in stamps],
        )

    @_api
    def forget_files(self, paths: Iterable[str]) -> None:
        """Drop stamps, so the next sync reads those files again."""
        rows = [(p,) for p in paths]
        if rows:
            with self._write() as conn:
                conn.executemany("DELETE FROM files WHERE path = ?", rows)

    # -- reading -------------------------------------------------------------------

    @staticmethod
    def _list_source(tag: str | None, actor: str | None) -> tuple[str, list[Any]]:
        """``(sql, params)`` selecting ``id, date`` of the listed briefs, in list order,
        each straight from a covering index."""
        if tag is not None and actor is not None:
            return (
                "SELECT t.brief_id AS id, t.brief_date AS date FROM brief_tags t"
                " JOIN brief_actors a ON a.brief_id = t.brief_id AND a.actor_id = ?"
                " WHERE t.tag = ?",
                [actor, tag],
            )
        if tag is not None:
            return (
                "SELECT brief_id AS id, brief_date AS date FROM brief_tags WHERE tag = ?",
                [tag],
            )
        if actor is not None:
            return (
                "SELECT brief_id AS id, brief_date AS date FROM brief_actors WHERE actor_id = ?",
                [actor],
            )
        return "SELECT id, date FROM briefs", []

    @_api
    def count_briefs(self, *, tag: str | None = None, actor: str | None = None) -> int:
        sql, params = self._list_source(tag, actor)
        return self._c.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]

    @_api
    def list_briefs(
        self,
        *,
        offset: int = 0,
        limit: int | None = 100,
        tag: str | None = None,
        actor: str | None = None,
    ) -> list[BriefRow]:
        """Newest first (date desc, then id); ``limit=None`` for all.

        The page's ids come from a covering index (no table rows read for the skipped
        ones), then only the page's rows are fetched: offset 99,000 costs an index walk.
        """
        sql, params = self._list_source(tag, actor)
        rows = self._c.execute(
            f"""
            SELECT {_BRIEF_ROW_COLUMNS}
            FROM (SELECT id, date FROM ({sql}) ORDER BY date DESC, id LIMIT ? OFFSET ?) AS page
            JOIN briefs b ON b.id = page.id
            LEFT JOIN read_state r ON r.brief_id = b.id
            ORDER BY b.date DESC, b.id
            """,
            [*params, -1 if limit is None else limit, max(offset, 0)],
        )
        return [_brief_row(row) for row in rows]

    @_api
    def brief_index(
        self, brief_id: str, *, tag: str | None = None, actor: str | None = None
    ) -> int | None:
        """Position of a brief in ``list_briefs`` order (to jump to it)."""
        sql, params = self._list_source(tag, actor)
        row = self._c.execute(
            f"SELECT date FROM ({sql}) WHERE id = ?", [*params, brief_id]
        ).fetchone()
        if row is None:
            return None
        date = row[0]
        before = self._c.execute(
            f"SELECT (SELECT count(*) FROM ({sql}) WHERE date > ?)"
            f" + (SELECT count(*) FROM ({sql}) WHERE date = ? AND id < ?)",
            [*params, date, *params, date, brief_id],
        ).fetchone()[0]
        return int(before)

    @_api
    def change_token(self) -> tuple[int, int]:
        """Changes whenever the library changes, by this store or any other process.

        For polling (the reader checks it every second or so): compare with the last
        token; costs one ``PRAGMA data_version``, no table is read.
        """
        conn = self._c
        return conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes

    @_api
    def get_brief(self, brief_id: str) -> Brief | None:
        row = self._c.execute(
            "SELECT document, extra FROM brief_documents WHERE brief_id = ?", (brief_id,)
        ).fetchone()
        return _with_extra(Brief.model_validate_json(row[0]), row[1]) if row else None

    @_api
    def has_brief(self, brief_id: str) -> bool:
        return (
            self._c.execute("SELECT 1 FROM briefs WHERE id = ?", (brief_id,)).fetchone() is not None
        )

    @_api
    def brief_origin(self, brief_id: str) -> str | None:
        """Where the stored version came from (a file path or URL), if known."""
        row = self._c.execute("SELECT origin FROM briefs WHERE id = ?", (brief_id,)).fetchone()
        return row[0] if row else None

    def iter_briefs(self) -> Iterator[Brief]:
        """Every brief, in list order, fetched a page at a time (no long-held cursor)."""
        for group in _batched(self._brief_ids(), 200):
            for document, extra in self._documents(group):
                yield _with_extra(Brief.model_validate_json(document), extra)

    @_api
    def _brief_ids(self) -> list[str]:
        return [r[0] for r in self._c.execute("SELECT id FROM briefs ORDER BY date DESC, id")]

    @_api
    def _documents(self, ids: list[str]) -> list[tuple[str, str | None]]:
        """(document, extra) of the ``ids`` that still exist, in that order."""
        marks = ",".join("?" * len(ids))
        docs = {
            bid: (document, extra)
            for bid, document, extra in self._c.execute(
                "SELECT brief_id, document, extra FROM brief_documents"
                f" WHERE brief_id IN ({marks})",
                ids,
            )
        }
        return [docs[i] for i in ids if i in docs]

    @_api
    def is_read(self, brief_id: str) -> bool:
        sql = "SELECT 1 FROM read_state WHERE brief_id = ?"
        return self._c.execute(sql, (brief_id,)).fetchone() is not None

    @_api
    def tags(self) -> list[tuple[str, int]]:
        """Every tag with its number of briefs, most used first."""
        return [
            (tag, n)
            for tag, n in self._c.execute(
                "SELECT tag, count(*) AS n FROM brief_tags GROUP BY tag ORDER BY n DESC, tag"
            )
        ]

    @_api
    def actors(self) -> list[ActorSummary]:
        """Every actor, those in most briefs first."""
        return [
            ActorSummary(*row)
            for row in self._c.execute(
                "SELECT id, name, kind, brief_count FROM actors ORDER BY brief_count DESC, name, id"
            )
        ]

    @_api
    def actor(self, actor_id: str) -> ActorDetail | None:
        """The actor as the latest brief names it; aliases gathered from every brief;
        roles oldest first (briefs of one day newest id first)."""
        conn = self._c
        row = conn.execute(
            "SELECT id, name, kind, aliases, brief_count FROM actors WHERE id = ?", (actor_id,)
        ).fetchone()
        if row is None:
            return None
        aliases = _aliases(row[3])
        # In the table's own order (newest first), then reversed: no sort.
        roles = [
            ActorRole(*r)
            for r in conn.execute(
                "SELECT brief_id, brief_date, role, affiliation, brief_title FROM brief_actors"
                " WHERE actor_id = ? ORDER BY brief_date DESC, brief_id",
                (actor_id,),
            )
        ]
        roles.reverse()
        positions = conn.execute(
            "SELECT count(*) FROM positions WHERE actor_id = ?", (actor_id,)
        ).fetchone()[0]
        return ActorDetail(
            id=row[0],
            name=row[1],
            kind=row[2],
            aliases=aliases,
            roles=tuple(roles),
            brief_count=row[4],
            position_count=positions,
        )

    def actor_briefs(self, actor_id: str) -> list[BriefRow]:
        """The briefs naming the actor, newest first."""
        return self.list_briefs(actor=actor_id, limit=None)

    @_api
    def actor_positions(
        self, actor_id: str, *, offset: int = 0, limit: int | None = None
    ) -> list[PositionRow]:
        """The actor's positions across briefs, oldest brief first, in brief order.

        One range of the positions table (clustered by actor, in this order): no join.
        """
        conn = self._c
        name = conn.execute("SELECT name FROM actors WHERE id = ?", (actor_id,)).fetchone()
        if name is None:
            return []
        rows = conn.execute(
            """
            SELECT brief_id, brief_title, brief_date, actor_id, ?, topic, position, stance,
                   quote, attribution, date
            FROM positions WHERE actor_id = ?
            ORDER BY brief_date, brief_id, ordinal
            LIMIT ? OFFSET ?
            """,
            (name[0], actor_id, -1 if limit is None else limit, max(offset, 0)),
        )
        return [PositionRow(*row) for row in rows]

    @_api
    def question_history(self, question_id: str) -> list[QuestionRow]:
        """Every brief's statement of the question, oldest first."""
        rows = self._c.execute(
            f"""
            SELECT {_QUESTION_COLUMNS} FROM open_questions q JOIN briefs b ON b.id = q.brief_id
            WHERE q.question_id = ? ORDER BY q.brief_date, q.brief_id, q.ordinal
            """,
            (question_id,),
        ).fetchall()
        return [_question_row(row, len(rows)) for row in rows]

    @_api
    def questions(self, *, status: str | None = None) -> list[QuestionRow]:
        """Each question id once, as its latest brief states it (newest first).

        ``status`` filters on that latest statement, so a question resolved later is
        no longer "open". ``statements`` says how many briefs state it.
        """
        where = "WHERE q.status = ?" if status is not None else ""
        # One pass over the (question_id, brief_date, brief_id) index finds each id's
        # latest statement (dates are ISO, 10 characters), then one seek per question.
        rows = self._c.execute(
            f"""
            WITH latest AS (
                SELECT question_id, max(brief_date || ' ' || brief_id) AS k, count(*) AS n
                FROM open_questions GROUP BY question_id
            )
            SELECT {_QUESTION_COLUMNS}, latest.n
            FROM latest
            JOIN open_questions q ON q.question_id = latest.question_id
                 AND q.brief_date = substr(latest.k, 1, 10) AND q.brief_id = substr(latest.k, 12)
            JOIN briefs b ON b.id = q.brief_id
            {where}
            ORDER BY q.brief_date DESC, q.brief_id, q.ordinal
            """,
            [status] if status is not None else [],
        )
        return [_question_row(row[:12], row[12]) for row in rows]

    @_api
    def find_briefs(self, query: str, *, limit: int = 20) -> list[BriefRow]:
        """Briefs whose title matches ``query`` (words, last one as a prefix), best first.

        For pickers and "go to brief": uses the FTS title column, so it stays fast on
        any library size.
        """
        match = fts_query(query)
        if match is None or limit <= 0:
            return []
        rows = self._c.execute(
            f"""
            SELECT {_BRIEF_ROW_COLUMNS}
            FROM (SELECT rowid, rank FROM briefs_fts WHERE briefs_fts MATCH ?
                  ORDER BY rank LIMIT ?) AS hit
            JOIN briefs b ON b.search_rowid = hit.rowid
            LEFT JOIN read_state r ON r.brief_id = b.id
            ORDER BY hit.rank, b.date DESC, b.id
            """,
            (f"title : ({match})", limit),
        )
        return [_brief_row(row) for row in rows]

    @_api
    def find_actors(self, query: str, *, limit: int = 20) -> list[ActorSummary]:
        """Actors whose id, name or an alias contains ``query`` (case-insensitive for
        ASCII), those in most briefs first. ``aliases`` is filled in."""
        needle = " ".join(query.split())
        if not needle or limit <= 0:
            return []
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", needle) + "%"
        rows = self._c.execute(
            """
            SELECT id, name, kind, brief_count, aliases FROM actors
            WHERE name LIKE ?1 ESCAPE '\\' OR id LIKE ?1 ESCAPE '\\'
               OR aliases LIKE ?1 ESCAPE '\\'
            ORDER BY brief_count DESC, name, id
            LIMIT ?2
            """,
            (pattern, limit),
        )
        return [
            ActorSummary(a_id, name, kind, count, _aliases(aliases))
            for a_id, name, kind, count, aliases in rows
        ]

    @_api
    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Full-text search over titles, summaries, positions, quotes and questions.

        ``query`` is plain user text (see :func:`fts_query`); briefs come best first
        (bm25, title matches weighted up), one hit per brief with the snippet of the
        place that matched best.

        Two bounds keep it fast on any library: ranking considers the ``SEARCH_WINDOW``
        most recent matching briefs (FTS rowids are in date order, so that is a rowid
        range), since scoring every brief that mentions a common word costs ~100 ms
        per 100k; and the last word is matched as a prefix only when it matches
        nothing as typed (prefix terms make snippets very slow).
        """
        exact = fts_query(query, prefix=False)
        if exact is None or limit <= 0:
            return []
        conn = self._c
        match = exact
        loose = fts_query(query)
        if loose != exact:
            probe = "SELECT 1 FROM briefs_fts WHERE briefs_fts MATCH ? LIMIT 1"
            if conn.execute(probe, (exact,)).fetchone() is None:
                match = loose  # a word still being typed
        edge = conn.execute(
            "SELECT rowid FROM briefs_fts WHERE briefs_fts MATCH ?"
            " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (match, SEARCH_WINDOW - 1),
        ).fetchone()
        ranked = conn.execute(
            f"SELECT rowid FROM briefs_fts WHERE briefs_fts MATCH ? AND rowid >= ?"
            f" ORDER BY {_BM25}, rowid DESC LIMIT ?",
            (match, edge[0] if edge else 0, limit),
        ).fetchall()
        if not ranked:
            return []
        order = [r[0] for r in ranked]
        found = self._snippets(conn, match, order)
        hits = []
        for rowid in order:
            if rowid not in found:
                continue
            bid, title, date, *texts = found[rowid]
            counts = [(t or "").count(SNIPPET_START) for t in texts]
            best = max(_WHERE_PREFERENCE, key=lambda i: counts[i])
            hits.append(SearchHit(bid, title, date, texts[best] or title, _FTS_WHERE[best]))
        return hits

    @staticmethod
    def _snippets(
        conn: sqlite3.Connection, match: str, rowids: list[int]
    ) -> dict[int, tuple[Any, ...]]:
        """``rowid -> (id, title, date, *snippets)`` for the ranked hits.

        ``snippet()`` on the library's own index seeks each hit in the whole doclist of
        every query term: milliseconds a hit for a word in half the library, whatever
        the limit. So the hits' texts are copied into a scratch FTS table (same
        tokenizer) holding only them, and the snippets come from there: the same text
        highlighted the same way, at a cost that does not grow with the library.
        """
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_hits USING fts5 ("
            f" title, summary, positions, quotes, questions, tokenize = {_TOKENIZE})"
        )
        marks = ",".join("?" * len(rowids))
        conn.execute("DELETE FROM temp.search_hits")
        conn.execute(
            "INSERT INTO temp.search_hits (rowid, title, summary, positions, quotes, questions)"
            " SELECT rowid, title, summary, positions, quotes, questions FROM briefs_fts"
            f" WHERE rowid IN ({marks})",
            rowids,
        )
        snippets = ", ".join(
            f"snippet(search_hits, {i}, ?, ?, '…', 24)" for i in range(len(_FTS_WHERE))
        )
        markers = [SNIPPET_START, SNIPPET_END] * len(_FTS_WHERE)
        texts = {
            row[0]: row[1:]
            for row in conn.execute(
                f"SELECT rowid, {snippets} FROM temp.search_hits WHERE search_hits MATCH ?",
                [*markers, match],
            )
        }
        conn.execute("DELETE FROM temp.search_hits")
        return {
            rowid: (bid, title, date, *texts[rowid])
            for rowid, bid, title, date in conn.execute(
                f"SELECT search_rowid, id, title, date FROM briefs WHERE search_rowid IN ({marks})",
                rowids,
            )
            if rowid in texts
        }

    # -- feeds ---------------------------------------------------------------------

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

    # -- integrity -----------------------------------------------------------------

    @_api
    def table_checksums(self) -> dict[str, str]:
        """sha256 of every table's rows in a stable order (FTS included, via its table).

        Two equal results mean equal library contents, whatever pages SQLite touched.
        """
        conn = self._c
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name NOT LIKE 'briefs_fts_%' ORDER BY name"
            )
        ]
        sums = {}
        for name in names:
            quoted = '"' + name.replace('"', '""') + '"'
            if name == "briefs_fts":
                sql = f"SELECT rowid, * FROM {quoted} ORDER BY rowid"
            else:
                width = len(conn.execute(f"SELECT * FROM {quoted} LIMIT 0").description)
                order = ", ".join(str(i) for i in range(1, width + 1))
                sql = f"SELECT * FROM {quoted} ORDER BY {order}"
            digest = hashlib.sha256()
            for row in conn.execute(sql):
                digest.update(repr(row).encode())
                digest.update(b"\n")
            sums[name] = digest.hexdigest()
        return sums

    @_api
    def stats(self) -> dict[str, int]:
        """Row counts of the main tables and the file size (for ``briefing`` diagnostics)."""
        conn = self._c
        counts = {
            name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for name in ("briefs", "actors", "positions", "open_questions", "brief_tags")
        }
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        counts["bytes"] = page_size * pages
        return counts
