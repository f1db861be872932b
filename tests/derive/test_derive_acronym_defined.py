"""An acronym the article defines in brackets after a name is that organisation, even
when its letters are not the name's initials ("Marenian Shipping Corporation (MARSHIP)"),
and a name cut at "and" gets its first words back from the acronym it is defined with."""

from __future__ import annotations

from briefing.derive.actors import ActorExtractor

PARAGRAPHS = [
    "Crews at the port, run by the state-owned Marenian Shipping Corporation (MARSHIP), "
    "walked out on Monday. The port has been shut since Tuesday.",
    "The Harbour and Dock Workers' Union (HDWU) is demanding a 7% pay rise. MARSHIP has "
    "offered 4%.",
    '"We will not go back for less," HDWU leader Tomas Vik said.',
    'MARSHIP chief executive Lena Ruud said the company had made "a fair offer".',
]


def test_a_bracketed_acronym_is_the_name_before_it() -> None:
    actors = ActorExtractor(list(PARAGRAPHS)).run()
    assert "marship" not in actors and "hdwu" not in actors, sorted(actors)
    company = actors["marenian-shipping-corporation"]
    assert "MARSHIP" in company.aliases
    union = actors["harbour-and-dock-workers-union"]
    assert union.name == "Harbour and Dock Workers' Union"
    assert "HDWU" in union.aliases
