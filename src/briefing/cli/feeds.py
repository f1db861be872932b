"""Feed commands: feeds, fetch, publish, serve.

Remote text (entry titles, error details) reaches the terminal only through
``briefing.text.safe_text``, so a hostile feed cannot send escape sequences, and never
through Rich markup parsing.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from briefing.cli import Context, cli, pass_context
from briefing.errors import BriefingError
from briefing.text import clean

if TYPE_CHECKING:  # imported where used: httpx and feedparser load only for these commands
    from rich.progress import TaskID

    from briefing.feeds.fetch import FeedResult, FetchProgress, FetchReport
    from briefing.model import Brief


def _safe(text: str) -> str:
    """Remote text made inert for the terminal (control characters shown, not obeyed)."""
    return clean(text)


def _when(value: dt.datetime | None) -> str:
    if value is None:
        return "never"
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


@cli.group("feeds", invoke_without_command=True)
@click.pass_context
def feeds_command(ctx: click.Context) -> None:
    """List every feed (config.yaml and subscriptions) with its last fetch result.

    Subcommands add, remove, import and export manage the library's subscriptions.
    """
    if ctx.invoked_subcommand is None:
        _list_feeds(ctx.find_object(Context))


def _list_feeds(context: Context) -> None:
    from briefing.feeds.subscriptions import all_feeds, library_subscriptions
    from briefing.store import FeedState, Store

    feeds = all_feeds(context.settings, context.db_path)
    if not feeds:
        click.echo("No feeds yet. Subscribe with `briefing feeds add URL`, import a list with")
        click.echo("`briefing feeds import FILE`, or add them under `feeds:` in config.yaml.")
        return
    subscribed = {f.url for f in library_subscriptions(context.db_path)}
    configured = {f.url for f in context.settings.feeds}
    states: dict[str, FeedState | None] = {}
    if context.db_path.exists():
        with Store(context.db_path) as store:
            states = {f.url: store.feed_state(f.url) for f in feeds}
    for index, feed in enumerate(feeds):
        state = states.get(feed.url)
        if index:
            click.echo()
        status = "enabled" if feed.enabled else "disabled"
        where = "config.yaml" if feed.url in configured else "subscribed"
        if feed.url in configured and feed.url in subscribed:
            where = "config.yaml, subscribed"
        click.echo(f"{_safe(feed.name or feed.url)} ({status}, {where})")
        rows = [("url", feed.url), ("kind", feed.kind)]
        if state is None:
            rows.append(("last fetch", "never"))
        else:
            last = state.extra.get("last")
            when = _when(state.last_attempt or state.last_success)
            rows.append(("last fetch", f"{when}: {last}" if last else when))
            success = _when(state.last_success)
            if state.last_success and state.extra.get("briefs"):
                kind = state.extra.get("kind")
                success += f" ({state.extra['briefs']} briefs{', ' + kind if kind else ''})"
            rows.append(("last success", success))
            if state.last_error:
                rows.append(("last error", f"{_when(state.last_attempt)}: {state.last_error}"))
            rows.append(("ETag", state.etag or "-"))
            rows.append(("Last-Modified", state.last_modified or "-"))
        for label, value in rows:
            click.echo(f"  {label + ':':<15}{_safe(value)}")


_KIND_OPTION = click.option(
    "--kind",
    type=click.Choice(["auto", "briefs", "articles"]),
    default="auto",
    show_default=True,
    help="auto: brief links, else articles derived into drafts; or force one.",
)


@feeds_command.command("add")
@click.argument("url")
@click.option("--name", help="Display name (default: the URL).")
@_KIND_OPTION
@pass_context
def feeds_add(context: Context, url: str, name: str | None, kind: str) -> None:
    """Subscribe to the feed at URL (kept in the library)."""
    from briefing.feeds.subscriptions import check_feed_url
    from briefing.store import Store, Subscription

    url = check_feed_url(url)
    with Store(context.db_path) as store:
        (new,) = store.subscribe([Subscription(url=url, name=name, kind=kind)])
    click.echo(f"{'subscribed to' if new else 'updated'} {_safe(url)}")


@feeds_command.command("remove")
@click.argument("url")
@pass_context
def feeds_remove(context: Context, url: str) -> None:
    """Unsubscribe from URL. Its briefs stay in the library."""
    from briefing.store import Store

    with Store(context.db_path) as store:
        removed = store.unsubscribe(url.strip())
    if not removed:
        hint = (
            " (it is in config.yaml: remove it there)"
            if any(f.url == url.strip() for f in context.settings.feeds)
            else ""
        )
        raise BriefingError(f"{url}: not subscribed{hint}")
    click.echo(f"unsubscribed from {_safe(url.strip())}")


@feeds_command.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_KIND_OPTION
@pass_context
def feeds_import(context: Context, file: Path, kind: str) -> None:
    """Subscribe to every feed of an OPML 2.0 file or a newsboat urls file.

    Nothing is stored when any feed URL in the file is invalid.
    """
    from briefing.feeds.opml import parse_subscriptions
    from briefing.feeds.subscriptions import check_feed_url, check_kind
    from briefing.store import Store, Subscription

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise BriefingError(f"{file}: cannot read: {exc.strerror}") from None
    found, notes = parse_subscriptions(data, str(file))
    for note in notes:
        click.echo(f"briefing: {_safe(note)}", err=True)
    if not found:
        raise BriefingError(f"{file}: no feeds in this file")
    subs: list[Subscription] = []
    for feed in found:
        where = f"{file}:{feed.line}" if feed.line else str(file)
        try:
            url = check_feed_url(feed.url)
        except BriefingError as exc:
            raise BriefingError(f"{where}: {exc}") from None
        feed_kind = check_kind(feed.kind, where) if feed.kind else kind
        subs.append(Subscription(url=url, name=feed.name, kind=feed_kind))
    with Store(context.db_path) as store:
        added = store.subscribe(subs)
    new = sum(added)
    click.echo(
        f"imported {len(subs)} feeds from {file}: {new} new, {len(subs) - new} already there"
    )


@feeds_command.command("export")
@pass_context
def feeds_export(context: Context) -> None:
    """Print every feed (config.yaml and subscriptions) as OPML 2.0."""
    from briefing.feeds.opml import OpmlFeed, to_opml
    from briefing.feeds.subscriptions import all_feeds

    feeds = all_feeds(context.settings, context.db_path)
    click.echo(to_opml([OpmlFeed(url=f.url, name=f.name, kind=f.kind) for f in feeds]), nl=False)


@cli.command()
@click.argument("urls", nargs=-1)
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
@pass_context
def fetch(context: Context, urls: tuple[str, ...], quiet: bool) -> None:
    """Fetch all enabled feeds (or the given URLs) into the library.

    A URL may be an Atom, RSS or JSON feed, or a brief file itself. Entries that link
    brief files are imported; entries that are news articles become draft briefs. Exits
    0 only when every feed answered and every entry was handled (already known counts
    as handled); otherwise 1, naming each failed entry by URL.
    """
    import asyncio

    from briefing.feeds.fetch import fetch_into_library, select_feeds

    targets = select_feeds(context.settings, urls, context.db_path)
    if not targets:
        raise BriefingError(
            "no feeds to fetch: pass URLs, `briefing feeds add URL`, or add enabled feeds "
            "under `feeds:` in config.yaml"
        )
    with _progress(quiet, total=len(targets)) as on_progress:
        report = asyncio.run(
            fetch_into_library(
                context.settings, context.db_path, list(urls) or None, progress=on_progress
            )
        )
    _print_report(report)
    if not report.ok or report.failed:
        sys.exit(1)


@contextmanager
def _progress(quiet: bool, total: int) -> Iterator[Callable[[FetchProgress], None] | None]:
    """A Rich progress bar on stderr when it is a terminal; plain lines otherwise."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    if quiet:
        yield None
        return
    if not console.is_terminal:

        def plain(event: FetchProgress) -> None:
            if event.finished:
                click.echo(f"[{event.done}/{event.total}] {_safe(event.url)}", err=True)

        yield plain
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("fetching"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[url]}", markup=False),
        console=console,
        transient=True,
    ) as bar:
        task: TaskID = bar.add_task("fetch", total=total, url="")

        def rich(event: FetchProgress) -> None:
            bar.update(task, completed=event.done, total=event.total, url=_safe(event.url))

        yield rich


