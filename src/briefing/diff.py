"""What changed between two versions of a brief, field by field.

Shared by ``briefing diff`` and the reader's what-changed screen, so both say the same.
Items are matched by identity, not by position in their list: actors by id, positions
by actor and topic, open questions by id (else by wording), timeline events by date and
wording. A matched item whose fields differ is *changed*, with each field as ``old →
new``; the summary is compared line by line as a unified text diff.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # only annotations: `briefing --help` imports this module, not the models
    from briefing.model import Brief
    from briefing.store import Store

Kind = Literal["added", "removed", "changed"]

#: The sections of a diff, in the order they are shown.
SECTIONS = ("brief", "actors", "positions", "open_questions", "timeline")


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a matched item: ``name: old → new`` (``None`` where absent)."""

    name: str
    old: str | None
    new: str | None

    def text(self) -> str:
        return f"{self.name}: {_shown(self.old)} → {_shown(self.new)}"


@dataclass(frozen=True, slots=True)
class Change:
    """An item added, removed or changed in one section."""

    section: str  # one of SECTIONS
    kind: Kind
    label: str  # what the item is, e.g. "petra-holm · Strike mandate"
    fields: tuple[FieldChange, ...] = ()  # for "changed"; for added/removed, its content

    def as_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "change": self.kind,
            "item": self.label,
            "fields": [{"field": f.name, "old": f.old, "new": f.new} for f in self.fields],
        }


@dataclass(frozen=True, slots=True)
class BriefDiff:
    """Every change from ``old`` to ``new`` (both versions of one brief)."""

    brief_id: str
    old_version: int
    new_version: int
    changes: tuple[Change, ...] = ()
    summary: tuple[str, ...] = field(default=())  # unified diff lines, "" if unchanged

    @property
    def empty(self) -> bool:
        return not self.changes and not self.summary

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.brief_id,
            "from": self.old_version,
            "to": self.new_version,
            "summary": list(self.summary),
            "changes": [c.as_json() for c in self.changes],
        }


def _shown(value: str | None) -> str:
    return "(none)" if value is None else value


def _text(value: Any) -> str | None:
    """A field's value as text (enums as their value, lists comma-joined)."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) if value else None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _fields(old: Any, new: Any, names: Sequence[str]) -> tuple[FieldChange, ...]:
    """The ``names`` whose values differ between two items."""
    out = []
    for name in names:
        before, after = _text(getattr(old, name, None)), _text(getattr(new, name, None))
        if before != after:
            out.append(FieldChange(name, before, after))
    return tuple(out)


def _content(item: Any, names: Sequence[str]) -> tuple[FieldChange, ...]:
    """An added or removed item's set fields (``old`` is None, ``new`` the value)."""
    out = []
    for name in names:
        value = _text(getattr(item, name, None))
        if value is not None:
            out.append(FieldChange(name, None, value))
    return tuple(out)


def _keyed(items: Sequence[Any], key: Callable[[Any], Hashable]) -> dict[Hashable, Any]:
    """Items by key; a repeated key gets an occurrence number so none is lost."""
    out: dict[Hashable, Any] = {}
    seen: dict[Hashable, int] = {}
    for item in items:
        k = key(item)
        n = seen.get(k, 0)
        seen[k] = n + 1
        out[(k, n)] = item
    return out


def _section(
    section: str,
    old: Sequence[Any],
    new: Sequence[Any],
    key: Callable[[Any], Hashable],
    label: Callable[[Any], str],
    names: Sequence[str],
    pair: Callable[[Any, Any], bool] | None = None,
) -> list[Change]:
    """Match ``old`` and ``new`` items by ``key``; unmatched ones that ``pair`` accepts
    (e.g. an event reworded on the same date) count as changed, the rest as removed and
    added."""
    before, after = _keyed(old, key), _keyed(new, key)
    changes: list[Change] = []
    removed = [item for k, item in before.items() if k not in after]
    added = [item for k, item in after.items() if k not in before]
    if pair is not None:
        for item in list(removed):
            match = next((a for a in added if pair(item, a)), None)
            if match is not None:
                removed.remove(item)
                added.remove(match)
                fields = _fields(item, match, names)
                changes.append(Change(section, "changed", label(match), fields))
    for k, item in after.items():
        if k in before:
            fields = _fields(before[k], item, names)
            if fields:
                changes.append(Change(section, "changed", label(item), fields))
    changes += [Change(section, "removed", label(i), _content(i, names)) for i in removed]
    changes += [Change(section, "added", label(i), _content(i, names)) for i in added]
    return changes


def summary_diff(old: str, new: str, *, old_name: str, new_name: str) -> tuple[str, ...]:
    """The summaries as a unified diff (no lines when equal)."""
    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), old_name, new_name, lineterm="", n=1
    )
    return tuple(lines)


def diff_briefs(old: Brief, new: Brief, *, old_version: int, new_version: int) -> BriefDiff:
    """Every change from version ``old_version`` (``old``) to ``new_version`` (``new``)."""
    changes: list[Change] = []
    top = _fields(old, new, ("title", "date", "updated", "tags"))
    old_sources = [s.model_dump_json(exclude_defaults=True) for s in old.source]
    new_sources = [s.model_dump_json(exclude_defaults=True) for s in new.source]
    if old_sources != new_sources:
        top += (
            FieldChange(
                "source",
                _text([s.publisher or s.title or s.url or "?" for s in old.source]),
                _text([s.publisher or s.title or s.url or "?" for s in new.source]),
            ),
        )
    if top:
        changes.append(Change("brief", "changed", new.id, top))
    changes += _section(
        "actors",
        old.actors,
        new.actors,
        key=lambda a: a.id,
        label=lambda a: f"{a.id} ({a.name})",
        names=("name", "kind", "role", "affiliation", "aliases"),
    )
    changes += _section(
        "positions",
        old.positions,
        new.positions,
        key=lambda p: (p.actor, p.topic),
        label=lambda p: f"{p.actor} · {p.topic}",
        names=("stance", "position", "quote", "attribution", "date"),
    )
    changes += _section(
        "open_questions",
        old.open_questions,
        new.open_questions,
        key=lambda q: q.id or q.question,
        label=lambda q: q.id or q.question,
        names=(
            "question",
            "status",
            "likelihood",
            "confidence",
            "resolution",
            "context",
            "actors",
        ),
    )
    changes += _section(
        "timeline",
        old.timeline,
        new.timeline,
        key=lambda e: (e.date, e.event),
        label=lambda e: f"{e.date} · {e.event}",
        names=("date", "event", "actors"),
        pair=lambda a, b: a.date == b.date,
    )
    summary = ()
    if old.summary != new.summary:
        summary = summary_diff(
            old.summary,
            new.summary,
            old_name=f"summary (version {old_version})",
            new_name=f"summary (version {new_version})",
        )
    return BriefDiff(new.id, old_version, new_version, tuple(changes), summary)


_MARK = {"added": "+", "removed": "-", "changed": "~"}
_TITLES = {
    "brief": "Brief",
    "actors": "Actors",
    "positions": "Positions",
    "open_questions": "Open questions",
    "timeline": "Timeline",
}


def diff_lines(diff: BriefDiff) -> list[tuple[str, str]]:
    """The diff as ``(style, line)`` pairs, in reading order: sections with their
    changes, then the summary's text diff. ``style`` is one of ``heading``, ``added``,
    ``removed``, ``changed``, ``field``, ``context`` (the CLI and the reader colour
    them; the text is untrusted and must be shown literally)."""
    out: list[tuple[str, str]] = []
    for section in SECTIONS:
        changes = [c for c in diff.changes if c.section == section]
        if not changes:
            continue
        if out:
            out.append(("context", ""))
        out.append(("heading", _TITLES[section]))
        for change in changes:
            out.append((change.kind, f"{_MARK[change.kind]} {change.kind} {change.label}"))
            for f in change.fields:
                if change.kind == "changed":
                    out.append(("field", f"    {f.text()}"))
                else:
                    out.append(("field", f"    {f.name}: {_shown(f.new)}"))
    if diff.summary:
        if out:
            out.append(("context", ""))
        out.append(("heading", "Summary"))
        for line in diff.summary:
            if line.startswith(("---", "+++")):
                out.append(("context", line))
            elif line.startswith("+"):
                out.append(("added", line))
            elif line.startswith("-"):
                out.append(("removed", line))
            else:
                out.append(("context", line))
    return out


def load_diff(store: Store, brief_id: str, old: int | None, new: int | None) -> BriefDiff | str:
    """The diff between two stored versions (default: the one before the current, and
    the current), or why there is none. Used by the CLI and the reader."""
    history = store.brief_history(brief_id)
    if not history:
        return f"no brief {brief_id!r} in the library"
    numbers = [r.version for r in history]
    new = numbers[-1] if new is None else new
    old = new - 1 if old is None else old
    for n in (old, new):
        if n not in numbers:
            return f"brief {brief_id!r} has no version {n} (it has {numbers[0]}–{numbers[-1]})"
    if old == new:
        return "--from and --to name the same version"
    before, after = store.get_version(brief_id, old), store.get_version(brief_id, new)
    if before is None or after is None:
        return f"version {old if before is None else new} of {brief_id!r} vanished meanwhile"
    return diff_briefs(before, after, old_version=old, new_version=new)
