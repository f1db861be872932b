"""The panes showing one brief: summary, actors, positions, open questions, timeline.

Each pane is handed the whole :class:`~briefing.model.Brief` plus the main screen's
"selected actor" and "filter to that actor" state, and renders from them; panes never
reach into each other or into the store. All brief text is untrusted and enters Rich
``Text`` objects literally (see :mod:`briefing.tui.widgets.safe`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from rich.console import Group, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.strip import Strip

from briefing.tui import keys
from briefing.tui.widgets.colors import ComponentStyles
from briefing.tui.widgets.item_list import ItemList, ScrollKeys
from briefing.tui.widgets.safe import clean, one_line

if TYPE_CHECKING:  # the models (pydantic) and Markdown load with the first brief shown
    from briefing.model import Actor, Brief, OpenQuestion, Position, TimelineEvent

T = TypeVar("T")


class ActorChosen(Message):
    """``enter`` on an actor, or on an item naming one (the screen opens the actor)."""

    def __init__(self, actor_id: str) -> None:
        super().__init__()
        self.actor_id = actor_id


class QuestionChosen(Message):
    """``enter`` on an open question."""

    def __init__(self, question_id: str | None) -> None:
        super().__init__()
        self.question_id = question_id


class Pane:
    """What the main screen needs from every pane: a number, a name, ``show``."""

    PANE: ClassVar[str] = ""
    NUMBER: ClassVar[int] = 0
    TITLE: ClassVar[str] = ""

    def set_titles(self, subtitle: Text | str | None = None) -> None:
        self.border_title = f"{self.NUMBER} {self.TITLE}"  # type: ignore[attr-defined]
        if isinstance(subtitle, str):
            subtitle = Text(subtitle)
        self.border_subtitle = subtitle  # type: ignore[attr-defined]


class SummaryPane(ScrollKeys, Pane, can_focus=True):
    """The summary as Markdown (its bottom line first), then the title, date, tags and
    source, in one widget.

    Rich's Markdown renderable rather than Textual's ``Markdown`` widget, which mounts a
    widget per block, and drawn on the Line API: the text is rendered once per brief and
    width, and a new brief repaints the pane without laying out the screen again (a
    content-sized widget would). Links show their address beside their text and are
    never live (no terminal hyperlinks to untrusted addresses); ``o`` opens the brief's
    source in the browser.
    """

    PANE = "summary"
    NUMBER = 2
    TITLE = "Summary"
    #: Columns of margin left and right of the text, inside the pane's padding.
    MARGIN: ClassVar[int] = 1

    BINDINGS: ClassVar[list[BindingType]] = [*keys.MOVE, *keys.ARROWS]

    DEFAULT_CSS = """
    SummaryPane { overflow-x: hidden; overflow-y: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._brief: Brief | None = None
        self._summary: RenderableType | None = None
        self._note: Text | None = None

    def on_mount(self) -> None:
        self.set_titles()

    def show(self, brief: Brief | None, read: bool | None = None) -> None:
        self._brief = brief
        self._note = None
        if brief is None:
            self._summary = None
            self.set_titles()
        else:
            from rich.markdown import Markdown  # after the first paint: the first brief

            self._summary = Markdown(clean(brief.summary), hyperlinks=False)
            # The source's publisher in the border, where it shows without scrolling.
            publisher = next((s.publisher for s in brief.source if s.publisher), None)
            border = f"{one_line(publisher)} · " if publisher else ""
            self.set_titles(Text(border + brief.date.isoformat()))
        self._invalidate()
        self.scroll_home(animate=False, immediate=True)

    def add_note(self, brief_id: str, note: Text) -> None:
        """A line above the brief shown (if it is still ``brief_id``), such as the mark
        of a brief with earlier versions; the next :meth:`show` drops it."""
        if self._brief is None or self._brief.id != brief_id:
            return
        self._note = note
        self._invalidate()

    def build_lines(self, width: int) -> list[Strip]:
        console = self.app.console
        inner = max(width - 2 * self.MARGIN, 1)
        options = console.options.update(width=inner, height=None, highlight=False)
        margin = [Segment(" " * self.MARGIN)] if self.MARGIN else []
        if self._brief is None or self._summary is None:
            content: RenderableType = _NO_BRIEF
        else:
            note = [self._note, Text()] if self._note is not None else []
            content = Group(*note, self._summary, Text(), brief_head(self._brief, inner))
        return [
            Strip([*margin, *line, *margin])
            for line in console.render_lines(content, options, pad=True)
        ]


_NO_BRIEF = Text("No brief selected.", style="dim")


def brief_head(brief: Brief, width: int) -> RenderableType:
    """The brief's title, date, tags and sources, as literal text (addresses broken
    only after ``/`` and the like, to fit ``width``)."""
    head = Text()
    head.append(one_line(brief.title), Style(bold=True))
    head.append("\n")
    head.append(brief.date.isoformat(), Style(dim=True))
    if brief.tags:
        head.append("  " + " ".join(f"#{t}" for t in brief.tags), Style(dim=True))
    for source in brief.source:
        parts = [one_line(p) for p in (source.publisher, source.title) if p]
        if source.published:
            parts.append(source.published.isoformat())
        head.append("\nSource: ", Style(dim=True))
        head.append(" · ".join(parts) or "(untitled)", Style(italic=True))
        if source.url:
            head.append("\n")
            head.append(url_lines(one_line(source.url), width), Style(dim=True, underline=True))
    made = brief.provenance
    if made is not None:
        via = [one_line(v) for v in (made.feed_title or made.feed,) if v]
        if made.fetched:
            via.append("fetched " + made.fetched.strftime("%Y-%m-%d %H:%M"))
        if made.derived_by:
            via.append("derived by " + one_line(made.derived_by))
        head.append("\nDraft from feed: ", Style(dim=True))
        head.append(" · ".join(via) or "(unknown)", Style(dim=True, italic=True))
    return head


_URL_PARTS = re.compile(r"[^/?&=#.\-_~:]*[/?&=#.\-_~:]*")


def url_lines(url: str, width: int) -> str:
    """``url`` on as many lines of ``width`` cells as it needs, broken after a ``/``,
    ``.``, ``-``, ``?`` … rather than in the middle of a word (a part longer than a
    line is folded: nothing else fits it)."""
    lines: list[str] = []
    line = ""
    for part in _URL_PARTS.findall(url):
        while part:
            if len(line) + len(part) <= width:
                line, part = line + part, ""
            elif line:
                lines.append(line)
                line = ""
            else:  # one part wider than the line
                lines.append(part[:width])
                part = part[width:]
    if line:
        lines.append(line)
    return "\n".join(lines)


class ItemPane(ItemList, Pane, Generic[T]):
    """A pane of items (actors, positions …) with a cursor; items can be highlighted
    as belonging to the selected actor, and filtered to it."""

    BINDINGS: ClassVar[list[BindingType]] = [keys.select("Open")]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pane--accent",
        "pane--muted",
        "pane--good",
        "pane--bad",
        "pane--warn",
        "pane--quote",
    }

    DEFAULT_CSS = """
    ItemPane {
        & > .pane--accent { color: $text-accent; text-style: bold; }
        & > .pane--muted { color: $text-muted; }
        & > .pane--good { color: $text-success; }
        & > .pane--bad { color: $text-error; }
        & > .pane--warn { color: $text-warning; }
        & > .pane--quote { color: $text-secondary; text-style: italic; }
    }
    """

    EMPTY: ClassVar[str] = "Nothing here."

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.brief: Brief | None = None
        self.actor_id: str | None = None
        self.filtered = False
        self.items: list[T] = []
        self._styles = ComponentStyles(self)

    def on_mount(self) -> None:
        self.set_titles()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def on_focus(self) -> None:
        self.ensure_highlight()

    def _theme_changed(self, _theme: object) -> None:
        # Item colours are baked into the rendered items: render them again.
        self._styles.clear()
        self.call_after_refresh(self.rebuild, self.highlighted)

    # -- to override ---------------------------------------------------------------
    def all_items(self, brief: Brief) -> Sequence[T]:
        raise NotImplementedError

    def involves(self, item: T, actor_id: str) -> bool:
        raise NotImplementedError

    def prompt(self, item: T, brief: Brief, related: bool | None) -> RenderableType:
        """``related``: None when no actor is selected, else whether ``item`` involves it."""
        raise NotImplementedError

    # -- shared ------------------------------------------------------------------------
    def style(self, name: str) -> Style:
        """The ``pane--{name}`` colour and text style (each item asks for several)."""
        return self._styles.fg(f"pane--{name}")

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def show(self, brief: Brief | None, actor_id: str | None, filtered: bool) -> None:
        """Render ``brief`` with ``actor_id`` highlighted (and only its items if ``filtered``)."""
        same_brief = brief is self.brief
        refocus = actor_id != self.actor_id or filtered != self.filtered
        keep = self.highlighted if same_brief and not refocus else None
        self.brief, self.actor_id, self.filtered = brief, actor_id, filtered
        self.rebuild(keep_highlight=keep)
        if not same_brief:
            self.scroll_home(animate=False)
        if self.has_focus:
            self.ensure_highlight()
        if same_brief and refocus and actor_id is not None:
            # Bring the selected actor's first item into view (and under the cursor).
            first = next(
                (n for n, item in enumerate(self.items) if self.involves(item, actor_id)), None
            )
            if first is not None:
                self.highlighted = first

    def rebuild(self, keep_highlight: int | None = None) -> None:
        brief = self.brief
        if brief is None:
            self.items = []
            self.set_prompts([])
            self.set_titles()
            return
        everything = list(self.all_items(brief))
        actor = self.actor_id
        if actor and self.filtered:
            self.items = [i for i in everything if self.involves(i, actor)]
        else:
            self.items = everything
        prompts = [
            self.prompt(item, brief, None if actor is None else self.involves(item, actor))
            for item in self.items
        ]
        self.set_prompts(prompts, highlighted=keep_highlight, empty=self.empty_text(brief))
        self.set_titles(self.subtitle(len(everything)))

    def empty_text(self, brief: Brief) -> Text:
        if self.actor_id and self.filtered:
            actor = brief.actor(self.actor_id)
            name = one_line(actor.name) if actor else self.actor_id
            return Text(f"None for {name} (f shows all).", style=self.style("muted"))
        return Text(self.EMPTY, style=self.style("muted"))

    def subtitle(self, total: int) -> Text:
        if self.actor_id and self.brief is not None:
            related = sum(1 for i in self.all_items(self.brief) if self.involves(i, self.actor_id))
            actor = self.brief.actor(self.actor_id)
            name = one_line(actor.name) if actor else self.actor_id
            label = "only " if self.filtered else ""
            return Text(f"{label}{name}: {related} of {total}")
        return Text(str(total))

    @property
    def current(self) -> T | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.items):
            return None
        return self.items[index]

    def names(self, brief: Brief, ids: Sequence[str], related_style: Style) -> Text:
        text = Text()
        for n, actor_id in enumerate(ids):
            if n:
                text.append(", ", self.style("muted"))
            actor = brief.actor(actor_id)
            name = one_line(actor.name) if actor else actor_id
            style = related_style if actor_id == self.actor_id else self.style("muted")
            text.append(name, style)
        return text

    def marker(self, related: bool | None) -> Text:
        if related:
            return Text("▌", style=self.style("accent"))
        return Text(" ")

    def dim_unrelated(self, renderable: RenderableType, related: bool | None) -> RenderableType:
        if related is False:
            return _Dim(renderable)
        return renderable


