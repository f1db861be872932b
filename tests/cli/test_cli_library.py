"""The library commands, run through click's CliRunner against a real SQLite file.

JSON output is parsed and checked field by field: it is a documented, stable interface.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

import briefing.cli.library as library_cli
from briefing.cli import cli
from briefing.loader import load_file
from briefing.store import Store
from helpers import TESTS

LIBRARY = TESTS / "fixtures" / "library"
BASE = sorted(LIBRARY.glob("*.yaml"))
V2 = LIBRARY / "v2" / "2031-03-05-strike-vote.yaml"
TALKS = "harbour-talks-2031-03-01"
VOTE = "strike-vote-2031-03-05"
DEAL = "harbour-deal-2031-03-09"

BAD = """\
format: briefing/1
id: bad-brief
title: Bad
date: 2031-03-02
summary: x
actors:
  - id: someone
    name: Someone
    kind: alien
positions:
  - actor: nobody
    topic: t
    position: p
shouting: yes
"""


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "library.db"


def run(db: Path, *args: str | Path) -> Result:
    runner = CliRunner()
    return runner.invoke(cli, ["--db", str(db), *map(str, args)], catch_exceptions=False)


@pytest.fixture
def loaded(db: Path) -> Path:
    result = run(db, "load", *BASE)
    assert result.exit_code == 0, result.output
    return db


def _json(result: Result) -> object:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- validate ---------------------------------------------------------------------------


def test_validate_good_files_and_folders(db: Path) -> None:
    result = run(db, "validate", LIBRARY)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "4 files, 4 briefs: 4 valid, 0 invalid (0 errors, 0 warnings)"
    ]
    assert not db.exists()  # validate does not touch the library


def test_validate_reports_every_problem_with_its_place(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD)
    result = run(db, "validate", bad, BASE[0])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{bad}:9:11: actors[0].kind:" in "\n".join(lines)
    assert any(
        line.startswith(f"{bad}:11:12: positions[0].actor: unknown actor 'nobody'")
        for line in lines
    )
    assert any("warning" in line and "shouting" in line for line in lines)
    assert lines[-1] == "2 files, 2 briefs: 1 valid, 1 invalid (2 errors, 1 warning)"


def test_validate_missing_path_is_a_clear_error(db: Path, tmp_path: Path) -> None:
    result = run(db, "validate", BASE[0], tmp_path / "typo.yaml")
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr and "typo.yaml" in result.stderr
    assert result.stdout == ""


# -- load -----------------------------------------------------------------------------------


def test_load_then_again_then_a_new_version(db: Path) -> None:
    first = run(db, "load", *BASE)
    assert first.exit_code == 0
    assert f"new: {TALKS}" in first.stdout.splitlines()
    assert (
        first.stdout.splitlines()[-1] == "3 new, 0 updated, 0 unchanged, 0 refused (3 files read)"
    )
    second = run(db, "load", *BASE)
    assert second.stdout.splitlines()[-1].startswith("0 new, 0 updated, 3 unchanged, 0 refused")
    third = run(db, "load", V2)
    assert f"updated: {VOTE}" in third.stdout.splitlines()


def test_load_imports_the_valid_and_refuses_the_rest(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(BASE[0], folder)
    (folder / "bad.yaml").write_text(BAD)
    result = run(db, "load", folder)
    assert result.exit_code == 1
    assert f"new: {TALKS}" in result.stdout
    assert "unknown actor 'nobody'" in result.stdout
    assert "1 new, 0 updated, 0 unchanged, 1 refused" in result.stdout
    with Store(db) as store:
        assert [b.id for b in store.iter_briefs()] == [TALKS]


def test_load_missing_path_loads_nothing(db: Path, tmp_path: Path) -> None:
    result = run(db, "load", BASE[0], tmp_path / "typo.yaml")
    assert result.exit_code == 2
    assert "typo.yaml" in result.stderr
    with Store(db) as store:
        assert store.count_briefs() == 0


def test_a_refused_load_leaves_the_library_byte_for_byte(loaded: Path, tmp_path: Path) -> None:
    with Store(loaded) as store:
        before = store.table_checksums()
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD)
    assert run(loaded, "load", bad).exit_code == 1
    with Store(loaded) as store:
        assert store.table_checksums() == before


# -- list, show, export -----------------------------------------------------------------------


def test_list_json_and_filters(loaded: Path) -> None:
    rows = _json(run(loaded, "list", "--json"))
    assert rows == [
        {
            "id": DEAL,
            "title": "Deal at Vessby delays automation by two years",
            "date": "2031-03-09",
            "tags": ["norland", "ports", "labour"],
            "read": False,
        },
        {
            "id": VOTE,
            "title": "Vessby dockworkers vote to strike if automation talks fail",
            "date": "2031-03-05",
            "tags": ["norland", "ports", "labour"],
            "read": False,
        },
        {
            "id": TALKS,
            "title": "Norland's transport minister opens talks with dockworkers"
            " over port automation",
            "date": "2031-03-01",
            "tags": ["norland", "ports"],
            "read": False,
        },
    ]
    assert [r["id"] for r in _json(run(loaded, "list", "--tag", "labour", "--json"))] == [
        DEAL,
        VOTE,
    ]
    assert [r["id"] for r in _json(run(loaded, "list", "--actor", "petra-holm", "--json"))] == [
        VOTE
    ]
    assert _json(run(loaded, "list", "--tag", "nothing", "--json")) == []
    unknown = run(loaded, "list", "--actor", "nobody")
    assert unknown.exit_code == 1 and "nobody" in unknown.stderr


def test_list_plain_when_piped(loaded: Path) -> None:
    result = run(loaded, "list")
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0].split("\t")
    assert first == [
        "2031-03-09",
        DEAL,
        "Deal at Vessby delays automation by two years",
        "norland,ports,labour",
    ]


def test_empty_library_says_so(db: Path) -> None:
    result = run(db, "list")
    assert result.exit_code == 0 and "empty" in result.stderr
    assert _json(run(db, "list", "--json")) == []


def test_show_in_every_format(loaded: Path) -> None:
    text = run(loaded, "show", VOTE)
    assert text.exit_code == 0
    assert "Vessby dockworkers vote to strike" in text.stdout
    assert "\x1b" not in text.stdout  # piped: plain text
    for needle in (
        "Summary",
        "Actors",
        "Petra Holm",
        "Positions",
        "A seatbelt, not a steering wheel.",
        "Open questions",
        "Timeline",
    ):
        assert needle in text.stdout, needle
    markdown = run(loaded, "show", VOTE, "--format", "markdown").stdout
    assert markdown.startswith("# Vessby dockworkers vote to strike if automation talks fail\n")
    assert "> A seatbelt, not a steering wheel." in markdown
    assert "| Petra Holm | `petra-holm` | person |" in markdown
    assert "## Open questions" in markdown and "## Timeline" in markdown
    data = yaml.safe_load(run(loaded, "show", VOTE, "--format", "yaml").stdout)
    assert data["id"] == VOTE and data["updated"]
    as_json = _json(run(loaded, "show", VOTE, "--format", "json"))
    assert as_json["id"] == VOTE and as_json["positions"][0]["actor"] == "petra-holm"


def test_unknown_brief_id(loaded: Path) -> None:
    for command in ("show", "export"):
        result = run(loaded, command, "no-such-brief")
        assert result.exit_code == 1
        assert result.stderr.startswith("briefing: no brief 'no-such-brief'")


def test_export_yaml_round_trips_through_load(loaded: Path, tmp_path: Path) -> None:
    for path in [*BASE, V2]:
        original = load_file(path).briefs[0]
        if path == V2:
            run(loaded, "load", V2)
        exported = run(loaded, "export", original.id, "--format", "yaml").stdout
        out = tmp_path / f"{original.id}.yaml"
        out.write_text(exported)
        other = tmp_path / f"other-{original.id}.db"
        assert run(other, "load", out).exit_code == 0
        with Store(other) as store:
            assert store.get_brief(original.id) == original
        again = run(other, "export", original.id, "--format", "yaml").stdout
        assert again == exported


def test_export_json_and_markdown(loaded: Path) -> None:
    data = _json(run(loaded, "export", DEAL, "--format", "json"))
    assert data["open_questions"][0]["status"] == "resolved"
    markdown = run(loaded, "export", DEAL, "--format", "markdown").stdout
    assert "**Resolution:** No. The deal of 9 March called the strike off." in markdown


# -- actors, questions, search ------------------------------------------------------------------


def test_actors_json(loaded: Path) -> None:
    actors = _json(run(loaded, "actors", "--json"))
    assert actors[:2] == [
        {
            "id": "dockworkers-union",
            "name": "Dockworkers' Union",
            "kind": "organization",
            "briefs": 3,
        },
        {"id": "mara-lind", "name": "Mara Lind", "kind": "person", "briefs": 3},
    ]
    assert {a["id"] for a in actors} == {"dockworkers-union", "mara-lind", "norland", "petra-holm"}
    plain = run(loaded, "actors").stdout.splitlines()
    assert plain[0].split("\t") == ["3", "dockworkers-union", "Dockworkers' Union", "organization"]


def test_actor_json_has_positions_across_briefs(loaded: Path) -> None:
    actor = _json(run(loaded, "actor", "mara-lind", "--json"))
    assert actor["id"] == "mara-lind" and actor["name"] == "Mara Lind"
    assert actor["kind"] == "person" and actor["aliases"] == ["Minister Lind"]
    assert [b["id"] for b in actor["briefs"]] == [DEAL, VOTE, TALKS]
    assert set(actor["briefs"][0]) == {"id", "title", "date", "tags"}
    assert [r["brief"] for r in actor["roles"]] == [TALKS, VOTE, DEAL]
    assert actor["roles"][0] == {
        "brief": TALKS,
        "date": "2031-03-01",
        "role": "Minister of Transport",
        "affiliation": "Norland",
    }
    positions = actor["positions"]
    assert len({p["brief"] for p in positions}) == 3
    assert positions[0] == {
        "brief": TALKS,
        "date": "2031-03-01",
        "topic": "Automating the Vessby terminal",
        "position": "The automation plan goes ahead, but its timetable can be negotiated.",
        "stance": "supports",
        "quote": "The cranes of tomorrow will not wait for us.",
        "attribution": "on-record",
    }
    assert [p["date"] for p in positions] == sorted(p["date"] for p in positions)
    text = run(loaded, "actor", "mara-lind")
    assert "Mara Lind" in text.stdout and "Positions (3)" in text.stdout
    unknown = run(loaded, "actor", "nobody")
    assert unknown.exit_code == 1 and "no actor 'nobody'" in unknown.stderr


def test_questions_json_with_history(loaded: Path) -> None:
    questions = _json(run(loaded, "questions", "--json"))
    by_id = {q["id"]: q for q in questions}
    strike = by_id["harbour-strike"]
    assert strike["question"] == "Will the dockworkers strike at Vessby before April?"
    assert (strike["status"], strike["brief"], strike["date"]) == ("resolved", DEAL, "2031-03-09")
    assert [(h["brief"], h["status"], h["likelihood"]) for h in strike["history"]] == [
        (TALKS, "open", "roughly-even"),
        (VOTE, "open", "likely"),
        (DEAL, "resolved", None),
    ]
    single = by_id[f"{VOTE}#2"]
    assert "history" not in single and single["status"] == "open"
    assert set(single) >= {"id", "question", "status", "brief", "date", "likelihood", "confidence"}
    open_ids = [q["id"] for q in _json(run(loaded, "questions", "--status", "open", "--json"))]
    assert open_ids == [f"{VOTE}#2"]
    resolved = _json(run(loaded, "questions", "--status", "resolved", "--json"))
    assert [q["id"] for q in resolved] == ["harbour-strike"]
    text = run(loaded, "questions").stdout
    assert "[resolved] Will the dockworkers strike at Vessby before April?" in text


def test_search_json_and_text(loaded: Path) -> None:
    hits = _json(run(loaded, "search", "seatbelt", "--json"))
    assert len(hits) == 1
    assert hits[0]["brief"] == VOTE and hits[0]["title"].startswith("Vessby dockworkers")
    assert "seatbelt" in hits[0]["snippet"] and "\x02" not in hits[0]["snippet"]
    assert set(hits[0]) == {"brief", "title", "date", "where", "snippet"}
    text = run(loaded, "search", "automation")
    assert text.exit_code == 0 and DEAL in text.stdout
    none = run(loaded, "search", "zzzz")
    assert none.exit_code == 0 and "No matches" in none.stderr


@pytest.mark.parametrize("query", ['"U.S."', "AND", "-", "*", "NEAR(", '"', "x OR"])
def test_search_hostile_queries(loaded: Path, query: str) -> None:
    result = run(loaded, "search", query, "--json")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)


def test_config_prints_yaml_with_sources(db: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("ui:\n  theme: nord\n")
    result = CliRunner().invoke(cli, ["--db", str(db), "--config", str(config), "config"])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert data["ui"]["theme"] == "nord"
    assert set(data) >= {"library", "limits", "http", "feeds", "ui"}
    assert f"ui.theme: {config}" in result.stdout
    assert str(db) in result.stdout


# -- untrusted text on a terminal ----------------------------------------------------------------


def test_hostile_brief_text_is_neutralised_on_a_terminal(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = load_file(BASE[0]).briefs[0]
    hostile = brief.model_copy(
        update={
            "title": "Evil \x1b]0;owned\x07 [bold red]markup[/] \u202e title",
            "summary": "\x1b[2J**Bottom line:** x",
        }
    )
    with Store(db) as store:
        store.import_brief(hostile)
    monkeypatch.setattr(library_cli, "_tty", lambda: True)
    for args in (
        ("show", brief.id),
        ("show", brief.id, "--format", "markdown"),
        ("show", brief.id, "--format", "yaml"),
        ("list",),
        ("search", "Evil"),
    ):
        result = run(db, *args)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\u202e" not in result.stdout, args
        assert "\x07" not in result.stdout
    shown = run(db, "show", brief.id).stdout
    assert "[bold red]markup[/]" in shown  # shown as typed, never interpreted
    monkeypatch.setattr(library_cli, "_tty", lambda: False)
    exact = run(db, "export", brief.id, "--format", "json").stdout
    assert json.loads(exact)["title"] == hostile.title  # piped: exact
