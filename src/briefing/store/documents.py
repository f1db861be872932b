"""A brief's JSON document, rebuilt from its table rows instead of stored a second time.

Every field of an ordinary brief is in the readable tables (``briefs``, ``brief_actors``,
``positions``, ``open_questions``, ``timeline_events``, ``sources``); keeping its whole
JSON document as well stored the text twice. So a document is stored in
``brief_documents`` only when the rows cannot give it back byte for byte (provenance,
unknown fields, a repeated tag...), and :func:`rebuild_documents` rebuilds the others.

Lossless by construction: when a brief is prepared, :func:`document_from_rows` is run on
the very rows that will be written, and the document is dropped only if the result is
the same text as the document itself (``model_dump_json(exclude_defaults=True)``). The
rows are stored unchanged, so reading gives back exactly that text, and
``Brief.model_validate_json`` of it gives the brief ``get_brief`` always gave. A brief
that does not rebuild exactly just keeps its document: the check can only ever cost
space, never a field.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from briefing.store.common import _batched

Row = Sequence[Any]

#: The defaults of the brief's models that ``brief_to_data`` keeps (every other default
#: is ``None`` or empty, which it leaves out): the field, the fields before it, its value.
#: Documents are stored without them (``model_dump_json(exclude_defaults=True)``).
#: ``tests/store/test_brief_data.py`` checks these against ``briefing.model``.
BRIEF_DEFAULTS = ("format", (), "briefing/1")
ACTOR_DEFAULTS = ("kind", ("id", "name"), "person")
QUESTION_DEFAULTS = ("status", ("id", "question", "context", "actors"), "open")


def _with_default(
    item: dict[str, Any], default: tuple[str, tuple[str, ...], str]
) -> dict[str, Any]:
    """``item`` with ``field: value`` put back where the model has it, if missing."""
    field, before, value = default
    if field in item:
        return item
    out = {k: item[k] for k in before if k in item}
    out[field] = value
    out.update(item)
    return out


def with_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """A stored document's data with the defaults ``brief_to_data`` keeps put back."""
    data = _with_default(data, BRIEF_DEFAULTS)
    data["actors"] = [_with_default(a, ACTOR_DEFAULTS) for a in data["actors"]]
    if "open_questions" in data:
        data["open_questions"] = [
            _with_default(q, QUESTION_DEFAULTS) for q in data["open_questions"]
        ]
    return data


#: A JSON string as pydantic writes one (UTF-8 kept, no spaces); the C encoder.
_s = json.encoder.encode_basestring  # type: ignore[attr-defined]


def _array(stored: str | None) -> str | None:
    """A JSON array of strings as stored (``_json``: ``", "`` between items) as pydantic
    writes it, or None for an empty one. A string that itself holds ``", "`` comes out
    different, and then the brief keeps its document (the check in prepare_brief)."""
    if not stored or stored == "[]":
        return None
    return stored.replace('", "', '","')


def _fields(*pairs: tuple[str, str | None]) -> str:
    """``{"key":value,...}`` from (``"key":``, JSON value or None to leave out)."""
    return "{" + ",".join(key + value for key, value in pairs if value is not None) + "}"


def _opt(value: str | None) -> str | None:
    return None if value is None else _s(value)


def _utc(text: str | None) -> str | None:
    """``updated`` as stored (ISO, ``+00:00``) as pydantic writes it (``Z``)."""
    if text is not None and text.endswith("+00:00"):
        return text[:-6] + "Z"
    return text


def document_from_rows(
    brief: Row,
    summary: str,
    actors: Iterable[Row],
    positions: Iterable[Row],
    questions: Iterable[Row],
    timeline: Iterable[Row],
    sources: Iterable[Row],
) -> str:
    """The brief's JSON document from its rows, each in ordinal order and in the column
    order :class:`~briefing.store.prepare.PreparedBrief` gives them: ``brief`` is (id,
    title, date, updated, format, bottom_line, tags_text, ...). Written as
    ``model_dump_json(exclude_defaults=True)`` writes it: fields in the model's order,
    defaults left out. Built as text directly: it runs for every brief imported."""
    bid, title, date, updated, fmt, _bottom, tags_text = brief[:7]
    source = ",".join(
        _fields(
            ('"title":', _opt(s[2])),
            ('"publisher":', _opt(s[3])),
            ('"url":', _opt(s[4])),
            ('"authors":', _array(s[5])),
            ('"published":', _opt(s[6])),
        )
        for s in sources
    )
    actor_list = ",".join(
        _fields(
            ('"id":', _s(a[1])),
            ('"name":', _s(a[4])),
            ('"kind":', None if a[5] == ACTOR_DEFAULTS[2] else _s(a[5])),
            ('"role":', _opt(a[6])),
            ('"affiliation":', _opt(a[7])),
            ('"aliases":', _array(a[8])),
        )
        for a in actors
    )
    position_list = ",".join(
        _fields(
            ('"actor":', _s(p[2])),
            ('"topic":', _s(p[4])),
            ('"position":', _s(p[5])),
            ('"stance":', _opt(p[6])),
            ('"quote":', _opt(p[7])),
            ('"attribution":', _opt(p[8])),
            ('"date":', _opt(p[9])),
        )
        for p in positions
    )
    question_list = ",".join(
        _fields(
            ('"id":', _s(q[2]) if q[3] else None),
            ('"question":', _s(q[5])),
            ('"context":', _opt(q[9])),
            ('"actors":', _array(q[11])),
            ('"status":', None if q[6] == QUESTION_DEFAULTS[2] else _s(q[6])),
            ('"resolution":', _opt(q[10])),
            ('"likelihood":', _opt(q[7])),
            ('"confidence":', _opt(q[8])),
        )
        for q in questions
    )
    events = ",".join(
        _fields(('"date":', _s(e[2])), ('"event":', _s(e[3])), ('"actors":', _array(e[4])))
        for e in timeline
    )
    return _fields(
        ('"format":', None if fmt == BRIEF_DEFAULTS[2] else _s(fmt)),
        ('"id":', _s(bid)),
        ('"title":', _s(title)),
        ('"date":', _s(date)),
        ('"updated":', _opt(_utc(updated))),
        ('"source":', f"[{source}]" if source else None),
        ('"tags":', "[" + ",".join(map(_s, tags_text.split(" "))) + "]" if tags_text else None),
        ('"summary":', _s(summary)),
        ('"actors":', f"[{actor_list}]"),
        ('"positions":', f"[{position_list}]" if position_list else None),
        ('"open_questions":', f"[{question_list}]" if question_list else None),
        ('"timeline":', f"[{events}]" if events else None),
    )


