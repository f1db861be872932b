"""Promises the command line makes to a new user (issue 13): piped ``show`` carries every
word, ``read`` refuses an unknown id and a missing terminal, ``list`` knows read state.

Run through click's CliRunner (stdout is not a terminal there, as when piped) or as a
real subprocess where the terminal itself matters.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import briefing.cli.library  # noqa: F401  (registers the commands)
from briefing.cli import cli
from briefing.store import Store

LONG = "word" + " lengthy" * 60 + " lastword"

BRIEF = f"""\
format: briefing/1
id: long-lines
title: A brief whose every text is longer than a terminal line
date: 2031-04-02
source:
  title: {LONG}
  publisher: The Test Gazette
  url: https://gazette.example/{"a" * 150}/end-of-url
summary: |
  Bottom line: {LONG} summary-end.
actors:
  - id: speaker
    name: Speaker
    kind: person
    role: {LONG} role-end
positions:
  - actor: speaker
    topic: {LONG} topic-end
    position: {LONG} position-end
    quote: "{LONG} quote-end"
    stance: supports
    attribution: on-record
    date: 2031-04-01
open_questions:
  - id: long-question
    question: {LONG} question-end?
    status: open
    likelihood: likely
    confidence: moderate
    context: {LONG} context-end.
    actors: [speaker]
timeline:
  - date: 2031-04-01
    event: {LONG} event-end.
    actors: [speaker]
"""

OTHER = """\
format: briefing/1
id: short-one
title: A short brief
date: 2031-04-01
summary: Short.
actors:
  - id: speaker
    name: Speaker
    kind: person
"""


@pytest.fixture
def db(tmp_path: Path) -> Path:
    folder = tmp_path / "briefs"
    folder.mkdir()
    (folder / "long.yaml").write_text(BRIEF, encoding="utf-8")
    (folder / "short.yaml").write_text(OTHER, encoding="utf-8")
    path = tmp_path / "library.db"
    result = run(path, "load", folder)
    assert result.exit_code == 0, result.output
    return path


def run(db: Path, *args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(
        cli, ["--db", str(db), *map(str, args)], catch_exceptions=False, env=env
    )


# -- 1. piped show ----------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["80", "100"])
def test_piped_show_carries_every_word(db: Path, columns: str) -> None:
    """Piped or redirected, ``show`` wraps nothing and cuts nothing, whatever the
    terminal it was started from says its width is."""
    result = run(db, "show", "long-lines", env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "\x1b" not in out
    for end in (
        "summary-end.",
        "role-end",
        "topic-end",
        "position-end",
        "quote-end",
        "question-end?",
        "context-end.",
        "event-end.",
        "/end-of-url",
    ):
        # Each long text on one line, whole: nothing wrapped, nothing cut.
        lines = [line for line in out.splitlines() if end in line]
        assert lines, f"{end!r} missing from piped show"
        assert LONG in lines[0] or end == "/end-of-url", end
    # Including the short meta lines that used to be cut at the console width.
    assert "confidence: moderate" in out
    assert not any(line != line.rstrip() for line in out.splitlines()), "trailing blanks"


# -- 3. read state in list ----------------------------------------------------------------


def test_list_json_has_read_and_unread_filters(db: Path) -> None:
    with Store(db) as store:
        store.set_read("short-one", True)
    rows = json.loads(run(db, "list", "--json").stdout)
    assert [(r["id"], r["read"]) for r in rows] == [("long-lines", False), ("short-one", True)]
    unread = json.loads(run(db, "list", "--unread", "--json").stdout)
    assert [r["id"] for r in unread] == ["long-lines"]
    piped = run(db, "list", "--unread").stdout.splitlines()
    assert len(piped) == 1 and "long-lines" in piped[0]
    with Store(db) as store:
        store.set_read("long-lines", True)
    nothing = run(db, "list", "--unread")
    assert nothing.exit_code == 0 and nothing.stdout == ""
    assert "No briefs match" in nothing.stderr


# -- 4. read with an unknown id -----------------------------------------------------------


def test_read_unknown_id_fails_like_show(db: Path) -> None:
    result = run(db, "read", "no-such-id")
    assert result.exit_code == 1
    assert result.stderr.startswith("briefing: no brief 'no-such-id'")
    assert len(result.stderr.splitlines()) == 1


# -- 5. the reader without a terminal -----------------------------------------------------


def _reader(
    db: Path, *args: str, stdin: int | None = None
) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run the reader with no terminal; returns the process and the CPU seconds it used
    (user + system: unlike wall time, hardly inflated by other work on a busy machine)."""
    env = {**os.environ, "BRIEFING_DB": str(db)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=20,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done, cpu


@pytest.mark.parametrize("args", [(), ("read",), ("read", "long-lines")])
def test_reader_without_a_terminal_refuses_at_once(db: Path, args: tuple[str, ...]) -> None:
    done, cpu = _reader(db, *args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stdout == ""
    assert "\x1b" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("briefing: ") and "terminal" in lines[0]
    # Interpreter start included; the refusal itself is immediate. CPU, not wall time: at a
    # load average of 9 the wall time of the same start passed 5 s. A reader that waited
    # for a terminal instead of refusing would hit the 20 s timeout above.
    assert cpu < 5
