"""``briefing derive`` (article -> draft brief) and ``briefing derive-eval`` (scores)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from functools import reduce
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from briefing.cli import Context, cli, pass_context
from briefing.errors import BriefingError
from briefing.files import write_atomic

if TYPE_CHECKING:
    from briefing.config import LimitsSettings
    from briefing.model import Brief

if TYPE_CHECKING:
    from briefing.derive import Article
    from briefing.derive.library import KnownActors, KnownQuestions

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def _warn(message: str) -> None:
    click.echo(f"briefing: warning: {message}", err=True)


def known_actors(db_path: Path) -> KnownActors:
    """The library's actors for a draft (see :mod:`briefing.derive.library`)."""
    from briefing.derive import library  # lazily: derive's import is slow

    return library.known_actors(db_path, _warn)


def known_questions(db_path: Path) -> KnownQuestions:
    """The library's open questions for a draft (see :mod:`briefing.derive.library`)."""
    from briefing.derive import library  # lazily: derive's import is slow

    return library.known_questions(db_path, _warn)


def topic_lookup(db_path: Path) -> Callable[[str], list[str]] | None:
    """The library's topic wording for a draft (see :mod:`briefing.derive.library`)."""
    from briefing.derive import library  # lazily: derive's import is slow

    return library.topic_lookup(db_path, _warn)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (use 2024-05-30)") from None


@cli.command("derive")
@click.argument("source")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the draft here instead of standard output.",
)
@click.option("--id", "brief_id", help="Brief id (slug); default: from the title and date.")
@click.option(
    "--date",
    "date_",
    help="Article date (YYYY-MM-DD), overriding the source's; "
    "relative dates are resolved against it.",
)
@click.option(
    "--llm/--no-llm",
    default=None,
    help="Improve the draft with the LLM backend (default: derive.llm.enabled).",
)
@click.option(
    "--library/--no-library",
    "use_library",
    default=True,
    help="Reuse actor ids from the library at --db (default: on).",
)
@pass_context
def derive_command(
    context: Context,
    source: str,
    output: Path | None,
    brief_id: str | None,
    date_: str | None,
    llm: bool | None,
    use_library: bool,
) -> None:
    """Turn a news article (text file, HTML file or URL) into a draft brief.

    The draft is a valid format-v1 brief tagged `draft`, for a person to edit.
    """
    from briefing.derive import DeriveInternalError, load_source, reporting_internal_errors
    from briefing.model import SLUG_RE

    if brief_id is not None and not SLUG_RE.fullmatch(brief_id):
        raise click.BadParameter(f"{brief_id!r} is not a slug", param_hint="--id")
    article = load_source(
        source, context.settings.http, max_bytes=context.settings.limits.max_file_bytes
    )
    when = _parse_date(date_)
    known = known_actors(context.db_path) if use_library else []
    questions = known_questions(context.db_path) if use_library else []
    try:
        with reporting_internal_errors(source):
            text, notes, slug, llm_failed = _draft(
                article, context, brief_id, when, llm, known, questions
            )
    except DeriveInternalError as exc:
        click.echo(f"briefing: {exc}", err=True)
        sys.exit(1)
    for note in notes:
        click.echo(f"briefing: {note}", err=True)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write_atomic(output, text)
        click.echo(f"wrote {output} ({slug})", err=True)
    if llm_failed:
        click.echo(
            "briefing: the LLM pass was asked for and failed; the offline draft was written",
            err=True,
        )
        sys.exit(1)


def _draft(
    article: Article,
    context: Context,
    brief_id: str | None,
    when: dt.date | None,
    llm: bool | None,
    known: list[tuple[str, str, tuple[str, ...]]],
    questions: list[tuple[str, str, tuple[str, ...], str | None]],
) -> tuple[str, list[str], str, bool]:
    """The draft as YAML text, the notes for stderr, the brief id, and whether an LLM pass
    that was asked for failed."""
    from briefing.derive import derive
    from briefing.serialise import dump_brief

    derived = derive(
        article,
        brief_id=brief_id,
        date=when,
        known_actors=known,
        known_questions=questions,
        topic_lookup=topic_lookup(context.db_path) if known or questions else None,
    )
    notes = list(derived.notes)
    settings = context.settings.derive.llm
    if llm if llm is not None else settings.enabled:
        from briefing.derive.llm import improve

        notes += improve(derived, settings, http=context.settings.http)
    return dump_brief(derived.brief), notes, derived.brief.id, derived.llm_failed


