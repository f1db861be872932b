"""Ministries and governments named with their country: a fold step after the
organisations are folded. "Dorvania's government" and "the government" of a story about
Dorvania are the Government of Dorvania (one actor, "the government" an alias; when no
country is clearly the story's, "the government" is no actor at all).

A ministry is a country's ("the French defence ministry"), and two countries' ministries
of the same portfolio are two actors. Stories write them three ways:

* with the country's demonym: "the Ostrelian defence ministry" (already named so);
* with the country's possessive: "Varnia's defence ministry" — named here with the
  demonym the article uses for that country ("Varnian defence ministry"), the
  possessive kept as an alias, so every form of one ministry compares equal;
* with no country at all: "The finance ministry said …" — in a story about one country
  that is that country's ministry. The story is about one country when one country
  clearly dominates its mentions (at least twice the next one's weight) and is named in
  the first paragraph; between two countries of equal weight the ministry stays as
  written rather than be given to the wrong one.
"""

from __future__ import annotations

import re

from briefing.derive import lexicon as lx
from briefing.derive.entities import Actor, Fold, match_key
from briefing.derive.gazetteer import country_of_word
from briefing.derive.sentences import slugify

__all__ = ["qualify_ministries"]

# "Varnia's defence ministry", "finance ministry": an owner word (optional) and the body
_MINISTRY = re.compile(
    r"^(?:(?P<owner>[A-Z][\w-]*?)(?:['’]s)?\s+)?(?P<body>(?:[a-z]+\s+){1,2}ministry"
    r"|(?:(?:national|central|federal)\s+)?government|parliament|army|police)$"
)


def qualify_ministries(fold: Fold) -> None:
    """Name each lower-case ministry with its country's demonym (see the module)."""
    bare: list[tuple[Actor, str]] = []
    owned: dict[str, str] = {}  # actor id -> its country, for the story's home country
    for actor in list(fold.actors.values()):
        match = _MINISTRY.match(actor.name) if actor.kind == "organization" else None
        if not match:
            continue
        owner = match.group("owner")
        if not owner:
            bare.append((actor, match.group("body")))
            continue
        country = _country_named(fold, owner)
        name = _qualified(fold, match.group("body"), country) if country else None
        if country and name:
            owned[_rename(fold, actor, name, country).id] = country
    home = _home_country(fold, owned) if bare else None
    for actor, body in bare:
        if actor.id not in fold.actors:
            continue
        name = _qualified(fold, body, home) if home else None
        if home and name:
            actor.name = f"the {actor.name}"  # the alias as the story writes it
            _rename(fold, actor, name, home)
        elif body.endswith("government"):
            del fold.actors[actor.id]  # whose government is not known: no actor
    _governments_into_countries(fold)


def _governments_into_countries(fold: Fold) -> None:
    """A country that is an actor of the story speaks through its government: "the
    government" and "Government of Dorvania" become its aliases (one actor, not two)."""
    for actor in list(fold.actors.values()):
        if actor.kind != "organization" or not actor.name.startswith("Government of "):
            continue
        country = next(
            (
                a
                for a in fold.actors.values()
                if a.kind == "country" and a.name == actor.name.removeprefix("Government of ")
            ),
            None,
        )
        if country is None:
            continue
        country.mentions.extend(actor.mentions)
        for form in (actor.name, *actor.aliases):
            if form not in country.aliases:
                country.aliases.append(form)
        del fold.actors[actor.id]


def _qualified(fold: Fold, body: str, country: str) -> str | None:
    """ "Government of Dorvania"; "Dorvanian finance ministry" (None: no demonym known)."""
    if body.endswith("government"):
        return f"Government of {country}"
    label = _demonym(fold, country)
    if label:
        return f"{label} {body}"
    if body in {"parliament", "army", "police"}:
        return f"{body.capitalize()} of {country}"  # "Army of Sundara"
    return None


def _country_named(fold: Fold, word: str) -> str | None:
    """The country a word names, by the gazetteer or by the article's own marks."""
    if word in fold.country_forms:
        return fold.country_forms[word]
    found = country_of_word(word)
    return lx.BY_ID[found].name if found and found != "?" else None


def _demonym(fold: Fold, country: str) -> str | None:
    """The demonym of ``country``: the gazetteer's, else the form the article uses."""
    for ent in lx.BY_ID.values():
        if ent.kind == "country" and ent.name == country:
            return ent.demonyms[0] if ent.demonyms else None
    forms = [f for f, name in fold.country_forms.items() if name == country and f != country]
    return min(forms, key=len) if forms else None


def _home_country(fold: Fold, owned: dict[str, str]) -> str | None:
    """The one country a story is about, if one clearly is (see the module). Its own
    mentions count, and so do the bodies affiliated with it (a ministry named with the
    country's possessive holds the country's mention)."""
    weight: dict[str, float] = {}
    lead: set[str] = set()
    for a in fold.actors.values():
        country: str | None = a.name if a.kind == "country" else owned.get(a.id)
        match = _MINISTRY.match(a.name) if a.kind == "organization" else None
        if match and match.group("owner"):
            country = _country_named(fold, match.group("owner"))
        if not country:
            continue
        weight[country] = weight.get(country, 0.0) + sum(m.weight for m in a.mentions)
        if any(m.para == 0 for m in a.mentions):
            lead.add(country)
    ranked = sorted(weight.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked:
        return None
    name, top = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if top < 2 * runner_up or name not in lead:
        return None
    return name


def _rename(fold: Fold, actor: Actor, name: str, country: str) -> Actor:
    """Give ``actor`` its qualified name (and id), joining an actor of that name."""
    if name == actor.name:
        return actor
    old = actor.name
    new_id = slugify(name)
    target = fold.actors.get(new_id)
    del fold.actors[actor.id]
    if target is None:
        actor.id, actor.name = new_id, name
        target = actor
    else:
        target.mentions.extend(actor.mentions)
        target.aliases.extend(a for a in actor.aliases if a not in target.aliases)
    if match_key(old) != match_key(name) and old not in target.aliases:
        target.aliases.append(old)
    target.affiliation = target.affiliation or country
    fold.actors[target.id] = target
    return target
