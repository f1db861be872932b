"""Targets 8 and 9: what a person feels at the shell.

**8a–8f, the command line**: each ``briefing`` command against ``sqlite-utils``
answering the same question from the same library file, both run as the console
scripts of this environment, as a person runs them: wall time from starting the
process to its exit, stdout read to the end (a pipe; a pseudo-terminal for "on a
terminal"). Rounds are interleaved (briefing, sqlite-utils, briefing, ...) after an
untimed warm-up round (which also lets briefing remember that its configuration
validated); medians are compared.

**9, the database's size**: the library file's bytes against the bytes of the YAML
files it was built from.
"""

from __future__ import annotations

import dataclasses
import os
import pty
import select
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks import generate
from benchmarks.common import Result, Sizes, Skip, ensure_db, log, median, need_store, ratio_result

#: The pseudo-terminal's size for the "on a terminal" rows (as the reader benchmark).
COLUMNS, LINES = 160, 48
#: ``briefing list`` on a terminal shows a screenful: the terminal's lines less 4.
SCREENFUL = LINES - 4
LIMIT = 1.5
SEARCH = "kharkiv"


def _bin(name: str) -> str:
    script = Path(sys.executable).parent / name
    if not script.exists():
        raise Skip(f"no {name} console script beside {sys.executable}")
    return str(script)


def run_piped(argv: list[str]) -> float:
    """Seconds from start to exit, stdout drained through a pipe."""
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, check=False)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[:4]} exited {proc.returncode}: {proc.stderr[-300:]!r}")
    return took


