"""News feed -> draft briefs: 100 article pages, fetch + derive together vs sequentially.

Target (issue 11): with 100 article pages from a loopback site answering after 20 ms,
``fetch_into_library`` (pages fetched 2 at a time per host, deriving in the worker
processes, one per core) takes at most 0.5x the time of the same work done one article
at a time (GET the page, derive it, store it, next).

The site is the test news site's pages (tests/helpers/newssite.py: our own synthetic articles
with real-looking page furniture), 100 of them (the four texts under distinct titles),
written to a folder and served by a child process (so the server does not share the
client's interpreter lock), each answer delayed :data:`LATENCY` seconds. The politeness
delay between requests to one host is 0 for both modes: it would only add the same
waiting to both. Each mode runs on a fresh library; rounds alternate the order; medians
are reported.

With ``--reader``, also the reader's side of the issue's target: while ``r`` runs that
fetch, a ``j`` in the brief list repaints within 2x its idle time. ``j`` is timed idle
first, then while the fetch worker runs (the benchmark reader's own key helpers, but
waiting only for the work ``j`` causes, not for the fetch).

Run: ``.venv/bin/python -m benchmarks.bench_articles [--pages 100] [--rounds 3] [--reader]``
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LATENCY = 0.020
TARGET = 0.5


def build_site(folder: Path, pages: int) -> None:
    """``folder/news/*.html`` and ``folder/feed.rss`` (served at any base URL)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from helpers import newssite

    base_stories = newssite.stories()
    stories = []
    for i in range(pages):
        story = base_stories[i % len(base_stories)]
        stories.append(
            dataclasses.replace(
                story,
                slug=f"{story.slug}-{i:03d}",
                title=f"{story.title} (report {i + 1})",
                published=story.published + dt.timedelta(days=i),
            )
        )
    (folder / "news").mkdir(parents=True)
    base = "{BASE}"
    for story in stories:
        (folder / "news" / f"{story.slug}.html").write_text(newssite.page(story, base))
    feed = newssite.news_rss(base, stories, amp_copy=False, broken=False)
    (folder / "feed.rss").write_bytes(feed)


SERVER = r"""
import sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
root, latency = Path(sys.argv[1]), float(sys.argv[2])
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        time.sleep(latency)
        path = root / self.path.lstrip("/").split("?")[0]
        if not path.is_file():
            self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers()
            return
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        body = path.read_bytes().replace(b"{BASE}", base.encode())
        kind = "application/rss+xml" if path.suffix == ".rss" else "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
server = ThreadingHTTPServer(("127.0.0.1", 0), H)
print(server.server_address[1], flush=True)
server.serve_forever()
"""


def settings(db_dir: Path):  # type: ignore[no-untyped-def]
    from briefing.config import HttpSettings, LibrarySettings, PageSettings, Settings

    return Settings(
        http=HttpSettings(retries=0),
        library=LibrarySettings(database=db_dir / "library.db", sync=[]),
        pages=PageSettings(delay=0.0, robots=False),
    )


def run_concurrent(feed: str, db: Path) -> tuple[float, int]:
    from briefing.feeds import fetch_into_library

    start = time.perf_counter()
    report = asyncio.run(fetch_into_library(settings(db.parent), db, [feed]))
    return time.perf_counter() - start, report.new


def run_sequential(feed: str, db: Path) -> tuple[float, int]:
    """The same steps one article at a time: GET, derive (in this process), store."""
    from briefing.feeds.articles import DeriveJob, canonical_url, decode, derive_job
    from briefing.feeds.documents import parse_feed
    from briefing.http import HttpClient
    from briefing.store import Store

    config = settings(db.parent)

    async def main() -> int:
        stored = 0
        with Store(db) as store:
            async with HttpClient(config.http) as client:
                response = await client.get(feed)
                parsed = parse_feed(response.body, response.final_url, response.content_type)
                for entry in parsed.articles:
                    assert entry.url is not None
                    page = await client.get(entry.url)
                    text = decode(page)
                    job = DeriveJob(
                        text=text,
                        is_html=True,
                        url=canonical_url(text, page.final_url) or page.final_url,
                        entry_url=entry.url,
                        title=entry.title,
                        published=entry.published,
                        feed_url=feed,
                        feed_title=parsed.title,
                        fetched=dt.datetime.now(dt.UTC),
                    )
                    prepared, error, _ = derive_job(job)
                    assert prepared is not None, error
                    stored += len(store.import_prepared([prepared]))
        return stored

    start = time.perf_counter()
    count = asyncio.run(main())
    return time.perf_counter() - start, count


def reader_j_times(feed: str, db_dir: Path, keys: int = 30) -> tuple[list[float], list[float]]:
    """Seconds per ``j`` idle, and while ``r`` fetches ``feed`` (briefs of the project's
    own briefs/ folder in the list)."""
    from benchmarks.bench_reader import _quiet, brief_list_ready, press
    from briefing.config import FeedSettings
    from briefing.store import Store
    from briefing.sync import sync_folders
    from briefing.tui.app import BriefingApp

    db = db_dir / "library.db"
    with Store(db) as store:
        sync_folders(store, [ROOT / "briefs"], settings(db_dir).limits)
    config = settings(db_dir)
    config.feeds = [FeedSettings(url=feed, name="Ledger")]

    async def settle_key(pilot, ready):  # type: ignore[no-untyped-def]
        app = pilot.app
        deadline = time.perf_counter() + 30
        while time.perf_counter() < deadline:
            await asyncio.sleep(0)
            if not _quiet(app) or not ready(app):
                await asyncio.sleep(0.0005)
                continue
            app.screen._on_timer_update()
            if _quiet(app):
                return
        raise TimeoutError("the reader never settled")

    async def timed(pilot) -> float:  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        await press(pilot, "j")
        await settle_key(pilot, brief_list_ready)
        return time.perf_counter() - t0

    async def run() -> tuple[list[float], list[float]]:
        app = BriefingApp(config, db, None, sync=False)
        async with app.run_test(size=(160, 48)) as pilot:
            await settle_key(pilot, brief_list_ready)
            idle = []
            for _ in range(keys):
                idle.append(await timed(pilot))
                await asyncio.sleep(0.02)
            await press(pilot, "g")
            await settle_key(pilot, brief_list_ready)
            await press(pilot, "r")
            fetching: list[Any] = []
            while not fetching:
                await asyncio.sleep(0.001)
                fetching = [w for w in app.workers if w.name == "fetch feeds"]
            busy = []
            while fetching and fetching[0].is_running and len(busy) < keys:
                busy.append(await timed(pilot))
                await asyncio.sleep(0.02)
            await app.workers.wait_for_complete()
        return idle, busy

    return asyncio.run(run())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--latency", type=float, default=LATENCY)
    parser.add_argument("--reader", action="store_true", help="also time j while r runs")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="briefing-bench-articles-"))
    server = None
    try:
        build_site(work / "site", args.pages)
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(work / "site"), str(args.latency)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert server.stdout is not None
        port = int(server.stdout.readline())
        feed = f"http://127.0.0.1:{port}/feed.rss"
        if args.reader:
            idle, busy = reader_j_times(feed, _fresh(work, "reader"))
            mid_idle, mid_busy = sorted(idle)[len(idle) // 2], sorted(busy)[len(busy) // 2]
            print(
                f"reader: j idle {mid_idle * 1000:.1f} ms, "
                f"while r fetches {mid_busy * 1000:.1f} ms "
                f"(medians of {len(idle)} / {len(busy)}; p90 while fetching "
                f"{sorted(busy)[int(len(busy) * 0.9)] * 1000:.1f} ms) -> ratio "
                f"{mid_busy / mid_idle:.2f} (target <= 2)"
            )
        # Untimed warm-up: lazy imports (trafilatura, httpx) fall on neither mode.
        run_sequential(feed, _fresh(work, "warm") / "library.db")
        times: dict[str, list[float]] = {"concurrent": [], "sequential": []}
        for rnd in range(args.rounds):
            order = ["concurrent", "sequential"] if rnd % 2 == 0 else ["sequential", "concurrent"]
            for mode in order:
                db = _fresh(work, f"{mode}-{rnd}") / "library.db"
                run = run_concurrent if mode == "concurrent" else run_sequential
                seconds, count = run(feed, db)
                if count != args.pages:
                    print(f"{mode}: stored {count} drafts, expected {args.pages}", file=sys.stderr)
                    return 1
                times[mode].append(seconds)
                print(f"round {rnd + 1}: {mode:<10} {seconds:6.2f} s ({count} drafts)")
        conc = sorted(times["concurrent"])[len(times["concurrent"]) // 2]
        seq = sorted(times["sequential"])[len(times["sequential"]) // 2]
        ratio = conc / seq
        verdict = "PASS" if ratio <= TARGET else "FAIL"
        print(
            f"{args.pages} article pages, {args.latency * 1000:g} ms latency: fetch+derive "
            f"{conc:.2f} s vs sequential {seq:.2f} s (medians of {args.rounds}) -> "
            f"ratio {ratio:.2f} (target <= {TARGET}) {verdict}"
        )
        return 0 if verdict == "PASS" else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)


def _fresh(work: Path, name: str) -> Path:
    folder = work / name
    folder.mkdir()
    return folder


if __name__ == "__main__":
    sys.exit(main())
