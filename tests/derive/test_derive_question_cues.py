"""Open questions from more of what an article leaves open (issue 12 item 1): decisions
not yet taken, deadlines and ultimatums, threats, hopes, warnings, "the question is
whether", a pronoun subject named from the sentence before, and "the deal" named by the
draft's topic. Sentences written for these tests."""

from __future__ import annotations

import pytest

from briefing.derive.questions import extract_questions, find_questions, name_the_matter
from briefing.derive.sentences import split_sentences


def questions_of(*paragraphs: str) -> list[str]:
    paras = list(paragraphs)
    spans = [[(s.start, s.end, s.text) for s in split_sentences(p)] for p in paras]
    return [q.question for q in extract_questions(paras, spans)]


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "The regional council has not declared a state of emergency.",
            "Will the regional council declare a state of emergency?",
        ),
        (
            "The ministry has yet to approve the new timetable.",
            "Will the ministry approve the new timetable?",
        ),
        (
            "The league gave the club two weeks to pay its players.",
            "Will the club pay its players within two weeks?",
        ),
        (
            "The regulator has until March 3 to decide whether to approve or reject the sale.",
            "Will the regulator approve the sale by March 3?",
        ),
        (
            "The pilots' union has threatened to strike again if talks fail.",
            "Will the pilots' union strike again?",
        ),
        (
            "Officials hoped a settlement could be reached before the summer.",
            "Will a settlement be reached before the summer?",
        ),
        (
            "The agency warned that the fire could reach the northern suburbs.",
            "Will the fire reach the northern suburbs?",
        ),
        ("I fear the river will burst its banks again.", "Will the river burst its banks again?"),
        (
            "The question is whether the bank will raise rates.",
            "Will the bank raise rates?",
        ),
        (
            "The mayor said no decision had been made on the stadium.",
            "Will the mayor decide on the stadium?",
        ),
        (
            "A new round of consultations has not been scheduled.",
            "Will a new round of consultations take place?",
        ),
        (
            "A decision on the tunnel could come soon, possibly before the council meets on "
            "June 4.",
            "Will a decision on the tunnel come before the council meets on June 4?",
        ),
    ],
)
def test_question_cues(sentence: str, question: str) -> None:
    assert question in [q for q, _ in find_questions(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The company has not responded to a request for comment.",
        "The minister has not commented on the report.",
        "Prices have not changed since May.",
    ],
)
def test_no_question_from_silence_or_facts(sentence: str) -> None:
    assert find_questions(sentence) == []


def test_a_pronoun_subject_is_named_from_the_sentence_before() -> None:
    found = questions_of(
        "The Competition Authority said the merger would raise prices. It has until "
        "May 9 to decide whether to clear the merger."
    )
    assert found == ["Will the Competition Authority clear the merger by May 9?"]


def test_the_deal_is_named_by_the_drafts_topic() -> None:
    assert (
        name_the_matter("Will the union accept the offer?", "new pay offer")
        == "Will the union accept the new pay offer?"
    )
    assert (
        name_the_matter("Will the board accept the deal?", "Brevik's bid for Solvang")
        == "Will the board accept Brevik's bid for Solvang?"
    )
    # a topic that is not a deal of some kind names nothing
    assert (
        name_the_matter("Will the union accept the offer?", "port strike")
        == "Will the union accept the offer?"
    )


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        # "has not ruled out X" leaves X open, like "did not rule out"
        (
            "The brewer has not ruled out selling its Kallund plant to cut debt.",
            "Could the brewer end up selling its Kallund plant to cut debt?",
        ),
        # "would consider X": will they consider it
        (
            "She said the club would consider other stadiums for the final.",
            "Will the club consider other stadiums for the final?",
        ),
        # "had not yet decided whether to X": will they X
        (
            "The prosecutor's office said it had not yet decided whether to charge any of "
            "the 12 and was waiting for a police report.",
            "Will the prosecutor's office charge any of the 12?",
        ),
        # a pronoun is named by its own sentence's subject, or its appositive
        (
            "The tribunal has not said whether it will hear the appeal.",
            "Will the tribunal hear the appeal?",
        ),
        (
            "Mora's coalition partner, the Green League, has not said whether it will back "
            "her in the vote.",
            "Will the Green League back her in the vote?",
        ),
        # "had" as the main verb
        (
            "He did not say whether the carrier had enough fuel to finish the season.",
            "Will the carrier have enough fuel to finish the season?",
        ),
    ],
)
def test_more_question_forms(sentence: str, question: str) -> None:
    assert question in [q for q, _ in find_questions(sentence)]


