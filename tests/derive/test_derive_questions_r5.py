"""Questions of round 5 (issue 12): what a wire story leaves open without the usual cue
phrases, and questions that name their subject instead of a pronoun — on sentences of
our own."""

from __future__ import annotations

import pytest

from briefing.derive.questions import find_questions


def _asked(sentence: str) -> list[str]:
    return [q for q, _ in find_questions(sentence)]


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "Neither the builder nor the city has said whether the cracked beams were replaced.",
            "Were the cracked beams replaced?",
        ),
        (
            "The observers' group said it had asked for access to the border crossings and was "
            "still waiting for a reply.",
            "Will the observers' group get access to the border crossings?",
        ),
        (
            "The minister had offered to meet the growers' leaders on Friday and was still "
            "waiting for an answer, her office said.",
            "Will the offer to meet the growers' leaders on Friday be accepted?",
        ),
        (
            "The pilots' union said it would call a 24-hour strike if the contract was signed "
            "without a deal on rosters.",
            "Will the pilots' union call a 24-hour strike?",
        ),
        (
            "The tribunal is expected to rule on the appeal next month.",
            "Will the tribunal rule on the appeal next month?",
        ),
        (
            "A ruling on the licence is expected by the end of June.",
            "Will there be a ruling on the licence by the end of June?",
        ),
        (
            "Talks between the two sides are due to resume in Geneva on Monday.",
            "Will the two sides reach an agreement when talks resume?",
        ),
    ],
)
def test_round5_what_is_left_open(sentence: str, question: str) -> None:
    assert question in _asked(sentence)


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "The head of the Norvik Space Agency said its Osprey rocket would not fly again "
            "until the cause was found.",
            "Will the Norvik Space Agency's Osprey rocket fly again?",
        ),
        (
            "The minister declined to say whether he had read the report before the vote.",
            "Had the minister read the report before the vote?",
        ),
        (
            "Her ministry declined to say whether she would intervene.",
            "Will she intervene?",
        ),
    ],
)
def test_round5_pronouns_are_named_or_kept_lower_case(sentence: str, question: str) -> None:
    assert question in _asked(sentence)


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "A spokesman declined to comment on whether discounts were being discussed.",
            "Are discounts being discussed?",
        ),
        (
            "He declined to say how much the rival bidder had offered.",
            "How much had the rival bidder offered?",
        ),
    ],
)
def test_round5_questions_read_as_questions(sentence: str, question: str) -> None:
    assert question in _asked(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The commissioner said he would not comment on the merger until he had seen the plan.",
        "A spokeswoman said the board was due to meet on May 3 but that the plan was not yet "
        "on its agenda.",
    ],
)
def test_round5_no_clumsy_question(sentence: str) -> None:
    for question in _asked(sentence):
        assert " comment" not in question
        assert " but that " not in question


def test_a_vote_on_a_bill_gives_one_question() -> None:
    assert _asked("Parliament is due to vote on the budget law on June 12.") == [
        "Will Parliament pass the budget law on June 12?"
    ]


def test_neither_side_becomes_either_side() -> None:
    assert "Will either side observe a lull in the meantime?" in _asked(
        "Neither side has said whether it will observe a lull in the meantime."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "It did not say how long that would take.",
        "The envoy told reporters only that the gaps were narrower and declined to say what "
        "they were.",
        "The second round, held in its capital, had been expected to produce a truce.",
    ],
)
def test_round5_no_question_without_a_subject(sentence: str) -> None:
    assert _asked(sentence) == []


