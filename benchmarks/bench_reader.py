"""Targets 3b and 7: the reader on the big library, against an empty Textual app
(3a, the cold start in a real terminal, is in ``bench_coldstart``).

Everything runs headless at 160×48 with ``App.run_test``. Definitions, identical for the
reader and the empty app (``class Empty(App): pass``):

* **first frame**: from entering ``run_test`` until the app has settled and painted:
  every message queued on the screen and its widgets is handled
  (``Pilot.pause(0)``, which ends by forcing the screen's pending repaint), no worker
  is pending or running, and — for the reader — the main brief list shows real rows
  (its first visible rows are loaded, not placeholders). The reader is opened on a
  database that already holds the library, with no folders to sync.
* **keypress**: from sending ``j`` through the headless driver (as ``Pilot.press``
  does, minus its two fixed ``wait_for_idle`` sleeps of 20 ms or more) until settled
  and painted as above. In the reader ``j`` moves the list cursor (the brief panes
  follow once the cursor rests, 40 ms later); in the empty app ``j`` repaints its
  screen, since a key that changes nothing paints nothing and is no floor for one that
  must repaint. A key the empty app ignores is measured too and reported beside.

Rounds interleave the two apps (empty first on even rounds, reader first on odd) after
one untimed warm-up round of each, and the medians are compared.

Target 7 runs in a child process (``--memory reader|empty``) that opens the app, pages
through the list, and reports ``ru_maxrss``.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import inspect
import json
import os
import resource
import shutil
import subprocess
import sys
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from benchmarks.common import (
    Result,
    Sizes,
    Skip,
    absolute_result,
    ensure_db,
    log,
    median,
    need,
    need_store,
    ratio_result,
    settings_for,
    tmp_dir,
)

SIZE = (160, 48)
SETTLE_TIMEOUT = 30.0
SMALL_LIBRARY = 1_000


def reader_factory(db: Path) -> Callable[[], Any]:
    (app_cls,) = need("briefing.tui.app", "BriefingApp")
    settings = settings_for(db)
    params = inspect.signature(app_cls).parameters
    kwargs: dict[str, Any] = {}
    if "settings" in params:
        kwargs["settings"] = settings
    if "db_path" in params:
        kwargs["db_path"] = db
    elif "database" in params:
        kwargs["database"] = db
    for name in ("sync", "sync_on_start"):
        if name in params:
            kwargs[name] = False
    return lambda: app_cls(**kwargs)


def empty_factory() -> Callable[[], Any]:
    """An empty Textual app (no widgets) whose ``j`` repaints its screen.

    Its ``j`` is the floor of a keypress that repaints: the reader's ``j`` must repaint
    (the cursor moves), so the floor repaints too. A key the app ignores (``x``, which
    repaints nothing) is measured beside it and reported.
    """
    from textual.app import App
    from textual.binding import Binding

    class Empty(App[None]):
        BINDINGS: ClassVar[list[Binding]] = [Binding("j", "repaint", "repaint")]

        def action_repaint(self) -> None:
            self.screen.refresh()

    return Empty


def one_list_factory() -> Callable[[], Any]:
    """The least a list viewer can be: one Line-API widget drawing 46 lines of text, no
    data, no I/O. Its first frame, beside the empty app's, shows what one widget that
    draws something costs before any of the reader's work."""
    from rich.segment import Segment
    from textual.app import App, ComposeResult
    from textual.geometry import Size
    from textual.scroll_view import ScrollView
    from textual.strip import Strip

    class Rows(ScrollView):
        def on_mount(self) -> None:
            self.virtual_size = Size(44, 1000)

        def render_line(self, y: int) -> Strip:
            return Strip([Segment(f" row {y + self.scroll_offset.y}".ljust(44))])

    class OneList(App[None]):
        CSS = "Rows { width: 46; }"

        def compose(self) -> ComposeResult:
            yield Rows()

    return OneList


