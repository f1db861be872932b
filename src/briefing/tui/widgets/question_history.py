"""The question screen's list: one row per brief that states the question, oldest first.

Each row shows what changed since the brief before it (``likely → very-likely``,
``open → resolved``), so a reader sees the assessment move without diffing by eye.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text

from briefing.store import QuestionRow
from briefing.text import one_line
from briefing.tui.widgets.row_list import RowList


@dataclass(frozen=True, slots=True)
class QuestionStep:
    """One brief's statement, with the previous brief's values when they differ."""

    row: QuestionRow
    previous_status: str | None = None
    previous_likelihood: str | None = None
    previous_confidence: str | None = None
    reworded: bool = False
    first: bool = False

    @property
    def changed(self) -> bool:
        return bool(
            self.previous_status
            or self.previous_likelihood
            or self.previous_confidence
            or self.reworded
        )


def _was(before: str | None, now: str | None) -> str | None:
    """The old value when it changed (``"—"`` stands for "not given")."""
    return None if before == now else (before or "—")


def build_steps(rows: Iterable[QuestionRow]) -> list[QuestionStep]:
    """Rows oldest first, each compared with the one before it."""
    ordered = sorted(rows, key=lambda r: (r.brief_date, r.brief_id))
    steps: list[QuestionStep] = []
    for i, row in enumerate(ordered):
        if i == 0:
            steps.append(QuestionStep(row, first=True))
            continue
        prev = ordered[i - 1]
        steps.append(
            QuestionStep(
                row,
                previous_status=_was(prev.status, row.status),
                previous_likelihood=_was(prev.likelihood, row.likelihood),
                previous_confidence=_was(prev.confidence, row.confidence),
                reworded=one_line(prev.question) != one_line(row.question),
            )
        )
    return steps


def _plain(value: str | None) -> str:
    return one_line(value) if value else "—"


class QuestionHistory(RowList[QuestionStep]):
    """Date and brief, then status · likelihood · confidence with changes marked."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *RowList.COMPONENT_CLASSES,
        "question-history--date",
        "question-history--title",
        "question-history--label",
        "question-history--old",
        "question-history--new",
        "question-history--resolved",
    }

    DEFAULT_CSS = """
    QuestionHistory {
        & > .question-history--date { color: $accent; text-style: bold; }
        & > .question-history--title { text-style: bold; }
        & > .question-history--label { color: $text-muted; }
        & > .question-history--old { color: $text-muted; }
        & > .question-history--new { color: $text-warning; text-style: bold; }
        & > .question-history--resolved { color: $text-success; text-style: bold; }
    }
    """

    def row_height(self, index: int, row: QuestionStep) -> int:
        return 3 if row.reworded else 2

    def render_row_line(self, index: int, row: QuestionStep, line: int, width: int) -> Text:
        q = row.row
        text = Text()
        if line == 0:
            text.append(q.brief_date, self._style("question-history--date"))
            text.append("  ")
            text.append(one_line(q.brief_title), self._style("question-history--title"))
            return text
        if line == 1:
            text.append("    ")
            self._field(text, "status", row.previous_status, q.status, resolved=True)
            text.append("  ")
            self._field(text, "likelihood", row.previous_likelihood, q.likelihood)
            text.append("  ")
            self._field(text, "confidence", row.previous_confidence, q.confidence)
            return text
        text.append("    reworded: ", self._style("question-history--label"))
        text.append(one_line(q.question))
        return text

    def _field(
        self, text: Text, label: str, before: str | None, now: str | None, *, resolved: bool = False
    ) -> None:
        text.append(f"{label} ", self._style("question-history--label"))
        if before is not None:
            text.append(_plain(before), self._style("question-history--old"))
            text.append(" → ")
            style = "question-history--new"
            if resolved and now == "resolved":
                style = "question-history--resolved"
            text.append(_plain(now), self._style(style))
        elif resolved and now == "resolved":
            text.append(_plain(now), self._style("question-history--resolved"))
        else:
            text.append(_plain(now))
