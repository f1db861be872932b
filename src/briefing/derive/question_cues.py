"""The cue patterns that say a sentence leaves something open.

Regular expressions only, one per cue ("unclear whether", "has not yet decided", "is due
to", "urged X to", "unless …", "a ruling is expected …"), with the words each slow pattern
cannot match without (:data:`_NEEDS`, used by :func:`_scan`) so that most sentences skip
it. What a match becomes is decided in :mod:`briefing.derive.question_find`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefing.derive.lexicon import wordset

_WH = re.compile(
    r"\b(?P<wh>(?i:whether)|if|how|when|what|who|where|why|which)\s+(?P<clause>[^;:]+?)"
    r"(?=\s*(?:[.;:!?]|,\s+(?:but|and|saying|although|though|while|as|which|who)\b|"
    r"\s+but\s+(?:that|said|added|says)\b|\s+and\s+(?:was|were|is|are|had|has|said)\b|"
    r"\s+and\s+(?=\w+\s+\w+ed\b)|"
    r"\s+(?:remains?|is|was)\s+(?:uncertain|unclear|not\s+clear|unknown|open|undecided|to be seen)"
    r"|$))",
)
_WH_CUES = re.compile(
    r"(?:remains? to be seen|remains? (?:unclear|uncertain|unknown|open)|"
    r"(?:is|was|it's|are|were)\s+(?:still\s+)?(?:unclear|not clear|uncertain|unknown|undecided)|"
    r"(?:declined|refused|would not|wouldn't|did not|didn't|could not|couldn't)\s+(?:to\s+)?"
    r"(?:say|specify|confirm|disclose|comment on)|"
    r"not (?:yet )?(?:decided|said|clear|known|specified|disclosed)|have not said|has not said|"
    r"\b(?:[Nn]either|[Nn]obody|[Nn]o one)\b[^.;]{0,100}?\b(?:has|have)\s+(?:yet\s+)?"
    r"(?:said|confirmed|disclosed|explained)|"
    r"too early to (?:say|tell)|no decision (?:has been|was) (?:made|taken) (?:on )?|"
    r"\bquestions?\s+(?:now\s+)?(?:is|are|remains?)|"
    r"\b(?:vote|votes|voting|decide|decides|deciding|rule|rules|ruling)\s+(?:on\s+)?|"
    r"(?:is|are) (?:still )?(?:weighing|considering|debating|discussing)|"
    r"\b(?:looking|look|looks) (?:at|into)|\b(?:examining|studying|exploring|assessing)|"
    r"unclear|uncertain)\s*(?:,\s*)?(?:\w+\s+){0,3}?$",
    re.IGNORECASE,
)
_DECISION_CUE = re.compile(r"(?i)(?:vote|votes|voting|decide|decides|deciding|rule|rules|ruling)\b")
_YES_NO = frozenset(["whether", "if"])
_WH_LEAD = re.compile(r"^(?:Whether|How|When|What|Who|Why)\b")
_DENY = re.compile(
    r"\b(?:did not|didn't|would not|wouldn't|declined to) (?:deny|confirm)\s+(?:(?:reports?|"
    r"claims?|suggestions?)\s+(?:that\s+)?|that\s+)(?!whether\b|if\b)"
    r"(?P<claim>(?:(?!\s+but\s)[^,;.])+)",
    re.IGNORECASE,
)
_NO_COMMENT = re.compile(
    r"(?P<subj>[^,.;]*?)\s+(?:did not|didn't|has not|have not|could not)\s+(?:immediately\s+)?"
    r"(?:respond|reply|return|be reached|comment)\b|(?P<subj2>[^,.;]*?)\s+declined to comment",
    re.IGNORECASE,
)
_UNDECIDED = re.compile(
    r"(?P<subj>[^,.;]*?)\s+(?:is|are|was|were|has|have|remains?)\s+(?:still\s+|not\s+yet\s+|"
    r"yet\s+)?(?P<what>up for discussion|being discussed|being considered|being weighed|"
    r"under discussion|under consideration|"
    r"not (?:yet )?been (?:set|decided|agreed|finalized|finalised|announced|determined|fixed|"
    r"scheduled)|"
    r"yet to be (?:set|decided|agreed|finalized|finalised|announced|determined|scheduled)|"
    r"undecided|open to negotiation|to be determined)",
    re.IGNORECASE,
)
_MODAL = re.compile(
    r"(?:(?:said|says|warned|believes?|expects?)\s+(?:that\s+)?)?"
    r"(?P<subj>(?:\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\b|\b[A-Z])"
    r"[^,.;\"“”]{2,80}?)\s+"
    r"(?P<modal>could|may|might|is expected to|are expected to|is likely to|are likely to)\s+"
    r"(?P<rest>[a-z][^.;\"“”]{2,120})",
)
_RULE_OUT = re.compile(
    r"\b(?:refused|declined|would not|wouldn't|did not|didn't|has not|have not|had not|"
    r"hasn't|haven't) (?:to )?(?:yet )?(?:rule[ds]? out|exclude[ds]?)\s+"
    r"(?P<act>[a-z][^,.;]{3,100})|\bwould consider\s+(?P<act2>[a-z][^,.;]{3,100})",
)
_IN_TALKS = re.compile(
    r"\b(?:was|were|is|are) still in (?:discussions|talks|negotiations)"
    r"(?P<with>\s+with\s+[^,.;]{2,60}?)?(?=\s+(?:and|but|while|over|on|about)\b|[,.;]|$)"
)
# "has not declared a state of emergency", "has yet to approve the timetable": a decision
# not taken yet. Silence ("has not responded", "has not commented") is no question.
_NOT_YET = re.compile(
    r"(?P<subj>[^,.;]*?)\s+(?:has|have|had)\s+(?:not\s+(?:yet\s+)?(?P<done>declared|decided|"
    r"announced|approved|confirmed|signed|ratified|agreed|named|chosen|released|published|"
    r"ruled|endorsed|accepted|rejected|recognised|recognized|lifted|imposed)|yet\s+to\s+"
    r"(?P<base>(?!respond|comment|reply)[a-z]+))\b(?!\s+(?:out|whether|if|how|when)\b)"
    r"(?P<rest>[^,.;]{0,90})"
)


# "had not yet decided whether to charge any of the 12": will they charge them?
_WHETHER_TO = re.compile(
    r"\b(?:decided|decide|deciding|say|said|know|determined|sure|considering|weighing)"
    r"\s+(?:(?:by|before|on|in|within|next|this|later)\b[^,;.]{0,30}?\s+)?"
    r"(?:whether|if)\s+(?:or not\s+)?to\s+(?P<act>[a-z][^,.;\"“”]{3,90}?)"
    r"(?=\s+(?:and|but|while)\s+|[,.;]|$)"
)
# "will meet on Monday to vote on a motion …", "is due to vote on the fee rise": will it pass?
_VOTE_ON = re.compile(
    r"(?P<subj>[^,.;]*?)\s+(?:will|is (?:due|expected|set|scheduled) to|are (?:due|expected|set|"
    r"scheduled) to)\s+(?:meet\b[^,.;]{0,30}?\s+to\s+)?(?:take a (?:final )?)?vote\s+on\s+"
    r"(?!whether\b|if\b)(?P<what>[^,.;\"“”]{3,90})"
)
_CLAUSE_WORD = re.compile(
    r"^(?:which|who|that|with|and|but|as|while|when|where|after|before|if|so)\b", re.IGNORECASE
)
_MOTIONS = wordset("motion motions resolution bill law amendment measure")
# "is due to take effect on March 1", "expects to finish the tunnel by June": plans
_PLANNED = re.compile(
    r"(?P<subj>[^,.;\"“”]*?)\s+(?:is|are|was|were)\s+due\s+to\s+"
    r"(?P<act>(?!vote\b|take a (?:final )?vote\b)[a-z][^,.;\"“”]{3,90})"
    r"|(?P<subj2>[^,.;\"“”]*?)\s+(?:expects|expected|plans|planned|intends|intended|aims|aimed"
    r"|(?:is|are|was|were)\s+(?:preparing|poised|getting ready|moving|trying|seeking|working))\s+"
    r"to\s+(?P<act2>(?!vote\b|decide\b|take a (?:final )?vote\b)[a-z][^,.;\"“”]{3,90})"
)
# "decide by the end of the month whether …": a decision with a time before the question
_DECIDE_WHEN = re.compile(
    r"\bdecide[sd]?\s+(?:by|before|on|in|within|next|this|later)\b[^,;.]{0,30}?\s*$"
)
# "It set a deadline of May 2 for a decision."
_DEADLINE_FOR = re.compile(
    r"(?P<subj>[^,.;]*?)\s+(?:set|sets|has set|had set)\s+(?:a|itself a)\s+deadline\s+of\s+"
    r"(?P<when>[^,.;]{2,30}?)\s+for\s+(?:a|its|the)\s+(?:final\s+)?(?:decision|ruling|verdict)"
)
# "gave the club two weeks to pay its players": will they, in time?
_GIVEN_TIME = re.compile(
    r"\b(?:gave|gives|give|given|giving)\s+(?P<who>[^,.;]{2,60}?)\s+(?P<time>(?:a|an|one|two|"
    r"three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:more\s+)?(?:hours?|days?|weeks?|"
    r"months?|years?))\s+to\s+(?P<act>[a-z][^,.;\"“”]{3,90})"
)
# "has until March 3 to decide whether to approve or reject the sale"
_UNTIL = re.compile(
    r"(?P<subj>[^,.;]*?)\s+(?:has|have|had)\s+until\s+(?P<when>[^,;]{2,30}?)\s+to\s+"
    r"(?P<act>[a-z][^,.;\"“”]{3,90})"
)
_DECIDE_WHETHER = re.compile(
    r"^decide\s+whether\s+(?:or not\s+)?to\s+(?P<verb>\w+)(?:\s+or\s+\w+)?\s+(?P<obj>.+)$"
)
# "has threatened to strike again if talks fail"
_THREAT = re.compile(
    r"(?P<subj>[^,.;]*?)\s+(?:has\s+|have\s+|had\s+)?threat(?:ened|ens|en)\s+to\s+"
    r"(?P<act>[a-z][^,.;\"“”]{3,90}?)(?=\s+(?:if|unless|should|after)\b|[,.;]|$)"
)
# A condition leaves its act open: "closed to its ships unless Norland withdraws its quota"
_UNLESS = re.compile(
    r"\bunless\s+(?P<subj>(?:(?:the|its|their)\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
    r"|the\s+[a-z]+(?:\s+[a-z]+)?)\s+(?P<verb>[a-z]+s)\s+(?P<rest>[a-z][^,.;\"“”]{2,90})"
)
# "would not fly again until …": will it?  "keep marching until the plan is withdrawn"
_NOT_UNTIL = re.compile(
    r"(?P<subj>[^,.;\"“”]{2,80}?)\s+(?:would|will|could|can)\s+not\s+(?P<act>[a-z][^,.;\"“”]{2,60}?)"
    r"\s+until\b"
)
_UNTIL_DONE = re.compile(
    r"\buntil\s+(?P<subj>(?:the|its|their|his|her|a|an)\s+[^,.;\"“”]{2,40}?)\s+(?:was|is|were|are"
    r"|had been|has been|have been)\s+(?P<part>[a-z]+(?:ed|en|wn|ne)|made|paid|set|met|held|cut"
    r"|built|sold|found|struck|spent|sent|won|lost|shut|put)\b(?P<rest>[^,.;\"“”]{0,40})"
)
# "has challenged the prime minister to a second debate"
_CHALLENGED = re.compile(
    r"\bchallenged\s+(?P<who>[^,.;\"“”]{2,40}?)\s+to\s+(?P<what>(?:a|an|the)\s+[^,.;\"“”]{2,80})"
)
# "is expected to take a final vote at its June meeting": will it pass?
_VOTE_AT = re.compile(
    r"(?P<subj>[^,.;\"“”]*?)\s+(?:is|are)\s+(?:due|expected|set|scheduled)\s+to\s+(?:take\s+a\s+"
    r"(?:final\s+)?vote|vote)\s+(?P<when>(?:at|in|on|next|by)\b[^,.;\"“”]{2,40})"
)
# "organisers at two more sites are close to the signature threshold": will they reach it?
_CLOSE_TO = re.compile(
    r"(?P<subj>[^;.\"“”]{2,90}?)\s+(?:is|are|was|were)\s+(?:now\s+|very\s+)?(?:close|near)\s+to\s+"
    r"(?:reaching\s+|securing\s+|striking\s+)?(?P<what>(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:threshold|deal|agreement|accord|settlement|majority|target|quorum|compromise)s?)\b"
)
# "the bridge would be completed by the end of June": will it be, in time?
_DONE_BY = re.compile(
    r"(?P<subj>(?:the|its|their|a|an)\s+[^,.;\"“”]{2,50}?)\s+(?:would|will|should|is to|are to)"
    r"\s+be\s+"
    r"(?P<done>completed|finished|ready|operational|in place|built|restored|repaired|fixed)\s+"
    r"(?P<when>(?:by|before|within|in)\s+[^,.;\"“”]{2,40})"
)
# "Asked whether a walkout would be legal, she said …": the reporter's question
_ASKED = re.compile(
    r"^Asked\s+(?:whether|if)\s+(?!(?:that|this|it|those|these)\s)(?P<clause>[^,;]{4,140}),"
)
# "hoped a compromise could be found before the end of the year"
_HOPED = re.compile(
    r"\bhop(?:e|es|ed|ing)\s+(?:that\s+)?(?P<subj>(?:a|an|the|their|its)\s+[^,.;]{2,40}?)\s+"
    r"(?:could|would|will|can|might)\s+be\s+(?P<rest>[a-z][^,.;\"“”]{2,80})"
)
# "warned that the fire could reach …", "I fear the toll will rise"
_WARNED = re.compile(
    r"\b(?:warn(?:ed|ing|s)?\s+(?:that\s+)?(?P<subj>(?:the|a|an|its|their|this|these|[A-Z])"
    r"[^,.;\"“”]{1,60}?)\s+(?:could|may|might)|fear(?:s|ed|ing)?\s+(?:that\s+)?"
    r"(?P<subj2>(?:the|a|an|its|their|this|these|[A-Z])[^,.;\"“”]{1,60}?)\s+"
    r"(?:could|may|might|will|would))\s+(?P<rest>[a-z][^.;\"“”]{2,100})"
)
# "said no decision had been made on the stadium"
_NO_DECISION = re.compile(
    r"(?:(?P<subj>[^,.;]*?)\s+(?:said|says|told \w+)\s+(?:that\s+)?)?no decision "
    r"(?:has|had)?\s*(?:been|was)\s+(?:made|taken|reached)\s+(?:on|about)\s+"
    r"(?P<what>(?!whether\b)[^,.;\"“”]{2,80})",
    re.IGNORECASE,
)
_EVENTS = wordset(
    """round rounds talks meeting meetings summit vote election hearing visit trial
    referendum negotiations consultations debate session conference"""
)
_SOON_WHEN = re.compile(
    r"\bsoon,?\s+(?:possibly|perhaps|maybe)\s+(?P<when>(?:before|by|on|in|as early as)\s+.+)$"
)
_RELATIVE = re.compile(r",\s+(?:who|which)\s+[^,;.]{2,60},")
# "urged Hamas to accept the deal", "would ask the Supreme Court to order a recount":
# a call on someone leaves open whether they will do it
_URGED = re.compile(
    r"\b(?:urged|urges|pressed|presses|called on|calls on|called for|calls for|calling for|"
    r"asked|asks|ask|urge|press|"
    r"appealed to|demanded that|ordered|orders|ordering|instructed|required|directed|told)\s+"
    r"(?P<who>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}|"
    r"both sides|the (?:government|union|court|company|two sides|parties|authorities|council|"
    r"board|ministry|regulator|city|state|administration|commission|agency|parliament|committee|"
    r"employer|employers|management|owners|operator|club|league|school|university|firm|group"
    r"|technology group|airline|bank|operator|platform|carrier|developer|insurer|retailer))"
    r"\s+to\s+(?P<act>[a-z][^,.;\"“”]{3,140}?)(?=\s*[,.;\"“”]|\s*$)"
)


_NOT_VERBS = frozenset(["be", "the", "a", "an", "their", "its"])
_LEAD_NAME = re.compile(
    r"(?!(?:Her|His|Its|Their|Our|My|Your|This|That|These|Those|Neither|Nobody|No|None)\b)"
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*(?=\s+[a-z])"
)


_OUTCOME = {
    "discussion": "be agreed",
    "discussed": "be agreed",
    "consideration": "be approved",
    "considered": "be approved",
    "weighed": "be approved",
    "set": "be set",
    "scheduled": "be scheduled",
    "decided": "be decided",
    "agreed": "be agreed",
    "announced": "be announced",
    "finalized": "be finalized",
    "finalised": "be finalised",
    "determined": "be determined",
    "fixed": "be fixed",
    "undecided": "be decided",
    "negotiation": "be agreed",
}


_SUBORDINATE_LEAD = re.compile(
    r"^.*\b(?:before|after|until|once|because|since|as soon as)\s+(?=(?:the|its|their|a|an)\s)"
)
_PERSONAL = frozenset(["i", "we", "you", "he", "she", "they", "it"])
# "Norland would ask … and had not excluded …": the first clause's named subject
_SHARED_SUBJECT = re.compile(
    r"^(?P<subj>(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+(?:would|will|has|had|is|was"
    r"|said|says)\b[^,;]*\band\s*$"
)
# What one brings or takes: "a case at the court", "legal action", "further steps"
_LEGAL_ACT = re.compile(
    r"^(?:a|an|any|further|the)?\s*(?:[a-z]+\s+)?(case|lawsuit|suit|challenge"
    r"|appeal|complaint|action|steps|measures)\b",
    re.IGNORECASE,
)
_SOON = re.compile(
    r"\b(?:soon|possibly|as early as|in the coming|within days|imminent)", re.IGNORECASE
)


# Words a pattern cannot match without: the patterns that start with a lazy subject are
# only run on sentences that have them (they cost time on every other sentence).
_NEEDS: dict[re.Pattern[str], re.Pattern[str]] = {
    _UNDECIDED: re.compile(
        r"discuss|consider|weighed|been|yet|undecided|negotiation|determined", re.IGNORECASE
    ),
    _WHETHER_TO: re.compile(r"\b(?:whether|if)\s+(?:or not\s+)?to\b", re.IGNORECASE),
    _NOT_YET: re.compile(r"\b(?:not|yet)\b", re.IGNORECASE),
    _GIVEN_TIME: re.compile(r"\b(?:give|gives|given|giving|gave)\b", re.IGNORECASE),
    _UNTIL: re.compile(r"\buntil\b", re.IGNORECASE),
    _VOTE_ON: re.compile(r"\bvote\s+on\b", re.IGNORECASE),
    _PLANNED: re.compile(
        r"\b(?:due|expect\w*|plan\w*|intend\w*|aim\w*|preparing|poised|ready|moving|trying"
        r"|seeking|working)\s+to\b",
        re.IGNORECASE,
    ),
    _DEADLINE_FOR: re.compile(r"\bdeadline\b", re.IGNORECASE),
    _THREAT: re.compile(r"\bthreaten", re.IGNORECASE),
    _HOPED: re.compile(r"\bhop(?:e|es|ed|ing)\b", re.IGNORECASE),
    _WARNED: re.compile(r"\b(?:warn|fear)", re.IGNORECASE),
    _NO_DECISION: re.compile(r"\bno decision\b", re.IGNORECASE),
    _UNLESS: re.compile(r"\bunless\b"),
    _DONE_BY: re.compile(
        r"\bbe\s+(?:completed|finished|ready|operational|in place|built|restored|repaired|fixed)\b"
    ),
    _CLOSE_TO: re.compile(r"\b(?:close|near)\s+to\b"),
    _NOT_UNTIL: re.compile(r"\bnot\b[^.;]*\buntil\b"),
    _UNTIL_DONE: re.compile(r"\buntil\b"),
    _CHALLENGED: re.compile(r"\bchallenged\b"),
    _VOTE_AT: re.compile(r"\bvote\s+(?:at|in|on|next|by)\b"),
}


def _scan_any(pattern: re.Pattern[str], sentence: str) -> bool:
    """Does ``pattern`` match anywhere in ``sentence`` (see :func:`_scan`)?"""
    return next(_scan(pattern, sentence), None) is not None


def _scan(pattern: re.Pattern[str], sentence: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(sentence)``, skipped when the sentence lacks its key words."""
    needs = _NEEDS.get(pattern)
    if needs is not None and not needs.search(sentence):
        return iter(())
    return pattern.finditer(sentence)


