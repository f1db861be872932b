"""Concurrent use: readers and writers in separate processes, as users run them.

* A reader process polls the library (list and count queries, and a raw connection
  that holds read transactions open) while ``briefing load`` and ``briefing fetch``
  (from a real HTTP server on 127.0.0.1) write from two other processes. Nothing may
  fail with "database is locked", and the reader must see every new brief.
* The reader app (``BriefingApp`` under ``run_test``) picks up briefs another process
  added without being restarted.
* Two ``briefing load`` runs at once on overlapping folders both succeed and the
  library holds every brief exactly once, each whole.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from helpers import TESTS
from helpers.robust import (
    PYTHON,
    TRACEBACK,
    cli_env,
    integrity,
    kill_group,
    require_commands,
    run_cli,
    spawn_cli,
    write_briefs,
    write_feed,
)

# -- a real HTTP server with a feed -------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".yaml": "application/yaml",
        ".atom": "application/atom+xml",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def feed_server(tmp_path: Path) -> Iterator[tuple[str, int]]:
    """Serves ``tmp_path/site``: ``feed.atom`` and ``briefs/feed-*.yaml`` (120 briefs)."""
    site = tmp_path / "site"
    briefs = write_briefs(site / "briefs", range(120), prefix="feed")
    write_feed(site, briefs)
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/feed.atom", len(briefs)
    finally:
        server.shutdown()
        server.server_close()


# -- a reader in its own process ---------------------------------------------------------------

READER = textwrap.dedent(
    """
    import sqlite3, sys, time, traceback
    from pathlib import Path
    from briefing.store import Store

    db, stop, expected = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    store = Store(db)
    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    last, polls, deadline = -1, 0, time.monotonic() + 90
    try:
        while time.monotonic() < deadline:
            count = store.count_briefs()
            rows = store.list_briefs(limit=50)
            assert len(rows) == min(50, count), (len(rows), count)
            for row in rows[:5]:
                brief = store.get_brief(row.id)
                assert brief is not None and brief.id == row.id
                assert len(brief.actors) >= 1
            if count < last:
                print(f"WENT BACKWARDS {last} -> {count}", flush=True)
                sys.exit(3)
            if count != last:
                print(f"count {count}", flush=True)
            last = count
            # A long read transaction on a second connection: must not block writers.
            raw.execute("BEGIN")
            raw.execute("SELECT count(*) FROM briefs").fetchone()
            time.sleep(0.05)
            raw.execute("SELECT count(*) FROM positions").fetchone()
            raw.execute("COMMIT")
            polls += 1
            if stop.exists() and count >= expected:
                break
        print(f"final {last} after {polls} polls", flush=True)
        sys.exit(0 if last >= expected else 4)
    except Exception:
        traceback.print_exc()
        sys.exit(5)
    """
)


def _no_lock_errors(*outputs: str) -> None:
    for text in outputs:
        assert "locked" not in text.lower(), text
        assert "busy" not in text.lower(), text
        assert TRACEBACK not in text, text


def test_reader_open_while_load_and_fetch_write(
    tmp_path: Path, feed_server: tuple[str, int]
) -> None:
    require_commands("load", "fetch")
    from briefing.store import Store

    feed_url, feed_count = feed_server
    db = tmp_path / "lib.db"
    first = run_cli("load", *write_briefs(tmp_path / "seed", range(10), prefix="seed"), db=db)
    assert first.returncode == 0, str(first)
    folder = tmp_path / "bulk"
    write_briefs(folder, range(1500), prefix="bulk", per_folder=500)
    expected = 10 + 1500 + feed_count
    stop = tmp_path / "stop"

    reader = subprocess.Popen(
        [PYTHON, "-c", READER, str(db), str(stop), str(expected)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
        start_new_session=True,
    )
    time.sleep(0.3)  # the reader is polling
    try:
        load = spawn_cli("load", folder, db=db)
        fetch = spawn_cli("fetch", "--quiet", feed_url, db=db)
        load_out, load_err = load.communicate(timeout=120)
        fetch_out, fetch_err = fetch.communicate(timeout=120)
        stop.touch()
        reader_out, reader_err = reader.communicate(timeout=120)
    finally:
        for proc in (reader,):
            if proc.poll() is None:
                kill_group(proc)
    _no_lock_errors(load_out, load_err, fetch_out, fetch_err, reader_out, reader_err)
    assert load.returncode == 0, load_out + load_err
    assert fetch.returncode == 0, fetch_out + fetch_err
    assert reader.returncode == 0, reader_out + reader_err
    assert f"final {expected}" in reader_out, reader_out
    # The reader saw the library grow while the writers ran, not only at the end.
    counts = [int(line.split()[1]) for line in reader_out.splitlines() if line.startswith("count")]
    assert len(counts) >= 3 and counts[0] < expected, reader_out
    assert integrity(db) == ["ok"]
    with Store(db) as store:
        assert store.count_briefs() == expected


HOLDER = textwrap.dedent(
    """
    # A process that keeps the library open the way the reader does: a main Store, and a
    # Store per worker thread, opened and closed as threads come and go. Driven by lines
    # on stdin; answers one line per command.
    import sys, threading
    from briefing.store import Store
    from briefing.model import validate_brief
    sys.path.insert(0, sys.argv[2])
    from helpers.robust import small_brief

    main = Store(sys.argv[1])
    for line in sys.stdin:
        cmd, _, arg = line.strip().partition(" ")
        try:
            if cmd == "thread":
                def work():
                    with Store(sys.argv[1]) as other:
                        other.count_briefs()
                t = threading.Thread(target=work); t.start(); t.join()
                out = "ok"
            elif cmd == "import":
                brief, _ = validate_brief(small_brief(int(arg), prefix="held"))
                out = main.import_brief(brief).outcome.value
            elif cmd == "read":
                main.set_read(arg)
                out = "ok"
            elif cmd == "count":
                out = str(main.count_briefs())
            elif cmd == "quit":
                main.close()
                print("bye", flush=True)
                break
        except Exception as exc:
            out = f"ERROR {type(exc).__name__}: {exc}"
        print(out, flush=True)
    """
)


def test_process_with_two_stores_keeps_its_writes_while_another_process_writes(
    tmp_path: Path,
) -> None:
    """The reader holds the library open (a Store per thread) while ``briefing load``
    runs and exits in another terminal, again and again. The reader must keep seeing
    new briefs, and what it writes itself (imports from a fetch, read marks) must reach
    the file: nothing written by either side may be lost."""
    require_commands("load")
    from briefing.store import Store

    db = tmp_path / "lib.db"
    assert run_cli("load", *write_briefs(tmp_path / "seed", range(3)), db=db).returncode == 0
    holder = subprocess.Popen(
        [PYTHON, "-c", HOLDER, str(db), str(TESTS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
        start_new_session=True,
    )

    def ask(command: str) -> str:
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.write(command + "\n")
        holder.stdin.flush()
        return holder.stdout.readline().strip()

    try:
        expected = 3
        for n in range(4):
            assert ask("thread") == "ok"  # a worker thread opens and closes its Store
            loaded = run_cli("load", *write_briefs(tmp_path / f"b{n}", [100 + n]), db=db)
            assert loaded.returncode == 0, str(loaded)
            expected += 1
            assert ask("count") == str(expected), "the holder reads a stale library"
            assert ask(f"import {n}") == "new"
            expected += 1
            assert ask(f"read held-{n:05d}") == "ok"
        assert ask("quit") == "bye"
        holder.wait(timeout=30)
    finally:
        if holder.poll() is None:
            kill_group(holder)
    assert integrity(db) == ["ok"]
    with Store(db) as store:
        assert store.count_briefs() == expected, "briefs written by the holder were lost"
        for n in range(4):
            assert store.get_brief(f"held-{n:05d}") is not None
            assert store.is_read(f"held-{n:05d}"), "read marks written by the holder were lost"


def test_two_loads_at_once_on_overlapping_folders(tmp_path: Path) -> None:
    require_commands("load")
    from briefing.model import validate_brief
    from briefing.store import Store

    a, b = tmp_path / "a", tmp_path / "b"
    write_briefs(a, range(0, 1400), per_folder=500)
    write_briefs(b, range(700, 2100), per_folder=500)
    # ... and a shared file both name directly.
    shared = write_briefs(tmp_path / "shared", [5000])[0]
    db = tmp_path / "lib.db"
    procs = [spawn_cli("load", a, shared, db=db), spawn_cli("load", shared, b, db=db)]
    outs = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outs, strict=True):
        _no_lock_errors(out, err)
        assert proc.returncode == 0, out + err
    assert integrity(db) == ["ok"]
    sources = {}
    for path in [*a.rglob("*.yaml"), *b.rglob("*.yaml"), shared]:
        # libyaml (the parser the loader uses): 2,101 files in 1 s, not 8 s in pure Python.
        brief, _ = validate_brief(yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader))
        sources[brief.id] = brief
    with Store(db) as store:
        stored = list(store.iter_briefs())
        ids = [s.id for s in stored]
        assert len(ids) == len(set(ids)) == 2101 == store.count_briefs()
        assert set(ids) == set(sources)
        for brief in stored:
            assert brief == sources[brief.id]
        # The actor index counts each brief once, even though two processes wrote it.
        assert store.actor("person-1000").brief_count == 1
        assert store.actor("actor-3").brief_count == len(
            [i for i in [*range(2100), 5000] if i % 97 == 3]
        )


def test_same_folder_loaded_three_times_at_once(tmp_path: Path) -> None:
    require_commands("load")
    from briefing.store import Store

    folder = tmp_path / "same"
    write_briefs(folder, range(600))
    db = tmp_path / "lib.db"
    procs = [spawn_cli("load", folder, db=db) for _ in range(3)]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        _no_lock_errors(out, err)
        assert proc.returncode == 0, out + err
    with Store(db) as store:
        assert store.count_briefs() == 600
    assert integrity(db) == ["ok"]


# -- the reader app sees briefs another process added -----------------------------------------


async def test_reader_app_shows_briefs_added_by_another_process(
    tmp_path: Path, feed_server: tuple[str, int]
) -> None:
    """The reader is open; ``briefing load`` and then ``briefing fetch`` (from a local
    HTTP feed) in another terminal add briefs; the reader's list shows them within a few
    seconds, without a key press or restart, and nobody reports a locked library."""
    require_commands("load", "fetch")
    from briefing.config import load_settings
    from briefing.tui.app import BriefingApp

    feed_url, feed_count = feed_server
    db = tmp_path / "lib.db"
    seed = run_cli("load", *write_briefs(tmp_path / "seed", range(3), prefix="seed"), db=db)
    assert seed.returncode == 0, str(seed)
    app = BriefingApp(load_settings(), db, sync=False)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await _wait_for(pilot, lambda: _app_brief_count(app) == 3, 10)
        folder = tmp_path / "more"
        write_briefs(folder, range(40), prefix="more")
        assert await _run_async(db, "load", str(folder)) == 0
        await _wait_for(pilot, lambda: _app_brief_count(app) == 43, 10)
        assert _app_brief_count(app) == 43, "the reader never showed the loaded briefs"
        assert await _run_async(db, "fetch", "--quiet", feed_url) == 0
        await _wait_for(pilot, lambda: _app_brief_count(app) == 43 + feed_count, 10)
        assert _app_brief_count(app) == 43 + feed_count, "the reader never showed fetched briefs"
        shown = "\n".join(str(n.message) for n in app._notifications)
        assert "locked" not in shown.lower() and "busy" not in shown.lower(), shown


async def _wait_for(pilot: object, ready: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not ready() and time.monotonic() < deadline:  # type: ignore[operator]
        await pilot.pause(0.1)  # type: ignore[attr-defined]


async def _run_async(db: Path, *args: str) -> int:
    """``briefing --db DB ARGS`` in another process, without blocking the app's loop."""
    import asyncio

    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "briefing", "--db", str(db), *args,
        env=cli_env(), stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await proc.communicate()
    text = (out + err).decode("utf-8", "replace")
    assert "locked" not in text.lower() and TRACEBACK not in text, text
    return proc.returncode if proc.returncode is not None else -1


def _app_brief_count(app: object) -> int:
    """Briefs the reader's list knows of (-1 before its first count)."""
    total = app.main_screen.brief_list.total  # type: ignore[attr-defined]
    return -1 if total is None else total
