"""Shared pieces of the benchmark suite: results, sizes, timing, cached libraries and dbs."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import generate

ROOT = Path(__file__).resolve().parent.parent
DATA = generate.DATA_DIR
RESULT_PREFIX = "BENCH_RESULT "


class Skip(Exception):
    """A benchmark cannot run yet: the part it measures has not landed."""


@dataclass(frozen=True)
class Sizes:
    name: str
    import_n: int  # targets 1, 2
    library_n: int  # targets 3, 4, 5, 7
    feed_n: int  # target 6
    rounds: int  # interleaved repeats of the reader benchmarks
    keys: int  # keypresses per reader round
    import_repeats: int
    search_repeats: int


SIZES = {
    "smoke": Sizes("smoke", 1_000, 1_000, 50, 1, 2, 1, 1),
    "full": Sizes("full", 10_000, 100_000, 200, 5, 8, 2, 5),
}


@dataclass
class Result:
    """One line of the report: a figure, its floor from the same run, and the target."""

    id: str
    title: str
    status: str = "SKIP"  # PASS | FAIL | SKIP | ERROR
    value: float | None = None
    unit: str = "s"
    floor: float | None = None
    floor_label: str = ""
    ratio: float | None = None
    target: str = ""
    details: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Result:
        return cls(**json.loads(text))

    def ratio_text(self) -> str:
        return "—" if self.ratio is None else f"{self.ratio:.3f}×"

    def value_text(self) -> str:
        return _fmt(self.value, self.unit)

    def floor_text(self) -> str:
        return _fmt(self.floor, self.unit)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.3f} s" if value < 100 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:g} {unit}"


def ratio_result(
    result: Result, value: float, floor: float, limit: float, *, unit: str = "s"
) -> Result:
    """Fill a result whose target is ``value / floor <= limit``."""
    result.value, result.floor, result.unit = value, floor, unit
    result.ratio = value / floor if floor > 0 else float("inf")
    result.target = f"≤ {limit:g}×"
    result.status = "PASS" if result.ratio <= limit else "FAIL"
    return result


def absolute_result(result: Result, value: float, floor: float, limit: float, unit: str) -> Result:
    """Fill a result whose target is ``value < limit`` (the ratio to the floor is shown too)."""
    result.value, result.floor, result.unit = value, floor, unit
    result.ratio = value / floor if floor > 0 else float("inf")
    result.target = f"< {limit:g} {unit}"
    result.status = "PASS" if value < limit else "FAIL"
    return result


def log(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values)


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


@contextlib.contextmanager
def stopwatch() -> Iterator[Callable[[], float]]:
    start = time.perf_counter()
    end: list[float] = []
    yield lambda: (end[0] if end else time.perf_counter()) - start
    end.append(time.perf_counter())


def tmp_dir(prefix: str) -> Path:
    (DATA / "tmp").mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=DATA / "tmp"))


def drop_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + suffix).unlink()


# -- the project's parts, as they land ------------------------------------------------------


def need(module: str, *names: str) -> list[Any]:
    """Import ``names`` from ``module`` or raise :class:`Skip` naming what is missing."""
    import importlib

    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        raise Skip(f"{module} not available ({exc.name} missing)") from None
    except ImportError as exc:
        raise Skip(f"{module} not importable: {exc}") from None
    out = []
    for name in names:
        if not hasattr(mod, name):
            raise Skip(f"{module}.{name} not available")
        out.append(getattr(mod, name))
    return out


def need_store() -> type:
    """The Store class, if it is implemented (not the interface skeleton)."""
    (store_cls,) = need("briefing.store", "Store")
    probe = tmp_dir("probe-") / "probe.db"
    try:
        with store_cls(probe) as store:
            count = store.count_briefs()
    except Exception as exc:  # a half-built store: report, don't crash
        raise Skip(f"Store not usable yet: {type(exc).__name__}: {exc}") from None
    finally:
        shutil.rmtree(probe.parent, ignore_errors=True)
    if not isinstance(count, int):
        raise Skip("Store not implemented yet (count_briefs returned None)")
    return store_cls


def settings_for(db: Path | None = None, **http: Any) -> Any:
    """Settings for a benchmark: no config files, no synced folders, this db."""
    from briefing.config import Settings

    library: dict[str, Any] = {"sync": []}
    if db is not None:
        library["database"] = str(db)
    return Settings(library=library, http=http or {})


def schema_of(db: Path) -> str:
    """The SQL of every table and index of a library, in a stable order."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    finally:
        conn.close()
    return "\n".join("|".join(row) for row in rows)


def schema_fingerprint() -> str:
    """A short hash of the schema an empty library gets (cache key of built databases):
    store changes that keep the schema keep the cached database."""
    store_cls = need_store()
    work = tmp_dir("schema-")
    try:
        with store_cls(work / "empty.db"):
            pass
        return hashlib.sha1(schema_of(work / "empty.db").encode()).hexdigest()[:10]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def source_fingerprint(*modules: str) -> str:
    """A short hash of the given briefing source files (cache key of built databases)."""
    digest = hashlib.sha1()
    for rel in modules:
        path = ROOT / "src" / "briefing" / rel
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:10]


