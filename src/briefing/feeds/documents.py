"""Feed documents -> the URLs of the brief files they point at.

Atom and RSS go through feedparser (their dialects are a minefield); JSON Feed 1.1 is
parsed here (feedparser 6 does not read it). What counts as "points at a brief" is the
Feeds section of the brief format: a YAML ``content@src``, a YAML enclosure or alternate
link, a YAML JSON Feed attachment, or any link whose path ends in ``.yaml``/``.yml``.
Links are resolved against the feed's URL; anything that is not http(s), or not a URL
at all, is refused here with the reason, before a request could be made: one entry's
broken link never costs the feed its other entries.

An entry without a brief link that links to a web page or carries the article's text
(RSS ``content:encoded``, Atom ``content``, JSON Feed ``content_html``/``content_text``)
is an :class:`ArticleEntry`, for :mod:`briefing.feeds.articles` to derive into a draft.
A subscription's ``kind`` forces one path: ``briefs`` (articles are skipped) or
``articles`` (every entry is an article, even one linking a .yaml file).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import feedparser

from briefing.errors import FetchError
from briefing.http import ALLOWED_SCHEMES, media_type

YAML_MEDIA_TYPES = frozenset({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"})
JSON_MEDIA_TYPES = frozenset({"application/feed+json", "application/json", "text/json"})
XML_MEDIA_TYPES = frozenset(
    {
        "application/atom+xml",
        "application/rss+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
JSON_FEED_VERSION = "https://jsonfeed.org/version/1"
#: What ``briefing fetch`` asks for; servers doing content negotiation pick a feed or brief.
ACCEPT = (
    "application/atom+xml, application/rss+xml;q=0.9, application/feed+json;q=0.9, "
    "application/yaml;q=0.8, application/xml;q=0.5, */*;q=0.1"
)

Kind = Literal["brief", "xml", "json"]
#: How a feed's entries are read: ``auto`` (a brief link if there is one, else an
#: article), or forced by the subscription's ``kind``.
EntryMode = Literal["auto", "briefs", "articles"]
#: Feed text shorter than this, with no link to the page, is not taken for an article.
MIN_LINKLESS_TEXT = 400


@dataclass(frozen=True, slots=True)
class BriefLink:
    url: str
    entry: str
    """The entry's title (or id), for messages."""


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    """An entry that is a news article: a link to its page and/or its text."""

    entry: str
    """The entry's title (or id), for messages."""
    url: str | None
    """The article page (http or https), if the entry links one."""
    title: str | None = None
    published: str | None = None
    """The entry's date as the feed gave it (ISO or RFC 822 text)."""
    content: str | None = None
    """The article's text from the feed (HTML or plain), if any."""
    content_is_html: bool = True
    guid: str | None = None


@dataclass(slots=True)
class ParsedFeed:
    kind: str
    """``atom``, ``rss`` or ``json``."""
    title: str | None = None
    links: list[BriefLink] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    """Entries pointing at a non-http(s) URL, with the reason."""
    skipped: list[str] = field(default_factory=list)
    """Entries with no link to a brief file (a mixed feed is not an error)."""
    articles: list[ArticleEntry] = field(default_factory=list)
    """Entries that are articles, to derive into draft briefs."""
    mode: EntryMode = "auto"
    _seen: set[str] = field(default_factory=set, repr=False, compare=False)


def sniff(body: bytes, declared: str) -> Kind:
    """Is this answer a brief file, an XML feed or a JSON Feed?

    The declared media type decides when it is specific; ``text/plain``,
    ``application/octet-stream`` or no type at all fall back to looking at the bytes.
    """
    if declared in YAML_MEDIA_TYPES:
        return "brief"
    if declared in JSON_MEDIA_TYPES:
        return "json"
    if declared in XML_MEDIA_TYPES:
        return "xml"
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return "xml"
    if head.startswith(b"{") and _is_json_feed(body):
        return "json"
    return "brief"


def _is_json_feed(body: bytes) -> bool:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and str(data.get("version", "")).startswith(JSON_FEED_VERSION)


