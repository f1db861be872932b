"""The reader's main screen, driven with Textual's pilot against a fixture library."""

from __future__ import annotations

import contextlib
import sys
import types
import webbrowser
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.widget import Widget
from textual.worker import WorkerFailed

from briefing.store import Store
from briefing.tui.messages import OpenBrief
from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.main import MainScreen
from briefing.tui.widgets.brief_list import BriefList
from briefing.tui.widgets.panes import (
    ActorsPane,
    PositionsPane,
    QuestionsPane,
    SummaryPane,
    TimelinePane,
)
from briefing.tui.widgets.status import TaskStatus
from briefing.tui.widgets.tag_picker import TagPicker
from helpers.tui import (
    HOSTILE,
    LIBRARY,
    ORDER,
    compare_with_stock_compositor,
    make_app,
    make_library,
    read_briefs,
    screen_text,
    settle,
    synthetic,
)

WIDE = (160, 48)
NARROW = (80, 24)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return make_library(tmp_path)


def main_of(app: Any) -> MainScreen:
    return app.main_screen


def shown(widget: Widget) -> bool:
    """On screen: displayed, with a non-empty region inside the screen."""
    region = widget.region
    return (
        widget.display
        and region.width > 2
        and region.height > 2
        and widget.screen.region.contains_region(region)
    )


# -- layout ---------------------------------------------------------------------------


