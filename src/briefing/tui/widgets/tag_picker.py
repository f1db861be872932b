"""``t``: a small modal listing the library's tags, to filter the brief list by one."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import Worker

from briefing.tui import keys
from briefing.tui.contract import reader_app
from briefing.tui.widgets.safe import one_line

ALL = "\x00all"
"""Option id meaning "no tag filter" (not a valid tag slug, so it cannot collide)."""


class TagOptions(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [*keys.MOVE]


class TagPicker(ModalScreen[str | None]):
    """Dismisses with a tag, ``""`` for all briefs, or ``None`` when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        ("escape", "dismiss_none", "Cancel"),
    ]

    DEFAULT_CSS = """
    TagPicker {
        align: center middle;
        & > Vertical {
            width: 48;
            max-width: 90%;
            height: auto;
            max-height: 80%;
            border: thick $primary 60%;
            background: $surface;
            padding: 0 1;
        }
        & Label { width: 1fr; padding: 0 0 1 0; color: $text-muted; }
        & OptionList { height: auto; max-height: 30; border: none; }
    }
    """

    def __init__(self, current: str | None) -> None:
        super().__init__()
        self.current = current

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        reader_app(self).report_failed_worker(event)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Filter the list by tag (enter), escape cancels", markup=False)
            yield TagOptions(
                Option(Text("Loading tags…", style="dim"), disabled=True), markup=False
            )

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = "Tags"
        self.query_one(TagOptions).focus()
        self._load()

    class _Loaded(Message, bubble=False):
        """The library's tags with their counts."""

        def __init__(self, tags: list[tuple[str, Any]]) -> None:
            super().__init__()
            self.tags = tags

    @work(thread=True, exit_on_error=False, name="list the tags")
    def _load(self) -> None:
        self.post_message(self._Loaded(reader_app(self).store.tags()))

    @on(_Loaded)
    def _loaded(self, message: _Loaded) -> None:
        self._show(message.tags)

    def _show(self, tags: list[tuple[str, Any]]) -> None:
        options = self.query_one(TagOptions)
        items = [Option(Text("All briefs", style="bold"), id=ALL)]
        for tag, count in tags:
            label = Text()
            label.append(f"#{one_line(tag)}")
            label.append(f"  {count}", style="dim")
            items.append(Option(label, id=tag))
        options.set_options(items)
        highlight = 0
        if self.current:
            for n, item in enumerate(items):
                if item.id == self.current:
                    highlight = n
        options.highlighted = highlight

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        if option_id is None:
            return
        self.dismiss("" if option_id == ALL else option_id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
