"""Every filesystem location briefing uses, in one place."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_config_dir, user_data_dir, user_downloads_path

APP_NAME = "briefing"
PACKAGE_DIR = Path(__file__).resolve().parent
#: The repository checkout this package runs from (editable installs), if any.
SOURCE_ROOT = PACKAGE_DIR.parent.parent
#: Briefs shipped with the project, synced into the library when the reader starts.
BUNDLED_BRIEFS = SOURCE_ROOT / "briefs"
STYLESHEET = PACKAGE_DIR / "tui" / "briefing.tcss"
#: The project's documented default configuration (present in a checkout).
PROJECT_CONFIG = SOURCE_ROOT / "config.yaml"


def data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Things briefing can rebuild at any time (see ``briefing.configfiles``)."""
    return Path(user_cache_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    return data_dir() / "library.db"


def screenshot_dir() -> Path:
    """Where the reader saves screenshots: the user's Downloads folder, created if it is
    missing; if it cannot be, ``screenshots/`` in the data folder. (Textual's default
    fails with no reason when Downloads does not exist.)"""
    for folder in (user_downloads_path(), data_dir() / "screenshots"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if folder.is_dir():
            return folder
    return user_downloads_path()  # saving there fails, and the reader says why


def user_config_file() -> Path:
    """The per-user config file, which overrides the project's ``config.yaml``."""
    return config_dir() / "config.yaml"


def expand(path: str | os.PathLike[str], base: Path | None = None) -> Path:
    """``~`` and environment variables expanded; relative paths resolved against ``base``."""
    expanded = Path(os.path.expandvars(os.path.expanduser(os.fspath(path))))
    if not expanded.is_absolute() and base is not None:
        expanded = base / expanded
    return expanded
