"""Organisation names in capitalised runs: what makes a run a body's name, not a person's.

:func:`briefing.derive.classify.classify_run` asks these first. A run is an
organisation's name when its own words say so (a last word such as "Authority", "Union",
"Air"; "Ministry of …"; "the Court in Staven"), when a noun after it says so ("the
Verrin First party"), when it speaks as a body ("Police said"), when acronyms lead it
("IF Metall Hallandia", "TWU Local 9"), or when it holds no person's name and the text
calls it "it" or introduces it with an organisation noun ("Medics Across Borders said
its hospital", "the business group Kellerby First"). Runs of bare acronyms ("FSO") are
organisations too, weighed by the fold.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefing.derive import lexicon as lx
from briefing.derive.cues import (
    AS_IT,
    BARE_BODIES,
    HONORIFICS,
    ORG_HEAD_WORDS,
    ORG_NOUNS,
    PORTFOLIOS,
    ROLE_ADJ,
    SPEECH_AFTER,
    TITLE_WORDS,
)
from briefing.derive.entities import Mention, OrgKey, Token, is_sentence_start
from briefing.derive.gazetteer import GAZ_RE, GAZ_WORDS, SURFACES, qualified_org
from briefing.derive.lexicon import wordset
from briefing.derive.sentences import normalise

Add = Callable[[Mention], None]  # records a mention unless its span is already claimed

# A run that starts with one of these and goes on with "of …" names an organisation.
_OF_HEADS = wordset(
    "Ministry Department Council Organization Organisation Office Bank Court Union "
    "Commission Committee Federation Association Institute Agency Bureau League"
)

# Heads that also name an organisation with "of" after them ("Harlan County Board of
# Supervisors"), when the run does not start with them.
_MORE_OF_HEADS = wordset("Board Chamber Society College University Trust")

# A name followed by one of these lower-case nouns is an organisation's name.
NAMED_BY_ORG_NOUN = re.compile(
    r"\s+(?:alliance|party|coalition|movement|bloc|company|firm|group)\b(?!-)"
)


def unnamed_organisation(para: str, toks: list[Token], run: list[int], words: list[str]) -> bool:
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
    first = words[1] if words[0] == "The" and len(words) > 2 else words[0]
    named_first = not (
        first.lower() in TITLE_WORDS
        or first.lower() in ROLE_ADJ
        or first in PORTFOLIOS
        or first in lx.NOT_NAMES
        or first in GAZ_WORDS
    )
    return bool(
        re.search(r"\b(?:" + "|".join(ORG_NOUNS) + r")\s+$", para[max(0, start - 40) : start])
        or AS_IT.match(para[end : end + 80])
        # "Harrowgate General said": a place's name before a title word, speaking
        or (named_first and SPEECH_AFTER.match(para[end : end + 120]))
    )


def closes_apposition(para: str, start: int) -> bool:
    """Does the name at ``start`` end an apposition about someone named before it ("Hugo
    Varn, a member of parliament from the opposition Country Party, called …")? Then the
    verb after it is that person's, not the organisation's. A relative clause ("X, who
    leads the Popular Alliance, called …") is left alone: a leader speaks for his body."""
    return (
        re.search(
            r"[A-Z][\w'’.-]+,\s+(?:a|an|the)\b[^,;.!?\"“”]*$",
            para[max(0, start - 150) : start],
        )
        is not None
    )


def acronym_led(
    add: Add, i: int, para: str, toks: list[Token], run: list[int], name_from: int
) -> bool:
    """ "IF Metall Hallandia", "TWU Local 9": a run whose words before the name are all
    acronyms is an organisation's name, not a person's named after an acronym. True when
    one was recorded."""
    words = [toks[k].text for k in run]
    if not (0 < name_from < len(words) and all(_is_acronym(w) for w in words[:name_from])):
        return False
    start, end = toks[run[0]].start, toks[run[-1]].end
    number = re.match(r" \d{1,4}\b(?![.,]\d)", para[end:])
    if number and words[-1] in _NUMBERED_UNITS:
        end += number.end()  # "Local 9": a union's branch is named by its number
    add_organisation(add, i, para, start, end, weight=1.0)
    return True


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


def add_organisation(
    add: Add,
    i: int,
    para: str,
    start: int,
    end: int,
    weight: float,
    evidence: frozenset[str] = frozenset({"org-head"}),
) -> None:
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
            evidence=set(evidence),
            weight=weight,
            sentence_start=is_sentence_start(para, start),
        )
    )


def organisation_run(add: Add, i: int, para: str, toks: list[Token], run: list[int]) -> bool:
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
        add_organisation(add, i, para, start, end, 2.0, frozenset({"org-head", "speech"}))
        return True
    if (
        NAMED_BY_ORG_NOUN.match(para[end : end + 20])
        and words[0] not in lx.GIVEN_NAMES
        and not any(w in HONORIFICS or w.lower() in lx.TITLE_WORDS for w in words[:1])
        and words[0] not in lx.NOT_NAMES
    ):
        # "the centre-right Verrin First party": a party or company named before its
        # noun; someone's own ("whose … party") is an actor of the story
        own = re.search(r"\b(?:whose|his|her|their)\s+(?:[\w-]+\s+)?$", para[:start])
        weight = 2.0 if own else 1.0
        add_organisation(add, i, para, start, end, weight, frozenset({"org-apposition"}))
        return True
    firm = " & " in text  # partners' names joined by an ampersand: one firm
    if len(words) >= 2 and (
        words[-1] in ORG_HEAD_WORDS or words[-1] in lx.COMPANY_HEADS or of_org or embassy or firm
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
        speaks = (
            not in_role
            and SPEECH_AFTER.match(para[end : end + 120]) is not None
            and not closes_apposition(para, org_start)
        )
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


def acronyms(add: Add, i: int, para: str, toks: list[Token], run: list[int]) -> None:
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
