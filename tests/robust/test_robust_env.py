"""Environment faults, through the CLI as a user meets them.

A bad config file, an unwritable database path, a full disk, a corrupt database, a
database written by a newer briefing, a brief path that does not exist: each must give a
clear message naming the thing, a non-zero exit, no traceback, and never a half-written
brief (earlier briefs kept, the failing one absent or whole).
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import subprocess
from pathlib import Path

import pytest

from helpers.robust import (
    PYTHON,
    TRACEBACK,
    Result,
    assert_clean_failure,
    checkpoint,
    cli_args,
    cli_env,
    db_checksums,
    dump_yaml,
    integrity,
    require_commands,
    run_cli,
    small_brief,
    write_briefs,
)


def _message_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


# -- configuration --------------------------------------------------------------------------


def test_config_syntax_error_is_one_line_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("http:\n  concurrency: [1\nlimits: {}\n")
    result = run_cli("--config", bad, "list", db=tmp_path / "lib.db")
    assert result.returncode == 2, str(result)
    assert TRACEBACK not in result.output, str(result)
    lines = _message_lines(result)
    assert len(lines) == 1, str(result)
    assert f"{bad}:" in lines[0] and "not valid YAML" in lines[0], str(result)
    assert not (tmp_path / "lib.db").exists(), "a failed start must not create a library"


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ("http:\n  concurrency: lots\n", "http.concurrency"),
        ("limits:\n  max_file_bytes: -5\n", "limits.max_file_bytes"),
        ("limits: 12\n", "limits"),
        ("feeds:\n  - url: file:///etc/passwd\n", "feeds.0.url"),
        ("colour: blue\n", "colour"),
    ],
    ids=["wrong-type", "out-of-range", "section-not-mapping", "bad-feed-url", "unknown-key"],
)
def test_config_wrong_values_name_file_and_field(tmp_path: Path, content: str, field: str) -> None:
    """One line naming the file that holds the mistake and the setting."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    result = run_cli("--config", bad, "list", db=tmp_path / "lib.db")
    assert result.returncode == 2, str(result)
    assert TRACEBACK not in result.output, str(result)
    lines = _message_lines(result)
    assert len(lines) == 1, str(result)
    assert f"{bad}: {field}:" in lines[0], str(result)
    assert not (tmp_path / "lib.db").exists(), "a failed start must not create a library"


