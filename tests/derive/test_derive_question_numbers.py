"""A question never cuts a number at its thousands separator or decimal point, nor a
clause in the middle of a word (found on a draft of a bank-failure story)."""

from __future__ import annotations

import pytest

from briefing.derive.questions import find_questions


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The mayor said the city would ask the council next week to cap rents at "
            "1,250 crowns for tenants in social housing across the three districts.",
            "Will the city ask the council next week to cap rents at 1,250 crowns for tenants?",
        ),
        (
            "The board said the committee would vote next week on a 2,400-page plan.",
            "Will the committee vote next week on a 2,400-page plan?",
        ),
        (
            "It is unclear whether the bank will raise its rate to 4.25% in May.",
            "Will the bank raise its rate to 4.25% in May?",
        ),
    ],
)
def test_numbers_and_words_stay_whole(sentence: str, expected: str) -> None:
    questions = [question for question, _ in find_questions(sentence)]
    assert expected in questions, questions
    for question in questions:
        assert "\ue000" not in question and "\ue001" not in question
