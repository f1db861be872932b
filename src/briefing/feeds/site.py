"""The index page of a published folder (``index.html``): what a person (or the feed's
site link) finds at the site's root.

One static page, no script: each brief's title, date, tags and bottom line, a link to
its YAML file and to its source article, and an anchor (``#<brief id>``) the feed's
entries link to. Every text from a brief is HTML-escaped; only http(s) addresses become
links. The page is deterministic (same briefs, same bytes), like the rest of the folder,
so re-publishing keeps its ETag.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from urllib.parse import quote, urlsplit

from briefing.model import Brief

INDEX_FILE = "index.html"

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; color: #222; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
article { border-top: 1px solid #ddd; padding: .8rem 0; }
h2 { font-size: 1.15rem; margin: 0; }
.meta, .links { color: #666; font-size: .9rem; margin: .2rem 0; }
@media (prefers-color-scheme: dark) {
  body { color: #ddd; background: #181818; } a { color: #8ab4f8; }
  article { border-color: #333; } .meta, .links { color: #999; }
}
""".strip()


def index_html(briefs: Iterable[Brief], *, title: str, feed: str, briefs_dir: str) -> bytes:
    """The page listing ``briefs`` in the given order, as UTF-8 bytes. ``feed`` and
    ``briefs_dir`` are paths relative to the page (so the folder can move)."""
    items = list(briefs)
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f'<link rel="alternate" type="application/atom+xml" href="{escape(feed)}"'
        f' title="{escape(title)}">',
        f"<style>\n{_STYLE}\n</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{len(items)} brief{"" if len(items) == 1 else "s"}, newest first'
        f' · <a href="{escape(feed)}">Atom feed</a></p>',
    ]
    for brief in items:
        lines.extend(_article(brief, briefs_dir))
    lines += ["</body>", "</html>", ""]
    return "\n".join(lines).encode("utf-8")


def _article(brief: Brief, briefs_dir: str) -> list[str]:
    yaml_href = f"{briefs_dir}/{quote(brief.id)}.yaml"
    meta = [brief.date.isoformat(), *(f"#{tag}" for tag in brief.tags)]
    links = [f'<a href="{escape(yaml_href)}" type="application/yaml">brief (YAML)</a>']
    for source in brief.source:
        if source.url and urlsplit(source.url.strip()).scheme.lower() in ("http", "https"):
            label = source.publisher or source.title or "source"
            links.append(f'<a href="{escape(source.url.strip())}">{escape(label)}</a>')
    return [
        f'<article id="{escape(brief.id)}">',
        f'<h2><a href="{escape(yaml_href)}">{escape(brief.title)}</a></h2>',
        f'<p class="meta">{escape("  ".join(meta))}</p>',
        f"<p>{escape(brief.bottom_line)}</p>",
        f'<p class="links">{" · ".join(links)}</p>',
        "</article>",
    ]
