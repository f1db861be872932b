"""Feed entries that are news articles -> draft briefs, fetched politely.

An article entry (see :class:`~briefing.feeds.documents.ArticleEntry`) is derived by the
same pipeline as ``briefing derive``. The shape of it, and why:

1. **Known URLs are never fetched again.** Every handled entry URL (derived, or found to
   be a copy of a known article) is remembered in the store's URL bookkeeping
   (``feed_state``, ``extra.article`` / ``extra.copy_of``); the next fetch counts it as
   unchanged without a request. A failed entry leaves no such mark and is retried.
2. **Full text from the feed when it is there**: text of at least
   ``pages.full_text_chars`` that does not end in a truncation mark is the article; no
   page is downloaded.
3. **Otherwise the page**, through the one :class:`HttpClient` (schemes, byte caps,
   timeouts, redirects, retries) plus per-host politeness: ``pages.per_host`` requests
   at once, ``pages.delay`` seconds between their starts, robots.txt obeyed.
4. **One article, one brief**: the page's canonical URL (``<link rel=canonical>``,
   ``og:url``) names the article; an AMP copy or a second URL of a known article is
   recorded as a copy and not derived.
5. **Deriving runs in worker processes** (:class:`DerivePool`, one per core): text
   extraction and the derive heuristics are pure CPU, and the event loop keeps
   downloading meanwhile. The worker returns table rows, so the import is only SQL.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import html as html_lib
import multiprocessing
import re
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from briefing import __version__
from briefing.config import PageSettings
from briefing.errors import BriefingError, FetchError
from briefing.feeds.documents import ArticleEntry
from briefing.http import HttpClient, Response, check_url
from briefing.procs import leave_ctrl_c_to_the_parent, start_method, usable_cores
from briefing.store import FeedState, PreparedBrief

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5, */*;q=0.1"
DERIVED_BY = f"briefing {__version__}"
#: The robots.txt product token (the User-Agent's first word).
ROBOTS_AGENT = "briefing"
#: Endings that mark feed text as a teaser, cut short of the article.
_TRUNCATED = re.compile(
    r"(?:…|\.\.\.|\[(?:…|\.\.\.)\]|\((?:more|read more)…?\)|read more|continue reading"
    r"|read the (?:full|rest)[^.]*|keep reading)\W*$",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]+>")
#: How much of a page is searched for its canonical link (it is in the head).
_HEAD_CHARS = 200_000


@dataclass(slots=True)
class ArticleOutcome:
    """What became of one article entry."""

    entry: ArticleEntry
    key: str
    """The URL it is remembered under (its link, or the feed URL + ``#`` + its id)."""
    prepared: PreparedBrief | None = None
    error: str | None = None
    known: bool = False
    """Already handled by an earlier fetch: nothing was requested."""
    copy_of: str | None = None
    """The canonical URL of the article this entry duplicates (not derived again)."""
    canonical: str | None = None
    downloaded: bool = False
    notes: list[str] = field(default_factory=list)


def is_full_text(text: str | None, min_chars: int) -> bool:
    """Does this feed text carry the whole article (long enough, not cut off)?"""
    if not text:
        return False
    plain = " ".join(html_lib.unescape(_TAG.sub(" ", text)).split())
    return len(plain) >= min_chars and not _TRUNCATED.search(plain[-80:])


def entry_key(entry: ArticleEntry, feed_url: str) -> str:
    """The URL an entry is remembered by: its link, else an id within the feed."""
    if entry.url:
        return entry.url
    ident = entry.guid or entry.title or entry.content or entry.entry
    digest = hashlib.sha256(ident.encode("utf-8", "replace")).hexdigest()[:16]
    return f"{feed_url}#entry-{digest}"


def is_handled(state: FeedState | None) -> bool:
    """Was this URL derived (or found to be a copy) by an earlier fetch?"""
    return bool(state and not state.last_error and ({"article", "copy_of"} & state.extra.keys()))


# --- page metadata (cheap, on the event loop's side) -------------------------------------

_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def _attrs(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html_lib.unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in _ATTR.finditer(tag)
    }


def canonical_url(page: str, base: str) -> str | None:
    """The page's own name for itself: ``<link rel=canonical>``, else ``og:url``."""
    head = page[:_HEAD_CHARS]
    for tag in _LINK_TAG.findall(head):
        attrs = _attrs(tag)
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            return _absolute(attrs["href"], base)
    for tag in _META_TAG.findall(head):
        attrs = _attrs(tag)
        if attrs.get("property", attrs.get("name", "")).lower() == "og:url" and attrs.get(
            "content"
        ):
            return _absolute(attrs["content"], base)
    return None


def _absolute(href: str, base: str) -> str | None:
    url = urljoin(base, href.strip())
    try:
        return check_url(url)
    except FetchError:
        return None


def normalise_url(url: str) -> str:
    """Compare URLs without their fragment or a trailing slash difference."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def decode(response: Response) -> str:
    """The page's text, in its declared charset (or a ``<meta charset>``), else UTF-8."""
    match = re.search(r"charset=[\"']?([\w.-]+)", response.content_type or "", re.IGNORECASE)
    if not match:
        match = re.search(rb"<meta[^>]+charset=[\"']?([\w.-]+)", response.body[:4096], re.I)
    charset = match.group(1) if match else "utf-8"
    if isinstance(charset, bytes):
        charset = charset.decode("ascii", "replace")
    try:
        return response.body.decode(charset, errors="replace")
    except LookupError:
        return response.body.decode("utf-8", errors="replace")


# --- the derive job (runs in a worker process) -------------------------------------------


@dataclass(frozen=True, slots=True)
class DeriveJob:
    """Everything a worker needs to turn one article into table rows (picklable)."""

    text: str
    is_html: bool
    url: str | None
    """The article's canonical URL (``source.url``)."""
    entry_url: str | None
    title: str | None
    published: str | None
    feed_url: str
    feed_title: str | None
    fetched: dt.datetime
    known_actors: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    """The library's actors, so the draft reuses their ids (as ``briefing derive`` does)."""
    known_questions: tuple[tuple[str, str, tuple[str, ...], str | None], ...] = ()
    """The library's open questions, reused by id where the article bears on them."""


def derive_job(job: DeriveJob) -> tuple[PreparedBrief | None, str | None, list[str]]:
    """The draft's rows, or the reason there is none, and notes. Never raises."""
    try:
        return _derive(job)
    except BriefingError as exc:
        return None, str(exc), []
    except Exception as exc:  # a bug in the heuristics must not end the fetch
        return None, f"internal error while deriving: {type(exc).__name__}: {exc}", []


def _derive(job: DeriveJob) -> tuple[PreparedBrief | None, str | None, list[str]]:
    from briefing.derive import derive_guarded, from_html, from_text, validate
    from briefing.derive.extract_text import parse_date
    from briefing.store import prepare_brief

    if job.is_html:
        article = from_html(job.text, url=job.url)
        page_date = page_published(job.text)
    else:
        article = from_text(job.text)
        page_date = None
    if not article.paragraphs:
        return None, "no article text found", []
    article.url = job.url or article.url
    # The page's own metadata first, then the entry's; trafilatura's guess last.
    article.date = page_date or parse_entry_date(job.published) or article.date
    article.title = job.title or article.title
    if article.date is None and job.published:
        article.date = parse_date(job.published)
    if not article.publisher:
        article.publisher = feed_publisher(job.feed_title, job.url or job.entry_url or job.feed_url)
    # A bug in the heuristics is one line naming the article (BRIEFING_DEBUG=1 raises it).
    derived = derive_guarded(
        article,
        job.url or job.entry_url or job.feed_url,
        now=job.fetched,
        known_actors=job.known_actors,
        known_questions=job.known_questions,
    )
    data = dict(derived.data)
    data["provenance"] = {
        key: value
        for key, value in (
            ("feed", job.feed_url),
            ("feed_title", job.feed_title),
            ("entry", job.entry_url),
            ("fetched", job.fetched.isoformat()),
            ("derived_by", DERIVED_BY),
        )
        if value
    }
    brief = validate(data)
    return (
        prepare_brief(brief, origin=job.url or job.entry_url or job.feed_url),
        None,
        derived.notes,
    )


_FEED_SUFFIX = re.compile(
    r"\s*(?:\((?:[^)]*)\)|[-|:—–·]\s.*|\b(?:rss|atom|feed|full text|latest news|top stories)\b.*)$",
    re.IGNORECASE,
)


def feed_publisher(feed_title: str | None, url: str | None) -> str | None:
    """Who published a feed's article when its text carries no publisher: the feed's
    title without its section or format ("The Sarn Coast Ledger (full text)", "Ledger -
    World" -> "The Sarn Coast Ledger", "Ledger"), else the host of its link."""
    title = " ".join((feed_title or "").split())
    for _ in range(3):
        shorter = _FEED_SUFFIX.sub("", title).strip()
        if shorter == title:
            break
        title = shorter
    if len(title) >= 2:
        return title
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def page_published(page: str) -> dt.date | None:
    """The publication date from the page's metadata (JSON-LD ``datePublished``,
    ``article:published_time``…), via htmldate, never from running text."""
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - a dependency
        return None
    try:
        found = find_date(
            page,
            extensive_search=False,
            original_date=True,
            outputformat="%Y-%m-%d",
            max_date="2100-12-31",
        )
    except Exception:  # htmldate on hostile markup: no date rather than no brief
        return None
    return dt.date.fromisoformat(found) if found else None


def parse_entry_date(value: str | None) -> dt.date | None:
    """An entry date as feeds write it: ISO 8601 (Atom, JSON) or RFC 822 (RSS)."""
    if not value:
        return None
    from briefing.derive.extract_text import parse_date

    found = parse_date(value)
    if found:
        return found
    import email.utils

    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


# --- worker processes -------------------------------------------------------------------


class DerivePool:
    """Worker processes that derive articles, one per usable core.

    Forked when this process has one thread (ready at once, nothing re-imported), which
    is why :func:`~briefing.feeds.fetch.fetch_into_library` makes it before any thread;
    otherwise (the reader fetches from a thread) spawned on first use. On one core, or
    if the workers die, jobs run on a thread instead: slower, never wrong.
    """

    def __init__(self, workers: int | None = None) -> None:
        self._workers = workers or usable_cores()
        self._pool: ProcessPoolExecutor | None = None
        self._broken = self._workers < 2
        if not self._broken and start_method() == "fork":
            self._pool = self._make("fork")

    @property
    def forked(self) -> ProcessPoolExecutor | None:
        """The forked workers, for :class:`~briefing.feeds.workers.Parsers` to share: a
        second pool could not fork (the first one's manager thread is running)."""
        return self._pool if self._pool is not None and not self._broken else None

    def _make(self, method: str) -> ProcessPoolExecutor:
        if method != "fork":
            _start_resource_tracker()
        pool = ProcessPoolExecutor(
            max_workers=self._workers,
            mp_context=multiprocessing.get_context(method),
            initializer=leave_ctrl_c_to_the_parent,
        )
        if method == "fork":
            # A forking pool starts its workers at the first submit: now, single-threaded.
            for _ in range(self._workers):
                pool.submit(_ready)
        return pool

    async def run(self, job: DeriveJob) -> tuple[PreparedBrief | None, str | None, list[str]]:
        loop = asyncio.get_running_loop()
        if not self._broken:
            if self._pool is None:
                self._pool = self._make("spawn")
            try:
                return await loop.run_in_executor(self._pool, derive_job, job)
            except (BrokenProcessPool, OSError, ValueError):
                # The workers died or could not be started: a thread takes over.
                self._broken = True
        return await asyncio.to_thread(derive_job, job)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _ready() -> None:
    """A first task: it only makes the pool start its workers now."""


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr to pass on.

    Spawning starts the tracker, handing it ``sys.stderr.fileno()``; inside the reader
    Textual has replaced ``sys.stderr`` with a capture whose fileno is -1, and the spawn
    fails ("bad value(s) in fds_to_keep"). Started here first, with the process's own
    stderr, the tracker is already running when the workers are spawned.
    """
    import sys
    from multiprocessing import resource_tracker

    try:
        valid = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        valid = False
    if valid or sys.__stderr__ is None:
        return
    saved, sys.stderr = sys.stderr, sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = saved


# --- politeness -------------------------------------------------------------------------


class PoliteClient:
    """The shared :class:`HttpClient` with per-host limits and robots.txt on top."""

    def __init__(
        self,
        client: HttpClient,
        settings: PageSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.client = client
        self.settings = settings
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._robots: dict[str, asyncio.Future[Any]] = {}

    async def get_page(self, url: str) -> Response:
        """GET an article page, or :class:`FetchError` (robots.txt, HTTP, limits…)."""
        url = check_url(url)
        if self.settings.robots and not await self._allowed(url):
            raise FetchError(f"{url}: not fetched: robots.txt disallows it for {ROBOTS_AGENT}")
        return await self._get(url, PAGE_ACCEPT)

    async def _get(self, url: str, accept: str) -> Response:
        host = _origin(url)
        slot = self._hosts.setdefault(host, asyncio.Semaphore(self.settings.per_host))
        async with slot:
            await self._wait_turn(host)
            return await self.client.get(url, accept=accept)

    async def _wait_turn(self, host: str) -> None:
        """Space the starts of requests to one host by ``delay`` seconds."""
        delay = self.settings.delay
        if delay <= 0:
            return
        now = self._clock()
        start = max(now, self._next_start.get(host, now))
        self._next_start[host] = start + delay
        if start > now:
            await self._sleep(start - now)

    async def _allowed(self, url: str) -> bool:
        origin = _origin(url)
        future = self._robots.get(origin)
        if future is None:
            future = self._robots[origin] = asyncio.ensure_future(self._read_robots(origin))
        parser = await future
        return parser is None or parser.can_fetch(url, ROBOTS_AGENT)

    async def _read_robots(self, origin: str) -> Any:
        """The site's rules; ``None`` (all allowed) when it has no robots.txt."""
        from protego import Protego

        try:
            response = await self._get(f"{origin}/robots.txt", "text/plain, */*;q=0.1")
        except FetchError as exc:
            if re.search(r": HTTP 4\d\d\b", str(exc)):
                return None  # no robots.txt: everything is allowed (RFC 9309 2.3.1.3)
            # Unreachable or 5xx: assume complete disallow (RFC 9309 2.3.1.4).
            return Protego.parse("User-agent: *\nDisallow: /\n")
        text = response.body[:500_000].decode("utf-8", errors="replace")
        return Protego.parse(text)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


# --- one feed's articles ------------------------------------------------------------------


class Articles:
    """The article entries of one fetch run: what is known, claimed, derived."""

    def __init__(
        self,
        polite: PoliteClient,
        pool: DerivePool,
        settings: PageSettings,
        lookup: Callable[[list[str]], Awaitable[dict[str, FeedState | None]]],
        tick: Callable[[str, bool], None],
        library: Path | None = None,
    ) -> None:
        self.polite = polite
        self.pool = pool
        self.settings = settings
        self._lookup = lookup
        self._tick = tick
        self._library_path = library
        self._library: asyncio.Task[tuple[tuple[Any, ...], tuple[Any, ...]]] | None = None
        self._claimed: dict[str, str] = {}
        """Normalised canonical URL -> the entry key that derives it, in this run."""

    async def handle(
        self, entries: list[ArticleEntry], feed_url: str, feed_title: str | None
    ) -> list[ArticleOutcome]:
        """Every entry's outcome, in feed order; pages fetched and derived concurrently."""
        keys = [entry_key(e, feed_url) for e in entries]
        states = await self._lookup(keys)
        outcomes = [ArticleOutcome(entry=e, key=k) for e, k in zip(entries, keys, strict=True)]
        todo = []
        for outcome in outcomes:
            state = states.get(outcome.key)
            if is_handled(state):
                assert state is not None
                outcome.known = True
                outcome.copy_of = state.extra.get("copy_of")
            elif normalise_url(outcome.key) in self._claimed:
                outcome.copy_of = outcome.key  # listed twice in this run
            else:
                todo.append(outcome)
        await asyncio.gather(*(self._one(o, feed_url, feed_title) for o in todo))
        return outcomes

    async def _one(self, outcome: ArticleOutcome, feed_url: str, feed_title: str | None) -> None:
        entry = outcome.entry
        fetched = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self._tick(outcome.key, False)
        try:
            if is_full_text(entry.content, self.settings.full_text_chars) or not entry.url:
                if not is_full_text(entry.content, self.settings.full_text_chars):
                    raise BriefingError(
                        f"{outcome.key}: entry {entry.entry!r}: the feed has only a teaser "
                        "and no link to the article"
                    )
                assert entry.content is not None
                text, is_html, url = entry.content, entry.content_is_html, entry.url
                if not self._claim(outcome, url or outcome.key):
                    outcome.copy_of = url or outcome.key
                    return
            else:
                response = await self.polite.get_page(entry.url)
                outcome.downloaded = True
                text = decode(response)
                is_html = response.media_type != "text/plain"
                url = (canonical_url(text, response.final_url) if is_html else None) or (
                    response.final_url
                )
                outcome.canonical = url
                known = await self._lookup([url]) if url != entry.url else {}
                if is_handled(known.get(url)) or not self._claim(outcome, url):
                    outcome.copy_of = url
                    return
            known_actors, known_questions = await self._known()
            job = DeriveJob(
                text=text,
                is_html=is_html,
                url=url,
                entry_url=entry.url,
                title=entry.title,
                published=entry.published,
                feed_url=feed_url,
                feed_title=feed_title,
                fetched=fetched,
                known_actors=known_actors,
                known_questions=known_questions,
            )
            prepared, error, notes = await self.pool.run(job)
            if error:
                where = entry.url or outcome.key
                outcome.error = error if error.startswith(where) else f"{where}: {error}"
            outcome.prepared = prepared
            outcome.notes = notes
        except BriefingError as exc:  # FetchError included
            outcome.error = str(exc)
        finally:
            self._tick(outcome.key, True)

    async def _known(self) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """The library's actors and open questions, read once per run (on a thread) with
        the loader ``briefing derive`` uses."""
        if self._library_path is None:
            return (), ()
        if self._library is None:
            path = self._library_path

            def load() -> tuple[tuple[Any, ...], tuple[Any, ...]]:
                from briefing.derive.library import known_actors, known_questions

                return tuple(known_actors(path)), tuple(known_questions(path))

            self._library = asyncio.ensure_future(asyncio.to_thread(load))
        return await asyncio.shield(self._library)

    def _claim(self, outcome: ArticleOutcome, canonical: str) -> bool:
        """Take ``canonical`` for this entry; False if another entry of this run has it."""
        outcome.canonical = canonical
        key = normalise_url(canonical)
        owner = self._claimed.setdefault(key, outcome.key)
        self._claimed.setdefault(normalise_url(outcome.key), outcome.key)
        return owner == outcome.key


@dataclass(slots=True)
class Committed:
    """What storing one feed's articles did, for the feed's result."""

    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)


