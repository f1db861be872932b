"""``briefing edit ID`` with a real editor process: a small script set as $EDITOR that
edits the file the way a person would (tests/fixtures/editor.py)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import _register, cli
from briefing.store import Store
from helpers import TESTS

_register()
EDITOR = TESTS / "fixtures" / "editor.py"
GOOD = TESTS / "fixtures" / "good"


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "lib.db"
    brief_file = next(GOOD.glob("*.yaml"))
    result = CliRunner().invoke(cli, ["--db", str(db), "load", str(brief_file)])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        brief = next(iter(store.iter_briefs()))
    # Make it a draft, as fetch would.
    with Store(db) as store:
        store.import_brief(
            brief.model_copy(
                update={
                    "tags": ["draft", *brief.tags],
                    "updated": dt.datetime(2031, 1, 1, tzinfo=dt.UTC),
                }
            )
        )
    return db, brief.id


def edit(db: Path, brief_id: str, steps: list[dict[str, str]], tmp_path: Path) -> tuple[int, str]:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(steps))
    (tmp_path / "plan.json.log").unlink(missing_ok=True)
    env = {"VISUAL": f"{sys.executable} {EDITOR} {plan}", "EDITOR": ""}
    result = CliRunner().invoke(cli, ["--db", str(db), "edit", brief_id], env=env)
    return result.exit_code, result.output


def test_invalid_edit_reopens_with_errors_then_valid_save_signs_off(
    library: tuple[Path, str], tmp_path: Path
) -> None:
    db, brief_id = library
    with Store(db) as store:
        before = store.get_brief(brief_id)
    assert before is not None
    steps = [
        {"replace": "summary:", "with": "summery:"},  # summary missing: invalid
        {"expect": "# briefing: ", "replace": "summery:", "with": "summary:"},
        # (still the same text as first shown, minus the header: now remove the draft tag)
    ]
    steps[1]["drop_line"] = "- draft"
    code, out = edit(db, brief_id, steps, tmp_path)
    assert code == 0, out
    assert "signed off" in out
    calls = json.loads((tmp_path / "plan.json.log").read_text())
    assert len(calls) == 2
    assert calls[1].startswith("# briefing: this brief is not valid")
    assert "summary" in calls[1].split("\n", 3)[2]  # the problem names the field
    with Store(db) as store:
        after = store.get_brief(brief_id)
    assert after is not None
    assert "draft" not in after.tags
    assert after.updated is not None and before.updated is not None
    assert after.updated > before.updated
    assert after.summary == before.summary


def test_quitting_without_changes_changes_nothing(
    library: tuple[Path, str], tmp_path: Path
) -> None:
    db, brief_id = library
    with Store(db) as store:
        before = store.get_brief(brief_id)
    code, out = edit(db, brief_id, [{}], tmp_path)
    assert code == 0 and "no changes" in out
    # An invalid edit, then quitting without touching the re-opened file: abandoned.
    code, out = edit(db, brief_id, [{"replace": "summary:", "with": "summery:"}, {}], tmp_path)
    assert code == 0 and "abandoned" in out
    with Store(db) as store:
        assert store.get_brief(brief_id) == before


def test_changing_the_id_is_refused(library: tuple[Path, str], tmp_path: Path) -> None:
    db, brief_id = library
    steps = [{"replace": f"id: {brief_id}", "with": "id: another-id"}, {}]
    code, out = edit(db, brief_id, steps, tmp_path)
    calls = json.loads((tmp_path / "plan.json.log").read_text())
    assert "cannot change the id" in calls[1]
    assert code == 0 and "abandoned" in out


def test_deleting_the_only_tag_leaves_no_tags(library: tuple[Path, str], tmp_path: Path) -> None:
    """A person deleting "- draft" from a draft with no other tag leaves ``tags:``
    empty: that is no tags, not an error."""
    db, brief_id = library
    with Store(db) as store:
        brief = store.get_brief(brief_id)
        assert brief is not None
        store.import_brief(
            brief.model_copy(
                update={"tags": ["draft"], "updated": dt.datetime(2031, 1, 2, tzinfo=dt.UTC)}
            )
        )
    code, out = edit(db, brief_id, [{"drop_line": "- draft"}], tmp_path)
    assert code == 0 and "signed off" in out, out
    with Store(db) as store:
        after = store.get_brief(brief_id)
    assert after is not None and after.tags == []
