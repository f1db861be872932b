"""Library commands: validate, load, list, show, export, actors, actor, questions,
search, config.

Output conventions (documented in the README):

* Problem lines (``PATH:LINE:COL: FIELD: message``) and summaries go to stdout; a
  failure that stops the command goes to stderr as ``briefing: ...``.
* Exit status 0 on success, 1 when input was refused or an id is unknown, 2 for bad
  usage, configuration or an unusable library.
* ``--json`` output is stable: shapes are listed on each command.
* Brief text is untrusted. Every view (``show``, ``list``, ``actor``...) and every
  problem line shows it through ``briefing.text`` (control characters made visible,
  never parsed as Rich markup), on a terminal or piped. Only data formats are exact:
  ``export``/``show --format yaml|json`` piped to a file or program (YAML and JSON
  escape control characters themselves); on a terminal they are cleaned too.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from briefing.cli import Context, cli, pass_context
from briefing.errors import BriefingError, Problem
from briefing.render import DATA_FORMATS, FORMATS, render_brief
from briefing.store import SEARCH_WINDOW, SNIPPET_END, SNIPPET_START, BriefRow, QuestionRow, Store
from briefing.text import clean, one_line, safe_text

if TYPE_CHECKING:  # the loader (pydantic models) is imported by validate and load only
    from rich.progress import Progress

    from briefing.sync import LoadReport

T = TypeVar("T")

#: Show a progress bar for loads of at least this many files (on a terminal only).
PROGRESS_MIN_FILES = 200
#: ``load`` lists each brief when there are at most this many (else counts only).
LIST_MAX_BRIEFS = 50


# -- helpers ----------------------------------------------------------------------------


def _tty() -> bool:
    return sys.stdout.isatty()


def _console(*, stderr: bool = False) -> Console:
    """Rich on a terminal; piped, Rich writes plain text (no styles, no escapes)."""
    return Console(stderr=stderr, highlight=False, soft_wrap=not _tty())


#: The width ``show`` lays a brief out at when piped: wide enough that nothing wraps.
_UNWRAPPED = 1_000_000


def _print_unwrapped(renderable: Any) -> None:
    """A Rich renderable to a pipe or file: every paragraph and table row on one line,
    nothing wrapped or cut at some terminal's width (the reader of a pipe wraps), no
    styles, no trailing blanks."""
    console = Console(width=_UNWRAPPED, color_system=None, highlight=False, force_terminal=False)
    with console.capture() as captured:
        console.print(renderable)
    click.echo("\n".join(line.rstrip() for line in captured.get().splitlines()))


def _emit(text: str, *, exact: bool = True) -> None:
    """Brief-derived text to stdout: exact when piped (if ``exact``), else cleaned."""
    click.echo(text if exact and not _tty() else clean(text), nl=False)


def _emit_json(data: Any) -> None:
    # ensure_ascii: JSON escapes every control and non-ASCII character, so it is safe
    # on a terminal and exact for a program.
    click.echo(json.dumps(data, indent=2, ensure_ascii=True))


def _fail(message: str) -> NoReturn:
    """An unknown id and the like: one line on stderr, exit status 1."""
    click.echo(f"briefing: {clean(message)}", err=True)
    sys.exit(1)


@contextmanager
def _store(context: Context, *, check: bool = False) -> Iterator[Store]:
    """The library; ``check`` refuses a damaged one (see ``Store``), for the commands
    that write to it and for ``list``."""
    with Store(context.db_path, check=check) as store:
        yield store


def _check_paths(paths: Sequence[Path]) -> None:
    from briefing.files import missing_paths

    missing = missing_paths(paths)
    if missing:
        names = ", ".join(str(p) for p in missing)
        raise BriefingError(f"no such file or folder: {names}")


def _problem_line(problem: Problem) -> str:
    """Problem messages quote the offending values: cleaned, on a terminal or not."""
    return clean(str(problem))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _brief_json(row: BriefRow) -> dict[str, Any]:
    return {"id": row.id, "title": row.title, "date": row.date, "tags": list(row.tags)}


def _brief_line(row: BriefRow) -> str:
    return "\t".join(one_line(f) for f in (row.date, row.id, row.title, ",".join(row.tags)))


def _emit_lines(lines: Iterable[str]) -> None:
    """Many lines in one write (a chunk of a streamed listing)."""
    text = "\n".join(lines)
    if text:
        click.echo(text)


def _emit_json_stream(items: Iterable[list[dict[str, Any]]]) -> None:
    """A JSON array written chunk by chunk, byte for byte what :func:`_emit_json` writes
    for the whole list: the first items go out before the last are read."""
    first = True
    for chunk in items:
        if not chunk:
            continue
        body = ",\n".join(
            "  " + json.dumps(item, indent=2, ensure_ascii=True).replace("\n", "\n  ")
            for item in chunk
        )
        click.echo(("[\n" if first else ",\n") + body, nl=False)
        first = False
    click.echo("[]" if first else "\n]")


def _screenful() -> int:
    """Rows that fit the terminal under a header, above a footer and the prompt."""
    return max(10, shutil.get_terminal_size().lines - 4)


def _more(shown: int, total: int, what: str) -> None:
    if total > shown:
        click.echo(f"{shown:,} of {total:,} {what} shown; --limit N or --all for more", err=True)


def _brief_table(rows: Sequence[BriefRow], *, header: bool = True) -> None:
    """Briefs as a table on a terminal, as tab-separated lines when piped."""
    if not _tty():
        _emit_lines(_brief_line(row) for row in rows)
        return
    table = Table(box=None, pad_edge=False, header_style="bold", show_header=header)
    table.add_column("date", no_wrap=True)
    table.add_column("id", overflow="fold")
    table.add_column("title", overflow="fold")
    table.add_column("tags", overflow="fold", style="dim")
    for row in rows:
        table.add_row(
            row.date, safe_text(row.id), safe_text(one_line(row.title)), ", ".join(row.tags)
        )
    _console().print(table)


# -- validate and load ------------------------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@pass_context
def validate(context: Context, paths: tuple[Path, ...]) -> None:
    """Check brief files (or folders of them, recursively) without loading them.

    Prints every problem as PATH:LINE:COL: FIELD: message, then a summary line.
    Exit status 1 if any brief is invalid.
    """
    from briefing.sync import plan_files, read_planned

    _check_paths(paths)
    plan = plan_files(paths)
    files = valid = invalid = errors = warnings = 0
    results = read_planned(plan, context.settings.limits)
    with closing(results):  # on Ctrl-C its worker processes end now, not at exit
        for result in results:
            files += 1
            valid += len(result.prepared)
            invalid += result.refused
            for problem in result.problems:
                click.echo(_problem_line(problem))
                if problem.is_error:
                    errors += 1
                else:
                    warnings += 1
    counts = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    click.echo(
        f"{_plural(files, 'file')}, {_plural(valid + invalid, 'brief')}: "
        f"{valid} valid, {invalid} invalid ({counts})"
    )
    if invalid:
        sys.exit(1)


class _ProgressBar:
    """A Rich progress bar on stderr, shown only on a terminal and only once a load
    turns out to be big (the total is known at the first callback)."""

    def __init__(self) -> None:
        self._bar: Progress | None = None
        self._task: Any = None
        self._enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if not self._enabled or total < PROGRESS_MIN_FILES:
                self._enabled = False
                return
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._bar = Progress(
                TextColumn("loading"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files"),
                TimeElapsedColumn(),
                console=_console(stderr=True),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("load", total=total)
        self._bar.update(self._task, completed=done, total=total)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="List every brief, however many.")
@click.option(
    "--force", is_flag=True, help="Read every file, even those unchanged since they were loaded."
)
@pass_context
def load(context: Context, paths: tuple[Path, ...], verbose: bool, force: bool) -> None:
    """Validate brief files (or folders, recursively) and import the valid briefs.

    A brief whose id is already in the library replaces it only if its `updated` is
    later; otherwise it is reported as unchanged. A file whose size and modification
    time are those it had when last loaded is not read again (as the reader's sync
    does); --force reads it. Valid briefs are imported even when others are refused.
    Exit status 1 if anything was refused.
    """
    from briefing.sync import load_paths

    _check_paths(paths)
    bar = _ProgressBar()
    try:
        with _store(context, check=True) as store:
            report = load_paths(
                store,
                paths,
                context.settings.limits,
                skip_unchanged_files=not force,
                progress=bar,
            )
    finally:
        bar.close()
    _print_load(report, verbose)
    if not report.ok:
        sys.exit(1)


def _print_load(report: LoadReport, verbose: bool) -> None:
    for problem in report.problems:
        click.echo(_problem_line(problem))
    briefs = len(report.new) + len(report.updated) + len(report.unchanged)
    if verbose or briefs <= LIST_MAX_BRIEFS:
        for label, ids in (
            ("new", report.new),
            ("updated", report.updated),
            ("unchanged", report.unchanged),
        ):
            for brief_id in ids:
                click.echo(f"{label}: {brief_id}")
    click.echo(report.summary())


# -- reading the library ------------------------------------------------------------------


#: Rows per chunk of a streamed listing (one query, one write per chunk).
STREAM_CHUNK = 2000

_limit_option = click.option(
    "--limit",
    type=click.IntRange(min=1),
    metavar="N",
    help="At most N rows (on a terminal the default is a screenful; piped, all).",
)
_all_option = click.option("--all", "show_all", is_flag=True, help="Every row, on a terminal too.")


def _rows_wanted(limit: int | None, show_all: bool, as_json: bool, screen: int) -> int | None:
    """How many rows to show: --limit, --all, else a screen's worth on a terminal and
    everything for a program (piped or JSON)."""
    if limit is not None:
        return limit
    if show_all or as_json or not _tty():
        return None
    return screen


@cli.command("list")
@click.option("--tag", help="Only briefs with this tag.")
@click.option("--actor", "actor_id", metavar="ID", help="Only briefs naming this actor id.")
@_limit_option
@_all_option
@click.option("--unread", is_flag=True, help="Only briefs not yet read (in the reader or with u).")
@click.option(
    "--json", "as_json", is_flag=True, help="JSON array of {id, title, date, tags, read}."
)
@pass_context
def list_command(
    context: Context,
    tag: str | None,
    actor_id: str | None,
    limit: int | None,
    show_all: bool,
    unread: bool,
    as_json: bool,
) -> None:
    """List briefs, newest first.

    On a terminal, the newest screenful (--limit N, --all); piped, every brief as
    tab-separated lines (date, id, title, tags), streamed as they are read.
    """
    wanted = _rows_wanted(limit, show_all, as_json, _screenful())
    with _store(context) as store:
        if actor_id is not None and not store.has_actor(actor_id):
            _fail(f"no actor {actor_id!r} in the library (see `briefing actors`)")
        chunks = _take(
            store.stream_briefs(
                tag=tag,
                actor=actor_id,
                unread=unread,
                chunk=min(STREAM_CHUNK, wanted or STREAM_CHUNK),
            ),
            wanted,
        )
        if as_json:
            _emit_json_stream(
                [{**_brief_json(row), "read": row.read} for row in chunk] for chunk in chunks
            )
            return
        shown = 0
        for chunk in chunks:
            _brief_table(chunk, header=shown == 0)
            shown += len(chunk)
        if not shown:
            click.echo("No briefs match." if tag or actor_id or unread else _EMPTY, err=True)
        elif wanted is not None and shown == wanted and _tty():
            _more(shown, store.count_briefs(tag=tag, actor=actor_id, unread=unread), "briefs")


def _take(chunks: Iterator[list[T]], limit: int | None) -> Iterator[list[T]]:
    """The first ``limit`` rows of a chunked stream (all when ``None``); the stream is
    closed (its cursor released) as soon as they are out."""
    left = limit
    with closing(chunks):  # type: ignore[type-var]
        for chunk in chunks:
            if left is not None:
                chunk = chunk[:left]
                left -= len(chunk)
            if chunk:
                yield chunk
            if left == 0:
                return


_EMPTY = "The library is empty. Load briefs with `briefing load PATH`."


def _get_brief(store: Store, brief_id: str, fmt: str = "yaml") -> Any:
    """The brief to render in ``fmt``: as data (no pydantic) for the forms drawn from
    data, the model for the others (yaml, stix)."""
    brief = store.brief_data(brief_id) if fmt in DATA_FORMATS else store.get_brief(brief_id)
    if brief is None:
        _fail(f"no brief {brief_id!r} in {store.path} (see `briefing list`)")
    return brief


@cli.command()
@click.argument("brief_id", metavar="ID")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text is for reading; yaml is lossless.",
)
@pass_context
def show(context: Context, brief_id: str, fmt: str) -> None:
    """Show one brief."""
    with _store(context) as store:
        brief = _get_brief(store, brief_id, fmt)
    rendered = render_brief(brief, fmt)  # type: ignore[arg-type]
    if isinstance(rendered, str):
        _emit(rendered, exact=fmt != "markdown")
    elif _tty():
        _console().print(rendered)
    else:
        _print_unwrapped(rendered)


@cli.command()
@click.argument("brief_id", metavar="ID", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("yaml", "json", "markdown", "stix")),
    default="yaml",
    show_default=True,
    help="yaml is lossless: loading it back gives the same brief; stix is a STIX 2.1 bundle.",
)
@click.option("--all", "everything", is_flag=True, help="Every brief (with --format stix).")
@pass_context
def export(context: Context, brief_id: str | None, fmt: str, everything: bool) -> None:
    """Write one brief to stdout as YAML, JSON, Markdown or a STIX 2.1 bundle (--all: the
    whole library, as one STIX bundle)."""
    if everything == (brief_id is not None):
        raise click.UsageError("give a brief ID or --all")
    if everything and fmt != "stix":
        raise click.UsageError("--all exports a STIX bundle: add --format stix")
    if fmt == "stix":
        from briefing.stix import write_bundle

        with _store(context) as store:
            briefs = store.iter_briefs() if everything else [_get_brief(store, brief_id, fmt)]
            # JSON escapes control characters itself: exact, and safe on a terminal.
            write_bundle(briefs, lambda text: click.echo(text, nl=False))
        return
    with _store(context) as store:
        brief = _get_brief(store, brief_id, fmt)
    rendered = render_brief(brief, fmt)  # type: ignore[arg-type]
    assert isinstance(rendered, str)
    _emit(rendered, exact=fmt != "markdown")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="JSON array of {id, name, kind, briefs}.")
@pass_context
def actors(context: Context, as_json: bool) -> None:
    """Every actor with the number of briefs naming it, most frequent first."""
    with _store(context) as store:
        summaries = store.actors()
    if as_json:
        _emit_json(
            [
                {"id": a.id, "name": a.name, "kind": a.kind, "briefs": a.brief_count}
                for a in summaries
            ]
        )
        return
    if not summaries:
        click.echo(_EMPTY, err=True)
        return
    if not _tty():
        for a in summaries:
            click.echo("\t".join(one_line(f) for f in (str(a.brief_count), a.id, a.name, a.kind)))
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("briefs", justify="right")
    table.add_column("id", overflow="fold")
    table.add_column("name", overflow="fold")
    table.add_column("kind", style="dim")
    for a in summaries:
        table.add_row(str(a.brief_count), safe_text(a.id), safe_text(one_line(a.name)), a.kind)
    _console().print(table)


@cli.command()
@click.argument("actor_id", metavar="ID")
@_limit_option
@_all_option
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="JSON object {id, name, kind, aliases, roles, briefs, positions}.",
)
@pass_context
def actor(
    context: Context, actor_id: str, limit: int | None, show_all: bool, as_json: bool
) -> None:
    """One actor: roles, the briefs it appears in, and its positions across briefs.

    On a terminal, the newest briefs and latest positions (--limit N each, --all);
    piped, all of them, streamed.
    """
    with _store(context) as store:
        if as_json:
            _actor_json(store, actor_id)
            return
        head = store.actor_head(actor_id, spans=1)
        if head is None:
            _fail(f"no actor {actor_id!r} in the library (see `briefing actors`)")
        wanted = _rows_wanted(limit, show_all, as_json, ACTOR_ROWS)
        lines = _Lines()
        title = safe_text(one_line(head.name), style="bold")
        title.append(f" ({head.id}, {head.kind})", style="dim")
        lines.add(title)
        if head.aliases:
            lines.add(safe_text("also: " + one_line("; ".join(head.aliases)), style="dim"))
        if head.spans:
            span = head.spans[0]
            role = ", ".join(x for x in (span.role, span.affiliation) if x)
            lines.add(safe_text(f"{one_line(role)} (as of {span.last})"))
        lines.add(Text(f"\nBriefs ({head.brief_count:,})", style="bold underline"))
        lines.flush()
        shown = 0
        chunk_rows = min(STREAM_CHUNK, wanted or STREAM_CHUNK)
        briefs = store.stream_briefs(actor=actor_id, chunk=chunk_rows)
        for chunk in _take(briefs, wanted):
            for row in chunk:
                line = Text(f"{row.date}  ")
                line.append(one_line(row.title))
                line.append(f"  {row.id}", style="dim")
                lines.add(line)
            shown += len(chunk)
            lines.flush()
        lines.more(shown, head.brief_count, "briefs")
        lines.add(Text(f"\nPositions ({head.position_count:,}), by date", style="bold underline"))
        if wanted is None:
            positions = store.stream_actor_positions(actor_id, chunk=STREAM_CHUNK)
        else:  # the latest ones, still oldest first
            offset = max(0, head.position_count - wanted)
            positions = iter([store.actor_positions(actor_id, offset=offset, limit=wanted)])
        shown = 0
        for chunk in positions:
            for p in chunk:
                line = Text(f"{p.brief_date}  ", style="dim")
                line.append(one_line(p.topic), style="bold")
                if p.stance:
                    line.append(f"  [{p.stance}]", style="dim")
                lines.add(line)
                lines.add(Text("    " + one_line(p.position)))
                if p.quote:
                    lines.add(Text(f"    “{one_line(p.quote)}”", style="italic"))
            shown += len(chunk)
            lines.flush()
        lines.more(shown, head.position_count, "positions")


#: Briefs and positions ``briefing actor`` shows on a terminal by default.
ACTOR_ROWS = 10


class _Lines:
    """Lines of styled text, printed by Rich on a terminal and written as plain text in
    one go per flush when piped (Rich per line costs milliseconds: 90,000 lines)."""

    def __init__(self) -> None:
        self._tty = _tty()
        self._console = _console() if self._tty else None
        self._pending: list[Text] = []

    def add(self, line: Text) -> None:
        self._pending.append(line)

    def flush(self) -> None:
        if self._console is not None:
            for line in self._pending:
                self._console.print(line)
        else:
            _emit_lines(line.plain for line in self._pending)
        self._pending.clear()

    def more(self, shown: int, total: int, what: str) -> None:
        self.flush()
        if self._tty:
            _more(shown, total, what)


def _actor_json(store: Store, actor_id: str) -> None:
    """``{id, name, kind, aliases, roles, briefs, positions}``, byte for byte what
    :func:`_emit_json` writes for it, encoded a chunk of rows at a time (see
    :func:`_json_objects`) and written in large pieces: the most frequent actor of a
    100,000-brief library has 28,561 briefs and 25,234 positions."""
    head = store.actor_head(actor_id, spans=0)
    if head is None:
        _fail(f"no actor {actor_id!r} in the library (see `briefing actors`)")
    top = json.dumps(
        {"id": head.id, "name": head.name, "kind": head.kind, "aliases": list(head.aliases)},
        indent=2,
        ensure_ascii=True,
    )
    briefs = store.actor_brief_rows(actor_id)  # newest first; the roles are oldest first
    write = sys.stdout.write
    write(top[: -len("\n}")] + ',\n  "roles": ')
    _json_objects(write, ROLE_KEYS, _chunked(briefs[::-1], JSON_CHUNK))
    write(',\n  "briefs": ')
    _json_objects(write, BRIEF_KEYS, _chunked(briefs, JSON_CHUNK))
    write(',\n  "positions": ')
    _json_objects(
        write, POSITION_KEYS, store.stream_actor_position_rows(actor_id, chunk=JSON_CHUNK)
    )
    write("\n}\n")
    sys.stdout.flush()


#: ``actor --json``'s objects: (key, column of the row) each.
ROLE_KEYS = (("brief", 0), ("date", 1), ("role", 2), ("affiliation", 3))
BRIEF_KEYS = (("id", 0), ("title", 4), ("date", 1), ("tags", 5))
POSITION_KEYS = tuple(
    (k, i)
    for i, k in enumerate(("brief", "date", "topic", "position", "stance", "quote", "attribution"))
)
#: Rows encoded and written at a time.
JSON_CHUNK = 5000

#: Encodes a list of scalars as one line per item: with ``ensure_ascii`` no encoded
#: value holds a newline, so splitting on it gives each value's JSON. C-speed (the
#: ``indent`` that ``_emit_json`` uses makes json fall back to its Python encoder).
_COLUMN = json.JSONEncoder(ensure_ascii=True, separators=("\n", ": "))
#: Tags are slugs (the model checks): their JSON is the tag in quotes.
_SLUGS = re.compile(r"[a-z0-9-]+(?: [a-z0-9-]+)*")


def _chunked(rows: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _json_column(values: Sequence[Any]) -> list[str]:
    """The JSON of each value (``json.dumps(value, ensure_ascii=True)``), in one call."""
    return _COLUMN.encode(list(values))[1:-1].split("\n")


def _json_tags(tags_text: str, pad: str) -> str:
    """``tags_text`` (space-separated) as ``json.dumps(tags, indent=2)`` lays out a list
    whose key is indented by ``pad``."""
    if not tags_text:
        return "[]"
    inner = f"{pad}  "
    if _SLUGS.fullmatch(tags_text):
        items = '"' + tags_text.replace(" ", f'",\n{inner}"') + '"'
    else:  # not written by briefing: encode each tag
        items = f",\n{inner}".join(_json_column(tags_text.split()))
    return f"[\n{inner}{items}\n{pad}]"


def _json_objects(
    write: Callable[[str], Any],
    keys: Sequence[tuple[str, int]],
    chunks: Iterable[Sequence[Sequence[Any]]],
    pad: str = "    ",
) -> None:
    """An array of flat objects, one per row (``key: row[column]`` each; a ``tags``
    key takes ``tags_text``), written chunk by chunk exactly as ``json.dumps(...,
    indent=2, ensure_ascii=True)`` lays it out with its items indented by ``pad``.

    Each column of a chunk is encoded in one call (see :data:`_COLUMN`); a row costs
    one string format, no dict and no Python-level encoder."""
    inner = pad + "  "
    template = (
        f"{pad}{{\n" + ",\n".join(f"{inner}{json.dumps(key)}: %s" for key, _ in keys) + f"\n{pad}}}"
    )
    first = True
    for rows in chunks:
        if not rows:
            continue
        columns = list(zip(*rows, strict=True))
        encoded = [
            [_json_tags(t, inner) for t in columns[i]]
            if key == "tags"
            else _json_column(columns[i])
            for key, i in keys
        ]
        body = ",\n".join(map(template.__mod__, zip(*encoded, strict=True)))
        write(("[\n" if first else ",\n") + body)
        first = False
    write("[]" if first else f"\n{pad[:-2]}]")


def _question_json(row: QuestionRow) -> dict[str, Any]:
    return {
        "id": row.question_id,
        "question": row.question,
        "status": row.status,
        "brief": row.brief_id,
        "date": row.brief_date,
        "likelihood": row.likelihood,
        "confidence": row.confidence,
        "resolution": row.resolution,
    }


@cli.command()
@click.option(
    "--status",
    type=click.Choice(("open", "resolved")),
    help="Only questions whose latest statement has this status.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="JSON array of {id, question, status, brief, date, likelihood, confidence, "
    "resolution, history?}.",
)
@pass_context
def questions(context: Context, status: str | None, as_json: bool) -> None:
    """Open questions across the library, newest first.

    Each question id is listed once, as its latest brief states it (--status filters
    on that). A question stated by several briefs shows its history, oldest first.
    """
    with _store(context) as store:
        rows = store.questions(status=status)
        history = {
            row.question_id: store.question_history(row.question_id)
            for row in rows
            if row.statements > 1
        }
    if as_json:
        out = []
        for row in rows:
            item = _question_json(row)
            if row.question_id in history:
                item["history"] = [
                    {
                        "brief": h.brief_id,
                        "date": h.brief_date,
                        "status": h.status,
                        "likelihood": h.likelihood,
                        "confidence": h.confidence,
                        "question": h.question,
                        "resolution": h.resolution,
                    }
                    for h in history[row.question_id]
                ]
            out.append(item)
        _emit_json(out)
        return
    if not rows:
        click.echo("No questions match." if status else _EMPTY, err=True)
        return
    console = _console()
    for row in rows:
        line = Text(f"[{row.status}] ", style="bold" if row.status == "open" else "dim")
        line.append(one_line(row.question), style="bold")
        console.print(line)
        meta = ", ".join(
            x for x in (row.question_id if row.has_own_id else None, row.likelihood) if x
        )
        detail = Text(f"    {row.brief_date}  {row.brief_id}", style="dim")
        if meta:
            detail.append(f"  ({meta})", style="dim")
        console.print(detail)
        for step in history.get(row.question_id, []):
            line = Text(f"      {step.brief_date}  {step.status}", style="dim")
            for value in (step.likelihood, step.confidence):
                if value:
                    line.append(f", {value}", style="dim")
            line.append(f"  {step.brief_id}", style="dim")
            console.print(line)
        if row.resolution:
            console.print(Text("    resolved: " + one_line(row.resolution)))


def _plain_snippet(snippet: str) -> str:
    return one_line(snippet.replace(SNIPPET_START, "").replace(SNIPPET_END, ""))


def _snippet_text(snippet: str) -> Text:
    """Matched terms highlighted, built span by span (never markup)."""
    out = Text()
    flat = " ".join(snippet.split())  # the markers are not whitespace: they survive
    for i, part in enumerate(flat.split(SNIPPET_START)):
        if i == 0:
            out.append(clean(part.replace(SNIPPET_END, "")))
            continue
        hit, _, after = part.partition(SNIPPET_END)
        out.append(clean(hit), style="bold reverse")
        out.append(clean(after.replace(SNIPPET_END, "")))
    return out


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(1, SEARCH_WINDOW),
    help=f"Most briefs to show (1 to {SEARCH_WINDOW:,}).",
)
@click.option(
    "--json", "as_json", is_flag=True, help="JSON array of {brief, title, date, where, snippet}."
)
@pass_context
def search(context: Context, query: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Full-text search over titles, summaries, positions, quotes and questions.

    Every word must match (word forms too: strikes finds strike); FTS syntax is not
    interpreted; "quoted words" match as a phrase; a last word that matches nothing as
    typed is tried as a prefix. Best matches first, among the 2,000 most recent
    matching briefs.
    """
    text = " ".join(query)
    with _store(context) as store:
        hits = store.search(text, limit=limit)
    if as_json:
        _emit_json(
            [
                {
                    "brief": h.brief_id,
                    "title": h.title,
                    "date": h.date,
                    "where": h.where,
                    "snippet": _plain_snippet(h.snippet),
                }
                for h in hits
            ]
        )
        return
    if not hits:
        click.echo("No matches.", err=True)
        return
    console = _console()
    for hit in hits:
        head = Text(f"{hit.date}  ")
        head.append(one_line(hit.title), style="bold")
        head.append(f"  {hit.brief_id}", style="dim")
        console.print(head)
        body = Text(f"    {hit.where}: ", style="dim")
        body.append_text(_snippet_text(hit.snippet))
        console.print(body)


# -- configuration ------------------------------------------------------------------------


@cli.command("config")
@click.pass_context
def config_command(ctx: click.Context) -> None:
    """Print the effective configuration as YAML, and where each value came from."""
    import yaml

    from briefing import config as config_module

    context: Context = ctx.find_object(Context)  # type: ignore[assignment]
    config_file = ctx.find_root().params.get("config")
    files = config_module.config_files(config_file)
    origins = config_module.provenance(config_file)
    click.echo("# briefing's effective configuration")
    if files:
        click.echo("# config files, weakest first: " + ", ".join(str(f) for f in files))
    else:
        click.echo("# no config file found: defaults and BRIEFING_* variables only")
    click.echo(f"# library in use: {context.db_path}")
    data = context.settings.model_dump(mode="json")
    click.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), nl=False)
    click.echo("# where set values came from (everything else is a default):")
    if not origins:
        click.echo("#   (nothing set)")
    for key in sorted(origins):
        click.echo(f"#   {key}: {origins[key]}")
