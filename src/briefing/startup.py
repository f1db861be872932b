"""The ``briefing`` command's entry point, and what every command needs (:class:`Context`).

Opening the reader is what ``briefing`` does most, and the only thing it does whose
start a person watches: so when the command line asks for nothing else (no command or
``read [BRIEF_ID]``, with at most ``--db`` and ``--config``), the reader starts without
importing click (about as long to import as the brief list takes to draw). Anything
else, or anything this does not read exactly as click would, goes to click
(:func:`briefing.cli.click_main`), which also reports usage errors.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, cast

from briefing.errors import BriefingError

if TYPE_CHECKING:
    from briefing.config import Settings

#: The group's options and the variables click reads them from when they are not given.
_OPTIONS: dict[str, str] = {"--db": "BRIEFING_DB", "--config": "BRIEFING_CONFIG"}


class Context:
    """What every command needs: settings and the database path, both read on first use
    (a command that needs neither never loads the settings machinery)."""

    def __init__(self, config_file: Path | None, db_override: Path | None) -> None:
        self.config_file = config_file
        self.db_override = db_override

    @cached_property
    def _key(self) -> str:
        """The configuration's name (see :func:`briefing.configfiles.settings_key`)."""
        from briefing import configfiles

        return configfiles.settings_key(self.config_file)

    @cached_property
    def settings(self) -> Settings:
        """Validated from the files and variables, and remembered (values included) for
        the next run if nothing changed while validating."""
        from briefing import configfiles
        from briefing.config import load_settings

        key = self._key
        settings = load_settings(self.config_file)
        if configfiles.settings_key(self.config_file) == key:
            configfiles.remember_valid(key, settings.model_dump(mode="json"))
        return settings

    @property
    def reader_settings(self) -> Settings:
        """The settings for the reader: the remembered values when this configuration
        validated before (the real settings are built from them after the first paint),
        else validated now."""
        from briefing import configfiles

        values = configfiles.known_valid_values(self._key)
        if values is None:
            return self.settings
        return cast("Settings", configfiles.ValidatedSettings(values, self.config_file))

    @cached_property
    def db_path(self) -> Path:
        """``--db``, else the configured library; the configuration is checked either
        way (fully the first time, then by a remembered verdict: see configfiles)."""
        from briefing import configfiles

        known = configfiles.known_valid_database(self._key)
        if known is not None:
            return self.db_override or known
        return self.settings.database_path(self.db_override)


def report_error(exc: BriefingError) -> NoReturn:
    """A :class:`BriefingError` as every command reports it: one line (and its
    problems) on stderr, and its exit status."""
    print(f"briefing: {exc}", file=sys.stderr)
    for problem in exc.problems:
        print(str(problem), file=sys.stderr)
    sys.exit(exc.exit_status)


def reader_arguments(
    argv: Sequence[str], env: Mapping[str, str]
) -> tuple[Path | None, Path | None, str | None] | None:
    """``(config, db, brief_id)`` when ``argv`` only opens the reader, read as click
    reads it (options before the command, ``--opt value`` or ``--opt=value``, the
    variables for options not given); ``None`` for anything else, or anything unusual
    (an option twice, an empty value, a value that looks like an option or names a
    folder), which click then handles and reports."""
    values: dict[str, str] = {}
    at = 0
    while at < len(argv) and argv[at].startswith("--"):
        name, eq, value = argv[at].partition("=")
        if name not in _OPTIONS or name in values:
            return None
        if not eq:
            if at + 1 >= len(argv):
                return None
            at += 1
            value = argv[at]
        values[name] = value
        at += 1
    rest = list(argv[at:])
    if rest[:1] == ["read"]:
        rest = rest[1:]
    elif rest:
        return None
    if len(rest) > 1 or (rest and rest[0].startswith("-")):
        return None
    for name, variable in _OPTIONS.items():
        if name not in values and variable in env:
            values[name] = env[variable]
    paths: dict[str, Path | None] = {}
    for name in _OPTIONS:
        value = values.get(name)
        if value is not None and (not value or value.startswith("-") or Path(value).is_dir()):
            return None
        paths[name] = Path(value) if value is not None else None
    return paths["--config"], paths["--db"], rest[0] if rest else None


def main() -> None:
    """``briefing``: the reader at once when that is all that is asked, else click."""
    reader = reader_arguments(sys.argv[1:], os.environ)
    if reader is None:
        from briefing.cli import click_main

        click_main()
        return
    config, db, brief_id = reader
    try:
        from briefing.tui import run_reader

        context = Context(config, db)
        run_reader(context.reader_settings, context.db_path, brief_id=brief_id)
    except BriefingError as exc:
        report_error(exc)
    except KeyboardInterrupt:  # before the screen takes over: as click says it
        print("Aborted!", file=sys.stderr)
        sys.exit(1)
