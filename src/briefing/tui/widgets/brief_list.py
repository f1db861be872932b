"""The brief list: a virtual list over the library, rendered with Textual's Line API.

No widget per brief. The list knows only the row count; rows are fetched from the store
by page (``list_briefs(offset, limit)``) in thread workers and kept in a small LRU cache,
the way Toolong reads only the visible part of a huge log. A row not yet fetched renders
as a placeholder for the frame or two its page takes to arrive, so the UI never waits on
SQLite: opening a library of 100,000 briefs costs the same first frame as an empty one.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.worker import Worker

from briefing.errors import StoreError
from briefing.tui import keys
from briefing.tui.contract import reader_app
from briefing.tui.widgets.colors import ComponentStyles
from briefing.tui.widgets.cursor import CursorList, Direction
from briefing.tui.widgets.safe import one_line

if TYPE_CHECKING:
    from briefing.store import BriefRow, Listing

UNREAD = "●"
#: Before the title of a draft (a brief tagged ``draft``, e.g. derived from a news feed).
DRAFT_TAG = "draft"
DRAFT_MARK = "[draft] "


class BriefList(CursorList, can_focus=True):
    """Newest first; cursor with j/k, g/G, page keys, mouse; ``enter`` posts :class:`Selected`."""

    ROW_HEIGHT: ClassVar[int] = 2
    """Lines per brief: the title, then date and tags. A list narrower than
    ``WRAP_BELOW`` columns (the column beside the panes on a wide screen) gives each
    brief a third line, so a long title wraps onto a second line instead of being cut
    (the instance's ``ROW_HEIGHT`` follows the width)."""
    WRAP_BELOW: ClassVar[int] = 64
    PAGE_SIZE: ClassVar[int] = 100
    PAGE_CACHE: ClassVar[int] = 24
    PREFETCH: ClassVar[int] = 25
    """Rows from a page edge at which the neighbouring page is fetched ahead."""
    REST_DELAY: ClassVar[float] = 0.04
    """Seconds the cursor rests on a row before :class:`Highlighted` is posted: holding
    ``j`` moves the cursor alone, the brief panes follow once it stops."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.MOVE,
        *keys.ARROWS,
        keys.select("Read the brief"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "brief-list--cursor",
        "brief-list--unread",
        "brief-list--title",
        "brief-list--meta",
        "brief-list--placeholder",
    }

    DEFAULT_CSS = """
    BriefList {
        background: $surface;
        & > .brief-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .brief-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
        & > .brief-list--unread { color: $accent; text-style: bold; }
        & > .brief-list--title { color: $foreground; }
        & > .brief-list--meta { color: $text-muted; }
        & > .brief-list--placeholder { color: $text-disabled; }
    }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """Index of the highlighted row."""

    class Counted(Message):
        """The list (re)counted its rows."""

        def __init__(self, count: int, total: int, tag: str | None) -> None:
            super().__init__()
            self.count = count
            self.total = total
            self.tag = tag

    class Highlighted(Message):
        """The cursor rests on this brief (``REST_DELAY`` after it stopped moving)."""

        def __init__(self, row: BriefRow, index: int) -> None:
            super().__init__()
            self.row = row
            self.index = index

    class Selected(Message):
        """``enter`` or a double click on this brief."""

        def __init__(self, row: BriefRow, index: int) -> None:
            super().__init__()
            self.row = row
            self.index = index

    class _CountLoaded(Message, bubble=False):
        def __init__(
            self,
            generation: int,
            count: int,
            total: int,
            index: int | None,
            page: tuple[int, list[BriefRow]] | None,
            cursor: int,
        ) -> None:
            super().__init__()
            self.generation, self.count, self.total, self.index = generation, count, total, index
            self.page = page
            self.cursor = cursor

    class _PageLoaded(Message, bubble=False):
        def __init__(self, generation: int, page: int, rows: list[BriefRow] | None) -> None:
            super().__init__()
            self.generation, self.page, self.rows = generation, page, rows

    def __init__(
        self,
        store: Callable[[], Listing] | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._store_factory = store
        self.count: int | None = None
        """Rows in the list, ``None`` until the first count arrives."""
        self.total: int | None = None
        """Briefs in the library, ignoring the tag filter."""
        self.tag: str | None = None
        self._generation = 0
        self._pages: LRUCache[int, list[BriefRow]] = LRUCache(self.PAGE_CACHE)
        self._pending: set[int] = set()
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._looks = ComponentStyles(self)
        self._announced: tuple[str, int] | None = None
        self._provisional = False  # count is the first page's length until counted
        self._announce_later: asyncio.TimerHandle | None = None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        reader_app(self).report_failed_worker(event)

    # -- data ------------------------------------------------------------------------
    @property
    def store(self) -> Listing:
        """The list's queries need only a :class:`~briefing.store.Listing` (light to import)."""
        return self._store_factory() if self._store_factory else reader_app(self).list_store

    def reload(
        self,
        *,
        tag: str | type[Ellipsis] | None = ...,
        keep: str | None = None,
        first_page_now: bool = False,
    ) -> None:
        """Recount and refetch (after a sync, a fetch or a tag change).

        ``keep``: a brief id to put the cursor on afterwards (default: the current one).
        ``first_page_now``: the reader's start, the cursor on the newest brief: its page
        is read here rather than in the worker, so the first frame shows briefs. It is
        one walk of ``PAGE_SIZE`` entries of the date index, whatever the library's size
        (about a millisecond; the count, which grows with the library, stays in the worker).
        """
        cursor = self.cursor
        if tag is not ... and tag != self.tag:
            self.tag = tag  # type: ignore[assignment]
            cursor = 0  # another list: if ``keep`` is not in it, start at the top
        if keep is None and (row := self.highlighted_row) is not None:
            keep = row.id
        self._generation += 1
        self._pages.clear()
        self._pending.clear()
        self._strips.clear()
        generation, tag_now = self._generation, self.tag
        self._provisional = False
        if first_page_now and keep is None and cursor == 0 and self.count is None:
            self._first_page_now(tag_now)
        self.run_worker(
            lambda: self._count_work(generation, tag_now, keep, cursor),
            thread=True,
            exit_on_error=False,
            group="brief-list-count",
            exclusive=True,
            name="count the briefs",
        )

    def _first_page_now(self, tag: str | None) -> None:
        try:
            rows = self.store.list_briefs(offset=0, limit=self.PAGE_SIZE, tag=tag)
        except StoreError:
            return  # the worker tries again, and reports what fails
        self._pages.set(0, rows)
        # Provisional until the count arrives: the rows at hand (the cursor cannot leave
        # them meanwhile); ``Counted`` is posted only for the real count.
        self.count = len(rows)
        self._provisional = True

    def select_brief(self, brief_id: str) -> None:
        """Move the cursor to this brief (the caller clears a tag filter hiding it)."""
        self.reload(keep=brief_id)

    def _count_work(self, generation: int, tag: str | None, keep: str | None, cursor: int) -> None:
        """Count, find ``keep``, and fetch the page the cursor lands on: one round trip."""
        store = self.store
        count = store.count_briefs(tag=tag)
        total = count if tag is None else store.count_briefs()
        index = store.brief_index(keep, tag=tag) if keep else None
        target = index if index is not None else max(0, min(cursor, count - 1))
        page_no = target // self.PAGE_SIZE
        rows = store.list_briefs(offset=page_no * self.PAGE_SIZE, limit=self.PAGE_SIZE, tag=tag)
        page = (page_no, rows) if count else None
        self.post_message(self._CountLoaded(generation, count, total, index, page, target))

    def _page_work(self, generation: int, page: int, tag: str | None) -> None:
        if generation != self._generation or not self._page_wanted(page):
            self.post_message(self._PageLoaded(generation, page, None))
            return
        rows = self.store.list_briefs(offset=page * self.PAGE_SIZE, limit=self.PAGE_SIZE, tag=tag)
        self.post_message(self._PageLoaded(generation, page, rows))

    def _page_wanted(self, page: int) -> bool:
        """Still on screen or near the cursor? (Pages scrolled past are not fetched.)"""
        first, last = self._visible_rows()
        pages = {first // self.PAGE_SIZE, last // self.PAGE_SIZE, self.cursor // self.PAGE_SIZE}
        return any(abs(page - p) <= 1 for p in pages)

    def _request_page(self, page: int) -> None:
        if page < 0 or page in self._pending or self._pages.get(page) is not None:
            return
        if self.count is not None and page * self.PAGE_SIZE >= self.count:
            return
        self._pending.add(page)
        generation, tag = self._generation, self.tag
        self.run_worker(
            lambda: self._page_work(generation, page, tag),
            thread=True,
            exit_on_error=False,
            group="brief-list-pages",
            name=f"load list page {page + 1}",
        )

    def row(self, index: int) -> BriefRow | None:
        """The row at ``index`` if fetched; otherwise starts fetching it and returns None."""
        if self.count is None or not 0 <= index < self.count:
            return None
        page, offset = divmod(index, self.PAGE_SIZE)
        rows = self._pages.get(page)
        if rows is None:
            self._request_page(page)
            return None
        return rows[offset] if offset < len(rows) else None

    @property
    def highlighted_row(self) -> BriefRow | None:
        return self.row(self.cursor) if self.count else None

    def update_row(self, brief_id: str, **changes: object) -> None:
        """Change a cached row in place (e.g. ``read=True``) and repaint it."""
        for page in list(self._pages.keys()):
            rows = self._pages.get(page)
            if not rows:
                continue
            for i, row in enumerate(rows):
                if row.id == brief_id:
                    rows[i] = dataclasses.replace(row, **changes)  # type: ignore[arg-type]
                    self._strips.clear()
                    self.refresh()
                    return

    # -- messages --------------------------------------------------------------------
    def on_brief_list__count_loaded(self, message: _CountLoaded) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self.count, self.total = message.count, message.total
        if message.page is not None:
            self._pages.set(*message.page)
        self.virtual_size = Size(self.scrollable_content_region.width, self.count * self.ROW_HEIGHT)
        self._announced = None
        target = message.index if message.index is not None else message.cursor
        if self._provisional and message.index is None:
            target = self.cursor  # moved on the first page before the count came: stay
        self._provisional = False
        target = max(min(target, self.count - 1), 0)
        if target == self.cursor:
            self._cursor_moved(target)
        else:
            self.cursor = target
        self.post_message(self.Counted(self.count, self.total, self.tag))
        self.refresh()

    def on_brief_list__page_loaded(self, message: _PageLoaded) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self._pending.discard(message.page)
        if message.rows is None:
            return
        self._pages.set(message.page, message.rows)
        self.refresh()
        if self.cursor // self.PAGE_SIZE == message.page:
            self._announce(wait=False)  # it waited for the page already

    # -- cursor ----------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        if not self.count:
            return 0
        return max(0, min(value, self.count - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        # Repaint just the two rows that changed (scrolling repaints the rest itself).
        self.refresh_lines(old * self.ROW_HEIGHT, self.ROW_HEIGHT)
        self._cursor_moved(new, repaint_all=False)

    def _cursor_moved(self, index: int, *, repaint_all: bool = True) -> None:
        if self.count:
            top, view = self.scroll_offset.y, self.scrollable_content_region.height
            row_top = index * self.ROW_HEIGHT
            if not top <= row_top <= top + view - self.ROW_HEIGHT:  # off screen
                self.scroll_to_region(
                    Region(0, row_top, 1, self.ROW_HEIGHT), animate=False, immediate=True
                )
            page, offset = divmod(index, self.PAGE_SIZE)
            if offset < self.PREFETCH:
                self._request_page(page - 1)
            if offset >= self.PAGE_SIZE - self.PREFETCH:
                self._request_page(page + 1)
        if repaint_all:
            self.refresh()
        else:
            self.refresh_lines(index * self.ROW_HEIGHT, self.ROW_HEIGHT)
        self._announce()

    def _announce(self, *, wait: bool = True) -> None:
        """Post :class:`Highlighted` once the cursor's row is known (after its page loads)
        and has rested there for ``REST_DELAY`` (at once for the first row shown).

        The wait is a plain event-loop timer, not a Textual ``Timer``: it is replaced on
        every ``j``, and a ``Timer`` is a task to create and cancel each time.
        """
        if self._announce_later is not None:
            self._announce_later.cancel()
            self._announce_later = None
        row = self.highlighted_row
        if row is None or (row.id, self.cursor) == self._announced:
            return
        if wait and self._announced is not None and self.REST_DELAY > 0:
            self._announce_later = asyncio.get_running_loop().call_later(
                self.REST_DELAY, self.call_later, self._announce_now
            )
            return
        self._announced = (row.id, self.cursor)
        self.post_message(self.Highlighted(row, self.cursor))

    def _announce_now(self) -> None:
        self._announce(wait=False)

    def on_unmount(self) -> None:
        if self._announce_later is not None:
            self._announce_later.cancel()

    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height // self.ROW_HEIGHT)

    # The moves are CursorList's; here is what they mean for this list.
    @property
    def row_count(self) -> int:
        return self.count or 0

    def row_start(self, index: int) -> int:
        return index * self.ROW_HEIGHT

    @property
    def line_count(self) -> int:
        return self.row_count * self.ROW_HEIGHT

    def row_at_line(self, line: int) -> int | None:
        index = line // self.ROW_HEIGHT
        return index if 0 <= index < self.row_count else None

    def page_target(self, direction: Direction) -> int:
        """A screenful of rows on (the rows are all ``ROW_HEIGHT`` lines)."""
        return self.cursor + direction * self._page_rows()

    def click_row(self, index: int, chain: int) -> None:
        self.cursor = index
        if chain >= 2:
            self.action_select()

    def action_select(self) -> None:
        row = self.highlighted_row
        if row is not None:
            self.post_message(self.Selected(row, self.cursor))

    # -- rendering -------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._looks.clear()

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        height = 3 if 0 < width < self.WRAP_BELOW else 2
        rows_changed = height != self.ROW_HEIGHT
        self.ROW_HEIGHT = height  # type: ignore[misc]  # per instance, by width
        if self.count is not None:
            self.virtual_size = Size(width, self.count * self.ROW_HEIGHT)
            if rows_changed:
                self.scroll_to(y=self.cursor * self.ROW_HEIGHT, animate=False, immediate=True)
        self._strips.clear()

    def _visible_rows(self) -> tuple[int, int]:
        top = self.scroll_offset.y // self.ROW_HEIGHT
        return top, top + self._page_rows() + 1

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._looks.base()
        if self.count is None:
            return self._message_line(y, width, base, "Loading the library…")
        if self.count == 0:
            lines = ["No briefs here yet."]
            if self.tag:
                lines.append(f"None tagged #{self.tag}: escape clears the filter.")
            else:
                lines.append("Add brief files to a synced folder, or press r to fetch.")
            return self._message_line(y, width, base, *lines)
        line = self.scroll_offset.y + y
        index, part = divmod(line, self.ROW_HEIGHT)
        if index >= self.count:
            return Strip.blank(width, base)
        row = self.row(index)
        is_cursor = index == self.cursor
        focused = self.has_focus
        key = (row, index if row is None else None, part, width, is_cursor, focused)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_row(row, part, width, base, is_cursor)
            self._strips.set(key, strip)
        return strip

    def _message_line(self, y: int, width: int, base: Style, *lines: str) -> Strip:
        if not 1 <= y <= len(lines):
            return Strip.blank(width, base)
        style = self._looks.fg("brief-list--meta")
        text = Text(" " + lines[y - 1], style=style, no_wrap=True, overflow="ellipsis")
        return self._strip(text, width, base)

    def _render_row(
        self, row: BriefRow | None, part: int, width: int, base: Style, is_cursor: bool
    ) -> Strip:
        if is_cursor:
            # The cursor row: one colour on the cursor background, meta dimmed.
            cursor = self._looks.full("brief-list--cursor")
            line = base + cursor
            title = self._looks.fg("brief-list--cursor")
            meta = title + Style(dim=True)
        else:
            line = base
            title = self._looks.fg("brief-list--title")
            meta = self._looks.fg("brief-list--meta")
        if row is None:
            placeholder = self._looks.fg("brief-list--placeholder")
            text = Text("  ···" if part == 0 else "", style=placeholder)
            return self._strip(text, width, line)
        text = Text(no_wrap=True, overflow="ellipsis")
        draft = DRAFT_TAG in row.tags
        titles = self._title_lines(row.title, width - (len(DRAFT_MARK) if draft else 0))
        title_style = title + Style(bold=not row.read)
        if part == 0:
            if row.read:
                text.append("  ")
            else:
                text.append(UNREAD, self._looks.fg("brief-list--unread"))
                text.append(" ")
            if draft:
                text.append(DRAFT_MARK, meta + Style(italic=True))
            text.append(titles[0], title_style)
        elif part < len(titles):
            text.append("  ")
            text.append(titles[part], title_style)
        elif part == len(titles):
            text.append("  ")
            text.append(row.date, meta)
            if row.tags:
                text.append("  " + " ".join(f"#{one_line(t)}" for t in row.tags), meta)
        return self._strip(text, width, line)

    def _title_lines(self, title: str, width: int) -> list[str]:
        """The title on one line, or word-wrapped onto two when rows have three lines
        (the second ends in an ellipsis if even that is too short)."""
        title = one_line(title)
        room = max(width - 3, 1)  # the leading space, the unread mark and its space
        text = Text(title)
        if self.ROW_HEIGHT < 3 or text.cell_len <= room:
            return [title]
        first, *rest = text.wrap(self.app.console, room, overflow="fold")
        # The rest on the second line; _strip ends it with an ellipsis if too long.
        return [first.plain.rstrip(), " ".join(line.plain.strip() for line in rest)]

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        """One line: ``text`` over the line style ``style`` (background), padded to ``width``."""
        text.truncate(max(width - 1, 0), overflow="ellipsis")
        segments = [Segment(" ", style)]
        for segment in text.render(self.app.console):
            segments.append(
                Segment(segment.text, style + segment.style if segment.style else style)
            )
        return Strip(segments).crop_extend(0, width, style)
