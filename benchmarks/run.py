"""Run the benchmark suite: ``python -m benchmarks.run [--size smoke|full]``.

Every benchmark prints its figure next to a floor measured in the same run, the ratio,
the target and PASS/FAIL. Each group runs in its own child process (a clean heap, and
a crash or hang in one part cannot take the others down); a part of briefing that has
not landed yet is reported as SKIP. Generated libraries and databases are cached under
``benchmarks/data/`` (keyed by size, seed and the store's source), so only the first run
pays for building them.

Results also go to ``benchmarks/out/results-<size>.json`` and ``.md`` (the table in
``docs/benchmarks.md``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

if __package__ in (None, ""):  # ``python benchmarks/run.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (
    RESULT_PREFIX,
    ROOT,
    SIZES,
    Result,
    Sizes,
    Skip,
    log,
    machine,
)

OUT = ROOT / "benchmarks" / "out"

#: group -> the results it produces (id, title), in report order.
GROUPS: dict[str, list[tuple[str, str]]] = {
    "import": [("1", "Import brief files"), ("2", "Re-load an unchanged folder")],
    "scale": [
        ("10a", "Import of the big library against the small one"),
        ("10b", "Adding briefs to the big library against an empty one"),
    ],
    "coldstart": [
        ("3a", "Reader cold start in tmux"),
        ("3c", "Reader cold start, big against small library"),
    ],
    "reader": [("3b", "Reader keypress")],
    "actor": [
        ("4", "Actor screen with 5,000+ positions"),
        ("4b", "Actor screen, most frequent actor"),
    ],
    "search": [("5", "Full-text search")],
    "fetch": [("6", "Fetch a 200-brief feed")],
    "memory": [("7", "Reader peak memory")],
    "cli": [
        ("8a", "briefing --help"),
        ("8b", "briefing list --json"),
        ("8c", "briefing list on a terminal"),
        ("8d", "briefing search --json"),
        ("8e", "briefing show ID"),
        ("8f", "briefing actor TOP --json"),
        ("9", "Library file size"),
    ],
}
TIMEOUT = {"smoke": 240, "full": 900}
#: Generating 100k files and building their database can take a while on a busy machine.
PREPARE_TIMEOUT = 3600


def _group_fn(group: str):
    if group == "import":
        from benchmarks.bench_import import run
    elif group == "scale":
        from benchmarks.bench_import import run_scale as run
    elif group == "coldstart":
        from benchmarks.bench_coldstart import run
    elif group == "cli":
        from benchmarks.bench_cli import run
    elif group == "reader":
        from benchmarks.bench_reader import run
    elif group == "actor":
        from benchmarks.bench_actor import run
    elif group == "search":
        from benchmarks.bench_search import run
    elif group == "fetch":
        from benchmarks.bench_fetch import run
    elif group == "memory":
        from benchmarks.bench_reader import run_memory as run
    elif group == "prepare":
        return _prepare
    else:
        raise SystemExit(f"unknown group {group}")
    return run


def _prepare(sizes) -> list[Result]:
    """Generate the libraries and build the big database (cached), outside any timing."""
    from benchmarks import generate
    from benchmarks.common import ensure_db

    generate.ensure_library(sizes.import_n, log=log)
    generate.ensure_library(sizes.library_n, log=log)
    ensure_db(sizes.library_n)
    return []


def sizes_for(size: str, briefs: int | None = None) -> Sizes:
    """The named size, with ``briefs`` (if given) as its import and library size: the
    test suite runs the smoke size on a small library, where what it checks is that
    every benchmark runs and reports, not the figures."""
    sizes = SIZES[size]
    if briefs is not None:
        sizes = dataclasses.replace(sizes, import_n=briefs, library_n=briefs)
    return sizes


def child(group: str, size: str, briefs: int | None = None) -> int:
    """Run one group in this process; results go to stdout, one JSON line each."""
    sizes = sizes_for(size, briefs)
    try:
        results = _group_fn(group)(sizes)
    except Skip as exc:
        results = [Result(i, t, details=f"SKIP ({exc})") for i, t in GROUPS.get(group, [])]
        if group == "prepare":
            log(f"prepare: SKIP ({exc})")
    for result in results:
        print(RESULT_PREFIX + result.to_json(), flush=True)
    return 0


def _isolated_env(home: Path) -> dict[str, str]:
    """Children never read or write the developer's own config or library."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_DATA_HOME"] = str(home / "data")
    env["XDG_CACHE_HOME"] = str(home / "cache")
    # BENCH_SRC=/path/to/src measures another copy of briefing (a proposed patch)
    src = os.environ.get("BENCH_SRC") or str(ROOT / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), src, env.get("PYTHONPATH", "")) if p)
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def run_group(
    group: str, size: str, env: dict[str, str], briefs: int | None = None
) -> list[Result]:
    started = time.perf_counter()
    # The scale group imports the big library itself (minutes on a busy machine).
    timeout = PREPARE_TIMEOUT if group in ("prepare", "scale") else TIMEOUT[size]
    command = [sys.executable, "-m", "benchmarks.run", "--child", group, "--size", size]
    if briefs is not None:
        command += ["--briefs", str(briefs)]
    try:
        proc = subprocess.run(
            command,
            stdout=subprocess.PIPE,
            stderr=None,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=timeout,
        )
        stdout, code = proc.stdout, proc.returncode
    except subprocess.TimeoutExpired as exc:
        stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        code = f"timeout after {timeout} s"
    results = [
        Result.from_json(line[len(RESULT_PREFIX) :])
        for line in stdout.splitlines()
        if line.startswith(RESULT_PREFIX)
    ]
    if code != 0:
        done = {r.id for r in results}
        for rid, title in GROUPS.get(group, []):
            if rid not in done:
                results.append(
                    Result(
                        rid,
                        title,
                        status="ERROR",
                        details=f"the {group} benchmark crashed ({code}); see its output above",
                    )
                )
    log(f"({group}: {time.perf_counter() - started:.0f} s)")
    return results


