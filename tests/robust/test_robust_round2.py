"""Hostile input and faults, round 2 (issue 17): each failure reproduced through the
CLI or the store as a user meets it, then the promise it breaks checked."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import ROOT
from helpers.robust import (
    TRACEBACK,
    Result,
    dump_yaml,
    run_cli,
    small_brief,
    write_briefs,
)


def _one_line_failure(result: Result, *needles: str) -> None:
    assert result.returncode == 2, str(result)
    assert TRACEBACK not in result.output, str(result)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, str(result)
    for needle in needles:
        assert needle in lines[0], f"{needle!r} not named\n{result}"


# -- 12: tracebacks instead of one line -------------------------------------------------------


def test_search_limit_too_large_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    assert run_cli("load", *write_briefs(tmp_path / "in", range(2)), db=db).returncode == 0
    result = run_cli("search", "--limit", "9223372036854775808", "russia", db=db)
    # A usage error, in click's usual form: usage, hint, and the one line that says why.
    assert result.returncode == 2, str(result)
    assert TRACEBACK not in result.output, str(result)
    assert "Error: Invalid value for '--limit'" in result.stderr, str(result)


@pytest.mark.parametrize(
    ("variable", "value", "command"),
    [
        ("BRIEFING_LIBRARY__SYNC", "/etc", "list"),
        ("BRIEFING_FEEDS", "x", "config"),
        ("BRIEFING_LIMITS", "x", "config"),
    ],
)
def test_unparsable_environment_variable_is_one_line(
    tmp_path: Path, variable: str, value: str, command: str
) -> None:
    result = run_cli(command, db=tmp_path / "lib.db", env={variable: value})
    _one_line_failure(result, f"${variable}")
    assert not (tmp_path / "lib.db").exists()


# -- 6: ids ending in a newline ----------------------------------------------------------------


def _with_newline(brief: dict[str, Any], where: str) -> None:
    if where == "brief id":
        brief["id"] += "\n"
    elif where == "actor id":
        old = brief["actors"][0]["id"]
        brief["actors"][0]["id"] = old + "\n"
        brief["positions"][1]["actor"] = old + "\n"
        brief["open_questions"][0]["actors"][0] = old + "\n"
        brief["timeline"][0]["actors"] = [old + "\n"]
        brief["timeline"][1]["actors"][0] = old + "\n"
    elif where == "tag":
        brief["tags"][0] += "\n"
    else:
        brief["open_questions"][0]["id"] += "\n"


@pytest.mark.parametrize("where", ["brief id", "actor id", "tag", "question id"])
def test_ids_ending_in_newline_are_refused(tmp_path: Path, where: str) -> None:
    from briefing.loader import load_bytes

    brief = small_brief(3)
    _with_newline(brief, where)
    text = dump_yaml(brief)
    assert yaml.safe_load(text) == yaml.safe_load(yaml.safe_dump(brief))  # newline kept
    loaded = load_bytes(text.encode(), "nl.yaml")
    assert any("not a slug" in p.message for p in loaded.errors), loaded.problems
    assert loaded.briefs == []


# -- 3: a file being rewritten while it is read --------------------------------------------------


def _halves(brief: dict[str, Any]) -> tuple[bytes, bytes]:
    """A brief's YAML cut where the first part alone is a valid brief with fewer positions
    (what an editor saving in place has written half-way through)."""
    text = dump_yaml(brief).encode()
    cut = text.index(b"- actor: " + brief["positions"][1]["actor"].encode())
    return text[:cut] + b"\n", text[cut:]


def test_file_rewritten_in_place_is_not_read_half_written(tmp_path: Path) -> None:
    """An editor truncates the file, writes half of it, pauses, writes the rest, while
    ``load`` reads the folder: the half file (a valid brief with fewer positions) must
    not be what is stored."""
    from briefing.store import Store
    from briefing.sync import load_paths

    brief = small_brief(5)
    brief["open_questions"] = []
    brief["timeline"] = []
    brief["positions"].insert(1, dict(brief["positions"][0], topic="more"))
    first, rest = _halves(brief)
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "b.yaml"
    path.write_bytes(dump_yaml(small_brief(5)).encode())
    started = threading.Event()

    def editor() -> None:
        with path.open("wb") as handle:
            handle.write(first)
            handle.flush()
            started.set()
            time.sleep(0.25)
            handle.write(rest)

    with Store(tmp_path / "lib.db") as store:  # opened first: the load reads at once
        thread = threading.Thread(target=editor)
        thread.start()
        started.wait()
        report = load_paths(store, [folder])
        thread.join()
        assert report.new == [brief["id"]], report.problems
        stored = store.get_brief(brief["id"])
    assert stored is not None and len(stored.positions) == 3, "the half-written file was taken"


def test_equal_updated_with_different_content_is_reported(tmp_path: Path) -> None:
    from briefing.store import Store
    from briefing.sync import load_paths

    folder = tmp_path / "in"
    brief = small_brief(8, updated="2024-06-01T10:00:00Z")
    folder.mkdir()
    path = folder / "b.yaml"
    path.write_text(dump_yaml(brief))
    with Store(tmp_path / "lib.db") as store:
        first = load_paths(store, [folder], skip_unchanged_files=True)
        assert first.new == [brief["id"]]
        brief["summary"] = "A different summary with the same updated stamp."
        path.write_text(dump_yaml(brief))
        os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000))
        again = load_paths(store, [folder], skip_unchanged_files=True)
        assert again.unchanged == [brief["id"]]
        assert any(
            "different content" in p.message and p.path == str(path) for p in again.warnings
        ), again.problems
        # reported again on the next sync (the file is not remembered as done) ...
        third = load_paths(store, [folder], skip_unchanged_files=True)
        assert third.read_files == 1 and third.warnings, third
        # ... and an identical file stays silent
        stored = store.get_brief(brief["id"])
        assert stored is not None and stored.summary != brief["summary"]


# -- 4: pipes and stuck workers ------------------------------------------------------------------


def test_load_file_never_opens_a_fifo(tmp_path: Path) -> None:
    from briefing.loader import load_file

    fifo = tmp_path / "turned-into-a-fifo.yaml"
    os.mkfifo(fifo)
    out: list[Any] = []
    thread = threading.Thread(target=lambda: out.append(load_file(fifo)), daemon=True)
    thread.start()
    thread.join(2)
    if thread.is_alive():  # unblock the reader so the test process can end
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        thread.join(2)
        pytest.fail("load_file blocked on a FIFO")
    (loaded,) = out
    assert [p.message for p in loaded.errors] == ["cannot read file: not a regular file"]


def _children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (from /proc, Linux)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for_workers(proc: Any, count: int = 2, timeout: float = 20) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kids = _children(proc.pid)
        if len(kids) >= count:
            return kids
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.01)
    pytest.fail("the load started no worker processes")


@pytest.fixture
def many_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    write_briefs(folder, range(1200))
    return folder


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_ctrl_c_ends_a_load_whose_worker_is_stuck(tmp_path: Path, many_files: Path) -> None:
    """A worker that never answers (stopped here with SIGSTOP, as a hung file system
    would): Ctrl-C still ends the load at once, and takes the workers with it."""
    import signal

    from helpers.robust import kill_group, spawn_cli

    proc = spawn_cli("load", many_files, db=tmp_path / "lib.db")
    try:
        workers = _wait_for_workers(proc)
        for pid in workers:
            os.kill(pid, signal.SIGSTOP)
        time.sleep(0.2)
        os.kill(proc.pid, signal.SIGINT)
        try:
            proc.wait(5)
        except Exception:
            pytest.fail("Ctrl-C did not end a load whose worker is stuck")
        deadline = time.monotonic() + 3
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(p) for p in workers), "workers left behind"
        assert proc.stderr is not None and TRACEBACK not in proc.stderr.read()
    finally:
        kill_group(proc)
        for pid in _children(proc.pid):
            os.kill(pid, signal.SIGKILL)
        proc.wait(5)


def test_stuck_worker_is_timed_out(
    tmp_path: Path, many_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing
    import signal

    from briefing import sync
    from briefing.store import Store

    monkeypatch.setattr(sync, "READ_TIMEOUT_S", 0.5)
    stopped: list[int] = []

    def progress(done: int, total: int) -> None:
        if done and not stopped:  # the first file is in: the workers hang from now on
            for child in multiprocessing.active_children():
                assert child.pid is not None
                os.kill(child.pid, signal.SIGSTOP)
                stopped.append(child.pid)

    start = time.monotonic()
    with Store(tmp_path / "lib.db") as store:
        with pytest.raises(sync.StuckRead) as caught:
            sync.load_paths(store, [many_files], progress=progress, workers=2)
        assert "reading took over 0 s; load stopped" in str(caught.value)
        assert str(many_files) in str(caught.value)
    assert stopped and time.monotonic() - start < 10
    assert not any(_alive(p) for p in stopped), "stuck workers left behind"


# -- 5: kill -9 of the parent -----------------------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_exit_when_load_is_killed(tmp_path: Path, many_files: Path) -> None:
    import signal
    import sqlite3

    from helpers.robust import kill_group, spawn_cli

    db = tmp_path / "lib.db"
    assert run_cli("load", *write_briefs(tmp_path / "one", [1]), db=db).returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # the load's writer waits: it is mid-load when killed
    proc = spawn_cli("load", many_files, db=db)
    workers: list[int] = []
    try:
        workers = _wait_for_workers(proc)
        time.sleep(0.3)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(5)
        deadline = time.monotonic() + 5
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(p) for p in workers), "worker processes outlived the load"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        kill_group(proc)
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


# -- bidi marks and line separators -----------------------------------------------------------

_INVISIBLE = {
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u061c": "ALM",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
}


@pytest.mark.parametrize("char", list(_INVISIBLE), ids=list(_INVISIBLE.values()))
def test_bidi_marks_and_line_separators_are_shown_as_symbols(char: str) -> None:
    from briefing.text import clean, one_line

    for shown in (clean(f"abc{char}def"), one_line(f"abc{char}def")):
        assert char not in shown
        assert shown.startswith("abc") and shown.endswith("def")
        assert len(shown) == 7, f"{shown!r}: the character must stay visible, not vanish"


def test_show_never_prints_bidi_marks_or_line_separators(tmp_path: Path) -> None:
    brief = small_brief(4)
    brief["title"] = "Talks \u200fnoitcerid\u200e go on\u2028and on\u2029"
    brief["summary"] = "A \u061cmark and a\u2028line."
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.yaml").write_text(dump_yaml(brief))
    db = tmp_path / "lib.db"
    assert run_cli("load", folder, db=db).returncode == 0
    for args in (["show", brief["id"]], ["list"], ["search", "talks"]):
        result = run_cli(*args, db=db)
        assert result.returncode == 0, str(result)
        leaked = [name for char, name in _INVISIBLE.items() if char in result.stdout]
        assert not leaked, f"{args}: {leaked}\n{result}"


# -- 11: a damaged library is not written to ----------------------------------------------------


def _damage(db: Path, tables: tuple[str, ...] = ("brief_documents", "positions")) -> None:
    """Overwrite pages of ``tables`` with random bytes: the file still opens, the tables
    ``list`` reads are intact, but SQLite's integrity check fails."""
    import random
    import sqlite3

    con = sqlite3.connect(db)
    try:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        marks = ",".join("?" * len(tables))
        pages = [
            n
            for (n,) in con.execute(
                f"SELECT pageno FROM dbstat WHERE name IN ({marks}) AND pageno > 1", tables
            )
        ]
    finally:
        con.close()
    rng = random.Random(17)
    with db.open("r+b") as handle:
        for page in rng.sample(pages, max(1, len(pages) // 2)):
            handle.seek((page - 1) * page_size)
            handle.write(rng.randbytes(page_size))
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() != ("ok",)
    except sqlite3.DatabaseError:
        pass  # so damaged that the check itself stops: damaged all the same
    finally:
        con.close()


# `list` and the other read-only commands run no quick check: it reads the whole file
# (seconds on a 100k library, at every `list`), and they write nothing. A damaged page they
# do read is still one line and exit 2 (tests/robust/test_robust_env.py); the file stays as it was.
@pytest.mark.parametrize("command", ["load", "fetch"])
def test_damaged_library_is_refused_untouched(tmp_path: Path, command: str) -> None:
    from helpers.robust import checkpoint

    db = tmp_path / "lib.db"
    assert run_cli("load", *write_briefs(tmp_path / "in", range(60)), db=db).returncode == 0
    checkpoint(db)
    _damage(db)
    before = db.read_bytes()
    new = write_briefs(tmp_path / "new", range(100, 105))
    args = {"load": ["load", *new], "fetch": ["fetch"]}[command]
    env = {"BRIEFING_FEEDS": '[{"url": "http://127.0.0.1:9/feed.atom"}]'}
    result = run_cli(*args, db=db, env=env)
    _one_line_failure(result, str(db), "damaged")
    assert db.read_bytes() == before, "briefing wrote to a damaged library"


# -- 13: derive's input is bounded, and derive is near-linear ---------------------------------


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "too-big"])
def test_derive_refuses_devices_pipes_and_big_files(tmp_path: Path, kind: str) -> None:
    env: dict[str, str] = {}
    if kind == "dev-zero":
        source = Path("/dev/zero")
    elif kind == "fifo":
        source = tmp_path / "article.txt"
        os.mkfifo(source)
    else:
        source = tmp_path / "article.txt"
        source.write_text("ANKARA - Talks resume, the minister said.\n\n" * 100)
        env["BRIEFING_LIMITS__MAX_FILE_BYTES"] = "1000"
    result = run_cli("derive", "--no-library", source, db=tmp_path / "lib.db", env=env, timeout=20)
    want = "over the limit of 1,000 bytes" if kind == "too-big" else "not a regular file"
    _one_line_failure(result, str(source), want)
    assert result.cpu < 5, str(result)


