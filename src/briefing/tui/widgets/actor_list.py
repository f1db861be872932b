"""``RowList``: a keyboard-first virtual list on Textual's Line API.

The actor screen must stay fast with thousands of positions, and Textual's ``ListView`` /
``OptionList`` build per-item state up front (seconds for 10^4–10^5 items). Here rows
have a height known without layout (``row_height``), so a prefix sum maps a screen line
to its row with one bisect, and only the lines on screen are ever rendered. The actor,
question and search screens all use it, so they share keys and look.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import ClassVar, Generic, TypeVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.tui import keys

RowT = TypeVar("RowT")


class RowList(ScrollView, Generic[RowT], can_focus=True):
    """A cursor over rows of known height; subclasses say how a row's lines look."""

    # The reader's shared movement keys (briefing.tui.keys): same ids as the main screen,
    # so one ``ui.keys`` override moves every list; arrows and paging carry no id.
    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.MOVE,
        *keys.ARROWS,
        keys.select("Open brief", show=True),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-list--cursor",
        "row-list--empty",
    }

    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        background: $surface;
        & > .row-list--cursor {
            background: $block-cursor-blurred-background;
        }
        &:focus > .row-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
        & > .row-list--empty {
            color: $text-muted;
            text-style: italic;
        }
    }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """Index of the highlighted row (0 when empty)."""

    class _RowMessage(Message):
        """Something happened to the row at ``index`` of ``row_list``."""

        def __init__(self, row_list: RowList[RowT], index: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.index = index

        @property
        def control(self) -> RowList[RowT]:
            return self.row_list

    class Highlighted(_RowMessage):
        """The cursor moved to ``index``."""

    class Selected(_RowMessage):
        """``enter`` (or a second click) on the row at ``index``."""

    def __init__(
        self,
        *,
        empty_text: str = "Nothing here.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: list[RowT] = []
        self._starts: list[int] = [0]
        self._strips: LRUCache[tuple[int, int, int, bool], Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}
        self.empty_text = empty_text

    # -- data ----------------------------------------------------------------------
    @property
    def rows(self) -> Sequence[RowT]:
        return self._rows

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def highlighted_row(self) -> RowT | None:
        return self._rows[self.cursor] if self._rows else None

    def set_rows(self, rows: Sequence[RowT], *, cursor: int = 0) -> None:
        """Replace every row: O(n) integer work, no rendering beyond the visible lines."""
        self._rows = list(rows)
        heights = [self.row_height(i, row) for i, row in enumerate(self._rows)]
        self._starts = [0, *accumulate(heights)]
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, self.total_lines)
        self.set_reactive(RowList.cursor, self.validate_cursor(cursor))
        self.scroll_to(y=0, animate=False, immediate=True)
        self._scroll_cursor_into_view()
        self.refresh()
        if self._rows:
            self.post_message(self.Highlighted(self, self.cursor))

    @property
    def total_lines(self) -> int:
        return max(self._starts[-1], 1)

    def row_span(self, index: int) -> tuple[int, int]:
        """First line and height of a row, in virtual (scrolled) coordinates."""
        start = self._starts[index]
        return start, self._starts[index + 1] - start

    def row_at_line(self, line: int) -> int | None:
        if not self._rows or line < 0 or line >= self._starts[-1]:
            return None
        return bisect_right(self._starts, line) - 1

    # -- for subclasses ------------------------------------------------------------
    def row_height(self, index: int, row: RowT) -> int:
        """Lines the row takes; must not depend on the width (no wrapping)."""
        return 1

    def render_row_line(self, index: int, row: RowT, line: int, width: int) -> Text:
        """Line ``line`` of the row, as plain-constructed Text (never markup)."""
        return Text(str(row))

    # -- rendering -----------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.total_lines)

    def notify_style_update(self) -> None:
        """Theme or focus changed: cached lines have stale colours."""
        super().notify_style_update()
        self._strips.clear()
        self._styles.clear()
        self.refresh()

    def on_focus(self) -> None:
        self._strips.clear()
        self._styles.clear()

    def on_blur(self) -> None:
        self._strips.clear()
        self._styles.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        index = self.row_at_line(line)
        if index is None:
            if not self._rows and line == 0:
                empty = Text(self.empty_text, style=self._style("row-list--empty"))
                return self._strip(empty, width, None)
            return Strip.blank(width)
        selected = index == self.cursor
        key = (index, line, width, selected)
        strip = self._strips.get(key)
        if strip is None:
            start, _ = self.row_span(index)
            text = self.render_row_line(index, self._rows[index], line - start, width)
            cursor_style = self.get_component_rich_style("row-list--cursor") if selected else None
            strip = self._strips[key] = self._strip(text, width, cursor_style)
        return strip

    def _strip(self, text: Text, width: int, under: Style | None) -> Strip:
        text.no_wrap = True
        text.truncate(width, overflow="ellipsis")
        strip = Strip(list(text.render(self.app.console, end="")))
        strip = strip.crop_extend(0, width, None)
        if under is not None:
            strip = strip.apply_style(under)
        return strip

    def _style(self, component: str) -> Style:
        """A component's colour and text style, without its background.

        The full style (not ``partial``) resolves translucent colours such as
        ``$text-muted``; the background is dropped so the cursor row's shows through.
        """
        style = self._styles.get(component)
        if style is None:
            full = self.get_component_rich_style(component)
            style = self._styles[component] = full.without_color + Style(color=full.color)
        return style

    def refresh_row(self, index: int) -> None:
        if not 0 <= index < len(self._rows):
            return
        start, height = self.row_span(index)
        top = start - round(self.scroll_offset.y)
        self.refresh(Region(0, top, self.size.width, height))

    # -- cursor --------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        if not self._rows:
            return 0
        return max(0, min(value, len(self._rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_row(old)
        self.refresh_row(new)
        self._scroll_cursor_into_view()
        if self._rows:
            self.post_message(self.Highlighted(self, new))

    def _scroll_cursor_into_view(self) -> None:
        if not self._rows:
            return
        start, height = self.row_span(self.cursor)
        view = self.scrollable_content_region.height
        top = round(self.scroll_offset.y)
        if start < top:
            self.scroll_to(y=start, animate=False, immediate=True)
        elif start + height > top + view:
            self.scroll_to(y=max(0, start + height - view), animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._rows) - 1

    def _page_rows(self, direction: int) -> int:
        """The row about one screen away from the cursor."""
        if not self._rows:
            return 0
        start, _ = self.row_span(self.cursor)
        target = start + direction * max(1, self.scrollable_content_region.height - 1)
        target = max(0, min(target, self._starts[-1] - 1))
        index = self.row_at_line(target)
        return self.cursor if index is None else index

    def action_page_down(self) -> None:
        self.cursor = self._page_rows(1)

    def action_page_up(self) -> None:
        self.cursor = self._page_rows(-1)

    def action_select(self) -> None:
        if self._rows:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.row_at_line(round(self.scroll_offset.y) + offset.y)
        if index is None:
            return
        if index == self.cursor or event.chain > 1:
            self.cursor = index
            self.action_select()
        else:
            self.cursor = index
