"""The ``briefing`` command line. Commands live in sibling modules, grouped by area."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import click

from briefing import __version__
from briefing.config import Settings, load_settings
from briefing.errors import BriefingError


@dataclass
class Context:
    """What every command needs: settings and the database path (opened lazily)."""

    settings: Settings
    db_path: Path


pass_context = click.make_pass_decorator(Context)


class BriefingGroup(click.Group):
    """Turns :class:`BriefingError` into a one-line message and exit status 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except BriefingError as exc:
            click.echo(f"briefing: {exc}", err=True)
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            sys.exit(2)


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
    settings = load_settings(config)
    ctx.obj = Context(settings=settings, db_path=settings.database_path(db))
    if ctx.invoked_subcommand is None:
        ctx.invoke(read)


@cli.command()
@click.argument("brief_id", required=False)
@pass_context
def read(context: Context, brief_id: str | None) -> None:
    """Open the reader (optionally on BRIEF_ID)."""
    from briefing.tui import run_reader

    run_reader(context.settings, context.db_path, brief_id=brief_id)


def _register() -> None:
    """Import the command modules so they attach to the group."""
    from briefing.cli import derive, edit, feeds, library  # noqa: F401


def main() -> None:
    _register()
    cli(prog_name="briefing")