@pytest.mark.parametrize(
    ("sentence", "bad"),
    [
        (
            "Okafor said he would not say how he would vote but that many colleagues were angry.",
            "but that",
        ),
        ("The prosecutor has not ruled out charges.", "Will the prosecutor rule out"),
    ],
)
def test_no_question_runs_on_into_another_clause(sentence: str, bad: str) -> None:
    assert not any(bad in q for q, _ in find_questions(sentence))


def test_a_pronoun_is_named_from_the_sentence_before_only_when_the_sentence_starts_with_it() -> (
    None
):
    found = questions_of(
        "The Refugee Council said the camps were full. The court has not said whether it "
        "will fast-track the case."
    )
    assert found == ["Will the court fast-track the case?"]


def test_not_ruled_out_noun_phrase_and_afterthoughts() -> None:
    found = [q for q, _ in find_questions("The minister has not ruled out changes to the fares.")]
    assert found == ["Will there be changes to the fares?"]
    found = [
        q
        for q, _ in find_questions(
            "She declined to say whether the city would ban cars from the centre, something "
            "her party promised in 2030."
        )
    ]
    assert found == ["Will the city ban cars from the centre?"]
    found = [q for q, _ in find_questions("The board has not said when it will decide.")]
    assert found == ["When will the board decide?"]


def test_a_vote_or_ruling_on_whether_is_open() -> None:
    found = [
        q
        for q, _ in find_questions(
            "Shareholders will vote on whether the company should sell its shipping arm."
        )
    ]
    assert found == ["Should the company sell its shipping arm?"]
    found = [q for q, _ in find_questions("Okoye said he would not say how he would vote.")]
    assert found == ["How will Okoye vote?"]


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        ("Kerr called for Lindqvist to resign.", "Will Lindqvist resign?"),
        (
            "The town council will meet on Monday to vote on a motion to close the pier.",
            "Will the town council pass a motion to close the pier?",
        ),
        (
            "The harbour board is due to vote on the fee rise next week.",
            "Will the harbour board approve the fee rise next week?",
        ),
        (
            "The tribunal is expected to decide next week whether to hear the appeal.",
            "Will the tribunal hear the appeal?",
        ),
        (
            "The ministry was expected to decide by the end of the month whether the exams "
            "should be held in June.",
            "Should the exams be held in June?",
        ),
        (
            "He said the city had not excluded a case at the regional court.",
            "Will the city bring a case at the regional court?",
        ),
        (
            "The toll is due to take effect on March 1.",
            "Will the toll take effect on March 1?",
        ),
        (
            "Norvik expects to finish the second tunnel by the end of June.",
            "Will Norvik finish the second tunnel by the end of June?",
        ),
    ],
)
def test_scheduled_decisions_plans_and_calls(sentence: str, question: str) -> None:
    assert question in [q for q, _ in find_questions(sentence)]


def test_a_deadline_for_a_decision_names_the_matter() -> None:
    found = questions_of(
        "The Harbour Authority opened an inquiry into the merger. It set a deadline of "
        "May 2 for a decision."
    )
    assert "Will the Harbour Authority decide by May 2?" in found


def test_the_head_noun_of_the_topic_is_named_in_full() -> None:
    assert (
        name_the_matter("Will the ban take effect on June 1?", "port ban on Velmar trawlers")
        == "Will the port ban on Velmar trawlers take effect on June 1?"
    )


def test_a_deadline_with_an_abbreviated_month() -> None:
    found = questions_of("The Commission said prices would rise. It has until Dec. 6 to decide.")
    assert found == ["Will the Commission decide by Dec. 6?"]


def test_a_question_names_a_person_in_full() -> None:
    import datetime as dt

    from briefing.derive import Article, derive

    derived = derive(
        Article(
            paragraphs=[
                "Interior Minister Adela Moravec said on Tuesday the alert went out on time.",
                "Opposition leader Victor Hahn called for Moravec to resign.",
            ],
            date=dt.date(2035, 7, 24),
        ),
        now=dt.datetime(2035, 7, 25, tzinfo=dt.UTC),
    )
    assert "Will Interior Minister Adela Moravec resign?" in [
        q.question for q in derived.brief.open_questions
    ]


def test_a_clausal_topic_does_not_rename_a_noun() -> None:
    question = "Will the coastguard actually use the drones?"
    assert name_the_matter(question, "coastguard flying drones over the bay") == question


def test_asking_a_body_to_act_leaves_open_whether_it_will() -> None:
    found = [
        q for q, _ in find_questions("It added that it had asked the council to restore the grant.")
    ]
    assert "Will the council restore the grant?" in found


def test_a_long_call_is_not_cut_mid_word() -> None:
    sentence = (
        "She said she would ask the council to bar delivery lorries from entering the old "
        "town's narrow streets without a permit except in emergencies."
    )
    found = [q for q, _ in find_questions(sentence)]
    assert found and all(q.endswith("emergencies?") for q in found)
