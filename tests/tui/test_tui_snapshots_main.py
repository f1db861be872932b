"""Snapshots of the main screen (wide and narrow) and the help screen.

Update after an intended change with
``pytest tests/tui/test_tui_snapshots_main.py --snapshot-update`` and look at
``snapshot_report.html`` before committing the new SVGs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers.tui import make_app, make_library, settle


def _app(tmp_path: Path, **ui: Any) -> Any:
    return make_app(make_library(tmp_path), **ui)


async def _settled(pilot: Any) -> None:
    await settle(pilot)


def test_main_wide(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=(160, 48), run_before=_settled)


def test_main_wide_actor_selected(snap_compare: Any, tmp_path: Path) -> None:
    async def select(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("n", "n", "n", "4")
        await settle(pilot)

    assert snap_compare(_app(tmp_path), terminal_size=(160, 48), run_before=select)


def test_main_narrow(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=(80, 24), run_before=_settled)


def test_main_narrow_positions(snap_compare: Any, tmp_path: Path) -> None:
    async def positions(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)

    assert snap_compare(_app(tmp_path), terminal_size=(80, 24), run_before=positions)


def test_main_light_theme(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(
        _app(tmp_path, theme="textual-light"), terminal_size=(160, 48), run_before=_settled
    )


def test_help(snap_compare: Any, tmp_path: Path) -> None:
    async def help_screen(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot, ready=None)

    assert snap_compare(_app(tmp_path), terminal_size=(160, 48), run_before=help_screen)
