"""Organisations, countries and groups: one actor per key, and the forms of one body joined.

Each mention of a country, organisation or group becomes part of one actor per key (the
gazetteer entity, the organisation's name, the group's display name). Then the other
ways a story names the same body are joined to it:

- a one-word short form of a longer name ("the Commission" -> European Commission,
  "Halvard" -> Halvard Group, "Police" -> Calder Police Department);
- an unqualified body after a country's ("the Defence Ministry" after "Russia's Defence
  Ministry said") joins the qualified one named last before it;
- a capitalised run seen elsewhere as an organisation's name ("Norsk Kabel's board");
- "the union", "the agency", "the company": the organisation named last before whose
  name fits the noun ("the company" is the story's most named business).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from briefing.derive import lexicon as lx
from briefing.derive.cues import BARE_BODIES, ORG_HEAD_WORDS, ORG_NOUNS, STATE_GOVERNMENT
from briefing.derive.entities import (
    Actor,
    EntityKey,
    Fold,
    GroupNameKey,
    Mention,
    NameKey,
    OrgKey,
)
from briefing.derive.gazetteer import affiliation_of
from briefing.derive.sentences import slugify


def entity_actor(fold: Fold, m: Mention) -> None:
    """Add a country, organisation or group mention to its actor (one per key), made
    from the gazetteer entry, the group's display name or the name as written."""
    key = m.key
    if isinstance(key, EntityKey):
        ent = lx.BY_ID[key.entity_id]
        actor_id, name = ent.id, ent.name
        affiliation = lx.BY_ID[ent.affiliation].name if ent.affiliation else None
        kind_ = ent.kind
    elif isinstance(key, GroupNameKey):
        actor_id, name, kind_ = slugify(key.name), key.name, "group"
        affiliation = m.role
    elif isinstance(key, OrgKey) and m.kind == "country":  # a country not in the lexicon
        actor_id, name, kind_, affiliation = slugify(key.name), key.name, "country", None
    elif isinstance(key, OrgKey):
        name = re.sub(r"^(?:The|the)\s+", "", key.name)
        actor_id, kind_ = slugify(name), "organization"
        # a national body ("Norwegian Red Cross") is affiliated with its country, not
        # with the lexicon organisation its name contains
        affiliation = m.role if "national" in m.evidence else affiliation_of(name)
    else:  # a person's name or an unfolded group: the fold handled those already
        return
    if affiliation == name:
        affiliation = None
    actor = fold.actors.get(actor_id)
    if actor is None:
        actor = Actor(actor_id, name, kind_, affiliation=affiliation)
        fold.actors[actor_id] = actor
    actor.mentions.append(m)
    forms = [m.text]
    if kind_ == "group":
        # "a senior Varnian official" is also named by its phrase without the article
        forms.append(re.sub(r"^(?:[Aa]n?|[Oo]ne)\s+(?=\S)", "", m.text))
    for text in dict.fromkeys(forms):
        if text != actor.name and "demonym" not in m.evidence and text not in actor.aliases:
            actor.aliases.append(text)


def fold_short_org_names(fold: Fold) -> None:
    """A one-word organisation that is the short form of a longer one named in the
    article joins it: "the Commission" -> European Commission, "Halvard" -> Halvard
    Group (the rest of the long name being organisation words)."""
    orgs = [a for a in fold.actors.values() if a.kind in {"organization", "group"}]
    for short in orgs:
        if len(short.name.split()) != 1 or short.id not in fold.actors:
            continue
        if STATE_GOVERNMENT.fullmatch(short.name):
            continue  # "the government" is the state's, never "the regional government"
        word = short.name
        longer = [
            a
            for a in orgs
            if a is not short
            and a.id in fold.actors
            and len(a.name.split()) > 1
            and (
                a.name.split()[-1] == word
                or (word in BARE_BODIES and word in a.name.split())
                or (
                    a.name.split()[0] == word and all(w in lx.ORG_HEADS for w in a.name.split()[1:])
                )
            )
        ]
        if len(longer) != 1:
            continue
        _absorb(fold, short, longer[0])


def _absorb(fold: Fold, short: Actor, target: Actor) -> None:
    """``short`` (a short form or acronym) joins ``target``: its mentions, and its forms
    as aliases."""
    target.mentions.extend(short.mentions)
    for form in [short.name, *short.aliases]:
        if form != target.name and form not in target.aliases:
            target.aliases.append(form)
    del fold.actors[short.id]


