"""What a draft reuses from the user's library: actor ids (with aliases), open questions
(id, actors, last likelihood) and the wording of position topics.

One loader for every caller: ``briefing derive`` (the CLI) and the drafts ``briefing
fetch`` derives from feed articles (:mod:`briefing.feeds.articles`). A library that cannot
be read is not an error for a draft: the draft is made without it, and ``warn`` (when
given) is told why. :func:`reuse_known_ids` is the last step of folding an article's
actors: the library's ids replace the article's for the actors it already knows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.derive.entities import match_key
from briefing.errors import BriefingError

if TYPE_CHECKING:
    from briefing.derive.entities import Actor, Fold
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


def reuse_known_ids(fold: Fold, known: Sequence[tuple[str, str, Sequence[str]]]) -> None:
    """Give each actor the id (and name) of the library actor it is: a name or alias
    matching a library name or alias (a person only by the full name: a bare surname is
    too weak to adopt an identity), an organisation already under that id, or a
    person's spelling variant of a library name (:func:`_fuzzy_hit`)."""
    if not known:
        return
    index: dict[str, tuple[str, str]] = {}
    for known_id, name, aliases in known:
        for form in (name, *aliases):
            if not _placeholder(form):
                index.setdefault(match_key(form), (known_id, name))
    renamed: dict[str, Actor] = {}
    for actor in fold.actors.values():
        if actor.kind == "group" and _placeholder(actor.name):
            # "Anonymous officials" here are not the library's: every story has its own
            renamed.setdefault(actor.id, actor)
            continue
        forms = [actor.name, *actor.aliases]
        if actor.kind == "person":
            forms = [actor.name]  # a bare surname is too weak to adopt an identity
        hit = next((index[match_key(f)] for f in forms if match_key(f) in index), None)
        if hit is None and actor.kind != "person":
            hit = next(((kid, kn) for kid, kn, _ in known if kid == actor.id), None)
        if hit is None:
            hit = _fuzzy_hit(actor, index)
        if hit:
            known_id, known_name = hit
            if known_name != actor.name and actor.name not in actor.aliases:
                actor.aliases.insert(0, actor.name)
            actor.id, actor.name, actor.known = known_id, known_name, True
        renamed.setdefault(actor.id, actor)
    fold.actors = renamed


def _placeholder(name: str) -> bool:
    """A name that only says someone is unnamed: "Anonymous officials", "Unnamed
    diplomats", "Senior official (anonymous)"."""
    return name.startswith(("Anonymous", "anonymous", "Unnamed", "unnamed")) or name.endswith(
        ("(anonymous)", "(unnamed)")
    )


def _fuzzy_hit(actor: Actor, index: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """A library actor whose name is a spelling variant or transliteration of this one
    ("Volodomyr Zelensky" / "Volodymyr Zelenskyy"): close by edit distance, same
    initials, and at least two words, so a surname alone never adopts an identity."""
    from rapidfuzz import fuzz, process

    name = match_key(actor.name)
    words = name.split()
    if len(words) < 2 or len(name) < 8:
        return None
    choices = [k for k in index if len(k.split()) == len(words)]
    found = process.extractOne(name, choices, scorer=fuzz.ratio, score_cutoff=88)
    if found is None:
        return None
    other = found[0].split()
    if [w[0] for w in other] != [w[0] for w in words]:
        return None
    return index[found[0]]
