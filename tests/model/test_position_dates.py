"""A position's date may be a day, a month or a year (format v1, issue 13): validated,
stored, shown, exported and read back the same."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import briefing.cli.library  # noqa: F401  (registers the commands)
from briefing.cli import cli
from briefing.loader import load_bytes
from briefing.model import validate_brief
from briefing.render import brief_markdown
from briefing.serialise import dump_brief
from briefing.store import Store
from helpers.tui import make_app, settle

BRIEF = """\
format: briefing/1
id: partial-dates
title: Positions stated in a month or a year
date: 2024-05-30
summary: Bottom line first.
actors:
  - id: minister
    name: The Minister
    kind: person
positions:
  - actor: minister
    topic: Trainers
    position: Said in February that trainers might go.
    date: 2024-02
  - actor: minister
    topic: Budget
    position: Said during the year that the budget would grow.
    date: 2024
  - actor: minister
    topic: Talks
    position: Said on the day that talks would resume.
    date: 2024-05-29
"""


def _brief(text: str = BRIEF):  # type: ignore[no-untyped-def]
    data = yaml.safe_load(text)
    brief, problems = validate_brief(data)
    assert brief is not None, problems
    return brief


def test_month_and_year_are_accepted_and_kept_as_written() -> None:
    brief = _brief()
    assert [p.date for p in brief.positions] == ["2024-02", "2024", "2024-05-29"]


@pytest.mark.parametrize(
    ("value", "message"),
    [("2024-13", "impossible date"), ("2024-02-30", "impossible date"), ("Feb 2024", "not a date")],
)
def test_impossible_and_odd_dates_are_refused(value: str, message: str) -> None:
    brief, problems = validate_brief(
        yaml.safe_load(BRIEF.replace("date: 2024-02\n", f"date: '{value}'\n"))
    )
    assert brief is None
    assert any(loc[:3] == ("positions", 0, "date") and message in text for loc, text in problems), (
        problems
    )


def test_the_loader_reports_the_place(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BRIEF.replace("date: 2024-02\n", "date: 2024-02-30\n"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:14:11: positions[0].date: impossible date" in result.stdout


def test_yaml_export_reads_back_the_same() -> None:
    brief = _brief()
    text = dump_brief(brief)
    assert "date: 2024-02\n" in text and "date: 2024-05-29\n" in text
    again = load_bytes(text.encode(), "export.yaml")
    assert not again.errors
    assert again.briefs == [brief]


def test_stored_shown_and_listed(tmp_path: Path) -> None:
    db = tmp_path / "library.db"
    with Store(db) as store:
        store.import_brief(_brief(), origin=None)
        assert store.get_brief("partial-dates") == _brief()
        dates = [row.date for row in store.actor_positions("minister")]
        assert dates == ["2024-02", "2024", "2024-05-29"]
    shown = CliRunner().invoke(cli, ["--db", str(db), "show", "partial-dates"]).stdout
    assert "said: 2024-02" in shown and "said: 2024\n" in shown
    assert "2024-02" in brief_markdown(_brief())


async def test_the_reader_shows_a_month(tmp_path: Path) -> None:
    db = tmp_path / "library.db"
    with Store(db) as store:
        store.import_brief(_brief(), origin=None)
    app = make_app(db)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        text = "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert "2024-02" in text
