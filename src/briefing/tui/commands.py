"""Command palette providers: briefs by title, actors by name or alias.

(The App's own commands come from ``BriefingApp.get_system_commands``.)

Two rules shape this module:

* The palette renders a hit's prompt and help with Textual *markup* unless given a
  ``Content``/``Text``. Titles and names are untrusted, so every prompt and help here is a
  ``Content`` built from plain strings (and ``Matcher.highlight`` is not used: it parses
  its argument as markup).
* ``Provider.search`` runs on the event loop. Store lookups go to a thread
  (``asyncio.to_thread``; ``app.store`` is per thread) and are indexed and bounded
  (``Store.find_briefs`` on the FTS title column, ``Store.find_actors`` with ``LIMIT``),
  so the palette stays instant on a library of 100,000 briefs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from briefing.text import one_line
from briefing.tui.contract import reader_app
from briefing.tui.messages import OpenActor, OpenBrief

if TYPE_CHECKING:
    from briefing.store import ActorSummary, BriefRow, Store

#: Hits a provider asks the store for, per keystroke.
LIMIT = 25
#: Recent briefs / most-mentioned actors listed before anything is typed.
DISCOVER = 12

T = TypeVar("T")


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
    for offset in offsets:
        if offset < len(text) and not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _help(content: Content) -> str:
    """``Hit.help`` is typed ``str`` but rendered with ``Content.from_markup``, which
    returns a ``Content`` unchanged: passing one keeps untrusted text literal."""
    return cast(str, content)


async def _in_thread(provider: Provider, call: Callable[[Store], T]) -> T:
    """Run ``call(store)`` in a worker thread, with that thread's own connection."""
    app = reader_app(provider)
    return await asyncio.to_thread(lambda: call(app.store))


class BriefsProvider(Provider):
    """Briefs by title; selecting one posts :class:`OpenBrief`."""

    def _open(self, brief_id: str) -> None:
        self.app.post_message(OpenBrief(brief_id))

    @staticmethod
    def _help(row: BriefRow) -> str:
        return _help(plain("brief ·", row.date, *(f"#{t}" for t in row.tags)))

    async def discover(self) -> Hits:
        rows = await _in_thread(self, lambda s: s.list_briefs(limit=DISCOVER))
        for row in rows:
            yield DiscoveryHit(
                plain(row.title),
                partial(self._open, row.id),
                text=one_line(row.title),
                help=self._help(row),
            )

    async def search(self, query: str) -> Hits:
        rows = await _in_thread(self, lambda s: s.find_briefs(query, limit=LIMIT))
        matcher = self.matcher(query)
        for rank, row in enumerate(rows):
            title = one_line(row.title)
            # The store matched words (FTS, best first); fuzzy letters only refine the order.
            score = max(matcher.match(title), 0.5 / (rank + 2))
            yield Hit(
                score,
                highlighted(title, matcher),
                partial(self._open, row.id),
                text=title,
                help=self._help(row),
            )


class ActorsProvider(Provider):
    """Actors by name or alias; selecting one posts :class:`OpenActor`."""

    def _open(self, actor_id: str) -> None:
        self.app.post_message(OpenActor(actor_id))

    @staticmethod
    def _help(actor: ActorSummary, alias: str | None = None) -> str:
        briefs = f"{actor.brief_count} brief{'' if actor.brief_count == 1 else 's'}"
        parts = ["actor ·", actor.kind, "·", briefs]
        if alias:
            parts += ["· also", f"“{alias}”"]
        return _help(plain(*parts))

    async def discover(self) -> Hits:
        # One row per actor (thousands, not briefs): cheap, and already most-mentioned first.
        actors = await _in_thread(self, lambda s: s.actors()[:DISCOVER])
        for actor in actors:
            yield DiscoveryHit(
                plain(actor.name),
                partial(self._open, actor.id),
                text=one_line(actor.name),
                help=self._help(actor),
            )

    async def search(self, query: str) -> Hits:
        actors = await _in_thread(self, lambda s: s.find_actors(query, limit=LIMIT))
        matcher = self.matcher(query)
        needle = " ".join(query.split()).casefold()
        for actor in actors:
            name = one_line(actor.name)
            score = matcher.match(name)
            alias = None
            if needle not in name.casefold():
                # Found by an alias (or id): say which, and rank it a little lower.
                alias = next((a for a in actor.aliases if needle in a.casefold()), None)
                alias_score = matcher.match(one_line(alias)) if alias else 0.0
                score = max(score, alias_score, 0.3) * 0.9
            yield Hit(
                max(score, 0.2),
                highlighted(name, matcher),
                partial(self._open, actor.id),
                text=name,
                help=self._help(actor, alias),
            )
