"""derive: actors introduced the many ways journalists write them (third writer's stories).

Sentences are written for these tests; each names the linguistic pattern it checks.
"""

from __future__ import annotations

from briefing.derive.actors import ActorExtractor


def actors_of(*paragraphs: str):  # type: ignore[no-untyped-def]
    return ActorExtractor(list(paragraphs)).run()


def names(actors) -> set[str]:  # type: ignore[no-untyped-def]
    return {a.name for a in actors.values()}


# --- organisation names ------------------------------------------------------------------


def test_plural_possessive_inside_an_organisation_name() -> None:
    actors = actors_of(
        "The Norland Nurses' Federation said on Monday it would strike.",
        "Members of the Valley Fishermen's Association voted to join them.",
    )
    assert "norland-nurses-federation" in actors
    assert actors["norland-nurses-federation"].kind == "organization"
    assert "valley-fishermens-association" in actors
    assert not {"Norland Nurses", "Nurses", "Valley Fishermen"} & names(actors)


def test_and_inside_an_organisation_name_after_the() -> None:
    actors = actors_of("Staff will vote on whether the Transport and Port Workers Union may act.")
    assert "transport-and-port-workers-union" in actors
    assert "port-workers-union" not in actors


def test_sentence_initial_the_before_an_of_organisation() -> None:
    actors = actors_of("The Association of Harbour Pilots said it backed the plan.")
    assert "association-of-harbour-pilots" in actors
    assert all(a.kind != "person" for a in actors.values())


def test_university_is_an_organisation_head() -> None:
    actors = actors_of("Officials at Brenton University said the campus would stay shut.")
    assert actors["brenton-university"].kind == "organization"


def test_the_agency_later_is_a_mention_of_the_named_agency() -> None:
    actors = actors_of(
        "The Norvik Space Agency said the launch had failed.",
        "The agency will publish its findings in July, and the agency's director resigned.",
    )
    agency = actors["norvik-space-agency"]
    assert len(agency.mentions) >= 2
    assert "the agency" in [a.lower() for a in agency.aliases]


def test_the_union_goes_to_the_union_named_last_before_it() -> None:
    actors = actors_of(
        "The Harbour Workers Union called a strike. The Pilots' Federation did not.",
        "The union said the strike would last a week.",
    )
    union = actors["harbour-workers-union"]
    assert any(m.text.lower() == "the union" for m in union.mentions)


# --- countries the gazetteer does not know --------------------------------------------


def test_country_known_by_its_demonym() -> None:
    actors = actors_of(
        "Korvania said on Monday it would close its border.",
        "The Korvanian government blamed smugglers.",
    )
    assert actors["korvania"].kind == "country"
    assert "Korvanian" not in names(actors)


def test_country_known_by_its_government_or_minister() -> None:
    actors = actors_of(
        "Talmark's government rejected the offer, and Talmark Trade Minister Jon Eide said "
        "the talks were over.",
    )
    assert actors["talmark"].kind == "country"
    assert actors["jon-eide"].kind == "person"


def test_the_government_of_a_country() -> None:
    actors = actors_of("The government of Norvale will hold a referendum in May.")
    assert actors["norvale"].kind == "country"


def test_a_person_is_not_made_a_country() -> None:
    actors = actors_of(
        "Anna Berg, the Lusian interior minister, said the plan would go ahead.",
        "Berg's government has a narrow majority.",
    )
    assert actors["anna-berg"].kind == "person"
    assert "berg" not in actors


def test_city_without_country_cues_is_not_a_country() -> None:
    actors = actors_of("Crowds gathered in Ostgard on Sunday, and Ostgard's mayor spoke.")
    assert all(a.kind != "country" for a in actors.values())


def test_portfolios_regions_and_continents_are_not_countries() -> None:
    actors = actors_of(
        "Labour Minister Grace Obi said the law would change.",
        "The regional government of Verrin objected, and African leaders met in Africa.",
    )
    assert all(a.kind != "country" for a in actors.values())


# --- anonymous sources ----------------------------------------------------------------


def group_named(actors, text: str):  # type: ignore[no-untyped-def]
    hits = [a for a in actors.values() if a.kind == "group" and text in [a.name, *a.aliases]]
    assert hits, f"no group named {text!r} in {[(a.name, a.aliases) for a in actors.values()]}"
    return hits[0]


def test_anonymous_source_with_a_prepositional_phrase() -> None:
    actors = actors_of(
        "A senior official at the harbour authority, who asked not to be named, said the "
        "port would stay shut. The official said repairs would take a month."
    )
    group = group_named(actors, "A senior official at the harbour authority")
    assert group.name == "Senior official at the harbour authority (anonymous)"
    assert len(group.mentions) == 2  # "The official" is the same source


