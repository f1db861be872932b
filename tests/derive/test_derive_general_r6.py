"""derive: rules stated by the linguistic pattern behind a miss, not by a writer's words.

Every sentence here is written for the test (none is copied from the fixtures); each
test names the general rule it checks.
"""

from __future__ import annotations

from briefing.derive.actors import ActorExtractor
from briefing.derive.doc import Doc
from briefing.derive.quotes import QuoteExtractor


def actors_of(*paragraphs: str):  # type: ignore[no-untyped-def]
    return ActorExtractor(list(paragraphs)).run()


def quotes_of(*paragraphs: str):  # type: ignore[no-untyped-def]
    actors = ActorExtractor(list(paragraphs)).run()
    return QuoteExtractor(Doc.build(list(paragraphs), actors)).run()


# --- 1. words inside a quote are the speaker's, not mentions of actors ----------------


def test_a_body_described_only_inside_a_quote_is_not_an_actor() -> None:
    actors = actors_of(
        "Finance Minister Lea Marsh spoke after Orrin Savings collapsed on Monday.",
        '"Nobody should lose a job for keeping wages at the wrong bank, and the savings '
        'committee knew it," Marsh said.',
    )
    assert set(actors) == {"lea-marsh"} | ({"orrin-savings"} & set(actors))


def test_a_name_only_inside_a_quote_is_not_an_actor_but_one_also_outside_is() -> None:
    actors = actors_of(
        "Tarnley Holdings lost its appeal, Finance Minister Lea Marsh said.",
        '"We will not bail out Tarnley Holdings or Quorra Freight," Marsh said.',
    )
    assert "tarnley-holdings" in actors
    assert "quorra-freight" not in actors


# --- 2. a firm named "X & Y", "X and Partners", "X, Y & Z LLP" is one name ---------------


def test_an_ampersand_joins_two_names_into_one_firm() -> None:
    actors = actors_of(
        "The receiver, the accounting firm Brandt & Kessler, said it had found a buyer.",
    )
    assert "brandt-kessler" in actors and actors["brandt-kessler"].kind == "organization"
    assert not {"brandt", "kessler"} & set(actors)


def test_three_names_with_a_comma_and_an_ampersand_are_one_firm() -> None:
    actors = actors_of("Lawyers at Moll, Tanaka & Reyes LLP said the claim would be filed.")
    firms = [a for a in actors.values() if a.kind == "organization"]
    assert [a.name for a in firms] == ["Moll, Tanaka & Reyes LLP"]
    assert all(a.kind != "person" for a in actors.values())


def test_and_before_a_firm_word_belongs_to_the_name() -> None:
    actors = actors_of("Quist and Partners, the advisers to the board, said the bid was fair.")
    assert "quist-and-partners" in actors
    assert "quist" not in actors


def test_and_between_two_people_still_separates_them() -> None:
    actors = actors_of("Finance Minister Lea Marsh and Senator Tomas Ruud met on Monday.")
    assert {"lea-marsh", "tomas-ruud"} <= set(actors)


# --- 3. a person's name used as a modifier, and a person described by an apposition -----


def test_a_surname_before_supporters_is_a_group_of_the_persons_supporters() -> None:
    actors = actors_of(
        "Opposition leader Mara Velk lost the vote on Sunday.",
        "Riot police dispersed thousands of Velk supporters outside the parliament.",
        "Velk loyalists blocked a road, and Velk said she would appeal.",
    )
    assert actors["mara-velk"].kind == "person"
    assert "velk" not in actors
    groups = {a.name for a in actors.values() if a.kind == "group"}
    assert "Velk supporters" in groups


def test_an_apposition_headed_by_a_role_noun_describes_a_person() -> None:
    # "central bank" is an organisation, but the phrase's head is "governor"
    actors = actors_of(
        "Opposition candidate Ilse Brandvik conceded nothing.",
        "The count gave 48% to Brandvik, a former central bank deputy governor who led "
        "the campaign, and 52% to the president.",
    )
    assert "brandvik" not in actors
    assert actors["ilse-brandvik"].kind == "person"


# --- 4. a lower-case reference to a named body folds into it ---------------------------


