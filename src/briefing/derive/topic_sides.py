"""The sides of the dispute, from the headline, offline.

:func:`sides` - who stands behind the headline's matter and whom it targets ("EU threatens
tariff on Indian steel": EU / Indian); :func:`side_of` - which side a speaker is on, from
how the article names and describes them. :mod:`briefing.derive.stance` reads a
statement's stance with that side in mind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from briefing.derive.lexicon import wordset
from briefing.derive.topic_headline import (
    _ACTS,
    _BLAMES,
    _BLOCKING,
    _COMPELS,
    _DEADLINE,
    _FINED,
    _FINES,
    _INFINITIVE_VERBS,
    _LEADING,
    _OVER,
    _POSSESSOR,
    _PROBE,
    _QUANTITIES,
    _REFUSALS,
    _THREATENS,
    _WARNS,
    _clauses,
    _headline,
    _party,
)

# Measures one side takes against another: the topic's proponent and target have sides.
MEASURES = wordset(
    """tariff tariffs duty duties levy levies sanction sanctions curb curbs ban bans embargo
    embargoes restriction restrictions limit limits quota quotas fine fines penalty penalties
    ultimatum deadline blockade boycott controls cap caps freeze expulsion expulsions order
    ruling strike strikes"""
)


class Side(Enum):
    """Which side of the topic's measure a speaker is on (see :func:`sides`)."""

    FOR = "for"
    AGAINST = "against"


def is_measure(topic: str) -> bool:
    """Is the topic a measure taken against someone ("tariff on Indian steel")?"""
    head = re.split(r"\s+(?:on|against|for|into|of|to)\s+", topic.lower(), maxsplit=1)[0]
    return bool(set(head.split()) & MEASURES)


@dataclass(frozen=True)
class Sides:
    """The two sides of a topic that is one party's measure or action against another:
    ``proponent`` (whose measure or action it is) and ``opponent`` (the other party)."""

    proponent: str | None = None
    opponent: str | None = None

    def keys(self, which: Side) -> frozenset[str]:
        phrase = self.proponent if which is Side.FOR else self.opponent
        return _party_keys(phrase) if phrase else frozenset()


