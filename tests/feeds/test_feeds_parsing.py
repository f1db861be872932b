"""Where a fetch parses briefs: a forked worker process in a single-threaded process,
a thread otherwise; the same rows and the same messages either way."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.config import LimitsSettings
from briefing.feeds.workers import Parsers, read_brief
from helpers.feeds import FeedServer, fixture_bytes, running_server

VALID = ["lighthouse-vote.yaml", "ferry-strike.yaml", "orchard-frost.yaml"]
BAD = ["invalid-brief.yaml", "broken.yaml"]

forking = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods() or len(os.sched_getaffinity(0)) < 2,
    reason="needs fork and two cores",
)

# Run in a fresh interpreter, which has one thread: what `briefing fetch` is.
FETCH_TWICE = """
import asyncio, json, sys, threading
from pathlib import Path

from briefing.config import HttpSettings, LibrarySettings, Settings
from briefing.feeds import fetch, workers

seen = []

class Recording(workers.Parsers):
    def __init__(self, workers=None) -> None:
        super().__init__(workers)
        seen.append(self.in_process)

fetch.Parsers = Recording
settings = Settings(http=HttpSettings(retries=0), library=LibrarySettings(sync=[]))
out = []
for n in (1, 2):
    db = Path(sys.argv[2]) / f"run{n}.db"
    report = asyncio.run(fetch.fetch_into_library(settings, db, [sys.argv[1]]))
    [feed] = report.feeds
    out.append({"new": feed.new, "failed": feed.failed, "threads": threading.active_count()})
print(json.dumps({"in_process": seen, "runs": out}))
"""


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with running_server() as server:
        for name in [*VALID, *BAD]:
            server.static(f"/briefs/{name}", fixture_bytes(name), "application/yaml")
        entries = "".join(
            f"<entry><id>urn:{n}</id><title>{n}</title><updated>2031-04-04T00:00:00Z</updated>"
            f'<content type="application/yaml" src="briefs/{n}"/></entry>'
            for n in [*VALID, *BAD]
        )
        feed = (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>t</title><id>urn:feed</id><updated>2031-04-04T00:00:00Z</updated>{entries}"
            "</feed>"
        )
        server.static("/feed.atom", feed.encode(), "application/atom+xml")
        yield server


@forking
def test_a_single_threaded_fetch_parses_in_a_worker_and_leaves_no_thread_behind(
    server: FeedServer, tmp_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FETCH_TWICE, server.url("/feed.atom"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    # The second fetch forks its worker too: the first left no thread behind.
    assert result["in_process"] == [True, True]
    for run in result["runs"]:
        assert run["new"] == 3 and run["threads"] == 1
        invalid, broken = (server.url(f"/briefs/{name}") for name in BAD)
        # URL:LINE:COL: field: message, as when parsed in this process.
        assert any(
            m.startswith(f"{invalid}:12:") and "positions[0].actor" in m for m in run["failed"]
        )
        assert any(
            m.startswith(f"{broken}:4:5: file refused: YAML syntax error") for m in run["failed"]
        )


def test_with_another_thread_running_briefs_are_parsed_on_a_thread() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        parsers = Parsers()
        try:
            assert not parsers.in_process  # forking now could copy a held lock
            got = asyncio.run(_parse_all(parsers))
        finally:
            parsers.close()
    finally:
        stop.set()
        other.join()
    assert got == _expected()


DEAD_WORKER = """
import asyncio, json, multiprocessing, sys
from briefing.config import LimitsSettings
from briefing.feeds.workers import Parsers

parsers = Parsers()
before = parsers.in_process
for child in multiprocessing.active_children():
    child.kill()
    child.join()
data = open(sys.argv[1], "rb").read()
prepared, errors = asyncio.run(parsers.brief(data, "http://h/b.yaml", LimitsSettings()))
parsers.close()
print(json.dumps([before, parsers.in_process, [p.id for p in prepared], errors]))
"""


@forking
def test_a_dead_worker_hands_its_briefs_to_the_thread(tmp_path: Path) -> None:
    brief = tmp_path / "b.yaml"
    brief.write_bytes(fixture_bytes(VALID[0]))
    done = subprocess.run(
        [sys.executable, "-c", DEAD_WORKER, str(brief)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    before, after, ids, errors = json.loads(done.stdout)
    assert (before, after, ids, errors) == (True, False, ["lighthouse-vote"], [])


async def _parse_all(parsers: Parsers) -> list[tuple[list[object], list[str]]]:
    limits = LimitsSettings()
    return [
        await parsers.brief(fixture_bytes(name), f"http://h/{name}", limits)
        for name in [*VALID, *BAD]
    ]


def _expected() -> list[tuple[list[object], list[str]]]:
    limits = LimitsSettings()
    return [read_brief(fixture_bytes(name), f"http://h/{name}", limits) for name in [*VALID, *BAD]]
