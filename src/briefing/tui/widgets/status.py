"""Library tasks that run in the background — the start-up sync and ``r`` fetch — and the
status bar showing their progress.

Both run in thread workers owned by the status bar (which lives on the main screen for the
whole session), report progress with thread-safe messages (throttled), and finish by
posting :class:`~briefing.tui.messages.LibraryChanged` to the app so every list refreshes.
Problems become one notification each run, with all file text neutralised.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Label, ProgressBar

from briefing.tui.messages import LibraryChanged
from briefing.tui.widgets.safe import clean

MAX_LISTED = 5


def summarise_problems(heading: str, problems: Iterable[object]) -> str:
    """``heading`` and the first few problems, one per line, control characters neutralised."""
    items = [clean(str(p)) for p in problems]
    lines = [heading, *(f"• {item}" for item in items[:MAX_LISTED])]
    if len(items) > MAX_LISTED:
        lines.append(f"… and {len(items) - MAX_LISTED} more (`briefing validate` lists them all)")
    return "\n".join(lines)


def _count(report: object, name: str) -> int:
    value = getattr(report, name, None)
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    try:
        return len(value)  # type: ignore[arg-type]
    except TypeError:
        return 0


class TaskStatus(Horizontal):
    """One line above the footer: what runs in the background, and how far it got."""

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

    THROTTLE: ClassVar[float] = 0.05
    """Seconds between progress messages from a worker."""

    class Progress(Message, bubble=False):
        def __init__(self, label: str, done: int | None, total: int | None) -> None:
            super().__init__()
            self.label, self.done, self.total = label, done, total

    class Finished(Message, bubble=False):
        def __init__(self, notices: list[tuple[str, str]], changed: bool) -> None:
            super().__init__()
            self.notices = notices  # (text, severity)
            self.changed = changed

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._task_count = 0

    def compose(self) -> ComposeResult:
        yield Label(Text(""), id="task-label", markup=False)

    @property
    def bar(self) -> ProgressBar:
        """The progress bar, mounted on first use (it is costly to mount at start-up)."""
        bars = self.query(ProgressBar)
        if bars:
            return bars.first()
        bar = ProgressBar(show_eta=False, id="task-progress")
        self.mount(bar)
        return bar

    # -- progress --------------------------------------------------------------------
    def _progress_callback(self, label: str) -> Callable[..., None]:
        """A thread-safe, throttled progress callback.

        Accepts ``(done, total)`` (folder sync) or one object with ``done``/``total``
        attributes (fetch's ``FetchProgress``: its feed and URL go into the label, so
        progress shows per feed and per article).
        """
        last = 0.0
        base = label

        def progress(done: Any = None, total: Any = None, *_: Any, **__: Any) -> None:
            nonlocal last, label
            if total is None and hasattr(done, "done"):
                event = done
                done, total = getattr(event, "done", None), getattr(event, "total", None)
                label = fetch_label(base, event)
            now = time.monotonic()
            finished = isinstance(done, int) and isinstance(total, int) and done >= total
            if now - last < self.THROTTLE and not finished:
                return
            last = now
            self.post_message(
                self.Progress(
                    label,
                    done if isinstance(done, int) else None,
                    total if isinstance(total, int) and total > 0 else None,
                )
            )

        return progress

    def on_task_status_progress(self, message: Progress) -> None:
        self.add_class("-busy")
        self.query_one("#task-label", Label).update(Text(message.label))
        self.bar.update(total=message.total, progress=message.done or 0)

    def on_task_status_finished(self, message: Finished) -> None:
        self._task_count -= 1
        if self._task_count <= 0:
            self._task_count = 0
            self.remove_class("-busy")
        for text, severity in message.notices:
            self.app.notify(text, severity=severity, markup=False, timeout=8)  # type: ignore[arg-type]
        if message.changed:
            self.app.post_message(LibraryChanged())

    def _begin(self, label: str) -> None:
        self._task_count += 1
        self.add_class("-busy")
        self.query_one("#task-label", Label).update(Text(label))
        self.bar.update(total=None, progress=0)

    @property
    def busy(self) -> bool:
        return self._task_count > 0

    # -- sync ------------------------------------------------------------------------
    def sync(self) -> None:
        """Sync the configured folders into the library (the reader does this on start)."""
        settings = self.app.settings  # type: ignore[attr-defined]
        if not settings.library.sync:
            return
        self._begin("Syncing briefs")
        self.run_worker(self._sync_work, thread=True, group="library", name="sync folders")

    def _sync_work(self) -> None:
        app: Any = self.app
        notices: list[tuple[str, str]] = []
        changed = False
        try:
            from briefing.sync import sync_folders

            report = sync_folders(
                app.store,
                app.settings.library.sync,
                app.settings.limits,
                progress=self._progress_callback("Syncing briefs"),
            )
        except ImportError:
            notices.append(("Folder sync is not available in this version.", "warning"))
        except Exception as exc:  # any failure becomes a notice, not a crash
            notices.append((f"Syncing the brief folders failed: {clean(str(exc))}", "error"))
        else:
            new, updated = _count(report, "new"), _count(report, "updated")
            changed = bool(new or updated)
            if changed:
                notices.append((f"Synced: {new} new, {updated} updated brief(s).", "information"))
            missing = [clean(str(p)) for p in getattr(report, "missing", None) or []]
            if missing:
                notices.append(
                    ("Synced folder(s) not found (library.sync): " + ", ".join(missing), "warning")
                )
            refused = list(getattr(report, "refused", None) or [])
            if refused:
                heading = f"{len(refused)} brief file problem(s) — refused files were skipped:"
                notices.append((summarise_problems(heading, refused), "warning"))
        self.post_message(self.Finished(notices, changed))

    # -- fetch -----------------------------------------------------------------------
    def fetch(self) -> None:
        """Fetch new briefs from the configured feeds (``r``)."""
        try:
            from briefing.feeds import fetch_into_library  # noqa: F401
        except ImportError:
            self.app.notify(
                "Fetching is not available: this build has no feeds support. "
                "Add brief files to a synced folder instead.",
                title="Fetch",
                severity="warning",
                markup=False,
            )
            return
        if any(w.name == "fetch feeds" and w.is_running for w in self.workers):
            self.app.notify("Already fetching…", markup=False, timeout=2)
            return
        self._begin("Fetching feeds")
        self.run_worker(self._fetch_work, thread=True, group="library", name="fetch feeds")

    def _fetch_work(self) -> None:
        app: Any = self.app
        notices: list[tuple[str, str]] = []
        changed = False
        try:
            from briefing.feeds import fetch_into_library

            if not _any_feed(app.settings, app.db_path):
                notices.append(
                    (
                        "No feeds to fetch. Add one under feeds: in "
                        f"{clean(str(app.settings.user_file))}, e.g.\n"
                        "feeds:\n  - url: https://example.org/feed.atom\n"
                        "or subscribe from the shell: briefing feeds add URL",
                        "warning",
                    )
                )
                self.post_message(self.Finished(notices, False))
                return
            result = fetch_into_library(
                app.settings, app.db_path, progress=self._progress_callback("Fetching feeds")
            )
            if inspect.isawaitable(result):
                result = asyncio.run(_await(result))
        except Exception as exc:
            notices.append((f"Fetch failed: {clean(str(exc))}", "error"))
        else:
            new, updated = _count(result, "new"), _count(result, "updated")
            changed = bool(new or updated)
            summary = f"Fetched: {new} new, {updated} updated brief(s)."
            notices.append((summary if changed else "Fetched: nothing new.", "information"))
            problems = fetch_problems(result)
            if problems:
                heading = f"{len(problems)} fetch problem(s):"
                notices.append((summarise_problems(heading, problems), "warning"))
        self.post_message(self.Finished(notices, changed))


def _any_feed(settings: Any, db_path: Any) -> bool:
    """Is there an enabled feed (config.yaml or the library's subscriptions)? Read on the
    worker's thread: the subscriptions are in the library."""
    try:
        from briefing.feeds.subscriptions import all_feeds
    except ImportError:
        return any(getattr(f, "enabled", True) for f in settings.feeds)
    return any(f.enabled for f in all_feeds(settings, db_path))


def fetch_label(base: str, event: object) -> str:
    """``Fetching · Feed name · …/article-path`` from a ``FetchProgress`` (plain text)."""
    feed = clean(str(getattr(event, "feed", "") or ""))
    url = clean(str(getattr(event, "url", "") or ""))
    if len(url) > 48:
        url = "…" + url[-47:]
    return " · ".join(p for p in (base, feed[:40], url) if p)


def fetch_problems(report: object) -> list[str]:
    """Failed feeds and refused briefs of a fetch report, one line each."""
    problems: list[str] = []
    for feed in getattr(report, "feeds", None) or []:
        name = getattr(feed, "name", None) or getattr(feed, "url", "?")
        if getattr(feed, "error", None):
            problems.append(f"{name}: {feed.error}")
        problems.extend(str(p) for p in getattr(feed, "failed", None) or [])
    return problems


async def _await(awaitable: Any) -> Any:
    return await awaitable
