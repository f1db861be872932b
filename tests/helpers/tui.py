"""Helpers for the main-screen reader tests: a fixture library, an app, waiting for it.

(No tests here; shared by ``test_tui_main.py`` and ``test_tui_snapshots_main.py``.)
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml
from textual.pilot import Pilot
from textual.worker import WorkerState

from briefing.config import Settings
from briefing.model import Brief, validate_brief
from briefing.store import Store
from briefing.tui.app import BriefingApp
from briefing.tui.messages import OpenActor, OpenQuestion
from briefing.tui.screens.main import MainScreen
from helpers import TESTS

TUI_FIXTURES = TESTS / "fixtures" / "tui"
LIBRARY = TUI_FIXTURES / "library"
HOSTILE = TUI_FIXTURES / "hostile"

#: The fixture library, newest first (the list order).
ORDER = [
    "vell-compact-stalls",
    "northreach-tariff-delay",
    "ostra-port-strike",
    "vell-compact-draft",
]


def read_briefs(folder: Path) -> list[tuple[Brief, str]]:
    out: list[tuple[Brief, str]] = []
    for path in sorted(folder.glob("*.yaml")):
        brief, problems = validate_brief(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert brief is not None, (path, problems)
        out.append((brief, str(path)))
    return out


def make_library(tmp_path: Path, *folders: Path, extra: Iterable[Brief] = ()) -> Path:
    """A library database in ``tmp_path`` holding the briefs of ``folders`` (default: LIBRARY)."""
    db = tmp_path / "library.db"
    items: list[tuple[Brief, str | None]] = []
    for folder in folders or (LIBRARY,):
        items.extend(read_briefs(folder))
    items.extend((b, None) for b in extra)
    with Store(db) as store:
        store.import_briefs(items)
    return db


def synthetic(n: int) -> list[Brief]:
    """``n`` small generated briefs (for the lazy-list test)."""
    (template, _), *_ = read_briefs(LIBRARY)
    briefs = []
    for i in range(n):
        brief = template.model_copy(deep=True)
        brief.id = f"synthetic-{i:05d}"
        brief.title = f"Synthetic brief {i}"
        brief.date = dt.date(2001, 1, 1) + dt.timedelta(days=i)
        brief.open_questions = []
        briefs.append(brief)
    return briefs


def settings(**ui: Any) -> Settings:
    """No folder sync; briefs are marked read only when a test asks for a delay
    (``mark_read_after=…``), so read markers stay put in the other tests."""
    ui.setdefault("mark_read_after", None)
    return Settings(library={"sync": []}, ui=ui)


class RecordingApp(BriefingApp):
    """The reader, recording the screen messages instead of pushing other screens."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.opened: list[tuple[Any, ...]] = []

    def on_open_actor(self, message: OpenActor) -> None:
        message.prevent_default()
        self.opened.append(("actor", message.actor_id, message.sibling_ids))

    def on_open_question(self, message: OpenQuestion) -> None:
        message.prevent_default()
        self.opened.append(("question", message.question_id))


def make_app(
    db: Path, *, record: bool = True, brief_id: str | None = None, **ui: Any
) -> BriefingApp:
    cls = RecordingApp if record else BriefingApp
    return cls(settings(**ui), db, brief_id, sync=False)


def main_ready(app: Any) -> bool:
    """The list is counted, and the panes show the brief under the cursor."""
    main = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
    if main is None:
        return True
    lst = main.brief_list
    if lst.count is None:
        return False
    if lst.count == 0:
        return True
    row = lst.highlighted_row
    return row is not None and main.brief is not None and main.brief.id == row.id


async def settle(pilot: Pilot[Any], ready: Callable[[Any], bool] | None = main_ready) -> None:
    """Messages handled, workers done, ``ready`` true; then one more repaint."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    while True:
        await pilot.pause()
        busy = [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        if busy:
            await app.workers.wait_for_complete(busy)
            continue
        if ready is None or ready(app):
            break
        assert loop.time() < deadline, "the app never settled"
        await asyncio.sleep(0.01)
    await pilot.pause()


def screen_text(app: Any) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def compare_with_stock_compositor(comp: Any, compared: list[int]) -> None:
    """Make ``comp`` (a :class:`~briefing.tui.compositor.LineCropCompositor`) render each
    frame twice, its own way and stock Textual's, assert every line it sends equals the
    stock one, and note the line's number in ``compared``."""
    import types

    from textual._compositor import Compositor

    own = comp._render_chops

    def both(crop: Any, is_line: Any) -> Any:
        chops = own(crop, is_line)
        comp._get_renders = types.MethodType(Compositor._get_renders, comp)
        try:
            stock = own(crop, is_line)
        finally:
            del comp._get_renders
        for y, (line, stock_line) in enumerate(zip(chops, stock, strict=True)):
            if is_line(y):
                assert {x: list(s) for x, s in line.items() if s is not None} == {
                    x: list(s) for x, s in stock_line.items() if s is not None
                }, y
                compared.append(y)
        return chops

    comp._render_chops = both
