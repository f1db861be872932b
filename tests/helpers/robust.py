"""Shared helpers for the robustness tests (tests/robust/test_robust_*.py).

Nothing here is a test. It holds:

* :func:`run_cli` / :func:`spawn_cli` - ``python -m briefing ...`` as a real subprocess,
  the way a user runs it (isolated config and data folders, no ``BRIEFING_*`` variables
  leaking in from the developer's shell);
* :func:`db_checksums` - our own sha256 per table (rows in a stable order), independent
  of ``Store.table_checksums()`` so a bug there cannot hide a bug in ``load``;
* :func:`small_brief` / :func:`write_briefs` - deterministic generators of small valid
  briefs, and :func:`valid_briefs` - a hypothesis strategy building valid brief dicts;
* :func:`run_in_pty` - runs a command on a pseudo-terminal and returns the raw bytes the
  "terminal" received, with :func:`foreign_escapes` to find any escape or control
  sequence that is not Rich's own styling.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import select
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

PYTHON = sys.executable


# -- running the CLI -----------------------------------------------------------------------


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a subprocess gets: the test's (already isolated by conftest)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    env.setdefault("PYTHONIOENCODING", "utf-8")
    env["PYTHONUNBUFFERED"] = "1"
    # Never let a test's COLUMNS/NO_COLOR/FORCE_COLOR from the developer shell change output.
    for name in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        env.pop(name, None)
    env.setdefault("COLUMNS", "200")
    if extra:
        env.update(extra)
    return env


@dataclass
class Result:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    cpu: float = 0.0
    """CPU seconds (user + system) the command used: unlike wall time, hardly affected
    by other work on a busy machine, so time limits compare this."""

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def __str__(self) -> str:  # shown by pytest when an assert fails
        return (
            f"$ briefing {' '.join(self.args)}\n-> exit {self.returncode} "
            f"in {self.seconds:.2f}s ({self.cpu:.2f}s CPU)\n--- stdout\n{self.stdout[-4000:]}\n"
            f"--- stderr\n{self.stderr[-4000:]}"
        )


def cli_args(args: Sequence[str | os.PathLike[str]], db: Path | None = None) -> list[str]:
    out = [os.fspath(a) for a in args]
    if db is not None:
        out = ["--db", os.fspath(db), *out]
    return out


def run_cli(
    *args: str | os.PathLike[str],
    db: Path | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    input: str | None = None,
) -> Result:
    """``python -m briefing [--db DB] ARGS`` to completion, with its exact CPU time.

    Thread-safe (each call reaps only its own child with ``wait4``), so independent
    commands can run side by side: see :func:`run_cli_many`.
    """
    import tempfile

    argv = cli_args(args, db)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            [PYTHON, "-m", "briefing", *argv],
            stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            cwd=cwd,
            env=cli_env(env),
            start_new_session=True,
        )
        if input is not None:
            assert proc.stdin is not None
            proc.stdin.write(input.encode("utf-8"))
            proc.stdin.close()
        status, cpu = _wait4(proc, timeout)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    return Result(argv, status, stdout, stderr, seconds, cpu)


def _wait4(proc: subprocess.Popen[Any], timeout: float) -> tuple[int, float]:
    """Reap ``proc`` (killing its group after ``timeout``): (exit status, CPU seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            break
        if time.monotonic() > deadline:
            kill_group(proc)
            os.wait4(proc.pid, 0)
            proc.returncode = -9
            raise subprocess.TimeoutExpired(proc.args, timeout)
        time.sleep(0.01)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_utime + usage.ru_stime


def run_cli_many(jobs: Sequence[dict[str, Any]], workers: int | None = None) -> list[Result]:
    """Several independent :func:`run_cli` calls side by side (``jobs`` are its keyword
    arguments, ``args`` a list), in order of ``jobs``. Each still gets its own CPU time."""
    from concurrent.futures import ThreadPoolExecutor

    workers = workers or max(2, os.cpu_count() or 2)
    with ThreadPoolExecutor(workers) as pool:
        futures = [
            pool.submit(run_cli, *job["args"], **{k: v for k, v in job.items() if k != "args"})
            for job in jobs
        ]
        return [f.result() for f in futures]


def spawn_cli(
    *args: str | os.PathLike[str],
    db: Path | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    **popen: Any,
) -> subprocess.Popen[str]:
    """``python -m briefing`` started in the background (its own process group)."""
    popen.setdefault("stdout", subprocess.PIPE)
    popen.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen(
        [PYTHON, "-m", "briefing", *cli_args(args, db)],
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd,
        env=cli_env(env),
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        **popen,
    )


def kill_group(proc: subprocess.Popen[Any], sig: int = signal.SIGKILL) -> None:
    """Send ``sig`` to the process group we started (the CLI and any pool workers)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)


TRACEBACK = "Traceback (most recent call last)"


def assert_clean_failure(result: Result, *, mentions: Iterable[str] = ()) -> None:
    """Non-zero exit, a message on stderr, no traceback; each of ``mentions`` named."""
    assert result.returncode != 0, str(result)
    assert TRACEBACK not in result.output, str(result)
    assert result.stderr.strip(), str(result)
    for needle in mentions:
        assert needle in result.output, f"{needle!r} not named\n{result}"


# -- the database, checked independently of the Store ---------------------------------------


def _row_key(row: tuple[Any, ...]) -> bytes:
    return repr(tuple((type(v).__name__, v) for v in row)).encode("utf-8", "backslashreplace")


def db_checksums(path: Path) -> dict[str, str]:
    """sha256 per table of every row (sorted), plus the schema and ``user_version``.

    Opened read-only through a URI so checking never changes the file. FTS shadow
    tables are ordinary tables here and are included.
    """
    uri = f"file:{path}?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    try:
        out: dict[str, str] = {}
        schema = con.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        out["<schema>"] = hashlib.sha256(repr(schema).encode()).hexdigest()
        out["<user_version>"] = str(con.execute("PRAGMA user_version").fetchone()[0])
        tables = [
            name
            for (name,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        for name in tables:
            quoted = '"' + name.replace('"', '""') + '"'
            try:
                rows = con.execute(f"SELECT * FROM {quoted}").fetchall()
            except sqlite3.OperationalError as exc:  # virtual table without its module
                out[name] = f"unreadable: {exc}"
                continue
            digest = hashlib.sha256()
            for key in sorted(_row_key(r) for r in rows):
                digest.update(key)
                digest.update(b"\n")
            out[name] = f"{len(rows)}:{digest.hexdigest()}"
        return out
    finally:
        con.close()


def checkpoint(path: Path) -> None:
    """Fold the WAL into the main file so the file alone holds the database."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def integrity(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("PRAGMA integrity_check")]
    finally:
        con.close()


def table_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            n
            for (n,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND sql NOT LIKE "
                "'CREATE VIRTUAL%' ORDER BY name"
            )
        ]
        return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        con.close()


