"""Crash safety: ``kill -9`` in the middle of a large ``briefing load``.

The library must pass ``PRAGMA integrity_check``, hold only whole briefs (each stored
brief equals its source file: actors, positions, questions, timeline, sources, tags),
and running the same load again must complete it.
"""

from __future__ import annotations

import functools
import http.server
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

from helpers.robust import (
    TRACEBACK,
    integrity,
    kill_group,
    require_commands,
    run_cli,
    small_brief,
    spawn_cli,
    write_briefs,
    write_feed,
)

TOTAL = 3_000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "briefs"
    write_briefs(folder, range(TOTAL), per_folder=500)
    return folder


@functools.cache
def _sources(folder: Path):
    """The briefs the corpus files hold, by id (built from the generator; a sample of the
    files is read back to prove they say the same). Built once per corpus: validating
    3,000 briefs takes a second or two, and two tests need them."""
    from briefing.loader import load_file
    from briefing.model import validate_brief

    out = {}
    for i in range(TOTAL):
        brief, problems = validate_brief(small_brief(i))
        assert brief is not None, problems
        out[brief.id] = brief
    for i in (0, 1234, TOTAL - 1):
        (from_file,) = load_file(folder / f"{i // 500:03d}" / f"gen-{i:05d}.yaml").briefs
        assert from_file == out[from_file.id]
    return out


def _brief_count(db: Path) -> int:
    """Rows in the briefs table, read without disturbing the writer (0 if not there yet)."""
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return con.execute("SELECT count(*) FROM briefs").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _kill_midway(
    db: Path,
    corpus: Path,
    *,
    at_least: int,
    then_wait: float = 0.0,
    sig: int = signal.SIGKILL,
    within: float = 60,
) -> tuple[int, subprocess.Popen[str]]:
    """Start a load and SIGKILL it (and its workers) once ``at_least`` briefs are stored
    (or ``within`` seconds after it created the library: a staged load shows its briefs
    only at its end) and ``then_wait`` more seconds have passed (to land inside the next
    transaction).

    Returns the count seen when the signal was sent, and the (finished) process.
    """
    proc = spawn_cli("load", corpus, db=db)
    seen = 0
    deadline = time.monotonic() + within
    try:
        while time.monotonic() < deadline:
            if not db.exists():
                deadline = time.monotonic() + within
            seen = _brief_count(db)
            if seen >= at_least or proc.poll() is not None:
                break
            time.sleep(0.005)
        time.sleep(then_wait)
        seen = _brief_count(db)
    finally:
        kill_group(proc, sig)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            kill_group(proc)
            proc.wait(timeout=10)
            pytest.fail(f"the load did not exit within 30 s of signal {sig} (it hung)")
    return seen, proc


def _assert_only_whole_briefs(db: Path, sources: dict) -> int:
    from briefing.store import Store

    assert integrity(db) == ["ok"]
    with Store(db) as store:
        stored = list(store.iter_briefs())
        for brief in stored:
            assert brief.id in sources, f"unknown brief {brief.id} in the library"
            assert brief == sources[brief.id], f"{brief.id} is not whole after kill -9"
        assert store.count_briefs() == len(stored)
        return len(stored)


def test_kill_9_mid_load_then_load_again_completes(tmp_path: Path, corpus: Path) -> None:
    require_commands("load")
    from briefing.store import Store

    db = tmp_path / "lib.db"
    sources = _sources(corpus)
    assert len(sources) == TOTAL

    # Into an empty library the load is staged (its briefs appear at its end, all at
    # once): killed while staging, it leaves the library as it was.
    seen, _ = _kill_midway(db, corpus, at_least=1, within=1.5)
    assert seen < TOTAL, "the load finished before it could be killed: make the corpus larger"
    partial = _assert_only_whole_briefs(db, sources)
    assert partial < TOTAL
    print(f"first kill -9 with {seen} briefs seen; {partial} whole briefs kept")

    # A library holding most of the corpus: the rest is written chunk by chunk, each
    # transaction committed as it goes. Killed while the next chunk is being written.
    first = run_cli("load", *sorted(corpus.iterdir())[:3], db=db, timeout=120)
    assert first.returncode == 0, str(first)
    partial = _assert_only_whole_briefs(db, sources)
    seen, _ = _kill_midway(db, corpus, at_least=partial + 1, then_wait=0.3)
    kept = _assert_only_whole_briefs(db, sources)
    assert partial < kept < TOTAL or seen == TOTAL
    print(f"second kill -9 with {seen} briefs seen; {kept} whole briefs kept")

    result = run_cli("load", corpus, db=db, timeout=120)
    assert result.returncode == 0, str(result)
    assert TRACEBACK not in result.output
    assert _assert_only_whole_briefs(db, sources) == TOTAL
    with Store(db) as store:
        assert store.count_briefs() == TOTAL
        # Nothing stored twice: every id once, and the actor index agrees with the files.
        assert len({b.id for b in store.iter_briefs()}) == TOTAL
        assert sorted(store.actor("person-1234").roles, key=lambda r: r.brief_id)[0].brief_id == (
            "gen-01234"
        )


