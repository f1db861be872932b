"""The bad-input corpus against a real library, through ``briefing load``.

Every file in ``tests/fixtures/bad/`` (the loader's corpus: syntax errors, schema
violations, alias bombs, deep nesting, oversized, non-UTF-8, ``!!python`` tags, ...) is
loaded into a library that already holds valid briefs. Each must:

* exit with status 1 and print one clear line per problem, each with ``file:line``;
* print no traceback, and finish within a second (beyond the interpreter's start-up);
* leave the library unchanged: every table's checksum, both our own (sha256 of the
  sorted rows of every table, FTS shadow tables included) and ``Store.table_checksums()``.
"""

from __future__ import annotations

import re
import shutil
import statistics
from pathlib import Path

import pytest
from test_robust_helpers import (
    TRACEBACK,
    checkpoint,
    db_checksums,
    integrity,
    require_commands,
    run_cli,
    write_briefs,
)

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
#: Files in the corpus folder that describe it rather than being part of it.
_META = {".md", ".json", ".txt", ".toml", ".py", ".expected"}


def corpus() -> list[Path]:
    if not BAD.is_dir():
        return []
    return sorted(
        p
        for p in BAD.rglob("*")
        if p.is_file() and p.suffix.lower() not in _META and not p.name.startswith(".")
    )


FILES = corpus()
IDS = [str(p.relative_to(BAD)) for p in FILES]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], float]:
    """A library with valid briefs (bundled + generated), checkpointed; its checksums; and
    the start-up cost of one CLI call on it (the baseline for the time limit)."""
    require_commands("load", "list")
    from briefing.store import Store

    root = tmp_path_factory.mktemp("corpus")
    db = root / "template.db"
    bundled = Path(__file__).resolve().parent.parent / "briefs"
    result = run_cli("load", bundled, *write_briefs(root / "gen", range(30)), db=db)
    assert result.returncode == 0, str(result)
    checkpoint(db)
    with Store(db) as store:
        assert store.count_briefs() == 30 + len(list(bundled.glob("*.yaml")))
    # Start-up baseline: a trivial command on the same library (median of three).
    baseline = statistics.median(run_cli("list", db=db).seconds for _ in range(3))
    return db, db_checksums(db), baseline


@pytest.fixture
def library(template: tuple[Path, dict[str, str], float], tmp_path: Path) -> Path:
    db = tmp_path / "lib.db"
    shutil.copy(template[0], db)
    return db


def _store_sums(db: Path) -> dict[str, str]:
    from briefing.store import Store

    with Store(db) as store:
        return store.table_checksums()


@pytest.mark.skipif(not FILES, reason="tests/fixtures/bad/ has not landed yet")
@pytest.mark.parametrize("bad", FILES, ids=IDS)
def test_bad_file_is_refused_cleanly_and_changes_nothing(
    bad: Path, library: Path, template: tuple[Path, dict[str, str], float]
) -> None:
    _, sums_before, baseline = template
    store_before = _store_sums(library)
    result = run_cli("load", bad, db=library, timeout=30)

    assert result.returncode == 1, str(result)
    assert TRACEBACK not in result.output, str(result)
    # One line per problem, each pinned to file:line(:col).
    located = re.compile(re.escape(bad.name) + r":(\d+)(?::(\d+))?:")
    problem_lines = [line for line in result.output.splitlines() if located.search(line)]
    assert problem_lines, f"no file:line for {bad.name}\n{result}"
    for line in problem_lines:
        assert int(located.search(line).group(1)) >= 1
        assert len(line) < 2000, "a problem line must stay readable (one clear line)"
    # Within a second, beyond the cost of starting the interpreter and opening the library.
    assert result.seconds < baseline + 1.0, f"{result.seconds:.2f}s (baseline {baseline:.2f}s)"
    # Unchanged: our own checksums over every table, and the store's.
    assert db_checksums(library) == sums_before
    assert _store_sums(library) == store_before
    assert integrity(library) == ["ok"]


@pytest.mark.skipif(not FILES, reason="tests/fixtures/bad/ has not landed yet")
def test_whole_corpus_at_once_changes_nothing(
    library: Path, template: tuple[Path, dict[str, str], float]
) -> None:
    """``load`` on the corpus folder: every bad file reported, nothing written."""
    _, sums_before, _ = template
    result = run_cli("load", BAD, db=library, timeout=120)
    assert result.returncode == 1, str(result)
    assert TRACEBACK not in result.output, str(result)
    yaml_files = [p for p in FILES if p.suffix.lower() in (".yaml", ".yml")]
    for path in yaml_files:
        assert f"{path.name}:" in result.output, f"{path.name} not reported\n{result}"
    assert db_checksums(library) == sums_before


@pytest.mark.skipif(not FILES, reason="tests/fixtures/bad/ has not landed yet")
def test_bad_files_among_good_ones_keep_the_good_ones_whole(
    library: Path, tmp_path: Path
) -> None:
    """Atomic per brief: good files in the same run are stored whole; bad ones not at all,
    and the pre-existing library is untouched apart from the additions."""
    from briefing.store import Store

    good = write_briefs(tmp_path / "good", range(900, 905), prefix="good")
    yaml_files = [p for p in FILES if p.suffix.lower() in (".yaml", ".yml")][:10]
    before_ids = _ids(library)
    result = run_cli("load", good[0], *yaml_files, *good[1:], db=library, timeout=60)
    assert result.returncode == 1, str(result)
    assert TRACEBACK not in result.output, str(result)
    after = _ids(library)
    assert after - before_ids == {f"good-{i:05d}" for i in range(900, 905)}, str(result)
    with Store(library) as store:
        for brief_id in after - before_ids:
            assert store.get_brief(brief_id) is not None


def _ids(db: Path) -> set[str]:
    from briefing.store import Store

    with Store(db) as store:
        return {b.id for b in store.iter_briefs()}
