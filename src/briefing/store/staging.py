"""The staged bulk import: a big import's rows written to TEMP tables first, then moved
into the library in one transaction, its indexes dropped and built again by sorting (see
``Store.bulk_import(staged=True)`` and docs/benchmarks.md, "Bulk import")."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from briefing.store.common import _batched
from briefing.store.prepare import (
    _INSERTS,
    CHILD_ROWS,
    PreparedBrief,
    _json,
    prepared_from_rows,
)
from briefing.store.schema import _RowidAllocator


def _table_of(sql: str) -> str:
    """The table an ``INSERT INTO <table> …`` statement writes to."""
    return sql.split()[2]


def staged_sql(sql: str) -> str:
    """An :data:`~briefing.store.prepare._INSERTS` statement writing to the stage."""
    table = _table_of(sql)
    return sql.replace(f"INTO {table} ", f"INTO temp.stage_{table} ", 1)


#: The tables a staged bulk import writes to first (in this connection's TEMP database,
#: as ``stage_<table>``: same columns, no constraint, no index), and how each of the
#: tables with a brief key is ordered when its rows move into the library.
STAGED = {
    "briefs": "search_rowid",
    "brief_documents": None,
    "brief_actors": "brief_key, actor_id",
    "positions": "brief_key, ordinal",
    "open_questions": "brief_key, ordinal",
    "timeline_events": "brief_key, ordinal",
    "sources": "brief_key, ordinal",
    "brief_tags": "brief_key, tag",
    "files": None,
}
#: Each child table and the :data:`~briefing.store.prepare.CHILD_ROWS` key of its rows.
_CHILD_TABLES = {_table_of(_INSERTS[key]): key for key in CHILD_ROWS}
#: SQLite's page cache while staged rows move into the library and its indexes are
#: built (KiB): CREATE INDEX sorts in memory up to about this much.
MERGE_CACHE_KIB = 512 * 1024


@dataclass
class Stage:
    """The rows of a staged bulk import not yet in the library (see
    ``Store.bulk_import``)."""

    allocator: _RowidAllocator  # brief keys for staged briefs (max per day + 1, as ever)
    ids: set[str] = field(default_factory=set)  # staged briefs, to spot a second version


def open_stage(conn: sqlite3.Connection) -> Stage:
    """Empty TEMP copies of the staged tables (their columns only)."""
    drop_stage(conn)
    for table in STAGED:
        conn.execute(f"CREATE TEMP TABLE stage_{table} AS SELECT * FROM main.{table} WHERE 0")
    return Stage(_RowidAllocator(conn))


def drop_stage(conn: sqlite3.Connection) -> None:
    """Drop the TEMP tables of a stage (none left is fine)."""
    for table in STAGED:
        conn.execute(f"DROP TABLE IF EXISTS temp.stage_{table}")


def merge_stage(
    conn: sqlite3.Connection,
    write_chunk: Callable[[sqlite3.Connection, list[PreparedBrief]], object],
) -> None:
    """Move the staged briefs into the library, in one transaction (see
    ``Store.bulk_import``). Staged briefs that another process stored meanwhile (same
    id) or whose key it took (a brief of the same day) go through ``write_chunk`` (the
    store's ordinary write) after the others, which decides again whether each is new,
    newer or unchanged."""
    staged = conn.execute("SELECT count(*) FROM temp.stage_briefs").fetchone()[0]
    stamps = conn.execute("SELECT count(*) FROM temp.stage_files").fetchone()[0]
    if not staged and not stamps:
        return
    conn.execute(f"PRAGMA cache_size = {-MERGE_CACHE_KIB}")
    conn.execute("BEGIN IMMEDIATE")
    try:
        clashes = _unstage_clashes(conn)
        stored = conn.execute("SELECT count(*) FROM briefs").fetchone()[0]
        # Indexes are built again by sorting when the staged rows are as many as
        # those stored or more; else each staged row goes into them as usual.
        rebuilt = _drop_indexes(conn) if staged >= stored else []
        for table, order in STAGED.items():
            if table == "files":
                continue
            columns = _columns(conn, table)
            by = f" ORDER BY {order}" if order else ""
            conn.execute(
                f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM temp.stage_{table}{by}"
            )
            if table == "briefs":
                _count_staged_actors(conn)
        conn.execute(
            "INSERT INTO briefs_fts (rowid, title, summary, positions, quotes, questions)"
            " SELECT search_rowid, title, summary, positions, quotes, questions"
            " FROM temp.stage_briefs ORDER BY search_rowid"
        )
        for sql in rebuilt:
            conn.execute(sql)
        if clashes:
            write_chunk(conn, clashes)
        conn.execute(
            "INSERT OR REPLACE INTO files (path, size, mtime_ns, brief_ids)"
            " SELECT path, size, mtime_ns, brief_ids FROM temp.stage_files ORDER BY rowid"
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _count_staged_actors(conn: sqlite3.Connection) -> None:
    """The ``actors`` rows of the staged briefs: what the ``actors`` upsert would give
    taking every staged actor row in the order the ordinary write does (chunk by
    chunk, by actor id), computed here in one pass and written once per actor (the
    upsert per row cost 2 s per 10k briefs, mostly ``json_each`` of the aliases).

    Per actor: the count; name, kind and ``named_*`` of the latest row by (date,
    brief id); the aliases of its first row as written if no later row has any,
    else the sorted union of all (the upsert's ``UNION``), formatted by SQLite."""
    known = {r[0] for r in conn.execute("SELECT id FROM actors")}
    found: dict[str, list] = {}  # id -> [count, latest row, first aliases, union|None]
    rows = conn.execute(
        "SELECT actor_id, name, kind, aliases, brief_id, brief_date"
        " FROM temp.stage_brief_actors ORDER BY rowid"
    )
    while batch := rows.fetchmany(20_000):
        for row in batch:
            actor_id, aliases = row[0], row[3]
            state = found.get(actor_id)
            if state is None:
                union = set(json.loads(aliases)) if actor_id in known else None
                found[actor_id] = [1, row, aliases, union]
                continue
            state[0] += 1
            if (row[5], row[4]) >= (state[1][5], state[1][4]):
                state[1] = row
            if aliases != "[]":
                if state[3] is None:
                    state[3] = set(json.loads(state[2]))
                state[3].update(json.loads(aliases))
    inserts, upserts, counts = [], [], []
    for actor_id, (count, latest, first, union) in found.items():
        _, name, kind, _, named_in, named_date = latest
        if actor_id in known:
            # The upsert with the union of the staged aliases: the stored row's are
            # merged in by its own UNION, as row by row.
            upserts.append((actor_id, name, kind, _json(sorted(union)), named_in, named_date))
            counts.append((count - 1, actor_id))
        else:
            if union is not None:
                first = conn.execute(
                    "SELECT json_group_array(value) FROM json_each(?)",
                    (json.dumps(sorted(union)),),
                ).fetchone()[0]
            inserts.append((actor_id, name, kind, first, count, named_in, named_date))
    conn.executemany(
        "INSERT INTO actors (id, name, kind, aliases, brief_count, named_in, named_date)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        inserts,
    )
    conn.executemany(_INSERTS["actors"], upserts)
    conn.executemany("UPDATE actors SET brief_count = brief_count + ? WHERE id = ?", counts)


def _unstage_clashes(conn: sqlite3.Connection) -> list[PreparedBrief]:
    """Take out of the stage the briefs another process stored meanwhile (their id
    or their key is in the library now), as prepared briefs."""
    keys = [
        r[0]
        for r in conn.execute(
            "SELECT s.search_rowid FROM temp.stage_briefs s"
            " WHERE s.id IN (SELECT id FROM main.briefs)"
            " OR s.search_rowid IN (SELECT search_rowid FROM main.briefs)"
        )
    ]
    out: list[PreparedBrief] = []
    for group in _batched(keys, 500):
        marks = ",".join("?" * len(group))
        briefs = conn.execute(
            f"SELECT * FROM temp.stage_briefs WHERE search_rowid IN ({marks})", group
        ).fetchall()
        ids = [b[0] for b in briefs]
        id_marks = ",".join("?" * len(ids))
        documents = {
            d[0]: d
            for d in conn.execute(
                f"SELECT * FROM temp.stage_brief_documents WHERE brief_id IN ({id_marks})",
                ids,
            )
        }
        children: dict[int, dict[str, list[tuple]]] = {b[9]: {} for b in briefs}
        for table, key in _CHILD_TABLES.items():
            for k in children:
                children[k][key] = []
            for row in conn.execute(
                f"SELECT * FROM temp.stage_{table} WHERE brief_key IN ({marks})"
                f" ORDER BY brief_key, {'rowid' if key == 'tags' else 'ordinal'}",
                group,
            ):
                children[row[0]][key].append(row)
        out.extend(prepared_from_rows(b, documents.get(b[0]), children[b[9]]) for b in briefs)
        conn.execute(f"DELETE FROM temp.stage_briefs WHERE search_rowid IN ({marks})", group)
        conn.execute(f"DELETE FROM temp.stage_brief_documents WHERE brief_id IN ({id_marks})", ids)
        for table in _CHILD_TABLES:
            conn.execute(f"DELETE FROM temp.stage_{table} WHERE brief_key IN ({marks})", group)
    return out


def _columns(conn: sqlite3.Connection, table: str) -> str:
    return ", ".join(r[1] for r in conn.execute(f"PRAGMA main.table_info({table})"))


#: The tables whose indexes a staged import drops and builds again.
_INDEXED = tuple(t for t in STAGED if t != "files")


def _drop_indexes(conn: sqlite3.Connection) -> list[str]:
    """Drop the staged tables' own indexes (those made by CREATE INDEX; a UNIQUE or
    PRIMARY KEY constraint's stays), giving back their definitions as the schema wrote
    them in ``sqlite_master``, to build them again from: no second copy of that DDL."""
    marks = ",".join("?" * len(_INDEXED))
    found = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        f" AND tbl_name IN ({marks}) ORDER BY name",
        _INDEXED,
    ).fetchall()
    for name, _ in found:
        conn.execute(f'DROP INDEX main."{name}"')
    return [sql for _, sql in found]