#: The rows of some briefs, in the column order of PreparedBrief (see prepare.py), the
#: first column the brief's key (schema 8: ``brief_key``; schema 7, which migration 7
#: reads: ``brief_id``).
_HEAD = (
    "SELECT id, title, date, updated, format, bottom_line, tags_text, summary, {key}"
    " FROM briefs WHERE id IN ({marks})"
)
_SELECTS = {
    "actors": "SELECT brief_key, actor_id, ordinal, brief_date, name, kind, role, affiliation,"
    " aliases FROM brief_actors WHERE brief_key IN ({marks})",
    "positions": "SELECT brief_key, ordinal, actor_id, brief_date, topic, position, stance,"
    " quote, attribution, date FROM positions WHERE brief_key IN ({marks})",
    "questions": "SELECT brief_key, ordinal, question_id, has_own_id, brief_date, question,"
    " status, likelihood, confidence, context, resolution, actors FROM open_questions"
    " WHERE brief_key IN ({marks})",
    "timeline": "SELECT brief_key, ordinal, date, event, actors FROM timeline_events"
    " WHERE brief_key IN ({marks})",
    "sources": "SELECT brief_key, ordinal, title, publisher, url, authors, published"
    " FROM sources WHERE brief_key IN ({marks})",
}
_SELECTS_V7 = {name: sql.replace("brief_key", "brief_id") for name, sql in _SELECTS.items()}
_PARTS = ("actors", "positions", "questions", "timeline", "sources")


def rebuild_documents(
    conn: sqlite3.Connection, ids: Sequence[str], *, schema: int = 8
) -> dict[str, str]:
    """The JSON documents of the stored briefs among ``ids``, rebuilt from their rows
    (whether or not ``brief_documents`` also keeps one): one query per table per 500.
    ``schema=7``: from schema 7's tables (keyed by the text id), for migration 7."""
    selects = _SELECTS if schema >= 8 else _SELECTS_V7
    head_sql = _HEAD.replace("{key}", "search_rowid" if schema >= 8 else "id")
    out: dict[str, str] = {}
    for group in _batched(list(ids), 500):
        marks = ",".join("?" * len(group))
        heads = {r[8]: r for r in conn.execute(head_sql.format(marks=marks), group)}
        if not heads:
            continue
        keys = list(heads)
        keyed = ",".join("?" * len(keys))
        parts: dict[str, dict[Any, list[Row]]] = {}
        for name in _PARTS:
            rows: dict[Any, list[Row]] = {}
            for row in conn.execute(selects[name].format(marks=keyed), keys):
                rows.setdefault(row[0], []).append(row)
            for found in rows.values():
                found.sort(key=lambda r: r[2] if name == "actors" else r[1])
            parts[name] = rows
        for key, head in heads.items():
            out[head[0]] = document_from_rows(
                head,
                head[7],
                *(parts[name].get(key, ()) for name in _PARTS),
            )
    return out


def stored_documents(
    conn: sqlite3.Connection, ids: Sequence[str]
) -> dict[str, tuple[str, str | None]]:
    """(JSON document, extra YAML) of each stored brief among ``ids``: the document kept
    in ``brief_documents``, else the one its rows rebuild."""
    from briefing.store.prepare import unpack_document

    out: dict[str, tuple[str, str | None]] = {}
    for group in _batched(list(ids), 500):
        marks = ",".join("?" * len(group))
        for bid, document, extra in conn.execute(
            f"SELECT brief_id, document, extra FROM brief_documents WHERE brief_id IN ({marks})",
            group,
        ):
            out[bid] = (unpack_document(document), extra)
        missing = [bid for bid in group if bid not in out]
        if missing:
            for bid, text in rebuild_documents(conn, missing).items():
                out[bid] = (text, None)
    return out
