"""Editing a stored brief in the user's editor, as ``kubectl edit`` does.

The brief is written as YAML to a private temporary file and ``$VISUAL``/``$EDITOR`` is
opened on it. On save it is validated exactly like a file being loaded; if it is not
valid the editor opens again with the problems as ``#`` comments at the top (the text
as the user left it below them). Quitting without a change, at any round, changes
nothing. A valid result is stored as a new version: ``updated`` is moved forward (to
now, or past the stored one), so the store's newer-wins rule takes it. Removing the
``draft`` tag is how a derived draft is signed off.

The UI-free core (:func:`edit_brief`) takes the function that runs the editor, so the
shell command and the reader (which suspends its screen around it) share it.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefing.config import LimitsSettings
from briefing.errors import BriefingError
from briefing.loader import load_bytes
from briefing.model import Brief
from briefing.serialise import dump_brief

HEADER = "# briefing: "
_FIRST_HEADER = (
    "# briefing: this brief is not valid, so it was not saved. Fix the problems below\n"
    "# briefing: and save, or quit without saving to leave the brief as it was.\n"
)


@dataclass(frozen=True, slots=True)
class EditResult:
    brief: Brief | None
    """The new version to store; ``None`` when nothing changed (or the edit was abandoned)."""
    message: str
    signed_off: bool = False


def editor_command() -> list[str]:
    """``$VISUAL``, else ``$EDITOR``, else ``vi`` (as most Unix tools choose)."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    for fallback in ("vi", "nano"):
        if shutil.which(fallback):
            return [fallback]
    raise BriefingError("no editor: set $VISUAL or $EDITOR")


def run_editor(path: Path) -> None:
    """Run the user's editor on ``path`` and wait for it."""
    command = [*editor_command(), str(path)]
    try:
        code = subprocess.call(command)
    except OSError as exc:
        raise BriefingError(f"cannot run the editor {command[0]!r}: {exc.strerror}") from None
    if code != 0:
        raise BriefingError(f"the editor {command[0]!r} exited with status {code}; nothing saved")


def strip_header(text: str) -> str:
    """The text without the problem comments this module put at its top."""
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(HEADER):
        lines.pop(0)
    return "".join(lines)


def edit_brief(
    brief: Brief,
    limits: LimitsSettings,
    editor: Callable[[Path], None] = run_editor,
    *,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> EditResult:
    """Let the user edit ``brief`` until it is valid or they give up; see the module."""
    original = dump_brief(brief)
    shown = original
    with tempfile.TemporaryDirectory(prefix="briefing-edit-") as folder:
        path = Path(folder) / f"{brief.id}.yaml"
        while True:
            path.write_text(shown, encoding="utf-8")
            editor(path)
            try:
                edited = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise BriefingError(f"{path}: cannot read the edited file: {exc}") from None
            if edited == shown:
                what = "no changes" if shown == original else "edit abandoned"
                return EditResult(None, f"{brief.id}: {what}; nothing saved")
            body = strip_header(edited)
            if body == original:
                return EditResult(None, f"{brief.id}: no changes; nothing saved")
            problems, new = _check(body, brief, limits)
            if not problems:
                assert new is not None
                stamp = _next_updated(brief, new, now())
                new = new.model_copy(update={"updated": stamp})
                signed = "draft" in brief.tags and "draft" not in new.tags
                note = " and signed off (no longer a draft)" if signed else ""
                return EditResult(new, f"{brief.id}: saved{note}", signed_off=signed)
            shown = (
                _FIRST_HEADER + "".join(f"{HEADER}{' '.join(p.split())}\n" for p in problems) + body
            )


def _check(text: str, old: Brief, limits: LimitsSettings) -> tuple[list[str], Brief | None]:
    loaded = load_bytes(text.encode("utf-8"), f"{old.id}.yaml", limits)
    problems = [str(p) for p in loaded.errors]
    if problems:
        return problems, None
    if len(loaded.briefs) != 1:
        return [f"{old.id}.yaml: the file must hold exactly one brief"], None
    new = loaded.briefs[0]
    if new.id != old.id:
        return [f"{old.id}.yaml: id: cannot change the id here (was {old.id!r})"], None
    return [], new


def _next_updated(old: Brief, new: Brief, now: dt.datetime) -> dt.datetime:
    """Later than the stored version (so it wins), and than what the user typed."""
    stamp = now.replace(microsecond=0)
    for floor in (old.updated, new.updated if new.updated != old.updated else None):
        if floor is not None and stamp <= floor:
            stamp = floor.replace(microsecond=0) + dt.timedelta(seconds=1)
    return stamp


def save_edit(db_path: Path, result: EditResult) -> None:
    """Store the new version (whole or not at all)."""
    from briefing.store import Store

    if result.brief is None:
        return
    with Store(db_path) as store:
        store.import_brief(result.brief, origin="edit")
