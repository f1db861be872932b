"""Stance relative to the topic (issue 12, round 6): a threat, a vow to block, a
rejection by one side, and negation. Headlines and sentences written for these tests."""

from __future__ import annotations

import pytest

from briefing.derive.stance import stance
from briefing.derive.topics import Side, draft_topic, sides


@pytest.mark.parametrize(
    ("title", "topic", "proponent", "opponent"),
    [
        # a rejection: the subject is against the matter it rejects
        ("Dockers' union rejects pay offer", "pay offer", None, "Dockers' union"),
        ("Kessler rejects Vanta takeover bid", "Vanta takeover bid", None, "Kessler"),
        # a vow to block: the matter is what would be blocked, the subject against it
        ("Harlow mayor vows to block bus fare rise", "bus fare rise", None, "Harlow mayor"),
        # a threat to act: the subject is for the act, the party it targets against
        (
            "Ostmark threatens to conscript striking dockers as port stays shut",
            "conscripting striking dockers",
            "Ostmark",
            "striking dockers",
        ),
    ],
)
def test_threats_and_refusals_have_sides(
    title: str, topic: str, proponent: str | None, opponent: str | None
) -> None:
    assert draft_topic(title) == topic
    found = sides(title, topic)
    assert (found.proponent, found.opponent) == (proponent, opponent)


def test_the_rejecting_side_opposes_even_in_its_own_words() -> None:
    title = "Dockers' union rejects pay offer"
    found = sides(title, draft_topic(title))
    assert found.keys(Side.AGAINST)
    said = "The union's leader said members would stay out until the employer paid more."
    assert stance(said, Side.AGAINST, "pay offer") == "opposes"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The party would not support the bill.", "opposes"),
        ("The union is far from opposed to the plan.", "supports"),
        ("We are not against the deal, the farmers' leader said.", "supports"),
        ("We will not block the referendum, the senator said.", "supports"),
        ("The mayor said she would never accept the fare rise.", "opposes"),
    ],
)
def test_negation(text: str, want: str) -> None:
    assert stance(text) == want


def test_not_against_a_but_against_b_is_opposition() -> None:
    text = "We are not against new roads. We are against this road, through this valley."
    assert stance(text) != "supports"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a commitment to carry out the matter is support of it
        ("If the strike goes on, I will sign conscription orders myself.", "supports"),
        # a challenge to it (in court, or in words) is opposition
        ("The dockers' union said it would challenge any conscription order in court.", "opposes"),
    ],
)
def test_what_the_speaker_will_do_to_the_topic(text: str, want: str) -> None:
    assert stance(text, None, "conscripting striking dockers") == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a speaker's commitment to a course of its own is support of that course
        ("The harbour trust said it would keep the ferry running through the winter.", "supports"),
        ("The relief group said it was ready to act as a go-between.", "supports"),
        ("We will stay outside the town hall every night, the organiser said.", "supports"),
        # deciding, commenting, an assessment: no commitment
        ("The trust said it would decide after the survey.", "unclear"),
        ("The airline said it would comment after its board met.", "unclear"),
        ("He added that it was far from certain the plan would pass.", "unclear"),
    ],
)
def test_a_commitment_to_ones_own_course(text: str, want: str) -> None:
    assert stance(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "The tender process was opaque from start to finish.",
        "The count lacked the openness needed to win trust.",
        "The survey was flawed and the consultation rushed.",
        "The ministry denied that its agents had entered the network.",
        "We would be signing away ten years of fishing rights.",
    ],
)
def test_negative_assessments_and_denials_oppose(text: str) -> None:
    assert stance(text) == "opposes"
