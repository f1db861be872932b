"""Topics are noun phrases naming the matter at issue (issue 12, round 6).

Headlines and sentences here are written for these tests."""

from __future__ import annotations

import pytest

from briefing.derive.topic_phrases import repeated_phrase
from briefing.derive.topics import draft_topic, sides


@pytest.mark.parametrize(
    ("title", "topic"),
    [
        # an "-ed" word before a noun is an adjective: "takes" is the verb
        (
            "Morvan opposition takes contested mayoral count to tribunal",
            "contested mayoral count",
        ),
        # the object only names an actor: the same subject's proposal is the matter
        (
            "Estavia closes Brenmark Savings Bank after losses, proposes bigger bailout fund",
            "bigger bailout fund",
        ),
        # blame: the matter is the accused's responsibility for the deed
        (
            "Loria blames Tessan navy for pipeline sabotage, expels attache",
            "Tessan navy's responsibility for pipeline sabotage",
        ),
        # a diplomatic measure is the deed itself
        ("Quella recalls ambassador from Dorne after shooting", "recalling ambassador from Dorne"),
    ],
)
def test_the_headline_gives_a_noun_phrase(title: str, topic: str) -> None:
    assert draft_topic(title) == topic


def test_blame_has_the_accuser_for_and_the_accused_against() -> None:
    title = "Loria blames Tessan navy for pipeline sabotage, expels attache"
    found = sides(title, draft_topic(title))
    assert (found.proponent, found.opponent) == ("Loria", "Tessan navy")


def test_with_no_headline_matter_the_most_repeated_phrase_is_the_topic() -> None:
    paragraphs = [
        "The council voted on Monday to raise the parking charge in the old town.",
        "Shopkeepers said the parking charge would drive customers to the mall.",
        "The mayor defended the parking charge, saying the money would fund buses.",
    ]
    assert repeated_phrase(paragraphs, "Busy week at the town hall") == "parking charge"


def test_no_fragment_when_nothing_repeats() -> None:
    assert repeated_phrase(["A short note.", "Another one."], "Note") is None


def test_a_headline_without_a_verb_that_is_only_a_name_has_no_topic() -> None:
    assert draft_topic("Marta Quell", ["Marta Quell"]) is None


def test_a_demand_is_about_what_it_demands() -> None:
    from briefing.derive.topic_phrases import own_matter

    text = "The drivers' guild is demanding a 6% rise and shorter shifts, its leader said."
    assert own_matter(text, "closing the depot") == ("6% rise and shorter shifts", "supports")
    # the topic itself demanded: the topic's reading holds
    assert own_matter("The council called for the closure of the depot.", "depot closure") is None
    assert own_matter("The guild said the depot was badly run.", "depot closure") is None


def test_a_conditional_demand_or_another_clauses_demand_is_not_the_speakers_matter() -> None:
    from briefing.derive.topic_phrases import own_matter

    threat = "The residents said they would seek a judicial review if the board approved the depot."
    assert own_matter(threat, "closing the depot") is None
    two = "The city wants a new depot; the guild insists that the old one stays open."
    assert own_matter(two, "closing the depot") is None
