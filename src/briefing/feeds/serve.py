"""A static file server for a published folder: demos, tests and small teams.

What a feed host must get right for polite readers: the right media types, a strong
``ETag`` (a hash of the bytes, so it only changes when the content does) and
``Last-Modified``, and ``304 Not Modified`` answers to conditional requests. Every
request is logged with its status so the 304s are visible. Only files under the served
folder are reachable (no ``..``, no symlinks out, no dot-files), GET and HEAD only.

Clients are strangers too: what they send (path, method, User-Agent) reaches the log
only through :func:`briefing.text.one_line`, so escape sequences show as symbols; a
malformed request gets its 4xx/505 and one log line, never a traceback; a connection
idle for ``idle_timeout`` seconds is closed, so idle sockets cannot pile up threads.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import posixpath
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from briefing import __version__
from briefing.text import one_line

MEDIA_TYPES = {
    ".atom": "application/atom+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".json": "application/feed+json; charset=utf-8",
    ".yaml": "application/yaml; charset=utf-8",
    ".yml": "application/yaml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}
IDLE_TIMEOUT = 30.0
"""Seconds a connection may wait for (the rest of) a request before it is closed."""
_LOGGED_CHARS = 300  # of each client-sent field in a log line
COMPRESSIBLE = (".atom", ".rss", ".xml", ".json", ".yaml", ".yml", ".html", ".txt", ".css")
MIN_GZIP = 1024  # smaller bodies are not worth compressing

Log = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class _Entity:
    """A file's bytes as served, cached until its size or mtime changes."""

    stamp: tuple[int, int]
    body: bytes
    gzipped: bytes | None
    etag: str
    last_modified: str
    mtime: float


class _Cache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entities: dict[Path, _Entity] = {}

    def get(self, path: Path) -> _Entity:
        stat = path.stat()
        stamp = (stat.st_size, stat.st_mtime_ns)
        with self._lock:
            cached = self._entities.get(path)
        if cached is not None and cached.stamp == stamp:
            return cached
        body = path.read_bytes()
        digest = hashlib.sha256(body).hexdigest()[:32]
        gzipped = None
        if path.suffix.lower() in COMPRESSIBLE and len(body) >= MIN_GZIP:
            gzipped = gzip.compress(body, mtime=0)
        entity = _Entity(
            stamp=stamp,
            body=body,
            gzipped=gzipped,
            etag=f'"{digest}"',
            last_modified=email.utils.formatdate(stat.st_mtime, usegmt=True),
            mtime=stat.st_mtime,
        )
        with self._lock:
            self._entities[path] = entity
        return entity


def resolve_path(root: Path, request_path: str) -> Path | None:
    """The file a request path names inside ``root``, or ``None`` if it is not allowed."""
    # Not urlsplit: it would read "//x/y" as a host name.
    raw = request_path.split("#", 1)[0].split("?", 1)[0]
    path = unquote(raw, errors="strict")
    if "\x00" in path or "\\" in path:
        return None
    parts = [part for part in posixpath.normpath("/" + path).split("/") if part]
    if any(part.startswith(".") for part in parts):
        return None
    candidate = root.joinpath(*parts)
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not resolved.is_relative_to(root):
        return None  # a symlink pointing out of the folder
    if resolved.is_dir():
        index = resolved / "index.html"
        return index if index.is_file() else None
    return resolved if resolved.is_file() else None


def _etag_matches(header: str, etag: str) -> bool:
    """Weak comparison (RFC 9110 13.1.2): ``W/"x"`` matches ``"x"``; ``*`` matches anything."""
    if header.strip() == "*":
        return True
    tags = [tag.strip() for tag in header.split(",")]
    return any(tag.removeprefix("W/") == etag for tag in tags)


def _not_modified_since(header: str, mtime: float) -> bool:
    """Whether ``If-Modified-Since`` covers ``mtime``; a date that cannot be read (or
    one in the year 99999999999) is ignored, as RFC 9110 asks."""
    try:
        since = email.utils.parsedate_to_datetime(header).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return False
    return int(mtime) <= since


