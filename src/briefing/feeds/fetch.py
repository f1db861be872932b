"""Fetch feeds into the library: the orchestration behind ``briefing fetch`` and ``r``.

The shape of a run, and why:

1. Every feed starts at once; one :class:`HttpClient` bounds the requests in flight.
2. A feed answered with 304 is done: no parsing, its briefs are known unchanged.
3. A feed's brief URLs are fetched concurrently, each conditionally (its own stored
   ``ETag``/``Last-Modified``); parsing, validation and building the table rows run in
   a worker process (or on a thread, see :mod:`briefing.feeds.workers`) while the
   event loop keeps downloading.
4. Valid briefs are imported in feed order, a batch at a time as the downloads ahead of
   them are in, on the one thread that owns the SQLite connection, so the store works
   while the network is waited for. Each brief is stored whole or not at all; the
   store's replace/skip rule on ``updated`` decides new / updated / unchanged. When a
   feed's downloads are all in, the rest is imported and its URLs' states saved.

Validators are kept only for URLs that were read cleanly: a feed with a failing brief,
or a brief file with an error, is read again next time instead of being answered
with 304 and its problem forgotten.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from briefing.config import Settings
from briefing.errors import FetchError, StoreError
from briefing.feeds.articles import (
    ArticleOutcome,
    Articles,
    Committed,
    DerivePool,
    PoliteClient,
    commit_articles,
    entry_key,
)
from briefing.feeds.documents import (
    ACCEPT,
    YAML_MEDIA_TYPES,
    BriefLink,
    EntryMode,
    parse_feed,
    sniff,
)
from briefing.feeds.workers import Parsers
from briefing.http import HttpClient, Response, check_url
from briefing.store import (
    FeedState,
    ImportFailed,
    ImportOutcome,
    Outcome,
    PreparedBrief,
    Store,
)

T = TypeVar("T")
BRIEF_ACCEPT = ", ".join(sorted(YAML_MEDIA_TYPES)) + ", */*;q=0.1"
#: Brief links followed per feed: a hostile feed within the byte cap could list tens of
#: thousands, each one a request.
MAX_LINKS_PER_FEED = 2000
#: Briefs imported at a time while later ones still download: enough to amortise a
#: transaction, few enough that the import at the end, which nothing overlaps, is short.
IMPORT_BATCH = 50
_MAX_ERROR_CHARS = 2000


@dataclass(frozen=True, slots=True)
class FetchProgress:
    """Where a fetch run is: ``done`` of ``total`` requests (the total grows as feeds are
    read and their entries become known)."""

    done: int
    total: int
    url: str
    """The URL just started or just finished."""
    feed: str
    """Name of the feed it belongs to."""
    finished: bool


@dataclass(slots=True)
class FeedResult:
    """What one feed brought."""

    url: str
    name: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    """One message per brief that could not be imported (URL:LINE:COL: field: message)."""
    skipped: list[str] = field(default_factory=list)
    """Entries without a link to a brief (not an error: feeds may mix content)."""
    not_modified: bool = False
    """The feed answered 304: nothing was parsed; ``unchanged`` is its last brief count."""
    error: str | None = None
    """Set when the feed failed entirely (unreachable, not a feed, nothing importable)."""
    kind: str | None = None
    """``atom``, ``rss``, ``json`` or ``brief`` (a URL that is itself a brief file)."""
    changed_ids: list[str] = field(default_factory=list)
    """Ids of the briefs that are new or updated (for the reader to refresh)."""
    articles: int = 0
    """Entries that are articles (derived into drafts, or known from an earlier fetch)."""

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(slots=True)
class FetchReport:
    feeds: list[FeedResult]
    seconds: float = 0.0

    @property
    def new(self) -> int:
        return sum(f.new for f in self.feeds)

    @property
    def updated(self) -> int:
        return sum(f.updated for f in self.feeds)

    @property
    def unchanged(self) -> int:
        return sum(f.unchanged for f in self.feeds)

    @property
    def failed(self) -> int:
        return sum(len(f.failed) for f in self.feeds)

    @property
    def failed_feeds(self) -> list[FeedResult]:
        return [f for f in self.feeds if not f.ok]

    @property
    def ok(self) -> bool:
        return not self.failed_feeds

    @property
    def changed_ids(self) -> list[str]:
        return [brief_id for f in self.feeds for brief_id in f.changed_ids]


@dataclass(frozen=True, slots=True)
class FeedTarget:
    url: str
    name: str
    kind: EntryMode = "auto"


def select_feeds(
    settings: Settings, urls: Iterable[str] | None = None, db_path: Path | None = None
) -> list[FeedTarget]:
    """The given URLs (named from the subscriptions when subscribed), else every enabled
    feed: config.yaml's ``feeds:`` and the library's subscriptions (``feeds add``)."""
    from briefing.feeds.subscriptions import all_feeds

    feeds = all_feeds(settings, db_path)
    named = {f.url: f for f in feeds}
    if urls:
        wanted = list(dict.fromkeys(u.strip() for u in urls if u.strip()))
        return [
            FeedTarget(url=u, name=(f.name or u) if f else u, kind=f.kind if f else "auto")
            for u in wanted
            for f in [named.get(u)]
        ]
    return [FeedTarget(url=f.url, name=f.name or f.url, kind=f.kind) for f in feeds if f.enabled]


async def fetch_into_library(
    settings: Settings,
    db_path: Path,
    urls: list[str] | None = None,
    progress: Callable[[FetchProgress], None] | None = None,
) -> FetchReport:
    """Fetch ``urls`` (default: every enabled feed) and import their briefs into ``db_path``.

    Never raises for network or content problems: they are in the report. Raises
    :class:`~briefing.errors.StoreError` if the library cannot be opened or written.
    ``progress`` is called on the event loop's thread. Opens its own :class:`Store`
    on a private thread, so it is safe to run from any event loop (e.g. a reader
    worker) while other threads hold their own connections.
    """
    started = time.monotonic()
    targets = select_feeds(settings, urls, db_path)
    # First: the workers are forked before any thread starts (a pool's manager thread
    # is one), and brief parsing shares them.
    derivers = DerivePool()
    parsers = Parsers(derivers.forked)
    db = _Db(db_path)
    try:
        await db.open()
        try:
            async with HttpClient(settings.http) as client:
                run = _Run(settings, db, client, progress, parsers, total=len(targets))
                run.articles = Articles(
                    PoliteClient(client, settings.pages),
                    derivers,
                    settings.pages,
                    lambda keys: db.call(lambda s: {k: s.feed_state(k) for k in keys}),
                    run.article_tick,
                    library=db_path,
                )
                run.article_feed = {t.url: t.name for t in targets}
                results = await _gather_all(run.feed(target) for target in targets)
        finally:
            await db.close()
    finally:
        parsers.close()
        derivers.close()
    return FetchReport(feeds=results, seconds=time.monotonic() - started)


async def _gather_all(coros: Iterable[object]) -> list[FeedResult]:
    """Run all, and cancel the rest if one raises (a store error ends the run)."""
    tasks = [asyncio.ensure_future(c) for c in coros]  # type: ignore[arg-type]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


class _Db:
    """The store, opened and used on one dedicated thread: SQLite connections belong to
    the thread that made them, and the event loop must never wait on disk."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="briefing-fetch-db")
        self._store: Store | None = None

    async def open(self) -> None:
        try:
            self._store = await self._submit(lambda: Store(self._path, check=True))
        except BaseException:
            self._pool.shutdown(wait=True)
            raise

    async def call(self, fn: Callable[[Store], T]) -> T:
        store = self._store
        assert store is not None, "open() first"
        return await self._submit(lambda: fn(store))

    async def close(self) -> None:
        store, self._store = self._store, None
        try:
            if store is not None:
                await self._submit(store.close)
        finally:
            # Its work is done (or was the close); waiting leaves no thread behind.
            self._pool.shutdown(wait=True)

    async def _submit(self, fn: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn)


