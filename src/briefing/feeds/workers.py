"""Where a fetch parses what it downloads: a forked worker process when it can have one.

Reading a brief (YAML, validation, table rows) costs about as much CPU as the HTTP work
of downloading it. On a thread both share one interpreter lock: each answer waited for
the parsing thread to yield the lock before its next request could go out, so the
waits that concurrency hides came back as CPU. A worker process parses in parallel
with the event loop instead, as ``sync`` parses files.

The worker is forked (ready at once, nothing to import) and only while this process has
no other thread, the rule ``sync`` follows: a thread holding a lock at the fork would
leave the child waiting on it forever. So it is started before the fetch starts any
thread. Where forking is not safe (the reader fetches from a worker thread) or there is
one core, briefs are parsed on a thread: a freshly spawned interpreter would cost more
than the parsing it saves. Feed documents are parsed on the thread either way (one
per feed, while the event loop has nothing else to do for that feed).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from briefing.config import LimitsSettings
from briefing.loader import load_bytes
from briefing.procs import init_worker, start_method, usable_cores
from briefing.store import PreparedBrief, prepare_loaded

T = TypeVar("T")

#: Worker processes parsing briefs. One keeps up with several hundred briefs a second,
#: more than a fetch's concurrency limit lets in from real hosts, and leaves the other
#: cores to the event loop and the rest of the machine.
PARSE_PROCESSES = 1


def read_brief(
    data: bytes, url: str, limits: LimitsSettings
) -> tuple[list[PreparedBrief], list[str]]:
    """Validate like a local file, named by its URL, then build the table rows here, while
    other briefs are still downloading, so the import is little more than SQL."""
    loaded = load_bytes(data, url, limits)
    errors = [str(problem) for problem in loaded.errors]
    prepared, failed = prepare_loaded(loaded.briefs, url)
    errors.extend(f"{url}: {brief_id}: {why}" for brief_id, why in failed)
    if not prepared and not errors:
        errors.append(f"{url}: no brief in this file")
    return prepared, errors


class Parsers:
    """A parsing thread, and a worker process when one can be forked; ``close`` at the end.

    Create it before the fetch starts other threads (the store's), or there is no worker.
    """

    def __init__(self, workers: ProcessPoolExecutor | None = None) -> None:
        """``workers``: forked processes to share (the article derivers'), instead of
        forking one more here; they are not shut down by :meth:`close`."""
        # Threads start on the first submit, after the worker is forked.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="briefing-parse")
        self._owned = workers is None
        self._workers = _fork_workers() if workers is None else workers
        self._use_workers = self._workers is not None

    @property
    def in_process(self) -> bool:
        """Whether briefs are parsed by a worker process (else on the thread)."""
        return self._use_workers

    async def on_thread(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` on the parsing thread, so the event loop keeps downloading."""
        return await _run(self._thread, fn, *args)

    async def brief(
        self, data: bytes, url: str, limits: LimitsSettings
    ) -> tuple[list[PreparedBrief], list[str]]:
        """:func:`read_brief` in the worker process, or on the thread without one."""
        if self._use_workers and self._workers is not None:
            try:
                return await _run(self._workers, read_brief, data, url, limits)
            except BrokenProcessPool:
                # The worker died (killed by the system?): the thread takes over.
                self._use_workers = False
        return await self.on_thread(read_brief, data, url, limits)

    def close(self) -> None:
        """Stop the thread and the worker, waiting for them: a fetch leaves no thread
        behind, so the next one in this process can fork its worker too. Whatever is
        queued is dropped; at most the one item being parsed is finished."""
        self._thread.shutdown(wait=True, cancel_futures=True)
        if self._workers is not None and self._owned:
            self._workers.shutdown(wait=True, cancel_futures=True)


async def _run(executor: Executor, fn: Callable[..., T], *args: Any) -> T:
    return await asyncio.get_running_loop().run_in_executor(executor, fn, *args)


def _fork_workers() -> ProcessPoolExecutor | None:
    """Forked worker processes, or None when forking is unsafe or pointless here."""
    if PARSE_PROCESSES < 1 or start_method() != "fork" or usable_cores() < 2:
        return None
    pool = ProcessPoolExecutor(
        max_workers=PARSE_PROCESSES,
        mp_context=multiprocessing.get_context("fork"),
        initializer=init_worker,
        initargs=(os.getpid(),),
    )
    # A forking pool starts all its workers at the first submit, before the thread that
    # manages them: this is the fork, made while this process still has one thread.
    pool.submit(_ready)
    return pool


def _ready() -> None:
    """The first task: it only makes the pool start its worker now."""
