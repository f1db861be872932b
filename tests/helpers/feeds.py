"""A real HTTP server on 127.0.0.1 for the feeds tests, programmed per test.

Not a mock transport: requests go through sockets, so timeouts, redirects, streaming and
early aborts behave as they do against a web server. Each test registers routes; the
server records every request (path, headers, arrival time) for assertions.
"""

from __future__ import annotations

import hashlib
import http.client
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from briefing.config import LimitsSettings
from briefing.feeds.serve import StaticServer
from briefing.model import Brief
from helpers import TESTS

FEED_FIXTURES = TESTS / "fixtures" / "feeds"


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (a slow server)."""
    stream: Iterable[bytes] | None = None
    """Chunks sent without a Content-Length, the connection closed at the end."""


Route = Callable[[Seen], Reply]


class FeedServer:
    """Routes by path; unknown paths answer 404."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self.sent: dict[str, int] = {}
        """Body bytes actually written per path (for the early-abort test)."""
        self.aborted: set[str] = set()
        self.in_flight = 0
        self.max_in_flight = 0
        """Most requests being answered at the same moment."""
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                with server._lock:
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    self._answer()
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _answer(self) -> None:
                seen = Seen(
                    "GET",
                    self.path,
                    {k.lower(): v for k, v in self.headers.items()},
                    time.monotonic(),
                )
                with server._lock:
                    server.seen.append(seen)
                path = self.path.split("?", 1)[0]
                route = server.routes.get(path)
                reply = route(seen) if route else Reply(404, b"not found\n")
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if reply.stream is not None:
                        self.send_header("Connection", "close")
                        self.end_headers()
                        self.close_connection = True
                        for chunk in reply.stream:
                            self.wfile.write(chunk)
                            with server._lock:
                                server.sent[path] = server.sent.get(path, 0) + len(chunk)
                        return
                    if reply.status != 304:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    with server._lock:
                        server.aborted.add(path)
                    self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    # -- programming routes ------------------------------------------------------------
    def route(self, path: str, route: Route) -> None:
        self.routes[path] = route

    def reply(self, path: str, *replies: Reply) -> None:
        """Answer with each reply in turn; the last one repeats."""
        queue = list(replies)

        def next_reply(_: Seen) -> Reply:
            return queue.pop(0) if len(queue) > 1 else queue[0]

        self.routes[path] = next_reply

    def static(
        self,
        path: str,
        body: bytes,
        content_type: str,
        *,
        etag: bool = True,
        last_modified: str | None = "Wed, 02 Apr 2031 10:00:00 GMT",
    ) -> None:
        """A file with validators that answers conditional requests with 304."""
        tag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'

        def serve(seen: Seen) -> Reply:
            headers = {"Content-Type": content_type}
            if etag:
                headers["ETag"] = tag
            if last_modified:
                headers["Last-Modified"] = last_modified
            inm = seen.headers.get("if-none-match")
            ims = seen.headers.get("if-modified-since")
            if (etag and inm == tag) or (inm is None and ims and ims == last_modified):
                return Reply(304, b"", headers)
            return Reply(200, body, headers)

        self.routes[path] = serve

    def requests_for(self, path: str) -> list[Seen]:
        with self._lock:
            return [s for s in self.seen if s.path.split("?", 1)[0] == path]


@contextmanager
def running_server() -> Iterator[FeedServer]:
    server = FeedServer().start()
    try:
        yield server
    finally:
        server.stop()


def fixture_bytes(name: str) -> bytes:
    return (FEED_FIXTURES / name).read_bytes()


# -- publish and serve -------------------------------------------------------------------

VALID = ["lighthouse-vote.yaml", "ferry-strike.yaml", "orchard-frost.yaml", "pair.yaml"]
BASE = "http://briefs.example/site/"


def load_fixture_briefs(names: list[str] = VALID) -> list[Brief]:
    from briefing.loader import load_bytes

    briefs: list[Brief] = []
    for name in names:
        path = FEED_FIXTURES / name
        loaded = load_bytes(path.read_bytes(), str(path), LimitsSettings())
        assert not loaded.errors, loaded.errors
        briefs.extend(loaded.briefs)
    return briefs


def request(
    server: StaticServer, path: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(str(host), int(port), timeout=5)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()