def test_derive_time_grows_about_linearly() -> None:
    """CPU time for an article 4x as long, measured side by side: about 4x (linear), not
    16x (quadratic, as when each statement re-counted the whole article's words)."""
    import sys

    from briefing.derive import derive, from_text

    sys.path.insert(0, str(ROOT))
    from benchmarks.articles import article

    def cpu(size: int) -> float:
        text = article(size)
        start = time.process_time()
        derive(from_text(text))
        return time.process_time() - start

    cpu(5_000)  # warm up: lexicons, compiled patterns
    small, big = cpu(20_000), cpu(80_000)
    assert big / small < 8, f"20 KB: {small:.2f}s, 80 KB: {big:.2f}s ({big / small:.1f}x)"


def test_doc_lookups_agree_with_a_scan() -> None:
    """The indexed lookups of ``Doc`` answer exactly what a scan of every mention does."""
    import sys

    from briefing.derive.actors import ActorExtractor
    from briefing.derive.doc import Doc
    from briefing.derive.extract_text import from_text

    sys.path.insert(0, str(ROOT))
    from benchmarks.articles import article

    paragraphs = list(from_text(article(6_000)).paragraphs)
    doc = Doc.build(paragraphs, ActorExtractor(paragraphs).run())
    kinds = {"person", "organization", "country", "group"}
    for para, text in enumerate(paragraphs):
        for offset in range(0, len(text) + 1, 7):
            scan = [r for r in doc.refs if r.para == para and offset <= r.start]
            scan = [r for r in scan if r.end <= offset + 60]
            assert doc.refs_in(para, offset, offset + 60, outside_quotes=False) == scan
            before = [r for r in doc.refs if (r.para, r.start) < (para, offset)]
            before = [r for r in before if r.kind in kinds and not doc.in_quote(r.para, r.start)]
            assert doc.last_ref_before(para, offset, kinds) == (before[-1] if before else None)
            first = next(
                (s for s in doc.sentences[para] if s.start <= offset < s.end + 1),
                doc.sentences[para][-1],
            )
            assert doc.sentence_at(para, offset) == first


