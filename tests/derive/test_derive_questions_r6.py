"""Open questions, round 6 (issue 12): one grammatical yes/no question about one matter,
and the ways wire stories leave things open without the stock cue phrases.

Every sentence here is written for these tests."""

from __future__ import annotations

import re

from briefing.derive.question_find import find_questions

_YES_NO = re.compile(
    r"^(?:Will|Would|Could|Can|Is|Are|Was|Were|Did|Does|Do|Has|Have|Had|Should|May|Might)\s"
)


def _asked(sentence: str) -> list[str]:
    return [q for q, _ in find_questions(sentence)]


# -- fault 4: malformed questions -------------------------------------------------------


def test_or_whether_splits_two_matters_and_each_is_yes_no() -> None:
    asked = _asked(
        "It was not clear what would happen to the harvest festival if the council "
        "cancelled the permit, or whether organisers could appeal instead."
    )
    assert asked
    assert all(_YES_NO.match(q) for q in asked), asked
    assert not any("or whether" in q for q in asked)
    assert "Could organisers appeal instead?" in asked


def test_a_condition_cut_off_leaves_no_stranded_only() -> None:
    asked = _asked(
        "The Green Party said it would back the new tax only if small shops were exempted."
    )
    assert not any(q.endswith(" only?") for q in asked), asked


def test_a_second_predicate_after_and_is_not_part_of_the_question() -> None:
    asked = _asked(
        "The finance minister said the shortfall would be covered within existing budgets "
        "and would not require new borrowing."
    )
    assert not any("and would not" in q for q in asked), asked


def test_a_question_never_starts_with_a_preposition_for_a_subject() -> None:
    asked = _asked(
        "Prosecutors said that before the inquiry ends they would not decide whether to bring "
        "charges."
    )
    assert not any(re.match(r"^\w+ (?:before|after|at|in|on|during)\b", q) for q in asked), asked


def test_has_yet_to_is_never_left_inside_the_question() -> None:
    asked = _asked("The union has yet to decide whether to accept the offer.")
    assert asked == ["Will the union accept the offer?"]
