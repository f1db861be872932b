"""Timeline dates of round 5 (issue 12): ends of periods, deadlines counted in days,
schedules, and relative days anchored to a real day — on sentences of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.derive.dates import DateResolver
from briefing.derive.timeline import event_dates as _event_dates

WEDNESDAY = dt.date(2036, 4, 16)


def _values(sentence: str, when: dt.date = WEDNESDAY) -> list[str]:
    return [h.value for h in DateResolver(when).find(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The minister is expected to decide by the end of the month.", ["2036-04-30"]),
        ("The first findings are due by the end of July.", ["2036-07-31"]),
        ("The old accord lapsed at the end of last year.", ["2035-12"]),
        ("The firm must open its store to rivals within 90 days.", ["2036-07-15"]),
        ("Fuel for the generators will run out by the end of February.", ["2037-02-28"]),
    ],
)
def test_ends_of_periods_and_deadlines(sentence: str, expected: list[str]) -> None:
    assert _values(sentence) == expected


def test_a_hearing_set_for_a_day_is_ahead_even_in_the_past_tense() -> None:
    assert _values("A hearing had been set for May 2.") == ["2036-05-02"]


def test_a_date_before_which_something_happened_lies_ahead() -> None:
    assert _values(
        "The two leaders clashed on Monday in the last debate before Tarn's April 29 vote."
    ) == [
        "2036-04-14",
        "2036-04-29",
    ]


def test_a_day_after_counts_from_a_day_not_from_a_month() -> None:
    resolver = DateResolver(WEDNESDAY)
    resolver.find("The licence was granted in January.")
    found = resolver.find("The decision came a day after the video appeared.")
    assert [h.value for h in found] == ["2036-04-17"]  # the article's day + 1, not January 2


def test_a_finer_date_wins_in_one_clause() -> None:
    sentence = (
        "The docker, who has led the union since 2022, said members voted last week to strike."
    )
    hits = DateResolver(WEDNESDAY).find(sentence)
    assert [h.value for h, _ in _event_dates(sentence, hits)] == ["2036-04"]


def test_the_day_said_wins_over_a_later_month_it_speaks_of() -> None:
    sentence = (
        "The union said on Tuesday it would boycott the tests unless the government delays a "
        "reform due to start in September."
    )
    hits = DateResolver(WEDNESDAY).find(sentence)
    assert [h.value for h, _ in _event_dates(sentence, hits)] == ["2036-04-15"]


def test_a_bare_quote_is_no_event_beside_what_happened_that_day() -> None:
    from briefing.derive.timeline import dedupe_events as _dedupe_events

    events = [
        {"date": "2036-04-16", "event": '"That ends today."', "actors": ["alcantara"]},
        {"date": "2036-04-16", "event": "The watchdog fined the firm.", "actors": ["watchdog"]},
        {"date": "2036-04-16", "event": "The firm said it would appeal.", "actors": ["firm"]},
        {"date": "2036-04", "event": "Talks were held.", "actors": []},
        {"date": "2036-04", "event": "A second round was set.", "actors": []},
    ]
    kept = _dedupe_events(events)
    assert [e["event"] for e in kept] == [
        "The watchdog fined the firm.",
        "The firm said it would appeal.",
        "Talks were held.",
        "A second round was set.",
    ]
    assert kept[0]["actors"] == ["watchdog", "alcantara"]


def test_a_later_event_named_by_its_date_is_an_event_of_its_own() -> None:
    sentence = (
        "The two leaders clashed on Monday night in the last debate before Tarn's April 29 "
        "general election, which polls say is close."
    )
    hits = DateResolver(WEDNESDAY).find(sentence)
    events = [(h.value, text) for h, text in _event_dates(sentence, hits)]
    assert events == [
        ("2036-04-14", sentence),
        ("2036-04-29", "Tarn's April 29 general election."),
    ]


def test_no_dateline_in_a_timeline_event() -> None:
    from briefing.derive import Article
    from briefing.derive.draft import derive

    derived = derive(
        Article(
            paragraphs=[
                "Tarn votes soon",
                "NORVIK — The two leaders clashed on Monday in the last televised debate.",
            ],
            title="Leaders clash in last debate",
            date=WEDNESDAY,
        ),
        now=dt.datetime(2036, 4, 16, tzinfo=dt.UTC),
    )
    assert all("NORVIK" not in e.event for e in derived.brief.timeline)


def test_the_day_said_and_the_day_told_are_two_events() -> None:
    sentence = "The board confirmed on Monday that the vote will be held on May 4 and 5."
    hits = DateResolver(WEDNESDAY).find(sentence)
    assert [(h.value, text) for h, text in _event_dates(sentence, hits)] == [
        ("2036-04-14", sentence),
        ("2036-05-04", "The vote will be held on May 4 and 5."),
    ]
