"""The analytic half of a draft (issue 12): stance with negation, one topic noun phrase
from the headline, a summary whose bottom line is one whole sentence without dateline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from briefing.derive import derive, load_source
from briefing.derive.stance import stance
from briefing.derive.summary import bottom_line
from briefing.derive.topics import draft_topic
from helpers import ROOT, TESTS

STORIES = TESTS / "fixtures" / "derive" / "stories"
NOW = dt.datetime(2034, 1, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We are studying it in a positive spirit", "supports"),
        ("Israel would not agree to a permanent end to the fighting", "opposes"),
        ("We will not accept a result built on bought votes", "opposes"),
        ("Moscow had no objection in principle", "supports"),
        ("the conditions were a non-starter.", "opposes"),
        ("We welcome the talks, but we reject the conditions", "mixed"),
        ("The report will be published within two weeks", "unclear"),
        ("Offshore wind needs cables urgently; the committee met", "unclear"),  # no "win"
    ],
)
def test_stance_handles_negation(text: str, expected: str) -> None:
    assert stance(text) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Hamas studies new truce proposal as Qatar presses both sides", "truce proposal"),
        ("Velmora heads for presidential runoff as opposition cries foul", "presidential runoff"),
        ("Strong earthquake kills at least 140 in southern Kavaris", "strong earthquake"),
        ("Russia, Ukraine agree on prisoner swap", "prisoner swap"),
        ("U.S. weapons used inside Russia", "U.S. weapons used inside Russia"),
        ("Turkey says Black Sea grain talks to resume next week", "Black Sea grain talks"),
    ],
)
def test_topic_is_the_headline_noun_phrase(title: str, expected: str) -> None:
    assert draft_topic(title, ["Hamas"]) == expected


def test_bottom_line_strips_the_agency_tag_and_never_cuts_a_word() -> None:
    assert bottom_line("(CNN) — Rescuers reached the village on Monday") == (
        "Rescuers reached the village on Monday."
    )
    long = (
        "The government said on Monday that it would raise taxes on fuel, tobacco and "
        "alcohol from next year to close a budget gap that has grown since the pandemic, "
        "while the opposition said it would fight the plan in parliament and in the "
        "courts and called for a referendum on the measures before any of them take effect "
        "in the spring."
    )
    line = bottom_line(long)
    assert line.endswith("pandemic.") and "…" not in line


def test_draft_positions_share_one_topic_and_have_stances() -> None:
    derived = derive(load_source(str(STORIES / "2033-06-06-runoff-election.txt")), now=NOW)
    topics = {p.topic for p in derived.brief.positions}
    assert topics == {"presidential runoff"}
    by_quote = {p.quote: p.stance.value for p in derived.brief.positions if p.quote}
    assert by_quote["We will not accept a result built on bought votes"] == "opposes"
    summary = derived.brief.summary
    assert summary.startswith("**Bottom line:** Velmora's presidential election will go")
    assert "SANTA LUZ" not in summary and "…" not in summary
    assert len(summary.replace("**Bottom line:**", "").split()) <= 120
    assert "Rafael Montoya supports the presidential runoff" in summary
    # "…, analysts said" is not Montoya's position
    assert not any("analysts said" in p.position for p in derived.brief.positions)


def test_reported_speech_becomes_positions_without_a_quote() -> None:
    from briefing.derive import Article

    derived = derive(
        Article(
            paragraphs=[
                "Labour Minister Julia Ferrer called for a law covering all platform workers.",
                "The union rejected the plan, according to Carmen Robles.",
                "Prime Minister Arman Dost declined to comment on the proposal.",
            ],
            date=dt.date(2034, 1, 18),
        ),
        now=NOW,
    )
    positions = {p.actor: p for p in derived.brief.positions}
    assert positions["julia-ferrer"].quote is None
    # the writer's gist, not her words: reported (issue 12 item 3), not on-record
    assert positions["julia-ferrer"].attribution.value == "reported"
    assert positions["carmen-robles"].attribution.value == "reported"
    assert positions["carmen-robles"].stance.value == "opposes"
    # declining to comment is a position with no stance (the references record it)
    assert positions["arman-dost"].stance.value == "unclear"
    assert positions["arman-dost"].quote is None


def test_library_questions_the_article_bears_on_are_reused_with_their_likelihood() -> None:
    known = [
        ("hamas-accepts-truce", "Will Hamas accept the truce proposal?", ("hamas",), "likely"),
        ("fed-cuts-rates", "Will the Fed cut interest rates?", ("federal-reserve",), None),
        ("hamas-disarm", "Will Hamas disarm?", ("hamas",), None),  # actor only, no subject
    ]
    derived = derive(
        load_source(str(STORIES / "2033-05-14-ceasefire-talks.txt")),
        known_questions=known,
        now=NOW,
    )
    questions = {q.id: q for q in derived.brief.open_questions}
    carried = questions["hamas-accepts-truce"]
    assert carried.likelihood is not None and carried.likelihood.value == "likely"
    assert "carried" in (carried.context or "")
    assert carried.actors == ["hamas"]
    assert "fed-cuts-rates" not in questions and "hamas-disarm" not in questions
    # a new question from what the article leaves open, naming the actor
    assert "Will Israel send its negotiators to Cairo?" in {
        q.question for q in derived.brief.open_questions
    }


def test_new_questions_take_likelihood_from_hedging_else_low_confidence() -> None:
    from briefing.derive import Article

    derived = derive(
        Article(
            paragraphs=[
                "Officials said it could take days to reach the valleys. It is unclear "
                "whether the army will reopen the road, which is likely to stay shut.",
                "It is unclear whether Israel will send its negotiators to Cairo.",
            ],
            date=dt.date(2033, 5, 14),
        ),
        now=NOW,
    )
    by_text = {q.question: q for q in derived.brief.open_questions}
    road = by_text["Will the army reopen the road?"]
    assert road.likelihood is not None and road.likelihood.value == "likely"
    cairo = by_text["Will Israel send its negotiators to Cairo?"]
    assert cairo.likelihood is None and cairo.confidence.value == "low"


def test_timeline_gives_each_event_one_date() -> None:
    derived = derive(load_source(str(STORIES / "2033-05-14-ceasefire-talks.txt")), now=NOW)
    timeline = derived.brief.timeline
    texts = [e.event for e in timeline]
    assert len(texts) == len(set(texts))  # no event repeated on two days
    by_date = {str(e.date): e.event for e in timeline}
    # "talks would resume in Cairo on Tuesday": the coming Tuesday, not the last one
    assert "resume in Cairo" in by_date["2033-05-17"]
    # "Hamas militants fired rockets … late on Friday, the Israeli military said"
    assert any("fired rockets" in e.event for e in timeline if str(e.date) == "2033-05-13")
    # "Hamas said on Saturday … before a deadline set for next week": the day it said so
    assert any(
        e.event.startswith("Hamas said on Saturday")
        for e in timeline
        if str(e.date) == "2033-05-14"
    )
    # the stance paragraph agrees in number
    assert "Israeli officials oppose the truce proposal" in derived.brief.summary


def test_a_sentence_with_two_dated_clauses_gives_two_events() -> None:
    from briefing.derive import Article

    derived = derive(
        Article(
            paragraphs=[
                "The Philippines first asked for the missiles in February 2029, and the "
                "first batteries arrived last year.",
                "Ships were rammed in March, the navy said on Monday.",
            ],
            date=dt.date(2031, 1, 15),
        ),
        now=NOW,
    )
    by_date = {str(e.date): e.event for e in derived.brief.timeline}
    assert by_date["2029-02"] == "The Philippines first asked for the missiles in February 2029."
    assert by_date["2030"] == "The first batteries arrived last year."
    # a month without a year is in the past of the article; "said on Monday" is not an event
    assert "2030-03" in by_date and "2031-01-13" not in by_date


def test_derive_eval_scores_the_analytic_half() -> None:
    from briefing.derive.evaluate import score
    from briefing.model import validate_brief

    def brief(**parts: object):  # type: ignore[no-untyped-def]
        data = {"id": "b", "title": "T", "date": "2033-05-14", **parts}
        made, problems = validate_brief(data)
        assert made is not None, problems
        return made

    actors = [{"id": "khalil-nasser", "name": "Khalil Nasser"}]
    reference = brief(
        summary="**Bottom line:** Hamas is studying the proposal.",
        actors=actors,
        positions=[
            {
                "actor": "khalil-nasser",
                "topic": "truce",
                "position": "Hamas studies the proposal positively.",
                "stance": "supports",
                "quote": "We are studying it in a positive spirit",
            }
        ],
        open_questions=[{"question": "Will Israel send negotiators to Cairo?"}],
        timeline=[{"date": "2033-05-14", "event": "Hamas studies the truce proposal."}],
    )
    derived = brief(
        summary="**Bottom line:** DOHA, May 14 (Wire Desk) - Hamas said it was studying…",
        actors=actors,
        positions=[
            {
                "actor": "khalil-nasser",
                "topic": "truce proposal",
                "position": "We are studying it in a positive spirit.",
                "stance": "opposes",
                "quote": "We are studying it in a positive spirit",
            },
            {
                "actor": "khalil-nasser",
                "topic": "truce proposal",
                "position": "Invented.",
                "quote": "a quote the article never had",
            },
        ],
        open_questions=[{"question": "Will Israel send its negotiators to Cairo?"}],
        timeline=[{"date": "2033-05-14", "event": "The weather was fine."}],
    )
    article = '"We are studying it in a positive spirit," Khalil Nasser said.'
    result = score(derived, reference, "x", article)
    assert (result.emitted, result.emitted_verbatim) == (2, 1)
    assert (result.emitted_judged, result.emitted_right) == (1, 1)
    assert (result.positions_found, result.stance_judged, result.stance_right) == (1, 1, 0)
    assert result.questions_found == 1
    assert result.events_found == 0  # the date alone is not the event
    assert result.bottom_lines == 0 and result.summaries_clean == 0


def test_the_summary_never_starts_its_second_paragraph_inside_a_quote() -> None:
    from briefing.derive import Article

    derived = derive(
        Article(
            paragraphs=[
                "A cholera outbreak has killed 41 people in three weeks, the WHO said.",
                '"The situation is deteriorating quickly. Without clean water, we will see '
                'many more cases," WHO emergencies director Tomas Varga told a briefing.',
                "The government has opened twelve treatment centres in the province.",
            ],
            date=dt.date(2033, 12, 13),
        ),
        now=NOW,
    )
    second = derived.brief.summary.split("\n\n")[1]
    assert second.count('"') % 2 == 0 and not second.startswith("Without clean water")


def test_the_topic_takes_the_library_wording(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefing.cli import cli
    from briefing.cli import derive as _commands  # noqa: F401

    db = tmp_path / "lib.db"
    briefs = ROOT / "briefs"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "load", str(briefs)]).exit_code == 0
    article = tmp_path / "a.txt"
    article.write_text(
        "title: Blinken signals shift on U.S. weapons inside Russia\n"
        "date: 2033-06-01\n\n"
        "Secretary of State Antony Blinken said on Friday that Washington would adapt its "
        'policy. "We will do what is needed," Blinken said. Ukraine welcomed the remarks.\n'
    )
    result = runner.invoke(cli, ["--db", str(db), "derive", str(article)])
    assert result.exit_code == 0, result.output
    topics = {p["topic"] for p in yaml.safe_load(result.stdout)["positions"]}
    assert topics == {"U.S. weapons used inside Russia"}
    offline = runner.invoke(cli, ["--db", str(db), "derive", str(article), "--no-library"])
    assert {p["topic"] for p in yaml.safe_load(offline.stdout)["positions"]} == {
        "shift on U.S. weapons inside Russia"
    }
