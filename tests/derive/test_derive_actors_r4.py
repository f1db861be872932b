"""derive: how wire stories name people and bodies, generalised beyond the tuned writers.

Every sentence here is written for the test; each test names the pattern it checks.
"""

from __future__ import annotations

from briefing.derive.actors import ActorExtractor
from briefing.derive.doc import Doc
from briefing.derive.quotes import QuoteExtractor


def actors_of(*paragraphs: str):  # type: ignore[no-untyped-def]
    return ActorExtractor(list(paragraphs)).run()


def quotes_of(*paragraphs: str):  # type: ignore[no-untyped-def]
    actors = ActorExtractor(list(paragraphs)).run()
    return QuoteExtractor(Doc.build(list(paragraphs), actors)).run()


def names(actors) -> set[str]:  # type: ignore[no-untyped-def]
    return {a.name for a in actors.values()}


# --- people ------------------------------------------------------------------------------


def test_two_people_sharing_a_surname_stay_two() -> None:
    actors = actors_of(
        "Finance Minister Orla Brenn said the budget would balance.",
        "Board member Kasper Brenn, her cousin, voted against the plan.",
    )
    assert {"orla-brenn", "kasper-brenn"} <= set(actors)
    assert "Kasper Brenn" not in actors["orla-brenn"].aliases


def test_a_lower_case_member_title_marks_a_person() -> None:
    actors = actors_of("The vote was close. External member Ingrid Talvo backed a cut.")
    person = actors["ingrid-talvo"]
    assert person.kind == "person" and person.role == "External member"


def test_a_given_name_that_is_also_a_word_after_an_apposed_role() -> None:
    # "Per" is an ordinary word ("per cent"), but here it opens a name
    actors = actors_of(
        "The Dunmore Growers Association said the rules were unclear. "
        '"We need answers," its chairman, Per Lindahl, said.'
    )
    assert actors["per-lindahl"].role == "chairman"
    assert actors["per-lindahl"].affiliation == "Dunmore Growers Association"


# --- organisations -----------------------------------------------------------------------


def test_a_name_led_by_an_acronym_is_an_organisation() -> None:
    actors = actors_of("Workers at the mill, led by GMB Northfold, said the deal was poor.")
    assert actors["gmb-northfold"].kind == "organization"
    assert all(a.kind != "person" for a in actors.values())


def test_a_title_written_as_an_acronym_still_precedes_a_person() -> None:
    actors = actors_of("MP Rosa Quint said the bill would pass.")
    assert actors["rosa-quint"].kind == "person"


def test_an_acronym_joins_the_organisation_whose_initials_it_spells() -> None:
    actors = actors_of(
        "The Harbour Pilots Guild said it would appeal.",
        "An HPG lawyer said the appeal would be filed on Friday, and HPG members agreed.",
    )
    assert "hpg" not in actors
    assert "HPG" in actors["harbour-pilots-guild"].aliases


def test_an_acronym_may_leave_out_the_place_before_the_name() -> None:
    actors = actors_of(
        "The Tarvel Independent Growers Union called a strike.",
        "IGU leaders said the strike would last a week.",
    )
    assert "igu" not in actors
    assert "IGU" in actors["tarvel-independent-growers-union"].aliases


def test_and_with_a_portfolio_stays_inside_a_ministry_name() -> None:
    actors = actors_of("The Ministry of Energy and Mining said the licence was suspended.")
    assert "ministry-of-energy-and-mining" in actors
    assert "Mining" not in names(actors)


def test_and_with_another_body_after_a_ministry_is_two_actors() -> None:
    actors = actors_of("The Ministry of Energy and Hamas both said they were ready.")
    assert "ministry-of-energy" in actors


def test_of_joins_a_chamber_and_its_domain() -> None:
    actors = actors_of("The Orvik Chamber of Commerce said shops lost money.")
    assert "orvik-chamber-of-commerce" in actors
    assert "Commerce" not in names(actors)


def test_and_inside_a_sentence_initial_organisation_name() -> None:
    actors = actors_of("The Fair Trading and Consumer Office opened a case on Monday.")
    assert "fair-trading-and-consumer-office" in actors


# --- countries ---------------------------------------------------------------------------


def test_a_country_known_by_its_own_supreme_court() -> None:
    actors = actors_of("Ostmark's Supreme Court on Friday rejected the appeal of the firm.")
    assert actors["ostmark"].kind == "country"


def test_a_demonym_in_an_for_a_country_in_o() -> None:
    actors = actors_of(
        "Exports to Belaro were suspended.", "The Belaran government called it unfair."
    )
    assert actors["belaro"].kind == "country"


# --- quotes ------------------------------------------------------------------------------


def test_verb_first_attribution_with_a_role_in_apposition() -> None:
    quotes = quotes_of(
        "The Coastal Anglers Alliance, which has 900 members, said the quota was too low. "
        '"We want fairness, not favours," said its director, Mira Sandvik.'
    )
    quote = next(q for q in quotes if q.text.startswith("We want fairness"))
    assert quote.speaker == "mira-sandvik"