def test_config_that_is_not_a_mapping(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just\n- a list\n")
    result = run_cli("--config", bad, "list", db=tmp_path / "lib.db")
    assert_clean_failure(result, mentions=[str(bad), "mapping"])
    assert len(_message_lines(result)) == 1, str(result)


def test_config_given_but_missing(tmp_path: Path) -> None:
    result = run_cli("--config", tmp_path / "nope.yaml", "list", db=tmp_path / "lib.db")
    assert_clean_failure(result, mentions=["nope.yaml"])
    assert len(_message_lines(result)) == 1, str(result)


def test_config_file_is_binary_garbage(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\xff\xfe\x00\x81garbage\x00\x00")
    result = run_cli("--config", bad, "list", db=tmp_path / "lib.db")
    assert_clean_failure(result, mentions=["bad.yaml"])


def test_config_bad_environment_variable(tmp_path: Path) -> None:
    result = run_cli("list", db=tmp_path / "lib.db", env={"BRIEFING_HTTP__CONCURRENCY": "many"})
    assert_clean_failure(result, mentions=["$BRIEFING_HTTP__CONCURRENCY: http.concurrency:"])
    assert len(_message_lines(result)) == 1, str(result)


# -- the database path ------------------------------------------------------------------------


def _unwritable_paths(tmp_path: Path) -> list[tuple[str, Path]]:
    """Database paths no process can create, even as root (chmod does not stop root)."""
    a_file = tmp_path / "plain-file"
    a_file.write_text("not a directory\n")
    paths = [("parent-is-a-file", a_file / "sub" / "library.db")]
    if Path("/proc/self").is_dir():
        # procfs: the folder exists, nobody can create a file in it (root included).
        paths.append(("read-only-filesystem", Path("/proc/briefing-test-library.db")))
        paths.append(("missing-folder-on-read-only-fs", Path("/proc/briefing-test/library.db")))
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        paths.append(("folder-without-write-permission", locked / "library.db"))
    return paths


@pytest.mark.parametrize("command", ["load", "list"])
def test_unwritable_database_path(tmp_path: Path, command: str) -> None:
    require_commands("load", "list")
    brief = write_briefs(tmp_path / "in", [1])[0]
    for label, db in _unwritable_paths(tmp_path):
        args = ["load", brief] if command == "load" else ["list"]
        result = run_cli(*args, db=db)
        assert_clean_failure(result, mentions=[str(db)])
        assert len(_message_lines(result)) <= 2, f"{label}\n{result}"


def test_database_path_is_a_directory(tmp_path: Path) -> None:
    """Via config (``--db`` refuses directories itself)."""
    require_commands("list")
    folder = tmp_path / "adir"
    folder.mkdir()
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"library:\n  database: {folder}\n")
    result = run_cli("--config", cfg, "list")
    assert_clean_failure(result, mentions=[str(folder)])


# -- a full disk -------------------------------------------------------------------------------


@pytest.fixture
def loaded_db(tmp_path: Path) -> Path:
    require_commands("load", "list")
    db = tmp_path / "lib.db"
    result = run_cli("load", *write_briefs(tmp_path / "first", range(5)), db=db)
    assert result.returncode == 0, str(result)
    checkpoint(db)
    return db


def _stored_ids(db: Path) -> set[str]:
    from briefing.store import Store

    with Store(db) as store:
        return {b.id for b in store.iter_briefs()}


def test_full_disk_via_file_size_limit(tmp_path: Path, loaded_db: Path) -> None:
    """The OS refuses to grow any file past RLIMIT_FSIZE: the real "disk full" path
    (write() fails with EFBIG), end to end through ``briefing load``."""
    before = db_checksums(loaded_db)
    size = loaded_db.stat().st_size
    # Big briefs so that a few of them cannot fit in the room left.
    folder = tmp_path / "big"
    folder.mkdir()
    for i in range(40):
        brief = small_brief(100 + i, prefix="big")
        brief["summary"] = f"Paragraph {i}. " + ("word " * 6000)
        (folder / f"big-{i:03d}.yaml").write_text(dump_yaml(brief))
    limit = size + 64 * 1024

    def limit_file_size() -> None:  # runs in the child, before exec
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = subprocess.run(
        [PYTHON, "-m", "briefing", *cli_args(["load", folder], loaded_db)],
        capture_output=True,
        text=True,
        env=cli_env(),
        preexec_fn=limit_file_size,
        timeout=60,
    )
    result = Result(["load", str(folder)], proc.returncode, proc.stdout, proc.stderr, 0)
    assert_clean_failure(result)
    said = result.output.replace(str(loaded_db), "<db>").replace(str(folder), "<in>")
    assert "<db>" in said and ("disk" in said.lower() or "full" in said.lower()), str(result)
    assert "savepoint" not in said, str(result)
    assert integrity(loaded_db) == ["ok"]
    after = _stored_ids(loaded_db)
    assert {f"gen-{i:05d}" for i in range(5)} <= after, "earlier briefs must be kept"
    _assert_whole(loaded_db, folder)
    # Nothing from the earlier library changed except additions of whole briefs.
    if after == {f"gen-{i:05d}" for i in range(5)}:
        assert db_checksums(loaded_db) == before


def test_full_disk_via_max_page_count(tmp_path: Path, loaded_db: Path) -> None:
    """SQLITE_FULL ("database or disk is full") as the store meets it: the connection's
    ``max_page_count`` is capped just above the current size, then briefs are imported."""
    from briefing.errors import StoreError
    from briefing.model import validate_brief
    from briefing.store import Store

    briefs = []
    for i in range(30):
        data = small_brief(200 + i, prefix="full")
        data["summary"] = "word " * 4000
        brief, problems = validate_brief(data)
        assert brief is not None, problems
        briefs.append(brief)
    with Store(loaded_db) as store:
        con = _connection_of(store)
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        con.execute(f"PRAGMA max_page_count = {pages + 8}")
        imported: list[str] = []
        with pytest.raises(StoreError) as caught:
            for brief in briefs:
                store.import_brief(brief)
                imported.append(brief.id)
        message = str(caught.value).replace(str(loaded_db), "<db>")
        assert "full" in message.lower(), message
        assert "savepoint" not in message, f"SQLite's rollback leaked out: {message}"
        assert "\n" not in message.strip()
    assert integrity(loaded_db) == ["ok"]
    with Store(loaded_db) as store:
        ids = {b.id for b in store.iter_briefs()}
        assert set(imported) <= ids
        assert briefs[len(imported)].id not in ids, "the failing brief must not be stored"
        for brief in briefs[: len(imported)]:
            assert store.get_brief(brief.id) == brief
    # And the same with the batched import the loader uses: whole briefs or nothing.
    with Store(loaded_db) as store:
        con = _connection_of(store)
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        con.execute(f"PRAGMA max_page_count = {pages + 8}")
        with pytest.raises(StoreError) as caught:
            store.import_briefs([(b, None) for b in briefs])
        message = str(caught.value).replace(str(loaded_db), "<db>")
        assert "full" in message.lower() and "savepoint" not in message, message
    assert integrity(loaded_db) == ["ok"]
    with Store(loaded_db) as store:
        for stored in store.iter_briefs():
            source = next((b for b in briefs if b.id == stored.id), None)
            if source is not None:
                assert stored == source


def _connection_of(store: object) -> sqlite3.Connection:
    """The store's sqlite3 connection (sqlite-utils ``Database.conn`` or a raw one)."""
    for name in ("db", "_db", "conn", "_conn", "connection", "_connection", "database"):
        value = getattr(store, name, None)
        if isinstance(value, sqlite3.Connection):
            return value
        inner = getattr(value, "conn", None)
        if isinstance(inner, sqlite3.Connection):
            return inner
    pytest.fail(f"cannot find the sqlite3 connection of {type(store).__name__}")


def _assert_whole(db: Path, folder: Path) -> None:
    """Every stored brief from ``folder`` equals its source file."""
    import yaml

    from briefing.model import validate_brief
    from briefing.store import Store

    with Store(db) as store:
        for path in sorted(folder.glob("*.yaml")):
            brief, _ = validate_brief(yaml.load(path.read_text(), Loader=yaml.CSafeLoader))
            assert brief is not None
            stored = store.get_brief(brief.id)
            assert stored is None or stored == brief, f"{brief.id} stored half-written"


# -- a corrupt database -----------------------------------------------------------------------


def _corruptions(tmp_path: Path, good: Path) -> list[tuple[str, Path]]:
    out = []
    noise = tmp_path / "noise.db"
    noise.write_bytes(os.urandom(64 * 1024))
    out.append(("random-bytes", noise))
    header_ok = tmp_path / "header-ok.db"
    data = good.read_bytes()
    header_ok.write_bytes(data[:100] + os.urandom(len(data) - 100))
    out.append(("valid-header-random-pages", header_ok))
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(data[: len(data) // 3])
    out.append(("truncated", truncated))
    text = tmp_path / "text.db"
    text.write_text("format: briefing/1\nid: not-a-database\n")
    out.append(("a-yaml-file", text))
    return out


@pytest.mark.parametrize("command", ["list", "load", "show"])
def test_corrupt_database_is_refused_and_left_alone(
    tmp_path: Path, loaded_db: Path, command: str
) -> None:
    brief = write_briefs(tmp_path / "in", [77])[0]
    for label, db in _corruptions(tmp_path, loaded_db):
        original = db.read_bytes()
        args = {"list": ["list"], "load": ["load", brief], "show": ["show", "gen-00001"]}[command]
        result = run_cli(*args, db=db)
        assert_clean_failure(result, mentions=[db.name])
        assert len(_message_lines(result)) <= 2, f"{label}\n{result}"
        assert db.read_bytes() == original, f"{label}: briefing modified a corrupt database"


# -- a database from a newer briefing ---------------------------------------------------------


def _bump_schema(db: Path) -> None:
    """Store the schema version one above what this briefing knows."""
    con = sqlite3.connect(db)
    try:
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        bumped = False
        for table in ("meta", "metadata", "schema_version", "schema", "_meta", "settings"):
            if table not in tables:
                continue
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
            if {"key", "value"} <= set(cols):
                rows = con.execute(
                    f"SELECT key, value FROM \"{table}\" WHERE key LIKE '%version%'"
                ).fetchall()
                for key, value in rows:
                    con.execute(
                        f'UPDATE "{table}" SET value = ? WHERE key = ?', (str(int(value) + 1), key)
                    )
                    bumped = True
            elif "version" in cols:
                con.execute(f'UPDATE "{table}" SET version = version + 1')
                bumped = True
        if version or not bumped:
            con.execute(f"PRAGMA user_version = {version + 1}")
        con.commit()
    finally:
        con.close()


@pytest.mark.parametrize("command", ["list", "load"])
def test_newer_schema_is_refused_and_left_alone(
    tmp_path: Path, loaded_db: Path, command: str
) -> None:
    _bump_schema(loaded_db)
    original = loaded_db.read_bytes()
    brief = write_briefs(tmp_path / "in", [78])[0]
    result = run_cli(*(["list"] if command == "list" else ["load", brief]), db=loaded_db)
    assert_clean_failure(result, mentions=[loaded_db.name])
    assert "newer" in result.stderr.lower() or "version" in result.stderr.lower(), str(result)
    assert loaded_db.read_bytes() == original


# -- a missing brief path -----------------------------------------------------------------------


def test_missing_brief_path(tmp_path: Path, loaded_db: Path) -> None:
    before = db_checksums(loaded_db)
    missing = tmp_path / "no-such-brief.yaml"
    result = run_cli("load", missing, db=loaded_db)
    assert_clean_failure(result, mentions=["no-such-brief.yaml"])
    assert db_checksums(loaded_db) == before


def test_missing_path_among_good_ones(tmp_path: Path, loaded_db: Path) -> None:
    """A typo in one argument still reports clearly; good files are whole or absent."""
    good = write_briefs(tmp_path / "in", [90, 91])
    result = run_cli("load", good[0], tmp_path / "typo.yaml", good[1], db=loaded_db)
    assert_clean_failure(result, mentions=["typo.yaml"])
    _assert_whole(loaded_db, tmp_path / "in")


def test_unreadable_brief_file(tmp_path: Path, loaded_db: Path) -> None:
    """A directory where a file is expected, and a FIFO (would block a naive reader)."""
    before = db_checksums(loaded_db)
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = run_cli("load", fifo, db=loaded_db, timeout=20)
    assert result.returncode != 0 and TRACEBACK not in result.output, str(result)
    assert "pipe.yaml" in result.output, str(result)
    assert db_checksums(loaded_db) == before


def test_missing_database_for_read_commands(tmp_path: Path) -> None:
    """Reading from a library that does not exist yet is not a crash."""
    require_commands("list")
    db = tmp_path / "new" / "lib.db"
    result = run_cli("list", db=db)
    assert TRACEBACK not in result.output, str(result)
    assert result.returncode in (0, 1, 2), str(result)
    if db.exists():
        assert integrity(db) == ["ok"]
    shutil.rmtree(tmp_path / "new", ignore_errors=True)


def test_devices_and_symlink_loops_are_not_read(tmp_path: Path, loaded_db: Path) -> None:
    """``/dev/zero`` (endless), ``/dev/urandom`` behind a ``.yaml`` symlink and a symlink
    loop in a folder: refused or skipped at once, never read, nothing written."""
    before = db_checksums(loaded_db)
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "random.yaml").symlink_to("/dev/urandom")
    (folder / "loop").symlink_to(folder)
    result = run_cli("load", "/dev/zero", folder, db=loaded_db, timeout=30)
    assert result.returncode == 1, str(result)
    assert TRACEBACK not in result.output, str(result)
    assert "/dev/zero:1:1: cannot read file: not a regular file" in result.output, str(result)
    assert result.seconds < 20, str(result)
    assert db_checksums(loaded_db) == before
