"""Theme colours for text drawn by our own renderables (list rows, pane items)."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


def fg_style(widget: Widget, *names: str) -> Style:
    """The foreground colour and text style of a component class, without its background.

    ``get_component_rich_style(partial=True)`` cannot resolve ``auto`` colours such as
    ``$text-muted`` (they depend on the background) and shows them white — unreadable on
    light themes. The full style resolves them; its background is dropped so the text
    can sit on a cursor or a highlight.
    """
    full = widget.get_component_rich_style(*names)
    return Style(
        color=full.color,
        bold=full.bold,
        dim=full.dim,
        italic=full.italic,
        underline=full.underline,
        strike=full.strike,
        reverse=full.reverse,
    )
