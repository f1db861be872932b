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

from briefing.derive.lexicon import wordset
from briefing.derive.topic_headline import (
    _BASE_VERBS,
    _BLAMES,
    _BLOCKING,
    _COMPELS,
    _DEADLINE,
    _FINED,
    _FINES,
    _INFINITIVE_VERBS,
    _LEADING,
    _MOVES,
    _OVER,
    _PICKS,
    _PROBE,
    _SETTING,
    _TRAILING,
    _WARNS,
    _clauses,
    _Headline,
    _headline,
    _party,
    _tidy,
    _verb_like,
    gerund,
)
from briefing.derive.topic_sides import MEASURES, Side, Sides, is_measure, side_of, sides

__all__ = [
    "MEASURES",
    "Side",
    "Sides",
    "draft_topic",
    "gerund",
    "is_measure",
    "library_topic",
    "lookup_words",
    "side_of",
    "sides",
]


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
