"""Article sources -> :class:`Article`: title, date, publisher, authors, body paragraphs.

Plain text may start with a ``title:/publisher:/url:/date:`` header. HTML goes through
trafilatura (chosen over readability-lxml; see docs/derive.md). URLs are fetched by
:func:`fetch_url`, the only place that touches the network. Page furniture that survives
extraction ("GET CAUGHT UP", bylines, newsletter prompts, "contributed to this report")
is removed by :func:`drop_furniture` for every kind of source.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import BriefingError, FetchError

if TYPE_CHECKING:
    from briefing.config import HttpSettings

HEADER_KEYS = ("title", "publisher", "url", "date", "author", "authors", "by", "source")


@dataclass
class Article:
    """What the extractors read: metadata and the body as clean paragraphs."""

    paragraphs: list[str]
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    date: dt.date | None = None
    authors: list[str] = field(default_factory=list)
    #: Where ``date`` came from when the article itself does not say (for the draft's notes).
    date_note: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


# --- furniture ---------------------------------------------------------------------

_FURNITURE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^get caught up\.?$",
        r"^summari[sz]ed stories\b",
        r"^(?:sign up|subscribe|register)\b.{0,160}"
        r"(?:newsletter|inbox|email|e-mail|alerts?|updates)",
        r"^.{0,120}\bnewsletter\b.{0,120}$",
        r"\bcontributed (?:to )?(?:this |the )?(?:report|reporting|story)\b",
        r"^\(?(?:additional )?(?:reporting|writing|editing) by\b",
        r"^\(?compiled by\b",
        r"^[A-Z][\w.'’ -]{1,60}(?:,? and [A-Z][\w.'’ -]{1,40})? reported from "
        r"[A-Z][\w ,.'’-]{1,60}\.?$",
        r"^by [A-Z][\w.'’ -]+(?:,? (?:and|&) [A-Z][\w.'’ -]+)*$",
        r"^[_\-–—=*·• ]{2,}$",
        r"^(?:follow|read|see|watch|listen)\b.{0,120}"
        r"(?:coverage|https?://|on (?:twitter|x|facebook|instagram))",
        r"^(?:read|see) (?:more|also)\b",
        r"^(?:related|recommended|most read|more from|trending)\b.{0,60}$",
        r"^advertisement$",
        r"^(?:share|copy link|print|email|comments?)(?:\s+(?:share|copy link|print|email))*$",
        r"^(?:updated|published|posted|last updated)\b.{0,60}\d{4}\b.{0,30}$",
        r"\ball rights reserved\b",
        r"^(?:©|copyright)\b",
        r"^https?://\S+$",
        r"\(ap photo\b|\bphoto:\s|^file\s*[-–—]\s",
        r"receives (?:financial )?support from\b.{0,200}\bsolely responsible\b",
        r"^(?:listen to this article|\d+ min(?:ute)?s? read|click to expand)",
        r"^we use cookies\b",
    )
]

_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’ -]+(?:,\s*[A-Z][A-Za-z.'’ ]+)?)"  # CITY, Country
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"  # , Feb 11
    r"\s*(?:\([A-Za-z .&/]+\))?\s*[—–-]{1,2}\s+"
)
_BYLINE = re.compile(r"^by\s+(.+)$", re.IGNORECASE)


def is_furniture(paragraph: str) -> bool:
    """True for page furniture: newsletter prompts, bylines, credits, share bars…"""
    text = " ".join(paragraph.split())
    if not text:
        return True
    return any(p.search(text) for p in _FURNITURE)


def drop_furniture(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Paragraphs without furniture, and the author names found in bylines."""
    kept: list[str] = []
    authors: list[str] = []
    for paragraph in paragraphs:
        text = " ".join(paragraph.split())
        byline = _BYLINE.match(text)
        if byline and len(text) < 120 and not text.endswith("."):
            for name in re.split(r",\s*|\s+(?:and|&)\s+", byline.group(1)):
                name = name.strip()
                if name:
                    authors.append(name.title() if name.isupper() else name)
            continue
        if is_furniture(text):
            continue
        kept.append(text)
    return kept, authors


def strip_dateline(paragraph: str) -> str:
    """``MANILA, Philippines (AP) — The…`` -> ``The…``."""
    match = _DATELINE.match(paragraph)
    if match and match.end() < len(paragraph) and len(match.group(0)) < 60:
        return paragraph[match.end() :]
    return paragraph


# --- plain text ----------------------------------------------------------------------


