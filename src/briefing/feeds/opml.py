"""Subscription lists in and out: OPML 2.0 and newsboat's ``urls`` file.

OPML as newsboat, Miniflux, FreshRSS and Feedly write it: ``<outline type="rss"
xmlUrl=… text=… title=…>``, possibly nested in category outlines (the categories are
not kept). briefing's own ``kind`` travels as a ``briefing:kind`` attribute in its
namespace, which other readers ignore. newsboat's ``urls``: one URL per line, then
optional tags (``"~Name"`` renames the feed), ``#`` comments.

Parsing uses ElementTree without DTDs or entities (a subscription file from a stranger
must not be able to expand or fetch anything).
"""

from __future__ import annotations

import datetime as dt
import shlex
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import format_datetime

from briefing.errors import BriefingError

BRIEFING_NS = "https://github.com/briefing/briefing/opml"
_KIND = f"{{{BRIEFING_NS}}}kind"


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    name: str | None = None
    kind: str | None = None
    line: int | None = None
    """Where it was read (newsboat urls files), for messages."""


def parse_subscriptions(data: bytes, source: str) -> tuple[list[OpmlFeed], list[str]]:
    """The feeds of an OPML document or a newsboat urls file (sniffed), and notes on
    what was left out; errors name ``source`` and the line."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return parse_opml(data, source), []
    return parse_newsboat(data.decode("utf-8", errors="replace"), source)


def parse_opml(data: bytes, source: str) -> list[OpmlFeed]:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise BriefingError(f"{source}: refused: OPML with a DOCTYPE or entities")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        raise BriefingError(f"{source}:{line}:{column + 1}: not well-formed XML: {exc}") from None
    if root.tag != "opml":
        raise BriefingError(f"{source}: not an OPML file (root element <{root.tag}>)")
    body = root.find("body")
    if body is None:
        raise BriefingError(f"{source}: OPML without a <body>")
    feeds: list[OpmlFeed] = []
    for outline in body.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue  # a category
        name = (outline.get("title") or outline.get("text") or "").strip() or None
        feeds.append(OpmlFeed(url=url, name=name, kind=outline.get(_KIND)))
    return feeds


def parse_newsboat(text: str, source: str) -> tuple[list[OpmlFeed], list[str]]:
    """newsboat's urls file; its query:/exec:/filter: lines are newsboat's own and are
    left out, each with a note."""
    feeds: list[OpmlFeed] = []
    notes: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            words = shlex.split(line, comments=True)
        except ValueError as exc:
            raise BriefingError(f"{source}:{number}: cannot read the line: {exc}") from None
        if not words:
            continue
        url = words[0]
        if url.startswith(("query:", "exec:", "filter:")):
            notes.append(
                f"{source}:{number}: skipped: {url.split(':', 1)[0]}: feeds are newsboat's own"
            )
            continue
        name = next((w[1:] for w in words[1:] if w.startswith("~") and len(w) > 1), None)
        feeds.append(OpmlFeed(url=url, name=name, line=number))
    return feeds, notes


def to_opml(feeds: list[OpmlFeed], title: str = "briefing subscriptions") -> str:
    """OPML 2.0 of ``feeds``; ``kind`` other than ``auto`` kept as ``briefing:kind``."""
    ET.register_namespace("briefing", BRIEFING_NS)
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(
        dt.datetime.now(dt.UTC).replace(microsecond=0), usegmt=True
    )
    body = ET.SubElement(root, "body")
    for feed in feeds:
        name = feed.name or feed.url
        attrs = {"type": "rss", "text": name, "title": name, "xmlUrl": feed.url}
        if feed.kind and feed.kind != "auto":
            attrs[_KIND] = feed.kind
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
