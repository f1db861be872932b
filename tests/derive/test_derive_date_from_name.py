"""A saved wire story whose dateline has no year ("KESSEL, Jan 14 (Wire) -") is dated by
the ISO date its file name starts with, and says so; the text's own date still wins."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing.derive.draft import derive
from briefing.derive.extract_text import load_source

STORY = """Harbour board delays vote on new container fees

KESSEL, Jan 14 (Wire) - The Kessel harbour board delayed a vote on new container fees on \
Tuesday after shipping lines threatened to move their ships to a rival port.

"We will not pay twice for the same quay," said Ilse Marten, who chairs the shipping \
lines' association.

The board's chairman, Pavel Oske, said the vote would be held next month.
"""

NOW = dt.datetime(2030, 6, 1, tzinfo=dt.UTC)


def test_a_story_without_a_year_takes_the_date_its_file_name_starts_with(
    tmp_path: Path,
) -> None:
    path = tmp_path / "2038-01-14-harbour-fees.txt"
    path.write_text(STORY, encoding="utf-8")
    article = load_source(str(path))
    assert article.date == dt.date(2038, 1, 14)
    derived = derive(article, now=NOW)
    assert derived.data["date"] == "2038-01-14"
    assert "article date 2038-01-14 taken from the file name" in derived.notes
    # "on Tuesday" is read against that date: the Tuesday before 2038-01-14 (a Thursday).
    assert "2038-01-12" in {str(e["date"]) for e in derived.data["timeline"]}


def test_without_a_date_in_the_name_the_draft_says_it_used_today(tmp_path: Path) -> None:
    path = tmp_path / "harbour-fees.txt"
    path.write_text(STORY, encoding="utf-8")
    derived = derive(load_source(str(path)), now=NOW)
    assert derived.data["date"] == "2030-06-01"
    assert any(n.startswith("no article date found") for n in derived.notes)


def test_the_texts_own_date_wins_over_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "2038-01-14-harbour-fees.txt"
    path.write_text("date: 2038-01-15\n\n" + STORY, encoding="utf-8")
    derived = derive(load_source(str(path)), now=NOW)
    assert derived.data["date"] == "2038-01-15"
    assert not any("file name" in n for n in derived.notes)


def test_a_date_given_on_the_command_line_wins_and_no_file_name_note(tmp_path: Path) -> None:
    path = tmp_path / "2038-01-14-harbour-fees.txt"
    path.write_text(STORY, encoding="utf-8")
    derived = derive(load_source(str(path)), date=dt.date(2038, 1, 20), now=NOW)
    assert derived.data["date"] == "2038-01-20"
    assert not any("file name" in n for n in derived.notes)