def parse_date(value: str | None) -> dt.date | None:
    """ISO dates and datetimes (``2031-03-21T09:30:00Z``) -> date; anything else None."""
    if not value:
        return None
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def from_text(text: str) -> Article:
    """A plain-text article, with an optional ``key: value`` header before a blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines):
        match = re.match(r"^([A-Za-z]+):\s*(.*)$", lines[i])
        if not match or match.group(1).lower() not in HEADER_KEYS:
            break
        meta[match.group(1).lower()] = match.group(2).strip()
        i += 1
    body = "\n".join(lines[i:]) if meta else text
    blocks = [b for b in re.split(r"\n\s*\n", body) if b.strip()]
    if len(blocks) <= 1 and body.count("\n") > 2:
        blocks = [b for b in body.split("\n") if b.strip()]
    paragraphs: list[str] = []
    for block in blocks:
        lines_ = [ln.strip() for ln in block.split("\n") if ln.strip()]
        # A short all-caps or heading-like line inside a block is its own paragraph.
        current: list[str] = []
        for line in lines_:
            if is_furniture(line):
                if current:
                    paragraphs.append(" ".join(current))
                    current = []
                paragraphs.append(line)
            else:
                current.append(line)
        if current:
            paragraphs.append(" ".join(current))
    paragraphs, authors = drop_furniture(paragraphs)
    author_meta = meta.get("authors") or meta.get("author") or meta.get("by")
    if author_meta:
        authors = [a.strip() for a in re.split(r",|;|\band\b", author_meta) if a.strip()]
    title = meta.get("title")
    if not title and paragraphs and len(paragraphs[0]) < 200 and not paragraphs[0].endswith("."):
        title = paragraphs.pop(0)
    return Article(
        paragraphs=paragraphs,
        title=title,
        publisher=meta.get("publisher") or meta.get("source"),
        url=meta.get("url"),
        date=parse_date(meta.get("date")),
        authors=authors,
    )


# --- HTML ----------------------------------------------------------------------------


def _html_date(html: str) -> dt.date | None:
    """Publication date from JSON-LD, meta tags or <time>, never from running text."""
    patterns = (
        r'"datePublished"\s*:\s*"([^"]+)"',
        r'<meta[^>]+(?:property|name|itemprop)=["\'](?:article:published_time|og:published_time|'
        r'datePublished|date|pubdate|publishdate|dc\.date|DC\.date\.issued|sailthru\.date)["\']'
        r'[^>]*content=["\']([^"\']+)["\']',
        r'<meta[^>]+content=["\']([^"\']+)["\'][^>]*(?:property|name)=["\']'
        r'(?:article:published_time|datePublished)["\']',
        r'<time[^>]+datetime=["\']([^"\']+)["\']',
    )
    for pattern in patterns:
        match = re.search(pattern, html, re.IGNORECASE)
        if match and (found := parse_date(match.group(1))):
            return found
    return None


def _html_publisher(html: str) -> str | None:
    for pattern in (
        r'<meta[^>]+property=["\']og:site_name["\'][^>]*content=["\']([^"\']+)["\']',
        r'"publisher"\s*:\s*\{[^}]*"name"\s*:\s*"([^"]+)"',
    ):
        match = re.search(pattern, html, re.IGNORECASE)
        if match:
            return match.group(1).strip()
    return None


_DECK_CLASS = re.compile(
    r"\b(?:standfirst|dek|deck|subhead(?:line)?|sub-?head(?:ing)?|sub|summary|strapline|"
    r"kicker|lede-summary|article-summary|description)\b",
    re.IGNORECASE,
)


def _flat_text(text: str) -> str:
    return " ".join(text.split()).strip(" .").lower()


def _decks(html: str) -> set[str]:
    """The texts of the page's standfirst, dek, subhead and kicker elements (by class)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return set()
    found = set()
    for element in root.iter("p", "h2", "h3", "div", "span"):
        if _DECK_CLASS.search(element.get("class") or "") and len(element) <= 3:
            text = _flat_text(element.text_content())
            if text:
                found.add(text)
    return found


def from_html(html: str, url: str | None = None) -> Article:
    """Main text of an HTML page through trafilatura, furniture removed."""
    import trafilatura

    extracted = trafilatura.extract(
        html,
        url=url,
        output_format="json",
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "max_date": "2100-12-31"},
    )
    if not extracted:
        raise BriefingError("no article text found in the HTML page")
    data = json.loads(extracted)
    raw = data.get("raw_text") or data.get("text") or ""
    text = data.get("text") or raw
    paragraphs, authors = drop_furniture([p for p in text.split("\n") if p.strip()])
    title = data.get("title")
    if paragraphs and title and paragraphs[0].strip() == title.strip():
        paragraphs.pop(0)
    # the standfirst/dek and a section kicker sum the story up in the page's words, or
    # label it: not the lead (the bottom line is the lead event), so not in the body
    decks = _decks(html)
    # ... and so is a label left of a page element ("Published", "Updated", "Football")
    while paragraphs and (
        _flat_text(paragraphs[0]) in decks
        or (len(paragraphs[0].split()) <= 3 and not re.search(r"[.!?]\W*$", paragraphs[0]))
    ):
        paragraphs.pop(0)
    meta_authors = [a.strip() for a in re.split(r";|,", data.get("author") or "") if a.strip()]
    return Article(
        paragraphs=paragraphs,
        title=title,
        publisher=_html_publisher(html) or data.get("sitename") or data.get("hostname"),
        url=url or data.get("source") or data.get("url"),
        date=_html_date(html) or parse_date(data.get("date")),
        authors=meta_authors or authors,
    )


