"""The cue words of :mod:`briefing.derive.stance`: what support and opposition sound like.

Kept apart from the logic that reads them (negation, contrast, conditions, sides) so
each can be read on its own. ``SUPPORT`` and ``OPPOSE`` are stems matched at the start
of a word ("welcom" covers "welcomed"); ``WHOLE`` spells out the stems that would match
unrelated words as a bare prefix, and the multi-word cues, as regular expressions.
Word lists, not a model: predictable, explainable, and offline.
"""

from __future__ import annotations

import re

# Cue stems (matched at the start of a word, so "welcome" covers "welcomed").
SUPPORT = (
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
OPPOSE = (
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

# Stems that would match unrelated words as a bare prefix ("win" in "wind", "urge" in
# "urgent", "commit" in "committee") are spelt out with their endings.
WHOLE = {
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
    parts = [WHOLE.get(c, re.escape(c) + r"[\w-]*") for c in sorted(cues, key=len, reverse=True)]
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)


SUPPORT_RE = _cue_re(SUPPORT)
OPPOSE_RE = _cue_re(OPPOSE)
