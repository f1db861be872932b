"""The reader's garbage-collector schedule: taken over at mount, given back at unmount,
a full collection once per pause in the input."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from briefing.tui.collector import QuietCollector


def test_start_and_stop_take_and_give_back_the_schedule() -> None:
    before = gc.get_threshold()
    collector = QuietCollector()
    collector.start()
    try:
        assert gc.get_threshold() == QuietCollector.THRESHOLDS
        assert gc.get_freeze_count() > 0
    finally:
        collector.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_full_collection_once_per_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    collections: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: collections.append(generation) or 0)
    now = [100.0]
    monkeypatch.setattr("briefing.tui.collector.time.monotonic", lambda: now[0])
    collector = QuietCollector()
    collector.tick()
    assert collections == []  # no input yet: nothing to clean up after
    collector.input_seen()
    now[0] += QuietCollector.IDLE_AFTER / 2
    collector.tick()
    assert collections == []  # still typing
    now[0] += QuietCollector.IDLE_AFTER
    collector.tick()
    collector.tick()
    assert collections == [2]  # once for this pause
    collector.input_seen()
    now[0] += QuietCollector.IDLE_AFTER
    collector.tick()
    assert collections == [2, 2]


async def test_the_reader_runs_with_the_schedule_and_gives_it_back(tmp_path: Path) -> None:
    from helpers.tui import make_app, make_library, settle

    before = gc.get_threshold()
    app = make_app(make_library(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert gc.get_threshold() == QuietCollector.THRESHOLDS
        await pilot.press("j")
        assert app.collector._collected is False  # the key counted as input
    assert gc.get_threshold() == before
