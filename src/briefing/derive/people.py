"""People: the forms of a person's name folded into one actor.

Every form of a name ("Joe Biden", "President Biden", "Biden", "Mr. Biden") becomes one
actor whose id is the slug of the full name:

1. a name that the article shows elsewhere to be an organisation's ("Trivela Transport, a
   private group") is that organisation wherever it is written;
2. a name of two words or more with some evidence (a role, a speech verb, a known given
   name, an honorific) is a person; other forms join the person they fit (same surname,
   a nickname of the given name), or a famous person of the lexicon;
3. what is left over may still be a person (a full name whose surname speaks later) or
   an organisation: a single word before a business title ("Skyline founder Lars Berg"),
   after "Analysts at", or that speaks and matches nobody ("Maersk said");
4. a "person" the article refers to as "it" ("Skyra Ventana said it would") is an
   organisation.
"""

from __future__ import annotations

import re

from briefing.derive import lexicon as lx
from briefing.derive.cues import AS_IT, EXPERTS_AT, HONORIFICS, LOCATIVE, PARTICLES, SAYS_NOW
from briefing.derive.entities import Actor, Fold, Mention, OrgKey, dedupe
from briefing.derive.gazetteer import affiliation_of
from briefing.derive.groups import GROUP_CLASS
from briefing.derive.sentences import normalise, slugify


def find_people(fold: Fold, use_famous: bool) -> tuple[dict[str, Actor], list[Mention]]:
    """The article's people by full name, and the person-like mentions that joined no one
    (the leftovers: a single word or a name without evidence)."""
    persons: dict[str, Actor] = {}
    singles: list[Mention] = []
    famous = lx.FAMOUS if use_famous else {}
    # a name the article shows elsewhere to be an organisation's ("Trivela Transport,
    # a private group") is that organisation wherever it is written
    org_names = {m.key.name for m in fold.mentions if isinstance(m.key, OrgKey)}
    for m in fold.mentions:
        if m.kind == "person" and len(m.text.split()) > 1 and normalise(m.text) in org_names:
            m.kind, m.key = "organization", OrgKey(normalise(m.text))
    for m in sorted(fold.mentions, key=lambda m: (m.para, m.start)):
        if m.kind != "person":
            continue
        words = [w for w in m.text.split() if w not in PARTICLES]
        if len(words) >= 2 and (m.evidence & {"role", "speech", "given", "honorific", "who"}):
            target = match_person(persons, m.text)
            if target is None:
                target = Actor(slugify(m.text), m.text, "person")
                persons[m.text] = target
            elif len(m.text) > len(target.name) and target.name in m.text:
                pass
            target.mentions.append(m)
            if m.role and not target.role:
                target.role = m.role
        else:
            singles.append(m)
    # surname-only and unconfirmed mentions
    leftovers: list[Mention] = []
    for m in singles:
        target = match_person(persons, m.text, surname_only=True)
        if target is None and m.text in famous:
            full = famous[m.text]
            target = persons.get(full) or Actor(slugify(full), full, "person")
            persons[full] = target
        if target is None and (m.evidence & {"role", "honorific"}) and m.text[:1].isupper():
            target = Actor(slugify(m.text), m.text, "person")
            persons[m.text] = target
        if target is None:
            leftovers.append(m)
            continue
        target.mentions.append(m)
        if m.text != target.name:
            target.aliases.append(m.text)
        if m.role and not target.role:
            target.role = m.role
    # a name seen once without evidence but spoken later as a surname: a person
    spoken_words = {o.text for o in leftovers if "speech" in o.evidence}
    for m in leftovers:
        words = m.text.split()
        if len(words) >= 2 and words[-1] not in lx.NOT_PERSON_HEADS:
            spoken = words[-1] in spoken_words
            if spoken:
                target = persons.setdefault(m.text, Actor(slugify(m.text), m.text, "person"))
                target.mentions.append(m)
    by_word: dict[str, list[Mention]] = {}
    for m in leftovers:
        if len(m.text.split()) == 1:
            by_word.setdefault(m.text, []).append(m)
    for actor in persons.values():
        own = {id(m) for m in actor.mentions}
        actor.mentions.extend(
            m for m in by_word.get(actor.name.split()[-1], []) if id(m) not in own
        )
    return persons, leftovers


