"""Hostile input and faults, round 2 (issue 17): each failure reproduced through the
CLI or the store as a user meets it, then the promise it breaks checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_robust_helpers import (
    TRACEBACK,
    Result,
    run_cli,
    write_briefs,
)


def _one_line_failure(result: Result, *needles: str) -> None:
    assert result.returncode == 2, str(result)
    assert TRACEBACK not in result.output, str(result)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, str(result)
    for needle in needles:
        assert needle in lines[0], f"{needle!r} not named\n{result}"


# -- 12: tracebacks instead of one line -------------------------------------------------------


def test_search_limit_too_large_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    assert run_cli("load", *write_briefs(tmp_path / "in", range(2)), db=db).returncode == 0
    result = run_cli("search", "--limit", "9223372036854775808", "russia", db=db)
    # A usage error, in click's usual form: usage, hint, and the one line that says why.
    assert result.returncode == 2, str(result)
    assert TRACEBACK not in result.output, str(result)
    assert "Error: Invalid value for '--limit'" in result.stderr, str(result)


@pytest.mark.parametrize(
    ("variable", "value", "command"),
    [
        ("BRIEFING_LIBRARY__SYNC", "/etc", "list"),
        ("BRIEFING_FEEDS", "x", "config"),
        ("BRIEFING_LIMITS", "x", "config"),
    ],
)
def test_unparsable_environment_variable_is_one_line(
    tmp_path: Path, variable: str, value: str, command: str
) -> None:
    result = run_cli(command, db=tmp_path / "lib.db", env={variable: value})
    _one_line_failure(result, f"${variable}")
    assert not (tmp_path / "lib.db").exists()
