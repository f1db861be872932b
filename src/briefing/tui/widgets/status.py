"""The status bar: what runs in the background, and how far it got.

It only shows: the App runs the library tasks (:mod:`briefing.tui.tasks`) and tells it
when one begins, how far it got, and when it ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import Horizontal
from textual.widgets import Label

if TYPE_CHECKING:
    from textual.widgets import ProgressBar


class TaskStatus(Horizontal):
    """One line above the footer, shown while a task runs."""

    DEFAULT_CSS = """
    TaskStatus {
        height: 1;
        display: none;
        background: $panel;
        padding: 0 1;
        &.-busy { display: block; }
        & > Label { width: auto; margin-right: 2; }
        & > ProgressBar { width: 1fr; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._task_count = 0

    @property
    def label(self) -> Label:
        """The task's label, mounted on first use like the bar: hidden until a task runs,
        it would cost the first frame a widget and a reparse of the stylesheet."""
        labels = self.query("#task-label")
        if labels:
            return labels.first(Label)
        label = Label(Text(""), id="task-label", markup=False)
        if self.children:  # the bar: the label goes before it
            self.mount(label, before=0)
        else:
            self.mount(label)
        return label

    @property
    def bar(self) -> ProgressBar:
        """The progress bar, mounted (and imported) on first use: costly at start-up."""
        from textual.widgets import ProgressBar

        bars = self.query(ProgressBar)
        if bars:
            return bars.first()
        bar = ProgressBar(show_eta=False, id="task-progress")
        self.mount(bar)
        return bar

    @property
    def busy(self) -> bool:
        return self._task_count > 0

    def begin(self, label: str) -> None:
        """A task started: show its label and an indeterminate bar."""
        self._task_count += 1
        self.add_class("-busy")
        self.label.update(Text(label))
        self.bar.update(total=None, progress=0)

    def show(self, label: str, done: int | None, total: int | None) -> None:
        """How far a task got (``total`` None: not known yet)."""
        self.add_class("-busy")
        self.label.update(Text(label))
        self.bar.update(total=total, progress=done or 0)

    def end(self) -> None:
        """A task ended; the line goes once none runs."""
        self._task_count -= 1
        if self._task_count <= 0:
            self._task_count = 0
            self.remove_class("-busy")
