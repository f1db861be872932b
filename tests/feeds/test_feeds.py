"""``fetch_into_library`` and ``briefing fetch``/``feeds`` against a real loopback server,
into a real Store in tmp_path."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.config import FeedSettings, HttpSettings, LibrarySettings, Settings
from briefing.feeds import FetchProgress, fetch_into_library
from briefing.feeds.fetch import IMPORT_BATCH
from briefing.store import Store
from helpers.feeds import FeedServer, Reply, fixture_bytes, running_server

YAML = "application/yaml"
VALID = ["lighthouse-vote.yaml", "ferry-strike.yaml", "orchard-frost.yaml"]
VALID_IDS = {"lighthouse-vote", "ferry-strike", "orchard-frost"}


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "library.db"


def make_settings(feeds: list[FeedSettings] | None = None, **http: float) -> Settings:
    values: dict[str, float] = dict(
        connect_timeout=1.0, read_timeout=1.0, total_timeout=3.0, retries=1, backoff=0.05
    )
    values.update(http)
    return Settings(
        http=HttpSettings(**values),  # type: ignore[arg-type]
        library=LibrarySettings(sync=[]),
        feeds=feeds or [],
    )


def serve_briefs(server: FeedServer, names: list[str], prefix: str = "/briefs/") -> None:
    for name in names:
        server.static(prefix + name, fixture_bytes(name), YAML)


def atom(entries: list[str], title: str = "Island briefs") -> bytes:
    body = "".join(
        f"<entry><id>urn:e:{i}</id><title>e{i}</title><updated>2031-04-04T00:00:00Z</updated>"
        f"{e}</entry>"
        for i, e in enumerate(entries)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:feed</id><updated>2031-04-04T00:00:00Z</updated>"
        f"{body}</feed>"
    ).encode()


def content_src(href: str) -> str:
    return f'<content type="application/yaml" src="{href}"/>'


def stored_ids(db: Path) -> set[str]:
    with Store(db) as store:
        return {brief.id for brief in store.iter_briefs()}


async def test_atom_feed_imports_then_second_run_is_a_304(server: FeedServer, db: Path) -> None:
    serve_briefs(server, VALID)
    frost = server.url("/briefs/orchard-frost.yaml")
    feed = atom(
        [
            content_src("briefs/lighthouse-vote.yaml"),  # relative to the feed URL
            f'<link rel="enclosure" type="{YAML}" href="/briefs/ferry-strike.yaml"/>',
            f'<link rel="alternate" type="{YAML}" href="{frost}"/>',
        ]
    )
    server.static("/feed.atom", feed, "application/atom+xml")
    url = server.url("/feed.atom")
    events: list[FetchProgress] = []

    report = await fetch_into_library(make_settings(), db, [url], progress=events.append)
    [result] = report.feeds
    assert (result.kind, result.new, result.updated, result.unchanged) == ("atom", 3, 0, 0)
    assert result.failed == [] and result.ok and report.ok
    assert set(result.changed_ids) == VALID_IDS == stored_ids(db)
    assert events[-1].done == events[-1].total == 4  # the feed and its three briefs

    again = await fetch_into_library(make_settings(), db, [url])
    [result] = again.feeds
    assert result.not_modified and result.ok
    assert (result.new, result.updated, result.unchanged) == (0, 0, 3)
    feed_requests = server.requests_for("/feed.atom")
    assert len(feed_requests) == 2
    assert feed_requests[1].headers["if-none-match"].startswith('"')
    assert "if-modified-since" in feed_requests[1].headers
    # A 304 feed costs nothing else: its briefs were not asked for again.
    assert len(server.requests_for("/briefs/lighthouse-vote.yaml")) == 1

    with Store(db) as store:
        state = store.feed_state(url)
        assert state is not None and state.last_success and state.last_error is None
        assert state.etag == feed_requests[1].headers["if-none-match"]
        brief_state = store.feed_state(server.url("/briefs/ferry-strike.yaml"))
        assert brief_state is not None and brief_state.etag  # validators per brief URL too


async def test_rss_enclosures(server: FeedServer, db: Path) -> None:
    serve_briefs(server, VALID[:2], prefix="/files/")
    rss = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>r</title><link>http://x/</link><description>d</description>"
        '<item><title>a</title><enclosure url="files/lighthouse-vote.yaml" length="1" '
        f'type="{YAML}"/></item>'
        f'<item><title>b</title><enclosure url="{server.url("/files/ferry-strike.yaml")}" '
        'length="1" type="application/x-yaml"/></item>'
        "</channel></rss>"
    ).encode()
    server.static("/rss.xml", rss, "application/rss+xml")
    report = await fetch_into_library(make_settings(), db, [server.url("/rss.xml")])
    [result] = report.feeds
    assert (result.kind, result.new, result.failed) == ("rss", 2, [])
    assert stored_ids(db) == {"lighthouse-vote", "ferry-strike"}


async def test_json_feed(server: FeedServer, db: Path) -> None:
    serve_briefs(server, [*VALID, "pair.yaml"])
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Island briefs",
        "items": [
            {"id": "1", "attachments": [{"url": "briefs/lighthouse-vote.yaml", "mime_type": YAML}]},
            {"id": "2", "url": server.url("/briefs/ferry-strike.yaml")},
            {"id": "3", "url": "/briefs/pair.yaml"},
        ],
    }
    server.static("/feed.json", json.dumps(doc).encode(), "application/feed+json")
    report = await fetch_into_library(make_settings(), db, [server.url("/feed.json")])
    [result] = report.feeds
    assert (result.kind, result.new, result.failed) == ("json", 4, [])
    assert stored_ids(db) == {"lighthouse-vote", "ferry-strike", "glacier-survey", "canal-tolls"}


async def test_direct_yaml_url_with_several_documents(server: FeedServer, db: Path) -> None:
    server.static("/pair.yaml", fixture_bytes("pair.yaml"), "text/yaml; charset=utf-8")
    # Served as text/plain: recognised by its content.
    server.static("/ferry", fixture_bytes("ferry-strike.yaml"), "text/plain")
    urls = [server.url("/pair.yaml"), server.url("/ferry")]
    report = await fetch_into_library(make_settings(), db, urls)
    assert [(r.kind, r.new) for r in report.feeds] == [("brief", 2), ("brief", 1)]
    assert stored_ids(db) == {"glacier-survey", "canal-tolls", "ferry-strike"}

    again = await fetch_into_library(make_settings(), db, urls)
    assert [(r.not_modified, r.unchanged) for r in again.feeds] == [(True, 2), (True, 1)]
    assert "if-none-match" in server.requests_for("/pair.yaml")[1].headers


async def test_feed_404_fails_the_feed(server: FeedServer, db: Path) -> None:
    serve_briefs(server, VALID[:1])
    server.static("/good.atom", atom([content_src("briefs/lighthouse-vote.yaml")]), "text/xml")
    urls = [server.url("/gone.atom"), server.url("/good.atom")]
    report = await fetch_into_library(make_settings(), db, urls)
    gone, good = report.feeds
    assert gone.error is not None and "HTTP 404 Not Found" in gone.error
    assert good.ok and good.new == 1
    assert not report.ok and report.failed_feeds == [gone]
    with Store(db) as store:
        state = store.feed_state(urls[0])
        assert state is not None and "404" in (state.last_error or "")
        assert state.last_success is None


async def test_500_then_200_feed_is_retried(server: FeedServer, db: Path) -> None:
    serve_briefs(server, VALID[:1])
    body = atom([content_src("briefs/lighthouse-vote.yaml")])
    server.reply(
        "/flaky.atom",
        Reply(500, b"boom"),
        Reply(200, body, {"Content-Type": "application/atom+xml"}),
    )
    report = await fetch_into_library(make_settings(), db, [server.url("/flaky.atom")])
    assert report.ok and report.feeds[0].new == 1
    assert len(server.requests_for("/flaky.atom")) == 2


async def test_invalid_files_are_reported_and_valid_neighbours_imported(
    server: FeedServer, db: Path
) -> None:
    serve_briefs(server, [*VALID, "invalid-brief.yaml", "broken.yaml"])
    names = [*VALID, "invalid-brief.yaml", "broken.yaml"]
    server.static(
        "/feed.atom", atom([content_src(f"briefs/{n}") for n in names]), "application/atom+xml"
    )
    url = server.url("/feed.atom")
    report = await fetch_into_library(make_settings(), db, [url])
    [result] = report.feeds
    assert result.ok  # partly failed, not entirely
    assert result.new == 3 and stored_ids(db) == VALID_IDS
    invalid = server.url("/briefs/invalid-brief.yaml")
    broken = server.url("/briefs/broken.yaml")
    bad_brief = [m for m in result.failed if m.startswith(invalid + ":")]
    bad_yaml = [m for m in result.failed if m.startswith(broken + ":")]
    # URL:LINE:COL: field: message, like a local file.
    assert bad_brief and any(
        m.startswith(f"{invalid}:12:") and "positions[0].actor" in m and "nobody-known" in m
        for m in bad_brief
    )
    assert bad_yaml and bad_yaml[0].startswith(f"{broken}:4:5: file refused: YAML syntax error")

    # The feed keeps no validators while something in it fails: it is read again, the
    # good briefs answer 304, the bad ones are read (and reported) again.
    again = await fetch_into_library(make_settings(), db, [url])
    [result] = again.feeds
    assert not result.not_modified
    assert (result.new, result.unchanged) == (0, 3)
    assert len(result.failed) == len(bad_brief) + len(bad_yaml)
    lighthouse = server.requests_for("/briefs/lighthouse-vote.yaml")
    assert [r.headers.get("if-none-match") is not None for r in lighthouse] == [False, True]
    assert "if-none-match" not in server.requests_for("/briefs/invalid-brief.yaml")[1].headers


async def test_a_brief_the_store_could_not_write_is_fetched_again(
    server: FeedServer, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.store import ImportFailed

    serve_briefs(server, VALID)
    server.static(
        "/feed.atom", atom([content_src(f"briefs/{n}") for n in VALID]), "application/atom+xml"
    )
    original = Store.import_prepared

    def disk_full_for_ferries(self: Store, items: list) -> list:  # type: ignore[type-arg]
        outcomes = original(self, [p for p in items if p.id != "ferry-strike"])
        raise ImportFailed(outcomes, {"ferry-strike": "disk full"}, self.path)

    monkeypatch.setattr(Store, "import_prepared", disk_full_for_ferries)
    report = await fetch_into_library(make_settings(), db, [server.url("/feed.atom")])
    [result] = report.feeds
    assert result.new == 2 and result.ok
    assert result.failed == [
        f"{server.url('/briefs/ferry-strike.yaml')}: ferry-strike: could not store: disk full"
    ]
    monkeypatch.setattr(Store, "import_prepared", original)
    again = await fetch_into_library(make_settings(), db, [server.url("/feed.atom")])
    assert (again.feeds[0].new, again.feeds[0].unchanged, again.feeds[0].failed) == (1, 2, [])
    assert stored_ids(db) == VALID_IDS


async def test_entry_pointing_at_a_local_file_is_refused(server: FeedServer, db: Path) -> None:
    serve_briefs(server, VALID[:1])
    feed = atom(
        [
            content_src("file:///etc/passwd"),
            f'<link rel="enclosure" type="{YAML}" href="data:application/yaml,id: x"/>',
            content_src("briefs/lighthouse-vote.yaml"),
            content_src("http://xn--/bad-label.yaml"),
        ]
    )
    server.static("/feed.atom", feed, "application/atom+xml")
    report = await fetch_into_library(make_settings(), db, [server.url("/feed.atom")])
    [result] = report.feeds
    assert result.new == 1 and result.ok
    assert len(result.failed) == 3
    assert "http://xn--/bad-label.yaml: refused: not a valid URL" in result.failed[2]
    assert "refused file:" in result.failed[0] and "only http and https" in result.failed[0]
    assert "refused data:" in result.failed[1]
    assert {s.path for s in server.seen} == {"/feed.atom", "/briefs/lighthouse-vote.yaml"}


async def test_updated_brief_replaces_and_older_one_is_skipped(
    server: FeedServer, db: Path
) -> None:
    versions = [
        fixture_bytes("lighthouse-vote.yaml"),
        fixture_bytes("lighthouse-vote-v2.yaml"),
        fixture_bytes("lighthouse-vote.yaml"),
    ]
    for i, body in enumerate(versions):
        server.static(f"/v{i}.yaml", body, YAML)
    outcomes = []
    for i in range(3):
        report = await fetch_into_library(make_settings(), db, [server.url(f"/v{i}.yaml")])
        r = report.feeds[0]
        outcomes.append((r.new, r.updated, r.unchanged))
    assert outcomes == [(1, 0, 0), (0, 1, 0), (0, 0, 1)]
    with Store(db) as store:
        brief = store.get_brief("lighthouse-vote")
        assert brief is not None and brief.title.endswith("(corrected)")


async def test_body_over_the_cap_and_slow_brief_fail_only_their_entry(
    server: FeedServer, db: Path
) -> None:
    serve_briefs(server, VALID[:1])
    server.reply("/briefs/huge.yaml", Reply(200, b"x" * 50_000, {"Content-Type": YAML}))
    server.reply("/briefs/slow.yaml", Reply(200, b"id: x", {"Content-Type": YAML}, delay=1.0))
    names = ["lighthouse-vote.yaml", "huge.yaml", "slow.yaml"]
    server.static(
        "/feed.atom", atom([content_src(f"briefs/{n}") for n in names]), "application/atom+xml"
    )
    started = time.monotonic()
    report = await fetch_into_library(
        make_settings(max_bytes=20_000, read_timeout=0.2, total_timeout=0.5, retries=0),
        db,
        [server.url("/feed.atom")],
    )
    assert time.monotonic() - started < 1.0
    [result] = report.feeds
    assert result.new == 1 and result.ok
    assert any("huge.yaml" in m and "byte limit" in m for m in result.failed)
    assert any("slow.yaml" in m and "timed out" in m for m in result.failed)


async def test_redirect_loop_fails_the_feed(server: FeedServer, db: Path) -> None:
    server.reply("/a.atom", Reply(302, headers={"Location": "/b.atom"}))
    server.reply("/b.atom", Reply(302, headers={"Location": "/a.atom"}))
    report = await fetch_into_library(make_settings(), db, [server.url("/a.atom")])
    assert "redirect loop" in (report.feeds[0].error or "")


async def test_429_on_a_brief_is_waited_out(server: FeedServer, db: Path) -> None:
    server.reply(
        "/briefs/ferry-strike.yaml",
        Reply(429, b"", {"Retry-After": "1"}),
        Reply(200, fixture_bytes("ferry-strike.yaml"), {"Content-Type": YAML}),
    )
    server.static(
        "/feed.atom", atom([content_src("briefs/ferry-strike.yaml")]), "application/atom+xml"
    )
    report = await fetch_into_library(make_settings(backoff=0.01), db, [server.url("/feed.atom")])
    assert report.feeds[0].new == 1
    first, second = server.requests_for("/briefs/ferry-strike.yaml")
    assert second.at - first.at >= 0.95


async def test_relative_links_resolve_against_the_redirected_feed_url(
    server: FeedServer, db: Path
) -> None:
    server.static("/site/briefs/ferry-strike.yaml", fixture_bytes("ferry-strike.yaml"), YAML)
    server.reply("/feed", Reply(301, headers={"Location": "/site/feed.atom"}))
    server.static(
        "/site/feed.atom", atom([content_src("briefs/ferry-strike.yaml")]), "application/atom+xml"
    )
    report = await fetch_into_library(make_settings(), db, [server.url("/feed")])
    assert report.feeds[0].new == 1


MINIMAL = """\
id: {id}
title: Generated brief {n}
date: 2031-05-{day:02d}
summary: "**Bottom line:** number {n}."
actors:
  - id: someone
    name: Someone