# -- brief generators -----------------------------------------------------------------------


def small_brief(i: int, *, prefix: str = "gen", updated: str | None = None) -> dict[str, Any]:
    """A small, valid brief that depends only on ``i``: 2 actors, 2 positions, 1 question,
    2 timeline events, 1 source, 2 tags."""
    day = dt.date(2020, 1, 1) + dt.timedelta(days=i % 1500)
    a, b = f"actor-{i % 97}", f"person-{i}"
    brief: dict[str, Any] = {
        "format": "briefing/1",
        "id": f"{prefix}-{i:05d}",
        "title": f"Generated brief number {i}: talks continue",
        "date": day,
        "source": {
            "title": f"Article {i}",
            "publisher": "Test Wire",
            "url": f"https://example.org/a/{i}",
            "published": day,
        },
        "tags": ["generated", f"batch-{i % 10}"],
        "summary": f"**Bottom line:** brief {i} says talks go on.\n\nA second paragraph {i}.",
        "actors": [
            {"id": a, "name": f"Actor {i % 97}", "kind": "country"},
            {"id": b, "name": f"Person {i}", "role": "Envoy", "aliases": [f"P{i}"]},
        ],
        "positions": [
            {
                "actor": b,
                "topic": "talks",
                "position": f"Person {i} backs the talks.",
                "stance": "supports",
                "quote": f"We will talk, said {i}.",
                "attribution": "on-record",
                "date": day,
            },
            {"actor": a, "topic": "talks", "position": "Undecided.", "stance": "unclear"},
        ],
        "open_questions": [
            {
                "id": f"question-{i % 50}",
                "question": f"Will talks {i} succeed?",
                "actors": [a, b],
                "likelihood": "roughly-even",
                "confidence": "low",
            }
        ],
        "timeline": [
            {"date": f"{day.year}-{day.month:02d}", "event": "Talks proposed.", "actors": [a]},
            {"date": day.isoformat(), "event": f"Talks {i} open.", "actors": [a, b]},
        ],
    }
    if updated is not None:
        brief["updated"] = updated
    return brief


