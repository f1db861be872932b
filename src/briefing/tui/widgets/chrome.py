"""The title line and the key line: one widget each.

Textual's ``Header`` mounts four widgets and its ``Footer`` one per binding, restyled
and recomposed whenever the focus moves: on the main screen they cost more to mount
than the brief list and all five panes together. These two render a single line of
:class:`rich.text.Text` instead and only repaint when what they show changes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import ClassVar

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
    action, disabled ones dimmed, the command palette key last.
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

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spans: list[tuple[int, int, str]] = []
        self._shown: list[tuple[Binding, bool]] | None = None  # None: not looked up yet

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

    def _look_up(self) -> list[tuple[Binding, bool]]:
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
        return shown

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        description_style = self.get_component_rich_style("key-bar--description", partial=True)
        text = Text(no_wrap=True, overflow="ellipsis")
        spans: list[tuple[int, int, str]] = []
        if self._shown is None:
            self._shown = self._look_up()
        for binding, enabled in self._shown:
            start = text.cell_len
            text.append(f" {self.app.get_key_display(binding)} ", key_style)
            text.append(f"{binding.description} ", description_style)
            if not enabled:
                text.stylize("dim", start)
            spans.append((start, text.cell_len, binding.key))
        self._spans = spans
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key.split(",")[0].strip())
                return


def _signature(shown: list[tuple[Binding, bool]]) -> list[tuple[str, str, bool]]:
    """What the key line draws of these bindings."""
    return [(binding.key, binding.description, enabled) for binding, enabled in shown]