def looks_like_html(data: str) -> bool:
    head = data.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head or "<p>" in head


# --- URLs ----------------------------------------------------------------------------


def fetch_url(url: str, settings: HttpSettings | None = None) -> str:
    """GET ``url`` (http/https only) and return its text. The only network access in derive.

    Uses the project's safe HTTP client (timeouts, byte cap, redirect limit) when it is
    importable, else a minimal httpx fetch with the same limits. Swap this one function
    to change transport.
    """
    from briefing.config import HttpSettings

    settings = settings or HttpSettings()
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"{url}: only http:// and https:// URLs can be derived")
    try:
        from briefing.http import fetch_url_sync
    except ImportError:  # pragma: no cover - the feeds package is part of briefing
        fetch_url_sync = None
    if fetch_url_sync is not None:
        response = fetch_url_sync(url, settings, accept="text/html, text/plain;q=0.9, */*;q=0.5")
        charset = re.search(r"charset=([\w-]+)", response.content_type or "", re.IGNORECASE)
        return response.body.decode(charset.group(1) if charset else "utf-8", errors="replace")
    return _httpx_fetch(url, settings)


def _httpx_fetch(url: str, settings: HttpSettings) -> str:  # pragma: no cover - fallback
    import httpx

    timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
    try:
        with (
            httpx.Client(
                timeout=timeout, follow_redirects=True, max_redirects=settings.max_redirects
            ) as client,
            client.stream("GET", url, headers={"User-Agent": "briefing-derive/1"}) as resp,
        ):
            resp.raise_for_status()
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > settings.max_bytes:
                    raise FetchError(f"{url}: response larger than {settings.max_bytes} bytes")
                chunks.append(chunk)
            encoding = resp.encoding or "utf-8"
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {exc}") from None
    return b"".join(chunks).decode(encoding, errors="replace")


def load_source(
    source: str, http: HttpSettings | None = None, *, max_bytes: int | None = None
) -> Article:
    """A file path or URL -> :class:`Article` (HTML or plain text, sniffed).

    A file is read like a brief file (see :func:`briefing.files.read_stable`): a regular
    file only (never a pipe or ``/dev/zero``), at most ``max_bytes`` (default
    ``limits.max_file_bytes``), checked before it is read. A URL is bounded by
    ``http.max_bytes``.
    """
    from briefing.config import LimitsSettings
    from briefing.files import TooBig, read_stable

    if re.match(r"^https?://", source, re.IGNORECASE):
        body = fetch_url(source, http)
        return from_html(body, url=source) if looks_like_html(body) else from_text(body)
    path = Path(source)
    limit = max_bytes if max_bytes is not None else LimitsSettings().max_file_bytes
    try:
        raw = read_stable(path, limit)
    except TooBig as exc:
        size = f" is {exc.size:,} bytes," if exc.size is not None else ""
        raise BriefingError(
            f"{source}: the article{size} over the limit of {limit:,} bytes; not read "
            "(raise limits.max_file_bytes in config.yaml for a bigger file)"
        ) from None
    except OSError as exc:
        raise BriefingError(f"{source}: cannot read: {exc.strerror or exc}") from None
    data = raw.decode("utf-8", errors="replace")
    if path.suffix.lower() in {".html", ".htm", ".xhtml"} or looks_like_html(data):
        article = from_html(data)
    else:
        article = from_text(data)
    return _dated_by_name(article, path)


def _dated_by_name(article: Article, path: Path) -> Article:
    """A saved article whose text gives no full date ("OSTREL, Jan 14 (Wire) -" has no
    year) takes the ISO date its file name starts with (``2038-01-14-steel-tariffs.txt``),
    as people and feed tools name saved stories; without one, derive falls back to today
    and says so."""
    if article.date is not None:
        return article
    match = re.match(r"(\d{4}-\d{2}-\d{2})(?!\d)", path.name)
    when = parse_date(match.group(1)) if match else None
    if when is None:
        return article
    article.date = when
    article.date_note = f"article date {when.isoformat()} taken from the file name"
    return article
