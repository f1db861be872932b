"""Untrusted text made safe to show: briefs come from other people's machines.

A field may carry terminal escape sequences (which could retitle the window, move
the cursor, or hide text), bidirectional overrides (which reorder what is shown),
or Rich/Textual markup (``[@click=app.quit]``). Every view passes text through
these helpers, so all of it is shown literally and nothing is interpreted.
"""

from __future__ import annotations

import re

from rich.text import Text

__all__ = ["clean", "one_line", "safe_text"]


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        if code not in (0x09, 0x0A):  # tab and newline are layout, not control
            table[code] = chr(0x2400 + code)  # U+2400 control pictures: ␀ … ␛ … ␟
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):  # C1: 0x9B is a one-byte CSI on some terminals
        table[code] = "\ufffd"
    for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)):  # bidi overrides
        table[code] = ""
    # Bidi marks reorder the neutral characters around them on terminals that do bidi;
    # they are shown, as a replacement character, rather than obeyed.
    for code in (0x061C, 0x200E, 0x200F):  # ARABIC LETTER MARK, LRM, RLM
        table[code] = "\ufffd"
    # Line and paragraph separators: some terminals break the line, so a one-line view
    # could be split; shown as the newline symbol.
    table[0x2028] = table[0x2029] = "\u2424"  # ␤
    return table


_TABLE = _table()
# Lone surrogates cannot be encoded for the terminal at all; they come only from
# escapes such as "\ud800" in quoted YAML, never from UTF-8 text.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff]"
)


def _replace(match: re.Match[str]) -> str:
    char = match.group()
    return _TABLE.get(ord(char), "\ufffd")


def clean(text: str) -> str:
    """``text`` with control characters shown as visible symbols and bidi overrides
    removed: ESC becomes ``␛``, so an escape sequence prints as harmless text; bidi
    marks (LRM, RLM, ALM) become ``�`` and line/paragraph separators ``␤``."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_replace, text.replace("\r\n", "\n"))


def one_line(text: str) -> str:
    """:func:`clean`, with every run of whitespace (newlines too) made one space."""
    return " ".join(clean(text).split())


def safe_text(text: str, style: str = "") -> Text:
    """A Rich ``Text`` of the cleaned text: never parsed as markup, so ``[bold]`` and
    ``[@click=...]`` are shown as typed."""
    return Text(clean(text), style=style)
