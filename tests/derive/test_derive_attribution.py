"""derive attribution rules (issue 12, item 4): descriptions resolve to people, "it said"
to the last organisation, ministries are qualified by country, spelling variants fold
into the library's id, a venue is not an actor, the publisher is not an actor."""

from __future__ import annotations

import datetime as dt

from briefing.derive import Article, derive

DAY = dt.date(2030, 3, 4)
NOW = dt.datetime(2030, 3, 5, tzinfo=dt.UTC)


def _derive(*paragraphs: str, **options: object):  # type: ignore[no-untyped-def]
    return derive(Article(paragraphs=list(paragraphs), date=DAY, **options), now=NOW)  # type: ignore[arg-type]


def test_the_russian_leader_is_the_person_not_the_country() -> None:
    derived = _derive(
        "Russian President Vladimir Putin met French President Emmanuel Macron on Monday.",
        "The Russian leader said the talks were useful. "
        '"We understand each other," the French president said.',
    )
    speakers = {p.position: p.actor for p in derived.brief.positions}
    assert speakers["The Russian leader said the talks were useful."] == "vladimir-putin"
    assert speakers["We understand each other."] == "emmanuel-macron"


def test_two_countries_defence_ministries_keep_apart() -> None:
    derived = _derive(
        "Russia's Defence Ministry said its forces shot down 20 drones. "
        "The French Defence Ministry said it would send more jets.",
        "The Defence Ministry added that no one was hurt.",
    )
    actors = {a.id: a for a in derived.brief.actors}
    assert actors["russian-defence-ministry"].affiliation == "Russia"
    assert actors["french-defence-ministry"].affiliation == "France"
    assert "defence-ministry" not in actors
    last = derived.brief.positions[-1]
    assert last.position.startswith("The Defence Ministry added")
    assert last.actor == "french-defence-ministry"  # the one named last before it


def test_it_said_goes_to_the_last_organisation_named() -> None:
    derived = _derive(
        "Halvard Group agreed to buy Norsk Kabel in March. "
        "It said on Tuesday the deal would close by the end of the year."
    )
    position = next(p for p in derived.brief.positions if "close by" in p.position)
    assert position.actor == "halvard-group"
    assert position.attribution.value == "spokesperson"


def test_a_misspelt_name_takes_the_library_id() -> None:
    known = [
        ("zelenskyy", "Volodymyr Zelenskyy", ("Zelenskyy",)),
        ("mark-ruffalo", "Mark Ruffalo", ()),
    ]
    derived = derive(
        Article(
            paragraphs=[
                "Ukrainian President Volodomyr Zelensky said on Monday Kyiv needed air defence.",
                "Zelensky later met Mark Rutte.",
            ],
            date=DAY,
        ),
        known_actors=known,
        now=NOW,
    )
    actors = {a.id: a for a in derived.brief.actors}
    assert actors["zelenskyy"].name == "Volodymyr Zelenskyy"
    assert "Volodomyr Zelensky" in actors["zelenskyy"].aliases
    assert "mark-ruffalo" not in actors  # same initials, different name: no adoption
    assert "mark-rutte" in actors


def test_a_country_that_only_hosts_is_not_an_actor() -> None:
    derived = _derive(
        "Armenian and Azerbaijani negotiators met in Uzbekistan on Monday, "
        "Armenian Foreign Minister Ararat Mirzoyan said."
    )
    ids = {a.id for a in derived.brief.actors}
    assert "uzbekistan" not in ids
    assert {"armenia", "azerbaijan", "ararat-mirzoyan"} <= ids


def test_the_publisher_and_news_agencies_are_not_actors() -> None:
    derived = derive(
        Article(
            paragraphs=[
                '"We are ready," senior Hamas official Khalil Nasser told Wire Desk by phone.',
                "Nasser also told Reuters the talks would resume.",
            ],
            publisher="Wire Desk",
            date=DAY,
        ),
        now=NOW,
    )
    names = {a.name for a in derived.brief.actors}
    assert "Wire Desk" not in names and "Reuters" not in names
    assert "Khalil Nasser" in names


def test_an_organisation_after_under_is_not_the_speaker() -> None:
    derived = _derive(
        "India's commerce minister, Priya Raman, called the tariff illegal under WTO rules "
        "and said India would respond in kind."
    )
    assert [p.actor for p in derived.brief.positions] == ["priya-raman"]


def test_a_name_in_apposition_before_said_is_a_person() -> None:
    derived = _derive(
        "The company's head of Southern Europe, Marc Delacroix, said the model would change."
    )
    assert "marc-delacroix" in {a.id for a in derived.brief.actors}


def test_an_unnamed_ministry_is_not_the_last_organisation_named() -> None:
    derived = _derive(
        "The World Health Organization said it had shipped vaccines.",
        "A spokesman for the health ministry said the matter was under consideration.",
    )
    speakers = {p.position: p.actor for p in derived.brief.positions}
    assert (
        speakers.get("A spokesman for the health ministry said the matter was under consideration.")
        != "who"
    )


def test_putins_spokesman_is_the_spokesman_named_before() -> None:
    derived = _derive(
        "Dmitry Peskov, the Kremlin's spokesman, said on Monday the talks had stalled.",
        "Putin's spokesman added that no date had been set. President Vladimir Putin did "
        "not comment.",
    )
    speakers = {p.position: p.actor for p in derived.brief.positions}
    assert speakers["Putin's spokesman added that no date had been set."] == "dmitry-peskov"
    assert "kremlin" in {a.id for a in derived.brief.actors}  # the owner's mention stays


def test_its_director_belongs_to_the_organisation_named_before() -> None:
    derived = _derive(
        "The Red Cross said it had sent emergency teams. Its regional director, Paolo "
        "Sandri, said clean water was the most urgent need."
    )
    sandri = next(a for a in derived.brief.actors if a.id == "paolo-sandri")
    assert sandri.affiliation == "International Committee of the Red Cross"
