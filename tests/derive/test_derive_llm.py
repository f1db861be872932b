"""derive: the optional LLM backend against a real (fake) OpenAI-compatible server on
127.0.0.1 — the answer is validated and merged; the offline draft is the fallback."""

from __future__ import annotations

import datetime as dt
import json
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from briefing.cli import cli
from briefing.cli import derive as _derive_commands  # noqa: F401  (attaches the commands)
from briefing.config import LlmSettings
from briefing.derive import derive, load_source
from briefing.derive.llm import improve, parse_json
from helpers import TESTS

DERIVE = TESTS / "fixtures" / "derive"
ARTICLE = DERIVE / "2031-10-02-port-strike.html"
NOW = dt.datetime(2032, 6, 1, tzinfo=dt.UTC)

ANSWER: dict[str, Any] = {
    "title": "Rotterdam dockworkers strike over pay",
    "summary": "**Bottom line:** Rotterdam's port is shut by a 48-hour strike.",
    "actors": [
        {
            "id": "fnv-union",
            "name": "FNV",
            "kind": "organization",
            "role": "Dutch trade union",
            "aliases": ["FNV union"],
        },
        {"id": "antwerp-port-authority", "name": "Antwerp Port Authority", "kind": "organization"},
        {"id": "invented-person", "name": "Karel Invented", "kind": "person"},
        {"id": "Bad Id", "name": "Broken"},
    ],
    "positions": [
        {
            "actor": "marieke-de-vries",
            "topic": "real wages",
            "stance": "opposes",
            "position": "Workers' real pay has fallen for years.",
            "quote": "Our members have been working harder every year for less money in real terms",
            "attribution": "on-record",
        },
        {
            "actor": "fnv-union",
            "topic": "the strike",
            "position": "Will extend the strike.",
            "quote": "We will strike until Christmas",
            "attribution": "on-record",
        },
        {"actor": "nobody", "topic": "x", "position": "y"},
    ],
    "open_questions": [
        {
            "id": "rotterdam-strike-extended",
            "question": "Will the union extend the strike?",
            "actors": ["fnv-union"],
        },
        {"question": "No question mark here"},
    ],
    "timeline": [
        {"date": "2031-10-09", "event": "Union deadline for a new offer.", "actors": ["fnv-union"]},
        {"date": "2031-13-45", "event": "Impossible date."},
    ],
}


