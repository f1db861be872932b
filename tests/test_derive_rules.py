"""derive: general rules found on a fresh story (issue 12 follow-up) — one question per
"did not confirm whether", no speech tag in a question, and a bare weekday
after the tense of its clause."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.derive.dates import DateResolver
from briefing.derive.questions import extract_questions, find_questions
from briefing.derive.sentences import split_sentences

SATURDAY = dt.date(2030, 3, 9)


def questions_of(*paragraphs: str) -> list[str]:
    paras = list(paragraphs)
    spans = [[(s.start, s.end, s.text) for s in split_sentences(p)] for p in paras]
    return [q.question for q in extract_questions(paras, spans)]


# --- open questions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "The council did not confirm whether the bridge would be reopened.",
            "Will the bridge be reopened?",
        ),
        (
            "The ministry would not confirm if the ferry service would resume.",
            "Will the ferry service resume?",
        ),
    ],
)
def test_did_not_confirm_whether_gives_one_yes_no_question(sentence: str, question: str) -> None:
    assert [q for q, _ in find_questions(sentence)] == [question]


def test_no_question_contains_that_whether() -> None:
    for sentence in (
        "The council did not deny that whether the bridge reopens depends on money.",
        "The mayor declined to confirm whether the levy would rise.",
    ):
        for question, _ in find_questions(sentence):
            assert "that whether" not in question.lower()


def test_a_question_repeating_another_is_dropped() -> None:
    found = questions_of(
        "The mayor did not deny that the bridge would be reopened.",
        "It is unclear whether the bridge will be reopened.",
    )
    assert found == ["Is it true that the bridge would be reopened?"]


@pytest.mark.parametrize(
    "sentence",
    [
        "It is unclear whether the old sea wall will hold, the city engineer said.",
        "It is unclear whether the old sea wall will hold, according to the city engineer.",
        "It remains to be seen whether the old sea wall will hold, engineers told reporters.",
        "It is unclear whether the old sea wall will hold, the engineer says.",
    ],
)
def test_trailing_speech_tag_is_not_part_of_the_question(sentence: str) -> None:
    assert [q for q, _ in find_questions(sentence)] == ["Will the old sea wall hold?"]


# --- weekdays -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Meteorologists expect snow on Sunday.", "2030-03-10"),
        ("The ferry is due to sail on Tuesday.", "2030-03-12"),
        ("The minister plans to visit the port on Monday.", "2030-03-11"),
        ("A vote is scheduled for Wednesday.", "2030-03-13"),
        ("The union says it hopes to sign the deal on Thursday.", "2030-03-14"),
        ("The team is travelling to the coast on Tuesday.", "2030-03-12"),
        ("Snow fell on Sunday.", "2030-03-03"),
        ("The ferry sailed on Tuesday.", "2030-03-05"),
        ("He said on Monday that the port was closed.", "2030-03-04"),
    ],
)
def test_bare_weekday_follows_the_tense(sentence: str, expected: str) -> None:
    assert [h.value for h in DateResolver(SATURDAY).find(sentence)] == [expected]
