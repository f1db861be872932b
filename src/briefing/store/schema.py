"""The library's schema and its migrations.

``MIGRATIONS[n]`` takes a library from version ``n`` to ``n + 1``; a new library runs
them all. Old steps keep their historical SQL literally: libraries in the wild are at
every version.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

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


def _migrate_to_4(conn: sqlite3.Connection) -> None:
    """Schema 4: superseded versions of a brief are kept (``briefing history`` / ``diff``);
    timeline events are indexed by date (``briefing timeline``)."""
    # No foreign key to briefs: replacing a brief deletes its row and inserts the new
    # one, which must not cascade into the versions it just kept. A rowid table (not
    # WITHOUT ROWID): each row carries a whole document.
    conn.execute(
        """
        CREATE TABLE brief_versions (
            brief_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            title TEXT NOT NULL,
            date TEXT NOT NULL,
            updated TEXT,
            origin TEXT,
            imported_at TEXT NOT NULL,
            superseded_at TEXT NOT NULL,
            document TEXT NOT NULL,
            extra TEXT,
            PRIMARY KEY (brief_id, version)
        )
        """
    )
    conn.execute(
        "CREATE INDEX timeline_events_by_date ON timeline_events (date, brief_id, ordinal)"
    )


_SCHEMA_LEAN = (
    # A rowid table again, its rowid the FTS rowid (date ordered), so briefs_fts can take
    # its text from here (external content, as sqlite-utils sets it up): Datasette's
    # ?_search= and `sqlite-utils search` find briefs, and the text is not kept twice.
    # The list's narrow columns first; the searched text after them.
    """
    CREATE TABLE briefs_lean (
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        date TEXT NOT NULL,
        updated TEXT,
        format TEXT NOT NULL,
        bottom_line TEXT NOT NULL,
        tags_text TEXT NOT NULL,
        origin TEXT,
        imported_at TEXT NOT NULL,
        search_rowid INTEGER PRIMARY KEY,
        summary TEXT NOT NULL,
        positions TEXT NOT NULL,
        quotes TEXT NOT NULL,
        questions TEXT NOT NULL
    )
    """,
    # The whole brief for get_brief(), zlib-compressed JSON (a third of the size); the
    # tables above and below hold every field readably.
    """
    CREATE TABLE brief_documents_lean (
        brief_id TEXT PRIMARY KEY REFERENCES briefs (id) ON DELETE CASCADE,
        document BLOB NOT NULL,
        extra TEXT
    )
    """,
)

#: briefs_fts as sqlite-utils' enable_fts() declares it: ``content=[briefs]`` written
#: exactly so (no spaces), as sqlite-utils and Datasette look for it.
FTS_EXTERNAL = f"""
    CREATE VIRTUAL TABLE briefs_fts USING fts5 (
        title, summary, positions, quotes, questions,
        tokenize = {_TOKENIZE},
        content=[briefs]
    )
