"""Feed documents -> the URLs of the brief files they point at.

Atom and RSS go through feedparser (their dialects are a minefield); JSON Feed 1.1 is
parsed here (feedparser 6 does not read it). What counts as "points at a brief" is the
Feeds section of the brief format: a YAML ``content@src``, a YAML enclosure or alternate
link, a YAML JSON Feed attachment, or any link whose path ends in ``.yaml``/``.yml``.
Links are resolved against the feed's URL; anything that is not http(s), or not a URL
at all, is refused here with the reason, before a request could be made: one entry's
broken link never costs the feed its other entries.
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


def parse_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The brief links of an Atom, RSS or JSON feed; :class:`FetchError` if it is none.

    ``url`` is the URL the feed was fetched from (after redirects): relative links
    resolve against it. CPU-bound; run it off the event loop.
    """
    if sniff(body, media_type(content_type)) == "json":
        return parse_json_feed(body, url)
    return parse_xml_feed(body, url, content_type)


def parse_xml_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """Atom or RSS: strict Atom 1.0 on a fast path, everything else through feedparser."""
    fast = _parse_strict_atom(body, url)
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
    feed = ParsedFeed(kind=kind, title=_str(parsed.feed.get("title")))
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
            _choose(feed, name, _candidates(sources, links))
    return feed


_ATOM = "{http://www.w3.org/2005/Atom}"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


def _parse_strict_atom(body: bytes, url: str) -> ParsedFeed | None:
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
    feed = ParsedFeed(kind="atom", title=_text(root.find(f"{_ATOM}title")) or None)
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
            _choose(feed, name, _candidates(sources, links))
    return feed


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
            _choose(feed, name, candidates)
    return feed


def _choose(feed: ParsedFeed, name: str, candidates: list[str]) -> None:
    """Keep the entry's first http(s) brief link; say why when there is none."""
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
