"""Derive a draft brief from a news article, offline.

``derive_source("article.txt")`` reads a plain-text file, an HTML page or a URL and
returns a :class:`Derived` whose ``brief`` is a valid format-v1 brief tagged ``draft``.
The optional LLM pass (:mod:`briefing.derive.llm`) only ever improves that draft.
"""

from __future__ import annotations

from briefing.derive.draft import DRAFT_TAG, Derived, DeriveError, derive, validate
from briefing.derive.extract_text import Article, from_html, from_text, load_source

__all__ = [
    "DRAFT_TAG",
    "Article",
    "DeriveError",
    "Derived",
    "derive",
    "from_html",
    "from_text",
    "load_source",
    "validate",
]