def test_anonymous_sources_of_any_noun_with_an_anonymity_clause() -> None:
    actors = actors_of(
        "Three nurses, who spoke on condition of anonymity, said the ward was closed.",
        "One trustee, who asked not to be identified, said the vote was close.",
        "Two engineers who worked on the design, speaking on condition of anonymity, said "
        "the valve had failed before. One of them said the test was rushed.",
    )
    group_named(actors, "Three nurses")
    group_named(actors, "One trustee")
    engineers = group_named(actors, "Two engineers who worked on the design")
    assert len(engineers.mentions) == 2


def test_named_party_official_is_an_anonymous_group() -> None:
    actors = actors_of(
        "A senior Green Union official, who was not authorised to discuss strategy, said "
        "the party would change course."
    )
    group_named(actors, "A senior Green Union official")
    assert all(a.kind != "person" for a in actors.values())


def test_not_every_number_and_noun_is_a_source() -> None:
    actors = actors_of("Two planes arrived on Monday, and three trucks left.")
    assert not [a for a in actors.values() if a.kind == "group"]


# --- bodies written in lower case ------------------------------------------------------


def test_lower_case_ministry_qualified_by_its_country() -> None:
    actors = actors_of(
        "Korvania's energy ministry confirmed the dam was filling.",
        "A spokesman for the Korvanian foreign ministry said talks would resume.",
        "The interior ministry said on Friday that the camps were full.",
    )
    # every ministry is named with its country's demonym (the possessive kept as an
    # alias); the unqualified one is the ministry of the one country the story is about
    energy = actors["korvanian-energy-ministry"]
    assert "Korvania's energy ministry" in energy.aliases
    assert any(a.name == "Korvanian foreign ministry" for a in actors.values())
    assert actors["korvanian-interior-ministry"].aliases == ["the interior ministry"]


def test_lower_case_court_board_and_student_union() -> None:
    actors = actors_of(
        "The region will challenge the plan in the constitutional court. The court has not "
        "said when it will rule.",
        "The student union called a rally, and the board of trustees met on Friday.",
    )
    court = next(a for a in actors.values() if a.name == "constitutional court")
    assert len(court.mentions) == 2
    assert any(a.name == "student union" for a in actors.values())
    assert any(a.name == "board of trustees" for a in actors.values())


# --- companies and parties named by one word -------------------------------------------


def test_company_before_a_business_title() -> None:
    actors = actors_of(
        "Skyline founder Lars Berg said the deal was fair, and Nordvik chief executive Ola "
        "Lunde said it was not."
    )
    assert actors["skyline"].kind == "organization"
    assert actors["nordvik"].kind == "organization"
    assert actors["lars-berg"].kind == "person"


def test_analysts_at_a_named_firm() -> None:
    actors = actors_of(
        "Analysts at Brightwater, a London investment bank, said the odds were even."
    )
    assert actors["brightwater"].kind == "organization"


def test_parties_named_by_plural_or_by_the_opposition() -> None:
    actors = actors_of(
        "The opposition Social Democrats said the government had failed.",
        "Her coalition partner, the Liberal Centre, has not said whether it will back her.",
    )
    assert actors["social-democrats"].kind == "organization"
    assert actors["liberal-centre"].kind == "organization"


def test_the_president_of_an_organisation_leaves_the_organisation_named() -> None:
    actors = actors_of(
        "The president of Brenton University on Thursday defended her decision.",
        "Student union president Jamal Reed said the decision was wrong.",
    )
    assert actors["brenton-university"].kind == "organization"
    assert "The president of Brenton University" not in actors["jamal-reed"].aliases


# --- interviews --------------------------------------------------------------------------


def test_answers_in_a_question_and_answer_excerpt_are_the_interviewees_quotes() -> None:
    from briefing.derive.doc import Doc
    from briefing.derive.quotes import QuoteExtractor

    paragraphs = [
        "Port director Mara Lind named an inquiry on Monday. Union leader Tom Hale said nothing.",
        "Lind, 51, spoke to the Courier at her office.",
        "Q: Was the crane faulty?",
        "A: We do not know yet. The inquiry will tell us.",
        "Q: Will you resign?",
        "A: No.",
    ]
    actors = ActorExtractor(paragraphs).run()
    quotes = QuoteExtractor(Doc.build(paragraphs, actors)).run()
    answers = [q for q in quotes if q.how == "interview"]
    assert [q.text for q in answers] == ["We do not know yet. The inquiry will tell us.", "No."]
    assert {q.speaker for q in answers} == {"mara-lind"}
    for q in answers:
        assert paragraphs[q.para][q.start : q.end] == q.text  # verbatim