def parse_feed(
    body: bytes, url: str, content_type: str = "", mode: EntryMode = "auto"
) -> ParsedFeed:
    """The brief links and articles of an Atom, RSS or JSON feed; :class:`FetchError` if
    it is none.

    ``url`` is the URL the feed was fetched from (after redirects): relative links
    resolve against it. CPU-bound; run it off the event loop.
    """
    if sniff(body, media_type(content_type)) == "json":
        return parse_json_feed(body, url, mode)
    return parse_xml_feed(body, url, content_type, mode)


def parse_xml_feed(
    body: bytes, url: str, content_type: str = "", mode: EntryMode = "auto"
) -> ParsedFeed:
    """Atom or RSS: strict Atom 1.0 on a fast path, everything else through feedparser."""
    fast = _parse_strict_atom(body, url, mode)
    if fast is not None:
        return fast
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False)
    except Exception as exc:  # feedparser is robust, but a crash must not end the fetch
        raise FetchError(f"{url}: cannot parse the feed: {exc}") from None
    version = str(parsed.get("version") or "")
    if not version and not parsed.entries:
        why = parsed.get("bozo_exception")
        detail = f" ({why})" if why else ""
        raise FetchError(f"{url}: not an Atom, RSS or JSON feed, nor a brief file{detail}")
    kind = "atom" if version.startswith("atom") else "rss"
    feed = ParsedFeed(kind=kind, title=_str(parsed.feed.get("title")), mode=mode)
    for index, entry in enumerate(parsed.entries):
        name = _str(entry.get("title")) or _str(entry.get("id")) or f"entry {index + 1}"
        with _one_entry(feed, name):
            sources = [
                (_join(_str(c.get("base")) or url, _str(c.get("src"))), media_type(c.get("type")))
                for c in entry.get("content") or []
                if _str(c.get("src"))
            ]
            links = [
                (
                    _join(url, _str(link.get("href"))),
                    link.get("rel") or "alternate",
                    link.get("type"),
                )
                for link in entry.get("links") or []
                if _str(link.get("href"))
            ]
            _choose(
                feed, name, _candidates(sources, links), _feedparser_article(entry, name, links)
            )
    return feed


def _feedparser_article(
    entry: Any, name: str, links: list[tuple[str, str, str | None]]
) -> ArticleEntry:
    """The article side of a feedparser entry: its page link, date and fullest text."""
    page = _page_link(links) or _str(entry.get("link")) or None
    text, is_html = None, True
    for content in entry.get("content") or []:
        value = _str(content.get("value"))
        if value and len(value) > len(text or ""):
            text = value
            is_html = "html" in (content.get("type") or "text/html")
    summary = _str(entry.get("summary"))
    if summary and len(summary) > len(text or ""):
        text, is_html = summary, True
    return ArticleEntry(
        entry=name,
        url=page,
        title=_str(entry.get("title")) or None,
        published=_str(entry.get("published")) or _str(entry.get("updated")) or None,
        content=text,
        content_is_html=is_html,
        guid=_str(entry.get("id")) or None,
    )


def _page_link(links: list[tuple[str, str, str | None]]) -> str | None:
    """The entry's web page: its alternate link that is HTML (or says nothing of type)."""
    for href, rel, kind in links:
        if rel == "alternate" and media_type(kind) in ("", "text/html", "application/xhtml+xml"):
            return href
    return None


_ATOM = "{http://www.w3.org/2005/Atom}"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


