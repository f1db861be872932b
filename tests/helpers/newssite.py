"""A small synthetic news site for the article tests (and the articles benchmark).

Its articles are our own fictional texts (tests/fixtures/newssite/*.txt); each page is
dressed with the furniture real sites have: a cookie banner, navigation, a byline, a
pull quote repeating a sentence of the body, an "Also read" box, a newsletter box,
related links, a footer. Pages carry their metadata as sites do: ``<link
rel=canonical>``, ``og:url``, JSON-LD ``datePublished`` and ``article:published_time``.
An AMP copy of each article names the article as canonical.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass
from email.utils import format_datetime
from typing import TYPE_CHECKING

from helpers import TESTS

if TYPE_CHECKING:
    from helpers.feeds import FeedServer

TEXTS = TESTS / "fixtures" / "newssite"
PUBLISHER = "The Sarn Coast Ledger"


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    published: dt.datetime
    byline: str
    pullquote: str
    paragraphs: list[str]

    @property
    def path(self) -> str:
        return f"/news/{self.slug}.html"

    @property
    def amp_path(self) -> str:
        return f"/amp/{self.slug}.html"


def stories() -> list[Story]:
    out = []
    for path in sorted(TEXTS.glob("*.txt")):
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        out.append(
            Story(
                slug=path.stem,
                title=meta["title"],
                published=dt.datetime.fromisoformat(meta["published"]),
                byline=meta["byline"],
                pullquote=meta["pullquote"],
                paragraphs=[p.strip() for p in body.split("\n\n") if p.strip()],
            )
        )
    return out


def article_body_html(story: Story) -> str:
    """The article's paragraphs as HTML, with in-body furniture as real pages place it."""
    parts = []
    for index, paragraph in enumerate(story.paragraphs):
        text = html.escape(paragraph)
        if paragraph.startswith(("Also read |", "Related:")):
            parts.append(
                f'<aside class="also-read"><p><a href="/news/more.html">{text}</a></p></aside>'
            )
        elif paragraph.lower().startswith(("sign up", "newsletter:")):
            parts.append(
                f'<div class="newsletter-box"><p>{text}</p><form><input type="email"></form></div>'
            )
        else:
            parts.append(f"<p>{text}</p>")
        if index == 2:
            parts.append(
                '<aside class="pullquote"><blockquote>'
                f"{html.escape(story.pullquote)}</blockquote></aside>"
            )
    return "\n".join(parts)


def page(story: Story, base: str, *, amp: bool = False) -> str:
    canonical = base + story.path
    published = story.published.isoformat().replace("+00:00", "Z")
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": story.title,
            "datePublished": published,
            "author": [{"@type": "Person", "name": story.byline}],
            "publisher": {"@type": "Organization", "name": PUBLISHER},
        }
    )
    amp_attr = " amp" if amp else ""
    amp_link = "" if amp else f'<link rel="amphtml" href="{base}{story.amp_path}">'
    return f"""<!doctype html>
<html{amp_attr} lang="en"><head>
<meta charset="utf-8">
<title>{html.escape(story.title)} | {PUBLISHER}</title>
<link rel="canonical" href="{canonical}">
{amp_link}
<meta property="og:url" content="{canonical}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{PUBLISHER}">
<meta property="og:title" content="{html.escape(story.title)}">
<meta property="article:published_time" content="{published}">
<script type="application/ld+json">{ld}</script>
</head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies to give you the best experience
on our site. <button>Accept all</button> <button>Manage preferences</button></div>
<nav class="site-nav"><a href="/">{PUBLISHER}</a> <a href="/region">Region</a>
<a href="/business">Business</a> <a href="/weather">Weather</a> <a href="/login">Log in</a></nav>
<main>
<article>
<header>
<h1 class="headline">{html.escape(story.title)}</h1>
<p class="byline">By {html.escape(story.byline)}</p>
<p class="dateline"><time datetime="{published}">
Published {story.published:%d %B %Y, %H:%M}</time></p>
</header>
<div class="article-body">
{article_body_html(story)}
</div>
<div class="share-bar">Share Copy link Print</div>
</article>
<section class="related"><h2>More from the region</h2><ul>
<li><a href="/news/r1.html">Tide tables for the coming week</a></li>
<li><a href="/news/r2.html">Ten walks along the Sarn cliffs this summer</a></li>
<li><a href="/news/r3.html">Letters: readers on the new bus timetable</a></li>
</ul></section>
</main>
<aside class="sidebar"><h3>Most read</h3><ol><li><a href="/m1">Ferry timetable changes</a></li>
<li><a href="/m2">Where to eat in Velmora's old town</a></li></ol>
<div class="newsletter-signup">
<p>Sign up for our daily newsletter and get the Ledger in your inbox.</p></div>
</aside>
<footer>© 2031 {PUBLISHER}. All rights reserved.
<a href="/about">About</a> <a href="/privacy">Privacy</a></footer>
</body></html>
"""


