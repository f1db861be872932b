"""Schema 8 (issue 14 items 4-6): the child tables keyed and clustered by the brief's
integer key (``briefs.search_rowid``), ``brief_title`` no longer copied, and a schema-7
library migrated to it keeps everything it held.

``schema-v7.db`` was written by the schema-7 code (``schema-v6.db`` migrated, then a read
mark, a feed's state and a subscription added); ``schema-v7.expected.json`` is what that
code's read API gave for it (every brief, the list, every actor with its roles,
positions and timeline layout, the questions, the timeline, the versions).
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path
from typing import Any

from briefing.loader import load_file
from briefing.store import Store, TimelineFilter
from briefing.store import schema as store_module
from helpers import CHILD_TABLES, TESTS

LIBRARY = TESTS / "fixtures" / "library"


def _plain(value: Any) -> Any:
    """API results as the expected file holds them (dataclasses as dicts, JSON types)."""
    return json.loads(
        json.dumps(
            value,
            default=lambda o: dataclasses.asdict(o) if dataclasses.is_dataclass(o) else str(o),
        )
    )


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def test_a_schema_7_library_migrates_to_brief_keys_and_reads_back_the_same(
    tmp_path: Path,
) -> None:
    db = tmp_path / "v7.db"
    db.write_bytes((LIBRARY / "schema-v7.db").read_bytes())
    expected = json.loads((LIBRARY / "schema-v7.expected.json").read_text())
    with Store(db) as store:
        assert store.schema_version == len(store_module.MIGRATIONS) >= 8
        conn = store.db.conn
        for table in CHILD_TABLES:
            columns = _columns(conn, table)
            assert columns[0] == "brief_key" and "brief_title" not in columns, table
            # Every row points at its brief (the foreign key Datasette links by).
            fks = conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()
            assert ("briefs", "brief_key", "search_rowid") in {(f[2], f[3], f[4]) for f in fks}
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO briefs_fts (briefs_fts, rank) VALUES ('integrity-check', 1)")

        ids = list(expected["briefs"])
        assert {i: store.brief_data(i) for i in ids} == expected["briefs"]
        assert _plain(store.list_briefs(limit=None)) == expected["list"]
        actors = list(expected["actors"])
        assert sorted(a.id for a in store.actors()) == sorted(actors)
        assert {a: _plain(store.actor(a)) for a in actors} == expected["actors"]
        assert {a: _plain(store.actor_positions(a)) for a in actors} == expected["actor_positions"]
        assert {a: store.actor_layout(a) for a in actors} == expected["actor_layout"]
        assert _plain(store.questions()) == expected["questions"]
        assert {
            q: _plain(store.question_history(q)) for q in expected["question_history"]
        } == expected["question_history"]
        assert _plain(store.timeline(TimelineFilter())) == expected["timeline"]
        assert {i: _plain(store.brief_history(i)) for i in ids} == expected["history"]
        assert _plain(store.feed_states()) == expected["feed_states"]
        assert _plain(store.subscriptions()) == expected["subscriptions"]
        assert sorted(i for i in ids if store.is_read(i)) == expected["read"]


def test_replacing_a_brief_moves_all_its_rows_to_its_new_key(tmp_path: Path) -> None:
    """A new version gets a new key (its date may differ); none of the old rows stay."""
    db = tmp_path / "library.db"
    briefs = [b for p in sorted(LIBRARY.glob("*.yaml")) for b in load_file(p).briefs]
    later = [b for p in sorted((LIBRARY / "v2").glob("*.yaml")) for b in load_file(p).briefs]
    with Store(db) as store:
        store.import_briefs([(b, None) for b in briefs])
        store.import_briefs([(b, None) for b in later])
        conn = store.db.conn
        for table in CHILD_TABLES:
            orphans = conn.execute(
                f"SELECT count(*) FROM {table}"
                " WHERE brief_key NOT IN (SELECT search_rowid FROM briefs)"
            ).fetchone()[0]
            assert orphans == 0, table
        for brief in later:
            assert store.get_brief(brief.id) == brief
            key = conn.execute(
                "SELECT search_rowid FROM briefs WHERE id = ?", (brief.id,)
            ).fetchone()[0]
            titles = {
                r[0]
                for r in conn.execute(
                    "SELECT b.title FROM positions p JOIN briefs b ON b.search_rowid ="
                    " p.brief_key WHERE p.brief_key = ?",
                    (key,),
                )
            }
            assert titles == {brief.title}
            assert all(
                p.brief_title == brief.title
                for a in brief.actors
                for p in store.actor_positions(a.id)
                if p.brief_id == brief.id
            )
