"""The library in SQLite. All SQL in briefing lives in this module.

INTERFACE SKELETON — bodies are being implemented. Signatures and row types are the
contract used by the CLI, the reader, feeds and benchmarks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from briefing.model import Brief


class Outcome(StrEnum):
    new = "new"
    updated = "updated"
    unchanged = "unchanged"  # same id with an equal or older `updated`: skipped


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    brief_id: str
    outcome: Outcome
    origin: str | None = None


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


@dataclass(frozen=True, slots=True)
class ActorRole:
    """An actor's role and affiliation as one brief states them."""

    brief_id: str
    brief_date: str
    role: str | None
    affiliation: str | None


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
class FileStamp:
    """What the sync remembers of a brief file, to skip unchanged ones without reading."""

    path: str
    size: int
    mtime_ns: int


class Store:
    """One SQLite library. Open with ``Store(path)``; use as a context manager."""

    def __init__(self, path: Path | str) -> None: ...
    def close(self) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *exc: object) -> None: ...

    # -- writing -------------------------------------------------------------------
    def import_brief(self, brief: Brief, *, origin: str | None = None) -> ImportOutcome: ...
    def import_briefs(self, items: Iterable[tuple[Brief, str | None]]) -> list[ImportOutcome]:
        """Many briefs, each atomic; batched into few transactions for speed."""
        ...

    def set_read(self, brief_id: str, read: bool = True) -> None: ...
    def toggle_read(self, brief_id: str) -> bool: ...

    # -- file sync bookkeeping -----------------------------------------------------
    def file_stamps(self) -> dict[str, FileStamp]: ...
    def remember_files(self, stamps: Iterable[FileStamp]) -> None: ...

    # -- reading -------------------------------------------------------------------
    def count_briefs(self, *, tag: str | None = None, actor: str | None = None) -> int: ...
    def list_briefs(
        self, *, offset: int = 0, limit: int = 100, tag: str | None = None, actor: str | None = None
    ) -> list[BriefRow]:
        """Newest first (date desc, then id)."""
        ...

    def brief_index(self, brief_id: str, *, tag: str | None = None, actor: str | None = None) -> int | None:
        """Position of a brief in ``list_briefs`` order (to jump to it)."""
        ...

    def get_brief(self, brief_id: str) -> Brief | None: ...
    def iter_briefs(self) -> Iterator[Brief]: ...
    def is_read(self, brief_id: str) -> bool: ...
    def tags(self) -> list[tuple[str, int]]: ...
    def actors(self) -> list[ActorSummary]: ...
    def actor(self, actor_id: str) -> ActorDetail | None: ...
    def actor_briefs(self, actor_id: str) -> list[BriefRow]: ...
    def actor_positions(self, actor_id: str, *, offset: int = 0, limit: int | None = None) -> list[PositionRow]: ...
    def question_history(self, question_id: str) -> list[QuestionRow]: ...
    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]: ...

    # -- feeds ---------------------------------------------------------------------
    def feed_state(self, url: str) -> FeedState | None: ...
    def save_feed_state(self, state: FeedState) -> None: ...

    # -- integrity -----------------------------------------------------------------
    def table_checksums(self) -> dict[str, str]: ...
