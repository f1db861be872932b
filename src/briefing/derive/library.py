"""What a draft reuses from the user's library: actor ids (with aliases), open questions
(id, actors, last likelihood) and the wording of position topics.

One loader for every caller: ``briefing derive`` (the CLI) and the drafts ``briefing
fetch`` derives from feed articles (:mod:`briefing.feeds.articles`). A library that cannot
be read is not an error for a draft: the draft is made without it, and ``warn`` (when
given) is told why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import BriefingError

if TYPE_CHECKING:
    from briefing.model import Brief

KnownActors = list[tuple[str, str, tuple[str, ...]]]  # (id, name, aliases)
KnownQuestions = list[tuple[str, str, tuple[str, ...], str | None]]  # id, question, actors, lk
Warn = Callable[[str], None]


def known_actors(db_path: Path, warn: Warn | None = None) -> KnownActors:
    """(id, name, aliases) of every actor in the library at ``db_path``, if it exists."""
    if not db_path.is_file():
        return []
    from briefing.store import Store

    try:
        with Store(db_path) as store:
            return store.actor_aliases()
    except BriefingError as exc:
        if warn:
            warn(f"library not read, actor ids not reused: {exc}")
        return []


def known_questions(db_path: Path, warn: Warn | None = None) -> KnownQuestions:
    """(id, question, actor ids, likelihood) of the library's open questions, if any."""
    if not db_path.is_file():
        return []
    from briefing.store import Store

    try:
        with Store(db_path) as store:
            return [
                (q.question_id, q.question, tuple(q.actors), q.likelihood)
                for q in store.questions(status="open")
                if q.has_own_id
            ]
    except BriefingError as exc:
        if warn:
            warn(f"library questions not read: {exc}")
        return []


def topic_lookup(db_path: Path, warn: Warn | None = None) -> Callable[[str], list[str]] | None:
    """A lookup of the library's position topics mentioning a phrase (None: no library)."""
    if not db_path.is_file():
        return None

    def lookup(phrase: str) -> list[str]:
        from briefing.store import Store

        try:
            with Store(db_path) as store:
                rows, _ = store.topic_positions(phrase, limit=500)
        except BriefingError as exc:
            if warn:
                warn(f"library topics not read: {exc}")
            return []
        return [row.topic for row in rows]

    return lookup


def from_briefs(briefs: Iterable[Brief]) -> tuple[KnownActors, KnownQuestions]:
    """The same hints from briefs in hand rather than a library file (``derive-eval
    --library DIR``): actors with every name and alias seen, open questions with an id and
    the likelihood of the latest brief that states one."""
    actors: dict[str, tuple[str, set[str]]] = {}
    questions: dict[str, tuple[str, tuple[str, ...], str | None, str]] = {}
    for brief in briefs:
        for actor in brief.actors:
            name, aliases = actors.setdefault(actor.id, (actor.name, set()))
            aliases.update(a for a in (actor.name, *actor.aliases) if a != name)
        for q in brief.open_questions:
            if q.id is None or q.status.value != "open":
                continue
            seen = questions.get(q.id)
            stamp = brief.updated.isoformat() if brief.updated else ""
            if seen is None or stamp >= seen[3]:
                likelihood = q.likelihood.value if q.likelihood else (seen[2] if seen else None)
                questions[q.id] = (q.question, tuple(q.actors), likelihood, stamp)
    return (
        [(aid, name, tuple(sorted(aliases))) for aid, (name, aliases) in actors.items()],
        [(qid, text, qa, lk) for qid, (text, qa, lk, _) in questions.items()],
    )
