"""Property tests through the store and the CLI: a valid brief survives the library.

YAML -> load -> SQLite -> export -> load gives back the same brief, byte-identical
exports, and the store never keeps a stale row of a replaced version. (Loader-only
properties live in the loader's own tests; these go through SQLite and the CLI.)
"""

from __future__ import annotations

import atexit
import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import loader, serialise
from briefing.model import Brief
from briefing.store import Outcome, Store
from helpers import ROOT
from helpers.robust import dump_yaml, require_commands, run_cli, valid_briefs

# Unknown top-level fields are kept exactly (schema 3): any safe YAML scalar, not only JSON.
EXTRA_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63)
    | st.floats(allow_nan=False)
    | st.text(max_size=10)
    | st.dates()
    | st.binary(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.from_regex(r"\A[a-z]{1,6}\Z", fullmatch=True), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def briefs_with_extras(draw: Any, hostile: bool = True) -> dict[str, Any]:
    data = draw(valid_briefs(hostile_text=hostile))
    extras = draw(
        st.dictionaries(
            st.from_regex(r"\Ax-[a-z]{1,8}\Z", fullmatch=True), EXTRA_VALUES, max_size=2
        )
    )
    data.update(extras)
    return data


_EMPTY: list[Path] = []


@contextlib.contextmanager
def empty_library() -> Iterator[Store]:
    """A new, empty library file: a copy of one created (every schema migration run) once
    per process. Creating a library runs the migrations, some 60 ms; these properties
    open hundreds of libraries, and what they check is what a library keeps, not how
    it is created (the migrations have tests of their own in tests/store/)."""
    if not _EMPTY:
        template = Path(tempfile.mkdtemp(prefix="roundtrip-")) / "empty.db"
        atexit.register(shutil.rmtree, template.parent, True)
        with Store(template):
            pass
        _EMPTY.append(template)
    folder = Path(tempfile.mkdtemp(prefix="roundtrip-", dir=_EMPTY[0].parent))
    try:
        shutil.copyfile(_EMPTY[0], folder / "library.db")
        with Store(folder / "library.db") as store:
            yield store
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _load_one(text: str, origin: str = "gen.yaml") -> Brief:
    result = loader.load_bytes(text.encode("utf-8"), origin)
    assert not result.errors, "\n".join(map(str, result.errors)) + "\n" + text
    assert len(result.briefs) == 1, text
    return result.briefs[0]


def _public_view(store: Store, brief_id: str) -> dict[str, Any]:
    """Everything the reader can ask the library about one brief and its actors."""
    brief = store.get_brief(brief_id)
    assert brief is not None
    view: dict[str, Any] = {
        "brief": brief,
        "list": [r for r in store.list_briefs(limit=1000) if r.id == brief_id],
        "tags": store.tags(),
        "actors": sorted(
            ((a.id, a.name, a.kind, a.brief_count) for a in store.actors()), key=lambda a: a[0]
        ),
        "count": store.count_briefs(),
    }
    for actor in brief.actors:
        detail = store.actor(actor.id)
        assert detail is not None
        view[f"actor:{actor.id}"] = (
            detail.name,
            detail.kind,
            # One canonical order whatever the import history (was not, before 21ebadc).
            detail.aliases,
            [(r.brief_id, r.role, r.affiliation) for r in detail.roles],
            detail.brief_count,
            detail.position_count,
        )
        view[f"positions:{actor.id}"] = store.actor_positions(actor.id)
    for question in brief.open_questions:
        if question.id:
            view[f"question:{question.id}"] = store.question_history(question.id)
    return view


FAST = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FAST
@given(briefs_with_extras())
def test_yaml_store_export_load_round_trip(data: dict[str, Any]) -> None:
    source = Brief.model_validate(data)
    first = _load_one(dump_yaml(data))
    assert first == source, "the loader changed the brief"
    with empty_library() as store:
        assert store.import_brief(first).outcome is Outcome.new
        stored = store.get_brief(first.id)
        assert stored == source, "the store changed the brief"
        before = store.table_checksums()
        exported = serialise.dump_brief(stored)
        again = _load_one(exported, "export.yaml")
        assert again == source, f"export does not load back equal:\n{exported}"
        # Re-importing the exported version is a no-op: same `updated`, nothing written.
        assert store.import_brief(again).outcome is Outcome.unchanged
        assert store.table_checksums() == before
    with empty_library() as other:
        other.import_brief(again)
        assert other.get_brief(again.id) == source
        assert serialise.dump_brief(other.get_brief(again.id)) == exported, "export not stable"


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_briefs(hostile_text=True), valid_briefs(hostile_text=True))
def test_replacing_a_version_leaves_no_stale_rows(old: dict[str, Any], new: dict[str, Any]) -> None:
    """old then new (later ``updated``) == new alone, in everything the reader sees."""
    import datetime as dt

    new = dict(new, id=old["id"], updated=dt.datetime(2100, 1, 1, tzinfo=dt.UTC))
    old = dict(old, updated=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    old_brief, new_brief = _load_one(dump_yaml(old)), _load_one(dump_yaml(new))
    with empty_library() as both, empty_library() as only:
        both.import_brief(old_brief)
        assert both.import_brief(new_brief).outcome is Outcome.updated
        # An older version arriving later is skipped and changes nothing.
        sums = both.table_checksums()
        assert both.import_brief(old_brief).outcome is Outcome.unchanged
        assert both.table_checksums() == sums
        only.import_brief(new_brief)
        assert _public_view(both, new_brief.id) == _public_view(only, new_brief.id)
        gone = {a.id for a in old_brief.actors} - {a.id for a in new_brief.actors}
        for actor_id in gone:
            assert both.actor(actor_id) is None, f"stale actor {actor_id} after replace"


@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(briefs_with_extras())
def test_cli_load_export_load_round_trip(tmp_path_factory: pytest.TempPathFactory, data) -> None:
    """The same, as a user does it: files, two libraries, ``load`` and ``export``."""
    require_commands("load", "export")
    tmp = tmp_path_factory.mktemp("rt")
    source = Brief.model_validate(data)
    src = tmp / "brief.yaml"
    src.write_text(dump_yaml(data), "utf-8")
    db1, db2 = tmp / "one.db", tmp / "two.db"
    assert (r := run_cli("load", src, db=db1)).returncode == 0, str(r)
    exported = run_cli("export", source.id, "--format", "yaml", db=db1)
    assert exported.returncode == 0, str(exported)
    copy = tmp / "exported.yaml"
    copy.write_text(exported.stdout, "utf-8")
    assert (r := run_cli("load", copy, db=db2)).returncode == 0, str(r)
    again = run_cli("export", source.id, "--format", "yaml", db=db2)
    assert again.stdout == exported.stdout, "export of the re-loaded brief differs"
    with Store(db1) as one, Store(db2) as two:
        assert one.get_brief(source.id) == two.get_brief(source.id) == source
    assert yaml.safe_load(exported.stdout)["id"] == source.id


def test_cli_round_trip_of_the_bundled_briefs(tmp_path: Path) -> None:
    """The project's own hand-written briefs, all at once."""
    require_commands("load", "export")
    briefs = ROOT / "briefs"
    db1, db2 = tmp_path / "one.db", tmp_path / "two.db"
    assert (r := run_cli("load", briefs, db=db1)).returncode == 0, str(r)
    out = tmp_path / "out"
    out.mkdir()
    with Store(db1) as store:
        ids = [b.id for b in store.iter_briefs()]
    assert len(ids) == len(list(briefs.glob("*.yaml")))
    for brief_id in ids:
        result = run_cli("export", brief_id, "--format", "yaml", db=db1)
        assert result.returncode == 0, str(result)
        (out / f"{brief_id}.yaml").write_text(result.stdout, "utf-8")
    assert (r := run_cli("load", out, db=db2)).returncode == 0, str(r)
    with Store(db1) as one, Store(db2) as two:
        for brief_id in ids:
            assert one.get_brief(brief_id) == two.get_brief(brief_id)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(valid_briefs(hostile_text=True, controls=True))
def test_control_characters_are_stored_and_exported_exactly(data: dict[str, Any]) -> None:
    """NUL, ESC, C1, CR, U+2028, BOM and bidi controls in any text field: the library is
    data, so it keeps them exactly (views clean them on display, see
    test_robust_terminal.py); the export is valid YAML that loads back equal."""
    source = Brief.model_validate(data)
    first = _load_one(dump_yaml(data))
    assert first == source
    with empty_library() as store:
        store.import_brief(first)
        stored = store.get_brief(first.id)
        assert stored == source
        exported = serialise.dump_brief(stored)
        assert "\x1b" not in exported and "\x00" not in exported, "raw controls in export"
        assert _load_one(exported, "export.yaml") == source