def load_library(store: Any, library: Path, workers: int | None = None) -> Any:
    """Import a generated library the way the app does (``sync.load_paths``)."""
    (load_paths,) = need("briefing.sync", "load_paths")
    from briefing.config import LimitsSettings

    kwargs: dict[str, Any] = {"skip_unchanged_files": False}
    if workers is not None:
        kwargs["workers"] = workers
    return load_paths(store, generate.folders(library), LimitsSettings(), **kwargs)


def _load_folder(folder: str) -> list[tuple[Any, str]]:
    from briefing.loader import load_file

    out = []
    for path in sorted(Path(folder).glob("*.yaml")):
        loaded = load_file(path)
        if loaded.errors:
            raise RuntimeError(f"{path}: {loaded.errors[0]}")
        out.extend((brief, str(path)) for brief in loaded.briefs)
    return out


def build_without_sync(store: Any, library: Path) -> None:
    """Fill a store from a library with loader + ``import_briefs`` (before sync lands)."""
    from concurrent.futures import ProcessPoolExecutor

    need("briefing.loader", "load_file")
    with ProcessPoolExecutor(2) as pool:
        for items in pool.map(_load_folder, [str(f) for f in generate.folders(library)]):
            store.import_briefs(items)


def ensure_db(size: int, seed: int = generate.DEFAULT_SEED) -> Path:
    """A library database of ``size`` generated briefs, built once and cached.

    The cache key is a hash of the library schema, so a schema change rebuilds it
    (``BENCH_REBUILD=1`` forces a rebuild). Building uses ``sync.load_paths`` (the
    real import path).
    """
    store_cls = need_store()
    try:
        need("briefing.sync", "load_paths")
        have_sync = True
    except Skip:
        need("briefing.loader", "load_file")
        have_sync = False
    library = generate.ensure_library(size, seed, log=log)
    key = schema_fingerprint()
    db = DATA / f"db-{size}-s{seed}-v{generate.GENERATOR_VERSION}-{key}.db"
    if os.environ.get("BENCH_REBUILD") == "1":
        with generate.cache_lock(DATA, f"db-{size}-s{seed}"):
            drop_db(db)
    if db.exists():
        return db
    with generate.cache_lock(DATA, f"db-{size}-s{seed}"):
        if db.exists():  # built by another process meanwhile
            return db
        return _build_db(store_cls, have_sync, library, db, size, seed)


def adopt_db(size: int, built: Path, seed: int = generate.DEFAULT_SEED) -> None:
    """Keep ``built`` (a library of exactly the ``size`` generated briefs, closed, made by
    ``sync.load_paths`` as :func:`ensure_db` builds it) as the cached database, unless
    one is cached already: the scale benchmark imports the big library anyway."""
    db = DATA / f"db-{size}-s{seed}-v{generate.GENERATOR_VERSION}-{schema_fingerprint()}.db"
    if db.exists():
        return
    with generate.cache_lock(DATA, f"db-{size}-s{seed}"):
        if db.exists():
            return
        for stale in DATA.glob(f"db-{size}-s{seed}-*.db*"):
            stale.unlink()
        building = db.with_name(db.name + ".building")
        shutil.copyfile(built, building)
        building.rename(db)
        log(f"kept the {size:,}-brief database the scale benchmark built: {db.name}")


def _build_db(
    store_cls: type, have_sync: bool, library: Path, db: Path, size: int, seed: int
) -> Path:
    for stale in DATA.glob(f"db-{size}-s{seed}-*.db*"):
        stale.unlink()
    building = db.with_name(db.name + ".building")
    drop_db(building)
    log(f"building the {size:,}-brief database (cached for later runs) ...")
    started = time.perf_counter()
    with store_cls(building) as store:
        if have_sync:
            load_library(store, library)
        else:
            log("  (briefing.sync not available: loader + Store.import_briefs instead)")
            build_without_sync(store, library)
        count = store.count_briefs()
    if count != size:
        raise RuntimeError(f"built database holds {count} briefs, expected {size}")
    for suffix in ("-wal", "-shm"):
        if Path(str(building) + suffix).exists():
            raise RuntimeError(f"{building}{suffix} left behind after close")
    building.rename(db)
    log(
        f"built {db.name} in {time.perf_counter() - started:.1f} s "
        f"({db.stat().st_size / 1e6:.0f} MB)"
    )
    return db


# -- machine ------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    try:
        import sqlite3

        sqlite = sqlite3.sqlite_version
    except ImportError:
        sqlite = "?"
    try:
        import textual

        textual_version = textual.__version__
    except (ImportError, AttributeError):
        textual_version = "?"
    commit = ""
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return {
        "load": load,
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "sqlite": sqlite,
        "textual": textual_version,
        "platform": platform.platform(),
        "commit": commit,
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }
