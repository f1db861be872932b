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
from typing import Any

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
    "stand with",
    "cannot wait",
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
    "abandon",
    "leave alone",
)
_NEGATION = wordset(
    "not no never nor cannot can't won't don't doesn't didn't isn't wasn't without nobody"
)
# Stems that would match unrelated words as a bare prefix ("win" in "wind", "urge" in
# "urgent", "commit" in "committee") are spelt out with their endings.
_WHOLE = {
    "win": r"win(?:s|ning)?\b",
    "urge": r"urg(?:e|es|ed|ing)\b",
    "commit": r"commit(?:s|ted|ting|ment|ments)?\b",
    "back": r"back(?:s|ed|ing|er|ers)?\b",
    "object": r"object(?:s|ed|ing|ion|ions)?\b",
    "hope": r"hop(?:e|es|ed|eful|ing)\b",
    "halt": r"halt(?:s|ed|ing)?\b",
    "ready": r"ready\b",
    # "will not leave X alone/behind" (negated: support), "nobody will be left behind"
    "leave alone": r"(?:leave|leaves|leaving|be left)\s+(?:[\w'’-]+\s+){0,3}?(?:alone|behind)\b",
    "stand with": r"(?:stand|stands|standing|stood)\s+(?:with|by)\b",
    "cannot wait": r"(?:cannot|can't|can not)\s+wait\b",
    # "against" is a stance only after a verb of opposing or being ("voted against",
    # "is against"), not in "weapons used against targets"
    "against": r"(?:vot(?:e|es|ed|ing)|spoke out|speaks? out|speaking out|is|are|was|were|am|"
    r"remains?|remained|firmly|strongly|came out|comes? out|(?<!were )(?<!was )(?<!been )"
    r"(?<!be )warn(?:s|ed|ing)?|argu(?:e|es|ed|ing)|campaign(?:s|ed|ing)?|lobb(?:y|ies|ied|ying)"
    r"|stand(?:s|ing)?|stood)\s+against\b",
}


def _cue_re(cues: tuple[str, ...]) -> re.Pattern[str]:
    parts = [_WHOLE.get(c, re.escape(c) + r"[\w-]*") for c in sorted(cues, key=len, reverse=True)]
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)


_SUPPORT_RE = _cue_re(_SUPPORT)
_OPPOSE_RE = _cue_re(_OPPOSE)
_ALWAYS_AGAINST = ("will not reward", "cannot let")
_NEGATED_ALREADY = re.compile(r"(?:cannot|can't|can not)\s+wait\b", re.IGNORECASE)
_WORD = re.compile(r"[\w'’-]+")


def stance(text: str) -> str:
    """``supports`` / ``opposes`` / ``mixed`` / ``unclear`` for one statement."""
    pro = con = 0
    hits = [(m, False) for m in _OPPOSE_RE.finditer(text)]
    taken = [(m.start(), m.end()) for m, _ in hits]
    hits += [
        (m, True)
        for m in _SUPPORT_RE.finditer(text)
        if not any(s < m.end() and m.start() < e for s, e in taken)
    ]
    for match, positive in hits:
        if match.group(0).lower() not in _ALWAYS_AGAINST and not _NEGATED_ALREADY.match(
            match.group(0)
        ):
            window = text[max(0, match.start() - 30) : match.start()]
            before = [w.lower() for w in _WORD.findall(window)]
            if any(w in _NEGATION or w.endswith("n't") for w in before[-3:]):
                positive = not positive
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


def settle_stances(positions: list[dict[str, Any]]) -> None:
    """A statement with no cue of its own ("the details will be published in May") takes
    its speaker's stance on the same topic when the speaker's other statements all state
    the same one (when they differ, which one it belongs with is unknown: it stays
    ``unclear``). A stance a statement states itself is kept. Changes ``positions`` in
    place."""
    stated: dict[tuple[object, object], set[str]] = {}
    for pos in positions:
        if pos.get("stance") not in (None, "unclear"):
            stated.setdefault((pos.get("actor"), pos.get("topic")), set()).add(pos["stance"])
    for pos in positions:
        if pos.get("stance") != "unclear":
            continue
        seen = stated.get((pos.get("actor"), pos.get("topic")), set())
        if len(seen) == 1:
            pos["stance"] = next(iter(seen))


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
