"""Writing briefs (each atomic, in chunks), read marks and file stamps."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import TYPE_CHECKING

from briefing.errors import StoreError
from briefing.store.base import StoreBase, _api
from briefing.store.common import (
    _batched,
    _environmental,
    _later,
    _now,
    _parse_dt,
    gc_paused,
    savepoint,
)
from briefing.store.documents import stored_documents
from briefing.store.prepare import (
    _INSERTS,
    CHILD_ROWS,
    PreparedBrief,
    _json,
    prepare_brief,
    stored_content,
)
from briefing.store.rows import FileStamp, ImportFailed, ImportOutcome, Outcome
from briefing.store.schema import BUSY_TIMEOUT_S, CACHE_KIB, CHUNK, _RowidAllocator
from briefing.store.staging import Stage, drop_stage, merge_stage, open_stage, staged_sql
from briefing.store.versions import keep_versions

if TYPE_CHECKING:
    from briefing.model import Brief

#: A bulk import commits once its transaction has been open this long: another writer
#: (the reader marking a brief read, a second load) waits for the lock at most
#: ``BUSY_TIMEOUT_S``, and a chunk's write may still follow the check.
BULK_COMMIT_S = BUSY_TIMEOUT_S / 4
#: SQLite's page cache during a bulk import (KiB), restored after: a transaction's rows
#: land all over the by-actor and by-date indexes, and pages evicted before the commit
#: are written and read again.
BULK_CACHE_KIB = 128 * 1024
#: WAL pages (4 KiB) before a checkpoint during a bulk import (SQLite's default is 1,000,
#: restored after). Every commit appends each page it changed to the WAL and each
#: checkpoint copies them into the file: at 100k briefs a brief's rows land on ~40
#: pages all over the by-actor and by-date indexes, so checkpointing after every commit
#: wrote each page twice per transaction. Fewer checkpoints copy a page once for all the
#: transactions that changed it meanwhile.
BULK_WAL_PAGES = 64 * 1024


@dataclass
class _Bulk:
    """The open transaction of a bulk import."""

    started: float = 0.0  # when it began (monotonic)
    briefs: int = 0  # briefs written in it
    target: int = 0  # commit once it holds this many (doubles after each commit)
    stage: Stage | None = None  # staged: written to TEMP tables, moved in at the end


class Writing(StoreBase):
    """Every write of the library."""

    _bulk: _Bulk | None = None

    # -- writing -------------------------------------------------------------------

    @contextlib.contextmanager
    def bulk_import(self, *, staged: bool = False) -> Iterator[None]:
        """Group the :meth:`import_prepared` calls made inside into few transactions.

        Every commit writes each page the transaction touched, and a chunk's rows touch
        pages all over the by-actor and by-date indexes, so committing every ``CHUNK``
        briefs made the writer's cost grow with the library (at 10k briefs, the last
        chunk cost 2.5x the first). Here transactions start at ``CHUNK`` briefs (so the
        first briefs show up elsewhere soon) and double, committed at the latest after
        ``BULK_COMMIT_S``. Each brief stays atomic and its files' stamps go with it. On
        an exception every brief stored so far is committed before it propagates, as
        per-chunk transactions would have; a crash, or an error after which SQLite
        rolls back (disk full), loses the open transaction whole, stamps included.

        Other threads' writes on this store made meanwhile join the open transaction.

        ``staged`` (for an import bigger than the library, e.g. into an empty one): the
        briefs are first written to TEMP tables of this connection (appended, no index,
        nothing in the library touched), and at the end one transaction moves them into
        the library in key order, with its indexes dropped and built again by sorting
        (from their own definitions in ``sqlite_master``) and the FTS rows added in key
        order: pages written once, sequentially and full, instead of ~95 random pages
        per brief at 100k. Other connections see the library as it was until that
        transaction commits, indexes and all, then every staged brief at once. On an
        exception the staged briefs are moved in before it propagates; a killed process
        leaves the library as it was (its TEMP file goes with it). A brief already in
        the library or already staged (a second version) ends the staging: what is
        staged moves in, and the rest of the import is written as without ``staged``.
        """
        if not self._start_bulk(staged):
            yield  # already in one
            return
        try:
            yield
        except BaseException:
            with contextlib.suppress(StoreError):
                self._finish_bulk()
            raise
        self._finish_bulk()

    @_api
    def _start_bulk(self, staged: bool = False) -> bool:
        if self._bulk is not None or self._c.in_transaction:
            return False
        self._c.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
        self._c.execute(f"PRAGMA wal_autocheckpoint = {BULK_WAL_PAGES}")
        self._bulk = _Bulk(target=CHUNK)
        if staged:
            self._bulk.stage = open_stage(self._c)
        return True

    @_api
    def _finish_bulk(self) -> None:
        conn = self._c
        bulk, self._bulk = self._bulk, None
        try:
            if conn.in_transaction:
                conn.execute("COMMIT")
            if bulk is not None and bulk.stage is not None:
                merge_stage(conn, self._write_chunk)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            if bulk is not None and bulk.stage is not None:
                drop_stage(conn)
            conn.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
            conn.execute("PRAGMA wal_autocheckpoint = 1000")

    # -- the staged bulk import ----------------------------------------------------

    def _stage_chunk(
        self,
        stage: Stage,
        chunk: list[PreparedBrief],
        stamps: list[FileStamp],
        earlier: list[ImportOutcome],
    ) -> tuple[list[ImportOutcome], dict[str, str]] | None:
        """Stage a chunk of new briefs; None (nothing written) if one of them is not new:
        in the library, staged before, or twice in the chunk."""
        conn = self._c
        ids = [item.id for item in chunk]
        if len(set(ids)) < len(ids) or not stage.ids.isdisjoint(ids):
            return None
        for group in _batched(ids, 500):
            marks = ",".join("?" * len(group))
            sql = f"SELECT 1 FROM briefs WHERE id IN ({marks}) LIMIT 1"
            if conn.execute(sql, group).fetchone():
                return None
        rowids = {item.id: stage.allocator.next(item.brief[2]) for item in chunk}
        outcomes = [ImportOutcome(item.id, Outcome.new, item.origin) for item in chunk]
        # A deferred transaction: writing TEMP tables takes no lock on the library.
        with savepoint(conn, "stage_chunk"):
            self._insert(conn, chunk, rowids, _now(), staged=True)
            if stamps:
                self._remember(conn, _settled(stamps, earlier, outcomes), staged=True)
        stage.ids.update(ids)
        return outcomes, {}

    def import_brief(self, brief: Brief, *, origin: str | None = None) -> ImportOutcome:
        return self.import_briefs([(brief, origin)])[0]

    def import_briefs(self, items: Iterable[tuple[Brief, str | None]]) -> list[ImportOutcome]:
        """Many briefs, each atomic; batched into few transactions for speed.

        A brief whose references do not resolve is not stored (it is named in the
        :class:`ImportFailed` raised at the end); the others are.
        """
        prepared: list[PreparedBrief] = []
        broken: dict[str, str] = {}
        with gc_paused():
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
        at all if anything failed. Inside :meth:`bulk_import`, chunks share bigger
        transactions (each chunk in a savepoint).
        """
        chunks = list(_batched(items, CHUNK)) or [[]]
        stamps = list(files)
        outcomes: list[ImportOutcome] = []
        failed: dict[str, str] = {}
        for n, chunk in enumerate(chunks):
            last = n == len(chunks) - 1
            # A failed chunk does not stop the ones after it; the stamps go only with a
            # run in which nothing failed.
            done, failures = self._import_chunk(
                chunk, stamps if last and not failed else [], outcomes
            )
            outcomes.extend(done)
            failed.update(failures)
        if failed:
            raise ImportFailed(outcomes, failed, self.path)
        return outcomes

    def _import_chunk(
        self, chunk: list[PreparedBrief], stamps: list[FileStamp], earlier: list[ImportOutcome]
    ) -> tuple[list[ImportOutcome], dict[str, str]]:
        bulk = self._bulk
        if bulk is not None and bulk.stage is not None:
            done = self._stage_chunk(bulk.stage, chunk, stamps, earlier)
            if done is not None:
                return done
            # Not all new: what is staged moves in, and the rest is written as usual.
            try:
                merge_stage(self._c, self._write_chunk)
            finally:
                drop_stage(self._c)
                bulk.stage = None
                self._c.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
        if bulk is not None:
            return self._import_chunk_in_bulk(bulk, chunk, stamps, earlier)
        with self._write() as conn:
            outcomes, failures = self._write_chunk(conn, chunk)
            if stamps and not failures:
                self._remember(conn, _settled(stamps, earlier, outcomes))
            return outcomes, failures

    def _import_chunk_in_bulk(
        self,
        bulk: _Bulk,
        chunk: list[PreparedBrief],
        stamps: list[FileStamp],
        earlier: list[ImportOutcome],
    ) -> tuple[list[ImportOutcome], dict[str, str]]:
        """A chunk in the bulk import's transaction (in a savepoint, so it stays whole),
        then a commit if one is due."""
        conn = self._c
        if not conn.in_transaction:
            conn.execute("BEGIN IMMEDIATE")
            bulk.started, bulk.briefs = time.monotonic(), 0
        with savepoint(conn, "bulk_chunk"):
            outcomes, failures = self._write_chunk(conn, chunk)
            if stamps and not failures:
                self._remember(conn, _settled(stamps, earlier, outcomes))
        bulk.briefs += len(chunk)
        if bulk.briefs >= bulk.target or time.monotonic() - bulk.started >= BULK_COMMIT_S:
            conn.execute("COMMIT")
            bulk.target *= 2
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
        same_version: list[tuple[int, PreparedBrief]] = []  # unchanged, equal `updated`
        for item in chunk:
            if item.id not in current:
                outcome = Outcome.new
            elif _later(item.updated, current[item.id]):
                outcome = Outcome.updated
            else:
                outcomes.append(ImportOutcome(item.id, Outcome.unchanged, item.origin))
                if not _later(current[item.id], item.updated):
                    same_version.append((len(outcomes) - 1, item))
                continue
            current[item.id] = item.updated
            winners[item.id] = item
            outcomes.append(ImportOutcome(item.id, outcome, item.origin))
        if same_version:
            self._mark_different(conn, outcomes, same_version, winners)
        if not winners:
            return outcomes, {}
        allocator = _RowidAllocator(conn)
        rowids = {bid: allocator.next(item.brief[2]) for bid, item in winners.items()}
        try:
            with savepoint(conn, "chunk"):
                self._replace(conn, list(winners.values()), stored, rowids)
        except Exception as exc:
            if _environmental(conn, exc):
                raise
        else:
            return outcomes, {}
        # Something in the chunk failed: store brief by brief, each all or nothing.
        failures: dict[str, str] = {}
        for bid, item in winners.items():
            try:
                with savepoint(conn, "one_brief"):
                    self._replace(conn, [item], stored, rowids)
            except Exception as exc:
                if _environmental(conn, exc):
                    raise
                failures[bid] = str(exc) or type(exc).__name__
        return [o for o in outcomes if o.brief_id not in failures], failures

    @staticmethod
    def _mark_different(
        conn: sqlite3.Connection,
        outcomes: list[ImportOutcome],
        same_version: list[tuple[int, PreparedBrief]],
        winners: dict[str, PreparedBrief],
    ) -> None:
        """Flag the skipped briefs whose content differs from the version they tie with
        (the one stored, or an earlier one of this chunk): an equal ``updated`` is not
        proof of equal content, and skipping silently would keep e.g. a half-written
        file's brief for good."""
        ids = list({item.id for _, item in same_version if item.id not in winners})
        stored = stored_documents(conn, ids)
        for index, item in same_version:
            tie = winners.get(item.id)
            kept = stored_content(tie) if tie is not None else stored.get(item.id)
            if kept is not None and kept != stored_content(item):
                outcomes[index] = replace(outcomes[index], differs=True)

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
        now = _now()
        if old_ids:
            keep_versions(conn, [bid for (bid,) in old_ids], now)
            old_keys = [(stored[bid][1],) for (bid,) in old_ids]
            for (key,) in old_keys:
                touched.update(
                    conn.execute(
                        "SELECT actor_id, aliases FROM brief_actors WHERE brief_key = ?", (key,)
                    ).fetchall()
                )
            conn.executemany(
                "UPDATE actors SET brief_count = brief_count - 1"
                " WHERE id IN (SELECT actor_id FROM brief_actors WHERE brief_key = ?)",
                old_keys,
            )
            conn.executemany("DELETE FROM briefs_fts WHERE rowid = ?", old_keys)
            # ON DELETE CASCADE removes every child row of the old version.
            conn.executemany("DELETE FROM briefs WHERE id = ?", old_ids)
        self._insert(conn, items, rowids, now)
        if touched:
            # Aliases are recounted only where the old version had some the new one lacks.
            kept = {(a[0], a[3]) for item in items for a in item.actors}
            stale = {a for a, al in touched.items() if al != "[]" and (a, al) not in kept}
            self._refresh_actors(conn, touched, stale)

    @staticmethod
    def _insert(
        conn: sqlite3.Connection,
        items: list[PreparedBrief],
        rowids: dict[str, int],
        now: str,
        *,
        staged: bool = False,
    ) -> None:
        """Insert the rows of new briefs (keys given); ``staged``: into the TEMP stage
        instead (no actor counts, no FTS rows: both follow when the stage moves in)."""

        def sql(key: str) -> str:
            return staged_sql(_INSERTS[key]) if staged else _INSERTS[key]

        items = sorted(items, key=lambda item: rowids[item.id])  # in key order: appended
        conn.executemany(
            sql("briefs"),
            [(*item.brief[:7], item.origin, now, rowids[item.id], *item.fts[1:]) for item in items],
        )
        # Only the documents the rows do not rebuild exactly (see store/documents.py).
        conn.executemany(
            sql("documents"),
            [(item.id, *item.brief[7:]) for item in items if item.brief[7] is not None],
        )
        # briefs_fts takes its text from the briefs rows just written (external content).
        # Each table's rows in its key order: a big library's b-trees are then walked once
        # from one end to the other per chunk, each page read and changed once, instead
        # of in random order (pages evicted and read again, or spilled twice).
        if not staged:
            actor_rows = sorted((r for item in items for r in item.actors), key=_first)
            conn.executemany(_INSERTS["actors"], actor_rows)
        # The child tables are clustered by (brief key, ...): a brief's rows are one
        # range of each, written in order. Staged actor rows go in the order the actors
        # upsert above takes them (by actor id), which the stage replays.
        for key, as_row in CHILD_ROWS.items():
            rows = [as_row(rowids[r[0]], r) for item in items for r in getattr(item, key)]
            rows.sort(key=_actor_first if staged and key == "brief_actors" else _first_two)
            conn.executemany(sql(key), rows)
        if not staged:
            conn.executemany(_INSERTS["fts"], [(rowids[item.id], *item.fts) for item in items])

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
    def has_files_under(self, folder: str) -> bool:
        """Whether any file synced into the library lies under ``folder`` (an absolute,
        resolved path, as the ``files`` table keys are)."""
        prefix = folder.rstrip("/\\") + os.sep
        row = self._c.execute(
            "SELECT 1 FROM files WHERE substr(path, 1, ?) = ? LIMIT 1", (len(prefix), prefix)
        ).fetchone()
        return row is not None

    @_api
    def remember_files(self, stamps: Iterable[FileStamp]) -> None:
        stamps = list(stamps)
        if stamps:
            with self._write() as conn:
                self._remember(conn, stamps)

    @staticmethod
    def _remember(
        conn: sqlite3.Connection, stamps: list[FileStamp], *, staged: bool = False
    ) -> None:
        table = "temp.stage_files" if staged else "files"
        conn.executemany(
            f"INSERT OR REPLACE INTO {table} (path, size, mtime_ns, brief_ids) VALUES (?, ?, ?, ?)",
            [(s.path, s.size, s.mtime_ns, _json(s.brief_ids)) for s in stamps],
        )

    @_api
    def forget_files(self, paths: Iterable[str]) -> None:
        """Drop stamps, so the next sync reads those files again."""
        rows = [(p,) for p in paths]
        if rows:
            with self._write() as conn:
                conn.executemany("DELETE FROM files WHERE path = ?", rows)


_first = itemgetter(0)
_first_two = itemgetter(0, 1)
_actor_first = itemgetter(1, 0)


def _settled(stamps: list[FileStamp], *outcomes: list[ImportOutcome]) -> list[FileStamp]:
    """The stamps worth remembering: not those of a file holding a brief that differs
    from the stored version with the same ``updated``, so the next sync reads and
    reports it again instead of skipping it."""
    differ = {o.brief_id for group in outcomes for o in group if o.differs}
    if not differ:
        return stamps
    return [s for s in stamps if differ.isdisjoint(s.brief_ids)]
