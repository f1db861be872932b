"""Property tests: any bytes give a LoadedFile (never an exception, never a hang), and
every valid brief survives dump -> load unchanged.

Budgets are kept small so the file runs in a few seconds; raise ``max_examples``
locally when changing the loader.
"""

from __future__ import annotations

import datetime as dt
import json
import string
import time
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.loader import LoadedFile, load_bytes
from briefing.model import (
    Attribution,
    Brief,
    Confidence,
    Likelihood,
    QuestionStatus,
    Stance,
    validate_brief,
)
from briefing.serialise import brief_to_data, dump_brief

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Generating nested structures costs hypothesis far more than loading them does.
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_never_raises(data: bytes) -> LoadedFile:
    start = time.perf_counter()
    result = load_bytes(data, "prop.yaml")
    assert time.perf_counter() - start < 2.0
    assert isinstance(result, LoadedFile)
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.path == "prop.yaml"
        assert "internal error" not in problem.message, problem
    if result.errors and not result.briefs:
        assert result.refused >= 1
    for brief in result.briefs:
        json.dumps(brief_to_data(brief), allow_nan=False)
    return result


# --------------------------------------------------------------------------- any bytes


@FAST
@given(st.binary(max_size=600))
def test_arbitrary_bytes(data: bytes) -> None:
    check_never_raises(data)


YAMLISH = st.text(
    alphabet=st.sampled_from(list("[]{}:-,&*!?|>'\"#%@`~<=\n\t ._\\ab01é\u2028\x85")),
    max_size=300,
)


@FAST
@given(YAMLISH)
def test_yaml_punctuation_soup(text: str) -> None:
    check_never_raises(text.encode())


# --------------------------------------------------------------------------- any YAML

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates(),
    st.binary(max_size=8),
)
structures = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=4)
    ),
    max_leaves=25,
)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
BRIEF_KEYS = ["format", "id", "title", "date", "summary", "actors", "positions", "tags"]


@SLOW
@given(
    st.dictionaries(st.sampled_from(BRIEF_KEYS) | st.text(max_size=6), structures, max_size=8),
    st.booleans(),
)
def test_arbitrary_yaml_structures(data: dict[Any, Any], flow: bool) -> None:
    text = yaml.dump(data, Dumper=DUMPER, default_flow_style=flow, allow_unicode=True)
    check_never_raises(text.encode())


@SLOW
@given(structures, st.integers(0, 3))
def test_arbitrary_documents_in_one_file(data: Any, copies: int) -> None:
    text = yaml.dump_all([data] * copies + [{"id": "x"}], Dumper=DUMPER, allow_unicode=True)
    result = check_never_raises(text.encode())
    assert result.documents == copies + 1


# --------------------------------------------------------------------------- valid briefs

slug = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40
).filter(str.strip)
one_line = words.filter(lambda s: "\n" not in s.strip())
paragraphs = st.lists(words, min_size=1, max_size=3).map("\n\n".join)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
zones = st.integers(-14 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
moments = st.datetimes(
    min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2100, 12, 30), timezones=zones
)
partial_dates = st.one_of(
    dates.map(lambda d: d.isoformat()),
    dates.map(lambda d: d.isoformat()[:7]),
    dates.map(lambda d: d.isoformat()[:4]),
)
optional = st.none
extra_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        words,
        dates,
        st.binary(max_size=6),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(slug, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def brief_data(draw: st.DrawFn) -> dict[str, Any]:
    actor_ids = draw(st.lists(slug, min_size=1, max_size=4, unique=True))
    actors = [
        {
            "id": actor_id,
            "name": draw(words),
            "kind": draw(st.sampled_from(["person", "organization", "country", "group"])),
            "role": draw(optional() | words),
            "affiliation": draw(optional() | words),
            "aliases": draw(st.lists(words, max_size=2)),
        }
        for actor_id in actor_ids
    ]
    known = st.sampled_from(actor_ids)
    positions = [
        {
            "actor": draw(known),
            "topic": draw(words),
            "position": draw(paragraphs),
            "stance": draw(optional() | st.sampled_from([s.value for s in Stance])),
            "quote": draw(optional() | words),
            "attribution": draw(optional() | st.sampled_from([a.value for a in Attribution])),
            "date": draw(optional() | dates),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    question_ids = draw(st.lists(slug, max_size=3, unique=True))
    questions = [
        {
            "id": question_id,
            "question": draw(words) + "?",
            "context": draw(optional() | paragraphs),
            "actors": draw(st.lists(known, max_size=2)),
            "status": draw(st.sampled_from([s.value for s in QuestionStatus])),
            "resolution": draw(optional() | words),
            "likelihood": draw(optional() | st.sampled_from([x.value for x in Likelihood])),
            "confidence": draw(optional() | st.sampled_from([c.value for c in Confidence])),
        }
        for question_id in question_ids
    ]
    data: dict[str, Any] = {
        "format": draw(st.sampled_from(["briefing/1", "briefing/1.2"])),
        "id": draw(slug),
        "title": draw(one_line),
        "date": draw(dates),
        "updated": draw(optional() | moments),
        "source": draw(
            st.lists(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "title": words,
                        "publisher": words,
                        "url": st.just("https://example.org/a?b=c#d"),
                        "authors": st.lists(words, max_size=2),
                        "published": dates,
                    },
                ),
                max_size=2,
            )
        ),
        "tags": draw(st.lists(slug, max_size=3)),
        "summary": draw(paragraphs),
        "actors": actors,
        "positions": positions,
        "open_questions": questions,
        "timeline": [
            {"date": draw(partial_dates), "event": draw(words), "actors": draw(st.lists(known))}
            for _ in range(draw(st.integers(0, 3)))
        ],
    }
    for key in draw(st.lists(slug.map(lambda s: "x-" + s), max_size=2, unique=True)):
        data[key] = draw(extra_values)
    return data


def as_brief(data: dict[str, Any]) -> Brief:
    brief, problems = validate_brief(data)
    assert brief is not None, problems
    return brief


@SLOW
@given(brief_data())
def test_dump_load_round_trip(data: dict[str, Any]) -> None:
    brief = as_brief(data)
    text = dump_brief(brief)
    result = load_bytes(text.encode("utf-8"), "dump.yaml")
    assert result.errors == [], text
    assert result.briefs == [brief], text
    assert dump_brief(result.briefs[0]) == text
    json.dumps(brief_to_data(brief), allow_nan=False)
    # The JSON form reads back as the same brief too (extra data aside: JSON has no dates).
    plain = json.loads(json.dumps(brief_to_data(brief)))
    extra = set(brief.extra)
    assert as_brief(plain).model_dump(exclude=extra) == brief.model_dump(exclude=extra)


@settings(max_examples=15, deadline=None)
@given(brief_data(), st.sampled_from(string.ascii_lowercase))
def test_mutated_briefs_never_raise(data: dict[str, Any], junk: str) -> None:
    text = dump_brief(as_brief(data))
    lines = text.splitlines(keepends=True)
    for i in range(0, len(lines), max(1, len(lines) // 5)):
        mutated = [*lines[:i], junk + ": [" + lines[i], *lines[i + 1 :]]
        check_never_raises("".join(mutated).encode())
