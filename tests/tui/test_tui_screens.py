"""The actor, question and search screens and the palette providers, against a real Store.

A small host App stands in for the reader's App: it has the same ``store`` contract
(one Store per thread) and records the navigation messages the screens post.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input

import briefing.tui.screens.actor as actor_screen
from briefing.config import Settings
from briefing.errors import StoreError
from briefing.model import Brief
from briefing.store import Store
from briefing.tui.app import BriefingApp
from briefing.tui.commands import ActorsProvider, BriefsProvider
from briefing.tui.contract import ReaderApp
from briefing.tui.messages import LibraryChanged, OpenActor, OpenBrief, OpenQuestion
from briefing.tui.screens.actor import ActorScreen
from briefing.tui.screens.question import QuestionScreen
from briefing.tui.screens.search import SearchScreen
from briefing.tui.widgets.actor_timeline import (
    ActorTimeline,
    BriefEntry,
    PositionEntry,
    TimelinePages,
    first_page,
    heights_of,
)
from briefing.tui.widgets.question_history import QuestionHistory
from briefing.tui.widgets.search_results import SearchResults, snippet_text
from helpers import ROOT
from helpers.tui import compare_with_stock_compositor
from helpers.tui_screens import assert_literal, build_library, fixture_briefs, screen_text, settle

SCREENS_TCSS = ROOT / "src" / "briefing" / "tui" / "screens.tcss"
QUESTION = "grid-restored-by-winter"
MIRA_SIBLINGS = ("mira-danylenko", "northgrid", "city-council")


def prolific_briefs(briefs: int = 250, per_brief: int = 20) -> list[Brief]:
    """``briefs * per_brief`` positions by one actor (5,000 by default)."""
    out = []
    for b in range(briefs):
        out.append(
            Brief.model_validate(
                {
                    "id": f"prolific-{b:04d}",
                    "title": f"Prolific brief {b}",
                    "date": dt.date(2020, 1, 1) + dt.timedelta(days=b),
                    "summary": "Generated.",
                    "actors": [{"id": "prolific", "name": "Prolific Speaker", "role": f"R{b % 3}"}],
                    "positions": [
                        {
                            "actor": "prolific",
                            "topic": f"Topic {p}",
                            "position": f"Position {b}.{p} " + "words " * 20,
                            "stance": "supports",
                            "quote": f"Quote {b}.{p}" if p % 2 else None,
                        }
                        for p in range(per_brief)
                    ],
                }
            )
        )
    return out


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_library(tmp_path_factory.mktemp("lib") / "library.db", fixture_briefs())


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_library(tmp_path_factory.mktemp("big") / "library.db", prolific_briefs())


class HostApp(App[None]):
    """A screen alone in an App keeping the reader's contract (:class:`ReaderApp`):
    ``store`` per thread, failed workers reported as the real App does; navigation
    messages are recorded instead of routed."""

    CSS_PATH = [str(SCREENS_TCSS)]
    COMMANDS = App.COMMANDS | {BriefsProvider, ActorsProvider}

    def __init__(self, db: Path, first: Any = None) -> None:
        super().__init__()
        self.db = self.db_path = db
        self.settings = Settings()
        self.first = first
        self.opened: list[tuple[str, Any]] = []
        self._local = threading.local()
        self._stores: list[Store] = []

    @property
    def store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db)
            self._stores.append(store)
        return store

    @property
    def list_store(self) -> Store:
        return self.store  # a Store answers everything a Listing does

    def on_mount(self) -> None:
        if self.first is not None:
            self.push_screen(self.first)

    def on_unmount(self) -> None:
        for store in self._stores:
            store.close()

    report_failed_worker = BriefingApp.report_failed_worker

    def on_open_brief(self, message: OpenBrief) -> None:
        self.opened.append(("brief", message.brief_id))

    def on_open_actor(self, message: OpenActor) -> None:
        self.opened.append(("actor", message.actor_id))

    def on_open_question(self, message: OpenQuestion) -> None:
        self.opened.append(("question", message.question_id))


def test_host_app_keeps_the_reader_contract(library: Path, tmp_path: Path) -> None:
    """The screens here run in HostApp; the reader runs them in BriefingApp: both keep
    the contract the screens and widgets are typed against."""
    host = HostApp(library)
    real = BriefingApp(Settings(), tmp_path / "library.db")
    try:
        assert isinstance(host, ReaderApp)
        assert isinstance(real, ReaderApp)
    finally:
        host.on_unmount()
        real.close_stores()


# -- actor screen --------------------------------------------------------------------------


async def test_actor_screen_lists_briefs_and_positions_by_date(library: Path) -> None:
    app = HostApp(library, ActorScreen("mira-danylenko", MIRA_SIBLINGS))
    async with app.run_test(size=(120, 48)) as pilot:
        await settle(pilot)
        timeline = app.screen.query_one(ActorTimeline)
        dates = [r.date for r in timeline.rows if isinstance(r, BriefEntry)]
        assert dates == ["2024-03-01", "2024-04-10", "2024-05-20", "2024-06-15"]
        positions = [r.row for r in timeline.rows if isinstance(r, PositionEntry)]
        assert [p.brief_date for p in positions] == sorted(p.brief_date for p in positions)
        assert len(positions) == 5
        text = screen_text(app)
        assert "Mira Danylenko" in text and "actor 1 of 3" in text
        assert "Energy Minister Danylenko" in text  # aliases
        assert "Deputy Energy Minister" in text and "2024-04-10 → 2024-06-15" not in text
        assert "“We will have the substations back before the spring thaw.”" in text


async def test_actor_screen_n_p_step_through_siblings(library: Path) -> None:
    app = HostApp(library, ActorScreen("mira-danylenko", MIRA_SIBLINGS))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen and screen.actor_id == "northgrid"
        assert "actor 2 of 3" in screen_text(app)
        assert "NorthGrid Operator" in screen_text(app)
        await pilot.press("p", "p")
        await settle(pilot)
        assert screen.actor_id == "city-council"  # wrapped round
        assert "actor 3 of 3" in screen_text(app)
        assert "Kharkiv City Council" in screen_text(app)


async def test_actor_screen_enter_opens_brief_and_escape_pops(library: Path) -> None:
    app = HostApp(library, ActorScreen("northgrid"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the first brief's header
        await pilot.press("j", "j", "j", "enter")  # a position of the second brief
        await pilot.pause()
        assert app.opened == [("brief", "grid-strain-2024-03-01"), ("brief", "repairs-2024-04-10")]
        timeline = app.screen.query_one(ActorTimeline)
        await pilot.click(ActorTimeline, offset=(4, 0))  # first click: highlight
        assert timeline.cursor == 0 and len(app.opened) == 2
        await pilot.click(ActorTimeline, offset=(4, 0))  # on the highlighted row: open
        assert app.opened[-1] == ("brief", "grid-strain-2024-03-01")
        await pilot.press("G", "g", "end", "pageup", "pagedown")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ActorScreen)


async def test_actor_screen_with_5000_positions_is_lazy(big_library: Path) -> None:
    """Structure, not timing (benchmarks/bench_actor.py times it): no widget per row,
    and only the pages on screen are ever built."""
    app = HostApp(big_library)
    async with app.run_test(size=(160, 48)) as pilot:
        app.push_screen(ActorScreen("prolific"))
        await settle(pilot)
        screen = app.screen
        timeline = screen.query_one(ActorTimeline)
        assert timeline.row_count == 5_000 + 250
        assert len(list(screen.query("*"))) < 40  # no widget per position
        assert sum(row is not None for row in timeline.rows) == ActorTimeline.PAGE_SIZE
        for _ in range(10):
            await pilot.press("j")
        assert timeline.cursor == 10
        await pilot.press("G")
        await settle(pilot)  # the last page loads in a worker
        assert timeline.cursor == timeline.row_count - 1
        assert "Position 249.19" in screen_text(app)
        assert sum(row is not None for row in timeline.rows) < 4 * ActorTimeline.PAGE_SIZE


async def test_actor_screen_frames_are_the_ones_stock_textual_composes(
    big_library: Path,
) -> None:
    """The actor screen's compositor leaves out the lines other widgets cover (the
    screen's own background under its widgets): every frame, full or partial, as it
    opens, moves and shows a notification over the list, is the one Textual's own
    compositor composes, and once the rows cover it the screen's background is never
    rendered."""
    from briefing.tui.compositor import LineCropCompositor

    app = HostApp(big_library)
    compared: list[int] = []
    background: list[Any] = []
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        screen = ActorScreen("prolific")
        comp = screen._compositor
        assert isinstance(comp, LineCropCompositor)
        compare_with_stock_compositor(comp, compared)
        screen_lines = screen.render_lines

        def spy(crop: Any) -> Any:
            if comp._get_renders is not None and "_get_renders" not in vars(comp):
                background.append(crop)  # asked by our compositor, not the stock one
            return screen_lines(crop)

        screen.render_lines = spy  # type: ignore[method-assign]
        app.push_screen(screen)
        await settle(pilot)
        background.clear()  # before the rows came, the background showed
        for key in ("j", "j", "pagedown", "G", "g", "n", "j", "k"):
            await pilot.press(key)
            await settle(pilot)
        assert len(set(compared)) == 48
    assert background == []


async def test_actor_screen_page_that_fails_leaves_placeholders(
    big_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    positions = Store.actor_positions

    def locked_after_first_page(self: Store, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("offset"):
            raise StoreError("database is locked")
        return positions(self, *args, **kwargs)

    monkeypatch.setattr(Store, "actor_positions", locked_after_first_page)
    app = HostApp(big_library, ActorScreen("prolific"))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        timeline = app.screen.query_one(ActorTimeline)
        await pilot.press("G")
        await settle(pilot)
        assert timeline.cursor == timeline.row_count - 1 and timeline.highlighted_row is None
        assert "···" in screen_text(app) and app.is_running
        await pilot.press("enter", "g")  # nothing to open on a placeholder; back to the top
        await settle(pilot)
        assert app.opened == [] and timeline.highlighted_row is not None


def test_timeline_pages_read_by_page_what_one_read_gives(big_library: Path) -> None:
    with Store(big_library) as store:
        pages = TimelinePages(store, "prolific", store.actor_layout("prolific"))
        whole = pages(0, len(pages.layout))
        assert len(whole) == 5_250 and whole[0].first
        assert [pages(i, 7) for i in range(0, 70, 7)] == [whole[i : i + 7] for i in range(0, 70, 7)]
        assert pages(5_243, 64) == whole[5_243:]  # a short last page
        timeline = ActorTimeline()
        assert heights_of(pages.layout) == [timeline.row_height(i, e) for i, e in enumerate(whole)]
        heads = [e for e in whole if isinstance(e, BriefEntry)]
        assert {e.position_count for e in heads} == {20} and heads[1].role == "R1"


def test_first_page_without_the_layout_is_the_layouts_first_page(big_library: Path) -> None:
    """20 positions a brief: the positions read for a page end inside a brief, whose
    count is then asked for."""
    with Store(big_library) as store:
        pages = TimelinePages(store, "prolific", store.actor_layout("prolific"))
        for limit in (1, 5, 21, 22, 64, 300):
            assert first_page(store, "prolific", limit) == pages(0, limit), limit
        assert first_page(store, "nobody-at-all", 64) == []


def test_card_spans_are_the_heads(library: Path, big_library: Path) -> None:
    """The card's latest role spans, read from the newest briefs, are the header's."""
    for db in (library, big_library):
        with Store(db) as store:
            for actor in store.actors():
                card, head = store.actor_card(actor.id), store.actor_head(actor.id)
                assert card is not None and head is not None
                assert card.spans == head.spans and card.earlier == (head.span_count > 4)


def test_card_spans_from_a_short_window(big_library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Roles change every brief here: 10 rows settle the 4 latest spans; 3 rows do not."""
    import briefing.store.actors as actors

    with Store(big_library) as store:
        head = store.actor_head("prolific")
        assert head is not None
        monkeypatch.setattr(actors, "CARD_ROLE_ROWS", 10)
        card = store.actor_card("prolific")
        assert card is not None and card.spans == head.spans and card.earlier
        monkeypatch.setattr(actors, "CARD_ROLE_ROWS", 3)
        card = store.actor_card("prolific")
        assert card is not None and card.spans is None


