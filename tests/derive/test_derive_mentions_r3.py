"""derive: actors introduced the many ways journalists write them (third writer's stories).

Sentences are written for these tests; each names the linguistic pattern it checks.
"""

from __future__ import annotations

from briefing.derive.actors import ActorExtractor


def actors_of(*paragraphs: str):  # type: ignore[no-untyped-def]
    return ActorExtractor(list(paragraphs)).run()


def names(actors) -> set[str]:  # type: ignore[no-untyped-def]
    return {a.name for a in actors.values()}


# --- organisation names ------------------------------------------------------------------


def test_plural_possessive_inside_an_organisation_name() -> None:
    actors = actors_of(
        "The Norland Nurses' Federation said on Monday it would strike.",
        "Members of the Valley Fishermen's Association voted to join them.",
    )
    assert "norland-nurses-federation" in actors
    assert actors["norland-nurses-federation"].kind == "organization"
    assert "valley-fishermens-association" in actors
    assert not {"Norland Nurses", "Nurses", "Valley Fishermen"} & names(actors)


def test_and_inside_an_organisation_name_after_the() -> None:
    actors = actors_of("Staff will vote on whether the Transport and Port Workers Union may act.")
    assert "transport-and-port-workers-union" in actors
    assert "port-workers-union" not in actors


def test_sentence_initial_the_before_an_of_organisation() -> None:
    actors = actors_of("The Association of Harbour Pilots said it backed the plan.")
    assert "association-of-harbour-pilots" in actors
    assert all(a.kind != "person" for a in actors.values())


def test_university_is_an_organisation_head() -> None:
    actors = actors_of("Officials at Brenton University said the campus would stay shut.")
    assert actors["brenton-university"].kind == "organization"


def test_the_agency_later_is_a_mention_of_the_named_agency() -> None:
    actors = actors_of(
        "The Norvik Space Agency said the launch had failed.",
        "The agency will publish its findings in July, and the agency's director resigned.",
    )
    agency = actors["norvik-space-agency"]
    assert len(agency.mentions) >= 2
    assert "the agency" in [a.lower() for a in agency.aliases]


def test_the_union_goes_to_the_union_named_last_before_it() -> None:
    actors = actors_of(
        "The Harbour Workers Union called a strike. The Pilots' Federation did not.",
        "The union said the strike would last a week.",
    )
    union = actors["harbour-workers-union"]
    assert any(m.text.lower() == "the union" for m in union.mentions)


# --- countries the gazetteer does not know --------------------------------------------


def test_country_known_by_its_demonym() -> None:
    actors = actors_of(
        "Korvania said on Monday it would close its border.",
        "The Korvanian government blamed smugglers.",
    )
    assert actors["korvania"].kind == "country"
    assert "Korvanian" not in names(actors)


def test_country_known_by_its_government_or_minister() -> None:
    actors = actors_of(
        "Talmark's government rejected the offer, and Talmark Trade Minister Jon Eide said "
        "the talks were over.",
    )
    assert actors["talmark"].kind == "country"
    assert actors["jon-eide"].kind == "person"


def test_the_government_of_a_country() -> None:
    actors = actors_of("The government of Norvale will hold a referendum in May.")
    assert actors["norvale"].kind == "country"


def test_a_person_is_not_made_a_country() -> None:
    actors = actors_of(
        "Anna Berg, the Lusian interior minister, said the plan would go ahead.",
        "Berg's government has a narrow majority.",
    )
    assert actors["anna-berg"].kind == "person"
    assert "berg" not in actors


def test_city_without_country_cues_is_not_a_country() -> None:
    actors = actors_of("Crowds gathered in Ostgard on Sunday, and Ostgard's mayor spoke.")
    assert all(a.kind != "country" for a in actors.values())


def test_portfolios_regions_and_continents_are_not_countries() -> None:
    actors = actors_of(
        "Labour Minister Grace Obi said the law would change.",
        "The regional government of Verrin objected, and African leaders met in Africa.",
    )
    assert all(a.kind != "country" for a in actors.values())
