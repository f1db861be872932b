"""The actor, question and search screens and the palette, through the real reader App."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot

from briefing.config import Settings
from briefing.store import Store
from briefing.tui.app import BriefingApp
from briefing.tui.messages import LibraryChanged, OpenActor, OpenQuestion
from briefing.tui.screens.actor import ActorScreen
from briefing.tui.screens.main import MainScreen
from briefing.tui.screens.question import QuestionScreen
from briefing.tui.screens.search import SearchScreen
from briefing.tui.widgets.actor_timeline import ActorTimeline, BriefEntry
from helpers.tui_screens import build_library, fixture_briefs, screen_text, settle

RESTORED = "restored-2024-05-20"  # actors: mira-danylenko, northgrid, city-council


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_library(tmp_path_factory.mktemp("app") / "library.db", fixture_briefs())


def reader(db: Path, brief_id: str | None = RESTORED) -> BriefingApp:
    return BriefingApp(Settings(library={"sync": []}), db, brief_id, sync=False)


def main_brief(app: BriefingApp) -> str | None:
    brief = app.main_screen.brief
    return brief.id if brief else None


async def test_n_n_enter_opens_second_actor_with_positions_across_briefs(library: Path) -> None:
    app = reader(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        # n/p step through the actors stating positions first: northgrid states none.
        await pilot.press("n", "n", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ActorScreen), screen
        assert screen.actor_id == "city-council"
        assert "actor 2 of 3" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert screen.actor_id == "northgrid" and "actor 3 of 3" in screen_text(app)
        briefs = [r for r in screen.query_one(ActorTimeline).rows if isinstance(r, BriefEntry)]
        assert len(briefs) == 3
        await pilot.press("p")
        await settle(pilot)
        assert screen.actor_id == "city-council"
        await pilot.press("g", "enter")  # the oldest brief naming the council
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert main_brief(app) == "grid-strain-2024-03-01"


async def test_slash_kharkiv_enter_opens_top_hit(library: Path) -> None:
    with Store(library) as store:
        top = store.search("Kharkiv")[0].brief_id
    app = reader(library, brief_id="hostile-2024-06-15")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"Kharkiv", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert main_brief(app) == top


async def test_question_screen_from_the_app_and_back(library: Path) -> None:
    app = reader(library)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.post_message(OpenQuestion("grid-restored-by-winter"))
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert "likely → very-likely" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_library_changed_reloads_the_actor_screen(library: Path, tmp_path: Path) -> None:
    db = build_library(tmp_path / "library.db", fixture_briefs()[:2])
    app = reader(db, brief_id=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.push_screen(ActorScreen("mira-danylenko"))
        await settle(pilot)
        timeline = app.screen.query_one(ActorTimeline)
        assert sum(isinstance(r, BriefEntry) for r in timeline.rows) == 2
        with Store(db) as store:
            store.import_briefs([(b, None) for b in fixture_briefs()[2:]])
        app.post_message(LibraryChanged())
        await settle(pilot)
        assert sum(isinstance(r, BriefEntry) for r in timeline.rows) == 4


async def open_palette(pilot: Pilot[Any], query: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    await pilot.pause(0.5)
    await settle(pilot)


async def test_palette_alias_opens_actor_screen_and_shows_markup_literally(library: Path) -> None:
    app = reader(library)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_palette(pilot, "Shadow")  # an alias of "[bold red]Evil[/] Corp"
        text = screen_text(app)
        assert "[bold red]Evil[/] Corp" in text
        assert "Shadow ␛[2J Holdings" in text and "\x1b" not in text
        commands = app.screen.query_one("CommandList")
        index = next(
            i
            for i in range(commands.option_count)
            if "Evil" in str(commands.get_option_at_index(i).prompt)
        )
        commands.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActorScreen) and app.screen.actor_id == "evil-corp"
        assert "[bold red]Evil[/] Corp" in screen_text(app)


async def test_a_resize_under_the_actor_screen_lays_the_main_screen_out_again(
    library: Path,
) -> None:
    """The reader's screens skip a layout pass at the size they already have (opening the
    actor screen laid the hidden main screen out again); a real resize while another
    screen is on top still reaches both, and the detail pane shows the first row."""
    app = reader(library, brief_id=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        app.push_screen(ActorScreen("mira-danylenko"))
        await settle(pilot)
        actor = app.screen
        assert isinstance(actor, ActorScreen)
        assert "enter opens the brief" in screen_text(app)  # the first row, in full
        await pilot.resize_terminal(150, 44)
        await settle(pilot)
        assert actor.size == (150, 44)
        assert actor.query_one(ActorTimeline).size.width > 140
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is main and main.size == (150, 44)
        assert main.query_one("#briefs").region.height == 44 - 2  # title and key lines


# -- the kept actor screen -------------------------------------------------------------------


async def test_the_actor_screen_is_kept_and_shows_only_the_actor_opened_next(
    library: Path,
) -> None:
    """OpenActor pushes the screen kept from the last open (mounting one is most of an
    open): the next actor's header, rows and detail, nothing left of the last one, and
    the cursor at the top again."""
    app = reader(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.post_message(OpenActor("mira-danylenko", ("mira-danylenko", "northgrid")))
        await settle(pilot)
        first = app.screen
        assert isinstance(first, ActorScreen)
        await pilot.press("j", "j")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and first.is_attached  # kept, not removed
        app.post_message(OpenActor("city-council"))
        await settle(pilot)
        assert app.screen is first and first.actor_id == "city-council"
        text = screen_text(app)
        assert "City Council" in text and "Mira Danylenko" not in text
        assert "actor 1 of 2" not in text  # no siblings this time
        timeline = first.query_one(ActorTimeline)
        assert timeline.cursor == 0 and timeline.display
        store = Store(library)
        try:
            assert [r.brief_id for r in timeline.rows if isinstance(r, BriefEntry)] == [
                role.brief_id for role in store.actor_roles("city-council", offset=0, limit=100)
            ]
        finally:
            store.close()
        assert app.focused is timeline
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_an_actor_opened_from_the_actor_screen_gets_a_screen_of_its_own(
    library: Path,
) -> None:
    """The kept screen is on the stack: another actor opened over it (the palette) gets a
    new screen, and escape comes back to the first actor as it was."""
    app = reader(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.post_message(OpenActor("mira-danylenko"))
        await settle(pilot)
        first = app.screen
        app.post_message(OpenActor("northgrid"))
        await settle(pilot)
        second = app.screen
        assert isinstance(second, ActorScreen) and second is not first
        assert second.actor_id == "northgrid" and first.actor_id == "mira-danylenko"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is first and "Mira Danylenko" in screen_text(app)


async def test_the_kept_actor_screen_follows_a_resize_and_a_theme_change_made_elsewhere(
    library: Path,
) -> None:
    """A resize or a new theme while the main screen shows: the kept screen takes the
    new size class (``-short``) and the new theme's colours when it shows again."""
    app = reader(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.post_message(OpenActor("mira-danylenko"))
        await settle(pilot)
        kept = app.screen
        assert isinstance(kept, ActorScreen) and kept.has_class("-tall")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.resize_terminal(160, 30)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        app.post_message(OpenActor("northgrid"))
        await settle(pilot)
        assert app.screen is kept
        assert kept.has_class("-short") and not kept.has_class("-tall")
        timeline = kept.query_one(ActorTimeline)
        cursor = timeline.get_component_rich_style("row-list--cursor")
        await pilot.press("escape")
        await settle(pilot)
        fresh = ActorScreen("northgrid")
        app.push_screen(fresh)  # a new screen, styled in the new theme as it mounts
        await settle(pilot)
        assert fresh is not kept
        assert fresh.query_one(ActorTimeline).get_component_rich_style("row-list--cursor") == cursor
