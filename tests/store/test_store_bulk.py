"""The staged bulk import (issue 14 item 5): a big import is written to TEMP tables and
moved into the library in one transaction, its indexes built again by sorting. It must
give exactly the library the ordinary import gives, never show another connection a
library without its indexes, and leave the library as it was when killed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefing import sync
from briefing.loader import load_file
from briefing.serialise import dump_brief
from briefing.store import FileStamp, Outcome, Store, prepare_briefs, writing
from helpers import TESTS

LIBRARY = TESTS / "fixtures" / "library"
BASE = sorted(LIBRARY.glob("*.yaml"))
SRC = Path(__file__).resolve().parents[2] / "src"


def _briefs(first: int, count: int, *, updated: str = "2031-03-01T12:00:00Z") -> list:
    """Distinct briefs from the fixtures: a few days (so keys of one day follow each
    other), actors whose names and aliases change from brief to brief (the actors'
    counts, latest names and alias unions), one with a field briefing does not know
    (its document is kept)."""
    templates = [load_file(path).briefs[0] for path in BASE]
    out = []
    for i in range(first, first + count):
        brief = templates[i % len(templates)]
        actors = list(brief.actors)
        aliases = [[], ["Minister Lind", "M. Lind"], ["Lind"], []][i % 4]
        actors[0] = actors[0].model_copy(update={"name": f"Mara Lind {i % 5}", "aliases": aliases})
        out.append(
            brief.model_copy(
                update={
                    "id": f"bulk-{i:03d}",
                    "title": f"Brief number {i}",
                    "date": brief.date.replace(day=1 + i % 3),
                    "updated": brief.updated.fromisoformat(updated),
                    "actors": actors,
                }
            )
        )
    text = dump_brief(out[-1].model_copy(update={"id": f"bulk-extra-{first}"}))
    extra = load_file_text(text + "x-desk: night shift\n")
    return [*out, extra]


def load_file_text(text: str):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.yaml"
        path.write_text(text)
        loaded = load_file(path)
    assert loaded.briefs and loaded.briefs[0].model_extra, loaded.problems
    return loaded.briefs[0]


def _stamps(briefs: list) -> list[FileStamp]:
    return [FileStamp(f"/briefs/{b.id}.yaml", 100, i, (b.id,)) for i, b in enumerate(briefs)]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many chunks and bulk commits, a fixed clock (import times compared)."""
    monkeypatch.setattr(writing, "CHUNK", 4)
    monkeypatch.setattr(writing, "_now", lambda: "2031-06-01T00:00:00+00:00")


def _import(store: Store, batches: list[list], *, staged: bool) -> list:
    outcomes = []
    with store.bulk_import(staged=staged):
        for batch in batches:
            done = store.import_prepared(
                prepare_briefs([(b, "file.yaml") for b in batch]), files=_stamps(batch)
            )
            outcomes.extend((o.brief_id, o.outcome) for o in done)
    return outcomes


def _schema(conn: sqlite3.Connection) -> list[tuple]:
    return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))


def _same_library(tmp_path: Path, before: list, batches: list[list]) -> tuple[list, list]:
    """Import ``batches`` after ``before`` (ordinary) staged and not; both libraries
    must be equal, row for row and index for index."""
    results = {}
    for staged in (False, True):
        with Store(tmp_path / f"lib-{staged}.db") as store:
            if before:
                store.import_prepared(prepare_briefs([(b, "old.yaml") for b in before]))
            outcomes = _import(store, batches, staged=staged)
            conn = store._c
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            conn.execute("INSERT INTO briefs_fts (briefs_fts) VALUES ('integrity-check')")
            assert not conn.execute("SELECT name FROM temp.sqlite_master").fetchall()
            results[staged] = (outcomes, store.table_checksums(), _schema(conn))
    assert results[True] == results[False]
    return results[True][0], results[True][2]


