"""Opening, configuring and migrating a library; the lock and transactions every
part of the store shares."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import cached_property, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Self, TypeVar

from briefing.errors import LibraryBusy, StoreError
from briefing.store import schema
from briefing.store.common import _busy, _explain, transaction
from briefing.store.schema import BUSY_TIMEOUT_S, CACHE_KIB

if TYPE_CHECKING:
    import sqlite_utils

_P = ParamSpec("_P")
_R = TypeVar("_R")
_S = TypeVar("_S", bound="StoreBase")


def _api(
    method: Callable[Concatenate[_S, _P], _R],
) -> Callable[Concatenate[_S, _P], _R]:
    """Serialise calls on one store and turn SQLite errors into :class:`StoreError`."""

    @wraps(method)
    def wrapper(self: _S, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self._lock:
            if self._conn is None:
                raise StoreError(f"{self.path}: the library is closed")
            try:
                return method(self, *args, **kwargs)
            except sqlite3.Error as exc:
                error = LibraryBusy if _busy(exc) else StoreError
                raise error(f"{self.path}: {_explain(exc)}") from exc

    return wrapper


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


def _check_healthy(path: Path, conn: sqlite3.Connection) -> None:
    """Refuse a damaged library (SQLite's ``quick_check``: every page and record well
    formed, without cross-checking indexes) before anything is written to it: writing
    into damaged pages spreads the damage, and the user's backup is the only remedy."""
    if path.stat().st_size == 0:
        return
    try:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(20)")]
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    if problems == ["ok"]:
        return
    lines = [
        " ".join(line.split())
        for problem in problems
        for line in str(problem).splitlines()
        if line.strip() and not line.startswith("*** in database")
    ] or ["quick check failed"]
    more = ", and more" if len(lines) > 1 else ""
    raise StoreError(
        f"{path}: the library is damaged ({lines[0]}{more}); nothing was written to it: "
        "restore it from a backup or choose another --db"
    )


def _health_note(path: Path) -> Path:
    """Where the stamp of ``path`` last found healthy is kept (the user's cache folder)."""
    import hashlib

    from briefing import paths

    key = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:16]
    return paths.cache_dir() / "healthy" / key


def _stamp(path: Path) -> str | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return f"{info.st_ino} {info.st_size} {info.st_mtime_ns}"


def _known_healthy(path: Path) -> bool:
    """The file is byte for byte as briefing last left it after a passed quick check: the
    check reads the whole file (seconds for a 100k library), so it is not run again at
    every start. Anything else that writes the file changes its stamp."""
    stamp = _stamp(path)
    try:
        return stamp is not None and _health_note(path).read_text() == stamp
    except OSError:
        return False


def remember_healthy(path: Path) -> None:
    """Note the file as it is now as healthy: for a process that checked it when it
    opened it and has since written only whole transactions. Best effort: without the
    note the next open only checks again."""
    stamp = _stamp(path)
    if stamp is None:
        return
    note = _health_note(path)
    with suppress(OSError):
        note.parent.mkdir(parents=True, exist_ok=True)
        note.write_text(stamp)


#: The WAL file's size kept after a checkpoint resets it (SQLite's default keeps it all).
WAL_LIMIT_BYTES = 64 * 1024 * 1024


def _compact(conn: sqlite3.Connection) -> None:
    """After a migration that rebuilt tables, give the freed pages back (once): a
    library migrated to the lean schema shrinks on disk, not only inside. Best effort:
    another process reading the file makes VACUUM wait or fail, and then it stays as is.
    From a tenth of the file free (schema 7 frees about 15%: the documents)."""
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    if free * 10 > conn.execute("PRAGMA page_count").fetchone()[0]:
        with suppress(sqlite3.OperationalError):
            conn.execute("VACUUM")


class StoreBase:
    """One SQLite library. Open with ``Store(path)``; use as a context manager.

    Opening creates the file (and its folder) if needed and migrates an older schema.
    Every failure — unwritable path, not a database, a newer schema, a lock held too
    long — is a :class:`StoreError` naming the file.
    """

    def __init__(self, path: Path | str, *, check: bool = False) -> None:
        """``check``: run SQLite's quick check before anything can be written (also
        before switching to WAL or migrating), and refuse a damaged library. For the
        commands that write: a few tens of ms per 1,000 briefs, skipped when the file is
        as briefing left it after a passed check (see :func:`_known_healthy`)."""
        self._lock = threading.RLock()
        self._check = check
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

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils view of the same connection, for ad-hoc inspection (and Datasette
        style introspection); briefing's own queries are the methods below. Built on
        first use: the CLI's light commands and sync's workers never import sqlite-utils."""
        import sqlite_utils

        return sqlite_utils.Database(self._c, execute_plugins=False, recursive_triggers=False)

    def _configure(self, conn: sqlite3.Connection, memory: bool) -> None:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
        # The first statement that reads the file: a corrupt file fails here.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if not memory:
            _check_whole(self.path, conn)
            if self._check and not _known_healthy(self.path):
                _check_healthy(self.path, conn)
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{self.path}: cannot switch the library to WAL mode ({mode})")
            conn.execute("PRAGMA synchronous = NORMAL")
            # A bulk import lets the WAL grow to a few hundred MB between checkpoints
            # (see writing.BULK_WAL_PAGES); cut it back when it is next reset.
            conn.execute(f"PRAGMA journal_size_limit = {WAL_LIMIT_BYTES}")

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
        migrations = schema.MIGRATIONS  # looked up here, so tests can add steps
        target = len(migrations)
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
        try:
            with transaction(conn):
                # Re-read under the write lock: another process may have migrated meanwhile.
                version = self._schema_version(conn)
                for step in range(version, target):
                    migrations[step](conn)
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
        finally:
            conn.execute("PRAGMA foreign_keys = ON")
        _compact(conn)

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
                if self._check and str(self.path) != ":memory:":
                    # Checked healthy at open, and since then written only in whole
                    # transactions: the file as it is now needs no check next time.
                    remember_healthy(self.path)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write :func:`~briefing.store.common.transaction` on this store's connection."""
        with transaction(self._c) as conn:
            yield conn

    def _stream(self, sql: str, params: Sequence[Any], chunk: int) -> Iterator[list[Any]]:
        """The rows of one query, ``chunk`` at a time from one cursor (the lock held per
        chunk, not between them): output starts at once and memory stays flat."""
        with self._lock:
            cursor = self._c.execute(sql, params)
        try:
            while True:
                with self._lock:
                    rows = cursor.fetchmany(chunk)
                if not rows:
                    return
                yield rows
        finally:  # also when the consumer stops early (the store may be closed by then)
            with suppress(sqlite3.ProgrammingError):
                cursor.close()
