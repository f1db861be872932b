"""What the reader's screens and widgets may ask of the App, typed.

Screens and widgets reach the library and the settings through ``self.app``; Textual
types that as a plain :class:`~textual.app.App`, so :func:`reader_app` gives it the type
of this contract instead (as Posting does with ``cast("Posting", self.app)``). The real
App is :class:`briefing.tui.app.BriefingApp`; a test may host a screen in any App that
has these members.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast, runtime_checkable

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.dom import DOMNode
    from textual.worker import Worker

    from briefing.config import Settings
    from briefing.store import Listing, Store


@runtime_checkable
class ReaderApp(Protocol):
    """The App members screens and widgets rely on, beyond Textual's own."""

    @property
    def store(self) -> Store:
        """This thread's connection to the library (SQLite connections are per thread)."""
        ...

    @property
    def list_store(self) -> Listing:
        """This thread's light connection for the brief list (its count, pages, positions)."""
        ...

    settings: Settings
    db_path: Path

    def report_failed_worker(self, event: Worker.StateChanged) -> None:
        """Turn a failed background task into a notice (worker messages do not bubble)."""
        ...


def reader_app(node: DOMNode | Provider) -> ReaderApp:
    """``node.app`` (a screen's, a widget's, a command provider's), typed as the reader's
    App contract."""
    return cast(ReaderApp, node.app)