def print_result(r: Result) -> None:
    print(f"[{r.id}] {r.title}  ...  {r.status}", flush=True)
    if r.status in ("PASS", "FAIL"):
        print(
            f"      measured {r.value_text()}   floor {r.floor_text()} ({r.floor_label})"
            f"   ratio {r.ratio_text()}   target {r.target}",
            flush=True,
        )
    if r.details:
        print(f"      {r.details}", flush=True)


def markdown(
    results: list[Result],
    info: dict[str, str],
    size: str,
    seconds: float,
    briefs: int | None = None,
) -> str:
    size_flag = "" if size == "full" else f" --size {size}"
    if briefs is not None:
        size_flag += f" --briefs {briefs}"
    lines = [
        f"Machine: {info['nproc']} cores, {info['cpu']}; Python {info['python']}, "
        f"SQLite {info['sqlite']}, Textual {info['textual']}; {info['platform']}.  ",
        f"Run: {info['date']}, commit `{info['commit']}`, size `{size}`, "
        f"whole suite {seconds:.0f} s; load average at the start {info['load']}, "
        f"at the end {', '.join(f'{x:.1f}' for x in os.getloadavg())} (other work on the "
        "machine inflates the multi-process figures most).  ",
        f"Command: `.venv/bin/python -m benchmarks.run{size_flag}`",
        "",
        "| # | Benchmark | Measured | Floor (same run) | Ratio | Target | Result |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        floor = f"{r.floor_text()} — {r.floor_label}" if r.floor is not None else r.floor_label
        lines.append(
            f"| {r.id} | {r.title} | {r.value_text()} | {floor} | {r.ratio_text()} | "
            f"{r.target or '—'} | **{r.status}** |"
        )
    lines.append("")
    lines.append("Details:")
    lines.append("")
    for r in results:
        if r.details:
            lines.append(f"- **{r.id}**: {r.details}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="briefing's benchmark suite")
    parser.add_argument(
        "--size",
        choices=sorted(SIZES),
        default="full",
        help="smoke: 1k briefs everywhere, one round; full: 10k import, 100k reader",
    )
    parser.add_argument(
        "--briefs",
        type=int,
        metavar="N",
        help="import and library size N instead of the size's own (the test suite runs "
        "--size smoke --briefs 200: every benchmark runs and reports, quickly)",
    )
    parser.add_argument("--only", nargs="*", choices=sorted(GROUPS), help="run only these groups")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a target is missed (default: only on errors)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=OUT,
        help="folder for results-<size>.json and .md (default benchmarks/out)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.briefs is not None and args.briefs < 1:
        parser.error("--briefs must be at least 1")
    if args.child:
        return child(args.child, args.size, args.briefs)

    started = time.perf_counter()
    info = machine()
    sizes = sizes_for(args.size, args.briefs)
    print(
        f"briefing benchmarks, size {args.size}: import {sizes.import_n:,} files, "
        f"reader/search/memory {sizes.library_n:,} briefs, feed {sizes.feed_n} briefs"
    )
    print(
        f"machine: {info['nproc']} cores (load {info['load']}), {info['cpu']}, "
        f"Python {info['python']}, "
        f"SQLite {info['sqlite']}, Textual {info['textual']}, commit {info['commit']}",
        flush=True,
    )
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="briefing-bench-home-") as home:
        env = _isolated_env(Path(home))
        groups = args.only or list(GROUPS)
        if "scale" in groups:  # first: the big database it imports is kept for the others
            groups = ["scale", *(g for g in groups if g != "scale")]
        needs_db = ("coldstart", "reader", "actor", "search", "memory", "cli")
        for group in groups:
            if group in needs_db and group == next(g for g in groups if g in needs_db):
                try:
                    run_group("prepare", args.size, env, args.briefs)
                except Exception:
                    traceback.print_exc()
            for result in run_group(group, args.size, env, args.briefs):
                results.append(result)
                print_result(result)
    seconds = time.perf_counter() - started
    order = [rid for g in GROUPS.values() for rid, _ in g]
    results.sort(key=lambda r: order.index(r.id) if r.id in order else 99)

    print()
    print(
        f"{'#':<3} {'benchmark':<58} {'measured':>11} {'floor':>11} {'ratio':>9} "
        f"{'target':>10}  result"
    )
    for r in results:
        print(
            f"{r.id:<3} {r.title[:58]:<58} {r.value_text():>11} {r.floor_text():>11} "
            f"{r.ratio_text():>9} {r.target or '—':>10}  {r.status}"
        )
    counts = {s: sum(r.status == s for r in results) for s in ("PASS", "FAIL", "SKIP", "ERROR")}
    print(
        f"\ntargets met: {counts['PASS']}, missed: {counts['FAIL']}, skipped: "
        f"{counts['SKIP']}, errors: {counts['ERROR']}; whole suite {seconds:.0f} s"
    )

    args.out.mkdir(parents=True, exist_ok=True)
    payload = {
        "size": args.size,
        "briefs": args.briefs,
        "machine": info,
        "seconds": seconds,
        "results": [json.loads(r.to_json()) for r in results],
    }
    (args.out / f"results-{args.size}.json").write_text(json.dumps(payload, indent=2))
    (args.out / f"results-{args.size}.md").write_text(
        markdown(results, info, args.size, seconds, args.briefs)
    )
    print(f"results: {args.out / f'results-{args.size}.json'} and .md")
    if counts["ERROR"] or (args.strict and counts["FAIL"]):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
