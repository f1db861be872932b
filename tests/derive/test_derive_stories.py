"""derive on stories of kinds it was not developed on: a ceasefire with non-state groups
and mediators, an election, a corporate/regulatory story, a natural disaster.

The articles under fixtures/derive/stories are written for these tests (synthetic, no
publisher's text); each has a hand-made reference brief in ``reference/``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from briefing.cli import cli
from briefing.cli import derive as _derive_commands  # noqa: F401  (attaches the commands)
from briefing.derive import DRAFT_TAG, DeriveInternalError, derive, derive_guarded, load_source
from briefing.derive.evaluate import match_actors, quote_key
from briefing.loader import load_bytes
from briefing.model import Brief, validate_brief
from briefing.serialise import dump_brief
from helpers import TESTS

STORIES = TESTS / "fixtures" / "derive" / "stories"
NOW = dt.datetime(2034, 1, 1, 12, 0, tzinfo=dt.UTC)


def test_an_organisation_of_kind_group_folds_without_crashing() -> None:
    """Issue 18: Hamas is a gazetteer entity of kind ``group``; the group fold took every
    group-kind mention for an anonymous-group key and crashed on a string split."""
    derived = derive(load_source(str(STORIES / "2033-05-14-ceasefire-talks.txt")), now=NOW)
    ids = {a.id for a in derived.brief.actors}
    assert "hamas" in ids
    assert DRAFT_TAG in derived.brief.tags
    loaded = load_bytes(dump_brief(derived.brief).encode(), "draft.yaml")
    assert not loaded.problems, [str(p) for p in loaded.problems]


ARTICLES = sorted(STORIES.glob("*.txt"))


def _reference(path: Path) -> Brief:
    brief, problems = validate_brief(
        yaml.safe_load((path.parent / "reference" / f"{path.stem}.yaml").read_text())
    )
    assert brief is not None, problems
    return brief


def test_the_corpus_covers_four_kinds_of_story() -> None:
    kinds = {p.stem.split("-", 3)[3] for p in ARTICLES}
    assert {"ceasefire-talks", "runoff-election", "merger-probe", "earthquake"} <= kinds


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_each_story_gives_a_valid_draft_with_the_right_actors(path: Path) -> None:
    article = load_source(str(path))
    derived = derive(article, now=NOW)
    brief = derived.brief
    loaded = load_bytes(dump_brief(brief).encode(), "draft.yaml")
    assert not loaded.problems, [str(p) for p in loaded.problems]
    ref = _reference(path)
    mapping = match_actors(brief, ref)
    people = [a.id for a in ref.actors if a.kind.value == "person"]
    assert [p for p in people if p not in mapping] == []  # every named person
    assert len(mapping) / len(ref.actors) >= 0.75, sorted(
        set(a.id for a in ref.actors) - set(mapping)
    )
    matched = set(mapping.values())
    extra = [a.id for a in brief.actors if a.id not in matched]
    assert len(extra) <= max(1, len(brief.actors) // 4), extra
    # the publisher of the story is never one of its actors
    assert not any(a.name == article.publisher for a in brief.actors)
    body = quote_key(article.text)
    ids = {a.id for a in brief.actors}
    for position in brief.positions:
        assert position.actor in ids
        if position.quote:
            assert quote_key(position.quote) in body


def test_hamas_and_the_mediators_are_the_actors_of_the_ceasefire_story() -> None:
    derived = derive(load_source(str(STORIES / "2033-05-14-ceasefire-talks.txt")), now=NOW)
    actors = {a.id: a for a in derived.brief.actors}
    assert actors["hamas"].kind.value == "group"
    assert actors["khalil-nasser"].affiliation == "Hamas"
    assert actors["laura-whitfield"].affiliation == "United States"
    assert {"qatar", "egypt", "israel"} <= set(actors)
    speakers = {p.actor for p in derived.brief.positions if p.quote}
    assert {"khalil-nasser", "omar-al-kuwari", "laura-whitfield"} <= speakers


# --- an internal error: one line naming the source, exit 1, nothing written -------------


def _explode(self: object) -> None:
    raise RuntimeError("boom\x1b[31m\nsecond line")


def test_an_internal_error_is_one_line_naming_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.derive.actors import ActorExtractor

    monkeypatch.delenv("BRIEFING_DEBUG", raising=False)
    monkeypatch.setattr(ActorExtractor, "run", _explode)  # a bug, injected
    article = STORIES / "2033-05-14-ceasefire-talks.txt"
    out = tmp_path / "draft.yaml"
    out.write_text("kept\n")
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "none.db"), "derive", str(article), "-o", str(out)]
    )
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert str(article) in lines[0]
    assert "internal error" in lines[0] and "RuntimeError: boom" in lines[0]
    assert "\x1b" not in lines[0]  # the exception text is untrusted
    assert "Traceback" not in result.output
    assert out.read_text() == "kept\n"  # nothing half-written
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".draft")] == []


def test_with_briefing_debug_the_internal_error_propagates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Developers and tests see the traceback: the message never hides a bug."""
    from briefing.derive.actors import ActorExtractor

    monkeypatch.setenv("BRIEFING_DEBUG", "1")
    monkeypatch.setattr(ActorExtractor, "run", _explode)
    article = STORIES / "2033-05-14-ceasefire-talks.txt"
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "derive", str(article)])
    assert isinstance(result.exception, RuntimeError)
    with pytest.raises(RuntimeError):
        derive(load_source(str(article)), now=NOW)


def test_derive_guarded_names_the_source_for_fetch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The derive step of ``fetch`` gets a DeriveError naming the article, not a crash."""
    from briefing.derive.actors import ActorExtractor

    monkeypatch.delenv("BRIEFING_DEBUG", raising=False)
    monkeypatch.setattr(ActorExtractor, "run", _explode)
    article = load_source(str(STORIES / "2033-05-14-ceasefire-talks.txt"))
    with pytest.raises(DeriveInternalError, match=r"^https://example\.org/a: internal error"):
        derive_guarded(article, "https://example.org/a", now=NOW)


def test_a_clean_refusal_is_not_an_internal_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("title: Nothing here\n\n   \n")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "derive", str(empty)])
    assert result.exit_code == 2
    assert "internal error" not in result.stderr
