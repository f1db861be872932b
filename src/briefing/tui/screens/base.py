"""What the reader's busiest screens (the main screen, the actor screen) share: fewer
repaints and layout passes than a stock Textual screen does for the same result."""

from __future__ import annotations

from typing import TypeVar

from textual.geometry import Size
from textual.screen import Screen

from briefing.tui.compositor import use_line_crop

ResultT = TypeVar("ResultT")


class ReaderScreen(Screen[ResultT]):
    """A screen whose partial repaints render only the lines they change
    (:mod:`briefing.tui.compositor`), laid out again only when its size changed.

    Textual lays a screen out once more when the Resize event its first layout posted
    comes back (the same size), and lays out every screen under a newly opened one then
    too: two passes over screens whose size did not change, one of them hidden (about a
    fifth of opening the actor screen). A screen laid out at this size already keeps
    that layout; widgets asking for a new layout still get one at the next refresh, and
    a hidden screen whose size did change is laid out when it shows again (Textual's
    screen resume compares the sizes).
    """

    def __init__(
        self, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        use_line_crop(self)

    def _screen_resized(self, size: Size) -> None:
        if self._size == size:
            return
        super()._screen_resized(size)
