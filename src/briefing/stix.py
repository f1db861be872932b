"""Briefs as STIX 2.1 bundles, for OpenCTI, MISP and other threat-intelligence tools.

Mapping:

* a brief is a ``report`` (title, summary, tags as labels, sources as external
  references), referring to every object made from it;
* an actor is an ``identity`` whose id is derived from the actor's global id
  (UUIDv5), so the same actor exported from any brief, any library, any time has the same
  STIX id and the tools merge them;
* a stated position is a ``note`` (topic as abstract, the position and its verbatim quote
  as content, the actor as author and object);
* an open question is a ``note`` on the actors it names (or the report), with its ICD 203
  likelihood; its confidence uses STIX's own ``confidence`` (0–100).

STIX has no field for a stance, an attribution, a likelihood or a question's status:
those are the only custom properties, ``x_briefing_*``, declared as STIX 2.1 asks by an
``extension-definition`` (a top-level property extension, created by the ``briefing``
identity) that every bundle carries.

Ids are stable: exporting the same version of a brief twice gives the same bundle
objects (only the bundle's own id is new), and a later version keeps its objects' ids
with a later ``modified``, as STIX versioning expects.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from briefing.model import Brief

#: Namespace of every id briefing derives (uuid5 of the project's name in the URL
#: namespace): fixed forever, or the ids would change.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://briefing.invalid/stix")
#: ``created`` of identities: an object's ``created`` may never change between its
#: versions, and an actor has no creation date of its own.
IDENTITY_CREATED = "2000-01-01T00:00:00.000Z"

_IDENTITY_CLASS = {
    "person": "individual",
    "organization": "organization",
    "country": "organization",
    "group": "group",
}
#: ICD 203 confidence on STIX's 0–100 scale (the midpoints of the spec's Low/Med/High).
CONFIDENCE = {"low": 15, "moderate": 50, "high": 85}


#: Every custom property briefing writes, all top-level (declared by EXTENSION).
CUSTOM_PROPERTIES = (
    "x_briefing_stance",
    "x_briefing_attribution",
    "x_briefing_stated",
    "x_briefing_status",
    "x_briefing_question_id",
    "x_briefing_likelihood",
)


def stix_id(kind: str, key: str) -> str:
    """``kind--uuid5(NAMESPACE, key)``."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, key)}"


def actor_id(actor: str) -> str:
    """The STIX id of an actor's identity (same for every brief that names it)."""
    return stix_id("identity", f"actor/{actor}")


PRODUCER: dict[str, Any] = {
    "type": "identity",
    "spec_version": "2.1",
    "id": stix_id("identity", "producer/briefing"),
    "created": IDENTITY_CREATED,
    "modified": IDENTITY_CREATED,
    "name": "briefing",
    "description": "A terminal reader for structured news briefs.",
    "identity_class": "system",
}

EXTENSION: dict[str, Any] = {
    "type": "extension-definition",
    "spec_version": "2.1",
    "id": stix_id("extension-definition", "briefing/properties/1"),
    "created_by_ref": PRODUCER["id"],
    "created": IDENTITY_CREATED,
    "modified": IDENTITY_CREATED,
    "name": "briefing brief properties",
    "description": (
        "What a brief states that STIX has no field for: a position's stance (supports,"
        " opposes, mixed, neutral, unclear), attribution and date stated; an open"
        " question's status, global id and ICD 203 likelihood."
    ),
    "schema": "https://briefing.invalid/docs/brief-format.md",
    "version": "1.0.0",
    "extension_types": ["toplevel-property-extension"],
    "extension_properties": list(CUSTOM_PROPERTIES),
}


def _with_extension(obj: dict[str, Any]) -> dict[str, Any]:
    """Declare the custom properties an object carries (none: left as it is)."""
    if any(key in obj for key in CUSTOM_PROPERTIES):
        obj["extensions"] = {EXTENSION["id"]: {"extension_type": "toplevel-property-extension"}}
    return obj


def _timestamp(value: dt.datetime | dt.date) -> str:
    """STIX timestamps: UTC, ``Z``, milliseconds."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    value = value.astimezone(dt.UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _times(brief: Brief) -> tuple[str, str]:
    """``(created, modified)`` of a brief's objects: its date, and its ``updated``."""
    created = _timestamp(brief.date)
    modified = _timestamp(brief.updated) if brief.updated else created
    return created, max(created, modified)


