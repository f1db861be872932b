"""Targets 1 and 2: importing a folder of brief files, and re-loading it unchanged.

Floor: read every file and ``yaml.load(data, Loader=CSafeLoader)`` in this one process,
nothing else: the cost of merely parsing the library with PyYAML's C loader. The import
is ``sync.load_paths`` into a fresh database (open, import, close all timed), exactly
what ``briefing load`` and the reader's startup sync do. Floor and import alternate
(``floor, import, floor, import``); the best of each is compared, with the page cache
warmed first so neither pays for the disk.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from benchmarks import generate
from benchmarks.common import (
    Result,
    Sizes,
    Skip,
    adopt_db,
    drop_db,
    load_library,
    log,
    median,
    need,
    need_store,
    ratio_result,
    tmp_dir,
)

LOADER = getattr(yaml, "CSafeLoader", None)


def parse_floor(files: list[Path]) -> float:
    """Seconds to read and C-parse every file, in one process."""
    if LOADER is None:
        raise Skip("PyYAML without libyaml (no CSafeLoader)")
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_bytes(), Loader=LOADER)
    return time.perf_counter() - start


def run(sizes: Sizes) -> list[Result]:
    r1 = Result(
        "1",
        f"Import {sizes.import_n:,} brief files (parse + validate + store)",
        floor_label="parse only: read + yaml.load(CSafeLoader), 1 process",
    )
    r2 = Result(
        "2",
        f"Re-load the unchanged {sizes.import_n:,}-file folder",
        floor_label="full import (target 1)",
    )
    try:
        store_cls = need_store()
        (load_paths,) = need("briefing.sync", "load_paths")
    except Skip as exc:
        r1.details = r2.details = f"SKIP ({exc})"
        return [r1, r2]
    from briefing.config import LimitsSettings

    library = generate.ensure_library(sizes.import_n, log=log)
    files = generate.brief_files(library)
    for path in files:  # warm the page cache for both sides
        path.read_bytes()
    work = tmp_dir("import-")
    floors: list[float] = []
    imports: list[float] = []
    cpus: list[tuple[float, float]] = []  # (this process, its children), per import
    counts: list[int] = []
    db = work / "import.db"
    try:
        for i in range(sizes.import_repeats):
            floors.append(parse_floor(files))
            log(f"  [1] parse floor run {i + 1}: {floors[-1]:.2f} s")
            drop_db(db)
            before = _cpu()
            start = time.perf_counter()
            with store_cls(db) as store:
                report = load_library(store, library)
            imports.append(time.perf_counter() - start)
            after = _cpu()
            cpus.append((after[0] - before[0], after[1] - before[1]))
            with store_cls(db) as store:
                counts.append(store.count_briefs())
            log(f"  [1] import run {i + 1}: {imports[-1]:.2f} s ({counts[-1]:,} briefs)")
        best_import, best_floor = min(imports), min(floors)
        ratio_result(r1, best_import, best_floor, 1.0)
        r1.details = (
            f"{sizes.import_n / best_import:,.0f} briefs/s; floor "
            f"{best_floor / len(files) * 1e3:.2f} ms/file; runs import "
            f"{', '.join(f'{t:.2f}' for t in imports)} s, floor "
            f"{', '.join(f'{t:.2f}' for t in floors)} s; CPU per import in floor units: "
            + ", ".join(
                f"writer {w / best_floor:.2f} + parsers {p / best_floor:.2f}" for w, p in cpus
            )
        )
        r1.extra = {
            "imports": imports,
            "floors": floors,
            "cpu": cpus,
            "report": _describe(report),
        }
        if counts[-1] != sizes.import_n:
            r1.status = "FAIL"
            r1.details += f"; imported {counts[-1]:,} of {sizes.import_n:,} briefs"

        # -- target 2: the same folder again, nothing changed ---------------------------
        reloads: list[float] = []
        for _ in range(3):
            start = time.perf_counter()
            with store_cls(db) as store:
                report2 = load_paths(
                    store, generate.folders(library), LimitsSettings(), skip_unchanged_files=True
                )
            reloads.append(time.perf_counter() - start)
        ratio_result(r2, median(reloads), best_import, 0.05)
        cli = _cli_reloads(db, library)
        r2.details = (
            f"median of {len(reloads)}: {', '.join(f'{t * 1e3:.0f}' for t in reloads)} ms; "
            f"{_describe(report2)}; `briefing load` of the folder as a command (process "
            f"start, settings, loader imports included): "
            f"{', '.join(f'{t * 1e3:.0f}' for t in cli)} ms, "
            f"{median(cli) / best_import:.3f}× the import"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [r1, r2]


def _cli_reloads(db: Path, library: Path, runs: int = 3) -> list[float]:
    """``briefing --db DB load LIBRARY`` of the unchanged folder, as a person runs it."""
    script = Path(sys.executable).parent / "briefing"
    argv = [str(script), "--db", str(db), "load", str(library)]
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(argv, capture_output=True, check=False)
        out.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise RuntimeError(f"briefing load exited {proc.returncode}: {proc.stderr[-300:]!r}")
    return out


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its finished children (the sync's workers):
    where the import's time goes, which the wall-clock ratio alone does not say."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _describe(report: object) -> str:
    """A short, duck-typed summary of a LoadReport."""
    parts = []
    for name in (
        "new",
        "updated",
        "unchanged",
        "skipped",
        "skipped_files",
        "unchanged_files",
        "files",
        "errors",
        "problems",
    ):
        value = getattr(report, name, None)
        if value is None:
            continue
        if isinstance(value, list | tuple | set | dict):
            value = len(value)
        if callable(value):
            continue
        parts.append(f"{name}={value}")
    return " ".join(parts) or type(report).__name__


# -- targets 10a and 10b: import that scales ------------------------------------------------

#: New briefs added to the big library and to an empty one (target 10b), per round.
ADD_N = 1_000
ADD_ROUNDS = 3


def _timed_load(store_cls: type, db: Path, folders: list[Path]) -> float:
    """``briefing load`` of ``folders`` into ``db`` (open, import, close), in seconds."""
    from briefing.config import LimitsSettings
    from briefing.sync import load_paths

    start = time.perf_counter()
    with store_cls(db) as store:
        load_paths(store, folders, LimitsSettings())
    return time.perf_counter() - start


def _new_briefs(work: Path, first: int, count: int) -> Path:
    """Briefs ``[first, first + count)`` of the generator (not in any cached library, as
    they come after its last brief) in a folder of their own."""
    folder = work / f"new-{first}"
    generate._write_folder((generate.DEFAULT_SEED, first, first + count, str(folder)))
    return folder


def _size_note(db: Path, library: Path) -> str:
    """The freshly imported library's size against its YAML (target 9 measures the
    cached database, which may have been built by an earlier run)."""
    yaml_bytes = sum(p.stat().st_size for p in generate.brief_files(library))
    return (
        f"the database it made: {db.stat().st_size / 1e6:,.0f} MB, "
        f"{db.stat().st_size / yaml_bytes:.2f}× its YAML"
    )


def run_scale(sizes: Sizes) -> list[Result]:
    big_n, small_n = sizes.library_n, sizes.import_n
    full = sizes.name == "full"  # smoke size (CI, the test suite): one cheap round of each
    add_n, add_rounds = (ADD_N, ADD_ROUNDS) if full else (200, 1)
    r10a = Result(
        "10a",
        f"Import {big_n:,} brief files against {small_n:,} (cost per brief as the library grows)",
        floor_label=f"import of {small_n:,} files, same run",
    )
    r10b = Result(
        "10b",
        f"Add {add_n:,} briefs to the {big_n:,}-brief library",
        floor_label=f"the same {add_n:,} into an empty library",
    )
    try:
        store_cls = need_store()
        need("briefing.sync", "load_paths")
    except Skip as exc:
        r10a.details = r10b.details = f"SKIP ({exc})"
        return [r10a, r10b]
    small = generate.ensure_library(small_n, log=log)
    big = generate.ensure_library(big_n, log=log)
    for path in generate.brief_files(big):  # warm the page cache (the small is a prefix)
        path.read_bytes()
    work = tmp_dir("scale-")
    try:
        smalls: list[float] = []
        for i in range(2 if full else 1):  # small, big, small: the big one between
            db = work / "small.db"
            drop_db(db)
            smalls.append(_timed_load(store_cls, db, generate.folders(small)))
            log(f"  [10a] {small_n:,} import run {i + 1}: {smalls[-1]:.1f} s")
            drop_db(db)
            if i == 0:
                big_db = work / "big.db"
                drop_db(big_db)
                big_t = _timed_load(store_cls, big_db, generate.folders(big))
                log(f"  [10a] {big_n:,} import: {big_t:.1f} s")
        floor = min(smalls)
        limit = big_n / small_n * 1.05
        ratio_result(r10a, big_t, floor, limit)
        r10a.details = (
            f"{big_n / big_t:,.0f} against {small_n / floor:,.0f} briefs/s; {small_n:,} runs "
            f"{', '.join(f'{t:.1f}' for t in smalls)} s; target {limit:.2f}× = "
            f"{big_n // small_n}× the files + 5%"
        )

        size_note = _size_note(big_db, big)
        adopt_db(big_n, big_db)  # the other groups' 100k database, unless one is cached
        empties: list[float] = []
        grown: list[float] = []
        for k in range(add_rounds):
            folder = _new_briefs(work, big_n + k * add_n, add_n)
            for path in folder.glob("*.yaml"):
                path.read_bytes()
            empty_db = work / "empty.db"
            drop_db(empty_db)
            order = ("empty", "big") if k % 2 == 0 else ("big", "empty")
            for which in order:
                if which == "empty":
                    empties.append(_timed_load(store_cls, empty_db, [folder]))
                else:
                    grown.append(_timed_load(store_cls, big_db, [folder]))
            drop_db(empty_db)
            log(f"  [10b] round {k + 1}: empty {empties[-1]:.2f} s, big {grown[-1]:.2f} s")
        r10a.details += f"; {size_note}"
        ratio_result(r10b, median(grown), median(empties), 1.3)
        r10b.details = (
            f"medians of {add_rounds} rounds, a new set of {add_n:,} briefs each, order "
            f"alternating; into {big_n:,}: {', '.join(f'{t:.2f}' for t in grown)} s; into an "
            f"empty library: {', '.join(f'{t:.2f}' for t in empties)} s"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [r10a, r10b]