@pytest.fixture(scope="module")
def busy_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One actor in 150 briefs, three positions in each: 600 timeline rows."""
    briefs = prolific_briefs(briefs=150, per_brief=3)
    return build_library(tmp_path_factory.mktemp("busy") / "library.db", briefs)


async def test_big_actor_paints_its_first_page_first_and_scrolls_to_the_end(
    busy_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An actor in many briefs (the threshold lowered to this one's 150): its card and
    first page are on screen while the layout is still being read; then the list takes
    its full length, the cursor stays where the user moved it, and scrolling through
    the list to the end loads every row, page by page."""
    monkeypatch.setattr(actor_screen, "FIRST_PAGE_BRIEFS", 100)
    layout = Store.actor_layout
    reading = threading.Event()

    def held_layout(self: Store, actor_id: str) -> str:
        reading.wait(10)  # the rest is read only once the test lets it
        return layout(self, actor_id)

    monkeypatch.setattr(Store, "actor_layout", held_layout)
    app = HostApp(busy_library, ActorScreen("prolific"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ActorScreen)
        timeline = screen.query_one(ActorTimeline)
        for _ in range(300):
            await pilot.pause(0.01)
            if screen.card is not None:
                break
        assert screen.card is not None and screen.detail is None
        assert timeline.row_count == ActorTimeline.PAGE_SIZE
        assert all(row is not None for row in timeline.rows)
        text = screen_text(app)
        assert "Prolific Speaker" in text and "150 briefs · oldest first" in text
        assert "Position 0.0" in text and "···" not in text
        # The latest roles are on the card already (R2, R1, R0, R2 from the newest
        # brief back), and a line for the earlier ones: the header keeps its height.
        assert "2020-05-29               R2" in text and "+… earlier roles" in text
        top = timeline.region.y
        await pilot.press("j", "j")
        reading.set()
        await settle(pilot)
        assert screen.detail is not None and timeline.row_count == 150 * 4
        assert timeline.cursor == 2 and timeline.region.y == top
        text = screen_text(app)
        assert "150 briefs · 450 positions · oldest first" in text
        assert "+146 earlier roles" in text and "2020-05-29               R2" in text
        view = timeline.scrollable_content_region.height
        assert view > 0 and timeline.total_lines > 10 * view
        for y in range(0, timeline.total_lines, view):  # as the wheel or scrollbar does
            timeline.scroll_to(y=y, animate=False, immediate=True)
            await settle(pilot)
        assert all(row is not None for row in timeline.rows)
        with Store(busy_library) as store:
            pages = TimelinePages(store, "prolific", layout(store, "prolific"))
            assert list(timeline.rows) == pages(0, len(pages.layout))
        assert "Position 149.2" in screen_text(app)
        # The library changes: the list stays as it is (no first page) until re-read.
        reading.clear()
        cursor = timeline.cursor
        screen.post_message(LibraryChanged())
        await pilot.pause(0.05)
        assert timeline.row_count == 150 * 4 and screen.card is None
        reading.set()
        await settle(pilot)
        assert timeline.row_count == 150 * 4 and timeline.cursor == cursor


async def test_actor_screen_slow_store_shows_loading_then_keys_work(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    positions = Store.actor_positions

    def slow(self: Store, *args: Any, **kwargs: Any) -> Any:
        time.sleep(1.0)
        return positions(self, *args, **kwargs)

    monkeypatch.setattr(Store, "actor_positions", slow)
    app = HostApp(library, ActorScreen("mira-danylenko"))
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = app.screen.query_one(ActorTimeline)
        for _ in range(40):
            await pilot.pause(0.02)
            if timeline.loading:
                break
        assert timeline.loading
        await settle(pilot)
        await pilot.pause(0.3)  # a late spinner timer must not cover the rows again
        assert not timeline.loading and timeline.row_count
        await pilot.press("j", "j")
        assert timeline.cursor == 2


async def test_actor_screen_short_terminal_keeps_the_latest_roles(library: Path) -> None:
    app = HostApp(library, ActorScreen("mira-danylenko", MIRA_SIBLINGS))
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        assert "2024-03-01               Deputy Energy Minister" in screen_text(app)
        await pilot.resize_terminal(110, 30)  # -short: two role lines, the latest
        await settle(pilot)
        text = screen_text(app)
        assert "Deputy Energy Minister" not in text.split("oldest first")[0]
        assert "2024-04-10 → 2024-05-20  Energy Minister" in text
        assert "4 briefs · 5 positions · oldest first" in text and "actor 1 of 3" in text
        await pilot.resize_terminal(110, 40)
        await settle(pilot)
        assert "2024-03-01               Deputy Energy Minister" in screen_text(app)


async def test_actor_screen_unknown_actor(library: Path) -> None:
    app = HostApp(library, ActorScreen("nobody-at-all"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "No actor with this id" in screen_text(app)
        await pilot.press("enter", "j", "n")
        assert app.opened == []


# -- question screen -----------------------------------------------------------------------


async def test_question_screen_shows_history_and_changes(library: Path) -> None:
    app = HostApp(library, QuestionScreen(QUESTION))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        history = app.screen.query_one(QuestionHistory)
        assert [s.row.brief_date for s in history.rows] == [
            "2024-03-01",
            "2024-04-10",
            "2024-05-20",
        ]
        text = screen_text(app)
        assert "unlikely → likely" in text
        assert "likely → very-likely" in text
        assert "open → resolved" in text
        assert "low → moderate" in text
        assert "Restored on 19 May" in text  # resolution
        assert "All substations are reconnected." in text  # context of the latest
        await pilot.press("g", "enter")
        assert app.opened == [("brief", "grid-strain-2024-03-01")]
        await pilot.press("escape")
        assert not isinstance(app.screen, QuestionScreen)


# -- search screen -------------------------------------------------------------------------


async def test_search_typing_then_enter_opens_top_hit(library: Path) -> None:
    with Store(library) as store:
        top = store.search("Kharkiv")[0].brief_id
    app = HostApp(library, SearchScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"Kharkiv", "enter")  # before the debounce fires
        await settle(pilot)
        assert app.opened == [("brief", top)]


async def test_search_counts_moves_and_opens(library: Path) -> None:
    app = HostApp(library, SearchScreen())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"kharkiv")
        await pilot.pause(0.3)
        await settle(pilot)
        results = app.screen.query_one(SearchResults)
        assert results.row_count == 3
        assert "3 results" in screen_text(app)
        await pilot.press("down", "enter")
        assert app.opened == [("brief", results.rows[1].brief_id)]
        await pilot.press("tab", "k", "enter")
        assert app.opened[-1] == ("brief", results.rows[0].brief_id)
        app.screen.query_one(Input).value = "zzzqqq"
        await pilot.pause(0.3)
        await settle(pilot)
        assert "no results" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, SearchScreen)


HOSTILE_QUERIES = ['"', "AND (", "*", "NEAR(a b", '"unclosed', "-x", "^", "'; --", "[b]x[/b]"]


async def test_search_hostile_queries_do_not_crash(library: Path) -> None:
    app = HostApp(library, SearchScreen(query=HOSTILE_QUERIES[0]))
    async with app.run_test(size=(100, 30)) as pilot:
        for query in HOSTILE_QUERIES:
            app.screen.query_one(Input).value = query
            await pilot.press("enter")  # searches at once, opens the top hit if any
            await settle(pilot)
            text = screen_text(app)
            assert "search failed" not in text, query
            assert "result" in text, query
        assert app.is_running


def test_snippet_markers_become_styles_not_markup() -> None:
    text = snippet_text("[b]x[/b] \x02Kharkiv\x03 and\n\x1b[31m \x02red\x03", "bold")
    assert text.plain == "[b]x[/b] Kharkiv and ␛[31m red"
    assert [text.plain[s.start : s.end] for s in text.spans] == ["Kharkiv", "red"]


# -- untrusted text --------------------------------------------------------------------------


async def test_markup_and_escapes_show_literally(library: Path) -> None:
    app = HostApp(library, ActorScreen("evil-corp"))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[bold red]Evil[/] Corp" in text
        assert "[@click=app.quit]go[/]" in text and "Shadow ␛[2J Holdings" in text
        assert "[b]Markup[/b] topic" in text
        await pilot.press("j")  # the position, in full in the detail pane
        text = screen_text(app)
        assert "Position with [@click=app.quit]a link[/] and ␛[31mescape." in text
        assert "Quote [bold red]X[/] ␛]0;title␇ done" in text
        assert_literal(text)

        app.push_screen(QuestionScreen("hostile-question"))
        await settle(pilot)
        text = screen_text(app)
        assert "Will [bold]anyone[/bold] notice [@click=app.quit]this[/]?" in text
        assert "Context [red]X[/] ␛[1m" in text
        assert_literal(text)

        app.push_screen(SearchScreen(query="Injected"))
        await settle(pilot)
        text = screen_text(app)
        assert "[bold red]Injected[/] title [@click=app.quit]quit[/] ␛[31mred" in text
        assert_literal(text)
        assert app.is_running


# -- command palette -----------------------------------------------------------------------


async def palette_prompts(pilot: Pilot[Any], query: str, expect: str = "") -> list[str]:
    """Open the palette, type ``query``, and return the prompts once ``expect`` shows."""
    app = pilot.app
    app.action_command_palette()
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    options = app.screen.query_one("CommandList")
    prompts: list[str] = []
    for _ in range(100):
        await pilot.pause(0.02)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        if any(expect in p for p in prompts):
            break
    return prompts


async def test_palette_finds_actor_by_alias(library: Path) -> None:
    app = HostApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        prompts = await palette_prompts(pilot, "grid operator", "NorthGrid Operator")
        assert any(p.startswith("NorthGrid Operator") for p in prompts), prompts
        index = next(i for i, p in enumerate(prompts) if p.startswith("NorthGrid Operator"))
        app.screen.query_one("CommandList").highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert ("actor", "northgrid") in app.opened


async def test_palette_finds_brief_by_title_and_shows_markup_literally(library: Path) -> None:
    app = HostApp(library)
    async with app.run_test(size=(120, 30)) as pilot:
        prompts = await palette_prompts(pilot, "Injected", "Injected")
        assert any("[bold red]Injected[/] title [@click=app.quit]quit[/]" in p for p in prompts)
        assert_literal(screen_text(app))
        await pilot.press("escape")
        prompts = await palette_prompts(pilot, "Evil", "Evil")
        assert any("[bold red]Evil[/] Corp" in p for p in prompts), prompts
        assert "[bold red]Evil[/] Corp" in screen_text(app)
        await pilot.press("escape")
        prompts = await palette_prompts(pilot, "", "Mira Danylenko")  # discovery
        assert any("Mira Danylenko" in p for p in prompts)
        assert any("[bold red]Injected[/]" in p for p in prompts)
        assert_literal(screen_text(app))


# -- snapshots -------------------------------------------------------------------------------


def _snap(snap_compare: Any, app: App[Any], size: tuple[int, int] = (110, 36)) -> bool:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause(0.3)
        await settle(pilot)

    return snap_compare(app, terminal_size=size, run_before=run_before)


def test_snapshot_actor_screen(snap_compare: Any, library: Path) -> None:
    assert _snap(snap_compare, HostApp(library, ActorScreen("mira-danylenko", MIRA_SIBLINGS)))


def test_snapshot_question_screen(snap_compare: Any, library: Path) -> None:
    assert _snap(snap_compare, HostApp(library, QuestionScreen(QUESTION)))


def test_snapshot_search_screen(snap_compare: Any, library: Path) -> None:
    assert _snap(snap_compare, HostApp(library, SearchScreen(query="Kharkiv")))