# -- 1: search is bounded, and cancellable in the reader -----------------------------------------


def _repetitive_library(path: Path, count: int, repeats: int) -> Path:
    """``count`` valid briefs whose summaries repeat one word ``repeats`` times."""
    from briefing.loader import load_bytes
    from briefing.store import Store

    briefs = []
    for i in range(count):
        brief = small_brief(i)
        brief["summary"] = "kharkiv " * repeats
        loaded = load_bytes(dump_yaml(brief).encode(), f"rep-{i}.yaml")
        assert not loaded.errors, loaded.problems
        briefs.extend(loaded.briefs)
    with Store(path) as store:
        store.import_briefs((b, None) for b in briefs)
    return path


@pytest.fixture(scope="module")
def small_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("five")
    db = folder / "lib.db"
    assert run_cli("load", *write_briefs(folder / "in", range(5)), db=db).returncode == 0
    return db


def test_search_repeating_one_word_searches_it_once(small_library: Path) -> None:
    """A word given many times is searched once (repeats multiplied FTS5's work): the
    same hits as the word alone."""
    once = run_cli("search", "--json", "talks", db=small_library)
    many = run_cli("search", "--json", *(["talks"] * 150), db=small_library, timeout=30)
    assert many.returncode == 0 and many.stdout == once.stdout, str(many)
    assert many.cpu < 5, str(many)


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ([f"w{i}" for i in range(200)], "search takes at most 32"),
        (["x" * 100_000], "search takes at most 1,000"),
    ],
    ids=["200-words", "100-KB"],
)
def test_search_refuses_huge_queries_in_one_line(
    small_library: Path, words: list[str], message: str
) -> None:
    result = run_cli("search", *words, db=small_library, timeout=30)
    _one_line_failure(result, message)
    assert result.cpu < 5, str(result)


