"""The one HTTP client briefing uses for the network: feeds, brief files, ``derive`` URLs.

Everything fetched comes from strangers, so every request is bounded: only ``http`` and
``https`` (checked again on each redirect hop), a connect and a read timeout plus a total
deadline, a byte cap enforced while the body streams in (also after gzip, so a small
compressed bomb cannot expand in memory), a fixed number of redirects and of retries.
Retries back off exponentially and honour ``Retry-After``; waiting for a retry never
holds one of the concurrency slots, so one slow server does not stall the others.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import functools
import importlib.util
import ssl
import sys
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

if importlib.util.find_spec("sniffio") is None:
    # httpcore asks ``import sniffio`` several times per request to learn the event
    # loop; when sniffio is not installed each failed import searches sys.path again
    # (about a millisecond a time, under the GIL). A None entry makes the import fail
    # at once, with the same outcome (asyncio), per the import system's documented rule.
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]

from briefing import __version__
from briefing.config import HttpSettings
from briefing.errors import FetchError

USER_AGENT = f"briefing/{__version__} (+https://github.com/briefing/briefing)"
ALLOWED_SCHEMES = frozenset({"http", "https"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ACCEPT_ENCODING = "gzip, deflate"
_CHUNK = 64 * 1024
#: Longest ``ETag``/``Last-Modified`` kept and sent back (real ones are under 100).
MAX_VALIDATOR_CHARS = 1024

Sleep = Callable[[float], Awaitable[None]]


class _Retryable(FetchError):
    """A failure worth another try (connect error, timeout, 429, 5xx)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Response:
    """A complete answer: a 2xx with its body, or a 304 with none."""

    url: str
    """The URL asked for (validators are stored under it)."""
    final_url: str
    """The URL that answered, after redirects: the base for relative links."""
    status: int
    body: bytes
    media_type: str
    """``Content-Type`` without parameters, lower case; ``""`` when absent."""
    content_type: str
    """``Content-Type`` as sent (feedparser wants the charset)."""
    etag: str | None
    last_modified: str | None
    attempts: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def check_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL; otherwise a :class:`FetchError` saying why."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:
        raise FetchError(f"{url}: refused: not a valid URL ({exc})") from None
    try:
        parts.port  # noqa: B018 - raises for a port out of range
    except ValueError as exc:
        raise FetchError(f"{url}: refused: not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        what = f"a {scheme}: URL" if scheme else "a relative URL"
        raise FetchError(f"{url}: refused: {what}; only http and https URLs are fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: refused: no host name")
    return url.strip()


def http_validator(value: str | None) -> str | None:
    """``value`` if it can be sent back in a header as it is, else ``None`` (dropped).

    An ``ETag`` or ``Last-Modified`` with a byte outside visible ASCII (``"café"``, a
    control character) is not valid HTTP and cannot be encoded into a request: kept, it
    would make every later fetch of its URL fail before a byte is sent.
    """
    if not value or len(value) > MAX_VALIDATOR_CHARS:
        return None
    return value if all(" " <= char <= "~" for char in value) else None


def media_type(content_type: str | None) -> str:
    """``"Application/YAML; charset=utf-8"`` -> ``"application/yaml"``."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def parse_retry_after(value: str | None, *, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())


class _Inflater:
    """Undoes ``Content-Encoding`` chunk by chunk, never producing more than asked for.

    httpx would inflate a whole network chunk at once (64 KiB of zeros becomes 64 MiB);
    ``zlib``'s ``max_length`` lets the byte cap hold on the decoded size too.
    """

    def __init__(self, url: str, encoding: str) -> None:
        encoding = encoding.strip().lower()
        self._raw_deflate_fallback = False
        if encoding in ("", "identity"):
            self._z: zlib._Decompress | None = None
        elif encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj(zlib.MAX_WBITS)
            self._raw_deflate_fallback = True
        else:
            raise FetchError(f"{url}: unsupported Content-Encoding {encoding!r}")
        self._url = url

    def feed(self, data: bytes, room: int) -> bytes:
        """Decoded bytes of ``data``; at most ``room + 1`` (one more means "over the cap")."""
        if self._z is None:
            return data
        try:
            out = self._z.decompress(data, room + 1)
        except zlib.error:
            if not self._raw_deflate_fallback:
                raise FetchError(f"{self._url}: corrupt compressed body") from None
            # Some servers send raw deflate without the zlib header.
            self._raw_deflate_fallback = False
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)
            return self.feed(data, room)
        self._raw_deflate_fallback = False
        return out


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """httpx's default TLS context (certifi, or SSL_CERT_FILE/DIR), built once per
    process: loading the CA bundle costs tens of milliseconds, every run of ``r``."""
    return httpx.create_ssl_context()


class HttpClient:
    """One ``httpx.AsyncClient`` with briefing's limits; use ``async with``.

    ``get`` may be called from many tasks at once: at most ``settings.concurrency``
    requests are in flight, the rest wait for a slot.
    """

    def __init__(
        self,
        settings: HttpSettings,
        *,
        user_agent: str = USER_AGENT,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.settings = settings
        self._sleep = sleep
        self._slots = asyncio.Semaphore(settings.concurrency)
        self._client = httpx.AsyncClient(
            follow_redirects=False,  # each hop's scheme is checked here, not by httpx
            timeout=httpx.Timeout(
                connect=settings.connect_timeout,
                read=settings.read_timeout,
                write=settings.read_timeout,
                pool=settings.connect_timeout,
            ),
            limits=httpx.Limits(
                max_connections=settings.concurrency,
                max_keepalive_connections=settings.concurrency,
            ),
            headers={"User-Agent": user_agent, "Accept-Encoding": _ACCEPT_ENCODING},
            verify=_tls_context(),
        )

    async def __aenter__(self) -> HttpClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> Response:
        """GET ``url`` (conditionally when validators are given), with retries.

        Returns a 2xx with its body or a 304; raises :class:`FetchError` (naming the URL
        and the reason) for anything else.
        """
        url = check_url(url)
        headers: dict[str, str] = {}
        # Validators stored by an older briefing may be anything a server sent.
        if etag := http_validator(etag):
            headers["If-None-Match"] = etag
        if last_modified := http_validator(last_modified):
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        s = self.settings
        attempt = 0
        while True:
            attempt += 1
            try:
                async with self._slots:
                    return await self._attempt(url, headers, attempt)
            except _Retryable as exc:
                if attempt > s.retries:
                    tries = f"{attempt} attempts" if attempt > 1 else "1 attempt"
                    raise FetchError(f"{exc} (gave up after {tries})") from None
                if exc.retry_after is not None:
                    if exc.retry_after > s.max_retry_after:
                        raise FetchError(
                            f"{exc}; the server asks to retry after {exc.retry_after:g}s, "
                            f"longer than http.max_retry_after ({s.max_retry_after:g}s)"
                        ) from None
                    delay = exc.retry_after
                else:
                    delay = s.backoff * 2 ** (attempt - 1)
                await self._sleep(delay)

    async def post_json(
        self, url: str, payload: object, *, headers: dict[str, str] | None = None
    ) -> Response:
        """POST ``payload`` as JSON under the limits of :meth:`get`: timeouts, the total
        deadline, the byte cap while the answer streams in (also after gzip).

        Sent once, never retried or redirected: a POST (an LLM completion) may cost
        money or act each time it is sent. Raises :class:`FetchError` for anything but
        a 2xx answer.
        """
        url = check_url(url)
        try:
            async with self._slots:
                return await self._bounded(url, lambda: self._post(url, payload, headers or {}))
        except _Retryable as exc:
            raise FetchError(str(exc)) from None

    async def _post(self, url: str, payload: object, headers: dict[str, str]) -> Response:
        request = self._client.build_request("POST", url, json=payload, headers=headers)
        response = await self._client.send(request, stream=True)
        try:
            if response.status_code in REDIRECT_STATUSES:
                raise FetchError(
                    f"{url}: HTTP {response.status_code} redirect; a POST is not redirected"
                )
            return await self._finish(url, url, response, 1)
        finally:
            await response.aclose()

    async def _attempt(self, url: str, headers: dict[str, str], attempt: int) -> Response:
        """One try, redirects included, under the total deadline."""
        return await self._bounded(url, lambda: self._follow(url, headers, attempt))

    async def _bounded(self, url: str, request: Callable[[], Awaitable[Response]]) -> Response:
        """``request()`` under the total deadline, its failures as messages naming ``url``."""
        total = self.settings.total_timeout
        try:
            async with asyncio.timeout(total):
                return await request()
        except TimeoutError:
            raise _Retryable(f"{url}: no complete answer within {total:g}s") from None
        except httpx.ConnectTimeout:
            raise _Retryable(f"{url}: timed out connecting") from None
        except httpx.ReadTimeout:
            raise _Retryable(f"{url}: timed out waiting for data") from None
        except httpx.PoolTimeout:
            raise _Retryable(f"{url}: timed out waiting for a connection") from None
        except httpx.TimeoutException:
            raise _Retryable(f"{url}: timed out") from None
        except httpx.ConnectError as exc:
            raise _Retryable(f"{url}: cannot connect: {_reason(exc)}") from None
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise _Retryable(f"{url}: connection failed: {_reason(exc)}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {_reason(exc)}") from None
        except FetchError:
            raise
        except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
            # Control characters, bad IDNA labels...: found by httpx, not urlsplit.
            raise FetchError(f"{url}: refused: not a valid URL ({_reason(exc)})") from None

    async def _follow(self, url: str, headers: dict[str, str], attempt: int) -> Response:
        hops: list[str] = [url]
        current = url
        while True:
            request = self._client.build_request("GET", current, headers=headers)
            response = await self._client.send(request, stream=True)
            try:
                location = response.headers.get("location")
                if response.status_code in REDIRECT_STATUSES and location:
                    target = urljoin(current, location.strip())
                    try:
                        check_url(target)
                    except FetchError as exc:
                        raise FetchError(f"{url}: redirected to {exc}") from None
                    if target in hops:
                        chain = " -> ".join([*hops[hops.index(target) :], target])
                        raise FetchError(f"{url}: redirect loop: {chain}")
                    if len(hops) > self.settings.max_redirects:
                        raise FetchError(
                            f"{url}: more than {self.settings.max_redirects} redirects"
                        )
                    hops.append(target)
                    current = target
                    continue
                return await self._finish(url, current, response, attempt)
            finally:
                await response.aclose()

    async def _finish(
        self, url: str, final_url: str, response: httpx.Response, attempt: int
    ) -> Response:
        status = response.status_code
        where = url if final_url == url else f"{url} (via {final_url})"
        if status == 429 or 500 <= status <= 599:
            raise _Retryable(
                f"{where}: HTTP {status} {response.reason_phrase}".rstrip(),
                parse_retry_after(response.headers.get("retry-after")),
            )
        if status != 304 and not 200 <= status <= 299:
            raise FetchError(f"{where}: HTTP {status} {response.reason_phrase}".rstrip())
        body = b"" if status == 304 else await self._read_capped(where, response)
        content_type = response.headers.get("content-type", "")
        return Response(
            url=url,
            final_url=final_url,
            status=status,
            body=body,
            media_type=media_type(content_type),
            content_type=content_type,
            etag=http_validator(response.headers.get("etag")),
            last_modified=http_validator(response.headers.get("last-modified")),
            attempts=attempt,
        )

    async def _read_capped(self, where: str, response: httpx.Response) -> bytes:
        """The decoded body, aborting the download as soon as it passes the cap."""
        cap = self.settings.max_bytes
        declared = response.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(
                f"{where}: refused: the response is {int(declared):,} bytes, "
                f"over the {cap:,} byte limit (http.max_bytes)"
            )
        inflater = _Inflater(where, response.headers.get("content-encoding", ""))
        body = bytearray()
        raw = 0
        async for chunk in response.aiter_raw(_CHUNK):
            raw += len(chunk)
            body += inflater.feed(chunk, cap - len(body))
            if len(body) > cap or raw > cap:
                raise FetchError(
                    f"{where}: refused: the response passed the {cap:,} byte limit "
                    "(http.max_bytes); download aborted"
                )
        return bytes(body)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return text or type(exc).__name__


async def fetch_url(url: str, settings: HttpSettings, *, accept: str | None = None) -> Response:
    """One GET with all of briefing's limits (for ``derive`` and other one-off uses)."""
    async with HttpClient(settings) as client:
        return await client.get(url, accept=accept)


def fetch_url_sync(url: str, settings: HttpSettings, *, accept: str | None = None) -> Response:
    """:func:`fetch_url` for synchronous callers (not from inside a running event loop)."""
    return asyncio.run(fetch_url(url, settings, accept=accept))


def post_json_sync(
    url: str, payload: object, settings: HttpSettings, *, headers: dict[str, str] | None = None
) -> Response:
    """One :meth:`HttpClient.post_json`, for synchronous callers (``derive --llm``)."""

    async def post() -> Response:
        async with HttpClient(settings) as client:
            return await client.post_json(url, payload, headers=headers)

    return asyncio.run(post())
