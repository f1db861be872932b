"""Feed documents -> the URLs of the brief files they point at.

Atom and RSS go through feedparser (their dialects are a minefield); JSON Feed 1.1 is
parsed here (feedparser 6 does not read it). What counts as "points at a brief" is the
Feeds section of the brief format: a YAML ``content@src``, a YAML enclosure or alternate
link, a YAML JSON Feed attachment, or any link whose path ends in ``.yaml``/``.yml``.
Links are resolved against the feed's URL; anything that is not http(s) is refused
here, with the reason, before a request could be made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import feedparser

from briefing.errors import FetchError
from briefing.feeds.http import ALLOWED_SCHEMES, media_type

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


@dataclass(frozen=True, slots=True)
class BriefLink:
    url: str
    entry: str
    """The entry's title (or id), for messages."""


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


def parse_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The brief links of an Atom, RSS or JSON feed; :class:`FetchError` if it is none.

    ``url`` is the URL the feed was fetched from (after redirects): relative links
    resolve against it. CPU-bound; run it off the event loop.
    """
    if sniff(body, media_type(content_type)) == "json":
        return parse_json_feed(body, url)
    return parse_xml_feed(body, url, content_type)


def parse_xml_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
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
    feed = ParsedFeed(kind=kind, title=_str(parsed.feed.get("title")))
    for index, entry in enumerate(parsed.entries):
        name = _str(entry.get("title")) or _str(entry.get("id")) or f"entry {index + 1}"
        candidates: list[str] = []
        by_extension: list[str] = []
        for content in entry.get("content") or []:
            src = _str(content.get("src"))
            if src:
                target = urljoin(_str(content.get("base")) or url, src)
                if media_type(content.get("type")) in YAML_MEDIA_TYPES:
                    candidates.append(target)
                elif _yaml_path(target):
                    by_extension.append(target)
        links = [link for link in entry.get("links") or [] if _str(link.get("href"))]
        for wanted in ("enclosure", "alternate"):
            for link in links:
                rel = link.get("rel") or "alternate"
                if rel == wanted and media_type(link.get("type")) in YAML_MEDIA_TYPES:
                    candidates.append(urljoin(url, link["href"]))
        for link in links:
            target = urljoin(url, link["href"])
            if _yaml_path(target):
                by_extension.append(target)
        _choose(feed, name, [*candidates, *by_extension])
    return feed


def parse_json_feed(body: bytes, url: str) -> ParsedFeed:
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
    feed = ParsedFeed(kind="json", title=_str(data.get("title")))
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            feed.skipped.append(f"{url}: item {index + 1} is not an object")
            continue
        name = _str(item.get("title")) or _str(item.get("id")) or f"item {index + 1}"
        candidates: list[str] = []
        attachments = item.get("attachments")
        for attachment in attachments if isinstance(attachments, list) else []:
            if not isinstance(attachment, dict):
                continue
            href = _str(attachment.get("url"))
            if href and media_type(_str(attachment.get("mime_type"))) in YAML_MEDIA_TYPES:
                candidates.append(urljoin(url, href))
        for key in ("url", "external_url"):
            href = _str(item.get(key))
            if href and _yaml_path(urljoin(url, href)):
                candidates.append(urljoin(url, href))
        _choose(feed, name, candidates)
    return feed


def _choose(feed: ParsedFeed, name: str, candidates: list[str]) -> None:
    """Keep the entry's first http(s) brief link; say why when there is none."""
    for target in candidates:
        if urlsplit(target).scheme.lower() in ALLOWED_SCHEMES:
            if all(link.url != target for link in feed.links):
                feed.links.append(BriefLink(url=target, entry=name))
            return
    if candidates:
        scheme = urlsplit(candidates[0]).scheme.lower() or "relative"
        feed.refused.append(
            f"entry {name!r}: refused {_shorten(candidates[0])}: "
            f"a {scheme}: URL; only http and https URLs are fetched"
        )
    else:
        feed.skipped.append(f"entry {name!r}: no link to a brief file")


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
