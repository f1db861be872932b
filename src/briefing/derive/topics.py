"""The draft's topic and the sides of the dispute, from the headline, offline.

* :func:`draft_topic` - one noun phrase for the article's central matter ("Hamas studies
  new truce proposal as …" -> "new truce proposal"; "Veland fines Loopa over search
  rules" -> "Loopa's search rules"), reused by every position of the draft, so positions
  line up across briefs; :func:`library_topic` swaps in the library's own wording of the
  same topic.
* :func:`sides` - who stands behind the topic and whom it targets ("EU threatens tariff on
  Indian steel": EU / Indian); :func:`side_of` - which side a speaker is on, from how the
  article names and describes them. :mod:`briefing.derive.stance` reads a statement's
  stance with that side in mind.

Word lists and headline shapes, not a model: predictable, explainable, and offline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from briefing.derive.lexicon import wordset

# Measures one side takes against another: the topic's proponent and target have sides.
MEASURES = wordset(
    """tariff tariffs duty duties levy levies sanction sanctions curb curbs ban bans embargo
    embargoes restriction restrictions limit limits quota quotas fine fines penalty penalties
    ultimatum deadline blockade boycott controls cap caps freeze expulsion expulsions order
    ruling strike strikes"""
)


class Side(Enum):
    """Which side of the topic's measure a speaker is on (see :func:`sides`)."""

    FOR = "for"
    AGAINST = "against"


def is_measure(topic: str) -> bool:
    """Is the topic a measure taken against someone ("tariff on Indian steel")?"""
    head = re.split(r"\s+(?:on|against|for|into|of|to)\s+", topic.lower(), maxsplit=1)[0]
    return bool(set(head.split()) & MEASURES)


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


def draft_topic(title: str, names: Iterable[str] = ()) -> str | None:
    """The headline's central matter as a short noun phrase, or ``None``.

    "EU threatens tariff on Indian steel" -> "tariff on Indian steel"; what an order or
    a permission is for ("Court orders Zoomly to treat drivers as employees" -> "Zoomly
    treating drivers as employees"); what is agreed, planned or urged ("agree to reopen
    the crossing" -> "reopening the crossing"); what an ultimatum demands ("gives the junta
    a month to set an election date" -> "deadline for the junta to set an election date");
    what a probe looks into ("opens probe into Halvard's bid" -> "Halvard's bid"); what a
    speaker announces ("Kovalenko says Poland to open training centre" -> "training
    centre"). Never the speaker alone: a phrase that is only one of ``names`` is no topic."""
    head = _headline(title, names)
    if head is None:
        return None
    words, verb = head.words, head.verb
    special = _special_topic(head, names) if verb is not None else None
    if special:
        return special
    if verb is None:
        phrase = " ".join(words)
    else:
        phrase = " ".join(words[verb + 1 :]) if head.named else " ".join(words[:verb])
    phrase = _LEADING.sub("", phrase) if len(phrase.split()) > 1 else phrase
    phrase = re.sub(r"^no\s+", "", phrase)  # "says no sailing until …"
    phrase = _cut_infinitive(phrase)
    phrase = _SETTING.split(phrase, maxsplit=1)[0]
    phrase = " ".join(phrase.split()[:6])
    phrase = _TRAILING.sub("", phrase).strip(" ,.'’\"")
    if len(phrase) < 3:
        return None
    if _only_a_name(phrase, names) or (head.named and all(w[:1].isupper() for w in phrase.split())):
        # "Estavia closes Brenmark Savings Bank, proposes bigger bailout fund": the object
        # is only an actor; the same subject's next predicate names the matter
        return _next_predicate(title, head, names)
    if phrase.split()[0] == words[0] and not phrase[:2].isupper():
        return phrase[:1].lower() + phrase[1:]  # the headline's sentence-case capital
    return phrase


