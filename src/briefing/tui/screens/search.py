"""The search screen (``/``): full-text search over the library as you type.

Typing is debounced (~150 ms) and each search runs in a thread worker, so a slow query
never blocks a keystroke; a search overtaken by newer typing, or abandoned by leaving
the screen or quitting, is stopped inside SQLite. ``enter`` opens the highlighted
result, and when pressed before the results for the text just typed have arrived, it
opens the top hit once they do — so ``/`` ``Kharkiv`` ``enter`` works however fast it is
typed.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from briefing.errors import BriefingError
from briefing.store import SearchCancelled, SearchHit
from briefing.text import one_line
from briefing.tui.contract import reader_app
from briefing.tui.messages import LibraryChanged, OpenBrief
from briefing.tui.widgets.chrome import KeyBar
from briefing.tui.widgets.row_list import RowList
from briefing.tui.widgets.search_results import SearchResults

DEBOUNCE = 0.15
LIMIT = 50
HINT = "Type to search titles, summaries, positions, quotes and questions."


class SearchScreen(Screen[None]):
    """An input over a list of hits; ``↓``/``↑`` move in the hits while typing."""

    AUTO_FOCUS = "#search-input"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("down", "result_down", "Next result", show=False),
        Binding("up", "result_up", "Previous result", show=False),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial_query = query
        self.hits: list[SearchHit] = []
        self._generation = 0
        self._shown_query: str | None = None
        self._open_when_ready = False
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Input(
            value=self.initial_query,
            placeholder="Search the library…",
            id="search-input",
            select_on_focus=False,
        )
        yield Static(Text(HINT), id="search-status")
        yield SearchResults(id="search-results", empty_text="")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.initial_query.strip():
            self._start_search(self.initial_query)

    def on_library_changed(self, message: LibraryChanged) -> None:
        """New briefs may match: search again."""
        if self.query_text.strip():
            self._start_search(self.query_text)

    @property
    def query_text(self) -> str:
        return self.query_one("#search-input", Input).value

    # -- searching -----------------------------------------------------------------
    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._open_when_ready = False
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE, lambda: self._start_search(self.query_text))

    def _start_search(self, query: str) -> None:
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        self._generation += 1
        if not query.strip():
            self._show(self._generation, query, [], None)
            return
        self.query_one("#search-status", Static).update(Text("searching…", "dim"))
        self._search(query, self._generation)

    @work(thread=True, exclusive=True, group="search-screen")
    def _search(self, query: str, generation: int) -> None:
        """One search, in a thread. Exclusive: a newer search cancels it, and so do
        leaving the screen and quitting; the store polls the flag while SQLite works,
        so a cancelled search stops at once instead of running on in the background
        (and holding up the exit: Python waits for worker threads)."""
        worker = get_current_worker()
        store = reader_app(self).store
        error: str | None = None
        hits: list[SearchHit] = []
        try:
            hits = store.search(query, limit=LIMIT, cancelled=lambda: worker.is_cancelled)
        except SearchCancelled:
            return
        except BriefingError as exc:  # the store's errors, SQLite's included
            error = str(exc)
        if not worker.is_cancelled:
            self.post_message(self._Found(generation, query, hits, error))

    class _Found(Message, bubble=False):
        """A search's result (or why it failed), for the query of that generation."""

        def __init__(
            self, generation: int, query: str, hits: list[SearchHit], error: str | None
        ) -> None:
            super().__init__()
            self.generation, self.query, self.hits, self.error = generation, query, hits, error

    @on(_Found)
    def _found(self, message: _Found) -> None:
        self._show(message.generation, message.query, message.hits, message.error)

    def _show(self, generation: int, query: str, hits: list[SearchHit], error: str | None) -> None:
        if generation != self._generation or not self.is_attached:
            return
        try:
            status = self.query_one("#search-status", Static)
        except NoMatches:  # the screen is being dismissed as the answer arrives
            return
        self.hits = hits
        self._shown_query = query
        if error is not None:
            status.update(Text(f"search failed: {one_line(error)}", "bold red"))
        elif not query.strip():
            status.update(Text(HINT, "dim"))
        elif not hits:
            status.update(Text("no results", "italic"))
        else:
            n = len(hits)
            count = f"{n} result{'' if n == 1 else 's'}"
            if n >= LIMIT:
                count = f"{LIMIT}+ results (best {LIMIT} shown)"
            status.update(Text.assemble(count, ("  ↓↑ choose · enter opens", "dim")))
        self.query_one(SearchResults).set_rows(hits)
        if self._open_when_ready:
            self._open_when_ready = False
            self._open_highlighted()

    # -- opening -------------------------------------------------------------------
    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._shown_query == event.value and self._debounce is None:
            self._open_highlighted()
        else:
            self._open_when_ready = True
            self._start_search(event.value)

    @on(RowList.Selected, "#search-results")
    def _selected(self, event: RowList.Selected[SearchHit]) -> None:
        self._open_highlighted()

    def _open_highlighted(self) -> None:
        hit = self.query_one(SearchResults).highlighted_row
        if hit is None:
            if self.query_text.strip():
                self.app.bell()
            return
        self.post_message(OpenBrief(hit.brief_id))

    # -- keys ----------------------------------------------------------------------
    def action_result_down(self) -> None:
        self.query_one(SearchResults).action_cursor_down()

    def action_result_up(self) -> None:
        self.query_one(SearchResults).action_cursor_up()

    def action_back(self) -> None:
        self.dismiss()
