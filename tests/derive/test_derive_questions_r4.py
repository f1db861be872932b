"""Question cues of round 4 (issue 12): conditions ("unless", "until"), challenges,
studies ("looking at whether"), requests under consideration, votes at a meeting."""

from __future__ import annotations

import pytest

from briefing.derive.questions import find_questions


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "The port will be closed to its ships from March 3 unless Norland withdraws its "
            "new salmon quota, the minister said.",
            "Will Norland withdraw its new salmon quota?",
        ),
        (
            "The agency said on Monday that its Falcon rocket would not fly again until an "
            "inquiry had found the cause of the failure.",
            "Will its Falcon rocket fly again?",
        ),
        (
            "He said students would keep marching until the fee plan was withdrawn.",
            "Will the fee plan be withdrawn?",
        ),
        (
            "Moss said her government was looking at whether it could restrict imports of "
            "foreign timber.",
            "Could Moss restrict imports of foreign timber?",
        ),
        (
            "Valcourt has challenged the prime minister to a second debate that includes Munt.",
            "Will the prime minister agree to a second debate that includes Munt?",
        ),
        (
            "The council is expected to take a final vote at its June meeting.",
            "Will the council vote in favour at its June meeting?",
        ),
    ],
)
def test_round4_question_cues(sentence: str, question: str) -> None:
    assert question in [q for q, _ in find_questions(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "We waited until the rain stopped.",
        "Nobody left unless they had to.",
        # what "that" stands for is in another sentence: no question of its own
        "Asked whether that included force, a spokesman declined to elaborate.",
    ],
)
def test_no_question_from_plain_time_clauses(sentence: str) -> None:
    assert find_questions(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "An official said the ministry was preparing to withhold 20 million crowns from "
            "the city's May transfer.",
            "Will the ministry withhold 20 million crowns from the city's May transfer?",
        ),
        (
            "He says organisers at two more depots, in Alton and Brisk, are close to the "
            "signature threshold.",
            "Will organisers at two more depots, in Alton and Brisk, reach the signature "
            "threshold?",
        ),
        (
            "He said Norland would ask the regional court to meet on the dispute and had not "
            "excluded a case at the Court of Arbitration.",
            "Will Norland bring a case at the Court of Arbitration?",
        ),
    ],
)
def test_round4_plans_and_thresholds(sentence: str, question: str) -> None:
    assert question in [q for q, _ in find_questions(sentence)]


def test_a_bare_decision_names_the_drafts_matter() -> None:
    from briefing.derive.questions import name_the_matter

    asked = name_the_matter("Will the Trade Board decide by May 3?", "Astra's takeover of Norjet")
    assert asked == "Will the Trade Board decide on Astra's takeover of Norjet by May 3?"


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "The ministry said the new bridge would be completed by the end of June.",
            "Will the new bridge be completed by the end of June?",
        ),
        (
            "A diplomat said neither side seemed ready to move before the embargo was due to "
            "take effect.",
            "Will the embargo take effect?",
        ),
        (
            "Asked whether a walkout would be legal, she said the union's lawyers were confident.",
            "Will a walkout be legal?",
        ),
    ],
)
def test_round4_completion_and_asked(sentence: str, question: str) -> None:
    assert question in [q for q, _ in find_questions(sentence)]


def test_a_question_about_a_person_gives_their_title() -> None:
    from briefing.derive.actors import Actor
    from briefing.derive.draft import _full_names

    chosen = {"a": Actor("ann-moss", "Ann Moss", "person", role="Health Minister")}
    assert _full_names("Will Moss resign?", chosen) == "Will Health Minister Ann Moss resign?"
    # a role that is no title stays out; a name not the subject is not given one
    chosen = {"a": Actor("ann-moss", "Ann Moss", "person", role="spokeswoman for the club")}
    assert _full_names("Will Moss resign?", chosen) == "Will Ann Moss resign?"
    chosen = {"a": Actor("ann-moss", "Ann Moss", "person", role="Health Minister")}
    assert _full_names("Will the board back Moss?", chosen) == "Will the board back Ann Moss?"


def test_yes_no_questions_are_kept_before_open_ended_ones_at_the_limit() -> None:
    from briefing.derive.questions import extract_questions
    from briefing.derive.sentences import split_sentences

    paragraphs = [
        "It is unclear how the mayor will vote.",
        "The board has not said whether it will approve the budget.",
        "The union has not said whether it will strike.",
        "It remains unclear when the talks will resume.",
    ]
    spans = [
        [(s.start, s.end, s.text) for s in split_sentences(p, i)] for i, p in enumerate(paragraphs)
    ]
    asked = [q.question for q in extract_questions(paragraphs, spans, limit=2)]
    assert asked == ["Will the board approve the budget?", "Will the union strike?"]


def test_a_final_vote_gives_one_question() -> None:
    asked = [
        q
        for q, _ in find_questions("The board is expected to take a final vote at its May meeting.")
    ]
    assert asked == ["Will the board vote in favour at its May meeting?"]


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "Officials said one ferry was expected on Monday; a second request was still being "
            "considered.",
            "Will a second request be approved?",
        ),
        (
            "Two diplomats said the envoy was trying to bring the two sides back to the table "
            "before the end of the year.",
            "Will the envoy bring the two sides back to the table before the end of the year?",
        ),
    ],
)
def test_round4_consideration_and_attempts(sentence: str, question: str) -> None:
    assert question in [q for q, _ in find_questions(sentence)]
