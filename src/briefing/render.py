"""A brief shown outside the reader: ``briefing show`` and ``briefing export``.

Four forms: ``text`` (Rich renderables for a terminal; plain text when piped, since
Rich drops styles then), ``markdown`` (a readable document), ``yaml`` (the loader's
canonical, lossless dump) and ``json`` (the same data as JSON).

``text``, ``markdown`` and ``json`` are drawn from the brief as data — the JSON-able
dict of :func:`briefing.serialise.brief_to_data`, which ``Store.brief_data`` reads from
the stored document without pydantic — so ``show`` builds no model; a model given to
them is turned into that dict first. ``yaml`` needs the model (its exact extra values).

Brief text is untrusted: in ``text`` every string goes through
:func:`briefing.text.safe_text` (never parsed as markup, control characters made
visible). The string forms are returned as written; the CLI cleans them when they go to
a terminal, so a redirect to a file keeps the brief exact.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from briefing.text import clean, one_line, safe_text

if TYPE_CHECKING:  # `list`, `search` and `show` import this module: no pydantic for them
    from briefing.model import Brief

Format = Literal["text", "markdown", "yaml", "json"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "yaml", "json")
#: The forms drawn from the brief as data (no pydantic model needed).
DATA_FORMATS: tuple[Format, ...] = ("text", "markdown", "json")

#: A brief as data: :func:`briefing.serialise.brief_to_data`'s dict.
BriefData = Mapping[str, Any]


def _data(brief: Brief | BriefData) -> BriefData:
    """The brief as data (a model is converted; data is taken as it is)."""
    if isinstance(brief, Mapping):
        return brief
    from briefing.serialise import brief_to_data

    return brief_to_data(brief)


def render_brief(brief: Brief | BriefData, fmt: Format = "text") -> RenderableType | str:
    """The brief in ``fmt``: a Rich renderable for ``text``, a string otherwise.
    ``yaml`` needs the model; the other forms take either."""
    if fmt == "text":
        return brief_renderable(brief)
    if fmt == "markdown":
        return brief_markdown(brief)
    if fmt == "yaml":
        from briefing.serialise import dump_brief

        if isinstance(brief, Mapping):
            raise TypeError("yaml is rendered from the model (Store.get_brief), not data")
        return dump_brief(brief)
    if fmt == "json":
        return brief_json(brief)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")


def brief_json(brief: Brief | BriefData) -> str:
    return json.dumps(_data(brief), ensure_ascii=False, indent=2) + "\n"


def _datetime(value: str | None) -> str | None:
    """A JSON datetime (``…Z``) as the model's ``isoformat()`` writes it (``…+00:00``)."""
    return dt.datetime.fromisoformat(value).isoformat() if value else None


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


def provenance_pairs(brief: BriefData) -> list[tuple[str, str | None]]:
    """How a derived draft was made, as label/value pairs (empty ones left out later)."""
    made = brief.get("provenance")
    if made is None:
        return []
    title, url = made.get("feed_title"), made.get("feed")
    feed = f"{title} <{url}>" if title and url else title or url
    return [
        ("feed", feed),
        ("entry", made.get("entry")),
        ("fetched", _datetime(made.get("fetched"))),
        ("derived by", made.get("derived_by")),
    ]


def brief_renderable(brief: Brief | BriefData) -> RenderableType:
    brief = _data(brief)
    parts: list[RenderableType] = [safe_text(one_line(brief["title"]), style="bold")]
    parts.append(
        _meta(
            [
                ("date", brief["date"]),
                ("updated", _datetime(brief.get("updated"))),
                ("id", brief["id"]),
                ("tags", ", ".join(brief.get("tags", ()))),
            ]
        )
    )
    for source in brief.get("source", ()):
        parts.append(
            _meta(
                [
                    ("source", source.get("title")),
                    ("publisher", source.get("publisher")),
                    ("by", ", ".join(source.get("authors", ()))),
                    ("published", source.get("published")),
                    ("url", source.get("url")),
                ]
            )
        )
    if brief.get("provenance") is not None:
        parts.append(_meta(provenance_pairs(brief)))
    parts.append(_heading("Summary"))
    for paragraph in _paragraphs(brief["summary"]):
        parts.extend([paragraph, Text("")])

    names = {actor["id"]: actor["name"] for actor in brief["actors"]}
    parts.append(_heading("Actors"))
    actors = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for column in ("Actor", "Kind", "Role", "Affiliation"):
        actors.add_column(column, overflow="fold")
    for actor in brief["actors"]:
        name = safe_text(one_line(actor["name"]), style="bold")
        name.append(f" ({actor['id']})", style="dim")
        actors.add_row(
            name,
            safe_text(actor["kind"]),
            safe_text(one_line(actor.get("role") or "")),
            safe_text(one_line(actor.get("affiliation") or "")),
        )
    parts.append(actors)

    if brief.get("positions"):
        parts.append(_heading("Positions"))
        for position in brief["positions"]:
            who = position["actor"]
            head = safe_text(one_line(names.get(who, who)), style="bold")
            head.append(" — ")
            head.append(one_line(position["topic"]))
            parts.append(head)
            parts.append(
                Padding(
                    _paragraph(" ".join(position["position"].split())), (0, 0, 0, 2), expand=False
                )
            )
            if position.get("quote"):
                quote = Text("“", style="italic")
                quote.append(one_line(position["quote"]))
                quote.append("”")
                parts.append(Padding(quote, (0, 0, 0, 2), expand=False))
            meta = _meta(
                [
                    ("stance", position.get("stance")),
                    ("attribution", position.get("attribution")),
                    ("said", position.get("date")),
                ]
            )
            if meta.plain:
                parts.append(Padding(meta, (0, 0, 0, 2), expand=False))
            parts.append(Text(""))

    if brief.get("open_questions"):
        parts.append(_heading("Open questions"))
        for question in brief["open_questions"]:
            parts.append(safe_text(one_line(question["question"]), style="bold"))
            meta = _meta(
                [
                    ("id", question.get("id")),
                    ("status", question.get("status")),
                    ("likelihood", question.get("likelihood")),
                    ("confidence", question.get("confidence")),
                    ("actors", ", ".join(names.get(a, a) for a in question.get("actors", ()))),
                ]
            )
            parts.append(Padding(meta, (0, 0, 0, 2), expand=False))
            if question.get("context"):
                parts.append(
                    Padding(_paragraph(one_line(question["context"])), (0, 0, 0, 2), expand=False)
                )
            if question.get("resolution"):
                resolution = Text("Resolution: ", style="bold")
                resolution.append(one_line(question["resolution"]))
                parts.append(Padding(resolution, (0, 0, 0, 2), expand=False))
            parts.append(Text(""))

    if brief.get("timeline"):
        parts.append(_heading("Timeline"))
        timeline = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        timeline.add_column("Date", no_wrap=True)
        timeline.add_column("Event", overflow="fold")
        for event in brief["timeline"]:
            timeline.add_row(safe_text(event["date"]), safe_text(one_line(event["event"])))
        parts.append(timeline)
    return Group(*parts)


