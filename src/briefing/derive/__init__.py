"""Derive a draft brief from a news article, offline.

``derive(load_source("article.txt"))`` reads a plain-text file, an HTML page or a URL
and returns a :class:`Derived` whose ``brief`` is a valid format-v1 brief tagged ``draft``.
Callers that must not crash on one article (the CLI, ``fetch``) use
:func:`derive_guarded`, which reports a bug in one line naming the source.
The optional LLM pass (:mod:`briefing.derive.llm`) only ever improves that draft.
"""

from __future__ import annotations

from briefing.derive.draft import (
    DRAFT_TAG,
    Derived,
    DeriveError,
    DeriveInternalError,
    derive,
    derive_guarded,
    reporting_internal_errors,
    validate,
)
from briefing.derive.extract_text import Article, from_html, from_text, load_source

__all__ = [
    "DRAFT_TAG",
    "Article",
    "DeriveError",
    "DeriveInternalError",
    "Derived",
    "derive",
    "derive_guarded",
    "from_html",
    "from_text",
    "load_source",
    "reporting_internal_errors",
    "validate",
]
