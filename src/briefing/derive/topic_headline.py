"""A headline read as a clause: its subject, its verb and what follows, offline.

:mod:`briefing.derive.topics` takes the matter of the news from it and
:mod:`briefing.derive.topic_sides` the two sides of the dispute. Word lists and headline
shapes, not a model: predictable, explainable, and offline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from briefing.derive.lexicon import wordset

_VERBISH = wordset(
    "to will would says said say gives give backs urges opens open heads kills hits faces "
    "wins loses seeks rejects warns agrees plans vows calls orders threatens agree meet sign "
    "clash reach hold vow seek warn urge back reject plan call strike order orders"
)
_AS_VERBS = (
    "stall fail rise fall loom grow mount deepen continue resume end begin weigh mull wait "
    "meet vote gather flee fear face reach hit near spread burn close strike soar slump climb "
    "surge tumble jump sink widen narrow bite linger worsen persist"
)
_SPLIT = re.compile(
    r"\s+(?:while|after|amid|despite|but|when)\s+|[;:—–]\s*|\s-\s"
    r"|\s+as\s+(?=(?:[\w'’-]+\s+){1,3}(?:[a-z]+s|[a-z]+ed|" + _AS_VERBS.replace(" ", "|") + r")\b)"
    r"|,\s+(?=(?:heads?|vows?|says?|warns?|plans?|seeks?|calls?)\s)"
    # a second predicate of the same subject: ", proposes bigger fund", ", expels attache"
    r"|,\s+(?=[a-z]+(?<![sui])s\s+(?!(?:say|says|said|warn|claim|fear|hope|"
    r"believe|think|report)\b))"
)
_LEADING = re.compile(
    r"^(?:(?:for|into|on|to|in|of|over|with|a|an|the|new|behind|against|about|around|towards"
    r"|toward)\s+)+",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"(?:\s+(?:for|into|on|to|in|of|over|with|and|at|by))+$", re.IGNORECASE)
# "gives the junta a month to set a date": an ultimatum
_DEADLINE = re.compile(
    r"^(?P<who>.+?)\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
    r"(?:more\s+)?(?:hours?|days?|weeks?|months?|years?)\s+to\s+(?P<what>.+)$",
    re.IGNORECASE,
)
# "orders Zoomly to treat drivers as employees": what is ordered is the matter
_COMPELS = wordset("orders order ordered forces forced tells told compels directs instructs")
_PROBE = re.compile(
    r"\b(?:probe|investigation|inquiry|review|case|lawsuit|challenge)\s+(?:into|of|against)\s+"
    r"(?P<what>.+)$",
    re.IGNORECASE,
)
_POSSESSOR = re.compile(r"^(?P<who>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)['’]s\s+\w")


@dataclass(frozen=True)
class _Headline:
    """A headline's first clause split at its verb: ``subject`` ``verb`` ``rest``."""

    words: list[str]
    verb: int | None
    named: bool  # the subject is a name (or names): the matter is after the verb


# What follows a participle in a reduced relative clause ("weapons used inside Russia",
# "troops stationed near …"); any other word after an "-ed" word is what it qualifies.
_PARTICIPLE_NEXT = wordset(
    """in inside on at by to against for from with over as into near after before under
    across outside through without within during since until up down out off"""
)


# Headline verbs in the base form ("Norway and Poland seal …", "Islanders rally behind …").
_BASE_VERBS = wordset(
    """seal sign agree back reject oppose support rally protest clash vow seek warn urge plan
    call strike meet hold reach approve launch unveil condemn welcome demand deny accuse hit
    cut raise lower ban block end resume extend open close win lose face pledge sue slam
    criticise criticize push press mull weigh eye resist defy halt suspend scrap drop boost
    expand join quit leave return march mourn vote debate discuss trade swap fight battle
    brace"""
)
_DETERMINERS = wordset(
    "a an the more fewer new some no all many few most other top key rival two three four five"
)
_QUANTITIES = wordset("thousands hundreds dozens millions scores many several some tens")
_NOT_ADVERBS = wordset("supply comply multiply reply rally apply rely fly ally family italy")
_ROLE_HEADS = wordset(
    """chief minister president envoy leader head mayor governor premier chancellor boss
    commissioner secretary spokesman spokeswoman ambassador general court union council
    regulator watchdog government ministry opposition party rebels army police parliament
    assembly cabinet board"""
)


