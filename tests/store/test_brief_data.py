"""``Store.brief_data``: the brief as ``brief_to_data`` gives it, read from the stored
document without the pydantic models (issue 14: ``show`` as quick as sqlite-utils).

``show`` in text, Markdown and JSON is drawn from this dict, so it must equal the model's
data exactly — the same keys in the same order, the defaults the document leaves out put
back — for every kind of brief: extra fields, time zones, defaults, hostile text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from briefing.cli import cli
from briefing.loader import load_file
from briefing.model import Actor, Brief, OpenQuestion, Position, Provenance, Source, TimelineEvent
from briefing.serialise import brief_to_data
from briefing.store import Store
from briefing.store.documents import ACTOR_DEFAULTS, BRIEF_DEFAULTS, QUESTION_DEFAULTS
from helpers import FIXTURES

FOLDERS = ("show", "good", "library", "tui/hostile")


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("brief-data") / "library.db"
    with Store(db) as store:
        for folder in FOLDERS:
            for path in sorted((FIXTURES / folder).glob("*.y*ml")):
                loaded = load_file(path)
                assert not loaded.errors, (path, loaded.errors)
                store.import_briefs([(brief, str(path)) for brief in loaded.briefs])
    return db


def test_brief_data_is_the_models_data_key_for_key(library: Path) -> None:
    with Store(library) as store:
        ids = [row.id for row in store.list_briefs(limit=None)]
        assert {"edge-extras", "edge-plain", "edge-naive", "edge-dateonly"} <= set(ids)
        for brief_id in ids:
            from_document = store.brief_data(brief_id)
            from_model = brief_to_data(store.get_brief(brief_id))
            # json.dumps keeps key order: the same keys in the same order, same values
            assert json.dumps(from_document) == json.dumps(from_model), brief_id
        assert store.brief_data("no-such-brief") is None
        extras = store.brief_data("edge-extras")
        assert extras is not None
        assert list(extras)[-2:] == ["custom_date", "custom_nested"]
        plain = store.brief_data("edge-plain")
        assert plain is not None
        assert plain["format"] == "briefing/1" and plain["actors"][0]["kind"] == "person"


def _kept_defaults(model: type[BaseModel]) -> list[tuple[str, tuple[str, ...], object]]:
    """(field, the fields before it, default) for each default ``brief_to_data`` keeps
    (it leaves out ``None`` and empty lists)."""
    names = list(model.model_fields)
    out = []
    for name, field in model.model_fields.items():
        if field.is_required():
            continue
        default = field.get_default(call_default_factory=True)
        if default is not None and default != []:
            value = getattr(default, "value", default)  # an enum member as its text
            out.append((name, tuple(names[: names.index(name)]), value))
    return out


def test_the_defaults_put_back_are_the_models() -> None:
    """If a model gains a default, ``brief_data`` must learn it: this fails first."""
    assert _kept_defaults(Brief) == [BRIEF_DEFAULTS]
    assert _kept_defaults(Actor) == [ACTOR_DEFAULTS]
    assert _kept_defaults(OpenQuestion) == [QUESTION_DEFAULTS]
    for model in (Source, Position, TimelineEvent, Provenance):
        assert _kept_defaults(model) == [], model.__name__


def test_show_from_data_keeps_untrusted_text_inert(library: Path) -> None:
    runner = CliRunner()
    text = runner.invoke(cli, ["--db", str(library), "show", "edge-extras"]).output
    assert "[bold]markup[/]" in text and "[red]happens[/]" in text  # shown as typed
    assert "\x1b" not in text and "Some␛[31mOne" in text  # ESC made visible
    assert "updated: 2031-06-01T10:15:30.250000+02:00" in text  # as the model writes it
    assert "fetched: 2031-06-01T08:00:00+00:00" in text
    markdown = runner.invoke(
        cli, ["--db", str(library), "show", "edge-extras", "--format", "markdown"]
    ).output
    assert "| Org X | `org-x` | organization | Role \\| with pipe |  |" in markdown
    as_json = json.loads(
        runner.invoke(cli, ["--db", str(library), "show", "edge-extras", "--format", "json"]).output
    )
    assert as_json["custom_date"] == "2031-01-02" and as_json["format"] == "briefing/1.2"
