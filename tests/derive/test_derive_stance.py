"""Stance relative to the draft's topic (issue 12 item 2): contrast, conditions, hedges,
calls to action, retaliation, obstacles lifted, and the speaker's side of a measure.

Every sentence here is written for these tests (no fixture's wording)."""

from __future__ import annotations

import pytest

from briefing.derive.stance import stance
from briefing.derive.topics import Side, draft_topic, side_of, sides


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a call to action supports what it calls for
        ("The mayor called on the council to approve the bridge.", "supports"),
        ("Farmers called for a quick decision on the levy.", "supports"),
        # an obstacle lifted is support: "lift its opposition", "ease the restrictions"
        ("Partners urged the ministry to drop its objections to the scheme.", "supports"),
        # contrast: a concession with a demand after "but" is mixed
        ("We will keep flying to the island, but the timetable will have to change.", "mixed"),
        ("The vote was largely orderly but there are serious concerns about the count.", "mixed"),
        # conditional support
        ("We will sign only if the fishing quotas are raised.", "mixed"),
        ("Any accord must cover the northern valleys, not just the coast.", "mixed"),
        ("Our view is simple: first the guarantees, then the signatures.", "mixed"),
        # openness is not commitment
        ("The ministry was ready to discuss every proposal.", "mixed"),
        ("Lisbon would consider joining the scheme.", "mixed"),
        # retaliation and threats oppose
        ("If Oslo goes ahead, we will act to protect our fishermen.", "opposes"),
        ("Ankara would respond in a way that would be remembered.", "opposes"),
        ("He warned that the plan could have grave consequences for the region.", "opposes"),
        # criticism words
        ("She said the agency was weaponising the licence rules.", "opposes"),
        ("The ministry called the inquiry politically motivated.", "opposes"),
        ("The union said the decision was unfair to seasonal workers.", "opposes"),
        # permission, rights, no intention
        ("The coastguard should be allowed to board the trawlers.", "supports"),
        ("Fishermen have the right to defend their nets.", "supports"),
        ("We have no intention of closing the school.", "opposes"),
        ("Nothing should be ruled out when it comes to the new runway.", "supports"),
        ("The governor has long ruled out a second runway.", "opposes"),
        # an accepted deal with a refusal after "but"
        (
            "The mayor accepted the deal, but warned that the town would not recognise the new "
            "district.",
            "mixed",
        ),
        ("Today the workers won.", "supports"),
    ],
)
def test_stance_rules(sentence: str, expected: str) -> None:
    assert stance(sentence) == expected


def test_guarding_words_take_the_speakers_side_of_the_measure() -> None:
    guard = "We cannot let our orchards be ruined by cheap apples."
    assert stance(guard, side=Side.FOR) == "supports"
    assert stance(guard, side=Side.AGAINST) == "opposes"
    protect = "We will take steps to protect our growers."
    assert stance(protect, side=Side.AGAINST) == "opposes"
    assert stance(protect, side=Side.FOR) == "supports"


def test_the_measures_side_criticising_the_target_supports_the_measure() -> None:
    text = "Those who ignore the court will not be rewarded."
    assert stance(text, side=Side.FOR, topic="fine on the Velder mine") == "supports"
    # criticism of the measure itself stays opposition
    assert stance("The fine is a mistake.", side=Side.FOR, topic="fine on the mine") == "opposes"
    # a side member saying nothing for or against takes the side's stance
    assert stance("The figures speak for themselves.", side=Side.AGAINST) == "opposes"


def test_preferring_talks_to_a_measure_is_mixed() -> None:
    text = "Lisbon favoured a negotiated solution."
    assert stance(text, topic="tariff on Moravian wine") == "mixed"
    assert stance(text, topic="ferry timetable talks") == "supports"


@pytest.mark.parametrize(
    ("title", "topic", "proponent", "opponent"),
    [
        (
            "Norway threatens duties on Chilean salmon",
            "duties on Chilean salmon",
            "Norway",
            "Chilean",
        ),
        (
            "Regulator opens probe into Brevik's bid for Solvang",
            "Brevik's bid for Solvang",
            "Brevik",
            "Regulator",
        ),
        (
            "Court orders airline Skyra to refund passengers",
            "Skyra refunding passengers",
            "Court",
            "Skyra",
        ),
        (
            "Pacific bloc gives Morel junta two weeks to free prisoners",
            None,
            "Pacific bloc",
            "Morel junta",
        ),
        ("Heavy rain floods coastal towns", None, None, None),
    ],
)
def test_sides_of_a_headline(
    title: str, topic: str | None, proponent: str | None, opponent: str | None
) -> None:
    found = sides(title, topic)
    assert (found.proponent, found.opponent) == (proponent, opponent)