def _next_predicate(title: str, head: _Headline, names: Iterable[str]) -> str | None:
    """The object of the headline subject's next predicate (a clause that starts with a
    lower-case verb, sharing the subject), or ``None``."""
    if head.verb is None:
        return None  # no verb, so no subject to share
    subject = " ".join(head.words[: head.verb])
    for clause in _clauses(title)[1:]:
        first = clause.split()[0] if clause.split() else ""
        if first[:1].islower() and _verb_like(first) and len(clause.split()) > 1:
            found = draft_topic(f"{subject} {clause}", names)
            if found:
                return found
    return None


_DESCRIPTORS = wordset(
    """firm company group airline carrier maker giant operator producer retailer bank insurer
    startup platform app chain developer ride-hailing tech energy oil car steel shipping
    mining media rival state-owned national the a an"""
)


def _only_a_name(phrase: str, names: Iterable[str]) -> bool:
    """Is the phrase one of the actors' names, with at most a descriptor ("ride-hailing
    firm Zoomly", "airline Skyra")?"""
    low = phrase.lower()
    for name in sorted({n.lower() for n in names if n}, key=len, reverse=True):
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", low):
            rest = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", low).split()
            return all(w in _DESCRIPTORS for w in rest)
    return False


# Where a phrase stops: a setting ("in final radio debate", not "in Valdor"), a condition
# or a time ("until the review finds …").
_SETTING = re.compile(
    r"(?<!ing)\s+(?:in|at|during)\s+(?=[a-z0-9])|\s+(?:until|unless|before|despite)\s|\s+pending\b"
    r"|\s+for\s+(?:another|a|an|one|two|three|four|five|\d+|the next|several)\s+(?:more\s+)?"
    r"(?:years?|months?|weeks?|days?|decades?)\b"
)


# Nouns that take an infinitive: "plan to close the school" is one matter.
_TO_NOUNS = wordset(
    """plan plans bid move decision proposal offer push effort call deal deadline vote
    agreement order request attempt right pledge promise threat"""
)


def _cut_infinitive(phrase: str) -> str:
    """ "Black Sea grain talks to resume next week" -> "Black Sea grain talks"; kept:
    "plan to close harbour school", "sailings to Hallow Island"."""
    words = phrase.split()
    for k, word in enumerate(words[1:-1], start=1):
        if word.lower() in {"will", "would", "could"}:
            return " ".join(words[:k])
        if word.lower() == "to" and not words[k + 1][:1].isupper():
            if words[k - 1].lower() in _TO_NOUNS or not _a_verb(words[k + 1]):
                continue  # "plan to close …", "return to flight"
            return " ".join(words[:k])
    return phrase


_MORE_VERBS = wordset(
    """resume start begin become host build send sell buy pay get go make take see set keep
    stay remain visit reopen review impose lift ease expand run allow let use open close
    fly land sail train hire fire free pass test study probe"""
)


def _a_verb(word: str) -> bool:
    low = word.lower()
    return low in _BASE_VERBS or low in _MORE_VERBS


_INFINITIVE_VERBS = wordset(
    """votes vote agrees agree plans plan decides decide moves move vows vow threatens
    threaten seeks seek pledges pledge offers offer refuses refuse aims aim prepares prepare
    promises promise wants want hopes hope tries try to set sets fight fights campaign
    campaigns battle battles push pushes rally rallies"""
)
_CHANGES = wordset(
    """recalls withdraws summons
    freezes cuts raises scraps ends closes extends expands bans suspends halts restores doubles
    slashes hikes lifts eases axes shuts reopens delays postpones"""
)
_PERMITS = wordset("clears clear allows allow lets let permits permit authorises authorizes")
_ASKS = wordset("urges urge asks ask presses press calls tells")
_SAYS = wordset("says said tells told announces announced confirms confirmed")


