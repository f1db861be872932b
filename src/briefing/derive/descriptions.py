"""Descriptions of people resolved to the person, and people tied to their body.

After the first mention, wire stories name people by what they are: "the minister", "the
French president", "the head of NATO", "Putin's spokesman". Each becomes a mention of the
person whose role has that noun (narrowed by the country or body the description names),
so quotes given to the description are the person's. A person's affiliation comes from
the body their role points at: "Its regional director, X" belongs to the organisation the
sentence is about; "Board chairman X" to the board's organisation named before.
"""

from __future__ import annotations

import re

from briefing.derive import lexicon as lx
from briefing.derive.cues import ORG_HEAD_WORDS
from briefing.derive.entities import Actor, Fold, Mention, NameKey
from briefing.derive.gazetteer import affiliation_of
from briefing.derive.organisations import DEFINITE_ORG, org_noun_fits
from briefing.derive.sentences import slugify

# words that, alone, say too little about whose body it is ("Foreign Ministry")
_GENERIC_BODY_WORDS = frozenset(w.lower() for w in ORG_HEAD_WORDS) | lx.TITLE_WORDS


def definite_roles(fold: Fold, persons: dict[str, Actor]) -> None:
    """``the NATO Secretary General``, ``The head of NATO``, ``the minister``: a mention
    of the person whose role has that noun (the latest one mentioned before it)."""
    with_roles = [a for a in persons.values() if a.role]
    if not with_roles:
        return
    drops: dict[int, list[tuple[int, int]]] = {}
    added: set[int] = set()
    for i, para in enumerate(fold.paragraphs):
        for match in _DEFINITE_ROLE.finditer(para):
            noun = match.group("noun").lower().replace(" ", "-")
            after = para[match.end() : match.end() + 30]
            if re.match(r",?\s+[A-Z][a-z]+\s+[A-Z]", after):
                continue  # a title before a name, handled as a role
            owner = match.group("owner")
            if owner and not any(owner in a.name.split() for a in persons.values()):
                continue  # "the Kremlin's spokesman": a role of an organisation's
            extra = " ".join(match.group(g) or "" for g in ("owner", "body", "of")).strip()
            cands = [
                a
                for a in with_roles
                if noun in a.role.lower().replace(" ", "-")  # type: ignore[union-attr]
            ]
            if not cands and noun in {"head", "chief", "leader"} and match.group("of"):
                org = match.group("of").split()[-1].lower()
                cands = [a for a in with_roles if org in f"{a.role} {a.affiliation or ''}".lower()]
            if not cands and noun in {"leader", "premier", "head"}:
                # "the Russian leader": a head of state or government of that country
                cands = [a for a in with_roles if _HEAD_ROLE.search(a.role or "")]
                country = affiliation_of(extra) if extra.strip() else None
                if country:
                    cands = [a for a in cands if a.affiliation == country]
                elif len(cands) > 1:
                    cands = []
            if cands and match.group("of"):
                # "the president of Calder University": only someone whose role or
                # affiliation names that body (never a president of something else)
                of_words = set(re.findall(r"[A-Z][\w.]+", match.group("of")))
                cands = [
                    a
                    for a in cands
                    if of_words & set(re.findall(r"[\w.]+", f"{a.role} {a.affiliation or ''}"))
                ]
            if len(cands) > 1 and extra.strip():
                narrowed = [
                    a
                    for a in cands
                    if any(
                        w.lower() in (a.role or "").lower() + " " + (a.affiliation or "").lower()
                        for w in re.findall(r"[A-Z][\w.]+", extra)
                    )
                ]
                cands = narrowed or cands
            if not cands:
                continue

            def last_seen(actor: Actor, para_i: int = i, pos: int = match.start()) -> tuple:
                seen = [
                    (m.para, m.start) for m in actor.mentions if (m.para, m.start) < (para_i, pos)
                ]
                return max(seen) if seen else (-1, -1)

            target = max(cands, key=last_seen)
            if last_seen(target) == (-1, -1) and len(cands) > 1:
                continue
            start = match.start()
            # the body after "of" stays a mention of its own ("… of Calder University")
            end = match.start("of") if match.group("of") else match.end()
            drops.setdefault(i, []).append((start, end))
            mention = Mention(
                i,
                start,
                end,
                match.group(0),
                NameKey(target.name),
                "person",
                evidence={"definite"},
            )
            added.add(id(mention))
            target.mentions.append(mention)
            fold.mentions.append(mention)
            if match.group(0) not in target.aliases:
                target.aliases.append(match.group(0))
    # what the definite mentions cover is not another actor's mention; removed once at
    # the end (per match it made derive quadratic in the article's length)

    def covered(m: Mention) -> bool:
        return id(m) not in added and any(
            s < m.end and m.start < e for s, e in drops.get(m.para, ())
        )

    if drops:
        fold.mentions = [m for m in fold.mentions if m.kind == "person" or not covered(m)]
        for actor in fold.actors.values():
            actor.mentions = [m for m in actor.mentions if not covered(m)]


