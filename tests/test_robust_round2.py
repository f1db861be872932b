"""Hostile input and faults, round 2 (issue 17): each failure reproduced through the
CLI or the store as a user meets it, then the promise it breaks checked."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from test_robust_helpers import (
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
    from briefing.loader import load_file

    brief = small_brief(5)
    brief["open_questions"] = []
    brief["timeline"] = []
    brief["positions"].insert(1, dict(brief["positions"][0], topic="more"))
    first, rest = _halves(brief)
    path = tmp_path / "b.yaml"
    path.write_bytes(dump_yaml(small_brief(5)).encode())
    started = threading.Event()

    def editor() -> None:  # truncates, writes half, pauses, writes the rest
        with path.open("wb") as handle:
            handle.write(first)
            handle.flush()
            started.set()
            time.sleep(0.05)
            handle.write(rest)

    thread = threading.Thread(target=editor)
    thread.start()
    started.wait()
    loaded = load_file(path)
    thread.join()
    assert not loaded.errors, loaded.problems
    assert len(loaded.briefs) == 1
    assert len(loaded.briefs[0].positions) == 3, "the half-written file was taken"


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

    from test_robust_helpers import kill_group, spawn_cli

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

    from test_robust_helpers import kill_group, spawn_cli

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
