"""The main screen: the brief list, and the selected brief's five panes.

Wide terminals (≥ 110 columns) show the list and every pane at once; narrow ones show one
of the six at a time under a tab bar, switched with ``1``–``6`` / ``tab`` (CSS only: the
same widgets, ``-narrow``/``-wide`` classes from the screen's breakpoints).

State held here, and handed to the panes: the brief shown, the *selected actor* (``n``/``p``)
and whether the panes are filtered to it (``f``). Store access happens in thread workers;
results come back as messages.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from briefing.errors import LibraryBusy
from briefing.tui import keys
from briefing.tui.contract import reader_app
from briefing.tui.messages import LibraryChanged, OpenActor, OpenQuestion
from briefing.tui.screens.base import ReaderScreen
from briefing.tui.widgets.brief_list import BriefList
from briefing.tui.widgets.chrome import KeyBar, TitleBar
from briefing.tui.widgets.item_list import ItemList
from briefing.tui.widgets.panes import (
    ActorChosen,
    ActorsPane,
    ItemPane,
    PositionsPane,
    QuestionChosen,
    QuestionsPane,
    SummaryPane,
    TimelinePane,
)
from briefing.tui.widgets.safe import one_line
from briefing.tui.widgets.status import TaskStatus

if TYPE_CHECKING:
    from briefing.model import Brief
    from briefing.tui.app import BriefingApp

PANE_ORDER: tuple[str, ...] = ("briefs", "summary", "actors", "positions", "questions", "timeline")
PANE_LABELS: dict[str, str] = {
    "briefs": "1 Briefs",
    "summary": "2 Summary",
    "actors": "3 Actors",
    "positions": "4 Positions",
    "questions": "5 Questions",
    "timeline": "6 Timeline",
}


def is_web_url(url: str | None) -> bool:
    return bool(url) and url.strip().lower().startswith(("http://", "https://"))  # type: ignore[union-attr]


#: How long a read mark waits for a write lock another program holds (a staged load's
#: last transaction moving 100k briefs in), in seconds, before it is reported as lost.
READ_MARK_PATIENCE_S = 600.0


class PaneTabs(Widget):
    """The tab bar of narrow layouts (hidden on wide ones): one line, click to switch.

    (A single cheap widget rather than ``Tabs``, which costs more to mount than the
    whole brief list.)
    """

    DEFAULT_CSS = """
    PaneTabs {
        height: 1;
        background: $panel;
        & > .pane-tabs--active { color: $text-accent; background: $surface; text-style: bold; }
        & > .pane-tabs--key { color: $text-muted; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"pane-tabs--active", "pane-tabs--key"}

    active: reactive[str] = reactive("briefs")

    class Clicked(Message):
        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        active = self.get_component_rich_style("pane-tabs--active", partial=True)
        key = self.get_component_rich_style("pane-tabs--key", partial=True)
        self._spans: list[tuple[int, int, str]] = []
        for name, label in PANE_LABELS.items():
            number, title = label.split(" ", 1)
            start = text.cell_len
            if name == self.active:
                text.append(f" {number} {title} ", active)
            else:
                text.append(f" {number} ", key)
                text.append(f"{title} ")
            self._spans.append((start, text.cell_len, name))
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, name in getattr(self, "_spans", []):
            if start <= event.x < end:
                self.post_message(self.Clicked(name))


class MainScreen(ReaderScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [*keys.MAIN]

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (110, "-wide")]

    AUTO_FOCUS = "#briefs"

    class _BriefLoaded(Message, bubble=False):
        def __init__(self, brief_id: str, brief: Brief | None) -> None:
            super().__init__()
            self.brief_id, self.brief = brief_id, brief

    class _Found(Message, bubble=False):
        """Where a brief asked for by id is: in the list, hidden by the tag, or nowhere."""

        def __init__(self, brief_id: str, exists: bool, clear_tag: bool) -> None:
            super().__init__()
            self.brief_id, self.exists, self.clear_tag = brief_id, exists, clear_tag

    class _ReadChanged(Message, bubble=False):
        def __init__(self, brief_id: str, read: bool, announce: bool) -> None:
            super().__init__()
            self.brief_id, self.read, self.announce = brief_id, read, announce

    def __init__(self, initial_brief: str | None = None) -> None:
        super().__init__(id="main")
        self.initial_brief = initial_brief
        self.brief: Brief | None = None
        self.actor_id: str | None = None
        self.filtered = False
        self.active = "briefs"
        self._wanted: str | None = None
        self._sync_after_paint = False
        self._read_timer: Timer | None = None
        # Read state (see _arm_read): the brief the user moved to or acted on (the one
        # shown at start is not, unless asked for by id), one to mark read as soon as it
        # shows (opened), one the user just marked unread (left alone until they leave).
        self._engaged: str | None = initial_brief
        self._first_highlight = True
        self._opening: str | None = None
        self._kept_unread: str | None = None
        self._open_actor: tuple[str, str] | None = None  # (brief, actor) to select on show
        self._panes: dict[str, Widget] | None = None  # mounted after the first paint

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        reader_app(self).report_failed_worker(event)

    # -- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield PaneTabs()
        with Horizontal(id="body", classes="-list"):
            yield BriefList(id="briefs", classes="-active")
            # The panes are mounted once the list is painted (_mount_panes): styling,
            # laying out and drawing five empty panes cost the first frame about a
            # third of its time, and they have no brief to show before it anyway.
            yield Container(id="panes")
        yield TaskStatus(id="status")
        yield KeyBar()

    def _mount_panes(self) -> None:
        """Put the five panes in place (once; at once if something needs one first)."""
        if self._panes is not None:
            return
        self._panes = {
            "summary": SummaryPane(id="summary", classes="pane"),
            "actors": ActorsPane(id="actors", classes="pane"),
            "positions": PositionsPane(id="positions", classes="pane"),
            "questions": QuestionsPane(id="questions", classes="pane"),
            "timeline": TimelinePane(id="timeline", classes="pane"),
        }
        self.query_one("#panes").mount_all(self._panes.values())

    @property
    def brief_list(self) -> BriefList:
        return self.query_one("#briefs", BriefList)

    @property
    def summary_pane(self) -> SummaryPane:
        return cast("SummaryPane", self.pane("summary"))

    @property
    def item_panes(self) -> list[ItemPane[Any]]:
        return [
            cast("ItemPane[Any]", self.pane(n))
            for n in ("actors", "positions", "questions", "timeline")
        ]

    def pane(self, name: str) -> Widget:
        if name == "briefs":
            return self.brief_list
        self._mount_panes()
        assert self._panes is not None
        return self._panes[name]

    def on_mount(self) -> None:
        self.brief_list.border_title = "1 Briefs"
        # The list first: the sync's scan of file stamps (100k stat calls) would compete
        # with the first paint for the GIL, so it starts once the list has been painted.
        self._sync_after_paint = cast("BriefingApp", self.app).sync_on_start
        self.call_after_refresh(self._mount_panes)
        if self.initial_brief:
            self.brief_list.select_brief(self.initial_brief)
        else:
            self.brief_list.reload(first_page_now=True)

    # -- panes and focus -------------------------------------------------------------
    def _set_active(self, name: str) -> None:
        if name == self.active:
            return
        self.active = name
        for other in PANE_ORDER:
            self.pane(other).set_class(other == name, "-active")
        self.query_one("#body").set_class(name == "briefs", "-list")
        self.query_one(PaneTabs).active = name
        if not self._brief_visible():
            self._stop_read_timer()  # back to the list of a narrow screen

    def action_focus_pane(self, name: str) -> None:
        self._set_active(name)
        # Now, not after the next refresh (Widget.focus defers): keys typed in the same
        # burst ("4j") must reach the pane, not the widget that had the focus.
        pane = self.pane(name)
        self.set_focus(pane)
        if isinstance(pane, ItemPane):
            pane.ensure_highlight()  # so enter right after "3" acts on the first item
        if name != "briefs":
            self._engage()

    def action_cycle_pane(self, delta: int) -> None:
        index = PANE_ORDER.index(self.active) if self.active in PANE_ORDER else 0
        self.action_focus_pane(PANE_ORDER[(index + delta) % len(PANE_ORDER)])

    def on_descendant_focus(self, event: Any) -> None:
        widget = event.widget if hasattr(event, "widget") else self.focused
        for node in (widget, *getattr(widget, "ancestors", [])):
            if getattr(node, "id", None) in PANE_ORDER:
                self._set_active(node.id)
                if node.id != "briefs":
                    self._engage()
                return

    @on(PaneTabs.Clicked)
    def _tab_clicked(self, event: PaneTabs.Clicked) -> None:
        event.stop()
        self.action_focus_pane(event.pane)

    # -- the list --------------------------------------------------------------------
    @on(BriefList.Counted)
    def _counted(self, event: BriefList.Counted) -> None:
        if self._sync_after_paint:
            self._sync_after_paint = False
            self.call_after_refresh(cast("BriefingApp", self.app).start_sync)
        total = f"{event.total:,} brief{'s' if event.total != 1 else ''}"
        if event.tag:
            self.app.sub_title = f"#{event.tag}: {event.count:,} of {total}"
        else:
            self.app.sub_title = total
        self._list_subtitle()
        if event.count == 0:
            self._wanted = None
            self._show(None)

    @on(BriefList.Highlighted)
    def _highlighted(self, event: BriefList.Highlighted) -> None:
        event.stop()
        self._wanted = event.row.id
        if self._first_highlight:
            self._first_highlight = False  # the brief shown at start: not chosen yet
            # Once the list is on screen: loading the brief imports the models, which
            # would hold the interpreter while the first list frame is drawn.
            self.call_after_refresh(self._load_wanted)
        else:
            self._engaged = event.row.id  # the user moved here (or opened it)
            self._load_wanted()  # the list posts this once the cursor rests
        self._list_subtitle()

    def _list_subtitle(self) -> None:
        """Where the cursor is, under the list (it has no scrollbar): ``12 of 3,456``."""
        listing = self.brief_list
        count = listing.count or 0
        where = f"{listing.cursor + 1:,} of {count:,}" if count else "0"
        tag = f"#{one_line(listing.tag)} · " if listing.tag else ""
        listing.border_subtitle = Text(tag + where)

    @on(BriefList.Selected)
    def _selected(self, event: BriefList.Selected) -> None:
        self._opening = event.row.id
        self.action_focus_pane("summary")
        if self._opening is not None:  # not handled by the focus change
            self._arm_read()

    def _load_wanted(self) -> None:
        brief_id = self._wanted
        if brief_id is None:
            return
        self._load_brief(brief_id)

    @work(thread=True, exit_on_error=False, group="brief", name="load the brief")
    def _load_brief(self, brief_id: str) -> None:
        self.post_message(self._BriefLoaded(brief_id, reader_app(self).store.get_brief(brief_id)))

    def on_main_screen__brief_loaded(self, message: _BriefLoaded) -> None:
        if message.brief_id != self._wanted:
            return  # the cursor moved on meanwhile
        self._show(message.brief)

    def _show(self, brief: Brief | None) -> None:
        same = brief is not None and self.brief is not None and brief.id == self.brief.id
        if not same or (self.actor_id and brief.actor(self.actor_id) is None):
            self.actor_id, self.filtered = None, False
        self.brief = brief
        if not same and self._kept_unread is not None:
            self._kept_unread = None  # left the brief marked unread: it may be read again
        self.summary_pane.show(brief)
        self._count_versions(brief)
        self._render_items()
        if brief is not None and self._open_actor and self._open_actor[0] == brief.id:
            actor_id = self._open_actor[1]
            self._open_actor = None
            if brief.actor(actor_id) is not None:
                self._select_actor(actor_id)
                self.action_focus_pane("actors")
        if not same:
            self._arm_read()

    def _render_items(self) -> None:
        for pane in self.item_panes:
            pane.show(self.brief, self.actor_id, self.filtered)

    # -- read state ------------------------------------------------------------------
    # A brief becomes read when it was opened (enter on the list, a search result, the
    # palette, the actor screen) or stayed on screen for ``ui.mark_read_after`` seconds
    # after the user moved to it. Its panes must be visible (wide layout, or a pane tab
    # on a narrow one) and this screen on top. The brief shown at start is not "moved
    # to" until the user acts on it, so starting and quitting changes no read state.

    def _engage(self) -> None:
        """The user acted on the brief shown (focused one of its panes)."""
        if self.brief is not None:
            self._engaged = self.brief.id
            if self._read_timer is None:  # moving between panes does not restart it
                self._arm_read()

    def _brief_visible(self) -> bool:
        narrow = not self.has_class("-wide")
        return self.app.screen is self and not (narrow and self.active == "briefs")

    def _stop_read_timer(self) -> None:
        if self._read_timer is not None:
            self._read_timer.stop()
            self._read_timer = None

    def _arm_read(self) -> None:
        """Mark the brief shown read now (opened) or start its timer, if it counts."""
        self._stop_read_timer()
        brief, row = self.brief, self.brief_list.highlighted_row
        if brief is None or row is None or row.id != brief.id:
            return
        if self._opening == brief.id:
            self._opening = None
            self._kept_unread = None
            if not row.read:
                self._write_read(brief.id, True, announce=False)
            return
        delay = reader_app(self).settings.ui.mark_read_after
        if (
            row.read
            or delay is None
            or self._engaged != brief.id
            or self._kept_unread == brief.id
            or not self._brief_visible()
        ):
            return
        self._read_timer = self.set_timer(delay, lambda: self._mark_read(brief.id))

    def _mark_read(self, brief_id: str) -> None:
        self._read_timer = None
        row = self.brief_list.highlighted_row
        if self.brief is None or self.brief.id != brief_id or not self._brief_visible():
            return
        if row is None or row.id != brief_id or row.read:
            return
        self._write_read(brief_id, True, announce=False)

    def on_screen_suspend(self) -> None:
        self._stop_read_timer()  # covered by another screen: not being read

    def on_screen_resume(self) -> None:
        self._arm_read()

    def on_resize(self) -> None:
        self.call_after_refresh(self._arm_read)  # the layout (wide / narrow) may change

    @work(thread=True, exit_on_error=False, group="read-state", name="save the read state")
    def _write_read(self, brief_id: str, read: bool | None, *, announce: bool) -> None:
        """Save the mark on a thread. A staged load's last transaction can hold the write
        lock for longer than the busy timeout; the mark waits for it (up to
        :data:`READ_MARK_PATIENCE_S`) instead of being lost."""
        store = reader_app(self).store
        deadline = time.monotonic() + READ_MARK_PATIENCE_S
        while True:
            try:
                if read is None:
                    value = store.toggle_read(brief_id)
                else:
                    store.set_read(brief_id, read)
                    value = read
                break
            except LibraryBusy:
                if time.monotonic() >= deadline or get_current_worker().is_cancelled:
                    raise
        self.post_message(self._ReadChanged(brief_id, value, announce))

    def on_main_screen__read_changed(self, message: _ReadChanged) -> None:
        self.brief_list.update_row(message.brief_id, read=message.read)
        if message.announce:
            self.notify(
                "Marked read." if message.read else "Marked unread.", markup=False, timeout=2
            )

    def on_library_changed(self, message: LibraryChanged) -> None:
        self.brief_list.reload()

    def select_brief(
        self, brief_id: str, *, open_it: bool = False, actor_id: str | None = None
    ) -> None:
        """Put the cursor on this brief (clearing a tag filter if it hides the brief);
        ``open_it``: and show it (its summary on a narrow screen), marking it read;
        ``actor_id``: with that actor selected and its pane focused."""
        if open_it:
            self._opening = brief_id
        self._open_actor = (brief_id, actor_id) if actor_id else None
        self._find(brief_id, self.brief_list.tag)

    @work(thread=True, exit_on_error=False, name="find the brief")
    def _find(self, brief_id: str, tag: str | None) -> None:
        store = reader_app(self).store
        visible = store.brief_index(brief_id, tag=tag) is not None
        hidden = not visible and tag is not None and store.brief_index(brief_id) is not None
        self.post_message(self._Found(brief_id, visible or hidden, hidden))

    def on_main_screen__found(self, message: _Found) -> None:
        if message.exists:
            self._jump(message.brief_id, message.clear_tag)
        else:
            self.notify(
                f"No brief with id {one_line(message.brief_id)!r}.",
                severity="warning",
                markup=False,
            )

    def _jump(self, brief_id: str, clear_tag: bool) -> None:
        lst = self.brief_list
        if clear_tag:
            lst.reload(tag=None, keep=brief_id)
        else:
            lst.reload(keep=brief_id)
        self._engaged = brief_id
        self.action_focus_pane("summary" if self._opening == brief_id else "briefs")
        if self.brief is not None and self.brief.id == brief_id:
            self._show(self.brief)  # already shown: no new brief will arrive to do it

    # -- actors ----------------------------------------------------------------------
    @on(ItemList.Highlighted, "#actors")
    def _actor_cursor(self, event: ItemList.Highlighted) -> None:
        event.stop()
        if self.brief is None or not 0 <= event.index < len(self.brief.actors):
            return
        self._select_actor(self.brief.actors[event.index].id)

    def _select_actor(self, actor_id: str | None) -> None:
        if actor_id == self.actor_id:
            return
        self.actor_id = actor_id
        if actor_id is None:
            self.filtered = False
        self._render_items()
        self.refresh_bindings()

    def _actor_order(self) -> list[str]:
        """The order ``n``/``p`` step in: actors who state a position first (a brief may
        name thirty actors, most only mentioned), each part in brief order."""
        if self.brief is None:
            return []
        speakers = {p.actor for p in self.brief.positions}
        ids = [a.id for a in self.brief.actors]
        return [i for i in ids if i in speakers] + [i for i in ids if i not in speakers]

    def action_step_actor(self, delta: int) -> None:
        if self.brief is None or not self.brief.actors:
            self.app.bell()
            return
        ids = self._actor_order()
        if self.actor_id in ids:
            index = (ids.index(self.actor_id) + delta) % len(ids)
        else:
            index = 0 if delta > 0 else len(ids) - 1
        self._select_actor(ids[index])
        if self.active in ("briefs", "summary"):
            self.action_focus_pane("actors")

    def action_toggle_actor_filter(self) -> None:
        if self.actor_id is None:
            self.notify("Select an actor first (n / p).", markup=False, timeout=3)
            return
        self.filtered = not self.filtered
        self._render_items()

    def _sibling_ids(self) -> tuple[str, ...]:
        return tuple(self._actor_order())  # n/p on the actor screen step the same way

    def action_open_actor(self) -> None:
        if self.actor_id is None:
            self.notify("Select an actor first (n / p).", markup=False, timeout=3)
            return
        self.post_message(OpenActor(self.actor_id, self._sibling_ids()))

    @on(ActorChosen)
    def _actor_chosen(self, event: ActorChosen) -> None:
        event.stop()
        self.post_message(OpenActor(event.actor_id, self._sibling_ids()))

    @on(QuestionChosen)
    def _question_chosen(self, event: QuestionChosen) -> None:
        event.stop()
        if event.question_id is None:
            self.notify("This question has no id, so it has no history.", markup=False, timeout=3)
            return
        self.post_message(OpenQuestion(event.question_id))

    # -- other actions ---------------------------------------------------------------
    def action_back(self) -> None:
        if self.filtered:
            self.filtered = False
            self._render_items()
        elif self.actor_id is not None:
            self._select_actor(None)
        elif self.brief_list.tag is not None:
            self.brief_list.reload(tag=None)
        elif self.active != "briefs":
            self.action_focus_pane("briefs")

    def action_toggle_read(self) -> None:
        row = self.brief_list.highlighted_row
        if row is None:
            self.app.bell()
            return
        self._stop_read_timer()
        # Marked unread stays unread while the user stays on it (until they leave).
        self._kept_unread = row.id if row.read else None
        self._write_read(row.id, not row.read, announce=True)

    def action_filter_tag(self) -> None:
        def chosen(tag: str | None) -> None:
            if tag is None:
                return
            self.brief_list.reload(tag=tag or None)
            self.action_focus_pane("briefs")

        from briefing.tui.widgets.tag_picker import TagPicker  # on first use

        self.app.push_screen(TagPicker(self.brief_list.tag), chosen)

    def action_open_source(self) -> None:
        if self.brief is None:
            self.app.bell()
            return
        urls = [s.url.strip() for s in self.brief.source if is_web_url(s.url)]  # type: ignore[union-attr]
        if not urls:
            self.notify("This brief has no web link to open.", severity="warning", markup=False)
            return
        self.open_url(urls[0])

    def action_edit_brief(self) -> None:
        """The brief in $VISUAL/$EDITOR (the screen handed over meanwhile), validated on
        save and stored as a new version (see :mod:`briefing.edit`)."""
        if self.brief is None:
            self.app.bell()
            return
        from textual.app import SuspendNotSupported

        from briefing.edit import edit_brief
        from briefing.errors import BriefingError

        app: Any = self.app
        brief = self.brief
        try:
            try:
                with app.suspend():
                    result = edit_brief(brief, app.settings.limits)
            except SuspendNotSupported:
                # No terminal to hand over (headless): the editor runs without one.
                result = edit_brief(brief, app.settings.limits)
            if result.brief is not None:
                app.store.import_brief(result.brief, origin="edit")
        except BriefingError as exc:
            self.notify(one_line(str(exc)), severity="error", markup=False)
            return
        self.notify(one_line(result.message), markup=False, timeout=4)
        if result.brief is not None:
            self._show(result.brief)
            app.post_message(LibraryChanged())

    def open_url(self, url: str) -> None:
        """Open an http(s) URL in the browser, off the UI thread."""
        if not is_web_url(url):
            self.notify(
                f"Not opening {one_line(url)!r}: only web links open.",
                severity="warning",
                markup=False,
            )
            return
        self.notify(f"Opening {one_line(url)}", markup=False, timeout=3)
        self._open_in_browser(url)

    class _NoBrowser(Message, bubble=False):
        def __init__(self, url: str) -> None:
            super().__init__()
            self.url = url

    @work(thread=True, exit_on_error=False, name="open the link")
    def _open_in_browser(self, url: str) -> None:
        import webbrowser  # on first use, not at start-up

        try:
            opened = webbrowser.open(url)
        except webbrowser.Error:
            opened = False
        if not opened:  # no browser found (a server, a container, no $BROWSER)
            self.post_message(self._NoBrowser(url))

    def on_main_screen__no_browser(self, message: _NoBrowser) -> None:
        self.notify(
            f"No web browser to open {one_line(message.url)} with: set $BROWSER, or copy"
            " the address from the summary (2).",
            severity="warning",
            markup=False,
            timeout=10,
        )

    def key_label(self, binding: Binding) -> str | None:
        """The key line's ``n``/``p`` entry names the selected actor (so it shows on
        every tab, not only beside the actors pane)."""
        if not binding.action.startswith("step_actor") or self.brief is None:
            return None
        ids = self._actor_order()
        actor = self.brief.actor(self.actor_id) if self.actor_id else None
        if actor is None or actor.id not in ids:
            return None
        return f"{one_line(actor.name)} {ids.index(actor.id) + 1}/{len(ids)}"

    # -- versions: the marker and the what-changed screen ------------------------------
    class _VersionsCounted(Message, bubble=False):
        def __init__(self, brief_id: str, earlier: int) -> None:
            super().__init__()
            self.brief_id, self.earlier = brief_id, earlier

    def _count_versions(self, brief: Brief | None) -> None:
        """Mark a brief that has earlier versions (most have none: then nothing changes)."""
        if brief is None:
            return
        self._count_earlier(brief.id)

    @work(thread=True, exit_on_error=False, group="versions", name="count the brief's versions")
    def _count_earlier(self, brief_id: str) -> None:
        earlier = reader_app(self).store.earlier_versions(brief_id)
        self.post_message(self._VersionsCounted(brief_id, earlier))

    def on_main_screen__versions_counted(self, message: _VersionsCounted) -> None:
        if self.brief is None or self.brief.id != message.brief_id or not message.earlier:
            return
        key = next(
            (
                self.app.get_key_display(b)
                for _k, b in keys.live_bindings(self.app, self)
                if b.id == "what_changed"
            ),
            "c",
        )
        marker = Text("◆ ", "bold")
        marker.append(f"version {message.earlier + 1}", "bold")
        marker.append(f" · {message.earlier} earlier · {key} shows what changed", "italic")
        self.summary_pane.add_note(message.brief_id, marker)

    def action_what_changed(self) -> None:
        if self.brief is None:
            self.app.bell()
            return
        from briefing.tui.screens.changes import ChangesScreen

        self.app.push_screen(ChangesScreen(self.brief.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_actor_filter", "open_actor") and self.actor_id is None:
            return None  # shown, but greyed out, until an actor is selected
        return True
