"""Stance of positions, offline.

* :func:`stance` - what a statement says about the draft's topic: ``supports`` /
  ``opposes`` / ``mixed`` / ``unclear``, from cue words with negation handled ("will not
  accept" is opposition, "no objection" is support), contrast, conditions and hedges, the
  harm a measure would do, counter-demands, and the speaker's side of the topic (see
  :mod:`briefing.derive.topics`).
* :func:`settle_stances` - a statement with no cue takes its speaker's one stated stance.

The cue words themselves live in :mod:`briefing.derive.stance_cues`.

The topic itself, and who stands on which side of it, come from the headline
(:mod:`briefing.derive.topics`). Word lists, not a model: predictable, explainable, and
offline.
"""

from __future__ import annotations

import re
from typing import Any

from briefing.derive.lexicon import wordset
from briefing.derive.stance_cues import OPPOSE_RE as _OPPOSE_RE
from briefing.derive.stance_cues import SUPPORT_RE as _SUPPORT_RE
from briefing.derive.stance_cues import WHOLE as _WHOLE
from briefing.derive.topics import Side, is_measure

# Words that guard one's own ("protect our exporters", "cannot let our industry be
# swamped"): support of a measure from its side, opposition from the side it targets.
_GUARD = re.compile(
    r"\b(?:protect(?:s|ed|ing)?|defend(?:s|ed|ing)?|safeguard(?:s|ed|ing)?)\b"
    r"|\b(?:cannot|can't|can not|will not|won't|would not|wouldn't|must not|mustn't|should not"
    r"|shall not)\s+let\b",
    re.IGNORECASE,
)
_GUARD_LET = re.compile(r"\blet\b", re.IGNORECASE)
_NEGATION = wordset(
    "not no never nor cannot can't won't don't doesn't didn't isn't wasn't without nobody nothing"
)
# Negation the word list does not hold: "far from opposed", "is not against" (the "not"
# inside the cue's own match)
_FAR_FROM = re.compile(r"\b(?:far from|by no means|hardly|scarcely)\s+$", re.IGNORECASE)
_NOT_INSIDE = re.compile(r"\b(?:not|never)\s+against\b", re.IGNORECASE)
# Verbs that remove an obstacle: "lift its opposition", "drop its objections" is support.
_REVERSAL = wordset(
    """lift lifts lifted lifting ease eases eased easing drop drops dropped dropping remove
    removes removed removing end ends ended ending scrap scraps scrapped relax relaxes relaxed
    loosen loosened overturn overturned withdraw withdraws withdrew withdrawn"""
)
_NEGATED_ALREADY = re.compile(
    r"(?:cannot|can't|can not)\s+wait\b|(?:not|n't)\s+go(?:es)?\s+(?:nearly\s+|anywhere\s+near\s+)?"
    r"far\s+enough\b|not\s+(?:nearly\s+)?enough\b",
    re.IGNORECASE,
)
# "Without higher fares, the agency would have to …", "unless the levy passes, … would be
# forced to": harm if the measure fails, an argument for it
_NECESSITY = re.compile(r"\b(?:without|unless|otherwise|if\s+not)\b[^.;]*$", re.IGNORECASE)
# what a counter-demand asks for ("called for a freeze"): opposition, unless it is the topic
_HARM = re.compile(_WHOLE["would harm"], re.IGNORECASE)
_COUNTER = re.compile(_WHOLE["counter demand"], re.IGNORECASE)
_UNDO = re.compile(_WHOLE["call to undo"], re.IGNORECASE)
_COUNTER_NOUN = re.compile(r"(\w[\w-]*|\d[\d.]*\s*(?:%|percent|per cent))\s*$")
_WORD = re.compile(r"[\w'’-]+")

# Support with a condition attached is mixed: "only if", "unless", "first X, then Y",
# and a demand made of the deal itself ("any agreement must end the war").
_CONDITION = re.compile(
    r"\bonly\s+(?:if|when|after|once)\b|\bunless\b|\bprovided\s+that\b|\bas long as\b"
    r"|\bon (?:the )?condition\b|\bpreconditions?\b|\bmust first\b"
    r"|\bfirst\b[^.;!?]{1,60}?,?\s+then\b"
    r"|\b(?:any|the|a|this|that|such an?)\s+(?:agreement|deal|accord|truce|ceasefire|settlement"
    r"|proposal|plan|treaty|compromise)\s+(?:must|has to|will have to|would have to|needs to"
    r"|should)\b",
    re.IGNORECASE,
)
# Openness is not commitment: "ready to discuss", "would consider".
_HEDGE = re.compile(
    r"\b(?:acknowledg|conced|admitt?)(?:e|es|ed|ing)\s+(?:that\s+)?|"
    r"\b(?:ready|willing|open|prepared)\s+to\s+(?:discuss|consider|talk|look|examine|study"
    r"|explore)\w*|\bopen\s+to\s+(?:discussions?|talks|dialogue|negotiations?|the idea|"
    r"proposals?|ideas)\b|\b(?:would|could|might|may)\s+consider\b",
    re.IGNORECASE,
)
# A concession and a demand: "we will keep operating, but the model will have to change".
_BUT_DEMAND = re.compile(
    r"\b(?:but|however|yet)\b[^.;!?]{0,80}?\b(?:must|have to|has to|will have to|would have to"
    r"|need to|needs to|wants?|wanted|insist(?:s|ed)?|demand(?:s|ed)?|ask(?:s|ed)? for"
    r"|call(?:s|ed)? for)\b",
    re.IGNORECASE,
)
# A threat of retaliation: "if Brussels goes ahead, we will act".
_RETALIATION = re.compile(
    r"\bif\b[^.;!?]{0,60}?\b(?:go(?:es)? ahead|proceeds?|does so|do so|carr(?:y|ies) out"
    r"|imposes?|press(?:es)? ahead)\b[^.;!?]{0,20}?,?\s+(?:we|they|it|he|she|[A-Z][\w-]+)\s+"
    r"(?:will|would|shall)\b",
    re.IGNORECASE,
)
# A settlement preferred to a measure: "Berlin favoured a negotiated solution".
_ALTERNATIVE = re.compile(
    r"\b(?:negotiated|diplomatic|political|peaceful)\s+(?:solution|settlement|outcome|resolution"
    r"|way out)\b|\bcompromise\b|\bdialogue\b|\bdiplomacy\b",
    re.IGNORECASE,
)


def stance(text: str, side: Side | None = None, topic: str | None = None) -> str:
    """``supports`` / ``opposes`` / ``mixed`` / ``unclear`` for one statement.

    Cue words with negation ("will not accept"), an obstacle lifted ("drop its
    objections"), contrast (cues both ways: ``mixed``), a condition or a hedge on support
    (``mixed``), retaliation (``opposes``). ``side`` is the speaker's side of the topic's
    measure: guarding words take it ("cannot let our industry be swamped" supports the
    tariff from the side imposing it), criticism from that side that does not name the
    topic is aimed at the measure's target (support), and a statement with no cue takes
    the side's stance. ``topic`` tells a measure ("tariff on steel") from a settlement."""
    pro = con = 0
    hits = [(m, False) for m in _OPPOSE_RE.finditer(text) if _counts(text, m)]
    taken = [(m.start(), m.end()) for m, _ in hits]
    hits += [
        (m, True)
        for m in _SUPPORT_RE.finditer(text)
        if _counts(text, m)
        and not any(s < m.end() and m.start() < e for s, e in taken)
        and not any(_in_object(text, e, m.start()) for _, e in taken)
    ]
    taken = [(m.start(), m.end()) for m, _ in hits]
    retaliation = bool(_RETALIATION.search(text))
    for guard in _GUARD.finditer(text):
        if any(s < guard.end() and guard.start() < e for s, e in taken):
            continue
        if _HARD_TO.search(text[max(0, guard.start() - 20) : guard.start()]):
            continue
        negated_let = bool(_GUARD_LET.search(guard.group(0)))
        if retaliation or side is Side.AGAINST:
            con += 1
        elif side is Side.FOR or not negated_let:
            pro += 1
        else:
            con += 1  # "cannot let …" with no side: what is refused
    for match, positive in hits:
        if not _NEGATED_ALREADY.match(match.group(0)):
            window = text[max(0, match.start() - 30) : match.start()]
            before = [w.lower() for w in _WORD.findall(window)][-3:]
            if _NOT_INSIDE.search(match.group(0)) and re.search(
                r"\bagainst\b", text[match.end() :], re.IGNORECASE
            ):
                continue  # "not against housing, but against this housing": a correction
            negated = (
                any(w in _NEGATION or w.endswith("n't") for w in before)
                or bool(_FAR_FROM.search(window))  # "far from opposed"
                or bool(_NOT_INSIDE.search(match.group(0)))  # "are not against"
            )
            if negated and _COMMIT.match(match.group(0)):
                continue  # "did not commit to the rent cap": no commitment, no stance
            if _NOT_RULED_OUT.search(window) and _RULE_OUT.match(match.group(0)):
                continue  # "has not ruled out arson": a possibility left open, no stance
            if (
                negated
                or _NO_ONE.search(window)
                or _SCEPTIC.search(text[max(0, match.start() - 50) : match.start()])
            ):
                positive = not positive
            elif not positive and any(w in _REVERSAL for w in before):
                positive = True  # "lift its opposition"
        if (
            not positive
            and _HARM.match(match.group(0))
            and _NECESSITY.search(text[: match.start()])
        ):
            continue  # "without the rise, we would face cuts": an argument for it
        if not positive and _UNDO.match(match.group(0)):
            verb = match.group(0).split()[-1]
            if topic and _stem_in(verb, topic):
                positive = (
                    True  # "urged the ministry to suspend it" when the suspension is the topic
                )
        if not positive and _COUNTER.match(match.group(0)):
            noun = _COUNTER_NOUN.search(match.group(0))
            if noun and topic and _stem_in(noun.group(1), topic):
                positive = True  # "called for the suspension" when the suspension is the topic
        if positive:
            pro += 1
        else:
            con += 1
    if retaliation:
        con += 1
    if not pro and not con and topic:
        acted = _act_on_topic(text, topic)  # "I will sign requisition orders"
        pro, con = (1, 0) if acted == "supports" else (0, 1) if acted == "opposes" else (0, 0)
    if side is Side.FOR and con and not pro and not _names_topic(text, topic):
        pro, con = 1, 0  # the measure's side faulting its target
    elif side is Side.AGAINST and pro and not con and not _names_topic(text, topic):
        pro, con = 0, 1  # the target's side backing its own cause
    if not pro and not con and NO_COMMENT.search(text):
        return "unclear"  # "declined to comment": no stance, whatever the speaker's side
    if pro and con:
        return "mixed"
    if not con and len(_BOTH_RIGHTS.findall(text)) >= 2:
        return "mixed"  # "gave workers the right to organise and employers the right to …"
    measure = bool(topic) and is_measure(topic or "")
    hedged = bool(
        _CONDITION.search(text) or _HEDGE.search(text) or (measure and _ALTERNATIVE.search(text))
    )
    if pro:
        return "mixed" if hedged or _BUT_DEMAND.search(text) else "supports"
    if con:
        return "opposes"
    if hedged or _BUT_DEMAND.search(text):
        return "mixed"
    if side is Side.FOR:
        return "supports"
    if side is Side.AGAINST:
        return "opposes"
    if _own_commitment(text):
        return "supports"  # "said it would hold a vigil every evening": its own course
    return "unclear"


# A speaker's commitment to a course of its own: "said it would hold a vigil", "said it
# was ready to act as intermediary", "We will stay on this road". Deciding, commenting,
# considering and needing are no commitment (they leave the matter open).
_SELF_SUBJECT = r"(?:it|its\s+[\w-]+|they|their\s+[\w-]+|he|she|we|our\s+[\w-]+|the\s+group)"
_OWN_COURSE = re.compile(
    r"\b(?:said|says|added|announced|confirmed|insisted|pledged|promised|vowed)\s+(?:that\s+)?"
    + _SELF_SUBJECT
    + r"\s+(?:(?:would|will|could)\s+(?:still\s+|also\s+|now\s+)?"
    r"(?:be\s+(?:ready|prepared|willing|able)\s+to\s+)?"
    r"|(?:was|were|is|are)\s+(?:still\s+|also\s+|now\s+)?(?:ready|prepared|willing|able"
    r"|going)\s+to\s+)(?P<verb>[a-z]+)\b"
    r"|(?:^|[.!?]\s+|,\s+)(?:We|I)\s+(?:will|shall|’ll|'ll|are going to|am going to)\s+"
    r"(?P<verb2>[a-z]+)\b",
)
_NO_COURSE = wordset(
    """not never comment decide consider say respond review study examine look wait need
    know see ask seek have be decline refuse"""
)


def own_commitment(text: str) -> bool:
    """Does the statement commit its speaker to a course of its own ("said it would hold
    a vigil")? See :data:`_OWN_COURSE`."""
    return _own_commitment(text)


def _own_commitment(text: str) -> bool:
    for match in _OWN_COURSE.finditer(text):
        verb = (match.group("verb") or match.group("verb2") or "").lower()
        if verb and verb not in _NO_COURSE and not verb.endswith("ing"):
            return True
    return False