def fold_acronyms(fold: Fold) -> None:
    """An acronym that spells the initials of an organisation named in the article joins
    it: "CMO" -> Competition and Markets Office, "KRT" -> Kellerby Regional Transit, "NFF"
    -> Carvinia National Farmers' Federation (a country or place before the name is often
    left out of the acronym, so the initials of the name's last words count too)."""
    orgs = [a for a in fold.actors.values() if a.kind in {"organization", "group"}]
    for short in orgs:
        acronym = short.name.replace(".", "")
        if not (short.name.isupper() and 2 <= len(acronym) <= 8 and " " not in short.name):
            continue
        longer = _defined(fold, orgs, short)
        if not longer:
            longer = [
                a
                for a in orgs
                if a is not short and a.id in fold.actors and _spells(acronym, a.name)
            ]
        if not longer:
            longer = _spelled_names(fold, acronym)
        if len(longer) != 1:
            continue
        _absorb(fold, short, longer[0])


def _defined(fold: Fold, orgs: list[Actor], short: Actor) -> list[Actor]:
    """The organisation the article defines the acronym as: "the Orvanian Petroleum
    Company (ORPET)" — the name right before the acronym in brackets, whatever letters
    the acronym takes from it. When the run was cut at "and" ("the Energy and Petroleum
    Workers' Federation (EPWF)" found as "Petroleum Workers' Federation"), the words
    before it whose initials the acronym begins with join the name."""
    found: list[Actor] = []
    for org in orgs:
        if org is short or org.id not in fold.actors:
            continue
        pattern = re.compile(
            rf"((?:[A-Z][\w'’-]*\s+(?:and|of|for|&)\s+)?){re.escape(org.name)}"
            rf"\s*\(\s*{re.escape(short.name)}\s*\)"
        )
        for para in fold.paragraphs:
            hit = pattern.search(para)
            if not hit:
                continue
            before = hit.group(1).strip()
            acronym = short.name.replace(".", "")
            starts = bool(before) and acronym.upper().startswith(before[:1].upper())
            if starts and not _spells(acronym, org.name):
                _lengthen(fold, org, f"{before} {org.name}")
            found.append(org)
            break
    return found


def _lengthen(fold: Fold, org: Actor, name: str) -> None:
    """``org`` under its whole name (and the id that name gives, when free); the cut
    name stays an alias."""
    if org.name not in org.aliases:
        org.aliases.append(org.name)
    org.name = name
    new_id = slugify(name)
    if new_id not in fold.actors:
        del fold.actors[org.id]
        org.id = new_id
        fold.actors[new_id] = org


def _spelled_names(fold: Fold, acronym: str) -> list[Actor]:
    """A capitalised name found with no evidence of its own ("The board of Kellerby
    Regional Transit voted") whose initials the acronym spells: the organisation's name,
    made an actor (one only: with two candidates nothing is decided)."""
    people = {id(m) for a in fold.actors.values() if a.kind == "person" for m in a.mentions}
    found = [
        m
        for m in fold.mentions
        if m.kind == "person"
        and isinstance(m.key, NameKey)
        and id(m) not in people
        and not m.evidence & {"role", "honorific", "given"}
        and _spells(acronym, m.text)
    ]
    names = {m.text for m in found}
    if len(names) != 1:
        return []
    name = names.pop()
    actor = Actor(slugify(name), name, "organization")
    for m in found:
        m.kind, m.key = "organization", OrgKey(name)
        m.evidence = m.evidence | {"spelled"}  # an acronym spells it: more than a bare acronym
        actor.mentions.append(m)
    fold.actors.setdefault(actor.id, actor)
    return [fold.actors[actor.id]]


def _spells(acronym: str, name: str) -> bool:
    """Is ``acronym`` the initials of ``name``, or of its last two or more words?"""
    words = [w for w in re.split(r"[\s-]+", name) if w[:1].isupper()]
    if len(words) < 2:
        return False
    initials = "".join(w[0] for w in words).upper()
    return any(
        initials[k:] == acronym.upper() for k in range(len(initials) - 1) if len(initials) - k >= 2
    )


