"""The actor screen: who an actor is, the roles it held, and every position it took, by date.

Pushed by the App on :class:`~briefing.tui.messages.OpenActor`. The data comes from the
store in a thread worker: the header's counts and role spans, the timeline's layout (one
character per row) and the cursor's page of rows. The list is a Line-API
:class:`ActorTimeline` that loads further pages as they come on screen, so an actor with
thousands of positions opens and moves as fast as one with three.
"""

from __future__ import annotations

import sqlite3
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import get_current_worker

from briefing.errors import BriefingError
from briefing.store.actors import ActorHead, RoleSpan
from briefing.text import clean, one_line
from briefing.tui.messages import LibraryChanged, OpenBrief
from briefing.tui.widgets.actor_list import RowList
from briefing.tui.widgets.actor_timeline import (
    ActorTimeline,
    BriefEntry,
    Entry,
    PositionEntry,
    QuoteBlock,
    TimelinePages,
    heights_of,
    role_text,
)
from briefing.tui.widgets.chrome import KeyBar

#: Seconds before a loading indicator replaces the list (most actors load well within).
SPINNER_DELAY = 0.2
#: Role spans listed in the header before the rest are summarised as "+N earlier".
MAX_ROLE_LINES = 4


def role_lines(spans: tuple[RoleSpan, ...]) -> list[tuple[str, str, str]]:
    """``(first date, last date, label)`` of the latest spans, newest first."""
    lines = [(s.first, s.last, role_text(s.role, s.affiliation)) for s in spans]
    return [line for line in lines if line[2]]


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


class ActorScreen(Screen[None]):
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
        super().__init__()
        self.actor_id = actor_id
        self.sibling_ids = tuple(sibling_ids)
        self.detail: ActorHead | None = None
        self._generation = 0
        self._keep_cursor = 0
        self._spinner: Timer | None = None
        self._loaded = False

    def compose(self) -> ComposeResult:
        with Vertical(id="actor-head"):
            with Horizontal(id="actor-title-row"):
                yield Static(id="actor-name")
                yield Static(id="actor-step")
            yield Static(id="actor-aliases")
            yield Static(id="actor-roles")
            yield Static(id="actor-counts")
        yield ActorTimeline(id="actor-timeline", empty_text="No briefs mention this actor.")
        yield Static(id="actor-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self._load_actor()

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
        timeline = self.query_one(ActorTimeline)
        self._keep_cursor = timeline.cursor if keep_cursor else 0
        self._generation += 1
        self._loaded = False
        self.detail = None
        self.query_one("#actor-name", Static).update(Text(one_line(self.actor_id), "bold"))
        self.query_one("#actor-step", Static).update(Text(self.step_label))
        for part in ("aliases", "roles", "counts"):
            self.query_one(f"#actor-{part}", Static).display = False
        self._show_detail(None)
        if self._spinner is not None:
            self._spinner.stop()
        # A loading indicator only if the rows take longer than a blink (no flicker on n/p).
        self._spinner = self.set_timer(SPINNER_DELAY, self._show_spinner)
        self._fetch(self.actor_id, self._generation, self._keep_cursor)

    def _show_spinner(self) -> None:
        # The timer may fire just after the rows arrived: only spin while still loading.
        if not self._loaded:
            self.query_one(ActorTimeline).loading = True

    @work(thread=True, exclusive=True, group="actor-screen")
    def _fetch(self, actor_id: str, generation: int, cursor: int) -> None:
        """The header, the layout and the cursor's page: a few ms for any actor."""
        store = self.app.store  # type: ignore[attr-defined]
        pages: TimelinePages | None = None
        first: tuple[int, list[Entry]] | None = None
        error: str | None = None
        detail = None
        try:
            detail = store.actor_head(actor_id, spans=MAX_ROLE_LINES)
            if detail is not None:
                pages = TimelinePages(store, actor_id, store.actor_layout(actor_id))
                cursor = max(0, min(cursor, len(pages.layout) - 1))
                page, offset, limit = ActorTimeline.page_span(cursor)
                first = (page, pages(offset, limit))
        except (BriefingError, sqlite3.Error) as exc:  # locked, corrupt: say so, don't crash
            error = str(exc)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, generation, detail, pages, first, error)

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
        self.detail = detail
        self._loaded = True
        timeline = self.query_one(ActorTimeline)
        if self._spinner is not None:
            self._spinner.stop()
        timeline.loading = False
        if detail is None or pages is None:
            timeline.empty_text = (
                f"Cannot read the library: {one_line(error)}"
                if error
                else "No actor with this id in the library."
            )
            timeline.set_rows([])
            self._set("#actor-counts", Text(f"unknown actor {one_line(self.actor_id)}", "italic"))
            return
        self.sub_title = one_line(detail.name)
        self.query_one("#actor-name", Static).update(self._name_text(detail))
        aliases = Text()
        if detail.aliases:
            aliases.append("also ", "dim")
            aliases.append(" · ".join(one_line(a) for a in detail.aliases))
        self._set("#actor-aliases", aliases)
        self._set("#actor-roles", self._roles_text(detail))
        counts = (
            f"{plural(detail.brief_count, 'brief')} · "
            f"{plural(detail.position_count, 'position')} · oldest first"
        )
        self._set("#actor-counts", Text(counts, "dim"))
        timeline.set_pages(heights_of(pages.layout), pages, first=first, cursor=self._keep_cursor)

    def _set(self, selector: str, text: Text) -> None:
        """Header lines with nothing to say take no room."""
        static = self.query_one(selector, Static)
        static.update(text)
        static.display = bool(text.plain)

    @staticmethod
    def _name_text(detail: ActorHead) -> Text:
        text = Text(one_line(detail.name), "bold")
        text.append(f"  {one_line(detail.kind)}", "dim italic")
        return text

    @staticmethod
    def _roles_text(detail: ActorHead) -> Text:
        """Latest role first, so a short terminal (which clips the end) keeps it."""
        lines = []
        for first, last, label in role_lines(detail.spans):
            when = first if first == last else f"{first} → {last}"
            lines.append(Text.assemble((f"{when:<25}", "dim"), label))
        if detail.span_count > MAX_ROLE_LINES:
            lines.append(Text(f"+{detail.span_count - MAX_ROLE_LINES} earlier roles", "dim"))
        return Text("\n").join(lines)

    # -- the highlighted row -------------------------------------------------------
    @on(RowList.Highlighted, "#actor-timeline")
    def _highlighted(self, event: RowList.Highlighted[Entry]) -> None:
        self._show_detail(self.query_one(ActorTimeline).highlighted_row)

    def _show_detail(self, entry: Entry | None) -> None:
        """The highlighted row in full; a fixed-size pane, so no layout pass per key."""
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
            self.post_message(OpenBrief(entry.brief_id))

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
