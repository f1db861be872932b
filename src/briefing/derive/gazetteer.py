"""Known countries and organisations in running text, and bodies qualified by country.

The lexicon (:mod:`briefing.derive.lexicon`) lists countries and organisations with their
aliases, demonyms and capitals; :data:`SURFACES` maps every written form to its entity
and :data:`GAZ_RE` finds them all in one pass. The rest answers the questions the finder
and the fold ask of a country: which country does a role point at ("French defence
minister" -> France), which country does a qualifying word name ("Norwegian", or an
unknown "Valdorian"), and whose is a generic body ("Russia's Defence Ministry" is the
"Russian Defence Ministry", so two countries' ministries never share an id; "the
Norwegian Red Cross" is Norway's own body, not the international one).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefing.derive import lexicon as lx
from briefing.derive.cues import ROLE_ADJ
from briefing.derive.entities import EntityKey, Mention, OrgKey, Token, is_sentence_start
from briefing.derive.lexicon import wordset
from briefing.derive.sentences import normalise

# Lower-case country words that are also ordinary English words.
_COMMON_WORDS = wordset(
    "turkey jordan georgia chad guinea niger mali oman peru cuba china polish french dutch "
    "danish swiss greek thai irish finnish"
)


def _surface_table() -> dict[str, tuple[str, str]]:
    """Surface form -> (entity id, how: name|alias|demonym|capital).

    Country names and demonyms also match in lower case ("russia", some outlets write it
    so) unless that spelling is an ordinary word; demonyms also in the plural.
    """
    table: dict[str, tuple[str, str]] = {}
    for ent in lx.COUNTRIES:
        for form in (ent.name, *ent.demonyms):
            how = "demonym" if form in ent.demonyms else "name"
            low = form.lower()
            if " " not in form and low not in _COMMON_WORDS and form[:1].isupper():
                table.setdefault(low, (ent.id, how))
        for dem in ent.demonyms:
            if dem.endswith(("an", "ian", "i")) and " " not in dem:
                table.setdefault(dem + "s", (ent.id, "demonym"))
                if dem.lower() not in _COMMON_WORDS:
                    table.setdefault(dem.lower() + "s", (ent.id, "demonym"))
    for ent in lx.COUNTRIES + lx.ORGS:
        table[ent.name] = (ent.id, "name")
        for alias in ent.aliases:
            if alias[:1].isupper() or alias.startswith("the "):
                table.setdefault(alias, (ent.id, "alias"))
            if alias.startswith("the "):  # sentence-initial "The Commission said"
                table.setdefault("The " + alias[4:], (ent.id, "alias"))
        for dem in ent.demonyms:
            table.setdefault(dem, (ent.id, "demonym"))
        for cap in ent.capitals:
            table.setdefault(cap, (ent.id, "capital"))
    return table


SURFACES = _surface_table()
GAZ_RE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(s) for s in sorted(SURFACES, key=len, reverse=True))
    + r")(?![\w]|\.\w)"
)
GAZ_WORDS = frozenset(w for s in SURFACES for w in s.split())


def affiliation_of(text: str) -> str | None:
    """The country or organisation a role or organisation name points at."""
    for match in GAZ_RE.finditer(text):
        ent = lx.BY_ID[SURFACES[match.group(0)][0]]
        return ent.name
    return None


COUNTRY_NAMES = frozenset(e.name for e in lx.COUNTRIES)
# bodies made only of these words ("Defence Ministry") need a country to say whose
_GENERIC_ORG_WORDS = frozenset(w.lower() for w in lx.ORG_HEADS) | lx.TITLE_WORDS | ROLE_ADJ
_COUNTRY_BEFORE = re.compile(r"(?P<who>[A-Z][\w.'’ -]{1,40}?)(?:'s|’s)?\s+$")


def qualified_org(para: str, start: int, name: str) -> str:
    """A generic body ("Defence Ministry", "the Foreign Office") takes the country written
    before it ("Russia's Defence Ministry", "the French Defence Ministry") into its name,
    so that two countries' ministries never share an id."""
    words = [w.lower() for w in re.findall(r"[\w'’-]+", name)]
    if not words or not all(w in _GENERIC_ORG_WORDS or w in {"of", "the", "for"} for w in words):
        return normalise(name)
    found = _COUNTRY_BEFORE.search(para[max(0, start - 42) : start])
    if found:
        for hit in GAZ_RE.finditer(found.group("who")):
            ent = lx.BY_ID[SURFACES[hit.group(0)][0]]
            if ent.kind == "country" and hit.end() >= len(found.group("who")) - 1:
                label = ent.demonyms[0] if ent.demonyms else ent.name
                return f"{label} {normalise(name)}"
    return normalise(name)


