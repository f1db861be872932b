"""Stance of positions, offline.

* :func:`stance` - what a statement says about the draft's topic: ``supports`` /
  ``opposes`` / ``mixed`` / ``unclear``, from cue words with negation handled ("will not
  accept" is opposition, "no objection" is support), contrast, conditions and hedges, the
  harm a measure would do, counter-demands, and the speaker's side of the topic (see
  :mod:`briefing.derive.topics`).
* :func:`settle_stances` - a statement with no cue takes its speaker's one stated stance.

The topic itself, and who stands on which side of it, come from the headline
(:mod:`briefing.derive.topics`). Word lists, not a model: predictable, explainable, and
offline.
"""

from __future__ import annotations

import re
from typing import Any

from briefing.derive.lexicon import wordset
from briefing.derive.topics import Side, is_measure

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
    # round 6: negative assessments ("opaque", "lacked transparency", "flawed", "rushed")
    # and denial of a claim ("denied that its agents …"), giving something up ("signing
    # away ten years")
    "opaque",
    "lack",
    "flaw",
    "inadequa",
    "mislead",
    "rushed",
    "arbitrar",
    "absurd",
    "deny",
    "sign away",
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
    "lack": r"lack(?:s|ed|ing)?\b",
    "rushed": r"rushed\b",
    "deny": r"den(?:y|ies|ied|ying)\s+(?:that|any|the|all|it|claims?|reports?|allegations?"
    r"|accusations?|responsibility|involvement|wrongdoing)\b",
    "sign away": r"sign(?:s|ed|ing)?\s+away\b",
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
    r"|devastate|wreck|face|hit|shut out|lock out|squeeze"
    # "would cut the income of an average farm": a cut to what people have
    r"|(?:cut|reduce|slash|lower)\s+(?:the\s+|their\s+|its\s+|our\s+)?(?:income|incomes|pay|wages"
    r"|pensions?|jobs|services?|routes|funding|budgets?|payments?|benefits|support|staff))\b",
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
    r"|stand(?:s|ing)?|stood)\s+(?:(?:not|never)\s+)?against\b",
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
