"""Open questions, round 6 (issue 12): one grammatical yes/no question about one matter,
and the ways wire stories leave things open without the stock cue phrases.

Every sentence here is written for these tests."""

from __future__ import annotations

import re

import pytest

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


def test_a_second_predicate_after_but_is_not_part_of_the_question() -> None:
    asked = _asked(
        "The spokesman said the agency would release the figures in the next few days "
        "but did not give a date."
    )
    assert "Will the agency release the figures in the next few days?" in asked
    assert not any("but did" in q for q in asked)


# -- fault 3: what is left open without the stock cue phrases --------------------------


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "The regulator has yet to approve the takeover.",
            "Will the regulator approve the takeover?",
        ),
        (
            "No date has been set for the next round of talks.",
            "Will the next round of talks take place?",
        ),
        (
            "Whether the plan goes ahead depends on the regional assembly.",
            "Will the plan go ahead?",
        ),
        (
            "Much depends on whether the lenders agree to extend the loan.",
            "Will the lenders agree to extend the loan?",
        ),
        (
            "The court is expected to decide on the appeal next month.",
            "Will the court decide on the appeal next month?",
        ),
        (
            "The company could face fines of up to 4% of turnover.",
            "Will the company face fines of up to 4% of turnover?",
        ),
        (
            "If the talks fail, the union will call a national strike.",
            "Will the union call a national strike?",
        ),
        (
            "The mayor proposed sending monitors to the bridge; the neighbouring town has not "
            "responded.",
            "Will the neighbouring town accept sending monitors to the bridge?",
        ),
        (
            "The residents' association has asked for an independent survey of the river.",
            "Will the residents' association get an independent survey of the river?",
        ),
        (
            "The council demanded that the company withdraw its trucks from the square.",
            "Will the company withdraw its trucks from the square?",
        ),
        # "was" inside a condition is "be" in the question, never "wa"
        (
            "The federation threatened to walk out unless the cap was lifted by Monday.",
            "Will the cap be lifted by Monday?",
        ),
    ],
)
def test_left_open_without_a_stock_cue(sentence: str, question: str) -> None:
    asked = _asked(sentence)
    assert question in asked, asked
    assert all(q.endswith("?") and _YES_NO.match(q) for q in asked), asked


def test_likelihood_only_from_stated_hedging() -> None:
    from briefing.derive.questions import likelihood

    assert likelihood("The company could face fines of up to 4% of turnover.") == "roughly-even"
    assert likelihood("No date has been set for the next round of talks.") is None


def test_a_demand_is_asked_without_its_modal_or_relative_clause() -> None:
    asked = _asked(
        "Dorne insists that a full withdrawal must come before any talks on the border that "
        "its neighbour has proposed."
    )
    assert "Will a full withdrawal come before any talks on the border?" in asked, asked
    long = _asked(
        "The council demanded that the haulier move a depot that residents said had spread "
        "dust into the gardens of the whole Eastbrook neighbourhood for years on end"
    )
    assert all(not re.search(r"\b\w\?$", q) for q in long), long  # never cut inside a word


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "Brenmoor Mills, which employs 300 people, has said it hopes to reopen the east "
            "wing by the autumn.",
            "Will Brenmoor Mills reopen the east wing by the autumn?",
        ),
        (
            "The water board said it was considering reducing the summer hosepipe limits.",
            "Will the water board reduce the summer hosepipe limits?",
        ),
        (
            "The mayor said she had asked the housing agency for twenty more caravans.",
            "Will the housing agency provide twenty more caravans?",
        ),
        (
            "One lawyer said the court could in theory pause the works pending a full hearing.",
            "Will the court pause the works pending a full hearing?",
        ),
    ],
)
def test_aims_options_requests_and_possibilities_are_open(sentence: str, question: str) -> None:
    asked = _asked(sentence)
    assert question in asked, asked


def test_a_subordinator_is_never_the_subject() -> None:
    asked = _asked(
        "The prosecutor said he would wait for the report, due in May, before deciding "
        "whether to bring charges."
    )
    assert not any(re.match(r"^\w+ before\b", q) for q in asked), asked


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("When could talks on the water tariff resume?", "Could talks on the water tariff resume?"),
        ("Where will the savings be found?", "Will the savings be found?"),
        ("Which was way she leaning?", None),
        ("How will the senator vote?", None),
        ("Is it known whether the pilots?", None),
        ("Will the board had no reopen talks while the strike lasts?", None),
        ("Will Younger members are mostly back the plan?", None),
        ("Will only that all options be approved?", None),
        (
            "Will At least four of the ten towns vote against?",
            "Will at least four of the ten towns vote against?",
        ),
        (
            "Will the convoys reach Tarrow, where 5,000 people are cut off, within two days?",
            "Will the convoys reach Tarrow within two days?",
        ),
        ("Will the union call a strike?", "Will the union call a strike?"),
        (
            "Is it true that the mine polluted the river?",
            "Is it true that the mine polluted the river?",
        ),
    ],
)
def test_only_well_formed_yes_no_questions_are_kept(raw: str, kept: str | None) -> None:
    from briefing.derive.question_grammar import well_formed

    assert well_formed(raw) == kept


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "If the council refuses the budget, the mayor can ask the regional court to step in.",
            "Will the mayor ask the regional court to step in?",
        ),
        (
            "She said a review would establish whether the pumps had been serviced.",
            "Had the pumps been serviced?",
        ),
        (
            "The regulator has opened an investigation into whether the bank kept proper records.",
            "Did the bank keep proper records?",
        ),
        (
            "Tellan wants a binding cap on night flights; Morra has offered only voluntary limits.",
            "Will Morra agree to a binding cap on night flights?",
        ),
    ],
)
def test_inquiries_conditions_and_demands_against_offers(sentence: str, question: str) -> None:
    asked = _asked(sentence)
    assert question in asked, asked


def test_a_ballot_pending_is_open() -> None:
    asked = _asked(
        "Crane drivers at the north quay, which handles most of the grain, are voting on "
        "whether to join the stoppage, with the result due on Monday."
    )
    assert "Will crane drivers at the north quay join the stoppage?" in asked, asked