def identity(brief: Brief, actor_index: int) -> dict[str, Any]:
    """The actor as this brief describes it (name, kind, role at the brief's date)."""
    actor = brief.actors[actor_index]
    _created, modified = _times(brief)
    obj: dict[str, Any] = {
        "type": "identity",
        "spec_version": "2.1",
        "id": actor_id(actor.id),
        "created": IDENTITY_CREATED,
        "modified": modified,
        "name": actor.name,
        "identity_class": _IDENTITY_CLASS.get(actor.kind, "unknown"),
    }
    if actor.kind == "country":
        obj["sectors"] = ["government-national"]
    role = ", ".join(x for x in (actor.role, actor.affiliation) if x)
    if role:
        obj["description"] = role
    if actor.role:
        obj["roles"] = [actor.role]
    return obj


def brief_objects(brief: Brief) -> list[dict[str, Any]]:
    """The report and every object it refers to (identities first)."""
    created, modified = _times(brief)
    report_id = stix_id("report", f"brief/{brief.id}")
    names = {a.id: a.name for a in brief.actors}
    objects: list[dict[str, Any]] = [identity(brief, i) for i in range(len(brief.actors))]
    base = {"spec_version": "2.1", "created": created, "modified": modified}
    for n, p in enumerate(brief.positions):
        content = p.position + (f"\n\n“{p.quote}”" if p.quote else "")
        note: dict[str, Any] = {
            "type": "note",
            **base,
            "id": stix_id("note", f"brief/{brief.id}/position/{n}"),
            "abstract": p.topic,
            "content": content,
            "authors": [names[p.actor]],
            "object_refs": [actor_id(p.actor)],
            "labels": ["stated-position"],
        }
        if p.stance:
            note["x_briefing_stance"] = str(p.stance)
        if p.attribution:
            note["x_briefing_attribution"] = str(p.attribution)
        if p.date:
            note["x_briefing_stated"] = str(p.date)  # a day, month or year
        objects.append(_with_extension(note))
    for n, q in enumerate(brief.open_questions):
        refs = [actor_id(a) for a in q.actors] or [report_id]
        content = "\n\n".join(x for x in (q.context, q.resolution) if x) or q.question
        note = {
            "type": "note",
            **base,
            "id": stix_id("note", f"brief/{brief.id}/question/{q.id or n}"),
            "abstract": q.question,
            "content": content,
            "object_refs": refs,
            "labels": ["open-question"],
            "x_briefing_status": str(q.status),
        }
        if q.id:
            note["x_briefing_question_id"] = q.id
        if q.likelihood:
            note["x_briefing_likelihood"] = str(q.likelihood)
        if q.confidence:
            note["confidence"] = CONFIDENCE[str(q.confidence)]
        objects.append(_with_extension(note))
    report: dict[str, Any] = {
        "type": "report",
        **base,
        "id": report_id,
        "name": brief.title,
        "description": brief.summary,
        "published": modified,
        "object_refs": [o["id"] for o in objects],
    }
    if brief.tags:
        report["labels"] = list(brief.tags)
    references = []
    for s in brief.source:
        ref: dict[str, Any] = {"source_name": s.publisher or s.title or "source"}
        if s.title and s.publisher:
            ref["description"] = s.title
        if s.url:
            ref["url"] = s.url
        references.append(ref)
    if references:
        report["external_references"] = references
    return [report, *objects]


def iter_objects(briefs: Iterable[Brief]) -> Iterator[dict[str, Any]]:
    """Every object of a bundle of ``briefs``, one brief at a time (so ``export --all``
    never holds the library in memory), the actors' identities last: an actor named by
    several briefs is one identity, as the latest brief (by date, then updated)
    describes it."""
    yield PRODUCER
    yield EXTENSION
    identities: dict[str, tuple[tuple[str, str], dict[str, Any]]] = {}
    for brief in briefs:
        order = (brief.date.isoformat(), _times(brief)[1])
        for obj in brief_objects(brief):
            if obj["type"] != "identity":
                yield obj
                continue
            seen = identities.get(obj["id"])
            if seen is None or order >= seen[0]:
                identities[obj["id"]] = (order, obj)
    for _order, obj in identities.values():
        yield obj


def bundle(briefs: Iterable[Brief]) -> dict[str, Any]:
    """One STIX 2.1 bundle of ``briefs`` (a new bundle id each time, as STIX wants)."""
    return {
        "type": "bundle",
        "id": f"bundle--{uuid.uuid4()}",
        "objects": list(iter_objects(briefs)),
    }


def write_bundle(briefs: Iterable[Brief], write: Callable[[str], object]) -> None:
    """The bundle of ``briefs`` as JSON, written object by object."""
    write(f'{{\n  "type": "bundle",\n  "id": "bundle--{uuid.uuid4()}",\n  "objects": [')
    for n, obj in enumerate(iter_objects(briefs)):
        # ensure_ascii: every control and non-ASCII character escaped, so the output is
        # exact for a program and inert on a terminal (C1 controls, bidi overrides).
        write(("," if n else "") + "\n    " + json.dumps(obj, ensure_ascii=True))
    write("\n  ]\n}\n")
