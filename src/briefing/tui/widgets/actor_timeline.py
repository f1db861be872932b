"""The actor screen's list: each brief the actor appears in, with the positions it took there.

Rows are fixed-height (a brief is one line, a position two or three), truncated to the
width, so 5,000 positions cost a list of ints and nothing is laid out off screen; the
full text of the highlighted row is shown by the screen's detail pane.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from briefing.store import ActorRole, BriefRow, PositionRow
from briefing.text import one_line
from briefing.tui.widgets.actor_list import RowList


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


def build_entries(
    briefs: Iterable[BriefRow], positions: Iterable[PositionRow], roles: Iterable[ActorRole]
) -> list[Entry]:
    """Briefs oldest first, each followed by its positions (pure: runs in a worker)."""
    role_of = {r.brief_id: r for r in roles}
    by_brief: dict[str, list[PositionRow]] = {}
    for position in positions:
        by_brief.setdefault(position.brief_id, []).append(position)
    heads: dict[str, tuple[str, str]] = {b.id: (b.date, b.title) for b in briefs}
    for r in role_of.values():  # every brief naming the actor has a role row
        heads.setdefault(r.brief_id, (r.brief_date, r.brief_title))
    for brief_id, rows in by_brief.items():
        heads.setdefault(brief_id, (rows[0].brief_date, rows[0].brief_title))
    entries: list[Entry] = []
    for brief_id, (date, title) in sorted(heads.items(), key=lambda kv: (kv[1][0], kv[0])):
        role = role_of.get(brief_id)
        rows = by_brief.get(brief_id, [])
        entries.append(
            BriefEntry(
                brief_id=brief_id,
                title=title,
                date=date,
                role=role.role if role else None,
                affiliation=role.affiliation if role else None,
                position_count=len(rows),
                first=not entries,
            )
        )
        entries.extend(PositionEntry(p) for p in rows)
    return entries


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
