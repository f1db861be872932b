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


class ComponentStyles:
    """One widget's component styles, each resolved once until its styles change.

    Resolving a style walks the widget's ancestors, and every repainted line asks for
    several. The owner calls :meth:`clear` from ``notify_style_update`` (theme, classes);
    entries are kept per focus state, since ``:focus`` rules change them too.
    """

    def __init__(self, widget: Widget) -> None:
        self._widget = widget
        self._cache: dict[tuple[str, bool, bool], Style] = {}

    def fg(self, name: str) -> Style:
        """:func:`fg_style` of component ``name``: its colour and text style, no background."""
        return self._get(name, False)

    def full(self, name: str) -> Style:
        """Component ``name``'s whole style, background included."""
        return self._get(name, True)

    def base(self) -> Style:
        """The widget's own style (``rich_style``), background included."""
        return self._get("", True)

    def _get(self, name: str, full: bool) -> Style:
        key = (name, full, self._widget.has_focus)
        style = self._cache.get(key)
        if style is None:
            widget = self._widget
            if not name:
                style = widget.rich_style
            elif full:
                style = widget.get_component_rich_style(name)
            else:
                style = fg_style(widget, name)
            self._cache[key] = style
        return style

    def clear(self) -> None:
        self._cache.clear()