@dataclass(slots=True)
class _Download:
    """One brief URL's outcome before import."""

    url: str
    state: FeedState
    response: Response | None = None
    briefs: list[PreparedBrief] = field(default_factory=list)
    """Valid briefs, already turned into table rows (by :func:`.workers.read_brief`)."""
    errors: list[str] = field(default_factory=list)
    not_modified: bool = False

    @property
    def fetched(self) -> bool:
        return self.response is not None


class _Run:
    def __init__(
        self,
        settings: Settings,
        db: _Db,
        client: HttpClient,
        progress: Callable[[FetchProgress], None] | None,
        parsers: Parsers,
        *,
        total: int,
    ) -> None:
        self.parsers = parsers
        self.settings = settings
        self.db = db
        self.client = client
        self.progress = progress
        self.total = total
        self.done = 0
        self.articles: Articles | None = None
        self.article_feed: dict[str, str] = {}
        self._article_of: dict[str, str] = {}

    def article_tick(self, url: str, finished: bool) -> None:
        self._tick(url, self._article_of.get(url, ""), finished=finished)

    def _tick(self, url: str, feed: str, *, finished: bool) -> None:
        if finished:
            self.done += 1
        if self.progress is not None:
            self.progress(FetchProgress(self.done, self.total, url, feed, finished))

    async def feed(self, target: FeedTarget) -> FeedResult:
        """One feed's result; a bug in handling one feed must not sink the others."""
        try:
            result = await self._feed(target)
        except StoreError:
            raise
        except Exception as exc:
            result = FeedResult(url=target.url, name=target.name)
            result.error = f"{target.url}: internal error: {type(exc).__name__}: {exc}"
            return result
        await self.db.call(lambda s: _note_last_result(s, result))
        return result

    async def _feed(self, target: FeedTarget) -> FeedResult:
        result = FeedResult(url=target.url, name=target.name)
        try:
            url = check_url(target.url)
        except FetchError as exc:
            result.error = str(exc)
            self._tick(target.url, target.name, finished=True)
            return result
        state = await self.db.call(lambda s: s.feed_state(url)) or FeedState(url=url)
        self._tick(url, target.name, finished=False)
        try:
            response = await self.client.get(
                url, etag=state.etag, last_modified=state.last_modified, accept=ACCEPT
            )
        except FetchError as exc:
            self._tick(url, target.name, finished=True)
            message = result.error = str(exc)
            await self.db.call(lambda s: _save_failure(s, state, message))
            return result

        if response.not_modified:
            self._tick(url, target.name, finished=True)
            result.not_modified = True
            result.kind = state.extra.get("kind")
            result.unchanged = _int(state.extra.get("briefs"))
            await self.db.call(lambda s: _save_success(s, state, response, None))
            return result

        if sniff(response.body, response.media_type) == "brief":
            result.kind = "brief"
            direct = _Download(url=url, state=state, response=response)
            await self._load(direct)
            self._tick(url, target.name, finished=True)
            await self.db.call(lambda s: self._commit(s, result, state, response, [direct], []))
            return result

        try:
            parsed = await self.parsers.on_thread(
                parse_feed, response.body, response.final_url, response.content_type, target.kind
            )
        except FetchError as exc:
            self._tick(url, target.name, finished=True)
            message = result.error = str(exc)
            await self.db.call(lambda s: _save_failure(s, state, message))
            return result
        self._tick(url, target.name, finished=True)
        result.kind = parsed.kind
        result.failed.extend(parsed.refused)
        result.skipped.extend(parsed.skipped)
        links = [link for link in parsed.links if link.url != url]
        if len(links) > MAX_LINKS_PER_FEED:
            result.failed.append(
                f"{url}: the feed lists {len(links)} briefs; only the first "
                f"{MAX_LINKS_PER_FEED} were fetched"
            )
            links = links[:MAX_LINKS_PER_FEED]
        self.total += len(links) + len(parsed.articles)
        articles: asyncio.Future[list[ArticleOutcome]] | None = None
        if parsed.articles and self.articles is not None:
            for entry in parsed.articles:
                self._article_of[entry_key(entry, url)] = target.name
            articles = asyncio.ensure_future(
                self.articles.handle(parsed.articles, url, parsed.title or target.name)
            )
        states = await self.db.call(lambda s: {link.url: s.feed_state(link.url) for link in links})
        tasks = [
            asyncio.ensure_future(
                self._brief(link, states.get(link.url) or FeedState(url=link.url), target.name)
            )
            for link in links
        ]
        try:
            downloads, outcomes, rest = await self._import_in_order(tasks)
            derived = await articles if articles is not None else []
        except BaseException:
            for task in [*tasks, *([articles] if articles is not None else [])]:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise

        def commit(s: Store) -> None:
            if derived:
                _count_articles(result, commit_articles(s, derived, url))
            self._commit(s, result, state, response, downloads, outcomes, rest)

        await self.db.call(commit)
        return result

    async def _import_in_order(
        self, tasks: list[asyncio.Future[_Download]]
    ) -> tuple[list[_Download], list[ImportOutcome], int]:
        """Every download, in feed order; the briefs of those in front imported a batch at
        a time while the others still download. Returns the downloads, the outcomes of
        the imports made, and where the downloads not imported yet start.

        Feed order, as one import of the whole feed would have it: a brief listed twice
        (two URLs, one id) must meet the store's replace/skip rule in the same order
        every time. One batch at a time, so the store's thread never has a queue.
        """
        downloads: list[_Download] = []
        outcomes: list[ImportOutcome] = []
        start = ready = 0  # downloads[start:] are not imported yet; they hold ``ready`` briefs
        importing: asyncio.Future[list[ImportOutcome]] | None = None
        for task in tasks:
            downloads.append(await task)
            ready += len(downloads[-1].briefs)
            if importing is not None and importing.done():
                outcomes.extend(importing.result())
                importing = None
            if importing is None and ready >= IMPORT_BATCH:
                batch, start, ready = downloads[start:], len(downloads), 0
                importing = asyncio.ensure_future(
                    self.db.call(lambda s, batch=batch: _import(s, batch))
                )
        if importing is not None:
            outcomes.extend(await importing)
        return downloads, outcomes, start

    async def _brief(self, link: BriefLink, state: FeedState, feed: str) -> _Download:
        download = _Download(url=link.url, state=state)
        self._tick(link.url, feed, finished=False)
        try:
            response = await self.client.get(
                link.url, etag=state.etag, last_modified=state.last_modified, accept=BRIEF_ACCEPT
            )
        except FetchError as exc:
            download.errors.append(str(exc))
        else:
            download.response = response
            if response.not_modified:
                download.not_modified = True
            else:
                await self._load(download)
        self._tick(link.url, feed, finished=True)
        return download

    async def _load(self, download: _Download) -> None:
        """Validate exactly like a local file, named by its URL (off the event loop)."""
        assert download.response is not None
        download.briefs, download.errors = await self.parsers.brief(
            download.response.body, download.url, self.settings.limits
        )

    def _commit(
        self,
        store: Store,
        result: FeedResult,
        feed_state: FeedState,
        response: Response,
        downloads: list[_Download],
        outcomes: list[ImportOutcome],
        imported: int = 0,
    ) -> None:
        """Import the briefs of ``downloads[imported:]`` (``outcomes`` are those of the
        ones before), then count and save the URL states.

        Runs on the store's thread.
        """
        outcomes = [*outcomes, *_import(store, downloads[imported:])]
        for outcome in outcomes:
            if outcome.outcome is Outcome.new:
                result.new += 1
                result.changed_ids.append(outcome.brief_id)
            elif outcome.outcome is Outcome.updated:
                result.updated += 1
                result.changed_ids.append(outcome.brief_id)
            else:
                result.unchanged += 1
        attempted = result.articles
        for d in downloads:
            attempted += 1
            result.failed.extend(d.errors)
            if d.not_modified:
                result.unchanged += _int(d.state.extra.get("briefs"), default=1)
            if d.url == feed_state.url:
                continue  # a direct brief: its state is the feed's, saved below
            if d.errors and not d.fetched:
                _save_failure(store, d.state, d.errors[0])
            elif d.errors:
                # Read but (partly) invalid: forget the validators so it is read again.
                d.state.etag = d.state.last_modified = None
                _save_failure(store, d.state, d.errors[0])
            else:
                assert d.response is not None
                count = None if d.not_modified else len(d.briefs)
                _save_success(store, d.state, d.response, count)
        ok = result.new + result.updated + result.unchanged
        if attempted and not ok and result.failed:
            what = (
                "the brief file"
                if result.kind == "brief"
                else f"any of {attempted} entries"
                if result.articles
                else f"any of {attempted} briefs"
            )
            result.error = f"{result.url}: could not import {what}"
        feed_state.extra["kind"] = result.kind or ""
        if result.error:
            feed_state.etag = feed_state.last_modified = None
            _save_failure(store, feed_state, result.error)
        elif result.failed:
            # Some briefs failed: keep no validators, so the next run reads the feed again
            # and retries them (the good ones then answer 304).
            feed_state.etag = feed_state.last_modified = None
            _save_success(store, feed_state, response, ok, error=result.failed[0])
        else:
            _save_success(store, feed_state, response, ok)


