"""Classifying a run of capitalised words: organisation, person, or acronym.

The finder (:mod:`briefing.derive.mentions`) cuts each paragraph into runs of capitalised
words; :func:`classify_run` decides what each names, in this order:

1. a lexicon organisation qualified by another country is that country's own body
   ("the Norwegian Red Cross", :func:`briefing.derive.gazetteer.national_body`);
2. a run that is an organisation by its own words: "Police" that speaks, a name before
   "party"/"company", a run ending in an organisation word ("Harbor Energy Authority",
   "Skyway Air") or built on "of" ("Ministry of Defence") (:mod:`briefing.derive.org_runs`);
3. otherwise the run is split into title words and a name ("Deputy Governor" + "Piet
   Halloran"); acronyms before the name make it an organisation's ("IF Metall
   Hallandia"); a given name that is also a word opens the name after an apposed role
   ("its chairman, Per Lindahl"); with no name left, the run is an organisation when the
   text calls it "it" ("Medics Across Borders said its …"), else its upper-case words
   are acronyms;
4. the name is a person's, with the role written around it, unless the words around it
   say organisation ("the opposition Social Democrats", "the state operator, Sardogas,",
   "Analysts at Nordbank").

Evidence words on the mention ("role", "honorific", "given", "speech", "org-apposition")
tell the fold how sure the finder was.
"""

from __future__ import annotations

import re

from briefing.derive import lexicon as lx
from briefing.derive.cues import (
    EXPERTS_AT,
    HONORIFICS,
    ORG_HEAD_WORDS,
    ORG_NOUNS,
    PARTICLES,
    SPEECH_AFTER,
    SPEECH_BEFORE,
    TITLE_WORDS,
)
from briefing.derive.entities import (
    EntityKey,
    Mention,
    NameKey,
    OrgKey,
    Token,
    is_sentence_start,
)
from briefing.derive.gazetteer import (
    GAZ_WORDS,
    SURFACES,
    country_of_word,
    national_body,
)
from briefing.derive.lexicon import wordset
from briefing.derive.org_runs import (
    NAMED_BY_ORG_NOUN,
    Add,
    acronym_led,
    acronyms,
    add_organisation,
    closes_apposition,
    organisation_run,
    unnamed_organisation,
)
from briefing.derive.roles import apposition_after, role_before
from briefing.derive.sentences import normalise

