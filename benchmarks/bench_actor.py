"""Targets 4 and 4b: the actor screen for the actor with 5,000+ positions and for the
most frequent actor, on the big library.

**Actor screen**: from posting ``OpenActor`` — what the key on an actor posts — until
the actor screen has painted its first page: the header names the actor and the rows
at the top of the timeline are real rows (the timeline loads its rows by page, and a
placeholder is not a painted timeline: ``actor_ready``), no message is queued or being
handled, and the screen's pending repaint is forced (``settle_painted``). An actor in
thousands of briefs paints its card and first page before its layout and role spans
are read (a pass over all of its rows), so this does not wait for that worker; the
time until everything has settled (``settle`` as in ``bench_reader``: every worker
done, the full header and the list at its full length) is reported beside. The reader
is opened on the big library first (untimed); one untimed open warms the imports, then
``OPENS`` timed opens, each followed by ``j`` and ``end`` on the screen (reported
beside) and a pop back to the main screen. The reader keeps its actor screen between
opens (``ActorScreen.open_in``), so after the warm-up these opens show another actor on
a mounted screen; the first open of a session mounts one, and 4b reports that beside
(the kept screen removed before each of ``OPENS`` more opens). The empty app's
keypress is measured in the same run, for scale, and the empty app opening a screen of
four stock widgets. Beside the wall time, the event loop thread's CPU time per open
(``time.thread_time``): on a shared machine the wall time mostly measures waiting for a
core, the CPU time what the open itself costs (the worker's queries are not in it).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from benchmarks import generate
from benchmarks.bench_reader import (
    SETTLE_TIMEOUT,
    SIZE,
    _quiet,
    brief_list_ready,
    empty_factory,
    one_round,
    reader_factory,
    settle,
    timed_press,
)
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
)

OPENS = 5


def actor_ready(actor_id: str) -> Callable[[Any], bool]:
    """The actor screen shows this actor, its header is filled and the timeline's rows on
    screen are loaded (a paged timeline shows placeholders until its page arrives)."""

    def ready(app: Any) -> bool:
        screen = app.screen
        if type(screen).__name__ != "ActorScreen" or getattr(screen, "actor_id", None) != actor_id:
            return False
        if getattr(screen, "detail", True) is None and getattr(screen, "card", None) is None:
            return False
        timelines = [w for w in screen.query("*") if type(w).__name__ == "ActorTimeline"]
        if timelines:
            timeline = timelines[0]
            rows = getattr(timeline, "rows", None)
            if rows is not None:
                if len(rows) == 0:
                    return False
                row_at_line = getattr(timeline, "row_at_line", None)
                top = row_at_line(int(timeline.scroll_offset.y)) if row_at_line else 0
                if rows[top or 0] is None:
                    return False
        return True

    return ready


async def settle_painted(pilot: Any, ready: Callable[[Any], bool]) -> None:
    """Wait until ``ready`` holds and no message is queued or being handled; then force
    the screen's pending repaint. Workers still running (the rest of a big actor) are
    not waited for. Polled every 0.5 ms, so the poll leaves the GIL to them."""
    app = pilot.app
    deadline = time.perf_counter() + SETTLE_TIMEOUT
    while True:
        if time.perf_counter() > deadline:
            raise TimeoutError("the actor screen never painted its first page")
        if ready(app) and _quiet(app, callbacks=False):
            app.screen._on_timer_update()  # paint what is pending now, not at the next tick
            return
        await asyncio.sleep(0.0005)


async def drop_kept_screen(app: Any) -> None:
    """Remove the actor screen the reader keeps between opens (when it keeps one), so the
    next open mounts a new screen as the first open of a session does."""
    import importlib

    name = getattr(importlib.import_module("briefing.tui.screens.actor"), "KEPT_SCREEN", None)
    if name is None or not app.is_screen_installed(name):
        return
    screen = app.get_screen(name)
    if screen in app.screen_stack:
        return
    app.uninstall_screen(name)
    await screen.remove()


async def measure_actor(
    pilot: Any, actor_id: str, opens: int, *, new_screen: bool = False
) -> dict[str, Any]:
    """``opens`` timed opens of ``actor_id``; ``new_screen``: each on a newly mounted
    screen (the reader otherwise shows the screen it kept from the last open)."""
    (open_actor,) = need("briefing.tui.messages", "OpenActor")
    app = pilot.app
    base = app.screen
    times, complete, inner, cpu = [], [], [], []
    for _ in range(opens):
        if new_screen:
            await drop_kept_screen(app)
            await settle(pilot)
        t0, c0 = time.perf_counter(), time.thread_time()
        app.post_message(open_actor(actor_id))
        await settle_painted(pilot, actor_ready(actor_id))
        times.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
        await settle(pilot, actor_ready(actor_id))
        complete.append(time.perf_counter() - t0)
        for key in ("j", "end"):
            inner.append((key, await timed_press(pilot, key, None)))
        while app.screen is not base and len(app.screen_stack) > 1:
            app.pop_screen()
            await settle(pilot)
    return {"actor_open": times, "actor_complete": complete, "actor_keys": inner, "actor_cpu": cpu}


def empty_screen_app() -> Any:
    """An empty Textual app whose screens are what the actor screen's first frame
    shows, in stock widgets: a five-line header, a Line API list that scrolls, a
    twelve-line pane and a key line."""
    from rich.segment import Segment
    from textual.app import App
    from textual.geometry import Size
    from textual.screen import Screen
    from textual.scroll_view import ScrollView
    from textual.strip import Strip
    from textual.widgets import Static

    class Lines(ScrollView, can_focus=True):
        def on_mount(self) -> None:
            self.virtual_size = Size(0, 5000)

        def render_line(self, y: int) -> Strip:
            text = f"line {y + int(self.scroll_offset.y)} " * 8
            return Strip([Segment(text)]).crop_extend(0, self.size.width, None)

    class Plain(Screen[None]):
        AUTO_FOCUS = "Lines"

        def compose(self) -> Any:
            yield Static("name\nalso\nrole\nrole\ncounts")
            yield Lines()
            yield Static("detail " * 100, id="detail")
            yield Static("keys", id="keys")

    class Empty(App[None]):
        CSS = "#detail { height: 12; } #keys { dock: bottom; height: 1; } Lines { height: 1fr; }"

    return Empty(), Plain


async def empty_screen_opens(opens: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``opens`` pushes of the empty app's screen, each to its
    first paint as :func:`settle_painted` defines it (after one untimed push)."""
    app, plain = empty_screen_app()
    times, cpu = [], []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for n in range(opens + 1):
            t0, c0 = time.perf_counter(), time.thread_time()
            app.push_screen(plain())
            await settle_painted(pilot, lambda app: isinstance(app.screen, plain))
            if n:
                times.append(time.perf_counter() - t0)
                cpu.append(time.thread_time() - c0)
            await settle(pilot)
            app.pop_screen()
            await settle(pilot)
    return times, cpu