def _clauses(title: str) -> list[str]:
    """The headline's clauses: split at "as"/"while"/"after" … and at ";", ":", dashes;
    "as" only where a clause follows ("as union rejects offer", not "as employees")."""
    out: list[str] = []
    for part in _SPLIT.split(title.strip()):
        part = part.strip(" .")
        if not part:
            continue
        if out and re.match(r"(?i)^as\b", part):
            pass
        out.append(part)
    return out


def _headline(title: str, names: Iterable[str] = ()) -> _Headline | None:
    clauses = [c.strip(" .") for c in _clauses(title) if c.strip(" .")]
    if not clauses:
        return None
    clause = clauses[0]
    if len(clause.split()) == 1 and len(clauses) > 1:
        clause = clauses[1]  # "Biden: more weapons for Kyiv"
    first = clause.split()
    if len(first) > 1 and first[1].lower() in _DOINGS and first[0].lower() not in _QUANTITIES:
        # "Buses block Harlow bridge as drivers protest pension cuts": the deed is the
        # news, what it is about is in the clause with a stance ("protest pension cuts")
        for later in clauses[1:]:
            later_words = later.split()
            if len(later_words) > 2 and any(w.lower() in _STANCE_ACTS for w in later_words[1:3]):
                clause = later
                break
    # a feature's scene-setting ("Inside the mill, a strike vote that could spread")
    clause = re.sub(r"^(?:Inside|At|In|On|Behind|Across|Outside)\s[^,]{2,50},\s+", "", clause)
    clause = re.split(r"\s+(?:that|which|who)\s+", clause, maxsplit=1)[0]
    if clause.split()[0].lower() in _QUANTITIES and len(clauses) > 1:
        clause = clauses[1]  # "Dozens flee as floods reach Varn": the floods are the matter
    words = clause.split()
    if len(words) < 2:
        return None
    known = {n.lower() for n in names}
    verb = None
    for k, word in enumerate(words[1:], start=1):
        low = word.lower().strip(",")
        following = words[k + 1].lower() if k + 1 < len(words) else ""
        after = words[k + 2].lower() if k + 2 < len(words) else ""
        # "weapons used inside Russia": a participle after a plural noun; but "takes
        # disputed result to court": an "-ed" word before a noun is its adjective
        participle = following.endswith("ed") and (not after or after in _PARTICIPLE_NEXT)
        if (participle and low.endswith("s") and low not in _ACTS) or (
            k == 1 and (words[0].lower() in _DETERMINERS or words[0][:1].isdigit())
        ):
            continue  # "weapons used", "more weapons": a plural noun, not the verb
        if low.endswith("s") and not low.endswith("ss") and following in _PLURAL_ACTS:
            continue  # "Denlow hospitals agree merger": the plural noun before the verb
        if not word[:1].islower():
            continue
        if low.endswith("ly") and len(low) > 5 and low not in _NOT_ADVERBS:
            continue  # "US quietly clears …": an adverb before the verb
        if low in _BASE_VERBS and _verb_like(following) and following not in _BASE_VERBS:
            continue  # "Dockworkers strike shuts …": a noun before the verb
        if re.search(r"(?:ers|ists|ans|ents|ors|ees)$", low) and following in _GROUP_ACTS:
            continue  # "Hallow islanders fight to …": a plural noun before the verb
        subject = words[:k]
        plural = (len(subject) > 1 and subject[-2].lower() in {"and", "&"}) or (
            subject[-1].lower().endswith("s") and not subject[-1].lower().endswith("ss")
        )
        if (
            low in _VERBISH
            or (low.endswith("s") and not low.endswith(("ss", "us", "is", "'s")))
            or (low.endswith("ed") and len(low) > 4)
            or (low in _BASE_VERBS and plural)
        ):
            verb = k
            break
    named = False
    if verb is not None:
        subject_words = words[:verb]
        subject = " ".join(subject_words)
        named = subject.lower() in known or all(
            w[:1].isupper() or w.lower() in {"and", "&"} for w in subject_words
        )
        if not named and (
            (subject_words[0][:1].isupper() and words[verb].lower() in _ACTS)
            or words[verb].lower() in _STANCE_ACTS
        ):
            named = True  # "Harlow water board backs …", "drivers protest …": an actor
        if not named and subject_words[-1].lower() in _ROLE_HEADS:
            # "EU envoy welcomes …", "space agency chief says …": a person or body
            named = subject_words[0][:1].isupper()
    return _Headline(words, verb, named)