async def test_wide_layout_shows_list_and_every_pane(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        main = main_of(app)
        for cls in (BriefList, SummaryPane, ActorsPane, PositionsPane, QuestionsPane, TimelinePane):
            assert shown(main.query_one(cls)), cls.__name__
        assert main.brief is not None and main.brief.id == ORDER[0]
        text = screen_text(app)
        assert "4 briefs" in text
        assert "Upstream states stall on the Vell River" in text
        assert "Arla Fenn" in text and "Water Minister" in text and "Republic of Ostra" in text
        assert "Without a cap there is no compact" in text  # the quote
        assert "unlikely" in text and "moderate confidence" in text
        assert "Negotiators meet in Halden" in text
        assert "The Basin Courier · 2025-03-04" in text  # the summary's border
        summary = "\n".join(line.text for line in main.query_one(SummaryPane)._lines)
        assert "https://courier.example/vell/compact-stalls" in summary  # after the summary
        assert isinstance(app.focused, BriefList)


async def test_the_list_paints_first_and_the_panes_follow(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first frame is the brief list (the five panes are mounted once it is painted,
    issue 14's cold start); then every pane is there, showing the first brief."""
    from textual.screen import Screen

    first_paints: list[bool] = []
    paint = Screen._compositor_refresh

    def spy(screen: Screen[Any]) -> None:
        if isinstance(screen, MainScreen) and screen.brief_list.count and not first_paints:
            first_paints.append(screen._panes is None)
        paint(screen)

    monkeypatch.setattr(Screen, "_compositor_refresh", spy)
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        assert first_paints == [True]  # the list painted before any pane was mounted
        main = main_of(app)
        for cls in (SummaryPane, ActorsPane, PositionsPane, QuestionsPane, TimelinePane):
            assert shown(main.query_one(cls)), cls.__name__
        assert "Upstream states stall on the Vell River" in screen_text(app)
        assert "Arla Fenn" in screen_text(app)


async def test_narrow_layout_one_pane_at_a_time_all_reachable(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await settle(pilot)
        main = main_of(app)
        assert main.has_class("-narrow")
        assert shown(main.brief_list)
        assert not main.query_one(SummaryPane).display or not shown(main.query_one(SummaryPane))
        for key, cls in (
            ("2", SummaryPane),
            ("3", ActorsPane),
            ("4", PositionsPane),
            ("5", QuestionsPane),
            ("6", TimelinePane),
        ):
            await pilot.press(key)
            await settle(pilot)
            pane = main.query_one(cls)
            assert shown(pane), cls.__name__
            assert app.focused is pane
            others = [w for w in (main.brief_list, *main.query(".pane")) if w is not pane]
            assert not any(shown(w) for w in others)
        await pilot.press("1")
        await settle(pilot)
        assert shown(main.brief_list) and app.focused is main.brief_list
        # enter on a brief goes to its summary
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is main.query_one(SummaryPane)
        assert "Upstream states stall" in screen_text(app)


# -- the list -------------------------------------------------------------------------


async def test_list_keys_move_cursor_and_panes_follow(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        main = main_of(app)
        lst = main.brief_list
        steps = [
            ("j", 1),
            ("down", 2),
            ("k", 1),
            ("up", 0),
            ("G", 3),
            ("g", 0),
            ("end", 3),
            ("home", 0),
        ]
        for key, index in steps:
            await pilot.press(key)
            await settle(pilot)
            assert lst.cursor == index, key
            assert main.brief is not None and main.brief.id == ORDER[index], key
        await pilot.press("pagedown")
        await settle(pilot)
        assert lst.cursor == 3
        await pilot.press("pageup")
        await settle(pilot)
        assert lst.cursor == 0
        await pilot.press("k")  # stays at the top
        await settle(pilot)
        assert lst.cursor == 0


async def test_a_burst_of_keys_moves_the_list_and_the_panes_follow_once(db: Path) -> None:
    """Keys typed faster than the rest delay move the list alone; the panes then show
    the brief the cursor stopped on, read once (not once per key)."""
    from textual import events

    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        main = main_of(app)
        loads: list[str] = []
        load = main._load_brief
        main._load_brief = lambda brief_id: (loads.append(brief_id), load(brief_id))  # type: ignore[method-assign]
        for key in ("j", "j", "down", "j", "k"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        assert main.brief_list.cursor == 2
        assert main.brief is not None and main.brief.id == ORDER[2]
        assert loads == [ORDER[2]]
        assert "3 of 4" in str(main.brief_list.border_subtitle)


async def test_remapped_list_keys_move_the_list_and_the_old_key_does_not(db: Path) -> None:
    """The lists run their own keys where they land: a ``ui.keys`` override still applies
    there, and a key the list does not bind still reaches the screen and the app."""
    app = make_app(db, keys={"cursor_down": "x", "first": "ctrl+g"})
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        lst = main_of(app).brief_list
        await pilot.press("x", "x")
        await settle(pilot)
        assert lst.cursor == 2
        await pilot.press("j")  # no longer bound: nothing moves
        await settle(pilot)
        assert lst.cursor == 2
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert lst.cursor == 0
        await pilot.press("question_mark")  # the app's key, through the list
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_list_mouse_click_selects(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        main = main_of(app)
        lst = main.brief_list
        # Row 2 (third brief) is lines 4-5 of the content; the border adds one line.
        await pilot.click(BriefList, offset=(5, 1 + 2 * lst.ROW_HEIGHT))
        await settle(pilot)
        assert lst.cursor == 2
        assert main.brief is not None and main.brief.id == ORDER[2]


async def test_lazy_list_5000_briefs_without_a_widget_per_brief(tmp_path: Path) -> None:
    db = make_library(tmp_path, extra=synthetic(5000))
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        lst = main_of(app).brief_list
        assert lst.count == 5004
        widgets = list(app.screen.walk_children(with_self=True))
        assert len(widgets) < 250, len(widgets)
        assert lst.virtual_size.height == 5004 * lst.ROW_HEIGHT
        await pilot.press("G")
        await settle(pilot)
        assert lst.cursor == 5003
        row = lst.highlighted_row
        assert row is not None and row.id == "synthetic-00000"  # oldest last
        assert len(lst._pages) <= BriefList.PAGE_CACHE
        assert "Synthetic brief 0" in screen_text(app)
        await pilot.press("pageup", "pageup", "k")
        await settle(pilot)
        assert lst.cursor < 5003
        assert len(list(app.screen.walk_children(with_self=True))) < 250


async def test_list_wheel_scrolls_and_border_says_where(tmp_path: Path) -> None:
    """The list has no scrollbar (it would say nothing over 100k rows): the wheel still
    scrolls it, and its border shows where the cursor is once it rests."""
    from textual import events

    db = make_library(tmp_path, extra=synthetic(300))
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        lst = main_of(app).brief_list
        assert str(lst.border_subtitle) == "1 of 304"
        for _ in range(5):
            await pilot._post_mouse_events([events.MouseScrollDown], BriefList, offset=(5, 5))
        await settle(pilot)
        assert lst.scroll_offset.y > 0
        await pilot.press("j", "j", "j")
        await settle(pilot)
        assert str(lst.border_subtitle) == "4 of 304"


async def test_partial_repaints_compose_the_lines_stock_textual_would(tmp_path: Path) -> None:
    """The main screen's compositor renders only the repainted lines of each widget;
    every line it sends is the line Textual's own compositor composes for it."""
    from briefing.tui.compositor import LineCropCompositor

    db = make_library(tmp_path, extra=synthetic(300))
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        comp = main_of(app)._compositor
        assert isinstance(comp, LineCropCompositor)
        compared: list[int] = []
        compare_with_stock_compositor(comp, compared)
        for key in ("j", "j", "k", "pagedown", "G", "g", "tab", "j", "shift+tab", "u"):
            await pilot.press(key)
            await settle(pilot)
        assert len(set(compared)) > 20


# -- panes and focus -------------------------------------------------------------------


async def test_tab_and_shift_tab_cycle_panes(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        order = [SummaryPane, ActorsPane, PositionsPane, QuestionsPane, TimelinePane, BriefList]
        for cls in order:
            await pilot.press("tab")
            assert isinstance(app.focused, cls), cls.__name__
        for cls in reversed(order[:-1]):
            await pilot.press("shift+tab")
            assert isinstance(app.focused, cls), cls.__name__


async def test_number_keys_focus_panes(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        for key, cls in zip(
            "654321",
            (TimelinePane, QuestionsPane, PositionsPane, ActorsPane, SummaryPane, BriefList),
            strict=True,
        ):
            await pilot.press(key)
            assert isinstance(app.focused, cls), key


async def test_jk_move_inside_panes(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        main = main_of(app)
        positions = main.query_one(PositionsPane)
        await pilot.press("4")  # a focused pane has its first item highlighted
        assert positions.highlighted == 0
        await pilot.press("j", "j")
        assert positions.highlighted == 2
        await pilot.press("k")
        assert positions.highlighted == 1
        await pilot.press("G")
        assert positions.highlighted == 3
        await pilot.press("g")
        assert positions.highlighted == 0
        # the summary scrolls
        await pilot.press("2")
        summary = main.query_one(SummaryPane)
        await pilot.press("G")
        await pilot.pause()
        assert summary.scroll_y == summary.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert summary.scroll_y == 0


async def test_keys_typed_in_one_burst_follow_the_focus(db: Path) -> None:
    """``4j`` typed fast: the j goes to the positions pane the 4 just focused."""
    from textual import events

    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        main = main_of(app)
        for key in ("4", "j", "j"):  # queued together, no wait between them
            app.post_message(events.Key(key, key))
        await settle(pilot)
        assert isinstance(app.focused, PositionsPane)
        assert main.query_one(PositionsPane).highlighted == 2  # 4 put it on the first
        assert main.brief_list.cursor == 0


async def test_n_p_select_actor_and_highlight_related_items(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        main = main_of(app)
        actors = main.query_one(ActorsPane)
        positions = main.query_one(PositionsPane)
        questions = main.query_one(QuestionsPane)
        timeline = main.query_one(TimelinePane)
        await pilot.press("n")
        await settle(pilot)
        assert main.actor_id == "arla-fenn"
        assert actors.highlighted == 0
        assert isinstance(app.focused, ActorsPane)  # from the list, n goes to the actors
        for pane in (positions, questions, timeline):
            assert pane.actor_id == "arla-fenn"
        assert str(positions.border_subtitle).startswith("Arla Fenn: 1 of 4")
        assert str(questions.border_subtitle).startswith("Arla Fenn: 1 of 2")
        assert str(timeline.border_subtitle).startswith("Arla Fenn: 1 of 3")
        text = screen_text(app)
        assert "▌ Arla Fenn" in text  # the marker on the related position
        await pilot.press("n")  # actors with positions first: ostra states none
        assert main.actor_id == "dravia" and actors.highlighted == 2
        await pilot.press("p", "p")
        assert main.actor_id == "ostra"  # wraps around
        # n/p from another pane keeps the focus there
        await pilot.press("4", "n")
        assert main.actor_id == "arla-fenn"
        assert isinstance(app.focused, PositionsPane)
        # moving the cursor in the actors pane selects too
        await pilot.press("3", "j", "j")
        assert main.actor_id == "dravia"
        assert str(positions.border_subtitle).startswith("Dravia: 1 of 4")


async def test_f_filters_panes_to_the_selected_actor(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        main = main_of(app)
        positions = main.query_one(PositionsPane)
        questions = main.query_one(QuestionsPane)
        timeline = main.query_one(TimelinePane)
        await pilot.press("f")  # no actor yet: nothing happens
        assert not main.filtered
        await pilot.press("n", "n")  # dravia
        await pilot.press("f")
        assert main.filtered
        assert [p.actor for p in positions.items] == ["dravia"]
        assert [q.id for q in questions.items] == ["vell-compact-signed"]
        assert len(timeline.items) == 2
        assert "only Dravia" in str(positions.border_subtitle)
        assert "Summer withdrawal caps" in screen_text(app)
        assert "Delta irrigation" not in screen_text(app)
        await pilot.press("f")
        assert not main.filtered
        assert len(positions.items) == 4
        # filter, then escape clears the filter, then the selection
        await pilot.press("f", "escape")
        assert not main.filtered and main.actor_id == "dravia"
        await pilot.press("escape")
        assert main.actor_id is None


async def test_enter_and_a_on_actor_post_open_actor(db: Path) -> None:
    app = make_app(db)
    # In n/p order: the actors stating positions first.
    siblings = ("arla-fenn", "dravia", "vell-commission", "delta-farmers", "ostra")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("a")  # nothing selected yet
        assert app.opened == []
        await pilot.press("n", "n", "n", "n", "n", "enter")
        assert app.opened[-1] == ("actor", "ostra", siblings)
        await pilot.press("1", "a")  # a works from anywhere on the screen
        assert app.opened[-1] == ("actor", "ostra", siblings)
        await pilot.press("n")  # wraps to the first
        await pilot.press("4", "j", "enter")  # enter on a position: its actor
        assert app.opened[-1] == ("actor", "dravia", siblings)


async def test_enter_on_question_posts_open_question(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("5", "enter")  # the first question is under the cursor at once
        assert app.opened[-1] == ("question", "vell-compact-signed")
        await pilot.press("j", "enter")
        assert app.opened[-1] == ("question", "vell-flow-figures")


async def test_the_app_pushes_the_actor_and_question_screens(db: Path) -> None:
    actor_mod = pytest.importorskip("briefing.tui.screens.actor")
    question_mod = pytest.importorskip("briefing.tui.screens.question")
    app = make_app(db, record=False)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n", "enter")
        await settle(pilot, ready=None)
        assert isinstance(app.screen, actor_mod.ActorScreen)
        await pilot.press("escape")
        await settle(pilot, ready=None)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("5", "j", "enter")
        await settle(pilot, ready=None)
        assert isinstance(app.screen, question_mod.QuestionScreen)
        app.post_message(OpenBrief("ostra-port-strike"))
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert main_of(app).brief.id == "ostra-port-strike"


# -- read state ----------------------------------------------------------------------


async def test_u_toggles_read_and_it_persists_across_restarts(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        lst = main_of(app).brief_list
        assert lst.highlighted_row.read is False
        assert "●" in screen_text(app).splitlines()[2]
        await pilot.press("u")
        await settle(pilot)
        assert lst.highlighted_row.read is True
        assert "●" not in screen_text(app).splitlines()[2]
        await pilot.press("j", "u")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
    with Store(db) as store:
        assert store.is_read(ORDER[0]) is True
        assert store.is_read(ORDER[1]) is False
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        lst = main_of(app).brief_list
        assert lst.row(0).read is True and lst.row(1).read is False
        await pilot.press("u")
        await settle(pilot)
    with Store(db) as store:
        assert store.is_read(ORDER[0]) is False


async def test_a_read_mark_waits_for_a_write_lock_held_past_the_busy_timeout(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A staged load's last transaction can hold the write lock for longer than the busy
    timeout; a read mark made meanwhile waits for it and is saved, not lost with a
    "database is locked" notice."""
    import sqlite3

    monkeypatch.setattr("briefing.store.base.BUSY_TIMEOUT_S", 0.1)
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        blocker = sqlite3.connect(db, isolation_level=None)
        try:
            blocker.execute("BEGIN IMMEDIATE")  # the write lock, as a staged merge holds it
            await pilot.press("u")
            await pilot.pause(0.8)  # eight busy timeouts
            assert main_of(app).brief_list.highlighted_row.read is False  # still waiting
            blocker.execute("COMMIT")
        finally:
            blocker.close()
        await settle(pilot)
        assert main_of(app).brief_list.highlighted_row.read is True
        assert "locked" not in screen_text(app)
    with Store(db) as store:
        assert store.is_read(ORDER[0]) is True


# -- tag filter, source, fetch ---------------------------------------------------------


async def test_t_filters_the_list_by_tag(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        lst = main_of(app).brief_list
        await pilot.press("t")
        await settle(pilot, ready=None)
        assert isinstance(app.screen, TagPicker)
        text = screen_text(app)
        assert "#vell-basin" in text and "#energy" in text
        options = app.screen.query_one("TagOptions")
        while options.highlighted_option.id != "energy":  # most used tags come first
            await pilot.press("j")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert lst.tag == "energy" and lst.count == 1
        assert main_of(app).brief.id == "northreach-tariff-delay"
        assert "#energy: 1 of 4 briefs" in screen_text(app)
        await pilot.press("t", "escape")  # cancel keeps the filter
        await settle(pilot)
        assert lst.tag == "energy"
        await pilot.press("escape")  # escape on the main screen clears it
        await settle(pilot)
        assert lst.tag is None and lst.count == 4
        # the cursor stays on the brief it was on
        assert main_of(app).brief.id == "northreach-tariff-delay"


async def test_o_opens_the_source_url(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert opened == ["https://courier.example/vell/compact-stalls"]
        await pilot.press("G")  # the draft has no source
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert len(opened) == 1
        assert "no web link" in screen_text(app)


async def test_o_refuses_non_web_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    db = make_library(tmp_path, HOSTILE)
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert opened == []  # javascript: never reaches the browser


async def test_r_without_feeds_support_shows_a_notice(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "briefing.feeds", None)  # import fails
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert "Fetching is not available" in screen_text(app)


async def test_r_without_configured_feeds_shows_a_notice(db: Path) -> None:
    pytest.importorskip("briefing.feeds")
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert "No feeds to fetch" in screen_text(app)


async def test_r_fetches_and_new_briefs_appear(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = make_library(tmp_path)
    ((hostile, _),) = read_briefs(HOSTILE)
    progress_seen: list[Any] = []

    async def fetch_into_library(settings: Any, db_path: Path, progress: Any = None) -> Any:
        with Store(db_path) as store:
            store.import_brief(hostile)
        if progress:
            progress(types.SimpleNamespace(done=1, total=1))
            progress_seen.append(True)
        feed = types.SimpleNamespace(
            name="[b]Bad feed[/b]", url="https://x.example", error="timed out \x1b[2J", failed=[]
        )
        return types.SimpleNamespace(new=1, updated=0, feeds=[feed])

    fake = types.ModuleType("briefing.feeds")
    fake.fetch_into_library = fetch_into_library  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "briefing.feeds", fake)
    app = make_app(db)
    app.settings.feeds = [types.SimpleNamespace(url="https://x.example", name=None, enabled=True)]  # type: ignore[list-item]
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        assert main_of(app).brief_list.count == 4
        await pilot.press("r")
        await settle(pilot)
        lst = main_of(app).brief_list
        assert lst.count == 5
        assert progress_seen
        text = screen_text(app)
        assert "Fetched: 1 new" in text
        assert "[b]Bad feed[/b]: timed out ␛[2J" in text
        assert app.is_running


async def test_sync_on_start_refreshes_the_list_and_reports_refused_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = make_library(tmp_path)
    ((hostile, origin),) = read_briefs(HOSTILE)
    calls: list[Any] = []

    def sync_folders(store: Any, folders: Any, limits: Any, progress: Any = None) -> Any:
        calls.append(list(folders))
        store.import_brief(hostile, origin=origin)
        if progress:
            progress(1, 2)
            progress(2, 2)
        return types.SimpleNamespace(
            new=[hostile.id],
            updated=[],
            unchanged=[],
            refused=["bad.yaml:1:1: title: [@click=app.quit]nope[/] \x1b]0;x\x07"],
        )

    fake = types.ModuleType("briefing.sync")
    fake.sync_folders = sync_folders  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "briefing.sync", fake)
    app = make_app(db)
    app.settings.library.sync = [LIBRARY]
    app.sync_on_start = True
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert calls == [[LIBRARY]]
        lst = main_of(app).brief_list
        assert lst.count == 5
        assert not main_of(app).query_one(TaskStatus).has_class("-busy")  # progress gone
        text = screen_text(app)
        assert "Synced: 1 new" in text
        assert "[@click=app.quit]nope[/] ␛]0;x␇" in text
        assert app.is_running


# -- app keys --------------------------------------------------------------------------


async def test_key_line_shows_keys_and_a_click_presses_one(db: Path) -> None:
    from briefing.tui.widgets.chrome import KeyBar, TitleBar

    app = make_app(db, keys={"toggle_read": "x"})
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        line = screen_text(app).splitlines()[-1]
        assert "? Help" in line and "x Read/unread" in line and "^p Commands" in line
        assert "4 briefs" in screen_text(app).splitlines()[0]  # the title line
        assert app.screen.query_one(TitleBar).region.height == 1
        help_x = line.index("? Help")
        await pilot.click(KeyBar, offset=(help_x + 1, 0))
        await settle(pilot, ready=None)
        assert isinstance(app.screen, HelpScreen)


async def test_help_lists_every_binding_with_overrides(db: Path) -> None:
    app = make_app(db, keys={"next_actor": "right_square_bracket", "toggle_read": "x"})
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot, ready=None)
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text
        for binding_id in (
            "cursor_down",
            "cursor_up",
            "first",
            "last",
            "next_pane",
            "previous_pane",
            "focus_list",
            "focus_summary",
            "focus_actors",
            "focus_positions",
            "focus_questions",
            "focus_timeline",
            "next_actor",
            "previous_actor",
            "filter_actor",
            "open_actor",
            "select",
            "search",
            "command_palette",
            "help",
            "quit",
            "back",
            "open_source",
            "toggle_read",
            "filter_tag",
            "fetch",
        ):
            assert binding_id in text, binding_id
        lines = {line.split()[-1]: line for line in text.splitlines() if line.strip()}
        assert lines["next_actor"].startswith("]")
        assert lines["toggle_read"].startswith("x")
        assert lines["previous_actor"].startswith("p")
        shown_text = screen_text(app)
        assert "Next actor" in shown_text and "toggle_read" in shown_text
        await pilot.press("escape")
        await settle(pilot, ready=None)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("right_square_bracket")  # the override works
        assert main_of(app).actor_id == "arla-fenn"
        await pilot.press("1", "n")  # and the old key no longer does
        assert main_of(app).actor_id == "arla-fenn"


async def test_q_quits(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_escape_goes_back_from_pushed_screens(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        # on the main screen: the actor the focused pane selected, then back to the list
        await pilot.press("3", "escape", "escape")
        assert isinstance(app.focused, BriefList)
        await pilot.press("escape")  # nothing more to undo: stays
        assert app.is_running and isinstance(app.screen, MainScreen)


async def test_slash_opens_search(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot, ready=None)
        try:
            from briefing.tui.screens.search import SearchScreen
        except ImportError:
            assert "Search is not part of this build" in screen_text(app)
        else:
            assert isinstance(app.screen, SearchScreen)


async def test_ctrl_p_opens_the_command_palette_with_app_commands(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot, ready=None)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"filter by tag")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot, ready=None)
        assert isinstance(app.screen, TagPicker)


async def test_open_brief_message_selects_the_brief(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        app.post_message(OpenBrief("vell-compact-draft"))
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert main_of(app).brief_list.cursor == 3
        assert main_of(app).brief.id == "vell-compact-draft"


async def test_start_on_a_brief_id(db: Path) -> None:
    app = make_app(db, brief_id="ostra-port-strike")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        assert main_of(app).brief.id == "ostra-port-strike"


async def test_empty_library(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "No briefs here yet" in text and "0 briefs" in text
        for key in ("j", "G", "n", "f", "u", "o", "enter", "3", "j", "a"):
            await pilot.press(key)
        assert app.is_running


# -- themes and untrusted text ----------------------------------------------------------


@pytest.mark.parametrize("theme", ["textual-light", "nord"])
async def test_theme_from_settings(db: Path, theme: str) -> None:
    app = make_app(db, theme=theme)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        assert app.theme == theme


async def test_unknown_theme_warns(db: Path) -> None:
    app = make_app(db, theme="no-such-theme")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        assert "Unknown theme 'no-such-theme'" in screen_text(app)


async def test_markup_and_escapes_show_literally(tmp_path: Path) -> None:
    db = make_library(tmp_path, LIBRARY, HOSTILE)
    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        main = main_of(app)
        assert main.brief.id == "hostile-brief"
        await pilot.press("n")  # select Mallory: names, quotes re-render highlighted
        await settle(pilot)
        text = screen_text(app)
        assert "\x1b" not in text and "\x07" not in text
        assert "[bold red]X[/] ␛[31mred␛[0m" in text  # the list and the summary head
        assert "[@click=app.quit]go[/]" in text  # summary and quote
        assert "[link=https://evil.example]here[/link]" in text
        assert "[b]Mallory[/b] ␛]0;pwned␇" in text
        assert "[@click=app.quit]role[/]" in text
        assert "[reverse]topic[/]" in text
        assert "Will [bold]this[/bold] ␛[1mwork?" in text
        assert "[@click=app.quit]event[/]" in text
        assert "[@click=app.quit]Evil Press[/]" in text
        # clicking on the would-be action links does nothing
        for pane in (SummaryPane, PositionsPane, TimelinePane):
            widget = main.query_one(pane)
            for y in range(1, 6):
                await pilot.click(widget, offset=(4, y))
        await settle(pilot)
        assert app.is_running
        # a notification carrying brief text stays literal too
        app.post_message(OpenBrief("[@click=app.quit]nope[/] \x1b[2J"))
        await settle(pilot)
        assert "No brief with id '[@click=app.quit]nope[/] ␛[2J'" in screen_text(app)
        assert app.is_running


async def test_a_failing_store_query_is_a_notice_not_a_crash(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.errors import StoreError

    def broken(self: Store, brief_id: str) -> None:
        raise StoreError(f"{db}: database is locked \x1b[2J")

    app = make_app(db)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Store, "get_brief", broken)
        await pilot.press("j")
        # The brief's worker fails by design. When settle finds it still running, its
        # wait raises that failure (seen under load); what the app makes of it is
        # asserted below.
        with contextlib.suppress(WorkerFailed):
            await settle(pilot, ready=None)
        await pilot.pause(0.2)
        await settle(pilot, ready=None)
        assert app.is_running
        assert "database is locked ␛[2J" in screen_text(app)


async def test_start_up_sync_scans_file_stamps_only_after_the_list_is_painted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14: the first painted list does not wait for (or share the GIL with) the
    sync's scan of every file stamp."""
    import briefing.sync as sync_module

    db = make_library(tmp_path)
    seen: list[tuple[int | None, bool]] = []
    real = sync_module.plan_files

    def plan_files(paths: Any, known: Any = None) -> Any:
        lst = main_of(app).brief_list
        seen.append((lst.count, bool(lst.row(0)) and app.screen is main_of(app)))
        return real(paths, known)

    monkeypatch.setattr(sync_module, "plan_files", plan_files)
    app = make_app(db)
    app.settings.library.sync = [LIBRARY]
    app.sync_on_start = True
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert len(seen) == 1  # the sync ran, once
        count, painted = seen[0]
        assert count is not None and count > 0 and painted
        assert main_of(app).brief_list.count >= count