def _special_topic(head: _Headline, names: Iterable[str] = ()) -> str | None:
    assert head.verb is not None
    verb = head.words[head.verb].lower()
    rest_words = head.words[head.verb + 1 :]
    rest = " ".join(rest_words)
    if verb in {"gives", "give", "gave", "sets", "set"}:
        match = _DEADLINE.match(rest)
        if match:
            who = _LEADING.sub("", match.group("who"))
            what = " ".join(match.group("what").split()[:6])
            return _tidy(f"deadline for {who} to {what}", 10)
    if verb in _MOVES and " to " in rest and rest_words[0][:1].islower():
        # "takes contested count to tribunal": what is taken there is the matter
        return _tidy(rest.partition(" to ")[0], 6)
    if verb in _BLAMES and " for " in rest:
        # "blames Tessan navy for pipeline sabotage": the matter is the accusation, the
        # accused's responsibility for the deed (the accuser supports it, the accused not)
        who, _, what = rest.partition(" for ")
        if who and what and len(who.split()) <= 5:
            return _tidy(f"{_LEADING.sub('', who)}'s responsibility for {what}", 10)
    if verb in _PICKS and " for " in rest:  # "picks Orca-led group for Tavel concession"
        return _tidy(rest.split(" for ", 1)[1], 7)
    fined = _FINED.match(rest) if verb in _FINES else None
    if fined:  # "fines Loopa 90 million over search rules": Loopa's conduct is the matter
        what = _tidy(fined.group("what"), 6)
        if what[:1].isupper() or re.match(r"(?:the|its|their|a|an)\s", what):
            return what
        return f"{fined.group('who')}'s {what}"
    if verb in _COMPELS or verb in _PERMITS:
        who, sep, what = rest.partition(" to ")
        if sep and who and what and len(who.split()) <= 4:
            action = what.split()
            return _tidy(" ".join([_party(who), gerund(action[0]), *action[1:5]]), 8)
    if verb in _ASKS:
        if rest_words[:1] == ["on"]:
            rest = " ".join(rest_words[1:])  # "calls on X to …"
        who, sep, what = rest.partition(" to ")
        if sep and who and what and len(who.split()) <= 4:
            action = what.split()
            return _tidy(" ".join([gerund(action[0]), *action[1:5]]), 8)
    if (verb in _INFINITIVE_VERBS and rest_words[:1] == ["to"]) or (head.named and verb == "to"):
        action = rest_words[1:] if verb != "to" else rest_words
        if action and action[0].lower() in _BLOCKING and len(action) > 1:
            # "vows to block bus fare rise": the matter is what would be blocked, and the
            # subject is against it (see :func:`sides`)
            return _tidy(" ".join(action[1:7]), 6)
        if action and action[0][:1].islower():
            return _tidy(" ".join([gerund(action[0]), *action[1:6]]), 7)
    if verb in _SAYS and head.named:
        who, sep, what = rest.partition(" to ")
        known = {n.lower() for n in names}
        if sep and what and (who.lower() in known or (who[:1].isupper() and len(who.split()) == 1)):
            return _tidy(" ".join(what.split()[1:]), 6) or None  # "Poland to open X" -> X
    match = _PROBE.search(rest)
    if match:
        what = re.split(r"\s+(?:to|will|would|could|after|over)\s+", match.group("what"))[0]
        return _tidy(what, 7)
    if verb in _CHANGES and rest_words and rest_words[0][:1].islower():
        # "cuts winter sailings to Hallow Island": the change is the matter
        base = re.sub(r"(?<=[sxz]h|ch|ss)es$|(?<=[sxz])es$|s$", "", verb)
        return _tidy(" ".join([gerund(base), *rest_words[:6]]), 8)
    over = _OVER.match(rest) if verb in _WARNS else None
    if over:  # "warns Velmar over second diversion of Tarn river"
        return _tidy(_SETTING.split(over.group("what"), maxsplit=1)[0], 7)
    return None


_WARNS = wordset(
    """warns warn warned criticises criticizes criticised slams slam accuses accuse sues sue
    threatens threaten rebukes chides"""
)
_FINED = re.compile(r"^(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\b.*?\s+over\s+(?P<what>.+)$")
_OVER = re.compile(r"^(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s+over\s+(?P<what>.+)$")