class _Dim:
    """Render a renderable dimmed (items not involving the selected actor)."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console, options):  # type: ignore[no-untyped-def]
        from rich.segment import Segment

        dim = Style(dim=True)
        for segment in console.render(self.renderable, options):
            if segment.control:
                yield segment
            else:
                style = (segment.style or Style()) + dim
                yield Segment(segment.text, style)


def _gutter(marker: Text, body: RenderableType) -> RenderableType:
    """``marker`` in a one-cell column left of ``body``, repeated down its full height."""
    return _Gutter(marker, body)


class _Gutter:
    def __init__(self, marker: Text, body: RenderableType) -> None:
        self.marker = marker
        self.body = body

    def __rich_console__(self, console, options):  # type: ignore[no-untyped-def]
        from rich.segment import Segment

        style = self.marker.style if isinstance(self.marker.style, Style) else Style()
        glyph = Segment((self.marker.plain or " ")[:1] + " ", style)
        width = max(options.max_width - 2, 1)
        lines = console.render_lines(self.body, options.update_width(width), pad=False)
        for line in lines:
            yield glyph
            yield from line
            yield Segment.line()

    def __rich_measure__(self, console, options):  # type: ignore[no-untyped-def]
        from rich.measure import Measurement

        return Measurement(3, options.max_width)


class ActorsPane(ItemPane["Actor"]):
    """Name, kind, role and affiliation of each actor; ``enter`` opens the actor screen."""

    PANE = "actors"
    NUMBER = 3
    TITLE = "Actors"
    EMPTY = "No actors."
    BINDINGS: ClassVar[list[BindingType]] = [keys.select("Actor screen", show=True)]

    def all_items(self, brief: Brief) -> Sequence[Actor]:
        return brief.actors

    def involves(self, item: Actor, actor_id: str) -> bool:
        return item.id == actor_id

    def show(self, brief: Brief | None, actor_id: str | None, filtered: bool) -> None:
        if brief is None or brief is not self.brief:
            super().show(brief, actor_id, filtered)
            return
        # Same brief, another actor: repaint the two actors that changed, move the cursor.
        old = self._actor_index()
        self.actor_id, self.filtered = actor_id, filtered
        new = self._actor_index()
        for index in {old, new} - {None}:
            assert index is not None
            actor = brief.actors[index]
            self.replace_prompt(
                index, self.prompt(actor, brief, actor_id is not None and actor.id == actor_id)
            )
        self.highlighted = new

    def rebuild(self, keep_highlight: int | None = None) -> None:
        # The actor list never filters; its highlight *is* the selected actor.
        filtered, self.filtered = self.filtered, False
        super().rebuild(keep_highlight=self._actor_index())
        self.filtered = filtered

    def _actor_index(self) -> int | None:
        if self.brief is None or self.actor_id is None:
            return None
        for n, actor in enumerate(self.brief.actors):
            if actor.id == self.actor_id:
                return n
        return None

    def subtitle(self, total: int) -> Text:
        return Text(str(total))

    def prompt(self, item: Actor, brief: Brief, related: bool | None) -> RenderableType:
        text = Text()
        text.append(
            one_line(item.name), Style(bold=True) + (self.style("accent") if related else Style())
        )
        text.append(f"  {item.kind.value}", self.style("muted"))
        detail = [one_line(p) for p in (item.role, item.affiliation) if p]
        if detail:
            text.append("\n")
            text.append(" · ".join(detail), self.style("muted"))
        return _gutter(self.marker(related), text)

    def action_select(self) -> None:
        actor = self.current
        if actor is not None:
            self.post_message(ActorChosen(actor.id))


STANCE_GLYPH = {
    "supports": ("▲ supports", "good"),
    "opposes": ("▼ opposes", "bad"),
    "mixed": ("◆ mixed", "warn"),
    "neutral": ("● neutral", "muted"),
    "unclear": ("? unclear", "muted"),
}


class PositionsPane(ItemPane["Position"]):
    """Stated positions: actor, stance, topic, the position, and the quote set apart."""

    PANE = "positions"
    NUMBER = 4
    TITLE = "Positions"
    EMPTY = "No stated positions."
    BINDINGS: ClassVar[list[BindingType]] = [keys.select("Actor screen (of the position)")]

    def all_items(self, brief: Brief) -> Sequence[Position]:
        return brief.positions

    def involves(self, item: Position, actor_id: str) -> bool:
        return item.actor == actor_id

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(ActorChosen(self.current.actor))

    def prompt(self, item: Position, brief: Brief, related: bool | None) -> RenderableType:
        actor = brief.actor(item.actor)
        head = Text()
        head.append(one_line(actor.name) if actor else item.actor, Style(bold=True))
        if item.stance:
            label, style = STANCE_GLYPH.get(item.stance.value, (item.stance.value, "muted"))
            head.append("  ")
            head.append(label, self.style(style))
        said = [
            p
            for p in (
                item.attribution.value if item.attribution else None,
                item.date,
            )
            if p
        ]
        if said:
            head.append("  " + " · ".join(said), self.style("muted"))
        parts: list[RenderableType] = [
            head,
            Text(one_line(item.topic), style=self.style("accent") if related else Style(bold=True)),
            Text(one_line(item.position)),
        ]
        if item.quote:
            parts.append(
                _gutter(
                    Text("┃", style=self.style("quote")),
                    Text(f"“{one_line(item.quote)}”", style=self.style("quote")),
                )
            )
        return self.dim_unrelated(_gutter(self.marker(related), Group(*parts)), related)


LIKELIHOOD_STYLE = {
    "almost-no-chance": "bad",
    "very-unlikely": "bad",
    "unlikely": "bad",
    "roughly-even": "warn",
    "likely": "good",
    "very-likely": "good",
    "almost-certain": "good",
}


class QuestionsPane(ItemPane["OpenQuestion"]):
    """Open questions: status, likelihood and confidence, context, actors."""

    PANE = "questions"
    NUMBER = 5
    TITLE = "Open questions"
    EMPTY = "No open questions."
    BINDINGS: ClassVar[list[BindingType]] = [keys.select("Question screen", show=True)]

    def all_items(self, brief: Brief) -> Sequence[OpenQuestion]:
        return brief.open_questions

    def involves(self, item: OpenQuestion, actor_id: str) -> bool:
        return actor_id in item.actors

    def prompt(self, item: OpenQuestion, brief: Brief, related: bool | None) -> RenderableType:
        question = Text(one_line(item.question), style=Style(bold=True))
        status = Text()
        status.append(
            item.status.value, self.style("good" if item.status.value == "resolved" else "warn")
        )
        if item.likelihood:
            status.append(" · ")
            status.append(
                item.likelihood.value,
                self.style(LIKELIHOOD_STYLE.get(item.likelihood.value, "muted")),
            )
        if item.confidence:
            status.append(f" · {item.confidence.value} confidence", self.style("muted"))
        parts: list[RenderableType] = [question, status]
        if item.resolution:
            parts.append(Text("Resolved: " + one_line(item.resolution), style=self.style("good")))
        if item.context:
            parts.append(Text(one_line(item.context), style=self.style("muted")))
        if item.actors:
            parts.append(self.names(brief, item.actors, self.style("accent")))
        return self.dim_unrelated(_gutter(self.marker(related), Group(*parts)), related)

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(QuestionChosen(self.current.id))


class TimelinePane(ItemPane["TimelineEvent"]):
    """Dated events with their actors."""

    PANE = "timeline"
    NUMBER = 6
    TITLE = "Timeline"
    EMPTY = "No timeline."
    BINDINGS: ClassVar[list[BindingType]] = [keys.select("Actor screen (first actor)")]

    def all_items(self, brief: Brief) -> Sequence[TimelineEvent]:
        return brief.timeline

    def involves(self, item: TimelineEvent, actor_id: str) -> bool:
        return actor_id in item.actors

    def action_select(self) -> None:
        if self.current is not None and self.current.actors:
            self.post_message(ActorChosen(self.current.actors[0]))

    def prompt(self, item: TimelineEvent, brief: Brief, related: bool | None) -> RenderableType:
        grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
        grid.add_column(width=10)
        grid.add_column(ratio=1)
        body: list[RenderableType] = [Text(one_line(item.event))]
        if item.actors:
            body.append(self.names(brief, item.actors, self.style("accent")))
        grid.add_row(
            Text(item.date, style=self.style("accent") if related else self.style("muted")),
            Group(*body),
        )
        return self.dim_unrelated(_gutter(self.marker(related), grid), related)


PANES: tuple[type[Pane], ...] = (
    SummaryPane,
    ActorsPane,
    PositionsPane,
    QuestionsPane,
    TimelinePane,
)