def test_search_in_a_brief_repeating_a_word_60000_times(tmp_path: Path) -> None:
    db = _repetitive_library(tmp_path / "lib.db", 1, 60_000)
    result = run_cli("search", "--json", "kharkiv", db=db, timeout=60)
    assert result.returncode == 0, str(result)
    assert result.cpu < 5, str(result)
    assert json.loads(result.stdout)[0]["where"] == "summary"


def test_store_search_stops_when_cancelled(tmp_path: Path) -> None:
    from briefing.store import SearchCancelled, Store

    db = _repetitive_library(tmp_path / "lib.db", 30, 2_000)
    with Store(db) as store:
        assert len(store.search("kharkiv")) == 30
        polls: list[int] = []

        def cancelled() -> bool:
            polls.append(1)
            return len(polls) > 3

        with pytest.raises(SearchCancelled):
            store.search("kharkiv", cancelled=cancelled)
        assert len(store.search("kharkiv")) == 30  # the connection is fine afterwards


@pytest.fixture(scope="module")
def slow_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Fifty hits whose snippets cost real work: a search here takes most of a second."""
    return _repetitive_library(tmp_path_factory.mktemp("slow") / "lib.db", 50, 2_000)


def _store_busy(app: Any) -> bool:
    """Does some thread of the app hold a library connection (a search running)?"""
    for store in list(app._stores):
        if not store._lock.acquire(blocking=False):
            return True
        store._lock.release()
    return False


@pytest.mark.parametrize("leave", ["escape", "quit"])
async def test_reader_search_stops_when_abandoned(slow_library: Path, leave: str) -> None:
    """Leaving the search screen (or quitting) while a search runs stops it inside
    SQLite, instead of leaving a thread busy until it finishes: measured against the
    same search left to finish, in the same run."""
    import asyncio

    from briefing.config import Settings
    from briefing.store import Store
    from briefing.tui.app import BriefingApp
    from briefing.tui.screens.search import SearchScreen

    with Store(slow_library) as store:
        start = time.perf_counter()
        store.search("kharkiv", limit=50)
        full = time.perf_counter() - start

    app = BriefingApp(Settings(library={"sync": []}), slow_library, None, sync=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)
        app.push_screen(SearchScreen("kharkiv"))
        deadline = time.perf_counter() + 10
        while not _store_busy(app):  # the search has started in its thread
            assert time.perf_counter() < deadline, "the search never started"
            await asyncio.sleep(0.005)
        start = time.perf_counter()
        if leave == "escape":
            await pilot.press("escape")
        else:
            app.exit()
        while _store_busy(app) and time.perf_counter() - start < 30:
            await asyncio.sleep(0.005)
        stopped = time.perf_counter() - start
    assert stopped < full / 2, f"search ran on for {stopped:.2f}s (a whole one: {full:.2f}s)"


def test_quick_check_is_skipped_only_for_a_file_as_briefing_left_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check reads the whole file (seconds at 100k briefs): after a passed check and
    briefing's own writes it is not run again, but any other change to the file brings
    it back."""
    import briefing.store.base as base
    from briefing.store import Store

    db = tmp_path / "lib.db"
    Store(db, check=True).close()  # checked (a new file), then remembered as healthy
    runs: list[Path] = []
    real = base._check_healthy
    monkeypatch.setattr(base, "_check_healthy", lambda p, c: runs.append(p) or real(p, c))
    Store(db, check=True).close()
    assert runs == []
    with db.open("r+b") as handle:  # someone else writes the file (same bytes, new stamp)
        first = handle.read(100)
        handle.seek(0)
        handle.write(first)
    time.sleep(0.01)
    os.utime(db)
    Store(db, check=True).close()
    assert runs == [db]
