"""derive: rules stated by the linguistic pattern behind a miss, not by a writer's words.

Every sentence here is written for the test (none is copied from the fixtures); each
test names the general rule it checks.
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


# --- 1. words inside a quote are the speaker's, not mentions of actors ----------------


def test_a_body_described_only_inside_a_quote_is_not_an_actor() -> None:
    actors = actors_of(
        "Finance Minister Lea Marsh spoke after Orrin Savings collapsed on Monday.",
        '"Nobody should lose a job for keeping wages at the wrong bank, and the savings '
        'committee knew it," Marsh said.',
    )
    assert set(actors) == {"lea-marsh"} | ({"orrin-savings"} & set(actors))


def test_a_name_only_inside_a_quote_is_not_an_actor_but_one_also_outside_is() -> None:
    actors = actors_of(
        "Tarnley Holdings lost its appeal, Finance Minister Lea Marsh said.",
        '"We will not bail out Tarnley Holdings or Quorra Freight," Marsh said.',
    )
    assert "tarnley-holdings" in actors
    assert "quorra-freight" not in actors
