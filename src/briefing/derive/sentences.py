"""Small text helpers: slugs, sentence splitting, quote-character normalisation."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from briefing.derive.lexicon import wordset

_ABBREVIATIONS = wordset(
    """
    mr mrs ms dr prof sen rep gov gen lt col maj sgt adm capt cmdr st jr sr no vs etc inc corp
    ltd co dept est approx fig jan feb mar apr jun jul aug sep sept oct nov dec mt ft
    """
)
# Words after "U.S." that show a new sentence started ("... in the U.S. The ...").
_SENTENCE_STARTERS = wordset(
    "The A An He She It They We I But And This That These Those In On At His Her Its Their"
)

OPEN_QUOTES = "\u201c\u201e\u00ab"
CLOSE_QUOTES = "\u201d\u00bb"
_QUOTE_TRANSLATION = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)


def normalise(text: str) -> str:
    """Straight quotes and dashes, single spaces: for comparing, never for output."""
    return " ".join(text.translate(_QUOTE_TRANSLATION).split())


def slugify(text: str, max_len: int = 80) -> str:
    """``"Olaf Scholz's spokesman"`` -> ``olaf-scholzs-spokesman`` (ASCII, at most max_len)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"['’.]", "", text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0] if "-" in slug[:max_len] else slug[:max_len]
    return slug.strip("-") or "x"


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence (or any piece) of one paragraph: ``para`` index, character offsets."""

    para: int
    start: int
    end: int
    text: str


_BOUNDARY = re.compile(r"([.!?…]+)([\"'”’)\]]*)(\s+)(?=[\"“‘(\[]?[A-Z0-9À-ÖØ-Þ])")


def split_sentences(paragraph: str, para: int = 0) -> list[Span]:
    """Sentences of one paragraph with their offsets; abbreviations do not end a sentence."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end(2)
        before = paragraph[start : match.start(1)]
        last_word = re.findall(r"[\w.]+$", before)
        word = last_word[0] if last_word else ""
        if match.group(1) == "." and not match.group(2):
            low = word.lower().rstrip(".")
            if low in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", word):
                continue
            if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):  # U.S. / a.m. / U.N.
                following = paragraph[match.end() :].split(" ", 1)[0]
                if following not in _SENTENCE_STARTERS:
                    continue
        text = paragraph[start:end].strip()
        if text:
            offset = start + (len(paragraph[start:end]) - len(paragraph[start:end].lstrip()))
            spans.append(Span(para, offset, offset + len(text), text))
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        offset = start + (len(paragraph[start:]) - len(paragraph[start:].lstrip()))
        spans.append(Span(para, offset, offset + len(tail), tail))
    return spans


def clip(text: str, limit: int = 300) -> str:
    """One line, at most ``limit`` characters, cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A stretch of quoted text; ``start``/``end`` are the content offsets (marks excluded)."""

    para: int
    start: int
    end: int
    closed: bool
    opened: bool = True  # False: the paragraph began inside an open quote


def find_quotes(paragraph: str, para: int) -> list[QuoteSpan]:
    """Quoted stretches of one paragraph, curly or straight; an unclosed one runs to the end.

    Curly single quotes are used only when the paragraph has no double quotes (British
    style); straight single quotes are apostrophes far too often to be trusted.
    """
    spans: list[QuoteSpan] = []
    has_double = any(c in paragraph for c in OPEN_QUOTES + CLOSE_QUOTES + '"')
    opens = OPEN_QUOTES if has_double else "\u2018"
    closes = CLOSE_QUOTES if has_double else "\u2019"
    start: int | None = None
    for i, ch in enumerate(paragraph):
        if ch == '"' and has_double:
            if start is None:
                start = i + 1
            else:
                spans.append(QuoteSpan(para, start, i, True))
                start = None
        elif ch in opens and start is None:
            start = i + 1
        elif ch in closes and start is not None:
            if not has_double and re.match(r"\w", paragraph[i + 1 : i + 2]):
                continue  # an apostrophe: don’t
            spans.append(QuoteSpan(para, start, i, True))
            start = None
        elif ch in closes and start is None and not spans and has_double:
            # a paragraph that starts inside a quote opened in the previous one
            spans.append(QuoteSpan(para, 0, i, True, opened=False))
    if start is not None:
        spans.append(QuoteSpan(para, start, len(paragraph), False))
    return spans
