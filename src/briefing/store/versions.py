"""Earlier versions of briefs: kept whenever a later ``updated`` replaces a brief.

The live tables hold only the current version (every query reads them). When an import
replaces a brief, :func:`keep_versions` first copies the old version's document and its
bookkeeping into ``brief_versions``, inside the same transaction as the replacement, so
a version is never lost nor kept twice. The first import of a brief costs nothing here.
Version numbers count from 1 (the first version stored); the current version is the
number after the last one kept.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.store.base import StoreBase, _api
from briefing.store.documents import stored_documents
from briefing.store.prepare import _with_extra, pack_document, unpack_document

if TYPE_CHECKING:  # the store opens without the pydantic models (light CLI commands)
    from briefing.model import Brief


@dataclass(frozen=True, slots=True)
class VersionRow:
    """One stored version of a brief (``briefing history``)."""

    brief_id: str
    version: int
    title: str
    date: str
    updated: str | None  # the brief's own ``updated`` (ISO, UTC), if it had one
    origin: str | None  # the file or URL it came from
    imported_at: str  # when this library stored it
    superseded_at: str | None  # when a later version replaced it; None for the current one

    @property
    def current(self) -> bool:
        return self.superseded_at is None


def keep_versions(conn: sqlite3.Connection, brief_ids: list[str], now: str) -> None:
    """Copy the stored versions of ``brief_ids`` into ``brief_versions`` before they are
    replaced (called by the store's write path, in its transaction). A version keeps its
    whole document (compressed): its rows are about to go."""
    documents = stored_documents(conn, brief_ids)
    conn.executemany(
        """
        INSERT INTO brief_versions (brief_id, version, title, date, updated, origin,
                                    imported_at, superseded_at, document, extra)
        SELECT b.id,
               (SELECT coalesce(max(v.version), 0) + 1 FROM brief_versions v
                WHERE v.brief_id = b.id),
               b.title, b.date, b.updated, b.origin, b.imported_at, ?, ?, ?
        FROM briefs b WHERE b.id = ?
        """,
        [
            (now, pack_document(documents[bid][0]), documents[bid][1], bid)
            for bid in brief_ids
            if bid in documents
        ],
    )


class Versions(StoreBase):
    """Reading a brief's history."""

    @_api
    def brief_history(self, brief_id: str) -> list[VersionRow]:
        """Every stored version of the brief, oldest first, the current one last; empty
        for an unknown id."""
        conn = self._c
        current = conn.execute(
            "SELECT title, date, updated, origin, imported_at FROM briefs WHERE id = ?",
            (brief_id,),
        ).fetchone()
        if current is None:
            return []
        rows = [
            VersionRow(brief_id, *row)
            for row in conn.execute(
                "SELECT version, title, date, updated, origin, imported_at, superseded_at"
                " FROM brief_versions WHERE brief_id = ? ORDER BY version",
                (brief_id,),
            )
        ]
        number = rows[-1].version + 1 if rows else 1
        rows.append(VersionRow(brief_id, number, *current, None))
        return rows

    @_api
    def earlier_versions(self, brief_id: str) -> int:
        """How many earlier versions of the brief are kept (0 for most briefs): one
        seek in the versions' primary key."""
        row = self._c.execute(
            "SELECT count(*) FROM brief_versions WHERE brief_id = ?", (brief_id,)
        ).fetchone()
        return int(row[0])

    @_api
    def get_version(self, brief_id: str, version: int) -> Brief | None:
        """The brief as version ``version`` stated it (the current version included)."""
        row = self._c.execute(
            "SELECT document, extra FROM brief_versions WHERE brief_id = ? AND version = ?",
            (brief_id, version),
        ).fetchone()
        if row is not None:
            from briefing.model import Brief

            return _with_extra(Brief.model_validate_json(unpack_document(row[0])), row[1])
        kept = self._c.execute(
            "SELECT coalesce(max(version), 0) FROM brief_versions WHERE brief_id = ?",
            (brief_id,),
        ).fetchone()[0]
        if version != kept + 1:
            return None
        row = stored_documents(self._c, [brief_id]).get(brief_id)
        from briefing.model import Brief

        if row is None:
            return None
        return _with_extra(Brief.model_validate_json(row[0]), row[1])
