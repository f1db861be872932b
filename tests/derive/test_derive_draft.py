"""derive: whole drafts — validity, the draft tag, CLI commands, evaluation, library ids."""

from __future__ import annotations

import datetime as dt
import json
from functools import reduce
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from briefing.cli import cli
from briefing.cli import derive as _derive_commands  # noqa: F401  (attaches the commands)
from briefing.derive import DRAFT_TAG, derive, load_source
from briefing.derive.evaluate import match_actors, name_key, quote_key, score
from briefing.loader import load_bytes
from briefing.model import validate_brief
from briefing.serialise import dump_brief
from helpers import TESTS

DERIVE = TESTS / "fixtures" / "derive"
ARTICLES = sorted(
    p
    for folder in (DERIVE, DERIVE / "heldout")
    for p in folder.iterdir()
    if p.suffix in {".txt", ".html"}
)
NOW = dt.datetime(2032, 6, 1, 12, 0, tzinfo=dt.UTC)


def reference(path: Path):  # type: ignore[no-untyped-def]
    brief, problems = validate_brief(
        yaml.safe_load((path.parent / "reference" / f"{path.stem}.yaml").read_text())
    )
    assert brief is not None, problems
    return brief


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_draft_is_a_valid_brief(path: Path) -> None:
    derived = derive(load_source(str(path)), now=NOW)
    assert DRAFT_TAG in derived.brief.tags
    assert "draft" not in derived.brief.extra  # marked by the tag only: no load warnings
    assert derived.brief.summary.startswith("**Bottom line:** ")
    for question in derived.brief.open_questions:
        assert question.question.endswith("?")
    text = dump_brief(derived.brief)
    loaded = load_bytes(text.encode(), "draft.yaml")
    assert not loaded.problems, [str(p) for p in loaded.problems]
    assert loaded.briefs[0] == derived.brief
    for junk in ("GET CAUGHT UP", "Summarized stories", "newsletter", "contributed to this"):
        assert junk not in text


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_quotes_are_verbatim(path: Path) -> None:
    article = load_source(str(path))
    derived = derive(article, now=NOW)
    body = quote_key(article.text)
    for position in derived.brief.positions:
        if position.quote:
            for piece in position.quote.split(" "):
                assert quote_key(piece) in body


def test_scores_on_own_articles() -> None:
    """A regression floor on the articles written for these tests (see docs/derive.md)."""
    scores = [
        score(derive(load_source(str(p)), now=NOW).brief, reference(p), p.stem) for p in ARTICLES
    ]
    total = reduce(lambda a, b: a + b, scores)
    assert total.valid
    assert total.actor_recall >= 0.9
    assert total.actor_precision >= 0.85
    assert total.quote_speaker_recall >= 0.9
    assert total.date_recall >= 0.9


def test_reef_draft_details() -> None:
    derived = derive(load_source(str(DERIVE / "2031-04-17-reef-missiles.txt")), now=NOW)
    brief = derived.brief
    assert brief.id == "quietly-clears-philippines-fire-american-made-missiles-2031-04-17"
    assert brief.source[0].publisher == "Associated Press"
    okafor = brief.actor("daniel-okafor")
    assert okafor is not None and okafor.role == "Secretary of State"
    officials = brief.actor("us-officials")
    assert officials is not None and officials.kind.value == "group"
    by_actor = {(p.actor, p.quote) for p in brief.positions}
    assert (
        "teresa-villanueva",
        "Our fishermen cannot eat patience. We are not asking anyone "
        "to fight for us. We are asking for the tools to protect our own people.",
    ) in by_actor
    assert any(
        p.actor == "us-officials" and p.attribution.value == "anonymous-official"
        for p in brief.positions
    )
    dates = {e.date for e in brief.timeline}
    assert {"2029-02", "2030", "2031-03-28", "2031-03-30", "2031-04-16", "2031-05-13"} <= dates
    questions = {q.question for q in brief.open_questions}
    assert "Will the Philippines actually use the missiles?" in questions


