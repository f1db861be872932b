"""Brief files into the library: find them, skip the unchanged, parse, store.

Used by ``briefing load`` and by the reader at start (:func:`sync_folders`). Reading is
the expensive part (YAML + validation, about a millisecond a brief), so:

* with ``skip_unchanged_files``, a file whose size and modification time match what the
  ``files`` table remembers is not opened at all;
* big runs parse in worker processes (one per core) while this process writes: workers
  send back :class:`~briefing.store.PreparedBrief` rows — plain tuples, which pickle far
  faster than pydantic models — so the writer does little more than SQL;
* big runs write in few, growing transactions (``Store.bulk_import``): each commit
  rewrites every page its transaction touched, all over the tables clustered by actor;
* small runs stay in-process, where starting workers would cost more than it saves.

A file is remembered only once its briefs are committed and only if nothing in it was
refused, so a broken file is read (and reported) again on the next sync.
"""

from __future__ import annotations

import multiprocessing
import os
import stat
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from contextlib import closing, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from briefing import paths
from briefing.config import LimitsSettings
from briefing.errors import BriefingError, Problem
from briefing.files import (
    ATTEMPTS,
    Changed,
    Stamp,
    brief_files_keyed,
    file_stamp,
    missing_paths,
    settles_at,
)
from briefing.loader import load_file
from briefing.procs import init_worker, start_method, stop_workers, usable_cores
from briefing.store import (
    CHUNK,
    FileStamp,
    ImportOutcome,
    Outcome,
    PreparedBrief,
    Store,
    gc_paused,
    prepare_loaded,
)

#: Below this many files to read, parsing stays in this process.
PARALLEL_MIN_FILES = 400
#: Files per task sent to a worker: big enough to amortise the round trip, small enough
#: that the writer gets work early and progress moves.
FILES_PER_TASK = 24
#: Files handed to the workers ahead of the writer. The writer takes no results while it
#: writes and commits, so the window must outlast that (a few hundred ms) or the workers
#: sit idle through it; still bounded, so memory stays flat (~30 MB of results).
WINDOW_FILES = 2 * CHUNK
#: Briefs handed to the store at a time in a big run. Its transactions are bigger
#: anyway (see ``Store.bulk_import``); small batches keep the writer's work after the
#: last file is parsed, when nothing else runs, short.
BULK_BATCH = CHUNK // 4

#: A big run stages its briefs when it reads more than this many files per brief stored
#: (see :func:`stages`).
STAGE_MIN_RATIO = 1.0

#: A worker that has not returned its files (at most ``FILES_PER_TASK``, each under the
#: size limit, each parsed under the YAML caps in well under a second) in this long is
#: stuck, say on a file system that stopped answering: the load stops instead of
#: waiting forever.
READ_TIMEOUT_S = 120.0

Progress = Callable[[int, int], None]


@dataclass
class LoadReport:
    """What a load did, brief by brief and file by file."""

    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)  # every error, in file order
    files: int = 0  # brief files found
    skipped_files: int = 0  # unchanged since the last sync: not read
    warnings: list[Problem] = field(default_factory=list)
    documents: int = 0  # YAML documents read
    refused_documents: int = 0  # documents (or whole files) refused
    missing: list[Path] = field(default_factory=list)  # given paths that do not exist
    read_files: int = 0  # files actually read

    @property
    def ok(self) -> bool:
        """Nothing refused and nothing missing."""
        return not self.refused and not self.refused_documents and not self.missing

    @property
    def problems(self) -> list[Problem]:
        """Errors and warnings together, by file, line and column."""
        return sorted([*self.refused, *self.warnings], key=lambda p: (p.path, p.line, p.column))

    def record(self, outcomes: Iterable[ImportOutcome]) -> None:
        lists = {Outcome.new: self.new, Outcome.updated: self.updated}
        for outcome in outcomes:
            lists.get(outcome.outcome, self.unchanged).append(outcome.brief_id)
            if outcome.differs:
                self.warnings.append(differs_warning(outcome))

    def summary(self) -> str:
        """One line, e.g. ``3 new, 1 updated, 0 unchanged, 1 refused (5 files read)``."""
        text = (
            f"{len(self.new)} new, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {self.refused_documents} refused"
        )
        files = f"{self.read_files} file{'s' if self.read_files != 1 else ''} read"
        if self.skipped_files:
            files += f", {self.skipped_files} unchanged file{'s' * (self.skipped_files != 1)}"
            files += " skipped"
        return f"{text} ({files})"


