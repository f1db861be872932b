"""Untrusted text, made safe to show.

Brief text (titles, names, summaries, quotes…) is written by others. It is never parsed
as Rich/Textual markup and never reaches the terminal with control characters in it:
every widget in the reader builds :class:`rich.text.Text` through these helpers.

``briefing.text`` is the project-wide implementation; this module re-exports it, with a
small local fallback so the reader runs while that module is being written.
"""

from __future__ import annotations

import re

from rich.text import Text

try:  # pragma: no cover - depends on what has landed
    from briefing.text import clean, one_line, safe_text
except ImportError:  # pragma: no cover
    _CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

    def _picture(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code < 0x20:
            return chr(0x2400 + code)  # ␛ for ESC, ␀ for NUL …
        if code == 0x7F:
            return "\u2421"
        return "\ufffd"

    def clean(text: str) -> str:  # type: ignore[misc]
        """Control characters (ESC, BEL, C1 …) as visible symbols; newlines and tabs kept."""
        return _CONTROL.sub(_picture, text.replace("\r\n", "\n"))

    def one_line(text: str) -> str:  # type: ignore[misc]
        """:func:`clean`, with all whitespace runs folded to single spaces."""
        return " ".join(clean(text).split())

    def safe_text(text: str, style: str = "") -> Text:  # type: ignore[misc]
        """A Rich ``Text`` holding ``text`` literally (no markup, no emoji codes)."""
        return Text(clean(text), style=style)


def line(text: str | None, style: str = "") -> Text:
    """``text`` folded to one line, as a literal Rich ``Text``."""
    return Text(one_line(text or ""), style=style)


__all__ = ["clean", "line", "one_line", "safe_text"]
