"""One actor across the library: who they are, their roles and their positions.

The actor tables are clustered by actor (see ``schema``), so each of these reads one
contiguous range.
"""

from __future__ import annotations

from briefing.store.base import StoreBase, _api
from briefing.store.rows import ActorDetail, ActorRole, ActorSummary, PositionRow, _aliases


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