async def _run_async(db: Any, actor_id: str, top_id: str, keys: int) -> dict[str, Any]:
    empty = await one_round(empty_factory(), None, keys)
    plain_open, plain_cpu = await empty_screen_opens(OPENS)
    app = reader_factory(db)()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, brief_list_ready)
        await measure_actor(pilot, actor_id, 1)  # warm-up, untimed
        out = await measure_actor(pilot, actor_id, OPENS)
        # The most frequent actor: its first open is reported too (a cold page cache).
        top_first = await measure_actor(pilot, top_id, 1)
        top = await measure_actor(pilot, top_id, OPENS)
        top_new = await measure_actor(pilot, top_id, OPENS, new_screen=True)
    return {
        **out,
        "empty_keys": empty["keys"],
        "top_first": top_first["actor_open"],
        "top_open": top["actor_open"],
        "top_complete": top["actor_complete"],
        "top_cpu": top["actor_cpu"],
        "top_new": top_new["actor_open"],
        "top_new_cpu": top_new["actor_cpu"],
        "plain_open": plain_open,
        "plain_cpu": plain_cpu,
    }


def _top_actor(db: Any) -> tuple[str, int]:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        top = "SELECT id, brief_count FROM actors ORDER BY brief_count DESC, id LIMIT 1"
        row = conn.execute(top).fetchone()
    finally:
        conn.close()
    return row[0], row[1]


