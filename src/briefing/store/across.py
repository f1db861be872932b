"""Queries across the library: one timeline of every brief's events, and every position
on a topic.

Timeline dates have day, month or year precision (``2024-05-30``, ``2024-05``,
``2024``). As text they sort by the start of their period, the coarser first: ``2024``
before ``2024-01`` before ``2024-01-01``, so "in May" comes before the days of May.
Date bounds keep an event whose period overlaps them: ``--since 2024-05-10`` keeps
``2024-05`` and ``2024``. Every query walks an index: ``timeline_events_by_date`` for the
whole library, an actor's briefs (``brief_actors``) or a tag's (``brief_tags``) else.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from briefing.store.base import StoreBase, _api
from briefing.store.rows import PositionRow
from briefing.store.schema import _TOKENIZE
from briefing.store.search import fts_query

DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One event of one brief's timeline."""

    date: str  # 2024-05-30, 2024-05 or 2024
    event: str
    brief_id: str
    brief_title: str
    brief_date: str
    ordinal: int  # the event's place in its brief's timeline
    actors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    """Which events: involving an actor, from briefs with a tag, within dates."""

    actor: str | None = None
    tag: str | None = None
    since: str | None = None  # a date of any precision; periods overlapping it are kept
    until: str | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not DATE.fullmatch(value):
                raise ValueError(f"{name}: not a date: {value!r} (use 2024-05-30, 2024-05 or 2024)")

    def where(self) -> tuple[str, list[Any]]:
        """SQL conditions on ``e`` (timeline_events) and their parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.actor is not None:
            clauses.append(
                "e.brief_key IN (SELECT brief_key FROM brief_actors WHERE actor_id = ?)"
                " AND EXISTS (SELECT 1 FROM json_each(e.actors) WHERE value = ?)"
            )
            params += [self.actor, self.actor]
        if self.tag is not None:
            clauses.append("e.brief_key IN (SELECT brief_key FROM brief_tags WHERE tag = ?)")
            params.append(self.tag)
        if self.since is not None:
            # Later periods, and the year and month that contain the bound.
            clauses.append("(e.date >= ? OR e.date IN (?, ?))")
            params += [self.since, self.since[:4], self.since[:7]]
        if self.until is not None:
            # '~' sorts after digits and '-': every day of an "until" month is kept.
            clauses.append("e.date <= ?")
            params.append(self.until + "~")
        return (" AND ".join(clauses) or "1"), params


_TIMELINE_COLUMNS = "e.date, e.event, b.id, b.title, b.date, e.ordinal, e.actors, e.brief_key"
_TIMELINE_ORDER = "ORDER BY e.date, e.brief_id, e.ordinal"


def _timeline_row(row: Sequence[Any]) -> TimelineRow:
    return TimelineRow(*row[:6], tuple(json.loads(row[6])))


class Across(StoreBase):
    """The timeline and topic queries."""

    @_api
    def count_timeline(self, where: TimelineFilter, *, before: str | None = None) -> int:
        """How many events match (only those dated before ``before``, if given)."""
        sql, params = where.where()
        if before is not None:
            sql += " AND e.date < ?"
            params.append(before)
        row = self._c.execute(
            f"SELECT count(*) FROM timeline_events e WHERE {sql}", params
        ).fetchone()
        return int(row[0])

    @_api
    def timeline(
        self,
        where: TimelineFilter,
        *,
        offset: int = 0,
        limit: int | None = None,
        dates: tuple[str, str] | None = None,
    ) -> list[TimelineRow]:
        """Matching events in date order (then brief id, then their order in the brief);
        ``dates=(first, last)``: only events dated ``first`` to ``last`` exactly."""
        sql, params = where.where()
        if dates is not None:
            sql += " AND e.date BETWEEN ? AND ?"
            params += list(dates)
        # The page's keys first, from the date index alone (skipping 50,000 events then
        # costs an index walk, not 50,000 joins), then only the page's rows.
        rows = self._c.execute(
            f"""
            SELECT {_TIMELINE_COLUMNS}
            FROM (SELECT e.brief_key AS k, e.ordinal AS n FROM timeline_events e
                  WHERE {sql} {_TIMELINE_ORDER} LIMIT ? OFFSET ?) AS page
            JOIN timeline_events e ON e.brief_key = page.k AND e.ordinal = page.n
            JOIN briefs b ON b.search_rowid = e.brief_key
            {_TIMELINE_ORDER}
            """,
            [*params, -1 if limit is None else limit, max(offset, 0)],
        )
        return [_timeline_row(r) for r in rows]

    @_api
    def timeline_keys(self, where: TimelineFilter) -> list[tuple[str, int, int]]:
        """``(date, brief key, ordinal)`` of every matching event (ordered by date, brief
        id and ordinal), in timeline order: one
        query, so a filtered timeline's pages need no sort each (see :meth:`timeline_rows`)."""
        sql, params = where.where()
        return self._c.execute(
            f"SELECT e.date, e.brief_key, e.ordinal FROM timeline_events e WHERE {sql}"
            f" {_TIMELINE_ORDER}",
            params,
        ).fetchall()

    @_api
    def timeline_rows(self, keys: Sequence[tuple[str, int, int]]) -> list[TimelineRow]:
        """The events of ``keys`` (from :meth:`timeline_keys`), in that order."""
        found: dict[tuple[int, int], TimelineRow] = {}
        for start in range(0, len(keys), 400):
            group = keys[start : start + 400]
            marks = ",".join("(?, ?)" for _ in group)
            flat = [x for _d, bid, n in group for x in (bid, n)]
            for row in self._c.execute(
                # A join on the keys (a primary-key seek each), not "IN (VALUES …)",
                # which SQLite answers with a scan of the whole table.
                f"SELECT {_TIMELINE_COLUMNS} FROM (VALUES {marks}) AS k"
                " JOIN timeline_events e ON e.brief_key = k.column1 AND e.ordinal = k.column2"
                " JOIN briefs b ON b.search_rowid = e.brief_key",
                flat,
            ):
                found[(row[7], row[5])] = _timeline_row(row)
        return [found[(bid, n)] for _d, bid, n in keys if (bid, n) in found]

    @_api
    def topic_positions(self, query: str, *, limit: int = 5000) -> tuple[list[PositionRow], bool]:
        """Positions whose topic, position or quote hold every word of ``query`` (as
        search matches them: case, accents and word endings aside), oldest first, with
        True when more than ``limit`` matched (the newest ``limit`` are returned).

        The FTS index finds the briefs (their positions and quotes columns), then each
        of their positions is checked on its own, by the same FTS tokenizer.
        """
        match = fts_query(query, prefix=False)
        if match is None:
            return [], False
        conn = self._c
        phrase = "{positions quotes} : (" + match + ")"
        # The newest briefs first: the most recent positions are kept when capped.
        rows = conn.execute(
            """
            SELECT p.brief_id, b.title, p.brief_date, p.actor_id,
                   coalesce(ba.name, p.actor_id), p.topic, p.position, p.stance, p.quote,
                   p.attribution, p.date, p.ordinal
            FROM briefs_fts f
            JOIN briefs b ON b.search_rowid = f.rowid
            JOIN positions p ON p.brief_key = b.search_rowid
            LEFT JOIN brief_actors ba ON ba.brief_key = p.brief_key AND ba.actor_id = p.actor_id
            WHERE briefs_fts MATCH ?
            ORDER BY f.rowid DESC, p.ordinal
            """,
            (phrase,),
        )
        found: list[PositionRow] = []
        truncated = False
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= 500:
                found += self._matching(batch, match)
                batch = []
                if len(found) > limit:
                    truncated = True
                    break
        if batch and not truncated:
            found += self._matching(batch, match)
            truncated = len(found) > limit
        found = found[:limit]
        found.sort(key=lambda p: (p.date or p.brief_date, p.brief_date, p.brief_id))
        return found, truncated

    def _matching(self, rows: list[tuple[Any, ...]], match: str) -> list[PositionRow]:
        """The rows whose own topic, position or quote match (a brief matches when its
        positions do together; one position must match alone)."""
        conn = self._c
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS topic_scratch_rows (n INTEGER PRIMARY KEY, t TEXT)"
        )
        conn.execute("DELETE FROM temp.topic_scratch_rows")
        texts = [(n, " \n ".join(x for x in (r[5], r[6], r[8]) if x)) for n, r in enumerate(rows)]
        conn.executemany("INSERT INTO temp.topic_scratch_rows (n, t) VALUES (?, ?)", texts)
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.topic_scratch USING fts5 (t, content ="
            f" 'topic_scratch_rows', content_rowid = 'n', tokenize = {_TOKENIZE})"
        )
        conn.execute("INSERT INTO temp.topic_scratch (topic_scratch) VALUES ('rebuild')")
        hits = {
            n
            for (n,) in conn.execute(
                "SELECT rowid FROM temp.topic_scratch WHERE topic_scratch MATCH ?", (match,)
            )
        }
        return [PositionRow(*r[:11]) for n, r in enumerate(rows) if n in hits]
