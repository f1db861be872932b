"""Config files read without the settings machinery, and a remembered verdict.

Validating settings needs pydantic-settings, the slowest import of the CLI. The light
commands (``list``, ``show``, ``search``...) only need the library's path, and the
reader's first screen only its ``ui`` settings, so once a set of config files and
``BRIEFING_*`` variables has validated, a marker named after their content keeps the
validated values (JSON), and the next run reads them from there without validating
again (:class:`ValidatedSettings`). Any change to a file or variable changes the name,
so a broken config is always reported, by every command.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from contextlib import suppress
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from briefing import __version__, paths
from briefing.errors import BriefingError

if TYPE_CHECKING:
    from briefing.config import Settings

#: Variables read by click, not by the settings: they do not change the verdict.
_CLI_VARIABLES = frozenset({"BRIEFING_DB", "BRIEFING_CONFIG"})


def read_config_file(path: Path) -> dict[str, Any]:
    """One config file as a mapping, relative paths resolved; errors name the file and line."""
    import yaml  # not needed when the verdict (and the values) are remembered

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


#: ``$NAME`` and ``${NAME}`` in a config file: paths are expanded with them.
_VARIABLE = re.compile(rb"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


def settings_key(config_file: Path | None) -> str:
    """A name for this exact configuration: briefing's version and location, each config
    file's path and bytes, every ``BRIEFING_*`` variable the settings read, and the
    variables its paths are expanded with (``HOME`` for ``~``, any ``$NAME``): the
    values remembered under this name are then the values validation would give."""
    digest = hashlib.sha256(f"{__version__}\0{paths.PACKAGE_DIR}".encode())
    used = {"HOME"}
    for path in config_files(config_file):
        digest.update(b"\0file\0" + str(path).encode() + b"\0")
        try:
            data = path.read_bytes()
        except OSError:
            digest.update(b"\0unreadable")
            continue
        digest.update(data)
        used.update(name.decode() for name in _VARIABLE.findall(data))
    for name in sorted(os.environ):
        if name.startswith("BRIEFING_") and name not in _CLI_VARIABLES:
            digest.update(f"\0env\0{name}={os.environ[name]}".encode())
    for name in sorted(used):
        digest.update(f"\0expand\0{name}={os.environ.get(name)}".encode())
    return digest.hexdigest()[:32]


def _marker(key: str) -> Path:
    return paths.cache_dir() / "valid-settings" / key


#: Markers kept: every edit of a config file makes a new one, so old ones are pruned.
KEEP_MARKERS = 16


def remember_valid(key: str, values: dict[str, Any] | None = None) -> None:
    """Record that the configuration named ``key`` validated (best effort), with the
    validated ``values`` (``Settings.model_dump(mode="json")``), keeping only the
    :data:`KEEP_MARKERS` most recent markers."""
    marker = _marker(key)
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        if values is None:
            marker.touch()
        else:
            partial = marker.with_name(f".{marker.name}.{os.getpid()}")
            partial.write_text(json.dumps(values))
            partial.replace(marker)  # never a half-written marker
        markers = sorted(marker.parent.iterdir(), key=lambda p: p.stat().st_mtime_ns)
        for old in markers[:-KEEP_MARKERS]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def known_valid_values(key: str) -> dict[str, Any] | None:
    """The validated values remembered for the configuration named ``key``; None if it
    has not validated here (or was remembered without them)."""
    marker = _marker(key)
    try:
        values = json.loads(marker.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(values, dict):
        return None
    with suppress(OSError):  # used now, so pruned last (a read-only cache is fine too)
        marker.touch()
    return values


def known_valid_database(key: str) -> Path | None:
    """The library path of a configuration that validated before (from its remembered
    values); None if it has not."""
    values = known_valid_values(key)
    if values is None:
        return None
    database = (values.get("library") or {}).get("database")
    return Path(database) if database else paths.default_database()


class ValidatedSettings:
    """Settings that validated before, from their remembered values (see
    :func:`remember_valid`): the reader's first screen reads ``ui`` from them without
    importing pydantic; any other setting builds the real :class:`Settings` from the
    same values, once (thread-safe; :meth:`load` does it ahead, in a worker)."""

    def __init__(self, values: dict[str, Any], config_file: Path | None) -> None:
        self._values = values
        self._config_file = config_file
        self._full: Settings | None = None
        self._lock = threading.Lock()
        self.ui = SimpleNamespace(**(values.get("ui") or {}))
        """``theme``, ``keys`` and ``mark_read_after``, as validated."""

    @property
    def loaded(self) -> bool:
        return self._full is not None

    def load(self) -> Settings:
        """The real settings (validating the remembered values, or the files again if
        they no longer validate, e.g. after an upgrade of pydantic)."""
        with self._lock:
            if self._full is None:
                from briefing.config import settings_from_values

                self._full = settings_from_values(self._values, self._config_file)
                self.ui = self._full.ui
            return self._full

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.load(), name)
