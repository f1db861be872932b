"""The reader's library tasks — the start-up folder sync and ``r``'s fetch — owned by the App.

The one way background work comes back in the reader: an ``@work`` method posts typed
result messages (:mod:`briefing.tui.messages`: ``TaskProgress`` while it runs, then
``FoldersSynced`` / ``FeedsFetched``) and a handler on the UI thread acts on them:
notices, :class:`~briefing.tui.messages.LibraryChanged` so every list refreshes. The
status bar (:class:`~briefing.tui.widgets.status.TaskStatus`) only shows the progress.

The sync runs on a thread (it reads files and writes SQLite). The fetch is asyncio, so
it runs on the App's own event loop: its network waits cost the UI nothing, and its
parsing and writing run on threads of its own. Problems become one notification per
run, with all file and feed text neutralised.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App
from textual.notifications import SeverityLevel
from textual.worker import Worker

from briefing.tui.messages import FeedsFetched, FoldersSynced, LibraryChanged, TaskProgress
from briefing.tui.widgets.safe import clean
from briefing.tui.widgets.status import TaskStatus

if TYPE_CHECKING:
    from briefing.config import Settings
    from briefing.store import Store

MAX_LISTED = 5

SYNCING = "Syncing briefs"
FETCHING = "Fetching feeds"


def summarise_problems(heading: str, problems: Iterable[object]) -> str:
    """``heading`` and the first few problems, one per line, control characters neutralised."""
    items = [clean(str(p)) for p in problems]
    lines = [heading, *(f"• {item}" for item in items[:MAX_LISTED])]
    if len(items) > MAX_LISTED:
        lines.append(f"… and {len(items) - MAX_LISTED} more (`briefing validate` lists them all)")
    return "\n".join(lines)


def fetch_problems(report: object) -> list[str]:
    """Failed feeds and refused briefs of a fetch report, one line each."""
    problems: list[str] = []
    for feed in getattr(report, "feeds", None) or []:
        name = getattr(feed, "name", None) or getattr(feed, "url", "?")
        if getattr(feed, "error", None):
            problems.append(f"{name}: {feed.error}")
        problems.extend(str(p) for p in getattr(feed, "failed", None) or [])
    return problems


def _any_feed(settings: Any, db_path: Any) -> bool:
    """Is there an enabled feed (config.yaml or the library's subscriptions)?"""
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


def _count(report: object, name: str) -> int:
    """A report's count: the sync's reports hold lists of ids, the fetch's numbers."""
    value = getattr(report, name, None)
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    try:
        return len(value)
    except TypeError:
        return 0


class LibraryTasks(App[None]):
    """The sync and fetch half of :class:`~briefing.tui.app.BriefingApp`."""

    THROTTLE: ClassVar[float] = 0.05
    """Seconds between progress messages from a task."""

    settings: Settings
    db_path: Path
    store: Store

    report_failed_worker: Callable[[Worker.StateChanged], None]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.report_failed_worker(event)

    # -- sync ------------------------------------------------------------------------
    def start_sync(self) -> None:
        """Sync the configured folders into the library (the reader does this on start)."""
        if not getattr(self.settings, "loaded", True):
            # Started from remembered values (configfiles.ValidatedSettings): the real
            # settings are built in a worker, not while the screen waits.
            self._load_settings_then(self.start_sync)
            return
        if not self.settings.library.sync:
            return
        self._status_begin(SYNCING)
        self._sync_folders()

    @work(thread=True, group="settings", name="read the settings", exit_on_error=False)
    def _load_settings_then(self, then: Callable[[], None]) -> None:
        self.settings.load()  # type: ignore[attr-defined]
        self.call_from_thread(then)

    @work(thread=True, group="library", name="sync folders", exit_on_error=False)
    def _sync_folders(self) -> None:
        report, error = None, None
        try:
            from briefing.sync import sync_folders

            report = sync_folders(
                self.store,
                self.settings.library.sync,
                self.settings.limits,
                progress=self._progress(SYNCING),
            )
        except Exception as exc:  # any failure becomes a notice, not a crash
            error = str(exc)
        finally:
            self.post_message(FoldersSynced(report, error))

    def on_folders_synced(self, message: FoldersSynced) -> None:
        self._status_end()
        report = message.report
        if message.error is not None:
            self._notice(f"Syncing the brief folders failed: {clean(message.error)}", "error")
            return
        new, updated = _count(report, "new"), _count(report, "updated")
        if new or updated:
            self._notice(f"Synced: {new} new, {updated} updated brief(s).", "information")
        missing = [clean(str(p)) for p in getattr(report, "missing", None) or []]
        if missing:
            self._notice("Synced folder(s) not found (library.sync): " + ", ".join(missing))
        refused = list(getattr(report, "refused", None) or [])
        if refused:
            heading = f"{len(refused)} brief file problem(s) — refused files were skipped:"
            self._notice(summarise_problems(heading, refused))
        if new or updated:
            self.post_message(LibraryChanged())

    # -- fetch -----------------------------------------------------------------------
    def start_fetch(self) -> None:
        """Fetch new briefs from the configured feeds (``r``)."""
        try:
            from briefing.feeds import fetch_into_library  # noqa: F401
        except ImportError:
            self.notify(
                "Fetching is not available: this build has no feeds support. "
                "Add brief files to a synced folder instead.",
                title="Fetch",
                severity="warning",
                markup=False,
            )
            return
        if any(w.name == "fetch feeds" and w.is_running for w in self.workers):
            self.notify("Already fetching…", markup=False, timeout=2)
            return
        self._status_begin(FETCHING)
        self._fetch_feeds()

    @work(group="library", name="fetch feeds", exit_on_error=False)
    async def _fetch_feeds(self) -> None:
        report, error = None, None
        try:
            from briefing.feeds import fetch_into_library

            # The subscriptions are in the library: read off the event loop.
            if not await asyncio.to_thread(_any_feed, self.settings, self.db_path):
                self.post_message(FeedsFetched(None, no_feeds=True))
                return
            report = await fetch_into_library(
                self.settings, self.db_path, progress=self._progress(FETCHING)
            )
        except Exception as exc:
            error = str(exc)
        finally:
            self.post_message(FeedsFetched(report, error))

    def on_feeds_fetched(self, message: FeedsFetched) -> None:
        self._status_end()
        report = message.report
        if message.no_feeds:
            self._notice(
                "No feeds to fetch. Add one under feeds: in "
                f"{clean(str(self.settings.user_file))}, e.g.\n"
                "feeds:\n  - url: https://example.org/feed.atom\n"
                "or subscribe from the shell: briefing feeds add URL"
            )
            return
        if message.error is not None:
            self._notice(f"Fetch failed: {clean(message.error)}", "error")
            return
        new, updated = _count(report, "new"), _count(report, "updated")
        changed = bool(new or updated)
        summary = f"Fetched: {new} new, {updated} updated brief(s)."
        self._notice(summary if changed else "Fetched: nothing new.", "information")
        problems = fetch_problems(report)
        if problems:
            self._notice(summarise_problems(f"{len(problems)} fetch problem(s):", problems))
        if changed:
            self.post_message(LibraryChanged())

    # -- progress --------------------------------------------------------------------
    def _progress(self, label: str) -> Callable[..., None]:
        """A throttled progress callback for a task, safe to call from any thread.

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
                TaskProgress(
                    label,
                    done if isinstance(done, int) else None,
                    total if isinstance(total, int) and total > 0 else None,
                )
            )

        return progress

    def on_task_progress(self, message: TaskProgress) -> None:
        for status in self._statuses():
            status.show(message.label, message.done, message.total)

    def _statuses(self) -> list[TaskStatus]:
        return [s for screen in self.screen_stack for s in screen.query(TaskStatus)]

    def _status_begin(self, label: str) -> None:
        for status in self._statuses():
            status.begin(label)

    def _status_end(self) -> None:
        for status in self._statuses():
            status.end()

    def _notice(self, text: str, severity: SeverityLevel = "warning") -> None:
        self.notify(text, severity=severity, markup=False, timeout=8)