# "the Norwegian Red Cross", "the Brazilian Congress": a demonym or country name before a
# lexicon organisation names a national body, not the international (or other country's)
# one. An unknown demonym is recognised by its ending ("Valdorian", "Marovese").
_DEMONYM_LIKE = re.compile(r"[A-Z][a-z]{2,}(?:ian|an|ese|ish|i|ic)")
_NOT_DEMONYMS = wordset(
    "Republican Democratic Christian Islamic Catholic Anglican Public Atlantic Pacific "
    "Arctic Baltic Olympic Hispanic Asian African European Latin Arabic Orthodox Civic "
    "Titanic Classic Economic Academic Metropolitan Municipal Urban Global Specific Human"
)


def country_of_word(word: str) -> str | None:
    """The country a qualifying word names ("Norwegian" -> norway), "?" for an unknown
    demonym-like word ("Valdorian"), else None."""
    hit = SURFACES.get(word)
    if hit is not None:
        ent = lx.BY_ID[hit[0]]
        return ent.id if ent.kind == "country" and hit[1] != "capital" else None
    if (
        _DEMONYM_LIKE.fullmatch(word)
        and word not in _NOT_DEMONYMS
        and word.lower() not in lx.TITLE_WORDS
        and word.lower() not in ROLE_ADJ
        and word not in lx.NOT_NAMES
        and word not in lx.ORG_HEADS
    ):
        return "?"
    return None


# what may follow a national body's name: the organisation is the head of its phrase
# ("the Brazilian Congress approved", "…said"), not a modifier ("the Russian UN envoy")
_HEAD_FOLLOWERS = wordset(
    "is was are were has had have will would could can may might must should did does do "
    "and or but also in on at of for to with from by which who that as after before since "
    "until when while if its it their says said sent began ran took gave made set put held "
    "met won lost told brought kept left sought found still later again now then itself"
)


def _heads_its_phrase(para: str, end: int) -> bool:
    """The name ending at ``end`` is not a modifier of a following lower-case noun."""
    after = para[end:].lstrip(" ")
    word = re.match(r"[a-z][\w'’-]*", after)
    if word is None:
        return True  # punctuation, the end, a capitalised word
    word_text = word.group(0)
    return (
        word_text in _HEAD_FOLLOWERS
        or word_text.endswith("ed")
        or re.fullmatch(lx.SPEECH_VERBS, word_text) is not None
    )


def national_body(
    add: Callable[[Mention], None], i: int, para: str, toks: list[Token], run: list[int]
) -> bool:
    """ "The Norwegian Red Cross", "the Brazilian Congress", "the Valdorian Red Cross": a
    lexicon organisation qualified by a country other than its own is that country's
    own body, an organisation of its own (its country an affiliation)."""
    end = toks[run[-1]].end
    for j in range(1, len(run)):
        surface = para[toks[run[j]].start : end]
        hit = SURFACES.get(surface)
        if hit is None:
            continue
        ent = lx.BY_ID[hit[0]]
        if ent.kind != "organization":
            return False
        qualifier = toks[run[j - 1]]
        country = country_of_word(qualifier.text)
        if country is None or country == ent.affiliation or not _heads_its_phrase(para, end):
            return False
        org_start = qualifier.start
        name = para[org_start:end]
        affiliation = lx.BY_ID[country].name if country != "?" else None
        add(
            Mention(
                i,
                org_start,
                end,
                name,
                OrgKey(normalise(name)),
                "organization",
                role=affiliation,
                evidence={"org-head", "national"},
                sentence_start=is_sentence_start(para, org_start),
            )
        )
        if country != "?":  # the country is still named, as in a title
            add(
                Mention(
                    i,
                    qualifier.start,
                    qualifier.end,
                    qualifier.text,
                    EntityKey(country),
                    "country",
                    evidence={SURFACES[qualifier.text][1], "in-role"},
                    weight=0.5,
                )
            )
        return True
    return False
