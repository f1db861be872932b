"""The reader with news feeds: ``r`` against the synthetic news site on 127.0.0.1
(progress per feed and article, drafts marked in the list) and ``e`` with a real
editor process (tests/fixtures/editor.py)."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest

from briefing.config import FeedSettings, PageSettings
from briefing.store import Store
from briefing.tui.widgets.brief_list import DRAFT_MARK
from helpers import TESTS
from helpers.feeds import running_server
from helpers.newssite import serve_site
from helpers.tui import make_app, make_library, screen_text, settle

WIDE = (160, 48)

EDITOR = TESTS / "fixtures" / "editor.py"


async def test_r_fetches_news_with_progress_and_marks_drafts(tmp_path: Path) -> None:
    db = make_library(tmp_path)
    with running_server() as server:
        site = serve_site(server, delay=0.15)
        app = make_app(db)
        app.settings.feeds = [FeedSettings(url=server.url("/feed.rss"), name="Ledger")]
        app.settings.pages = PageSettings(delay=0.0)
        app.settings.http.retries = 0
        async with app.run_test(size=WIDE, notifications=True) as pilot:
            await settle(pilot)
            before = app.main_screen.brief_list.count
            await pilot.press("r")
            labels: set[str] = set()
            for _ in range(400):
                await asyncio.sleep(0.01)
                text = screen_text(app)
                labels |= {ln.strip() for ln in text.splitlines() if "Fetching" in ln}
                if "Fetched:" in text:
                    break
            await settle(pilot)
            # Progress named the feed, and the articles as they were fetched.
            assert any("/news/" in label or "/amp/" in label for label in labels), labels
            lst = app.main_screen.brief_list
            assert lst.count == before + len(site)
            text = screen_text(app)
            assert "Fetched: 4 new" in text
            assert DRAFT_MARK.strip() in text
            assert "gone.html" in text  # the failed entry is reported by URL


async def test_e_edits_the_brief_and_the_change_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = make_library(tmp_path)
    with Store(db) as store:
        first = store.list_briefs(offset=0, limit=1)[0]
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps([{"replace": f"title: {first.title}", "with": "title: Edited"}]))
    monkeypatch.setenv("VISUAL", f"{sys.executable} {EDITOR} {plan}")
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        assert app.main_screen.brief.id == first.id
        await pilot.press("e")
        await settle(pilot)
        assert app.main_screen.brief.title == "Edited"
        text = screen_text(app)
        assert "Edited" in text and "saved" in text
    with Store(db) as store:
        stored = store.get_brief(first.id)
    assert stored is not None and stored.title == "Edited"
