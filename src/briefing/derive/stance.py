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
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
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
    # calls to action support what they call for; permission and rights
    "call on",
    "allow",
    "permit",
    "right to",
    "entitle",
    "legitimate",
    "justifi",
    # assessments
    "orderly",
    "credible",
    "constructive",
    "success",
    "fair",
    "recogni",
    "reward",
    "intend",
    # defending conduct; necessity ("without the increase we would have to cut …")
    "restraint",
    "lawful",
    "proportionate",
    "appropriately",
    "without would have to",
    # justifying one's own decision: "exhausted every other option", "had no choice"
    "no choice",
    "last resort",
    # round 5: a vote promised; going ahead despite objections; "does not go far enough"
    # (wants more of the same)
    "vote for",
    "go ahead",
    "far enough",
    # an assessment in favour ("the savings estimate looked plausible")
    "plausible",
    "sensible",
    "reasonable",
    # "a drought-sharing rule was in both countries' interest"
    "in interest",
    # "the suspension should be made permanent": wanting it kept
    "made permanent",
    # a concession to the decision-maker ("respected the bank's independence but …"):
    # with criticism, mixed; respect for people ("we respect the court") is politeness
    "respect decision",
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
    "worr",
    "hit back",
    "hurt",
    "harm",
    "ignor",
    "strand",
    "bar from",
    "damag",
    "astonish",
    "dismay",
    "outrag",
    "appal",
    "deplor",
    "retaliat",
    "respond in kind",
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
    # the words of criticism and of threat
    "weaponis",
    "weaponiz",
    "bully",
    "bullie",
    "blackmail",
    "hypocri",
    "interfer",
    "meddl",
    "provocat",
    "reckless",
    "baseless",
    "smear",
    "witch hunt",
    # calling for someone to go
    "resign",
    # urging someone not to act; harm ("would cost"); pushing rivals out; undoing a measure
    "urge not",
    "would cost",
    "squeez",
    "reverse",
    "repeal",
    "roll back",
    "overturn",
    "scrap",
    "think twice",
    "rather than",
    "not working",
    # scepticism: "I don't see what they'd win"
    "do not see",
    "politically motivated",
    "dictate",
    "unfair",
    "unjust",
    "discriminat",
    "protectionis",
    "coerci",
    "mistake",
    "consequences",
    "rule out",
    "prevent",
    "will respond",
    # round 5: the harm a measure would do ("would push riders into cars"); progress
    # judged short; a counter-demand ("called for a freeze"): see _COUNTER
    "would harm",
    "punish",
    "insufficient",
    "not enough",
    "counter demand",
    # doubt cast on it ("questioned how the ministry scored the bids"); promises not kept
    # ("similar mergers took longer than promised")
    "questioned how",
    "longer than promised",
    # a call to undo or rework it ("called on parliament to clarify the rules"), and the
    # uncertainty it is said to create
    "call to undo",
    "create uncertainty",
    # a warning that prices went or will go up ("fares had already risen 15 percent")
    "prices rise",
)
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
# Verbs that remove an obstacle: "lift its opposition", "drop its objections" is support.
_REVERSAL = wordset(
    """lift lifts lifted lifting ease eases eased easing drop drops dropped dropping remove
    removes removed removing end ends ended ending scrap scraps scrapped relax relaxes relaxed
    loosen loosened overturn overturned withdraw withdraws withdrew withdrawn"""
)
# Stems that would match unrelated words as a bare prefix ("win" in "wind", "urge" in
# "urgent", "commit" in "committee") are spelt out with their endings.
_WHOLE = {
    "win": r"(?:win|wins|winning|won)\b",
    "attend": r"attend(?:s|ed|ing)?\b",
    "protest": r"protest(?:s|ed|ing)?\b",
    "worr": r"worr(?:y|ies|ied|ying)\b",
    # "shot back", "hit back at": a retort; "back down" (no stance) never reads as "back"
    "hit back": r"(?:hit|hits|hitting|shot|shoots|fired|fires|pushed|pushes|fought|fights)"
    r"\s+back\b",
    "hurt": r"hurt(?:s|ing)?\b",
    "ignor": r"ignor(?:e|es|ed|ing)\b",
    # "bar police from entering the campus" (not "a bar in the old town")
    "bar from": r"(?:bar|bars|barred|barring)\s+(?:[\w'’-]+\s+){1,4}?from\b",
    "harm": r"harm(?:s|ed|ing|ful)?\b",
    # urging caution ("urged staff to think carefully") warns against; see "think twice"
    "urge": r"urg(?:e|es|ed|ing)\b(?![^.;,]{0,50}?\b(?:resign|step down|stand down|quit"
    r"|think (?:twice|carefully|hard)|be careful)\b)",
    "restraint": r"(?:with|showed|shown|exercised)\s+(?:great\s+|remarkable\s+)?restraint\b",
    "lawful": r"(?<!un)lawful(?:ly)?\b",
    # "without the levy we would have to …", "Without higher fares, he said, the agency
    # would have to cut …"
    "without would have to": r"without\s+[^.;!?]{2,80}?\b(?:would|will)\s+(?:have to|be forced to"
    r"|need to)\b",
    "not working": r"(?:not|n't)\s+(?:been\s+)?working\b",
    "think twice": r"think\s+(?:twice|carefully|hard)\b",
    # "we'd rather talk to staff directly than through an intermediary": what is refused
    "rather than": r"(?:'d|’d|would)\s+(?:simply\s+|much\s+|far\s+)?rather\b[^.;]{2,80}?\bthan\b",
    "commit": r"commit(?:s|ted|ting|ment|ments)?\b",
    # "push riders back onto the roads", "back in 2020": an adverb, no backing
    "back": r"back(?:s|ed|ing|er|ers)?\b(?!\s+(?:down|onto|into|to|in|out|on|from|at|up|off|home"
    r"|away|then)\b)",
    "object": r"object(?:s|ed|ing|ion|ions)?\b",
    "hope": r"hop(?:e|es|ed|eful|ing)\b",
    "halt": r"halt(?:s|ed|ing)?\b",
    "ready": r"ready\b",
    "fair": r"fair\b",
    "allow": r"allow(?:s|ed|ing)?\b",
    "permit": r"permit(?:s|ted|ting)?\b",
    "reward": r"reward(?:s|ed|ing)?\b",
    "intend": r"(?:intend(?:s|ed)?|intention)\b",
    "dictate": r"dictat(?:e|es|ed|ing)\b",
    "mistake": r"mistak(?:e|es|en)\b",
    # a call supports what it calls for, unless that is someone's going ("resign")
    "call on": r"call(?:s|ed|ing)?\s+(?:on|upon|for)\b(?![^.;,]{0,50}?\b(?:resign|step down"
    r"|stand down|quit)\b)",
    "urge not": r"(?:urg(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+on|ask(?:s|ed|ing)?)\s+"
    r"(?:[\w'’-]+\s+){0,3}?not\s+to\b(?!\s+(?:back down|give in|give up|yield|retreat|cave))",
    "would cost": r"(?:would|will|could|might|to)\s+cost\b",
    "reverse": r"revers(?:e|es|ed|ing)\s+(?:it|this|that|them|the|its|their|a)\b",
    "repeal": r"repeal(?:s|ed|ing)?\b",
    "roll back": r"roll(?:s|ed|ing)?\s+(?:(?:it|them|the\s+\w+)\s+)?back\b",
    "overturn": r"overturn(?:s|ed|ing)?\b",
    "scrap": r"scrap(?:s|ped|ping)?\b",
    "do not see": r"(?:do not|don't|does not|doesn't|cannot|can't|did not|didn't)\s+see\s+"
    r"(?:what|how|why)\b",
    "no choice": r"(?:no|little)\s+(?:other\s+)?(?:choice|option|alternative)\b|exhausted\s+"
    r"(?:every|all)\s+(?:other\s+)?(?:option|avenue|alternative)s?\b",
    "resign": r"(?:resign(?:s|ed|ing|ation)?|step(?:s|ped)? down|stand down)\b",
    "right to": r"(?:the|a|its|their|our|his|her|full)\s+right\b",
    "rule out": r"rul(?:e|es|ed|ing)\s+out\b",
    "prevent": r"prevent(?:s|ed|ing)?\b",
    "will respond": r"(?:will|would|shall)\s+respond\b",
    "time to": r"time\s+(?:to|for)\b",
    "vote for": r"vot(?:e|es|ed|ing)\s+(?:in\s+)?(?:for|favou?r\s+of)\b",
    "go ahead": r"(?:go|goes|going|went|press|presses|pressing|pressed|push|pushes|pushing"
    r"|pushed|forge|forging|forged)\s+ahead\b|(?:proceed|proceeds)\s+as\s+planned\b",
    "far enough": r"(?:not|n't)\s+go(?:es)?\s+(?:nearly\s+|anywhere\s+near\s+)?far\s+enough\b",
    # the harm a measure would do; not a necessity argument ("without X, Y would have to"),
    # see _NECESSITY
    "would harm": r"(?:would|will|could|might|may)\s+(?:also\s+|only\s+|simply\s+)?(?:push"
    r"|drive|force|leave|strand|price|weigh|burden|penali[sz]e|punish|undermine|undercut"
    r"|erode|jeopardi[sz]e|endanger|empty|kill|destroy|ruin|cripple|deprive|saddle|drain"
    r"|devastate|wreck|face|hit|shut out|lock out|squeeze)\b",
    "punish": r"punish(?:es|ed|ing|ment)?\b",
    "prices rise": r"(?:fares|prices|costs|rents|bills|fees|premiums|charges)(?:\s+[\w'’-]+){0,4}?"
    r"\s+(?:(?:had|have|has|would|will|could|may|might)\s+)?(?:already\s+)?(?:be\s+|been\s+)?"
    r"(?:ris(?:e|en|ing)|rose|soar(?:ed|ing)?|jump(?:ed|ing)?|climb(?:ed|ing)?|doubl(?:e|ed|ing)"
    r"|go(?:ne)?\s+up|went\s+up|increas(?:e|ed|ing)|spike[ds]?)\b",
    "call to undo": r"(?:call(?:s|ed|ing)?\s+(?:on|upon)|urg(?:e|es|ed|ing)|ask(?:s|ed|ing)|press"
    r"(?:es|ed|ing)?)\s+(?:[\w'’-]+\s+){1,4}?to\s+(?:clarify|change|amend|rethink|reconsider"
    r"|review|pause|delay|drop|scrap|withdraw|halt|reverse|suspend|block|reject|overturn|abandon"
    r"|postpone|freeze|rewrite|revise)\b(?!\s+(?:(?:its|their|the|his|her)\s+)?(?:objections?"
    r"|opposition|resistance|veto|block|blockade|boycott|protests?|threats?|demands?)\b)",
    "create uncertainty": r"(?:creat|caus|bring|brought|sow|add)\w*\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:uncertainty|confusion|chaos)\b",
    "questioned how": r"question(?:s|ed|ing)?\s+(?:how|whether|why|the\s+(?:basis|legality|wisdom"
    r"|need|fairness|timing|logic))\b",
    "longer than promised": r"(?:longer|slower|more slowly|less)\s+than\s+(?:promised|planned"
    r"|forecast|expected|projected|advertised)\b",
    "reasonable": r"reasonable\b",
    "respect decision": r"respect(?:s|ed|ing)?\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?(?:independence|decision|ruling|judgment|judgement|mandate|autonomy"
    r"|verdict)\b",
    "made permanent": r"(?:made|make|makes|making|become|remain|stay)\s+permanent\b",
    "in interest": r"in\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?interests?\b(?!\s+rates?\b)",
    "insufficient": r"insufficient\b",
    "not enough": r"not\s+(?:nearly\s+)?enough\b|too\s+(?:little|slow|late)\b",
    "counter demand": r"(?:call(?:s|ed|ing)?\s+for|demand(?:s|ed|ing)?|want(?:s|ed)?|seek(?:s|ing)?"
    r"|sought|push(?:es|ed|ing)?\s+for|ask(?:s|ed|ing)?\s+for|urg(?:e|es|ed|ing))\s+"
    r"(?:(?:a|an|the|its|their|for\s+a)\s+)?(?:[\w-]+\s+){0,2}?(?:freeze|halt|pause|delay"
    r"|moratorium|review|inquiry|referendum|rethink|withdrawal|reversal|suspension|u-turn"
    r"|consultation|guarantees?|compensation|postponement)\b"
    r"|demand(?:s|ed|ing)?\s+(?:an?\s+)?\d[\d.]*\s*(?:%|percent|per cent)",
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
            negated = any(w in _NEGATION or w.endswith("n't") for w in before)
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
    measure = bool(topic) and _is_measure(topic or "")
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
    return "unclear"


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


def _is_measure(topic: str) -> bool:
    """Is the topic a measure taken against someone ("tariff on Indian steel")?"""
    head = re.split(r"\s+(?:on|against|for|into|of|to)\s+", topic.lower(), maxsplit=1)[0]
    return bool(set(head.split()) & MEASURES)


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
    regulator watchdog government ministry"""
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
        if (following.endswith("ed") and low.endswith("s") and low not in _ACTS) or (
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
    if _only_a_name(phrase, names):
        return None  # "ride-hailing firm Zoomly": an actor, not a matter
    if phrase.split()[0] == words[0] and not phrase[:2].isupper():
        return phrase[:1].lower() + phrase[1:]  # the headline's sentence-case capital
    return phrase


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
    """freezes cuts raises scraps ends closes extends expands bans suspends halts restores doubles
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
        if _is_measure(topic):
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
