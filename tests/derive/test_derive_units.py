"""derive: the extractors one by one — actors, quotes, dates, open questions."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.derive.actors import ActorExtractor
from briefing.derive.dates import DateResolver
from briefing.derive.doc import Doc
from briefing.derive.questions import find_questions, invert, question_id
from briefing.derive.quotes import QuoteExtractor


def actors_of(*paragraphs: str, known=()):  # type: ignore[no-untyped-def]
    return ActorExtractor(list(paragraphs), known_actors=known).run()


def quotes_of(*paragraphs: str) -> list[tuple[str | None, str, str]]:
    actors = actors_of(*paragraphs)
    doc = Doc.build(list(paragraphs), actors)
    return [(q.speaker, q.text, q.attribution) for q in QuoteExtractor(doc).run()]


# --- actors ---------------------------------------------------------------------------


def test_biden_forms_fold_into_one_actor() -> None:
    actors = actors_of(
        "President Biden will allow the strikes, officials said.",
        "Joe Biden has been cautious. Biden said he would decide soon.",
        "Mr. Biden met his advisers.",
    )
    people = [a for a in actors.values() if a.kind == "person"]
    assert [a.id for a in people] == ["joe-biden"]
    assert people[0].name == "Joe Biden"
    assert "Biden" in people[0].aliases
    assert len(people[0].mentions) == 4


def test_surname_mentions_join_the_full_name() -> None:
    actors = actors_of(
        "Foreign Minister Halvard Nystrom arrived in Oslo.",
        "Nystrom said the talks were over. Later, Nystrom left.",
    )
    person = actors["halvard-nystrom"]
    assert person.role == "Foreign Minister"
    assert len(person.mentions) == 3
    assert "nystrom" not in actors


@pytest.mark.parametrize(
    ("text", "actor_id", "role"),
    [
        ("Secretary of State Maria Delgado flew to Kyiv.", "maria-delgado", "Secretary of State"),
        (
            "The Kremlin's chief spokesman, Pavel Orlov, said no.",
            "pavel-orlov",
            "Kremlin's chief spokesman",
        ),
        (
            "Chancellor Lukas Brandt's spokesman, Jonas Weber, said yes.",
            "jonas-weber",
            "Chancellor Lukas Brandt's spokesman",
        ),
        ("Ivan Petrov, the Kremlin's spokesman, said no.", "ivan-petrov", "Kremlin's spokesman"),
        (
            "Commander-in-Chief of the Armed Forces of Ukraine Taras Bondar signed it.",
            "taras-bondar",
            "Commander-in-Chief of the Armed Forces of Ukraine",
        ),
        (
            "Union leader Marieke de Vries said workers were angry.",
            "marieke-de-vries",
            "Union leader",
        ),
        (
            "Her national security adviser, Priya Raman, spoke.",
            "priya-raman",
            "national security adviser",
        ),
    ],
)
def test_roles_as_the_text_gives_them(text: str, actor_id: str, role: str) -> None:
    actors = actors_of(text)
    assert actor_id in actors
    assert actors[actor_id].role == role


def test_countries_organisations_and_affiliation() -> None:
    actors = actors_of(
        "NATO and the European Union met in Brussels. The Kremlin said Russia would respond.",
        "Polish Deputy Defence Minister Tomasz Wrobel said the Polish Defence Ministry agreed.",
        "The U.S. and Washington's allies disagreed with the United States Congress.",
    )
    assert actors["nato"].kind == "organization"
    assert actors["european-union"].kind == "organization"
    assert actors["kremlin"].affiliation == "Russia"
    assert actors["russia"].kind == "country"
    assert actors["united-states"].kind == "country"
    assert "brussels" not in actors  # a place after "in", not an actor
    assert actors["tomasz-wrobel"].affiliation == "Poland"
    assert actors["polish-defence-ministry"].kind == "organization"


def test_definite_role_is_the_person() -> None:
    actors = actors_of(
        "NATO Secretary General Ingrid Solberg called for change.",
        "The NATO Secretary General stated this in an interview. The head of NATO agreed.",
    )
    person = actors["ingrid-solberg"]
    assert len(person.mentions) == 3


def test_anonymous_and_collective_groups() -> None:
    actors = actors_of(
        "The ban was lifted, one U.S. official said, and another U.S. official said so.",
        "European allies welcomed it. Officials in Kyiv were relieved.",
        "A Commerce Department official, speaking on condition of anonymity, said more was due.",
    )
    assert actors["us-officials"].kind == "group"
    assert actors["us-officials"].affiliation == "United States"
    assert len(actors["us-officials"].mentions) == 2
    assert "european-allies" in actors
    assert "ukrainian-officials" in actors
    assert "commerce-department-officials" in actors


def test_known_actor_ids_are_reused() -> None:
    known = [("potus-46", "Joe Biden", ["Biden"]), ("nato-alliance", "NATO", ["the alliance"])]
    actors = actors_of("President Joe Biden spoke at NATO.", known=known)
    assert "potus-46" in actors
    assert actors["potus-46"].name == "Joe Biden"
    assert "nato-alliance" in actors
    assert "joe-biden" not in actors


def test_lower_case_country_names() -> None:
    actors = actors_of("The russians will keep pressing, he said, and russia will pay.")
    assert "russia" in actors
    assert len(actors["russia"].mentions) == 2


# --- quotes -------------------------------------------------------------------------------

INTRO = "Defense Minister John Carver spoke on Monday."


@pytest.mark.parametrize(
    ("paragraphs", "speaker", "quote"),
    [
        ([INTRO, '"We will hold the line," Carver said.'], "john-carver", "We will hold the line"),
        ([INTRO, 'Carver said: "We will hold the line."'], "john-carver", "We will hold the line."),
        (
            [INTRO, 'Carver said "we will hold the line" and left.'],
            "john-carver",
            "we will hold the line",
        ),
        (
            ['"We will hold the line," said Defense Minister John Carver.'],
            "john-carver",
            "We will hold the line",
        ),
        (
            ['John Carver, the defense minister, said: "We will hold the line."'],
            "john-carver",
            "We will hold the line.",
        ),
        (
            [INTRO, 'Carver wrote on Telegram: "We will hold the line."'],
            "john-carver",
            "We will hold the line.",
        ),
        ([INTRO, "“We will hold the line,” he said."], "john-carver", "We will hold the line"),
        (
            [INTRO, "According to him, the task is “to hold the line at all costs.”"],
            "john-carver",
            "to hold the line at all costs.",
        ),
        (
            [INTRO, "He stressed the point: “We will hold the line.”"],
            "john-carver",
            "We will hold the line.",
        ),
        (
            [INTRO, "Carver was asked about it, telling reporters that “nothing has changed.”"],
            "john-carver",
            "nothing has changed.",
        ),
        (
            ["Defense Minister John Carver said the army was ready. “We will hold the line.”"],
            "john-carver",
            "We will hold the line.",
        ),
        (
            ["‘We will hold the line,’ Defense Minister John Carver told reporters."],
            "john-carver",
            "We will hold the line",
        ),
    ],
)
def test_quote_shapes(paragraphs: list[str], speaker: str, quote: str) -> None:
    found = quotes_of(*paragraphs)
    assert (speaker, quote) in [(s, q) for s, q, _ in found]


def test_second_part_of_a_split_quote() -> None:
    found = quotes_of(INTRO, '"We will hold," Carver said. "And we will not retreat."')
    assert [(s, q) for s, q, _ in found] == [
        ("john-carver", "We will hold"),
        ("john-carver", "And we will not retreat."),
    ]


def test_quote_continued_across_paragraphs() -> None:
    found = quotes_of(
        INTRO,
        '"For two years we absorbed every blow," Carver said. "We stayed quiet.',
        '"Now we ask for the tools to defend ourselves."',
        "Foreign Minister Ana Lopes disagreed.",
    )
    assert ("john-carver", "We stayed quiet. Now we ask for the tools to defend ourselves.") in [
        (s, q) for s, q, _ in found
    ]


def test_pronoun_goes_to_the_last_named_person() -> None:
    found = quotes_of(
        "Foreign Minister Ana Lopes met Defense Minister John Carver.",
        '"It was a good meeting," she said.',
    )
    assert found[0][0] == "john-carver"  # the last named person, not a gender guess


def test_anonymous_official_attribution() -> None:
    found = quotes_of('"We are not changing that policy," one U.S. official said.')
    assert found == [("us-officials", "We are not changing that policy", "anonymous-official")]


def test_spokesperson_attribution_and_verbatim_text() -> None:
    text = "“They are doing this deliberately,” said Kremlin spokesman Pavel Orlov."
    found = quotes_of(text)
    assert found == [("pavel-orlov", "They are doing this deliberately", "spokesperson")]


def test_scare_quotes_are_not_positions() -> None:
    assert quotes_of('The so-called "red lines" have moved.') == []


# --- dates --------------------------------------------------------------------------------

THURSDAY = dt.date(2024, 5, 30)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("officials said Thursday", ["2024-05-30"]),
        ("Speaking on Monday, he", ["2024-05-27"]),
        ("He said on Friday that", ["2024-05-24"]),
        ("The ministers will meet on Tuesday", ["2024-06-04"]),
        ("last Thursday the talks failed", ["2024-05-23"]),
        ("Congress approved aid last month", ["2024-04"]),
        ("first asked on May 13", ["2024-05-13"]),
        ("In February, the president said", ["2024-02"]),
        ("talks resume in July", ["2024-07"]),
        ("a memo signed earlier this week", ["2024-05"]),
        ("earlier this month the army attacked", ["2024-05"]),
        ("the batteries arrived last year", ["2023"]),
        ("stopped on June 14 last year", ["2023-06-14"]),
        ("the 2022 deal", ["2022"]),
        ("in February 2022 and on 24 February 2022", ["2022-02", "2022-02-24"]),
        ("on Sept. 10th", ["2024-09-10"]),
        ("three days ago", ["2024-05-27"]),
        ("in recent weeks", ["2024-05"]),
        ("aid dried up last fall", ["2023"]),
        ("2,000 troops and $2024 million", []),
    ],
)
def test_date_resolution(sentence: str, expected: list[str]) -> None:
    assert [h.value for h in DateResolver(THURSDAY).find(sentence)] == expected


def test_relative_to_the_previous_date() -> None:
    resolver = DateResolver(THURSDAY)
    assert [
        h.value
        for h in resolver.find(
            "The second ramming, on March 28, and an attack two days later changed things"
        )
    ] == [
        "2024-03-28",
        "2024-03-30",
    ]
    assert [h.value for h in resolver.find("The next day, talks began.")] == ["2024-03-31"]


def test_month_and_day_take_the_nearest_year() -> None:
    january = DateResolver(dt.date(2024, 1, 10))
    assert [h.value for h in january.find("The crossing closed on 12 December")] == ["2023-12-12"]
    assert [h.value for h in january.find("It will reopen in March")] == ["2024-03"]


# --- open questions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "It remains to be seen whether the Philippines will actually use the missiles.",
            "Will the Philippines actually use the missiles?",
        ),
        (
            "He declined to say whether Japanese ships would join patrols.",
            "Will Japanese ships join patrols?",
        ),
        (
            "Investigators have not said whether the damage was deliberate.",
            "Was the damage deliberate?",
        ),
        (
            "It is unclear when lorries will be allowed through.",
            "When will lorries be allowed through?",
        ),
        ("Whether members will agree remains uncertain.", "Will members agree?"),
        (
            "The minister did not deny reports that Turkey had offered to inspect ships.",
            "Is it true that Turkey had offered to inspect ships?",
        ),
        (
            "He said their use was still up for discussion within the government.",
            "Will their use be agreed?",
        ),
        (
            "A senior official said a decision could come soon, possibly next week.",
            "Will a decision come soon?",
        ),
        (
            "Halvard declined to say whether it would offer to sell factories.",
            "Will Halvard offer to sell factories?",
        ),
        (
            "Indian officials said New Delhi was still in discussions with EU member states.",
            "Will New Delhi reach an agreement with EU member states?",
        ),
        (
            "Zoomly refused to rule out raising fares to cover the cost.",
            "Could Zoomly end up raising fares to cover the cost?",
        ),
        (
            "The ministry did not confirm reports that troops had crossed the border.",
            "Is it true that troops had crossed the border?",
        ),
        (
            "Laura Whitfield, speaking in Riyadh on Friday, urged Hamas to accept the deal.",
            "Will Hamas accept the deal?",
        ),
        (
            "Lawmakers said they would ask the Supreme Court to order a recount.",
            "Will the Supreme Court order a recount?",
        ),
        (
            "It is unclear whether candidate Luis Ortega, who won 11%, will endorse either "
            "finalist.",
            "Will candidate Luis Ortega endorse either finalist?",
        ),
    ],
)
def test_questions(sentence: str, question: str) -> None:
    assert question in [q for q, _ in find_questions(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Pentagon did not immediately respond to a request for comment.",
        "A spokesman said the matter was under consideration.",
    ],
)
def test_no_filler_questions(sentence: str) -> None:
    """Issue 12: no "How will X respond?" / "What will be decided about the issue?"."""
    assert find_questions(sentence) == []


def test_question_forms_and_ids() -> None:
    assert invert("whether", "the talks go ahead") == "Is it known whether the talks go ahead?"
    taken: set[str] = set()
    first = question_id("Will the Philippines actually use the missiles?", taken)
    assert first == "philippines-actually-use-missiles"
    assert question_id("Will the Philippines actually use the missiles?", taken) == first + "-2"


def test_questions_are_not_cut_mid_word_and_keep_determiners_lower_case() -> None:
    found = [
        q
        for q, _ in find_questions(
            "Officials said New Delhi was still in discussions with several EU member states "
            "and hoped a compromise could be found before the end of the year."
        )
    ]
    assert "Will New Delhi reach an agreement with several EU member states?" in found
    assert "Will a new round of talks take place?" in [
        q for q, _ in find_questions("A new round of talks has not been scheduled.")
    ]