def _parse_strict_atom(body: bytes, url: str, mode: EntryMode = "auto") -> ParsedFeed | None:
    """A well-formed Atom 1.0 document read with ElementTree, else ``None``.

    feedparser spends about 5 ms of pure Python per entry (over a second for a
    200-entry feed, before a single brief can be requested); Atom 1.0 is strict
    enough that ElementTree reads it in milliseconds. Anything unusual (a DOCTYPE, not
    well-formed, another root) is left to feedparser and its dialect handling.
    """
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
        return None
    try:
        root = ET.fromstring(body)
    except (ET.ParseError, ValueError):
        return None
    if root.tag != f"{_ATOM}feed":
        return None
    try:
        base = _join(url, root.get(_XML_BASE) or "")
    except _BadLink as exc:
        raise FetchError(f"{url}: the feed's xml:base {exc}") from None
    feed = ParsedFeed(kind="atom", title=_text(root.find(f"{_ATOM}title")) or None, mode=mode)
    for index, entry in enumerate(root.iter(f"{_ATOM}entry")):
        name = (
            _text(entry.find(f"{_ATOM}title"))
            or _text(entry.find(f"{_ATOM}id"))
            or f"entry {index + 1}"
        )
        with _one_entry(feed, name):
            entry_base = _join(base, entry.get(_XML_BASE) or "")
            sources = [
                (_join(_base(entry_base, c), c.get("src", "").strip()), media_type(c.get("type")))
                for c in entry.findall(f"{_ATOM}content")
                if c.get("src", "").strip()
            ]
            links = [
                (
                    _join(_base(entry_base, link), link.get("href", "").strip()),
                    link.get("rel") or "alternate",
                    link.get("type"),
                )
                for link in entry.findall(f"{_ATOM}link")
                if link.get("href", "").strip()
            ]
            _choose(feed, name, _candidates(sources, links), _atom_article(entry, name, links))
    return feed


def _atom_article(
    entry: ET.Element, name: str, links: list[tuple[str, str, str | None]]
) -> ArticleEntry:
    """The article side of an Atom entry: page link, date, and inline content or summary."""
    text, is_html = None, True
    for tag in ("content", "summary"):
        element = entry.find(f"{_ATOM}{tag}")
        if element is None or element.get("src"):
            continue
        kind = (element.get("type") or "text").lower()
        if kind == "xhtml":
            value = "".join(ET.tostring(child, encoding="unicode") for child in element)
            html = True
        else:
            value = element.text or ""
            html = kind == "html"
        if value.strip() and len(value) > len(text or ""):
            text, is_html = value.strip(), html
    return ArticleEntry(
        entry=name,
        url=_page_link(links),
        title=_text(entry.find(f"{_ATOM}title")) or None,
        published=_text(entry.find(f"{_ATOM}published"))
        or _text(entry.find(f"{_ATOM}updated"))
        or None,
        content=text,
        content_is_html=is_html,
        guid=_text(entry.find(f"{_ATOM}id")) or None,
    )


def _base(parent: str, element: ET.Element) -> str:
    own = element.get(_XML_BASE)
    return _join(parent, own) if own else parent


class _BadLink(ValueError):
    """A link that is not even a URL (``http://[::1``): its entry is refused, alone."""

    def __init__(self, href: str, reason: ValueError) -> None:
        super().__init__(f"{_shorten(href)} is not a valid URL ({reason})")


def _join(base: str, href: str) -> str:
    """``urljoin``, raising :class:`_BadLink` naming ``href`` when it cannot be parsed."""
    try:
        return urljoin(base, href)
    except ValueError as exc:
        raise _BadLink(href, exc) from None


@contextmanager
def _one_entry(feed: ParsedFeed, name: str) -> Iterator[None]:
    """Read one entry; an entry whose links cannot be parsed is refused with the reason
    and the feed's other entries are still read."""
    try:
        yield
    except _BadLink as exc:
        feed.refused.append(f"entry {name!r}: refused {exc}")
    except ValueError as exc:
        feed.refused.append(f"entry {name!r}: refused: a link is not a valid URL ({exc})")


