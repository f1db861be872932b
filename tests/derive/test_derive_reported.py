"""derive: positions from reported speech (issue 12 item 3).

Wire stories report most of what actors want without quoting them. Every sentence here
is written for the test; each test names the shape it checks.
"""

from __future__ import annotations

from briefing.derive.actors import ActorExtractor
from briefing.derive.doc import Doc
from briefing.derive.quotes import QuoteExtractor
from briefing.derive.speakers import Quote


def reported(*paragraphs: str) -> tuple[list[str], list[Quote]]:
    actors = ActorExtractor(list(paragraphs)).run()
    return list(paragraphs), QuoteExtractor(Doc.build(list(paragraphs), actors)).indirect()


def said(paragraphs: list[str], statements: list[Quote], words: str) -> list[Quote]:
    """The statements whose clause contains ``words``."""
    return [s for s in statements if words in paragraphs[s.para][s.start : s.end]]


def test_what_a_country_wants_is_its_position() -> None:
    paragraphs, statements = reported(
        "Portugal wants a binding cap on emissions from the smelters by 2030."
    )
    hit = said(paragraphs, statements, "binding cap")
    assert hit and hit[0].speaker == "portugal"
    assert hit[0].text == "" and hit[0].attribution == "reported"


def test_two_sides_in_one_sentence_each_get_their_statement() -> None:
    paragraphs, statements = reported(
        "Talks between Spain and Morocco stalled in March. Spain is demanding full "
        "access to the fishing grounds; Morocco has offered a three-year trial instead."
    )
    demand = said(paragraphs, statements, "full access")
    offer = said(paragraphs, statements, "three-year trial")
    assert demand and demand[0].speaker == "spain"
    assert offer and offer[0].speaker == "morocco"


def test_disputing_recommending_and_challenging_are_statements() -> None:
    paragraphs, statements = reported(
        "The Velmar Port Authority recommended closing the old pier. "
        "The Velmar Ferry Company disputes the safety figures. "
        "Mayor Odile Brandt has challenged the authority to publish its survey."
    )
    authority = said(paragraphs, statements, "closing the old pier")
    assert authority[0].speaker == "velmar-port-authority"
    assert said(paragraphs, statements, "safety figures")[0].speaker == "velmar-ferry-company"
    assert said(paragraphs, statements, "publish its survey")[0].speaker == "odile-brandt"


def test_a_named_person_reported_without_quotes_is_reported_not_on_record() -> None:
    paragraphs, statements = reported(
        "Finance Minister Tomas Varga said the budget would be balanced by next year."
    )
    hit = said(paragraphs, statements, "balanced")
    assert hit and hit[0].speaker == "tomas-varga" and hit[0].attribution == "reported"


def test_an_anonymous_official_stays_anonymous() -> None:
    paragraphs, statements = reported(
        "Eskovia will send a delegation to the talks, two Eskovian officials said."
    )
    hit = said(paragraphs, statements, "delegation")
    assert hit and hit[0].attribution == "anonymous-official"


def test_a_spokesperson_for_a_body_speaks_for_the_body() -> None:
    paragraphs, statements = reported(
        "The Velmar Ferry Company runs four boats. A spokeswoman for the Velmar Ferry "
        "Company said the timetable would not change before winter."
    )
    hit = said(paragraphs, statements, "timetable")
    assert hit and hit[0].speaker == "velmar-ferry-company"
    assert hit[0].attribution == "spokesperson"


def test_an_office_statement_goes_to_the_person_whose_office_it_is() -> None:
    paragraphs, statements = reported(
        "Governor Ilse Marten faces a recall vote. Marten's office said in a statement "
        "that she would not resign."
    )
    hit = said(paragraphs, statements, "not resign")
    assert hit and hit[0].speaker == "ilse-marten"


def test_accusing_and_urging_are_statements() -> None:
    paragraphs, statements = reported(
        "The Velmar Dockers' Union accused the Harbour Authority of Velmar of hiding the "
        "survey. The union urged members to stay off the pier."
    )
    assert said(paragraphs, statements, "hiding the survey")[0].speaker == ("velmar-dockers-union")


def test_declining_to_comment_is_a_statement_of_refusal() -> None:
    # an analyst records who would not comment (stance unclear); it used to be dropped
    paragraphs, statements = reported("The Velmar Ferry Company declined to comment on the survey.")
    assert [q.how for q in said(paragraphs, statements, "survey")] == ["refusal"]


def test_a_body_with_a_relative_clause_before_has_recommended() -> None:
    paragraphs, statements = reported(
        "The Velmar Port Authority, which runs the harbour, has recommended a ban on "
        "night crossings."
    )
    hit = said(paragraphs, statements, "night crossings")
    assert hit and hit[0].speaker == "velmar-port-authority"


def test_a_coordinated_clause_naming_another_body_is_its_statement() -> None:
    paragraphs, statements = reported(
        "Mayor Odile Brandt backed the ban, and the Velmar Ferry Company said it would "
        "cut the evening timetable."
    )
    assert said(paragraphs, statements, "backed the ban")[0].speaker == "odile-brandt"
    ferry = said(paragraphs, statements, "evening timetable")
    assert ferry and ferry[0].speaker == "velmar-ferry-company"


def test_present_tense_insists_is_a_statement() -> None:
    paragraphs, statements = reported(
        "Portugal wants the quota cut first; Spain insists that the survey come first."
    )
    hit = said(paragraphs, statements, "survey come first")
    assert hit and hit[0].speaker == "spain"


def test_a_clause_after_a_quote_reports_another_actor() -> None:
    paragraphs, statements = reported(
        'Mayor Odile Brandt said the ban was "long overdue," while the opposition '
        "Velmar Ferry Company urged her to delay it until spring."
    )
    assert not said(paragraphs, statements, "long overdue")  # the quote is her statement
    hit = said(paragraphs, statements, "delay it")
    assert hit and hit[0].speaker == "velmar-ferry-company"


def test_a_vote_and_an_ongoing_call_are_positions() -> None:
    paragraphs, statements = reported(
        "The Velmar Ferry Company voted against the harbour levy. "
        "The Velmar Port Authority is calling for a new survey of the pier."
    )
    vote = said(paragraphs, statements, "harbour levy")
    assert vote and vote[0].speaker == "velmar-ferry-company"
    assert vote[0].attribution == "reported"
    call = said(paragraphs, statements, "new survey")
    assert call and call[0].speaker == "velmar-port-authority"
