"""A brief shown outside the reader: ``briefing show`` and ``briefing export``.

Four forms: ``text`` (Rich renderables for a terminal; plain text when piped, since
Rich drops styles then), ``markdown`` (a readable document), ``yaml`` (the loader's
canonical, lossless dump) and ``json`` (the same data as JSON).

Brief text is untrusted: in ``text`` every string goes through
:func:`briefing.text.safe_text` (never parsed as markup, control characters made
visible). The string forms are returned as written; the CLI cleans them when they go to
a terminal, so a redirect to a file keeps the brief exact.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from briefing.text import clean, one_line, safe_text

if TYPE_CHECKING:  # `list` and `search` import this module too: no pydantic models for them
    from briefing.model import Brief

Format = Literal["text", "markdown", "yaml", "json"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "yaml", "json")


def render_brief(brief: Brief, fmt: Format = "text") -> RenderableType | str:
    """The brief in ``fmt``: a Rich renderable for ``text``, a string otherwise."""
    if fmt == "text":
        return brief_renderable(brief)
    if fmt == "markdown":
        return brief_markdown(brief)
    if fmt == "yaml":
        from briefing.serialise import dump_brief

        return dump_brief(brief)
    if fmt == "json":
        return brief_json(brief)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")


def brief_json(brief: Brief) -> str:
    from briefing.serialise import brief_to_data

    return json.dumps(brief_to_data(brief), ensure_ascii=False, indent=2) + "\n"


# -- text (Rich) ----------------------------------------------------------------------

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def _paragraph(text: str, style: str = "") -> Text:
    """Safe text where ``**bold**`` (the summary's Markdown emphasis) shows as bold.
    Built span by span with ``Text.append``, never from markup."""
    out = Text(style=style)
    cleaned = clean(text)
    pos = 0
    for match in _BOLD.finditer(cleaned):
        out.append(cleaned[pos : match.start()])
        out.append(match.group(1), style="bold")
        pos = match.end()
    out.append(cleaned[pos:])
    return out


def _paragraphs(text: str) -> list[Text]:
    return [_paragraph(" ".join(p.split())) for p in re.split(r"\n\s*\n", text.strip()) if p]


def _heading(text: str) -> Text:
    return Text(f"\n{text}", style="bold underline")


def _meta(pairs: Iterable[tuple[str, str | None]]) -> Text:
    """``label: value · label: value`` with values made safe, empty ones left out."""
    out = Text(style="dim")
    for label, value in pairs:
        if not value:
            continue
        if out.plain:
            out.append(" · ")
        out.append(f"{label}: ")
        out.append(one_line(value))
    return out


def provenance_pairs(brief: Brief) -> list[tuple[str, str | None]]:
    """How a derived draft was made, as label/value pairs (empty ones left out later)."""
    made = brief.provenance
    if made is None:
        return []
    feed = made.feed_title or made.feed
    if made.feed_title and made.feed:
        feed = f"{made.feed_title} <{made.feed}>"
    return [
        ("feed", feed),
        ("entry", made.entry),
        ("fetched", made.fetched.isoformat() if made.fetched else None),
        ("derived by", made.derived_by),
    ]


def brief_renderable(brief: Brief) -> RenderableType:
    parts: list[RenderableType] = [safe_text(one_line(brief.title), style="bold")]
    updated = brief.updated.isoformat() if brief.updated else None
    parts.append(
        _meta(
            [
                ("date", brief.date.isoformat()),
                ("updated", updated),
                ("id", brief.id),
                ("tags", ", ".join(brief.tags)),
            ]
        )
    )
    for source in brief.source:
        parts.append(
            _meta(
                [
                    ("source", source.title),
                    ("publisher", source.publisher),
                    ("by", ", ".join(source.authors)),
                    ("published", source.published.isoformat() if source.published else None),
                    ("url", source.url),
                ]
            )
        )
    if brief.provenance is not None:
        parts.append(_meta(provenance_pairs(brief)))
    parts.append(_heading("Summary"))
    for paragraph in _paragraphs(brief.summary):
        parts.extend([paragraph, Text("")])

    names = {actor.id: actor.name for actor in brief.actors}
    parts.append(_heading("Actors"))
    actors = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for column in ("Actor", "Kind", "Role", "Affiliation"):
        actors.add_column(column, overflow="fold")
    for actor in brief.actors:
        name = safe_text(one_line(actor.name), style="bold")
        name.append(f" ({actor.id})", style="dim")
        actors.add_row(
            name,
            safe_text(actor.kind),
            safe_text(one_line(actor.role or "")),
            safe_text(one_line(actor.affiliation or "")),
        )
    parts.append(actors)

    if brief.positions:
        parts.append(_heading("Positions"))
        for position in brief.positions:
            head = safe_text(one_line(names.get(position.actor, position.actor)), style="bold")
            head.append(" — ")
            head.append(one_line(position.topic))
            parts.append(head)
            parts.append(
                Padding(_paragraph(" ".join(position.position.split())), (0, 0, 0, 2), expand=False)
            )
            if position.quote:
                quote = Text("“", style="italic")
                quote.append(one_line(position.quote))
                quote.append("”")
                parts.append(Padding(quote, (0, 0, 0, 2), expand=False))
            meta = _meta(
                [
                    ("stance", position.stance),
                    ("attribution", position.attribution),
                    ("said", position.date),
                ]
            )
            if meta.plain:
                parts.append(Padding(meta, (0, 0, 0, 2), expand=False))
            parts.append(Text(""))

    if brief.open_questions:
        parts.append(_heading("Open questions"))
        for question in brief.open_questions:
            parts.append(safe_text(one_line(question.question), style="bold"))
            meta = _meta(
                [
                    ("id", question.id),
                    ("status", question.status),
                    ("likelihood", question.likelihood),
                    ("confidence", question.confidence),
                    ("actors", ", ".join(names.get(a, a) for a in question.actors)),
                ]
            )
            parts.append(Padding(meta, (0, 0, 0, 2), expand=False))
            if question.context:
                parts.append(
                    Padding(_paragraph(one_line(question.context)), (0, 0, 0, 2), expand=False)
                )
            if question.resolution:
                resolution = Text("Resolution: ", style="bold")
                resolution.append(one_line(question.resolution))
                parts.append(Padding(resolution, (0, 0, 0, 2), expand=False))
            parts.append(Text(""))

    if brief.timeline:
        parts.append(_heading("Timeline"))
        timeline = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        timeline.add_column("Date", no_wrap=True)
        timeline.add_column("Event", overflow="fold")
        for event in brief.timeline:
            timeline.add_row(safe_text(event.date), safe_text(one_line(event.event)))
        parts.append(timeline)
    return Group(*parts)


# -- markdown -------------------------------------------------------------------------


def _cell(text: str | None) -> str:
    """One Markdown table cell: one line, pipes escaped."""
    return one_line(text or "").replace("|", "\\|")


def _inline(text: str | None) -> str:
    return one_line(text or "")


def brief_markdown(brief: Brief) -> str:
    """A readable Markdown document of the brief (not meant to be read back)."""
    names = {actor.id: actor.name for actor in brief.actors}
    out: list[str] = [f"# {_inline(brief.title)}", ""]
    meta = [f"**Date:** {brief.date.isoformat()}"]
    if brief.updated:
        meta.append(f"**Updated:** {brief.updated.isoformat()}")
    if brief.tags:
        meta.append("**Tags:** " + ", ".join(f"`{tag}`" for tag in brief.tags))
    meta.append(f"**Id:** `{brief.id}`")
    out += [" · ".join(meta), ""]
    for source in brief.source:
        title = _inline(source.title) or _inline(source.url) or "source"
        link = f"[{title}](<{source.url}>)" if source.url else title
        bits = [link]
        bits += [_inline(x) for x in (source.publisher, ", ".join(source.authors)) if x]
        if source.published:
            bits.append(source.published.isoformat())
        out += ["**Source:** " + " — ".join(bits), ""]
    made = [f"{label}: {_inline(value)}" for label, value in provenance_pairs(brief) if value]
    if made:
        out += ["**Provenance:** " + " — ".join(made), ""]

    out += ["## Summary", "", brief.summary.strip(), ""]

    out += ["## Actors", "", "| Actor | Id | Kind | Role | Affiliation |", "|---|---|---|---|---|"]
    for actor in brief.actors:
        out.append(
            f"| {_cell(actor.name)} | `{actor.id}` | {actor.kind} | {_cell(actor.role)}"
            f" | {_cell(actor.affiliation)} |"
        )
    out.append("")

    if brief.positions:
        out += ["## Positions", ""]
        for position in brief.positions:
            who = _inline(names.get(position.actor, position.actor))
            out += [f"### {who}: {_inline(position.topic)}", "", position.position.strip(), ""]
            if position.quote:
                out += [*("> " + line for line in position.quote.strip().splitlines()), ""]
            details = [
                f"*{label}:* {value}"
                for label, value in (
                    ("Stance", position.stance),
                    ("Attribution", position.attribution),
                    ("Said", position.date),
                )
                if value
            ]
            if details:
                out += [" · ".join(details), ""]

    if brief.open_questions:
        out += ["## Open questions", ""]
        for question in brief.open_questions:
            out += [f"### {_inline(question.question)}", ""]
            details = [
                f"**{label}:** {value}"
                for label, value in (
                    ("Id", f"`{question.id}`" if question.id else None),
                    ("Status", question.status),
                    ("Likelihood", question.likelihood),
                    ("Confidence", question.confidence),
                    ("Actors", ", ".join(_inline(names.get(a, a)) for a in question.actors)),
                )
                if value
            ]
            out += [" · ".join(details), ""]
            if question.context:
                out += [question.context.strip(), ""]
            if question.resolution:
                out += [f"**Resolution:** {question.resolution.strip()}", ""]

    if brief.timeline:
        out += ["## Timeline", "", "| Date | Event | Actors |", "|---|---|---|"]
        for event in brief.timeline:
            who = ", ".join(_cell(names.get(a, a)) for a in event.actors)
            out.append(f"| {event.date} | {_cell(event.event)} | {who} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
