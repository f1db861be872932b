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


# "is demanding an 8% pay rise", "wants a binding guarantee", "would seek a judicial
# review", "called for a public inquiry", "would push for the share to be raised"
_DEMAND = re.compile(
    r"\b(?:is\s+|are\s+|was\s+|were\s+)?(?:demand(?:s|ed|ing)?|wants?|wanted|seek(?:s|ing)?|sought"
    r"|call(?:s|ed|ing)?\s+for|push(?:es|ed|ing)?\s+for|press(?:es|ed|ing)?\s+for"
    r"|ask(?:s|ed|ing)?\s+for)\s+(?P<what>(?:a|an|the|its|their|his|her|more)\s+[^,.;:\"“”]{3,70})"
)
_NP_END = re.compile(
    r"\s+(?:that|which|who|when|while|because|after|before|if|unless|until|and\s+(?:said|warned"
    r"|added|the|it|he|she|they))\b.*$"
)


def demanded_matter(text: str, topic: str | None) -> str | None:
    """What a statement demands, when that is another matter than the draft's topic:
    the matter of a demand is its object ("is demanding an 8% pay rise" -> "an 8% pay
    rise"), and a demand supports it. ``None`` when there is no demand, or when what is
    demanded is the topic itself (then the topic's stance reading holds)."""
    from briefing.derive.evaluate import meaning_words

    if ";" in text:
        return None  # "X wants …; Y insists …": whose demand it is, is not clear here
    match = _DEMAND.search(text)
    if not match or re.search(r"\b(?:if|unless)\b", text[match.start() :]):
        return None  # "would seek a review if the board approved it": a threat against it
    what = _NP_END.sub("", match.group("what")).strip()
    what = " ".join(what.split()[:9])
    what = re.sub(r"(?:\s+(?:in|on|of|for|to|at|by|with|and|the|a|an))+$", "", what)
    if len(what.split()) < 2 or (topic and meaning_words(what) & meaning_words(topic)):
        return None
    return what
