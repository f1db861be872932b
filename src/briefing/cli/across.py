"""Commands across the library: a brief's versions (history, diff), one timeline of
every brief, who said what on a topic, and STIX 2.1 export.

Same conventions as :mod:`briefing.cli.library`: brief text is untrusted and shown
cleaned; ``--json`` shapes are stable and listed in the README.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import click
from rich.text import Text

from briefing.cli import Context, cli, pass_context
from briefing.cli.library import _console, _emit_json, _fail, _store, _tty
from briefing.diff import diff_lines, load_diff
from briefing.store import DATE, Store, TimelineFilter, TimelineRow, VersionRow
from briefing.text import clean, one_line
from briefing.timeline import EventGroup, group_events, precision
from briefing.topic import by_actor, said_on

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


# -- one timeline -------------------------------------------------------------------------


def _timeline_json(group: EventGroup) -> dict[str, Any]:
    head = group.head
    return {
        "date": head.date,
        "precision": precision(head.date),
        "event": head.event,
        "brief": head.brief_id,
        "title": head.brief_title,
        "actors": list(head.actors),
        "also": [
            {
                "brief": r.brief_id,
                "title": r.brief_title,
                "event": r.event,
                "actors": list(r.actors),
            }
            for r in group.others
        ],
    }


def _date_option(name: str, help: str) -> Any:
    def check(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        if value is not None and not DATE.fullmatch(value):
            raise click.BadParameter(f"not a date: {value!r} (use 2024-05-30, 2024-05 or 2024)")
        return value

    return click.option(name, metavar="DATE", callback=check, help=help)


@cli.command()
@click.option("--actor", "actor_id", metavar="ID", help="Only events involving this actor.")
@click.option("--tag", help="Only events of briefs with this tag.")
@_date_option("--since", "Only events on or after DATE (2024-05-30, 2024-05 or 2024).")
@_date_option("--until", "Only events on or before DATE.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="JSON array of {date, precision, event, brief, title, actors, also}, in date order.",
)
@pass_context
def timeline(
    context: Context,
    actor_id: str | None,
    tag: str | None,
    since: str | None,
    until: str | None,
    as_json: bool,
) -> None:
    """Every timeline event of the library by date, each with its brief; the same event
    told by several briefs is shown once, with the others under it."""
    where = TimelineFilter(actor=actor_id, tag=tag, since=since, until=until)
    with _store(context) as store:
        # Streamed a page at a time: a library's timeline may hold millions of events.
        groups = group_events(_all_events(store, where))
        if as_json:
            _stream_json(_timeline_json(g) for g in groups)
            return
        console = _console()
        shown = False
        for group in groups:
            shown = True
            head = group.head
            line = Text(f"{head.date:<11}", style="bold")
            line.append(one_line(head.event))
            console.print(line)
            console.print(
                Text(f"{'':<11}{one_line(head.brief_title)} ({head.brief_id})", style="dim")
            )
            for row in group.others:
                also = Text(f"{'':<11}≈ ", style="dim")
                also.append(one_line(row.event), style="italic")
                console.print(also)
                console.print(
                    Text(f"{'':<13}{one_line(row.brief_title)} ({row.brief_id})", style="dim")
                )
    if not shown:
        click.echo("No timeline events match.", err=True)


#: Events read per query when the whole timeline is listed.
_EVENTS_PAGE = 5000


def _all_events(store: Store, where: TimelineFilter) -> Iterator[TimelineRow]:
    """Every matching event in timeline order, a page at a time."""
    offset = 0
    while True:
        page = store.timeline(where, offset=offset, limit=_EVENTS_PAGE)
        yield from page
        if len(page) < _EVENTS_PAGE:
            return
        offset += len(page)


def _stream_json(items: Iterable[Any]) -> None:
    """A JSON array written item by item, formatted as ``_emit_json`` formats one."""
    click.echo("[", nl=False)
    first = True
    for item in items:
        body = json.dumps(item, indent=2, ensure_ascii=True).replace("\n", "\n  ")
        click.echo(("\n  " if first else ",\n  ") + body, nl=False)
        first = False
    click.echo("]" if first else "\n]")


# -- who said what on a topic ---------------------------------------------------------------


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", default=5000, show_default=True, help="Most positions to gather.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="JSON array of {actor, name, positions: [{brief, title, date, stance, topic, position,"
    " quote, attribution}]}.",
)
@pass_context
def topic(context: Context, query: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Who said what on a topic: positions whose topic, position or quote hold every word
    of QUERY, grouped by actor, each actor's stances in date order."""
    text = " ".join(query)
    with _store(context) as store:
        positions, truncated = store.topic_positions(text, limit=limit)
    groups = by_actor(positions)
    if as_json:
        _emit_json(
            [
                {
                    "actor": group.actor_id,
                    "name": group.name,
                    "positions": [
                        {
                            "brief": p.brief_id,
                            "title": p.brief_title,
                            "date": said_on(p),
                            "stance": p.stance,
                            "topic": p.topic,
                            "position": p.position,
                            "quote": p.quote,
                            "attribution": p.attribution,
                        }
                        for p in group.positions
                    ],
                }
                for group in groups
            ]
        )
        return
    if truncated:
        click.echo(f"More than {limit:,} positions match; showing the newest {limit:,}.", err=True)
    if not groups:
        click.echo(f"No position mentions {one_line(text)!r}.", err=True)
        return
    console = _console()
    for n, group in enumerate(groups):
        if n:
            console.print()
        head = Text(one_line(group.name), style="bold")
        head.append(f" ({group.actor_id})  ", style="dim")
        head.append(" → ".join(p.stance or "?" for p in group.positions), style="italic")
        console.print(head)
        for p in group.positions:
            line = Text(f"  {said_on(p)}  ")
            line.append(f"{p.stance or 'no stance':<9}", style="bold")
            line.append(f" {one_line(p.topic)}")
            console.print(line)
            console.print(Text(f"              {one_line(p.position)}"))
            if p.quote:
                console.print(Text(f"              “{one_line(p.quote)}”", style="italic"))
            console.print(
                Text(f"              {one_line(p.brief_title)} ({p.brief_id})", style="dim")
            )