def test_a_group_calling_itself_by_a_name() -> None:
    actors = actors_of(
        "A group of drivers calling itself Fair Roads has set up a page urging a no vote."
    )
    assert actors["fair-roads"].kind == "group"


def test_a_body_whose_spokesman_speaks_is_an_actor() -> None:
    actors = actors_of(
        "A spokesman for the Korvanian foreign ministry said talks would resume.",
        "The Marlow Institute published a study last month. Its lead author, Jane Moss, "
        "argued that flows would fall.",
    )
    ministry = next(a for a in actors.values() if a.name == "Korvanian foreign ministry")
    assert ministry.score() >= 2
    assert actors["marlow-institute"].score() >= 2
    assert actors["jane-moss"].affiliation == "Marlow Institute"


def test_has_not_said_is_a_statement() -> None:
    actors = actors_of(
        "Her coalition partner, the Liberal Centre, has not said whether it will back her."
    )
    assert actors["liberal-centre"].score() >= 2


# --- kinds -------------------------------------------------------------------------------


def test_company_suffixes_and_which_make_organisations() -> None:
    actors = actors_of(
        "An analyst at Harbour Securities, Mia Sol, wrote that the deal was fair.",
        "Blue Heron, which flies to six cities, said fares would rise.",
    )
    assert actors["harbour-securities"].kind == "organization"
    assert actors["blue-heron"].kind == "organization"
    assert actors["mia-sol"].kind == "person"


def test_a_fellow_at_an_institute_is_a_person() -> None:
    actors = actors_of(
        '"The curbs will not work," said Henry Lo, a senior fellow at the Marlow Institute.'
    )
    assert actors["henry-lo"].kind == "person"


def test_apposition_head_noun_before_a_participle() -> None:
    actors = actors_of(
        "The city sold the buses to Trivela Transport, a private group based in Lanvik.",
        "Trivela Transport said fares would not rise.",
    )
    assert actors["trivela-transport"].kind == "organization"


def test_role_phrase_with_a_preposition_before_the_name() -> None:
    actors = actors_of(
        "The minister for local government, Sara Lind, declined to comment.",
        "Opposition councillor Mikael Dunn argued that the council had ignored a petition.",
    )
    assert actors["sara-lind"].role == "minister for local government"
    assert actors["mikael-dunn"].role == "Opposition councillor"


def test_role_apposition_without_determiner_after_a_quote() -> None:
    actors = actors_of(
        '"People deserve to know," said Dina Marsh, head of the Heart Patients Network, a '
        "charity. The network is calling for an inquiry."
    )
    assert actors["dina-marsh"].role == "head of the Heart Patients Network"
    assert actors["heart-patients-network"].kind == "organization"


def test_parties_and_confederations() -> None:
    actors = actors_of(
        "The centre-right People's Party accused the Greens of ideology.",
        "The Belmoran Trade Union Confederation said the plan was dead.",
        "The opposition Christian Democrats demanded a vote. Their leader, Paula Meyer, wrote "
        "on X that the government had failed.",
    )
    assert any(a.name == "People's Party" and a.kind == "organization" for a in actors.values())
    assert any(a.name == "Belmoran Trade Union Confederation" for a in actors.values())
    assert actors["christian-democrats"].kind == "organization"
    assert actors["paula-meyer"].affiliation == "Christian Democrats"


def test_its_leader_belongs_to_the_subject_of_the_sentence_before() -> None:
    actors = actors_of(
        "The People's Party accused the Greens of ideology. Its leader, Hugo Brandt, said the "
        "reform was needed."
    )
    assert actors["hugo-brandt"].affiliation == "People's Party"


def quotes_of(*paragraphs: str):  # type: ignore[no-untyped-def]
    from briefing.derive.doc import Doc
    from briefing.derive.quotes import QuoteExtractor

    actors = ActorExtractor(list(paragraphs)).run()
    return QuoteExtractor(Doc.build(list(paragraphs), actors)).run()


def test_a_statement_quoted_at_length_is_the_organisations() -> None:
    quotes = quotes_of(
        "The Norland Nurses' Federation announced the strike in a statement read by its "
        "secretary, Ann Voss. It read in part:",
        '"We did not choose this. We were refused a hearing.',
        '"We will not staff wards that are unsafe."',
    )
    assert {q.speaker for q in quotes} == {"norland-nurses-federation"}
    assert any("unsafe" in q.text for q in quotes)


def test_an_indefinite_appositive_does_not_take_the_quote() -> None:
    quotes = quotes_of(
        "Former minister Albert Seyr, a Green Union elder who has criticised the plan, told "
        'the Herald it was "careful and slightly too comfortable."'
    )
    assert [q.speaker for q in quotes] == ["albert-seyr"]