class _Handler(BaseHTTPRequestHandler):
    server_version = f"briefing-serve/{__version__}"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    # Until the request line is read, the stdlib assumes HTTP/0.9 and answers an error
    # (a 505 for "HTTP/9.9", say) without a status line; no client speaks 0.9 any more.
    default_request_version = "HTTP/1.0"
    # Buffer each answer and send it in one go (flushed after every request by
    # BaseHTTPRequestHandler), with Nagle off: headers and body written separately
    # would otherwise meet the client's delayed ACK and stall keep-alive connections
    # for ~40 ms per request.
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True
    server: StaticServer

    def setup(self) -> None:
        self.timeout = self.server.idle_timeout  # the socket's timeout, set by setup()
        super().setup()

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _serve(self, *, send_body: bool) -> None:
        try:
            path = resolve_path(self.server.root, self.path)
        except UnicodeDecodeError:
            path = None
        if path is None:
            self._plain(HTTPStatus.NOT_FOUND, "not found\n", send_body)
            return
        try:
            entity = self.server.cache.get(path)
        except OSError:
            self._plain(HTTPStatus.NOT_FOUND, "not found\n", send_body)
            return
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "").lower()
        use_gzip = entity.gzipped is not None and accepts_gzip
        # A strong ETag names one representation: the gzipped bytes get their own.
        etag = entity.etag[:-1] + '-gz"' if use_gzip else entity.etag
        if_none_match = self.headers.get("If-None-Match")
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_none_match is not None:
            not_modified = _etag_matches(if_none_match, etag)
        elif if_modified_since is not None:
            not_modified = _not_modified_since(if_modified_since, entity.mtime)
        else:
            not_modified = False
        self.send_response(HTTPStatus.NOT_MODIFIED if not_modified else HTTPStatus.OK)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", entity.last_modified)
        self.send_header("Cache-Control", "no-cache")
        if entity.gzipped is not None:
            self.send_header("Vary", "Accept-Encoding")
        if not_modified:
            self.end_headers()  # a 304 has no body, and no Content-Length of its own
            return
        body = entity.gzipped if use_gzip and entity.gzipped is not None else entity.body
        media = MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
        self.send_header("Content-Type", media)
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _plain(self, status: HTTPStatus, text: str, send_body: bool) -> None:
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """One line per request, status included, e.g. ``GET /feed.atom 304``."""
        if isinstance(code, HTTPStatus):
            code = code.value
        # A request refused while its first lines are read (too long, HTTP/9.9) has no
        # headers yet.
        headers = getattr(self, "headers", None)
        agent = headers.get("User-Agent", "-") if headers is not None else "-"
        self.server.log(
            f"{self.address_string()} [{self.log_date_time_string()}] "
            f'"{_client(self.requestline)}" {code} "{_client(agent)}"'
        )

    def log_error(self, format: str, *args: Any) -> None:
        self.server.log(f"{self.address_string()} error: {_client(format % args)}")

    def log_message(self, format: str, *args: Any) -> None:
        self.server.log(f"{self.address_string()} {_client(format % args)}")


def _client(text: str) -> str:
    """What a client sent, fit for one log line on a terminal: control characters shown
    as symbols (ESC as ``␛``), bidi overrides removed, and cut short."""
    text = one_line(text)
    return text if len(text) <= _LOGGED_CHARS else text[: _LOGGED_CHARS - 1] + "…"


class StaticServer(ThreadingHTTPServer):
    """``ThreadingHTTPServer`` over one folder; ``serve_forever`` or run it in a thread."""

    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default backlog of 5 drops the SYNs of a client opening 8
    # connections at once, and each dropped one costs a 1 s retransmit.
    request_queue_size = 128

    def __init__(
        self,
        root: Path,
        host: str = "127.0.0.1",
        port: int = 8765,
        log: Log | None = None,
        idle_timeout: float = IDLE_TIMEOUT,
    ):
        self.root = Path(root).resolve(strict=True)
        if not self.root.is_dir():
            raise NotADirectoryError(str(root))
        self.cache = _Cache()
        self.log: Log = log or _stderr
        self.idle_timeout = idle_timeout
        super().__init__((host, port), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """One log line, not socketserver's traceback on stderr, for a request that
        failed in a way the handler did not foresee."""
        error = sys.exc_info()[1]
        host = client_address[0] if isinstance(client_address, tuple) else client_address
        self.log(f"{host} error: {_client(f'{type(error).__name__}: {error}')}")

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = str(host)
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}/"


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def make_server(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    log: Log | None = None,
    idle_timeout: float = IDLE_TIMEOUT,
) -> StaticServer:
    """A server bound and ready; ``port=0`` picks a free port (see ``.url``)."""
    return StaticServer(root, host, port, log, idle_timeout)