def _print_report(report: FetchReport) -> None:
    for feed in report.feeds:
        _print_feed(feed)
    failed_feeds = len(report.failed_feeds)
    click.echo(
        f"total: {report.new} new, {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.failed} failed"
        + (f"; {failed_feeds} feed(s) failed" if failed_feeds else "")
        + f" ({report.seconds:.1f}s)"
    )


def _print_feed(feed: FeedResult) -> None:
    title = _safe(feed.name if feed.name == feed.url else f"{feed.name} <{feed.url}>")
    counts = (
        f"{feed.new} new, {feed.updated} updated, {feed.unchanged} unchanged, "
        f"{len(feed.failed)} failed"
    )
    if feed.error:
        click.echo(f"{title}: FAILED: {_safe(feed.error)}")
    elif feed.not_modified:
        click.echo(f"{title}: not modified (304): {counts}")
    else:
        click.echo(f"{title}: {counts}")
    for message in feed.failed:
        click.echo(f"  failed: {_safe(message)}")
    for message in feed.skipped:
        click.echo(f"  skipped: {_safe(message)}")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write (created if missing).",
)
@click.option(
    "--base-url",
    "base_url",
    required=True,
    help="URL the folder will be served at, e.g. https://example.org/briefs/.",
)
@click.option("--title", default="briefing", show_default=True, help="Feed title.")
@pass_context
def publish(
    context: Context, paths: tuple[Path, ...], out: Path, base_url: str, title: str
) -> None:
    """Write briefs as a static site: OUT/briefs/<id>.yaml and OUT/feed.atom.

    With PATHs, publishes the brief files found there; without, the whole library.
    Invalid files are reported and left out (exit status 1). Only files an earlier
    publish wrote are ever removed from OUT; an OUT holding the PATHs is refused.
    """
    from briefing.feeds.publish import check_out, normalise_base_url
    from briefing.feeds.publish import publish as publish_site

    base_url = normalise_base_url(base_url)
    check_out(out, paths)
    problems = 0
    inputs: list[Path] = list(paths)
    if paths:
        briefs, problems, files = _load_files(context, list(paths))
        inputs += files
    else:
        from briefing.store import Store

        if not context.db_path.exists():
            raise BriefingError(f"{context.db_path}: no library yet; pass brief files or folders")
        with Store(context.db_path) as store:
            briefs = list(store.iter_briefs())
    report = publish_site(briefs, out, base_url, title=title, inputs=inputs)
    click.echo(
        f"published {report.count} briefs to {out} ({len(report.written)} written, "
        f"{len(report.kept)} unchanged, {len(report.removed)} stale removed)"
    )
    for name in report.left:
        click.echo(f"kept {_safe(name)}: stale, but changed since it was published", err=True)
    click.echo(f"feed: {report.feed_url}")
    if problems:
        click.echo(f"{problems} problem(s): invalid briefs were left out", err=True)
        sys.exit(1)


def _load_files(context: Context, paths: list[Path]) -> tuple[list[Brief], int, list[Path]]:
    """Briefs of the given files and folders, exactly as ``validate`` reads them; the
    number of errors, and the files read."""
    from briefing.files import iter_brief_files
    from briefing.loader import load_file

    briefs: list[Brief] = []
    errors = 0
    files = list(iter_brief_files(paths))
    for path in files:
        loaded = load_file(path, context.settings.limits)
        for problem in loaded.problems:
            click.echo(str(problem), err=True)
        errors += len(loaded.errors)
        briefs.extend(loaded.briefs)
    return briefs, errors, files


@cli.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
def serve(directory: Path, port: int, host: str) -> None:
    """Serve a published folder over HTTP (media types, ETag, Last-Modified, 304s).

    Logs one line per request with its status. For demos and tests; put a real web
    server in front of anything public.
    """
    from briefing.feeds.serve import make_server

    try:
        server = make_server(directory, host, port)
    except OSError as exc:
        raise BriefingError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    click.echo(f"serving {directory} at {server.url} (Ctrl-C to stop)", err=True)
    if (directory / "feed.atom").is_file():
        click.echo(f"feed: {server.url}feed.atom", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
