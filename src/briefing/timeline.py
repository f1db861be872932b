"""One timeline across briefs: near-identical events of several briefs grouped.

Briefs about one story restate its events in their own words ("Heavy fighting continues
around Kharkiv", "Russian attacks continue in the Kharkiv region"). Two events are the
same when they have the same date (same precision), come from different briefs, state
no different figures, and either share most of their significant words or involve the
same actors and share some. Greedy: an event joins the first group of its date it
matches, compared with the group's first event, so grouping a date costs about one
comparison per event and group sharing a word with it.

Shared by ``briefing timeline`` and the reader's timeline screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from briefing.store import TimelineRow

#: Share of significant words two events must have in common (Jaccard) to be one event.
SAME_WORDS = 0.5
#: Enough when both events name the same actors.
SAME_ACTORS_WORDS = 0.15

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_STOP = frozenset(
    re.split(
        r"\s+",
        """
    about after again against also among and another any are around because been before
    being between both but can could did does during each either first for from further
    had has have having her here him his how into its itself just last later like made
    make many may more most much near next not now off once only other our out over own
    said same says several she should since some still such than that the their them
    then there these they this those through too under until upon very was week were
    what when where which while who whom why will with within without would year you
    """.strip(),
    )
)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude stem, enough to make "attacks" and "attack", "Russian" and "Russia" meet."""
    for suffix in ("ations", "ation", "ians", "ian", "ing", "ies", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def words(text: str) -> frozenset[str]:
    """The event's significant words, stemmed."""
    return frozenset(
        _stem(w)
        for w in (m.group().casefold() for m in _WORD.finditer(text))
        if len(w) >= 3 and w not in _STOP
    )


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _numbers(text: str) -> frozenset[str]:
    """The figures an event states: two events with different figures are different."""
    return frozenset(_NUMBER.findall(text))


@dataclass(frozen=True, slots=True)
class EventGroup:
    """One event as the first brief states it, and the same event in other briefs."""

    head: TimelineRow
    others: tuple[TimelineRow, ...] = ()

    @property
    def rows(self) -> tuple[TimelineRow, ...]:
        return (self.head, *self.others)

    @property
    def actors(self) -> tuple[str, ...]:
        """Every actor any of the statements names, in first-seen order."""
        return tuple(dict.fromkeys(a for row in self.rows for a in row.actors))


@dataclass(slots=True)
class _Head:
    """A group being built: its first event, that event's words and figures."""

    row: TimelineRow
    words: frozenset[str]
    numbers: frozenset[str]
    actors: frozenset[str]
    members: list[TimelineRow]
    briefs: set[str]


def _same(
    head: _Head, shared: int, words: frozenset[str], numbers: frozenset[str], actors: frozenset[str]
) -> bool:
    if head.numbers and numbers and head.numbers != numbers:
        return False  # "terminal 3" and "terminal 4", "87 percent" and "60 percent"
    score = shared / (len(head.words) + len(words) - shared)
    if score >= SAME_WORDS:
        return True
    return bool(actors) and actors == head.actors and score >= SAME_ACTORS_WORDS


def group_date(rows: Iterable[TimelineRow]) -> list[EventGroup]:
    """Group the events of one date (in their order; a group sits where its first
    event does). Shared words are counted through an index of the groups' words, so
    only groups that could reach the thresholds are compared."""
    heads: list[_Head] = []
    by_word: dict[str, list[int]] = {}
    for row in rows:
        row_words = words(row.event)
        numbers = _numbers(row.event)
        actors = frozenset(row.actors)
        shared: dict[int, int] = {}
        for w in row_words:
            for i in by_word.get(w, ()):
                shared[i] = shared.get(i, 0) + 1
        for i in sorted(shared):
            head = heads[i]
            if row.brief_id not in head.briefs and _same(
                head, shared[i], row_words, numbers, actors
            ):
                head.members.append(row)
                head.briefs.add(row.brief_id)
                break
        else:
            for w in row_words:
                by_word.setdefault(w, []).append(len(heads))
            heads.append(_Head(row, row_words, numbers, actors, [], {row.brief_id}))
    return [EventGroup(h.row, tuple(h.members)) for h in heads]


def group_events(rows: Iterable[TimelineRow]) -> Iterator[EventGroup]:
    """Groups of events in date order (``rows`` must come in date order, as the store's
    :meth:`~briefing.store.Store.timeline` gives them)."""
    for _date, same_date in groupby(rows, key=lambda r: r.date):
        yield from group_date(same_date)


def precision(date: str) -> str:
    """``day``, ``month`` or ``year``."""
    return {10: "day", 7: "month"}.get(len(date), "year")