# Saying nothing: "declined to comment", "said only that …", "is reviewing …"
NO_COMMENT = re.compile(
    r"\b(?:declin(?:ed|es|ing)|refus(?:ed|es|ing)|would not|wouldn't|did not|didn't)\s+to\s+"
    r"comment\b|\b(?:declined|refused)\s+comment\b|\bno (?:further )?comment\b"
    r"|\b(?:said|says|say)\s+(?:\w+\s+){0,3}?only\s+that\b|\bwould only say\b"
    r"|\b(?:was|is|were|are)\s+(?:still\s+)?reviewing\b|\btoo early to\b"
    r"|^\s*Asked\s+(?:whether|if)\b|\b(?:not|n't|refused to|declined to)\s+commit\b",
    re.IGNORECASE,
)
# "I don't see what they'd win": what follows is doubted
_SCEPTIC = re.compile(
    r"\b(?:do not|don't|does not|doesn't|cannot|can't|did not|didn't)\s+see\s+(?:what|how|why)\b"
    r"[^.;]*$",
    re.IGNORECASE,
)
_COMMIT = re.compile(r"commit", re.IGNORECASE)
_RULE_OUT = re.compile(r"rul(?:e|es|ed|ing)\s+out\b", re.IGNORECASE)
_NOT_RULED_OUT = re.compile(
    r"\b(?:not|n't|never|refused to|declined to|refuses to|declines to)\s+(?:yet\s+|been\s+)?$",
    re.IGNORECASE,
)
# "… unsafe after protesters blocked the exits": what others did, in a clause of
# circumstance, is not the speaker's stance ("after we rejected …" is the speaker's own)
_CIRCUMSTANCE = re.compile(
    r"\b(?:after|because|since|when|once|until|unless|if)\s+(?!(?:we|i|our|my)\b)(?:[\w'’-]+\s+){1,3}$",
    re.IGNORECASE,
)
_DOUBTED = re.compile(
    r"\b(?:far from (?:certain|clear|sure)|not (?:at all )?(?:certain|sure|clear)|uncertain"
    r"|doubtful)\b[^.;]*$",
    re.IGNORECASE,
)
_NOT_SAID = re.compile(
    r"\b(?:not|n't|declined to|refused to)\s+(?:say|said|disclose|specify)\s+(?:what|how|who|when"
    r"|where)\b[^.;]*$",
    re.IGNORECASE,
)
# "harder to defend", "difficult to protect": a weakness, not guarding one's own
_HARD_TO = re.compile(r"\b(?:hard|harder|difficult|impossible)\s+to\s+$", re.IGNORECASE)
_OTHERS = re.compile(r"(?:['’]s|\b(?:their|its|his|her))\s+$", re.IGNORECASE)
_COMPELLED = re.compile(
    r"\b(?:required|forced|made|obliged|compelled|ordered|pressured|pressed)\s+to\s+$",
    re.IGNORECASE,
)
_SOUGHT = re.compile(
    r"\b(?:need|needs|needed|require|requires|required|await|awaits|awaiting|pending|subject to"
    r"|seek|seeks|sought|seeking|without|win|wins|won|get|gets|apply for|applied for)\s+"
    r"(?:(?:the|its|their|final|formal|regulatory|official)\s+)*$",
    re.IGNORECASE,
)
_BOTH_RIGHTS = re.compile(r"\bthe\s+right\s+to\b", re.IGNORECASE)
_STOPPED_SHORT = re.compile(r"\bstop(?:s|ped|ping)?\s+short\s+of\s+$", re.IGNORECASE)
_ASKED_LEAD = re.compile(
    r"^\s*Asked\s+(?:whether|if|about)\b[^;]*?,\s+(?=(?:the|a|an|he|she|they|it|[A-Z])\S*\s+(?:\w+\s+){0,3}?(?:said|says|replied|answered|told))"
)
_NO_ONE = re.compile(r"\b(?:no one|none of)\b[^.;,]*$", re.IGNORECASE)
# "declined to say whether he would support it": what is left open states no stance
_OPEN_CLAUSE = re.compile(r"\b(?:whether|if)\b[^.;,]*$", re.IGNORECASE)