def run_tty(argv: list[str]) -> float:
    """Seconds from start to exit on a pseudo-terminal of COLUMNS × LINES."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    env = {**os.environ, "COLUMNS": str(COLUMNS), "LINES": str(LINES), "TERM": "xterm-256color"}
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                raise RuntimeError(f"{argv[:4]} wrote nothing for 30 s")
            try:
                if not os.read(master, 65536):
                    break
            except OSError:  # EIO: the child closed the terminal
                break
        code = proc.wait(timeout=30)
    finally:
        os.close(master)
    took = time.perf_counter() - start
    if code != 0:
        raise RuntimeError(f"{argv[:4]} exited {code} on a terminal")
    return took


def _byte_compile() -> str:
    """Byte-compile the briefing being measured, as ``pip install`` does for an installed
    package (sqlite-utils' bytecode was written when it was installed).

    An editable install under ``PYTHONDONTWRITEBYTECODE=1`` (this environment) would
    otherwise compile every briefing module from source on every run, tens of ms that
    no installed copy pays. Python checks each cached file against its source's mtime,
    so stale bytecode is never used.
    """
    import compileall
    import importlib.util

    if os.environ.get("BENCH_NO_COMPILE") == "1":
        return "briefing not byte-compiled (BENCH_NO_COMPILE=1)"
    if os.environ.get("BENCH_SRC"):  # another copy of briefing is measured (run.py)
        folder = Path(os.environ["BENCH_SRC"]) / "briefing"
    else:
        spec = importlib.util.find_spec("briefing")
        if spec is None or not spec.submodule_search_locations:
            return "briefing not found to byte-compile"
        folder = Path(next(iter(spec.submodule_search_locations)))
    ok = compileall.compile_dir(folder, quiet=2, force=False)
    return f"briefing byte-compiled as an install does ({'ok' if ok else 'with errors'})"


def _library_facts(db: Path) -> tuple[str, str]:
    """The newest brief's id and the most frequent actor's id."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        newest = "SELECT id FROM briefs ORDER BY date DESC, id LIMIT 1"
        top = "SELECT id FROM actors ORDER BY brief_count DESC LIMIT 1"
        brief, actor = conn.execute(newest).fetchone()[0], conn.execute(top).fetchone()[0]
    finally:
        conn.close()
    return brief, actor


def _pairs(db: Path, brief: str, actor: str) -> list[tuple[str, str, list[str], list[str], bool]]:
    """(id, title, briefing argv, sqlite-utils argv, on a terminal)."""
    b, su, d = _bin("briefing"), _bin("sqlite-utils"), str(db)
    return [
        ("8a", "briefing --help", [b, "--help"], [su, "--help"], False),
        (
            "8b",
            "briefing list --json (every brief)",
            [b, "--db", d, "list", "--json"],
            [
                su,
                "query",
                d,
                "select id, title, date, tags_text from briefs order by date desc, id",
            ],
            False,
        ),
        (
            "8c",
            "briefing list on a terminal (newest screenful)",
            [b, "--db", d, "list"],
            [
                su,
                "query",
                d,
                "select date, id, title, tags_text from briefs order by date desc, id"
                f" limit {SCREENFUL}",
                "--table",
            ],
            True,
        ),
        (
            "8d",
            f"briefing search {SEARCH} --json",
            [b, "--db", d, "search", SEARCH, "--json"],
            [
                su,
                "search",
                d,
                "briefs",
                SEARCH,
                "-c",
                "id",
                "-c",
                "title",
                "-c",
                "date",
                "--limit",
                "20",
            ],
            False,
        ),
        (
            "8e",
            "briefing show ID (piped)",
            [b, "--db", d, "show", brief],
            [su, "query", d, "select * from briefs where id = :id", "-p", "id", brief],
            False,
        ),
        (
            "8f",
            "briefing actor TOP --json (most frequent actor)",
            [b, "--db", d, "actor", actor, "--json"],
            [
                su,
                "query",
                d,
                "select * from positions where actor_id = :a order by brief_date, brief_id,"
                " ordinal",
                "-p",
                "a",
                actor,
            ],
            False,
        ),
    ]


def run(sizes: Sizes, only: Sequence[str] = ()) -> list[Result]:
    """Targets 8a–8f and 9 on ``sizes.library_n`` briefs (``only``: just these ids)."""
    pairs_meta = [
        ("8a", "briefing --help"),
        ("8b", "briefing list --json"),
        ("8c", "briefing list on a terminal"),
        ("8d", f"briefing search {SEARCH} --json"),
        ("8e", "briefing show ID"),
        ("8f", "briefing actor TOP --json"),
    ]
    size = Result("9", "Library file size", floor_label="the YAML files it holds")
    try:
        need_store()
        db = ensure_db(sizes.library_n)
        brief, actor = _library_facts(db)
        pairs = [p for p in _pairs(db, brief, actor) if not only or p[0] in only]
    except Skip as exc:
        out = [Result(i, t, details=f"SKIP ({exc})") for i, t in pairs_meta]
        size.details = f"SKIP ({exc})"
        return [*out, size]
    compiled = _byte_compile()
    times: dict[str, tuple[list[float], list[float]]] = {p[0]: ([], []) for p in pairs}
    rounds = sizes.rounds  # 5 in a full run, 1 at smoke size (CI)
    for round_no in range(rounds + 1):  # round 0 warms up, untimed
        for rid, _title, ours, theirs, tty in pairs:
            runner = run_tty if tty else run_piped
            # alternate who goes first, so neither always runs on a cache the other warmed
            if round_no % 2:
                a, b = runner(ours), runner(theirs)
            else:
                b, a = runner(theirs), runner(ours)
            if round_no:
                times[rid][0].append(a)
                times[rid][1].append(b)
        if round_no:
            log(f"  [8] round {round_no}/{rounds} done")
    results = []
    for rid, title, _ours, theirs, _tty in pairs:
        ours_t, theirs_t = times[rid]
        result = Result(
            rid,
            f"{title}, {sizes.library_n:,} briefs" if rid != "8a" else title,
            floor_label=f"sqlite-utils {' '.join(theirs[1:2])}, same file",
        )
        ratio_result(result, median(ours_t) * 1e3, median(theirs_t) * 1e3, LIMIT, unit="ms")
        result.details = (
            f"medians of {len(ours_t)} interleaved runs; briefing "
            f"{', '.join(f'{t * 1e3:.0f}' for t in ours_t)} ms; sqlite-utils "
            f"{', '.join(f'{t * 1e3:.0f}' for t in theirs_t)} ms; {compiled}"
        )
        results.append(result)
    if only and "9" not in only:
        return results
    library = generate.ensure_library(sizes.library_n, log=log)
    yaml_bytes = sum(p.stat().st_size for p in generate.brief_files(library))
    db_bytes = db.stat().st_size
    ratio_result(size, db_bytes / 1e6, yaml_bytes / 1e6, LIMIT, unit="MB")
    size.details = _largest_tables(db)
    return [*results, size]


def _largest_tables(db: Path) -> str:
    """Where the bytes are (dbstat, when this SQLite has it; ``benchmarks.dbsize`` prints
    every table)."""
    from benchmarks.dbsize import breakdown

    try:
        rows = breakdown(db)
    except sqlite3.Error:
        return "per-table sizes need SQLite's dbstat"
    unused = sum(r[3] for r in rows)
    return (
        "largest: "
        + ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size, _p, _u in rows[:8])
        + f"; unused space in pages {unused / 1e6:.1f} MB"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m benchmarks.bench_cli --library 5000 --only 8e 8f``: some of target 8
    on one library size, in an isolated home, results printed (not written to out/)."""
    import argparse
    import tempfile

    from benchmarks.common import SIZES
    from benchmarks.run import _isolated_env, print_result

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--library", type=int, default=SIZES["full"].library_n)
    parser.add_argument("--rounds", type=int, default=SIZES["full"].rounds)
    parser.add_argument("--only", nargs="*", default=[], help="ids such as 8e 8f")
    args = parser.parse_args(argv)
    sizes = dataclasses.replace(SIZES["full"], library_n=args.library, rounds=args.rounds)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average {load}", flush=True)
    with tempfile.TemporaryDirectory(prefix="briefing-bench-home-") as home:
        env = _isolated_env(Path(home))
        os.environ.clear()
        os.environ.update(env)
        for result in run(sizes, args.only):
            print_result(result)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average {load}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
