"""Command palette providers: briefs by title, actors by name or alias.

(The App's own commands come from ``BriefingApp.get_system_commands``.)

Two rules shape this module:

* The palette renders a hit's prompt and help with Textual *markup* unless given a
  ``Content``/``Text``. Titles and names are untrusted, so every prompt and help here is a
  ``Content`` built from plain strings (and ``Matcher.highlight`` is not used: it parses
  its argument as markup).
* ``Provider.search`` runs on the event loop. Store lookups go to a thread
  (``asyncio.to_thread``; ``app.store`` is per-thread) and are bounded by a ``LIMIT``, so
  the palette stays instant on a library of 100,000 briefs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from briefing.store import BriefRow, Store
from briefing.text import one_line
from briefing.tui.messages import OpenActor, OpenBrief

#: Hits a provider asks the store for, per keystroke.
LIMIT = 25
#: Recent briefs / frequent actors listed before anything is typed.
DISCOVER = 12


@dataclass(frozen=True, slots=True)
class ActorCandidate:
    """An actor as the palette shows it."""

    id: str
    name: str
    kind: str
    brief_count: int
    aliases: tuple[str, ...] = ()


def plain(*parts: str) -> Content:
    """Content holding ``parts`` literally (joined by spaces), never parsed as markup."""
    return Content(" ".join(one_line(p) for p in parts if p))


def highlighted(candidate: str, matcher: Matcher) -> Content:
    """``candidate`` as literal Content, with the fuzzy-matched letters styled."""
    text = one_line(candidate)
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    style = matcher.match_style
    for offset in offsets:
        if offset < len(text) and not text[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content


def _store(provider: Provider) -> Store:
    return cast(Store, provider.app.store)  # type: ignore[attr-defined]


async def _in_thread(provider: Provider, call: Callable[[Store], Any]) -> Any:
    """Run ``call(store)`` in a worker thread with that thread's own connection."""
    app = provider.app
    return await asyncio.to_thread(lambda: call(cast(Store, app.store)))  # type: ignore[attr-defined]


# -- store lookups (bounded; run in a thread) --------------------------------------------
def find_briefs(store: Store, query: str, limit: int = LIMIT) -> list[BriefRow]:
    """Briefs whose title matches ``query``.

    Uses ``Store.find_briefs`` (title LIKE/FTS with LIMIT) when the store has it, else the
    library search limited to ``limit`` hits, title matches first.
    """
    finder = getattr(store, "find_briefs", None)
    if finder is not None:
        return list(finder(query, limit=limit))
    seen: dict[str, BriefRow] = {}
    hits = sorted(store.search(query, limit=limit * 2), key=lambda h: h.where != "title")
    for hit in hits:
        if hit.brief_id not in seen:
            seen[hit.brief_id] = BriefRow(hit.brief_id, hit.title, hit.date, (), False)
    return list(seen.values())[:limit]


def find_actors(store: Store, query: str, limit: int = LIMIT) -> list[ActorCandidate] | None:
    """Actors whose name or an alias matches ``query``, via ``Store.find_actors``.

    ``None`` when the store has no such lookup (see :func:`actor_catalog`).
    """
    finder = getattr(store, "find_actors", None)
    if finder is None:
        return None
    return [
        ActorCandidate(a.id, a.name, a.kind, a.brief_count, tuple(getattr(a, "aliases", ())))
        for a in finder(query, limit=limit)
    ]


def actor_catalog(store: Store) -> list[ActorCandidate]:
    """Every actor with its aliases, for stores without ``find_actors``.

    Read once per palette session; one query per actor, so fine for thousands of
    actors, not for hundreds of thousands.
    """
    catalog = []
    for summary in store.actors():
        detail = store.actor(summary.id)
        aliases = detail.aliases if detail else ()
        catalog.append(
            ActorCandidate(summary.id, summary.name, summary.kind, summary.brief_count, aliases)
        )
    return catalog


def match_actors(
    catalog: list[ActorCandidate], query: str, limit: int = LIMIT
) -> list[ActorCandidate]:
    """Case-insensitive substring match on name or alias, most-mentioned first."""
    needle = query.casefold().strip()
    found = []
    for actor in catalog:
        if any(needle in name.casefold() for name in (actor.name, *actor.aliases)):
            found.append(actor)
            if len(found) >= limit:
                break
    return found


def frequent_actors(store: Store, limit: int = DISCOVER) -> list[ActorCandidate]:
    actors = sorted(store.actors(), key=lambda a: (-a.brief_count, a.name))[:limit]
    return [ActorCandidate(a.id, a.name, a.kind, a.brief_count) for a in actors]


# -- providers ---------------------------------------------------------------------------
class BriefsProvider(Provider):
    """Briefs by title; selecting one posts :class:`OpenBrief`."""

    def _open(self, brief_id: str) -> None:
        self.app.post_message(OpenBrief(brief_id))

    @staticmethod
    def _help(row: BriefRow) -> Content:
        return plain("brief ·", row.date, *(f"#{t}" for t in row.tags))

    async def discover(self) -> Hits:
        rows: list[BriefRow] = await _in_thread(self, lambda s: s.list_briefs(limit=DISCOVER))
        for row in rows:
            yield DiscoveryHit(
                plain(row.title),
                partial(self._open, row.id),
                text=one_line(row.title),
                help=cast(str, self._help(row)),  # Content: shown literally, not as markup
            )

    async def search(self, query: str) -> Hits:
        rows: list[BriefRow] = await _in_thread(self, lambda s: find_briefs(s, query))
        matcher = self.matcher(query)
        for rank, row in enumerate(rows):
            title = one_line(row.title)
            # The store already matched (words, not letters): keep its hits, fuzzy-ranked.
            score = max(matcher.match(title), 0.5 / (rank + 2))
            yield Hit(
                score,
                highlighted(title, matcher),
                partial(self._open, row.id),
                text=title,
                help=cast(str, self._help(row)),
            )


class ActorsProvider(Provider):
    """Actors by name or alias; selecting one posts :class:`OpenActor`."""

    def _open(self, actor_id: str) -> None:
        self.app.post_message(OpenActor(actor_id))

    @staticmethod
    def _help(actor: ActorCandidate, alias: str | None = None) -> Content:
        briefs = f"{actor.brief_count} brief{'' if actor.brief_count == 1 else 's'}"
        parts = ["actor ·", actor.kind, "·", briefs]
        if alias:
            parts += ["· also", f"“{alias}”"]
        return plain(*parts)

    async def discover(self) -> Hits:
        actors: list[ActorCandidate] = await _in_thread(self, frequent_actors)
        for actor in actors:
            yield DiscoveryHit(
                plain(actor.name),
                partial(self._open, actor.id),
                text=one_line(actor.name),
                help=cast(str, self._help(actor)),
            )

    _catalog: list[ActorCandidate] | None = None

    async def _find(self, query: str) -> list[ActorCandidate]:
        found = await _in_thread(self, lambda s: find_actors(s, query))
        if found is not None:
            return found
        if self._catalog is None:
            self._catalog = await _in_thread(self, actor_catalog)
        return match_actors(self._catalog, query)

    async def search(self, query: str) -> Hits:
        actors = await self._find(query)
        matcher = self.matcher(query)
        needle = query.casefold().strip()
        for actor in actors:
            name = one_line(actor.name)
            score = matcher.match(name)
            alias = None
            if needle not in name.casefold():
                alias = next((a for a in actor.aliases if needle in a.casefold()), None)
                if alias is not None:
                    score = max(score, matcher.match(one_line(alias)) * 0.9, 0.3)
            yield Hit(
                max(score, 0.2),
                highlighted(name, matcher),
                partial(self._open, actor.id),
                text=name,
                help=cast(str, self._help(actor, alias and one_line(alias))),
            )
