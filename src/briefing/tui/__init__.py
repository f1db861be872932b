"""The Textual reader."""

from __future__ import annotations

from pathlib import Path

from briefing.config import Settings


def run_reader(settings: Settings, db_path: Path, *, brief_id: str | None = None) -> None:
    """Start the reader on the library at ``db_path`` (optionally on ``brief_id``).

    The configured folders (``library.sync``) are synced in a worker on start.
    """
    from briefing.tui.app import BriefingApp

    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    app = BriefingApp(settings, db_path, brief_id)
    try:
        app.run()
    finally:
        app.close_stores()
