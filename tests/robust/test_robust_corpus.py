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
import sqlite3
import statistics
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import ROOT, TESTS
from helpers.robust import (
    TRACEBACK,
    Result,
    checkpoint,
    db_checksums,
    integrity,
    require_commands,
    run_cli,
    run_cli_many,
    write_briefs,
)

BAD = TESTS / "fixtures" / "bad"
#: One pytest-xdist worker runs this module (``--dist loadgroup``): its module fixtures
#: start ``briefing load`` some 35 times, and each worker would repeat them.
pytestmark = pytest.mark.xdist_group("robust-corpus")
HEADER = re.compile(r"^# briefs=(\d+) refused=(\d+)$")


def corpus() -> list[Path]:
    """The loader's corpus: every ``*.yaml`` with its ``.expected`` sidecar."""
    if not BAD.is_dir():
        return []
    return sorted(p for p in BAD.glob("*.yaml") if p.with_suffix(".expected").exists())


def expected(path: Path) -> tuple[int, int, list[str]]:
    """(briefs, refused, ["LINE:COL: ..." per problem]) from the sidecar."""
    header, *lines = path.with_suffix(".expected").read_text("utf-8").splitlines()
    match = HEADER.match(header)
    assert match, f"{path.name}: bad .expected header {header!r}"
    return int(match[1]), int(match[2]), [line for line in lines if line.strip()]


FILES = corpus()
IDS = [p.name for p in FILES]


def test_the_corpus_is_there() -> None:
    """The loader's corpus is the input of every test below: it must not vanish."""
    assert len(FILES) >= 25, f"only {len(FILES)} corpus files in {BAD}"


