"""Config files read without the settings machinery, and a remembered verdict.

Validating settings needs pydantic-settings, the slowest import of the CLI. The light
commands (``list``, ``show``, ``search``...) only need the library's path, so once a set
of config files and ``BRIEFING_*`` variables has validated, a marker named after their
content says so, and the next run reads the path from the files without validating
again. Any change to a file or variable changes the name, so a broken config is always
reported, by every command.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import suppress
from pathlib import Path
from typing import Any

from briefing import __version__, paths
from briefing.errors import BriefingError

#: Variables read by click, not by the settings: they do not change the verdict.
_CLI_VARIABLES = frozenset({"BRIEFING_DB", "BRIEFING_CONFIG"})


def read_config_file(path: Path) -> dict[str, Any]:
    """One config file as a mapping, relative paths resolved; errors name the file and line."""
    import yaml  # here: with --db and a remembered verdict no file is parsed

    try:
        data = yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise BriefingError(f"{path}: cannot read config file: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise BriefingError(f"{where}: config is not valid YAML: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BriefingError(f"{path}: the config file must be a mapping of settings")
    return _resolve_paths(data, path.parent)


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _resolve_paths(data: dict[str, Any], base: Path) -> dict[str, Any]:
    """Relative paths in the config file are relative to the file, not the cwd."""
    library = data.get("library")
    if isinstance(library, dict):
        library = dict(library)
        if isinstance(library.get("database"), str):
            library["database"] = str(paths.expand(library["database"], base))
        if isinstance(library.get("sync"), list):
            library["sync"] = [
                str(paths.expand(p, base)) if isinstance(p, str) else p for p in library["sync"]
            ]
        data = {**data, "library": library}
    return data


def config_files(config_file: Path | None = None) -> tuple[Path, ...]:
    """The config files in effect, weakest first.

    The project's documented defaults (``config.yaml`` of the checkout, when run from
    one), then ``config_file`` if given, else the user's config file if it exists.
    Environment variables override them all.
    """
    files: list[Path] = []
    if paths.PROJECT_CONFIG.is_file():
        files.append(paths.PROJECT_CONFIG)
    user = config_file if config_file is not None else paths.user_config_file()
    if config_file is not None and not config_file.is_file():
        raise BriefingError(f"{config_file}: config file not found")
    if user is not None and user.is_file() and user.resolve() not in {f.resolve() for f in files}:
        files.append(user)
    return tuple(files)


def settings_key(config_file: Path | None) -> str:
    """A name for this exact configuration: briefing's version, each config file's path
    and bytes, and every ``BRIEFING_*`` variable the settings read."""
    digest = hashlib.sha256(__version__.encode())
    for path in config_files(config_file):
        digest.update(b"\0file\0" + str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0unreadable")
    for name in sorted(os.environ):
        if name.startswith("BRIEFING_") and name not in _CLI_VARIABLES:
            digest.update(f"\0env\0{name}={os.environ[name]}".encode())
    return digest.hexdigest()[:32]


def _marker(key: str) -> Path:
    return paths.cache_dir() / "valid-settings" / key


#: Markers kept: every edit of a config file makes a new one, so old ones are pruned.
KEEP_MARKERS = 16


def remember_valid(key: str) -> None:
    """Record that the configuration named ``key`` validated (best effort), keeping
    only the :data:`KEEP_MARKERS` most recent markers."""
    marker = _marker(key)
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
        markers = sorted(marker.parent.iterdir(), key=lambda p: p.stat().st_mtime_ns)
        for old in markers[:-KEEP_MARKERS]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def known_valid_database(
    key: str, config_file: Path | None, database: Path | None = None
) -> Path | None:
    """The library path of a configuration that validated before — ``database`` (given
    on the command line) if set, else read from its files; None if it has not validated
    (or when a variable sets the library: then validate)."""
    if any(name.startswith("BRIEFING_LIBRARY") for name in os.environ):
        return None
    marker = _marker(key)
    if not marker.exists():
        return None
    with suppress(OSError):  # used now, so pruned last (a read-only cache is fine too)
        marker.touch()
    if database is not None:
        return database
    merged: dict[str, Any] = {}
    for path in config_files(config_file):
        merged = _deep_merge(merged, read_config_file(path))
    database = (merged.get("library") or {}).get("database")
    return Path(database) if database else paths.default_database()