class _Fake(BaseHTTPRequestHandler):
    requests: list[dict[str, Any]] = []
    mode = "ok"

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(
            {"path": self.path, "auth": self.headers.get("Authorization"), "body": body}
        )
        if self.mode == "error":
            self.send_response(500)
            self.end_headers()
            return
        if self.mode == "slow":
            time.sleep(0.4)
        content = json.dumps(ANSWER) if self.mode == "ok" else "Sorry, I cannot do that."
        if self.mode == "fenced":
            content = "Here you go:\n```json\n" + json.dumps(ANSWER) + "\n```"
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Fake.requests = []
    _Fake.mode = "ok"
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Fake)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_merge_keeps_valid_parts(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_LLM_KEY", "sekret")
    derived = derive(load_source(str(ARTICLE)), now=NOW)
    before = derived.data
    notes = improve(
        derived,
        LlmSettings(enabled=True, base_url=server, model="tiny", api_key_env="TEST_LLM_KEY"),
    )
    request = _Fake.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer sekret"
    assert request["body"]["model"] == "tiny"
    assert "Rotterdam" in request["body"]["messages"][1]["content"]

    brief = derived.brief
    assert brief.title == "Rotterdam dockworkers strike over pay"
    assert brief.summary.startswith("**Bottom line:** Rotterdam's port")
    assert "draft" in brief.tags
    ids = [a.id for a in brief.actors]
    assert "fnv" in ids and "fnv-union" not in ids  # matched by name: the draft's id stays
    assert brief.actor("fnv").role == "Dutch trade union"  # type: ignore[union-attr]
    assert "antwerp-port-authority" not in ids  # named nowhere in the article
    assert "invented-person" not in ids
    # heuristic quotes kept verbatim; the LLM's matching position adds topic and stance
    vries = [
        p
        for p in brief.positions
        if p.actor == "marieke-de-vries" and p.quote and p.quote.startswith("Our members")
    ]
    assert vries and vries[0].topic == "real wages" and vries[0].stance.value == "opposes"
    # a quote not in the article is dropped, the position kept as reported
    fnv = [
        p for p in brief.positions if p.actor == "fnv" and p.position == "Will extend the strike."
    ]
    assert fnv and fnv[0].quote is None and fnv[0].attribution.value == "reported"
    assert "Will the union extend the strike?" in {q.question for q in brief.open_questions}
    assert "2031-13-45" not in {e.date for e in brief.timeline}
    assert any("not named in the article" in n for n in notes)
    assert any("not found verbatim" in n for n in notes)
    assert any("invalid" in n for n in notes)
    assert len(brief.positions) > len(before.get("positions", [])) - 1


@pytest.mark.parametrize("mode", ["error", "prose"])
def test_failure_keeps_the_offline_draft(server: str, mode: str) -> None:
    _Fake.mode = mode
    derived = derive(load_source(str(ARTICLE)), now=NOW)
    offline = derived.brief
    notes = improve(derived, LlmSettings(base_url=server))
    assert derived.brief == offline
    assert notes and "keeping the offline draft" in notes[-1]


def test_unreachable_endpoint() -> None:
    derived = derive(load_source(str(ARTICLE)), now=NOW)
    notes = improve(derived, LlmSettings(base_url="http://127.0.0.1:9/v1"), timeout=2)
    assert "keeping the offline draft" in notes[-1]


def test_parse_json_tolerates_fences() -> None:
    assert parse_json('```json\n{"a": 1}\n```') == {"a": 1}
    assert parse_json('Answer: {"a": {"b": 2}} done') == {"a": {"b": 2}}


def test_cli_llm_flag(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    monkeypatch.setenv("BRIEFING_DERIVE__LLM__BASE_URL", server)
    _Fake.mode = "fenced"
    runner = CliRunner()
    args = ["--db", str(tmp_path / "lib.db"), "derive", str(ARTICLE)]
    offline = runner.invoke(cli, args, catch_exceptions=False)
    assert offline.exit_code == 0 and not _Fake.requests  # off by default
    result = runner.invoke(cli, [*args, "--llm"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(_Fake.requests) == 1
    assert yaml.safe_load(result.stdout)["title"] == "Rotterdam dockworkers strike over pay"


# --- grounding (issue 12 item 7) -----------------------------------------------------------

STORY = DERIVE / "stories" / "2033-05-14-ceasefire-talks.txt"


def _grounding_answer() -> dict[str, Any]:
    return {
        "summary": "**Bottom line:** Hamas said it was studying a new ceasefire proposal "
        "from Qatari and Egyptian mediators. Aliens landed in Paris and demanded cheese.",
        "actors": [
            {"id": "ria", "name": "Ria", "kind": "organization"},  # only inside words
            {"id": "hassan-farouk", "name": "Hassan Farouk", "kind": "person"},
        ],
        "positions": [
            {  # verbatim, but the article gives it to Whitfield, not to Nasser
                "actor": "khalil-nasser",
                "topic": "truce proposal",
                "position": "The proposal is strong.",
                "quote": "The proposal on the table is a strong one.",
                "attribution": "on-record",
            },
            {  # verbatim and Nasser's: kept, improving the draft's position
                "actor": "khalil-nasser",
                "topic": "truce proposal",
                "stance": "mixed",
                "position": "Hamas will only accept an end to the war.",
                "quote": "But any agreement must end the war, not pause it.",
                "attribution": "on-record",
            },
        ],
        "open_questions": [
            {"question": "Will the talks resume in Cairo on Tuesday?", "actors": ["qatar"]},
            {"question": "Will the moon base open before Christmas?"},
        ],
        "timeline": [
            {"date": "2033-05-17", "event": "Talks resume in Cairo.", "actors": ["qatar"]},
            {"date": "2033-05-20", "event": "A volcano erupts on Mars."},
        ],
    }


def test_llm_output_is_kept_only_where_the_article_grounds_it(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "ANSWER", _grounding_answer())
    derived = derive(load_source(str(STORY)), now=NOW)
    notes = improve(derived, LlmSettings(base_url=server))
    brief = derived.brief
    assert not derived.llm_failed
    ids = {a.id for a in brief.actors}
    assert "ria" not in ids  # "Ria" is not a word of the article
    nasser = [p for p in brief.positions if p.actor == "khalil-nasser"]
    assert all(p.quote != "The proposal on the table is a strong one." for p in nasser)
    assert any(p.stance.value == "mixed" and "end the war" in (p.quote or "") for p in nasser)
    assert "Aliens" not in brief.summary and "studying a new ceasefire" in brief.summary
    questions = {q.question for q in brief.open_questions}
    assert "Will the talks resume in Cairo on Tuesday?" in questions
    assert "Will the moon base open before Christmas?" not in questions
    events = {e.event for e in brief.timeline}
    assert "Talks resume in Cairo." in events and "A volcano erupts on Mars." not in events
    text = " ".join(notes)
    for dropped in ("does not give khalil-nasser", "summary sentence", "question", "event"):
        assert dropped in text, notes


def test_the_timeout_is_configurable(server: str) -> None:
    _Fake.mode = "slow"
    derived = derive(load_source(str(ARTICLE)), now=NOW)
    notes = improve(derived, LlmSettings(base_url=server, timeout=0.1))
    assert derived.llm_failed and "keeping the offline draft" in notes[-1]


def test_cli_llm_failure_writes_the_offline_draft_and_exits_non_zero(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    monkeypatch.setenv("BRIEFING_DERIVE__LLM__BASE_URL", server)
    _Fake.mode = "error"
    out = tmp_path / "draft.yaml"
    args = ["--db", str(tmp_path / "lib.db"), "derive", str(ARTICLE), "--llm", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "LLM pass was asked for and failed" in result.stderr
    assert yaml.safe_load(out.read_text())["tags"][0] == "draft"  # the offline draft
