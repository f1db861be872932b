"""Worker processes, one way for every pool briefing starts (the folder sync's readers,
the fetch's brief parser): how they start, that Ctrl-C is the parent's alone, that they
die with their parent, and how they are stopped when they cannot be waited for.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

#: How often a worker checks that its parent is alive, where the kernel cannot tell it.
PARENT_POLL_S = 1.0
#: How long a stopped pool's manager thread may take to notice its workers are gone.
MANAGER_GRACE_S = 1.0


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill ``pool``'s worker processes and let it go without waiting for them."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)  # shutdown() forgets it
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.kill()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(1)
    if manager is not None:
        _forget_manager(manager)


def _forget_manager(manager: threading.Thread) -> None:
    """Make sure a stopped pool's manager thread cannot keep the process alive at exit.

    Two ways it could, both seen after Ctrl-C: a worker killed in the middle of sending
    a result leaves the manager blocked for good reading the rest of that message, and
    the interpreter joins it at exit (a hang); and on Python 3.11 the exit hook wakes
    every manager through its pipe, already closed for a pool whose workers were killed
    (a traceback). A manager still running after a short wait is therefore treated as a
    daemon thread: the exit hook and the interpreter no longer wait for it.
    """
    import concurrent.futures.process as futures_process

    with contextlib.suppress(Exception):
        manager.join(MANAGER_GRACE_S)
    with contextlib.suppress(Exception):
        futures_process._threads_wakeups.pop(manager, None)
    if manager.is_alive():
        lock = getattr(manager, "_tstate_lock", None)
        with contextlib.suppress(Exception), threading._shutdown_locks_lock:  # type: ignore[attr-defined]
            threading._shutdown_locks.discard(lock)  # type: ignore[attr-defined]


def init_worker(parent: int) -> None:
    """What every worker process does first: leave Ctrl-C to the parent, and die with
    it (see :func:`die_with_parent`)."""
    leave_ctrl_c_to_the_parent()
    die_with_parent(parent)


_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """End this worker when its parent ``parent`` dies, however it dies (``kill -9``
    too). A pool's workers wait on a pipe that they themselves hold open, so without
    this they would wait forever, each holding its memory.

    On Linux the kernel kills the worker (``PR_SET_PDEATHSIG``, through libc); a thread
    watching the parent's pid does it everywhere else, and is a fallback on Linux."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)
    threading.Thread(
        target=_watch_parent, args=(parent,), name="briefing-parent-watch", daemon=True
    ).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(PARENT_POLL_S)
        if os.getppid() != parent:
            os._exit(1)


def leave_ctrl_c_to_the_parent() -> None:
    """Workers ignore SIGINT. Ctrl-C reaches the whole foreground process group; a
    worker interrupted inside the pool's queue ``get`` can die holding the queue's lock,
    and then the other workers, and the parent joining them at exit, wait forever (and
    each interrupted worker prints a traceback). The parent alone handles Ctrl-C: its
    ``with ProcessPoolExecutor`` exit stops the workers after their current files."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def start_method() -> str:
    """fork when this process has one thread: fastest, and it does not re-run an
    unguarded ``__main__`` in every worker. With threads (the reader syncs from a
    worker thread), forking can deadlock the child on a lock some thread held: spawn."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "spawn"


def usable_cores() -> int:
    """The cores this process may run on (its affinity), else the machine's."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
