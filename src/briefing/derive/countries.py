"""Countries the gazetteer does not know, found by their marks in the article.

Stories about small or newly named countries (and synthetic test stories) name countries
the lexicon lacks. A single capitalised word is taken for a country when the article
shows a country's marks: a demonym formed from it ("Korvania" / "Korvanian"), its
government or ministers ("Talmark's government", "the government of Norvale", "Talmark
Trade Minister Jon Eide"). Every mention of it, and of its demonym, becomes a country
mention; a person's name, a region, a portfolio ("Labour") never does.
"""

from __future__ import annotations

import re

from briefing.derive import lexicon as lx
from briefing.derive.cues import ORG_HEAD_WORDS
from briefing.derive.entities import Actor, Fold, Mention, NameKey, OrgKey
from briefing.derive.gazetteer import affiliation_of


def unknown_countries(fold: Fold, persons: dict[str, Actor]) -> None:
    """A country the gazetteer does not know (a small or newly named one) is a single
    capitalised word with a country's marks in the article: its demonym ("Korvania" /
    "Korvanian"), its government or ministers ("Talmark's government", "the government
    of Norvale", "Talmark Trade Minister Jon Eide"). Every mention of it, and of its
    demonym, becomes a country mention; a person's name never does."""
    text = "\n".join(fold.paragraphs)
    person_words = {w.strip(".") for a in persons.values() for w in a.name.split()}
    person_words |= {w for a in persons.values() for m in a.mentions for w in m.text.split()}
    found: dict[str, set[str]] = {}  # country name -> demonym forms seen
    for word in set(_DEMONYM_FORM.findall(text)):
        for stem in _demonym_stems(word):
            if re.search(rf"(?<![\w-]){re.escape(stem)}(?![\w-])", text):
                found.setdefault(stem, set()).add(word)
    for cue in _COUNTRY_CUES:
        for match in cue.finditer(text):
            found.setdefault(match.group("c"), set())
    for match in _GOVERNMENTS_OF.finditer(text):
        # "governments, those of Astova, Felmark and Marrow": each name is a country
        for name in re.findall(r"[A-Z][a-z]{3,}", match.group("list")):
            found.setdefault(name, set())
    for match in _PRESIDENT_CUE.finditer(text):
        # companies have presidents too: a country is also a place ("in Varnia")
        name = match.group("c")
        if re.search(rf"\b(?:in|to|from|across|visit(?:ed|ing|s)?)\s+{name}\b(?!['’])", text):
            found.setdefault(name, set())
    for name in list(found):
        if (
            name in person_words
            or name in _NOT_COUNTRIES
            or name in lx.NOT_NAMES
            or name.lower() in lx.TITLE_WORDS
            or name in ORG_HEAD_WORDS
            or name.isupper()
            or affiliation_of(name) is not None  # the gazetteer knows it
        ):
            del found[name]
    if not found:
        return
    forms = {name: name for name in found} | {
        dem: name for name, dems in found.items() for dem in dems
    }
    fold.country_forms = forms
    taken: dict[int, list[Mention]] = {}
    for m in fold.mentions:
        taken.setdefault(m.para, []).append(m)
    for m in fold.mentions:
        bare = re.sub(r"['’]s$", "", m.text)
        if bare in forms and isinstance(m.key, NameKey | OrgKey):
            if any(m in a.mentions for a in persons.values()):
                continue
            m.kind, m.key = "country", OrgKey(forms[bare])
            m.evidence = {"demonym"} if bare != forms[bare] else {"name"}
            m.weight = 0.5 if bare != forms[bare] else 1.0
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        + r")(?![\w-])"
    )
    for i, para in enumerate(fold.paragraphs):
        for match in pattern.finditer(para):
            start, end = match.start(), match.end()
            if any(o.start < end and start < o.end for o in taken.get(i, [])):
                continue
            word = match.group(0)
            demonym = word != forms[word]
            in_role = re.match(r"\s+(?:[A-Z][a-z]+\s+){0,2}(?:Minister|President)\b", para[end:])
            mention = Mention(
                i,
                start,
                end,
                word,
                OrgKey(forms[word]),
                "country",
                evidence={"demonym" if demonym else "name"} | ({"in-role"} if in_role else set()),
                weight=0.5 if demonym or in_role else 1.0,
            )
            fold.mentions.append(mention)
            taken.setdefault(i, []).append(mention)


# a capitalised word that may be a demonym ("Korvanian", "Keshari", "Marovese")
# ("Sarvians": the plural counts too)
_DEMONYM_FORM = re.compile(r"(?<![\w-])([A-Z][a-z]{2,}(?:ian|an|i|ese|ish))s?(?![\w-])")