def teaser(story: Story) -> str:
    return story.paragraphs[0][:160].rsplit(" ", 1)[0] + " …"


def rss(base: str, items: list[tuple[str, str, str, dt.datetime]]) -> bytes:
    """RSS 2.0 with (title, link, description, date) items."""
    body = "".join(
        f"<item><title>{html.escape(title)}</title><link>{html.escape(link)}</link>"
        f'<guid isPermaLink="false">{html.escape(link)}</guid>'
        f"<pubDate>{format_datetime(when, usegmt=True)}</pubDate>"
        f"<description>{html.escape(desc)}</description></item>"
        for title, link, desc, when in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{PUBLISHER}</title><link>{base}/</link><description>Regional news</description>"
        f"{body}</channel></rss>"
    ).encode()


def news_rss(
    base: str, all_stories: list[Story], *, amp_copy: bool = True, broken: bool = True
) -> bytes:
    """The site's RSS: teasers linking each article, the AMP copy of the first, and
    (``broken``) a page that is gone and a ``file://`` link."""
    items = [(s.title, base + s.path, teaser(s), s.published) for s in all_stories]
    first = all_stories[0]
    if amp_copy:
        items.append(
            (first.title + " (AMP)", base + first.amp_path, teaser(first), first.published)
        )
    if broken:
        when = dt.datetime(2031, 6, 7, 9, 0, tzinfo=dt.UTC)
        items.append(("A story that was taken down", base + "/news/gone.html", "Gone …", when))
        items.append(("A local file", "file:///etc/passwd", "Not a web page …", when))
    return rss(base, items)


def full_text_atom(base: str, all_stories: list[Story]) -> bytes:
    """Atom whose entries carry the whole article as HTML content (no page needed)."""
    entries = "".join(
        f"<entry><id>urn:ledger:{s.slug}</id><title>{html.escape(s.title)}</title>"
        f"<published>{s.published.isoformat()}</published>"
        f"<updated>{s.published.isoformat()}</updated>"
        f'<link rel="alternate" type="text/html" href="{base}{s.path}"/>'
        f"<author><name>{html.escape(s.byline)}</name></author>"
        f"<summary>{html.escape(teaser(s))}</summary>"
        f'<content type="html">{html.escape(article_body_html(s))}</content></entry>'
        for s in all_stories
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{PUBLISHER} (full text)</title><id>urn:ledger:feed</id>"
        f"<updated>2031-06-07T00:00:00Z</updated>{entries}</feed>"
    ).encode()


def serve_site(
    server: FeedServer, all_stories: list[Story] | None = None, *, delay: float = 0.0
) -> list[Story]:
    """Register the site's pages, AMP copies, feeds and robots.txt on a FeedServer."""
    from helpers.feeds import Reply

    all_stories = all_stories if all_stories is not None else stories()
    base = server.url("").rstrip("/")
    for story in all_stories:
        for amp in (False, True):
            body = page(story, base, amp=amp).encode()
            server.route(
                story.amp_path if amp else story.path,
                lambda _seen, body=body: Reply(
                    body=body, headers={"Content-Type": "text/html; charset=utf-8"}, delay=delay
                ),
            )
    server.route(
        "/robots.txt",
        lambda _seen: Reply(
            body=b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"}
        ),
    )
    server.route(
        "/feed.rss",
        lambda _seen: Reply(
            body=news_rss(base, all_stories), headers={"Content-Type": "application/rss+xml"}
        ),
    )
    server.route(
        "/fulltext.atom",
        lambda _seen: Reply(
            body=full_text_atom(base, all_stories),
            headers={"Content-Type": "application/atom+xml"},
        ),
    )
    return all_stories
