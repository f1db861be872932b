"""The draft's topic when the headline names no matter, offline.

A topic is a noun phrase reused across the draft's positions, never a bag of words
("billion thalers", "late many"). When :func:`briefing.derive.topics.draft_topic` finds
nothing in the headline, :func:`repeated_phrase` takes the two- or three-word phrase the
article repeats most (a repeated run of adjectives and nouns is what the story keeps
coming back to: "the parking charge"), headline words counting extra. Names, numbers,
possessives, verbs' past forms and adverbs are not part of such a phrase, so what comes
out reads as a phrase of the article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from briefing.derive.lexicon import wordset

_STOP = wordset(
    """a an the of to in on at for and or but is are was were be been being will would could
    should may might can do does did has have had it its this that these those whether if how
    when what who why which with by from as about into than then there their his her they
    them he she we our you your not no yet any some more most other such only also just said
    says say told tells according after before over under since while during last next first
    second third one two three four five six seven eight nine ten many much several per
    percent cent week weeks month months year years day days monday tuesday wednesday
    thursday friday saturday sunday morning evening night time people statement spokesman
    spokeswoman spokesperson reporters news late early own all both each every"""
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\S")


def _phrase_word(token: str) -> bool:
    """Could the token be part of a noun phrase the story repeats?"""
    low = token.lower()
    return (
        token.isalpha() is not False
        and re.fullmatch(r"[a-z][a-z-]+", token) is not None  # lower case: no names, no "'s"
        and low not in _STOP
        and len(low) > 2
        and not low.endswith(("ed", "ly"))
    )


def repeated_phrase(paragraphs: Iterable[str], title: str = "") -> str | None:
    """The noun phrase of two or three words the article repeats most (at least twice),
    words of the headline counting extra; ``None`` when nothing repeats."""
    counts: Counter[str] = Counter()
    for paragraph in paragraphs:
        for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
            tokens = _WORD.findall(sentence)
            for n in (2, 3):
                for k in range(len(tokens) - n + 1):
                    run = tokens[k : k + n]
                    if all(_phrase_word(t) for t in run) and not run[-1].endswith("ing"):
                        counts[" ".join(run)] += 1
    title_words = {w.lower() for w in _WORD.findall(title)}
    best = None
    best_score = 0.0
    for phrase, count in counts.items():
        if count < 2:
            continue
        words = phrase.split()
        score = count + sum(2 for w in words if w in title_words) + 0.5 * (len(words) - 2)
        if score > best_score or (score == best_score and best and len(phrase) > len(best)):
            best, best_score = phrase, score
    return best


# Where the noun phrase of an act ends: a relative clause, a new clause.
_NP_END = re.compile(
    r"\s+(?:that|which|who|when|while|because|after|before|if|unless|until|but|and\s+(?:said|warned"
    r"|added|the|it|he|she|they))\b.*$"
)


# What a statement does to a matter of its own: backs or demands it ("called for a
# ceasefire", "wants an 8% pay rise", "backed the merger"), or turns against it
# ("rejected the tariff plan", "vowed to block the fare rise").
_FOR_ACTS = (
    r"back(?:s|ed|ing)|(?<=\bto\s)back|(?<=would\s)back|support(?:s|ed|ing)?|welcom(?:es|ed|ing|e)|endors(?:es|ed|ing|e)"
    r"|propos(?:es|ed|ing|e)|favou?r(?:s|ed|ing)?|demand(?:s|ed|ing)?|wants?|wanted"
    r"|seek(?:s|ing)?|sought|(?:call|push|press|ask|argu|campaign)(?:s|ed|es|ing|e)?\s+for"
)
_AGAINST_ACTS = (
    r"reject(?:s|ed|ing)?|oppos(?:es|ed|ing|e)|condemn(?:s|ed|ing)?|denounc(?:es|ed|ing|e)"
    r"|criticis(?:es|ed|ing|e)|criticiz(?:es|ed|ing|e)|refus(?:es|ed|ing|e)|dismiss(?:es|ed|ing)?"
    r"|(?:vow(?:s|ed)?|plan(?:s|ned)?|threaten(?:s|ed)?)\s+to\s+(?:block|fight|challenge|overturn)"
)
_OWN_ACT = re.compile(
    rf"\b(?:(?P<for>{_FOR_ACTS})|(?P<against>{_AGAINST_ACTS}))\s+"
    r"(?P<what>(?:(?:a|an|the|its|their|his|her|any|more)\s+)?[^,.;:\"“”]{3,70})",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:not|never|no longer|n[o']t|nor)\s+(?:\w+\s+)?$", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:(?:a|an|the|its|their|his|her|any|more|this)\s+)+", re.I)
# Nouns that only point back at the news ("welcomed the judgment", "rejected the move"):
# the headline's matter by another name, so the headline's topic holds.
_ANAPHORIC = wordset(
    """judgment judgement ruling decision verdict move deal agreement announcement plan
    proposal step measure measures bill law report findings outcome result results idea
    offer changes change news remarks comments comment statement statements speech words
    pledge pledges increase suggestion suggestions accusation accusations process claim claims
    allegation allegations choice approach call request project scheme probe inquiry
    investigation it this that"""
)
# A body or person criticised or backed is no matter ("criticised the watchdog").
_BODIES = wordset(
    """watchdog regulator government ministry minister commission court judge council company
    union board authorities police army president mayor party opposition"""
)
_CLAIM = re.compile(
    r"(?:(?:the|a|any)\s+)?(?:suggestion|claim|accusation|allegation|idea|notion)s?\s+that\s+", re.I
)
_SELF = wordset("it they he she we i its their his her our my")
_PASSIVE = re.compile(r"(?:been|be|being|was|were|is|are|get|got|gets)\s+$", re.I)
_AFTER_NP = re.compile(
    r"\s+(?:on|in|at|during|by|from|as|over|with|to|for)\s+(?:monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday|the\s+\w+\s+valley|\w+day)\b.*$"
    r"|\s+(?:outright|again|too|instead|anyway|last\s+\w+|this\s+\w+|next\s+\w+"
    r"|in\s+principle|in\s+full|in\s+part|in\s+a\s+statement)\b.*$"
    r"|\s+in\s+the\s+\w+$",
    re.IGNORECASE,
)


def own_matter(text: str, topic: str | None, quoted: bool = False) -> tuple[str, str] | None:
    """The matter a statement names as its own, with the stance the act takes on it:
    "rejected the tariff plan" -> ("tariff plan", "opposes"), "called for a ceasefire" ->
    ("ceasefire", "supports"). ``None`` when the statement does nothing to a matter, does
    it only under a condition or negated, or when its matter is the draft's ``topic``
    itself (then the topic's stance reading holds)."""
    from briefing.derive.evaluate import meaning_words

    if ";" in text:
        return None  # "X wants …; Y insists …": whose act it is, is not clear here
    match = _OWN_ACT.search(text)
    if not match or _NEGATED.search(text[: match.start()]):
        return None
    verb = match.group(0).split()[0].lower()
    if quoted and (verb.endswith("ed") or verb in {"sought", "wanted"}):
        return None  # "We asked for a pilot year": in the speaker's words, a past step
    if quoted and not re.search(
        r"\b(?:we|i)\b(?:\s+[\w'’]+){0,3}\s*$", text[: match.start()], re.I
    ):
        return None  # "they want continuity": in a quote, the speaker's act is "we"/"I"
    that = list(re.finditer(r"\bthat\s+(\S+)", text[: match.start()], re.IGNORECASE))
    if that and that[-1].group(1).lower() not in _SELF:
        return None  # "said that the government … wants applause": another's act
    if _PASSIVE.search(text[: match.start()]) and verb.endswith("ed"):
        return None  # "her numbers had been rejected by …": not the speaker's act
    if re.search(r"\b(?:whether|asked|if)\b", text[: match.start()], re.IGNORECASE):
        return None  # "Asked whether the state would back any remedies, …": a question
    if re.search(r"\b(?:if|unless)\b", text[match.start() :]):
        return None  # "would oppose the merger if jobs were cut": a condition, no stance
    raw = match.group("what")
    claim = _CLAIM.match(raw)  # "rejected the suggestion that …": the claim is the matter
    what = (claim.group(0) if claim else "") + _NP_END.sub("", raw[claim.end() if claim else 0 :])
    what = _AFTER_NP.sub("", what.strip())
    what = " ".join(what.split()[:9])
    what = re.sub(r"(?:\s+(?:in|on|of|for|to|at|by|with|and|the|a|an))+$", "", what)
    if not what or what.split()[0].lower() in _STOP - {
        "a",
        "an",
        "the",
        "its",
        "their",
        "his",
        "her",
        "any",
        "more",
        "this",
    }:
        return None  # "shot back that …", "called for on Monday": no noun phrase
    what = _DETERMINER.sub("", what).strip(" '’\"")
    if not what or re.match(r"(?i)(?:it|them|this|that|him|her|us|me)\b", what):
        return None
    words = what.lower().split()
    if set(words) <= _ANAPHORIC | _BODIES:
        return None  # "welcomed the judgment": the headline's matter by another name
    if all(w[:1].isupper() for w in what.split()):
        return None  # "backed Oyelaran": a person or body, not a matter
    if re.match(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+to\s+[a-z]", what):
        return None  # "called for Moravec to resign": a stance on the person's conduct
    if topic and meaning_words(what) & meaning_words(topic):
        return None
    if len(meaning_words(what)) < 1 or what.split()[0].lower() in _STOP:
        return None
    return what, ("supports" if match.group("for") else "opposes")


def _matter_key(topic: str) -> frozenset[str]:
    """A matter's content words, plurals and possessives folded."""
    from briefing.derive.evaluate import meaning_words

    words = meaning_words(re.sub(r"['’]s\b", "", topic))
    return frozenset(re.sub(r"(?<=[a-z]{3})(?:es|s)$", "", w) for w in words)


def unify_matters(topics: list[str]) -> list[str]:
    """One string per matter: topics whose content words are the same, or one's words all
    within another's (two words at least), take the most complete phrasing seen."""
    keys = [_matter_key(t) for t in topics]
    out = list(topics)
    for k, key in enumerate(keys):
        if not key:
            continue
        same = [
            j
            for j, other in enumerate(keys)
            if other
            and (
                other == key or (min(len(key), len(other)) >= 2 and (key <= other or other <= key))
            )
        ]
        best = max((topics[j] for j in same), key=lambda t: (len(_matter_key(t)), len(t)))
        out[k] = best
    return out
