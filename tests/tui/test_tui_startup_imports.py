"""The reader's start. Its first frame needs Textual, the remembered config values, SQLite and the
brief list: nothing else is imported before it is on screen (issue 14: a cold start near
an empty Textual app's).

The real command runs on a pseudo-terminal (160×48) under ``python -X importtime``, which
writes each import to the terminal as it happens: every import listed before the newest
brief's title is drawn was paid for by the first frame. Then the panes must fill in (the
deferred imports work) and ``q`` must quit.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from briefing.store import Store
from briefing.tui.widgets.brief_list import BriefList
from helpers import TESTS
from helpers.robust import cli_env, kill_group
from helpers.tui import RecordingApp, make_library, settings, settle, synthetic

LIBRARY = TESTS / "fixtures" / "library"

#: Not needed to draw the brief list; each is loaded after the first frame or on use.
NOT_BEFORE_FIRST_FRAME = (
    "pydantic",  # the settings' validation and the brief models
    "pydantic_settings",
    "briefing.config",
    "briefing.model",
    "rich.markdown",  # the summary pane
    "markdown_it",
    "yaml",
    "httpx",  # fetching
    "feedparser",
    "trafilatura",
    "sqlite_utils",
    "briefing.sync",
    "briefing.tui.screens.help",  # other screens, on their keys
    "briefing.tui.screens.actor",
    "briefing.tui.screens.search",
    "briefing.tui.widgets.tag_picker",
    "click",  # the reader alone is started without the command line's parser
)

NEWEST_TITLE = "Deal at Vessby delays automation"  # 2031-03-09-harbour-deal.yaml
SUMMARY_WORDS = b"Bottom line"  # the summary pane, once the first brief is loaded


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from briefing.loader import load_file

    db = tmp_path_factory.mktemp("startup") / "library.db"
    with Store(db) as store:
        for path in sorted(LIBRARY.glob("*.yaml")):
            for brief in load_file(path).briefs:
                store.import_brief(brief)
    return db


def _start(argv: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
    proc = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    return proc, master


def _read_until(master: int, wanted: bytes, seen: bytearray, timeout: float = 30) -> int:
    """Read the terminal until ``wanted`` shows; its offset in ``seen``."""
    deadline = time.monotonic() + timeout
    while (found := seen.find(wanted)) < 0:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"{wanted!r} never appeared; the end:\n{bytes(seen[-3000:])!r}")
        ready, _, _ = select.select([master], [], [], min(left, 0.5))
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:  # the program exited
                end = bytes(seen[-3000:])
                raise AssertionError(f"exited before {wanted!r}:\n{end!r}") from None
    return found


def _drain(master: int, seen: bytearray, timeout: float = 20) -> None:
    """Read the terminal until the program closes it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            seen += chunk


def _imports(output: bytes) -> set[str]:
    names = set()
    for line in output.decode(errors="replace").splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def test_first_frame_imports_only_what_the_list_needs(library: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("library:\n  sync: []\nui:\n  mark_read_after: null\n")
    # The terminal's size as Textual reads it (COLUMNS and LINES win over the ioctl).
    extra = {"TERM": "xterm-256color", "COLUMNS": "160", "LINES": "48"}
    env = cli_env({"XDG_CACHE_HOME": str(tmp_path / "cache"), **extra})
    base = [sys.executable, "-m", "briefing", "--db", str(library), "--config", str(config)]
    # Once validated (this remembers the values), the next start reads them as they are.
    first = subprocess.run([*base, "list"], env=env, capture_output=True, timeout=60)
    assert first.returncode == 0, first.stderr

    proc, master = _start([sys.executable, "-X", "importtime", *base[1:]], env)
    seen = bytearray()
    try:
        at = _read_until(master, NEWEST_TITLE.encode(), seen)
        before = _imports(bytes(seen[:at]))
        assert "textual.app" in before and "briefing.tui.app" in before  # really listed
        loaded = sorted(
            name
            for name in before
            for heavy in NOT_BEFORE_FIRST_FRAME
            if name == heavy or name.startswith(heavy + ".")
        )
        assert loaded == [], f"imported before the first frame: {loaded}"
        # After it: the first brief's panes fill in, with what was deferred.
        _read_until(master, SUMMARY_WORDS, seen)
        os.write(master, b"q")
        _drain(master, seen)  # a terminal nobody reads would block the program's exit
        assert proc.wait(timeout=20) == 0
        after = _imports(bytes(seen))
        assert {"briefing.model", "rich.markdown", "pydantic"} <= after
    finally:
        kill_group(proc)
        os.close(master)


class _CountLater(RecordingApp):
    """The reader with its list's worker queries held until ``release``: the state
    between the first frame (the first page, read in the mount) and the count."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.release = threading.Event()

    @property
    def list_store(self) -> Any:
        if threading.current_thread() is not threading.main_thread():
            self.release.wait(10)
        return super().list_store


async def test_the_first_frame_has_the_newest_page_and_keys_work_before_the_count(
    tmp_path: Path,
) -> None:
    db = make_library(tmp_path, extra=synthetic(150))
    with Store(db) as store:
        total = store.count_briefs()
        newest = store.list_briefs(limit=3)
    app = _CountLater(settings(), db, None, sync=False)
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            listing = app.main_screen.brief_list
            assert listing.total is None  # not counted yet
            assert listing.count == BriefList.PAGE_SIZE < total  # the first page's rows
            assert [listing.row(i) for i in range(3)] == newest
            await pilot.press("j", "j")
            assert listing.cursor == 2
            app.release.set()
            await settle(pilot)
            assert (listing.count, listing.total) == (total, total)
            assert listing.cursor == 2  # the count did not take the cursor back
            assert app.main_screen.brief is not None
            assert app.main_screen.brief.id == newest[2].id
    finally:
        app.release.set()
