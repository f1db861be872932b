"""Every filesystem location briefing uses, in one place."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_config_dir, user_data_dir

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


def user_config_file() -> Path:
    """The per-user config file, which overrides the project's ``config.yaml``."""
    return config_dir() / "config.yaml"


def expand(path: str | os.PathLike[str], base: Path | None = None) -> Path:
    """``~`` and environment variables expanded; relative paths resolved against ``base``."""
    expanded = Path(os.path.expandvars(os.path.expanduser(os.fspath(path))))
    if not expanded.is_absolute() and base is not None:
        expanded = base / expanded
    return expanded
