"""The Textual reader."""

from __future__ import annotations

from pathlib import Path

from briefing.config import Settings


def run_reader(settings: Settings, db_path: Path, *, brief_id: str | None = None) -> None:
    """Start the reader. (Being implemented.)"""
    raise SystemExit("briefing: the reader is not built yet (issue 'Reader').")