def leftover_organisations(fold: Fold, persons: dict[str, Actor], leftovers: list[Mention]) -> None:
    """Leftover single words that are companies by what surrounds them: a title after
    them, experts at them, or a speech verb when no person has that name."""
    # a single word before a business title and a name is a company ("Skyline founder
    # Lars Berg", "Nordvik chief executive Ola Lunde"), and so is a firm whose experts
    # speak ("Economists at Nordbank warned")
    for m in leftovers:
        after = fold.paragraphs[m.para][m.end : m.end + 60]
        before = fold.paragraphs[m.para][max(0, m.start - 30) : m.start]
        if (
            len(m.text.split()) == 1
            and m.text not in lx.NOT_NAMES
            and m.text.lower() not in lx.TITLE_WORDS
            and (_BUSINESS_TITLE.match(after) or EXPERTS_AT.search(before))
            and not any(m in a.mentions for a in persons.values())
        ):
            m.kind, m.key, m.evidence = "organization", OrgKey(m.text), {"org-apposition"}
            m.weight = 2.0  # a company whose executive speaks in the story is in it
    # single words that speak but match no person: organisations ("Maersk said"),
    # unless a sentence-initial plural noun ("Seismologists said", "Analysts said")
    for m in leftovers:
        if (
            len(m.text.split()) == 1
            and not (m.sentence_start and _PLURAL_NOUN.fullmatch(m.text))
            and m.text not in lx.NOT_NAMES
            and m.text.lower() not in GROUP_CLASS
            and not LOCATIVE.search(fold.paragraphs[m.para][max(0, m.start - 30) : m.start])
            and "-" not in m.text
            and SAYS_NOW.match(fold.paragraphs[m.para][m.end : m.end + 80])
            and not any(m in a.mentions for a in persons.values())
        ):
            m.kind = "organization"
            m.key = OrgKey(m.text)


def add_people(fold: Fold, persons: dict[str, Actor]) -> None:
    """Give each person its aliases, role and affiliation, and add it to the actors (a
    "person" the article calls "it" becomes an organisation)."""
    for actor in persons.values():
        actor.aliases = dedupe(
            [m.text for m in actor.mentions if m.text != actor.name] + actor.aliases
        )
        finish_person(actor)
        if spoken_of_as_it(fold, actor):
            actor.kind = "organization"  # "Skyra Ventana said it would …"
        fold.actors.setdefault(actor.id, actor)


def match_person(persons: dict[str, Actor], text: str, surname_only: bool = False) -> Actor | None:
    """The one person ``text`` names: the same full name, a nickname or initial of the
    given name with the same surname ("Jim"/"James", "J."), or (``surname_only``) the
    surname alone; None when none or several fit."""
    words = [w for w in text.replace(".", "").split() if w not in HONORIFICS]
    words = [w for w in words if w not in {"Mr", "Ms", "Mrs", "Dr", "Jr", "Sr"}]
    if not words:
        return None
    for name, actor in persons.items():
        if name == text:
            return actor
    last = words[-1]
    hits = []
    for actor in persons.values():
        parts = [w for w in actor.name.replace(".", "").split() if w not in {"Jr", "Sr"}]
        if surname_only or len(words) == 1:
            if (
                len(words) > 1
                and len(parts) > 1
                and not _same_given_name(words[0], parts[0])
                and " ".join(words) != " ".join(parts[-len(words) :])
            ):
                continue  # "Sunniva Ekdahl" is not "Johan Ekdahl", whatever the surname
            if (
                last == parts[-1]
                or (len(parts) == 2 and last == parts[0] and len(last) <= 4)
                or (len(words) > 1 and " ".join(words) == " ".join(parts[-len(words) :]))
            ):
                hits.append(actor)
        elif parts[-1] == last and _same_given_name(words[0], parts[0]):
            hits.append(actor)
    if len(hits) == 1:
        return hits[0]
    return None


def _same_given_name(one: str, other: str) -> bool:
    """Can these be the same person's given name: equal, a nickname ("Jim"/"James") or an
    initial or short form of the other ("J", "Alex"/"Alexandra")?"""
    return (
        lx.nickname_of(other) == lx.nickname_of(one)
        or other.startswith(one)
        or one.startswith(other)
    )


def spoken_of_as_it(fold: Fold, actor: Actor) -> bool:
    """A name with no person's evidence (no role, honorific or given name) that the
    article refers to as "it" ("X said it would", "X said in a statement that its")
    or gives a board or shares is an organisation, not a person."""
    if actor.role or any(m.evidence & {"role", "honorific", "given"} for m in actor.mentions):
        return False
    return any(AS_IT.match(fold.paragraphs[m.para][m.end : m.end + 80]) for m in actor.mentions)


def finish_person(actor: Actor) -> None:
    """A person's role (the longer of its first two) and the affiliation it names."""
    roles = [m.role for m in actor.mentions if m.role]
    if roles:
        actor.role = max(roles[:2], key=len)
    if actor.role:
        actor.affiliation = affiliation_of(actor.role)


_BUSINESS_TITLE = re.compile(
    r"(?:['’]s)?\s+(?:co-?founder|founder|chief\s+executive|chief\s+financial\s+officer|CEO|"
    r"chairman|chairwoman|owner|boss|spokes(?:man|woman|person))\s+[A-Z]"
)
# a capitalised plural common noun: "Analysts", "Seismologists", "Residents", "Witnesses"
_PLURAL_NOUN = re.compile(r"[A-Z][a-z]+(?:ists|ers|ors|ants|ents|ians|ives|ees|sses|ses)")
