"""What a reported statement's stance is read from (issue 12, round 4)."""

from __future__ import annotations

from briefing.derive.draft import _stated
from briefing.derive.quotes import Quote
from briefing.derive.stance import stance


def _reported(sentence: str) -> str:
    quote = Quote(para=0, start=0, end=len(sentence), text="", speaker="x", how="reported")
    return _stated(quote, sentence, 0)


def test_a_relative_clause_after_the_speaker_does_not_cut_the_statement() -> None:
    sentence = (
        "Aster Air, which flies to a handful of northern towns, said the merged airline "
        "would squeeze smaller rivals out of the market."
    )
    assert "squeeze smaller rivals" in _reported(sentence)
    assert stance(_reported(sentence)) == "opposes"


def test_a_concession_stays_with_the_statement() -> None:
    sentence = (
        "Moss said her government backed limits on timber imports, though she acknowledged "
        "that such a step could run into trade rules."
    )
    assert stance(_reported(sentence)) == "mixed"


def test_another_speakers_clause_is_left_out() -> None:
    sentence = "The union welcomed the deal, while the employers condemned it."
    assert stance(_reported(sentence)) == "supports"
