"""Search results: title and date, then the snippet with the matched terms highlighted.

The store marks matches in plain snippets with ``SNIPPET_START``/``SNIPPET_END``
control characters; :func:`snippet_text` turns them into styled spans of a Rich
``Text`` built from plain strings, so a snippet is never read as markup.
"""

from __future__ import annotations

import re
from typing import ClassVar

from rich.style import Style
from rich.text import Text

from briefing.store import SNIPPET_END, SNIPPET_START, SearchHit
from briefing.text import clean, one_line
from briefing.tui.widgets.row_list import RowList

_SPACE = re.compile(r"\s+")
_MARKERS = re.compile(f"({re.escape(SNIPPET_START)}|{re.escape(SNIPPET_END)})")


def _flat(part: str) -> str:
    """Neutralised and on one line, but keeping edge spaces (they separate the spans)."""
    return _SPACE.sub(" ", clean(part))


def snippet_text(snippet: str, match_style: Style | str = "bold reverse") -> Text:
    """A snippet as Text, the marked spans in ``match_style``; stray markers are dropped."""
    text = Text()
    inside = False
    for part in _MARKERS.split(snippet):
        if part == SNIPPET_START:
            inside = True
        elif part == SNIPPET_END:
            inside = False
        elif part:
            flat = _flat(part)
            text.append(flat if text else flat.lstrip(), match_style if inside else "")
    text.rstrip()
    return text


class SearchResults(RowList[SearchHit]):
    """Two lines per hit; ``enter`` posts :class:`RowList.Selected`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *RowList.COMPONENT_CLASSES,
        "search-results--date",
        "search-results--title",
        "search-results--where",
        "search-results--match",
    }

    DEFAULT_CSS = """
    SearchResults {
        & > .search-results--date { color: $accent; text-style: bold; }
        & > .search-results--title { text-style: bold; }
        & > .search-results--where { color: $text-muted; }
        & > .search-results--match { color: $text-warning; text-style: bold underline; }
    }
    """

    def row_height(self, index: int, row: SearchHit) -> int:
        return 2

    def render_row_line(self, index: int, row: SearchHit, line: int, width: int) -> Text:
        if line == 0:
            text = Text()
            text.append(one_line(row.date), self._style("search-results--date"))
            text.append("  ")
            text.append(one_line(row.title), self._style("search-results--title"))
            text.append(f"  · {one_line(row.where)}", self._style("search-results--where"))
            return text
        text = Text("    ")
        # Summaries are Markdown: bold markers are noise in a one-line snippet.
        snippet = row.snippet.replace("**", "") if row.where == "summary" else row.snippet
        text.append_text(snippet_text(snippet, self._style("search-results--match")))
        return text
