"""The Textual reader."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import BriefingError, NotFound
from briefing.text import clean

if TYPE_CHECKING:
    from briefing.config import Settings


def require_terminal() -> None:
    """The reader draws on a terminal and reads keys from one. Started from a script, a
    pipe or a service (stdin or stdout not a terminal) it would write escape codes
    nobody sees and wait for keys that never come: refuse at once instead."""
    streams = (("stdin", sys.stdin), ("stdout", sys.stdout))
    missing = [name for name, stream in streams if not _is_tty(stream)]
    if missing:
        what = (
            "stdin and stdout are not terminals"
            if len(missing) == 2
            else f"{missing[0]} is not a terminal"
        )
        raise BriefingError(
            f"the reader needs a terminal ({what});"
            " in scripts use `briefing list`, `show` or `search`"
        )


def _is_tty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def run_reader(settings: Settings, db_path: Path, *, brief_id: str | None = None) -> None:
    """Start the reader on the library at ``db_path`` (optionally on ``brief_id``).

    The configured folders (``library.sync``) are synced in a worker on start.
    """
    import gc

    from briefing.store import Listing, remember_healthy
    from briefing.tui.collector import QuietCollector

    # Start-up creates a few hundred modules' objects and next to no garbage: on the
    # default schedule the collector would run about a hundred times before the first
    # frame. The reader's own schedule from the start (the App keeps it while it runs).
    gc.set_threshold(*QuietCollector.THRESHOLDS)

    db_path = Path(db_path)
    if brief_id is not None:
        # An unknown id fails as ``show`` does, wherever the reader was started.
        with Listing(db_path) as store:
            if not store.has_brief(brief_id):
                raise NotFound(f"no brief {clean(brief_id)!r} in {db_path} (see `briefing list`)")
    require_terminal()
    from briefing.tui.app import BriefingApp

    # Open (create, migrate) the library before the screen takes over, so a library that
    # cannot be opened is a one-line error from the CLI rather than a broken screen.
    # The reader writes: never to a damaged library. (A Listing opens it as a Store
    # would, without importing the writer: the first frame does not need it.)
    Listing(db_path, check=True).close()
    app = BriefingApp(settings, db_path, brief_id)
    try:
        app.run()
    finally:
        app.close_stores()
    # Checked at start, then written only by whole transactions: the next start can skip
    # the quick check (it reads the whole file). Not after a crash: then it checks again.
    remember_healthy(db_path)