def generated_bad_files(folder: Path) -> list[Path]:
    """Hostile files too big to keep in the repository, made at test time."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {
        "deep-flow-lists.yaml": b"[" * 100_000 + b"]" * 100_000,
        "deep-block-lists.yaml": b"- " * 100_000 + b"x\n",
        "deep-flow-maps.yaml": b"{a: " * 100_000 + b"1" + b"}" * 100_000,
        "deep-unterminated.yaml": b"x: " + b"[" * 100_000,
        # Over the 2 MiB cap: a valid brief padded with a huge summary.
        "oversized.yaml": (
            b"id: big\ntitle: Big\ndate: 2031-01-01\nactors: [{id: a, name: A}]\nsummary: "
            + b"x" * (2 * 1024 * 1024)
            + b"\n"
        ),
        "binary.yaml": bytes(range(256)) * 64,
        "nul-bytes.yaml": b"id: x\x00\ntitle: t\n",
        "utf16.yaml": "id: x\ntitle: t\n".encode("utf-16"),
        "billion-laughs-keys.yaml": b"".join(
            [b"a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"]
            + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n".encode() for i in range(1, 9)]
        ),
    }
    out = []
    for name, data in made.items():
        path = folder / name
        path.write_bytes(data)
        out.append(path)
    return out


@dataclass
class Template:
    db: Path
    sums: dict[str, str]
    store_sums: dict[str, str]
    baseline_cpu: float


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """A library with valid briefs (bundled + generated), checkpointed; its checksums; and
    the start-up cost of one CLI call on it (the baseline for the time limit)."""
    require_commands("load", "list")
    from briefing.store import Store

    root = tmp_path_factory.mktemp("corpus")
    db = root / "template.db"
    bundled = ROOT / "briefs"
    result = run_cli("load", bundled, *write_briefs(root / "gen", range(30)), db=db)
    assert result.returncode == 0, str(result)
    checkpoint(db)
    with Store(db) as store:
        assert store.count_briefs() == 30 + len(list(bundled.glob("*.yaml")))
        store_sums = store.table_checksums()
    # Start-up baseline: CPU seconds of a trivial command on the same library (median of
    # three). CPU time, not wall time: other work on a busy machine does not inflate it.
    baseline = statistics.median(r.cpu for r in run_cli_many([{"args": ["list"], "db": db}] * 3))
    return Template(db, db_checksums(db), store_sums, baseline)


@dataclass
class Run:
    bad: Path
    db: Path
    result: Result


@pytest.fixture(scope="module")
def runs(template: Template, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """``briefing load FILE`` for every corpus file and every generated hostile file, each
    on its own copy of the template library, run side by side (they are independent)."""
    root = tmp_path_factory.mktemp("corpus-runs")
    files = [*FILES, *generated_bad_files(root / "generated")]
    dbs = []
    for n in range(len(files)):
        db = root / f"lib-{n:03d}.db"
        shutil.copy(template.db, db)
        dbs.append(db)
    jobs = [
        {"args": ["load", p], "db": db, "timeout": 60} for p, db in zip(files, dbs, strict=True)
    ]
    results = run_cli_many(jobs)
    return {
        path.name: Run(path, db, result)
        for path, db, result in zip(files, dbs, results, strict=True)
    }


def _normalised(db: Path, tmp: Path) -> dict[str, str]:
    """Our checksums of a copy of ``db`` with the import bookkeeping blanked (when and from
    where a brief was imported; which files were seen), so a CLI import and an in-process
    import of the same briefs compare equal."""
    copy = tmp / f"normalised-{db.stem}.db"
    con = sqlite3.connect(db)
    try:
        con.execute(f"VACUUM INTO '{copy}'")
    finally:
        con.close()
    con = sqlite3.connect(copy)
    try:
        con.execute("UPDATE briefs SET imported_at = '', origin = NULL")
        con.execute("DELETE FROM files")
        con.commit()
    finally:
        con.close()
    return db_checksums(copy)


def _assert_library_is_template_plus(db: Path, template: Template, good: list, tmp: Path) -> None:
    """``db`` == the template library with exactly the briefs ``good`` imported, whole."""
    from briefing.store import Store

    assert integrity(db) == ["ok"]
    if not good:
        # Unchanged: our own checksums over every table, and the store's.
        assert db_checksums(db) == template.sums
        with Store(db) as store:
            assert store.table_checksums() == template.store_sums
        return
    reference = tmp / "reference.db"
    shutil.copy(template.db, reference)
    with Store(reference) as store:
        store.import_briefs([(b, None) for b in good])
    with Store(db) as store:
        for brief in good:
            assert store.get_brief(brief.id) == brief
    assert _normalised(db, tmp) == _normalised(reference, tmp)


def _check_run(run: Run, template: Template, tmp: Path) -> None:
    from briefing.loader import load_file

    bad, result = run.bad, run.result
    n_briefs, refused, lines = expected(bad) if bad.parent == BAD else (0, 1, [])

    assert result.returncode == (1 if refused else 0), str(result)
    assert TRACEBACK not in result.output, str(result)
    # One line per problem, each pinned to file:line:col, exactly as the loader expects.
    located = re.compile(re.escape(bad.name) + r":(\d+):(\d+): ")
    problem_lines = [line for line in result.output.splitlines() if located.search(line)]
    if refused:
        assert problem_lines, f"no file:line for {bad.name}\n{result}"
    for line in lines:
        assert any(f"{bad.name}:{line}" in out for out in problem_lines), (
            f"expected problem {line!r} not reported\n{result}"
        )
    if bad.parent == BAD:
        assert len(problem_lines) == len(lines), str(result)
    for line in problem_lines:
        assert len(line) < 2000, "a problem line must stay readable (one clear line)"
    # Within a second (of CPU), beyond the cost of starting the interpreter and opening the
    # library; and no hang in wall time either, however busy the machine.
    cpu = result.cpu - template.baseline_cpu
    assert cpu < 1.0, f"{cpu:.2f}s CPU over the baseline of {template.baseline_cpu:.2f}s"
    assert result.seconds < 30, str(result)
    good = load_file(bad).briefs
    assert len(good) == n_briefs
    _assert_library_is_template_plus(run.db, template, good, tmp)


@pytest.mark.parametrize("name", IDS)
def test_bad_file_is_refused_cleanly_and_changes_nothing(
    name: str, runs: dict[str, Run], template: Template, tmp_path: Path
) -> None:
    _check_run(runs[name], template, tmp_path)


GENERATED = [
    "deep-flow-lists.yaml", "deep-block-lists.yaml", "deep-flow-maps.yaml",
    "deep-unterminated.yaml", "oversized.yaml", "binary.yaml", "nul-bytes.yaml",
    "utf16.yaml", "billion-laughs-keys.yaml",
]  # fmt: skip


@pytest.mark.parametrize("name", GENERATED)
def test_generated_hostile_file_is_refused_cleanly(
    name: str, runs: dict[str, Run], template: Template, tmp_path: Path
) -> None:
    _check_run(runs[name], template, tmp_path)


def test_whole_corpus_at_once(template: Template, tmp_path: Path) -> None:
    """``load`` on the corpus folder: every file reported, only valid documents stored."""
    from briefing.loader import load_file

    db = tmp_path / "lib.db"
    shutil.copy(template.db, db)
    result = run_cli("load", BAD, db=db, timeout=120)
    assert result.returncode == 1, str(result)
    assert TRACEBACK not in result.output, str(result)
    good = []
    for path in FILES:
        _, _, lines = expected(path)
        for line in lines:
            assert f"{path.name}:{line}" in result.output, f"{path.name}: {line}\n{result}"
        good.extend(load_file(path).briefs)
    _assert_library_is_template_plus(db, template, good, tmp_path)


def test_bad_files_among_good_ones_keep_the_good_ones_whole(
    template: Template, tmp_path: Path
) -> None:
    """Atomic per brief: good files in the same run are stored whole; refused documents
    not at all; the pre-existing library is untouched apart from the additions."""
    from briefing.loader import load_file

    db = tmp_path / "lib.db"
    shutil.copy(template.db, db)
    good_files = write_briefs(tmp_path / "good", range(900, 905), prefix="good")
    bad_files = [p for p in FILES if expected(p)[1]][:12]
    result = run_cli("load", good_files[0], *bad_files, *good_files[1:], db=db, timeout=60)
    assert result.returncode == 1, str(result)
    assert TRACEBACK not in result.output, str(result)
    good = [b for path in [*good_files, *bad_files] for b in load_file(path).briefs]
    _assert_library_is_template_plus(db, template, good, tmp_path)
