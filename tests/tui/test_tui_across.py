"""The what-changed, timeline and who-said-what screens, through the real reader App on
a real library (the bundled briefs, the fixture library, and a second version of one
fixture brief)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette

from briefing.config import Settings
from briefing.loader import load_file
from briefing.model import Brief
from briefing.store import Store, TimelineFilter
from briefing.timeline import group_events
from briefing.tui.app import BriefingApp
from briefing.tui.screens.changes import ChangesScreen, DiffView
from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.main import MainScreen
from briefing.tui.screens.timeline import ActorPicker, TimelineScreen
from briefing.tui.screens.topic import TopicScreen
from briefing.tui.widgets.across_lists import TimelineList, TimelinePages, TopicList
from helpers import ROOT, TESTS
from helpers.tui_screens import build_library, screen_text, settle

LIBRARY = TESTS / "fixtures" / "library"
VOTE = "strike-vote-2031-03-05"
TALKS = "harbour-talks-2031-03-01"
BIDEN = "us-weapons-inside-russia-2024-05-30"


def _briefs(paths: list[Path]) -> list[Brief]:
    return [b for p in paths for b in load_file(p).briefs]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("across") / "library.db"
    first = sorted(ROOT.glob("briefs/*.yaml")) + sorted(LIBRARY.glob("*.yaml"))
    build_library(db, _briefs(first))
    build_library(db, _briefs([LIBRARY / "v2" / "2031-03-05-strike-vote.yaml"]))
    return db


def reader(db: Path, brief_id: str | None = VOTE, **ui: Any) -> BriefingApp:
    return BriefingApp(Settings(library={"sync": []}, ui=ui), db, brief_id, sync=False)


# -- versions -------------------------------------------------------------------------


async def test_a_brief_with_an_earlier_version_is_marked_and_c_shows_what_changed(
    library: Path,
) -> None:
    app = reader(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert "◆ version 2 · 1 earlier · c shows what changed" in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ChangesScreen)
        text = screen_text(app)
        assert "version 1 → 2 of 2" in text
        assert "likelihood: likely → very-likely" in text
        assert "- removed petra-holm · Strike mandate" in text
        assert "+ added dockworkers-union · Strike mandate" in text
        lines = [line for _kind, line in screen.query_one(DiffView).lines]
        assert "+This revision corrects the turnout and drops a quote the union disowned." in lines
        await pilot.press("left_square_bracket")  # no older change: stays
        await settle(pilot)
        assert screen.diff is not None and screen.diff.old_version == 1
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.main_screen.brief.id == VOTE


async def test_a_brief_with_one_version_is_not_marked(library: Path) -> None:
    app = reader(library, brief_id=TALKS)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert "what changed" not in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ChangesScreen)
        assert "This brief has one version" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_what_changed_key_is_configurable_and_in_help(library: Path) -> None:
    app = reader(library, keys={"what_changed": "C", "timeline": "ctrl+t", "topic": "W"})
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert "C shows what changed" in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, ChangesScreen)
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        help_text = app.screen.text
        for key, binding in (("C", "what_changed"), ("ctrl+t", "timeline"), ("W", "topic")):
            line = next(line for line in help_text.splitlines() if line.endswith(binding))
            assert line.startswith(key[:4] if key != "ctrl+t" else "^t"), line
        for section in ("What changed (c)", "Timeline (T)", "Who said what (w)"):
            assert section in help_text


# -- timeline -------------------------------------------------------------------------


async def test_timeline_screen_lists_every_event_grouped_and_opens_briefs(library: Path) -> None:
    with Store(library) as store:
        events = store.timeline(TimelineFilter())
    app = reader(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        timeline = screen.query_one(TimelineList)
        assert timeline.row_count == len(events) and None not in timeline.rows
        dates = [item.row.date for item in timeline.rows]
        assert dates == sorted(dates)
        kharkiv = next(
            n
            for n, item in enumerate(timeline.rows)
            if item.member == 0 and len(item.group.others) == 2
        )
        assert timeline.rows[kharkiv + 1].member == 1  # its other tellings follow it
        assert "≈ Germany follows U.S." in screen_text(app)
        timeline.cursor = kharkiv + 2
        await settle(pilot)
        wanted = timeline.rows[kharkiv + 2].brief_id
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.main_screen.brief.id == wanted


async def test_timeline_filters_by_actor_and_tag(library: Path) -> None:
    app = reader(library, brief_id=BIDEN)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        screen = app.screen
        timeline = screen.query_one(TimelineList)
        everything = timeline.row_count
        timeline.cursor = next(
            n for n, item in enumerate(timeline.rows) if "joe-biden" in item.row.actors
        )
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ActorPicker)
        await app.workers.wait_for_complete()
        await settle(pilot)
        # The picker names the actors (events store ids only), the id dim beside it.
        assert "Joe Biden  joe-biden" in screen_text(app)
        await pilot.press("j", "enter")  # the first actor of the event: joe-biden
        await settle(pilot)
        assert screen.where.actor == "joe-biden"
        assert timeline.row_count == 6
        assert all("joe-biden" in item.row.actors for item in timeline.rows)
        assert "actor Joe Biden" in screen_text(app)
        await pilot.press("escape")  # clears the filter first
        await settle(pilot)
        assert app.screen is screen and timeline.row_count == everything
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("j", "enter")  # the most used tag
        await settle(pilot)
        assert screen.where.tag is not None and 0 < timeline.row_count < everything
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


def _many_events(briefs: int = 120) -> list[Brief]:
    """Briefs restating the same few events in their own words, on many dates."""
    out = []
    for b in range(briefs):
        day = dt.date(2030, 1, 1) + dt.timedelta(days=b // 3)
        out.append(
            Brief.model_validate(
                {
                    "id": f"many-{b:04d}",
                    "title": f"Brief {b}",
                    "date": day,
                    "summary": "Generated.",
                    "actors": [{"id": "port-authority", "name": "Port Authority"}],
                    "timeline": [
                        {
                            "date": day.isoformat(),
                            "event": f"The port authority closes terminal {b // 3} for repairs.",
                            "actors": ["port-authority"],
                        },
                        {"date": day.isoformat()[:7], "event": f"Traffic falls ({b})."},
                        {"date": f"{day.year}", "event": f"Unrelated detail number {b}."},
                    ],
                }
            )
        )
    return out


@pytest.mark.parametrize("where", [TimelineFilter(), TimelineFilter(actor="port-authority")])
def test_timeline_pages_match_the_whole_timeline_grouped(
    tmp_path: Path, where: TimelineFilter
) -> None:
    """A page read on its own is the same slice of the grouped timeline as when the
    whole library is read at once (groups never split across pages), whether it pages
    off the date index (everything) or off the filter's keys (an actor)."""
    db = build_library(tmp_path / "many.db", _many_events())
    with Store(db) as store:
        whole = [
            (row.brief_id, row.ordinal)
            for group in group_events(store.timeline(where))
            for row in group.rows
        ]
        pages = TimelinePages(store, where)
        assert pages.count() == len(whole) == (360 if where.actor is None else 120)
        for offset in (0, 7, 64, 100, 128, 300, len(whole) - 5):
            got = [(i.row.brief_id, i.row.ordinal) for i in pages(offset, 64)]
            assert got == whole[offset : offset + 64], offset
        if where.actor is not None:
            return
        # The three briefs of a day tell one closing: grouped; different figures are
        # different events.
        groups = [g for g in group_events(store.timeline(TimelineFilter())) if g.others]
    assert len(groups) == 40 and all(len(g.rows) == 3 for g in groups)
    assert all("closes terminal" in g.head.event for g in groups)