def test_ctrl_c_mid_load_is_clean_then_load_again_completes(tmp_path: Path, corpus: Path) -> None:
    """Ctrl-C in the terminal: SIGINT to the whole foreground process group (the load and
    its worker processes), at three moments. Each time: a short message, a prompt exit,
    no traceback from any process, whole briefs only; then the rerun completes."""
    require_commands("load")
    sources = _sources(corpus)
    for n, wait in enumerate((0.0, 0.2, 0.5)):
        db = tmp_path / f"lib-{n}.db"
        seen, proc = _kill_midway(
            db, corpus, at_least=1, then_wait=wait, sig=signal.SIGINT, within=1.0
        )
        out, err = proc.communicate(timeout=30)
        assert proc.returncode != 0, "an interrupted load must not report success"
        assert TRACEBACK not in out + err, err[-3000:]
        kept = _assert_only_whole_briefs(db, sources)
        print(f"Ctrl-C with {seen} briefs seen; {kept} kept; said {err.strip()[-100:]!r}")
    result = run_cli("load", corpus, db=db, timeout=120)
    assert result.returncode == 0, str(result)
    assert _assert_only_whole_briefs(db, sources) == TOTAL


# -- kill -9 during a fetch ---------------------------------------------------------------


class _SlowBriefs(http.server.SimpleHTTPRequestHandler):
    """Serves a folder (with Last-Modified / 304 support), each brief file after a delay,
    so a fetch spends a while downloading."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".yaml": "application/yaml",
        ".atom": "application/atom+xml",
    }
    delay = 0.03

    def do_GET(self) -> None:
        if self.path.endswith(".yaml"):
            time.sleep(self.delay)
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_kill_9_mid_fetch_then_fetch_again_completes(tmp_path: Path) -> None:
    """``briefing fetch`` killed while downloading, and again just after its import
    committed: the library holds only whole briefs, and the next fetch brings in all of
    them: no feed is remembered as "not modified" while its briefs are missing."""
    require_commands("fetch")
    from briefing.model import validate_brief
    from briefing.store import Store

    site = tmp_path / "site"
    count = 240
    files = write_briefs(site / "briefs", range(count), prefix="feed")
    write_feed(site, files)
    sources = {}
    for i in range(count):
        brief, _ = validate_brief(small_brief(i, prefix="feed"))
        sources[brief.id] = brief
    handler = functools.partial(_SlowBriefs, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/feed.atom"
    db = tmp_path / "lib.db"
    try:
        # 1. killed while downloading: briefs are imported in batches while later ones
        #    download, so some may be stored already, each whole (their feed state is
        #    saved only at the end, so the next fetch downloads them again).
        proc = spawn_cli("fetch", "--quiet", url, db=db)
        time.sleep(1.0)
        kill_group(proc)
        proc.wait(timeout=10)
        if db.exists():
            _assert_only_whole_briefs(db, sources)
        # 2. killed as soon as an import is visible (mid-download or saving URL states).
        proc = spawn_cli("fetch", "--quiet", url, db=db)
        deadline = time.monotonic() + 60
        while _brief_count(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        kill_group(proc)
        proc.wait(timeout=10)
        _assert_only_whole_briefs(db, sources)
        # 3. a full fetch completes the library; 4. and the next one changes nothing.
        for _ in range(2):
            result = run_cli("fetch", "--quiet", url, db=db, timeout=120)
            assert result.returncode == 0, str(result)
            assert TRACEBACK not in result.output
            assert _assert_only_whole_briefs(db, sources) == count
        with Store(db) as store:
            assert store.count_briefs() == count
    finally:
        server.shutdown()
        server.server_close()