def differs_warning(outcome: ImportOutcome) -> Problem:
    """The warning for a brief skipped although its content differs (see
    ``ImportOutcome.differs``)."""
    return Problem(
        outcome.origin or "",
        1,
        1,
        "updated",
        f"brief {outcome.brief_id!r} has the same `updated` as the stored version but "
        "different content; the stored version was kept (raise `updated` to replace it)",
        "warning",
    )


@dataclass
class FileResult:
    """One file as read (by a worker or in-process): its briefs as rows, and what was
    wrong with it."""

    origin: str
    stamp: FileStamp | None  # None when the file could not be stat'ed
    prepared: list[PreparedBrief]
    problems: list[Problem]
    documents: int
    refused: int
    task: _Task | None = None  # what was read, to read it again
    read_stamp: Stamp | None = None  # the version read (see files.settles_at)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


@dataclass(frozen=True, slots=True)
class _Task:
    path: str  # as the user gave it: problems name it so
    key: str  # absolute: the ``files`` table's key
    size: int
    mtime_ns: int


def _read(task: _Task, limits: LimitsSettings) -> FileResult:
    loaded = load_file(Path(task.path), limits)
    problems = list(loaded.problems)
    prepared, failed = prepare_loaded(loaded.briefs, loaded.origin)
    for brief_id, why in failed:
        problems.append(Problem(loaded.origin, 1, 1, "", f"brief {brief_id!r}: {why}"))
    refused = loaded.refused + len(failed)
    # Remember the version read (the plan's stat may be older: the file can change).
    read = loaded.read_stamp
    size, mtime_ns = (read[2], read[3]) if read is not None else (task.size, task.mtime_ns)
    stamp = FileStamp(task.key, size, mtime_ns, tuple(p.id for p in prepared))
    return FileResult(
        loaded.origin, stamp, prepared, problems, loaded.documents, refused, task, read
    )


def _settled(results: Iterable[FileResult], limits: LimitsSettings) -> Iterator[FileResult]:
    """``results`` in the same order, each only once its file has settled.

    A file modified within ``SETTLE_S`` before it was read may be half-way through a
    save in place (truncated, part written, more to come); a half file is often a valid
    brief with fewer positions, and once stored with its ``updated`` the whole one would
    be skipped. So such a result waits here until the file has held still for
    ``SETTLE_S`` (the other files go on being read meanwhile; only the end of a load
    can wait), then the file is checked: unchanged, its result goes on; changed, it is
    read again, and after ``ATTEMPTS`` reads it is refused.
    """
    queue: deque[tuple[FileResult, int]] = deque()
    for result in results:
        queue.append((result, 1))
        yield from _settled_head(queue, limits, wait=False)
    yield from _settled_head(queue, limits, wait=True)


def _settled_head(
    queue: deque[tuple[FileResult, int]], limits: LimitsSettings, *, wait: bool
) -> Iterator[FileResult]:
    while queue:
        result, reads = queue[0]
        if result.read_stamp is None or result.task is None:
            yield queue.popleft()[0]
            continue
        left = settles_at(result.read_stamp) - time.time()
        if left > 0:
            if not wait:
                return
            time.sleep(left)
        if file_stamp(result.task.path) == result.read_stamp:
            yield queue.popleft()[0]
        elif reads >= ATTEMPTS:
            queue.popleft()
            problem = Problem(result.origin, 1, 1, "", f"cannot read file: {Changed().strerror}")
            yield FileResult(result.origin, None, [], [problem], 0, 1)
        else:
            queue[0] = (_read(result.task, limits), reads + 1)


def _read_many(tasks: list[_Task], limits: LimitsSettings) -> list[FileResult]:
    """A worker's unit of work. No cyclic garbage is made here, so collection waits."""
    with gc_paused():
        return [_read(task, limits) for task in tasks]


def _not_regular(task: _Task, mode: int) -> FileResult:
    kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
    problem = Problem(task.path, 1, 1, "", f"cannot read file: {kind}")
    return FileResult(task.path, None, [], [problem], 0, 1)


@dataclass
class Plan:
    """The brief files under some paths, and what to do with each."""

    files: int = 0  # brief files found
    skipped: int = 0  # unchanged since the last sync: will not be read
    skipped_ids: list[str] = field(default_factory=list)  # the briefs those files held
    items: list[_Task | FileResult] = field(default_factory=list)

    @property
    def to_read(self) -> int:
        return sum(isinstance(item, _Task) for item in self.items)


