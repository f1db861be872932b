"""The SQLite store: import rules, atomicity, queries, search, schema handling.

Every test uses a real SQLite file under tmp_path and the invented briefs in
tests/fixtures/library (three briefs sharing actors and the question ``harbour-strike``,
plus ``v2/``, a later revision of the strike-vote brief).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from briefing.errors import StoreError
from briefing.loader import load_file
from briefing.model import Brief
from briefing.store import (
    SNIPPET_END,
    SNIPPET_START,
    FeedState,
    FileStamp,
    ImportFailed,
    Outcome,
    Store,
    fts_query,
)
from briefing.store import schema as store_module
from briefing.store import search as search_module
from briefing.store.prepare import unpack_document
from helpers import CHILD_TABLES, TESTS

LIBRARY = TESTS / "fixtures" / "library"
TALKS = "harbour-talks-2031-03-01"
VOTE = "strike-vote-2031-03-05"
DEAL = "harbour-deal-2031-03-09"


def _brief(path: Path) -> Brief:
    loaded = load_file(path)
    assert not loaded.errors, loaded.problems
    (brief,) = loaded.briefs
    return brief


def _base() -> list[Brief]:
    return [_brief(p) for p in sorted(LIBRARY.glob("*.yaml"))]


def _v2() -> Brief:
    return _brief(LIBRARY / "v2" / "2031-03-05-strike-vote.yaml")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "library.db") as opened:
        yield opened


@pytest.fixture
def loaded(store: Store) -> Store:
    outcomes = store.import_briefs([(b, f"fixture:{b.id}") for b in _base()])
    assert [o.outcome for o in outcomes] == [Outcome.new] * 3
    return store


def _rows_of(store: Store, brief_id: str) -> dict[str, int]:
    """The brief's rows in each child table (keyed by the brief's integer key), after
    checking that no table keeps rows of a brief no longer stored."""
    conn = store.db.conn
    for table in CHILD_TABLES:
        orphans = conn.execute(
            f"SELECT count(*) FROM {table} WHERE brief_key NOT IN (SELECT search_rowid FROM briefs)"
        ).fetchone()[0]
        assert orphans == 0, table
    counts = {
        table: conn.execute(
            f"SELECT count(*) FROM {table} c JOIN briefs b ON b.search_rowid = c.brief_key"
            " WHERE b.id = ?",
            (brief_id,),
        ).fetchone()[0]
        for table in CHILD_TABLES
    }
    counts["briefs"] = conn.execute(
        "SELECT count(*) FROM briefs WHERE id = ?", (brief_id,)
    ).fetchone()[0]
    return counts


def _fts_rows(store: Store) -> int:
    """Documents in the FTS index itself (briefs_fts reads its text from briefs)."""
    return store.db.conn.execute("SELECT count(*) FROM briefs_fts_docsize").fetchone()[0]


# -- schema and opening ------------------------------------------------------------------


def test_new_library_has_readable_tables_and_current_schema(store: Store) -> None:
    tables = set(store.db.table_names())
    assert {
        "briefs",
        "actors",
        "brief_actors",
        "positions",
        "open_questions",
        "timeline_events",
        "sources",
        "brief_tags",
        "read_state",
        "feed_state",
        "files",
        "meta",
        "briefs_fts",
    } <= tables
    assert store.schema_version == len(store_module.MIGRATIONS)
    conn = store.db.conn
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_newer_schema_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store(path)
    message = str(caught.value)
    assert str(path) in message and "newer" in message and "99" in message
    assert path.read_bytes() == before


def test_migrations_run_in_order_on_an_older_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "library.db"
    with Store(path) as old:
        old.import_brief(_base()[0])

    def add_notes(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE notes (brief_id TEXT PRIMARY KEY, note TEXT)")

    current = len(store_module.MIGRATIONS)
    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, add_notes])
    with Store(path) as upgraded:
        assert upgraded.schema_version == current + 1
        assert "notes" in upgraded.db.table_names()
        assert upgraded.count_briefs() == 1  # data kept
    with Store(path) as again:  # nothing left to migrate
        assert again.schema_version == current + 1


def test_failed_migration_leaves_the_library_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "library.db"
    Store(path).close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half (x)")
        raise sqlite3.OperationalError("boom")

    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, broken])
    with pytest.raises(StoreError, match="boom"):
        Store(path)
    monkeypatch.undo()
    with Store(path) as store:
        assert store.schema_version == len(store_module.MIGRATIONS)
        assert "half" not in store.db.table_names()


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all\n" * 100, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["text", "bad-header"],
)
def test_corrupt_file_is_refused_naming_the_path(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        Store(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == content


def test_foreign_sqlite_database_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a briefing library"):
        Store(path)


def test_unusable_paths_are_store_errors(tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(StoreError) as caught:
        Store(a_file / "sub" / "library.db")
    assert str(a_file / "sub" / "library.db") in str(caught.value)
    with pytest.raises(StoreError, match="folder"):
        Store(tmp_path)


def test_a_closed_store_says_so(tmp_path: Path) -> None:
    store = Store(tmp_path / "library.db")
    store.close()
    store.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        store.count_briefs()


def test_a_schema_1_library_migrates_to_the_same_library(tmp_path: Path) -> None:
    """tests/fixtures/library/schema-v1.db was written by schema 1's code: the three
    base briefs, strike-vote marked read."""
    path = tmp_path / "old.db"
    path.write_bytes((LIBRARY / "schema-v1.db").read_bytes())
    with Store(tmp_path / "fresh.db") as fresh:
        fresh.import_briefs([(b, None) for b in _base()])
        fresh.set_read(VOTE)
        with Store(path) as migrated:
            assert migrated.schema_version == len(store_module.MIGRATIONS)
            conn = migrated.db.conn
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert {"brief_documents", "briefs_fts"} <= set(migrated.db.table_names())
            assert "briefs_v2" not in migrated.db.table_names()
            for brief in _base():
                assert migrated.get_brief(brief.id) == brief
            assert migrated.list_briefs() == fresh.list_briefs()
            assert migrated.actors() == fresh.actors()
            for actor_id in ("mara-lind", "dockworkers-union", "petra-holm"):
                assert migrated.actor(actor_id) == fresh.actor(actor_id)
                assert migrated.actor_positions(actor_id) == fresh.actor_positions(actor_id)
            assert migrated.questions() == fresh.questions()
            for query in ("automation", "seatbelt", "contract", "ports join"):
                assert migrated.search(query) == fresh.search(query)
            assert migrated.brief_origin(TALKS) == "2031-03-01-harbour-talks.yaml"
            # And it goes on working: a new version replaces a migrated brief.
            assert migrated.import_brief(_v2()).outcome == Outcome.updated
            assert migrated.search("seatbelt") == []
            assert migrated.is_read(VOTE)


# -- import: new, updated, unchanged --------------------------------------------------------


def test_reimport_is_unchanged_and_changes_nothing(loaded: Store) -> None:
    before = loaded.table_checksums()
    outcomes = loaded.import_briefs([(b, None) for b in _base()])
    assert [o.outcome for o in outcomes] == [Outcome.unchanged] * 3
    assert loaded.table_checksums() == before


def test_later_version_replaces_everything_of_the_old_one(loaded: Store) -> None:
    v1_rows = _rows_of(loaded, VOTE)
    assert v1_rows["positions"] == 2 and v1_rows["open_questions"] == 2
    assert loaded.search("seatbelt")  # only in v1
    fts_before = _fts_rows(loaded)

    outcome = loaded.import_brief(_v2(), origin="v2")
    assert outcome.outcome == Outcome.updated
    rows = _rows_of(loaded, VOTE)
    assert rows == {
        "brief_actors": 2,
        "positions": 1,
        "open_questions": 1,
        "timeline_events": 1,
        "sources": 1,
        "brief_tags": 2,
        "briefs": 1,
    }
    assert _fts_rows(loaded) == fts_before  # replaced, not added
    assert loaded.search("seatbelt") == []
    assert [h.brief_id for h in loaded.search("wide margin")] == [VOTE]
    assert loaded.get_brief(VOTE) == _v2()
    assert loaded.brief_origin(VOTE) == "v2"
    # petra-holm was only in v1: gone from the actors; the others recounted.
    assert loaded.actor("petra-holm") is None
    assert loaded.actor("dockworkers-union").brief_count == 3
    assert loaded.actor("dockworkers-union").aliases == ()  # "the union" was only in v1
    assert loaded.find_actors("the union") == []
    assert loaded.count_briefs(tag="ports") == 2
    assert loaded.count_briefs(tag="labour") == 2


@pytest.mark.parametrize(
    ("stored", "incoming", "expected"),
    [
        ("2031-03-05T09:00:00Z", "2031-03-05T09:00:00Z", Outcome.unchanged),
        ("2031-03-05T09:00:00Z", "2031-03-05T08:59:59Z", Outcome.unchanged),
        ("2031-03-05T09:00:00Z", "2031-03-05T11:00:00+01:00", Outcome.updated),
        ("2031-03-05T09:00:00Z", None, Outcome.unchanged),
        (None, None, Outcome.unchanged),
        (None, "2031-01-01T00:00:00Z", Outcome.updated),
    ],
)
def test_replace_or_skip_rule(
    store: Store, stored: str | None, incoming: str | None, expected: Outcome
) -> None:
    base = _v2()
    first = base.model_copy(update={"updated": _dt(stored)})
    second = base.model_copy(update={"updated": _dt(incoming), "title": "Second version"})
    assert store.import_brief(first).outcome == Outcome.new
    assert store.import_brief(second).outcome == expected
    title = store.get_brief(base.id).title
    assert title == ("Second version" if expected == Outcome.updated else base.title)


def _dt(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def test_versions_of_one_id_in_one_batch_resolve_in_order(store: Store) -> None:
    v1 = next(b for b in _base() if b.id == VOTE)
    outcomes = store.import_briefs([(v1, "a"), (_v2(), "b"), (v1, "c")])
    assert [o.outcome for o in outcomes] == [Outcome.new, Outcome.updated, Outcome.unchanged]
    assert store.get_brief(VOTE) == _v2()
    assert _rows_of(store, VOTE)["positions"] == 1
    assert store.count_briefs() == 1


def test_get_brief_is_lossless_and_iter_briefs_gives_all(loaded: Store) -> None:
    for brief in _base():
        assert loaded.get_brief(brief.id) == brief
    assert {b.id for b in loaded.iter_briefs()} == {TALKS, VOTE, DEAL}
    assert loaded.get_brief("no-such-brief") is None


def test_extra_top_level_fields_survive_exactly(store: Store) -> None:
    """JSON has no dates, bytes or sets: unknown fields are kept as YAML too."""
    extra = {
        "reviewer": "Kim",
        "score": 3,
        "reviewed": dt.date(2031, 3, 2),
        "nested": {"when": [dt.datetime(2031, 3, 2, 9, 30, tzinfo=dt.UTC), 1.5, None]},
        "blob": b"\x00\xff",
        "weird key": {1: "one", dt.date(2031, 1, 1): "a date"},
    }
    brief = Brief.model_validate({**_base()[0].model_dump(), **extra})
    store.import_brief(brief)
    assert store.get_brief(brief.id) == brief
    assert store.get_brief(brief.id).extra == extra
    assert next(store.iter_briefs()) == brief
    doc = store.db.conn.execute("SELECT document, extra FROM brief_documents").fetchone()
    assert '"reviewer":"Kim"' in unpack_document(doc[0])  # still readable in the JSON (Datasette)
    plain = _base()[1]
    store.import_brief(plain)
    # No unknown fields: no document stored either (its rows rebuild it exactly).
    assert (
        store.db.conn.execute(
            "SELECT extra FROM brief_documents WHERE brief_id = ?", (plain.id,)
        ).fetchone()
        is None
    )
    assert store.get_brief(plain.id) == plain


# -- atomicity ------------------------------------------------------------------------------


def _fail_on_timeline_event(store: Store, needle: str) -> None:
    """Fault injection: any insert of a timeline event containing ``needle`` aborts."""
    store.db.conn.execute(
        "CREATE TEMP TRIGGER fail_import BEFORE INSERT ON main.timeline_events "
        f"WHEN NEW.event LIKE '%{needle}%' BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
    )


def test_a_brief_failing_mid_import_leaves_no_rows(store: Store) -> None:
    _fail_on_timeline_event(store, "Ballot closes")  # the strike-vote brief's only event
    with pytest.raises(ImportFailed) as caught:
        store.import_briefs([(b, None) for b in _base()])
    assert set(caught.value.failures) == {VOTE}
    assert "injected failure" in str(caught.value)
    assert {o.brief_id for o in caught.value.outcomes} == {TALKS, DEAL}
    assert _rows_of(store, VOTE) == dict.fromkeys([*CHILD_TABLES, "briefs"], 0)
    assert _fts_rows(store) == 2
    assert store.actor("petra-holm") is None  # only in the failed brief
    assert store.actor("mara-lind").brief_count == 2
    assert {b.id for b in store.iter_briefs()} == {TALKS, DEAL}


def test_a_failing_chunk_does_not_stop_the_chunks_after_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.store.writing as writing

    monkeypatch.setattr(writing, "CHUNK", 1)  # one brief a chunk: the failure is the first
    briefs = sorted(_base(), key=lambda b: b.id != VOTE)
    _fail_on_timeline_event(store, "Ballot closes")  # the strike-vote brief's only event
    with pytest.raises(ImportFailed) as caught:
        store.import_briefs([(b, None) for b in briefs])
    assert set(caught.value.failures) == {VOTE}
    assert {o.brief_id for o in caught.value.outcomes} == {TALKS, DEAL}
    assert {b.id for b in store.iter_briefs()} == {TALKS, DEAL}


def test_a_failed_replacement_keeps_the_old_version_whole(loaded: Store) -> None:
    before = loaded.table_checksums()
    _fail_on_timeline_event(loaded, "87 percent")  # only in v2
    with pytest.raises(ImportFailed):
        loaded.import_brief(_v2())
    assert loaded.table_checksums() == before


def test_a_brief_with_broken_references_is_refused_alone(store: Store) -> None:
    good = _base()[0]
    data = _base()[1].model_dump()
    data["positions"][0]["actor"] = "nobody"
    broken = Brief.model_validate(data)  # skips the loader's cross-check
    with pytest.raises(ImportFailed) as caught:
        store.import_briefs([(broken, None), (good, None)])
    assert set(caught.value.failures) == {broken.id}
    assert "nobody" in caught.value.failures[broken.id]
    assert [b.id for b in store.iter_briefs()] == [good.id]


# -- read state -----------------------------------------------------------------------------


def test_read_state_round_trip_and_survives_a_new_version(loaded: Store) -> None:
    assert not loaded.is_read(VOTE)
    loaded.set_read(VOTE)
    loaded.set_read(VOTE)  # idempotent
    assert loaded.is_read(VOTE)
    assert loaded.toggle_read(TALKS) is True
    assert loaded.toggle_read(TALKS) is False
    assert {r.id: r.read for r in loaded.list_briefs()} == {DEAL: False, VOTE: True, TALKS: False}
    loaded.import_brief(_v2())
    assert loaded.is_read(VOTE)
    loaded.set_read(VOTE, False)
    assert not loaded.is_read(VOTE)


# -- the brief list -------------------------------------------------------------------------


def test_list_order_filters_and_positions(loaded: Store) -> None:
    rows = loaded.list_briefs()
    assert [r.id for r in rows] == [DEAL, VOTE, TALKS]
    assert rows[0].tags == ("norland", "ports", "labour")
    assert rows[0].bottom_line.startswith("Bottom line: The government")
    assert loaded.count_briefs() == 3
    assert [r.id for r in loaded.list_briefs(offset=1, limit=1)] == [VOTE]
    assert loaded.list_briefs(offset=5) == []
    assert [r.id for r in loaded.list_briefs(tag="labour")] == [DEAL, VOTE]
    assert [r.id for r in loaded.list_briefs(actor="petra-holm")] == [VOTE]
    assert [r.id for r in loaded.list_briefs(tag="labour", actor="norland")] == []
    assert loaded.count_briefs(tag="ports") == 3
    assert loaded.count_briefs(actor="mara-lind") == 3
    assert loaded.count_briefs(tag="no-such-tag") == 0
    for tag, actor in [(None, None), ("labour", None), (None, "dockworkers-union")]:
        ids = [r.id for r in loaded.list_briefs(tag=tag, actor=actor)]
        for index, brief_id in enumerate(ids):
            assert loaded.brief_index(brief_id, tag=tag, actor=actor) == index
    assert loaded.brief_index(TALKS, tag="labour") is None
    assert loaded.brief_index("no-such-brief") is None


def test_same_date_briefs_are_ordered_by_id(store: Store) -> None:
    base = _base()[0]
    for name in ("b-brief", "a-brief", "c-brief"):
        store.import_brief(base.model_copy(update={"id": name}))
    assert [r.id for r in store.list_briefs()] == ["a-brief", "b-brief", "c-brief"]
    assert store.brief_index("c-brief") == 2


def test_tags_with_counts(loaded: Store) -> None:
    assert loaded.tags() == [("norland", 3), ("ports", 3), ("labour", 2)]


# -- actors and questions -------------------------------------------------------------------


def test_actors_are_global_with_brief_counts(loaded: Store) -> None:
    summaries = {a.id: a for a in loaded.actors()}
    assert summaries["mara-lind"].brief_count == 3
    assert summaries["petra-holm"].brief_count == 1
    assert summaries["norland"].kind == "country"
    assert [a.id for a in loaded.actors()][:2] == ["dockworkers-union", "mara-lind"]


def test_actor_detail_gathers_aliases_and_roles(loaded: Store) -> None:
    detail = loaded.actor("dockworkers-union")
    assert detail is not None
    assert detail.name == "Dockworkers' Union"
    assert detail.aliases == ("the union",)
    assert [r.brief_id for r in detail.roles] == [TALKS, VOTE, DEAL]  # oldest first
    assert detail.roles[0].brief_title.startswith("Norland's transport minister")
    assert detail.roles[-1].role is None
    assert detail.brief_count == 3
    assert detail.position_count == 1
    assert loaded.actor("mara-lind").aliases == ("Minister Lind",)
    assert loaded.actor("nobody") is None


def test_latest_brief_names_the_actor(loaded: Store) -> None:
    renamed = _base()[2]  # the latest brief (2031-03-09)
    data = renamed.model_dump()
    data["updated"] = "2031-04-01T00:00:00Z"
    data["actors"][0]["name"] = "Mara Lind-Berg"
    loaded.import_brief(Brief.model_validate(data))
    assert loaded.actor("mara-lind").name == "Mara Lind-Berg"
    older = _base()[0].model_dump()
    older["updated"] = "2031-04-01T00:00:00Z"
    older["actors"][0]["name"] = "M. Lind"
    loaded.import_brief(Brief.model_validate(older))  # an older brief does not rename
    assert loaded.actor("mara-lind").name == "Mara Lind-Berg"


def test_actor_positions_by_date_with_paging(loaded: Store) -> None:
    positions = loaded.actor_positions("mara-lind")
    assert [(p.brief_id, p.topic) for p in positions] == [
        (TALKS, "Automating the Vessby terminal"),
        (VOTE, "Automating the Vessby terminal"),
        (DEAL, "Automating the Vessby terminal"),
    ]
    first = positions[0]
    assert first.actor_name == "Mara Lind"
    assert first.brief_title.startswith("Norland's transport minister")
    assert first.quote == "The cranes of tomorrow will not wait for us."
    assert (first.stance, first.attribution, first.date) == ("supports", "on-record", None)
    assert loaded.actor_positions("mara-lind", offset=1, limit=1) == positions[1:2]
    assert [r.id for r in loaded.actor_briefs("petra-holm")] == [VOTE]


def _envoy_briefs() -> list[Brief]:
    """One actor in eight briefs (two on one day), its role changing and sometimes unstated."""
    roles = ["Envoy", "Envoy", None, "Envoy", "Minister", "Minister", "Envoy", None]
    days = [1, 2, 3, 4, 5, 5, 6, 7]
    return [
        Brief.model_validate(
            {
                "id": f"envoy-{i}",
                "title": f"Envoy brief {i}",
                "date": dt.date(2031, 1, day),
                "summary": "Generated.",
                "actors": [{"id": "envoy", "name": "The Envoy", "role": role}],
                "positions": [
                    {"actor": "envoy", "topic": f"T{i}.{p}", "position": f"P{i}.{p}"}
                    | ({"quote": f"Q{i}.{p}"} if (i + p) % 2 else {})
                    for p in range(i % 3)
                ],
            }
        )
        for i, (role, day) in enumerate(zip(roles, days, strict=True))
    ]


def test_actor_head_layout_and_role_pages_agree_with_the_full_reads(store: Store) -> None:
    store.import_briefs([(b, None) for b in _envoy_briefs()])
    detail = store.actor("envoy")
    head = store.actor_head("envoy", spans=2)
    assert head is not None and detail is not None
    assert (head.name, head.brief_count, head.position_count) == ("The Envoy", 8, 7)
    # Spans, newest first: briefs with no role are skipped, not a break.
    expected: list[list[str | None]] = []
    for role in reversed(detail.roles):
        if role.role is None and role.affiliation is None:
            continue
        if expected and expected[-1][2:] == [role.role, role.affiliation]:
            expected[-1][0] = role.brief_date
        else:
            expected.append([role.brief_date, role.brief_date, role.role, role.affiliation])
    assert head.span_count == len(expected) == 3
    assert [[s.first, s.last, s.role, s.affiliation] for s in head.spans] == expected[:2]
    assert head.spans[1].first == "2031-01-05" and head.spans[0].first == "2031-01-06"
    # The layout: each brief (oldest first, then by id), then its positions.
    briefs = store.actor_roles("envoy")
    assert [(r.brief_date, r.brief_id) for r in briefs] == sorted(
        (r.brief_date, r.brief_id) for r in detail.roles
    )
    positions = store.actor_positions("envoy")
    layout = "".join(
        "b" + "".join("q" if p.quote else "p" for p in positions if p.brief_id == r.brief_id)
        for r in briefs
    )
    assert store.actor_layout("envoy") == layout
    assert store.actor_roles("envoy", offset=3, limit=2) == briefs[3:5]
    assert store.actor_head("nobody") is None and store.actor_layout("nobody") == ""


def test_question_history_and_latest_status(loaded: Store) -> None:
    history = loaded.question_history("harbour-strike")
    assert [(q.brief_id, q.status, q.likelihood) for q in history] == [
        (TALKS, "open", "roughly-even"),
        (VOTE, "open", "likely"),
        (DEAL, "resolved", None),
    ]
    assert history[-1].resolution.startswith("No.")
    latest = {q.question_id: q for q in loaded.questions()}
    assert latest["harbour-strike"].status == "resolved"
    assert latest["harbour-strike"].statements == 3
    unnamed = latest[f"{VOTE}#2"]
    assert not unnamed.has_own_id and unnamed.question == "Will other ports join the strike?"
    assert [q.question_id for q in loaded.questions(status="open")] == [f"{VOTE}#2"]
    assert [q.question_id for q in loaded.questions(status="resolved")] == ["harbour-strike"]
    assert loaded.question_history("nothing") == []


# -- search ---------------------------------------------------------------------------------


def test_search_finds_every_kind_of_text_with_snippets(loaded: Store) -> None:
    cases = {
        "automation": None,  # everywhere
        "fail": "title",
        "guarantees": "summary",
        "timetable": "summary",
        "contract": "quote",
        "insurance": "position",
        "ports join": "question",
    }
    for query, where in cases.items():
        hits = loaded.search(query)
        assert hits, query
        if where is not None:
            assert hits[0].where == where, (query, hits[0])
        assert SNIPPET_START in hits[0].snippet and SNIPPET_END in hits[0].snippet
    assert {h.brief_id for h in loaded.search("automation")} == {TALKS, VOTE, DEAL}
    assert loaded.search("no-such-word-anywhere") == []


def test_search_ranks_title_matches_first_and_limits(loaded: Store) -> None:
    hits = loaded.search("deal")
    assert hits[0].brief_id == DEAL
    assert len(loaded.search("automation", limit=2)) == 2
    assert loaded.search("automation", limit=0) == []


def test_search_last_word_is_a_prefix_and_quotes_make_phrases(loaded: Store) -> None:
    assert [h.brief_id for h in loaded.search("seatbel")] == [VOTE]
    assert loaded.search('"cranes still"')  # adjacent in the deal quote
    assert loaded.search('"still cranes"') == []


@pytest.mark.parametrize(
    "query",
    [
        "Kharkiv",
        '"U.S."',
        "U.S.",
        "AND",
        "OR NOT",
        "-",
        "*",
        "**",
        '"',
        '""',
        '"unbalanced',
        "NEAR(a b)",
        "a:b",
        "title:union",
        "^start",
        "(",
        ")",
        "{x}",
        "'; DROP TABLE briefs; --",
        "\x00\x1b[31m",
        "   ",
        "",
        "naïve café",
        "Дніпро",
        "a" * 500,
        "union -strike",
        "+union",
    ],
)
def test_hostile_queries_never_raise(loaded: Store, query: str) -> None:
    hits = loaded.search(query)
    assert isinstance(hits, list)
    assert loaded.count_briefs() == 3


def test_fts_query_quotes_every_term() -> None:
    assert fts_query("Kharkiv") == '("Kharkiv"* OR "Kharki" OR "Khark" OR "Khar")'
    assert fts_query('"U.S." AND') == '"U S" "AND"*'
    assert fts_query("the -") == '"the"'
    assert fts_query("- * ()") is None
    assert fts_query('"white house"') == '"white house"'
    assert fts_query("to be") == '"to" "be"'  # short last word: no prefix
    assert fts_query("strike ") == '"strike"'  # finished word: no prefix


# -- feeds, files, checksums ----------------------------------------------------------------


def test_feed_state_round_trip(store: Store) -> None:
    url = "https://example.org/feed.atom"
    assert store.feed_state(url) is None
    when = dt.datetime(2031, 3, 1, 12, 0, tzinfo=dt.UTC)
    state = FeedState(url, etag='"abc"', last_modified="Sat, 01 Mar 2031 12:00:00 GMT")
    state.last_success = when
    state.last_attempt = when
    state.extra = {"note": "x"}
    store.save_feed_state(state)
    assert store.feed_state(url) == state
    state.last_error = "HTTP 500"
    store.save_feed_state(state)
    assert store.feed_state(url).last_error == "HTTP 500"
    assert store.feed_states() == [state]


def test_file_stamps_round_trip(store: Store) -> None:
    stamps = [FileStamp("/a.yaml", 10, 123, ("x", "y")), FileStamp("/b.yaml", 0, 5)]
    store.remember_files(stamps)
    assert store.file_stamps() == {s.path: s for s in stamps}
    store.remember_files([FileStamp("/a.yaml", 11, 124, ("x",))])
    assert store.file_stamps()["/a.yaml"].size == 11
    store.forget_files(["/a.yaml"])
    assert set(store.file_stamps()) == {"/b.yaml"}


def test_table_checksums_are_stable_and_see_changes(tmp_path: Path, loaded: Store) -> None:
    first = loaded.table_checksums()
    assert {"briefs", "briefs_fts", "positions", "read_state"} <= set(first)
    assert not any(name.startswith("briefs_fts_") for name in first)
    assert loaded.table_checksums() == first
    loaded.set_read(TALKS)
    second = loaded.table_checksums()
    assert {k for k in first if first[k] != second[k]} == {"read_state"}


# -- two connections ------------------------------------------------------------------------


def test_reader_and_writer_on_one_file_do_not_see_lock_errors(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    writer, reader = Store(path), Store(path)
    try:
        raw = writer.db.conn
        raw.execute("BEGIN IMMEDIATE")  # another process holding the write lock
        raw.execute("INSERT INTO read_state VALUES ('x', 'now')")
        assert reader.count_briefs() == 0  # reads go on under WAL
        done: list[Outcome] = []
        thread = threading.Thread(
            target=lambda: done.append(reader.import_brief(_base()[0]).outcome)
        )
        thread.start()
        time.sleep(0.3)
        assert not done  # waiting for the lock, not failing
        raw.execute("COMMIT")
        thread.join(10)
        assert done == [Outcome.new]
    finally:
        writer.close()
        reader.close()


def test_find_briefs_by_title_words(loaded: Store) -> None:
    assert [r.id for r in loaded.find_briefs("deal")] == [DEAL]
    assert [r.id for r in loaded.find_briefs("vessby dock")] == [VOTE]  # prefix
    assert {r.id for r in loaded.find_briefs("vessby")} == {VOTE, DEAL}
    assert loaded.find_briefs("guarantees") == []  # summary only, not the title
    assert loaded.find_briefs('" AND -') == []
    assert len(loaded.find_briefs("vessby", limit=1)) == 1


def test_find_actors_by_name_id_or_alias(loaded: Store) -> None:
    assert [a.id for a in loaded.find_actors("lind")] == ["mara-lind"]
    assert loaded.find_actors("MINISTER")[0].aliases == ("Minister Lind",)
    assert [a.id for a in loaded.find_actors("petra-")] == ["petra-holm"]
    assert [a.id for a in loaded.find_actors("the union")] == ["dockworkers-union"]
    assert [a.id for a in loaded.find_actors("union")] == ["dockworkers-union"]
    assert loaded.find_actors("%") == [] and loaded.find_actors("_") == []
    assert loaded.find_actors("   ") == []


def test_truncated_library_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    with Store(path) as store:
        store.import_briefs([(b, None) for b in _base()])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    before = path.read_bytes()
    with pytest.raises(StoreError, match="truncated"):
        Store(path)
    assert path.read_bytes() == before


def test_change_token_sees_writes_from_anywhere(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    with Store(path) as mine, Store(path) as other:
        token = mine.change_token()
        assert mine.change_token() == token  # reading changes nothing
        mine.list_briefs()
        assert mine.change_token() == token
        other.import_brief(_base()[0])  # another connection (or process) writes
        after_other = mine.change_token()
        assert after_other != token
        mine.set_read(TALKS)  # and our own writes count too
        assert mine.change_token() != after_other


def test_search_ranks_within_the_most_recent_matches(
    loaded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert {h.brief_id for h in loaded.search("automation")} == {TALKS, VOTE, DEAL}
    monkeypatch.setattr(search_module, "SEARCH_WINDOW", 2)
    assert {h.brief_id for h in loaded.search("automation")} == {VOTE, DEAL}  # newest two
    assert [h.brief_id for h in loaded.search("cranes tomorrow")] == [TALKS]  # rare: found


def test_fts_rowids_follow_brief_dates(store: Store) -> None:
    base = _base()[0]
    for day, name in [(9, "late"), (1, "early"), (5, "middle"), (1, "early-too")]:
        store.import_brief(base.model_copy(update={"id": name, "date": dt.date(2031, 3, day)}))
    rows = store.db.conn.execute("SELECT id FROM briefs ORDER BY search_rowid").fetchall()
    assert [r[0] for r in rows] == ["early", "early-too", "middle", "late"]


def test_file_stamps_are_kept_only_with_their_briefs(store: Store) -> None:
    from briefing.store import prepare_briefs

    stamp = FileStamp("/in/a.yaml", 10, 1, (TALKS,))
    store.import_prepared(prepare_briefs([(_base()[0], None)]), files=[stamp])
    assert store.file_stamps() == {stamp.path: stamp}
    _fail_on_timeline_event(store, "Ballot closes")
    other = FileStamp("/in/b.yaml", 10, 1, (VOTE,))
    with pytest.raises(ImportFailed):
        store.import_prepared(prepare_briefs([(_base()[1], None)]), files=[other])
    assert set(store.file_stamps()) == {stamp.path}


def test_aliases_come_in_one_order_whatever_the_import_order(tmp_path: Path) -> None:
    first = _base()[0]
    data = first.model_dump()
    data["id"] = "other-brief"
    data["actors"][0]["aliases"] = ["Lind", "minister lind", "M. Lind"]
    second = Brief.model_validate(data)
    with Store(tmp_path / "a.db") as a, Store(tmp_path / "b.db") as b:
        a.import_briefs([(first, None), (second, None)])
        b.import_briefs([(second, None), (first, None)])
        assert a.actor("mara-lind").aliases == b.actor("mara-lind").aliases
        assert a.actor("mara-lind").aliases == ("Lind", "M. Lind", "Minister Lind")


def test_disk_full_mid_chunk_stops_the_import_and_says_so(loaded: Store) -> None:
    conn = loaded.db.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    big = []
    for i in range(5):
        data = _base()[0].model_dump()
        data.update(id=f"big-{i}", summary="word " * 20_000)
        big.append((Brief.model_validate(data), None))
    with pytest.raises(StoreError) as caught:
        loaded.import_briefs(big)
    assert "full" in str(caught.value) and "\n" not in str(caught.value)
    conn.execute(f"PRAGMA max_page_count = {pages * 100}")
    assert loaded.count_briefs() == 3  # the chunk is rolled back whole
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert loaded.import_brief(_v2()).outcome == Outcome.updated  # still usable
