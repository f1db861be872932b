"""One actor across the library: who they are, their roles and their positions.

``brief_actors`` and ``positions`` are clustered by brief (see ``schema``, version 8);
each of these walks the actor's range of their narrow by-actor indexes, then reads the
rows (and the briefs' titles) it shows. The actor screen reads an actor with thousands
of positions without building a Python object per row: :meth:`Actors.actor_head`
(counts and role spans), :meth:`Actors.actor_layout` (one character per timeline row),
then pages of rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import compress
from operator import ne

from briefing.store.base import StoreBase, _api
from briefing.store.rows import ActorDetail, ActorRole, ActorSummary, PositionRow, _aliases


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """Consecutive briefs (by date) naming the actor with the same role and affiliation."""

    first: str
    last: str
    role: str | None
    affiliation: str | None


@dataclass(frozen=True, slots=True)
class ActorHead:
    """What the actor screen's header shows: no per-brief rows, so it is small for any actor."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    brief_count: int
    position_count: int
    spans: tuple[RoleSpan, ...]  # the latest, newest first; briefs stating no role skipped
    span_count: int  # all spans, of which ``spans`` are the latest


#: Bytes of the library SQLite may map while one statement seeks across it (see
#: :func:`_mapped`).
MAP_BYTES = 1 << 30


@contextmanager
def _mapped(conn: sqlite3.Connection) -> Iterator[None]:
    """Memory-mapped reads for one statement that seeks all over a table (a brief row
    per brief of an actor): each page is read in place instead of copied in by a system
    call, about a third less time at 28,000 briefs. Off again afterwards, so the store's
    other reads are as before."""
    conn.execute(f"PRAGMA mmap_size = {MAP_BYTES}")
    try:
        yield
    finally:
        conn.execute("PRAGMA mmap_size = 0")