def commit_articles(store: Any, outcomes: list[ArticleOutcome], feed_url: str) -> Committed:
    """Store the drafts (each whole or not at all), then remember the entries. Runs on the
    store's thread. A known entry or a copy counts as unchanged; a draft whose id is
    already in the library with a later ``updated`` too (the store's rule)."""
    from briefing.store import ImportFailed, Outcome

    done = Committed()
    prepared = [o.prepared for o in outcomes if o.prepared is not None and not o.error]
    try:
        results = store.import_prepared(prepared) if prepared else []
        failures: dict[str, str] = {}
    except ImportFailed as exc:
        results, failures = exc.outcomes, exc.failures
    stored = {r.brief_id: r for r in results}
    ids: dict[str, str] = {}
    for outcome in outcomes:
        if outcome.error:
            done.failed.append(outcome.error)
        elif outcome.known or outcome.copy_of:
            done.unchanged += 1
        elif outcome.prepared is not None:
            brief_id = outcome.prepared.id
            if brief_id in failures:
                outcome.error = f"{outcome.key}: {brief_id}: could not store: {failures[brief_id]}"
                done.failed.append(outcome.error)
                continue
            result = stored.get(brief_id)
            ids[outcome.key] = brief_id
            if result is None or result.outcome is Outcome.unchanged:
                done.unchanged += 1
            elif result.outcome is Outcome.new:
                done.new.append(brief_id)
            else:
                done.updated.append(brief_id)
    save_article_states(store, outcomes, ids, feed_url)
    return done


