"""The timeline screen (``T``, or "Timeline" in the palette): every event of the library
by date, the same event from several briefs grouped; ``a`` filters to an actor of the
highlighted event, ``t`` to a tag; ``enter`` opens the event's brief.

The count and the first page are read in a thread worker, which posts
:class:`TimelineScreen.Loaded`; further pages load as they come on screen
(:class:`~briefing.tui.widgets.across_lists.TimelinePages`).
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from briefing.errors import BriefingError
from briefing.store import TimelineFilter
from briefing.text import clean, one_line
from briefing.timeline import precision
from briefing.tui import keys
from briefing.tui.contract import reader_app
from briefing.tui.messages import LibraryChanged, OpenBrief
from briefing.tui.widgets.across_lists import TimelineItem, TimelineList, TimelinePages
from briefing.tui.widgets.chrome import KeyBar
from briefing.tui.widgets.row_list import RowList
from briefing.tui.widgets.tag_picker import TagPicker

ALL = "\x00all"
"""Option id meaning "no actor filter" (not a valid actor id)."""

SCREEN_CSS = """
{name} {{
    & .across-head {{
        height: auto;
        padding: 0 1;
        background: $panel;
        border-bottom: solid $primary;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }}
    & .across-list {{ height: 1fr; padding: 0 1; }}
    & .across-detail {{
        height: 33%;
        min-height: 6;
        padding: 0 1;
        border-top: solid $primary-muted;
        background: $boost;
        overflow: hidden;
    }}
    &.-short .across-detail {{ height: 7; min-height: 0; }}
}}
"""


class _ActorOptions(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [*keys.MOVE]


class ActorPicker(ModalScreen[str | None]):
    """Choose one of a few actors; dismisses with an id, ``""`` for all, ``None`` if
    cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [("escape", "dismiss_none", "Cancel")]

    DEFAULT_CSS = """
    ActorPicker {
        align: center middle;
        & > OptionList {
            width: 56;
            max-width: 90%;
            height: auto;
            max-height: 80%;
            border: thick $primary 60%;
            background: $surface;
        }
    }
    """

    class Named(Message):
        """The actors' names, read from the library after the picker opened."""

        def __init__(self, names: dict[str, str]) -> None:
            super().__init__()
            self.names = names

    def __init__(self, actor_ids: list[str], current: str | None) -> None:
        super().__init__()
        self.actor_ids = actor_ids
        self.current = current

    @staticmethod
    def _label(actor_id: str, name: str | None) -> Text:
        if name is None or name == actor_id:
            return Text(one_line(actor_id))
        label = Text(one_line(name))
        label.append(f"  {one_line(actor_id)}", style="dim")
        return label

    def compose(self) -> ComposeResult:
        options = [Option(Text("All actors", style="bold"), id=ALL)]
        options += [Option(self._label(a, None), id=a) for a in self.actor_ids]
        yield _ActorOptions(*options, markup=False)

    def on_mount(self) -> None:
        options = self.query_one(_ActorOptions)
        options.border_title = "Filter the timeline to an actor"
        ids = [ALL, *self.actor_ids]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()
        self._read_names()

    @work(thread=True, exclusive=True, group="actor-picker")
    def _read_names(self) -> None:
        """Events store actor ids only: the picker opens at once with them, and shows
        the names as soon as this indexed lookup answers."""
        try:
            names = reader_app(self).store.actor_names(self.actor_ids)
        except BriefingError:
            return  # the ids stay; the library's error shows elsewhere
        if not get_current_worker().is_cancelled:
            self.post_message(self.Named(names))

    def on_actor_picker_named(self, message: Named) -> None:
        options = self.query_one(_ActorOptions)
        for actor_id, name in message.names.items():
            options.replace_option_prompt(actor_id, self._label(actor_id, name))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss("" if event.option.id == ALL else event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class TimelineScreen(Screen[None]):
    """One timeline across the library."""

    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-short"), (36, "-tall")]
    AUTO_FOCUS = "#timeline-list"
    DEFAULT_CSS = SCREEN_CSS.format(name="TimelineScreen")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back / clear filter", id="back"),
        Binding("a", "filter_actor", "Actor filter", id="timeline_actor"),
        Binding("t", "filter_tag", "Tag filter", id="filter_tag"),
    ]

    class Loaded(Message):
        """How many events match, and the first page (or why nothing is shown)."""

        def __init__(
            self,
            generation: int,
            count: int,
            pages: TimelinePages | None,
            first: list[TimelineItem],
            error: str | None,
            actor_name: str | None,
        ) -> None:
            super().__init__()
            self.generation, self.count, self.pages = generation, count, pages
            self.first, self.error, self.actor_name = first, error, actor_name

    def __init__(self, *, actor: str | None = None, tag: str | None = None) -> None:
        super().__init__()
        self.where = TimelineFilter(actor=actor, tag=tag)
        self.count = 0
        self.actor_name: str | None = None
        self._generation = 0

    def compose(self) -> ComposeResult:
        yield Static(self._head(), id="timeline-head", classes="across-head")
        yield TimelineList(
            id="timeline-list", classes="across-list", empty_text="Loading the timeline…"
        )
        yield Static(id="timeline-detail", classes="across-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self._request()

    def on_library_changed(self, message: LibraryChanged) -> None:
        self._request(keep=True)

    # -- loading -------------------------------------------------------------------
    def _request(self, keep: bool = False) -> None:
        self._generation += 1
        cursor = self.query_one(TimelineList).cursor if keep else 0
        self._load(self.where, self._generation, cursor)

    @work(thread=True, exclusive=True, group="timeline-screen")
    def _load(self, where: TimelineFilter, generation: int, cursor: int) -> None:
        store = reader_app(self).store
        count, pages, first, error, name = 0, None, [], None, None
        try:
            pages = TimelinePages(store, where)
            count = pages.count()
            _page, offset, limit = TimelineList.page_span(min(cursor, max(count - 1, 0)))
            first = pages(offset, limit)
            if where.actor is not None:
                detail = store.actor(where.actor)
                name = detail.name if detail is not None else None
        except BriefingError as exc:  # the store turns SQLite errors into StoreError
            error = str(exc)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(generation, count, pages, first, error, name))

    def on_timeline_screen_loaded(self, message: Loaded) -> None:
        if message.generation != self._generation:
            return
        self.count, self.actor_name = message.count, message.actor_name
        timeline = self.query_one(TimelineList)
        self.query_one("#timeline-head", Static).update(self._head())
        if message.pages is None or message.error:
            timeline.empty_text = f"Cannot read the library: {one_line(message.error or '')}"
            timeline.set_rows([])
            return
        timeline.empty_text = "No timeline events match." if self._filtered else "No events."
        cursor = min(timeline.cursor, max(message.count - 1, 0))
        page = TimelineList.page_span(cursor)[0]
        timeline.set_pages(
            [1] * message.count, message.pages, first=(page, message.first), cursor=cursor
        )
        if not message.count:
            self._show_detail(None)

    @property
    def _filtered(self) -> bool:
        return self.where.actor is not None or self.where.tag is not None

    def _head(self) -> Text:
        text = Text("Timeline", "bold")
        text.append(f"  {self.count:,} event{'' if self.count == 1 else 's'}", "dim")
        if self.where.actor is not None:
            text.append("  · actor ", "dim")
            text.append(one_line(self.actor_name or self.where.actor), "bold")
        if self.where.tag is not None:
            text.append(f"  · #{one_line(self.where.tag)}", "bold")
        text.append("\n≈ the same event told by another brief · a actor · t tag", "dim")
        return text

    # -- the highlighted event -----------------------------------------------------
    @on(RowList.Highlighted, "#timeline-list")
    def _highlighted(self, event: RowList.Highlighted[TimelineItem]) -> None:
        self._show_detail(self.query_one(TimelineList).highlighted_row)

    def _show_detail(self, item: TimelineItem | None) -> None:
        self.query_one("#timeline-detail", Static).update(self._detail(item), layout=False)

    def _detail(self, item: TimelineItem | None) -> RenderableType:
        if item is None:
            return Text()
        row = item.row
        head = Text(f"{row.date} ({precision(row.date)})", "bold")
        parts: list[RenderableType] = [head, Text(clean(row.event))]
        source = Text(f"{row.brief_date} · {one_line(row.brief_title)}", "dim")
        if row.actors:
            source.append(f" · {', '.join(one_line(a) for a in row.actors)}", "dim")
        parts.append(source)
        others = [r for r in item.group.rows if r is not row]
        if others:
            also = Text("also told by: ", "dim italic")
            also.append("; ".join(one_line(r.brief_title) for r in others), "dim")
            parts.append(also)
        return Group(*parts)

    # -- actions -------------------------------------------------------------------
    @on(RowList.Selected, "#timeline-list")
    def _selected(self, event: RowList.Selected[TimelineItem]) -> None:
        item = self.query_one(TimelineList).highlighted_row
        if item is not None:
            self.post_message(OpenBrief(item.brief_id))

    def _refilter(self, *, actor: str | None, tag: str | None) -> None:
        self.where = TimelineFilter(actor=actor, tag=tag)
        self.query_one(TimelineList).cursor = 0
        self._request()

    def action_filter_actor(self) -> None:
        item = self.query_one(TimelineList).highlighted_row
        ids = list(item.group.actors) if item is not None else []
        if self.where.actor is not None and self.where.actor not in ids:
            ids.insert(0, self.where.actor)
        if not ids and self.where.actor is None:
            self.notify("This event names no actor.", markup=False, timeout=3)
            return

        def chosen(actor: str | None) -> None:
            if actor is not None:
                self._refilter(actor=actor or None, tag=self.where.tag)

        self.app.push_screen(ActorPicker(ids, self.where.actor), chosen)

    def action_filter_tag(self) -> None:
        def chosen(tag: str | None) -> None:
            if tag is not None:
                self._refilter(actor=self.where.actor, tag=tag or None)

        self.app.push_screen(TagPicker(self.where.tag), chosen)

    def action_back(self) -> None:
        if self._filtered:
            self._refilter(actor=None, tag=None)
        else:
            self.dismiss()