@dataclass(frozen=True)
class Sides:
    """The two sides of a topic that is one party's measure or action against another:
    ``proponent`` (whose measure or action it is) and ``opponent`` (the other party)."""

    proponent: str | None = None
    opponent: str | None = None

    def keys(self, which: Side) -> frozenset[str]:
        phrase = self.proponent if which is Side.FOR else self.opponent
        return _party_keys(phrase) if phrase else frozenset()


def sides(title: str, topic: str | None, names: Iterable[str] = ()) -> Sides:
    """Who stands behind the topic and whom it is aimed at, from the headline: the
    subject of a measure ("EU threatens tariff on Indian steel": EU / Indian), of an
    order or ultimatum (the court / Zoomly, the bloc / the junta), or the party whose
    action another side probes or challenges (Halvard's bid / the regulator). Other
    headlines have no sides."""
    head = _headline(title, names)
    if head is None or head.verb is None or not head.verb:
        return Sides()
    subject = _party(" ".join(head.words[: head.verb]))
    verb = head.words[head.verb].lower()
    rest = " ".join(head.words[head.verb + 1 :])
    if verb in {"gives", "give", "gave", "sets", "set"}:
        match = _DEADLINE.match(rest)
        if match:
            return Sides(subject, _party(match.group("who")))
    if verb in _BLAMES and " for " in rest:  # the accuser for the accusation, the accused not
        return Sides(subject, _party(_LEADING.sub("", rest.partition(" for ")[0])))
    if verb in _COMPELS:
        who, sep, _ = rest.partition(" to ")
        if sep and who:
            return Sides(subject, _party(who))
    fined = _FINED.match(rest) if verb in _FINES else None
    if fined:  # "Veland fines Loopa over search rules": Loopa's conduct, Veland against
        return Sides(fined.group("who"), subject)
    over = _OVER.match(rest) if verb in _WARNS else None
    if over:  # "Ostra warns Velmar over second diversion …": Velmar's act, Ostra against
        return Sides(over.group("who"), subject)
    if verb in _REFUSALS:  # "Kessler rejects Vanta takeover bid": Kessler is against it
        return Sides(None, subject)
    intended = (
        head.words[head.verb + 2 :] if head.words[head.verb + 1 : head.verb + 2] == ["to"] else []
    )
    if verb in _INFINITIVE_VERBS and intended and intended[0].lower() in _BLOCKING:
        return Sides(None, subject)  # "vows to block the fare rise"
    if verb in _THREATENS and len(intended) > 1:
        # "threatens to conscript striking dockers": the threatener is for the act, the
        # party it targets (the act's object) against
        target = re.split(
            r"\s+(?:as|in|at|on|over|after|from|for|with|unless|if)\s+", " ".join(intended[1:])
        )[0]
        return Sides(subject, _LEADING.sub("", target) or None)
    if verb in _ACTS and re.fullmatch(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*", subject):
        # "Hallandia freezes …", "Costamar picks …": a named actor's own act (not "Calder
        # president defends …", whose head noun would place every president on its side)
        return Sides(subject, None)
    if topic:
        owner = _POSSESSOR.match(topic)
        if (owner and _PROBE.search(rest)) or (owner and verb in _OPPOSING):
            assert owner is not None
            return Sides(owner.group("who"), subject)
        if verb in _OPPOSING:  # "Kallund refuses the quota plan"
            return Sides(None, subject)
        if is_measure(topic):
            target = re.split(r"\s+(?:on|against)\s+", topic, maxsplit=1)
            if len(target) == 2:
                named = [w for w in target[1].split() if w[:1].isupper()]
                return Sides(subject, " ".join(named) if named else None)
            return Sides(subject, _other_party(title, subject))
    return Sides()


def _other_party(title: str, subject: str) -> str | None:
    """The named subject of the headline's next clause, when a measure names no target:
    "Ostra threatens port ban as Velmar raises its quota" -> Velmar."""
    for clause in _clauses(title)[1:]:
        match = re.match(r"^([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s+[a-z]", clause)
        if match and match.group(1) != subject and match.group(1).lower() not in _QUANTITIES:
            return match.group(1)
    return None


_OPPOSING = wordset(
    "protest protests oppose reject "
    "probes blocks challenges rejects opposes sues fines investigates questions criticises "
    "criticizes condemns refuses resists defies vetoes"
)


@lru_cache(maxsize=64)
def _party_keys(phrase: str) -> frozenset[str]:
    """The ways an article may name a party: the phrase, its head noun ("junta"), and
    for a country or organisation in it, every name the lexicon knows ("Indian" ->
    India, New Delhi; "West African bloc" -> ECOWAS)."""
    from briefing.derive import lexicon as lx

    keys = {phrase}
    words = phrase.split()
    if (words and words[-1][:1].islower()) or len(words) == 1:
        keys.add(words[-1].lower())
    caps = " ".join(w for w in words if w[:1].isupper())
    for entity in lx.COUNTRIES + lx.ORGS:
        forms = (entity.name, *entity.aliases, *entity.demonyms, *entity.capitals)
        # a substring test first: a regex per form of every country costs seconds
        hit = any(
            f in phrase and re.search(rf"(?<!\w){re.escape(f)}(?!\w)", phrase) for f in forms if f
        )
        if not hit and len(caps.split()) >= 2 and caps in entity.name:
            hit = True  # "West African bloc" -> Economic Community of West African States
        if hit:
            keys |= {f for f in forms if f}
    return frozenset(keys)


def side_of(found: Sides, descriptions: Iterable[str]) -> Side | None:
    """The speaker's side from how the article names and describes them (name, aliases,
    role, affiliation, "a spokesman for the junta"), or ``None``."""
    text = " | ".join(d for d in descriptions if d)
    hits = set()
    for which in (Side.FOR, Side.AGAINST):
        for key in found.keys(which):
            flags = re.IGNORECASE if key.islower() else 0
            pattern = rf"(?<![\w-]){re.escape(key)}(?![\w-])"
            if any(not _in_longer_name(text, m) for m in re.finditer(pattern, text, flags)):
                hits.add(which)
                break
    return hits.pop() if len(hits) == 1 else None


def _in_longer_name(text: str, match: re.Match[str]) -> bool:
    """Is the place's name part of a longer proper name ("Open Doors Verrin", "Verrin
    First")? Then it says nothing about which side the speaker is on."""
    if not match.group(0)[:1].isupper():
        return False
    before = re.search(r"([A-Z][\w'’-]*)\s+$", text[: match.start()])
    after = re.match(r"\s+([A-Z][\w'’-]*)", text[match.end() :])
    determiners = {"The", "A", "An", "In", "At", "Of", "For", "And", "But"}
    return bool((before and before.group(1) not in determiners) or after)


def library_topic(topic: str, candidates: Iterable[str]) -> str | None:
    """The library's own wording of the same topic, if it has one: a topic string sharing
    at least three of ``topic``'s content words and most of them ("shift on U.S. weapons
    inside Russia" -> the library's "U.S. weapons used inside Russia"), the most used
    one first."""
    from collections import Counter

    from briefing.derive.evaluate import meaning_words

    want = meaning_words(topic)
    if len(want) < 2:
        return None
    counts: Counter[str] = Counter()
    for cand in candidates:
        shared = len(want & meaning_words(cand)) if cand else 0
        if shared >= min(3, len(want)) and shared >= 0.6 * len(want):
            counts[cand] += 1
    if not counts:
        return None
    return max(counts, key=lambda c: (len(want & meaning_words(c)), counts[c], -len(c)))


def lookup_words(topic: str) -> str:
    """The two longest words of a topic (four letters or more): what to ask the
    library's search for (it wants every word it is given)."""
    words = sorted((w for w in re.findall(r"[\w'’-]+", topic) if len(w) > 3), key=len, reverse=True)
    return " ".join(words[:2])
