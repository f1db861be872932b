"""The cursor of the reader's lists — ``BriefList``, ``RowList``, ``ItemList`` — one way.

As Textual's own ``_widget_navigation`` does for its lists, where the cursor goes is
worked out by small pure functions from an index, a direction and the rows' count or
lines (:func:`step`, :func:`page_line`); :class:`CursorList` binds them to the moves
every list shares (``j``/``k``, ``g``/``G``, the page keys, a click). A list says how
many rows it has, where they are (their lines), and what moving, clicking and selecting
do; the lists differ only there (the brief list is paged in from the store and moves by
whole screens of two-line rows, the panes' items have no cursor until one is chosen).
"""

from __future__ import annotations

from typing import Literal

from textual import events
from textual.binding import BindingsMap
from textual.scroll_view import ScrollView

from briefing.tui.keys import live_bindings

Direction = Literal[-1, 1]
"""1 moves down the list, -1 up."""


def clamp(index: int, count: int) -> int:
    """``index`` kept inside a list of ``count`` rows (0 for an empty list)."""
    return max(0, min(index, count - 1)) if count > 0 else 0


def step(index: int | None, direction: Direction, count: int) -> int:
    """The row one step from ``index`` in ``direction``, stopping at the ends (no
    wrapping: these lists are long, and wrapping would hide where they end). From no
    cursor at all, the first row."""
    if index is None:
        return 0
    return clamp(index + direction, count)


def page_line(start: int, direction: Direction, view: int, lines: int) -> int:
    """The line about a screen (``view`` lines, one kept in sight) from line ``start``,
    inside the ``lines`` the list has."""
    return max(0, min(start + direction * max(1, view - 1), lines - 1))


class CursorList(ScrollView):
    """A scrolling list with a cursor on one row; rows may be several lines high.

    By default the cursor is the list's ``cursor`` reactive, whose validator keeps it
    inside the list and whose watcher scrolls, repaints and announces the move.
    """

    cursor: int

    _own_keys: tuple[object, BindingsMap] | None = None
    """This list's bindings with the app's keymap applied, and the keymap they are for."""

    # -- keys ------------------------------------------------------------------------
    async def _on_key(self, event: events.Key) -> None:
        """Run a key this list binds here, where the key lands.

        Textual checks a focused widget's bindings only once the key has bubbled through
        every ancestor's message queue back to the app (three queues for the brief list),
        and then builds the whole binding chain again: most of what ``j`` costs besides
        the repaint. The focused widget's own bindings come first in that chain, so
        running them here changes no outcome: priority bindings were checked by the app
        before the key reached the list, and a key the list does not bind, or whose
        action it refuses, goes on as before. Keys stay in order: while an earlier key
        is still on its way up (``4`` then ``j`` typed together: the ``4`` moves the
        focus once it reaches the app), this one follows it the same way.
        """
        bindings = self._key_bindings().key_to_bindings.get(event.key)
        if not bindings or self._keys_in_flight():
            return  # Textual's own handler (next in the class hierarchy), then bubbling
        for binding in bindings:
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.prevent_default()
                event.stop()
                return

    def _key_bindings(self) -> BindingsMap:
        keymap = self.app._keymap
        if self._own_keys is None or self._own_keys[0] is not keymap:
            self._own_keys = (keymap, live_bindings(self.app, self))
        return self._own_keys[1]

    def _keys_in_flight(self) -> bool:
        """An earlier key is still queued in an ancestor, on its way to the app's
        bindings (or this Textual keeps its queues otherwise: then assume so)."""
        for node in self.ancestors:
            queue = getattr(getattr(node, "_message_queue", None), "values", None)
            if queue is None:
                return True
            if isinstance(getattr(node, "_pending_message", None), events.Key):
                return True
            if any(isinstance(message, events.Key) for message in queue):
                return True
        return False

    # -- what a list says ------------------------------------------------------------
    @property
    def row_count(self) -> int:
        raise NotImplementedError

    @property
    def cursor_index(self) -> int | None:
        """The cursor's row; None when no row has it yet."""
        return self.cursor

    def move_cursor(self, index: int) -> None:
        """Put the cursor on row ``index`` (a user's move: the list says so if it moved)."""
        self.cursor = index

    def row_start(self, index: int) -> int:
        """The first line of row ``index``."""
        raise NotImplementedError

    @property
    def line_count(self) -> int:
        """Lines all the rows take."""
        raise NotImplementedError

    def row_at_line(self, line: int) -> int | None:
        """The row on line ``line`` (None past the rows)."""
        raise NotImplementedError

    def click_row(self, index: int, chain: int) -> None:
        """A click (``chain`` 2: a double click) on row ``index``."""
        self.move_cursor(index)

    def row_clicked(self, line: int) -> int | None:
        """The row a click on line ``line`` means (None: the click means nothing)."""
        return self.row_at_line(line)

    # -- the moves -------------------------------------------------------------------
    def action_cursor_down(self) -> None:
        self.move_cursor(step(self.cursor_index, 1, self.row_count))

    def action_cursor_up(self) -> None:
        self.move_cursor(step(self.cursor_index, -1, self.row_count))

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(max(0, self.row_count - 1))

    def page_target(self, direction: Direction) -> int | None:
        """The row a page key moves the cursor to: the one about a screen away."""
        if not self.row_count:
            return None
        start = self.row_start(self.cursor_index or 0)
        view = self.scrollable_content_region.height
        return self.row_at_line(page_line(start, direction, view, self.line_count))

    def action_page_down(self) -> None:
        target = self.page_target(1)
        if target is not None:
            self.move_cursor(target)

    def action_page_up(self) -> None:
        target = self.page_target(-1)
        if target is not None:
            self.move_cursor(target)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.row_clicked(round(self.scroll_offset.y) + offset.y)
        if index is not None:
            self.click_row(index, event.chain)
