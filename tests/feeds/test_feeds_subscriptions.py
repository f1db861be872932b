"""Subscriptions: ``briefing feeds add/remove/import/export`` and the listing, on a real
library; OPML as Miniflux writes it and newsboat's urls file."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from briefing.cli import _register, cli
from briefing.feeds.opml import parse_opml
from helpers import TESTS

FIXTURES = TESTS / "fixtures" / "subscriptions"
_register()


def run(db: Path, *args: str, config: Path | None = None) -> tuple[int, str, str]:
    opts = ["--config", str(config)] if config else []
    result = CliRunner().invoke(cli, [*opts, "--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def test_opml_import_lists_and_exports_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    code, out, err = run(db, "feeds", "import", str(FIXTURES / "miniflux.opml"))
    assert code == 0, err
    assert "imported 3 feeds" in out and "3 new" in out
    code, out, _ = run(db, "feeds")
    assert code == 0
    for name, url in [
        ("The Sarn Coast Ledger", "https://ledger.example/feed.rss"),
        ("Harbour & Ports", "https://ports.example/atom.xml"),
        ("Island briefs", "https://briefs.example/feed.atom"),
    ]:
        assert name in out and url in out
    assert out.count("last fetch:    never") == 3
    code, exported, _ = run(db, "feeds", "export")
    assert code == 0
    again = parse_opml(exported.encode(), "export")
    assert [(f.url, f.name) for f in again] == [
        ("https://ledger.example/feed.rss", "The Sarn Coast Ledger"),
        ("https://ports.example/atom.xml", "Harbour & Ports"),
        ("https://briefs.example/feed.atom", "Island briefs"),
    ]
    # Importing the export into another library gives the same list (kinds included).
    run(db, "feeds", "add", "https://briefs.example/feed.atom", "--kind", "briefs")
    _, exported, _ = run(db, "feeds", "export")
    (tmp_path / "out.opml").write_text(exported)
    other = tmp_path / "other.db"
    assert run(other, "feeds", "import", str(tmp_path / "out.opml"))[0] == 0
    assert run(other, "feeds", "export")[1].split("<body>")[1] == exported.split("<body>")[1]


def test_newsboat_urls_file(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    code, out, err = run(db, "feeds", "import", str(FIXTURES / "urls"))
    assert code == 0, err
    assert "imported 2 feeds" in out
    assert "urls:5: skipped: query" in err
    _, listing, _ = run(db, "feeds")
    assert "The Sarn Coast Ledger (enabled, subscribed)" in listing
    assert "https://ports.example/atom.xml (enabled, subscribed)" in listing


def test_import_with_a_bad_url_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    code, _, err = run(db, "feeds", "import", str(FIXTURES / "bad-url.opml"))
    assert code == 2 and "bad-url.opml" in err and "file:///etc/passwd" in err
    _, out, _ = run(db, "feeds")
    assert "ok.example" not in out


def test_add_remove_and_config_feeds_listed_together(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    config = tmp_path / "config.yaml"
    config.write_text(
        "library:\n  sync: []\nfeeds:\n  - url: https://conf.example/feed.xml\n    name: Conf\n"
    )
    code, out, _ = run(
        db,
        "feeds",
        "add",
        "https://news.example/rss",
        "--name",
        "News",
        "--kind",
        "articles",
        config=config,
    )
    assert code == 0 and "subscribed to https://news.example/rss" in out
    _, listing, _ = run(db, "feeds", config=config)
    assert "Conf (enabled, config.yaml)" in listing
    assert "News (enabled, subscribed)" in listing and "kind:          articles" in listing
    code, _, err = run(db, "feeds", "add", "ftp://x.example/feed", config=config)
    assert code == 2 and "ftp://x.example/feed: refused" in err
    code, _, err = run(db, "feeds", "remove", "https://conf.example/feed.xml", config=config)
    assert code == 2 and "remove it there" in err
    assert run(db, "feeds", "remove", "https://news.example/rss", config=config)[0] == 0
    _, listing, _ = run(db, "feeds", config=config)
    assert "News" not in listing and "Conf" in listing
