"""The HTTP client against a real server on 127.0.0.1: limits, retries, redirects, 304s."""

from __future__ import annotations

import datetime as dt
import gzip
import socket
import time
from collections.abc import Iterator

import pytest

from briefing import __version__
from briefing.config import HttpSettings
from briefing.errors import FetchError
from briefing.http import HttpClient, Response, parse_retry_after
from helpers.feeds import FeedServer, Reply, running_server


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with running_server() as server:
        yield server


def fast(**overrides: float) -> HttpSettings:
    """Small timeouts and backoff so failure paths stay quick."""
    values: dict[str, float] = dict(
        connect_timeout=1.0,
        read_timeout=1.0,
        total_timeout=3.0,
        retries=2,
        backoff=0.05,
        max_retry_after=3.0,
        max_redirects=3,
    )
    values.update(overrides)
    return HttpSettings(**values)  # type: ignore[arg-type]


async def get(url: str, settings: HttpSettings | None = None, **kwargs: str | None) -> Response:
    async with HttpClient(settings or fast()) as client:
        return await client.get(url, **kwargs)


async def test_validators_are_sent_back_exactly_and_304_has_no_body(server: FeedServer) -> None:
    odd_etag = 'W/"v1;a=b, c"'
    server.reply(
        "/brief.yaml",
        Reply(
            200, b"id: x\n", {"ETag": odd_etag, "Last-Modified": "Tue, 01 Apr 2031 08:00:00 GMT"}
        ),
        Reply(304, b"", {"ETag": odd_etag}),
    )
    first = await get(server.url("/brief.yaml"))
    assert first.status == 200 and first.body == b"id: x\n"
    assert first.etag == odd_etag
    assert first.last_modified == "Tue, 01 Apr 2031 08:00:00 GMT"
    second = await get(
        server.url("/brief.yaml"), etag=first.etag, last_modified=first.last_modified
    )
    assert second.not_modified and second.body == b""
    sent = server.requests_for("/brief.yaml")[1].headers
    assert sent["if-none-match"] == odd_etag
    assert sent["if-modified-since"] == "Tue, 01 Apr 2031 08:00:00 GMT"


async def test_user_agent_names_app_and_version_and_gzip_is_accepted(server: FeedServer) -> None:
    body = b"summary: " + b"a" * 5000 + b"\n"
    server.reply("/g.yaml", Reply(200, gzip.compress(body), {"Content-Encoding": "gzip"}))
    response = await get(server.url("/g.yaml"))
    assert response.body == body
    headers = server.requests_for("/g.yaml")[0].headers
    assert headers["user-agent"].startswith(f"briefing/{__version__}")
    assert "gzip" in headers["accept-encoding"]


async def test_404_fails_at_once_without_retries(server: FeedServer) -> None:
    with pytest.raises(FetchError, match=r"/missing\.yaml: HTTP 404 Not Found"):
        await get(server.url("/missing.yaml"))
    assert len(server.requests_for("/missing.yaml")) == 1


async def test_500_then_200_is_retried(server: FeedServer) -> None:
    server.reply("/flaky", Reply(500, b"oops"), Reply(200, b"ok"))
    response = await get(server.url("/flaky"))
    assert response.body == b"ok" and response.attempts == 2
    assert len(server.requests_for("/flaky")) == 2


async def test_retries_are_bounded(server: FeedServer) -> None:
    server.reply("/down", Reply(503, b"busy"))
    with pytest.raises(FetchError, match=r"HTTP 503 .*gave up after 3 attempts"):
        await get(server.url("/down"), fast(retries=2))
    assert len(server.requests_for("/down")) == 3


async def test_429_retry_after_is_honoured(server: FeedServer) -> None:
    server.reply("/busy", Reply(429, b"", {"Retry-After": "1"}), Reply(200, b"ok"))
    response = await get(server.url("/busy"), fast(backoff=0.01))
    assert response.body == b"ok"
    first, second = server.requests_for("/busy")
    assert second.at - first.at >= 0.95  # the server's 1 s, not the 0.01 s backoff


async def test_retry_after_longer_than_allowed_fails_fast(server: FeedServer) -> None:
    server.reply("/later", Reply(503, b"", {"Retry-After": "3600"}))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"retry after 3600s, longer than http.max_retry_after"):
        await get(server.url("/later"))
    assert time.monotonic() - started < 1
    assert len(server.requests_for("/later")) == 1


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    now = dt.datetime(2031, 4, 2, 10, 0, 0, tzinfo=dt.UTC)
    assert parse_retry_after("7", now=now) == 7
    assert parse_retry_after("Wed, 02 Apr 2031 10:00:30 GMT", now=now) == 30
    assert parse_retry_after("Wed, 02 Apr 2031 09:00:00 GMT", now=now) == 0
    assert parse_retry_after("soon", now=now) is None
    assert parse_retry_after(None) is None


