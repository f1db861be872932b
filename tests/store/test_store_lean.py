"""The lean library (issue 14 item 4, issue 13 item 6): briefs_fts takes its text from
``briefs`` as sqlite-utils sets full-text search up, so sqlite-utils and Datasette find
briefs; documents are stored compressed; an older library migrates to the same thing.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from briefing.loader import load_file
from briefing.model import Brief
from briefing.store import Store
from briefing.store import schema as store_module
from briefing.store.prepare import unpack_document
from helpers import TESTS

LIBRARY = TESTS / "fixtures" / "library"
TALKS = "harbour-talks-2031-03-01"
VOTE = "strike-vote-2031-03-05"


def _base() -> list[Brief]:
    return [b for p in sorted(LIBRARY.glob("*.yaml")) for b in load_file(p).briefs]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "library.db"
    with Store(path) as store:
        store.import_briefs([(b, None) for b in _base()])
    return path


def _fts_ok(conn: sqlite3.Connection) -> None:
    """FTS5's own check that the index matches the text in ``briefs``."""
    conn.execute("INSERT INTO briefs_fts (briefs_fts, rank) VALUES ('integrity-check', 1)")


def test_sqlite_utils_finds_briefs_through_the_fts_table(db: Path) -> None:
    table = sqlite_utils.Database(db)["briefs"]
    assert table.detect_fts() == "briefs_fts"
    found = [row["id"] for row in table.search("strike")]
    with Store(db) as store:
        ours = {hit.brief_id for hit in store.search("strike")}
    assert found and set(found) == ours