def test_a_lower_case_reference_folds_into_the_named_body_it_ends() -> None:
    actors = actors_of(
        "The result came a day after the broadcasting authority fined the station.",
        "The National Broadcasting Authority said on Friday that the fine stood.",
    )
    bodies = [a for a in actors.values() if a.kind == "organization"]
    assert [a.name for a in bodies] == ["National Broadcasting Authority"]
    assert "broadcasting authority" in bodies[0].aliases


def test_a_lower_case_body_with_another_head_noun_stays_apart() -> None:
    actors = actors_of(
        "The broadcasting council met on Monday.",
        "The National Broadcasting Authority said on Friday that the fine stood.",
    )
    assert {"broadcasting-council", "national-broadcasting-authority"} <= set(actors)


# --- 5. narration is not a position: the speaker is the subject of a speech verb ---------


def reported_of(*paragraphs: str):  # type: ignore[no-untyped-def]
    actors = ActorExtractor(list(paragraphs)).run()
    return QuoteExtractor(Doc.build(list(paragraphs), actors)).indirect()


def test_a_participle_used_as_an_adjective_is_no_statement() -> None:
    # "the disputed ridge": "disputed" describes the ridge, nobody disputes anything
    found = reported_of(
        "Norway recalled its envoy to Sweden on Monday after a clash on the disputed "
        "Tarn ridge killed two soldiers."
    )
    assert found == []


def test_a_coordinated_clause_with_its_own_subject_is_not_the_first_subjects() -> None:
    found = reported_of(
        "The Harbour Authority shut Orvel Savings Bank on Friday after a run on its "
        "deposits, and the government said it would guarantee savings."
    )
    wrong = {"orvel-savings-bank", "harbour-authority"}
    assert [q.speaker for q in found if q.speaker in wrong] == []


def test_a_relative_clause_with_its_own_subject_does_not_speak_for_the_antecedent() -> None:
    found = reported_of(
        "The rules take effect once the Kessel Trade Council publishes them, "
        "which traders said was expected on Monday."
    )
    assert [q.speaker for q in found] == []


def test_a_speech_verb_after_its_subject_still_reports_a_statement() -> None:
    found = reported_of(
        "The Kessel Trade Council said on Monday that the rules would take effect in May."
    )
    assert [q.speaker for q in found] == ["kessel-trade-council"]


# --- 6. timeline events are the narrator's dated events ----------------------------------


def timeline_of(*paragraphs: str) -> list[tuple[str, str]]:
    import datetime as dt

    from briefing.derive import derive
    from briefing.derive.extract_text import Article

    article = Article(
        list(paragraphs), title="Ferry operator halts crossings", date=dt.date(2036, 9, 10)
    )
    derived = derive(article, now=dt.datetime(2036, 9, 10, tzinfo=dt.UTC))
    return [(str(e.date), e.event) for e in derived.brief.timeline]


def test_a_date_inside_a_quote_is_the_speakers_not_an_event() -> None:
    events = timeline_of(
        "Skarn Ferries halted all crossings on Tuesday after a second engine fire.",
        '"A rule adopted in March is already too late for us," said Ilse Moor, who runs a '
        "bakery on the island.",
    )
    assert not any("rule adopted" in text for _, text in events)
    assert not any(date.startswith("2036-03") for date, _ in events)


def test_a_sentence_that_is_only_a_quote_is_no_event() -> None:
    events = timeline_of(
        "Skarn Ferries halted all crossings on Tuesday after a second engine fire.",
        '"If nothing sails by next week, the shops here will be empty.',
        'We cannot wait," said Ilse Moor, who runs a bakery on the island.',
    )
    assert all(not text.startswith(('"', "“")) for _, text in events)
    assert [d for d, _ in events] == ["2036-09-09"]


# --- 7a. a ministry is named with its country --------------------------------------------


def test_a_ministry_owned_by_a_country_is_named_with_the_countrys_demonym() -> None:
    actors = actors_of(
        "Dorvanian troops moved to the border on Monday.",
        "Dorvania's interior ministry said the move was routine.",
    )
    ministries = [a for a in actors.values() if "ministry" in a.name]
    assert [a.name for a in ministries] == ["Dorvanian interior ministry"]
    assert "Dorvania's interior ministry" in ministries[0].aliases


