"""``derive-eval --library DIR``: the folder's briefs stand for the user's library, so
open questions and actor ids are reused as ``briefing derive`` reuses them; the article's
own reference brief is never part of that library."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from briefing.cli import cli
from briefing.cli import derive as _derive_commands  # noqa: F401  (attaches the commands)
from helpers import TESTS

STORIES = TESTS / "fixtures" / "derive" / "stories"
STEM = "2033-05-14-ceasefire-talks"


def _eval(tmp_path: Path, *extra: str) -> dict[str, object]:
    articles = tmp_path / "articles"
    references = tmp_path / "references"
    articles.mkdir(parents=True)
    references.mkdir()
    shutil.copy(STORIES / f"{STEM}.txt", articles)
    reference = yaml.safe_load((STORIES / "reference" / f"{STEM}.yaml").read_text("utf-8"))
    # an analyst's question no cue phrase of the article reaches
    reference["open_questions"].append(
        {
            "id": "gaza-hostages-home",
            "question": "Will every hostage in Gaza be home before the summer?",
            "actors": ["hamas"],
        }
    )
    (references / f"{STEM}.yaml").write_text(yaml.safe_dump(reference), encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            str(tmp_path / "none.db"),
            "derive-eval",
            "--articles",
            str(articles),
            "--references",
            str(references),
            "--json",
            *extra,
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["total"]  # type: ignore[no-any-return]


def test_library_questions_are_reused_and_the_own_reference_is_left_out(tmp_path: Path) -> None:
    without = _eval(tmp_path / "a")
    # a library holding only the article's own reference: left out, nothing changes
    own = tmp_path / "own"
    own.mkdir()
    shutil.copy(STORIES / "reference" / f"{STEM}.yaml", own)
    assert _eval(tmp_path / "b", "--library", str(own)) == without
    # another brief of the library asks that question under its id
    other = tmp_path / "other"
    other.mkdir()
    data = yaml.safe_load((STORIES / "reference" / f"{STEM}.yaml").read_text(encoding="utf-8"))
    data["id"] = "gaza-truce-watch"
    data["open_questions"] = [
        {
            "id": "gaza-hostages-home",
            "question": "Will the hostages held by Hamas be released under a truce?",
            "actors": ["hamas"],
            "likelihood": "unlikely",
        }
    ]
    (other / "watch.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with_library = _eval(tmp_path / "c", "--library", str(other))
    assert without["questions_recalled"] < 1.0
    assert with_library["questions_recalled"] == 1.0