def fold_unqualified_bodies(fold: Fold) -> None:
    """ "The Defence Ministry added" after "Russia's Defence Ministry said": each mention
    of the unqualified body joins the qualified one named last before it. A body written
    in lower case joins the named body whose last words it repeats ("the electoral
    commission" -> Independent Electoral Commission)."""
    orgs = [a for a in fold.actors.values() if a.kind == "organization"]
    for bare in orgs:
        if STATE_GOVERNMENT.fullmatch(bare.name):
            continue  # "the government" is the state's, never "the regional government"
        # "the Red Cross" after "the Norwegian Red Cross": a lexicon body every mention
        # of which is the end of a national body's name, whatever the lexicon calls it
        lexicon_forms = (
            [re.sub(r"^(?:The|the)\s+", "", m.text) for m in bare.mentions]
            if bare.mentions and all(isinstance(m.key, EntityKey) for m in bare.mentions)
            else []
        )
        qualified = [
            a
            for a in orgs
            if a is not bare
            and (
                a.name.endswith(" " + bare.name)
                # "the electoral commission" before or after "the Independent Electoral
                # Commission": a lower-case reference to a named body whose head noun and
                # modifiers it repeats
                or (bare.name.islower() and a.name.lower().endswith(" " + bare.name))
                or a.name.startswith(bare.name + " of ")
                or (lexicon_forms and all(a.name.endswith(" " + f) for f in lexicon_forms))
            )
        ]
        if not qualified:
            continue
        for m in bare.mentions:

            def last_before(actor: Actor, at: Mention = m) -> tuple[int, int]:
                seen = [
                    (o.para, o.start)
                    for o in actor.mentions
                    if (o.para, o.start) < (at.para, at.start)
                ]
                return max(seen) if seen else (-1, -1)

            target = max(qualified, key=last_before)
            target.mentions.append(m)
            if m.text not in target.aliases:
                target.aliases.append(m.text)
        del fold.actors[bare.id]


def join_repeated_org_names(fold: Fold, leftovers: list[Mention]) -> None:
    """A capitalised run with no evidence of its own ("Norsk Kabel's board") that is
    the name or alias of an organisation found elsewhere is another mention of it."""
    forms: dict[str, Actor] = {}
    short: dict[str, list[Actor]] = {}
    for actor in fold.actors.values():
        if actor.kind in {"organization", "group"}:
            for form in (actor.name, *actor.aliases):
                forms.setdefault(form, actor)
            words = actor.name.split()
            if len(words) > 1 and all(w in ORG_HEAD_WORDS for w in words[1:]):
                short.setdefault(words[0], []).append(actor)  # "Skyway" of "Skyway Air"
    for word, actors in short.items():
        if len(actors) == 1:
            forms.setdefault(word, actors[0])
    taken = {id(m) for a in fold.actors.values() for m in a.mentions}
    for m in leftovers:
        target = forms.get(re.sub(r"['’]s$", "", m.text))
        if target is not None and id(m) not in taken:
            m.kind, m.key = target.kind, OrgKey(m.text)
            target.mentions.append(m)


def definite_orgs(fold: Fold) -> None:
    """ "The union said", "the agency's director", "the company": a later mention of the
    organisation named last before it whose name ends in that noun (or, for "the
    company"/"the firm", of a business; for "the union", of a federation or
    association). A modifier ("the student union") must be a word of the name."""
    orgs = [a for a in fold.actors.values() if a.kind == "organization"]
    if not orgs:
        return
    claimed: dict[int, list[tuple[int, int]]] = {}
    for m in fold.mentions:
        claimed.setdefault(m.para, []).append((m.start, m.end))
    named_at = {a.id: sorted((m.para, m.start) for m in a.mentions) for a in orgs}
    for i, para in enumerate(fold.paragraphs):
        matches = [*DEFINITE_ORG.finditer(para), *_BODY_SPOKESMAN.finditer(para)]
        for match in sorted(matches, key=lambda m: m.start()):
            start, end = match.start(), match.end("noun")
            if any(s < end and start < e for s, e in claimed.get(i, [])):
                continue
            noun, mod = match.group("noun").lower(), (match.group("mod") or "").lower()
            cands = [a for a in orgs if org_noun_fits(a, noun, mod)]
            if not cands:
                continue

            def last_seen(actor: Actor, para_i: int = i, pos: int = start) -> tuple[int, int]:
                seen = named_at[actor.id]  # a binary search: derive stays linear
                k = bisect_left(seen, (para_i, pos))
                return seen[k - 1] if k else (-1, -1)

            # an exact head ("the agency" -> "… Agency") beats a looser fit; "the company"
            # is the story's main business (the most named), not the last one named
            exact = [a for a in cands if a.name.split()[-1].lower() == noun]
            if exact or noun not in _BUSINESS_NOUNS:
                target = max(exact or cands, key=last_seen)
            else:
                seen = [a for a in cands if last_seen(a) != (-1, -1)]
                # … unless a business was named earlier in the same paragraph: "Orientis
                # Shipping said … A spokesman said the company was …"
                here = [a for a in seen if last_seen(a)[0] == i]
                target = (
                    max(here, key=last_seen)
                    if here
                    else max(seen or cands, key=lambda a: (len(named_at[a.id]), last_seen(a)))
                )
            if last_seen(target) == (-1, -1):
                continue
            text = para[start:end]
            mention = Mention(
                i,
                start,
                end,
                text,
                OrgKey(target.name),
                "organization",
                evidence={"definite"},
                sentence_start=start == 0 or para[start - 2 : start - 1] in ".!?",
            )
            target.mentions.append(mention)
            fold.mentions.append(mention)
            claimed.setdefault(i, []).append((start, end))
            alias = "the " + (text.split(None, 1)[1] if " " in text else text)
            if alias not in target.aliases:
                target.aliases.append(alias)