class _SourceDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, except that strings holding line-break-like or control
    characters are always double-quoted (escaped). Plain ``safe_dump`` writes U+0085
    (NEL) raw in a single-quoted scalar, which YAML then reads back as a line break:
    our *source* files must say exactly what the test means."""


_RISKY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _represent_source_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _RISKY.search(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_SourceDumper.add_representer(str, _represent_source_str)


def dump_yaml(brief: dict[str, Any]) -> str:
    """A brief dict as a YAML file a person (or another tool) might write."""
    return yaml.dump(brief, Dumper=_SourceDumper, sort_keys=False, allow_unicode=True, width=4096)


def small_brief_text(i: int, *, prefix: str = "gen", updated: str | None = None) -> str:
    """:func:`small_brief` as YAML text, written by string building (fast: thousands of
    files per test). ``tests/robust/test_robust_generators.py`` checks the two agree."""
    day = dt.date(2020, 1, 1) + dt.timedelta(days=i % 1500)
    a, b = f"actor-{i % 97}", f"person-{i}"
    return f"""format: briefing/1
id: {prefix}-{i:05d}
title: 'Generated brief number {i}: talks continue'
date: {day.isoformat()}
source:
  title: Article {i}
  publisher: Test Wire
  url: https://example.org/a/{i}
  published: {day.isoformat()}
tags: [generated, batch-{i % 10}]
summary: "**Bottom line:** brief {i} says talks go on.\\n\\nA second paragraph {i}."
actors:
- id: {a}
  name: Actor {i % 97}
  kind: country
- id: {b}
  name: Person {i}
  role: Envoy
  aliases: [P{i}]
positions:
- actor: {b}
  topic: talks
  position: Person {i} backs the talks.
  stance: supports
  quote: We will talk, said {i}.
  attribution: on-record
  date: {day.isoformat()}
- actor: {a}
  topic: talks
  position: Undecided.
  stance: unclear
open_questions:
- id: question-{i % 50}
  question: Will talks {i} succeed?
  actors: [{a}, {b}]
  likelihood: roughly-even
  confidence: low
timeline:
- date: '{day.year}-{day.month:02d}'
  event: Talks proposed.
  actors: [{a}]
- date: '{day.isoformat()}'
  event: Talks {i} open.
  actors: [{a}, {b}]
""" + (f"updated: '{updated}'\n" if updated is not None else "")


def write_briefs(
    folder: Path,
    indices: Iterable[int],
    *,
    prefix: str = "gen",
    per_folder: int = 0,
    updated: str | None = None,
) -> list[Path]:
    """One YAML file per brief (:func:`small_brief`); ``per_folder`` > 0 spreads them over
    sub-folders of that many files."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in indices:
        where = folder / f"{i // per_folder:03d}" if per_folder else folder
        where.mkdir(exist_ok=True)
        path = where / f"{prefix}-{i:05d}.yaml"
        path.write_text(small_brief_text(i, prefix=prefix, updated=updated), "utf-8")
        out.append(path)
    return out