def test_a_staged_import_gives_the_library_the_ordinary_one_gives(
    tmp_path: Path, small_chunks: None
) -> None:
    briefs = _briefs(0, 23)
    outcomes, schema = _same_library(tmp_path, [], [briefs[:10], briefs[10:]])
    assert [o for _, o in outcomes] == [Outcome.new] * len(briefs)
    assert sum(t == "index" and sql is not None for t, _, _, sql in schema) == 6


def test_a_staged_import_into_a_library_with_briefs_merges_with_its_actors(
    tmp_path: Path, small_chunks: None
) -> None:
    _same_library(tmp_path, _briefs(100, 5), [_briefs(0, 17)])


def test_a_second_version_ends_the_staging_and_is_written_as_usual(
    tmp_path: Path, small_chunks: None
) -> None:
    briefs = _briefs(0, 12)
    later = _briefs(3, 2, updated="2031-04-01T00:00:00Z")[:2]  # bulk-003, bulk-004 again
    stored = _briefs(200, 3)
    outcomes, _ = _same_library(tmp_path, stored, [briefs, [*later, *_briefs(50, 6)], stored])
    assert ("bulk-003", Outcome.updated) in outcomes
    assert outcomes[-len(stored) :] == [(b.id, Outcome.unchanged) for b in stored]


def test_other_connections_see_the_library_as_it_was_until_the_stage_moves_in(
    tmp_path: Path, small_chunks: None
) -> None:
    db = tmp_path / "lib.db"
    with Store(db) as store, Store(db) as other:
        store.import_prepared(prepare_briefs([(b, None) for b in _briefs(100, 2)]))
        schema = _schema(other._c)
        with store.bulk_import(staged=True):
            store.import_prepared(prepare_briefs([(b, None) for b in _briefs(0, 9)]))
            assert other.count_briefs() == 3
            assert _schema(other._c) == schema  # every index there
            assert {h.brief_id for h in other.search("number")} == {
                "bulk-100",
                "bulk-101",
                "bulk-extra-100",
            }
            # Another writer is not kept waiting while the import stages.
            other.set_read("bulk-100")
        assert other.count_briefs() == 13
        assert _schema(other._c) == schema
        assert len(other.search("number")) == 13


def test_briefs_another_process_stored_meanwhile_are_decided_as_usual(
    tmp_path: Path, small_chunks: None
) -> None:
    """A brief stored by another writer during the staging (same id), and one of the
    same day that took a staged brief's key: the stage still moves in whole."""
    db = tmp_path / "lib.db"
    staged = _briefs(0, 9)
    with Store(db) as store, Store(db) as other:
        with store.bulk_import(staged=True):
            store.import_prepared(prepare_briefs([(b, None) for b in staged]))
            other.import_briefs([(staged[1], "other.yaml")])  # the same brief
            same_day = staged[0].model_copy(update={"id": "elsewhere"})
            other.import_briefs([(same_day, "other.yaml")])  # takes bulk-000's key
        assert store.count_briefs() == 11
        assert store.brief_origin("bulk-001") == "other.yaml"
        conn = store._c
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO briefs_fts (briefs_fts) VALUES ('integrity-check')")
        for brief in staged:
            assert store.get_brief(brief.id) == brief
        counts = dict(conn.execute("SELECT actor_id, count(*) FROM brief_actors GROUP BY 1"))
        assert counts == dict(conn.execute("SELECT id, brief_count FROM actors"))


def test_on_an_exception_the_staged_briefs_move_in_before_it_propagates(
    tmp_path: Path, small_chunks: None
) -> None:
    with Store(tmp_path / "lib.db") as store:
        with pytest.raises(KeyboardInterrupt), store.bulk_import(staged=True):
            store.import_prepared(prepare_briefs([(b, None) for b in _briefs(0, 6)]))
            raise KeyboardInterrupt
        assert store.count_briefs() == 7
        assert not store._c.execute("SELECT name FROM temp.sqlite_master").fetchall()


