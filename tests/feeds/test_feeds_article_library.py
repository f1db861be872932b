"""Drafts derived from feed articles reuse the library as ``briefing derive`` does (actor
ids, open questions by id) and name a publisher when the feed's text has none (issue 12
item 5). A real library, a real HTTP server on 127.0.0.1 (tests/helpers/feeds.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.cli import main as _main  # noqa: F401 - registers the commands
from briefing.feeds.articles import feed_publisher
from briefing.model import validate_brief
from briefing.store import Store
from helpers.feeds import FeedServer, running_server
from helpers.newssite import PUBLISHER, serve_site


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with running_server() as server:
        yield server


def _library_brief() -> object:
    brief, problems = validate_brief(
        {
            "format": "briefing/1",
            "id": "orsk-bridge-watch",
            "title": "Orsk bridge tender watch",
            "date": "2031-05-01",
            "updated": "2031-05-01T00:00:00Z",
            "summary": "**Bottom line:** The Orsk bridge tender is in trouble.",
            "actors": [
                {
                    "id": "l-stiegler",
                    "name": "Lorna Stiegler",
                    "kind": "person",
                    "role": "chief executive of Halbeck Construction",
                }
            ],
            "open_questions": [
                {
                    "id": "orsk-tender-collapse",
                    "question": "Will the Orsk bridge tender collapse?",
                    "actors": ["l-stiegler"],
                    "likelihood": "roughly-even",
                }
            ],
        }
    )
    assert brief is not None, problems
    return brief


def test_feed_drafts_reuse_library_ids_and_name_the_publisher(
    server: FeedServer, tmp_path: Path
) -> None:
    site = serve_site(server)
    db = tmp_path / "lib.db"
    with Store(db) as store:
        store.import_brief(_library_brief())  # type: ignore[arg-type]
    result = CliRunner().invoke(cli, ["--db", str(db), "fetch", "-q", server.url("/fulltext.atom")])
    assert result.exit_code == 0, result.output
    bridge = next(s for s in site if s.slug == "bridge-tender")
    with Store(db) as store:
        briefs = {b.source[0].url: b for b in store.iter_briefs() if b.source}
    draft = briefs[server.url(bridge.path)]
    actor_ids = {a.id for a in draft.actors}
    assert "l-stiegler" in actor_ids and "lorna-stiegler" not in actor_ids
    carried = {q.id: q for q in draft.open_questions}
    assert "orsk-tender-collapse" in carried
    assert carried["orsk-tender-collapse"].likelihood is not None
    # the full-text feed carries no publisher of its own: the feed's title names it
    assert draft.source[0].publisher == PUBLISHER


def test_feed_publisher_from_title_or_link() -> None:
    assert feed_publisher("The Harbour Post (full text)", None) == "The Harbour Post"
    assert feed_publisher("Harbour Post - Business", None) == "Harbour Post"
    assert feed_publisher("Harbour Post | Top stories", None) == "Harbour Post"
    assert feed_publisher(None, "https://www.harbourpost.example/feed.xml") == (
        "harbourpost.example"
    )
    assert feed_publisher("RSS", None) is None