def test_a_persons_own_party_and_union_in_a_role() -> None:
    actors = actors_of(
        "Marta Oyel, whose centre-right Verrin First party governs the region, said no.",
        "Student union president Jamal Reed called the raid a betrayal. The union has called "
        "a march for Friday.",
    )
    assert actors["verrin-first"].kind == "organization"
    assert actors["verrin-first"].score() >= 2
    union = next(a for a in actors.values() if a.name.lower() == "student union")
    assert len(union.mentions) == 2


def test_an_organisation_the_writer_describes_is_kept() -> None:
    actors = actors_of(
        "The minister said the contract gave Nordgas, the state-controlled energy company, "
        "long-term certainty."
    )
    assert actors["nordgas"].kind == "organization"
    assert actors["nordgas"].score() >= 2


def test_a_company_and_its_later_short_and_generic_names() -> None:
    actors = actors_of(
        "Skyway Air cancelled 400 flights on Tuesday as pilots went on strike.",
        "Lund, 54, has led Skyway since 2031. According to Lars Ek, an economist at Fjord "
        "Capital, each strike day costs the airline about 6 million crowns.",
        "Economists at Nordbank warned that the carrier could post a loss.",
    )
    skyway = actors["skyway-air"]
    assert skyway.kind == "organization"
    texts = {m.text for m in skyway.mentions}
    assert {"Skyway", "the airline", "the carrier"} <= texts
    assert actors["nordbank"].kind == "organization"


def test_local_government_names_and_roles() -> None:
    actors = actors_of(
        "The Harlan County Board of Supervisors voted to approve the mine, handing a victory "
        "to Cordell Minerals. Cordell Minerals said in a statement that it was pleased.",
        "Supervisor Dan Okafor said the mine would bring jobs. The Tewa Valley Tribe said it "
        "would sue.",
        "Dr. Maria Chen, a hydrologist at Westmont State University, said the models were wrong.",
    )
    assert actors["harlan-county-board-of-supervisors"].kind == "organization"
    assert actors["cordell-minerals"].kind == "organization"
    assert actors["dan-okafor"].role == "Supervisor"
    assert actors["tewa-valley-tribe"].kind == "organization"
    assert actors["maria-chen"].role == "hydrologist at Westmont State University"


def test_a_role_apposition_ending_in_a_relative_clause() -> None:
    actors = actors_of(
        "Dr. Maria Chen, a hydrologist at Westmont State University who reviewed the mine's "
        "plans for the tribe, said the models were wrong."
    )
    assert actors["maria-chen"].role == "hydrologist at Westmont State University"


def test_a_company_with_a_president_is_not_a_country() -> None:
    actors = actors_of("Brightline's president, Ana Cruz, said Brightline would appeal.")
    assert all(a.kind != "country" for a in actors.values())


def test_a_role_naming_an_organisation_gives_the_affiliation() -> None:
    actors = actors_of(
        "The Caldera Regional Health Board said the offer was final. Board chairman Peter "
        "Lowry said he was disappointed.",
        "Skyway Air cancelled flights. The airline's chief executive, Petra Lund, said it "
        "regretted the disruption.",
    )
    assert actors["peter-lowry"].affiliation == "Caldera Regional Health Board"
    assert actors["petra-lund"].affiliation == "Skyway Air"


def test_their_spokeswoman_after_a_semicolon_belongs_to_that_sentence() -> None:
    actors = actors_of(
        "The Parents' Council asked for calm. The opposition Social Democrats said the "
        "government was to blame; their education spokeswoman, Ida Rautio, said she would "
        "table a motion."
    )
    assert actors["ida-rautio"].affiliation == "Social Democrats"


def test_organisation_introduced_after_its_description_and_research_firms() -> None:
    actors = actors_of(
        "The state pipeline operator, Sardogas, will invest 300 million. Its chief executive, "
        "Marko Lenz, said work would start in October.",
        "Analysts at Brova Research said the deal removed a risk. The dinner was hosted by the "
        "Continental Energy Charter.",
    )
    assert actors["sardogas"].kind == "organization"
    assert actors["marko-lenz"].affiliation == "Sardogas"
    assert actors["brova-research"].kind == "organization"
    assert "charter" not in actors


def test_a_role_with_an_unknown_countrys_demonym_gives_the_affiliation() -> None:
    actors = actors_of(
        "Sardova signed the deal. Sardovan Energy Minister Ilir Dako said it was fair.",
    )
    assert actors["ilir-dako"].affiliation == "Sardova"