def test_speaker_side_from_name_role_affiliation_or_description() -> None:
    found = sides("Norway threatens duties on Chilean salmon", "duties on Chilean salmon")
    assert side_of(found, ["Erik Dahl", "Norway's fisheries minister"]) is Side.FOR
    assert side_of(found, ["Chilean officials", "Chile"]) is Side.AGAINST
    assert side_of(found, ["Ana Soto", "a spokeswoman for the government in Santiago"]) is (
        Side.AGAINST
    )
    assert side_of(found, ["Japan"]) is None
    junta = sides("Pacific bloc gives Morel junta two weeks to free prisoners", None)
    assert side_of(junta, ["Colonel Ari Tane, who leads the junta"]) is Side.AGAINST


# --- the draft's topic: a noun phrase for the matter, never the speaker ----------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Council votes to cut island ferry subsidy", "cutting island ferry subsidy"),
        (
            "Islanders rally behind island ferry subsidy as council weighs cuts",
            "island ferry subsidy",
        ),
        ("Lisbon and Madrid seal water deal as drought deepens", "water deal"),
        ("Canberra quietly clears Fiji to buy patrol boats", "Fiji buying patrol boats"),
        ("Dockworkers strike shuts Antwerp as union rejects offer", "dockworkers strike"),
        ("League chief urges clubs to cap ticket prices", "capping ticket prices"),
        ("Chile and Peru agree to reopen Tacna crossing", "reopening Tacna crossing"),
        (
            "Northsound Ferries cuts winter sailings to Hallow Island",
            "cutting winter sailings to Hallow Island",
        ),
        ("Mayor backs plan to close harbour school", "plan to close harbour school"),
        ("Greens and Liberals oppose coal mine in Valdor", "coal mine in Valdor"),
        ("Government to raise fuel duty in spring budget", "raising fuel duty"),
        ("EU envoy welcomes Serbia-Kosovo deal", "Serbia-Kosovo deal"),
        ("Strike at Velder mine enters third week", "strike at Velder mine"),
        (
            "Okafor says Ghana to build drone school for police pilots",
            "drone school for police pilots",
        ),
    ],
)
def test_topic_is_the_matter_of_the_headline(title: str, expected: str) -> None:
    names = ["Lisbon", "Madrid", "Canberra", "Northsound Ferries", "Chile", "Peru", "Okafor"]
    assert draft_topic(title, names) == expected


def test_topic_is_never_the_speaker_alone() -> None:
    assert draft_topic("Airline Skyra in talks", ["Skyra"]) is None or (
        draft_topic("Airline Skyra in talks", ["Skyra"]) != "airline Skyra"
    )


def test_summary_names_no_stance_on_a_disaster_and_no_article_before_a_gerund() -> None:
    from briefing.derive.sentences import split_sentences
    from briefing.derive.summary import summarise

    paragraphs = ["A strong storm hit the northern coast on Monday, cutting power to towns."]
    sentences = [split_sentences(p, i) for i, p in enumerate(paragraphs)]
    stances = [("The mayor", "supports"), ("The governor", "supports")]
    assert "support" not in summarise(sentences, paragraphs, stances, "strong storm")
    text = summarise(sentences, paragraphs, stances, "reopening Tacna crossing")
    assert "support reopening Tacna crossing." in text


# --- actor kinds: companies are organisations -------------------------------------------


def _kinds(*paragraphs: str) -> dict[str, str]:
    import datetime as dt

    from briefing.derive import Article, derive

    derived = derive(
        Article(paragraphs=list(paragraphs), date=dt.date(2034, 2, 2)),
        now=dt.datetime(2034, 2, 3, tzinfo=dt.UTC),
    )
    return {a.name: a.kind.value for a in derived.brief.actors}


def test_a_company_name_is_an_organisation_not_a_person() -> None:
    kinds = _kinds(
        "Kestrel Ferries said on Monday it would cut winter sailings to Skarra Island.",
        "Harbour Freight Lines declined to comment. Islanders' leader Morag Baird said the "
        "cut would leave families stranded.",
    )
    assert kinds["Kestrel Ferries"] == "organization"
    assert kinds["Morag Baird"] == "person"


