"""``briefing load`` skips files unchanged since they were loaded, by the same stamps
(size, modification time) as the reader's start-up sync; ``--force`` reads them all."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from briefing.cli import cli
from helpers import TESTS

LIBRARY = TESTS / "fixtures" / "library"


def run(db: Path, *args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *map(str, args)], catch_exceptions=False)


def test_unchanged_files_are_not_read_again_unless_forced(tmp_path: Path) -> None:
    folder = tmp_path / "briefs"
    folder.mkdir()
    for path in sorted(LIBRARY.glob("*.yaml")):
        shutil.copy(path, folder)
    db = tmp_path / "library.db"
    first = run(db, "load", folder)
    assert (
        first.stdout.splitlines()[-1] == "3 new, 0 updated, 0 unchanged, 0 refused (3 files read)"
    )

    again = run(db, "load", folder)
    assert again.exit_code == 0
    assert again.stdout.splitlines()[-1] == (
        "0 new, 0 updated, 3 unchanged, 0 refused (0 files read, 3 unchanged files skipped)"
    )
    assert "unchanged: harbour-talks-2031-03-01" in again.stdout.splitlines()

    touched = folder / "2031-03-01-harbour-talks.yaml"
    stamp = touched.stat()
    os.utime(touched, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))
    one = run(db, "load", folder)
    assert one.stdout.splitlines()[-1].endswith("(1 file read, 2 unchanged files skipped)")

    shutil.copy(LIBRARY / "v2" / "2031-03-05-strike-vote.yaml", folder)
    changed = run(db, "load", folder)
    assert "updated: strike-vote-2031-03-05" in changed.stdout.splitlines()

    forced = run(db, "load", "--force", folder)
    assert (
        forced.stdout.splitlines()[-1] == "0 new, 0 updated, 3 unchanged, 0 refused (3 files read)"
    )
