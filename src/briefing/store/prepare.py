"""A brief as table rows, built anywhere (the sync's workers build them in parallel)."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from briefing.store.common import _iso, gc_paused
from briefing.store.documents import document_from_rows

if TYPE_CHECKING:  # the store opens without the pydantic models (light CLI commands)
    from briefing.model import Brief


def _check_references(brief: Brief) -> None:
    """The loader checks these; briefs built in code may not have been through it."""
    ids = [a.id for a in brief.actors]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate actor ids")
    known = set(ids)
    for position in brief.positions:
        if position.actor not in known:
            raise ValueError(f"position by unknown actor {position.actor!r}")
    question_ids = [q.id for q in brief.open_questions if q.id]
    if len(set(question_ids)) != len(question_ids):
        raise ValueError("duplicate question ids")


Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class PreparedBrief:
    """One brief turned into table rows, ready to write.

    Built by :func:`prepare_brief` anywhere — in particular in the sync's worker
    processes, since tuples of text pickle an order of magnitude faster than pydantic
    models unpickle. Only the row id and import time are added when it is written.
    """

    id: str
    updated: dt.datetime | None
    origin: str | None
    brief: Row  # id, title, date, updated, format, bottom_line, tags_text, document (packed;
    # None when the rows rebuild it exactly), extra (origin, imported_at and the FTS rowid
    # are added when written)
    actors: tuple[Row, ...]
    brief_actors: tuple[Row, ...]  # brief id, actor id, ordinal, date, name... (no title)
    positions: tuple[Row, ...]  # brief id, ordinal, actor id, date, topic...
    questions: tuple[Row, ...]
    timeline: tuple[Row, ...]
    sources: tuple[Row, ...]
    tags: tuple[Row, ...]
    fts: Row  # briefs_fts row without its rowid: also the searched columns of ``briefs``


def prepare_brief(brief: Brief, origin: str | None = None) -> PreparedBrief:
    """The rows of one brief. Hot path of every import, so kept lean on purpose: enum
    members are ``str`` and bind as their value; JSON arrays of text are built directly.

    Raises ``ValueError`` for a brief whose actor references do not resolve (the loader
    refuses those; a brief built in code may not have been through it).
    """
    _check_references(brief)
    bid = brief.id
    date = brief.date.isoformat()
    tags = list(dict.fromkeys(brief.tags))
    positions = brief.positions
    questions = brief.open_questions
    actors = []
    brief_actors = []
    for i, actor in enumerate(brief.actors):
        aliases = _json(actor.aliases) if actor.aliases else "[]"
        actors.append((actor.id, actor.name, actor.kind, aliases, bid, date))
        brief_actors.append(
            (
                bid,
                actor.id,
                i,
                date,
                actor.name,
                actor.kind,
                actor.role,
                actor.affiliation,
                aliases,
            )
        )
    prepared = PreparedBrief(
        id=bid,
        updated=brief.updated,
        origin=origin,
        brief=(
            bid,
            brief.title,
            date,
            _iso(brief.updated),
            brief.format,
            brief.bottom_line,
            " ".join(tags),
            None,
            _extra_yaml(brief),
        ),
        actors=tuple(actors),
        brief_actors=tuple(brief_actors),
        positions=tuple(
            (
                bid,
                i,
                p.actor,
                date,
                p.topic,
                p.position,
                p.stance,
                p.quote,
                p.attribution,
                p.date,
            )
            for i, p in enumerate(positions)
        ),
        questions=tuple(
            (
                bid,
                i,
                q.id or f"{bid}#{i + 1}",
                q.id is not None,
                date,
                q.question,
                q.status,
                q.likelihood,
                q.confidence,
                q.context,
                q.resolution,
                _json(q.actors) if q.actors else "[]",
            )
            for i, q in enumerate(questions)
        ),
        timeline=tuple(
            (bid, i, e.date, e.event, _json(e.actors) if e.actors else "[]")
            for i, e in enumerate(brief.timeline)
        ),
        sources=tuple(
            (
                bid,
                i,
                s.title,
                s.publisher,
                s.url,
                _json(s.authors) if s.authors else "[]",
                s.published.isoformat() if s.published else None,
            )
            for i, s in enumerate(brief.source)
        ),
        tags=tuple((bid, tag, date) for tag in tags),
        fts=(
            brief.title,
            brief.summary,
            "\n".join([f"{p.topic}. {p.position}" for p in positions]),
            "\n".join([p.quote for p in positions if p.quote]),
            "\n".join(
                [
                    " ".join([x for x in (q.question, q.context, q.resolution) if x])
                    for q in questions
                ]
            ),
        ),
    )
    document = _document(brief)
    if document != document_of(prepared):
        # Not rebuilt exactly from the rows (provenance, unknown fields, a tag given
        # twice...): the document itself is kept.
        b = prepared.brief
        prepared = replace(prepared, brief=(*b[:7], pack_document(document), b[8]))
    return prepared


def document_of(item: PreparedBrief) -> str:
    """The JSON document the prepared rows rebuild (see :mod:`briefing.store.documents`)."""
    return document_from_rows(
        item.brief,
        item.fts[1],
        item.brief_actors,
        item.positions,
        item.questions,
        item.timeline,
        item.sources,
    )


def stored_content(item: PreparedBrief) -> tuple[str, str | None]:
    """The brief's (JSON document, extra YAML), as the library gives them back."""
    document = item.brief[7]
    return (unpack_document(document) if document is not None else document_of(item)), item.brief[8]