def _demonym_stems(word: str) -> list[str]:
    """The country names a demonym may come from: Korvanian -> Korvania (or Korvan),
    Brennish -> Brennland, Bremoran ->
    Bremora / Bremoro, Keshari -> Keshar, Marovese -> Marov / Marova. Only a stem the
    article also writes counts, so a wrong guess costs nothing."""
    if word.endswith("ese"):
        return [word[:-3], word[:-3] + "a"]
    if word.endswith("ish"):
        return [word[:-3] + "land", word[:-3]]  # "Brennish" -> Brennland (Finnish/Finland)
    if word.endswith("ian") and word[-4] not in "aeiou":
        return [word[:-1], word[:-3]]  # "Ostrelian" -> Ostrelia or Ostrel (Brazilian/Brazil)
    if word.endswith("an") and not word.endswith("ian"):
        return [word[:-1], word[:-2] + "o"]  # "Zamaran" -> "Zamaro" ("Mexican" -> Mexico)
    return [word[:-1]]


_GOVERNMENT_WORDS = (
    r"(?:government|cabinet|parliament|regulator|(?:[a-z]+\s+)?minist(?:er|ry)|"
    r"prime\s+minister|army|armed\s+forces|military|central\s+bank|"
    # a state's politics and envoys: "Morvesia's opposition", "Kesh's ambassador"
    r"opposition|embassy|ambassador|envoy|electoral|elections?|presidential)"
)
_COUNTRY_NAME = r"(?P<c>[A-Z][a-z]{3,})"
# the marks of a country: "Talmark's government", "Talmark's competition regulator",
# "the government of Norvale", "Talmark Trade Minister Jon Eide" (not a region's or city's:
# "Verrin's regional president")
_COUNTRY_CUES = [
    re.compile(
        r"(?<![\w-])" + _COUNTRY_NAME + r"(?:'s|’s)\s+(?!(?:regional|state|provincial|city|"
        r"local|municipal|district)\b)(?:[a-z]+\s+)?" + _GOVERNMENT_WORDS + r"\b"
    ),
    re.compile(
        r"(?<!regional )(?<!provincial )(?<!local )(?<!state )(?<!city )(?<!municipal )"
        r"\b(?:government|parliament|president|prime minister) of " + _COUNTRY_NAME + r"\b"
    ),
    # a state's bank: "the National Bank of Estova", "the Central Bank of Norvale"
    re.compile(r"\b(?:National|Central|Reserve|State)\s+Bank\s+of\s+" + _COUNTRY_NAME + r"\b"),
    # a country before a portfolio and a title: "Talmark Trade Minister Jon Eide"
    re.compile(r"(?<![\w-])" + _COUNTRY_NAME + r"\s+(?:[A-Z][a-z]+\s+){1,2}Minister\s+[A-Z]"),
    # a state's own institutions, capitalised: "Velsland's Supreme Administrative Court",
    # "Norvale's Central Bank" (a firm's possessive is never followed by these)
    re.compile(
        r"(?<![\w-])" + _COUNTRY_NAME + r"(?:'s|’s)\s+(?:(?:Supreme|Constitutional|High)\s+"
        r"(?:[A-Z][a-z]+\s+)?Court|Parliament|Central\s+Bank|Armed\s+Forces|Army|Navy|"
        r"Air\s+Force|Coast\s+Guard|Cabinet|Government)\b"
    ),
]
# "the governments of A, B and C", "governments, those of A, B and C"
_GOVERNMENTS_OF = re.compile(
    r"\b(?:governments|countries|states)(?:,\s+those)?\s+of\s+"
    r"(?P<list>[A-Z][a-z]{3,}(?:,\s+[A-Z][a-z]{3,})*,?\s+and\s+[A-Z][a-z]{3,})"
)
# "Varnia President Ivo Dan" (a country only if the article also says "in Varnia")
_PRESIDENT_CUE = re.compile(r"(?<![\w-])" + _COUNTRY_NAME + r"\s+President\s+[A-Z]")
# never an unknown country: continents and regions, and portfolios ("Labour Minister")
_NOT_COUNTRIES = lx.wordset(
    """
    Africa Asia Europe America Americas Australia Antarctica Oceania Arabia Scandinavia
    Balkans Caucasus Caribbean Mediterranean Eurasia Labour Labor Transport Science Maritime
    Fisheries Culture Tourism Environment Economy Finance Foreign Interior Defence Defense
    Health Education Justice Trade Energy Agriculture Industry Housing Home Digital Social
    Family Sports Youth Water Foreign Affairs Development Infrastructure Communications
    Employment Welfare Immigration Migration Security Climate Treasury Budget Public Works
    """
)
