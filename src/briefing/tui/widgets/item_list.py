"""``ItemList``: a short list of multi-line items with a cursor, on Textual's Line API
(and ``LinesView``, its base, which the summary pane uses too).

The brief panes (actors, positions, questions, timeline) show a dozen items or so, each
several wrapped lines. Textual's ``OptionList`` did this at about six times the cost of
rendering the items themselves (its per-option visuals, measuring and restyling), and
the panes are redrawn on every brief the cursor rests on. Here each item is rendered
once per width to strips; a frame only picks lines out of them, and the cursor's item
gets the cursor style laid under its own colours.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import ClassVar

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.tui import keys
from briefing.tui.widgets.cursor import CursorList

SEPARATOR = "─"


class LinesView(ScrollView):
    """Content rendered to strips once per width (``build_lines``); a frame only picks
    lines out of them, each laid over ``line_style``. A new content or width renders
    again; a repaint never does, and nothing here asks the screen for a layout."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._width = -1  # the width _lines were rendered at
        self._lines: list[Strip] = []

    def build_lines(self, width: int) -> list[Strip]:
        """The whole content at ``width`` columns."""
        raise NotImplementedError

    def line_style(self, line: int, base: Style) -> Style:
        """The style under line ``line`` (the widget's own, unless overridden)."""
        return base

    def _invalidate(self) -> None:
        self._width = -1
        self._layout()
        self.refresh()

    def _layout(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._width:
            return
        self._width = width
        self._lines = self.build_lines(width)
        self.virtual_size = Size(width, len(self._lines))

    def on_resize(self, event: events.Resize) -> None:
        self._layout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._width = -1  # colours baked into the lines may have changed

    def render_line(self, y: int) -> Strip:
        self._layout()
        base = self.rich_style
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        if not 0 <= line < len(self._lines):
            return Strip.blank(width, base)
        under = self.line_style(line, base)
        return self._lines[line].apply_style(under).extend_cell_length(width, under).crop(0, width)


class ScrollKeys(LinesView):
    """The list keys for a view without a cursor (the summary, a diff): they scroll it."""

    def action_cursor_down(self) -> None:
        self.scroll_down(animate=False)

    def action_cursor_up(self) -> None:
        self.scroll_up(animate=False)

    def action_first(self) -> None:
        self.scroll_home(animate=False)

    def action_last(self) -> None:
        self.scroll_end(animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)


class ItemList(LinesView, CursorList, can_focus=True):
    """Items separated by a rule; ``highlighted`` is the cursor (``None``: none yet)."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.MOVE, *keys.ARROWS]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"item-list--cursor", "item-list--separator"}

    DEFAULT_CSS = """
    ItemList {
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
        & > .item-list--cursor {
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .item-list--cursor {
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .item-list--separator { color: $foreground 15%; }
    }
    """

    class Highlighted(Message):
        """The user moved the cursor to ``index`` (keys or mouse; not when set in code)."""

        def __init__(self, item_list: ItemList, index: int) -> None:
            super().__init__()
            self.item_list = item_list
            self.index = index

        @property
        def control(self) -> ItemList:
            return self.item_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._prompts: list[RenderableType] = []
        self._empty: RenderableType | None = None
        self._highlighted: int | None = None
        self._item_of_line: list[int] = []  # -1 on separators and the empty text
        self._starts: list[int] = []  # first line of each item

    # -- data ----------------------------------------------------------------------
    def set_prompts(
        self,
        prompts: Sequence[RenderableType],
        *,
        highlighted: int | None = None,
        empty: RenderableType | None = None,
    ) -> None:
        """Replace every item (``empty`` is shown when there are none)."""
        self._prompts = list(prompts)
        self._empty = empty
        in_range = highlighted is not None and 0 <= highlighted < len(prompts)
        self._highlighted = highlighted if in_range else None
        self._invalidate()

    def replace_prompt(self, index: int, prompt: RenderableType) -> None:
        if 0 <= index < len(self._prompts):
            self._prompts[index] = prompt
            self._invalidate()

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        """Move the cursor in code (no :class:`Highlighted` message)."""
        if index is not None and not 0 <= index < len(self._prompts):
            index = None
        if index != self._highlighted:
            self._highlighted = index
            self.refresh()
            self._scroll_to_cursor()

    # -- layout and rendering ------------------------------------------------------
    def build_lines(self, width: int) -> list[Strip]:
        """Every item at the content width (a dozen items: cheap, and the scrollbar
        needs the total height anyway), a rule between them."""
        console = self.app.console
        options = console.options.update(width=width, height=None, highlight=False)
        lines: list[Strip] = []
        owners: list[int] = []
        starts: list[int] = []
        rule = Strip(
            [Segment(SEPARATOR * width, self.get_component_rich_style("item-list--separator"))]
        )
        for n, prompt in enumerate(self._prompts):
            if n:
                lines.append(rule)
                owners.append(-1)
            starts.append(len(lines))
            for line in console.render_lines(prompt, options, pad=False):
                lines.append(Strip(line))
                owners.append(n)
        if not self._prompts and self._empty is not None:
            for line in console.render_lines(self._empty, options, pad=False):
                lines.append(Strip(line))
                owners.append(-1)
        self._item_of_line, self._starts = owners, starts
        return lines

    def line_style(self, line: int, base: Style) -> Style:
        """The cursor's style under the cursor's item, under its own colours."""
        if self._highlighted is not None and self._item_of_line[line] == self._highlighted:
            return base + self.get_component_rich_style("item-list--cursor")
        return base

    # -- cursor --------------------------------------------------------------------
    def _item_span(self, index: int) -> tuple[int, int]:
        start = self._starts[index]
        end = self._starts[index + 1] - 1 if index + 1 < len(self._starts) else len(self._lines)
        return start, end - start

    def _scroll_to_cursor(self) -> None:
        if self._highlighted is None or not self._starts:
            return
        start, height = self._item_span(self._highlighted)
        self.scroll_to_region(Region(0, start, 1, height), animate=False, immediate=True)

    def _move_to(self, index: int) -> None:
        if not self._prompts:
            return
        index = max(0, min(index, len(self._prompts) - 1))
        if index != self._highlighted:
            self.highlighted = index
            self.post_message(self.Highlighted(self, index))

    def ensure_highlight(self) -> None:
        """Put the cursor on the first item if none is under it (a focused list always
        has one, so ``enter`` acts at once)."""
        if self._highlighted is None and self._prompts:
            self._move_to(0)

    def _item_at_line(self, line: int) -> int | None:
        if not self._starts or line < 0 or line >= len(self._lines):
            return None
        return bisect_right(self._starts, line) - 1

    # The moves are CursorList's; here is what they mean for this list.
    @property
    def row_count(self) -> int:
        return len(self._prompts)

    @property
    def cursor_index(self) -> int | None:
        return self._highlighted

    def move_cursor(self, index: int) -> None:
        self._move_to(index)

    def row_start(self, index: int) -> int:
        return self._starts[index] if index < len(self._starts) else 0  # 0: not laid out

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def row_at_line(self, line: int) -> int | None:
        return self._item_at_line(line)

    def row_clicked(self, line: int) -> int | None:
        index = self._item_at_line(line)
        if index is None or self._item_of_line[line] == -1:  # a rule, or the empty text
            return None
        return index

    def click_row(self, index: int, chain: int) -> None:
        """A click on an item chooses it."""
        self._move_to(index)
        self.action_select()

    def action_select(self) -> None:
        """``enter``: the subclass says what selecting an item does."""