def brief_list_ready(app: Any) -> bool:
    """The main list exists and its first visible rows are loaded (not placeholders)."""
    widget = _brief_list(app)
    if widget is None:
        return False
    row = getattr(widget, "row", None)
    if row is None:
        return True
    count = getattr(widget, "count", None)
    if count == 0:
        return True
    top = int(getattr(widget, "scroll_offset", (0, 0))[1] // getattr(widget, "ROW_HEIGHT", 1))
    return row(top) is not None


def _brief_list(app: Any) -> Any:
    """The screen's brief list, looked up once per screen (a DOM query per check would
    be harness cost charged to the reader)."""
    screen = app.screen
    found = _LISTS.get(screen)
    if found is None:
        try:
            lists = [w for w in screen.query("*") if type(w).__name__ == "BriefList"]
        except Exception:
            return None
        if not lists:
            return None
        found = _LISTS[screen] = lists[0]
    return found


_LISTS: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def _quiet(app: Any, *, callbacks: bool = True) -> bool:
    """No message queued or being handled, and (``callbacks``) no callback waiting, on
    the app and every node mounted in it (``Pilot.pause`` waits for the current screen's;
    the other screens' are idle or their work counts too): each one's message loop is
    blocked waiting for its next message."""
    # The app, then every node mounted in it (a set: cheaper than walking the DOM).
    for node in (app, *app._registry):
        queue = node._message_queue
        if queue.values or node._pending_message is not None:
            return False
        if callbacks and node._next_callbacks:
            return False
        if not queue.ready_event._waiters:  # not waiting: inside a handler right now
            return False
    return True


async def settle(pilot: Any, ready: Callable[[Any], bool] | None = None) -> None:
    """Wait until messages are handled, workers are done, ``ready`` holds; then paint.

    ``Pilot.pause`` does this by posting a callback to every widget and waiting for all
    of them, which costs each widget a message round trip (about 1 ms for the reader's
    dozen and a half widgets, against 0.2 ms for the empty app) that no real keypress
    pays. Here the same nodes are polled instead: every message queue drained, no
    handler running, no callback pending; then the screen's pending repaint is forced,
    as ``Pilot.pause`` ends by doing, and the check repeats until nothing new arrived.
    """
    from textual.worker import WorkerState

    app = pilot.app
    deadline = time.perf_counter() + SETTLE_TIMEOUT
    while True:
        await asyncio.sleep(0)
        if time.perf_counter() > deadline:
            raise TimeoutError("the app never settled")
        if not _quiet(app):
            continue
        busy = [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        if busy:
            await app.workers.wait_for_complete(busy)
            continue
        if ready is not None and not ready(app):
            await asyncio.sleep(0.0005)
            continue
        app.screen._on_timer_update()  # paint what is pending now, not at the next tick
        if _quiet(app):
            return


async def press(pilot: Any, key: str) -> None:
    """Send one key the way ``Pilot.press`` does, without its idle waits.

    ``Pilot.press`` follows each key with ``wait_for_idle`` twice, which sleeps at least
    20 ms each time whatever the app does: that would add ~40 ms of sleep to every
    figure. The key goes through the driver like a real one; ``settle`` then waits for
    exactly the work it caused.
    """
    import unicodedata

    from textual import events

    char = key if len(key) == 1 else None
    if char is None:
        try:
            char = unicodedata.lookup(key.upper().replace("_", " "))
        except KeyError:
            char = None
    event = events.Key(key, char)
    event.set_sender(pilot.app)
    # What the driver's send_message does (a real key arrives from the input thread),
    # but waiting until the key is in the app's queue: otherwise ``settle`` may look
    # before it lands, return at once, and charge this key to the next one.
    app = pilot.app
    queued = asyncio.run_coroutine_threadsafe(app._post_message(event), loop=app._driver._loop)
    await asyncio.wrap_future(queued)


async def timed_press(pilot: Any, key: str, ready: Callable[[Any], bool] | None) -> float:
    """Seconds from sending ``key`` until settled and painted."""
    t0 = time.perf_counter()
    await press(pilot, key)
    await settle(pilot, ready)
    return time.perf_counter() - t0


async def one_round(
    make_app: Callable[[], Any],
    ready: Callable[[Any], bool] | None,
    keys: int,
    key: str = "j",
    after: Callable[[Any], Any] | None = None,
    ignored_key: str | None = None,
) -> dict[str, Any]:
    gc.collect()
    app = make_app()
    out: dict[str, Any] = {}
    start = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, ready)
        out["first_frame"] = time.perf_counter() - start
        out["keys"] = [await timed_press(pilot, key, ready) for _ in range(keys)]
        if ignored_key is not None:
            out["ignored"] = [await timed_press(pilot, ignored_key, ready) for _ in range(keys)]
        if after is not None:
            out.update(await after(pilot))
    return out


async def _run_async(
    sizes: Sizes, db: Path, empty_db: Path, small_db: Path | None
) -> dict[str, Any]:
    make_reader = reader_factory(db)
    make_blank = reader_factory(empty_db)
    make_small = reader_factory(small_db) if small_db is not None else None
    make_empty = empty_factory()
    make_one_list = one_list_factory()
    log("  [3] warm-up round (untimed)")
    await one_round(make_empty, None, 1, ignored_key="x")
    await one_round(make_one_list, None, 0)
    await one_round(make_reader, brief_list_ready, 1)
    await one_round(make_blank, brief_list_ready, 1)
    if make_small is not None:
        await one_round(make_small, brief_list_ready, 1)
    rounds: dict[str, list[dict[str, Any]]] = {
        "empty": [],
        "reader": [],
        "blank": [],
        "small": [],
        "one_list": [],
    }
    empty_rounds, reader_rounds = rounds["empty"], rounds["reader"]
    for i in range(sizes.rounds):
        apps = [
            ("empty", make_empty, None),
            ("reader", make_reader, brief_list_ready),
            ("blank", make_blank, brief_list_ready),
        ]
        if make_small is not None:
            apps.append(("small", make_small, brief_list_ready))
        if i % 2:
            apps.reverse()
        for name, make, ready in apps:
            ignored = "x" if name == "empty" else None
            res = await one_round(make, ready, sizes.keys, ignored_key=ignored)
            rounds[name].append(res)
        rounds["one_list"].append(await one_round(make_one_list, None, 0))
        log(
            f"  [3] round {i + 1}/{sizes.rounds}: first frame empty "
            f"{empty_rounds[-1]['first_frame'] * 1e3:.0f} ms, reader "
            f"{reader_rounds[-1]['first_frame'] * 1e3:.0f} ms"
        )
    return rounds


def run(sizes: Sizes) -> list[Result]:
    r3a = Result(
        "3a",
        f"Reader first frame, {sizes.library_n:,} briefs, 160×48",
        floor_label="empty Textual app's first frame, same run",
    )
    r3b = Result(
        "3b",
        "Reader keypress (j on the list) to repaint",
        floor_label="keypress repainting the empty app, same run",
    )
    try:
        store_cls = need_store()
        need("briefing.tui.app", "BriefingApp")
        db = ensure_db(sizes.library_n)
    except Skip as exc:
        r3b.details = f"SKIP ({exc})"
        return [r3b]
    work = tmp_dir("reader-")
    try:
        empty_db = work / "empty.db"
        store_cls(empty_db).close()
        # The same reader on a small library, to show what the library's size costs.
        small_db = ensure_db(SMALL_LIBRARY) if sizes.library_n > SMALL_LIBRARY else None
        data = asyncio.run(_run_async(sizes, db, empty_db, small_db))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    blank_ff = [r["first_frame"] * 1e3 for r in data["blank"]]
    blank_keys = [t * 1e3 for r in data["blank"] for t in r["keys"]]
    empty_ff = [r["first_frame"] * 1e3 for r in data["empty"]]
    reader_ff = [r["first_frame"] * 1e3 for r in data["reader"]]
    ratio_result(r3a, median(reader_ff), median(empty_ff), 1.3, unit="ms")
    r3a.details = (
        f"medians of {len(reader_ff)} interleaved rounds; reader "
        f"{', '.join(f'{t:.0f}' for t in reader_ff)} ms; empty "
        f"{', '.join(f'{t:.0f}' for t in empty_ff)} ms; the reader on an empty "
        f"library (its widgets, no brief to show): {median(blank_ff):.0f} ms"
    )
    one_list_ff = median([r["first_frame"] * 1e3 for r in data["one_list"]])
    r3a.details += (
        f"; an app with one Line-API list widget and nothing else: {one_list_ff:.0f} ms "
        f"({one_list_ff / median(empty_ff):.2f}× the empty app)"
    )
    small_ff = [r["first_frame"] * 1e3 for r in data["small"]]
    if small_ff:
        r3a.details += (
            f"; on a {SMALL_LIBRARY:,}-brief library: {median(small_ff):.0f} ms, so "
            f"{sizes.library_n:,} briefs cost {median(reader_ff) / median(small_ff):.2f}× "
            f"{SMALL_LIBRARY:,}"
        )
    empty_keys = [t * 1e3 for r in data["empty"] for t in r["keys"]]
    reader_keys = [t * 1e3 for r in data["reader"] for t in r["keys"]]
    ignored_keys = [t * 1e3 for r in data["empty"] for t in r["ignored"]]
    ratio_result(r3b, median(reader_keys), median(empty_keys), 1.2, unit="ms")
    r3b.details = (
        f"medians of {len(reader_keys)} presses; reader max "
        f"{max(reader_keys):.1f} ms, empty max {max(empty_keys):.1f} ms; the reader "
        f"on an empty library: {median(blank_keys):.1f} ms; a key the empty app "
        f"ignores (paints nothing): {median(ignored_keys):.2f} ms, ratio "
        f"{median(reader_keys) / median(ignored_keys):.1f}×"
    )
    # The headless first frame, target 3a until issue 14 (no list viewer can meet 1.3×
    # an app that shows nothing): reported beside 3b; 3a is now the cold start in tmux.
    r3b.details += (
        f"; headless first frame at 160×48 (run_test, not a target): reader "
        f"{r3a.value_text()} against the empty app's {r3a.floor_text()} "
        f"({r3a.ratio_text()}): {r3a.details}"
    )
    return [r3b]


# -- target 7: memory, in a child process ---------------------------------------------------


async def _memory_child(kind: str, db: Path | None, pages: int) -> dict[str, Any]:
    make = reader_factory(db) if kind == "reader" else empty_factory()
    ready = brief_list_ready if kind == "reader" else None
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, ready)
        for _ in range(pages):
            await pilot.press("pagedown")
            await settle(pilot, ready)
        await pilot.press("end")
        await settle(pilot, ready)
        for _ in range(pages // 4):
            await pilot.press("pageup")
            await settle(pilot, ready)
        await pilot.press("home")
        await settle(pilot, ready)
    return {"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


def run_memory(sizes: Sizes) -> list[Result]:
    result = Result(
        "7",
        f"Reader peak memory (RSS), {sizes.library_n:,} briefs",
        floor_label="empty Textual app, same steps",
    )
    need_store()
    need("briefing.tui.app", "BriefingApp")
    db = ensure_db(sizes.library_n)
    pages = 20 if sizes.name == "smoke" else 200
    rss = {}
    for kind in ("empty", "reader"):
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.bench_reader",
                "--memory",
                kind,
                "--db",
                str(db),
                "--pages",
                str(pages),
            ],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
            env=os.environ.copy(),
            timeout=300,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"memory child ({kind}) failed:\n{proc.stderr[-3000:]}")
        rss[kind] = json.loads(proc.stdout.strip().splitlines()[-1])["maxrss_kb"] / 1024
    absolute_result(result, rss["reader"], rss["empty"], 200.0, "MB")
    db_bytes = sum(
        Path(str(db) + s).stat().st_size for s in ("", "-wal") if Path(str(db) + s).exists()
    )
    result.details = (
        f"database {db_bytes / 1e6:,.0f} MB ({db_bytes / sizes.library_n:,.0f} "
        f"B/brief); paged down {pages} pages, to the end, up "
        f"{pages // 4} pages, home"
    )
    result.extra = {"db_bytes": db_bytes, "rss_mb": rss}
    return [result]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--memory", choices=("reader", "empty"), required=True)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args(argv)
    out = asyncio.run(_memory_child(args.memory, args.db, args.pages))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