def test_a_name_spoken_of_as_it_is_an_organisation() -> None:
    kinds = _kinds(
        "Skyra Ventana said it would appeal against the ruling, and Tomas Reyes, a driver, "
        "said he was relieved.",
        "Skyra Ventana's board will meet on Friday.",
    )
    assert kinds["Skyra Ventana"] == "organization"
    assert kinds["Tomas Reyes"] == "person"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a cue inside a name is no cue
        ("The leader of the Progressive Union said the budget was cut twice.", "unclear"),
        ("The tenants' group Fair Rent Kallund said the minister had no answer.", "unclear"),
        # what is left open states no stance
        ("The mayor declined to say whether he would support the levy.", "unclear"),
        # "no one had been threatened"
        ("She said no one had been threatened at the meetings.", "supports"),
        # nouns are not the verb's cue
        ("Attendance at the sessions was voluntary.", "unclear"),
        ("Protesters gathered outside the ministry.", "unclear"),
        # worry and dismay oppose
        ("He worries that the fees will eat the difference.", "opposes"),
        ("The group said it was astonished by the decision.", "opposes"),
    ],
)
def test_stance_cues_in_context(sentence: str, expected: str) -> None:
    assert stance(sentence) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Inside the Kallund mill, a strike vote that could spread", "strike vote"),
        ("Mora and Tessin clash on taxes and pensions in final radio debate", "taxes and pensions"),
        ("Harbour pilots' chief says no sailing until storm review finds cause", "sailing"),
        ("Dozens flee as floods reach Varn; ministry defends warning delay", "floods"),
        (
            "Kallund refuses national housing quota plan, heads for court",
            "national housing quota plan",
        ),
        ("Mayor defends closing the pier as council weigh inquiry", "closing the pier"),
        (
            "Ostra warns Velmar over second diversion of Tarn river",
            "second diversion of Tarn river",
        ),
    ],
)
def test_topic_from_more_headline_shapes(title: str, expected: str) -> None:
    assert draft_topic(title, ["Mora", "Tessin", "Kallund", "Ostra", "Velmar"]) == expected


@pytest.mark.parametrize(
    ("title", "proponent", "opponent"),
    [
        ("Ostra threatens port ban as Velmar raises its own quota", "Ostra", "Velmar"),
        ("Kallund refuses national housing quota plan, heads for court", None, "Kallund"),
        ("Ostra warns Velmar over second diversion of Tarn river", "Velmar", "Ostra"),
    ],
)
def test_sides_from_more_headline_shapes(
    title: str, proponent: str | None, opponent: str | None
) -> None:
    names = ["Ostra", "Velmar", "Kallund"]
    found = sides(title, draft_topic(title, names), names)
    assert (found.proponent, found.opponent) == (proponent, opponent)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The mayor shot back that the figures had been checked twice.", "opposes"),
        ("She urged the council not to back down.", "supports"),
        ("A toll would hurt the harbour's small traders.", "opposes"),
        ("The new road would not significantly harm the wetlands.", "supports"),
        ("He said he would not let a board in Kallund decide the school's future.", "opposes"),
        # "asked whether …" leaves the question open; the answer after the comma counts
        ("Asked whether the plan was legal, she said lawyers were confident it was.", "supports"),
        ("Asked whether he would back the plan, he said he would wait.", "unclear"),
        # conceding a downside is mixed
        (
            "He welcomed the levy, though he acknowledged it could hurt small traders.",
            "mixed",
        ),
    ],
)
def test_stance_retorts_harm_and_concessions(sentence: str, expected: str) -> None:
    assert stance(sentence) == expected


def test_the_targets_side_backing_its_own_cause_opposes_the_measure() -> None:
    text = "We will always support our fishermen."
    assert stance(text, side=Side.AGAINST, topic="port ban on Velmar trawlers") == "opposes"
    assert stance("We support the port ban.", side=Side.AGAINST, topic="port ban") == "supports"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("She would ask the council to bar trucks from the old bridge.", "opposes"),
        ("They met in a bar near the harbour.", "unclear"),
        ("He said the ministry had spent a year ignoring the islands.", "opposes"),
    ],
)
def test_barring_and_ignoring_oppose(sentence: str, expected: str) -> None:
    assert stance(sentence) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Council backs island ferry subsidy for another year", "island ferry subsidy"),
        ("Minister defends island ferry subsidy as costs soar", "island ferry subsidy"),
        ("Hallow islanders fight to keep ferry subsidy", "keeping ferry subsidy"),
        (
            "Regional council to scrap island ferry subsidy in 2035 budget",
            "scrapping island ferry subsidy",
        ),
        ("Residents protest cut to island ferry subsidy", "cut to island ferry subsidy"),
    ],
)
def test_topic_is_the_whole_issue_not_a_piece_of_it(title: str, expected: str) -> None:
    assert draft_topic(title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Kestrel Ferries cuts winter sailings to Skarra Island",
            "cutting winter sailings to Skarra Island",
        ),
        ("Ministry scraps bus subsidy for rural routes", "scrapping bus subsidy for rural routes"),
        ("Airline slashes fares on northern routes", "slashing fares on northern routes"),
    ],
)
def test_a_change_is_the_matter(title: str, expected: str) -> None:
    assert draft_topic(title, ["Kestrel Ferries"]) == expected


def test_leaving_people_stranded_opposes() -> None:
    assert stance("The cut would leave families stranded on the island.") == "opposes"


def test_display_names_in_the_summary() -> None:
    from briefing.derive.actors import Actor
    from briefing.derive.draft import _display_name

    assert _display_name(Actor("eu", "European Union", "organization")) == "the European Union"
    assert _display_name(Actor("hg", "Halvard Group", "organization")) == "the Halvard Group"
    assert _display_name(Actor("nk", "Norsk Kabel", "organization")) == "Norsk Kabel"
    assert _display_name(Actor("anon", "Anonymous officials", "group")) == "anonymous officials"