def plan_files(paths: Iterable[Path], known: dict[str, FileStamp] | None = None) -> Plan:
    """Find the brief files under ``paths``; those whose size and modification time
    match ``known`` (from :meth:`Store.file_stamps`) are skipped without being opened.
    Files that are not regular (a FIFO would block the reader) are refused here."""
    known = known or {}
    plan = Plan()
    for path, key in brief_files_keyed(paths):
        plan.files += 1
        try:
            # stat follows links, as reading will; taken before reading, so a change
            # made while we read is seen as a change next time.
            info = os.stat(path)
        except OSError:
            plan.items.append(_Task(path, key, -1, -1))  # load_file reports why
            continue
        task = _Task(path, key, info.st_size, info.st_mtime_ns)
        if not stat.S_ISREG(info.st_mode):
            plan.items.append(_not_regular(task, info.st_mode))
            continue
        stamp = known.get(key)
        if stamp is not None and (stamp.size, stamp.mtime_ns) == (task.size, task.mtime_ns):
            plan.skipped += 1
            plan.skipped_ids.extend(stamp.brief_ids)
            continue
        plan.items.append(task)
    return plan


def read_planned(
    plan: Plan, limits: LimitsSettings | None = None, *, workers: int | None = None
) -> Iterator[FileResult]:
    """Read the planned files, in order; in worker processes when there are many."""
    limits = limits or LimitsSettings()
    count = _worker_count(workers, plan.to_read)
    if count <= 1:
        return _serial(plan.items, limits)
    return _parallel(plan.items, limits, count)


def _serial(planned: list[_Task | FileResult], limits: LimitsSettings) -> Iterator[FileResult]:
    """In this process, one file at a time."""
    for item in planned:
        yield item if isinstance(item, FileResult) else _read(item, limits)


