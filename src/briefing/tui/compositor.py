"""A compositor that renders only the lines a partial update repaints.

Moving the brief list's cursor changes six lines. Textual's compositor then asks every
widget whose *clip* touches those lines for all of its lines (from their caches) and
keeps only the changed ones: on the main screen the screen itself, the body, the panes'
container, the list and the title and key lines, 188 lines for 6, most of a ``j``
press. :class:`LineCropCompositor` narrows each widget's clip to the lines being
repainted first, so a widget renders only those (the title and key lines none). Only
lines are narrowed: columns stay as Textual cuts them, and every line is composed
exactly as before.

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
    """Renders, for a partial update, only the lines inside the update's crop."""

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if not crop:
            return super()._get_renders(crop)
        return self._cropped_renders(crop)

    def _cropped_renders(self, crop: Region) -> Iterable[tuple[Region, Region, list[Strip]]]:
        top, bottom = crop.y, crop.bottom
        overlaps = crop.overlaps
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
            if width and height:
                yield (
                    region,
                    clip,
                    widget.render_lines(Region(x - region.x, y - region.y, width, height)),
                )


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
