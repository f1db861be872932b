"""``RowList``: a keyboard-first virtual list on Textual's Line API.

The actor screen must stay fast with thousands of positions, and Textual's ``ListView`` /
``OptionList`` build per-item state up front (seconds for 10^4–10^5 items). Here rows
have a height known without layout (``row_height``), so a prefix sum maps a screen line
to its row with one bisect, and only the lines on screen are ever rendered. The actor,
question and search screens all use it, so they share keys and look.

A long list need not be built at all: :meth:`RowList.set_pages` takes only the rows'
heights and a loader, and rows are fetched a page at a time in thread workers as they
come on screen (a placeholder line until then), as the main brief list does.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import ClassVar, Generic, TypeVar

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.worker import Worker

from briefing.tui import keys
from briefing.tui.contract import reader_app
from briefing.tui.widgets.colors import ComponentStyles
from briefing.tui.widgets.cursor import CursorList

RowT = TypeVar("RowT")

#: Loads ``limit`` rows from ``offset`` (in a thread worker): the rows of one page.
PageLoader = Callable[[int, int], Sequence[RowT]]


class RowList(CursorList, Generic[RowT], can_focus=True):
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
        "row-list--placeholder",
    }

    PAGE_SIZE: ClassVar[int] = 64
    """Rows per page with :meth:`set_pages` (a few screens of rows)."""

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
        & > .row-list--placeholder { color: $text-disabled; }
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

    class _PageLoaded(Message, bubble=False):
        def __init__(self, generation: int, page: int, rows: Sequence[RowT]) -> None:
            super().__init__()
            self.generation, self.page, self.rows = generation, page, rows

    def __init__(
        self,
        *,
        empty_text: str = "Nothing here.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: list[RowT | None] = []
        self._starts: list[int] = [0]
        self._load: PageLoader[RowT] | None = None
        self._requested: set[int] = set()
        self._generation = 0
        self._strips: LRUCache[tuple[int, int, int, bool], Strip] = LRUCache(1024)
        self._styles = ComponentStyles(self)
        self.empty_text = empty_text

    # -- data ----------------------------------------------------------------------
    @property
    def rows(self) -> Sequence[RowT | None]:
        """Every row; ``None`` for one whose page is not loaded yet (:meth:`set_pages`)."""
        return self._rows

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def highlighted_row(self) -> RowT | None:
        """The cursor's row, or ``None`` while the list is empty or its page loads."""
        return self._rows[self.cursor] if self._rows else None

    def set_rows(self, rows: Sequence[RowT], *, cursor: int = 0) -> None:
        """Replace every row: O(n) integer work, no rendering beyond the visible lines."""
        heights = [self.row_height(i, row) for i, row in enumerate(rows)]
        self._replace(list(rows), heights, None, cursor)

    def set_pages(
        self,
        heights: Sequence[int],
        load: PageLoader[RowT],
        *,
        first: tuple[int, Sequence[RowT]] | None = None,
        cursor: int = 0,
    ) -> None:
        """Replace every row by ``len(heights)`` rows that ``load`` fetches by page.

        ``first``: a page already loaded, ``(page number, rows)`` — the cursor's, fetched
        with the heights so the first frame shows rows, not placeholders.
        """
        self._replace([None] * len(heights), heights, load, cursor, first)

    @classmethod
    def page_span(cls, index: int) -> tuple[int, int, int]:
        """``(page, offset, limit)`` of the page holding row ``index``."""
        page = index // cls.PAGE_SIZE
        return page, page * cls.PAGE_SIZE, cls.PAGE_SIZE

    def _replace(
        self,
        rows: list[RowT | None],
        heights: Sequence[int],
        load: PageLoader[RowT] | None,
        cursor: int,
        first: tuple[int, Sequence[RowT]] | None = None,
    ) -> None:
        self._generation += 1
        self._rows = rows
        self._load = load
        self._requested = set()
        self._starts = [0, *accumulate(heights)]
        if first is not None:
            self._fill(*first)
        self._strips.clear()
        # Lines are cut to the width, never scrolled sideways: the virtual width stays 0,
        # so a resize changes nothing here and costs no second layout pass.
        self.virtual_size = Size(0, self.total_lines)
        self.set_reactive(RowList.cursor, self.validate_cursor(cursor))
        self.scroll_to(y=0, animate=False, immediate=True)
        self._scroll_cursor_into_view()
        self.refresh()
        if self._rows:
            self._request_near(self.cursor)
            self.post_message(self.Highlighted(self, self.cursor))

    # -- pages ---------------------------------------------------------------------
    def _fill(self, page: int, rows: Sequence[RowT]) -> None:
        """Put a loaded page in place (a short page leaves placeholders: never refetched)."""
        self._requested.add(page)
        start = page * self.PAGE_SIZE
        rows = rows[: max(0, min(self.PAGE_SIZE, len(self._rows) - start))]
        self._rows[start : start + len(rows)] = rows
        self._strips.clear()

    def _request(self, index: int) -> None:
        """Fetch the page holding row ``index`` unless it is loaded or on its way."""
        if self._load is None or not 0 <= index < len(self._rows):
            return
        page, offset, limit = self.page_span(index)
        if page in self._requested:
            return
        self._requested.add(page)
        load, generation = self._load, self._generation
        self.run_worker(
            lambda: self._page_work(load, generation, page, offset, limit),
            thread=True,
            exit_on_error=False,
            group="row-list-pages",
            name=f"load rows {offset + 1}-{offset + limit}",
        )

    def _request_near(self, index: int) -> None:
        """The cursor's page, and the next or previous one when the cursor nears it."""
        if self._load is None:
            return
        self._request(index)
        margin = self.PAGE_SIZE // 4
        self._request(index + margin)
        self._request(index - margin)

    def _page_work(
        self, load: PageLoader[RowT], generation: int, page: int, offset: int, limit: int
    ) -> None:
        # A failure (a locked or corrupt library) leaves the placeholders and is reported
        # by the app (on_worker_state_changed); the page is not asked for again.
        self.post_message(self._PageLoaded(generation, page, load(offset, limit)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        reader_app(self).report_failed_worker(event)

    @on(_PageLoaded)
    def _page_loaded(self, message: _PageLoaded) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self._fill(message.page, message.rows)
        self.refresh()
        if self.cursor // self.PAGE_SIZE == message.page:
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
        self._scroll_cursor_into_view()

    def notify_style_update(self) -> None:
        """Theme or focus changed: cached lines have stale colours."""
        super().notify_style_update()
        self._strips.clear()
        self._styles.clear()
        self.refresh()

    def on_focus(self) -> None:
        self._strips.clear()

    def on_blur(self) -> None:
        self._strips.clear()

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
        row = self._rows[index]
        if row is None:
            self._request(index)
        key = (index, line, width, selected)
        strip = self._strips.get(key)
        if strip is None:
            start, _ = self.row_span(index)
            if row is None:
                dots = "  ···" if line == start else ""
                text = Text(dots, style=self._style("row-list--placeholder"))
            else:
                text = self.render_row_line(index, row, line - start, width)
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
        """A component's colour and text style, without its background (so the cursor
        row's shows through)."""
        return self._styles.fg(component)

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
            self._request_near(new)
            self.post_message(self.Highlighted(self, new))

    def _scroll_cursor_into_view(self) -> None:
        view = self.scrollable_content_region.height
        if not self._rows or not view:  # not laid out yet (or hidden): on_resize will
            return
        start, height = self.row_span(self.cursor)
        top = round(self.scroll_offset.y)
        if start < top:
            self.scroll_to(y=start, animate=False, immediate=True)
        elif start + height > top + view:
            self.scroll_to(y=max(0, start + height - view), animate=False, immediate=True)

    # The moves are CursorList's; here is what they mean for this list.
    def row_start(self, index: int) -> int:
        return self._starts[index]

    @property
    def line_count(self) -> int:
        return self._starts[-1]

    def click_row(self, index: int, chain: int) -> None:
        """A click on the cursor's row, or a double click, opens the row."""
        again = index == self.cursor or chain > 1
        self.cursor = index
        if again:
            self.action_select()

    def action_select(self) -> None:
        if self.highlighted_row is not None:
            self.post_message(self.Selected(self, self.cursor))