def test_how_much_keeps_its_tense() -> None:
    assert "How much had the rival firm bid?" in _asked(
        "He declined to say how much the rival firm had bid."
    )


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "The watchdog ordered the airline to refund passengers within 60 days.",
            "Will the airline refund passengers within 60 days?",
        ),
        (
            "The sale still needs the approval of the Harbour Authority.",
            "Will the Harbour Authority approve the sale?",
        ),
        (
            "She added that a bill on drone flights would go to parliament in the spring session.",
            "Will a bill on drone flights go to parliament in the spring session?",
        ),
        (
            "A spokeswoman for Brenmark said the plant was idle, and that the company would "
            "seek damages if the contract was cancelled.",
            "Will Brenmark seek damages?",
        ),
        (
            "The Norvik dockers' union, the NDU, said it did not trust the pledge and would call "
            "a 48-hour stoppage if the deal was signed.",
            "Will the Norvik dockers' union call a 48-hour stoppage?",
        ),
        (
            "The mayor had offered to meet the strikers on Monday, her office said, and was "
            "still waiting for an answer.",
            "Will the offer to meet the strikers on Monday be accepted?",
        ),
    ],
)
def test_round5_orders_approvals_intentions_threats(sentence: str, question: str) -> None:
    assert question in _asked(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The regulator ordered the firm to stop the sales in 2031 after a complaint.",
        "She said a decision would come within weeks.",
    ],
)
def test_round5_no_question_about_a_done_order_or_a_bare_decision(sentence: str) -> None:
    assert _asked(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            'A spokesman said the company was "reviewing all options," including a complaint '
            "to the trade tribunal.",
            "Will the company file a complaint to the trade tribunal?",
        ),
        (
            "The growers would keep up their blockade until the government agreed to freeze the "
            "levy for a year.",
            "Will the government agree to freeze the levy for a year?",
        ),
        (
            "Two other lenders, Brightwell and Osca, are under investigation by the Banking Board.",
            "Will the Banking Board rule against Brightwell and Osca?",
        ),
        (
            "The ministry expects to submit the concession to parliament before the end of "
            "the year.",
            "Will Parliament approve the concession?",
        ),
    ],
)
def test_round5_options_until_inquiries_submissions(sentence: str, question: str) -> None:
    assert question in _asked(sentence)


def test_a_generic_subject_is_named_by_the_sentence_before() -> None:
    from briefing.derive.questions import extract_questions

    paragraphs = [
        "Kessel Motors said it had been told of the ban on Monday.",
        "A spokeswoman said the company would seek damages if the ban was made permanent.",
    ]
    spans = [[(0, len(p), p)] for p in paragraphs]
    asked = [q.question for q in extract_questions(paragraphs, spans)]
    assert "Will Kessel Motors seek damages?" in asked


def test_a_generic_subject_is_not_named_after_a_person() -> None:
    from briefing.derive.questions import extract_questions

    paragraphs = [
        "Its organiser, Mara Tenn, spoke outside the hall.",
        "She said the group would seek a judicial review if the plan was approved.",
    ]
    spans = [[(0, len(p), p)] for p in paragraphs]
    asked = [q.question for q in extract_questions(paragraphs, spans)]
    assert all("Mara Tenn" not in q for q in asked)


def test_he_or_she_is_named_by_the_last_person_who_spoke() -> None:
    from briefing.derive.questions import extract_questions

    paragraphs = [
        "Transport Minister Ida Lenz said on Monday that mergers should be judged on safety.",
        "Her ministry declined to say whether she would intervene.",
    ]
    spans = [[(0, len(p), p)] for p in paragraphs]
    asked = [q.question for q in extract_questions(paragraphs, spans)]
    assert "Will Transport Minister Ida Lenz intervene?" in asked


def test_her_government_is_named() -> None:
    from briefing.derive.questions import extract_questions

    paragraphs = [
        "Regional President Lina Oster said the plan had been imposed without consultation.",
        "She said her government would not sign the orders until the court had ruled.",
    ]
    spans = [[(0, len(p), p)] for p in paragraphs]
    asked = [q.question for q in extract_questions(paragraphs, spans)]
    assert "Will Regional President Lina Oster's government sign the orders?" in asked


def test_a_library_question_needs_more_than_a_shared_group_and_two_words() -> None:
    from briefing.derive.questions import content_words, library_questions

    known = [
        (
            "allies-lift-limits",
            "Will the allies let Norland use the weapons they supplied against targets abroad?",
            ("western-allies",),
            None,
        )
    ]
    article = "Allies may think twice before ordering weapons, a lawmaker warned against haste."
    assert library_questions(known, {"western-allies"}, content_words(article)) == []
