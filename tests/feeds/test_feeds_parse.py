"""Feed documents -> brief URLs: every form the format's Feeds section allows."""

from __future__ import annotations

import json

import pytest

from briefing.errors import FetchError
from briefing.feeds import documents as parse
from briefing.feeds.documents import parse_feed, sniff

FEED_URL = "http://feeds.example/site/feed.atom"

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Island briefs</title>
  <id>urn:example:feed</id>
  <updated>2031-04-04T00:00:00Z</updated>
  <entry>
    <id>urn:example:1</id><title>by content src</title><updated>2031-04-04T00:00:00Z</updated>
    <summary>Bottom line one.</summary>
    <content type="application/yaml" src="briefs/one.yaml"/>
  </entry>
  <entry xml:base="http://mirror.example/deep/">
    <id>urn:example:2</id><title>by enclosure</title><updated>2031-04-04T00:00:00Z</updated>
    <link rel="alternate" type="text/html" href="https://news.example/article"/>
    <link rel="enclosure" type="application/x-yaml" href="two.yaml"/>
  </entry>
  <entry>
    <id>urn:example:3</id><title>by alternate</title><updated>2031-04-04T00:00:00Z</updated>
    <link rel="alternate" type="text/yaml; charset=utf-8" href="/other/three"/>
  </entry>
  <entry>
    <id>urn:example:4</id><title>by extension</title><updated>2031-04-04T00:00:00Z</updated>
    <link rel="related" href="../four.yml"/>
  </entry>
  <entry>
    <id>urn:example:5</id><title>evil</title><updated>2031-04-04T00:00:00Z</updated>
    <content type="application/yaml" src="file:///etc/passwd"/>
  </entry>
  <entry>
    <id>urn:example:6</id><title>plain article</title><updated>2031-04-04T00:00:00Z</updated>
    <link href="https://news.example/story.html"/>
  </entry>
  <entry>
    <id>urn:example:7</id><title>duplicate</title><updated>2031-04-04T00:00:00Z</updated>
    <content type="application/yaml" src="briefs/one.yaml"/>
  </entry>
</feed>
"""


@pytest.mark.parametrize("path", ["fast", "feedparser"])
def test_atom_forms_and_relative_links(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if path == "feedparser":  # the fallback must agree with the fast path
        monkeypatch.setattr(parse, "_parse_strict_atom", lambda body, url, mode="auto": None)
    feed = parse_feed(ATOM, FEED_URL, "application/atom+xml")
    assert feed.kind == "atom" and feed.title == "Island briefs"
    assert [(link.entry, link.url) for link in feed.links] == [
        ("by content src", "http://feeds.example/site/briefs/one.yaml"),
        ("by enclosure", "http://mirror.example/deep/two.yaml"),
        ("by alternate", "http://feeds.example/other/three"),
        ("by extension", "http://feeds.example/four.yml"),
    ]
    assert len(feed.refused) == 1
    assert "entry 'evil': refused file:" in feed.refused[0]
    assert "only http and https" in feed.refused[0]
    # An entry linking a web page and no brief is an article, for the derive path.
    assert not feed.skipped
    assert [(a.entry, a.url) for a in feed.articles] == [
        ("plain article", "https://news.example/story.html")
    ]


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
  <title>Island briefs (RSS)</title><link>http://feeds.example/</link><description>d</description>
  <item><title>one</title><guid>g1</guid>
    <enclosure url="briefs/one.yaml" length="100" type="application/yaml"/></item>
  <item><title>two</title><link>http://feeds.example/briefs/two.yml</link></item>
  <item><title>three</title><guid>g3</guid>
    <enclosure url="ftp://files.example/three.yaml" length="1" type="application/yaml"/></item>
  <item><title>podcast</title>
    <enclosure url="http://feeds.example/a.mp3" length="1" type="audio/mpeg"/></item>
</channel></rss>
"""


def test_rss_enclosures() -> None:
    feed = parse_feed(RSS, "http://feeds.example/site/rss.xml", "application/rss+xml")
    assert feed.kind == "rss"
    assert [link.url for link in feed.links] == [
        "http://feeds.example/site/briefs/one.yaml",
        "http://feeds.example/briefs/two.yml",
    ]
    assert "refused ftp://files.example/three.yaml: a ftp: URL" in feed.refused[0]
    assert feed.skipped == ["entry 'podcast': no link to a brief file"]


def test_json_feed_attachments_and_item_urls() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Island briefs (JSON)",
        "items": [
            {
                "id": "1",
                "title": "one",
                "url": "https://news.example/one",
                "attachments": [
                    {"url": "cover.png", "mime_type": "image/png"},
                    {"url": "briefs/one.yaml", "mime_type": "application/yaml"},
                ],
            },
            {"id": "2", "url": "briefs/two.yaml"},
            {"id": "3", "external_url": "data:text/yaml,id: three.yaml"},
            {"id": "4", "content_text": "no brief here"},
            "not an object",
        ],
    }
    feed = parse_feed(json.dumps(doc).encode(), "http://feeds.example/site/feed.json", "")
    assert feed.kind == "json" and feed.title == "Island briefs (JSON)"
    assert [link.url for link in feed.links] == [
        "http://feeds.example/site/briefs/one.yaml",
        "http://feeds.example/site/briefs/two.yaml",
    ]
    assert "entry '3': refused data:text/yaml,id: three.yaml: a data: URL" in feed.refused[0]
    assert feed.skipped == [
        "entry '4': no link to a brief file",
        "http://feeds.example/site/feed.json: item 5 is not an object",
    ]


def test_json_that_is_not_a_json_feed_is_refused() -> None:
    with pytest.raises(FetchError, match="JSON but not a JSON Feed"):
        parse_feed(b'{"items": []}', "http://x.example/f.json", "application/json")


def test_atom_that_is_not_well_formed_still_goes_through_feedparser() -> None:
    broken = ATOM.replace(b"</feed>", b"<entry><title>unclosed & broken</feed>")
    feed = parse_feed(broken, FEED_URL, "application/atom+xml")
    assert feed.kind == "atom"
    assert feed.links[0].url == "http://feeds.example/site/briefs/one.yaml"


def test_html_is_not_a_feed() -> None:
    page = b"<!DOCTYPE html><html><body><p>Hello</p></body></html>"
    with pytest.raises(FetchError, match="not an Atom, RSS or JSON feed"):
        parse_feed(page, "http://x.example/", "text/html")


@pytest.mark.parametrize(
    ("body", "declared", "kind"),
    [
        (b"id: x\n", "application/yaml", "brief"),
        (b"id: x\n", "text/x-yaml", "brief"),
        (b"id: x\n", "text/plain", "brief"),
        (b"<feed/>", "", "xml"),
        (b"\xef\xbb\xbf  <?xml version='1.0'?><rss/>", "application/octet-stream", "xml"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "", "json"),
        (b"{id: flow-mapping-brief}", "", "brief"),
        (b"<feed/>", "application/atom+xml", "xml"),
    ],
)
def test_sniffing(body: bytes, declared: str, kind: str) -> None:
    assert sniff(body, declared) == kind
