"""The ``briefing`` command line. Commands live in sibling modules, grouped by area.

Commands are registered lazily: ``briefing list`` imports only the module that defines
``list`` (and what that command uses), so a light command never pays for httpx,
feedparser, trafilatura or the reader. Settings, too, are read on first use.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from briefing import __version__
from briefing.errors import BriefingError
from briefing.startup import Context, report_error

#: Command name -> the module of ``briefing.cli`` that defines it (imported on first use).
#: A command missing here still works (every module is then imported), only slower.
COMMAND_MODULES: dict[str, str] = {
    "validate": "library",
    "load": "library",
    "list": "library",
    "show": "library",
    "export": "library",
    "actors": "library",
    "actor": "library",
    "questions": "library",
    "search": "library",
    "config": "library",
    "feeds": "feeds",
    "fetch": "feeds",
    "publish": "feeds",
    "serve": "feeds",
    "derive": "derive",
    "derive-eval": "derive",
    "history": "across",
    "diff": "across",
    "timeline": "across",
    "topic": "across",
    "edit": "edit",
}


pass_context = click.make_pass_decorator(Context)


class BriefingGroup(click.Group):
    """Imports a command's module when the command is used, and turns
    :class:`BriefingError` into a one-line message and its exit status (2 unless the
    error says otherwise)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        _import_all()
        return sorted(self.commands)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            module = COMMAND_MODULES.get(cmd_name)
            if module is not None:
                importlib.import_module(f"briefing.cli.{module}")
            else:
                _import_all()
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except BriefingError as exc:
            report_error(exc)


def _import_all() -> None:
    for module in sorted(set(COMMAND_MODULES.values())):
        importlib.import_module(f"briefing.cli.{module}")


@click.group(cls=BriefingGroup, invoke_without_command=True)
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="BRIEFING_DB",
    help="SQLite library file (env BRIEFING_DB).",
)
@click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="BRIEFING_CONFIG",
    help=(
        "Your config file, overriding the project config.yaml (env BRIEFING_CONFIG;"
        " default ~/.config/briefing/config.yaml)."
    ),
)
@click.version_option(__version__, prog_name="briefing")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, config: Path | None) -> None:
    """A keyboard-first terminal reader for structured news briefs.

    With no command, opens the reader.
    """
    ctx.obj = Context(config, db)
    if ctx.invoked_subcommand is None:
        ctx.invoke(read)


@cli.command()
@click.argument("brief_id", required=False)
@pass_context
def read(context: Context, brief_id: str | None) -> None:
    """Open the reader (optionally on BRIEF_ID)."""
    from briefing.tui import run_reader

    run_reader(context.reader_settings, context.db_path, brief_id=brief_id)


def _register() -> None:
    """Import every command module (tests that use ``cli.commands`` directly)."""
    _import_all()


def main() -> None:
    """The ``briefing`` command. Opening the reader (no command, or ``read``, with at
    most ``--db``/``--config``) skips click: :func:`briefing.startup.main`."""
    from briefing.startup import main as start

    start()


def click_main() -> None:
    """The command line through click (every command, ``--help``, errors of usage)."""
    cli(prog_name="briefing")
