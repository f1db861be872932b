"""Stance rules of round 4 (issue 12): sentences of our own, each a general pattern."""

from __future__ import annotations

import pytest

from briefing.derive.stance import Side, settle_stances, stance


@pytest.mark.parametrize(
    "text",
    [
        "Hahn called for Moravec to resign.",
        "The opposition leader urged the minister to step down over the scandal.",
        "She said the director should resign.",
    ],
)
def test_calling_for_a_resignation_opposes(text: str) -> None:
    assert stance(text) == "opposes"


@pytest.mark.parametrize(
    "text",
    [
        "The agency said it was reviewing the sequence of events and declined to comment further.",
        "Its leader said on Tuesday only that the party would study the judgment first.",
        "A spokesman for the club declined to comment.",
    ],
)
def test_no_comment_is_unclear_whatever_the_side(text: str) -> None:
    assert stance(text, Side.AGAINST) == "unclear"
    assert stance(text, Side.FOR) == "unclear"


def test_no_comment_does_not_take_the_speakers_other_stance() -> None:
    positions = [
        {"actor": "agency", "topic": "t", "position": "The alert was late.", "stance": "opposes"},
        {
            "actor": "agency",
            "topic": "t",
            "position": "The agency declined to comment further.",
            "stance": "unclear",
        },
    ]
    settle_stances(positions)
    assert positions[1]["stance"] == "unclear"
