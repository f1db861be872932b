"""derive: reading sources (plain text with header, HTML through trafilatura, URLs) and
keeping page furniture out."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from briefing.derive.extract_text import (
    drop_furniture,
    from_html,
    from_text,
    is_furniture,
    load_source,
    strip_dateline,
)
from briefing.derive.sentences import normalise, slugify, split_sentences
from helpers import TESTS

DERIVE = TESTS / "fixtures" / "derive"
FURNITURE = (
    "GET CAUGHT UP",
    "Summarized stories",
    "Sign up",
    "newsletter",
    "contributed to this report",
    "Advertisement",
    "Related coverage",
    "Recommended",
    "Copyright",
    "©",
    "Follow AP",
    "Listen to this article",
    "Read more",
    "cookies",
    "Photo:",
    "JANE ROE",
    "Reporting by",
)


def test_plain_text_header_and_body() -> None:
    article = load_source(str(DERIVE / "2031-04-17-reef-missiles.txt"))
    assert article.title and article.title.startswith("US quietly clears Philippines")
    assert article.publisher == "Associated Press"
    assert article.url == "https://example.org/news/us-philippines-missiles-reef-2031"
    assert article.date == dt.date(2031, 4, 17)
    assert article.paragraphs[0].startswith("MANILA, Philippines (AP) — President Ellen Marsh")
    text = article.text
    for junk in FURNITURE:
        assert junk not in text, junk


def test_plain_text_without_header_or_blank_lines() -> None:
    text = "Storm hits coast\nA storm hit the coast on Monday.\nOfficials said it was bad.\n"
    text += "Sign up for our newsletter to get alerts.\nMore rain is expected."
    article = from_text(text)
    assert article.title == "Storm hits coast"
    assert article.paragraphs == [
        "A storm hit the coast on Monday.",
        "Officials said it was bad.",
        "More rain is expected.",
    ]


@pytest.mark.parametrize(
    "name",
    [
        "2031-03-21-pipeline-deal.html",
        "2031-10-02-port-strike.html",
        "heldout/2032-03-04-chip-curbs.html",
    ],
)
def test_html_furniture_stays_out(name: str) -> None:
    article = load_source(str(DERIVE / name))
    text = article.text
    for junk in FURNITURE:
        assert junk not in text, junk
    assert len(article.paragraphs) >= 7
    assert article.date is not None and article.date.year >= 2031  # meta, not running text
    assert article.authors


def test_html_metadata() -> None:
    article = from_html((DERIVE / "2031-03-21-pipeline-deal.html").read_text())
    assert article.title == "Norway and Poland seal gas deal as Baltic pipeline reopens"
    assert article.publisher == "World News Daily"
    assert article.date == dt.date(2031, 3, 21)
    assert article.authors == ["Jane Roe"]
    assert article.paragraphs[0].startswith("WARSAW, Poland (WND) — Norway and Poland signed")


@pytest.mark.parametrize(
    "line",
    [
        "GET CAUGHT UP",
        "Summarized stories to quickly stay informed",
        "Sign up for our Morning Wire newsletter to get the day's top stories in your inbox.",
        "Associated Press writer Lars Berg in Oslo contributed to this report.",
        "(Reporting by Hande Korkmaz in Ankara; Editing by Alison Burke)",
        "Hudson and Rauhala reported from Prague.",
        "___",
        "Advertisement",
        "Follow AP's coverage of the European economy at https://example.org/hub",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The union said the strike was the first since 1979.",
        '"We will not sign up to this deal," the minister said.',
        "By Thursday, the talks had collapsed.",
    ],
)
def test_news_is_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_byline_becomes_authors() -> None:
    kept, authors = drop_furniture(["By JANE ROE and TOMASZ NOWAK", "Text of the story."])
    assert kept == ["Text of the story."]
    assert authors == ["Jane Roe", "Tomasz Nowak"]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("MANILA, Philippines (AP) — The deal was signed.", "The deal was signed."),
        ("ANKARA, Feb 11 (Reuters) - Turkey will host talks.", "Turkey will host talks."),
        ("WASHINGTON — The rules changed.", "The rules changed."),
        ("NATO's chief said so.", "NATO's chief said so."),
    ],
)
def test_strip_dateline(paragraph: str, expected: str) -> None:
    assert strip_dateline(paragraph) == expected


def test_sentences_keep_abbreviations() -> None:
    text = 'Mr. Smith met U.S. officials on Jan. 5. "It went well," he said. Then he left.'
    assert [s.text for s in split_sentences(text)] == [
        "Mr. Smith met U.S. officials on Jan. 5.",
        '"It went well," he said.',
        "Then he left.",
    ]


def test_slug_and_normalise() -> None:
    assert slugify("Dragan Milić") == "dragan-milic"
    assert slugify("Chancellor's “spokesman”") == "chancellors-spokesman"
    assert normalise("“a\u00a0 b”  ’c’") == "\"a b\" 'c'"


class _Page(BaseHTTPRequestHandler):
    body = (DERIVE / "2031-10-02-port-strike.html").read_bytes()

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def page_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/story.html"
    finally:
        server.shutdown()
        server.server_close()


def test_url_source(page_server: str) -> None:
    article = load_source(page_server)
    assert article.title == "Dockworkers strike shuts Rotterdam as union rejects pay offer"
    assert article.url == page_server
    assert "GET CAUGHT UP" not in article.text


def test_url_must_be_http() -> None:
    from briefing.derive.extract_text import fetch_url
    from briefing.errors import FetchError

    with pytest.raises(FetchError):
        fetch_url("file:///etc/passwd")
