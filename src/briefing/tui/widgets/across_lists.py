"""The lists of the timeline and topic screens, on :class:`RowList` (the Line API).

The timeline of a big library has hundreds of thousands of events: its list knows only
how many there are (one line each) and fetches them a page at a time
(:class:`TimelinePages`) as they come on screen. Near-identical events of several briefs
are grouped within their date, so a page is read together with the whole of its first
and last dates (a date's events are few; a page's are re-ordered, never re-counted).

The topic list has one row per actor (two lines: name, then the stance trail across
dates); ``←``/``→`` choose a position in the highlighted actor's trail.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from briefing.store import PositionRow, Store, TimelineFilter, TimelineRow
from briefing.text import one_line
from briefing.timeline import EventGroup, group_events
from briefing.topic import ActorStances, said_on
from briefing.tui.widgets.row_list import RowList

#: Columns of the date column (a full date and a space).
DATE_WIDTH = 11


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One event as one brief tells it; ``member`` 0 is the group's first telling."""

    row: TimelineRow
    group: EventGroup
    member: int

    @property
    def brief_id(self) -> str:
        return self.row.brief_id


class TimelinePages:
    """Loads timeline rows by index, grouped (called in the list's thread workers).

    The whole library pages straight off the date index. A filtered timeline (an actor,
    a tag) would sort its events again for every page, so its keys are read once, in
    order, and a page is a slice of them. The store is the one the screen's worker
    opened (its lock serialises the calls).
    """

    def __init__(self, store: Store, where: TimelineFilter) -> None:
        self.store = store
        self.where = where
        self._keys: list[tuple[str, int, int]] | None = None
        self._dates: list[str] = []
        self._lock = threading.Lock()

    @property
    def filtered(self) -> bool:
        return self.where.actor is not None or self.where.tag is not None

    def _ensure_keys(self) -> list[tuple[str, int, int]]:
        with self._lock:
            if self._keys is None:
                self._keys = self.store.timeline_keys(self.where)
                self._dates = [k[0] for k in self._keys]
            return self._keys

    def count(self) -> int:
        """How many events (rows) the timeline has."""
        if self.filtered:
            return len(self._ensure_keys())
        return self.store.count_timeline(self.where)

    def __call__(self, offset: int, limit: int) -> list[TimelineItem]:
        if self.filtered:
            keys = self._ensure_keys()
            if offset >= len(keys):
                return []
            first, last = keys[offset][0], keys[min(offset + limit, len(keys)) - 1][0]
            start = bisect_left(self._dates, first)
            whole = self.store.timeline_rows(keys[start : bisect_right(self._dates, last)])
        else:
            raw = self.store.timeline(self.where, offset=offset, limit=limit)
            if not raw:
                return []
            first, last = raw[0].date, raw[-1].date
            start = self.store.count_timeline(self.where, before=first)
            whole = self.store.timeline(self.where, dates=(first, last))
        items = [
            TimelineItem(row, group, n)
            for group in group_events(whole)
            for n, row in enumerate(group.rows)
        ]
        return items[offset - start : offset - start + limit]