def test_a_big_load_into_a_small_library_is_staged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sync.stages(400, 0) and sync.stages(1001, 1000)
    assert not sync.stages(1000, 1000) and not sync.stages(1000, 100_000)
    seen: list[bool] = []
    real = Store.bulk_import

    def spy(self: Store, *, staged: bool = False):  # type: ignore[no-untyped-def]
        seen.append(staged)
        return real(self, staged=staged)

    monkeypatch.setattr(Store, "bulk_import", spy)
    monkeypatch.setattr(sync, "PARALLEL_MIN_FILES", 1)
    folder = tmp_path / "briefs"
    folder.mkdir()
    for brief in _briefs(0, 5):
        (folder / f"{brief.id}.yaml").write_text(dump_brief(brief))
    with Store(tmp_path / "lib.db") as store:
        assert sync.load_paths(store, [folder], workers=1).ok
        (folder / "one-more.yaml").write_text(dump_brief(_briefs(60, 1)[0]))
        sync.load_paths(store, [folder / "one-more.yaml"], workers=1)
        assert store.count_briefs() == 7
    assert seen == [True, False]


_KILLED = """
import sys, time
sys.path.insert(0, {src!r})
from briefing.loader import load_file
from briefing.store import Store, prepare_briefs
from briefing.store import writing
from pathlib import Path

writing.CHUNK = 4
base = [load_file(Path(p)).briefs[0] for p in {paths!r}]
briefs = [
    base[i % 3].model_copy(update={{"id": f"killed-{{i}}", "title": f"Killed {{i}}"}})
    for i in range(40)
]
moment = sys.argv[1]
with Store({db!r}) as store:
    if moment == "merge":
        def pause(sql):
            if sql.startswith("CREATE INDEX"):  # indexes dropped, rows moved in
                print("ready", flush=True)
                time.sleep(60)
        store._c.set_trace_callback(pause)
    with store.bulk_import(staged=True):
        store.import_prepared(prepare_briefs([(b, None) for b in briefs]))
        print("ready", flush=True)
        time.sleep(60)
"""


@pytest.mark.parametrize("moment", ["staging", "merge"])
def test_a_killed_staged_import_leaves_the_library_as_it_was(tmp_path: Path, moment: str) -> None:
    """kill -9 while briefs are staged, and inside the transaction that moves them in
    (its indexes dropped): the library opens with what it held, every index there."""
    db = tmp_path / "lib.db"
    before = _briefs(100, 3)
    with Store(db) as store:
        store.import_prepared(prepare_briefs([(b, None) for b in before]))
        schema = _schema(store._c)
        sums = store.table_checksums()
    script = _KILLED.format(src=str(SRC), paths=[str(p) for p in BASE], db=str(db))
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), moment],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line.strip() == "ready", proc.stderr.read()
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    with Store(db, check=True) as store:
        conn = store._c
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO briefs_fts (briefs_fts) VALUES ('integrity-check')")
        assert _schema(conn) == schema
        assert store.table_checksums() == sums
        assert {h.brief_id for h in store.search("number")} == {b.id for b in before}
        # And a load again completes.
        more = _briefs(0, 3)
        with store.bulk_import(staged=True):
            store.import_prepared(prepare_briefs([(b, None) for b in more]))
        assert store.count_briefs() == len(before) + len(more)


def test_a_stage_smaller_than_the_library_moves_in_through_its_indexes(
    tmp_path: Path, small_chunks: None
) -> None:
    """Staging ended early (a second version) with fewer staged briefs than stored: the
    indexes are kept and filled row by row; the library is still the ordinary one."""
    later = _briefs(2, 3, updated="2031-05-01T00:00:00Z")
    outcomes, _ = _same_library(tmp_path, _briefs(100, 20), [_briefs(0, 5), later])
    assert ("bulk-002", Outcome.updated) in outcomes
