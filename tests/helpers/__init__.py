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