# "Will had been produce …?", "How long will that take?", "What were they?": no subject
_NO_SUBJECT = re.compile(
    r"^(?:Will|Would|Has|Had|Is|Are|Was|Were|Does|Did)\s+(?:had|has|have|been|be|is|was|were"
    r"|will|would)\b"
    # "Will before bring charges?": a subordinator where the subject should be
    r"|^\w+\s+(?:before|after|until|once|while|when|during|without|by)\s+\w+\s*\??$"
    r"|^\w+\s+(?:before|after|until|once|while|during|without)\s+(?:bring|take|make|decide"
    r"|give|send|hold|seek|file|press|issue|launch|open|start|end)\b|^(?:(?:How|When|What|Why|Where)(?:\s+\w+)?)\s+(?:will|would|is|are|was"
    r"|were|did|does|has|had)\s+(?:that|this|they|it|those|these)\b(?:\s+\w+)?\?$"
)


# "Will he comment on the merger?": whether someone will speak is no question
_SILENCE = re.compile(r"\b(?:comment|respond|reply)\b")


# "asked for access to the crossings and was still waiting for a reply"
_AWAITING = re.compile(
    r"(?P<subj>(?:[Tt]he\s+|[Ii]ts\s+|[Tt]heir\s+)?[^,.;\"“”]{2,60}?)\s+(?:(?:said|says)\s+(?:that\s+)?"
    r"(?:it|they|he|she)\s+)?(?:had\s+|has\s+|have\s+)?(?:asked|applied|requested|called)\s+"
    r"(?:for\s+)?(?P<what>[^,.;\"“”]{3,80}?)\s+and\s+(?:was|is|were|are)\s+(?:still\s+)?"
    r"(?:waiting|awaiting)\b"
)
# "had offered to meet the growers on Friday and was still waiting for an answer"
_OFFERED = re.compile(
    r"\boffer(?:ed|s)?\s+to\s+(?P<act>[a-z][^,.;\"“”]{3,80}?)(?:,\s+[^,]{2,40}?\s+(?:said|says|added),)?"
    r"\s+(?:and|but)\s+(?:was|is|were|are|has|had)"
    r"\s+(?:still\s+)?(?:waiting|awaiting|not\s+(?:yet\s+)?(?:received|had|got))\s+(?:for\s+)?"
    r"(?:an?\s+|any\s+)?(?:answer|reply|response)"
)
# "said it would call a 24-hour strike if the contract was signed …": a conditional threat
_WOULD_IF = re.compile(
    r"(?P<subj>(?:[Tt]he\s+)?[^,.;\"“”]{2,60}?)(?:,\s+[^,.;\"“”]{2,40},)?\s+(?:said|says|warned|warns"
    r"|threatened)\s+(?:that\s+)?(?:(?P<pron>it|they|he|she)\s+(?:[^,.;\"“”]{0,60}?\s+and\s+)?"
    r"|(?:[^.;\"“”]{0,100}?,?\s+and\s+that\s+)?(?P<np>(?:the|its|their)\s+[a-z][\w'’-]*"
    r"|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+)(?:would|will)\s+(?!not\b)"
    r"(?P<act>[a-z][^,.;\"“”]{3,80}?)\s+(?:if|unless)\b"
)
# "She added that a bill tightening the rules would go to parliament in the spring
# session": an intention with a time, which the story cannot yet confirm
_INTENT_WHEN = re.compile(
    r"\b(?:said|says|added|announced|told\s+\w+)\s+(?:that\s+)?(?P<subj>(?:the|a|an|its|their)\s+"
    r"[^,.;\"“”]{2,60}?)\s+(?:would|will)\s+(?!not\b|be\s+(?:able|happy|glad|ready)\b)"
    r"(?P<act>[a-z][^,.;\"“”]{3,80}?\s+(?:in\s+the\s+(?:spring|summer|autumn|fall|winter|coming)"
    r"|next\s+(?:week|month|year)|later\s+this|by\s+the\s+end\s+of|before\s+the\s+end\s+of"
    r"|within)\b(?:\s+[^\s,.;\"“”]+){0,8})"
)
# "The merger still needs the approval of the Lannmark Health Authority (LHA)"
_NEEDS_APPROVAL = re.compile(
    r"(?P<what>(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)\s+[a-z][\w'’-]*"
    r"(?:\s+(?!still\b|also\b|now\b)[a-z][\w'’-]*)?)\s+"
    r"(?:still\s+)?(?:needs|requires|awaits|must\s+(?:win|get|receive))\s+(?:the\s+)?(?:final\s+)?"
    r"(?:approval|consent|sign-off|backing|clearance)\s+(?:of|from)\s+(?:the\s+)?"
    r"(?P<who>[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*)"
)
# "A ruling on the licence is expected by the end of June"
_RULING_DUE = re.compile(
    r"\b(?:[Aa]|[Tt]he|[Aa]\s+final|[Aa]n?\s+\w+)\s+(?P<noun>ruling|decision|verdict|judgment|judgement)"
    r"(?P<on>\s+(?:on|in|over)\s+[^,.;\"“”]{2,60}?)?\s+(?:is|was)\s+(?:now\s+)?(?:expected|due)"
    r"(?P<when>\s+(?:by|before|on|in|within|next|later|this|at)\b[^,.;\"“”]{0,40})?"
)
# "Talks between the two sides are due to resume in Geneva on Monday"
_RESUME = re.compile(
    r"\b[Tt]alks\s+between\s+(?P<parties>[^,.;\"“”]{3,60}?)\s+(?:are|were|is|was)\s+(?:due|expected|set"
    r"|scheduled)\s+to\s+resume\b|\b[Tt]alks\s+between\s+(?P<parties2>[^,.;\"“”]{3,60}?)\s+(?:will|would)"
    r"\s+resume\b"
)


