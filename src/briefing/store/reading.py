"""Reading briefs, lists, actors and questions."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from briefing.store.base import StoreBase, _api
from briefing.store.common import _batched

if TYPE_CHECKING:  # imported by the two methods that build briefs
    from briefing.model import Brief
from briefing.store.rows import (
    _BRIEF_ROW_COLUMNS,
    _QUESTION_COLUMNS,
    BriefRow,
    QuestionRow,
    _brief_row,
    _question_row,
)


class Reading(StoreBase):
    """Every query of the library but search."""

    @classmethod
    def _list_source(
        cls, tag: str | None, actor: str | None, unread: bool = False
    ) -> tuple[str, list[Any]]:
        """``(sql, params)`` selecting ``id, date`` of the listed briefs (``unread``: only
        those not marked read), each straight from a covering index."""
        sql, params = cls._listed(tag, actor)
        if unread:
            sql = f"SELECT id, date FROM ({sql}) WHERE id NOT IN (SELECT brief_id FROM read_state)"
        return sql, params

    @staticmethod
    def _listed(tag: str | None, actor: str | None) -> tuple[str, list[Any]]:
        if tag is not None and actor is not None:
            return (
                "SELECT t.brief_id AS id, t.brief_date AS date FROM brief_tags t"
                " JOIN brief_actors a ON a.brief_key = t.brief_key AND a.actor_id = ?"
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

    def stream_briefs(
        self,
        *,
        tag: str | None = None,
        actor: str | None = None,
        unread: bool = False,
        chunk: int = 2000,
    ) -> Iterator[list[BriefRow]]:
        """Every listed brief in list order, ``chunk`` rows at a time from one cursor
        walking the covering index: the first rows come at once whatever the library's
        size, and memory stays flat (piped ``briefing list``)."""
        sql, params = self._list_source(tag, actor, unread)
        query = f"""
            SELECT {_BRIEF_ROW_COLUMNS}
            FROM ({sql}) AS page
            JOIN briefs b ON b.id = page.id
            LEFT JOIN read_state r ON r.brief_id = b.id
            ORDER BY page.date DESC, page.id
        """
        for rows in self._stream(query, params, chunk):
            yield [_brief_row(row) for row in rows]

    @_api
    def count_briefs(
        self, *, tag: str | None = None, actor: str | None = None, unread: bool = False
    ) -> int:
        sql, params = self._list_source(tag, actor, unread)
        return self._c.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]

    @_api
    def list_briefs(
        self,
        *,
        offset: int = 0,
        limit: int | None = 100,
        tag: str | None = None,
        actor: str | None = None,
        unread: bool = False,
    ) -> list[BriefRow]:
        """Newest first (date desc, then id); ``limit=None`` for all; ``unread``: only
        briefs not marked read.

        The page's ids come from a covering index (no table rows read for the skipped
        ones), then only the page's rows are fetched: offset 99,000 costs an index walk.
        """
        sql, params = self._list_source(tag, actor, unread)
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
        from briefing.model import Brief
        from briefing.store.documents import stored_documents
        from briefing.store.prepare import _with_extra  # YAML: on use

        row = stored_documents(self._c, [brief_id]).get(brief_id)
        if row is None:
            return None
        return _with_extra(Brief.model_validate_json(row[0]), row[1])

    @_api
    def brief_data(self, brief_id: str) -> dict[str, Any] | None:
        """The brief as :func:`briefing.serialise.brief_to_data` gives it (JSON-able, in
        field order, empty fields left out), read from the stored document without
        building the pydantic models: ``show`` needs neither pydantic nor validation for
        a brief that was validated when it was stored.

        Documents are stored without default values (``model_dump_json(exclude_defaults=
        True)``); the defaults ``brief_to_data`` keeps are put back in their place.
        A brief with extra fields was stored as ``brief_to_data`` itself.
        """
        from briefing.store.documents import stored_documents, with_defaults

        row = stored_documents(self._c, [brief_id]).get(brief_id)
        if row is None:
            return None
        return with_defaults(json.loads(row[0]))

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
        from briefing.model import Brief
        from briefing.store.prepare import _with_extra

        for group in _batched(self._brief_ids(), 200):
            for document, extra in self._documents(group):
                yield _with_extra(Brief.model_validate_json(document), extra)

    @_api
    def _brief_ids(self) -> list[str]:
        return [r[0] for r in self._c.execute("SELECT id FROM briefs ORDER BY date DESC, id")]

    @_api
    def _documents(self, ids: list[str]) -> list[tuple[str, str | None]]:
        """(JSON document, extra) of the ``ids`` that still exist, in that order."""
        from briefing.store.documents import stored_documents

        docs = stored_documents(self._c, ids)
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

    def actor_briefs(self, actor_id: str) -> list[BriefRow]:
        """The briefs naming the actor, newest first."""
        return self.list_briefs(actor=actor_id, limit=None)

    @_api
    def question_history(self, question_id: str) -> list[QuestionRow]:
        """Every brief's statement of the question, oldest first."""
        rows = self._c.execute(
            f"""
            SELECT {_QUESTION_COLUMNS}
            FROM open_questions q JOIN briefs b ON b.search_rowid = q.brief_key
            WHERE q.question_id = ? ORDER BY q.brief_date, b.id, q.ordinal
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
        # One pass over the (question_id, brief_key) index finds each id's latest
        # statement (brief keys are in date order), then one seek per question.
        rows = self._c.execute(
            f"""
            WITH latest AS (
                SELECT question_id, max(brief_key) AS k, count(*) AS n
                FROM open_questions GROUP BY question_id
            )
            SELECT {_QUESTION_COLUMNS}, latest.n
            FROM latest
            JOIN open_questions q ON q.brief_key = latest.k AND q.question_id = latest.question_id
            JOIN briefs b ON b.search_rowid = q.brief_key
            {where}
            ORDER BY q.brief_date DESC, b.id, q.ordinal
            """,
            [status] if status is not None else [],
        )
        return [_question_row(row[:12], row[12]) for row in rows]

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


class Listing(Reading):
    """The library opened for reading lists: what the reader's first frame needs (the
    brief list's count, pages and positions, the change token), without importing the
    writer, search, actor and YAML modules that :class:`~briefing.store.Store` brings.
    Opening it creates, migrates and checks the library as ``Store`` does."""
