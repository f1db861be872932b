"""News feeds whose entries are articles become draft briefs: a synthetic news site on
127.0.0.1 (tests/helpers/newssite.py), ``briefing fetch`` into a real library, the server's
request log as the witness of what was (and was not) downloaded."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.cli import main as _main  # noqa: F401 - registers the commands
from briefing.config import HttpSettings, LibrarySettings, PageSettings, Settings
from briefing.feeds import fetch_into_library
from briefing.feeds.articles import canonical_url, is_full_text
from briefing.loader import load_bytes
from briefing.serialise import dump_brief
from briefing.store import Store
from helpers.feeds import FeedServer, Reply, running_server
from helpers.newssite import news_rss, serve_site, stories

PAGE_PATHS = {s.path for s in stories()} | {s.amp_path for s in stories()}


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with running_server() as server:
        yield server


def settings(**pages: object) -> Settings:
    return Settings(
        http=HttpSettings(connect_timeout=1.0, read_timeout=2.0, total_timeout=5.0, retries=0),
        library=LibrarySettings(sync=[]),
        pages=PageSettings(**{"delay": 0.0, **pages}),  # type: ignore[arg-type]
    )


def fetch(db: Path, *urls: str) -> tuple[int, str]:
    from briefing.cli import _register

    _register()
    result = CliRunner().invoke(cli, ["--db", str(db), "fetch", "-q", *urls])
    return result.exit_code, result.output


def page_requests(server: FeedServer) -> list[str]:
    return [s.path for s in server.seen if s.path in PAGE_PATHS or s.path.startswith("/news/")]


def test_rss_of_articles_gives_one_draft_per_article_and_reports_failures(
    server: FeedServer, tmp_path: Path
) -> None:
    site = serve_site(server)
    db = tmp_path / "lib.db"
    code, out = fetch(db, server.url("/feed.rss"))
    # A missing page and a file:// link are failures, named by URL: exit 1.
    assert code == 1, out
    assert f"{server.url('/news/gone.html')}: HTTP 404" in out
    assert "refused file:" in out and "etc/passwd" in out
    assert f"{len(site)} new" in out
    with Store(db) as store:
        briefs = list(store.iter_briefs())
    # One draft per article: the AMP copy of the first is not a second brief.
    assert len(briefs) == len(site)
    by_url = {b.source[0].url: b for b in briefs}
    assert set(by_url) == {server.url(s.path) for s in site}
    for story in site:
        brief = by_url[server.url(story.path)]
        assert "draft" in brief.tags
        assert brief.title == story.title
        assert brief.date == story.published.date()
        source = brief.source[0]
        assert source.published == story.published.date()
        assert source.publisher == "The Sarn Coast Ledger"
        assert brief.provenance is not None
        assert brief.provenance.feed == server.url("/feed.rss")
        assert brief.provenance.entry in {server.url(story.path), server.url(story.amp_path)}
        assert brief.provenance.fetched is not None
        assert brief.provenance.derived_by and brief.provenance.derived_by.startswith("briefing")
        # Page furniture stays out of the brief's text.
        text = dump_brief(brief)
        for furniture in ("cookies", "Also read", "Related:", "newsletter", "Most read", "©"):
            assert furniture not in text, (story.slug, furniture)
    # robots.txt was asked once; the AMP copy and the article: at most one derived.
    assert len(server.requests_for("/robots.txt")) == 1


def test_second_fetch_derives_nothing_and_downloads_no_page_again(
    server: FeedServer, tmp_path: Path
) -> None:
    site = serve_site(server)
    db = tmp_path / "lib.db"
    fetch(db, server.url("/feed.rss"))
    first = page_requests(server)
    assert len([p for p in first if p != "/news/gone.html"]) <= len(site) + 1
    server.seen.clear()
    code, out = fetch(db, server.url("/feed.rss"))
    assert code == 1  # the missing page is still missing: retried, still failing
    assert "0 new, 0 updated" in out
    # Only the failed entry is requested again; no article page is downloaded twice.
    assert page_requests(server) == ["/news/gone.html"]
    with Store(db) as store:
        assert len(list(store.iter_briefs())) == len(site)


def test_failed_entry_is_retried_and_then_handled(server: FeedServer, tmp_path: Path) -> None:
    site = serve_site(server)
    base = server.url("").rstrip("/")
    feed = news_rss(base, site, amp_copy=False, broken=False)
    server.route("/only.rss", lambda _s: Reply(body=feed, headers={"Content-Type": "text/xml"}))
    first_path = site[0].path
    page_route = server.routes[first_path]
    server.reply(first_path, Reply(503, b"busy"))
    db = tmp_path / "lib.db"
    code, out = fetch(db, server.url("/only.rss"))
    assert code == 1 and f"{server.url(first_path)}: HTTP 503" in out
    server.route(first_path, page_route)
    code, out = fetch(db, server.url("/only.rss"))
    assert code == 0, out
    assert "1 new" in out and f"{len(site) - 1} unchanged" in out


def test_atom_with_full_text_gives_drafts_without_page_downloads(
    server: FeedServer, tmp_path: Path
) -> None:
    site = serve_site(server)
    db = tmp_path / "lib.db"
    code, out = fetch(db, server.url("/fulltext.atom"))
    assert code == 0, out
    assert page_requests(server) == []
    assert server.requests_for("/robots.txt") == []
    with Store(db) as store:
        briefs = {b.source[0].url: b for b in store.iter_briefs()}
    assert set(briefs) == {server.url(s.path) for s in site}
    for story in site:
        brief = briefs[server.url(story.path)]
        assert brief.date == story.published.date() and brief.title == story.title
        assert "Also read" not in dump_brief(brief)


def test_all_entries_failing_fails_the_feed(server: FeedServer, tmp_path: Path) -> None:
    base = server.url("").rstrip("/")
    from helpers.newssite import rss

    when = stories()[0].published
    body = rss(
        base,
        [
            ("a", base + "/news/nope1.html", "x …", when),
            ("b", base + "/news/nope2.html", "y …", when),
        ],
    )
    server.route("/dead.rss", lambda _s: Reply(body=body, headers={"Content-Type": "text/xml"}))
    report = asyncio.run(
        fetch_into_library(settings(), tmp_path / "l.db", [server.url("/dead.rss")])
    )
    (feed,) = report.feeds
    assert feed.error and "could not import any of 2 entries" in feed.error
    assert len(feed.failed) == 2 and all("HTTP 404" in f for f in feed.failed)


def test_robots_txt_is_obeyed_and_can_be_switched_off(server: FeedServer, tmp_path: Path) -> None:
    story = serve_site(server)[0]
    base = server.url("").rstrip("/")
    from helpers.newssite import page, rss

    server.route(
        "/private/a.html",
        lambda _s: Reply(body=page(story, base).encode(), headers={"Content-Type": "text/html"}),
    )
    body = rss(base, [(story.title, base + "/private/a.html", "teaser …", story.published)])
    server.route("/p.rss", lambda _s: Reply(body=body, headers={"Content-Type": "text/xml"}))
    report = asyncio.run(fetch_into_library(settings(), tmp_path / "a.db", [server.url("/p.rss")]))
    assert "robots.txt disallows it" in report.feeds[0].failed[0]
    assert server.requests_for("/private/a.html") == []
    report = asyncio.run(
        fetch_into_library(settings(robots=False), tmp_path / "b.db", [server.url("/p.rss")])
    )
    assert report.feeds[0].new == 1


def test_pages_of_one_host_at_most_two_at_once(server: FeedServer, tmp_path: Path) -> None:
    serve_site(server, delay=0.1)
    report = asyncio.run(
        fetch_into_library(settings(), tmp_path / "l.db", [server.url("/feed.rss")])
    )
    assert report.feeds[0].new == 4
    assert server.max_in_flight <= 2
    ua = server.requests_for(stories()[0].path)[0].headers["user-agent"]
    assert ua.startswith("briefing/") and "http" in ua


def test_provenance_survives_export_and_load(server: FeedServer, tmp_path: Path) -> None:
    serve_site(server)
    db = tmp_path / "lib.db"
    fetch(db, server.url("/fulltext.atom"))
    with Store(db) as store:
        brief = next(iter(store.iter_briefs()))
    runner = CliRunner()
    exported = runner.invoke(cli, ["--db", str(db), "export", brief.id])
    assert exported.exit_code == 0 and "provenance:" in exported.output
    path = tmp_path / "draft.yaml"
    path.write_text(exported.output, encoding="utf-8")
    other = tmp_path / "other.db"
    loaded = runner.invoke(cli, ["--db", str(other), "load", str(path)])
    assert loaded.exit_code == 0, loaded.output
    with Store(other) as store:
        again = store.get_brief(brief.id)
    assert again is not None and again.provenance == brief.provenance
    shown = runner.invoke(cli, ["--db", str(other), "show", brief.id])
    assert server.url("/fulltext.atom") in shown.output
    assert load_bytes(exported.output.encode(), "x.yaml").errors == []


def test_kind_briefs_skips_articles(server: FeedServer, tmp_path: Path) -> None:
    serve_site(server)
    db = tmp_path / "lib.db"
    runner = CliRunner()
    added = runner.invoke(
        cli, ["--db", str(db), "feeds", "add", server.url("/fulltext.atom"), "--kind", "briefs"]
    )
    assert added.exit_code == 0, added.output
    _, out = fetch(db)
    assert "no link to a brief file" in out
    with Store(db) as store:
        assert list(store.iter_briefs()) == []


def test_full_text_and_canonical_helpers() -> None:
    long = "<p>" + "word " * 400 + "</p>"
    assert is_full_text(long, 1500)
    assert not is_full_text(long[:-4] + " Continue reading</p>", 1500)
    assert not is_full_text(long.replace("</p>", "…</p>"), 1500)
    assert not is_full_text("<p>short</p>", 1500)
    html = '<head><meta property="og:url" content="/a?x=1&amp;y=2"></head>'
    assert canonical_url(html, "http://h.example/amp/a") == "http://h.example/a?x=1&y=2"
    assert canonical_url('<link href="javascript:x" rel="canonical">', "http://h/") is None


def test_feed_of_articles_is_fetched_conditionally(server: FeedServer, tmp_path: Path) -> None:
    site = serve_site(server)
    base = server.url("").rstrip("/")
    server.static("/clean.rss", news_rss(base, site, amp_copy=False, broken=False), "text/xml")
    db = tmp_path / "lib.db"
    assert fetch(db, server.url("/clean.rss"))[0] == 0
    server.seen.clear()
    code, out = fetch(db, server.url("/clean.rss"))
    assert code == 0 and "not modified (304)" in out and f"{len(site)} unchanged" in out
    (request,) = server.seen
    assert request.path == "/clean.rss" and request.headers.get("if-none-match")
