"""A position's own matter: what a statement backs, rejects or demands, one string per
matter across the draft (sentences written for these tests)."""

from __future__ import annotations

from briefing.derive.topic_phrases import own_matter, unify_matters


def test_rejection_names_its_own_matter_and_opposes_it() -> None:
    found = own_matter("The union rejected the tariff plan on Tuesday.", "port strike")
    assert found == ("tariff plan", "opposes")


def test_call_for_names_its_matter_and_supports_it() -> None:
    found = own_matter("The council called for a ceasefire in the valley.", "harbour levy")
    assert found == ("ceasefire", "supports")


def test_demand_strips_the_determiner() -> None:
    found = own_matter("The nurses' union wants an 8% pay rise.", "hospital strike")
    assert found == ("8% pay rise", "supports")


def test_statement_on_the_headline_matter_keeps_the_headline_topic() -> None:
    assert own_matter("The union rejected the fuel levy outright.", "fuel levy") is None


def test_negated_or_conditional_act_has_no_own_matter() -> None:
    assert own_matter("The minister did not reject the tariff plan.", "port strike") is None
    assert own_matter("It would oppose the merger if jobs were cut.", "port strike") is None


def test_no_act_no_matter() -> None:
    assert own_matter("The mayor said the harbour was quiet.", "port strike") is None


def test_same_matter_gets_one_string_the_most_complete() -> None:
    topics = ["tariff plan", "the tariff plans", "Rellan's tariff plan on steel", "port strike"]
    assert unify_matters(topics) == [
        "Rellan's tariff plan on steel",
        "Rellan's tariff plan on steel",
        "Rellan's tariff plan on steel",
        "port strike",
    ]


def test_different_matters_stay_apart() -> None:
    assert unify_matters(["pay rise", "pay freeze"]) == ["pay rise", "pay freeze"]


def test_no_own_matter_in_passives_questions_replies_or_anaphora() -> None:
    assert own_matter("She said his figures had been rejected by every auditor.", "x") is None
    assert own_matter("Asked whether the city would back any changes, he smiled.", "x") is None
    assert own_matter("The mayor shot back that her sums were wrong.", "x") is None
    assert own_matter("The minister welcomed the ruling.", "harbour levy") is None
    assert own_matter("Hahn called for Moravec to resign.", "wildfire") is None
    assert (
        own_matter(
            "Asked whether the state, which owns a stake, would back any remedies, he said no.", "x"
        )
        is None
    )
    assert own_matter("Several towns backed Oyelaran.", "refugee reception") is None


def test_another_subjects_act_or_a_past_step_in_a_quote_is_no_own_matter() -> None:
    said = "Hahn said that the government now wants applause for a helicopter ride."
    assert own_matter(said, "wildfire") is None
    assert own_matter("He said that they would back a pay freeze.", "x") == (
        "pay freeze",
        "supports",
    )
    assert own_matter("We asked for a pilot year.", "curriculum", quoted=True) is None
    assert own_matter("We reject the new test.", "curriculum", quoted=True) == (
        "new test",
        "opposes",
    )
    assert own_matter("The people have spoken: they want a recount.", "runoff", quoted=True) is None
    assert own_matter("I strongly support a recount.", "runoff", quoted=True) == (
        "recount",
        "supports",
    )


def test_bodies_conduct_and_trailing_clauses_are_cut_or_no_matter() -> None:
    assert own_matter("The firm criticised the watchdog.", "app rules") is None
    cut = own_matter("It backed a smaller levy but said firms needed time.", "bank guarantee")
    assert cut == ("smaller levy", "supports")
    said = "The chair rejected the suggestion that the ban had cut prices."
    assert own_matter(said, "spectrum sale") == (
        "suggestion that the ban had cut prices",
        "opposes",
    )
    assert own_matter("The union backed the project in principle.", "housing vote") is None
    assert own_matter("The union backed the pay offer in principle.", "x") == (
        "pay offer",
        "supports",
    )


def test_a_draft_gives_each_matter_one_string_in_the_library_wording(tmp_path) -> None:
    import datetime as dt

    from briefing.derive import derive, load_source

    article = tmp_path / "a.txt"
    article.write_text(
        "title: Rellan dockers strike over port automation\n"
        "date: 2034-03-01\n\n"
        "Dockers in Rellan walked out on Monday over the port's automation plan.\n\n"
        "The Rellan Dockers Union rejected the new shift rotas, its leader Mara Quist said.\n\n"
        "The Port Employers Council backed the shift rota on Tuesday, its chair Ivo Brandt said.\n"
    )
    library = ["new shift rotas at Rellan port", "port automation"]
    derived = derive(
        load_source(str(article)),
        now=dt.datetime(2034, 3, 2, tzinfo=dt.UTC),
        topic_lookup=lambda words: [t for t in library if set(words.split()) & set(t.split())],
    )
    by_topic = {(p.topic, p.stance.value) for p in derived.brief.positions}
    assert ("new shift rotas at Rellan port", "opposes") in by_topic
    assert ("new shift rotas at Rellan port", "supports") in by_topic
