"""``publish`` (static site + Atom) and ``serve`` (media types, ETags, 304s), and the
round trip publish -> serve -> fetch into an empty library."""

from __future__ import annotations

import os
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from briefing.config import HttpSettings, LibrarySettings, Settings
from briefing.feeds import fetch_into_library
from briefing.feeds.documents import parse_feed
from briefing.feeds.publish import publish
from briefing.feeds.serve import StaticServer, make_server, resolve_path
from briefing.store import Store
from helpers.feeds import BASE, FEED_FIXTURES, VALID, load_fixture_briefs, request

A = "{http://www.w3.org/2005/Atom}"


def test_publish_writes_brief_files_and_a_valid_atom_feed(tmp_path: Path) -> None:
    briefs = load_fixture_briefs()
    report = publish(briefs, tmp_path, BASE, title="Island <briefs> & more")
    assert report.count == 5 and report.feed_url == BASE + "feed.atom"
    assert sorted(p.name for p in (tmp_path / "briefs").iterdir()) == sorted(
        f"{b.id}.yaml" for b in briefs
    )
    root = ET.parse(tmp_path / "feed.atom").getroot()  # well-formed
    assert root.tag == f"{A}feed"
    assert root.findtext(f"{A}id") == BASE + "feed.atom"
    assert root.findtext(f"{A}title") == "Island <briefs> & more"
    assert root.findtext(f"{A}updated") == "2031-04-04T00:00:00Z"
    self_link = root.find(f"{A}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == BASE + "feed.atom"
    entries = root.findall(f"{A}entry")
    assert [e.findtext(f"{A}id") for e in entries] == [  # newest first, stable ids
        BASE + f"briefs/{i}.yaml"
        for i in [
            "orchard-frost",
            "ferry-strike",
            "lighthouse-vote",
            "canal-tolls",
            "glacier-survey",
        ]
    ]
    frost, _, lighthouse = entries[:3]
    content = frost.find(f"{A}content")
    assert content is not None and content.get("type") == "application/yaml"
    assert content.get("src") == BASE + "briefs/orchard-frost.yaml"
    # Every piece of brief text survives escaping; characters XML cannot carry are gone.
    assert (
        frost.findtext(f"{A}title") == 'Frost hits orchards <early> & "hard" — growers ask for aid'
    )
    summary = frost.findtext(f"{A}summary") or ""
    assert "<script>alert(1)</script> & ruined" in summary and "\x01" not in summary
    alternate = frost.find(f"{A}link[@rel='alternate']")
    assert alternate is not None and alternate.get("href") == "https://farm.example/frost?a=1&b=<2>"
    assert lighthouse.findtext(f"{A}updated") == "2031-04-02T09:00:00Z"
    assert lighthouse.findtext(f"{A}summary", "").startswith(
        "Bottom line: the lighthouse stays lit"
    )
    assert [c.get("term") for c in lighthouse.findall(f"{A}category")] == ["islands", "heritage"]


def test_ordinary_feed_readers_and_our_parser_read_the_feed(tmp_path: Path) -> None:
    publish(load_fixture_briefs(), tmp_path, BASE)
    body = (tmp_path / "feed.atom").read_bytes()
    parsed = feedparser.parse(body)
    assert not parsed.bozo and parsed.version == "atom10"
    assert len(parsed.entries) == 5
    assert all(e.summary and e.title and e.updated for e in parsed.entries)
    ours = parse_feed(body, BASE + "feed.atom", "application/atom+xml")
    assert len(ours.links) == 5 and not ours.refused and not ours.skipped


def test_republishing_is_stable_and_prunes_stale_files(tmp_path: Path) -> None:
    briefs = load_fixture_briefs()
    publish(briefs, tmp_path, BASE)
    feed_before = (tmp_path / "feed.atom").stat().st_mtime_ns
    again = publish(briefs, tmp_path, BASE)
    assert again.written == [] and len(again.kept) == 5
    assert (tmp_path / "feed.atom").stat().st_mtime_ns == feed_before  # ETags stay put
    fewer = publish([b for b in briefs if b.id != "ferry-strike"], tmp_path, BASE)
    assert fewer.removed == ["ferry-strike.yaml"]


# -- serve ------------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    publish(load_fixture_briefs(), site, BASE)
    return site


@pytest.fixture
def served(site: Path) -> Iterator[tuple[StaticServer, list[str]]]:
    log: list[str] = []
    server = make_server(site, "127.0.0.1", 0, log=log.append)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    try:
        yield server, log
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_serve_media_types_validators_and_304s(served: tuple[StaticServer, list[str]]) -> None:
    server, log = served
    status, headers, body = request(server, "/feed.atom")
    assert status == 200 and headers["content-type"].startswith("application/atom+xml")
    etag, last_modified = headers["etag"], headers["last-modified"]
    assert etag.startswith('"') and not etag.startswith('"W/')  # strong
    assert body.startswith(b"<?xml")
    status, headers, _ = request(server, "/briefs/ferry-strike.yaml")
    assert status == 200 and headers["content-type"].startswith("application/yaml")

    status, headers, body = request(server, "/feed.atom", {"If-None-Match": etag})
    assert status == 304 and body == b"" and headers["etag"] == etag
    status, _, _ = request(server, "/feed.atom", {"If-None-Match": '"other", ' + etag})
    assert status == 304
    status, _, _ = request(server, "/feed.atom", {"If-Modified-Since": last_modified})
    assert status == 304
    status, _, _ = request(server, "/feed.atom", {"If-None-Match": '"stale"'})
    assert status == 200
    status, headers, body = request(server, "/feed.atom", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 0

    status, headers, body = request(server, "/feed.atom", {"Accept-Encoding": "gzip"})
    assert headers.get("content-encoding") == "gzip" and headers["etag"] != etag
    assert any('"GET /feed.atom HTTP/1.1" 304' in line for line in log)
    assert any('"GET /feed.atom HTTP/1.1" 200' in line for line in log)


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/briefs/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/briefs/..%2f..%2fsecret.txt",
        "/briefs/..%5c..%5csecret.txt",
        "//../secret.txt",
        "/.hidden",
        "/%00",
        "/nope.yaml",
        "/briefs/",  # a folder without an index page ("/" has one: test_publish_index)
    ],
)
def test_serve_never_leaves_its_folder(served: tuple[StaticServer, list[str]], path: str) -> None:
    server, _ = served
    status, _, body = request(server, path)
    assert status == 404 and b"root:" not in body


