"""Target 6: fetching a 200-brief feed from a loopback server, concurrent vs sequential.

The server is the project's own ``briefing serve`` implementation
(:func:`briefing.feeds.serve.make_server`) on 127.0.0.1, in a child process so it does
not share the client's interpreter lock. The feed is the project's Atom publisher's
output over 200 generated briefs. The client is the real thing,
:func:`briefing.feeds.fetch.fetch_into_library`, into a fresh database each run;
"sequential" is the same code with ``http.concurrency = 1``.

A loopback answer takes microseconds, which no real feed host does, so the server
waits :data:`LATENCY` seconds before answering each request (``--latency``): the
time-to-first-byte of a nearby host. That is the cost concurrency exists to hide.
The same run without the wait is reported too, as information: there the fetch is
bound by parsing (the import benchmark's subject), not by the network.

One untimed fetch runs first, as the reader benchmarks' untimed round does: the first
fetch in a process pays one-time costs (lazy imports in httpx and the store, the TLS
context) that have nothing to do with concurrency, and would fall on whichever mode
happens to run first (the concurrent one, in round 0).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import generate
from benchmarks.common import (
    ROOT,
    Result,
    Sizes,
    log,
    median,
    need,
    need_store,
    ratio_result,
    settings_for,
    tmp_dir,
)

LATENCY = 0.020
CONCURRENCY = 8


def build_site(root: Path, n: int) -> list[Any]:
    """``root/briefs/<id>.yaml`` for the first ``n`` generated briefs; returns the Briefs."""
    import yaml

    from briefing.model import validate_brief

    pools = generate.Pools(generate.DEFAULT_SEED)
    (root / "briefs").mkdir(parents=True)
    briefs = []
    for index in range(n):
        brief_id, text = generate.brief_yaml(pools, generate.DEFAULT_SEED, index)
        (root / "briefs" / f"{brief_id}.yaml").write_text(text)
        brief, problems = validate_brief(yaml.load(text, Loader=yaml.CSafeLoader))
        if brief is None:
            raise RuntimeError(f"generated brief {index} is invalid: {problems[:2]}")
        briefs.append(brief)
    return briefs


class Server:
    """The project's static server in a child process."""

    def __init__(self, root: Path, latency: float) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "benchmarks.bench_fetch",
                "--serve",
                str(root),
                "--latency",
                str(latency),
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert self.proc.stdout is not None
        self.url = self.proc.stdout.readline().strip()
        if not self.url.startswith("http://127.0.0.1:"):
            self.close()
            raise RuntimeError(f"the server did not start (said {self.url!r})")

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


async def fetch_once(settings: Any, db: Path, url: str) -> tuple[float, Any]:
    (fetch_into_library,) = need("briefing.feeds.fetch", "fetch_into_library")
    start = time.perf_counter()
    report = await fetch_into_library(settings, db, [url])
    return time.perf_counter() - start, report


def _compare(
    sizes: Sizes, work: Path, feed_url: str, rounds: int, tag: str
) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"concurrent": [], "sequential": []}
    warm = work / f"fetch-{tag}-warm.db"
    asyncio.run(fetch_once(settings_for(warm, concurrency=CONCURRENCY), warm, feed_url))
    for i in range(rounds):
        order = ["concurrent", "sequential"] if i % 2 == 0 else ["sequential", "concurrent"]
        for mode in order:
            db = work / f"fetch-{tag}-{mode}-{i}.db"  # fresh: every brief is new
            settings = settings_for(db, concurrency=CONCURRENCY if mode == "concurrent" else 1)
            seconds, report = asyncio.run(fetch_once(settings, db, feed_url))
            if report.new != sizes.feed_n or not report.ok:
                raise RuntimeError(
                    f"{mode} fetch imported {report.new} of {sizes.feed_n} briefs "
                    f"(failed {report.failed}, feeds failed {len(report.failed_feeds)})"
                )
            times[mode].append(seconds)
    return times


def run(sizes: Sizes) -> list[Result]:
    result = Result(
        "6",
        f"Fetch a {sizes.feed_n}-brief feed from a loopback server "
        f"(+{LATENCY * 1e3:.0f} ms/answer)",
        floor_label="same fetch with http.concurrency = 1 (sequential)",
    )
    need_store()
    need("briefing.feeds.fetch", "fetch_into_library")
    need("briefing.loader", "load_bytes")
    need("briefing.feeds.serve", "make_server")
    (atom_feed,) = need("briefing.feeds.publish", "atom_feed")
    work = tmp_dir("fetch-")
    rounds = 1 if sizes.name == "smoke" else 3
    try:
        site = work / "site"
        briefs = build_site(site, sizes.feed_n)
        figures: dict[float, dict[str, list[float]]] = {}
        for latency in (LATENCY, 0.0) if sizes.name != "smoke" else (LATENCY,):
            server = Server(site, latency)
            try:
                (site / "feed.atom").write_bytes(atom_feed(briefs, server.url))
                feed_url = server.url + "feed.atom"
                figures[latency] = _compare(
                    sizes, work, feed_url, rounds if latency else 1, f"{latency * 1e3:.0f}ms"
                )
            finally:
                server.close()
            log(
                f"  [6] latency {latency * 1e3:.0f} ms: concurrent "
                f"{median(figures[latency]['concurrent']):.2f} s, sequential "
                f"{median(figures[latency]['sequential']):.2f} s"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    main = figures[LATENCY]
    ratio_result(result, median(main["concurrent"]), median(main["sequential"]), 0.25)
    result.details = f"concurrency {CONCURRENCY}, medians of {rounds}"
    raw = figures.get(0.0)
    if raw:
        result.details += (
            f"; without the simulated latency: concurrent {median(raw['concurrent']):.2f} s "
            f"vs sequential {median(raw['sequential']):.2f} s = "
            f"{median(raw['concurrent']) / median(raw['sequential']):.2f}×"
        )
    result.extra = {"latency_s": LATENCY, "with_latency": main, "no_latency": raw}
    return [result]


def serve(root: Path, latency: float) -> None:
    from briefing.feeds import serve as serve_mod

    server = serve_mod.make_server(root, "127.0.0.1", 0, log=lambda line: None)
    base = server.RequestHandlerClass

    class Delayed(base):  # type: ignore[misc, valid-type]
        def do_GET(self) -> None:
            if latency:
                time.sleep(latency)
            super().do_GET()

    server.RequestHandlerClass = Delayed
    print(server.url, flush=True)
    server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--serve", type=Path, required=True)
    parser.add_argument("--latency", type=float, default=LATENCY)
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        serve(args.serve, args.latency)
    return 0


if __name__ == "__main__":
    sys.exit(main())
