"""The brief, format v1, as typed models, and the checks that span a whole brief.

The contract is ``docs/brief-format.md``. Field-level rules live on the models;
rules that need the whole brief (actor references resolve, ids unique) live in
:func:`cross_check`, which returns ``(location, message)`` pairs so the loader can
pin each one to a line of the source file.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

FORMAT_MAJOR = 1
FORMAT = f"briefing/{FORMAT_MAJOR}"
#: Use with ``fullmatch``: with ``match``, ``$`` also matches before a final newline.
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MAX_TITLE = 200

Loc = tuple[str | int, ...]


def _slug(value: str) -> str:
    if not isinstance(value, str) or not SLUG_RE.fullmatch(value):
        raise PydanticCustomError(
            "slug",
            "not a slug: {value} (lowercase letters, digits and '-', at most 80 characters)",
            {"value": repr(value)},
        )
    return value


def _non_empty(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty", "must not be empty")
    return value


def _partial_date(value: Any) -> str:
    """Normalise a timeline or position date to ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
    text (sources often give only the month or year something was said or happened)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        match = PARTIAL_DATE_RE.match(value.strip())
        if match:
            year, month, day = match.groups()
            try:
                dt.date(int(year), int(month or 1), int(day or 1))
            except ValueError as exc:
                raise PydanticCustomError(
                    "date",
                    "impossible date {value}: {why}",
                    {"value": repr(value), "why": str(exc)},
                ) from None
            return value.strip()
    raise PydanticCustomError(
        "date", "not a date: {value} (use 2024-05-30, 2024-05 or 2024)", {"value": repr(value)}
    )


def _as_list(value: Any) -> Any:
    """``source`` may be one mapping or a list of them."""
    return [value] if isinstance(value, dict) else value


def _none_as_empty(value: Any) -> Any:
    """``tags:`` left empty (as when the last tag is deleted in an editor) is no tags."""
    return [] if value is None else value


def _aware(value: Any) -> Any:
    """``updated`` without a zone is taken as UTC, so versions always compare."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return value


Slug = Annotated[str, AfterValidator(_slug)]
Text = Annotated[str, AfterValidator(_non_empty)]
PartialDate = Annotated[str, BeforeValidator(_partial_date)]


class ActorKind(StrEnum):
    person = "person"
    organization = "organization"
    country = "country"
    group = "group"


class Stance(StrEnum):
    supports = "supports"
    opposes = "opposes"
    mixed = "mixed"
    neutral = "neutral"
    unclear = "unclear"


class Attribution(StrEnum):
    on_record = "on-record"
    spokesperson = "spokesperson"
    anonymous_official = "anonymous-official"
    reported = "reported"


class QuestionStatus(StrEnum):
    open = "open"
    resolved = "resolved"


class Likelihood(StrEnum):
    """ICD 203 expressions of likelihood, lowest to highest."""

    almost_no_chance = "almost-no-chance"
    very_unlikely = "very-unlikely"
    unlikely = "unlikely"
    roughly_even = "roughly-even"
    likely = "likely"
    very_likely = "very-likely"
    almost_certain = "almost-certain"


class Confidence(StrEnum):
    low = "low"
    moderate = "moderate"
    high = "high"


class _Part(BaseModel):
    """Nested parts refuse unknown keys: a typo like ``stnace`` should not pass silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=False)


class Source(_Part):
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: dt.date | None = None


class Provenance(_Part):
    """How a brief was made by a machine: the feed entry it came from, when it was fetched
    and which deriver wrote it (derived drafts carry it; hand-written briefs need not)."""

    feed: str | None = None
    """URL of the feed the article was listed in."""
    feed_title: str | None = None
    entry: str | None = None
    """The entry's own link (may differ from the article's canonical ``source.url``)."""
    fetched: Annotated[dt.datetime | None, BeforeValidator(_aware)] = None
    derived_by: str | None = None
    """The program and version that derived the draft, e.g. ``briefing 0.1.0``."""


class Actor(_Part):
    id: Slug
    name: Text
    kind: ActorKind = ActorKind.person
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = Field(default_factory=list)


class Position(_Part):
    actor: Slug
    topic: Text
    position: Text
    stance: Stance | None = None
    quote: str | None = None
    attribution: Attribution | None = None
    date: PartialDate | None = None


class OpenQuestion(_Part):
    id: Slug | None = None
    question: Text
    context: str | None = None
    actors: list[Slug] = Field(default_factory=list)
    status: QuestionStatus = QuestionStatus.open
    resolution: str | None = None
    likelihood: Likelihood | None = None
    confidence: Confidence | None = None

    @field_validator("question")
    @classmethod
    def _ends_with_question_mark(cls, value: str) -> str:
        if not value.rstrip().endswith("?"):
            raise PydanticCustomError("question", "a question must end with '?'")
        return value


class TimelineEvent(_Part):
    date: PartialDate
    event: Text
    actors: list[Slug] = Field(default_factory=list)


