"""``briefing edit ID``: the brief in $VISUAL/$EDITOR, validated on save (see
:mod:`briefing.edit`)."""

from __future__ import annotations

import click

from briefing.cli import Context, cli, pass_context
from briefing.errors import BriefingError


@cli.command("edit")
@click.argument("brief_id", metavar="ID")
@pass_context
def edit_command(context: Context, brief_id: str) -> None:
    """Edit brief ID as YAML in $VISUAL/$EDITOR and store it as a new version.

    An invalid result re-opens the editor with the problems as comments at the top;
    quitting without changes changes nothing. Removing the `draft` tag signs a draft off.
    """
    from briefing.edit import edit_brief, save_edit
    from briefing.store import Store

    if not context.db_path.exists():
        raise BriefingError(f"{context.db_path}: no library yet")
    with Store(context.db_path) as store:
        brief = store.get_brief(brief_id)
    if brief is None:
        raise BriefingError(f"no brief {brief_id!r} in {context.db_path} (see `briefing list`)")
    result = edit_brief(brief, context.settings.limits)
    save_edit(context.db_path, result)
    click.echo(result.message, err=True)