def _note_last_result(store: Store, result: FeedResult) -> None:
    """What ``briefing feeds`` shows as the last fetch: new / unchanged / failed."""
    state = store.feed_state(result.url)
    if state is None:
        return
    if result.error:
        state.extra["last"] = "failed"
    else:
        last = f"{result.new} new, {result.updated} updated, {result.unchanged} unchanged"
        if result.failed:
            last += f", {len(result.failed)} failed"
        state.extra["last"] = ("not modified: " if result.not_modified else "") + last
    store.save_feed_state(state)


def _count_articles(result: FeedResult, done: Committed) -> None:
    result.articles += len(done.new) + len(done.updated) + done.unchanged + len(done.failed)
    result.new += len(done.new)
    result.updated += len(done.updated)
    result.unchanged += done.unchanged
    result.changed_ids.extend([*done.new, *done.updated])
    result.failed.extend(done.failed)


def _import(store: Store, downloads: list[_Download]) -> list[ImportOutcome]:
    """Store the valid briefs of ``downloads``, in order; what was stored."""
    briefs = [p for d in downloads for p in d.briefs]
    if not briefs:
        return []  # no transaction for nothing
    try:
        return store.import_prepared(briefs)
    except ImportFailed as exc:
        # The rest of the batch is committed; each failed brief left nothing behind.
        # Its URL counts as failed, so no validators are kept and it is read again.
        for d in downloads:
            for prepared in d.briefs:
                if prepared.id in exc.failures:
                    d.errors.append(
                        f"{d.url}: {prepared.id}: could not store: {exc.failures[prepared.id]}"
                    )
        return exc.outcomes


def _save_success(
    store: Store,
    state: FeedState,
    response: Response,
    briefs: int | None,
    *,
    error: str | None = None,
) -> None:
    now = _now()
    if error is None:
        # Stored exactly as received; a 304 without validators keeps the old ones.
        state.etag = response.etag or (state.etag if response.not_modified else None)
        state.last_modified = response.last_modified or (
            state.last_modified if response.not_modified else None
        )
    state.last_attempt = now
    state.last_success = now
    state.last_error = _clip(error) if error else None
    if briefs is not None:
        state.extra["briefs"] = str(briefs)
    store.save_feed_state(state)


def _save_failure(store: Store, state: FeedState, error: str) -> None:
    state.last_attempt = _now()
    state.last_error = _clip(error)
    store.save_feed_state(state)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_ERROR_CHARS else text[: _MAX_ERROR_CHARS - 1] + "…"