def prepare_loaded(
    briefs: Iterable[Brief], origin: str
) -> tuple[list[PreparedBrief], list[tuple[str, str]]]:
    """The table rows of briefs read from ``origin`` (a file or a URL), and ``(id,
    reason)`` for each the store refuses: the loader refuses those first, but a reader
    of files or feeds never trusts one layer alone."""
    prepared: list[PreparedBrief] = []
    refused: list[tuple[str, str]] = []
    for brief in briefs:
        try:
            prepared.append(prepare_brief(brief, origin))
        except ValueError as exc:
            refused.append((brief.id, str(exc)))
    return prepared, refused


def prepare_briefs(items: Iterable[tuple[Brief, str | None]]) -> list[PreparedBrief]:
    """Many at once, without pausing for garbage collection (see :func:`gc_paused`)."""
    with gc_paused():
        return [prepare_brief(brief, origin) for brief, origin in items]


_json_str = json.encoder.encode_basestring  # type: ignore[attr-defined]


def _json(items: Iterable[str]) -> str:
    """A JSON array of strings; what ``json.dumps`` gives, without its per-call setup."""
    return "[" + ", ".join(map(_json_str, items)) + "]"


def _extra_yaml(brief: Brief) -> str | None:
    """The brief's unknown top-level fields as safe YAML (exact: dates stay dates), or
    None. The JSON document holds them too, as JSON can (for Datasette)."""
    extra = brief.model_extra
    if not extra:
        return None
    import yaml  # here: the commands that only read the library never load PyYAML

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(extra, Dumper=dumper, allow_unicode=True, sort_keys=False)


def _document(brief: Brief) -> str:
    """The brief as JSON. Unknown fields may hold any safe YAML value (dates, bytes,
    non-text keys) that JSON cannot: then the loader's JSON-able form is used, and the
    exact values live in the ``extra`` column."""
    if not brief.model_extra:
        return brief.model_dump_json(exclude_defaults=True)
    from briefing.serialise import brief_to_data

    return json.dumps(brief_to_data(brief), ensure_ascii=False, separators=(",", ":"))


def _with_extra(brief: Brief, extra: str | None) -> Brief:
    if not extra:
        return brief
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return brief.model_copy(update=yaml.load(extra, Loader=loader))


def pack_document(document: str) -> bytes:
    """A JSON document as stored in ``brief_documents.document``: zlib-compressed UTF-8
    (a third of the size; any zlib reads it back)."""
    return zlib.compress(document.encode())


def unpack_document(stored: bytes | str) -> str:
    """The JSON text of a stored document (text as written before compression too)."""
    return stored if isinstance(stored, str) else zlib.decompress(stored).decode()


