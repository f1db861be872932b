"""The bottom line of round 5 (issue 12), on a sentence of our own."""

from __future__ import annotations

from briefing.derive.summary import bottom_line


def test_a_title_case_place_before_an_agency_tag_is_no_part_of_the_bottom_line() -> None:
    assert bottom_line("Varnholm (Coastwire) - The port reopened on Monday.") == (
        "The port reopened on Monday."
    )
