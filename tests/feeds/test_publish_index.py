"""A published folder answers ``/`` with an index page of its briefs, and every feed entry
has a web page to open (issue 13)."""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefing.feeds.publish import publish
from briefing.feeds.serve import StaticServer, make_server
from helpers.feeds import BASE, load_fixture_briefs, request

A = "{http://www.w3.org/2005/Atom}"


class _Page(HTMLParser):
    """The anchors' ids, the links and the text of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "article" and found.get("id"):
            self.ids.append(found["id"] or "")
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(body: bytes) -> _Page:
    page = _Page()
    page.feed(body.decode("utf-8"))
    return page


@pytest.fixture
def site(tmp_path: Path) -> Path:
    out = tmp_path / "site"
    publish(load_fixture_briefs(), out, BASE, title="Island <briefs>")
    return out


@pytest.fixture
def server(site: Path) -> Iterator[StaticServer]:
    served = make_server(site, "127.0.0.1", 0, log=lambda line: None)
    thread = threading.Thread(target=served.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    try:
        yield served
    finally:
        served.shutdown()
        served.server_close()
        thread.join()


def test_slash_answers_with_an_index_of_the_briefs(site: Path, server: StaticServer) -> None:
    status, headers, body = request(server, "/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    page = parse(body)
    briefs = load_fixture_briefs()
    assert sorted(page.ids) == sorted(b.id for b in briefs)
    text = "".join(page.text)
    assert "Island <briefs>" in text  # escaped in the page, literal in the browser
    assert 'Frost hits orchards <early> & "hard"' in text
    assert b"<early>" not in body and b"<briefs>" not in body
    for brief in briefs:
        assert f"briefs/{brief.id}.yaml" in page.hrefs
        status, _, _ = request(server, f"/briefs/{brief.id}.yaml")
        assert status == 200
    assert "feed.atom" in page.hrefs
    assert "https://farm.example/frost?a=1&b=<2>" in page.hrefs  # the source, as a link


def test_the_feeds_site_link_and_every_entry_lead_to_a_page(
    site: Path, server: StaticServer
) -> None:
    root = ET.parse(site / "feed.atom").getroot()
    site_link = root.find(f"{A}link[@rel='alternate']")
    assert site_link is not None and site_link.get("href") == BASE
    assert request(server, "/")[0] == 200  # BASE is the served folder's root
    ids = set(parse(request(server, "/")[2]).ids)
    for entry in root.findall(f"{A}entry"):
        links = entry.findall(f"{A}link[@rel='alternate']")
        assert len(links) == 1 and links[0].get("type") == "text/html", ET.tostring(entry)
        href = links[0].get("href") or ""
        if href.startswith(BASE + "#"):  # no source article: the brief on the index page
            assert href.removeprefix(BASE + "#") in ids
        else:
            assert href.startswith("https://")
    no_source = [
        e for e in root.findall(f"{A}entry") if "#" in (e.find(f"{A}link").get("href") or "")
    ]
    assert no_source, "the fixtures include briefs without a source URL"


def test_a_users_own_index_page_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("<p>my own page</p>")
    publish(load_fixture_briefs(), out, BASE)
    assert (out / "index.html").read_text() == "<p>my own page</p>"


def test_republishing_updates_our_index_page(tmp_path: Path) -> None:
    out = tmp_path / "site"
    briefs = load_fixture_briefs()
    publish(briefs, out, BASE)
    first = (out / "index.html").read_bytes()
    publish(briefs, out, BASE)
    assert (out / "index.html").read_bytes() == first  # deterministic: same ETag
    publish(briefs[:2], out, BASE)
    assert len(parse((out / "index.html").read_bytes()).ids) == len({b.id for b in briefs[:2]})
