"""Search as you type matches the last word as a prefix, through the Porter stems the
index holds (issue 13: ``escala`` finds what ``escalation`` finds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.model import validate_brief
from briefing.store import Store, fts_query

WORDS = {
    "one": "The ministry warned of escalation along the border.",
    "two": "Officials fear the strikes could escalate further.",
    "three": "Analysts called the step escalatory but limited.",
    "four": "Grain exports resumed through the port on Monday.",
}


def brief(key: str, text: str) -> dict[str, object]:
    return {
        "format": "briefing/1",
        "id": f"brief-{key}",
        "title": f"Brief {key}",
        "date": "2031-05-01",
        "summary": text,
        "actors": [{"id": "someone", "name": "Someone", "kind": "person"}],
    }


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "library.db") as opened:
        items = []
        for key, text in WORDS.items():
            model, problems = validate_brief(brief(key, text))
            assert model is not None, problems
            items.append((model, None))
        opened.import_briefs(items)
        yield opened


def found(store: Store, query: str) -> set[str]:
    return {hit.brief_id for hit in store.search(query)}


def test_a_word_being_typed_finds_what_the_whole_word_finds(store: Store) -> None:
    whole = found(store, "escalation")
    assert whole == {"brief-one", "brief-two"}  # escalation, escalate: one stem
    for typed in ("escal", "escala", "escalat", "escalati", "escalatio"):
        assert whole <= found(store, typed), typed
    assert "brief-four" not in found(store, "escala")


def test_palette_title_lookup_uses_the_same_rule(store: Store) -> None:
    assert [row.id for row in store.find_briefs("Brie")] != []


def test_the_query_stays_plain_text() -> None:
    assert fts_query("escala") == '("escala"* OR "escal" OR "esca")'
    assert fts_query("war escala ") == '"war" "escala"'  # finished: no prefix
    assert fts_query('NEAR "a b" OR esc') == '"NEAR" "a b" "OR" "esc"*'
