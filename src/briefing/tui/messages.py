"""Messages the reader's screens and widgets use to talk, instead of reaching into each other.

Any widget or screen may ``post_message`` these; the App handles them (``on_open_brief`` …)
and routes: briefs open on the main screen, actors and questions get their own screens.
The App's background tasks post the result messages at the end to the App itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from briefing.feeds import FetchReport
    from briefing.sync import LoadReport


class OpenBrief(Message):
    """Show this brief on the main screen (popping any screens above it); ``actor_id``:
    with this actor selected (opened from the actor screen)."""

    def __init__(self, brief_id: str, actor_id: str | None = None) -> None:
        super().__init__()
        self.brief_id = brief_id
        self.actor_id = actor_id


class OpenActor(Message):
    """Open the actor screen.

    ``sibling_ids`` are the actors of the brief the user came from, in brief order, so
    ``n``/``p`` on the actor screen can step through them.
    """

    def __init__(self, actor_id: str, sibling_ids: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.actor_id = actor_id
        self.sibling_ids = sibling_ids


class OpenQuestion(Message):
    """Open the question screen: this question id's history across briefs."""

    def __init__(self, question_id: str) -> None:
        super().__init__()
        self.question_id = question_id


class LibraryChanged(Message):
    """Briefs were added or replaced (sync, fetch, another process): lists should refresh."""


# -- results of the App's background work (briefing.tui.tasks) ---------------------------


class TaskProgress(Message):
    """How far a background library task got; ``done``/``total`` None when not known."""

    def __init__(self, label: str, done: int | None, total: int | None) -> None:
        super().__init__()
        self.label, self.done, self.total = label, done, total


class FoldersSynced(Message):
    """The folder sync ended: its report, or (``error``) why it failed."""

    def __init__(self, report: LoadReport | None, error: str | None = None) -> None:
        super().__init__()
        self.report, self.error = report, error


class FeedsFetched(Message):
    """A fetch ended: its report, or (``error``) why it failed, or (``no_feeds``) that
    there was no enabled feed to fetch."""

    def __init__(
        self, report: FetchReport | None, error: str | None = None, *, no_feeds: bool = False
    ) -> None:
        super().__init__()
        self.report, self.error, self.no_feeds = report, error, no_feeds
