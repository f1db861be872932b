"""The App owns the reader's background work: the fetch runs on the App's own event loop
(no second loop in a thread), the sync on a worker thread, both report through typed
messages, and the status bar only shows progress. Plus the lists' cursor arithmetic."""

from __future__ import annotations

import asyncio
import sys
import threading
import types
from pathlib import Path
from typing import Any

import pytest

from briefing.store import Store
from briefing.tui.messages import FeedsFetched, FoldersSynced
from briefing.tui.widgets.cursor import clamp, page_line, step
from briefing.tui.widgets.status import TaskStatus
from helpers.tui import HOSTILE, LIBRARY, RecordingApp, make_library, read_briefs, settle
from helpers.tui import settings as reader_settings

WIDE = (160, 48)


class TaskApp(RecordingApp):
    """The reader, keeping the task results it handled."""

    def __init__(self, db: Path) -> None:
        super().__init__(reader_settings(), db, None, sync=False)
        self.results: list[FoldersSynced | FeedsFetched] = []

    def on_folders_synced(self, message: FoldersSynced) -> None:
        self.results.append(message)
        super().on_folders_synced(message)

    def on_feeds_fetched(self, message: FeedsFetched) -> None:
        self.results.append(message)
        super().on_feeds_fetched(message)


async def test_fetch_runs_on_the_apps_event_loop_and_reports_by_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = make_library(tmp_path)
    ((hostile, _),) = read_briefs(HOSTILE)
    seen: dict[str, Any] = {}

    async def fetch_into_library(settings: Any, db_path: Path, progress: Any = None) -> Any:
        seen["loop"] = asyncio.get_running_loop()
        seen["thread"] = threading.current_thread()
        with Store(db_path) as store:
            store.import_brief(hostile)
        progress(types.SimpleNamespace(done=1, total=2))
        status = app.screen.query_one(TaskStatus)
        seen["busy"] = status.has_class("-busy")
        # the label (mounted on the first task) before the bar
        seen["order"] = [child.id for child in status.children]
        return types.SimpleNamespace(new=1, updated=0, feeds=[])

    fake = types.ModuleType("briefing.feeds")
    fake.fetch_into_library = fetch_into_library  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "briefing.feeds", fake)
    app = TaskApp(db)
    app.settings.feeds = [types.SimpleNamespace(url="https://x.example", name=None, enabled=True)]  # type: ignore[list-item]
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        app_loop = asyncio.get_running_loop()
        await pilot.press("r")
        await settle(pilot)
        assert seen["loop"] is app_loop  # the App's loop, not asyncio.run in a thread
        assert seen["thread"] is threading.main_thread()
        assert seen["busy"]  # the status bar showed the fetch while it ran
        assert seen["order"] == ["task-label", "task-progress"]
        assert [type(m) for m in app.results] == [FeedsFetched]
        assert not app.screen.query_one(TaskStatus).has_class("-busy")
        assert app.screen.query_one("#briefs").count == 5


async def test_sync_runs_on_a_worker_thread_and_reports_by_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = make_library(tmp_path)
    threads: list[threading.Thread] = []

    def sync_folders(store: Any, folders: Any, limits: Any, progress: Any = None) -> Any:
        threads.append(threading.current_thread())
        return types.SimpleNamespace(new=[], updated=[], missing=[], refused=[])

    fake = types.ModuleType("briefing.sync")
    fake.sync_folders = sync_folders  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "briefing.sync", fake)
    app = TaskApp(db)
    app.settings.library.sync = [LIBRARY]
    app.sync_on_start = True
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert len(threads) == 1 and threads[0] is not threading.main_thread()
        assert [type(m) for m in app.results] == [FoldersSynced]
        assert app.results[0].error is None


def test_cursor_steps_stop_at_the_ends() -> None:
    assert step(None, 1, 5) == 0 and step(None, -1, 5) == 0  # no cursor yet: the first row
    assert step(2, 1, 5) == 3 and step(2, -1, 5) == 1
    assert step(4, 1, 5) == 4 and step(0, -1, 5) == 0  # no wrapping
    assert step(0, 1, 0) == 0  # an empty list
    assert clamp(-3, 5) == 0 and clamp(9, 5) == 4 and clamp(7, 0) == 0


def test_page_line_moves_a_screen_less_one_line() -> None:
    assert page_line(0, 1, 10, 100) == 9
    assert page_line(50, -1, 10, 100) == 41
    assert page_line(95, 1, 10, 100) == 99  # not past the last line
    assert page_line(3, -1, 10, 100) == 0
    assert page_line(0, 1, 1, 100) == 1  # a one-line view still moves