def _write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a failure leaves whatever
    was there before intact."""
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise BriefingError(f"{path}: cannot write: {exc.strerror}") from None


@cli.command("derive-eval")
@click.argument(
    "derived", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.argument(
    "reference", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--articles",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of articles (.txt/.html) to derive and score.",
)
@click.option(
    "--references",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of reference briefs, same file stems as the articles (.yaml).",
)
@click.option(
    "--library",
    "library_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of briefs to use as the user's library (each article is derived without "
    "its own reference brief in it).",
)
@click.option("--json", "as_json", is_flag=True, help="Print scores as JSON.")
@click.option(
    "--no-famous",
    is_flag=True,
    help="Do not use the built-in list of well-known people (for ablation).",
)
@click.option("-v", "--verbose", is_flag=True, help="List every miss.")
@pass_context
def derive_eval_command(
    context: Context,
    derived: Path | None,
    reference: Path | None,
    articles: Path | None,
    references: Path | None,
    library_dir: Path | None,
    as_json: bool,
    no_famous: bool,
    verbose: bool,
) -> None:
    """Score derived briefs against hand-made references.

    Either DERIVED.yaml REFERENCE.yaml, or --articles DIR --references DIR (derives every
    article that has a reference, offline; without a library unless --library DIR, whose
    briefs stand for the user's library, the article's own reference left out).
    """
    from briefing.derive import derive_guarded, load_source
    from briefing.derive.evaluate import Score, analytic_table, score, table

    limits = context.settings.limits
    scores: list[Score] = []
    shelf = _load_dir(library_dir, limits) if library_dir else []
    if articles or references:
        if not (articles and references) or derived or reference:
            raise click.UsageError("use --articles DIR --references DIR, or two files")
        for path in sorted(p for p in articles.iterdir() if p.suffix in ARTICLE_SUFFIXES):
            ref_path = references / f"{path.stem}.yaml"
            if not ref_path.is_file():
                continue
            ref = _load_one(ref_path, limits, "reference")
            text = None
            try:
                article = load_source(str(path), max_bytes=limits.max_file_bytes)
                text = article.text
                hints: dict[str, Any] = {}
                if library_dir:
                    from briefing.derive.library import from_briefs

                    actors, questions = from_briefs(b for b in shelf if b.id != ref.id)
                    hints = {"known_actors": actors, "known_questions": questions}
                result = derive_guarded(article, str(path), use_famous=not no_famous, **hints).brief
            except BriefingError as exc:
                click.echo(f"briefing: {path}: {exc}", err=True)
                result = None
            scores.append(score(result, ref, path.stem, text))
        if not scores:
            raise BriefingError(f"no article in {articles} has a reference in {references}")
    elif derived and reference:
        ref = _load_one(reference, limits, "reference")
        try:
            result = _load_one(derived, limits, "derived brief")
        except BriefingError as exc:
            click.echo(f"briefing: {exc}", err=True)
            result = None
        scores.append(score(result, ref, derived.stem))
    else:
        raise click.UsageError("give DERIVED.yaml REFERENCE.yaml, or --articles and --references")
    total = reduce(lambda a, b: a + b, scores)
    if as_json:
        payload = {"articles": [s.as_dict() for s in scores], "total": total.as_dict()}
        click.echo(json.dumps(payload, indent=2))
    else:
        click.echo(table(scores, total if len(scores) > 1 else None))
        click.echo()
        click.echo(analytic_table(scores, total if len(scores) > 1 else None))
    if verbose:
        for miss in total.missed:
            click.echo(f"  missed: {miss}", err=True)
    if not total.valid:
        sys.exit(1)


def _load_dir(folder: Path, limits: LimitsSettings) -> list[Brief]:
    """Every valid brief in ``folder`` (a library for derive-eval); problems are named."""
    from briefing.loader import load_file

    out: list[Brief] = []
    for path in sorted(folder.glob("*.y*ml")):
        loaded = load_file(path, limits)
        for problem in loaded.errors:
            click.echo(f"briefing: warning: {problem}", err=True)
        out.extend(loaded.briefs)
    return out


def _load_one(path: Path, limits: LimitsSettings, what: str) -> Brief:
    """The first brief of ``path``, or :class:`BriefingError` naming every problem."""
    from briefing.loader import load_file

    loaded = load_file(path, limits)
    if loaded.errors or not loaded.briefs:
        detail = "; ".join(str(p) for p in loaded.errors) or "no brief in the file"
        raise BriefingError(f"{path}: {what} is not a valid brief: {detail}")
    return loaded.briefs[0]
