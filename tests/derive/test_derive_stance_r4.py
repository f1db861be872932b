"""Stance rules of round 4 (issue 12): sentences of our own, each a general pattern."""

from __future__ import annotations

import pytest

from briefing.derive.stance import settle_stances, stance
from briefing.derive.topics import Side


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


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # what others did, in a clause of circumstance, is not the speaker's stance
        (
            "The mayor said the square had become dangerous after squatters blocked the gates.",
            "opposes",
        ),
        ("She said the site was unsafe after protesters blocked the exits.", "unclear"),
        # scepticism: "I don't see what they'd gain"
        ("I don't see what the new contract would win for us.", "opposes"),
        ("We do not see how this plan helps anyone.", "opposes"),
        # declining to commit is no stance
        ("He said new housing would lower prices but did not commit to the rent cap.", "unclear"),
        # harm and squeezing out are arguments against
        ("The association said a ban would cost its members 40 million a year.", "opposes"),
        ("Rivals said the merged group would squeeze smaller shops out of the market.", "opposes"),
        # undoing a measure opposes it
        ("She repeated her pledge to repeal the levy within a year.", "opposes"),
        ("The party vowed to reverse it once in office.", "opposes"),
        # justifying one's own decision supports it
        ("The rector said she had exhausted every other option.", "supports"),
        ("We had no other choice but to close the road.", "supports"),
        # urging someone not to do something is not support
        ("The union urged its members not to sign the contract.", "opposes"),
    ],
)
def test_round4_cues(text: str, want: str) -> None:
    assert stance(text) == want


@pytest.mark.parametrize(
    "text",
    [
        # a reporter's question is not the speaker's answer
        "Asked whether the city, which owns half the port, would back the sale, the mayor said "
        "the council would decide in time.",
        # what the speaker stopped short of is not said
        "The minister stopped short of threatening sanctions.",
        # a win as a noun in a forecast is no stance
        "An analyst wrote that a union win at the plant could raise costs by 5 percent.",
    ],
)
def test_round4_not_the_speakers_stance(text: str) -> None:
    assert stance(text) == "unclear"


@pytest.mark.parametrize(
    "text",
    [
        # urging caution is a warning against, not support
        'The company urged staff to "think carefully before signing anything".',
        # a preference stated against an alternative
        "We'd rather deal with our tenants directly than through an agency.",
    ],
)
def test_round4_caution_and_preference_oppose(text: str) -> None:
    assert stance(text) == "opposes"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # defending conduct supports it
        ("The chief said her officers had acted lawfully and with restraint.", "supports"),
        # necessity: "without the levy we would have to close wards"
        (
            "She said that without the increase the college would have to cut two courses.",
            "supports",
        ),
        # a failure reported is a complaint
        ("He said he had warned the agency that the sirens were not working.", "opposes"),
    ],
)
def test_round4_conduct_necessity_failure(text: str, want: str) -> None:
    assert stance(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # what is doubted or left unsaid is not the speaker's stance
        ("She added that it was far from certain the union would win even one vote.", "unclear"),
        ("He would not say what would happen to staff who refused to take part.", "unclear"),
        # "harder to defend" is a weakness, not guarding one's own
        ("She said the penalty could prove harder to defend.", "unclear"),
    ],
)
def test_round4_doubt_and_weakness(text: str, want: str) -> None:
    assert stance(text) == want


def test_others_concerns_are_not_the_speakers() -> None:
    text = (
        'The founder, who has championed the sale, said the council\'s concerns were "answerable".'
    )
    assert stance(text) == "supports"


@pytest.mark.parametrize(
    "position",
    [
        "Asked whether the city would back the plan, the mayor said the council would decide.",
        "He said new building would lower rents but did not commit to the rent cap.",
    ],
)
def test_a_reply_or_non_commitment_is_not_settled(position: str) -> None:
    positions = [
        {"actor": "m", "topic": "t", "position": "We welcome the plan.", "stance": "supports"},
        {"actor": "m", "topic": "t", "position": position, "stance": stance(position)},
    ]
    settle_stances(positions)
    assert positions[1]["stance"] == "unclear"


def test_rights_given_to_both_sides_are_a_balance() -> None:
    text = (
        "The minister said the law gave tenants the right to organise and landlords the right "
        "to make their case."
    )
    assert stance(text) == "mixed"
    assert stance("The court upheld the right to strike.") == "supports"
