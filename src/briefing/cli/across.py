"""Commands across the library: a brief's versions (history, diff), one timeline of
every brief, who said what on a topic, and STIX 2.1 export.

Same conventions as :mod:`briefing.cli.library`: brief text is untrusted and shown
cleaned; ``--json`` shapes are stable and listed in the README.
"""

from __future__ import annotations

from typing import Any

import click
from rich.text import Text

from briefing.cli import Context, cli, pass_context
from briefing.cli.library import _console, _emit_json, _fail, _store, _tty
from briefing.diff import BriefDiff, diff_briefs, diff_lines
from briefing.store import Store, VersionRow
from briefing.text import clean, one_line

#: How the diff's line styles look on a terminal.
DIFF_STYLES = {
    "heading": "bold underline",
    "added": "green",
    "removed": "red",
    "changed": "yellow",
    "field": "",
    "context": "dim",
}


def _history_or_fail(store: Store, brief_id: str) -> list[VersionRow]:
    history = store.brief_history(brief_id)
    if not history:
        _fail(f"no brief {brief_id!r} in {store.path} (see `briefing list`)")
    return history


def _version_json(row: VersionRow) -> dict[str, Any]:
    return {
        "version": row.version,
        "updated": row.updated,
        "source": row.origin,
        "imported": row.imported_at,
        "superseded": row.superseded_at,
        "current": row.current,
        "title": row.title,
        "date": row.date,
    }


@cli.command()
@click.argument("brief_id", metavar="ID")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="JSON array of {version, updated, source, imported, superseded, current, title, date}.",
)
@pass_context
def history(context: Context, brief_id: str, as_json: bool) -> None:
    """Every stored version of a brief, oldest first."""
    with _store(context) as store:
        rows = _history_or_fail(store, brief_id)
    if as_json:
        _emit_json([_version_json(r) for r in rows])
        return
    console = _console()
    for row in rows:
        line = Text(f"{row.version:>3}  ", style="bold")
        line.append(row.updated or "(no updated)")
        line.append("  current" if row.current else "", style="green")
        console.print(line)
        console.print(Text(f"     {one_line(row.title)}"))
        where = f"     from {one_line(row.origin or 'unknown source')}, stored {row.imported_at}"
        console.print(Text(where, style="dim"))


def load_diff(store: Store, brief_id: str, old: int | None, new: int | None) -> BriefDiff | str:
    """The diff between two stored versions (default: the one before the current, and
    the current), or why there is none. Used by the CLI and the reader."""
    history = store.brief_history(brief_id)
    if not history:
        return f"no brief {brief_id!r} in the library"
    numbers = [r.version for r in history]
    new = numbers[-1] if new is None else new
    old = new - 1 if old is None else old
    for n in (old, new):
        if n not in numbers:
            return f"brief {brief_id!r} has no version {n} (it has {numbers[0]}–{numbers[-1]})"
    if old == new:
        return "--from and --to name the same version"
    before, after = store.get_version(brief_id, old), store.get_version(brief_id, new)
    if before is None or after is None:
        return f"version {old if before is None else new} of {brief_id!r} vanished meanwhile"
    return diff_briefs(before, after, old_version=old, new_version=new)


@cli.command()
@click.argument("brief_id", metavar="ID")
@click.option("--from", "old", type=int, metavar="N", help="Older version (default: previous).")
@click.option("--to", "new", type=int, metavar="M", help="Newer version (default: current).")
@click.option(
    "--json", "as_json", is_flag=True, help="JSON object {id, from, to, summary, changes}."
)
@pass_context
def diff(context: Context, brief_id: str, old: int | None, new: int | None, as_json: bool) -> None:
    """What changed between two versions of a brief, field by field."""
    with _store(context) as store:
        history = _history_or_fail(store, brief_id)
        if len(history) == 1 and old is None and new is None:
            _fail(f"brief {brief_id!r} has one version only (see `briefing history`)")
        result = load_diff(store, brief_id, old, new)
    if isinstance(result, str):
        _fail(result)
    if as_json:
        _emit_json(result.as_json())
        return
    console = _console()
    console.print(
        Text(f"{brief_id}: version {result.old_version} → {result.new_version}", style="bold")
    )
    if result.empty:
        console.print(Text("No differences.", style="dim"))
        return
    for style, line in diff_lines(result):
        console.print(Text(clean(line), style=DIFF_STYLES[style] if _tty() else ""))
