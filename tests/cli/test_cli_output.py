"""Output that starts at once (issue 14 item 2): ``list`` and ``actor`` stream every row
to a program, and show the newest screenful on a terminal (``--limit N``, ``--all``).

Piped output is checked against the store's own listing, row for row; JSON byte for byte
against ``json.dumps`` of the whole list (the documented shape did not change); the
terminal behaviour on a real pseudo-terminal.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import briefing.cli.library as library_cli
from briefing.cli import cli
from briefing.store import Store
from briefing.sync import load_paths
from helpers import FIXTURES
from helpers.robust import run_in_pty, write_briefs

#: 14 briefs all naming actor-0 (small_brief names actor-{i % 97}), each with one of
#: its positions.
INDICES = [97 * k for k in range(14)]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("output")
    files = write_briefs(root / "briefs", INDICES)
    db = root / "library.db"
    with Store(db) as store:
        assert load_paths(store, files).ok
    return db


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 3 rows, so a 14-row listing crosses several chunk boundaries."""
    monkeypatch.setattr(library_cli, "STREAM_CHUNK", 3)


def test_piped_list_streams_every_brief_in_order(library: Path, small_chunks: None) -> None:
    result = run(library, "list")
    assert result.exit_code == 0, result.output
    with Store(library) as store:
        expected = store.list_briefs(limit=None)
    lines = result.stdout.splitlines()
    assert len(lines) == len(INDICES) == len(expected)
    assert [line.split("\t")[1] for line in lines] == [row.id for row in expected]
    assert lines[0].split("\t") == [
        expected[0].date,
        expected[0].id,
        expected[0].title,
        ",".join(expected[0].tags),
    ]


def test_list_json_is_the_same_document_streamed(library: Path, small_chunks: None) -> None:
    result = run(library, "list", "--json")
    with Store(library) as store:
        rows = store.list_briefs(limit=None)
    whole = [
        {"id": r.id, "title": r.title, "date": r.date, "tags": list(r.tags), "read": r.read}
        for r in rows
    ]
    assert result.stdout == json.dumps(whole, indent=2, ensure_ascii=True) + "\n"
    limited = json.loads(run(library, "list", "--json", "--limit", "4").stdout)
    assert limited == whole[:4]


def test_list_json_of_no_match_is_an_empty_array(library: Path) -> None:
    result = run(library, "list", "--json", "--tag", "no-such-tag")
    assert result.exit_code == 0 and result.stdout == "[]\n"


def test_limit_applies_piped_and_must_be_positive(library: Path, small_chunks: None) -> None:
    assert len(run(library, "list", "--limit", "5").stdout.splitlines()) == 5
    assert len(run(library, "list", "--all").stdout.splitlines()) == len(INDICES)
    bad = run(library, "list", "--limit", "0")
    assert bad.exit_code == 2 and "--limit" in bad.output


def test_piped_actor_lists_every_brief_and_position(library: Path, small_chunks: None) -> None:
    result = run(library, "actor", "actor-0")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Actor 0 (actor-0, country)"
    start = lines.index(f"Briefs ({len(INDICES)})")
    end = lines.index(f"Positions ({len(INDICES)}), by date")
    assert len([x for x in lines[start + 1 : end] if x]) == len(INDICES)
    assert lines[end + 1 :].count("    Undecided.") == len(INDICES)


def _actor_document(db: Path, actor_id: str) -> dict[str, object]:
    """``actor --json``'s document built from the store's object-per-row methods."""
    with Store(db) as store:
        detail = store.actor(actor_id)
        assert detail is not None
        briefs = store.actor_briefs(actor_id)
        positions = store.actor_positions(actor_id)
    return {
        "id": detail.id,
        "name": detail.name,
        "kind": detail.kind,
        "aliases": list(detail.aliases),
        "roles": [
            {
                "brief": r.brief_id,
                "date": r.brief_date,
                "role": r.role,
                "affiliation": r.affiliation,
            }
            for r in detail.roles
        ],
        "briefs": [
            {"id": b.id, "title": b.title, "date": b.date, "tags": list(b.tags)} for b in briefs
        ],
        "positions": [
            {
                "brief": p.brief_id,
                "date": p.brief_date,
                "topic": p.topic,
                "position": p.position,
                "stance": p.stance,
                "quote": p.quote,
                "attribution": p.attribution,
            }
            for p in positions
        ],
    }


@pytest.fixture(scope="module")
def odd_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Briefs with control characters, markup, no tags, a role with a pipe."""
    db = tmp_path_factory.mktemp("odd") / "library.db"
    with Store(db) as store:
        assert load_paths(store, [FIXTURES / "show", FIXTURES / "tui" / "hostile"]).ok
    return db


def test_actor_json_is_the_same_document_chunk_by_chunk(
    library: Path, odd_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Encoded a column at a time and written chunk by chunk, byte for byte what
    ``json.dumps(..., indent=2, ensure_ascii=True)`` writes for the whole document."""
    monkeypatch.setattr(library_cli, "JSON_CHUNK", 3)
    cases = [(library, "actor-0")]
    with Store(odd_library) as store:
        cases += [(odd_library, a.id) for a in store.actors()]
    assert len(cases) > 3
    for db, actor_id in cases:
        result = run(db, "actor", actor_id, "--json")
        assert result.exit_code == 0, result.output
        expected = _actor_document(db, actor_id)
        assert result.stdout == json.dumps(expected, indent=2, ensure_ascii=True) + "\n", actor_id
    unknown = run(library, "actor", "nobody", "--json")
    assert unknown.exit_code == 1 and unknown.stdout == ""
    # tags that are not slugs (a library written by another tool) are encoded as JSON
    laid_out = json.dumps({"tags": ["Ünï", 'q"]']}, indent=2, ensure_ascii=True)
    assert (
        laid_out.splitlines()[1:-1]
        == ('  "tags": ' + library_cli._json_tags('Ünï q"]', "  ")).splitlines()
    )


def _terminal(db: Path, *args: str, lines: int = 14) -> str:
    status, raw = run_in_pty(
        [sys.executable, "-m", "briefing", "--db", str(db), *args], lines=lines, columns=160
    )
    assert status == 0, raw[-500:]
    return raw.decode()


def test_terminal_list_shows_a_screenful_and_says_what_is_left(library: Path) -> None:
    text = _terminal(library, "list")  # 14 lines: a screenful is 10 rows
    with Store(library) as store:
        ids = [row.id for row in store.list_briefs(limit=None)]
    assert [i for i in ids if i in text] == ids[:10]
    assert f"10 of {len(INDICES)} briefs shown; --limit N or --all for more" in text
    everything = _terminal(library, "list", "--all")
    assert all(i in everything for i in ids) and "shown" not in everything


def test_terminal_actor_shows_the_newest_briefs_and_latest_positions(library: Path) -> None:
    text = _terminal(library, "actor", "actor-0", "--limit", "3")
    assert text.count("Undecided.") == 3
    assert f"3 of {len(INDICES)} briefs shown" in text
    assert f"3 of {len(INDICES)} positions shown" in text
    with Store(library) as store:
        newest = store.list_briefs(actor="actor-0", limit=None)
        latest = store.actor_positions("actor-0")[-3:]
    assert newest[0].id in text and newest[3].id not in text
    assert [p.brief_date for p in latest] == sorted(p.brief_date for p in latest)
    assert all(p.brief_date in text for p in latest)
