"""Who said what on a topic: the store's matching positions grouped by actor.

Shared by ``briefing topic`` and the reader's topic screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.store import PositionRow


@dataclass(frozen=True, slots=True)
class ActorStances:
    """One actor and its matching positions, oldest first."""

    actor_id: str
    name: str  # as the actor's latest matching position's brief names it
    positions: tuple[PositionRow, ...]


def said_on(p: PositionRow) -> str:
    """When the position was stated: its own date, else its brief's."""
    return p.date or p.brief_date


def by_actor(positions: list[PositionRow]) -> list[ActorStances]:
    """Positions (in date order) grouped by actor: the actor with most positions first,
    then by name."""
    grouped: dict[str, list[PositionRow]] = {}
    for p in positions:
        grouped.setdefault(p.actor_id, []).append(p)
    out = [ActorStances(a, rows[-1].actor_name, tuple(rows)) for a, rows in grouped.items()]
    out.sort(key=lambda g: (-len(g.positions), g.name.casefold(), g.actor_id))
    return out
