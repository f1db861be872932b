"""briefing.text: untrusted text is shown literally, never interpreted by the terminal
or by Rich/Textual markup."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from briefing.text import clean, one_line, safe_text

ESCAPES = "\x1b[31mred\x1b]0;title\x07"


def render(text: str) -> str:
    """What a real terminal would receive for ``safe_text(text)``."""
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="truecolor", width=200)
    console.print(safe_text(text), end="")
    return out.getvalue()


def test_markup_is_literal() -> None:
    for markup in ["[bold red]X[/]", "[@click=app.quit]go[/]", "[link=file:///etc]x[/link]"]:
        text = safe_text(markup)
        assert text.plain == markup
        assert text.spans == []
        assert render(markup) == markup


def test_escape_sequences_become_visible() -> None:
    assert clean(ESCAPES) == "␛[31mred␛]0;title␇"
    output = render(ESCAPES)
    assert "\x1b" not in output and "\x07" not in output
    assert output == "␛[31mred␛]0;title␇"


def test_control_characters() -> None:
    assert clean("a\x00b\x08c\x7fd") == "a␀b␈c␡d"
    assert clean("tab\tand\nnewline") == "tab\tand\nnewline"
    assert clean("crlf\r\nline") == "crlf\nline"
    assert clean("over\rwrite") == "over␍write"
    assert clean("c1 \x9b31m \x85") == "c1 \ufffd31m \ufffd"


def test_bidi_overrides_are_removed() -> None:
    assert clean("abc\u202edcba\u202c \u2066x\u2069") == "abcdcba x"
    # Marks and line separators are shown, not obeyed (issue 17).
    assert clean("\u200f shows marks\u2028") == "\ufffd shows marks\u2424"


def test_lone_surrogates_cannot_reach_the_terminal() -> None:
    assert clean("a\ud800b") == "a\ufffdb"
    clean("a\ud800b").encode("utf-8")


def test_plain_text_is_untouched() -> None:
    text = "Ödrun — “quoted” 中文 🙂 [not markup]"
    assert clean(text) is text


def test_one_line() -> None:
    assert one_line("  first\n\nsecond\tthird \x1b[0m ") == "first second third ␛[0m"


def test_safe_text_style() -> None:
    text = safe_text("[b]x", style="bold")
    assert text.plain == "[b]x" and str(text.style) == "bold"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_never_leaves_control_characters(text: str) -> None:
    result = clean(text)
    for char in result:
        code = ord(char)
        assert char in "\n\t" or not (code < 0x20 or 0x7F <= code < 0xA0)
        assert not (0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069)
        assert char not in "\u061c\u200e\u200f\u2028\u2029"
        assert not 0xD800 <= code <= 0xDFFF
    assert "\n" not in one_line(text) and "\x1b" not in one_line(text)
