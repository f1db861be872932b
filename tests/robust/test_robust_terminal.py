"""Terminal safety: what a brief says can be read, never executed by the terminal.

A brief whose title, names, roles, quotes, positions, questions, timeline and summary
hold escape sequences (clear screen, set window title), C1 controls, bidi overrides,
Rich markup and Textual action links is shown by ``show``, ``list``, ``actor``,
``actors``, ``questions`` and ``search`` on a real pseudo-terminal (Rich sees a TTY and
styles its output). No byte of the brief's control characters may reach the terminal;
only Rich's own styling sequences appear, and markup shows as the literal characters.

Two libraries are checked: one filled by ``briefing load`` (the loader may clean text on
the way in) and one filled directly through ``Store.import_brief`` (as an older
library, or any future import path, could hold raw text), so the *display* layer is
tested on its own too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.robust import (
    PYTHON,
    TRACEBACK,
    cli_args,
    dump_yaml,
    foreign_escapes,
    require_commands,
    run_cli,
    run_in_pty,
    visible_text,
)

CLEAR = "\x1b[2J"
TITLE = "\x1b]0;pwn\x07"
SGR = "\x1b[31m"
C1 = "\x9b2J\x9d0;c1pwn\x9c\x85"
BIDI = "\u202etxt.exe\u202c\u2066iso\u2069"
BELL = "\x07\x08\x7f\x00"
MARKUP = "[bold red]X[/]"
ACTION = "[@click=app.quit]go[/]"
LINK = "[link=https://evil.example]click[/link]"
EMOJI = ":warning:"
HOSTILE = f"{CLEAR}{TITLE}{SGR}{C1}{BIDI}{BELL}"
LITERALS = (MARKUP, ACTION)

BRIEF_ID = "hostile-brief"
ACTOR_ID = "mallory"
QUESTION_ID = "hostile-question"


def hostile_brief() -> dict:
    def t(label: str) -> str:
        return f"{label} hostileword {MARKUP} {ACTION} {HOSTILE} {LINK} {EMOJI} end"

    return {
        "format": "briefing/1",
        "id": BRIEF_ID,
        "title": t("Title"),
        "date": "2031-05-01",
        "updated": "2031-05-02T00:00:00Z",
        "source": {
            "title": t("Source"),
            "publisher": t("Publisher"),
            "url": f"https://example.org/a{CLEAR}b",
            "authors": [t("Author")],
            "published": "2031-05-01",
        },
        "tags": ["hostile"],
        "summary": f"**Bottom line:** {t('Summary')}\n\n{t('Second paragraph')}\n\n"
        f"[a link](https://example.org/{TITLE}) and `code {CLEAR}`",
        "actors": [
            {
                "id": ACTOR_ID,
                "name": t("Name"),
                "kind": "person",
                "role": t("Role"),
                "affiliation": t("Affiliation"),
                "aliases": [t("Alias")],
            },
            {"id": "bob", "name": "Bob Plain", "kind": "person"},
        ],
        "positions": [
            {
                "actor": ACTOR_ID,
                "topic": t("Topic"),
                "position": t("Position"),
                "stance": "supports",
                "quote": t("Quote"),
                "attribution": "on-record",
                "date": "2031-05-01",
            }
        ],
        "open_questions": [
            {
                "id": QUESTION_ID,
                "question": t("Question") + "?",
                "context": t("Context"),
                "actors": [ACTOR_ID],
                "status": "resolved",
                "resolution": t("Resolution"),
            }
        ],
        "timeline": [{"date": "2031-05", "event": t("Event"), "actors": [ACTOR_ID, "bob"]}],
    }


@pytest.fixture(scope="module", params=["via-load", "via-store"])
def library(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_commands("load", "show", "list")
    folder = tmp_path_factory.mktemp(f"terminal-{request.param}")
    db = folder / "lib.db"
    if request.param == "via-load":
        path = folder / "hostile.yaml"
        path.write_text(dump_yaml(hostile_brief()), "utf-8")
        result = run_cli("load", path, db=db)
        assert result.returncode == 0, str(result)
        assert TRACEBACK not in result.output
        # The load's own report echoes brief text too: it must be clean as well.
        assert "\x1b" not in result.output and "\u202e" not in result.output, str(result)
    else:
        from briefing.model import validate_brief
        from briefing.store import Store

        brief, problems = validate_brief(hostile_brief())
        assert brief is not None, problems
        with Store(db) as store:
            store.import_brief(brief, origin=f"/tmp/{CLEAR}{TITLE}origin.yaml")
    return db


VIEWS = {
    "show": ["show", BRIEF_ID],
    "list": ["list"],
    "actor": ["actor", ACTOR_ID],
    "actors": ["actors"],
    "questions": ["questions"],
    "search": ["search", "hostileword"],
}


@pytest.mark.parametrize("view", list(VIEWS))
def test_view_on_a_terminal_sends_no_foreign_escapes(library: Path, view: str) -> None:
    require_commands(VIEWS[view][0])
    argv = [PYTHON, "-m", "briefing", *cli_args(VIEWS[view], library)]
    status, raw = run_in_pty(argv, env={"FORCE_COLOR": "1"})
    text = visible_text(raw)
    assert status == 0, text
    assert TRACEBACK not in text, text
    assert b"\x1b[" in raw, "expected Rich styling on a terminal (is the TTY detected?)"
    bad = foreign_escapes(raw)
    assert not bad, f"{view}: control bytes from the brief reached the terminal: {bad[:5]}"
    assert "hostileword" in text or view in ("actors",), text
    if view in ("show", "actor", "search"):
        for literal in LITERALS:
            assert literal in text, f"{view}: markup {literal!r} not shown literally:\n{text}"
    # An action link must never become a clickable/markup element.
    assert "app.quit" not in text or "[@click=app.quit]" in text


@pytest.mark.parametrize("view", list(VIEWS))
def test_view_piped_is_plain_and_clean(library: Path, view: str) -> None:
    require_commands(VIEWS[view][0])
    result = run_cli(*VIEWS[view], db=library)
    assert result.returncode == 0, str(result)
    assert TRACEBACK not in result.output
    raw = result.stdout.encode()
    bad = foreign_escapes(raw)
    assert not bad, f"{view}: control bytes in piped output: {bad[:5]}"
    assert "\x1b" not in result.stdout, "no styling at all when not on a terminal"
    if view in ("show", "actor", "search"):
        for literal in LITERALS:
            assert literal in result.stdout, f"{view}: {literal!r} not literal:\n{result.stdout}"


def test_show_as_markdown_or_yaml_export_is_not_a_terminal_concern(library: Path) -> None:
    """``export --format yaml`` must keep the text exact (escaped YAML), not cleaned:
    it is data, and it must round-trip; but it must still be valid YAML on one read."""
    require_commands("export")
    import yaml

    result = run_cli("export", BRIEF_ID, "--format", "yaml", db=library)
    assert result.returncode == 0, str(result)
    assert "\x1b" not in result.stdout, "raw ESC in exported YAML (should be escaped)"
    data = yaml.safe_load(result.stdout)
    if isinstance(data, list):
        data = data[0]
    assert data["id"] == BRIEF_ID


def _bad_hostile_file(folder: Path) -> Path:
    """An invalid brief whose problems quote hostile text back: keys, ids, enum values,
    dates and tags carrying escapes, bidi overrides and markup."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hostile-bad.yaml"
    path.write_text(
        'id: "bad\\e[2J\\e]0;pwn\\a"\n'
        'title: "[@click=app.quit]go[/] \\e[31m"\n'
        'date: "2031-02-30\\e[2J"\n'
        "summary: ok\n"
        'tags: ["\\u202etag"]\n'
        "actors:\n"
        "  - id: a\n"
        "    name: A\n"
        '    kind: "[bold red]X[/]\\x9b2J"\n'
        '    "\\e]0;key\\a": 1\n'
        "positions:\n"
        '  - actor: "ghost\\e[2J"\n'
        "    topic: t\n"
        "    position: p\n",
        "utf-8",
    )
    return path


@pytest.mark.parametrize("command", ["load", "validate"])
def test_problem_reports_on_a_terminal_send_no_foreign_escapes(
    tmp_path: Path, command: str
) -> None:
    """The problems ``load`` and ``validate`` print quote the file's own text back."""
    require_commands(command)
    bad = _bad_hostile_file(tmp_path / "in")
    argv = [PYTHON, "-m", "briefing", *cli_args([command, bad], tmp_path / "lib.db")]
    status, raw = run_in_pty(argv, env={"FORCE_COLOR": "1"})
    text = visible_text(raw)
    assert status == 1, text
    assert TRACEBACK not in text, text
    assert "hostile-bad.yaml:" in text, text
    bad_bytes = foreign_escapes(raw)
    assert not bad_bytes, (
        f"{command}: control bytes from the file reached the terminal: {bad_bytes[:5]}"
    )
    assert "unknown actor" in text, text