def possessive_affiliations(fold: Fold, persons: dict[str, Actor]) -> None:
    """ "Its regional director, Paolo Sandri": the person belongs to the organisation
    (or country) named last before "its"/"their"."""
    for actor in persons.values():
        if actor.affiliation or not actor.role:
            continue
        for m in actor.mentions:
            before = fold.paragraphs[m.para][: m.start]
            if not re.search(
                r"\b(?:[Ii]ts|[Tt]heir)\s+" + re.escape(actor.role) + r",\s*$", before
            ):
                continue
            owners = [
                (o.para, o.start, a)
                for a in fold.actors.values()
                if a.kind in {"organization", "country", "group"}
                for o in a.mentions
                if (o.para, o.start) < (m.para, m.start)
            ]
            if owners:
                # "its" points at the subject of the sentence before: "The People's
                # Party accused the Greens … Its leader" is the party's, not the Greens'
                para_text = fold.paragraphs[m.para]
                cut = [x.end() for x in re.finditer(r"[.!?][\"”’]?\s+", para_text[: m.start])]
                # … or of the same sentence, before a ";" ("The opposition Social
                # Democrats said …; their education spokeswoman, Ida Rautio, said")
                this_start = cut[-1] if cut else 0
                in_sentence = [t for t in owners if t[0] == m.para and this_start <= t[1] < m.start]
                if not in_sentence:
                    sentence_start = cut[-2] if len(cut) >= 2 else 0
                    in_sentence = [
                        t for t in owners if t[0] == m.para and sentence_start <= t[1] < this_start
                    ]
                owner = (
                    min(in_sentence, key=lambda t: t[1])[2]
                    if in_sentence
                    else max(owners, key=lambda t: (t[0], t[1]))[2]
                )
                actor.affiliation = owner.name
                # an organisation whose own people are named in the story is in it
                owner.mentions[0].weight += 1.0
                break


def of_affiliations(fold: Fold, persons: dict[str, Actor]) -> None:
    """ "said Tomas Oyelowo of the Consumers' Association", "Jane Doe at Nordbank": the
    organisation right after the name is the person's, and an organisation whose people
    are named in the story is in it."""
    starts = {
        (m.para, m.start): a
        for a in fold.actors.values()
        if a.kind == "organization"
        for m in a.mentions
    }
    bumped: set[str] = set()
    for actor in persons.values():
        for m in actor.mentions:
            link = _OF_ORG.match(fold.paragraphs[m.para], m.end)
            owner = starts.get((m.para, link.end())) if link else None
            if owner is None:
                continue
            if not actor.affiliation:
                actor.affiliation = owner.name
            if owner.id not in bumped and owner.mentions:
                owner.mentions[0].weight += 1.0
                bumped.add(owner.id)
            break


_OF_ORG = re.compile(r",?\s+(?:of|at|from|with)\s+(?:the\s+)?")


def role_affiliations(fold: Fold, persons: dict[str, Actor]) -> None:
    """ "Board chairman Peter Lowry", "the airline's chief executive, Petra Lund": a
    role naming an organisation by its noun belongs to the one named last before."""
    orgs = [a for a in fold.actors.values() if a.kind == "organization"]
    for actor in persons.values():
        if actor.affiliation or not actor.role or not actor.mentions:
            continue
        # "Sardovan Energy Minister": a country the gazetteer does not know
        country = next(
            (
                fold.country_forms[w]
                for w in re.findall(r"[A-Z][\w-]+", actor.role)
                if w in fold.country_forms
            ),
            None,
        )
        if country and slugify(country) in fold.actors:
            actor.affiliation = country
            continue
        # "FSO leader Anna Berg": an organisation of the article named in the role
        named = [
            a
            for a in orgs
            if any(
                re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", actor.role)
                for form in (a.name, *a.aliases)
                if form[:1].isupper()
            )
        ]
        if len(named) == 1:
            actor.affiliation = named[0].name
            continue
        first = min((m.para, m.start) for m in actor.mentions)
        for noun in re.findall(r"[a-z]+", actor.role.lower()):
            cands = [a for a in orgs if DEFINITE_ORG.fullmatch(f"the {noun}")]
            cands = [
                a
                for a in cands
                if org_noun_fits(a, noun, "")
                # "Foreign Ministry" alone says too little: whose ministry?
                and not all(w.lower() in _GENERIC_BODY_WORDS for w in a.name.split())
            ]
            before = [
                (max((m.para, m.start) for m in a.mentions if (m.para, m.start) < first), a)
                for a in cands
                if any((m.para, m.start) < first for m in a.mentions)
            ]
            if before:
                actor.affiliation = max(before, key=lambda t: t[0])[1].name
                break


# a head of state or government: "the Russian leader" is one
_HEAD_ROLE = re.compile(r"\b(?:president|prime minister|chancellor|premier|king)\b", re.I)


_ROLE_ALT = (
    r"Secretary[- ]General|Commander-in-Chief|[Ss]ecretary of [Ss]tate|[Pp]rime [Mm]inister|"
    r"[Pp]resident|[Cc]hancellor|[Mm]inister|[Ss]ecretary|[Ss]pokes(?:man|woman|person)|"
    r"[Hh]ead|[Cc]hief|[Cc]ommander|[Gg]eneral|[Aa]mbassador|[Ee]nvoy|[Pp]remier|[Ll]eader|"
    r"[Dd]irector|[Cc]hairman|[Cc]hairwoman|[Gg]overnor|[Mm]ayor|[Ss]peaker|[Kk]ing|[Qq]ueen"
)
# "the French president", "the head of NATO", and "Putin's spokesman" (an owner's
# possessive instead of "the"; the owner's words narrow the candidates like the body's)
_DEFINITE_ROLE = re.compile(
    r"(?:\b[Tt]he|(?<![\w.])(?P<owner>[A-Z][\w.-]+)(?:'s|’s))\s+"
    r"(?P<body>(?:(?:[A-Z][\w.-]*|top|chief|foreign|defen[cs]e|prime)\s+){0,3})"
    r"(?P<noun>" + _ROLE_ALT + r")\b(?P<of>\s+of\s+(?:the\s+)?[A-Z][\w.]*"
    r"(?:\s+(?:of\s+)?(?:the\s+)?[A-Z][\w.]*)*)?"
)