def test_an_unqualified_ministry_belongs_to_the_country_the_story_is_about() -> None:
    actors = actors_of(
        "Dorvania's parliament passed the budget on Monday, and Dorvanian unions called "
        "a strike. Dorvania's central bank raised rates.",
        "The finance ministry said the deficit would shrink.",
    )
    ministries = [a for a in actors.values() if "ministry" in a.name]
    assert [a.name for a in ministries] == ["Dorvanian finance ministry"]
    assert ministries[0].affiliation == "Dorvania"


def test_an_unqualified_ministry_stays_unqualified_between_two_equal_countries() -> None:
    actors = actors_of(
        "Dorvania and Kelmark traded accusations. Dorvanian and Kelmarki troops "
        "exchanged fire, and Dorvania's army and Kelmark's army both claimed victory.",
        "The finance ministry said the cost was not yet known.",
    )
    ministries = [a for a in actors.values() if "ministry" in a.name]
    assert [a.name for a in ministries] == ["finance ministry"]


def test_demonyms_in_ish_and_ian_after_a_consonant_mark_a_country() -> None:
    # "Brennish" -> Brennland (Finnish/Finland), "Ostrelian" -> Ostrel (Brazilian/Brazil)
    actors = actors_of(
        "Brennland blamed Ostrel for the attack. Brennish officials said Ostrelian "
        "hackers had been seen before, and Ostrel denied it.",
    )
    assert actors["brennland"].kind == "country"
    assert actors["ostrel"].kind == "country"


def test_a_plural_demonym_marks_a_country() -> None:
    actors = actors_of("Sarvians voted on Sunday. Sarvia's coalition held, and Sarvia rejoiced.")
    assert actors["sarvia"].kind == "country"


# --- 7b. "the government" is the government of the country the story is about ----------


def test_the_government_is_the_home_country_speaking() -> None:
    # the country is an actor of the story: its government is one of its names
    actors = actors_of(
        "Dorvania's central bank raised rates on Monday, and Dorvanian banks followed.",
        "The government said it would cut spending. Dorvania's parliament will vote.",
    )
    assert "government-of-dorvania" not in actors
    assert {"the government", "Government of Dorvania"} <= set(actors["dorvania"].aliases)


def test_a_countrys_possessive_government_is_that_countrys() -> None:
    actors = actors_of(
        "Kelmark's government and Dorvania's government met in Velgrad on Monday. "
        "Dorvania's government said talks were useful.",
    )
    assert {"government-of-kelmark", "government-of-dorvania"} <= set(actors)


def test_the_government_between_two_equal_countries_is_no_actor() -> None:
    actors = actors_of(
        "Dorvania and Kelmark traded accusations. Dorvanian and Kelmarki troops "
        "exchanged fire, and Dorvania's army and Kelmark's army both claimed victory.",
        "The government said the cost was not yet known.",
    )
    assert not [a for a in actors.values() if "overnment" in a.name]


def test_the_government_is_not_a_regional_government() -> None:
    quotes = quotes_of(
        "The prime minister's spokesman, Ivo Lind, said the government welcomed a \"clear "
        'and fair" ruling and urged the regional government to return to talks.',
    )
    assert [(q.text, q.speaker) for q in quotes] == [("clear and fair", "ivo-lind")]


# --- 7c. a refusal to comment is a position (stance unclear), as analysts record it ------


def test_declining_to_comment_is_a_position_of_the_one_who_declined() -> None:
    found = reported_of(
        "Orvel Savings Bank was closed on Friday.",
        "The Kessel Trade Council declined to comment on whether it would lend to savers.",
        "The Harbour Authority did not respond to a request for comment.",
    )
    assert [(q.speaker, q.how) for q in found] == [
        ("kessel-trade-council", "refusal"),
        ("harbour-authority", "refusal"),
    ]


def test_a_refusal_without_a_named_subject_is_nobodys_position() -> None:
    found = reported_of("Two banks were named as bidders; both declined to comment.")
    assert found == []


def test_a_name_after_a_described_group_with_a_plural_possessive_is_that_group() -> None:
    actors = actors_of(
        "Tarnvia's medicines regulator recalled the drug on Monday.",
        "A patients’ group, Heart Tarnvia, said the regulator had acted too late.",
    )
    assert actors["heart-tarnvia"].kind == "organization"
    assert actors["tarnvia"].kind == "country"


# --- 7d. more marks of a country the gazetteer does not know ----------------------------


