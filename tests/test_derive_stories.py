"""derive on stories of kinds it was not developed on: a ceasefire with non-state groups
and mediators, an election, a corporate/regulatory story, a natural disaster.

The articles under fixtures/derive/stories are written for these tests (synthetic, no
publisher's text); each has a hand-made reference brief in ``reference/``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.derive import DRAFT_TAG, derive, load_source
from briefing.loader import dump_brief, load_bytes

STORIES = Path(__file__).parent / "fixtures" / "derive" / "stories"
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