# A third-person act of a headline's subject, never a plural noun ("freezes armoured …",
# "picks Orca-led group"): the subject is an actor and the object the matter.
_ACTS = wordset(
    """freezes fines backs picks upholds approves rejects bans blocks suspends halts revokes
    awards selects chooses names signs passes adopts endorses scraps clears orders sues probes
    agrees unveils launches extends lifts eases imposes grants denies defends agree approve
    back reject sign endorse adopt"""
)
# What a plural subject does ("hospitals agree", "unions back", "tractors block")
_PLURAL_ACTS = wordset(
    """agree approve back reject sign clash rally protest meet warn urge seek vow demand win
    lose face block threaten oppose support condemn welcome accuse deny pledge sue slam
    criticise criticize push press resist defy suspend scrap boost join quit march mourn brace
    fear flee"""
)
# Deeds whose reason is in another clause ("Tractors block ring road as farmers protest …")
_DOINGS = wordset(
    "block blocks flee flees march marches gather gathers rally rallies clash clashes burn "
    "burns fill fills line lines jam jams occupy occupies"
)
_STANCE_ACTS = wordset(
    """protest protests oppose opposes reject rejects back backs defend defends condemn condemns
    welcome welcomes support supports criticise criticises criticize criticizes slam slams
    challenge challenges denounce denounces resist resists fight fights"""
)
_FINES = wordset("fines fined penalises penalizes sanctions punishes censures")
_PICKS = wordset("picks selects chooses names taps")
_BLAMES = wordset("blames blame blamed")
# Acts of refusal: the subject is against the matter it refuses.
_REFUSALS = wordset(
    "rejects reject blocks block vetoes veto opposes oppose refuses refuse resists resist "
    "defies defy condemns condemn overturns overturn"
)
# What one vows or threatens to do to a matter that makes one its opponent.
_BLOCKING = wordset("block veto stop reject oppose overturn fight resist challenge halt")
_THREATENS = wordset("threatens threaten threatened")
_MOVES = wordset("takes take brings bring refers refer sends send")
# What groups of people do in headlines ("islanders fight", "residents protest").
_GROUP_ACTS = wordset(
    "fight rally protest vote march strike clash meet flee gather mourn campaign demand "
    "reject back urge seek vow sue"
)
_S_NOUNS = wordset("gas news arms talks series crisis means species lens bus chaos")


def _verb_like(word: str) -> bool:
    return (
        bool(word)
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "'s"))
        and word not in _S_NOUNS
    )


def _party(phrase: str) -> str:
    """The party a noun phrase names: "ride-hailing firm Zoomly" -> "Zoomly", "the Tarana
    junta" -> "Tarana junta"."""
    words = [w.strip(",") for w in phrase.split()]
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    tail: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper():
            break
        tail.insert(0, word)
    return " ".join(tail) if tail and len(tail) < len(words) else " ".join(words)


def gerund(verb: str) -> str:
    """ "treat" -> "treating", "set" -> "setting", "free" -> "freeing"."""
    low = verb.lower()
    if low in {"be", "see", "free", "agree", "flee"} or low.endswith(("ee", "ye", "oe")):
        return verb + "ing"
    if low.endswith("ie"):
        return verb[:-2] + "ying"
    if low.endswith("e") and len(low) > 2:
        return verb[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgklmnprt]", low):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def _tidy(phrase: str, max_words: int = 6) -> str:
    phrase = _LEADING.sub("", phrase) if len(phrase.split()) > 1 else phrase
    phrase = _SETTING.split(phrase, maxsplit=1)[0]
    phrase = " ".join(phrase.split()[:max_words])
    return _TRAILING.sub("", phrase).strip(" ,.'’\"")


# Where a phrase stops: a setting ("in final radio debate", not "in Valdor"), a condition
# or a time ("until the review finds …").
_SETTING = re.compile(
    r"(?<!ing)\s+(?:in|at|during)\s+(?=[a-z0-9])|\s+(?:until|unless|before|despite)\s|\s+pending\b"
    r"|\s+for\s+(?:another|a|an|one|two|three|four|five|\d+|the next|several)\s+(?:more\s+)?"
    r"(?:years?|months?|weeks?|days?|decades?)\b"
)


_INFINITIVE_VERBS = wordset(
    """votes vote agrees agree plans plan decides decide moves move vows vow threatens
    threaten seeks seek pledges pledge offers offer refuses refuse aims aim prepares prepare
    promises promise wants want hopes hope tries try to set sets fight fights campaign
    campaigns battle battles push pushes rally rallies"""
)
_WARNS = wordset(
    """warns warn warned criticises criticizes criticised slams slam accuses accuse sues sue
    threatens threaten rebukes chides"""
)
_FINED = re.compile(r"^(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\b.*?\s+over\s+(?P<what>.+)$")
_OVER = re.compile(r"^(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s+over\s+(?P<what>.+)$")