def test_a_countrys_opposition_embassy_or_central_bank_marks_it() -> None:
    assert (
        actors_of("Morvesia’s opposition candidate filed a petition on Monday.")["morvesia"].kind
        == "country"
    )
    assert (
        actors_of("The National Bank of Estova raised rates, and Estova's banks followed.")[
            "estova"
        ].kind
        == "country"
    )


def test_the_governments_listed_after_governments_of_are_countries() -> None:
    actors = actors_of(
        "Three other governments, those of Astova, Felmark and Marrow, issued statements "
        "on Thursday backing the findings."
    )
    assert {actors[c].kind for c in ("astova", "felmark", "marrow")} == {"country"}


# --- 7e. an anonymous source is named by its phrase without the article -----------------


def test_an_anonymous_sources_phrase_is_an_alias_without_its_article() -> None:
    actors = actors_of(
        "Dorvania recalled its envoy. Talks had failed, a senior Dorvanian official said.",
    )
    groups = [a for a in actors.values() if a.kind == "group"]
    assert len(groups) == 1
    assert "senior Dorvanian official" in groups[0].aliases


def test_an_introductory_clause_of_time_is_an_event_of_its_own() -> None:
    events = timeline_of(
        "After floods in 2029 closed the line, the Tarn Rail Company agreed in 2031 to "
        "share the costs of repairs.",
    )
    dates = {d for d, _ in events}
    assert {"2029", "2031"} <= dates


def test_part_of_a_month_dates_the_month() -> None:
    import datetime as dt

    from briefing.derive.dates import DateResolver

    resolver = DateResolver(dt.date(2036, 4, 2))
    found = resolver.find("The two sides will meet again in the second half of May.")
    assert [h.value for h in found] == ["2036-05"]
    found = resolver.find("A decision is due in the last week of June.")
    assert [h.value for h in found] == ["2036-06"]


def test_a_clause_some_weeks_after_another_event_dates_that_event() -> None:
    events = timeline_of(
        "The Tarn Rail Company reopened the line last Saturday, several weeks after the "
        "first repair attempt failed in June.",
    )
    dates = {d for d, _ in events}
    assert {"2036-09-06", "2036-06"} <= dates


def test_a_description_ending_an_introductory_clause_does_not_describe_the_name() -> None:
    actors = actors_of(
        "Regional president Elin Varo lost the case on Monday.",
        'Asked whether she would defy the court, Varo said: "We will respect it."',
    )
    assert "varo" not in actors
    assert actors["elin-varo"].kind == "person"


def test_a_name_followed_by_who_or_an_age_is_a_person() -> None:
    actors = actors_of(
        "Tomasz Orvel, who leads the Green Left group in the assembly, called for a rally.",
        "Ilka Brandt, 52, joined the march on Sunday.",
    )
    assert actors["tomasz-orvel"].kind == "person"
    assert actors["ilka-brandt"].kind == "person"


def test_a_possessive_apposition_does_not_speak() -> None:
    quotes = quotes_of(
        "Regional president Elin Varo lost the case on Monday.",
        "Tomasz Orvel, who leads the Green Left group, Varo's junior coalition partner, "
        'called for a rally and said the ruling would "only make us stronger."',
    )
    assert [(q.text, q.speaker) for q in quotes] == [("only make us stronger.", "tomasz-orvel")]


def test_a_verb_after_and_shares_the_sentence_subject() -> None:
    quotes = quotes_of(
        "The monitors' head, former Kelmari president Lina Holt, said the count was slow.",
        "Government spokesman Aron Vik said the president had won and accused the "
        'opposition of trying to "win in court what it lost at the polls".',
    )
    assert [(q.text, q.speaker) for q in quotes] == [
        ("win in court what it lost at the polls", "aron-vik")
    ]


def test_a_countrys_army_is_an_organisation_named_with_the_country() -> None:
    actors = actors_of(
        "Dorvania's army said on Friday it had repelled an attack near the border.",
        "Dorvanian officials said the situation was calm.",
    )
    army = actors["dorvanian-army"]
    assert army.kind == "organization" and "Dorvania's army" in army.aliases


def test_an_army_without_its_country_is_no_actor() -> None:
    actors = actors_of("The army said on Friday it had repelled an attack near the border.")
    assert not [a for a in actors.values() if "army" in a.id]