_DESCRIBED_BEFORE = re.compile(
    # (a plural possessive may describe: "A patients' group, Heart Vessaly,")
    r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[\w'’-]+\s+){0,3}(?:"
    + "|".join(sorted(ORG_NOUNS))
    + r"),\s+$"
)
# a sentence opened by a clause of its own, up to the comma before the name: "Asked
# whether she would defy the court, Sarto said" (the court ends the clause, it does not
# describe Sarto)
_AFTER_INTRO_CLAUSE = re.compile(
    r"(?:^|[.!?]\s+|[\"“]\s*)(?:Asked|Pressed|Questioned|Speaking|Told|When|After|Before|While|"
    r"If|Although|Though|As|Because|Since|Until|Once)\b[^,.;]*,\s+$"
)
# what is said only of people right after a name: ", who …", an age ", 47,"
_PERSON_CLAUSE = re.compile(r",\s+(?:who\b|\d{2},)")
# a party named by its members: "the Social Democrats", "the Greens"
_PARTY_PLURALS = wordset(
    "Democrats Republicans Socialists Greens Liberals Conservatives Communists Nationalists "
    "Progressives Democrats Labourites Christian-Democrats"
)


def classify_run(add: Add, i: int, para: str, toks: list[Token], run: list[int]) -> None:
    """Record what the capitalised run ``run`` (token indexes) of paragraph ``i`` names:
    an organisation, a person (with a role), or acronyms; a plain gazetteer name is left
    to the gazetteer pass."""
    words = [toks[k].text for k in run]
    start, end = toks[run[0]].start, toks[run[-1]].end
    text = para[start:end]
    if text in SURFACES:
        return  # a plain gazetteer hit; the gazetteer pass records it
    if national_body(add, i, para, toks, run):
        return
    if organisation_run(add, i, para, toks, run):
        return
    name_from = _name_start(words)
    if acronym_led(add, i, para, toks, run, name_from):
        return
    if (
        name_from == 1
        and len(words) <= 3
        and words[0] in lx.NOT_NAMES
        and words[0] != "The"
        and words[0].lower() not in TITLE_WORDS
        and words[0] not in GAZ_WORDS | ORG_HEAD_WORDS | HONORIFICS
        and not words[0].isupper()
        and role_before(para, toks, run[0])
    ):
        name_from = 0  # "its chairman, Per Almqvist": a given name that is also a word
    if name_from >= len(run):
        if unnamed_organisation(para, toks, run, words):
            first = toks[run[1 if words[0] == "The" else 0]].start
            add_organisation(add, i, para, first, end, weight=2.0)
            return
        acronyms(add, i, para, toks, run)
        return
    _name_run(add, i, para, toks, run, name_from)


def _name_start(words: list[str]) -> int:
    """Where the name begins in a run: after its last title, role, country or
    organisation word ("Deputy Governor Piet Halloran" -> 2); ``len(words)`` if none."""
    name_from = len(words)
    for j in range(len(words) - 1, -1, -1):
        word = words[j]
        low = word.lower()
        if (
            low in TITLE_WORDS
            or word in lx.NOT_NAMES
            or word in GAZ_WORDS
            or word in ORG_HEAD_WORDS
            or word in HONORIFICS
            or (word.isupper() and len(word) > 1 and not word.endswith("."))
        ):
            break
        name_from = j
    return name_from


def _name_run(
    add: Add, i: int, para: str, toks: list[Token], run: list[int], name_from: int
) -> None:
    """The name at ``run[name_from:]``: a person, unless its context says organisation
    ("the opposition Social Democrats", "the state operator, Sardogas,")."""
    words = [toks[k].text for k in run]
    name_idx = run[name_from:]
    name_words = [toks[k].text for k in name_idx]
    while (
        len(name_words) > 1
        and name_words[0] in PARTICLES
        and name_from == 0
        and (len(name_words) > 2)
    ):
        name_idx, name_words = name_idx[1:], name_words[1:]
    if not name_words or len([w for w in name_words if w not in PARTICLES]) > 4:
        return
    n_start, n_end = toks[name_idx[0]].start, toks[name_idx[-1]].end
    name = para[n_start:n_end]
    role, evidence = _name_evidence(para, toks, name_idx, name_words, words[:name_from])
    sentence_start = is_sentence_start(para, n_start)
    if len(name_words) == 1 and sentence_start and name_words[0] in lx.NOT_NAMES:
        return
    last = name_words[-1]
    if (last in lx.NOT_PERSON_HEADS or last in lx.COMPANY_HEADS) and "role" not in evidence:
        return
    org_start = _organisation_marks(para, n_start, n_end, name_words, evidence)
    if len(name_words) == 1 and country_of_word(name_words[0]) == "?":
        after = re.match(r"\s+([a-z][\w-]*)", para[n_end:])
        if after and after.group(1) in lx.TITLE_WORDS:
            return  # "former Velmoran president Ana Castellar": a demonym, not a name
    if "org-apposition" in evidence or _described_as_organisation(
        para, n_start, name_words, evidence
    ):
        # an organisation that speaks, or whose analysts do, is an actor of the story
        # … or that the writer stops to describe ("Equinor, the state energy company,")
        speaks = (
            (
                SPEECH_AFTER.match(para[n_end : n_end + 120]) is not None
                and not closes_apposition(para, org_start)
            )
            or EXPERTS_AT.search(para[max(0, n_start - 30) : n_start]) is not None
            or "described" in evidence
        )
        add(
            Mention(
                i,
                org_start,
                n_end,
                para[org_start:n_end],
                OrgKey(normalise(name)),
                "organization",
                evidence={"org-apposition"},
                weight=2.0 if speaks else 1.0,
                sentence_start=sentence_start,
            )
        )
        return
    add(
        Mention(
            i,
            n_start,
            n_end,
            name,
            NameKey(normalise(name)),
            "person",
            role=role,
            evidence=evidence,
            sentence_start=sentence_start,
        )
    )
    # a gazetteer entity inside the title ("NATO Secretary-General") is still a mention
    for k in run[:name_from]:
        tok = toks[k]
        if tok.text in SURFACES:
            ent_id, how = SURFACES[tok.text]
            add(
                Mention(
                    i,
                    tok.start,
                    tok.end,
                    tok.text,
                    EntityKey(ent_id),
                    lx.BY_ID[ent_id].kind,
                    evidence={how, "in-role"},
                    weight=0.5,
                )
            )


def _name_evidence(
    para: str,
    toks: list[Token],
    name_idx: list[int],
    name_words: list[str],
    prefix_words: list[str],
) -> tuple[str | None, set[str]]:
    """The role written with a name and what says it is a person's: an honorific, a
    role before or after it, a speech verb next to it, a known given name."""
    n_start, n_end = toks[name_idx[0]].start, toks[name_idx[-1]].end
    evidence: set[str] = set()
    role = role_before(para, toks, name_idx[0])
    if prefix_words and prefix_words[-1] in HONORIFICS:
        evidence.add("honorific")
    if role:
        evidence.add("role")
    after_role, after_kind = apposition_after(para, n_end)
    if after_kind == "person" and after_role:
        evidence.add("role")
        role = role or after_role
    if after_kind == "organization":
        evidence.add("org-apposition")
        evidence.add("described")  # "Equinor, the state-controlled energy company,"
    if SPEECH_AFTER.match(para[n_end : n_end + 120]) or SPEECH_BEFORE.search(
        para[max(0, n_start - 40) : n_start]
    ):
        evidence.add("speech")
    if name_words[0] in lx.GIVEN_NAMES and len(name_words) >= 2:
        evidence.add("given")
    if _PERSON_CLAUSE.match(para[n_end : n_end + 12]):
        evidence.add("who")  # "Paulo Iban, who leads …", "Ana Tell, 47,": a person
    return role, evidence


def _organisation_marks(
    para: str, n_start: int, n_end: int, name_words: list[str], evidence: set[str]
) -> int:
    """Add "org-apposition" to ``evidence`` when the words around a name without a
    person's evidence make it an organisation ("her Democratic Renewal alliance", "X,
    which", "the opposition Social Democrats", "the Greens"); the organisation's start
    (with "the opposition" when written)."""
    if not evidence & {"role", "honorific", "given"} and (
        NAMED_BY_ORG_NOUN.match(para[n_end : n_end + 20])
        or re.match(r",\s+which\b", para[n_end : n_end + 10])
    ):
        evidence.add("org-apposition")  # "her Democratic Renewal alliance", "X, which"
    org_start = n_start
    party = name_words[-1] in _PARTY_PLURALS  # "Christian Democrats" despite "Christian"
    if not evidence & {"role", "honorific"} and (party or "given" not in evidence):
        opposition = re.search(
            r"(?:\b[Tt]he\s+)?\bopposition\s+$", para[max(0, n_start - 20) : n_start]
        )
        if opposition:  # "the opposition Social Democrats": the phrase is an alias
            org_start = n_start - (min(n_start, 20) - opposition.start())
        if opposition or party:
            evidence.add("org-apposition")  # "the Greens"
    return org_start


def _described_as_organisation(
    para: str, n_start: int, name_words: list[str], evidence: set[str]
) -> bool:
    """A name with no person's evidence (or a single word) right after an organisation
    noun ("the chipmaker Verano"), a description ("the state pipeline operator,
    Sardogas,") or "Analysts at"."""
    if _AFTER_INTRO_CLAUSE.search(para[:n_start]):
        return False  # "Asked whether she would defy the court, Sarto said": no apposition
    return bool(
        (len(name_words) == 1 or not evidence & {"role", "honorific", "given"})
        and (
            re.search(r"\b(?:" + "|".join(ORG_NOUNS) + r")\s+$", para[:n_start])
            # "the state pipeline operator, Sardogas,": the description comes first
            or _DESCRIBED_BEFORE.search(para[max(0, n_start - 60) : n_start])
            or EXPERTS_AT.search(para[max(0, n_start - 30) : n_start])
        )
    )
