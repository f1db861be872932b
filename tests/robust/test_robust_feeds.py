"""Hostile input and faults on the network side (issue 17, round 2): ``publish`` deleting
what it did not write, bad validators and bad entries in feeds, ``serve`` facing hostile
clients, an LLM endpoint answering a gzip bomb, a base URL with control characters.

Everything over HTTP goes through a real server on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import re
import socket
import threading
import time
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.config import HttpSettings, LibrarySettings, LimitsSettings, LlmSettings, Settings
from briefing.errors import BriefingError
from briefing.feeds import fetch_into_library
from briefing.feeds.publish import MANIFEST_FILE, publish
from briefing.feeds.serve import StaticServer, make_server
from briefing.model import Brief
from briefing.store import FeedState, Store
from helpers import TESTS
from helpers.feeds import FeedServer, Reply, fixture_bytes, running_server

YAML = "application/yaml"
BASE = "http://briefs.example/site/"
VALID = ["lighthouse-vote.yaml", "ferry-strike.yaml", "orchard-frost.yaml"]
#: What must never reach a terminal from a client or a feed: C0 (tab aside), DEL, C1.
RAW_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def load_briefs(names: list[str] = VALID) -> list[Brief]:
    from briefing.loader import load_bytes

    briefs: list[Brief] = []
    for name in names:
        loaded = load_bytes(fixture_bytes(name), name, LimitsSettings())
        assert not loaded.errors
        briefs.extend(loaded.briefs)
    return briefs


def run_cli(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    from briefing.cli import _register, cli

    _register()
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(cli, ["--db", str(cwd / "lib.db"), *args])
    return result.exit_code, result.stdout, result.stderr


# -- 2: publish deletes only what it wrote ------------------------------------------------


def briefs_folder(root: Path) -> Path:
    folder = root / "briefs"
    folder.mkdir(parents=True)
    for name in VALID:
        (folder / name).write_bytes(fixture_bytes(name))
    (folder / "draft.yaml").write_text("id: draft\ntitle: [unfinished\n")  # invalid
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_publish_into_the_folder_of_its_inputs_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    briefs_folder(tmp_path)
    before = snapshot(tmp_path)
    code, _, err = run_cli(
        ["publish", "briefs", "--out", ".", "--base-url", "http://h/"], tmp_path, monkeypatch
    )
    assert code == 2 and "Traceback" not in err
    assert "--out" in err and "briefs" in err and "holds" in err
    assert snapshot(tmp_path) == before  # the invalid draft is still there; nothing written

    # An --out inside an input folder would read the published files back next time.
    code, _, err = run_cli(
        ["publish", ".", "--out", "site", "--base-url", "http://h/"], tmp_path, monkeypatch
    )
    assert code == 2 and "inside" in err
    assert not (tmp_path / "site").exists()


def test_publish_keeps_files_it_did_not_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    briefs_folder(tmp_path / "in")
    notes = tmp_path / "site" / "briefs" / "my-notes.yaml"
    notes.parent.mkdir(parents=True)
    notes.write_text("my own notes\n")
    args = ["publish", "in/briefs", "--out", "site", "--base-url", "http://h/"]
    code, out, _ = run_cli(args, tmp_path, monkeypatch)
    assert code == 1 and "published 3 briefs" in out and "0 stale removed" in out
    assert notes.read_text() == "my own notes\n"
    assert (tmp_path / "site" / MANIFEST_FILE).is_file()

    # A brief gone from the inputs: its published file goes, the user's file stays.
    (tmp_path / "in" / "briefs" / "ferry-strike.yaml").unlink()
    code, out, _ = run_cli(args, tmp_path, monkeypatch)
    assert "1 stale removed" in out
    assert not (tmp_path / "site" / "briefs" / "ferry-strike.yaml").exists()
    assert notes.read_text() == "my own notes\n"


def test_publish_refuses_to_overwrite_a_users_file_named_like_a_brief(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    briefs_folder(tmp_path / "in")
    mine = tmp_path / "site" / "briefs" / "ferry-strike.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("my own notes on the ferry strike\n")
    args = ["publish", "in/briefs", "--out", "site", "--base-url", "http://h/"]
    code, _, err = run_cli(args, tmp_path, monkeypatch)
    assert code == 2 and "Traceback" not in err
    assert "ferry-strike.yaml" in err and "not written by publish" in err
    assert mine.read_text() == "my own notes on the ferry strike\n"
    assert sorted(p.name for p in (tmp_path / "site").rglob("*")) == ["briefs", "ferry-strike.yaml"]

    # Moved away, publish goes ahead; an older copy of the same brief (a folder published
    # before manifests) is replaced, since it is that brief.
    mine.unlink()
    briefs = load_briefs()
    older = tmp_path / "old"
    publish(briefs, older, BASE)
    (older / MANIFEST_FILE).unlink()
    stale = older / "briefs" / "ferry-strike.yaml"
    stale.write_text(stale.read_text().replace("title:", "title: OLD", 1))
    report = publish(briefs, older, BASE)
    assert "ferry-strike.yaml" in report.written
    assert "OLD" not in stale.read_text()


def test_a_published_file_the_user_edited_is_not_deleted(tmp_path: Path) -> None:
    briefs = load_briefs()
    publish(briefs, tmp_path, BASE)
    edited = tmp_path / "briefs" / "ferry-strike.yaml"
    edited.write_text(edited.read_text() + "# my edit\n")
    fewer = publish([b for b in briefs if b.id == "lighthouse-vote"], tmp_path, BASE)
    assert fewer.removed == ["orchard-frost.yaml"]
    assert fewer.left == ["ferry-strike.yaml"]  # changed by hand: left alone
    assert edited.read_text().endswith("# my edit\n")
    assert publish(briefs[:1], tmp_path, BASE).left == []  # and no longer publish's


def test_publish_api_refuses_an_out_holding_an_input(tmp_path: Path) -> None:
    folder = briefs_folder(tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(BriefingError, match="holds"):
        publish(load_briefs(), tmp_path, BASE, inputs=[folder / "draft.yaml"])
    assert snapshot(tmp_path) == before
    # OUT/briefs a link to the input folder: writing there would overwrite the inputs.
    site = tmp_path / "site"
    site.mkdir()
    (site / "briefs").symlink_to(folder)
    with pytest.raises(BriefingError, match="holds"):
        publish(load_briefs(), site, BASE, inputs=[folder])
    assert snapshot(tmp_path / "briefs") == {k[7:]: v for k, v in before.items()}


# -- 15: the base URL is validated --------------------------------------------------------


@pytest.mark.parametrize(
    "base_url",
    [
        "http://h/\x07\x1b[2Jx/",
        "http://h/a\x00b/",
        "http://h/\x9b31m/",
        "http://h/ a/",
        "http://[::1",
    ],
)
def test_publish_refuses_a_base_url_that_is_not_a_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, base_url: str
) -> None:
    source = tmp_path / "lv.yaml"
    source.write_bytes(fixture_bytes("lighthouse-vote.yaml"))
    code, out, err = run_cli(
        ["publish", str(source), "--out", "site", "--base-url", base_url], tmp_path, monkeypatch
    )
    assert code == 2 and "--base-url" in err and "Traceback" not in err
    assert not RAW_CONTROL.search(err.rstrip("\n")) and not RAW_CONTROL.search(out)
    assert not (tmp_path / "site").exists()


def test_a_non_ascii_base_url_gives_well_formed_xml(tmp_path: Path) -> None:
    publish(load_briefs(), tmp_path, "http://h.example/café/")
    root = ET.parse(tmp_path / "feed.atom").getroot()
    assert root.findtext("{http://www.w3.org/2005/Atom}id") == "http://h.example/café/feed.atom"


# -- 7: validators that are not valid in HTTP ---------------------------------------------


def fast_settings() -> Settings:
    return Settings(
        http=HttpSettings(
            connect_timeout=1.0, read_timeout=1.0, total_timeout=3.0, retries=0, backoff=0.05
        ),
        library=LibrarySettings(sync=[]),
    )


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with running_server() as server:
        yield server


@pytest.mark.parametrize(
    "etag",
    [
        '"café"',  # sent as Latin-1
        '"café"'.encode().decode("latin-1"),  # sent as UTF-8
        '"a\x01b"',
        '"' + "a" * 5000 + '"',  # too long to be worth sending back every time
    ],
    ids=["latin-1", "utf-8", "control", "long"],
)
async def test_a_non_ascii_etag_does_not_break_the_url(
    server: FeedServer, tmp_path: Path, etag: str
) -> None:
    body = fixture_bytes("ferry-strike.yaml")
    server.reply(
        "/b.yaml",
        Reply(200, body, {"Content-Type": YAML, "ETag": etag, "Last-Modified": "Mär 2031 ü"}),
    )
    url = server.url("/b.yaml")
    db = tmp_path / "lib.db"
    for _ in range(3):
        report = await fetch_into_library(fast_settings(), db, [url])
        assert report.ok, report.feeds[0].error
    assert report.unchanged == 1
    with Store(db) as store:
        state = store.feed_state(url)
    assert state is not None and state.etag is None and state.last_modified is None
    assert all("if-none-match" not in r.headers for r in server.requests_for("/b.yaml"))


async def test_a_bad_validator_stored_by_an_earlier_version_is_not_sent(
    server: FeedServer, tmp_path: Path
) -> None:
    server.static("/b.yaml", fixture_bytes("ferry-strike.yaml"), YAML)
    url = server.url("/b.yaml")
    db = tmp_path / "lib.db"
    with Store(db) as store:
        store.save_feed_state(FeedState(url=url, etag='"café"', last_modified="naïve\r\nX: y"))
    report = await fetch_into_library(fast_settings(), db, [url])
    assert report.ok and report.new == 1, report.feeds[0].error
    [seen] = server.requests_for("/b.yaml")
    assert "if-none-match" not in seen.headers and "if-modified-since" not in seen.headers
    again = await fetch_into_library(fast_settings(), db, [url])  # good validators now
    assert again.feeds[0].not_modified


# -- 8: one bad entry is that entry's problem ---------------------------------------------


def atom_feed(hrefs: list[str]) -> bytes:
    entries = "".join(
        f"<entry><id>urn:e:{i}</id><title>e{i}</title><updated>2031-04-04T00:00:00Z</updated>"
        f'<content type="application/yaml" src="{href}"/></entry>'
        for i, href in enumerate(hrefs)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>t</title><id>urn:f</id><updated>2031-04-04T00:00:00Z</updated>{entries}</feed>"
    ).encode()


def rss_feed(hrefs: list[str]) -> bytes:
    items = "".join(
        f'<item><title>e{i}</title><enclosure url="{href}" type="application/yaml" length="1"/>'
        "</item>"
        for i, href in enumerate(hrefs)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>r</title>'
        f"<link>http://x/</link><description>d</description>{items}</channel></rss>"
    ).encode()


def json_feed(hrefs: list[str]) -> bytes:
    items = [{"id": str(i), "title": f"e{i}", "url": href} for i, href in enumerate(hrefs)]
    return json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", "title": "j", "items": items}
    ).encode()


@pytest.mark.parametrize(
    ("make", "media"),
    [
        (atom_feed, "application/atom+xml"),
        (rss_feed, "application/rss+xml"),
        (json_feed, "application/feed+json"),
    ],
)
@pytest.mark.parametrize(
    "bad", ["http://[::1/x.yaml", "http://[zz]/x.yaml", "http://h:99999/x.yaml"]
)
async def test_an_entry_with_a_broken_link_fails_alone(
    server: FeedServer, tmp_path: Path, make: object, media: str, bad: str
) -> None:
    for name in VALID[:2]:
        server.static(f"/b/{name}", fixture_bytes(name), YAML)
    hrefs = [server.url("/b/lighthouse-vote.yaml"), bad, server.url("/b/ferry-strike.yaml")]
    server.static("/feed", make(hrefs), media)  # type: ignore[operator]
    report = await fetch_into_library(fast_settings(), tmp_path / "lib.db", [server.url("/feed")])
    [feed] = report.feeds
    assert feed.ok, feed.error
    assert feed.new == 2
    [message] = feed.failed
    assert "not a valid URL" in message and bad in message


def test_a_broken_xml_base_is_one_line_about_the_feed() -> None:
    from briefing.errors import FetchError
    from briefing.feeds.documents import parse_feed

    body = atom_feed(["b.yaml"]).replace(b"<feed ", b'<feed xml:base="http://[::1/" ')
    with pytest.raises(FetchError, match=r"xml:base http://\[::1/ is not a valid URL"):
        parse_feed(body, "http://h/feed", "application/atom+xml")
    entry_base = atom_feed(["b.yaml", "c.yaml"]).replace(
        b"<entry>", b'<entry xml:base="http://[x">', 1
    )
    parsed = parse_feed(entry_base, "http://h/feed", "application/atom+xml")
    assert [link.url for link in parsed.links] == ["http://h/c.yaml"]
    assert len(parsed.refused) == 1 and "e0" in parsed.refused[0]


# -- 9 and 10: serve facing hostile clients -----------------------------------------------


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[StaticServer, list[str]]]:
    site = tmp_path / "site"
    publish(load_briefs(), site, BASE)
    log: list[str] = []
    server = make_server(site, "127.0.0.1", 0, log=log.append, idle_timeout=0.3)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    try:
        yield server, log
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def raw(server: StaticServer, data: bytes, timeout: float = 5.0) -> bytes:
    """Send ``data`` as is, half-close, and read the whole answer."""
    host, port = server.server_address[:2]
    with socket.create_connection((str(host), int(port)), timeout=timeout) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status_of(answer: bytes) -> int:
    assert answer, "empty reply"
    return int(answer.split(b" ", 2)[1])


def test_serve_logs_client_bytes_as_visible_symbols(
    served: tuple[StaticServer, list[str]],
) -> None:
    server, log = served
    agent = b"evil\x1b]52;c;cm0gLXJmIH4K\x07\x1b[2J\x1bc\x9b31m\x85end"
    answer = raw(
        server,
        b"GET /feed.atom?\x1b[2J\x9b1m HTTP/1.1\r\nHost: x\r\nUser-Agent: "
        + agent
        + b"\r\nConnection: close\r\n\r\n",
    )
    assert status_of(answer) == 200
    raw(server, b"G\x1bET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    raw(server, b"\x1b]0;owned\x07 / HTTP/1.1\r\nConnection: close\r\n\r\n")
    assert len(log) >= 3
    for line in log:
        assert not RAW_CONTROL.search(line), repr(line)
    assert any("␛]52;c;" in line and "end" in line for line in log)


@pytest.mark.parametrize(
    ("request_bytes", "expected"),
    [
        (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        (b"GET / HTTP/1.1\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n", 431),
        (b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(101)) + b"\r\n", 431),
        (b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", 505),
        (
            b"GET /feed.atom HTTP/1.1\r\nHost: x\r\n"
            b"If-Modified-Since: Sat, 01 Jan 99999999999 00:00:00 GMT\r\nConnection: close\r\n\r\n",
            200,
        ),
        (
            b"GET /feed.atom HTTP/1.1\r\nHost: x\r\n"
            b"If-Modified-Since: Sat, 01 Jan 9999 23:59:59 -2359\r\nConnection: close\r\n\r\n",
            304,
        ),
    ],
    ids=[
        "long-request-line",
        "long-header",
        "101-headers",
        "http-9.9",
        "ims-year-1e11",
        "ims-9999",
    ],
)
def test_serve_answers_bad_requests_with_a_status_not_a_traceback(
    served: tuple[StaticServer, list[str]],
    capfd: pytest.CaptureFixture[str],
    request_bytes: bytes,
    expected: int,
) -> None:
    server, log = served
    assert status_of(raw(server, request_bytes)) == expected
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert log and all(len(line) < 2000 for line in log)


def test_serve_closes_idle_connections(served: tuple[StaticServer, list[str]]) -> None:
    server, _ = served
    host, port = server.server_address[:2]
    with socket.create_connection((str(host), int(port)), timeout=5) as sock:
        started = time.monotonic()
        assert sock.recv(1) == b""  # closed by the server, not by our 5 s timeout
        assert time.monotonic() - started < 3
    # Also between two requests of a keep-alive connection.
    with socket.create_connection((str(host), int(port)), timeout=5) as sock:
        sock.sendall(b"HEAD /feed.atom HTTP/1.1\r\nHost: x\r\n\r\n")
        first = sock.recv(65536)
        assert first.startswith(b"HTTP/1.1 200")
        started = time.monotonic()
        assert sock.recv(1) == b""
        assert time.monotonic() - started < 3


# -- 14: the LLM endpoint is held to the same client limits -------------------------------


@functools.cache
def gzip_bomb(payload: bytes) -> bytes:
    """A valid answer followed by 24 MB of spaces: about 24 KB on the wire."""
    return gzip.compress(payload + b" " * 24_000_000, compresslevel=9)


class _Llm(BaseHTTPRequestHandler):
    mode = "bomb"
    payload = json.dumps({"choices": [{"message": {"content": '{"title": "x"}'}}]}).encode()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        if self.mode == "slow":
            time.sleep(0.5)
        payload = self.payload
        if self.mode == "bomb":
            payload = gzip_bomb(payload)
        elif self.mode == "deep":
            payload = b"[" * 200_000
        elif self.mode == "deep-content":
            content = '{"a": ' + "[" * 200_000 + "}"
            payload = json.dumps({"choices": [{"message": {"content": content}}]}).encode()
        elif self.mode == "huge":
            payload = payload + b" " * 3_000_000
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if self.mode == "bomb":
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def llm_url() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Llm)
    httpd.daemon_threads = True
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize(
    ("mode", "why"),
    [
        ("bomb", "byte limit"),
        ("huge", "byte limit"),
        ("slow", "timed out|within"),
        ("deep", "not a chat completion"),
        ("deep-content", "not valid JSON"),
    ],
)
def test_llm_answer_is_capped_like_a_feed(llm_url: str, mode: str, why: str) -> None:
    from briefing.derive import derive, load_source
    from briefing.derive.llm import improve

    _Llm.mode = mode
    gzip_bomb(_Llm.payload)  # made before memory is measured
    article = TESTS / "fixtures" / "derive" / "2031-10-02-port-strike.html"
    derived = derive(load_source(str(article)))
    offline = derived.brief
    http = HttpSettings(max_bytes=1_000_000)
    tracemalloc.start()
    try:
        notes = improve(derived, LlmSettings(base_url=llm_url), http=http, timeout=0.2)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert derived.brief == offline
    assert "keeping the offline draft" in notes[-1] and re.search(why, notes[-1]), notes
    assert peak < 12_000_000, peak