async def test_timeline_screen_loads_a_big_library_by_page(tmp_path: Path) -> None:
    db = build_library(tmp_path / "many.db", _many_events())
    app = reader(db, brief_id=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        timeline = app.screen.query_one(TimelineList)
        assert timeline.row_count == 360
        assert None in timeline.rows  # pages off screen are not read yet
        await pilot.press("G")
        await settle(pilot)
        assert timeline.highlighted_row is not None
        assert timeline.highlighted_row.row.date == "2030-02-09"


# -- who said what --------------------------------------------------------------------


async def test_topic_screen_one_row_per_actor_with_the_stance_trail(library: Path) -> None:
    app = reader(library, brief_id=BIDEN)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TopicScreen)
        await pilot.press(*"weapons inside Russia", "enter")
        await settle(pilot)
        topic = screen.query_one(TopicList)
        ids = [row.actor_id for row in topic.rows]
        assert len(ids) >= 4 and {"joe-biden", "vladimir-putin"} <= set(ids)
        assert ids[0] == "joe-biden"  # most positions first
        text = screen_text(app)
        assert "2024-05-30 supports → 2024-05-30 supports → 2024-05-30 supports" in text
        assert "opposes" in text  # Putin
        assert topic.chosen == topic.rows[0].positions[-1]  # the latest stance first
        await pilot.press("left", "left")
        await settle(pilot)
        chosen = topic.chosen
        assert chosen == topic.rows[0].positions[0]
        await pilot.press("left")  # no earlier stance: stays
        assert topic.chosen == chosen
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.main_screen.brief.id == chosen.brief_id


