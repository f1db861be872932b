"""The brief model's field and whole-brief rules."""

from __future__ import annotations

import copy

from briefing.model import format_loc, validate_brief

VALID = {
    "format": "briefing/1",
    "id": "example-ceasefire-talks",
    "title": "Two states agree to talk",
    "date": "2031-03-02",
    "summary": "**Bottom line:** talks start next week.",
    "actors": [
        {"id": "state-a", "name": "State A", "kind": "country"},
        {"id": "minister-b", "name": "Jane Doe", "role": "Foreign minister"},
    ],
    "positions": [
        {"actor": "minister-b", "topic": "talks", "position": "Will attend.", "stance": "mixed"}
    ],
    "open_questions": [{"id": "who-mediates", "question": "Who will mediate?"}],
    "timeline": [
        {"date": "2031-03", "event": "Talks proposed.", "actors": ["state-a"]},
        {"date": 2031, "event": "A year of talk."},
    ],
}


def problems_of(data: dict) -> list[tuple[str, str]]:
    brief, problems = validate_brief(data)
    assert (brief is None) == bool(problems)
    return [(format_loc(loc), message) for loc, message in problems]


def test_valid_brief_normalises_partial_dates() -> None:
    brief, problems = validate_brief(VALID)
    assert problems == []
    assert brief is not None
    assert [e.date for e in brief.timeline] == ["2031-03", "2031"]
    assert brief.bottom_line == "Bottom line: talks start next week."


def test_every_problem_reported_at_once() -> None:
    data = copy.deepcopy(VALID)
    data["positions"][0]["actor"] = "nobody"
    data["positions"][0]["stnace"] = "x"
    data["actors"][1]["kind"] = "alien"
    data["open_questions"][0]["question"] = "Who will mediate"
    found = dict(problems_of(data))
    assert found["positions[0].actor"] == (
        "unknown actor 'nobody' (this brief has: state-a, minister-b)"
    )
    assert found["positions[0].stnace"] == "unknown field 'stnace'"
    assert "actors[1].kind" in found
    assert found["open_questions[0].question"] == "a question must end with '?'"


def test_unknown_major_format_is_refused_by_name() -> None:
    data = dict(VALID, format="briefing/2")
    assert problems_of(data) == [
        ("format", "unsupported format version 'briefing/2': this briefing reads briefing/1 only")
    ]


def test_impossible_partial_date() -> None:
    data = copy.deepcopy(VALID)
    data["timeline"][0]["date"] = "2031-13"
    [(where, message)] = problems_of(data)
    assert where == "timeline[0].date"
    assert message.startswith("impossible date '2031-13'")


def test_duplicate_actor_ids() -> None:
    data = copy.deepcopy(VALID)
    data["actors"][1]["id"] = "state-a"
    data["positions"] = []
    assert problems_of(data) == [("actors[1].id", "duplicate actor id 'state-a'")]


def test_not_a_mapping() -> None:
    assert problems_of(["a"]) == [("", "a brief must be a mapping of fields, not a list")]
