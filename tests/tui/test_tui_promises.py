"""Promises the reader makes to a new user (issue 13), driven with Textual's pilot:
read state changes only when the user reads, a focused pane has a cursor, opening a
brief (from search or the actor screen) shows it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefing.store import Store
from briefing.tui.messages import OpenBrief
from briefing.tui.screens.main import MainScreen
from briefing.tui.widgets.brief_list import BriefList
from briefing.tui.widgets.panes import ActorsPane, PositionsPane, QuestionsPane, SummaryPane
from helpers.tui import ORDER, make_app, make_library, settle

WIDE = (160, 48)
NARROW = (80, 24)
#: A short read delay for the tests (the default is two seconds).
DELAY = 0.05


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return make_library(tmp_path)


def stored_read(db: Path) -> dict[str, bool]:
    with Store(db) as store:
        return {brief_id: store.is_read(brief_id) for brief_id in ORDER}


async def wait_past_delay(pilot: Any) -> None:
    await pilot.pause(DELAY * 4)
    await settle(pilot)


async def until(pilot: Any, condition: Any, timeout: float = 5.0) -> bool:
    """Wait for ``condition()`` (the read mark is written by a worker: on a busy machine
    it lands later than the delay), up to ``timeout`` seconds."""
    waited = 0.0
    while not condition() and waited < timeout:
        await pilot.pause(0.05)
        waited += 0.05
    return bool(condition())


def main_of(app: Any) -> MainScreen:
    return app.main_screen


# -- 3. read state ------------------------------------------------------------------------


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_starting_and_quitting_changes_no_read_state(db: Path, size: tuple[int, int]) -> None:
    before = stored_read(db)
    app = make_app(db, mark_read_after=DELAY)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await wait_past_delay(pilot)
        assert main_of(app).brief_list.row(0).read is False
        await pilot.press("q")
    assert stored_read(db) == before


async def test_unread_mark_survives_a_restart(db: Path) -> None:
    with Store(db) as store:
        store.set_read(ORDER[0], True)
    app = make_app(db, mark_read_after=DELAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("u")  # unread
        await settle(pilot)
        await wait_past_delay(pilot)
        await pilot.press("4")  # looking at it further does not undo the u
        await wait_past_delay(pilot)
    assert stored_read(db)[ORDER[0]] is False
    app = make_app(db, mark_read_after=DELAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await wait_past_delay(pilot)
    assert stored_read(db)[ORDER[0]] is False


async def test_a_brief_moved_to_is_read_after_the_delay(db: Path) -> None:
    app = make_app(db, mark_read_after=DELAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        await wait_past_delay(pilot)
        lst = main_of(app).brief_list
        assert await until(pilot, lambda: lst.row(1).read is True)
        assert lst.row(0).read is False
        await pilot.press("k")  # back to the first: now chosen, so it is read too
        await settle(pilot)
        await wait_past_delay(pilot)
        assert await until(pilot, lambda: lst.row(0).read is True)
    assert stored_read(db) == {ORDER[0]: True, ORDER[1]: True, ORDER[2]: False, ORDER[3]: False}


async def test_acting_on_the_first_brief_counts(db: Path) -> None:
    app = make_app(db, mark_read_after=DELAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await wait_past_delay(pilot)
    assert stored_read(db)[ORDER[0]] is True


async def test_narrow_list_alone_marks_nothing_a_pane_does(db: Path) -> None:
    """At 80×24 the list tab shows no brief: moving through it reads nothing."""
    app = make_app(db, mark_read_after=DELAY)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        await wait_past_delay(pilot)
        assert stored_read(db)[ORDER[2]] is False
        await pilot.press("2")  # its summary
        await wait_past_delay(pilot)
        assert stored_read(db)[ORDER[2]] is True
        assert stored_read(db)[ORDER[0]] is False


async def test_opening_marks_read_at_once_even_without_a_delay(db: Path) -> None:
    app = make_app(db)  # mark_read_after: null -> only opening marks read
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        await wait_past_delay(pilot)
        assert stored_read(db)[ORDER[1]] is False
        await pilot.press("enter")
        await settle(pilot)
        assert stored_read(db)[ORDER[1]] is True
        assert main_of(app).brief_list.row(1).read is True


async def test_mark_read_after_comes_from_the_settings(db: Path) -> None:
    app = make_app(db, mark_read_after=30.0)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        await wait_past_delay(pilot)
    assert stored_read(db)[ORDER[1]] is False


# -- 2. a focused pane has a cursor ----------------------------------------------------------


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_enter_right_after_focusing_a_pane_acts(db: Path, size: tuple[int, int]) -> None:
    app = make_app(db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("3", "enter")
        assert app.opened[-1][:2] == ("actor", "arla-fenn")
        assert main_of(app).query_one(ActorsPane).highlighted == 0
        await pilot.press("5", "enter")
        assert app.opened[-1] == ("question", "vell-compact-signed")
        await pilot.press("1", "tab", "tab", "tab")  # summary, actors, positions
        assert isinstance(app.focused, PositionsPane)
        assert app.focused.highlighted is not None
        await pilot.press("enter")
        assert app.opened[-1][0] == "actor"


async def test_a_focused_pane_keeps_a_cursor_on_a_new_brief(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        app.post_message(OpenBrief(ORDER[1]))
        await settle(pilot)
        await pilot.press("5")
        assert main_of(app).query_one(QuestionsPane).highlighted == 0


# -- opening a brief ------------------------------------------------------------------------


async def test_a_search_result_opens_the_brief_not_the_list(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        app.post_message(OpenBrief(ORDER[2]))  # what enter on a search result posts
        await settle(pilot)
        main = main_of(app)
        assert main.brief is not None and main.brief.id == ORDER[2]
        assert isinstance(app.focused, SummaryPane) and main.active == "summary"
        assert not isinstance(app.focused, BriefList)
    assert stored_read(db)[ORDER[2]] is True  # opened: read


async def test_opening_from_the_actor_screen_selects_the_actor(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.post_message(OpenBrief(ORDER[3], actor_id="dravia"))
        await settle(pilot)
        main = main_of(app)
        assert main.brief is not None and main.brief.id == ORDER[3]
        assert main.actor_id == "dravia"
        actors = main.query_one(ActorsPane)
        assert app.focused is actors
        assert actors.current is not None and actors.current.id == "dravia"
        positions = main.query_one(PositionsPane)
        assert positions.actor_id == "dravia"


# -- screenshot ----------------------------------------------------------------------------


async def _screenshot(app: Any, pilot: Any) -> str:
    app.deliver_screenshot()
    for _ in range(100):
        await pilot.pause(0.02)
        text = " ".join(str(n.message) for n in app._notifications)
        if "creenshot" in text or "Saved to" in text:
            return text
    raise AssertionError("no notice about the screenshot")


async def test_screenshot_creates_the_downloads_folder_and_says_where(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        text = await _screenshot(app, pilot)
    saved = list((home / "Downloads").glob("*.svg"))
    assert len(saved) == 1
    assert f"Saved to {saved[0]}" in text


async def test_screenshot_falls_back_to_the_data_folder_then_says_why(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "Downloads").write_text("a file where the folder should be")
    monkeypatch.setenv("HOME", str(home))
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        text = await _screenshot(app, pilot)
    saved = list((data / "briefing" / "screenshots").glob("*.svg"))
    assert len(saved) == 1 and f"Saved to {saved[0]}" in text
    # Neither folder can be made: the notice gives the reason, not just "failed".
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocked))
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        text = await _screenshot(app, pilot)
    assert "Could not save the screenshot:" in text and "Downloads" in text


# -- o and r say what is missing ------------------------------------------------------------


async def test_o_without_a_browser_says_so(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    asked: list[str] = []
    # What webbrowser.open answers when it finds no browser to run.
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: asked.append(url) and False)
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        text = " ".join(str(n.message) for n in app._notifications)
    assert asked == ["https://courier.example/vell/compact-stalls"]
    assert "No web browser to open https://courier.example/vell/compact-stalls" in text


async def test_r_without_feeds_names_the_config_file_to_edit(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.config import load_settings
    from briefing.tui.app import BriefingApp

    mine = tmp_path / "mine.yaml"
    mine.write_text("library:\n  sync: []\nui:\n  mark_read_after: null\n")
    app = BriefingApp(load_settings(mine), db, sync=False)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        text = " ".join(str(n.message) for n in app._notifications)
    assert f"Add one under feeds: in {mine}" in text
    default = load_settings(None).user_file
    assert default.name == "config.yaml" and "briefing" in str(default)


# -- the key line ------------------------------------------------------------------------------


def key_line(app: Any) -> str:
    return [s.text for s in app.screen._compositor.render_strips()][-1]


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_the_key_line_shows_what_fits_help_search_and_quit_always(
    db: Path, size: tuple[int, int]
) -> None:
    app = make_app(db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in ("1", "4", "3"):
            await pilot.press(key)
            await settle(pilot)
            line = key_line(app)
            for entry in ("? Help", "/ Search", "q Quit", "^p Commands"):
                assert entry in line, (key, line)
            assert "…" not in line  # entries are left out whole, never cut
        if size == WIDE:
            assert "n Next actor" in line or "n p Arla Fenn" in line
            assert "o Source" in line and "r Fetch" in line


async def test_n_steps_through_actors_with_positions_first(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        seen = []
        for _ in range(6):
            await pilot.press("n")
            seen.append(main_of(app).actor_id)
    # ostra is in the brief but states no position: it comes last.
    assert seen == ["arla-fenn", "dravia", "vell-commission", "delta-farmers", "ostra", "arla-fenn"]


async def test_n_and_p_name_the_selected_actor_on_any_tab(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("4", "n", "n")
        await settle(pilot)
        assert main_of(app).active == "positions"
        assert "n p Dravia 2/5" in key_line(app)
        await pilot.press("p")
        await settle(pilot)
        assert "n p Arla Fenn 1/5" in key_line(app)


# -- the summary pane and the list -------------------------------------------------------------


async def test_summary_pane_puts_the_bottom_line_first_and_keeps_urls_whole(
    tmp_path: Path,
) -> None:
    from helpers.tui import LIBRARY, read_briefs

    (brief, _), *_ = [b for b in read_briefs(LIBRARY) if b[0].id == ORDER[0]]
    brief = brief.model_copy(deep=True)
    url = "https://courier.example/vell/2025/03/04/compact-talks-break-without-a-date-to-resume/amp"
    brief.source[0].url = url
    # Another folder, so the changed copy is not skipped as the same version.
    db = make_library(tmp_path, LIBRARY.parent / "hostile", extra=[brief])
    app = make_app(db, brief_id=ORDER[0])
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        summary = main_of(app).query_one(SummaryPane)
        lines = [strip.text.strip() for strip in summary._lines]
        assert lines[0].startswith("Bottom line: Talks on sharing the Vell River")
        title = lines.index("Upstream states stall on the Vell River water compact")
        assert title > lines.index("") > 0  # after the summary
        start = next(n for n, line in enumerate(lines) if line.startswith("https://"))
        pieces = [line for line in lines[start:] if line][:2]
        assert "".join(pieces) == url  # whole, over two lines
        assert pieces[0].endswith(("/", "-", ".")), pieces  # broken after punctuation


async def test_wide_list_wraps_long_titles_instead_of_cutting_them(tmp_path: Path) -> None:
    from helpers.tui import LIBRARY, read_briefs

    (brief, _), *_ = read_briefs(LIBRARY)
    brief = brief.model_copy(deep=True)
    brief.id = "a-long-title"
    brief.title = "A title long enough to need two lines in the list beside the panes ending here"
    db = make_library(tmp_path, extra=[brief])
    app = make_app(db, brief_id="a-long-title")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        lst = main_of(app).brief_list
        assert lst.ROW_HEIGHT == 3
        text = "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert "ending here" in text
    app = make_app(db, brief_id="a-long-title")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert main_of(app).brief_list.ROW_HEIGHT == 2  # the whole width: one line each