async def test_topic_and_timeline_from_the_palette(library: Path) -> None:
    app = reader(library)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for command, screen in (("Who said what", TopicScreen), ("Timeline", TimelineScreen)):
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*command)
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, screen), app.screen
            await pilot.press("escape")
            await settle(pilot)


async def test_timeline_from_the_actor_screen_is_that_actors(library: Path) -> None:
    from briefing.tui.messages import OpenActor

    app = reader(library, brief_id=BIDEN)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.post_message(OpenActor("joe-biden"))
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TimelineScreen) and screen.where.actor == "joe-biden"
        assert screen.query_one(TimelineList).row_count == 6


async def test_the_new_screens_keys_are_known_to_ui_keys(library: Path) -> None:
    """Overriding a key of the new screens is not reported as an unknown binding id,
    and the override works there."""
    overrides = {"timeline_actor": "A", "older_change": "comma", "earlier_stance": "H"}
    app = reader(library, keys=overrides)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert not [n for n in app._notifications if "Unknown binding" in n.message]
        await pilot.press("T")
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, ActorPicker)


async def test_hostile_text_is_shown_literally_on_the_new_screens(tmp_path: Path) -> None:
    """Markup and escape sequences in a brief, in both of its versions, never reach the
    terminal as markup or escapes on the what-changed, timeline and topic screens."""
    from helpers.tui_screens import assert_literal

    hostile = load_file(TESTS / "fixtures" / "tui" / "hostile" / "2025-03-10-hostile.yaml").briefs[
        0
    ]
    later = hostile.model_copy(
        update={
            "updated": dt.datetime(2025, 3, 11, tzinfo=dt.UTC),
            "summary": hostile.summary + "\n\n[@click=app.quit]more[/] \x1b[2J",
            "timeline": [
                e.model_copy(update={"event": e.event + " \x1b]0;x\x07"}) for e in hostile.timeline
            ],
        }
    )
    db = build_library(tmp_path / "hostile.db", [hostile.model_copy(update={"updated": None})])
    build_library(db, [later])
    app = reader(db, brief_id="hostile-brief")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for keys, shown in (
            (["c"], "+[@click=app.quit]more[/] ␛[2J"),
            (["escape", "T"], "[@click=app.quit]event[/] ␛]0;x␇"),
            (["escape", "w", *"topic", "enter"], "[reverse]topic[/]"),
        ):
            await pilot.press(*keys)
            await settle(pilot)
            text = screen_text(app)
            assert_literal(text)
            assert shown in text
            assert app.is_running  # no [@click=app.quit] ran