def write_feed(root: Path, briefs: list[Path]) -> Path:
    """``root/feed.atom``: one entry per brief file, linking ``briefs/<name>`` (a static
    site ``fetch`` reads, served by the concurrency and crash tests)."""
    entries = "\n".join(
        f"""  <entry>
    <id>tag:example.org,2031:{p.stem}</id>
    <title>{p.stem}</title>
    <updated>2031-01-01T00:00:00Z</updated>
    <content type="application/yaml" src="briefs/{p.name}"/>
  </entry>"""
        for p in briefs
    )
    feed = root / "feed.atom"
    feed.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>tag:example.org,2031:feed</id>
  <title>Robustness feed</title>
  <updated>2031-01-01T00:00:00Z</updated>
{entries}
</feed>
""",
        "utf-8",
    )
    return feed


# -- a hypothesis strategy for valid briefs -------------------------------------------------


def valid_briefs(*, hostile_text: bool = False, controls: bool = False):
    """Valid brief dicts (a ``SearchStrategy[dict]``), as a YAML file would hold them.

    With ``hostile_text``, free-text fields may hold YAML-significant characters,
    markup, quotes, non-BMP characters and odd whitespace; with ``controls`` also
    control characters (NUL, ESC, C1, CR, line/paragraph separators, BOM), which the
    library must store and export exactly (display cleaning is a separate matter).
    """
    from hypothesis import strategies as st

    slug = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,20}\Z", fullmatch=True)
    if hostile_text:
        alphabet = st.characters(
            blacklist_categories=("Cs", "Cc", "Co", "Cn"),
            blacklist_characters="\u2028\u2029\x85\ufeff",
        ) | st.sampled_from([*":#-[]{}&*!|>'\"%@`,?\\ \t\n", "\u00e9", "\U0001f600"])
        if controls:
            alphabet |= st.characters(whitelist_categories=("Cc",)) | st.sampled_from(
                ["\u2028", "\u2029", "\x85", "\ufeff", "\u202e", "\r", "\x1b", "\x9b", "\x00"]
            )
        raw = st.text(alphabet, min_size=1, max_size=40)
    else:
        raw = st.text(
            st.characters(whitelist_categories=("L", "N", "P", "Zs"), max_codepoint=0x2FFF),
            min_size=1,
            max_size=30,
        )
    text = raw.filter(lambda s: s.strip() != "")
    line = text.filter(lambda s: "\n" not in s.strip() and len(s) <= 200)
    maybe = lambda s: st.none() | s  # noqa: E731
    date = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31))
    updated = st.datetimes(
        dt.datetime(1970, 1, 2), dt.datetime(2099, 12, 30), timezones=st.just(dt.UTC)
    ).map(lambda d: d.replace(microsecond=0))
    partial = date.flatmap(
        lambda d: st.sampled_from([str(d.year), f"{d.year}-{d.month:02d}", d.isoformat()])
    )

    @st.composite
    def brief(draw: Any) -> dict[str, Any]:
        actor_ids = draw(st.lists(slug, min_size=1, max_size=4, unique=True))
        ref = st.sampled_from(actor_ids)
        actors = []
        for actor_id in actor_ids:
            actor: dict[str, Any] = {"id": actor_id, "name": draw(line)}
            for key, strat in (
                ("kind", st.sampled_from(["person", "organization", "country", "group"])),
                ("role", line),
                ("affiliation", line),
                ("aliases", st.lists(line, max_size=2)),
            ):
                value = draw(maybe(strat))
                if value is not None:
                    actor[key] = value
            actors.append(actor)
        positions = []
        for _ in range(draw(st.integers(0, 3))):
            pos: dict[str, Any] = {"actor": draw(ref), "topic": draw(line), "position": draw(text)}
            for key, strat in (
                ("stance", st.sampled_from(["supports", "opposes", "mixed", "neutral", "unclear"])),
                ("quote", text),
                (
                    "attribution",
                    st.sampled_from(
                        ["on-record", "spokesperson", "anonymous-official", "reported"]
                    ),
                ),
                ("date", date),
            ):
                value = draw(maybe(strat))
                if value is not None:
                    pos[key] = value
            positions.append(pos)
        questions = []
        for qid in draw(st.lists(st.none() | slug, max_size=3, unique_by=lambda x: x or object())):
            q: dict[str, Any] = {"question": draw(line).rstrip() + "?"}
            if qid is not None:
                q["id"] = qid
            for key, strat in (
                ("context", text),
                ("actors", st.lists(ref, max_size=2)),
                ("status", st.sampled_from(["open", "resolved"])),
                ("resolution", text),
                (
                    "likelihood",
                    st.sampled_from(
                        [
                            "almost-no-chance",
                            "very-unlikely",
                            "unlikely",
                            "roughly-even",
                            "likely",
                            "very-likely",
                            "almost-certain",
                        ]
                    ),
                ),
                ("confidence", st.sampled_from(["low", "moderate", "high"])),
            ):
                value = draw(maybe(strat))
                if value is not None:
                    q[key] = value
            questions.append(q)
        timeline = [
            {"date": draw(partial), "event": draw(text), "actors": draw(st.lists(ref, max_size=2))}
            for _ in range(draw(st.integers(0, 3)))
        ]
        sources = []
        for _ in range(draw(st.integers(0, 2))):
            src: dict[str, Any] = {}
            for key, strat in (
                ("title", line),
                ("publisher", line),
                ("url", st.from_regex(r"\Ahttps://example\.org/[a-z0-9/]{0,20}\Z", fullmatch=True)),
                ("authors", st.lists(line, max_size=2)),
                ("published", date),
            ):
                value = draw(maybe(strat))
                if value is not None:
                    src[key] = value
            sources.append(src)
        data: dict[str, Any] = {
            "format": draw(st.sampled_from(["briefing/1", "briefing/1.0", "briefing/1.3"])),
            "id": draw(slug),
            "title": draw(line),
            "date": draw(date),
            "summary": draw(text),
            "actors": actors,
        }
        if draw(st.booleans()):
            data["updated"] = draw(updated)
        if sources:
            data["source"] = sources[0] if len(sources) == 1 and draw(st.booleans()) else sources
        tags = draw(st.lists(slug, max_size=3))
        if tags:
            data["tags"] = tags
        for key, value in (
            ("positions", positions),
            ("open_questions", questions),
            ("timeline", timeline),
        ):
            if value or draw(st.booleans()):
                data[key] = value
        return data

    return brief()


# -- a pseudo-terminal harness -------------------------------------------------------------


def run_in_pty(
    argv: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 30,
    columns: int = 200,
    lines: int = 50,
) -> tuple[int, bytes]:
    """Run ``argv`` with stdin/stdout/stderr on a fresh pseudo-terminal.

    Returns (exit status, every byte written to the terminal). The program sees a real
    TTY (``isatty()`` is true), so Rich emits its terminal styling exactly as it would
    for a user.
    """
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    # Raw-ish output: keep "\n" as sent (no "\r\n" translation) so comparisons are simple.
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.OPOST
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    full_env = cli_env(env)
    full_env.setdefault("TERM", "xterm-256color")
    full_env["COLUMNS"] = str(columns)
    full_env["LINES"] = str(lines)
    proc = subprocess.Popen(
        list(argv),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=full_env,
        cwd=cwd,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                kill_group(proc)
                raise TimeoutError(f"{argv} did not finish in {timeout}s")
            ready, _, _ = select.select([master], [], [], min(left, 0.5))
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the slave side closed
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                # drain whatever is left, then stop
                while select.select([master], [], [], 0.1)[0]:
                    try:
                        data = os.read(master, 65536)
                    except OSError:
                        data = b""
                    if not data:
                        break
                    chunks.append(data)
                break
    finally:
        os.close(master)
    return proc.wait(timeout=10), b"".join(chunks)


# Rich's own output on a terminal: SGR styling, and OSC 8 hyperlinks when it prints links.
_RICH_SGR = re.compile(rb"\x1b\[[0-9;]*m")
_RICH_OSC8 = re.compile(rb"\x1b\]8;[^\x1b\x07]*(?:\x1b\\|\x07)")
# What must never come from a brief: any other escape, BEL, C1 controls (as UTF-8), bidi
# overrides/isolates, and other C0 controls except newline, tab and carriage return.
_FOREIGN = re.compile(
    rb"\x1b|\x07|[\x00-\x06\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]"
    rb"|\xc2[\x80-\x9f]"
    rb"|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)


def strip_rich_styling(raw: bytes) -> bytes:
    return _RICH_OSC8.sub(b"", _RICH_SGR.sub(b"", raw))


def foreign_escapes(raw: bytes) -> list[bytes]:
    """Control and escape bytes in ``raw`` that are not Rich's own styling, with context."""
    rest = strip_rich_styling(raw)
    return [rest[max(0, m.start() - 12) : m.end() + 12] for m in _FOREIGN.finditer(rest)]


def visible_text(raw: bytes) -> str:
    """What a user reads: Rich styling removed, decoded."""
    return strip_rich_styling(raw).decode("utf-8", "replace").replace("\r\n", "\n")


# -- the commands under test exist ---------------------------------------------------------------

_COMMANDS: set[str] | None = None


def cli_commands() -> set[str]:
    """Sub-commands ``briefing --help`` lists (empty if the CLI does not start)."""
    global _COMMANDS
    if _COMMANDS is None:
        result = run_cli("--help")
        found: set[str] = set()
        if result.returncode == 0 and "Commands:" in result.stdout:
            for text in result.stdout.split("Commands:", 1)[1].splitlines():
                words = text.split()
                if words and text.startswith("  "):
                    found.add(words[0])
        _COMMANDS = found
    return _COMMANDS


def require_commands(*names: str) -> None:
    """Fail clearly (rather than with a confusing usage error) if a command is missing.

    While the parts were landing this skipped; now every command exists, and a missing
    one is a regression."""
    import pytest

    missing = [n for n in names if n not in cli_commands()]
    if missing:
        pytest.fail(f"briefing has no {', '.join(missing)} command")
