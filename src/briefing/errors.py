"""Problems found in input, and the one exception type briefing raises for bad input.

Every problem is reported on one line, ``PATH:LINE:COL: FIELD.PATH: message``, so that
editors and CI logs can jump straight to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or suspicious) in a document, pinned to a line and column (1-based)."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}:"
        field = f" {self.field}:" if self.field else ""
        kind = " warning:" if self.severity == "warning" else ""
        return f"{where}{field}{kind} {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class BriefingError(Exception):
    """Bad input or a bad environment: shown to the user as a message, never as a traceback."""

    #: The command's exit status: 2 for a usage or environment error (the default).
    exit_status: int = 2

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems: list[Problem] = problems or []


class StoreError(BriefingError):
    """The database cannot be opened, read or written (locked, corrupt, full, too new)."""


class LibraryBusy(StoreError):
    """Another program held the library's write lock past the busy timeout (a staged
    load's last transaction can): the same write may succeed if tried again."""


class NotFound(BriefingError):
    """An id the library does not hold (exit status 1, like ``show`` of an unknown id)."""

    exit_status = 1


class FetchError(BriefingError):
    """A URL could not be fetched, or its answer was refused."""
