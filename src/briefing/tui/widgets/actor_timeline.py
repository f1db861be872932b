"""The actor screen's list: each brief the actor appears in, with the positions it took there.

Rows are fixed-height (a brief is one line, a position two or three), truncated to the
width, so 5,000 positions cost a list of ints and nothing is laid out off screen; the
full text of the highlighted row is shown by the screen's detail pane. The heights come
from the store's one-string layout of the timeline, and the rows by page
(:class:`TimelinePages`), so no object is built for a row that is never shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from briefing.store import BRIEF_ROW, QUOTE_ROW, ActorRole, PositionRow, Store
from briefing.text import one_line
from briefing.tui.widgets.row_list import RowList


@dataclass(frozen=True, slots=True)
class BriefEntry:
    """A brief the actor appears in, with the role it had there."""

    brief_id: str
    title: str
    date: str
    role: str | None
    affiliation: str | None
    position_count: int
    first: bool = False


@dataclass(frozen=True, slots=True)
class PositionEntry:
    """One stated position, shown under its brief."""

    row: PositionRow

    @property
    def brief_id(self) -> str:
        return self.row.brief_id


Entry = BriefEntry | PositionEntry


def heights_of(layout: str) -> list[int]:
    """Row heights from the store's layout string, as :meth:`ActorTimeline.row_height`
    gives them: the first brief one line, later ones two (a blank line above), a
    position two, three with a quote."""
    heights = [3 if kind == QUOTE_ROW else 2 for kind in layout]
    if layout[:1] == BRIEF_ROW:
        heights[0] = 1
    return heights


class TimelinePages:
    """Loads timeline rows by index from the store (called in thread workers).

    The layout says which rows are briefs and which positions, so a page of rows is
    two ranges: the briefs and the positions before it are counted in the string. The
    store is the one the screen's worker opened (its lock serialises the calls), so page
    workers open no connection of their own.
    """

    def __init__(self, store: Store, actor_id: str, layout: str) -> None:
        self.store = store
        self.actor_id = actor_id
        self.layout = layout

    def __call__(self, offset: int, limit: int) -> list[Entry]:
        layout = self.layout
        window = layout[offset : offset + limit]
        briefs_before = layout.count(BRIEF_ROW, 0, offset)
        brief_rows = window.count(BRIEF_ROW)
        position_rows = len(window) - brief_rows
        store, actor_id = self.store, self.actor_id
        heads = (
            store.actor_roles(actor_id, offset=briefs_before, limit=brief_rows)
            if brief_rows
            else []
        )
        positions = (
            store.actor_positions(actor_id, offset=offset - briefs_before, limit=position_rows)
            if position_rows
            else []
        )
        entries: list[Entry] = []
        next_head, next_position = iter(heads), iter(positions)
        for index, kind in enumerate(window, start=offset):
            if kind == BRIEF_ROW:
                head = next(next_head, None)
                if head is None:  # the library changed since the layout: a reload follows
                    break
                end = layout.find(BRIEF_ROW, index + 1)
                count = (len(layout) if end < 0 else end) - index - 1
                entries.append(_brief_entry(head, count, first=index == 0))
            else:
                position = next(next_position, None)
                if position is None:
                    break
                entries.append(PositionEntry(position))
        return entries


def _brief_entry(head: ActorRole, position_count: int, *, first: bool) -> BriefEntry:
    """The timeline row of one brief naming the actor (``head``: its role there)."""
    return BriefEntry(
        brief_id=head.brief_id,
        title=head.brief_title,
        date=head.brief_date,
        role=head.role,
        affiliation=head.affiliation,
        position_count=position_count,
        first=first,
    )


def first_page(store: Store, actor_id: str, limit: int) -> list[Entry]:
    """The timeline's first ``limit`` rows without its layout: the oldest ``limit``
    briefs and the first ``limit`` positions, merged in timeline order (each brief
    before its positions). A few ms for any actor, where the layout of an actor in
    28,000 briefs takes a pass over all of its rows.

    Only the brief of the last position read can have more positions than were read;
    if its row is on the page, its count is asked for.
    """
    heads = store.actor_roles(actor_id, offset=0, limit=limit)
    positions = store.actor_positions(actor_id, offset=0, limit=limit) if heads else []
    counts: dict[tuple[str, str], int] = {}
    for position in positions:
        key = (position.brief_date, position.brief_id)
        counts[key] = counts.get(key, 0) + 1
    cut = (positions[-1].brief_date, positions[-1].brief_id) if len(positions) == limit else None
    entries: list[Entry] = []
    at = 0
    for number, head in enumerate(heads):
        key = (head.brief_date, head.brief_id)
        while at < len(positions) and (positions[at].brief_date, positions[at].brief_id) < key:
            at += 1  # a position of no brief read (the library changed meanwhile)
        count = counts.get(key, 0)
        if key == cut:
            count = store.brief_position_count(actor_id, *key)
        entries.append(_brief_entry(head, count, first=number == 0))
        while at < len(positions) and (positions[at].brief_date, positions[at].brief_id) == key:
            entries.append(PositionEntry(positions[at]))
            at += 1
        if len(entries) >= limit:
            break
    return entries[:limit]


class QuoteBlock:
    """A quote set apart: wrapped, each line behind a bar, as a Rich renderable.

    One renderable (rather than a bordered widget) lets the detail pane be a single
    fixed-size Static that updates without a layout pass on every key.
    """

    def __init__(self, text: Text, bar_style: Style | str = "") -> None:
        self.text = text
        self.bar_style = bar_style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - 2)
        bar = Segment("▌ ", console.get_style(self.bar_style) if self.bar_style else None)
        for line in console.render_lines(self.text, options.update_width(width), pad=False):
            yield bar
            yield from line
            yield Segment.line()


def _plain(value: str | None) -> str:
    return one_line(value) if value else ""


def role_text(role: str | None, affiliation: str | None) -> str:
    """``Role, Affiliation`` with whichever parts exist, as one plain line."""
    return ", ".join(_plain(part) for part in (role, affiliation) if part)


class ActorTimeline(RowList[Entry]):
    """Briefs (one line) and positions (topic/stance, position, quote) in date order."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *RowList.COMPONENT_CLASSES,
        "actor-timeline--date",
        "actor-timeline--title",
        "actor-timeline--meta",
        "actor-timeline--topic",
        "actor-timeline--quote",
        "actor-timeline--quote-bar",
        "actor-timeline--supports",
        "actor-timeline--opposes",
        "actor-timeline--mixed",
        "actor-timeline--other",
    }

    DEFAULT_CSS = """
    ActorTimeline {
        & > .actor-timeline--date { color: $accent; text-style: bold; }
        & > .actor-timeline--title { text-style: bold; }
        & > .actor-timeline--meta { color: $text-muted; }
        & > .actor-timeline--topic { color: $text-primary; text-style: bold; }
        & > .actor-timeline--quote { color: $text-secondary; text-style: italic; }
        & > .actor-timeline--quote-bar { color: $secondary; }
        & > .actor-timeline--supports { color: $text-success; }
        & > .actor-timeline--opposes { color: $text-error; }
        & > .actor-timeline--mixed { color: $text-warning; }
        & > .actor-timeline--other { color: $text-muted; }
    }
    """

    def row_height(self, index: int, row: Entry) -> int:
        if isinstance(row, BriefEntry):
            return 1 if row.first else 2
        return 3 if row.row.quote else 2

    def render_row_line(self, index: int, row: Entry, line: int, width: int) -> Text:
        if isinstance(row, BriefEntry):
            return self._brief_line(row, line)
        return self._position_line(row.row, line)

    def _brief_line(self, row: BriefEntry, line: int) -> Text:
        if not row.first and line == 0:
            return Text()
        text = Text()
        text.append(row.date, self._style("actor-timeline--date"))
        text.append("  ")
        text.append(one_line(row.title), self._style("actor-timeline--title"))
        meta = [role_text(row.role, row.affiliation)]
        count = row.position_count
        meta.append(f"{count} position{'s' if count != 1 else ''}" if count else "no positions")
        text.append("  · " + " · ".join(m for m in meta if m), self._style("actor-timeline--meta"))
        return text

    def _position_line(self, row: PositionRow, line: int) -> Text:
        text = Text("  ")
        if line == 0:
            text.append("◆ ", self._style("actor-timeline--meta"))
            text.append(one_line(row.topic), self._style("actor-timeline--topic"))
            if row.stance:
                text.append("  ")
                text.append(one_line(row.stance), self._stance_style(row.stance))
            meta = [f"said {_plain(row.date)}" if row.date else "", _plain(row.attribution)]
            if any(meta):
                meta_text = "  " + " · ".join(m for m in meta if m)
                text.append(meta_text, self._style("actor-timeline--meta"))
        elif line == 1:
            text.append("  " + one_line(row.position))
        else:
            text.append("  ▌ ", self._style("actor-timeline--quote-bar"))
            text.append(f"“{_plain(row.quote)}”", self._style("actor-timeline--quote"))
        return text

    def _stance_style(self, stance: str) -> Style:
        name = stance if stance in ("supports", "opposes", "mixed") else "other"
        return self._style(f"actor-timeline--{name}")