def test_id_and_date_overrides() -> None:
    article = load_source(str(DERIVE / "2031-06-03-training-mission.txt"))
    article.date = None
    derived = derive(article, brief_id="my-draft", date=dt.date(2031, 6, 5), now=NOW)
    assert derived.brief.id == "my-draft"
    assert derived.brief.date == dt.date(2031, 6, 5)
    # "on Tuesday" now resolves against the given date
    assert "2031-06-03" in {e.date for e in derived.brief.timeline}


def test_evaluation_matching() -> None:
    assert name_key("The Kremlin's") == name_key("kremlin")
    assert name_key("U.S. officials (anonymous)") == name_key("US official")
    assert name_key("NATO allies who supply weapons to Ukraine") == name_key("NATO allies")
    assert quote_key("“We will win,”") == quote_key('"We will win."')
    path = DERIVE / "2031-02-11-grain-corridor.txt"
    derived = derive(load_source(str(path)), now=NOW).brief
    mapping = match_actors(derived, reference(path))
    assert mapping["eu-diplomat"] == "eu-diplomats"
    assert mapping["turkey"] == "turkey"


# --- CLI ---------------------------------------------------------------------------------


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(cli, ["--db", str(tmp_path / "lib.db"), *args], catch_exceptions=False)

    return invoke


def test_cli_derive_stdout_and_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = str(DERIVE / "2031-03-21-pipeline-deal.html")
    result = run("derive", source)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert data["tags"][0] == "draft"
    out = tmp_path / "draft.yaml"
    result = run("derive", source, "-o", str(out), "--id", "gas-deal", "--date", "2031-03-21")
    assert result.exit_code == 0, result.output
    brief, problems = validate_brief(yaml.safe_load(out.read_text()))
    assert brief is not None and brief.id == "gas-deal", problems


def test_cli_derive_rejects_bad_input(run) -> None:  # type: ignore[no-untyped-def]
    assert run("derive", str(DERIVE / "missing.txt")).exit_code == 2
    assert (
        run("derive", str(DERIVE / "2031-03-21-pipeline-deal.html"), "--id", "Bad Id").exit_code
        == 2
    )
    assert (
        run("derive", str(DERIVE / "2031-03-21-pipeline-deal.html"), "--date", "May").exit_code == 2
    )


def test_cli_reuses_library_actor_ids(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from briefing.store import Store

    library_brief, _ = validate_brief(
        {
            "id": "older-brief",
            "title": "Earlier",
            "date": "2031-01-02",
            "summary": "x",
            "actors": [
                {"id": "ellen-marsh-potus", "name": "Ellen Marsh", "aliases": ["President Marsh"]},
                {
                    "id": "prc",
                    "name": "People's Republic of China",
                    "kind": "country",
                    "aliases": ["China", "Beijing"],
                },
            ],
        }
    )
    assert library_brief is not None
    with Store(tmp_path / "lib.db") as store:
        store.import_brief(library_brief)
    result = run("derive", str(DERIVE / "2031-04-17-reef-missiles.txt"))
    assert result.exit_code == 0, result.output
    ids = [a["id"] for a in yaml.safe_load(result.stdout)["actors"]]
    assert "ellen-marsh-potus" in ids and "ellen-marsh" not in ids
    assert "prc" in ids and "china" not in ids
    result = run("derive", str(DERIVE / "2031-04-17-reef-missiles.txt"), "--no-library")
    assert "ellen-marsh" in [a["id"] for a in yaml.safe_load(result.stdout)["actors"]]


def test_cli_eval_pair_and_folder(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = DERIVE / "2031-10-02-port-strike.html"
    out = tmp_path / "port.yaml"
    assert run("derive", str(path), "-o", str(out)).exit_code == 0
    result = run("derive-eval", str(out), str(DERIVE / "reference" / f"{path.stem}.yaml"))
    assert result.exit_code == 0, result.output
    assert "| port |" in result.output
    result = run(
        "derive-eval",
        "--articles",
        str(DERIVE),
        "--references",
        str(DERIVE / "reference"),
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["articles"]) == 6
    assert data["total"]["valid"] is True
    assert data["total"]["quotes_right_speaker"] >= 0.9


def test_cli_eval_invalid_derived(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: Not A Slug\ntitle: x\n")
    result = run("derive-eval", str(bad), str(DERIVE / "reference" / "2031-10-02-port-strike.yaml"))
    assert result.exit_code == 1
    assert "| NO |" in result.output
