"""Helpers shared by the tests (importable as ``helpers.…``: ``tests/`` is on the path,
see ``pythonpath`` in pyproject.toml). Nothing here is a test; the paths below are how
a test in any area folder finds the fixtures and the repository.
"""

from __future__ import annotations

from pathlib import Path

#: The ``tests/`` folder.
TESTS = Path(__file__).resolve().parent.parent
#: Everything a test reads lives here.
FIXTURES = TESTS / "fixtures"
#: The repository (for ``briefs/``, ``benchmarks/``, ``src/``, ``pyproject.toml``).
ROOT = TESTS.parent

#: A library's tables with one or more rows per brief (keyed by its ``brief_key``).
CHILD_TABLES = (
    "brief_actors",
    "positions",
    "open_questions",
    "timeline_events",
    "sources",
    "brief_tags",
)
