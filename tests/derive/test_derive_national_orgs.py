"""derive: a national society or body ("the Norwegian Red Cross", "the Brazilian Congress")
is its own organisation, never the lexicon's or the library's international one."""

from __future__ import annotations

from briefing.derive.actors import ActorExtractor


def actors_of(*paragraphs: str, known=()):  # type: ignore[no-untyped-def]
    return ActorExtractor(list(paragraphs), known_actors=known).run()


def test_national_red_cross_society_is_not_the_icrc() -> None:
    actors = actors_of("The Norwegian Red Cross said it had sent two planes of supplies.")
    assert "norwegian-red-cross" in actors
    assert actors["norwegian-red-cross"].kind == "organization"
    assert "red-cross" not in actors


def test_unknown_demonym_makes_a_national_society() -> None:
    actors = actors_of(
        "The Marovian Red Crescent said three volunteers were hurt.",
        "The Red Crescent later said the road had reopened.",
    )
    assert "marovian-red-crescent" in actors
    assert "red-crescent" not in actors  # the later short form is the same society
    assert len(actors["marovian-red-crescent"].mentions) == 2


def test_national_body_is_not_the_lexicon_body_of_another_country() -> None:
    actors = actors_of("The Brazilian Congress approved the budget on Tuesday.")
    assert "us-congress" not in actors
    assert "brazilian-congress" in actors


def test_same_country_and_unqualified_forms_still_resolve_to_the_lexicon() -> None:
    actors = actors_of(
        "The Red Cross said it was ready. The American Congress and the U.S. Congress met.",
        "The Russian UN ambassador said the vote was unfair.",
    )
    assert "red-cross" in actors
    assert "us-congress" in actors
    assert "united-nations" in actors


def test_library_organisation_does_not_absorb_a_national_society() -> None:
    known = [("icrc", "International Committee of the Red Cross", ["Red Cross", "ICRC"])]
    actors = actors_of("The Valmerian Red Cross said it was assessing the damage.", known=known)
    assert "icrc" not in actors
    assert "valmerian-red-cross" in actors