def save_article_states(
    store: Any, outcomes: list[ArticleOutcome], ids: dict[str, str], feed_url: str
) -> None:
    """Remember each handled entry (and its canonical URL) so it is never fetched again;
    a failed one only gets its error, so the next fetch retries it. Store thread."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for outcome in outcomes:
        if outcome.known:
            continue
        state = store.feed_state(outcome.key) or FeedState(url=outcome.key)
        state.last_attempt = now
        brief_id = ids.get(outcome.key)
        if outcome.error or (outcome.prepared is not None and brief_id is None):
            state.last_error = outcome.error or f"{outcome.key}: could not store the draft"
            state.extra.pop("article", None)
            store.save_feed_state(state)
            continue
        state.last_success, state.last_error = now, None
        state.extra["feed"] = feed_url
        if outcome.copy_of:
            state.extra["copy_of"] = outcome.copy_of
        elif brief_id:
            state.extra["article"] = brief_id
            if outcome.canonical and outcome.canonical != outcome.key:
                state.extra["canonical"] = outcome.canonical
                alias = store.feed_state(outcome.canonical) or FeedState(url=outcome.canonical)
                alias.last_success = alias.last_attempt = now
                alias.last_error = None
                alias.extra.update(article=brief_id, feed=feed_url)
                store.save_feed_state(alias)
        store.save_feed_state(state)