_INSERTS = {
    "briefs": "INSERT INTO briefs (id, title, date, updated, format, bottom_line, tags_text,"
    " origin, imported_at, search_rowid, summary, positions, quotes, questions)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "documents": "INSERT INTO brief_documents (brief_id, document, extra) VALUES (?, ?, ?)",
    # Counted incrementally; name and kind are those of the latest brief (by date, then
    # id) that names the actor; aliases are gathered from every brief.
    "actors": """
        INSERT INTO actors (id, name, kind, aliases, brief_count, named_in, named_date)
        VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)
        ON CONFLICT (id) DO UPDATE SET
            brief_count = brief_count + 1,
            name = iif((?6, ?5) >= (named_date, named_in), ?2, name),
            kind = iif((?6, ?5) >= (named_date, named_in), ?3, kind),
            aliases = iif(?4 = '[]', aliases, (
                SELECT json_group_array(value) FROM (
                    SELECT value FROM json_each(actors.aliases)
                    UNION SELECT value FROM json_each(?4)
                )
            )),
            named_in = iif((?6, ?5) >= (named_date, named_in), ?5, named_in),
            named_date = iif((?6, ?5) >= (named_date, named_in), ?6, named_date)
    """,
    # The child tables' rows as written: the brief's integer key first (see
    # :data:`CHILD_ROWS`).
    "brief_actors": "INSERT INTO brief_actors (brief_key, actor_id, ordinal, brief_id,"
    " brief_date, name, kind, role, affiliation, aliases) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "positions": "INSERT INTO positions (brief_key, ordinal, brief_id, brief_date, actor_id,"
    " topic, position, stance, quote, attribution, date, has_quote)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "questions": "INSERT INTO open_questions (brief_key, ordinal, question_id, has_own_id,"
    " brief_date, question, status, likelihood, confidence, context, resolution, actors)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "timeline": "INSERT INTO timeline_events (brief_key, ordinal, brief_id, date, event,"
    " actors) VALUES (?, ?, ?, ?, ?, ?)",
    "sources": "INSERT INTO sources (brief_key, ordinal, title, publisher, url, authors,"
    " published) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "tags": "INSERT INTO brief_tags (brief_key, tag, brief_id, brief_date) VALUES (?, ?, ?, ?)",
    "fts": "INSERT INTO briefs_fts (rowid, title, summary, positions, quotes, questions)"
    " VALUES (?, ?, ?, ?, ?, ?)",
}


def _same(key: int, r: Row) -> Row:
    return (key, *r[1:])


#: A prepared row (first its brief's text id) as :data:`_INSERTS` writes it, given the
#: brief's integer key (assigned when written).
CHILD_ROWS: dict[str, Any] = {
    "brief_actors": lambda key, r: (key, r[1], r[2], r[0], r[3], *r[4:]),
    "positions": lambda key, r: (key, r[1], r[0], r[3], r[2], *r[4:], bool(r[7])),
    "questions": _same,
    "timeline": lambda key, r: (key, r[1], r[0], *r[2:]),
    "sources": _same,
    "tags": lambda key, r: (key, r[1], r[0], r[2]),
}


#: A staged child row (as :data:`CHILD_ROWS` wrote it) back as prepared (first its
#: brief's text id; the text id of the rows that lack one is given).
PREPARED_ROWS: dict[str, Any] = {
    "brief_actors": lambda bid, m: (m[3], m[1], m[2], *m[4:]),
    "positions": lambda bid, m: (m[2], m[1], m[4], m[3], *m[5:11]),
    "questions": lambda bid, m: (bid, *m[1:]),
    "timeline": lambda bid, m: (m[2], m[1], *m[3:]),
    "sources": lambda bid, m: (bid, *m[1:]),
    "tags": lambda bid, m: (m[2], m[1], m[3]),
}


def prepared_from_rows(
    brief: Row, document: Row | None, children: dict[str, list[Row]]
) -> PreparedBrief:
    """A brief's rows as written (a ``briefs`` row, its ``brief_documents`` row if any,
    and its child rows by :data:`CHILD_ROWS` key, each in ordinal order) back as the
    :class:`PreparedBrief` they were written from: for a staged brief that must go
    through the ordinary write after all (see ``Writing._merge_stage``)."""
    bid = brief[0]
    rows = {key: [PREPARED_ROWS[key](bid, m) for m in found] for key, found in children.items()}
    return PreparedBrief(
        id=bid,
        updated=dt.datetime.fromisoformat(brief[3]) if brief[3] else None,
        origin=brief[7],
        brief=(*brief[:7], *(document[1:3] if document else (None, None))),
        actors=tuple((a[1], a[4], a[5], a[8], bid, a[3]) for a in rows["brief_actors"]),
        brief_actors=tuple(rows["brief_actors"]),
        positions=tuple(rows["positions"]),
        questions=tuple(rows["questions"]),
        timeline=tuple(rows["timeline"]),
        sources=tuple(rows["sources"]),
        tags=tuple(rows["tags"]),
        fts=(brief[1], *brief[10:14]),
    )