_BUSINESS_NOUNS = frozenset(["company", "firm", "airline", "carrier", "group", "bank", "lender"])
# "airline"/"bank" need a name that says so; "company"/"firm"/"group" fit any business
_PUBLIC_HEADS = lx.wordset(
    """ministry agency council commission court union federation association party institute
    university department board police government office authority parliament senate
    assembly organisation organization committee"""
)
_UNION_HEADS = frozenset(["union", "federation", "association", "confederation"])
_REGULATOR_HEADS = frozenset(["commission", "council", "authority", "agency", "office", "board"])
_ORG_NOUN_ALT = (
    r"union|company|agency|organi[sz]ation|ministry|council|board|commission|government|"
    r"federation|association|institute|party|airline|carrier|regulator|watchdog|court|"
    r"university|department|firm|bank|charity|bloc|alliance|network|trust|foundation|"
    r"committee|authority|tribunal|panel|embassy|consulate|confederation"
)
# "a court spokesman", "a union spokeswoman": the body speaks through its spokesman
_BODY_SPOKESMAN = re.compile(
    r"(?:(?<=\b[Aa] )|(?<=\b[Aa]n ))(?P<mod>)(?P<noun>" + _ORG_NOUN_ALT + r")"
    r"(?=\s+spokes(?:man|woman|person)\b)"
)
DEFINITE_ORG = re.compile(
    r"\b[Tt]he\s+(?:(?P<mod>[a-z][a-z-]+)\s+)?"
    r"(?P<noun>" + _ORG_NOUN_ALT + r")\b(?!\s+(?:of|for)\b)(?!-)"
)


def described_orgs(fold: Fold) -> None:
    """ "The main union confederation, FSO, said", "Sardogas, the state pipeline
    operator,": what the writer says an organisation is becomes an alias ("the main union
    confederation"), so that "the union" or "the confederation" later is a mention of it."""
    for actor in list(fold.actors.values()):
        if actor.kind != "organization":
            continue
        for m in actor.mentions:
            para = fold.paragraphs[m.para]
            before = _DESCRIBED_BEFORE.search(para[max(0, m.start - 80) : m.start])
            after = _DESCRIBED_AFTER.match(para, m.end)
            for found in (before, after):
                if found:
                    alias = "the " + found.group("desc")
                    if alias not in actor.aliases:
                        actor.aliases.append(alias)


_DESCRIBING_NOUN = r"(?:" + "|".join(sorted(ORG_NOUNS)) + r")"
_DESCRIBED_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?P<desc>(?:[\w'’-]+\s+){0,3}?"
    + _DESCRIBING_NOUN
    + r"),\s+$"
)
_DESCRIBED_AFTER = re.compile(
    r",\s+(?:the|a|an)\s+(?P<desc>(?:[\w'’-]+\s+){0,3}?" + _DESCRIBING_NOUN + r")(?=\s*[,.;])"
)


def org_noun_fits(actor: Actor, noun: str, mod: str) -> bool:
    """Can "the <mod> <noun>" name this organisation? Its name says so ("the agency" ->
    "… Agency"), or what the writer said it is ("the union" -> FSO, "the main union
    confederation")."""
    for alias in actor.aliases:
        described = alias.lower().split()
        if (
            alias.startswith("the ")
            and alias[4:5].islower()
            and (noun in described[1:] or (noun == "union" and described[-1] in _UNION_HEADS))
            and (not mod or mod in described)
        ):
            return True
    words = actor.name.lower().replace("’", "'").split()
    head = words[-1]
    if "in" in words[1:]:
        head = words[words.index("in") - 1]  # "Zamaro's embassy in Staven" -> "embassy"
    if mod and mod not in words:
        return False
    if noun == head or (noun.startswith("organi") and head.startswith("organi")):
        return True
    if "of" in words and noun == words[words.index("of") - 1]:
        return True  # "the board" -> "board of trustees", "the government" -> "… of Verrin"
    if noun in {"airline", "carrier"}:
        return head in {"air", "airlines", "airways"}
    if noun in {"bank", "lender"}:
        return head == "bank" or actor.name.lower().endswith("bank")
    if noun in _BUSINESS_NOUNS:
        return head not in _PUBLIC_HEADS and not actor.known and actor.id not in lx.BY_ID
    if noun == "union":
        return head in _UNION_HEADS
    if noun in {"regulator", "watchdog"}:
        return head in _REGULATOR_HEADS
    return False
