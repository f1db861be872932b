"""Files into the library: skipping unchanged files, refusals, parallel parsing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from briefing import sync
from briefing.config import LimitsSettings
from briefing.errors import StoreError
from briefing.loader import load_file
from briefing.serialise import dump_brief
from briefing.store import Outcome, Store
from briefing.sync import load_paths, plan_files, sync_folders
from helpers import TESTS

LIBRARY = TESTS / "fixtures" / "library"
BASE = sorted(LIBRARY.glob("*.yaml"))
V2 = LIBRARY / "v2" / "2031-03-05-strike-vote.yaml"

BAD = """\
format: briefing/1
id: bad-brief
title: A brief with problems
date: 2031-03-02
summary: x
actors:
  - id: someone
    name: Someone
positions:
  - actor: nobody
    topic: t
    position: p
    stance: sideways
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "briefs"
    target.mkdir()
    for path in BASE:
        shutil.copy2(path, target / path.name)
    return target


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "library.db") as opened:
        yield opened


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file the sync opens (in-process reads)."""
    seen: list[str] = []
    real = sync.load_file

    def counting(path: Path, limits: LimitsSettings | None = None):  # type: ignore[no-untyped-def]
        seen.append(path.name)
        return real(path, limits)

    monkeypatch.setattr(sync, "load_file", counting)
    return seen


def test_load_imports_and_reports(store: Store, folder: Path) -> None:
    report = load_paths(store, [folder])
    assert sorted(report.new) == [
        "harbour-deal-2031-03-09",
        "harbour-talks-2031-03-01",
        "strike-vote-2031-03-05",
    ]
    assert (report.files, report.read_files, report.skipped_files) == (3, 3, 0)
    assert report.ok and not report.refused and not report.warnings
    assert report.summary() == "3 new, 0 updated, 0 unchanged, 0 refused (3 files read)"
    assert store.brief_origin("harbour-deal-2031-03-09") == str(
        folder / "2031-03-09-harbour-deal.yaml"
    )
    again = load_paths(store, [folder])
    assert len(again.unchanged) == 3 and again.read_files == 3
    update = load_paths(store, [V2])
    assert update.updated == ["strike-vote-2031-03-05"]


def test_valid_briefs_are_imported_when_others_are_refused(store: Store, folder: Path) -> None:
    (folder / "bad.yaml").write_text(BAD)
    report = load_paths(store, [folder])
    assert len(report.new) == 3
    assert report.refused_documents == 1 and not report.ok
    lines = [str(p) for p in report.refused]
    assert any("bad.yaml:10:12: positions[0].actor: unknown actor 'nobody'" in x for x in lines)
    assert any("positions[0].stance" in x for x in lines)
    assert store.get_brief("bad-brief") is None


def test_a_refused_load_changes_nothing(store: Store, folder: Path, tmp_path: Path) -> None:
    load_paths(store, [folder])
    before = store.table_checksums()
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD)
    for paths in ([bad], [bad, tmp_path / "missing.yaml"]):
        report = load_paths(store, paths, skip_unchanged_files=True)
        assert report.refused_documents == 1
    assert store.table_checksums() == before


def test_sync_skips_unchanged_files_without_reading_them(
    store: Store, folder: Path, reads: list[str]
) -> None:
    first = sync_folders(store, [folder])
    assert len(first.new) == 3 and len(reads) == 3
    reads.clear()
    second = sync_folders(store, [folder])
    assert reads == []
    assert (second.files, second.skipped_files, second.read_files) == (3, 3, 0)
    assert second.summary().endswith("(0 files read, 3 unchanged files skipped)")
    assert sorted(second.unchanged) == sorted(first.new)  # the skipped files' briefs

    changed = folder / "2031-03-05-strike-vote.yaml"
    shutil.copy(V2, changed)  # new content, new size and mtime
    third = sync_folders(store, [folder])
    assert reads == [changed.name]
    assert third.updated == ["strike-vote-2031-03-05"]

    reads.clear()
    touched = folder / "2031-03-01-harbour-talks.yaml"
    stamp = touched.stat()
    os.utime(touched, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))
    fourth = sync_folders(store, [folder])
    assert reads == [touched.name]  # same size, new mtime: read again
    assert (fourth.read_files, fourth.skipped_files) == (1, 2)
    assert fourth.new == fourth.updated == []
    assert sorted(fourth.unchanged) == sorted(first.new)  # one read, two skipped


def test_refused_files_are_read_again_next_time(
    store: Store, folder: Path, reads: list[str]
) -> None:
    (folder / "bad.yaml").write_text(BAD)
    sync_folders(store, [folder])
    reads.clear()
    report = sync_folders(store, [folder])
    assert reads == ["bad.yaml"]
    assert report.refused_documents == 1  # still reported


def test_stamps_are_kept_by_absolute_path_with_brief_ids(store: Store, folder: Path) -> None:
    sync_folders(store, [folder])
    stamps = store.file_stamps()
    deal = folder / "2031-03-09-harbour-deal.yaml"
    assert stamps[str(deal.resolve())].brief_ids == ("harbour-deal-2031-03-09",)
    assert stamps[str(deal.resolve())].size == deal.stat().st_size


def test_missing_folders_are_reported_not_raised(store: Store, tmp_path: Path) -> None:
    report = sync_folders(store, [tmp_path / "nowhere"])
    assert report.missing == [tmp_path / "nowhere"]
    assert report.files == 0 and not report.ok


def test_a_fifo_is_refused_without_blocking(store: Store, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    report = load_paths(store, [fifo])
    assert report.refused_documents == 1
    assert "not a regular file" in str(report.refused[0])
    assert plan_files([tmp_path]).files == 0  # in a folder, the loader skips non-files


def test_progress_reaches_the_total(store: Store, folder: Path) -> None:
    calls: list[tuple[int, int]] = []
    load_paths(store, [folder], progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)
    calls.clear()
    sync_folders(store, [folder], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(3, 3)]


def _many(folder: Path, count: int) -> None:
    """``count`` distinct valid briefs (copies of a fixture under new ids), plus
    a refused file and a file of two documents."""
    brief = load_file(BASE[0]).briefs[0]
    for i in range(count):
        copy = brief.model_copy(update={"id": f"copy-{i:04d}", "title": f"Copy number {i}"})
        (folder / f"copy-{i:04d}.yaml").write_text(dump_brief(copy))
    (folder / "copy-bad.yaml").write_text(BAD)
    two = [yaml.safe_load(dump_brief(brief.model_copy(update={"id": f"pair-{n}"}))) for n in (1, 2)]
    (folder / "pair.yaml").write_text(yaml.safe_dump_all(two, sort_keys=False))


def test_parallel_parsing_gives_the_same_library(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    _many(folder, 60)
    results = {}
    for workers in (1, 2):
        with Store(tmp_path / f"lib-{workers}.db") as store:
            report = load_paths(store, [folder], workers=workers)
            results[workers] = (
                report.new,
                [str(p) for p in report.refused],
                report.refused_documents,
                report.read_files,
                [b.model_dump() for b in store.iter_briefs()],
                store.file_stamps(),
            )
    assert results[1] == results[2]
    new, _, refused, read, briefs, stamps = results[2]
    assert len(new) == 62 and refused == 1 and read == 62 and len(briefs) == 62
    assert str((folder / "copy-bad.yaml").resolve()) not in stamps
    assert stamps[str((folder / "pair.yaml").resolve())].brief_ids == ("pair-1", "pair-2")


def test_worker_count_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    assert sync._worker_count(None, 10) == 1  # small runs stay in-process
    assert sync._worker_count(1, 10_000) == 1
    assert sync._worker_count(4, 2) == 2
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert sync._worker_count(None, 10_000) == 2


# -- big runs: transactions shared across chunks -------------------------------------------


def _load_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folders: list[Path]) -> dict:
    """Load ``folders`` (in turn) into a library with and without the bulk path, with a tiny
    chunk so there are many chunks and several bulk commits; what each gives."""
    from briefing.store import writing

    monkeypatch.setattr(writing, "_now", lambda: "2031-01-01T00:00:00+00:00")
    monkeypatch.setattr(writing, "CHUNK", 7)
    monkeypatch.setattr(sync, "CHUNK", 7)
    out = {}
    for bulk in (False, True):
        monkeypatch.setattr(sync, "PARALLEL_MIN_FILES", 1 if bulk else 10**9)
        with Store(tmp_path / f"lib-{bulk}.db") as store:
            reports = [load_paths(store, [folder], workers=1) for folder in folders]
            out[bulk] = (
                [(r.new, r.updated, r.unchanged, [str(p) for p in r.refused]) for r in reports],
                store.table_checksums(),
            )
    return out


def test_bulk_import_gives_the_same_library_as_chunk_by_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "base"
    base.mkdir()
    for path in BASE:
        shutil.copy2(path, base / path.name)
    folder = tmp_path / "many"
    folder.mkdir()
    _many(folder, 40)
    updates = tmp_path / "updates"
    updates.mkdir()
    for path in (BASE[0], BASE[2]):
        shutil.copy2(path, updates / path.name)  # unchanged ones: skipped
    shutil.copy2(V2, updates / "v2.yaml")  # a later version of a brief: replaced in bulk
    results = _load_twice(tmp_path, monkeypatch, [base, folder, updates])
    assert results[False] == results[True]
    reports, _ = results[True]
    assert reports[2][1] == ["strike-vote-2031-03-05"]  # replaced inside a bulk transaction
    assert len(reports[2][2]) == 2


def test_bulk_import_commits_as_it_goes_and_keeps_what_it_stored_on_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.store import prepare_briefs, writing

    monkeypatch.setattr(writing, "CHUNK", 2)
    brief = load_file(BASE[0]).briefs[0]
    briefs = [brief.model_copy(update={"id": f"copy-{i}"}) for i in range(7)]
    db = tmp_path / "lib.db"
    with Store(db) as store, Store(db) as other:
        with pytest.raises(KeyboardInterrupt), store.bulk_import():
            store.import_prepared(prepare_briefs([(b, None) for b in briefs[:2]]))
            assert other.count_briefs() == 2  # the first transaction holds CHUNK briefs
            store.import_prepared(prepare_briefs([(b, None) for b in briefs[2:5]]))
            assert other.count_briefs() == 2  # the next one up to twice as many
            raise KeyboardInterrupt
        assert other.count_briefs() == 5  # committed on the way out
        assert not store._c.in_transaction
        # Disk full: SQLite rolls the open transaction back whole (briefs[5] with it),
        # never part of a brief; what was committed before stays, and the store works.
        pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
        with pytest.raises(StoreError) as caught, store.bulk_import():
            store.import_prepared(prepare_briefs([(briefs[5], None)]))
            store.db.conn.execute(f"PRAGMA max_page_count = {pages + 8}")
            big = brief.model_copy(update={"id": "big", "summary": "word " * 50_000})
            store.import_prepared(prepare_briefs([(big, None)]))
        assert "full" in str(caught.value)
        store.db.conn.execute(f"PRAGMA max_page_count = {pages * 100}")
        assert other.count_briefs() == 5 and store.get_brief("big") is None
        assert store.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.import_brief(briefs[6]).outcome == Outcome.new  # still usable
