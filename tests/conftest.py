"""Shared fixtures. Everything a test reads lives under tests/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT


def pytest_configure(config: pytest.Config) -> None:
    """Byte-compile briefing and the benchmarks once, before any test runs, as an
    install does.

    Hundreds of tests start ``python -m briefing`` (or a benchmark) as a subprocess.
    In a fresh clone, under ``PYTHONDONTWRITEBYTECODE=1`` (some CI and sandbox
    environments set it), none of them writes bytecode, so every one compiled every
    module it imports from source again: about a third of a CLI call's CPU time. Python
    checks each cached file against its source's mtime, so stale bytecode is never used.
    Done in the controller only (pytest-xdist workers have ``workerinput``)."""
    import compileall
    import importlib.util

    if hasattr(config, "workerinput"):
        return
    spec = importlib.util.find_spec("briefing")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in [*folders, str(ROOT / "benchmarks")]:
        compileall.compile_dir(folder, quiet=2, force=False)


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the developer's own config or library."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    for name in list(os.environ):
        if name.startswith("BRIEFING_"):
            monkeypatch.delenv(name)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