def _parallel(
    planned: list[_Task | FileResult], limits: LimitsSettings, workers: int
) -> Iterator[FileResult]:
    """Results in file order, from ``workers`` processes, with a bounded window of work
    in flight so memory stays flat however slow the writer is."""
    groups: list[list[_Task] | FileResult] = []
    for item in planned:
        if isinstance(item, FileResult):
            groups.append(item)
        elif groups and isinstance(groups[-1], list) and len(groups[-1]) < FILES_PER_TASK:
            groups[-1].append(item)
        else:
            groups.append([item])
    context = multiprocessing.get_context(start_method())
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=init_worker,
        initargs=(os.getpid(),),
    )
    window: deque[tuple[Future[list[FileResult]], list[_Task]] | FileResult] = deque()
    window_tasks = max(workers * 3, WINDOW_FILES // FILES_PER_TASK)
    pending = iter(groups)
    finished = False
    try:
        while True:
            while len(window) < window_tasks:
                group = next(pending, None)
                if group is None:
                    break
                if isinstance(group, FileResult):
                    window.append(group)
                else:
                    window.append((pool.submit(_read_many, group, limits), group))
            if not window:
                finished = True
                return
            head = window.popleft()
            if isinstance(head, FileResult):
                yield head
                continue
            future, tasks = head
            try:
                results = future.result(timeout=READ_TIMEOUT_S)
            except FuturesTimeout:
                raise StuckRead(tasks) from None
            yield from results
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            # Ctrl-C, a stuck worker, a failing store: waiting for the workers could
            # wait forever (one may be stuck), so they are stopped here and now.
            for item in window:
                if not isinstance(item, FileResult):
                    item[0].cancel()
            stop_workers(pool)


class StuckRead(BriefingError):
    """A worker did not return its files within :data:`READ_TIMEOUT_S`."""

    def __init__(self, tasks: list[_Task]) -> None:
        more = f" (or one of the {len(tasks) - 1} files after it)" if len(tasks) > 1 else ""
        super().__init__(
            f"{tasks[0].path}{more}: reading took over {READ_TIMEOUT_S:.0f} s; load stopped"
            " (briefs already stored are kept)"
        )
        self.paths = [t.path for t in tasks]


def _worker_count(requested: int | None, tasks: int) -> int:
    if requested is not None:
        return max(1, min(requested, tasks))
    if tasks < PARALLEL_MIN_FILES:
        return 1
    return max(1, min(usable_cores(), tasks // FILES_PER_TASK))


@contextmanager
def _big_run(store: Store, staged: bool) -> Iterator[None]:
    """How a big run writes: in shared transactions (see ``Store.bulk_import``; small
    runs commit per chunk), and without garbage collection, since the results are plain
    tuples (on a 5k load, collections scanning them cost 0.07 floor-units per brief).
    Only big runs: the pause is process-wide, and the reader syncs in a thread.
    ``staged``: through the import's own tables, moved in at the end (see
    :func:`stages`)."""
    with store.bulk_import(staged=staged), gc_paused():
        yield


def stages(to_read: int, stored: int) -> bool:
    """Whether a big run stages its briefs (``Store.bulk_import(staged=True)``): when it
    reads more files than the library holds briefs (into an empty library, always).
    Moving the stage in builds the indexes again over the whole library, a
    cost in proportion to what is stored; writing into the indexes as usual costs a
    random page per entry, ~95 pages per brief at 100k. From as many new briefs as
    stored ones, the rebuild is the cheaper (docs/benchmarks.md, "Bulk import")."""
    return to_read > STAGE_MIN_RATIO * stored


def load_paths(
    store: Store,
    paths: Iterable[Path | str],
    limits: LimitsSettings | None = None,
    *,
    skip_unchanged_files: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
) -> LoadReport:
    """Read every brief file under ``paths`` (files or folders, recursively) and import
    the valid briefs; invalid ones are refused without stopping the others.

    ``progress(done, total)`` is called as files are done (skipped ones count as done).
    ``workers``: processes parsing in parallel; default one per core for big runs and
    none (in-process) for small ones. Paths that do not exist are listed in
    ``report.missing``; callers decide whether that is an error.

    Raises :class:`~briefing.store.ImportFailed` (a ``StoreError``) if the library
    cannot store briefs (disk full...), after committing every brief it could.
    """
    limits = limits or LimitsSettings()
    paths = [Path(p) for p in paths]
    report = LoadReport(missing=missing_paths(paths))
    plan = plan_files(paths, store.file_stamps() if skip_unchanged_files else None)
    report.files, report.skipped_files = plan.files, plan.skipped
    report.unchanged.extend(plan.skipped_ids)  # as reading them again would find them
    total = report.files
    done = report.skipped_files
    if progress is not None:
        progress(done, total)
    results = read_planned(plan, limits, workers=workers)

    batch: list[PreparedBrief] = []
    stamps: list[FileStamp] = []

    def flush() -> None:
        """Store the batch; its files' stamps go in the same transaction."""
        if batch or stamps:
            report.record(store.import_prepared(batch, files=stamps))
        batch.clear()
        stamps.clear()

    bulk = plan.to_read >= PARALLEL_MIN_FILES
    staged = bulk and stages(plan.to_read, store.count_briefs())
    batch_size = BULK_BATCH if bulk else CHUNK
    # closing(): on Ctrl-C or a store error the reading stops here and now (its workers
    # killed), not whenever the generator is collected: at exit that is too late, and
    # the interpreter waits for the pool's manager thread.
    with closing(results), _big_run(store, staged) if bulk else nullcontext():
        for result in _settled(results, limits):
            report.read_files += 1
            report.documents += result.documents
            report.refused_documents += result.refused
            for problem in result.problems:
                (report.refused if problem.is_error else report.warnings).append(problem)
            batch.extend(result.prepared)
            if result.stamp is not None and not result.refused:
                stamps.append(result.stamp)
            if len(batch) >= batch_size:
                flush()
            done += 1
            if progress is not None:
                progress(done, total)
        flush()
    return report


def sync_folders(
    store: Store,
    folders: Iterable[Path | str],
    limits: LimitsSettings | None = None,
    progress: Progress | None = None,
    *,
    bundled: Path = paths.BUNDLED_BRIEFS,
) -> LoadReport:
    """Bring the library up to date with ``folders``, reading only changed files.

    What the reader runs at start over ``library.sync``; a folder that does not exist is
    listed in ``report.missing`` rather than raising.

    The ``bundled`` folder (the checkout's ``briefs/``, which the default configuration
    lists) is a demo for a new library: it is synced only into a library with no briefs
    yet, or one that already holds briefs synced from it (kept up to date). A library
    the user already has is changed only by the other folders.
    """
    folders = [Path(f) for f in folders]
    demo = bundled.resolve()
    if any(f.resolve() == demo for f in folders) and not _takes_the_demo(store, demo):
        folders = [f for f in folders if f.resolve() != demo]
    return load_paths(store, folders, limits, skip_unchanged_files=True, progress=progress)


def _takes_the_demo(store: Store, demo: Path) -> bool:
    """A new (empty) library, or one the demo briefs were synced into before."""
    return store.count_briefs() == 0 or store.has_files_under(str(demo))