@dataclass(frozen=True, slots=True)
class ActorCard:
    """Who the actor is and in how many briefs: one row of ``actors``, for the actor
    screen's first paint (the role spans and position count of :class:`ActorHead` take a
    pass over all of the actor's rows)."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    brief_count: int
    # The latest role spans, from the newest :data:`CARD_ROLE_ROWS` briefs stating a
    # role: ``None`` when those do not settle them (fewer spans than asked for, and
    # older rows not read). ``earlier``: spans older than these exist (how many is
    # :class:`ActorHead`'s to say).
    spans: tuple[RoleSpan, ...] | None = None
    earlier: bool = False


#: Briefs stating a role that :meth:`Actors.actor_card` reads for the latest spans.
CARD_ROLE_ROWS = 256

#: :meth:`Actors.actor_layout`'s row kinds: a brief, a position, a position with a quote.
BRIEF_ROW, POSITION_ROW, QUOTE_ROW = "b", "p", "q"


class Actors(StoreBase):
    """Actor queries."""

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
    def actor_aliases(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(id, name, aliases) of every actor, those in most briefs first: what a draft
        reuses ids by, in one read of the actors table (its aliases column gathers every
        brief's)."""
        return [
            (row[0], row[1], _aliases(row[2]))
            for row in self._c.execute(
                "SELECT id, name, aliases FROM actors ORDER BY brief_count DESC, name, id"
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
                "SELECT a.brief_id, a.brief_date, a.role, a.affiliation, b.title"
                " FROM brief_actors a JOIN briefs b ON b.search_rowid = a.brief_key"
                " WHERE a.actor_id = ? ORDER BY a.brief_date DESC, a.brief_id",
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

    @_api
    def actor_names(self, actor_ids: list[str]) -> dict[str, str]:
        """The names of the given actors (ids not in the library are left out)."""
        names: dict[str, str] = {}
        for start in range(0, len(actor_ids), 500):  # under SQLite's variable limit
            chunk = actor_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            names.update(
                self._c.execute(f"SELECT id, name FROM actors WHERE id IN ({marks})", chunk)
            )
        return names

    @_api
    def has_actor(self, actor_id: str) -> bool:
        return (
            self._c.execute("SELECT 1 FROM actors WHERE id = ?", (actor_id,)).fetchone() is not None
        )

    @_api
    def actor_positions(
        self, actor_id: str, *, offset: int = 0, limit: int | None = None
    ) -> list[PositionRow]:
        """The actor's positions across briefs, oldest brief first, in brief order.

        The page's keys from the ``positions_by_actor`` index alone (skipped rows cost
        an index walk), then only the page's rows and their briefs' titles.
        """
        conn = self._c
        name = conn.execute("SELECT name FROM actors WHERE id = ?", (actor_id,)).fetchone()
        if name is None:
            return []
        rows = conn.execute(
            """
            SELECT p.brief_id, b.title, p.brief_date, p.actor_id, ?1, p.topic, p.position,
                   p.stance, p.quote, p.attribution, p.date
            FROM (SELECT brief_key AS k, ordinal AS n FROM positions WHERE actor_id = ?2
                  ORDER BY brief_date, brief_id, ordinal LIMIT ?3 OFFSET ?4) AS page
            JOIN positions p ON p.brief_key = page.k AND p.ordinal = page.n
            JOIN briefs b ON b.search_rowid = page.k
            ORDER BY p.brief_date, p.brief_id, p.ordinal
            """,
            (name[0], actor_id, -1 if limit is None else limit, max(offset, 0)),
        )
        return [PositionRow(*row) for row in rows]

    def stream_actor_positions(
        self, actor_id: str, *, chunk: int = 2000
    ) -> Iterator[list[PositionRow]]:
        """:meth:`actor_positions`, all of them, ``chunk`` rows at a time (piped
        ``briefing actor``: output starts at once for an actor in 90,000 briefs)."""
        with self._lock:
            name = self._c.execute("SELECT name FROM actors WHERE id = ?", (actor_id,)).fetchone()
        if name is None:
            return
        query = """
            SELECT p.brief_id, b.title, p.brief_date, p.actor_id, ?, p.topic, p.position,
                   p.stance, p.quote, p.attribution, p.date
            FROM positions p JOIN briefs b ON b.search_rowid = p.brief_key
            WHERE p.actor_id = ?
            ORDER BY p.brief_date, p.brief_id, p.ordinal
        """
        for rows in self._stream(query, (name[0], actor_id), chunk):
            yield [PositionRow(*row) for row in rows]

    @_api
    def actor_brief_rows(
        self, actor_id: str
    ) -> list[tuple[str, str, str | None, str | None, str, str]]:
        """``(brief_id, brief_date, role, affiliation, brief_title, tags_text)`` of every
        brief naming the actor, newest first (list order; reversed, the order of
        :meth:`actor`'s roles), for ``briefing actor --json``.

        One walk of the actor's range of ``brief_actors`` (already in this order: no
        sort) and, for the tags only, one seek per brief into ``briefs``. Plain tuples:
        an actor named in 28,000 briefs builds no object per brief.
        """
        with _mapped(self._c):
            return self._c.execute(
                """
            SELECT a.brief_id, a.brief_date, a.role, a.affiliation,
                   b.title, b.tags_text
            FROM brief_actors a JOIN briefs b ON b.search_rowid = a.brief_key
            WHERE a.actor_id = ?
            ORDER BY a.brief_date DESC, a.brief_id
            """,
                (actor_id,),
            ).fetchall()

    def stream_actor_position_rows(
        self, actor_id: str, *, chunk: int = 5000
    ) -> Iterator[list[tuple[str, str, str, str, str | None, str | None, str | None]]]:
        """``(brief_id, brief_date, topic, position, stance, quote, attribution)`` of the
        actor's positions in :meth:`actor_positions` order, ``chunk`` rows at a time from
        one walk of the actor's range of ``positions`` (clustered in this order): plain
        tuples for ``briefing actor --json``."""
        query = """
            SELECT brief_id, brief_date, topic, position, stance, quote, attribution
            FROM positions WHERE actor_id = ?
            ORDER BY brief_date, brief_id, ordinal
        """
        yield from self._stream(query, (actor_id,), chunk)

    @_api
    def actor_card(self, actor_id: str, *, spans: int = 4) -> ActorCard | None:
        """Name, kind, aliases, brief count and, when the newest briefs settle them, the
        latest ``spans`` role spans (as :meth:`actor_head` gives them); ``None`` for an
        unknown actor. Two small reads whatever the actor's size."""
        row = self._c.execute(
            "SELECT id, name, kind, aliases, brief_count FROM actors WHERE id = ?", (actor_id,)
        ).fetchone()
        if row is None:
            return None
        roles = self._c.execute(
            """
            SELECT brief_date, nullif(role, ''), nullif(affiliation, '') FROM brief_actors
            WHERE actor_id = ? AND (role <> '' OR affiliation <> '')
            ORDER BY brief_date DESC, brief_id LIMIT ?
            """,
            (actor_id, CARD_ROLE_ROWS),
        ).fetchall()
        starts = [i for i in range(len(roles)) if i == 0 or roles[i][1:] != roles[i - 1][1:]]
        latest: tuple[RoleSpan, ...] | None = None
        earlier = len(starts) > spans
        if earlier or len(roles) < CARD_ROLE_ROWS:  # the latest spans all end in what was read
            ends = [*starts[1:], len(roles)] if starts else []
            latest = tuple(
                RoleSpan(roles[end - 1][0], roles[start][0], *roles[start][1:])
                for start, end in zip(starts[:spans], ends[:spans], strict=True)
            )
        return ActorCard(*row[:3], _aliases(row[3]), row[4], latest, earlier)

    @_api
    def brief_position_count(self, actor_id: str, brief_date: str, brief_id: str) -> int:
        """How many positions the actor takes in one brief (one seek: ``positions`` is
        clustered by actor, date and brief)."""
        return self._c.execute(
            "SELECT count(*) FROM positions WHERE actor_id = ? AND brief_date = ? AND brief_id = ?",
            (actor_id, brief_date, brief_id),
        ).fetchone()[0]

    @_api
    def actor_head(self, actor_id: str, *, spans: int = 4) -> ActorHead | None:
        """Name, aliases, counts and the latest ``spans`` role spans; ``None`` for an
        unknown actor.

        The reader calls this from a thread worker while the UI thread builds the screen,
        so it is one statement returning one row, and builds no object per brief:
        fetching rows one by one hands the GIL back and forth with the busy UI thread on
        every row (seconds for thousands of rows), and a container object per row wakes
        the garbage collector, which stops both threads. Each brief's role comes as a
        string in a JSON array (strings are not tracked by the collector); spans are
        where neighbouring strings differ. Islands computed with window functions in
        SQL cost more than this.
        """
        row = self._c.execute(
            """
            SELECT id, name, kind, aliases, brief_count,
                   (SELECT count(*) FROM positions WHERE actor_id = ?1), dates, roles
            FROM actors, (
                SELECT json_group_array(brief_date) AS dates,
                       json_group_array('' || json_array(role, affiliation)) AS roles
                FROM (
                    SELECT brief_date, nullif(role, '') AS role,
                           nullif(affiliation, '') AS affiliation
                    FROM brief_actors
                    WHERE actor_id = ?1 AND (role <> '' OR affiliation <> '')
                    ORDER BY brief_date DESC, brief_id
                )
            )
            WHERE id = ?1
            """,
            (actor_id,),
        ).fetchone()
        if row is None:
            return None
        dates: list[str] = json.loads(row[6])  # newest first
        roles: list[str] = json.loads(row[7])
        changes = compress(range(1, len(roles)), map(ne, roles[1:], roles[:-1]))
        starts = [0, *changes] if roles else []
        latest = []
        for start, end in zip(starts[:spans], [*starts[1 : spans + 1], len(roles)], strict=False):
            role, affiliation = json.loads(roles[start])
            latest.append(RoleSpan(dates[end - 1], dates[start], role, affiliation))
        return ActorHead(
            id=row[0],
            name=row[1],
            kind=row[2],
            aliases=_aliases(row[3]),
            brief_count=row[4],
            position_count=row[5],
            spans=tuple(latest),
            span_count=len(starts),
        )

    @_api
    def actor_layout(self, actor_id: str) -> str:
        """The actor's timeline as one character per row, in timeline order: each brief
        naming the actor (:data:`BRIEF_ROW`), oldest first, then its positions
        (:data:`POSITION_ROW`, or :data:`QUOTE_ROW` with a quote).

        Enough to size and page the timeline; one string however many rows.
        """
        row = self._c.execute(
            f"""
            SELECT group_concat(kind, '') FROM (
                SELECT brief_date, brief_id, -1 AS ordinal, '{BRIEF_ROW}' AS kind
                FROM brief_actors WHERE actor_id = ?
                UNION ALL
                SELECT brief_date, brief_id, ordinal,
                       iif(has_quote, '{QUOTE_ROW}', '{POSITION_ROW}')
                FROM positions WHERE actor_id = ?
                ORDER BY brief_date, brief_id, ordinal
            )
            """,
            (actor_id, actor_id),
        ).fetchone()
        return row[0] or ""

    @_api
    def actor_roles(
        self, actor_id: str, *, offset: int = 0, limit: int | None = None
    ) -> list[ActorRole]:
        """The briefs naming the actor, in timeline order (oldest first, then by id, as
        :meth:`actor_positions`), with its role in each: the timeline's brief rows."""
        return [
            ActorRole(*row)
            for row in self._c.execute(
                """
                SELECT page.brief_id, page.brief_date, page.role, page.affiliation, b.title
                FROM (SELECT brief_key, brief_id, brief_date, role, affiliation
                      FROM brief_actors WHERE actor_id = ?1
                      ORDER BY brief_date, brief_id LIMIT ?2 OFFSET ?3) AS page
                JOIN briefs b ON b.search_rowid = page.brief_key
                ORDER BY page.brief_date, page.brief_id
                """,
                (actor_id, -1 if limit is None else limit, max(offset, 0)),
            )
        ]
