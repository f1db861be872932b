"""What the store's queries return, and what an import reports."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from briefing.errors import StoreError


class Outcome(StrEnum):
    new = "new"
    updated = "updated"
    unchanged = "unchanged"  # same id with an equal or older `updated`: skipped


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    brief_id: str
    outcome: Outcome
    origin: str | None = None
    #: ``unchanged`` only: the same ``updated`` as the stored version, yet other content
    #: (a file edited without touching ``updated``, or stored half-written before): kept
    #: as stored, and reported so that it is not skipped silently.
    differs: bool = False


@dataclass(frozen=True, slots=True)
class BriefRow:
    """One line of the brief list."""

    id: str
    title: str
    date: str  # ISO date
    tags: tuple[str, ...]
    read: bool
    bottom_line: str = ""


@dataclass(frozen=True, slots=True)
class ActorSummary:
    id: str
    name: str
    kind: str
    brief_count: int
    aliases: tuple[str, ...] = ()  # filled by ``find_actors``


@dataclass(frozen=True, slots=True)
class ActorRole:
    """An actor's role and affiliation as one brief states them."""

    brief_id: str
    brief_date: str
    role: str | None
    affiliation: str | None
    brief_title: str = ""  # so the actor screen needs no second query for brief heads


@dataclass(frozen=True, slots=True)
class ActorDetail:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    roles: tuple[ActorRole, ...]  # by brief date, oldest first
    brief_count: int
    position_count: int


@dataclass(frozen=True, slots=True)
class PositionRow:
    brief_id: str
    brief_title: str
    brief_date: str
    actor_id: str
    actor_name: str
    topic: str
    position: str
    stance: str | None
    quote: str | None
    attribution: str | None
    date: str | None  # when it was said, else None


@dataclass(frozen=True, slots=True)
class QuestionRow:
    """One brief's statement of a (global) open question."""

    question_id: str
    brief_id: str
    brief_title: str
    brief_date: str
    question: str
    status: str
    likelihood: str | None
    confidence: str | None
    context: str | None
    resolution: str | None
    actors: tuple[str, ...] = ()  # actor ids the brief ties to the question
    statements: int = 1  # how many briefs state this question id (filled by ``questions()``)
    has_own_id: bool = True  # False: the brief gave no id; ``question_id`` is ``BRIEF#N``


@dataclass(frozen=True, slots=True)
class SearchHit:
    brief_id: str
    title: str
    date: str
    snippet: str  # plain text; matched terms wrapped in SNIPPET_START / SNIPPET_END
    where: str  # "title", "summary", "position", "quote", "question"


SNIPPET_START = "\x02"
SNIPPET_END = "\x03"


@dataclass(slots=True)
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_success: dt.datetime | None = None
    last_error: str | None = None
    last_attempt: dt.datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Subscription:
    """A feed subscribed to in the library (``briefing feeds add``)."""

    url: str
    name: str | None = None
    kind: str = "auto"
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What the sync remembers of a brief file, to skip unchanged ones without reading."""

    path: str
    size: int
    mtime_ns: int
    brief_ids: tuple[str, ...] = ()  # the briefs the file held when it was last read


class ImportFailed(StoreError):
    """Some briefs could not be stored (disk full, a broken brief built in code, ...).

    Raised after everything else in the batch was committed; ``outcomes`` lists what
    was stored, ``failures`` maps each brief id that was not to the reason. Each failed
    brief left no rows behind.
    """

    def __init__(
        self, outcomes: list[ImportOutcome], failures: dict[str, str], path: Path | None = None
    ) -> None:
        shown = list(failures.items())[:3]
        listing = "; ".join(f"{bid}: {' '.join(why.split())}" for bid, why in shown)
        more = f" (and {len(failures) - len(shown)} more)" if len(failures) > len(shown) else ""
        where = f"{path}: " if path else ""
        super().__init__(f"{where}could not store {len(failures)} brief(s): {listing}{more}")
        self.outcomes = outcomes
        self.failures = failures


# -- schema ---------------------------------------------------------------------------


_BRIEF_ROW_COLUMNS = "b.id, b.title, b.date, b.tags_text, r.brief_id IS NOT NULL, b.bottom_line"


def _aliases(text: str) -> tuple[str, ...]:
    """Stored aliases in one canonical order (case-insensitive, case variants once): the
    same whichever order the briefs naming the actor were imported in."""
    out: dict[str, str] = {}
    for alias in sorted(json.loads(text), key=lambda a: (a.casefold(), a)):
        out.setdefault(alias.casefold(), alias)
    return tuple(out.values())


def _brief_row(row: Sequence[Any]) -> BriefRow:
    return BriefRow(
        id=row[0],
        title=row[1],
        date=row[2],
        tags=tuple(row[3].split()),
        read=bool(row[4]),
        bottom_line=row[5],
    )


_QUESTION_COLUMNS = (
    "q.question_id, b.id, b.title, q.brief_date, q.question, q.status, q.likelihood,"
    " q.confidence, q.context, q.resolution, q.actors, q.has_own_id"
)


def _question_row(row: Sequence[Any], statements: int = 1) -> QuestionRow:
    return QuestionRow(
        question_id=row[0],
        brief_id=row[1],
        brief_title=row[2],
        brief_date=row[3],
        question=row[4],
        status=row[5],
        likelihood=row[6],
        confidence=row[7],
        context=row[8],
        resolution=row[9],
        actors=tuple(json.loads(row[10])),
        statements=statements,
        has_own_id=bool(row[11]),
    )
