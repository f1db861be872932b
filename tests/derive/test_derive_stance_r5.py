"""Stance rules of round 5 (issue 12): general patterns of how wire stories state a
stance, each on sentences of our own."""

from __future__ import annotations

import pytest

from briefing.derive.stance import stance
from briefing.derive.topics import Side, draft_topic, sides


@pytest.mark.parametrize(
    "text",
    [
        "The riders' guild said the levy would push commuters back onto the roads.",
        "Critics warned that the new toll will drive small traders out of the old town.",
        "She said the closure could leave rural patients hours away from a doctor.",
        "Mothers in the valley would face a two-hour drive to give birth, the group said.",
        "The chamber said the ruling would punish firms for rules written after the fact.",
    ],
)
def test_a_harmful_consequence_opposes(text: str) -> None:
    assert stance(text) == "opposes"


@pytest.mark.parametrize(
    "text",
    [
        "Without higher tolls, he said, the agency would have to close two bridges.",
        "Unless the levy passes, the council would be forced to cut bus routes.",
    ],
)
def test_harm_if_the_measure_fails_is_no_opposition(text: str) -> None:
    assert stance(text) != "opposes"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The Farmers' Party said it would not vote for the budget in its current form.",
            "opposes",
        ),
        ("Two independents said they would vote for the bill.", "supports"),
    ],
)
def test_voting_for(text: str, want: str) -> None:
    assert stance(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "The minister said her door was open but that the reform would go ahead.",
        "The mayor said the city would press ahead with the scheme.",
    ],
)
def test_going_ahead_supports(text: str) -> None:
    assert stance(text) == "supports"


@pytest.mark.parametrize(
    "text",
    [
        "The growers' network said it supported the new payments in principle but wanted a "
        "longer transition.",
        "The guild backed the merger but insisted on written guarantees for staff.",
        "The ministry said the two delegations had made real but insufficient progress.",
    ],
)
def test_qualified_support_is_mixed(text: str) -> None:
    assert stance(text) == "mixed"


def test_another_partys_act_in_an_until_clause_is_not_the_speakers() -> None:
    text = "He said the drivers would keep up their protests until the company agreed to a raise."
    assert stance(text) == "opposes"


@pytest.mark.parametrize(
    ("text", "topic", "want"),
    [
        ("The alliance called for a freeze on the monthly pass.", "fare rise", "opposes"),
        ("Residents demanded a public inquiry into the closure.", "closing the ward", "opposes"),
        ("The union is demanding 6% this year.", "the employers' pay offer", "opposes"),
        (
            "The minister called for the suspension to be made permanent.",
            "licence suspension",
            "supports",
        ),
    ],
)
def test_a_counter_demand_opposes_unless_it_is_the_topic(text: str, topic: str, want: str) -> None:
    assert stance(text, topic=topic) == want


def test_not_going_far_enough_wants_more_of_it() -> None:
    assert stance("The green group said the reform did not go far enough.") == "supports"


@pytest.mark.parametrize(
    ("title", "topic"),
    [
        ("Harlow water board backs 12% bill rise; council vote looms", "12% bill rise"),
        ("Denlow hospitals agree merger, plan to close Eastfield ward", "merger"),
        (
            "Ostria freezes drone export licence for Kaldor pending review",
            "freezing drone export licence for Kaldor",
        ),
        ("Marnia picks Orca-led group for Tavel airport concession", "Tavel airport concession"),
        (
            "Veland fines Loopa record 90 million over search rules; firm vows appeal",
            "Loopa's search rules",
        ),
        ("Buses block Harlow bridge as drivers protest pension cuts", "pension cuts"),
    ],
)
def test_the_headlines_matter(title: str, topic: str) -> None:
    assert draft_topic(title) == topic


@pytest.mark.parametrize(
    ("title", "proponent", "opponent"),
    [
        ("Veland fines Loopa record 90 million over search rules", "Loopa", "Veland"),
        ("Ostria freezes drone export licence for Kaldor pending review", "Ostria", None),
        # a head noun ("president") would put every president on the act's side: no sides
        ("Calder president defends calling in police", None, None),
        ("Buses block Harlow bridge as drivers protest pension cuts", None, "drivers"),
    ],
)
def test_the_headlines_sides(title: str, proponent: str | None, opponent: str | None) -> None:
    found = sides(title, draft_topic(title))
    assert (found.proponent, found.opponent) == (proponent, opponent)


def test_the_matter_named_by_its_kind_is_the_topic() -> None:
    """ "reject the increase" is about the topic "12% bill rise": no target's fault."""
    text = "The mayor said she would ask the council to reject the increase."
    assert stance(text, Side.FOR, "12% bill rise") == "opposes"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Without higher tolls, she said, the agency would have to close two bridges.", "supports"),
        ("The rival bidder questioned how the ministry had scored the offers.", "opposes"),
        (
            "Analysts said the cost estimate looked plausible but that similar schemes had "
            "taken longer than promised.",
            "mixed",
        ),
        ("The deal still needs the approval of the regulator.", "unclear"),
    ],
)
def test_round5_assessments(text: str, want: str) -> None:
    assert stance(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Police said they had not ruled out sabotage.", "unclear"),
        ("The report argued that a shared water rule was in both countries' interest.", "supports"),
        ("Interest rates in the region have doubled.", "unclear"),
    ],
)
def test_round5_open_possibility_and_interest(text: str, want: str) -> None:
    assert stance(text) == want


def test_a_place_inside_a_longer_name_takes_no_side() -> None:
    from briefing.derive.topics import Sides, side_of

    found = Sides(proponent="Lusk", opponent="Tarvel")
    assert side_of(found, ["Open Doors Tarvel", "local charity"]) is None
    assert side_of(found, ["the regional government of Tarvel"]) is Side.AGAINST


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The treasurer said she respected the central bank's independence but warned that "
            "dearer loans would weigh on families.",
            "mixed",
        ),
        ("We respect the tribunal, but this ruling punishes small firms.", "opposes"),
    ],
)
def test_respect_for_a_decision_makers_independence_is_a_concession(text: str, want: str) -> None:
    assert stance(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The opposition accused the government of damaging the country's name as a reliable "
            "partner.",
            "opposes",
        ),
        ("The minister said the suspension should be made permanent.", "supports"),
    ],
)
def test_round5_objects_of_criticism_and_permanence(text: str, want: str) -> None:
    assert stance(text) == want


@pytest.mark.parametrize(
    ("text", "topic", "want"),
    [
        (
            "The marketers' association said the ruling created legal uncertainty and called on "
            "parliament to clarify the rules.",
            "the court's ruling",
            "opposes",
        ),
        (
            "The union urged the ministry to suspend the licence.",
            "suspending the licence",
            "supports",
        ),
        ("The union urged the ministry to suspend the licence.", "the export licence", "opposes"),
    ],
)
def test_round5_a_call_to_undo_it(text: str, topic: str, want: str) -> None:
    assert stance(text, topic=topic) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The riders' group warned that fares had already risen 15 percent since the merger.",
            "opposes",
        ),
        ("Staff said they had been required to attend the briefings.", "unclear"),
        (
            "The group warned that fares on city routes had already risen since the merger.",
            "opposes",
        ),
    ],
)
def test_round5_price_rises_and_compulsion(text: str, want: str) -> None:
    assert stance(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The farmers' union said the reform would cut the income of a family farm by a fifth.",
            "opposes",
        ),
    ],
)
def test_round5_a_cut_to_what_people_have(text: str, want: str) -> None:
    assert stance(text) == want