# -- markdown -------------------------------------------------------------------------


def _cell(text: str | None) -> str:
    """One Markdown table cell: one line, pipes escaped."""
    return one_line(text or "").replace("|", "\\|")


def _inline(text: str | None) -> str:
    return one_line(text or "")


def brief_markdown(brief: Brief | BriefData) -> str:
    """A readable Markdown document of the brief (not meant to be read back)."""
    brief = _data(brief)
    names = {actor["id"]: actor["name"] for actor in brief["actors"]}
    out: list[str] = [f"# {_inline(brief['title'])}", ""]
    meta = [f"**Date:** {brief['date']}"]
    if brief.get("updated"):
        meta.append(f"**Updated:** {_datetime(brief['updated'])}")
    if brief.get("tags"):
        meta.append("**Tags:** " + ", ".join(f"`{tag}`" for tag in brief["tags"]))
    meta.append(f"**Id:** `{brief['id']}`")
    out += [" · ".join(meta), ""]
    for source in brief.get("source", ()):
        url = source.get("url")
        title = _inline(source.get("title")) or _inline(url) or "source"
        link = f"[{title}](<{url}>)" if url else title
        bits = [link]
        authors = ", ".join(source.get("authors", ()))
        bits += [_inline(x) for x in (source.get("publisher"), authors) if x]
        if source.get("published"):
            bits.append(source["published"])
        out += ["**Source:** " + " — ".join(bits), ""]
    made = [f"{label}: {_inline(value)}" for label, value in provenance_pairs(brief) if value]
    if made:
        out += ["**Provenance:** " + " — ".join(made), ""]

    out += ["## Summary", "", brief["summary"].strip(), ""]

    out += ["## Actors", "", "| Actor | Id | Kind | Role | Affiliation |", "|---|---|---|---|---|"]
    for actor in brief["actors"]:
        out.append(
            f"| {_cell(actor['name'])} | `{actor['id']}` | {actor['kind']}"
            f" | {_cell(actor.get('role'))} | {_cell(actor.get('affiliation'))} |"
        )
    out.append("")

    if brief.get("positions"):
        out += ["## Positions", ""]
        for position in brief["positions"]:
            who = _inline(names.get(position["actor"], position["actor"]))
            out += [
                f"### {who}: {_inline(position['topic'])}",
                "",
                position["position"].strip(),
                "",
            ]
            if position.get("quote"):
                out += [*("> " + line for line in position["quote"].strip().splitlines()), ""]
            details = [
                f"*{label}:* {value}"
                for label, value in (
                    ("Stance", position.get("stance")),
                    ("Attribution", position.get("attribution")),
                    ("Said", position.get("date")),
                )
                if value
            ]
            if details:
                out += [" · ".join(details), ""]

    if brief.get("open_questions"):
        out += ["## Open questions", ""]
        for question in brief["open_questions"]:
            out += [f"### {_inline(question['question'])}", ""]
            qid = question.get("id")
            actors = question.get("actors", ())
            details = [
                f"**{label}:** {value}"
                for label, value in (
                    ("Id", f"`{qid}`" if qid else None),
                    ("Status", question.get("status")),
                    ("Likelihood", question.get("likelihood")),
                    ("Confidence", question.get("confidence")),
                    ("Actors", ", ".join(_inline(names.get(a, a)) for a in actors)),
                )
                if value
            ]
            out += [" · ".join(details), ""]
            if question.get("context"):
                out += [question["context"].strip(), ""]
            if question.get("resolution"):
                out += [f"**Resolution:** {question['resolution'].strip()}", ""]

    if brief.get("timeline"):
        out += ["## Timeline", "", "| Date | Event | Actors |", "|---|---|---|"]
        for event in brief["timeline"]:
            who = ", ".join(_cell(names.get(a, a)) for a in event.get("actors", ()))
            out.append(f"| {event['date']} | {_cell(event['event'])} | {who} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
