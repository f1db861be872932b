"""``?``: every key binding, read from the live bindings (so ``ui.keys`` overrides show)."""

from __future__ import annotations

from typing import Any, ClassVar

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
#: Screen-level keys every Textual screen has: not ours to list.
TEXTUAL_SCREEN_ACTIONS = {"app.focus_next", "app.focus_previous", "screen.copy_text"}
#: Textual's built-in scrolling keys on scrollable widgets: listed once, not per pane.
SCROLL_ACTIONS = {
    "scroll_left",
    "scroll_right",
    "scroll_up",
    "scroll_down",
    "scroll_home",
    "scroll_end",
    "page_left",
    "page_right",
}


def other_screens() -> list[tuple[str, type[DOMNode]]]:
    """The screens besides the main one, whose bindings the help lists (imported here, not
    at start-up: the reader opens without them)."""
    from briefing.tui.screens.actor import ActorScreen
    from briefing.tui.screens.changes import ChangesScreen
    from briefing.tui.screens.question import QuestionScreen
    from briefing.tui.screens.search import SearchScreen
    from briefing.tui.screens.timeline import TimelineScreen
    from briefing.tui.screens.topic import TopicScreen
    from briefing.tui.widgets.across_lists import TopicList

    return [
        ("Actor screen", ActorScreen),
        ("Question screen", QuestionScreen),
        ("Search", SearchScreen),
        ("What changed (c)", ChangesScreen),
        ("Timeline (T)", TimelineScreen),
        ("Who said what (w)", TopicScreen),
        ("Who said what: the list", TopicList),
    ]


def help_sections(app: Any) -> list[tuple[str, list[keys.KeyRow]]]:
    """(section title, rows) for every binding the reader has, keymap applied."""
    from briefing.tui.screens.main import MainScreen

    main = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
    anywhere = keys.key_rows(app, app)
    sections: list[tuple[str, list[keys.KeyRow]]] = [("Anywhere", anywhere)]
    if main is None:
        return sections
    # The main screen repeats "help" (footer order); it is listed under Anywhere.
    sections.append(
        (
            "Main screen",
            keys.key_rows(app, main, skip_actions={"app.help", "screen.copy_text"}),
        )
    )
    sections.append(
        (
            "Brief list (1)",
            keys.key_rows(app, main.query_one("#briefs"), skip_actions=SCROLL_ACTIONS),
        )
    )
    for pane_id, title in (
        ("summary", "Summary (2)"),
        ("actors", "Actors (3)"),
        ("positions", "Positions (4)"),
        ("questions", "Open questions (5)"),
        ("timeline", "Timeline (6)"),
    ):
        rows = keys.key_rows(
            app,
            main.query_one(f"#{pane_id}"),
            skip_ids=MOVE_IDS,
            skip_actions=MOVE_ACTIONS | SCROLL_ACTIONS,
        )
        rows.insert(0, keys.KeyRow("j k g G ↑ ↓", "Move / scroll (as in the list)", ""))
        sections.append((title, rows))
    for title, cls in other_screens():
        sections.append((title, keys.key_rows(app, cls, skip_actions=TEXTUAL_SCREEN_ACTIONS)))
    return sections


def _section(title: str, rows: list[keys.KeyRow]) -> Text:
    """A section as aligned plain columns (keys, what, binding id)."""
    key_width = max(len(r.keys) for r in rows) + 2
    what_width = max(len(r.description) for r in rows) + 2
    text = Text()
    text.append(title, style="bold underline")
    for row in rows:
        text.append("\n")
        text.append(row.keys.ljust(key_width), style="bold")
        text.append(row.description.ljust(what_width))
        text.append(row.binding_id, style="dim")
    return text


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
        & Grid { grid-size: 2; grid-gutter: 1 3; grid-rows: auto; height: auto; }
        &.-narrow Grid { grid-size: 1; }
        & .section { height: auto; }
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
            widgets.append(Static(_section(title, rows), classes="section", markup=False))
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
