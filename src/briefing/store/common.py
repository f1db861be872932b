"""Small helpers shared by the store's modules."""

from __future__ import annotations

import datetime as dt
import gc
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any, TypeVar

from briefing.store.schema import BUSY_TIMEOUT_S

_R = TypeVar("_R")

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


def _busy(exc: sqlite3.Error) -> bool:
    """Another connection held the lock past the busy timeout: trying again may work."""
    text = str(exc)
    return "locked" in text or "busy" in text


def _explain(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "full" in text:
        return f"{text}: free some space (nothing half-written was kept)"
    if _busy(exc):
        return f"{text} (another briefing kept the library busy for over {BUSY_TIMEOUT_S:g} s)"
    if "not a database" in text or "malformed" in text:
        return f"not a usable briefing library: {text}"
    if "readonly" in text or "read-only" in text:
        return f"cannot write the library: {text}"
    return text


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
def savepoint(conn: sqlite3.Connection, name: str) -> Iterator[sqlite3.Connection]:
    """The block's writes all or none, inside the open transaction: on any exception
    they are rolled back to the start of the block and the exception goes on. If SQLite
    already rolled the whole transaction back (disk full), there is nothing to return to."""
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
        raise
    conn.execute(f"RELEASE {name}")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """The one way the store writes: a transaction that takes the write lock at once
    (``BEGIN IMMEDIATE``: no lock-upgrade deadlocks between processes), committed at the
    end of the block and rolled back on any exception. Inside an open transaction it is
    a :func:`savepoint` of it instead."""
    if conn.in_transaction:
        with savepoint(conn, "nested_write"):
            yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # COMMIT itself may fail (disk full) and leave it open
            conn.execute("ROLLBACK")
        raise


@contextmanager
def gc_paused() -> Iterator[None]:
    """Building a chunk's rows allocates ~100k tuples, which set off full collections
    scanning every live object; none of them is cyclic, so collection waits."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
