"""The actor screen: who an actor is, the roles it held, and every position it took, by date.

Pushed by the App on :class:`~briefing.tui.messages.OpenActor`. The data comes from the
store in a thread worker: the header's counts and role spans, the timeline's layout (one
character per row) and the cursor's page of rows. The list is a Line-API
:class:`ActorTimeline` that loads further pages as they come on screen, so an actor with
thousands of positions opens and moves as fast as one with three.

The reader keeps one actor screen between opens (:meth:`ActorScreen.open_in`): mounting a
screen (composing, styling every widget and its component classes, two layout passes)
was most of an open, so an open after the first shows the next actor on the kept screen,
as ``n``/``p`` do.

An actor in thousands of briefs is painted in two steps: the layout and the role spans
take a pass over all of its rows (a quarter of a second for one in 28,000 briefs), so
the worker first sends the actor's card and the timeline's first page (a few ms), and
only once they are painted reads the rest; the list then takes its full length and
loads its other pages as they come on screen.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual._context import active_app
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import get_current_worker

from briefing.errors import BriefingError
from briefing.store import ActorCard, ActorHead
from briefing.text import clean, one_line
from briefing.tui.contract import reader_app
from briefing.tui.messages import LibraryChanged, OpenBrief
from briefing.tui.screens.base import ReaderScreen
from briefing.tui.widgets.actor_timeline import (
    ActorTimeline,
    BriefEntry,
    Entry,
    PositionEntry,
    QuoteBlock,
    TimelinePages,
    first_page,
    heights_of,
    role_text,
)
from briefing.tui.widgets.chrome import KeyBar
from briefing.tui.widgets.colors import fg_style
from briefing.tui.widgets.row_list import RowList

#: Seconds before a loading indicator replaces the list (most actors load well within).
SPINNER_DELAY = 0.2
#: Actors in at least this many briefs get their first page painted before the rest of
#: the screen is read. Smaller ones are read at once, while the screen mounts (one
#: paint, not two): their header and layout take less than the mounting does (about
#: 15 ms for an actor in 5,556 briefs, against 0.2 s for one in 28,561).
FIRST_PAGE_BRIEFS = 2000
#: Seconds the worker waits for the first page to be painted before reading the rest.
FIRST_PAINT_WAIT = 0.5
#: The name the reader keeps its actor screen under between opens (``App.install_screen``).
KEPT_SCREEN = "briefing-actor"
#: Seconds the kept screen, shown again, holds the app's repaints for its first rows
#: (read in a few ms) before it paints without them (the loading state).
FIRST_ROWS_WAIT = 0.1
#: Role spans listed in the header before the rest are summarised as "+N earlier".
MAX_ROLE_LINES = 4
#: Role lines kept on a short terminal (the ``-short`` screen class).
SHORT_ROLE_LINES = 2


def role_lines(head: ActorHead | ActorCard) -> list[Text]:
    """Latest role first, so a short terminal (which keeps the first lines) keeps it.
    A card's spans come from its newest briefs: how many are earlier is not known yet
    (the line is there, so the header keeps its height when the count comes)."""
    lines = []
    for span in head.spans or ():
        label = role_text(span.role, span.affiliation)
        if label:
            when = span.first if span.first == span.last else f"{span.first} → {span.last}"
            lines.append(Text.assemble((f"{when:<25}", "dim"), label))
    if isinstance(head, ActorCard):
        if head.earlier:
            lines.append(Text("+… earlier roles", "dim"))
    elif head.span_count > MAX_ROLE_LINES:
        lines.append(Text(f"+{head.span_count - MAX_ROLE_LINES} earlier roles", "dim"))
    return lines


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


class ActorHeader(Widget):
    """The band above the timeline: name and kind (``actor 2 of 7`` on the right),
    aliases, the latest roles and the counts.

    One widget rendering one ``Text``, not a container of six: the screen lays out
    several times while it opens, and every widget costs each pass.
    """

    DEFAULT_CSS = """
    ActorHeader {
        height: auto;
        & > .actor-header--step { color: $text-accent; text-style: bold; }
        & > .actor-header--muted { color: $text-muted; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"actor-header--step", "actor-header--muted"}

    short: reactive[bool] = reactive(False, layout=True)
    """A short terminal: at most :data:`SHORT_ROLE_LINES` role lines."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.actor_id = ""
        self.step = ""
        self.head: ActorHead | ActorCard | None = None
        self.note: Text | None = None
        self._text: tuple[tuple[int, bool], Text] | None = None

    def show(
        self,
        actor_id: str,
        step: str,
        head: ActorHead | ActorCard | None,
        note: Text | None = None,
    ) -> None:
        """The actor (``head`` once loaded; first its card, for a big actor) or, with
        ``note``, why it is not shown."""
        self.actor_id, self.step, self.head, self.note = actor_id, step, head, note
        self._text = None
        self.refresh(layout=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._text = None  # the theme's colours changed

    def render(self) -> Text:
        """Built once per width (Textual renders it to measure the height, then to paint)."""
        key = (self.content_size.width, self.short)
        if self._text is None or self._text[0] != key:
            self._text = (key, self._build())
        return self._text[1]

    def _build(self) -> Text:
        muted = fg_style(self, "actor-header--muted")
        head = self.head
        lines = [self._title_line()]
        if head is not None:
            if head.aliases:
                aliases = Text()
                aliases.append("also ", muted + Style(dim=True))
                aliases.append(" · ".join(one_line(a) for a in head.aliases), muted)
                lines.append(aliases)
            roles = role_lines(head)
            lines += roles[:SHORT_ROLE_LINES] if self.short else roles
            counts = [plural(head.brief_count, "brief")]
            if isinstance(head, ActorHead):
                counts.append(plural(head.position_count, "position"))
            counts.append("oldest first")
            lines.append(Text(" · ".join(counts), muted + Style(dim=True)))
        if self.note is not None:
            lines.append(self.note)
        return Text("\n").join(lines)

    def _title_line(self) -> Text:
        """The name on the left, the step on the right, clipped to the width."""
        head = self.head
        if head is None:
            left = Text(one_line(self.actor_id), "bold")
        else:
            left = Text(one_line(head.name), "bold")
            left.append(f"  {one_line(head.kind)}", "dim italic")
        step = Text(self.step, fg_style(self, "actor-header--step"))
        width = self.content_size.width
        room = width - step.cell_len - (1 if step else 0)
        if width and left.cell_len > room:
            left.truncate(max(room, 0), overflow="ellipsis")
        left.append(" " * max(0, width - left.cell_len - step.cell_len))
        left.append_text(step)
        left.no_wrap = True
        return left


class ActorScreen(ReaderScreen[None]):
    """One actor across the library; ``n``/``p`` step through the brief's other actors."""

    #: ``-short`` below 36 rows: screens.tcss shrinks the detail pane there.
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-short"), (36, "-tall")]
    AUTO_FOCUS = "#actor-timeline"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("n", "next_actor", "Next actor", id="next_actor"),
        Binding("p", "previous_actor", "Previous actor", id="previous_actor"),
    ]

    def __init__(self, actor_id: str, sibling_ids: tuple[str, ...] = ()) -> None:
        # The breakpoint class the first resize would set, given now: that resize then
        # restyles nothing, and neither does adding it in compose (a pass over the screen).
        super().__init__(classes=self._breakpoint_class())
        self.actor_id = actor_id
        self.sibling_ids = tuple(sibling_ids)
        self.detail: ActorHead | None = None
        """The actor's header data once loaded (``None`` before, or if unknown)."""
        self.card: ActorCard | None = None
        """The actor's card, shown with the first page before the rest is read (an
        actor in :data:`FIRST_PAGE_BRIEFS` or more briefs), else ``None``."""
        self._generation = 0
        self._keep_cursor = 0
        self._spinner: Timer | None = None
        self._loaded = False
        self._mounted = False
        self._styled_theme = self._app_theme()  # the theme its widgets were styled in
        self._paint_hold: contextlib.ExitStack | None = None  # see _hold_paint
        self._hold_count = 0
        self._early: list[tuple[Callable[..., None], tuple[Any, ...]]] = []  # before on_mount
        self._painted = threading.Event()  # the first page is on screen
        # The first page as the worker left it, for on_mount (see _fetch); and the
        # request whose first page is on screen.
        self._first_ready: tuple[int, ActorCard, list[Entry]] | None = None
        self._first_shown = 0
        self._detail_shown: Entry | None = None  # the row the detail pane shows

    def compose(self) -> ComposeResult:
        # The store starts on the header and the first rows while the widgets mount.
        self._request(cursor=0)
        header = ActorHeader(id="actor-head")
        header.short = self.has_class("-short")
        yield header
        # Hidden until the first rows (or the spinner): an empty list would say "No briefs"
        # before it knows, and the screen lays out and paints twice as it opens with
        # them showing (a list and a pane of blank lines) before the rows arrive.
        timeline = ActorTimeline(id="actor-timeline", empty_text="No briefs mention this actor.")
        detail = Static(id="actor-detail")
        timeline.display = detail.display = False
        yield timeline
        yield detail
        yield KeyBar()

    @classmethod
    def _breakpoint_class(cls) -> str | None:
        """``-short`` or ``-tall`` for the app's height (``None`` outside an app)."""
        try:
            height = active_app.get().size.height
        except LookupError:
            return None
        for threshold, name in sorted(cls.VERTICAL_BREAKPOINTS or [], reverse=True):
            if height >= threshold:
                return name
        return None

    @staticmethod
    def _app_theme() -> str | None:
        try:
            return active_app.get().theme
        except LookupError:
            return None

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """A pushed screen is restyled whole by Textual as it shows: for this one only when
        the theme changed since its widgets were styled (they were as they mounted, the
        list again as it took the focus, and the kept screen as it was last shown)."""
        theme = self.app.theme
        if theme == self._styled_theme:
            event.refresh_styles = False
        self._styled_theme = theme

    # -- opening -------------------------------------------------------------------
    @classmethod
    def open_in(cls, app: App[Any], actor_id: str, sibling_ids: tuple[str, ...] = ()) -> None:
        """Push the actor screen for ``actor_id``: the one kept from the last open when
        it is not on the stack already, else a new one (kept for the next open when none
        is).

        Mounting a screen is most of opening one (composing and styling every widget and
        its component classes, then two layout passes); the kept screen only shows
        another actor, as ``n`` does.
        """
        if not app.is_screen_installed(KEPT_SCREEN):
            screen = cls(actor_id, sibling_ids)
            app.install_screen(screen, KEPT_SCREEN)
        else:
            kept = app.get_screen(KEPT_SCREEN)
            if isinstance(kept, cls) and kept.is_attached and kept not in app.screen_stack:
                kept._reopen(actor_id, sibling_ids)
                screen = kept
            else:
                screen = cls(actor_id, sibling_ids)
        app.push_screen(screen)

    def _reopen(self, actor_id: str, sibling_ids: tuple[str, ...]) -> None:
        """The kept screen, about to be pushed again: as :meth:`compose` leaves a new one
        (the list and the pane hidden, the header naming the id), loading ``actor_id``."""
        self.actor_id = actor_id
        self.sibling_ids = tuple(sibling_ids)
        self.sub_title = None
        # The terminal may have been resized while another screen showed.
        size_class = self._breakpoint_class()
        for _, name in self.VERTICAL_BREAKPOINTS or []:
            self.set_class(name == size_class, name)
        self.query_one(ActorHeader).short = self.has_class("-short")
        timeline = self.query_one(ActorTimeline)
        timeline.loading = False
        timeline.display = self.query_one("#actor-detail", Static).display = False
        self._request(cursor=0)
        self._show_loading()
        self._hold_paint()

    def _hold_paint(self) -> None:
        """Hold the app's repaints (``App.batch_update``) until the first rows are shown,
        for at most :data:`FIRST_ROWS_WAIT`: a new screen gets them while it mounts, the
        kept one would paint its loading state first (the worker's few ms against the
        next frame) and lay out and paint again with them."""
        self._release_paint()
        hold = contextlib.ExitStack()
        hold.enter_context(self.app.batch_update())
        self._paint_hold = hold
        self._hold_count += 1
        count = self._hold_count
        self.set_timer(FIRST_ROWS_WAIT, lambda: self._release_paint(count))

    def _release_paint(self, count: int | None = None) -> None:
        """End the hold (``count``: only the hold that timer was set for)."""
        if self._paint_hold is None or count not in (None, self._hold_count):
            return
        hold, self._paint_hold = self._paint_hold, None
        hold.close()
        self.check_idle()  # a repaint asked for during the hold is done now

    def on_unmount(self) -> None:
        self._release_paint()

    def on_mount(self) -> None:
        self._mounted = True
        self._show_loading()
        first, self._first_ready = self._first_ready, None
        if first is not None:  # read while the widgets mounted: in their first layout
            self._show_first(*first)
        early, self._early = self._early, []
        for show, args in early:  # the data came before the widgets
            show(*args)

    def on_resize(self, event: events.Resize) -> None:
        # After Screen._on_resize has set the -short/-tall class for the new height.
        self.query_one(ActorHeader).short = self.has_class("-short")

    def on_library_changed(self, message: LibraryChanged) -> None:
        """Briefs were added or replaced: reload, keeping the cursor where it was."""
        self._load_actor(keep_cursor=True)

    # -- loading -------------------------------------------------------------------
    @property
    def step_label(self) -> str:
        """``actor 2 of 7`` when the actor is one of the siblings, else empty."""
        if self.actor_id in self.sibling_ids:
            index = self.sibling_ids.index(self.actor_id)
            return f"actor {index + 1} of {len(self.sibling_ids)}"
        return ""

    def _load_actor(self, *, keep_cursor: bool = False) -> None:
        """Another actor (``n``/``p``) or a changed library: fetch, show the id meanwhile."""
        if keep_cursor:  # the list as it is until the new one is read: no first page
            self._request(self.query_one(ActorTimeline).cursor, first_page=False)
        else:
            self._request(0)
        self._show_loading()

    def _request(self, cursor: int, *, first_page: bool = True) -> None:
        self._keep_cursor = cursor
        self._generation += 1
        self._loaded = False
        self.detail = None
        self.card = None
        self._painted.set()  # release a worker of the previous request that waits
        self._painted = threading.Event()
        painted = self._painted if first_page and cursor == 0 else None
        self._fetch(self.actor_id, self._generation, cursor, painted)

    def _show_loading(self) -> None:
        self.query_one(ActorHeader).show(self.actor_id, self.step_label, None)
        self._show_detail(None)
        if self._spinner is not None:
            self._spinner.stop()
        # A loading indicator only if the rows take longer than a blink (no flicker on n/p).
        self._spinner = self.set_timer(SPINNER_DELAY, self._show_spinner)

    def _show_spinner(self) -> None:
        # The timer may fire just after the rows arrived: only spin while still loading.
        if not self._loaded:
            self._reveal()
            self.query_one(ActorTimeline).loading = True

    def _reveal(self) -> None:
        """Show the list and the detail pane (hidden until the first rows), focused."""
        timeline = self.query_one(ActorTimeline)
        if not timeline.display:
            timeline.display = self.query_one("#actor-detail", Static).display = True
            if self.focused is None:
                self.set_focus(timeline)

    @work(thread=True, exclusive=True, group="actor-screen")
    def _fetch(
        self, actor_id: str, generation: int, cursor: int, painted: threading.Event | None
    ) -> None:
        """The header, the layout and the cursor's page: a few ms for most actors. For
        one in thousands of briefs, opened at the top (``painted`` given), the card and
        the first page first, then — once they are painted, so the two do not share the
        CPU — the rest."""
        store = reader_app(self).store
        pages: TimelinePages | None = None
        first: tuple[int, list[Entry]] | None = None
        error: str | None = None
        detail = None
        worker = get_current_worker()
        try:
            card = None
            if painted is not None:  # opened at the top: is it big enough to go in two steps?
                card = store.actor_card(actor_id, spans=MAX_ROLE_LINES)
            if painted is not None and card is not None and card.brief_count >= FIRST_PAGE_BRIEFS:
                entries = first_page(store, actor_id, ActorTimeline.PAGE_SIZE)
                if worker.is_cancelled:
                    return
                # Left for on_mount too: a message posted now is handled only after the
                # screen's first layout, which would then be done twice.
                self._first_ready = (generation, card, entries)
                self.post_message(self._FirstPage(generation, card, entries))
                painted.wait(FIRST_PAINT_WAIT)
                if worker.is_cancelled:
                    return
            detail = store.actor_head(actor_id, spans=MAX_ROLE_LINES)
            if detail is not None:
                pages = TimelinePages(store, actor_id, store.actor_layout(actor_id))
                cursor = max(0, min(cursor, len(pages.layout) - 1))
                page, offset, limit = ActorTimeline.page_span(cursor)
                first = (page, pages(offset, limit))
        except BriefingError as exc:  # locked, corrupt: say so, don't crash
            error = str(exc)
        if not worker.is_cancelled:
            self.post_message(self._Loaded(generation, detail, pages, first, error))

    class _FirstPage(Message, bubble=False):
        """A big actor's card and the first page of its timeline, before the rest."""

        def __init__(self, generation: int, card: ActorCard, entries: list[Entry]) -> None:
            super().__init__()
            self.generation, self.card, self.entries = generation, card, entries

    class _Loaded(Message, bubble=False):
        """The actor's header, layout and first page (or why they could not be read)."""

        def __init__(
            self,
            generation: int,
            detail: ActorHead | None,
            pages: TimelinePages | None,
            first: tuple[int, list[Entry]] | None,
            error: str | None,
        ) -> None:
            super().__init__()
            self.generation, self.detail, self.pages = generation, detail, pages
            self.first, self.error = first, error

    @on(_FirstPage)
    def _first_page(self, message: _FirstPage) -> None:
        self._show_first(message.generation, message.card, message.entries)

    @on(_Loaded)
    def _loaded_actor(self, message: _Loaded) -> None:
        self._show(message.generation, message.detail, message.pages, message.first, message.error)

    def _show_first(self, generation: int, card: ActorCard, entries: list[Entry]) -> None:
        """The card and the first rows; the list grows to its full length in :meth:`_show`."""
        if generation != self._generation or generation == self._first_shown:
            return
        if not self._mounted or not self.is_attached:
            return  # on_mount shows it
        self._first_shown = generation
        self._first_ready = None
        self.card = card
        self._loaded = True
        timeline = self.query_one(ActorTimeline)
        if self._spinner is not None:
            self._spinner.stop()
        timeline.loading = False
        self._reveal()
        self.sub_title = one_line(card.name)
        self.query_one(ActorHeader).show(self.actor_id, self.step_label, card)
        timeline.set_rows(entries)
        self._show_detail(timeline.highlighted_row)  # in the first paint, not after it
        self.call_after_refresh(self._painted.set)
        self._release_paint()

    def _show(
        self,
        generation: int,
        detail: ActorHead | None,
        pages: TimelinePages | None,
        first: tuple[int, list[Entry]] | None,
        error: str | None = None,
    ) -> None:
        if generation != self._generation or not self.is_attached:
            return
        if not self._mounted:
            self._early.append((self._show, (generation, detail, pages, first, error)))
            return
        self.detail = detail
        self._loaded = True
        timeline = self.query_one(ActorTimeline)
        header = self.query_one(ActorHeader)
        if self._spinner is not None:
            self._spinner.stop()
        timeline.loading = False
        self._reveal()
        if detail is None or pages is None:
            timeline.empty_text = (
                f"Cannot read the library: {one_line(error)}"
                if error
                else "No actor with this id in the library."
            )
            timeline.set_rows([])
            note = Text(f"unknown actor {one_line(self.actor_id)}", "italic")
            header.show(self.actor_id, self.step_label, None, note)
            self._release_paint()
            return
        self.sub_title = one_line(detail.name)
        header.show(self.actor_id, self.step_label, detail)
        # After a first page, the cursor may have moved on it meanwhile: it stays.
        cursor = timeline.cursor if self.card is not None else self._keep_cursor
        timeline.set_pages(heights_of(pages.layout), pages, first=first, cursor=cursor)
        self._show_detail(timeline.highlighted_row)  # in the same paint as the rows
        self._release_paint()

    # -- the highlighted row -------------------------------------------------------
    @on(RowList.Highlighted, "#actor-timeline")
    def _highlighted(self, event: RowList.Highlighted[Entry]) -> None:
        self._show_detail(self.query_one(ActorTimeline).highlighted_row)

    def _show_detail(self, entry: Entry | None) -> None:
        """The highlighted row in full; a fixed-size pane, so no layout pass per key.

        The rows' first page fills it at once (so the first paint has it); the list's
        Highlighted message for the same row then changes nothing."""
        if entry is not None and entry == self._detail_shown:
            return
        self._detail_shown = entry
        self.query_one("#actor-detail", Static).update(self._detail(entry), layout=False)

    def _detail(self, entry: Entry | None) -> RenderableType:
        if entry is None:
            return Text()
        if isinstance(entry, BriefEntry):
            meta = Text(entry.date, "dim")
            role = role_text(entry.role, entry.affiliation)
            if role:
                meta.append(f" · as {role}")
            meta.append(f" · {plural(entry.position_count, 'position')}", "dim")
            hint = Text("enter opens the brief", "dim italic")
            return Group(Text(one_line(entry.title), "bold"), meta, hint)
        row = entry.row
        head = Text(one_line(row.topic), "bold")
        if row.stance:
            head.append(f"  {one_line(row.stance)}", "italic")
        source = Text(f"{row.brief_date} · {one_line(row.brief_title)}", "dim")
        if row.date:
            source.append(f" · said {one_line(row.date)}", "dim")
        if row.attribution:
            source.append(f" · {one_line(row.attribution)}", "dim")
        parts: list[RenderableType] = [head, Text(clean(row.position))]
        if row.quote:
            bar = self.app.current_theme.secondary or "magenta"
            parts += [Text(), QuoteBlock(Text(f"“{clean(row.quote)}”", "italic"), bar)]
        parts += [Text(), source]
        return Group(*parts)

    # -- actions -------------------------------------------------------------------
    @on(RowList.Selected, "#actor-timeline")
    def _selected(self, event: RowList.Selected[Entry]) -> None:
        entry = self.query_one(ActorTimeline).highlighted_row
        if isinstance(entry, BriefEntry | PositionEntry):
            self.post_message(OpenBrief(entry.brief_id, actor_id=self.actor_id))

    def action_back(self) -> None:
        self.dismiss()

    def _step(self, delta: int) -> None:
        if not self.sibling_ids or self.sibling_ids == (self.actor_id,):
            self.notify("No other actors to step to.", markup=False, timeout=2)
            return
        if self.actor_id in self.sibling_ids:
            index = (self.sibling_ids.index(self.actor_id) + delta) % len(self.sibling_ids)
        else:
            index = 0 if delta > 0 else len(self.sibling_ids) - 1
        self.actor_id = self.sibling_ids[index]
        self._load_actor()

    def action_next_actor(self) -> None:
        self._step(1)

    def action_previous_actor(self) -> None:
        self._step(-1)