"""


def _migrate_to_lean(conn: sqlite3.Connection) -> None:
    """The text stored once: briefs_fts reads its text from briefs (external content)
    instead of keeping a copy, documents are compressed, and brief_documents loses its
    copies of the summary and sources."""
    import zlib

    for statement in _SCHEMA_LEAN:
        conn.execute(statement)
    conn.execute(
        """
        INSERT INTO briefs_lean
        SELECT b.id, b.title, b.date, b.updated, b.format, b.bottom_line, b.tags_text,
               b.origin, b.imported_at, b.search_rowid, f.summary, f.positions, f.quotes,
               f.questions
        FROM briefs b JOIN briefs_fts f ON f.rowid = b.search_rowid
        ORDER BY b.search_rowid
        """
    )
    rows = conn.execute("SELECT brief_id, document, extra FROM brief_documents")
    while batch := rows.fetchmany(500):
        conn.executemany(
            "INSERT INTO brief_documents_lean (brief_id, document, extra) VALUES (?, ?, ?)",
            [
                # bytes: already compressed (a library made by a development build that
                # numbered this step differently): kept as it is.
                (bid, zlib.compress(doc.encode()) if isinstance(doc, str) else doc, extra)
                for bid, doc, extra in batch
            ],
        )
    for table in ("briefs_fts", "brief_documents", "briefs"):
        conn.execute(f"DROP TABLE {table}")
    for table in ("briefs", "brief_documents"):
        conn.execute(f"ALTER TABLE {table}_lean RENAME TO {table}")
    conn.execute("CREATE INDEX briefs_by_date ON briefs (date DESC, id)")
    conn.execute(FTS_EXTERNAL)
    conn.execute("INSERT INTO briefs_fts (briefs_fts) VALUES ('rebuild')")


def _migrate_to_subscriptions(conn: sqlite3.Connection) -> None:
    """Schema 6: feed subscriptions kept in the library (``briefing feeds add``), beside
    the ``feeds:`` of config.yaml; ``position`` keeps the order they were added in."""
    conn.execute(
        """
        CREATE TABLE subscriptions (
            url TEXT PRIMARY KEY,
            name TEXT,
            kind TEXT NOT NULL DEFAULT 'auto',
            enabled INTEGER NOT NULL DEFAULT 1,
            added_at TEXT NOT NULL,
            position INTEGER NOT NULL
        )
        """
    )


def _migrate_to_rebuilt_documents(conn: sqlite3.Connection) -> None:
    """Schema 7: a brief's document is stored only when its rows cannot rebuild it byte
    for byte (see store/documents.py); ``files`` is clustered by its key (WITHOUT ROWID:
    one b-tree instead of a table and its index).

    Each stored document is compared with what the rows rebuild and dropped only when
    equal, so nothing a brief said is lost. Uses the rebuild of this version's code: a
    later step that changes those tables must run after this one (as it will)."""
    from briefing.store.common import _batched
    from briefing.store.documents import rebuild_documents
    from briefing.store.prepare import unpack_document

    ids = [r[0] for r in conn.execute("SELECT brief_id FROM brief_documents WHERE extra IS NULL")]
    for group in _batched(ids, 500):
        rebuilt = rebuild_documents(conn, group, schema=7)
        marks = ",".join("?" * len(group))
        same = [
            (bid,)
            for bid, document in conn.execute(
                f"SELECT brief_id, document FROM brief_documents WHERE brief_id IN ({marks})",
                group,
            )
            if rebuilt.get(bid) == unpack_document(document)
        ]
        conn.executemany("DELETE FROM brief_documents WHERE brief_id = ?", same)
    conn.execute(
        """
        CREATE TABLE files_v7 (
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            brief_ids TEXT NOT NULL
        ) WITHOUT ROWID
        """
    )
    conn.execute("INSERT INTO files_v7 SELECT path, size, mtime_ns, brief_ids FROM files")
    conn.execute("DROP TABLE files")
    conn.execute("ALTER TABLE files_v7 RENAME TO files")


#: Schema 8's child tables: keyed by the brief's integer key (``briefs.search_rowid``,
#: its FTS rowid, in date order) and clustered by it, so a brief's rows are one range
#: of each table, appended where its key sorts, instead of ~95 pages all over tables
#: clustered by actor. ``brief_title`` is read from ``briefs`` (a join on the key), not
#: copied. ``brief_id`` stays in the four tables whose by-actor, by-tag and by-date indexes
#: must give briefs of one day in id order (the brief list's, the actor timeline's and the
#: timeline's order); elsewhere a Datasette user follows ``brief_key`` to the brief (a
#: foreign key).
_SCHEMA_V8 = (
    """
    CREATE TABLE brief_actors_v8 (
        brief_key INTEGER NOT NULL REFERENCES briefs (search_rowid) ON DELETE CASCADE,
        actor_id TEXT NOT NULL REFERENCES actors (id),
        ordinal INTEGER NOT NULL,
        brief_id TEXT NOT NULL,
        brief_date TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        role TEXT,
        affiliation TEXT,
        aliases TEXT NOT NULL,
        PRIMARY KEY (brief_key, actor_id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE positions_v8 (
        brief_key INTEGER NOT NULL REFERENCES briefs (search_rowid) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        brief_id TEXT NOT NULL,
        brief_date TEXT NOT NULL,
        actor_id TEXT NOT NULL REFERENCES actors (id),
        topic TEXT NOT NULL,
        position TEXT NOT NULL,
        stance TEXT,
        quote TEXT,
        attribution TEXT,
        date TEXT,
        has_quote INTEGER NOT NULL,
        PRIMARY KEY (brief_key, ordinal)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE open_questions_v8 (
        brief_key INTEGER NOT NULL REFERENCES briefs (search_rowid) ON DELETE CASCADE,
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
        PRIMARY KEY (brief_key, ordinal)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE timeline_events_v8 (
        brief_key INTEGER NOT NULL REFERENCES briefs (search_rowid) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        brief_id TEXT NOT NULL,
        date TEXT NOT NULL,
        event TEXT NOT NULL,
        actors TEXT NOT NULL,
        PRIMARY KEY (brief_key, ordinal)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE sources_v8 (
        brief_key INTEGER NOT NULL REFERENCES briefs (search_rowid) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        title TEXT,
        publisher TEXT,
        url TEXT,
        authors TEXT NOT NULL,
        published TEXT,
        PRIMARY KEY (brief_key, ordinal)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE brief_tags_v8 (
        brief_key INTEGER NOT NULL REFERENCES briefs (search_rowid) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        brief_id TEXT NOT NULL,
        brief_date TEXT NOT NULL,
        PRIMARY KEY (brief_key, tag)
    ) WITHOUT ROWID
    """,
)

#: Narrow indexes for the other ways in (each ends with the brief key, implicitly). The
#: actor screen's header and layout read only these: a role and affiliation per brief,
#: whether a position has a quote (``has_quote``: the row's height), in timeline order.
_INDEXES_V8 = (
    "CREATE INDEX brief_actors_by_actor"
    " ON brief_actors (actor_id, brief_date DESC, brief_id, role, affiliation)",
    "CREATE INDEX positions_by_actor"
    " ON positions (actor_id, brief_date, brief_id, ordinal, has_quote)",
    "CREATE INDEX open_questions_by_id ON open_questions (question_id, brief_key)",
    "CREATE INDEX timeline_events_by_date ON timeline_events (date, brief_id, ordinal)",
    "CREATE INDEX brief_tags_by_tag ON brief_tags (tag, brief_date DESC, brief_id)",
)

#: Each child table's columns in schema 7, as schema 8 orders them after its key.
_COPY_V8 = {
    "brief_actors": "c.actor_id, c.ordinal, c.brief_id, c.brief_date, c.name, c.kind,"
    " c.role, c.affiliation, c.aliases",
    "positions": "c.ordinal, c.brief_id, c.brief_date, c.actor_id, c.topic, c.position,"
    " c.stance, c.quote, c.attribution, c.date, coalesce(c.quote, '') <> ''",
    "open_questions": "c.ordinal, c.question_id, c.has_own_id, c.brief_date, c.question,"
    " c.status, c.likelihood, c.confidence, c.context, c.resolution, c.actors",
    "timeline_events": "c.ordinal, c.brief_id, c.date, c.event, c.actors",
    "sources": "c.ordinal, c.title, c.publisher, c.url, c.authors, c.published",
    "brief_tags": "c.tag, c.brief_id, c.brief_date",
}


def _migrate_to_brief_keys(conn: sqlite3.Connection) -> None:
    """Schema 8: the child tables keyed and clustered by the brief's integer key, so
    importing a brief appends one range per table (import time no longer grows with the
    library), and without the copies of ``brief_title`` and of the text id in every
    row and index. Rows are copied in key order (packed pages)."""
    for statement in _SCHEMA_V8:
        conn.execute(statement)
    for table, columns in _COPY_V8.items():
        conn.execute(
            f"INSERT INTO {table}_v8 SELECT b.search_rowid, {columns}"
            f" FROM {table} c JOIN briefs b ON b.id = c.brief_id ORDER BY 1, 2"
        )
    for table in _COPY_V8:
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE {table}_v8 RENAME TO {table}")
    for statement in _INDEXES_V8:
        conn.execute(statement)


#: ``MIGRATIONS[n]`` takes a library from schema version ``n`` to ``n + 1``. Append new
#: steps; never edit old ones (libraries in the wild are at every version). A new library
#: runs them all (on empty tables, instantly), so there is one way to any schema.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _migrate_to_1,
    _migrate_to_2,
    _migrate_to_3,
    _migrate_to_4,
    _migrate_to_lean,
    _migrate_to_subscriptions,
    _migrate_to_rebuilt_documents,
    _migrate_to_brief_keys,
]
