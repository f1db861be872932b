"""derive: how wire stories name people and bodies, generalised beyond the tuned writers.

Every sentence here is written for the test; each test names the pattern it checks.
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


def names(actors) -> set[str]:  # type: ignore[no-untyped-def]
    return {a.name for a in actors.values()}


# --- people ------------------------------------------------------------------------------


def test_two_people_sharing_a_surname_stay_two() -> None:
    actors = actors_of(
        "Finance Minister Orla Brenn said the budget would balance.",
        "Board member Kasper Brenn, her cousin, voted against the plan.",
    )
    assert {"orla-brenn", "kasper-brenn"} <= set(actors)
    assert "Kasper Brenn" not in actors["orla-brenn"].aliases


def test_a_lower_case_member_title_marks_a_person() -> None:
    actors = actors_of("The vote was close. External member Ingrid Talvo backed a cut.")
    person = actors["ingrid-talvo"]
    assert person.kind == "person" and person.role == "External member"


def test_a_given_name_that_is_also_a_word_after_an_apposed_role() -> None:
    # "Per" is an ordinary word ("per cent"), but here it opens a name
    actors = actors_of(
        "The Dunmore Growers Association said the rules were unclear. "
        '"We need answers," its chairman, Per Lindahl, said.'
    )
    assert actors["per-lindahl"].role == "chairman"
    assert actors["per-lindahl"].affiliation == "Dunmore Growers Association"


# --- organisations -----------------------------------------------------------------------


def test_a_name_led_by_an_acronym_is_an_organisation() -> None:
    actors = actors_of("Workers at the mill, led by GMB Northfold, said the deal was poor.")
    assert actors["gmb-northfold"].kind == "organization"
    assert all(a.kind != "person" for a in actors.values())


def test_a_title_written_as_an_acronym_still_precedes_a_person() -> None:
    actors = actors_of("MP Rosa Quint said the bill would pass.")
    assert actors["rosa-quint"].kind == "person"


def test_an_acronym_joins_the_organisation_whose_initials_it_spells() -> None:
    actors = actors_of(
        "The Harbour Pilots Guild said it would appeal.",
        "An HPG lawyer said the appeal would be filed on Friday, and HPG members agreed.",
    )
    assert "hpg" not in actors
    assert "HPG" in actors["harbour-pilots-guild"].aliases


def test_an_acronym_may_leave_out_the_place_before_the_name() -> None:
    actors = actors_of(
        "The Tarvel Independent Growers Union called a strike.",
        "IGU leaders said the strike would last a week.",
    )
    assert "igu" not in actors
    assert "IGU" in actors["tarvel-independent-growers-union"].aliases


def test_and_with_a_portfolio_stays_inside_a_ministry_name() -> None:
    actors = actors_of("The Ministry of Energy and Mining said the licence was suspended.")
    assert "ministry-of-energy-and-mining" in actors
    assert "Mining" not in names(actors)


def test_and_with_another_body_after_a_ministry_is_two_actors() -> None:
    actors = actors_of("The Ministry of Energy and Hamas both said they were ready.")
    assert "ministry-of-energy" in actors


def test_of_joins_a_chamber_and_its_domain() -> None:
    actors = actors_of("The Orvik Chamber of Commerce said shops lost money.")
    assert "orvik-chamber-of-commerce" in actors
    assert "Commerce" not in names(actors)


def test_and_inside_a_sentence_initial_organisation_name() -> None:
    actors = actors_of("The Fair Trading and Consumer Office opened a case on Monday.")
    assert "fair-trading-and-consumer-office" in actors


# --- countries ---------------------------------------------------------------------------


def test_a_country_known_by_its_own_supreme_court() -> None:
    actors = actors_of("Ostmark's Supreme Court on Friday rejected the appeal of the firm.")
    assert actors["ostmark"].kind == "country"


def test_a_demonym_in_an_for_a_country_in_o() -> None:
    actors = actors_of(
        "Exports to Belaro were suspended.", "The Belaran government called it unfair."
    )
    assert actors["belaro"].kind == "country"


# --- quotes ------------------------------------------------------------------------------


def test_verb_first_attribution_with_a_role_in_apposition() -> None:
    quotes = quotes_of(
        "The Coastal Anglers Alliance, which has 900 members, said the quota was too low. "
        '"We want fairness, not favours," said its director, Mira Sandvik.'
    )
    quote = next(q for q in quotes if q.text.startswith("We want fairness"))
    assert quote.speaker == "mira-sandvik"


# --- bodies named without an organisation word -------------------------------------------


def test_a_run_the_article_calls_it_is_an_organisation() -> None:
    # "Borders" belongs to a lexicon name, so no person's name is left in the run
    actors = actors_of("Nurses Without Borders said its clinic in Ostra was full.")
    assert actors["nurses-without-borders"].kind == "organization"


def test_a_run_introduced_by_an_organisation_noun_is_an_organisation() -> None:
    # "First" is also a title word ("First Minister"), so no name is left in the run
    actors = actors_of("The business group Harbour First, which speaks for shops, said so.")
    assert actors["harbour-first"].kind == "organization"


def test_titles_alone_never_make_an_organisation() -> None:
    actors = actors_of("Mara Lind is the new premier. The Prime Minister said it would pass.")
    assert all(a.kind != "organization" for a in actors.values())


def test_a_studio_in_apposition_is_an_organisation() -> None:
    actors = actors_of("The complaint came from Pixelgrove, a small games studio, last year.")
    assert actors["pixelgrove"].kind == "organization"


def test_a_court_named_with_its_city_and_its_spokesman() -> None:
    paragraphs = [
        "Greenline asked the Regional Court in Malvik to annul the permit. "
        "A court spokesman said on Monday that the judges would rule in June."
    ]
    actors = ActorExtractor(paragraphs).run()
    assert "regional-court-in-malvik" in actors
    statements = QuoteExtractor(Doc.build(paragraphs, actors)).indirect()
    said = [q for q in statements if "judges would rule" in paragraphs[0][q.start : q.end]]
    assert said and said[0].speaker == "regional-court-in-malvik"


def test_a_union_branch_keeps_its_number() -> None:
    actors = actors_of("GWU Local 14 said it would fight any pay freeze.")
    assert "gwu-local-14" in actors


# --- unnamed speakers --------------------------------------------------------------------


def test_an_unnamed_spokesman_speaks_for_the_body_of_his_sentence() -> None:
    quotes = quotes_of(
        "Tern Air was fined on Monday by the Civil Aviation Board.",
        'Asked whether the airline would appeal, the spokesman said: "We will decide soon."',
    )
    quote = next(q for q in quotes if q.text.startswith("We will decide"))
    assert quote.speaker == "tern-air"


def test_a_spokesman_after_a_company_s_statement_speaks_for_it() -> None:
    quotes = quotes_of(
        "Halcrest Logistics won the port. Halcrest Logistics will pay 900 million crowns.",
        "Brontide Shipping, whose bid came second, said it offered more and asked how the "
        'ministry scored the bids. A spokesman said the company was "weighing every option."',
    )
    quote = next(q for q in quotes if q.text.startswith("weighing"))
    assert quote.speaker == "brontide-shipping"


def test_the_company_is_the_business_named_earlier_in_its_paragraph() -> None:
    actors = actors_of(
        "Halcrest Logistics won the concession. Halcrest Logistics will pay 900 million. "
        "Halcrest Logistics said the deal was fair.",
        "Ostrava Shipping came second. Its chairman said the company would appeal.",
    )
    lines = actors["ostrava-shipping"]
    assert any(m.text == "the company" for m in lines.mentions)


def test_one_described_unnamed_source_is_an_actor_of_its_own() -> None:
    actors = actors_of(
        "The coalition is split. A coalition official said talks were under way.",
        "Lawyers are ready to sue, a person familiar with the matter said.",
    )
    assert actors["coalition-official-anonymous"].kind == "group"
    assert "person-familiar-with-the-matter-anonymous" in actors


def test_a_qualified_official_still_joins_the_officials_of_its_country() -> None:
    actors = actors_of("U.S. officials said talks stalled. One U.S. official said so again.")
    assert [a.id for a in actors.values() if a.kind == "group"] == ["us-officials"]


def test_reported_speech_after_an_unnamed_source_is_the_sources() -> None:
    paragraphs = ["Arlo Bank is preparing a bid, a person close to the deal said."]
    actors = ActorExtractor(paragraphs).run()
    statements = QuoteExtractor(Doc.build(paragraphs, actors)).indirect()
    assert statements and statements[0].speaker == "person-close-to-the-deal-anonymous"


# --- lower-case bodies -------------------------------------------------------------------


def test_a_body_described_in_lower_case_is_an_organisation() -> None:
    actors = actors_of(
        "The monetary policy committee voted 6-1 to hold rates, and the committee said "
        "prices were easing.",
        "The regional water authority said it would ration supply.",
    )
    committee = actors["monetary-policy-committee"]
    assert committee.kind == "organization"
    assert any(m.text == "the committee" for m in committee.mentions)
    assert actors["regional-water-authority"].kind == "organization"


def test_a_lower_case_description_the_text_goes_on_to_name_is_not_an_actor() -> None:
    actors = actors_of(
        "The main farmers federation, BLF, called a protest. The largest federation said "
        "nothing, and the federation of growers stayed away."
    )
    assert "main-farmers-federation" not in actors
    assert not any(a.name.startswith(("largest", "main")) for a in actors.values())


def test_function_words_never_describe_a_body() -> None:
    actors = actors_of("He said the grounds that the authority gave were thin.")
    assert not any("authority" in a.id for a in actors.values())


# --- affiliations and countries ----------------------------------------------------------


def test_an_organisation_named_in_a_title_is_the_affiliation() -> None:
    actors = actors_of(
        "The main union confederation, FSO, called a strike. FSO leader Anna Berg said "
        "workers were ready."
    )
    assert actors["anna-berg"].affiliation == "FSO"


def test_a_country_the_gazetteer_lacks_known_by_its_president_and_as_a_place() -> None:
    actors = actors_of("Varnia President Ivo Dan said the floods in Varnia had receded.")
    assert actors["varnia"].kind == "country"
    assert actors["ivo-dan"].affiliation == "Varnia"


def test_a_company_with_a_president_is_not_a_country() -> None:
    actors = actors_of("Calder President Ivo Dan said profits at Calder rose.")
    assert all(a.kind != "country" for a in actors.values())


def test_a_country_after_a_host_city_is_only_a_place() -> None:
    from briefing.derive import derive_guarded
    from briefing.derive.extract_text import from_text

    article = from_text(
        "title: Summit ends\ndate: 2036-03-01\n\n"
        "The summit in Porto, Portugal, ended on Friday. Varnia President Ivo Dan said the "
        "talks in Varnia next month would be harder."
    )
    brief = derive_guarded(article, "test").brief
    assert "portugal" not in {a.id for a in brief.actors}


def test_the_organisation_after_of_is_the_speakers_and_stays_in_the_story() -> None:
    actors = actors_of('"Prices will rise," said Oskar Vell of the Northern Tenants\' Association.')
    assert actors["oskar-vell"].affiliation == "Northern Tenants' Association"
    association = actors["northern-tenants-association"]
    assert association.score() >= 2  # named once, but its man speaks: the draft keeps it


def test_a_saints_name_with_its_possessive_opens_an_organisation_name() -> None:
    actors = actors_of("Nurses at St. Brendan's Children Hospital walked out on Monday.")
    assert "st-brendans-children-hospital" in actors


def test_a_place_name_before_a_title_word_that_speaks_is_an_organisation() -> None:
    actors = actors_of(
        "Lowfield General said the ward would close. The Attorney General said no more."
    )
    assert actors["lowfield-general"].kind == "organization"
    assert not any("attorney" in a.id for a in actors.values())


# --- described speakers ------------------------------------------------------------------


def test_his_spokesman_speaks_for_the_person_named_before() -> None:
    quotes = quotes_of(
        "Premier Alva Rusk did not comment. His spokesman said only that the cabinet "
        '"stands behind the minister" and would say no more.'
    )
    quote = next(q for q in quotes if q.text.startswith("stands behind"))
    assert quote.speaker == "alva-rusk" and quote.attribution == "spokesperson"


def test_a_person_described_by_age_is_the_person_named_before() -> None:
    quotes = quotes_of(
        "Dr. Ines Varga, the clinic's director, said staff were tired. The 61-year-old "
        'surgeon told colleagues that the choice was "closure or collapse," and left.'
    )
    quote = next(q for q in quotes if q.text.startswith("closure"))
    assert quote.speaker == "ines-varga"


def test_a_speech_verb_after_and_belongs_to_the_sentence_subject() -> None:
    quotes = quotes_of(
        "Envoy Tomas Reel, who led the delegation, spoke after the talks. He blamed the "
        'Coastal Front for the delay, and said his side would not free "anyone who bombed '
        'a school" before a truce.'
    )
    quote = next(q for q in quotes if q.text.startswith("anyone who"))
    assert quote.speaker == "tomas-reel"


def test_a_countrys_embassy_in_a_city_and_the_embassy_after_it() -> None:
    quotes = quotes_of(
        "Belaro's embassy in Lund rejected the report. In a statement, the embassy said "
        'its troops "never fired on civilians" that day.'
    )
    quote = next(q for q in quotes if q.text.startswith("never fired"))
    assert quote.speaker == "belaros-embassy-in-lund"
    assert "embassy" not in actors_of("The embassy said nothing.")


def test_a_party_closing_a_persons_apposition_does_not_speak() -> None:
    actors = actors_of(
        "Ada Quist, a member of parliament from the opposition Harbour Party, called the "
        'plan "a giveaway" on Monday.'
    )
    party = actors["harbour-party"]
    assert party.score() < 2  # named once, in her description: not kept on its own
    assert actors["ada-quist"].affiliation == "Harbour Party"


def test_a_party_its_leader_leads_still_speaks_through_him() -> None:
    actors = actors_of(
        "Leo Brand, who leads the opposition Harbour Party, called the plan a giveaway."
    )
    assert actors["harbour-party"].score() >= 2


def test_a_body_the_story_sees_created_is_an_actor_with_a() -> None:
    actors = actors_of(
        "The agency named a three-member review panel on Monday. The panel will report in May."
    )
    panel = actors["three-member-review-panel"]
    assert panel.kind == "organization"
    assert any(m.text == "The panel" for m in panel.mentions)


def test_a_numbered_product_owns_its_inquiry_board() -> None:
    actors = actors_of("The Kestrel-2 inquiry board said it had found a faulty valve.")
    assert "kestrel-2-inquiry-board" in actors


def test_anonymous_officials_never_take_a_library_groups_id() -> None:
    known = [("us-officials", "U.S. officials", ("Anonymous officials", "officials"))]
    paragraphs = ["Officials said the road to the coast would reopen on Friday."]
    actors = ActorExtractor(paragraphs, known_actors=known).run()
    assert "us-officials" not in actors
    assert "anonymous-officials" in actors


def test_a_kind_of_group_that_speaks_as_one_is_an_actor() -> None:
    actors = actors_of(
        "Farm groups warned that the levy would close small dairies. Some groups said "
        "nothing. The plan, rights campaigners said, was unlawful."
    )
    assert actors["farm-groups"].kind == "group"
    assert "rights-campaigners" in actors
    assert "some-groups" not in actors


def test_what_the_writer_says_an_acronym_is_lets_the_union_name_it() -> None:
    quotes = quotes_of(
        "The largest dockers' confederation, HDK, called a strike for Monday.",
        'On Tuesday the union said the talks had failed. "We are ready," the confederation said.',
    )
    assert {q.speaker for q in quotes} == {"hdk"}
    actors = actors_of(
        "The largest dockers' confederation, HDK, called a strike for Monday.",
        "On Tuesday the union said the talks had failed.",
    )
    assert any(m.text == "the union" for m in actors["hdk"].mentions)


def test_an_acronym_spells_a_name_found_without_evidence() -> None:
    actors = actors_of(
        "The board of Orvik Harbour Transit voted on Monday to raise fares.",
        "OHT's chief executive, Lise Dahl, told the board the money had run out.",
    )
    transit = actors["orvik-harbour-transit"]
    assert transit.kind == "organization" and "OHT" in transit.aliases
    assert actors["lise-dahl"].affiliation == "Orvik Harbour Transit"
