"""The what-changed screen (``c`` on a brief with earlier versions): two versions of one
brief compared field by field, as ``briefing diff`` shows them.

The history and both versions are read in a thread worker, which posts a
:class:`ChangesScreen.Loaded` message; ``[``/``]`` step to the older or newer pair of
versions. The diff is drawn on the Line API (:class:`LinesView`): rendered once per
width, and a brief's diff is a few dozen lines.
"""

from __future__ import annotations

from typing import ClassVar

from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Static
from textual.worker import get_current_worker

from briefing.diff import BriefDiff, diff_lines, load_diff
from briefing.errors import BriefingError
from briefing.store import VersionRow
from briefing.text import clean, one_line
from briefing.tui import keys
from briefing.tui.contract import reader_app
from briefing.tui.messages import LibraryChanged, OpenBrief
from briefing.tui.widgets.chrome import KeyBar
from briefing.tui.widgets.item_list import ScrollKeys


class DiffView(ScrollKeys, can_focus=True):
    """The diff's lines, coloured by kind; scrolls with the reader's movement keys."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.MOVE, *keys.ARROWS]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "diff--heading",
        "diff--added",
        "diff--removed",
        "diff--changed",
        "diff--context",
    }

    DEFAULT_CSS = """
    DiffView {
        height: 1fr;
        padding: 0 1;
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
        & > .diff--heading { color: $text-accent; text-style: bold underline; }
        & > .diff--added { color: $text-success; }
        & > .diff--removed { color: $text-error; }
        & > .diff--changed { color: $text-warning; text-style: bold; }
        & > .diff--context { color: $text-muted; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[tuple[str, str]] = []
        self.empty = Text("Loading…", style="dim italic")

    def show(self, lines: list[tuple[str, str]], empty: Text | None = None) -> None:
        self.lines = lines
        if empty is not None:
            self.empty = empty
        self._invalidate()
        self.scroll_home(animate=False, immediate=True)

    def _style(self, kind: str) -> Style:
        if kind == "field":
            return Style()
        return self.get_component_rich_style(f"diff--{kind}", partial=True)

    def build_lines(self, width: int) -> list[Strip]:
        console = self.app.console
        options = console.options.update(width=width, height=None, highlight=False)
        out: list[Strip] = []
        if not self.lines:
            return [Strip(line) for line in console.render_lines(self.empty, options, pad=False)]
        for kind, line in self.lines:
            body = line.lstrip(" ")
            indent = len(line) - len(body)
            text = Text(clean(body), style=self._style(kind), overflow="fold")
            # A wrapped line keeps the indent of the field it belongs to.
            for rendered in console.render_lines(Padding(text, (0, 0, 0, indent)), options):
                out.append(Strip(rendered))
        return out


class ChangesScreen(Screen[None]):
    """What changed between two versions of one brief (by default the last change)."""

    AUTO_FOCUS = "#changes-diff"

    DEFAULT_CSS = """
    ChangesScreen #changes-head {
        height: auto;
        padding: 0 1;
        background: $panel;
        border-bottom: solid $primary;
        /* One line each, cut at the width: the diff below keeps the room. */
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("left_square_bracket", "step(-1)", "Older change", id="older_change"),
        Binding("right_square_bracket", "step(1)", "Newer change", id="newer_change"),
        Binding("enter", "open_brief", "Open brief", id="select"),
    ]

    class Loaded(Message):
        """The history and the diff of one pair of versions (or why there is none)."""

        def __init__(
            self, generation: int, history: list[VersionRow], diff: BriefDiff | str
        ) -> None:
            super().__init__()
            self.generation, self.history, self.diff = generation, history, diff

    def __init__(self, brief_id: str, *, to_version: int | None = None) -> None:
        super().__init__()
        self.brief_id = brief_id
        self.to_version = to_version  # None: the current version
        self.history: list[VersionRow] = []
        self.diff: BriefDiff | None = None
        self._generation = 0

    def compose(self) -> ComposeResult:
        yield Static(Text(one_line(self.brief_id), "bold"), id="changes-head")
        yield DiffView(id="changes-diff")
        yield KeyBar()

    def on_mount(self) -> None:
        self._request()

    def on_library_changed(self, message: LibraryChanged) -> None:
        """A newer version may have arrived: show the latest change again."""
        self.to_version = None
        self._request()

    def _request(self) -> None:
        self._generation += 1
        self._load(self.brief_id, self.to_version, self._generation)

    @work(thread=True, exclusive=True, group="changes-screen")
    def _load(self, brief_id: str, to_version: int | None, generation: int) -> None:
        store = reader_app(self).store
        history: list[VersionRow] = []
        diff: BriefDiff | str
        try:
            history = store.brief_history(brief_id)
            if len(history) < 2:
                diff = "This brief has one version: nothing has changed."
            else:
                diff = load_diff(store, brief_id, None, to_version)
        except BriefingError as exc:  # the store turns SQLite errors into StoreError
            diff = f"Cannot read the library: {exc}"
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(generation, history, diff))

    def on_changes_screen_loaded(self, message: Loaded) -> None:
        if message.generation != self._generation:
            return
        self.history = message.history
        view = self.query_one(DiffView)
        head = self.query_one("#changes-head", Static)
        if isinstance(message.diff, str):
            self.diff = None
            head.update(self._head(None))
            view.show([], Text(one_line(message.diff), style="italic"))
            return
        self.diff = message.diff
        self.to_version = message.diff.new_version
        head.update(self._head(message.diff))
        lines = diff_lines(message.diff)
        view.show(lines, Text("No differences between these versions.", style="dim italic"))

    def _head(self, diff: BriefDiff | None) -> Text:
        """Title, which versions, and where each came from."""
        current = self.history[-1] if self.history else None
        text = Text(one_line(current.title if current else self.brief_id), "bold")
        if diff is None:
            return text
        rows = {r.version: r for r in self.history}
        text.append(
            f"\nversion {diff.old_version} → {diff.new_version} of {len(self.history)}", "bold"
        )
        text.append("   [ older · ] newer", "dim")
        for n in (diff.old_version, diff.new_version):
            row = rows.get(n)
            if row is None:
                continue
            text.append(f"\n  v{n}  ", "dim")
            text.append(row.updated or "(no updated)")
            text.append(f"  from {one_line(row.origin or 'unknown source')}", "dim")
        return text

    # -- actions -------------------------------------------------------------------
    def action_step(self, delta: int) -> None:
        if self.diff is None:
            self.app.bell()
            return
        target = self.diff.new_version + delta
        numbers = [r.version for r in self.history]
        if target not in numbers or target - 1 not in numbers:
            self.app.bell()
            return
        self.to_version = target
        self._request()

    def action_open_brief(self) -> None:
        self.post_message(OpenBrief(self.brief_id))

    def action_back(self) -> None:
        self.dismiss()