"""


async def test_briefs_download_concurrently_within_the_limit(
    server: FeedServer, tmp_path: Path
) -> None:
    n = 12
    for i in range(n):
        body = MINIMAL.format(id=f"gen-{i:02d}", n=i, day=i + 1).encode()
        server.reply(f"/b/gen-{i:02d}.yaml", Reply(200, body, {"Content-Type": YAML}, delay=0.15))
    feed = atom([content_src(f"b/gen-{i:02d}.yaml") for i in range(n)])
    server.static("/feed.atom", feed, "application/atom+xml")
    timings = {}
    for concurrency in (4, 1):
        server.max_in_flight = 0
        started = time.monotonic()
        report = await fetch_into_library(
            make_settings(concurrency=concurrency),
            tmp_path / f"c{concurrency}.db",
            [server.url("/feed.atom")],
        )
        timings[concurrency] = time.monotonic() - started
        assert report.new == n
        assert server.max_in_flight == concurrency  # bounded, and actually used
    # 12 x 0.15 s one after the other, against 3 waves of 4; loose, for loaded machines.
    assert timings[1] / timings[4] > 2, timings


async def test_a_long_feed_is_stored_in_feed_order_whatever_answers_first(
    server: FeedServer, db: Path
) -> None:
    # More briefs than one import batch. One brief is listed first (newer, slow to
    # answer) and last (older, quick): feed order decides, not arrival, so the newer
    # copy is stored and the older one skipped, as if the feed were imported at once.
    n = IMPORT_BATCH + 10
    for i in range(n):
        body = MINIMAL.format(id=f"gen-{i:02d}", n=i, day=1).encode()
        server.static(f"/b/gen-{i:02d}.yaml", body, YAML)
    newer = fixture_bytes("lighthouse-vote-v2.yaml")
    server.reply("/b/newer.yaml", Reply(200, newer, {"Content-Type": YAML}, delay=0.5))
    server.static("/b/older.yaml", fixture_bytes("lighthouse-vote.yaml"), YAML)
    paths = ["b/newer.yaml", *(f"b/gen-{i:02d}.yaml" for i in range(n)), "b/older.yaml"]
    server.static("/feed.atom", atom([content_src(p) for p in paths]), "application/atom+xml")
    report = await fetch_into_library(make_settings(), db, [server.url("/feed.atom")])
    [result] = report.feeds
    assert (result.new, result.updated, result.unchanged, result.failed) == (n + 1, 0, 1, [])
    assert result.changed_ids == ["lighthouse-vote", *(f"gen-{i:02d}" for i in range(n))]
    with Store(db) as store:
        brief = store.get_brief("lighthouse-vote")
        assert brief is not None and brief.title.endswith("(corrected)")


async def test_non_http_feed_url_is_refused(db: Path) -> None:
    report = await fetch_into_library(make_settings(), db, ["file:///etc/passwd"])
    assert "refused: a file: URL" in (report.feeds[0].error or "")


# -- the commands ---------------------------------------------------------------------


def run_cli(args: list[str], settings_yaml: str, tmp_path: Path) -> tuple[int, str, str]:
    from briefing.cli import _register, cli

    _register()
    config = tmp_path / "config.yaml"
    config.write_text(settings_yaml)
    runner = CliRunner()
    result = runner.invoke(cli, ["--config", str(config), "--db", str(tmp_path / "cli.db"), *args])
    return result.exit_code, result.stdout, result.stderr


def cli_config(feeds: list[tuple[str, str, bool]]) -> str:
    lines = [
        "http:",
        "  connect_timeout: 1",
        "  read_timeout: 1",
        "  total_timeout: 3",
        "  retries: 0",
        "feeds:",
    ]
    for url, name, enabled in feeds:
        lines += [f"  - url: {url}", f'    name: "{name}"', f"    enabled: {str(enabled).lower()}"]
    return "\n".join(lines) + "\n"


def test_fetch_and_feeds_commands(server: FeedServer, tmp_path: Path) -> None:
    serve_briefs(server, VALID)
    server.static(
        "/feed.atom", atom([content_src(f"briefs/{n}") for n in VALID]), "application/atom+xml"
    )
    config = cli_config(
        [
            (server.url("/feed.atom"), "Islands", True),
            (server.url("/missing.atom"), "Gone", True),
            (server.url("/off.atom"), "Off", False),
        ]
    )
    code, out, err = run_cli(["fetch"], config, tmp_path)
    assert code == 1, out + err  # one feed failed entirely
    assert f"Islands <{server.url('/feed.atom')}>: 3 new, 0 updated, 0 unchanged, 0 failed" in out
    assert "Gone" in out and "FAILED" in out and "HTTP 404" in out
    assert "total: 3 new" in out
    assert "[5/5]" in err  # plain progress lines when stderr is not a terminal
    assert not server.requests_for("/off.atom")  # disabled feeds are not fetched

    code, out, _ = run_cli(["fetch", server.url("/feed.atom")], config, tmp_path)
    assert code == 0
    assert "not modified (304): 0 new, 0 updated, 3 unchanged" in out

    code, out, _ = run_cli(["feeds"], config, tmp_path)
    assert code == 0
    assert "Islands" in out and "Gone" in out and "Off" in out
    assert "HTTP 404" in out and "ETag" in out and "never" in out


def test_fetch_without_feeds_says_what_to_do(tmp_path: Path) -> None:
    code, _, err = run_cli(["fetch"], "feeds: []\n", tmp_path)
    assert code == 2 and "no feeds to fetch" in err
