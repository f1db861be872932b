"""The title line and the key line: one widget each.

Textual's ``Header`` mounts four widgets and its ``Footer`` one per binding, restyled
and recomposed whenever the focus moves: on the main screen they cost more to mount
than the brief list and all five panes together. These two render a single line of
:class:`rich.text.Text` instead and only repaint when what they show changes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from briefing.tui.widgets.colors import fg_style
from briefing.tui.widgets.safe import one_line


class TitleBar(Widget):
    """The app's title and subtitle (the screen's, when it sets them), centred.

    Clicking the ◆ opens the command palette, as Textual's header icon does.
    """

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
        & > .title-bar--icon { color: $text-accent; }
        & > .title-bar--sub { color: $text-muted; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"title-bar--icon", "title-bar--sub"}
    ICON: ClassVar[str] = "◆"

    def on_mount(self) -> None:
        for obj in (self.app, self.screen):
            self.watch(obj, "title", self._changed, init=False)
            self.watch(obj, "sub_title", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    def render(self) -> Text:
        title = one_line(self.screen.title or self.app.title or "")
        sub = one_line(self.screen.sub_title or self.app.sub_title or "")
        text = Text(title, no_wrap=True, overflow="ellipsis")
        if sub:
            text.append(" — ")
            text.append(sub, fg_style(self, "title-bar--sub"))
        icon = Text(f" {self.ICON} ", self.get_component_rich_style("title-bar--icon"))
        width = self.size.width
        pad = max(0, (width - text.cell_len) // 2 - icon.cell_len)
        return Text.assemble(icon, " " * pad, text, no_wrap=True, overflow="ellipsis")

    def on_click(self, event: events.Click) -> None:
        if event.x < len(self.ICON) + 2 and self.app.ENABLE_COMMAND_PALETTE:
            self.app.action_command_palette()


class KeyBar(Widget):
    """The bindings the focused widget and its screen show, one line, click to press.

    Same selection as Textual's ``Footer``: bindings with ``show=True``, one entry per
    action, disabled ones dimmed, the command palette key last. On a narrow terminal
    it shows what fits rather than cutting the line: bindings of one group share an
    entry (``n p Actor``), then the least needed are left out (``PRIORITY``); help
    (``?``, which lists them all) always stays.

    A screen may label an entry from its state with ``key_label(binding) -> str |
    None`` (the main screen names the selected actor on ``n``/``p``).
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description { color: $footer-description-foreground; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}

    #: Actions kept when the line is too short, most needed first (others rank after
    #: these, in their own order; help is never left out).
    PRIORITY: ClassVar[tuple[str, ...]] = (
        "app.help",
        "help",
        "quit",
        "search",
        "command_palette",
        "select",
        "step_actor(1)",
        "step_actor(-1)",
        "toggle_read",
        "fetch",
        "open_source",
        "filter_tag",
        "open_actor",
        "toggle_actor_filter",
    )

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spans: list[tuple[int, int, str]] = []
        self._shown: list[_Shown] | None = None  # None: not looked up yet

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Repaint only when what the line shows changed.

        Bindings are re-announced on every focus change and whenever a screen refreshes
        them (``n``/``p`` select an actor), mostly with the same keys shown; a repaint of
        this bottom line widens the screen's update region to everything between it and
        the change, re-rendering every widget there.
        """
        shown = self._look_up()
        if self._shown is None or _signature(shown) != _signature(self._shown):
            self._shown = shown
            self.refresh()

    def _look_up(self) -> list[_Shown]:
        """The bindings to show, in order: the first of each action, palette last."""
        by_action: dict[str, list[tuple[Binding, bool]]] = defaultdict(list)
        palette: tuple[Binding, bool] | None = None
        for key, active in self.screen.active_bindings.items():
            if key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = (active.binding, active.enabled)
            elif active.binding.show:
                by_action[active.binding.action].append((active.binding, active.enabled))
        shown = [bindings[0] for bindings in by_action.values()]
        if palette is not None:
            shown.append(palette)
        label = getattr(self.screen, "key_label", None)
        return [(b, enabled, label(b) if label else None) for b, enabled in shown]

    def _entries(self, compact: bool) -> list[_Entry]:
        """One entry per binding; with ``compact`` (or a label from the screen) the
        bindings of one group share one."""
        assert self._shown is not None
        entries: list[_Entry] = []
        for binding, enabled, label in self._shown:
            keys = self.app.get_key_display(binding)
            group = binding.group
            last = entries[-1] if entries else None
            if (
                group is not None
                and (compact or label)
                and last is not None
                and last.group is group
            ):
                last.keys += f" {keys}"
                last.enabled = last.enabled or enabled
                continue
            description = binding.description
            if group is not None and (compact or label):
                description = label or group.description
            elif label:
                description = label
            entries.append(_Entry(keys, description, enabled, binding.key, binding.action, group))
        return entries

    def _rank(self, entry: _Entry) -> int:
        try:
            return self.PRIORITY.index(entry.action)
        except ValueError:
            return len(self.PRIORITY)

    def _fit(self, width: int) -> list[_Entry]:
        """The entries that fit in ``width`` cells, in their order."""
        entries = self._entries(compact=False)
        if _cells(entries) <= width:
            return entries
        entries = self._entries(compact=True)
        by_need = sorted(range(len(entries)), key=lambda n: (self._rank(entries[n]), n))
        kept: set[int] = set()
        for n in by_need:
            if _cells([entries[i] for i in sorted(kept | {n})]) <= width or not kept:
                kept.add(n)
        return [entries[n] for n in sorted(kept)]

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        description_style = self.get_component_rich_style("key-bar--description", partial=True)
        text = Text(no_wrap=True, overflow="ellipsis")
        spans: list[tuple[int, int, str]] = []
        if self._shown is None:
            self._shown = self._look_up()
        for entry in self._fit(self.size.width):
            start = text.cell_len
            text.append(f" {entry.keys} ", key_style)
            text.append(f"{one_line(entry.description)} ", description_style)
            if not entry.enabled:
                text.stylize("dim", start)
            spans.append((start, text.cell_len, entry.key))
        self._spans = spans
        return text

    def on_resize(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key.split(",")[0].strip())
                return


#: A binding shown, whether it is enabled, and the screen's label for it (if any).
_Shown = tuple[Binding, bool, str | None]


@dataclass
class _Entry:
    """One entry of the key line: its keys, what it says, what a click presses."""

    keys: str
    description: str
    enabled: bool
    key: str
    action: str
    group: Binding.Group | None


def _cells(entries: list[_Entry]) -> int:
    """Cells the key line needs for ``entries`` (`` keys description `` each)."""
    return sum(cell_len(f" {e.keys} {one_line(e.description)} ") for e in entries)


def _signature(shown: list[_Shown]) -> list[tuple[str, str, bool, str | None]]:
    """What the key line draws of these bindings."""
    return [(binding.key, binding.description, enabled, label) for binding, enabled, label in shown]
