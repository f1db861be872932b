"""The Textual reader."""

from __future__ import annotations

from pathlib import Path

from briefing.config import Settings


def run_reader(settings: Settings, db_path: Path, *, brief_id: str | None = None) -> None:
    """Start the reader on the library at ``db_path`` (optionally on ``brief_id``).

    The configured folders (``library.sync``) are synced in a worker on start.
    """
    from briefing.store import Store
    from briefing.tui.app import BriefingApp

    db_path = Path(db_path)
    # Open (create, migrate) the library before the screen takes over, so a library that
    # cannot be opened is a one-line error from the CLI rather than a broken screen.
    Store(db_path, check=True).close()  # the reader writes: never to a damaged library
    app = BriefingApp(settings, db_path, brief_id)
    try:
        app.run()
    finally:
        app.close_stores()
