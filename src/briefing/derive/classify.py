"""Classifying a run of capitalised words: organisation, person, or acronym.

The finder (:mod:`briefing.derive.mentions`) cuts each paragraph into runs of capitalised
words; :func:`classify_run` decides what each names, in this order:

1. a lexicon organisation qualified by another country is that country's own body
   ("the Norwegian Red Cross", :func:`briefing.derive.gazetteer.national_body`);
2. a run that is an organisation by its own words: "Police" that speaks, a name before
   "party"/"company", a run ending in an organisation word ("Harbor Energy Authority",
   "Skyway Air") or built on "of" ("Ministry of Defence");
3. otherwise the run is split into title words and a name ("Deputy Governor" + "Piet
   Halloran"); with no name left, its upper-case words are acronyms;
4. the name is a person's, with the role written around it, unless the words around it
   say organisation ("the opposition Social Democrats", "the state operator, Sardogas,",
   "Analysts at Nordbank").

Evidence words on the mention ("role", "honorific", "given", "speech", "org-apposition")
tell the fold how sure the finder was.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefing.derive import lexicon as lx
from briefing.derive.cues import (
    AS_IT,
    BARE_BODIES,
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
    GAZ_RE,
    GAZ_WORDS,
    SURFACES,
    country_of_word,
    national_body,
    qualified_org,
)
from briefing.derive.lexicon import wordset
from briefing.derive.roles import apposition_after, role_before
from briefing.derive.sentences import normalise

Add = Callable[[Mention], None]  # records a mention unless its span is already claimed

# A run that starts with one of these and goes on with "of …" names an organisation.
_OF_HEADS = wordset(
    "Ministry Department Council Organization Organisation Office Bank Court Union "
    "Commission Committee Federation Association Institute Agency Bureau League"
)

_DESCRIBED_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){0,3}(?:"
    + "|".join(sorted(ORG_NOUNS))
    + r"),\s+$"
)
# a party named by its members: "the Social Democrats", "the Greens"
_PARTY_PLURALS = wordset(
    "Democrats Republicans Socialists Greens Liberals Conservatives Communists Nationalists "
    "Progressives Democrats Labourites Christian-Democrats"
)

# Heads that also name an organisation with "of" after them ("Harlan County Board of
# Supervisors"), when the run does not start with them.
_MORE_OF_HEADS = wordset("Board Chamber Society College University Trust")

# A name followed by one of these lower-case nouns is an organisation's name.
_NAMED_BY_ORG_NOUN = re.compile(
    r"\s+(?:alliance|party|coalition|movement|bloc|company|firm|group)\b(?!-)"
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
    if _organisation_run(add, i, para, toks, run):
        return
    name_from = _name_start(words)
    if 0 < name_from < len(words) and all(_is_acronym(w) for w in words[:name_from]):
        # "IF Metall Hallandia", "TWU Local 9": a name led by an acronym is an organisation's
        number = re.match(r" \d{1,4}\b(?![.,]\d)", para[end:])
        if number and words[-1] in _NUMBERED_UNITS:
            end += number.end()  # "Local 9": a union's branch is named by its number
        _add_organisation(add, i, para, start, end, weight=1.0)
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
        if _unnamed_organisation(para, toks, run, words):
            _add_organisation(
                add, i, para, toks[run[1 if words[0] == "The" else 0]].start, end, 2.0
            )
            return
        _acronyms(add, i, para, toks, run)
        return
    _name_run(add, i, para, toks, run, name_from)


def _unnamed_organisation(para: str, toks: list[Token], run: list[int], words: list[str]) -> bool:
    """A run of two or more words with no person's name in it ("Medics Across Borders",
    "Kellerby First") that an organisation noun introduces ("the business group Kellerby
    First") or that the article calls "it" ("… said its hospital") is an organisation's
    name. Runs of titles alone ("Prime Minister said it") never are."""
    if len(words) < 2 or all(
        w.lower() in TITLE_WORDS or w in HONORIFICS or w in lx.NOT_NAMES or w == "The"
        for w in words
    ):
        return False
    start, end = toks[run[0]].start, toks[run[-1]].end
    if GAZ_RE.search(para[start:end]):
        return False  # "The Red Cross said it": the gazetteer's, found by its own pass
    return bool(
        re.search(r"\b(?:" + "|".join(ORG_NOUNS) + r")\s+$", para[max(0, start - 40) : start])
        or AS_IT.match(para[end : end + 80])
    )


def _is_acronym(word: str) -> bool:
    """An upper-case word of 2-8 letters that no gazetteer entity owns ("FSO", "TWU")."""
    return (
        word.isupper()
        and 2 <= len(word.replace(".", "")) <= 8
        and word not in SURFACES
        and word not in lx.NOT_NAMES
        and word.lower() not in lx.TITLE_WORDS
        and word not in _ROLE_ACRONYMS
        and not re.fullmatch(r"[IVXLC]+", word)
    )


# a branch of a union or a body named by its number: "Local 9", "Lodge 12"
_NUMBERED_UNITS = wordset("Local Lodge Branch Chapter District Unit Division Section")
# titles written as acronyms before a name: "MP Jane Doe", "CEO Ola Lunde"
_ROLE_ACRONYMS = wordset("MP MPs MEP MSP MLA CEO CFO COO CTO MD GM PM DA QC KC DG")


def _add_organisation(add: Add, i: int, para: str, start: int, end: int, weight: float) -> None:
    """Record ``para[start:end]`` as an organisation's name."""
    text = para[start:end]
    add(
        Mention(
            i,
            start,
            end,
            text,
            OrgKey(normalise(text)),
            "organization",
            evidence={"org-head"},
            weight=weight,
            sentence_start=is_sentence_start(para, start),
        )
    )


def _organisation_run(add: Add, i: int, para: str, toks: list[Token], run: list[int]) -> bool:
    """A run that names an organisation by its own words: "Police" that speaks, a name
    before "party"/"company", a run ending in an organisation word ("Harbor Energy
    Authority") or built on "of" ("Ministry of Defence"). True when one was recorded."""
    words = [toks[k].text for k in run]
    start, end = toks[run[0]].start, toks[run[-1]].end
    text = para[start:end]
    # organisations: a run ending in an organisation word, or "Ministry of …"
    embassy = (
        any(w in {"Embassy", "Consulate"} for w in words[:-1]) and words[-1] in SURFACES
    ) or re.search(r"\b(?:Embassy|Consulate|Court|Tribunal) in [A-Z]", text) is not None
    lead = 1 if words[0] == "The" and len(words) > 2 else 0
    before_of = re.search(r"([A-Z][\w'’-]*)\s+(?:of|for)\s", text)
    of_org = (words[lead] in _OF_HEADS and (len(words) - lead >= 3 or before_of is not None)) or (
        before_of is not None and before_of.group(1) in _OF_HEADS | _MORE_OF_HEADS
    )
    if (
        len(words) == 1 and words[0] in BARE_BODIES and SPEECH_AFTER.match(para[end : end + 120])
    ):  # "Police said …": the police force of the story
        add(
            Mention(
                i,
                start,
                end,
                text,
                OrgKey(text),
                "organization",
                evidence={"org-head", "speech"},
                weight=2.0,
                sentence_start=is_sentence_start(para, start),
            )
        )
        return True
    if (
        _NAMED_BY_ORG_NOUN.match(para[end : end + 20])
        and words[0] not in lx.GIVEN_NAMES
        and not any(w in HONORIFICS or w.lower() in lx.TITLE_WORDS for w in words[:1])
        and words[0] not in lx.NOT_NAMES
    ):
        # "the centre-right Verrin First party": a party or company named before its
        # noun; someone's own ("whose … party") is an actor of the story
        own = re.search(r"\b(?:whose|his|her|their)\s+(?:[\w-]+\s+)?$", para[:start])
        add(
            Mention(
                i,
                start,
                end,
                text,
                OrgKey(normalise(text)),
                "organization",
                evidence={"org-apposition"},
                weight=2.0 if own else 1.0,
                sentence_start=is_sentence_start(para, start),
            )
        )
        return True
    if len(words) >= 2 and (
        words[-1] in ORG_HEAD_WORDS or words[-1] in lx.COMPANY_HEADS or of_org or embassy
    ):
        first = 1 if words[0] in {"The"} else 0
        org_start = toks[run[first]].start
        name = para[org_start:end]
        key_name = qualified_org(para, org_start, name)
        followed = para[end : end + 40]
        in_role = bool(
            re.match(r"\s+(?:spokes\w+|chief|head|minister|secretary|official)", followed)
        )
        # an organisation that speaks ("the Association of X said …") is an actor of
        # the story even if it is named only once
        speaks = not in_role and SPEECH_AFTER.match(para[end : end + 120]) is not None
        add(
            Mention(
                i,
                org_start,
                end,
                name,
                OrgKey(key_name),
                "organization",
                evidence={"org-head", "speech"} if speaks else {"org-head"},
                weight=0.5 if in_role else (2.0 if speaks else 1.0),
                sentence_start=is_sentence_start(para, org_start),
            )
        )
        return True
    return False


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
            SPEECH_AFTER.match(para[n_end : n_end + 120]) is not None
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
    return role, evidence


def _organisation_marks(
    para: str, n_start: int, n_end: int, name_words: list[str], evidence: set[str]
) -> int:
    """Add "org-apposition" to ``evidence`` when the words around a name without a
    person's evidence make it an organisation ("her Democratic Renewal alliance", "X,
    which", "the opposition Social Democrats", "the Greens"); the organisation's start
    (with "the opposition" when written)."""
    if not evidence & {"role", "honorific", "given"} and (
        _NAMED_BY_ORG_NOUN.match(para[n_end : n_end + 20])
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
    return bool(
        (len(name_words) == 1 or not evidence & {"role", "honorific", "given"})
        and (
            re.search(r"\b(?:" + "|".join(ORG_NOUNS) + r")\s+$", para[:n_start])
            # "the state pipeline operator, Sardogas,": the description comes first
            or _DESCRIBED_BEFORE.search(para[max(0, n_start - 60) : n_start])
            or EXPERTS_AT.search(para[max(0, n_start - 30) : n_start])
        )
    )


def _acronyms(add: Add, i: int, para: str, toks: list[Token], run: list[int]) -> None:
    """Upper-case words of a run with no name in it ("FSO", "NATO" is the gazetteer's):
    organisations, marked "org-noun" when an organisation noun stands next to them."""
    for k in run:
        tok = toks[k]
        word = tok.text
        if (
            word.isupper()
            and 2 <= len(word.replace(".", "")) <= 8
            and word not in SURFACES
            and word not in lx.NOT_NAMES
            and word.lower() not in lx.TITLE_WORDS
            and not re.fullmatch(r"[IVXLC]+", word)
        ):
            around = para[max(0, tok.start - 30) : tok.end + 30]
            evidence = {"acronym"}
            if re.search(re.escape(word) + r"\s+(?:" + "|".join(ORG_NOUNS) + r")\b", around):
                evidence.add("org-noun")
            if re.search(r"\b(?:" + "|".join(ORG_NOUNS) + r")\s+" + re.escape(word), around):
                evidence.add("org-noun")
            add(
                Mention(
                    i,
                    tok.start,
                    tok.end,
                    word,
                    OrgKey(word),
                    "organization",
                    evidence=evidence,
                )
            )