class TimelineList(RowList[TimelineItem]):
    """One line per event: date, event, brief; the same event from other briefs under it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *RowList.COMPONENT_CLASSES,
        "timeline-list--date",
        "timeline-list--brief",
        "timeline-list--also",
    }

    DEFAULT_CSS = """
    TimelineList {
        & > .timeline-list--date { color: $accent; text-style: bold; }
        & > .timeline-list--brief { color: $text-muted; }
        & > .timeline-list--also { color: $text-muted; text-style: italic; }
    }
    """

    def render_row_line(self, index: int, row: TimelineItem, line: int, width: int) -> Text:
        text = Text()
        event = row.row
        if row.member == 0:
            text.append(f"{event.date:<{DATE_WIDTH}}", self._style("timeline-list--date"))
            text.append(one_line(event.event))
            others = len(row.group.others)
            brief = f"  · {one_line(event.brief_title)}"
            if others:
                brief += f" +{others} more"
            text.append(brief, self._style("timeline-list--brief"))
        else:
            text.append(" " * DATE_WIDTH)
            text.append("≈ ", self._style("timeline-list--also"))
            text.append(one_line(event.brief_title), self._style("timeline-list--brief"))
            text.append(": ", self._style("timeline-list--brief"))
            text.append(one_line(event.event), self._style("timeline-list--also"))
        return text


class TopicList(RowList[ActorStances]):
    """Two lines per actor: the name, then its stances by date; ``←``/``→`` (``h``/``l``)
    choose one of them (:attr:`chosen`), which ``enter`` opens."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "trail(-1)", "Earlier stance", id="earlier_stance"),
        Binding("right,l", "trail(1)", "Later stance", id="later_stance"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *RowList.COMPONENT_CLASSES,
        "topic-list--name",
        "topic-list--count",
        "topic-list--supports",
        "topic-list--opposes",
        "topic-list--other",
        "topic-list--chosen",
    }

    DEFAULT_CSS = """
    TopicList {
        & > .topic-list--name { text-style: bold; }
        & > .topic-list--count { color: $text-muted; }
        & > .topic-list--supports { color: $text-success; }
        & > .topic-list--opposes { color: $text-error; }
        & > .topic-list--other { color: $text-warning; }
        & > .topic-list--chosen { text-style: bold reverse; }
    }
    """

    class Chosen(Message):
        """The chosen position of the highlighted actor changed."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.trail = 0  # index of the chosen position in the cursor row's trail

    @property
    def chosen(self) -> PositionRow | None:
        row = self.highlighted_row
        if row is None or not row.positions:
            return None
        return row.positions[max(0, min(self.trail, len(row.positions) - 1))]

    def set_rows(self, rows: object, *, cursor: int = 0) -> None:  # type: ignore[override]
        self.trail = -1  # each actor opens on its latest stance
        super().set_rows(rows, cursor=cursor)  # type: ignore[arg-type]
        self._clamp_trail()

    def watch_cursor(self, old: int, new: int) -> None:
        self.trail = -1
        self._clamp_trail()
        super().watch_cursor(old, new)

    def _clamp_trail(self) -> None:
        row = self.highlighted_row
        count = len(row.positions) if row is not None else 0
        self.trail = count - 1 if self.trail < 0 else max(0, min(self.trail, count - 1))

    def action_trail(self, delta: int) -> None:
        row = self.highlighted_row
        if row is None:
            return
        target = self.trail + delta
        if not 0 <= target < len(row.positions):
            self.app.bell()
            return
        self.trail = target
        self._strips.clear()
        self.refresh_row(self.cursor)
        self.post_message(self.Chosen())

    def row_height(self, index: int, row: ActorStances) -> int:
        return 2

    def _stance_style(self, stance: str | None) -> Style:
        if stance == "supports":
            return self._style("topic-list--supports")
        if stance == "opposes":
            return self._style("topic-list--opposes")
        return self._style("topic-list--other")

    def render_row_line(self, index: int, row: ActorStances, line: int, width: int) -> Text:
        if line == 0:
            text = Text(one_line(row.name), self._style("topic-list--name"))
            n = len(row.positions)
            text.append(f"  {n} position{'' if n == 1 else 's'}", self._style("topic-list--count"))
            return text
        chosen = self.trail if index == self.cursor else -1
        parts: list[Text] = []
        for n, p in enumerate(row.positions):
            part = Text()
            part.append(said_on(p), self._style("topic-list--count"))
            part.append(" ")
            part.append(one_line(p.stance or "no stance"), self._stance_style(p.stance))
            if n == chosen:
                part.stylize(self.get_component_rich_style("topic-list--chosen", partial=True))
            parts.append(part)
        # Keep the chosen stance on screen: drop stances before it while it would not fit.
        start = 0
        arrow = Text(" → ", self._style("topic-list--count"))
        while chosen > start and _width(parts[start : chosen + 1], arrow) + 4 > width - 2:
            start += 1
        text = Text("  ")
        if start:
            text.append("… ", self._style("topic-list--count"))
        text.append_text(arrow.join(parts[start:]))
        return text


def _width(parts: list[Text], sep: Text) -> int:
    return sum(p.cell_len for p in parts) + sep.cell_len * max(0, len(parts) - 1)