def run(sizes: Sizes) -> list[Result]:
    bench_positions = generate.manifest(generate.ensure_library(sizes.library_n, log=log))[
        "bench_actor_positions"
    ]
    r4 = Result(
        "4",
        f"Actor screen, actor with {bench_positions:,} positions: key to first page",
        floor_label="keypress in the empty app",
    )
    try:
        need_store()
        need("briefing.tui.app", "BriefingApp")
        need("briefing.tui.screens.actor", "ActorScreen")
        need("briefing.tui.messages", "OpenActor")
        db = ensure_db(sizes.library_n)
    except Skip as exc:
        r4.details = f"SKIP ({exc})"
        return [r4, Result("4b", "Actor screen, most frequent actor", details=r4.details)]
    top_id, top_briefs = _top_actor(db)
    data = asyncio.run(_run_async(db, generate.BENCH_ACTOR, top_id, sizes.keys))
    opens = [t * 1e3 for t in data["actor_open"]]
    inner = [(k, t * 1e3) for k, t in data["actor_keys"]]
    empty_keys = [t * 1e3 for t in data["empty_keys"]]
    absolute_result(r4, median(opens), median(empty_keys), 50.0, "ms")
    complete = [t * 1e3 for t in data["actor_complete"]]
    r4.details = (
        f"open (OpenActor → first page painted) median of {len(opens)}: "
        f"{', '.join(f'{t:.1f}' for t in opens)} ms; everything settled (header, layout, "
        f"all workers) {median(complete):.1f} ms; the event loop's CPU time per open "
        f"{median(data['actor_cpu']) * 1e3:.1f} ms; on the screen: "
        + ", ".join(f"{k} {t:.1f} ms" for k, t in inner[:4])
    )
    r4.extra = {
        "opens_ms": opens,
        "keys_ms": inner,
        "cpu_ms": [t * 1e3 for t in data["actor_cpu"]],
    }
    r4b = Result(
        "4b",
        f"Actor screen, most frequent actor ({top_briefs:,} briefs): key to first page",
        floor_label="keypress in the empty app",
    )
    top_opens = [t * 1e3 for t in data["top_open"]]
    absolute_result(r4b, median(top_opens), median(empty_keys), 50.0, "ms")
    top_complete = [t * 1e3 for t in data["top_complete"]]
    r4b.details = (
        f"{top_id}; open (OpenActor → first page painted) median of {len(top_opens)}: "
        f"{', '.join(f'{t:.1f}' for t in top_opens)} ms; everything settled (header, "
        f"layout, all workers) median {median(top_complete):.1f} ms; the event loop's CPU "
        f"time per open {median(data['top_cpu']) * 1e3:.1f} ms; its first open "
        f"{data['top_first'][0] * 1e3:.1f} ms; on a newly mounted screen each time (the "
        f"first open of a session) median {median(data['top_new']) * 1e3:.1f} ms, CPU "
        f"{median(data['top_new_cpu']) * 1e3:.1f} ms"
    )
    plain = (
        f"; for scale, an empty Textual app opening a screen of four stock widgets "
        f"(a Line API list among them) to its first paint: {median(data['plain_open']) * 1e3:.1f}"
        f" ms, CPU {median(data['plain_cpu']) * 1e3:.1f} ms"
    )
    r4.details += plain
    r4b.details += plain
    r4b.extra = {"opens_ms": top_opens, "cpu_ms": [t * 1e3 for t in data["top_cpu"]]}
    return [r4, r4b]