def test_symlinks_out_of_the_folder_are_not_followed(site: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    os.symlink(secret, site / "leak.txt")
    assert resolve_path(site.resolve(), "/leak.txt") is None
    root = site.resolve()
    assert resolve_path(root, "/feed.atom") == root / "feed.atom"
    assert resolve_path(root, "//feed.atom?x=1#top") == root / "feed.atom"
    assert resolve_path(root, "/briefs/%66erry-strike.yaml") == root / "briefs/ferry-strike.yaml"


# -- the round trip ---------------------------------------------------------------------


async def test_publish_serve_fetch_gives_back_the_same_library(
    tmp_path: Path, served: tuple[StaticServer, list[str]], site: Path
) -> None:
    from briefing.serialise import dump_brief

    server, log = served
    # Publish again under the served URL, so the feed's links point at this server.
    originals = load_fixture_briefs()
    publish(originals, site, server.url)
    settings = Settings(library=LibrarySettings(sync=[]), http=HttpSettings(retries=0))
    db = tmp_path / "empty.db"
    report = await fetch_into_library(settings, db, [server.url + "feed.atom"])
    assert report.ok and report.new == 5 and report.failed == 0
    with Store(db) as store:
        fetched = {b.id: dump_brief(b) for b in store.iter_briefs()}
    assert fetched == {b.id: dump_brief(b) for b in originals}

    again = await fetch_into_library(settings, db, [server.url + "feed.atom"])
    assert again.feeds[0].not_modified and again.unchanged == 5
    assert '"GET /feed.atom HTTP/1.1" 304' in log[-1]


def test_publish_command_from_files_and_from_the_library(tmp_path: Path) -> None:
    from briefing.cli import _register, cli

    _register()
    folder = tmp_path / "in"
    folder.mkdir()
    for name in [*VALID, "invalid-brief.yaml"]:
        (folder / name).write_bytes((FEED_FIXTURES / name).read_bytes())
    runner = CliRunner()
    db = tmp_path / "lib.db"
    out = tmp_path / "out"
    result = runner.invoke(
        cli, ["--db", str(db), "publish", str(folder), "--out", str(out), "--base-url", BASE]
    )
    assert result.exit_code == 1  # the invalid file is reported and left out
    assert "published 5 briefs" in result.stdout and f"feed: {BASE}feed.atom" in result.stdout
    assert "invalid-brief.yaml:12:" in result.stderr
    assert not (out / "briefs" / "bridge-closure.yaml").exists()

    with Store(db) as store:
        store.import_briefs([(b, None) for b in load_fixture_briefs(VALID[:2])])
    out2 = tmp_path / "out2"
    result = runner.invoke(
        cli, ["--db", str(db), "publish", "--out", str(out2), "--base-url", "http://h.example"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out2 / "briefs").iterdir()) == [
        "ferry-strike.yaml",
        "lighthouse-vote.yaml",
    ]
    assert b"http://h.example/feed.atom" in (out2 / "feed.atom").read_bytes()

    result = runner.invoke(
        cli, ["--db", str(db), "publish", "--out", str(out2), "--base-url", "file:///tmp/x"]
    )
    assert result.exit_code == 2 and "absolute http(s) URL" in result.stderr
