"""Actors: people with their roles, countries, organisations and anonymous groups.

Actor extraction runs in two halves. :class:`briefing.derive.mentions.MentionFinder` finds
every place an actor is named (a :class:`Mention` with a typed key saying what it names);
:class:`ActorExtractor` then folds those mentions into :class:`Actor` objects, so that
every form of a name (``Joe Biden``, ``President Biden``, ``Biden``, ``Mr. Biden``)
becomes one actor whose id is the slug of the full name. Who reports the story (the
publisher, news agencies) is never an actor of it.

Where each rule lives (finding, then folding in this order):

==========================  ============================================================
``mentions.py``             the finder's passes over a paragraph; lower-case bodies
``groups.py``               anonymous sources and collectives (found, then folded)
``run_joins.py``            names spanning a gap: "Ministry of Defence", "Dahl & Weber"
``classify.py``             a capitalised run: organisation, person or acronym
``org_runs.py``             what makes a run a body's name, not a person's
``roles.py``                a person's role written before or after the name
``gazetteer.py``            known countries/organisations; bodies qualified by country
``cues.py``                 word lists and patterns both halves share
``entities.py``             Mention, its keys, Token, Actor, and the Fold state
``people.py``               1. forms of a person's name folded; leftovers that are firms
``countries.py``            2. countries the gazetteer does not know, by their marks
``descriptions.py``         3. "the minister", "the French president" -> the person;
                            affiliations from "Its director, X", "X of the Y Union"
                            and "Board chairman X"
``organisations.py``        4. one actor per body; short forms, acronyms, "the union",
                            "the Defence Ministry" after "Russia's Defence Ministry"
``ministries.py``           5. "Varnia's defence ministry", "the finance ministry"
                            named with their country ("Varnian defence ministry")
``library.py``              6. the library's ids reused (names, aliases, spellings)
==========================  ============================================================
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from briefing.derive.countries import unknown_countries
from briefing.derive.descriptions import (
    definite_roles,
    of_affiliations,
    possessive_affiliations,
    role_affiliations,
)
from briefing.derive.entities import Actor, Fold, Mention, match_key
from briefing.derive.groups import anonymous_followups, fold_groups
from briefing.derive.library import reuse_known_ids
from briefing.derive.mentions import MentionFinder
from briefing.derive.ministries import qualify_ministries
from briefing.derive.organisations import (
    definite_orgs,
    described_orgs,
    entity_actor,
    fold_acronyms,
    fold_short_org_names,
    fold_unqualified_bodies,
    join_repeated_org_names,
)
from briefing.derive.people import add_people, find_people, leftover_organisations

KnownActor = tuple[str, str, Sequence[str]]  # (id, name, aliases)

__all__ = ["Actor", "ActorExtractor", "KnownActor", "Mention"]


class ActorExtractor:
    """Finds the mentions in paragraphs and folds them into :class:`Actor` objects."""

    def __init__(
        self,
        paragraphs: list[str],
        *,
        title: str | None = None,
        known_actors: Iterable[KnownActor] = (),
        use_famous: bool = True,
        publisher: str | None = None,
    ) -> None:
        self.paragraphs = paragraphs
        self.title = title or ""
        # who reports the story is not an actor in it ("… told Reuters by telephone")
        self.reporters = {match_key(a) for a in _NEWS_AGENCIES}
        if publisher:
            self.reporters.add(match_key(publisher))
        self.known = list(known_actors)
        self.use_famous = use_famous
        self.mentions: list[Mention] = []
        self.actors: dict[str, Actor] = {}

    def run(self) -> dict[str, Actor]:
        """The article's actors by id, each with its mentions."""
        mentions = [
            m
            for m in MentionFinder(self.paragraphs).find()
            if match_key(m.text) not in self.reporters
        ]
        fold = Fold(self.paragraphs, mentions)
        self._fold(fold)
        self.mentions, self.actors = fold.mentions, fold.actors
        return self.actors

    def _fold(self, fold: Fold) -> None:
        """The fold's steps, in order: each may use what the ones before decided."""
        # people first: a name that is a person's is never a country's or a firm's
        persons, leftovers = find_people(fold, self.use_famous)
        leftover_organisations(fold, persons, leftovers)
        unknown_countries(fold, persons)
        add_people(fold, persons)
        # "the minister" needs the people's roles; it claims text before groups fold
        definite_roles(fold, persons)
        fold_groups(fold)
        for m in fold.mentions:
            if m.kind in {"organization", "country", "group"}:
                entity_actor(fold, m)
        fold_short_org_names(fold)
        fold_acronyms(fold)
        fold_unqualified_bodies(fold)
        possessive_affiliations(fold, persons)
        of_affiliations(fold, persons)
        join_repeated_org_names(fold, leftovers)
        described_orgs(fold)
        definite_orgs(fold)
        role_affiliations(fold, persons)
        anonymous_followups(fold)
        qualify_ministries(fold)
        reuse_known_ids(fold, self.known)


_NEWS_AGENCIES = (
    "Reuters",
    "AP",
    "Associated Press",
    "The Associated Press",
    "AFP",
    "Agence France-Presse",
    "Bloomberg",
    "Bloomberg News",
    "dpa",
    "Xinhua",
    "Interfax",
    "TASS",
    "ANSA",
    "EFE",
    "Kyodo",
    "Yonhap",
    "PTI",
    "CNN",
    "BBC",
)
