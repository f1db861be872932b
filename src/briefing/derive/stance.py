"""Stance and topic of positions, offline.

* :func:`draft_topic` - one noun phrase for the article's central matter, taken from the
  headline ("Hamas studies new truce proposal as …" -> "new truce proposal"), reused by
  every position of the draft, so positions line up across briefs.
* :func:`stance` - what a statement says about that matter: ``supports`` / ``opposes`` /
  ``mixed`` / ``unclear``, from cue words with negation handled ("will not accept" is
  opposition, "no objection" is support).

Word lists, not a model: predictable, explainable, and offline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefing.derive.lexicon import wordset

# Cue stems (matched at the start of a word, so "welcome" covers "welcomed").
_SUPPORT = (
    "support",
    "back",
    "welcom",
    "endors",
    "favour",
    "favor",
    "approv",
    "agree",
    "accept",
    "praise",
    "positive",
    "strong",
    "ready",
    "victory",
    "champion",
    "confident",
    "recommend",
    "hope",
    "benefit",
    "seriously",
    "progress",
    "narrower",
    "cooperat",
    "win",
    "continuity",
    "stability",
    "commit",
    "attend",
    "must accept",
    "urge",
    "protect",
    "grateful",
    "thank",
    "reliable",
    "certainty",
    "overdue",
    "deterr",
    "time to",
    "need to",
    "must act",
    "proving",
    "will come",
    "on the table",
)
_OPPOSE = (
    "oppos",
    "reject",
    "refus",
    "illegal",
    "insult",
    "condemn",
    "critici",
    "block",
    "non-starter",
    "against",
    "denounc",
    "unacceptable",
    "protest",
    "object",
    "accus",
    "complain",
    "fraud",
    "bought",
    "threat",
    "dominant",
    "concern",
    "irregular",
    "disappoint",
    "sanction",
    "retaliat",
    "respond in kind",
    "cannot let",
    "will not reward",
    "oil on the fire",
    "irresponsible",
    "escalat",
    "wider war",
    "collapse",
    "necessary measures",
    "danger",
    "halt",
    "suspend",
)
_NEGATION = wordset("not no never nor cannot can't won't don't doesn't didn't isn't wasn't without")
_CUE = re.compile(
    r"\b(?P<cue>"
    + "|".join(re.escape(c) for c in sorted(_SUPPORT + _OPPOSE, key=len, reverse=True))
    + r")[\w-]*",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'’-]+")


def stance(text: str) -> str:
    """``supports`` / ``opposes`` / ``mixed`` / ``unclear`` for one statement."""
    pro = con = 0
    for match in _CUE.finditer(text):
        cue = match.group("cue").lower()
        positive = cue in _SUPPORT and not cue.startswith(_OPPOSE_STEMS)
        if cue in _OPPOSE:
            positive = False
        window = text[max(0, match.start() - 30) : match.start()]
        before = [w.lower() for w in _WORD.findall(window)]
        if any(w in _NEGATION or w.endswith("n't") for w in before[-3:]):
            positive = not positive
        if cue in {"will not reward", "cannot let"}:
            positive = False
        if positive:
            pro += 1
        else:
            con += 1
    if pro and con:
        return "mixed"
    if pro:
        return "supports"
    if con:
        return "opposes"
    return "unclear"


_OPPOSE_STEMS = tuple(_OPPOSE)

_VERBISH = wordset(
    "to will would says said say gives give backs urges opens open heads kills hits faces "
    "wins loses seeks rejects warns agrees plans vows calls orders threatens agree meet sign "
    "clash reach hold vow seek warn urge back reject plan call strike"
)
_SPLIT = re.compile(r"\s+(?:as|while|after|amid|despite|but|when)\s+|[;:—–]\s*|\s-\s")
_LEADING = re.compile(r"^(?:(?:for|into|on|to|in|of|over|with|a|an|the|new)\s+)+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:\s+(?:for|into|on|to|in|of|over|with|and|at|by))+$", re.IGNORECASE)


def draft_topic(title: str, names: Iterable[str] = ()) -> str | None:
    """The headline's central matter as a short noun phrase, or ``None``."""
    clauses = [c.strip(" .") for c in _SPLIT.split(title.strip()) if c.strip(" .")]
    if not clauses:
        return None
    clause = clauses[0]
    if len(clause.split()) == 1 and len(clauses) > 1:
        clause = clauses[1]  # "Biden: more weapons for Kyiv"
    words = clause.split()
    if len(words) < 2:
        return None
    known = {n.lower() for n in names}
    verb = None
    for k, word in enumerate(words[1:], start=1):
        low = word.lower().strip(",")
        following = words[k + 1].lower() if k + 1 < len(words) else ""
        if (following.endswith("ed") and low.endswith("s")) or (k == 1 and words[0].islower()):
            continue  # "weapons used", "more weapons": a plural noun, not the verb
        if word[:1].islower() and (
            low in _VERBISH
            or (low.endswith("s") and not low.endswith(("ss", "us", "is", "'s")))
            or (low.endswith("ed") and len(low) > 4)
        ):
            verb = k
            break
    if verb is None:
        phrase = clause
    else:
        subject = " ".join(words[:verb])
        named = subject.lower() in known or all(
            w[:1].isupper() or w.lower() in {"and", "&"} for w in words[:verb]
        )
        phrase = " ".join(words[verb + 1 :]) if named else subject
    phrase = _LEADING.sub("", phrase) if len(phrase.split()) > 1 else phrase
    phrase = re.split(r"\s+(?:to|will|would|could)\s+", phrase, maxsplit=1)[0]
    phrase = " ".join(phrase.split()[:6])
    phrase = _TRAILING.sub("", phrase).strip(" ,.'’\"")
    if len(phrase) < 3:
        return None
    if phrase.split()[0] == words[0] and not phrase[:2].isupper():
        return phrase[:1].lower() + phrase[1:]  # the headline's sentence-case capital
    return phrase
