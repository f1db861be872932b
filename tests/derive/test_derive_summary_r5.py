"""The bottom line of round 5 (issue 12), on a sentence of our own."""

from __future__ import annotations

from briefing.derive.summary import bottom_line


def test_a_title_case_place_before_an_agency_tag_is_no_part_of_the_bottom_line() -> None:
    assert bottom_line("Varnholm (Coastwire) - The port reopened on Monday.") == (
        "The port reopened on Monday."
    )


def test_the_stance_paragraph_names_the_matter_never_it() -> None:
    """Round 6: "X supports it" tells the reader nothing; the matter is named."""
    from briefing.derive.sentences import Span
    from briefing.derive.summary import summarise

    lead = "The town council approved a new parking charge for the old town on Monday."
    nxt = "Shopkeepers say the charge will keep customers away from the high street."
    spans = [[Span(0, 0, len(lead), lead)], [Span(1, 0, len(nxt), nxt)]]
    stances = [("The mayor", "supports"), ("The traders' guild", "opposes")]
    named = summarise(spans, [lead, nxt], stances, "parking charge")
    assert "The mayor supports the parking charge" in named
    unnamed = summarise(spans, [lead, nxt], stances, None)
    assert " it" not in unnamed.split("\n\n", 1)[1]
    assert nxt in unnamed  # no matter to name: the next sentence instead


def test_only_statements_naming_the_topic_say_where_a_speaker_stands() -> None:
    from briefing.derive.summary import speaks_to

    topic = "conscripting striking dockers"
    assert speaks_to("I will sign the conscription orders myself.", topic)
    assert speaks_to("The dockers will not be bullied back to work.", topic)
    assert not speaks_to("The union said it would attend the talks on Thursday.", topic)
