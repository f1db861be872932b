"""derive: general rules found on a fresh story (issue 12 follow-up) — one question per
"did not confirm whether", no speech tag in a question, and a bare weekday
after the tense of its clause; a statement with no cue of its own takes its speaker's
stance on the same topic."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.derive.dates import DateResolver
from briefing.derive.questions import extract_questions, find_questions
from briefing.derive.sentences import split_sentences
from briefing.derive.stance import settle_stances, stance

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
        ("There is nothing new since Sunday.", "2030-03-03"),
        ("Forecasters expected rain on Sunday.", "2030-03-03"),
    ],
)
def test_bare_weekday_follows_the_tense(sentence: str, expected: str) -> None:
    assert [h.value for h in DateResolver(SATURDAY).find(sentence)] == [expected]


# --- stance ---------------------------------------------------------------------------


def _pos(actor: str, text: str, topic: str = "harbour plan") -> dict[str, str]:
    return {"actor": actor, "topic": topic, "position": text, "stance": stance(text)}


def test_unclear_statement_takes_the_speakers_stance_on_the_same_topic() -> None:
    positions = [
        _pos("mayor", "The details will be published in May."),
        _pos("mayor", "We welcome the harbour plan."),
        _pos("union", "Work starts in June."),
        _pos("council", "We back the plan."),
        _pos("council", "We reject the timetable."),
        _pos("council", "The vote is on Friday."),
        _pos("mayor", "Fishing quotas are another matter.", topic="fishing quotas"),
    ]
    assert positions[0]["stance"] == "unclear"  # nothing in the sentence itself
    settle_stances(positions)
    assert [p["stance"] for p in positions] == [
        "supports",
        "supports",
        "unclear",  # the union says nothing for or against
        "supports",
        "opposes",  # a stated stance is kept
        "unclear",  # the council's statements differ: which one this goes with is unknown
        "unclear",  # another topic
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We will not leave the islanders alone in this fight.", "supports"),
        ("Nobody will be left behind; we will not leave any village behind.", "supports"),
        ("We will never abandon the fishermen.", "supports"),
        ("The town stands with the farmers.", "supports"),
        ("Coastal towns cannot wait another winter for the sea wall.", "supports"),
        ("The council voted against the sea wall.", "opposes"),
        ("She is against the levy.", "opposes"),
        ("It is time to let the navy use the drones against smugglers' boats.", "supports"),
        ("Residents were warned against swimming in the bay.", "unclear"),
    ],
)
def test_stance_cues(sentence: str, expected: str) -> None:
    assert stance(sentence) == expected