async def test_a_response_slower_than_the_timeout_fails(server: FeedServer) -> None:
    server.reply("/slow", Reply(200, b"late", delay=1.5))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"/slow: (timed out|no complete answer)"):
        await get(server.url("/slow"), fast(read_timeout=0.3, total_timeout=1.0, retries=1))
    assert time.monotonic() - started < 1.4  # two tries of 0.3 s plus backoff, not 1.5 s
    assert len(server.requests_for("/slow")) == 2


async def test_total_deadline_cuts_a_trickling_body(server: FeedServer) -> None:
    def trickle() -> Iterator[bytes]:
        for _ in range(40):
            yield b"x" * 10
            time.sleep(0.1)

    server.reply("/trickle", Reply(200, stream=trickle()))
    with pytest.raises(FetchError, match=r"no complete answer within 0.5s"):
        await get(server.url("/trickle"), fast(total_timeout=0.5, retries=0))


async def test_redirects_are_followed(server: FeedServer) -> None:
    server.reply("/old", Reply(301, headers={"Location": "/new"}))
    server.reply("/new", Reply(302, headers={"Location": server.url("/final")}))
    server.reply("/final", Reply(200, b"here"))
    response = await get(server.url("/old"))
    assert response.body == b"here"
    assert response.url == server.url("/old")
    assert response.final_url == server.url("/final")


async def test_redirect_loop_is_detected(server: FeedServer) -> None:
    server.reply("/a", Reply(302, headers={"Location": "/b"}))
    server.reply("/b", Reply(302, headers={"Location": "/a"}))
    with pytest.raises(FetchError, match=r"redirect loop: .*/a -> .*/b -> .*/a"):
        await get(server.url("/a"))
    assert len(server.requests_for("/a")) == 1  # a loop is not retried


async def test_too_many_redirects(server: FeedServer) -> None:
    for i in range(10):
        server.reply(f"/r{i}", Reply(302, headers={"Location": f"/r{i + 1}"}))
    with pytest.raises(FetchError, match=r"more than 3 redirects"):
        await get(server.url("/r0"), fast(max_redirects=3))
    assert len(server.seen) == 4


async def test_redirect_to_a_file_url_is_refused(server: FeedServer) -> None:
    server.reply("/sneaky", Reply(302, headers={"Location": "file:///etc/passwd"}))
    with pytest.raises(FetchError, match=r"redirected to file:///etc/passwd: refused: a file: URL"):
        await get(server.url("/sneaky"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "data:text/yaml,id: x", "ftp://h/x.yaml"])
async def test_only_http_and_https_are_fetched(url: str) -> None:
    scheme = url.split(":", 1)[0]
    with pytest.raises(FetchError, match=rf"refused: a {scheme}: URL; only http and https"):
        await get(url)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:99999/x.yaml", "http://xn--/x.yaml", "http://[::1/x.yaml"]
)
async def test_malformed_urls_are_refused_not_crashed_on(url: str) -> None:
    with pytest.raises(FetchError, match=r"refused: not a valid URL"):
        await get(url)


async def test_declared_length_over_the_cap_is_refused_before_reading(server: FeedServer) -> None:
    server.reply("/huge", Reply(200, b"x" * 5000))
    with pytest.raises(FetchError, match=r"the response is 5,000 bytes, over the 1,000 byte limit"):
        await get(server.url("/huge"), fast(max_bytes=1000))


async def test_streamed_body_over_the_cap_is_aborted_early(server: FeedServer) -> None:
    total = 64 * 1024 * 1024

    def endless() -> Iterator[bytes]:
        chunk = b"y" * 65536
        for _ in range(total // len(chunk)):
            yield chunk

    server.reply("/stream", Reply(200, stream=endless()))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"passed the 100,000 byte limit .*download aborted"):
        await get(server.url("/stream"), fast(max_bytes=100_000))
    assert time.monotonic() - started < 2
    deadline = time.monotonic() + 3
    while "/stream" not in server.aborted and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "/stream" in server.aborted  # the client hung up ...
    assert server.sent.get("/stream", 0) < total // 4  # ... long before the end


async def test_gzip_bomb_is_stopped_at_the_cap(server: FeedServer) -> None:
    bomb = gzip.compress(b"\0" * 20_000_000)  # ~20 KB on the wire
    server.reply("/bomb", Reply(200, bomb, {"Content-Encoding": "gzip"}))
    with pytest.raises(FetchError, match=r"passed the 1,000,000 byte limit"):
        await get(server.url("/bomb"), fast(max_bytes=1_000_000))


async def test_connection_refused_is_retried_then_reported() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"cannot connect: .*gave up after 3 attempts"):
        await get(f"http://127.0.0.1:{port}/feed.atom", fast(retries=2, backoff=0.05))
    assert time.monotonic() - started >= 0.15  # backed off 0.05 s, then 0.1 s


async def test_concurrency_is_bounded(server: FeedServer) -> None:
    import asyncio

    server.reply("/slowish", Reply(200, b"ok", delay=0.2))
    async with HttpClient(fast(concurrency=2)) as client:
        started = time.monotonic()
        await asyncio.gather(*(client.get(server.url("/slowish")) for _ in range(4)))
        elapsed = time.monotonic() - started
    assert 0.38 <= elapsed < 1.0  # two waves of two, not one wave of four