# What one will do to the matter: carry it out (support) or fight it (opposition).
_WILL_DO = re.compile(
    r"\b(?:will|shall|'ll|’ll|am going to|is going to|are going to|ready to|prepared to)\s+"
    r"(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
_FIGHT_IT = re.compile(
    r"\b(?:challeng|contest|fight|resist|defy|defie|appeal(?:s|ed|ing)? against|sue|sued|suing)"
    r"\w*\s+(?:(?:any|the|this|that|every|such|an?|its|their)\s+)?(?:[\w'’-]+\s+){0,1}$",
    re.IGNORECASE,
)


def _act_on_topic(text: str, topic: str) -> str | None:
    """``supports`` when the statement commits to doing the topic's act ("I will sign
    requisition orders" on "requisitioning strikers"), ``opposes`` when it will fight it
    ("would challenge any requisition order"), else ``None``."""
    stems = {w[:6] for w in re.findall(r"[a-z]{5,}", topic.lower())}
    for word in re.finditer(r"[A-Za-z]{5,}", text):
        if word.group(0).lower()[:6] not in stems:
            continue
        before = text[max(0, word.start() - 60) : word.start()]
        if _FIGHT_IT.search(before):
            return "opposes"
        if _WILL_DO.search(before) and not re.search(r"\b(?:not|never|n't)\b", before[-30:]):
            return "supports"
    return None


def _counts(text: str, match: re.Match[str]) -> bool:
    """A cue counts unless it is part of a name ("the Progressive Union", "Fair Rent
    Marenia": capitalised inside a sentence) or inside a question left open ("declined to
    say whether he would support it")."""
    word = match.group(0)
    if (
        word[:1].isupper()
        and match.start() > 0
        and not re.search(r"[.!?\"“]\s*$", text[: match.start()])
    ):
        return False
    before = text[max(0, match.start() - 80) : match.start()]
    if _CIRCUMSTANCE.search(before) or _STOPPED_SHORT.search(before):
        return False
    if _DOUBTED.search(before) or _NOT_SAID.search(before):
        return False  # "far from certain the union would win", "would not say what …"
    if _ASKED_LEAD.match(text) and match.start() < _ASKED_LEAD.match(text).end():
        return False  # "Asked whether the state would back …, the minister said …"
    if _COMPELLED.search(before):
        return False  # "required to attend meetings": what one is made to do is no stance
    if word.lower().startswith("approv") and _SOUGHT.search(before):
        return False  # "still needs the approval of the regulator": sought, not given
    if word.lower().startswith("concern") and _OTHERS.search(before):
        return False  # "the council's concerns": someone else's
    if word.lower() in {"win", "wins"} and re.search(r"\b(?:a|an|the)\s+(?:[\w'’-]+\s+)?$", before):
        return False  # "a union win could raise costs": a noun in a forecast
    return not (
        _OPEN_CLAUSE.search(before)
        and re.search(
            r"\b(?:say|said|comment|know|decide|decided|clear|unclear|whether|asked)\b", before
        )
    )


def _in_object(text: str, end: int, start: int) -> bool:
    """Is a cue at ``start`` inside what a criticism at ``end`` is about ("accused the
    government of damaging its reputation as a reliable supplier": no support there)?"""
    if start < end:
        return False
    between = text[end:start]
    if len(between.split()) < 2:
        return False  # "insufficient progress": an adjective on the cue, not its object
    return len(between) <= 60 and not re.search(r"[,;:]|\b(?:but|and|while|although)\b", between)


def _stem_in(word: str, topic: str) -> bool:
    """Is ``word`` (or its first five letters: "suspension" ~ "suspending") in the topic?"""
    low = word.lower().strip()
    return low in topic.lower() or (len(low) > 5 and low[:5] in topic.lower())


def _content(text: str) -> set[str]:
    from briefing.derive.evaluate import meaning_words

    return meaning_words(text)


def _names_topic(text: str, topic: str | None) -> bool:
    """Does the statement name the topic, by its words or by the kind of matter it is
    ("the increase" for "18% fare rise", "the deal" for "the merger")?"""
    return bool(topic and (_content(text) & _content(topic) or _THE_MATTER.search(text)))


# "the increase", "this plan", "the decision": the matter in dispute, named by its kind
_THE_MATTER = re.compile(
    r"\b(?:the|this|that|these)\s+(?:increase|rise|hike|plan|plans|proposal|measure|decision"
    r"|merger|deal|reform|reforms|ruling|judgment|ban|cut|cuts|suspension|freeze|policy|scheme"
    r"|changes|move|law|bill|levy|tax|fee|fine|tariff|tariffs|closure|sale|takeover|concession"
    r"|privatisation|privatization|agreement|offer)\b",
    re.IGNORECASE,
)


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
        if pos.get("stance") != "unclear" or NO_COMMENT.search(str(pos.get("position", ""))):
            continue
        seen = stated.get((pos.get("actor"), pos.get("topic")), set())
        if len(seen) == 1:
            pos["stance"] = next(iter(seen))
