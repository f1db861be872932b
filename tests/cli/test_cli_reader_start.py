"""``briefing`` opens the reader without click when that is all it is asked
(:mod:`briefing.startup`); everything else, and every usage error, is click's as before."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing.startup import reader_arguments
from helpers.robust import cli_env


def test_what_opens_the_reader_at_once(tmp_path: Path) -> None:
    db, config = tmp_path / "lib.db", tmp_path / "config.yaml"
    env: dict[str, str] = {}
    assert reader_arguments([], env) == (None, None, None)
    assert reader_arguments(["--db", str(db)], env) == (None, db, None)
    assert reader_arguments([f"--db={db}", "--config", str(config)], env) == (config, db, None)
    assert reader_arguments(["--config", str(config), "read"], env) == (config, None, None)
    assert reader_arguments(["read", "some-brief"], env) == (None, None, "some-brief")
    # the variables click reads, for options not given
    with_vars = {"BRIEFING_DB": str(db), "BRIEFING_CONFIG": str(config)}
    assert reader_arguments([], with_vars) == (config, db, None)
    assert reader_arguments(["--db", "other.db"], with_vars) == (config, Path("other.db"), None)


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--version"],
        ["list"],
        ["read", "--help"],
        ["read", "a", "b"],
        ["--db"],
        ["--db", ""],
        ["--db", "x.db", "--db", "y.db"],
        ["--db", "-x"],
        ["--db", "FOLDER"],  # a folder: click says it is one
        ["--verbose"],
        ["--", "read"],
        ["show", "read"],
    ],
)
def test_anything_else_goes_to_click(argv: list[str], tmp_path: Path) -> None:
    argv = [str(tmp_path) if a == "FOLDER" else a for a in argv]
    assert reader_arguments(argv, {}) is None


def test_an_empty_variable_goes_to_click() -> None:
    assert reader_arguments([], {"BRIEFING_DB": ""}) is None


def _run(module_args: list[str], args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *module_args, *args],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--db", "LIB"],  # no terminal: the reader refuses, one line
        ["--db", "LIB", "read", "no-such-brief"],  # an unknown brief, as `show` says it
        ["--db", "FOLDER"],  # click's usage error
    ],
)
def test_the_reader_start_says_what_click_said(args: list[str], tmp_path: Path) -> None:
    """Same message, same exit status, through the fast start and through click."""
    (tmp_path / "folder").mkdir()
    config = tmp_path / "config.yaml"
    config.write_text("library:\n  sync: []\n")
    args = [
        str(tmp_path / "lib.db") if a == "LIB" else str(tmp_path / "folder") if a == "FOLDER" else a
        for a in args
    ]
    args = ["--config", str(config), *args]
    fast = _run(["-m", "briefing"], args)
    via_click = _run(["-c", "from briefing.cli import click_main; click_main()"], args)
    assert fast.returncode == via_click.returncode != 0
    assert fast.stderr.replace("-c", "briefing") == via_click.stderr.replace("-c", "briefing")
    assert fast.stderr.strip(), fast
    assert "Traceback" not in fast.stderr