def test_sqlite_utils_search_command(db: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sqlite_utils",
            "search",
            str(db),
            "briefs",
            "minister",
            "-c",
            "id",
            "--json-cols",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    ids = {row["id"] for row in json.loads(proc.stdout)}
    assert TALKS in ids


def test_text_is_kept_once_and_documents_compressed(db: Path) -> None:
    conn = sqlite3.connect(db)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "briefs_fts_content" not in names  # FTS keeps no copy of its own
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'briefs_fts'").fetchone()[0]
    assert "content=[briefs]" in sql
    columns = [r[1] for r in conn.execute("PRAGMA table_info(brief_documents)")]
    assert columns == ["brief_id", "document", "extra"]
    for (stored,) in conn.execute("SELECT document FROM brief_documents"):
        assert isinstance(stored, bytes)
        assert json.loads(unpack_document(stored))["id"]
    _fts_ok(conn)


def test_replacing_a_brief_keeps_index_and_text_in_step(db: Path) -> None:
    newer = _brief_v2()
    with Store(db) as store:
        store.import_brief(newer)
        assert store.get_brief(VOTE) == newer
        _fts_ok(store.db.conn)
        hits = store.search("strike")
        assert all(h.snippet for h in hits)
        docs = store.db.conn.execute("SELECT count(*) FROM briefs_fts_docsize").fetchone()[0]
        assert docs == store.count_briefs()


def _brief_v2() -> Brief:
    return load_file(LIBRARY / "v2" / "2031-03-05-strike-vote.yaml").briefs[0]


def test_an_old_library_migrates_in_place_with_search_intact(tmp_path: Path) -> None:
    """schema-v1.db (written by schema 1's code) runs every step, this one included, in
    one transaction, and searches exactly as a library built today."""
    old = tmp_path / "old.db"
    old.write_bytes((LIBRARY / "schema-v1.db").read_bytes())
    with Store(tmp_path / "fresh.db") as fresh, Store(old) as migrated:
        fresh.import_briefs([(b, None) for b in _base()])
        assert migrated.schema_version == len(store_module.MIGRATIONS)
        conn = migrated.db.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        _fts_ok(conn)
        for word in ("strike", "vessby", "minister", "automation"):
            assert migrated.search(word) == fresh.search(word)
        for brief in _base():
            assert migrated.get_brief(brief.id) == brief
        assert sqlite_utils.Database(conn)["briefs"].detect_fts() == "briefs_fts"


def test_a_failing_migration_leaves_the_old_library_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "old.db"
    old.write_bytes((LIBRARY / "schema-v1.db").read_bytes())

    def broken(conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    steps = [*store_module.MIGRATIONS, broken]
    monkeypatch.setattr(store_module, "MIGRATIONS", steps)
    with pytest.raises(Exception, match="simulated"):
        Store(old)
    assert old.read_bytes()[:16] == b"SQLite format 3\x00"
    conn = sqlite3.connect(old)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("1",)
    assert "briefs_fts_content" in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


async def test_datasette_search_finds_briefs(db: Path) -> None:
    """Datasette's ?_search= on the briefs table, through Datasette's own ASGI client."""
    from datasette.app import Datasette

    ds = Datasette([str(db)])
    response = await ds.client.get("/library/briefs.json?_search=vessby&_shape=array")
    assert response.status_code == 200, response.text
    found = {row["id"] for row in response.json()}
    with Store(db) as store:
        assert found == {hit.brief_id for hit in store.search("vessby")}
    narrow = await ds.client.get("/library/briefs.json?_search=minister&_shape=array")
    assert {row["id"] for row in narrow.json()} == {TALKS}
    everything = await ds.client.get("/library/briefs.json?_shape=array")
    assert len(everything.json()) == 3 > len(narrow.json())


# -- schema 7: documents rebuilt from the rows ------------------------------------------------


def _documents_as_stored(db: Path) -> dict[str, tuple[str, str | None]]:
    conn = sqlite3.connect(db)
    try:
        return {
            bid: (unpack_document(doc), extra)
            for bid, doc, extra in conn.execute(
                "SELECT brief_id, document, extra FROM brief_documents"
            )
        }
    finally:
        conn.close()


def test_a_schema_6_library_drops_the_documents_its_rows_rebuild(tmp_path: Path) -> None:
    """schema-v6.db was written by the code of schema 6 (every brief's document stored;
    10 briefs: the fixture library and good/ briefs, one replaced by a later version,
    one with unknown fields, one naming a tag twice, one with provenance). Migrated,
    every brief and kept version reads back exactly as schema 6 stored it, and only the
    three documents the rows cannot rebuild are still stored."""
    old = tmp_path / "v6.db"
    old.write_bytes((LIBRARY / "schema-v6.db").read_bytes())
    before = _documents_as_stored(old)
    assert len(before) == 10
    with Store(old) as store:
        assert store.schema_version == len(store_module.MIGRATIONS) >= 7
        for bid, (document, extra) in before.items():
            expected = Brief.model_validate_json(document)
            if extra:
                import yaml

                expected = expected.model_copy(update=yaml.safe_load(extra))
            assert store.get_brief(bid) == expected, bid
        assert {b.id for b in store.iter_briefs()} == set(before)
        assert store.get_version(VOTE, 1) is not None
        assert store.get_version(VOTE, 1) != store.get_brief(VOTE)
        conn = store.db.conn
        kept = {r[0] for r in conn.execute("SELECT brief_id FROM brief_documents")}
        assert kept == {
            "with-extra-2031-03-01",
            "tag-twice-2031-03-01",
            "with-provenance-2031-03-01",
        }
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        _fts_ok(conn)
    after = _documents_as_stored(old)
    assert all(after[bid] == before[bid] for bid in after)


def test_new_briefs_store_a_document_only_when_the_rows_cannot_rebuild_it(db: Path) -> None:
    folder = TESTS / "fixtures" / "good"
    good = [b for p in sorted(folder.glob("*.y*ml")) for b in load_file(p).briefs]
    twice = Brief.model_validate({**_base()[0].model_dump(), "id": "twice", "tags": ["a", "a"]})
    with Store(db) as store:
        store.import_briefs([(b, None) for b in [*good, twice]])
        conn = store.db.conn
        assert [r[0] for r in conn.execute("SELECT brief_id FROM brief_documents")] == ["twice"]
        for brief in [*_base(), *good, twice]:
            assert store.get_brief(brief.id) == brief
        # Re-importing the same version finds nothing different (compared with the rows).
        outcomes = store.import_briefs([(b, None) for b in [*good, twice]])
        assert {o.outcome.value for o in outcomes} == {"unchanged"}
        assert not any(o.differs for o in outcomes)
