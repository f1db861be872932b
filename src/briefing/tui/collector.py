"""When the garbage collector runs while the reader is open: rarely while keys come in,
in full once the user pauses.

Python's default schedule (thresholds 700, 10, 10) ran a full collection every few
screen changes, 10-15 ms each in the middle of opening the next screen (measured on the
actor screen: opens of 37-57 ms, against 37-46 ms with this schedule). Most of the heap
(modules, Textual's stylesheets and caches) is frozen at start, so a full collection
only scans what came since; the cycles left by closed screens wait for the next pause
in the user's input, when a full collection costs nobody anything.
"""

from __future__ import annotations

import gc
import time
from typing import ClassVar


class QuietCollector:
    """``start`` at mount, ``input_seen`` on every key or mouse event, ``tick`` on a
    timer, ``stop`` at unmount (which restores the process's own schedule)."""

    THRESHOLDS: ClassVar[tuple[int, int, int]] = (5000, 20, 100)
    """Allocations before a young collection, and the ratios to the older ones."""
    IDLE_AFTER: ClassVar[float] = 1.5
    """Seconds without input after which a full collection runs (once per pause)."""

    def __init__(self) -> None:
        self._saved: tuple[int, int, int] | None = None
        self._last_input = time.monotonic()
        self._collected = True

    def start(self) -> None:
        self._saved = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(*self.THRESHOLDS)

    def stop(self) -> None:
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None
        gc.unfreeze()  # another app in this process (tests) can collect what this one left

    def input_seen(self) -> None:
        self._last_input = time.monotonic()
        self._collected = False

    def tick(self) -> None:
        if not self._collected and time.monotonic() - self._last_input >= self.IDLE_AFTER:
            self._collected = True
            gc.collect()
