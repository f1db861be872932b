"""The bundled briefs are a demo for a new library (issue 13): an existing library is
changed only by folders the user configured."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing import paths
from briefing.config import Settings
from briefing.store import Store
from briefing.sync import sync_folders
from briefing.tui.app import BriefingApp
from helpers import TESTS
from helpers.tui import LIBRARY, make_library, settle

FIXTURES = TESTS / "fixtures" / "library"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A stand-in for the checkout's briefs/ folder: two fixture briefs."""
    folder = tmp_path / "bundled"
    folder.mkdir()
    for path in sorted(FIXTURES.glob("*.yaml"))[:2]:
        shutil.copy2(path, folder / path.name)
    return folder


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy2(sorted(FIXTURES.glob("*.yaml"))[2], folder / "deal.yaml")
    return folder


def test_an_existing_library_gets_only_the_users_folders(
    tmp_path: Path, demo: Path, mine: Path
) -> None:
    db = make_library(tmp_path)  # a library the user already has: 4 briefs
    with Store(db) as store:
        report = sync_folders(store, [demo, mine], bundled=demo)
        assert report.new == ["harbour-deal-2031-03-09"]
        assert store.count_briefs() == 5
        assert not store.has_files_under(str(demo.resolve()))


def test_a_new_library_gets_the_demo_and_keeps_it_up_to_date(tmp_path: Path, demo: Path) -> None:
    with Store(tmp_path / "new.db") as store:
        first = sync_folders(store, [demo], bundled=demo)
        assert len(first.new) == 2
        # Later starts: not empty any more, but the demo came from here, so it follows.
        shutil.copy2(sorted(FIXTURES.glob("*.yaml"))[2], demo / "third.yaml")
        second = sync_folders(store, [demo], bundled=demo)
        assert second.new == ["harbour-deal-2031-03-09"]
        assert store.count_briefs() == 3


def test_a_folder_beside_the_demo_with_a_longer_name_is_not_taken_for_it(
    tmp_path: Path, demo: Path
) -> None:
    sibling = tmp_path / "bundled-extra"
    shutil.copytree(demo, sibling)
    with Store(tmp_path / "new.db") as store:
        sync_folders(store, [sibling], bundled=demo)
        assert store.has_files_under(str(sibling.resolve()))
        assert not store.has_files_under(str(demo.resolve()))


async def test_the_reader_leaves_the_bundled_briefs_out_of_an_existing_library(
    tmp_path: Path,
) -> None:
    """The real default configuration (library.sync: the checkout's briefs/) on a
    library the user already has: nothing is added."""
    if not any(paths.BUNDLED_BRIEFS.glob("*.yaml")):
        pytest.skip("no bundled briefs in this install")
    db = make_library(tmp_path, LIBRARY)
    settings = Settings(ui={"mark_read_after": None})
    assert [p.resolve() for p in settings.library.sync] == [paths.BUNDLED_BRIEFS.resolve()]
    app = BriefingApp(settings, db, sync=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await settle(pilot)
    with Store(db) as store:
        assert store.count_briefs() == 4
