"""``?``: every key binding, read from the live bindings (so ``ui.keys`` overrides show)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing.tui import keys

MOVE_IDS = {b.id for b in keys.MOVE}
MOVE_ACTIONS = {b.action for b in keys.ARROWS}


def _optional_screens() -> list[tuple[str, type[DOMNode]]]:
    """Other screens' bindings, when those screens are installed."""
    found: list[tuple[str, type[DOMNode]]] = []
    for title, module, name in (
        ("Actor screen", "briefing.tui.screens.actor", "ActorScreen"),
        ("Question screen", "briefing.tui.screens.question", "QuestionScreen"),
        ("Search", "briefing.tui.screens.search", "SearchScreen"),
    ):
        try:
            cls = getattr(__import__(module, fromlist=[name]), name)
        except (ImportError, AttributeError):
            continue
        found.append((title, cls))
    return found


def help_sections(app: Any) -> list[tuple[str, list[keys.KeyRow]]]:
    """(section title, rows) for every binding the reader has, keymap applied."""
    from briefing.tui.screens.main import MainScreen

    main = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
    anywhere = keys.key_rows(app, app)
    sections: list[tuple[str, list[keys.KeyRow]]] = [("Anywhere", anywhere)]
    if main is None:
        return sections
    # The main screen repeats "help" (footer order); it is listed under Anywhere.
    sections.append(("Main screen", keys.key_rows(app, main, skip_actions={"app.help"})))
    sections.append(("Brief list (1)", keys.key_rows(app, main.query_one("#briefs"))))
    for pane_id, title in (
        ("summary", "Summary (2)"),
        ("actors", "Actors (3)"),
        ("positions", "Positions (4)"),
        ("questions", "Open questions (5)"),
        ("timeline", "Timeline (6)"),
    ):
        rows = keys.key_rows(
            app, main.query_one(f"#{pane_id}"), skip_ids=MOVE_IDS, skip_actions=MOVE_ACTIONS
        )
        if pane_id == "summary":
            rows.insert(
                0, keys.KeyRow("j, k, g, G", "Scroll", "cursor_down, cursor_up, first, last")
            )
        sections.append((title, rows))
    for title, cls in _optional_screens():
        sections.append((title, keys.key_rows(app, cls)))
    return sections


def _table(rows: list[keys.KeyRow]) -> Table:
    table = Table.grid(padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True, min_width=10)
    table.add_column()
    table.add_column(style="dim", no_wrap=True)
    for row in rows:
        table.add_row(Text(row.keys), Text(row.description), Text(row.binding_id))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [*keys.HELP]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > Vertical {
            width: 96%;
            max-width: 150;
            height: 94%;
            border: thick $primary 60%;
            background: $surface;
        }
        & VerticalScroll { height: 1fr; padding: 0 1; }
        & Grid { grid-size: 2; grid-gutter: 0 3; height: auto; }
        &.-narrow Grid { grid-size: 1; }
        & .section { height: auto; margin-bottom: 1; }
        & #help-foot { height: auto; color: $text-muted; padding: 0 1; }
    }
    """

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll(id="help-scroll"):
                yield Grid(id="help-grid")
            yield Static(
                Text(
                    'Change any key in config.yaml: ui: keys: {binding id: "keys"}, '
                    'e.g. next_actor: "n,right_square_bracket".  escape closes.'
                ),
                id="help-foot",
                markup=False,
            )

    def on_mount(self) -> None:
        box = self.query_one(Vertical)
        box.border_title = "Keys"
        grid = self.query_one("#help-grid", Grid)
        widgets = []
        for title, rows in help_sections(self.app):
            if not rows:
                continue
            body = Group(Text(title, style="bold underline"), _table(rows))
            widgets.append(Static(body, classes="section", markup=False))
        grid.mount_all(widgets)
        self.query_one("#help-scroll").focus()

    @property
    def text(self) -> str:
        """Plain text of every section (for tests)."""
        return "\n\n".join(
            f"{title}\n{keys.describe(rows)}" for title, rows in help_sections(self.app)
        )

    def action_close(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one("#help-scroll", VerticalScroll).scroll_down()

    def action_cursor_up(self) -> None:
        self.query_one("#help-scroll", VerticalScroll).scroll_up()

    def action_first(self) -> None:
        self.query_one("#help-scroll", VerticalScroll).scroll_home()

    def action_last(self) -> None:
        self.query_one("#help-scroll", VerticalScroll).scroll_end()
