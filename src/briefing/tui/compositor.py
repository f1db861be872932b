"""A compositor that renders only the lines a frame shows.

Moving the brief list's cursor changes six lines. Textual's compositor then asks every
widget whose *clip* touches those lines for all of its lines (from their caches) and
keeps only the changed ones: on the main screen the screen itself, the body, the panes'
container, the list and the title and key lines, 188 lines for 6, most of a ``j``
press. :class:`LineCropCompositor` narrows each widget's clip to the lines being
repainted first, so a widget renders only those (the title and key lines none). Only
lines are narrowed: columns stay as Textual cuts them, and every line is composed
exactly as before.

A widget's line that widgets in front of it fill from edge to edge is not rendered
either: Textual composes each line front to back and keeps the first strip for each
stretch, so it would render, say, the screen's 48 background lines under the widgets
that cover them and throw them away, on every full repaint (half of the lines the
actor screen rendered as it opened).

A private hook of Textual (``Compositor._get_renders``, ``Screen._compositor``); when
a Textual release changes either, :func:`use_line_crop` leaves the screen with the
stock compositor (slower, not wrong).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip


class LineCropCompositor(Compositor):
    """Renders only the lines a frame shows: those inside the update's crop, and of
    those only the ones no widget in front already fills."""

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if not crop:
            return super()._get_renders(crop)
        return self._cropped_renders(crop)

    def _cropped_renders(self, crop: Region) -> Iterable[tuple[Region, Region, list[Strip]]]:
        top, bottom = crop.y, crop.bottom
        overlaps = crop.overlaps
        # Per screen line, the column ranges widgets yielded so far fill (front first,
        # as visible_widgets is ordered): Textual's _render_chops keeps the first strip
        # for each cut, so a line whose columns are all filled would be thrown away.
        filled: dict[int, list[tuple[int, int]]] = {}
        for widget, (region, clip) in self.visible_widgets.items():
            if not overlaps(clip):  # as Textual's own
                continue
            # The clip, cut to the crop's lines (whole width: the cuts are unchanged).
            y = max(clip.y, top)
            height = min(clip.bottom, bottom) - y
            if height <= 0:
                continue
            clip = Region(clip.x, y, clip.width, height)
            x, y, width, height = region.intersection(clip)
            if not (width and height):
                continue
            right = x + width
            for start, end in _uncovered_runs(filled, x, right, y, y + height):
                yield (
                    region,
                    Region(clip.x, start, clip.width, end - start),
                    widget.render_lines(Region(x - region.x, start - region.y, width, end - start)),
                )
            for line in range(y, y + height):
                filled.setdefault(line, []).append((x, right))


def _covered(ranges: list[tuple[int, int]], left: int, right: int) -> bool:
    """Whether the column ranges together cover ``[left, right)``."""
    for start, end in sorted(ranges):
        if start > left:
            return False
        left = max(left, end)
        if left >= right:
            return True
    return left >= right


def _uncovered_runs(
    filled: dict[int, list[tuple[int, int]]], left: int, right: int, top: int, bottom: int
) -> Iterable[tuple[int, int]]:
    """The runs of lines in ``[top, bottom)`` whose columns ``[left, right)`` are not all
    filled yet, as ``(first, end)`` pairs."""
    start = None
    for line in range(top, bottom):
        ranges = filled.get(line)
        if ranges and _covered(ranges, left, right):
            if start is not None:
                yield start, line
                start = None
        elif start is None:
            start = line
    if start is not None:
        yield start, bottom


def _hook_present() -> bool:
    method = getattr(Compositor, "_get_renders", None)
    if method is None:
        return False
    return list(inspect.signature(method).parameters) == ["self", "crop"]


_HOOK = _hook_present()


def use_line_crop(screen: Screen[object]) -> None:
    """Give ``screen`` (just constructed) the line-cropping compositor."""
    if _HOOK and type(getattr(screen, "_compositor", None)) is Compositor:
        screen._compositor = LineCropCompositor()
