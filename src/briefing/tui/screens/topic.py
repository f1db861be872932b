"""The topic screen (``w``, or "Who said what" in the palette): every actor's stated
positions on a topic, one row per actor with its stance trail across dates.

Typing is debounced and each query runs in a thread worker that posts
:class:`TopicScreen.Loaded`. ``↓``/``↑`` move between actors (also while typing),
``←``/``→`` along the highlighted actor's trail, ``enter`` opens the chosen position's
brief.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from briefing.errors import BriefingError
from briefing.store import PositionRow
from briefing.text import clean, one_line
from briefing.topic import ActorStances, by_actor, said_on
from briefing.tui.contract import reader_app
from briefing.tui.messages import LibraryChanged, OpenBrief
from briefing.tui.screens.timeline import SCREEN_CSS
from briefing.tui.widgets.across_lists import TopicList
from briefing.tui.widgets.actor_timeline import QuoteBlock
from briefing.tui.widgets.chrome import KeyBar
from briefing.tui.widgets.row_list import RowList

DEBOUNCE = 0.2
#: Positions gathered per query: the newest, when more match.
LIMIT = 5000
HINT = "Type a topic: positions whose topic, wording or quote hold every word."


class TopicScreen(Screen[None]):
    """Who said what on a topic, by actor."""

    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-short"), (36, "-tall")]
    AUTO_FOCUS = "#topic-input"
    DEFAULT_CSS = (
        SCREEN_CSS.format(name="TopicScreen")
        + """
    TopicScreen #topic-input { margin: 1 1 0 1; }
    TopicScreen #topic-status { height: 1; padding: 0 2; color: $text-muted; }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("down", "actor_down", "Next actor", show=False),
        Binding("up", "actor_up", "Previous actor", show=False),
    ]

    class Loaded(Message):
        """The actors and their positions for one query (or why there are none)."""

        def __init__(
            self,
            generation: int,
            query: str,
            actors: list[ActorStances],
            truncated: bool,
            error: str | None,
        ) -> None:
            super().__init__()
            self.generation, self.query, self.actors = generation, query, actors
            self.truncated, self.error = truncated, error

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial_query = query
        self.actors: list[ActorStances] = []
        self._generation = 0
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Input(
            value=self.initial_query,
            placeholder="Topic, e.g. weapons inside Russia…",
            id="topic-input",
            select_on_focus=False,
        )
        yield Static(Text(HINT), id="topic-status")
        yield TopicList(id="topic-list", classes="across-list", empty_text="")
        yield Static(id="topic-detail", classes="across-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.initial_query.strip():
            self._start(self.initial_query)

    def on_library_changed(self, message: LibraryChanged) -> None:
        if self.query_text.strip():
            self._start(self.query_text)

    @property
    def query_text(self) -> str:
        return self.query_one("#topic-input", Input).value

    # -- querying ------------------------------------------------------------------
    @on(Input.Changed, "#topic-input")
    def _changed(self, event: Input.Changed) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE, lambda: self._start(self.query_text))

    @on(Input.Submitted, "#topic-input")
    def _submitted(self, event: Input.Submitted) -> None:
        """``enter`` in the input: search now, and move to the list."""
        event.stop()
        self._start(event.value)
        self.query_one(TopicList).focus()

    def _start(self, query: str) -> None:
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        self._generation += 1
        if not query.strip():
            self.post_message(self.Loaded(self._generation, query, [], False, None))
            return
        self.query_one("#topic-status", Static).update(Text("searching…", "dim"))
        self._load(query, self._generation)

    @work(thread=True, exclusive=True, group="topic-screen")
    def _load(self, query: str, generation: int) -> None:
        store = reader_app(self).store
        actors: list[ActorStances] = []
        truncated, error = False, None
        try:
            positions, truncated = store.topic_positions(query, limit=LIMIT)
            actors = by_actor(positions)
        except BriefingError as exc:  # the store turns SQLite errors into StoreError
            error = str(exc)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(generation, query, actors, truncated, error))

    def on_topic_screen_loaded(self, message: Loaded) -> None:
        if message.generation != self._generation:
            return
        self.actors = message.actors
        status = self.query_one("#topic-status", Static)
        if message.error is not None:
            status.update(Text(f"search failed: {one_line(message.error)}", "bold red"))
        elif not message.query.strip():
            status.update(Text(HINT, "dim"))
        elif not message.actors:
            status.update(Text("no position matches", "italic"))
        else:
            n = len(message.actors)
            positions = sum(len(a.positions) for a in message.actors)
            line = Text(f"{n} actor{'' if n == 1 else 's'}, {positions} positions")
            if message.truncated:
                line.append(f" (the newest {LIMIT:,})")
            line.append("  ↓↑ actor · ←→ stance · enter opens its brief", "dim")
            status.update(line)
        self.query_one(TopicList).set_rows(message.actors)
        if not message.actors:
            self._show_detail(None)

    # -- the chosen position -------------------------------------------------------
    @on(RowList.Highlighted, "#topic-list")
    @on(TopicList.Chosen)
    def _highlighted(self) -> None:
        self._show_detail(self.query_one(TopicList).chosen)

    def _show_detail(self, p: PositionRow | None) -> None:
        self.query_one("#topic-detail", Static).update(self._detail(p), layout=False)

    def _detail(self, p: PositionRow | None) -> RenderableType:
        if p is None:
            return Text()
        head = Text(one_line(p.actor_name), "bold")
        head.append(f"  {one_line(p.stance or 'no stance')}", "italic")
        head.append(f"  {said_on(p)}", "dim")
        parts: list[RenderableType] = [
            head,
            Text(one_line(p.topic), "bold"),
            Text(clean(p.position)),
        ]
        if p.quote:
            bar = self.app.current_theme.secondary or "magenta"
            parts.append(QuoteBlock(Text(f"“{clean(p.quote)}”", "italic"), bar))
        source = Text(f"{p.brief_date} · {one_line(p.brief_title)}", "dim")
        if p.attribution:
            source.append(f" · {one_line(p.attribution)}", "dim")
        parts.append(source)
        return Group(*parts)

    # -- actions -------------------------------------------------------------------
    @on(RowList.Selected, "#topic-list")
    def _selected(self, event: RowList.Selected[ActorStances]) -> None:
        chosen = self.query_one(TopicList).chosen
        if chosen is not None:
            self.post_message(OpenBrief(chosen.brief_id))

    def action_actor_down(self) -> None:
        self.query_one(TopicList).action_cursor_down()

    def action_actor_up(self) -> None:
        self.query_one(TopicList).action_cursor_up()

    def action_back(self) -> None:
        self.dismiss()
