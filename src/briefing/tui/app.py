"""The reader's App: store access, routing of the screen messages, app-wide keys.

Kept small on purpose: screens and widgets live in their own modules and talk through
the messages in :mod:`briefing.tui.messages`.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from briefing.errors import StoreError
from briefing.paths import PACKAGE_DIR, STYLESHEET, screenshot_dir
from briefing.tui import keys
from briefing.tui.collector import QuietCollector
from briefing.tui.commands import ActorsProvider, BriefsProvider
from briefing.tui.messages import LibraryChanged, OpenActor, OpenBrief, OpenQuestion
from briefing.tui.screens.main import MainScreen
from briefing.tui.tasks import LibraryTasks
from briefing.tui.widgets.safe import clean, one_line

if TYPE_CHECKING:
    from briefing.config import Settings
    from briefing.store import Listing, Store

T = TypeVar("T")

_SCREENS_TCSS = PACKAGE_DIR / "tui" / "screens.tcss"


class BriefingApp(LibraryTasks):
    """``briefing``: the library, a brief at a time, keyboard first."""

    TITLE = "briefing"
    CSS_PATH: ClassVar[list[str | Path]] = [
        STYLESHEET,
        *([_SCREENS_TCSS] if _SCREENS_TCSS.exists() else []),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [*keys.APP]
    #: Seconds between checks for briefs another process added to the library.
    LIBRARY_POLL_SECONDS: ClassVar[float] = 2.0
    COMMANDS = App.COMMANDS | {BriefsProvider, ActorsProvider}

    def __init__(
        self, settings: Settings, db_path: Path, brief_id: str | None = None, *, sync: bool = True
    ) -> None:
        super().__init__()
        self.settings = settings
        self.db_path = Path(db_path)
        self.brief_id = brief_id
        self.sync_on_start = sync
        self._local = threading.local()
        self._stores: list[Store | Listing] = []
        self._stores_lock = threading.Lock()
        self.collector = QuietCollector()

    # -- store ----------------------------------------------------------------------
    @property
    def store(self) -> Store:
        """This thread's connection to the library (SQLite connections are per thread)."""
        store = getattr(self._local, "store", None)
        if store is None:
            from briefing.store import Store  # imported after the first paint

            store = self._local.store = self._keep(Store(self.db_path))
        return store

    @property
    def list_store(self) -> Listing:
        """This thread's connection for the brief list and the change token: a
        :class:`~briefing.store.Listing`, all the first frame imports of the store."""
        listing = getattr(self._local, "listing", None)
        if listing is None:
            from briefing.store import Listing

            listing = self._local.listing = self._keep(Listing(self.db_path))
        return listing

    def _keep(self, store: T) -> T:
        with self._stores_lock:
            self._stores.append(store)  # type: ignore[arg-type]
        return store

    def close_stores(self) -> None:
        with self._stores_lock:
            stores, self._stores = self._stores, []
        for store in stores:
            # Connections are opened with check_same_thread=False, so any thread may close
            # them; a failure here must not stop the others from closing.
            with contextlib.suppress(sqlite3.Error, StoreError):
                store.close()
        self._local = threading.local()

    # -- lifecycle ------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        return MainScreen(initial_brief=self.brief_id)

    @property
    def main_screen(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def on_mount(self) -> None:
        """Apply the theme and key overrides, start watching the library, and take over
        the garbage collector's schedule (:mod:`briefing.tui.collector`)."""
        theme = self.settings.ui.theme
        if theme in self.available_themes:
            self.theme = theme
        else:
            self.notify(
                f"Unknown theme {one_line(theme)!r} in config (ui.theme); using {self.theme}.",
                severity="warning",
                markup=False,
            )
        overrides = dict(self.settings.ui.keys)
        # The other screens' ids are known by importing them: only when there are overrides.
        unknown = sorted(set(overrides) - keys.KNOWN_IDS - _foreign_ids()) if overrides else []
        if unknown:
            self.notify(
                "Unknown binding id(s) in ui.keys: "
                + ", ".join(one_line(u) for u in unknown)
                + " (see ? for the ids).",
                severity="warning",
                markup=False,
            )
        if overrides:
            self.set_keymap(overrides)
        self.collector.start()
        self.set_interval(0.5, self.collector.tick, name="collect when idle")
        self._library_token: object = None
        self._poll_library()  # the starting point: changes after this are noticed
        self.set_interval(self.LIBRARY_POLL_SECONDS, self._poll_library, name="library poll")

    def _poll_library(self) -> None:
        """Show briefs another process added (``briefing load`` or ``fetch`` in another
        terminal) without a restart: refresh the lists when the library's change token
        moves. One ``PRAGMA data_version``; reading never waits for a writer (WAL)."""
        try:
            token = self.list_store.change_token()
        except StoreError:
            return  # a busy or vanished library: try again at the next tick
        if self._library_token is not None and token != self._library_token:
            self.post_message(LibraryChanged())
        self._library_token = token

    def on_unmount(self) -> None:
        self.close_stores()
        self.collector.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.collector.input_seen()
        await super().on_event(event)

    # -- routing --------------------------------------------------------------------
    def on_open_brief(self, message: OpenBrief) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, MainScreen):
            self.pop_screen()
        self.main_screen.select_brief(message.brief_id, open_it=True, actor_id=message.actor_id)

    def on_open_actor(self, message: OpenActor) -> None:
        from briefing.tui.screens.actor import ActorScreen  # loaded when first opened

        ActorScreen.open_in(self, message.actor_id, message.sibling_ids)  # a kept screen

    def on_open_question(self, message: OpenQuestion) -> None:
        from briefing.tui.screens.question import QuestionScreen

        self.push_screen(QuestionScreen(message.question_id))

    def on_library_changed(self, message: LibraryChanged) -> None:
        """Every screen refreshes its lists (forwarded without bubbling back here)."""
        with contextlib.suppress(StoreError):
            self._library_token = self.list_store.change_token()  # this change is handled
        for screen in self.screen_stack:
            forwarded = LibraryChanged()
            forwarded.stop()  # handled by the screen, not bubbled back to the app
            screen.post_message(forwarded)

    def report_failed_worker(self, event: Worker.StateChanged) -> None:
        """A failed background task (the library locked, a disk error…) becomes a notice.

        Worker state messages do not bubble: each node running workers forwards them here.
        """
        if event.state is WorkerState.ERROR and not event.worker.exit_on_error:
            error = event.worker.error
            self.notify(
                f"Could not {event.worker.name or 'finish a background task'}: {clean(str(error))}",
                severity="error",
                markup=False,
                timeout=10,
            )

    # -- screenshots (palette → Screenshot) -------------------------------------------
    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Into a folder that exists (created if need be), rather than failing on a
        missing ``~/Downloads``."""
        folder = path if path is not None else str(screenshot_dir())
        return super().deliver_screenshot(filename, folder, time_format)

    @on(events.DeliveryComplete)
    def _screenshot_saved(self, event: events.DeliveryComplete) -> None:
        if event.name == "screenshot":
            event.prevent_default()  # Textual's notice parses the path as markup
            self.notify(f"Saved to {clean(str(event.path))}", title="Screenshot", markup=False)

    @on(events.DeliveryFailed)
    def _screenshot_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == "screenshot":
            event.prevent_default()  # Textual's notice gives no reason
            error = event.exception
            reason = getattr(error, "strerror", None) or str(error)
            where = getattr(error, "filename", None)
            self.notify(
                f"Could not save the screenshot: {clean(str(reason))}"
                + (f" ({clean(str(where))})" if where else ""),
                title="Screenshot",
                severity="error",
                markup=False,
                timeout=10,
            )

    # -- actions --------------------------------------------------------------------
    def action_help(self) -> None:
        from briefing.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_search(self) -> None:
        from briefing.tui.screens.search import SearchScreen

        self.push_screen(SearchScreen())

    def action_fetch(self) -> None:
        self.start_fetch()

    def action_timeline(self) -> None:
        from briefing.tui.screens.timeline import TimelineScreen

        if isinstance(self.screen, TimelineScreen):
            return
        # From the actor screen: that actor's timeline (escape widens it to everyone's).
        actor = (
            getattr(self.screen, "actor_id", None) if self.screen is not self.main_screen else None
        )
        self.push_screen(TimelineScreen(actor=actor if isinstance(actor, str) else None))

    def action_topic(self) -> None:
        from briefing.tui.screens.topic import TopicScreen

        if not isinstance(self.screen, TopicScreen):
            self.push_screen(TopicScreen())

    def action_what_changed(self) -> None:
        self.main_screen.action_what_changed()

    def action_back(self) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        main = self.main_screen
        yield SystemCommand("Help", "Every key binding (?)", self.action_help)
        yield SystemCommand("Search", "Full-text search over the library (/)", self.action_search)
        yield SystemCommand("Fetch", "Fetch new briefs from the feeds (r)", self.action_fetch)
        yield SystemCommand(
            "Filter by tag", "Show only briefs with one tag (t)", main.action_filter_tag
        )
        yield SystemCommand(
            "Toggle read", "Mark the current brief read or unread (u)", main.action_toggle_read
        )
        yield SystemCommand(
            "Open source", "Open the brief's source in the browser (o)", main.action_open_source
        )
        yield SystemCommand("Sync folders", "Re-read the synced brief folders", self.start_sync)
        yield SystemCommand(
            "Timeline", "Every event of the library by date (T)", self.action_timeline
        )
        yield SystemCommand(
            "Who said what", "Every actor's positions on a topic (w)", self.action_topic
        )
        yield SystemCommand(
            "What changed",
            "Compare the current brief with its earlier version (c)",
            self.action_what_changed,
        )
        yield from super().get_system_commands(screen)


def _foreign_ids() -> set[str]:
    """Binding ids of the other screens (so overriding them is not flagged)."""
    from briefing.tui.screens.help import other_screens

    ids: set[str] = set()
    for _title, cls in other_screens():
        ids |= {b.id for _k, b in cls._merge_bindings() if b.id}
    return ids
