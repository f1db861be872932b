"""Anonymous sources and collective actors: finding them, and folding their mentions.

Wire stories quote people they do not name ("one U.S. official", "a senior official at
the harbour authority, who asked not to be named,") and groups that act together
("European allies", "congressional Republicans", "officials in Kyiv"). Finding:

- a noun phrase the text says is unnamed (a source "who asked not to be named", "speaking
  on condition of anonymity") is one source of its own, named by its whole phrase;
- "officials", "diplomats", "sources" with a qualifier become a group of that class,
  labelled by the qualifier ("U.S. officials").

Folding: an unqualified group ("officials said") joins the most mentioned qualified group
of its class, and "the official" / "one of them" are later mentions of the anonymous
source named last before them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from briefing.derive import lexicon as lx
from briefing.derive.entities import (
    Actor,
    Fold,
    GroupKey,
    GroupNameKey,
    Mention,
    is_sentence_start,
)
from briefing.derive.gazetteer import COUNTRY_NAMES, GAZ_RE, SURFACES
from briefing.derive.lexicon import wordset

Add = Callable[[Mention], None]

# "one U.S. official", "senior European diplomats", "people familiar with": a group noun
# with up to three qualifiers, right before what a source does
_ANON = re.compile(
    r"\b(?P<det>(?i:one|a|an|two|three|four|five|several|some|other|many)|\d+)?\s*"
    r"(?P<adj>(?:(?:senior|top|high-ranking|former|current|other|Western|European|military|"
    r"administration|government|defen[cs]e|intelligence|security|diplomatic|foreign|"
    r"congressional|ministry|Pentagon|White House|NATO|EU|E\.U\.|U\.S\.|US|U\.N\.|UN|"
    r"[A-Z][a-z]+(?:an|ese|ish|ian|i|ch)|"
    r"[A-Z][a-z]+ (?:Union|Nations|Department|Ministry))\s+){0,3})"
    r"(?P<noun>(?i:officials?|diplomats?|sources?|people|persons?|aides?|insiders?|officers?))"
    r"(?=\s+(?:familiar|with knowledge|close to|briefed|involved|said|say|says|told|who|"
    r"speaking|cited|added|according)|,\s+(?:who|speaking))",
)


GROUP_CLASS = {
    **dict.fromkeys(
        wordset(
            "official officials source sources aide aides people person persons insiders officers"
        ),
        "officials",
    ),
    "diplomat": "diplomats",
    "diplomats": "diplomats",
    "allies": "allies",
    "partners": "allies",
    "Allies": "allies",
    "leaders": "leaders",
    "governments": "governments",
    "lawmakers": "lawmakers",
    "senators": "lawmakers",
    "republicans": "Republicans",
    "democrats": "Democrats",
}
_QUALIFIER_WORDS = {
    "western": "Western",
    "european": "European",
    "congressional": "Congressional",
    "republican": "Republican",
    "democratic": "Democratic",
    "arab": "Arab",
    "gulf": "Gulf",
    "nordic": "Nordic",
    "baltic": "Baltic",
}
LOOSE_QUALIFIERS = {
    "administration",
    "government",
    "military",
    "intelligence",
    "defense",
    "defence",
    "security",
    "diplomatic",
}


def group_qualifier(words: str) -> tuple[str, str | None]:
    """Qualifier words -> (label, affiliation): ``"senior U.S."`` -> ``("U.S.", "United
    States")``, ``"European Union"`` -> ``("EU", …)``, ``"Western"`` -> ``("Western", None)``."""
    for found in GAZ_RE.finditer(words):
        ent = lx.BY_ID[SURFACES[found.group(0)][0]]
        if ent.id == "united-states":
            return "U.S.", ent.name
        if ent.id == "european-union":
            return "EU", ent.name
        if ent.kind == "country":
            return (ent.demonyms[0] if ent.demonyms else ent.name), ent.name
        return ent.name, ent.name
    for word in words.split():
        if word.lower() in _QUALIFIER_WORDS:
            return _QUALIFIER_WORDS[word.lower()], None
    named = re.findall(r"\b[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*", words)
    if named and named[-1].split()[-1] in lx.ORG_HEADS:
        return named[-1], named[-1]  # "A Commerce Department official"
    for word in words.split():
        if word.lower() in LOOSE_QUALIFIERS:
            return word.lower().capitalize(), None
    return "", None


def _singular(noun: str) -> str:
    """``officials`` -> ``official``, ``people`` -> ``person`` (for matching "the official")."""
    if noun == "people":
        return "person"
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


_NUMBER_WORDS = r"[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]everal|[Ss]ome|\d+"
# what says that a source is unnamed, right after the noun phrase
_ANONYMITY = (
    r",?\s+(?:who\s+(?:asked|spoke|declined|requested|did\s+not\s+want|"
    r"(?:was|were)\s+not\s+authori[sz]ed|(?:was|were)\s+present)|speaking\s+on\s+condition|"
    r"on\s+condition\s+of\s+anonymity|not\s+authori[sz]ed\s+to)"
)
_ANON_SOURCE = re.compile(
    r"(?<![\w'’-])(?P<np>(?P<det>" + _NUMBER_WORDS + r")\s+"
    r"(?:(?:[a-z][\w-]*|[A-Z][\w.&'’-]*)\s+){0,4}?(?P<noun>[a-z]{3,})"
    r"(?:\s+(?:at|in|from|of|with|on|for|involved\s+in|close\s+to|familiar\s+with|briefed\s+on|"
    r"who\s+(?:worked|works|work|served|serves)\s+(?:on|in|at|for|with))\s+[^,.;:\"“”]{1,60}?)?)"
    r"(?=" + _ANONYMITY + r")"
)
# nouns that are never a source: "one of them, who asked …" is found through its group
_NOT_SOURCE_NOUNS = frozenset(["them", "whom", "which", "that", "those", "these"])


_QUAL_ALT = "|".join(
    re.escape(s) for s in sorted(SURFACES, key=len, reverse=True) if s[:1].isupper()
)
_COLLECTIVE = re.compile(
    r"(?<![\w.])(?P<q>(?:" + _QUAL_ALT + r"|Western|European|[Cc]ongressional|Republican|"
    r"Democratic|Arab|Gulf|Nordic|Baltic)(?:\s+(?:government|administration|military|"
    r"intelligence|security|defen[cs]e))?)\s+"
    r"(?P<noun>allies|partners|officials|diplomats|leaders|lawmakers|senators|[Rr]epublicans|"
    r"[Dd]emocrats|governments|sources)\b"
)
_OFFICIALS_IN = re.compile(
    r"\b(?P<noun>(?i:officials|diplomats|sources))\s+in\s+(?P<place>" + _QUAL_ALT + r")\b"
)
_BARE_ALLIES = re.compile(r"\b(?:[Tt]he\s+|[Ii]ts\s+|[Oo]ur\s+|[Tt]heir\s+)?(?P<noun>[Aa]llies)\b")


def find_groups(add: Add, i: int, para: str) -> None:
    """Anonymous sources ("one U.S. official") and collective actors ("European allies",
    "congressional Republicans", "officials in Washington")."""
    _anonymous_sources(add, i, para)
    _single_sources(add, i, para)
    _speaking_collectives(add, i, para)
    found: list[tuple[int, int, str, str]] = []  # start, end, qualifier words, noun
    for match in _ANON.finditer(para):
        noun, det = match.group("noun"), match.group("det")
        if not det and not noun.endswith(("s", "people")):
            continue
        if re.match(r",\s+[A-Z][a-z]+ [A-Z]", para[match.end() : match.end() + 40]):
            continue  # "an official, John Smith," is not anonymous
        start = (
            match.start("det")
            if det
            else (match.start("adj") if match.group("adj") else match.start("noun"))
        )
        found.append((start, match.end(), match.group("adj"), noun))
    for match in _COLLECTIVE.finditer(para):
        found.append((match.start(), match.end(), match.group("q"), match.group("noun")))
    for match in _OFFICIALS_IN.finditer(para):
        found.append((match.start(), match.end(), match.group("place"), match.group("noun")))
    for match in _BARE_ALLIES.finditer(para):
        found.append((match.start("noun"), match.end(), "", match.group("noun")))
    for start, end, qualifier, noun in sorted(found, key=lambda f: (f[0], -f[1])):
        label, affiliation = group_qualifier(qualifier)
        cls = GROUP_CLASS.get(noun) or GROUP_CLASS.get(noun.lower())
        if cls is None:
            continue
        if cls == "governments" and affiliation in COUNTRY_NAMES:
            continue  # "the Danish government(s)" is Denmark: the gazetteer names it
        add(
            Mention(
                i,
                start,
                end,
                para[start:end].strip(),
                GroupKey(label, cls),
                "group",
                role=affiliation,
                evidence={"group"},
                sentence_start=is_sentence_start(para, start),
            )
        )


# one unnamed source, described by what it is or knows: "A coalition official said", "a
# person familiar with the matter said", "one banker close to the deal told"
_SINGLE_SOURCE = re.compile(
    r"(?<![\w'’-])(?P<np>(?P<det>[Aa]n?|[Oo]ne)\s+(?P<adj>(?:[a-z][\w-]*\s+){0,2}?)"
    r"(?P<noun>official|source|person|insider|aide|banker|executive|adviser|advisor|diplomat)"
    r"(?P<tail>\s+(?:familiar\s+with|close\s+to|with\s+knowledge\s+of|briefed\s+on)"
    r"\s+the\s+[a-z]+(?:\s+[a-z]+)?)?)"
    r"(?=,?\s+(?:said|says|told|added|warned|confirmed|cautioned)\b)"
)


# a kind of group that speaks as one, described by a word: "Environmental groups warned",
# "rights campaigners said", "Consumer associations welcomed"
_SPEAKING_COLLECTIVE = re.compile(
    r"(?<![\w'’-])(?P<np>(?P<adj>[A-Za-z][a-z-]+)\s+(?:groups|organi[sz]ations|campaigners|"
    r"activists|associations|charities|NGOs))"
    r"(?=,?\s+(?:also\s+)?(?:said|say|says|warned|argued|urged|called|criticised|criticized|"
    r"welcomed|told|added|condemned|demanded)\b)"
)
_NOT_KINDS = wordset(
    "some many other several both all the these those two three four few most such their "
    "its our various local national international"
)


def _speaking_collectives(add: Add, i: int, para: str) -> None:
    """A kind of group that speaks as one ("Environmental groups warned …"): an actor of
    the story named by its phrase; a quantity or a pointer ("Some groups said") is not a
    kind."""
    for match in _SPEAKING_COLLECTIVE.finditer(para):
        adj = match.group("adj")
        if adj.lower() in _NOT_KINDS or adj.lower() in lx.TITLE_WORDS:
            continue
        np = match.group("np")
        add(
            Mention(
                i,
                match.start("np"),
                match.end("np"),
                np,
                GroupNameKey(np[:1].upper() + np[1:]),
                "group",
                evidence={"group", "collective"},
                weight=2.0,
                sentence_start=is_sentence_start(para, match.start("np")),
            )
        )


def _single_sources(add: Add, i: int, para: str) -> None:
    """One unnamed source that speaks: an actor of its own named by what describes it
    ("Coalition official (anonymous)", "Person familiar with the matter (anonymous)").
    A source qualified by a country or body ("one U.S. official") is left to the group
    fold, which joins it to that country's officials, unless it says what it knows."""
    for match in _SINGLE_SOURCE.finditer(para):
        adj = match.group("adj").strip()
        if adj.split()[:1] and adj.split()[0] in {"of", "the", "who", "that", "and"}:
            continue
        if not match.group("tail") and _ANON.match(para, match.start("np")):
            continue  # "one senior official said": folded with the story's officials
        described = f"{adj} {match.group('noun')}{match.group('tail') or ''}".strip()
        name = f"{described[:1].upper()}{described[1:]} (anonymous)"
        _label, affiliation = group_qualifier(adj)
        add(
            Mention(
                i,
                match.start("np"),
                match.end("np"),
                match.group("np"),
                GroupNameKey(name),
                "group",
                role=affiliation,
                evidence={"group", "anonymous", f"noun:{match.group('noun')}"},
                weight=1.5,
                sentence_start=is_sentence_start(para, match.start("np")),
            )
        )


def _anonymous_sources(add: Add, i: int, para: str) -> None:
    """A source the text says is unnamed ("A senior official at the harbour authority,
    who asked not to be named,", "Two engineers who worked on the design, speaking on
    condition of anonymity,"): one group actor per source, named by its whole noun
    phrase, whatever the noun."""
    for match in _ANON_SOURCE.finditer(para):
        noun = match.group("noun")
        if noun in _NOT_SOURCE_NOUNS:
            continue
        np = match.group("np")
        described = np[len(match.group("det")) :].strip()
        head = re.split(r"\s+who\s+", described)[0]
        if described == noun:  # a bare noun keeps its number: "One trustee", "Three nurses"
            described = np
        name = f"{described[:1].upper()}{described[1:]} (anonymous)"
        _label, affiliation = group_qualifier(head)
        older = _ANON.match(para, match.start("np"))
        if match.end("np") == match.end("noun") and older and older.end() == match.end():
            continue  # "An Israeli official": one of the country's officials, folded below
        add(
            Mention(  # the span ends at the noun: an organisation after it is named too
                i,
                match.start("np"),
                match.end("noun"),
                np,
                GroupNameKey(name),
                "group",
                role=affiliation,
                evidence={"group", "anonymous", f"noun:{_singular(noun)}"},
                weight=1.5,
                sentence_start=is_sentence_start(para, match.start("np")),
            )
        )


def fold_groups(fold: Fold) -> None:
    """Give every anonymous/collective group mention its display name:
    ``GroupKey("U.S.", "officials")`` -> ``GroupNameKey("U.S. officials")``; an
    unqualified one ("officials said") joins the most mentioned qualified group of its
    class. Only :class:`GroupKey` mentions take part: a gazetteer organisation of kind
    ``group`` (Hamas) keeps its :class:`EntityKey`."""
    groups = [m for m in fold.mentions if isinstance(m.key, GroupKey)]
    counts: dict[str, Counter[str]] = {}
    for m in groups:
        key = m.key
        assert isinstance(key, GroupKey)
        if key.label and key.label.lower() not in LOOSE_QUALIFIERS:
            counts.setdefault(key.cls, Counter())[key.label] += 1
    for m in groups:
        key = m.key
        assert isinstance(key, GroupKey)
        label, cls = key.label, key.cls
        if not label or label.lower() in LOOSE_QUALIFIERS:
            best = counts.get(cls)
            if best:
                label = best.most_common(1)[0][0]
                m.role = m.role or group_qualifier(label)[1]
        if not label:
            label = {"officials": "Anonymous", "allies": "", "diplomats": "Anonymous"}.get(
                cls, "Unnamed"
            )
        name = f"{label} {cls}".strip()
        m.key = GroupNameKey(name[:1].upper() + name[1:])


@staticmethod
def anonymous_followups(fold: Fold) -> None:
    """ "The official said", "One of them said": a later mention of the anonymous
    source with that noun named last before it (within two paragraphs)."""
    sources: list[tuple[str, Actor]] = []
    for actor in fold.actors.values():
        for m in actor.mentions:
            nouns = [e[5:] for e in m.evidence if e.startswith("noun:")]
            if nouns and "anonymous" in m.evidence:
                sources.append((nouns[0], actor))
    if not sources:
        return
    nouns = "|".join(sorted({re.escape(n) for n, _ in sources}))
    pattern = re.compile(
        r"\b(?:(?:[Tt]he|[Tt]hat|[Tt]his)\s+(?P<noun>" + nouns + r")s?|"
        r"(?P<one>[Oo]ne\s+of\s+them|[Oo]ne\s+of\s+the\s+(?P<noun2>" + nouns + r")s))\b"
    )
    claimed: dict[int, list[tuple[int, int]]] = {}
    for m in fold.mentions:
        claimed.setdefault(m.para, []).append((m.start, m.end))
    for i, para in enumerate(fold.paragraphs):
        for match in pattern.finditer(para):
            start, end = match.span()
            if any(s < end and start < e for s, e in claimed.get(i, [])):
                continue
            noun = match.group("noun") or match.group("noun2")
            best: tuple[tuple[int, int], Actor] | None = None
            for source_noun, actor in sources:
                if noun and source_noun != noun:
                    continue
                for m in actor.mentions:
                    if "anonymous" not in m.evidence or not (i - 2 <= m.para <= i):
                        continue
                    if (m.para, m.start) < (i, start) and (
                        best is None or (m.para, m.start) > best[0]
                    ):
                        best = ((m.para, m.start), actor)
            if best is None:
                continue
            target = best[1]
            mention = Mention(
                i,
                start,
                end,
                match.group(0),
                GroupNameKey(target.name),
                "group",
                evidence={"group", "definite"},
            )
            target.mentions.append(mention)
            fold.mentions.append(mention)
            claimed.setdefault(i, []).append((start, end))
            if match.group(0) not in target.aliases:
                target.aliases.append(match.group(0))