def _text(element: ET.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _candidates(
    sources: list[tuple[str, str]], links: list[tuple[str, str, str | None]]
) -> list[str]:
    """An entry's brief links, best first: YAML ``content@src``, YAML enclosure, YAML
    alternate, then any content or link whose path ends in .yaml/.yml."""
    preferred = [href for href, kind in sources if kind in YAML_MEDIA_TYPES]
    for wanted in ("enclosure", "alternate"):
        preferred += [
            href
            for href, rel, kind in links
            if rel == wanted and media_type(kind) in YAML_MEDIA_TYPES
        ]
    by_extension = [href for href, _ in sources if _yaml_path(href)]
    by_extension += [href for href, _, _ in links if _yaml_path(href)]
    return [*preferred, *by_extension]


def parse_json_feed(body: bytes, url: str, mode: EntryMode = "auto") -> ParsedFeed:
    """JSON Feed 1.x: YAML attachments, or an item ``url``/``external_url`` ending in .yaml."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise FetchError(f"{url}: not valid JSON: {exc}") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(JSON_FEED_VERSION):
        raise FetchError(f"{url}: JSON but not a JSON Feed (no version {JSON_FEED_VERSION}.x)")
    items = data.get("items")
    if not isinstance(items, list):
        raise FetchError(f"{url}: JSON Feed without an items list")
    feed = ParsedFeed(kind="json", title=_str(data.get("title")), mode=mode)
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            feed.skipped.append(f"{url}: item {index + 1} is not an object")
            continue
        name = _str(item.get("title")) or _str(item.get("id")) or f"item {index + 1}"
        with _one_entry(feed, name):
            candidates: list[str] = []
            attachments = item.get("attachments")
            for attachment in attachments if isinstance(attachments, list) else []:
                if not isinstance(attachment, dict):
                    continue
                href = _str(attachment.get("url"))
                if href and media_type(_str(attachment.get("mime_type"))) in YAML_MEDIA_TYPES:
                    candidates.append(_join(url, href))
            for key in ("url", "external_url"):
                href = _str(item.get(key))
                if href and _yaml_path(_join(url, href)):
                    candidates.append(_join(url, href))
            page = _str(item.get("url")) or _str(item.get("external_url"))
            html, plain = _str(item.get("content_html")), _str(item.get("content_text"))
            article = ArticleEntry(
                entry=name,
                url=_join(url, page) if page else None,
                title=_str(item.get("title")) or None,
                published=_str(item.get("date_published"))
                or _str(item.get("date_modified"))
                or None,
                content=html or plain or _str(item.get("summary")) or None,
                content_is_html=bool(html),
                guid=_str(item.get("id")) or None,
            )
            _choose(feed, name, candidates, article)
    return feed


def _choose(
    feed: ParsedFeed, name: str, candidates: list[str], article: ArticleEntry | None = None
) -> None:
    """Keep the entry's first http(s) brief link, or else take it as an article; say why
    when it is neither."""
    if feed.mode == "articles":
        candidates = []
    elif feed.mode == "briefs":
        article = None
    for target in candidates:
        if urlsplit(target).scheme.lower() in ALLOWED_SCHEMES:
            if target not in feed._seen:
                feed._seen.add(target)
                feed.links.append(BriefLink(url=target, entry=name))
            return
    if candidates:
        scheme = urlsplit(candidates[0]).scheme.lower() or "relative"
        feed.refused.append(
            f"entry {name!r}: refused {_shorten(candidates[0])}: "
            f"a {scheme}: URL; only http and https URLs are fetched"
        )
        return
    if article is not None and (article.url or article.content):
        scheme = urlsplit(article.url).scheme.lower() if article.url else ""
        if article.url and scheme not in ALLOWED_SCHEMES:
            feed.refused.append(
                f"entry {name!r}: refused {_shorten(article.url)}: "
                f"a {scheme or 'relative'}: URL; only http and https URLs are fetched"
            )
            return
        if article.url or len(article.content or "") >= MIN_LINKLESS_TEXT:
            feed.articles.append(article)
            return
    what = "an article" if feed.mode == "articles" else "a brief file"
    feed.skipped.append(f"entry {name!r}: no link to {what}")


def _yaml_path(url: str) -> bool:
    try:
        path = urlsplit(url).path.lower()
    except ValueError:
        return False
    return path.endswith((".yaml", ".yml"))


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