# "reviewing all options, including a complaint to the tribunal"
_OPTIONS = re.compile(
    r"(?P<subj>(?:[Tt]he\s+)?[^,.;\"“”]{2,60}?)\s+(?:was|is|were|are)\s+[\"“]?(?:reviewing|considering"
    r"|weighing|studying|examining|exploring)\s+(?:all|its|their|legal|every)\s+(?:\w+\s+)?options,?[\"”]?"
    r",?[\"”]?\s+including\s+(?P<what>(?:an?\s+)?(?:[\w'’-]+\s+){0,2}?(?P<noun>complaint|appeal|challenge"
    r"|lawsuit|case|suit|action|claim|bid|offer|review)\b[^,.;\"“”]{0,60})"
)
# "until the government agreed to freeze the cuts": will it?
_UNTIL_ACT = re.compile(
    r"\buntil\s+(?P<subj>(?:the|its|their)\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?|[A-Z][\w'’-]*"
    r"(?:\s+[A-Z][\w'’-]*){0,3})\s+(?P<verb>agreed|agrees|withdrew|withdraws|dropped|drops|accepted"
    r"|accepts|backed|backs|reversed|reverses|scrapped|scraps|lifted|lifts|restored|restores|paid"
    r"|pays|met|meets|released|releases|approved|approves)\s+(?P<rest>[^,.;\"“”]{2,80})"
)
_PAST_BASE = {"withdrew": "withdraw", "paid": "pay", "met": "meet"}
# "Two other operators, Vireo and Copperline, are under investigation by the CMO"
_UNDER_INQUIRY = re.compile(
    r"(?P<who>[^.;\"“”]{2,80}?)\s+(?:is|are|was|were|remains?)\s+(?:now\s+|still\s+|also\s+)?under\s+"
    r"(?:investigation|review|scrutiny)\s+by\s+(?:the\s+)?(?P<by>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)"
)
# "to submit the concession to parliament before the end of the year"
_SUBMIT = re.compile(
    r"\b(?:submit|submits|submitted|send|sends|sent|put|puts|present|presents|presented|table|tables"
    r"|tabled)\s+(?P<what>(?:the|its|their|a|an)\s+[^,.;\"“”]{2,50}?)\s+to\s+(?P<who>(?:the\s+)?"
    r"(?:parliament|Parliament|congress|Congress|council|assembly|board|lawmakers|voters"
    r"|shareholders|senate|Senate|cabinet)(?:\s+[A-Z][\w'’-]*)?)\b"
)
