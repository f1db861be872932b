"""Helpers for the screen tests (``tests/tui/test_tui_screens*.py``, ``test_tui_across.py``):
the screens' fixture briefs, a library built from briefs, waiting for the workers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from textual.pilot import Pilot

from briefing.model import Brief, validate_brief
from briefing.store import Store
from helpers import TESTS
from helpers.tui import screen_text

__all__ = ["FIXTURES", "assert_literal", "build_library", "fixture_briefs", "screen_text", "settle"]

FIXTURES = TESTS / "fixtures" / "tui_screens"


def fixture_briefs() -> list[Brief]:
    briefs = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        brief, problems = validate_brief(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert brief is not None, (path, problems)
        briefs.append(brief)
    return briefs


def build_library(path: Path, briefs: list[Brief]) -> Path:
    with Store(path) as store:
        store.import_briefs([(b, None) for b in briefs])
    return path


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and their results reach the screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def assert_literal(text: str) -> None:
    """No escape sequence or bell reached the screen: brief text was shown literally."""
    assert "\x1b" not in text and "\x07" not in text