class Brief(BaseModel):
    """One brief. Unknown top-level keys are kept in ``model_extra`` (the loader warns)."""

    model_config = ConfigDict(extra="allow")

    format: str = FORMAT
    id: Slug
    title: Text
    date: dt.date
    updated: Annotated[dt.datetime | None, BeforeValidator(_aware)] = None
    source: Annotated[list[Source], BeforeValidator(_as_list)] = Field(default_factory=list)
    tags: Annotated[list[Slug], BeforeValidator(_none_as_empty)] = Field(default_factory=list)
    summary: Text
    actors: Annotated[list[Actor], Field(min_length=1)]
    positions: list[Position] = Field(default_factory=list)
    open_questions: list[OpenQuestion] = Field(default_factory=list)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    provenance: Provenance | None = None

    @field_validator("format", mode="before")
    @classmethod
    def _known_format(cls, value: Any) -> str:
        if value is None:
            return FORMAT
        text = str(value)
        match = re.fullmatch(r"briefing/(\d+)(?:\.\d+)?", text)
        if not match:
            raise PydanticCustomError(
                "format",
                "unknown format {value} (expected {expected})",
                {"value": repr(text), "expected": repr(FORMAT)},
            )
        if int(match.group(1)) != FORMAT_MAJOR:
            raise PydanticCustomError(
                "format",
                "unsupported format version {value}: this briefing reads {expected} only",
                {"value": repr(text), "expected": FORMAT},
            )
        return text

    @field_validator("title")
    @classmethod
    def _one_line_title(cls, value: str) -> str:
        if "\n" in value.strip():
            raise PydanticCustomError("title", "the title must be one line")
        if len(value) > MAX_TITLE:
            raise PydanticCustomError(
                "title",
                "the title is {n} characters long (at most {max})",
                {"n": len(value), "max": MAX_TITLE},
            )
        return value

    @property
    def extra(self) -> dict[str, Any]:
        return dict(self.model_extra or {})

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    @property
    def bottom_line(self) -> str:
        """The first paragraph of the summary, as plain-ish text (for feed summaries, lists)."""
        first = self.summary.strip().split("\n\n", 1)[0]
        return " ".join(first.replace("**", "").split())


def _items(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def cross_check(data: dict[str, Any]) -> list[tuple[Loc, str]]:
    """Rules spanning the brief: unique ids, and every actor reference resolves.

    Works on the raw parsed mapping (defensively), so these problems are reported
    together with field errors rather than only after those are fixed.
    """
    problems: list[tuple[Loc, str]] = []
    seen: list[str] = []
    for i, actor in _items(data, "actors"):
        actor_id = actor.get("id")
        if not isinstance(actor_id, str):
            continue
        if actor_id in seen:
            problems.append((("actors", i, "id"), f"duplicate actor id {actor_id!r}"))
        else:
            seen.append(actor_id)
    known = ", ".join(seen) or "no actors"

    def resolve(loc: Loc, actor_id: Any) -> None:
        if isinstance(actor_id, str) and actor_id not in seen:
            problems.append((loc, f"unknown actor {actor_id!r} (this brief has: {known})"))

    for i, position in _items(data, "positions"):
        resolve(("positions", i, "actor"), position.get("actor"))
    question_ids: set[str] = set()
    for i, question in _items(data, "open_questions"):
        question_id = question.get("id")
        if isinstance(question_id, str):
            if question_id in question_ids:
                problems.append(
                    (("open_questions", i, "id"), f"duplicate question id {question_id!r}")
                )
            question_ids.add(question_id)
        for j, actor_id in enumerate(question.get("actors") or []):
            resolve(("open_questions", i, "actors", j), actor_id)
    for i, event in _items(data, "timeline"):
        for j, actor_id in enumerate(event.get("actors") or []):
            resolve(("timeline", i, "actors", j), actor_id)
    return problems


def format_loc(loc: Loc) -> str:
    """``("positions", 1, "actor")`` -> ``positions[1].actor``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_FRIENDLY = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field",
}


def validate_brief(data: Any) -> tuple[Brief | None, list[tuple[Loc, str]]]:
    """Validate one parsed YAML document: the brief, or every problem at once.

    Field errors come from pydantic; whole-brief errors from :func:`cross_check`.
    Both are ``(location, message)`` so the loader can point at the offending node.
    """
    if not isinstance(data, dict):
        kind = "empty document" if data is None else f"a {type(data).__name__}"
        return None, [((), f"a brief must be a mapping of fields, not {kind}")]
    problems = cross_check(data)
    try:
        brief = Brief.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            message = _FRIENDLY.get(err["type"], err["msg"])
            if err["type"] == "extra_forbidden" and loc:
                message = f"unknown field {loc[-1]!r}"
            problems.append((loc, message))
        return None, problems
    return (None, problems) if problems else (brief, [])