def sides(title: str, topic: str | None, names: Iterable[str] = ()) -> Sides:
    """Who stands behind the topic and whom it is aimed at, from the headline: the
    subject of a measure ("EU threatens tariff on Indian steel": EU / Indian), of an
    order or ultimatum (the court / Zoomly, the bloc / the junta), or the party whose
    action another side probes or challenges (Halvard's bid / the regulator). Other
    headlines have no sides."""
    head = _headline(title, names)
    if head is None or head.verb is None or not head.verb:
        return Sides()
    subject = _party(" ".join(head.words[: head.verb]))
    verb = head.words[head.verb].lower()
    rest = " ".join(head.words[head.verb + 1 :])
    if verb in {"gives", "give", "gave", "sets", "set"}:
        match = _DEADLINE.match(rest)
        if match:
            return Sides(subject, _party(match.group("who")))
    if verb in _BLAMES and " for " in rest:  # the accuser for the accusation, the accused not
        return Sides(subject, _party(_LEADING.sub("", rest.partition(" for ")[0])))
    if verb in _COMPELS:
        who, sep, _ = rest.partition(" to ")
        if sep and who:
            return Sides(subject, _party(who))
    fined = _FINED.match(rest) if verb in _FINES else None
    if fined:  # "Veland fines Loopa over search rules": Loopa's conduct, Veland against
        return Sides(fined.group("who"), subject)
    over = _OVER.match(rest) if verb in _WARNS else None
    if over:  # "Ostra warns Velmar over second diversion …": Velmar's act, Ostra against
        return Sides(over.group("who"), subject)
    if verb in _REFUSALS:  # "Kessler rejects Vanta takeover bid": Kessler is against it
        return Sides(None, subject)
    intended = (
        head.words[head.verb + 2 :] if head.words[head.verb + 1 : head.verb + 2] == ["to"] else []
    )
    if verb in _INFINITIVE_VERBS and intended and intended[0].lower() in _BLOCKING:
        return Sides(None, subject)  # "vows to block the fare rise"
    if verb in _THREATENS and len(intended) > 1:
        # "threatens to conscript striking dockers": the threatener is for the act, the
        # party it targets (the act's object) against
        target = re.split(
            r"\s+(?:as|in|at|on|over|after|from|for|with|unless|if)\s+", " ".join(intended[1:])
        )[0]
        return Sides(subject, _LEADING.sub("", target) or None)
    if verb in _ACTS and re.fullmatch(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*", subject):
        # "Hallandia freezes …", "Costamar picks …": a named actor's own act (not "Calder
        # president defends …", whose head noun would place every president on its side)
        return Sides(subject, None)
    if topic:
        owner = _POSSESSOR.match(topic)
        if (owner and _PROBE.search(rest)) or (owner and verb in _OPPOSING):
            assert owner is not None
            return Sides(owner.group("who"), subject)
        if verb in _OPPOSING:  # "Kallund refuses the quota plan"
            return Sides(None, subject)
        if is_measure(topic):
            target = re.split(r"\s+(?:on|against)\s+", topic, maxsplit=1)
            if len(target) == 2:
                named = [w for w in target[1].split() if w[:1].isupper()]
                return Sides(subject, " ".join(named) if named else None)
            return Sides(subject, _other_party(title, subject))
    return Sides()


def _other_party(title: str, subject: str) -> str | None:
    """The named subject of the headline's next clause, when a measure names no target:
    "Ostra threatens port ban as Velmar raises its quota" -> Velmar."""
    for clause in _clauses(title)[1:]:
        match = re.match(r"^([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s+[a-z]", clause)
        if match and match.group(1) != subject and match.group(1).lower() not in _QUANTITIES:
            return match.group(1)
    return None


_OPPOSING = wordset(
    "protest protests oppose reject "
    "probes blocks challenges rejects opposes sues fines investigates questions criticises "
    "criticizes condemns refuses resists defies vetoes"
)


@lru_cache(maxsize=64)
def _party_keys(phrase: str) -> frozenset[str]:
    """The ways an article may name a party: the phrase, its head noun ("junta"), and
    for a country or organisation in it, every name the lexicon knows ("Indian" ->
    India, New Delhi; "West African bloc" -> ECOWAS)."""
    from briefing.derive import lexicon as lx

    keys = {phrase}
    words = phrase.split()
    if (words and words[-1][:1].islower()) or len(words) == 1:
        keys.add(words[-1].lower())
    caps = " ".join(w for w in words if w[:1].isupper())
    for entity in lx.COUNTRIES + lx.ORGS:
        forms = (entity.name, *entity.aliases, *entity.demonyms, *entity.capitals)
        # a substring test first: a regex per form of every country costs seconds
        hit = any(
            f in phrase and re.search(rf"(?<!\w){re.escape(f)}(?!\w)", phrase) for f in forms if f
        )
        if not hit and len(caps.split()) >= 2 and caps in entity.name:
            hit = True  # "West African bloc" -> Economic Community of West African States
        if hit:
            keys |= {f for f in forms if f}
    return frozenset(keys)


def side_of(found: Sides, descriptions: Iterable[str]) -> Side | None:
    """The speaker's side from how the article names and describes them (name, aliases,
    role, affiliation, "a spokesman for the junta"), or ``None``."""
    text = " | ".join(d for d in descriptions if d)
    hits = set()
    for which in (Side.FOR, Side.AGAINST):
        for key in found.keys(which):
            flags = re.IGNORECASE if key.islower() else 0
            pattern = rf"(?<![\w-]){re.escape(key)}(?![\w-])"
            if any(not _in_longer_name(text, m) for m in re.finditer(pattern, text, flags)):
                hits.add(which)
                break
    return hits.pop() if len(hits) == 1 else None


def _in_longer_name(text: str, match: re.Match[str]) -> bool:
    """Is the place's name part of a longer proper name ("Open Doors Verrin", "Verrin
    First")? Then it says nothing about which side the speaker is on."""
    if not match.group(0)[:1].isupper():
        return False
    before = re.search(r"([A-Z][\w'’-]*)\s+$", text[: match.start()])
    after = re.match(r"\s+([A-Z][\w'’-]*)", text[match.end() :])
    determiners = {"The", "A", "An", "In", "At", "Of", "For", "And", "But"}
    return bool((before and before.group(1) not in determiners) or after)
