"""The question screen: one open question (by id) followed across every brief that asks it.

Pushed by the App on :class:`~briefing.tui.messages.OpenQuestion`. The header shows the
question as last stated and where it stands now; the list shows each brief's statement,
with status, likelihood and confidence changes marked; the pane below shows the
highlighted brief's context and resolution in full.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from briefing.errors import BriefingError
from briefing.text import clean, one_line
from briefing.tui.contract import reader_app
from briefing.tui.messages import LibraryChanged, OpenBrief
from briefing.tui.widgets.chrome import KeyBar
from briefing.tui.widgets.question_history import QuestionHistory, QuestionStep, build_steps
from briefing.tui.widgets.row_list import RowList


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


class QuestionScreen(Screen[None]):
    """A question's history; ``enter`` opens the highlighted brief."""

    #: ``-short`` below 36 rows: screens.tcss shrinks the detail pane there.
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-short"), (36, "-tall")]
    AUTO_FOCUS = "#question-history"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, question_id: str) -> None:
        super().__init__()
        self.question_id = question_id
        self.steps: list[QuestionStep] = []
        self._loaded = False

    def compose(self) -> ComposeResult:
        with Vertical(id="question-head"):
            yield Static(id="question-text")
            yield Static(id="question-status")
            yield Static(id="question-resolution")
        yield QuestionHistory(id="question-history", empty_text="No brief asks this question.")
        yield Static(id="question-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#question-text", Static).update(Text(one_line(self.question_id), "bold"))
        self.query_one("#question-resolution", Static).display = False
        self._spinner = self.set_timer(0.2, self._show_spinner)
        self._fetch(self.question_id)

    def _show_spinner(self) -> None:
        # The timer may fire just after the rows arrived: only spin while still loading.
        if not self._loaded:
            self.query_one(QuestionHistory).loading = True

    def on_library_changed(self, message: LibraryChanged) -> None:
        """A new brief may restate the question: reload."""
        self._fetch(self.question_id)

    @work(thread=True, exclusive=True, group="question-screen")
    def _fetch(self, question_id: str) -> None:
        store = reader_app(self).store
        error: str | None = None
        steps: list[QuestionStep] = []
        try:
            steps = build_steps(store.question_history(question_id))
        except BriefingError as exc:  # locked, corrupt: say so, don't crash
            error = str(exc)
        if not get_current_worker().is_cancelled:
            self.post_message(self._Loaded(steps, error))

    class _Loaded(Message, bubble=False):
        """The question's history (or why it could not be read)."""

        def __init__(self, steps: list[QuestionStep], error: str | None) -> None:
            super().__init__()
            self.steps, self.error = steps, error

    @on(_Loaded)
    def _loaded_history(self, message: _Loaded) -> None:
        self._show(message.steps, message.error)

    def _show(self, steps: list[QuestionStep], error: str | None = None) -> None:
        if not self.is_attached:
            return
        self.steps = steps
        self._loaded = True
        history = self.query_one(QuestionHistory)
        self._spinner.stop()
        history.loading = False
        status = self.query_one("#question-status", Static)
        if not steps:
            why = f"cannot read the library: {one_line(error)}" if error else "not in the library"
            status.update(Text(f"id {one_line(self.question_id)} · {why}", "dim"))
            history.set_rows([])
            return
        latest = steps[-1].row
        self.sub_title = one_line(latest.question)
        self.query_one("#question-text", Static).update(Text(clean(latest.question), "bold"))
        now = Text()
        now.append(latest.status, "bold green" if latest.status == "resolved" else "bold")
        if latest.likelihood:
            now.append(f" · {one_line(latest.likelihood)}")
        if latest.confidence:
            now.append(f" ({one_line(latest.confidence)} confidence)")
        now.append(
            f"   {_plural(len(steps), 'brief')} · first {steps[0].row.brief_date}"
            f" · latest {latest.brief_date} · id {one_line(latest.question_id)}",
            "dim",
        )
        status.update(now)
        resolution = next((s.row.resolution for s in reversed(steps) if s.row.resolution), None)
        res = self.query_one("#question-resolution", Static)
        if resolution:
            res.update(Text.assemble(("Resolution: ", "bold"), clean(resolution)))
            res.display = True
        history.set_rows(steps, cursor=len(steps) - 1)

    @on(RowList.Highlighted, "#question-history")
    def _highlighted(self, event: RowList.Highlighted[QuestionStep]) -> None:
        """The highlighted brief's statement in full (fixed-size pane: no layout per key)."""
        step = self.query_one(QuestionHistory).highlighted_row
        self.query_one("#question-detail", Static).update(self._detail(step), layout=False)

    @staticmethod
    def _detail(step: QuestionStep | None) -> Text:
        if step is None:
            return Text()
        q = step.row
        text = Text.assemble((q.brief_date, "bold"), "  ", (one_line(q.brief_title), "bold"), "\n")
        text.append(clean(q.question), "italic")
        if q.context:
            text.append("\nContext: ", "bold")
            text.append(clean(q.context))
        if q.resolution:
            text.append("\nResolution: ", "bold")
            text.append(clean(q.resolution))
        text.append("\nenter opens this brief", "dim")
        return text

    @on(RowList.Selected, "#question-history")
    def _selected(self, event: RowList.Selected[QuestionStep]) -> None:
        step = self.query_one(QuestionHistory).highlighted_row
        if step is not None:
            self.post_message(OpenBrief(step.row.brief_id))

    def action_back(self) -> None:
        self.dismiss()
