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

#: The model's defaults, as ``exclude_defaults`` leaves them out (briefing.model).
_DEFAULT_FORMAT = "briefing/1"
_DEFAULT_KIND = "person"
_DEFAULT_STATUS = "open"

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        out[key] = value


def _listed(text: str | None) -> list[str]:
    return json.loads(text) if text and text != "[]" else []


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
    title, date, updated, format, bottom_line, tags_text, ...)."""
    bid, title, date, updated, fmt, _bottom, tags_text = brief[:7]
    doc: dict[str, Any] = {}
    if fmt != _DEFAULT_FORMAT:
        doc["format"] = fmt
    doc["id"] = bid
    doc["title"] = title
    doc["date"] = date
    _put(doc, "updated", _utc(updated))
    source_list = []
    for s in sources:
        part: dict[str, Any] = {}
        _put(part, "title", s[2])
        _put(part, "publisher", s[3])
        _put(part, "url", s[4])
        authors = _listed(s[5])
        if authors:
            part["authors"] = authors
        _put(part, "published", s[6])
        source_list.append(part)
    if source_list:
        doc["source"] = source_list
    if tags_text:
        doc["tags"] = tags_text.split(" ")
    doc["summary"] = summary
    actor_list = []
    for a in actors:
        part = {"id": a[1], "name": a[5]}
        if a[6] != _DEFAULT_KIND:
            part["kind"] = a[6]
        _put(part, "role", a[7])
        _put(part, "affiliation", a[8])
        aliases = _listed(a[9])
        if aliases:
            part["aliases"] = aliases
        actor_list.append(part)
    doc["actors"] = actor_list
    position_list = []
    for p in positions:
        part = {"actor": p[2], "topic": p[5], "position": p[6]}
        _put(part, "stance", p[7])
        _put(part, "quote", p[8])
        _put(part, "attribution", p[9])
        _put(part, "date", p[10])
        position_list.append(part)
    if position_list:
        doc["positions"] = position_list
    question_list = []
    for q in questions:
        part = {}
        if q[3]:
            part["id"] = q[2]
        part["question"] = q[5]
        _put(part, "context", q[9])
        actor_ids = _listed(q[11])
        if actor_ids:
            part["actors"] = actor_ids
        if q[6] != _DEFAULT_STATUS:
            part["status"] = q[6]
        _put(part, "resolution", q[10])
        _put(part, "likelihood", q[7])
        _put(part, "confidence", q[8])
        question_list.append(part)
    if question_list:
        doc["open_questions"] = question_list
    events = []
    for e in timeline:
        part = {"date": e[2], "event": e[3]}
        actor_ids = _listed(e[4])
        if actor_ids:
            part["actors"] = actor_ids
        events.append(part)
    if events:
        doc["timeline"] = events
    return _dumps(doc)


#: The rows of some briefs, in the column order of PreparedBrief (see prepare.py).
_SELECTS = {
    "briefs": "SELECT id, title, date, updated, format, bottom_line, tags_text, summary"
    " FROM briefs WHERE id IN ({marks})",
    "actors": "SELECT brief_id, actor_id, ordinal, brief_date, brief_title, name, kind, role,"
    " affiliation, aliases FROM brief_actors WHERE brief_id IN ({marks})",
    "positions": "SELECT brief_id, ordinal, actor_id, brief_date, brief_title, topic, position,"
    " stance, quote, attribution, date FROM positions WHERE brief_id IN ({marks})",
    "questions": "SELECT brief_id, ordinal, question_id, has_own_id, brief_date, question,"
    " status, likelihood, confidence, context, resolution, actors FROM open_questions"
    " WHERE brief_id IN ({marks})",
    "timeline": "SELECT brief_id, ordinal, date, event, actors FROM timeline_events"
    " WHERE brief_id IN ({marks})",
    "sources": "SELECT brief_id, ordinal, title, publisher, url, authors, published"
    " FROM sources WHERE brief_id IN ({marks})",
}
_PARTS = ("actors", "positions", "questions", "timeline", "sources")


def rebuild_documents(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    """The JSON documents of the stored briefs among ``ids``, rebuilt from their rows
    (whether or not ``brief_documents`` also keeps one): one query per table per 500."""
    out: dict[str, str] = {}
    for group in _batched(list(ids), 500):
        marks = ",".join("?" * len(group))
        heads = {r[0]: r for r in conn.execute(_SELECTS["briefs"].format(marks=marks), group)}
        if not heads:
            continue
        parts: dict[str, dict[str, list[Row]]] = {}
        for name in _PARTS:
            rows: dict[str, list[Row]] = {}
            for row in conn.execute(_SELECTS[name].format(marks=marks), group):
                rows.setdefault(row[0], []).append(row)
            for found in rows.values():
                found.sort(key=lambda r: r[2] if name == "actors" else r[1])
            parts[name] = rows
        for bid, head in heads.items():
            out[bid] = document_from_rows(
                head,
                head[7],
                *(parts[name].get(bid, ()) for name in _PARTS),
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
