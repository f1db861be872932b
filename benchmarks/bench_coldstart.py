"""Targets 3a and 3c: the reader's cold start in a real terminal.

**Cold start**: from asking tmux to start the command in a new 160×48 window (a tmux
server of our own, already running) until ``tmux capture-pane`` shows the first painted
brief list — the newest brief's title — polled every few milliseconds. The floor is an
empty Textual app (one ``Static`` saying it is ready, so there is something to see),
started and detected the same way: what Python, Textual and a terminal cost before any
of the reader's work. The reader opens a library that already holds its briefs, with
no folders to sync (``library.sync: []``). Rounds are interleaved after an untimed
warm-up round; medians are compared. briefing's bytecode is compiled first, as pip
compiles an installed package's (Textual's is): a checkout run with
``PYTHONDONTWRITEBYTECODE`` set would otherwise compile every module at every start.

**3c, the scale guard**: the same cold start on the big library against a 1,000-brief
one: what the library's size costs the first frame.
"""

from __future__ import annotations

import compileall
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import (
    Result,
    Sizes,
    Skip,
    ensure_db,
    log,
    median,
    need,
    need_store,
    ratio_result,
    tmp_dir,
)

COLUMNS, LINES = 160, 48
SMALL_LIBRARY = 1_000
POLL_S = 0.004
TIMEOUT_S = 60.0

EMPTY_APP = """\
from textual.app import App, ComposeResult
from textual.widgets import Static


class Empty(App):
    def compose(self) -> ComposeResult:
        yield Static("empty app ready")


Empty().run()
"""


class Tmux:
    """A private tmux server (its own socket), kept up by an idle session."""

    def __init__(self) -> None:
        if shutil.which("tmux") is None:
            raise Skip("tmux is not installed")
        self.socket = f"briefing-bench-{os.getpid()}"
        self._run("new-session", "-d", "-s", "keeper", "-x", "80", "-y", "24", "sleep 3600")
        self._n = 0

    def _run(self, *args: str) -> str:
        proc = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return proc.stdout

    def first_paint(self, command: str, marker: str) -> float:
        """Seconds from starting ``command`` in a new window to ``marker`` on screen."""
        self._n += 1
        name = f"run{self._n}"
        start = time.perf_counter()
        self._run("new-session", "-d", "-s", name, "-x", str(COLUMNS), "-y", str(LINES), command)
        try:
            while True:
                if marker in self._run("capture-pane", "-p", "-t", name):
                    return time.perf_counter() - start
                if time.perf_counter() - start > TIMEOUT_S:
                    screen = self._run("capture-pane", "-p", "-t", name)
                    raise RuntimeError(f"{marker!r} never appeared; the screen:\n{screen}")
                time.sleep(POLL_S)
        finally:
            self._run("kill-session", "-t", name)

    def close(self) -> None:
        self._run("kill-server")


def _marker(db: Path) -> str:
    """The start of the newest brief's title: on screen once the list is painted."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        newest = "SELECT title FROM briefs ORDER BY date DESC, id LIMIT 1"
        title = conn.execute(newest).fetchone()[0]
    finally:
        conn.close()
    words, out = title.split(), ""
    for word in words:
        if len(out) + len(word) + 1 > 16 and out:
            break
        out = f"{out} {word}".strip()
    return out


def run(sizes: Sizes) -> list[Result]:
    # A library below the small one (the test suite's) is compared with itself.
    small_n = min(SMALL_LIBRARY, sizes.library_n)
    r3a = Result(
        "3a",
        f"Reader cold start in tmux, {sizes.library_n:,} briefs: shell to first painted list",
        floor_label="an empty Textual app, shell to first paint",
    )
    r3c = Result(
        "3c",
        f"Reader cold start, {sizes.library_n:,} against {small_n:,} briefs",
        floor_label=f"the same reader on {small_n:,} briefs",
    )
    try:
        need_store()
        need("briefing.tui.app", "BriefingApp")
        db = ensure_db(sizes.library_n)
        small = ensure_db(small_n)
        tmux = Tmux()
    except Skip as exc:
        r3a.details = r3c.details = f"SKIP ({exc})"
        return [r3a, r3c]
    import briefing

    compileall.compile_dir(str(Path(briefing.__file__).parent), quiet=1)
    work = tmp_dir("coldstart-")
    try:
        config = work / "config.yaml"
        config.write_text("library:\n  sync: []\n")
        script = work / "empty_app.py"
        script.write_text(EMPTY_APP)
        python = sys.executable

        def reader(path: Path) -> str:
            return f"exec {python} -m briefing --db {path} --config {config}"

        runs = {
            "empty": (f"exec {python} {script}", "empty app ready"),
            "reader": (reader(db), _marker(db)),
            "small": (reader(small), _marker(small)),
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        rounds = sizes.rounds  # 5 in a full run, 1 at smoke size (CI)
        for round_no in range(rounds + 1):  # round 0 warms up, untimed
            order = list(runs) if round_no % 2 else list(reversed(runs))
            for name in order:
                took = tmux.first_paint(*runs[name])
                if round_no:
                    times[name].append(took)
            if round_no:
                log(
                    f"  [3a] round {round_no}/{rounds}: empty {times['empty'][-1] * 1e3:.0f} ms,"
                    f" reader {times['reader'][-1] * 1e3:.0f} ms"
                )
    finally:
        tmux.close()
        shutil.rmtree(work, ignore_errors=True)
    ms = {name: [t * 1e3 for t in values] for name, values in times.items()}
    ratio_result(r3a, median(ms["reader"]), median(ms["empty"]), 1.5, unit="ms")
    r3a.details = (
        f"medians of {len(ms['reader'])} interleaved rounds; reader "
        f"{', '.join(f'{t:.0f}' for t in ms['reader'])} ms; empty app "
        f"{', '.join(f'{t:.0f}' for t in ms['empty'])} ms"
    )
    ratio_result(r3c, median(ms["reader"]), median(ms["small"]), 1.3, unit="ms")
    r3c.details = f"reader on {small_n:,} briefs {', '.join(f'{t:.0f}' for t in ms['small'])} ms"
    return [r3a, r3c]
