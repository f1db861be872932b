"""Open questions from what the text leaves undecided.

Cues: "remains to be seen whether", "unclear whether/how", "declined to say whether",
"did not deny", "still up for discussion", "has not been set", "could come soon",
"did not immediately respond". The clause is turned into a question ending in ``?``
("whether Japanese ships would join" -> "Will Japanese ships join …?").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from briefing.derive.lexicon import ORG_HEADS, ROLE_NOUNS, wordset
from briefing.derive.sentences import clip, slugify

_AUX = "will|would|can|could|should|may|might|must|is|are|was|were|has|have|had|does|do|did"
_AUX_RE = re.compile(rf"\b({_AUX})\b(\s+not)?")
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
_BASE = {
    "chosen": "choose",
    "ruled": "rule",
    "ratified": "ratify",
    "agreed": "agree",
}
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
# ", the weather agency said", ", according to X", ", engineers told reporters" at the end
# of a clause: who said it, not what is asked
_TAG_VERBS = (
    r"said|says|added|adds|told (?:reporters|journalists|\w+)|wrote|stated|announced|warned|"
    r"noted|reported|confirmed|cautioned|explained|acknowledged|believes?|thinks?"
)
_SPEECH_TAIL = re.compile(
    r",\s+(?:according to\s+[^,]+|(?:said|says|added)\s+[^,]+|"
    r"(?!(?:which|that|who|whom|and|but|as|while|if|when|because)\b)[^,]{1,80}?\s+"
    rf"(?:{_TAG_VERBS})(?:\s+(?:on|in|at|late|earlier|last|this)\b[^,]*)?)\s*$"
)
_NOT_VERBS = frozenset(["be", "the", "a", "an", "their", "its"])
_LEAD_NAME = re.compile(
    r"(?!(?:Her|His|Its|Their|Our|My|Your|This|That|These|Those|Neither|Nobody|No|None)\b)"
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*(?=\s+[a-z])"
)
_FILLER_SUBJECTS = frozenset(
    [
        "the matter",
        "the issue",
        "it",
        "this",
        "that",
        "the question",
        "the decision",
        "a decision",
        "a ruling",
        "an announcement",
        "a statement",
        "the details",
        "details",
    ]
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
_HEDGES = (
    (re.compile(r"\balmost certain(?:ly)?\b", re.I), "almost-certain"),
    (re.compile(r"\bvery likely\b|\bhighly likely\b", re.I), "very-likely"),
    (re.compile(r"\bunlikely\b|\bdoubtful\b", re.I), "unlikely"),
    (re.compile(r"\blikely\b|\bexpected to\b|\bpoised to\b", re.I), "likely"),
    (re.compile(r"\bcould\b|\bmight\b|\bmay\b|\bpossibl[ey]\b", re.I), "roughly-even"),
)


def likelihood(sentence: str) -> str | None:
    """The likelihood the sentence states for what it leaves open, if it hedges at all."""
    for pattern, value in _HEDGES:
        if pattern.search(sentence):
            return value
    return None


def _subject_before(text: str) -> str | None:
    """The subject of a clause ending at a cue: "Halvard declined to say …" -> Halvard."""
    text = _REPORTING.sub("", text).strip(" ,")
    text = re.split(r"[,;]\s+", text)[-1].strip()
    words = text.split()
    if not words or len(words) > 6:
        return None
    if words[0] in {"The", "A", "An", "Its", "Their"}:
        text = text[0].lower() + text[1:]
    return text


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
_REPORTING = re.compile(
    r"^.*\b(?:said|says|saying|adding|noting|told \w+|reported|added)\s+(?:that\s+)?"
)
_STOP = wordset(
    """
    a an the of to in on at for and or but is are was were be been will would could should
    may might can do does did has have had it its this that these those whether if how when
    what who why which with by from as about into than then there their his her they them he
    she we our you your i not no yet still any some more most other such only also just very
    being over after before under up out so whose against toward towards upon within without
    """
)


@dataclass
class Question:
    question: str
    context: str
    para: int
    start: int
    end: int
    cue: str
    likelihood: str | None = None


def _base(verb: str) -> str:
    """The base form of a verb of :data:`_NOT_YET` ("declared" -> "declare")."""
    if verb in _BASE:
        return _BASE[verb]
    stem = verb[:-2]
    # "signed", "accepted", "published": the stem is the verb; "declared", "approved": + e
    return stem if stem.endswith(("gn", "pt", "ct", "sh", "rm", "ft", "ll")) else stem + "e"


def _base3(verb: str) -> str:
    """The base form of a third-person verb ("withdraws" -> "withdraw", "agrees" ->
    "agree", "reaches" -> "reach", "carries" -> "carry")."""
    if verb.endswith("ies") and len(verb) > 4:
        return verb[:-3] + "y"
    if verb.endswith(("ches", "shes", "sses", "xes", "zes")):
        return verb[:-2]
    return verb[:-1] if verb.endswith("s") and not verb.endswith("ss") else verb


def _np(subject: str) -> str:
    """A subject as it stands inside a question ("The ministry" -> "the ministry")."""
    subject = re.sub(r"^(?:and|but|while|that|as)\s+", "", subject.strip())
    subject = _REPORTING.sub("", subject).strip()
    if subject.split()[:1] and subject.split()[0] in {"The", "A", "An", "Its", "Their", "It"}:
        subject = subject[0].lower() + subject[1:]
    return subject


def _ok_subject(subject: str, pronoun: bool = False) -> bool:
    """A subject a question can name (a pronoun only where the sentence before names it,
    see :func:`_named_pronoun`)."""
    if pronoun and subject.lower() in {"it", "they"}:
        return True
    return bool(subject) and len(subject.split()) <= 8 and subject.lower() not in _FILLER_SUBJECTS


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def strip_speech_tag(text: str) -> str:
    """The clause without a trailing speech tag: "the dam will hold, the agency said" ->
    "the dam will hold"."""
    return _SPEECH_TAIL.sub("", text.rstrip(" .;:!"))


_OTHER_CLAUSE = re.compile(r",?\s+but\s+(?:that|said|added|says|the|it|he|she|they|its|their)\b.*$")
_AFTERTHOUGHT = re.compile(r",\s+(?:something|a move|a step|an idea|a pledge|a promise)\b.*$")


def _finish(text: str) -> str:
    text = strip_speech_tag(" ".join(text.split()))
    text = _AFTERTHOUGHT.sub("", text)  # ", something her party promised …"
    text = _OTHER_CLAUSE.sub("", text)  # "meet on May 3 but that the plan was not …"
    text = text.rstrip(" ,.;:!")
    # "will A new round …" -> "will a new round …": a determiner inside the question
    text = re.sub(r"^(\w+ )(The|A|An|Its|Their|This|These)\b", lambda m: m[1] + m[2].lower(), text)
    text = re.sub(r"[\"“”]", "", text)
    return _cap(text) + "?"


_PARTICIPLE = re.compile(
    r"(?:[a-z]+ed|been|done|made|said|got|gotten|taken|given|seen|known|told|found|left|kept|"
    r"held|brought|begun|won|lost|paid|sent|spent|built|chosen|driven|grown|shown|written|"
    r"read|heard|met|bought|sold|run|put|set|cut|hit|let|understood|thought|taught|caught|bid|"
    r"already|yet|not|never|also|just|still)\b"
)


def invert(wh: str, clause: str) -> str:
    """``whether``/``how`` + clause -> a direct question (auxiliary moved to the front)."""
    clause = strip_speech_tag(clause.strip()).rstrip(",")
    wh_low = wh.lower()
    degree = re.match(r"(much|many|long|far|often|soon|big|large|high|quickly)\s+", clause)
    if wh_low == "how" and degree:  # "how much the bidder had offered"
        wh_low, clause = f"how {degree.group(1)}", clause[degree.end() :]
    match = _AUX_RE.search(clause)
    if match and match.start() > 0 and len(clause[: match.start()].split()) <= 10:
        aux = match.group(1).lower()
        neg = " not" if match.group(2) else ""
        subject = clause[: match.start()].strip()
        rest = clause[match.end() :].strip()
        aux_out = {"would": "will"}.get(aux, aux)
        if aux in {"was", "were"} and rest.startswith("being "):
            aux_out = {"was": "is", "were": "are"}[aux]  # still open: "Are remedies being …?"
        if aux in {"had", "has", "have"} and not neg and not _PARTICIPLE.match(rest):
            aux_out, rest = "will", f"have {rest}"  # "whether the carrier had enough fuel"
        if wh_low in {"whether", "if"}:
            return _finish(f"{aux_out} {subject}{neg} {rest}")
        return _finish(f"{wh_low} {aux_out} {subject}{neg} {rest}")
    if wh_low in {"whether", "if"}:
        return _finish(f"is it known whether {clause}")
    if wh_low in {"who", "what", "which"}:
        return _finish(f"{wh_low} {clause}")
    return _finish(f"is it known {wh_low} {clause}")


def question_id(question: str, taken: set[str]) -> str:
    """A slug of the question's content words, unique in ``taken``."""
    words = [w for w in re.findall(r"[\w'’-]+", question.lower()) if w not in _STOP]
    base = slugify(" ".join(words[:6]), 60) or "question"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


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


def find_questions(sentence: str, with_no_comment: bool = False) -> list[tuple[str, str]]:
    """(question, cue) pairs for one sentence, strongest cue first."""
    out: list[tuple[str, str]] = []
    # ", who won 11%," is not part of what is asked
    sentence = _RELATIVE.sub("", sentence)
    for found in _URGED.finditer(sentence):
        target, act = found.group("who"), found.group("act")
        if target.split()[0] in {"The", "A", "An", "Its", "Their"}:
            target = target[0].lower() + target[1:]
        if act.split()[0] in _NOT_VERBS:
            continue
        if re.search(r"\b(?:19|20)\d\d\b", act):
            continue  # "ordered Pulsa to stop the sales in 2034": done and dated, not open
        out.append((_finish(f"will {target} {act}"), "urged"))
    for wh in _WH.finditer(sentence):
        lead = sentence[: wh.start()]
        clause_end = sentence[wh.end() : wh.end() + 60]
        if wh.group("clause").startswith("to "):
            continue  # "whether to …": see _WHETHER_TO
        cue = _WH_CUES.search(lead) or _DECIDE_WHEN.search(lead[-80:])
        if cue and _DECISION_CUE.match(cue.group(0)) and wh.group("wh").lower() not in _YES_NO:
            continue  # "decide what every child learns" asks nothing yes/no
        if cue or (
            _WH_LEAD.match(sentence[wh.start() :])
            and wh.start() == 0
            and re.match(
                r"\s+(?:remains?|is|was)\s+(?:uncertain|unclear|not clear|unknown|open|"
                r"undecided|to be seen)",
                clause_end,
            )
        ):
            question = invert(wh.group("wh"), wh.group("clause"))
            named = _LEAD_NAME.match(sentence)
            pron = re.match(
                r"(Will|Has|Does|Can|Could)\s+(it|they|he|she)\b(?!\s+(?:true|known)\b)",
                question,
            )
            neither = re.match(r"(?:Neither|Nor)\s+(\w+)\s+(?:has|have)\b", sentence)
            if pron and neither and pron.group(2) in {"it", "they"}:
                question = f"{pron.group(1)} either {neither.group(1)}{question[pron.end() :]}"
            elif (
                pron
                and named
                and not _WH_LEAD.match(named.group(0))
                and not named.group(0).endswith(("'s", "’s"))
                and named.group(0) not in {"It", "The", "A", "An"}
            ):
                # "Halvard declined to say whether it would …" -> "Will Halvard …?"
                question = f"{pron.group(1)} {named.group(0)}{question[pron.end() :]}"
            out.append((question, "unclear"))
    for found in _RULE_OUT.finditer(sentence):
        before = sentence[: found.start()]
        subject = _subject_before(before)
        shared = _SHARED_SUBJECT.match(_REPORTING.sub("", before))
        if subject is None and shared:  # "X would ask … and had not excluded …"
            subject = shared.group("subj")
        if subject:
            act = found.group("act") or found.group("act2")
            legal = _LEGAL_ACT.match(act)
            if legal and subject.lower() not in _PERSONAL:  # "a case at the court"
                verb = (
                    "take"
                    if legal.group(1).lower().startswith(("action", "step", "measure"))
                    else "bring"
                )
                out.append((_finish(f"will {subject} {verb} {act}"), "not-ruled-out"))
            elif found.group("act2"):
                out.append((_finish(f"will {subject} consider {act}"), "would-consider"))
            elif act.split()[0].endswith("ing"):
                out.append((_finish(f"could {subject} end up {act}"), "not-ruled-out"))
            else:  # "has not ruled out changes to the timetable": a noun phrase
                out.append((_finish(f"will there be {act}"), "not-ruled-out"))
    for found in _IN_TALKS.finditer(sentence):
        subject = _subject_before(sentence[: found.start()])
        if subject:
            partner = found.group("with") or ""
            out.append((_finish(f"will {subject} reach an agreement {partner}"), "in-talks"))
    for deny in _DENY.finditer(sentence):
        out.append((_finish(f"is it true that {deny.group('claim')}"), "did-not-deny"))
    for undecided in _scan(_UNDECIDED, sentence):
        subject = re.sub(
            r"^(?:and|but|that|while|which|as)\s+", "", undecided.group("subj").strip()
        )
        subject = re.sub(r"^.*\b(?:that|and)\s+(?=the |their |its |his |her )", "", subject)
        subject = _REPORTING.sub("", subject)
        if (
            subject
            and len(subject.split()) <= 8
            and not re.search(r"\b(?:that|which|who)$", subject)
        ):
            subject = subject[0].lower() + subject[1:] if not subject[:2].isupper() else subject
            if subject.lower() in _FILLER_SUBJECTS:
                continue  # "the matter", "the issue": no question worth asking
            outcome = _OUTCOME.get(undecided.group("what").split()[-1].lower(), "be decided")
            head = re.split(r"\s+(?:of|on|for|with|between)\s+", subject)[0].split()[-1:]
            if outcome in {"be scheduled", "be set"} and set(head) & _EVENTS:
                outcome = "take place"  # "a new round of talks has not been scheduled"
            out.append((_finish(f"will {subject} {outcome}"), "undecided"))
    for found in _scan(_WHETHER_TO, sentence):
        if re.search(r"\buntil\b[^,;]{0,40}$", sentence[: found.start()]):
            continue  # "has until May 9 to decide whether to …": see _UNTIL
        before = _AUX_TAIL.sub("", sentence[: found.start()])
        subject = _np(_subject_before(before) or "")
        if subject and subject.lower() not in {"i", "we", "you"}:
            out.append((_finish(f"will {subject} {found.group('act')}"), "undecided"))
    for found in _scan(_NOT_YET, sentence):
        subject = _np(found.group("subj"))
        if _ok_subject(subject, pronoun=True) and not subject[:1].isdigit():
            verb = _base(found.group("done")) if found.group("done") else found.group("base")
            out.append((_finish(f"will {subject} {verb}{found.group('rest')}"), "not-yet"))
    for found in _scan(_GIVEN_TIME, sentence):
        who = _np(found.group("who"))
        if _ok_subject(who):
            act = found.group("act")
            out.append((_finish(f"will {who} {act} within {found.group('time')}"), "deadline"))
    for found in _scan(_UNTIL, sentence):
        subject = _np(found.group("subj"))
        if _ok_subject(subject, pronoun=True):
            act = found.group("act").strip()
            choice = _DECIDE_WHETHER.match(act)
            if choice:
                act = f"{choice.group('verb')} {choice.group('obj')}"
            out.append((_finish(f"will {subject} {act} by {found.group('when')}"), "deadline"))
    for found in _scan(_VOTE_ON, sentence):
        subject = _np(found.group("subj"))
        what = found.group("what").strip()
        if _ok_subject(subject, pronoun=True):
            verb = "pass" if set(what.lower().split()[:3]) & _MOTIONS else "approve"
            out.append((_finish(f"will {subject} {verb} {what}"), "vote"))
    for found in _scan(_PLANNED, sentence):
        subject = _np(_AUX_TAIL.sub("", found.group("subj") or found.group("subj2") or ""))
        # "ready to move before the ban was due to …": the subject is the ban
        subject = _SUBORDINATE_LEAD.sub("", subject)
        if _CLAUSE_WORD.match(subject):
            continue  # "which were due to …", "with Verrin expected to …": not a subject
        act = found.group("act") or found.group("act2")
        if _ok_subject(subject, pronoun=True) and not subject.lower().startswith(("i ", "we ")):
            out.append((_finish(f"will {subject} {act}"), "planned"))
    for found in _scan(_DEADLINE_FOR, sentence):
        subject = _np(found.group("subj"))
        if _ok_subject(subject, pronoun=True):
            out.append((_finish(f"will {subject} decide by {found.group('when')}"), "deadline"))
    for found in _scan(_THREAT, sentence):
        subject = _np(found.group("subj"))
        if _ok_subject(subject, pronoun=True):
            out.append((_finish(f"will {subject} {found.group('act')}"), "threat"))
    for found in _scan(_UNLESS, sentence):
        subject = _np(found.group("subj"))
        out.append(
            (
                _finish(f"will {subject} {_base3(found.group('verb'))} {found.group('rest')}"),
                "unless",
            )
        )
    for found in _scan(_NOT_UNTIL, sentence):
        # "said on Wednesday that its rocket would not …": the subject follows "that"
        subject = re.sub(r"^.*\bthat\s+", "", _AUX_TAIL.sub("", found.group("subj")))
        subject = _np(subject)
        if _ok_subject(subject, pronoun=True) and subject.lower() not in {"i", "we", "you"}:
            out.append((_finish(f"will {subject} {found.group('act')}"), "until"))
    for found in _scan(_UNTIL_DONE, sentence):
        subject = _np(found.group("subj"))
        if _ok_subject(subject):
            out.append(
                (_finish(f"will {subject} be {found.group('part')}{found.group('rest')}"), "until")
            )
    for found in _scan(_CHALLENGED, sentence):
        who = _np(found.group("who"))
        if _ok_subject(who):
            out.append((_finish(f"will {who} agree to {found.group('what')}"), "challenge"))
    for found in _scan(_VOTE_AT, sentence) if not _scan_any(_VOTE_ON, sentence) else ():
        subject = _np(found.group("subj"))
        if _ok_subject(subject, pronoun=True):
            out.append((_finish(f"will {subject} vote in favour {found.group('when')}"), "vote"))
    for found in _scan(_DONE_BY, sentence):
        subject = _np(_REPORTING.sub("", found.group("subj")))
        if _ok_subject(subject):
            out.append(
                (
                    _finish(f"will {subject} be {found.group('done')} {found.group('when')}"),
                    "planned",
                )
            )
    for found in _ASKED.finditer(sentence):
        out.append((invert("whether", found.group("clause")), "asked"))
    for found in _scan(_CLOSE_TO, sentence):
        subject = _np(found.group("subj")).strip()
        if subject.endswith(",") and subject.count(",") == 1:
            subject = subject[:-1]
        if subject and len(subject.split()) <= 12 and subject.lower() not in _PERSONAL:
            out.append((_finish(f"will {subject} reach {found.group('what')}"), "close-to"))
    for found in _scan(_HOPED, sentence):
        subject = _np(found.group("subj"))
        out.append((_finish(f"will {subject} be {found.group('rest')}"), "hoped"))
    for found in _scan(_WARNED, sentence):
        subject = _np(found.group("subj") or found.group("subj2"))
        if _ok_subject(subject) and subject.lower() not in {"i", "we", "you", "they", "he", "she"}:
            rest = re.split(r",\s*(?:but|and|which|as|while)\b", found.group("rest"))[0]
            out.append((_finish(f"will {subject} {rest}"), "warned"))
    for found in _scan(_NO_DECISION, sentence):
        subject = _np(found.group("subj") or "")
        what = found.group("what").strip()
        if subject and _ok_subject(subject):
            out.append((_finish(f"will {subject} decide on {what}"), "undecided"))
        else:
            out.append((_finish(f"will a decision be made on {what}"), "undecided"))
    for no_comment in _NO_COMMENT.finditer(sentence) if with_no_comment else ():
        subject = (no_comment.group("subj") or no_comment.group("subj2") or "").strip()
        subject = re.sub(r"^(?:and|but|while)\s+", "", subject)
        if subject and len(subject.split()) <= 8:
            if subject.split()[0] in {"The", "A", "An"}:
                subject = subject[0].lower() + subject[1:]
            out.append((_finish(f"how will {subject} respond"), "no-comment"))
    if _SOON.search(sentence):
        for modal in _MODAL.finditer(sentence):
            subject = modal.group("subj").strip()
            subject = re.sub(
                r"^.*\b(?:said|says|told \w+|warned|believes?|expects?)\s+(?:that\s+)?", "", subject
            )
            if not subject:
                continue
            if subject.split()[0] in {"The", "A", "An", "Its", "Their"}:
                subject = subject[0].lower() + subject[1:]
            rest = modal.group("rest")
            when = _SOON_WHEN.search(rest)
            if when:  # "could come soon, possibly before the ministers meet on May 13"
                rest = rest[: when.start()] + when.group("when")
            rest = re.split(r",\s*(?:possibly|but|and|which|as)\b", rest)[0]
            out.append((_finish(f"will {subject} {rest}"), "could-soon"))
    # a pronoun subject is named by the sentence's own subject ("The tribunal has not said
    # whether it will …"); "Is it true that whether …?" is never a question
    out.extend(_left_open(sentence))
    own = sentence_subject(sentence)
    out = [(_owner_named(_named_pronoun(q, own), sentence), cue) for q, cue in out]
    return [
        (q, cue)
        for q, cue in out
        if "that whether" not in q.lower()
        and (cue == "no-comment" or not _SILENCE.search(q))
        and not re.match(r"^\w+\s+Talks\b", q)
        and not _NO_SUBJECT.match(q)
    ]


# "Will had been produce …?", "How long will that take?", "What were they?": no subject
_NO_SUBJECT = re.compile(
    r"^(?:Will|Would|Has|Had|Is|Are|Was|Were|Does|Did)\s+(?:had|has|have|been|be|is|was|were"
    r"|will|would)\b|^(?:(?:How|When|What|Why|Where)(?:\s+\w+)?)\s+(?:will|would|is|are|was"
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
    r"|within)\b[^,.;\"“”]{0,40})"
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


def _left_open(sentence: str) -> list[tuple[str, str]]:
    """What a story leaves open without saying so: a request awaiting an answer, an offer
    not yet taken up, a threat made on a condition, a ruling expected, talks to resume."""
    out: list[tuple[str, str]] = []
    if re.search(r"\b(?:waiting|awaiting)\b", sentence):
        for found in _AWAITING.finditer(sentence):
            subject = _np(found.group("subj"))
            if _ok_subject(subject) and subject.lower() not in _PERSONAL:
                out.append((_finish(f"will {subject} get {found.group('what')}"), "awaiting"))
    for found in _OFFERED.finditer(sentence):
        out.append((_finish(f"will the offer to {found.group('act')} be accepted"), "offer"))
    if re.search(r"\b(?:if|unless)\b", sentence):
        for found in _WOULD_IF.finditer(sentence):
            subject = _np(found.group("np") or found.group("subj"))
            if found.group("np"):
                subject = _named_description(subject, sentence[: found.start("np")])
            if _ok_subject(subject) and subject.lower() not in _PERSONAL:
                out.append((_finish(f"will {subject} {found.group('act')}"), "threat"))
    if re.search(r"\bwould\b|\bwill\b", sentence):
        plain = re.sub(r"[\"“”]", "", sentence)
        for found in _INTENT_WHEN.finditer(plain):
            subject = _np(found.group("subj"))
            if _ok_subject(subject):
                out.append((_finish(f"will {subject} {found.group('act')}"), "intent"))
    for found in _NEEDS_APPROVAL.finditer(sentence):
        what = _np(found.group("what"))
        who = found.group("who").rstrip(".")
        the = "the " if re.search(rf"\bthe\s+{re.escape(who)}", sentence) else ""
        out.append((_finish(f"will {the}{who} approve {what}"), "approval"))
    if "options" in sentence:
        for found in _OPTIONS.finditer(sentence):
            subject = _np(found.group("subj"))
            noun = found.group("noun").lower()
            verb = "take" if noun in {"action"} else "make" if noun in {"bid", "offer"} else "file"
            if _ok_subject(subject) and subject.lower() not in _PERSONAL:
                what = re.sub(r"^an?\s+", "a ", found.group("what"))
                out.append((_finish(f"will {subject} {verb} {what}"), "options"))
    if "until" in sentence:
        for found in _UNTIL_ACT.finditer(sentence):
            verb = found.group("verb")
            base = _PAST_BASE.get(verb) or (_base(verb) if verb.endswith("ed") else _base3(verb))
            subject = _np(found.group("subj"))
            if _ok_subject(subject) and subject.lower() not in _PERSONAL:
                out.append((_finish(f"will {subject} {base} {found.group('rest')}"), "until"))
    if "under" in sentence:
        for found in _UNDER_INQUIRY.finditer(sentence):
            who = _np(re.sub(r"^.*,\s+(?=[A-Z][^,]*,?$)", "", found.group("who").strip(" ,")))
            who = who.strip(" ,")
            by = found.group("by").rstrip(".")
            the = "the " if re.search(rf"\bthe\s+{re.escape(by)}", sentence) else ""
            if _ok_subject(who):
                out.append((_finish(f"will {the}{by} rule against {who}"), "inquiry"))
    for found in _SUBMIT.finditer(sentence):
        who = found.group("who")
        who = who if who[:1].isupper() or who.startswith("the ") else f"the {who}"
        if who.lower() in {"the parliament", "the congress", "the senate"}:
            who = who[4:].capitalize()
        out.append((_finish(f"will {who} approve {found.group('what')}"), "submitted"))
    for found in _RULING_DUE.finditer(sentence):
        noun = found.group("noun")
        on = found.group("on") or ""
        when = found.group("when") or ""
        out.append((_finish(f"will there be a {noun}{on}{when}"), "ruling-due"))
    for found in _RESUME.finditer(sentence):
        parties = _np(found.group("parties") or found.group("parties2"))
        out.append((_finish(f"will {parties} reach an agreement when talks resume"), "talks"))
    return out


_GENERIC_Q = re.compile(r"^(Will|Would|Has|Had|Does|Did|Is|Are|Could)\s+the\s+(\w+)\b")


def _named_generic(question: str, sentence: str, last: str | None) -> str:
    """ "Will the company seek compensation?" when the sentence before was "Ardent Systems
    said …" and this one names no organisation: "Will Ardent Systems seek compensation?"."""
    match = _GENERIC_Q.match(question)
    if not match or match.group(2).lower() not in _GENERIC or not last:
        return question
    if not re.fullmatch(r"[A-Z][\w'’.-]*(?:\s+[A-Z0-9][\w'’.-]*)*", last):
        return question  # the sentence before names a person or a description
    if re.search(r"\b(?:of|for|at)\s+(?:the\s+)?[A-Z]", sentence):
        return question  # this sentence names whom it speaks for: see _named_description
    if not _ORGLIKE.search(last):
        return question  # "Colin Ashby": a person's name, not the company's
    return f"{match.group(1)} {last}{question[match.end() :]}"


# An organisation's name: one word, an acronym or a number in it ("TWU Local 9"), or an
# organisation's head word ("Ardent Systems", "Kessel Motors"); two plain words may be a
# person's name
_ORGLIKE = re.compile(
    r"^[A-Z][\w'’.-]*$|\b[A-Z]{2,}\b|\d|\b(?:"
    + "|".join(sorted(ORG_HEADS))
    + r"|Systems|Shipping|Motors|Industries|Energy|Terminals|Logistics|Media|Telecom|Pharma"
    r"|Foods|Mining|Steel|Labs|Technologies|Partners|Capital|Group|Trust)\b"
)
# "Rosa Kettering", "Health Minister Rosa Kettering": ends in two capitalised words
_PERSON_NAME = re.compile(r"(?:^|\s)[A-Z][a-z’'-]+\s+[A-Z][a-z’'-]+$")
_GENERIC = wordset(
    """company firm group union ministry agency authority board council party operator
    carrier airline bank maker manufacturer developer organisation organization"""
)


def _named_description(subject: str, before: str) -> str:
    """ "the company" after "A spokeswoman for Ardent said …" -> "Ardent": a generic
    description named by the organisation the speaker speaks for."""
    words = subject.split()
    if len(words) != 2 or words[0].lower() != "the" or words[1].lower() not in _GENERIC:
        return subject
    found = re.findall(
        r"\b(?:for|of|at|from)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)", before
    )
    return found[-1] if found else subject


# "its Osprey rocket" after "The head of the Norvik Space Agency said": the owner named
_ITS = re.compile(r"^(\w+(?:\s+\w+)?\s+)its\s+")
_ORG_NAME = re.compile(
    r"\b(?:the\s+)?(?P<name>[A-Z][\w'’.-]*(?:\s+(?:of\s+(?:the\s+)?|for\s+|and\s+)?[A-Z][\w'’.-]*)+)"
)


def _owner_named(question: str, sentence: str) -> str:
    """ "Will its Osprey rocket fly again?" -> "Will the Norvik Space Agency's Osprey rocket
    fly again?": the last organisation named before "its" in the sentence owns it."""
    match = _ITS.match(question)
    at = sentence.find(" its ")
    if not match or at < 0:
        return question
    names = [m for m in _ORG_NAME.finditer(sentence[:at]) if len(m.group("name").split()) >= 2]
    if not names:
        return question
    last = names[-1]
    name = last.group("name")
    if name.split()[0] in {"The", "A", "An"}:
        return question
    the = "the " if last.group(0).lower().startswith("the ") else ""
    return f"{match.group(1)}{the}{name}’s {question[match.end() :]}".replace("’s ", "'s ")


_AUX_TAIL = re.compile(
    r"\s+(?:(?:has|have|had|is|are|was|were|did|does|do)(?:\s+not|n't)?(?:\s+yet)?"
    r"|(?:is|are|was|were)\s+(?:expected|due|set|likely|scheduled|preparing)\s+to"
    r"|(?:will|would|must|should|could|may)(?:\s+not)?)\s*$"
)
_SUBJECT = re.compile(
    r"^(?P<np>[^,;\"“”]{2,45}?)(?:,\s+(?P<app>[^,;\"“”]{2,50}?),)?\s+(?:has|have|had|is|are|"
    r"was|were|will|would|did|does|said|says|declined|refused|told|wrote|could|can|may|"
    r"[a-z]{3,}ed)\b"
)
_NOT_SUBJECTS = re.compile(
    r"^(?:it|they|he|she|we|i|you|this|that|there|whether|how|when|what|who|why|which|if|"
    r"asked|but|and)\b",
    re.IGNORECASE,
)


def sentence_subject(sentence: str) -> str | None:
    """The sentence's subject as a question names it ("The tribunal has …" -> "the
    tribunal"; "Mora's partner, the Green League, has …" -> "the Green League"), or
    ``None`` when it is a pronoun or no plain subject is found."""
    match = _SUBJECT.match(sentence.strip())
    if not match:
        return None
    app = match.group("app")
    if app and re.match(r"^(?:the\s+)?[A-Z]", app):
        return _np(app)
    np = match.group("np").strip()
    if _NOT_SUBJECTS.match(np) or len(np.split()) > 5 or re.search(r"\s(?:on|in|at)\s", np):
        return None
    return _np(np)


def extract_questions(
    paragraphs: list[str], sentences: list[list[tuple[int, int, str]]], limit: int = 8
) -> list[Question]:
    """Questions for the whole article, deduplicated, at most ``limit``."""
    seen: set[str] = set()
    kept: list[set[str]] = []  # content of each question kept
    out: list[Question] = []
    last_subject: str | None = None
    last_person: str | None = None
    for para, spans in enumerate(sentences):
        for start, end, text in spans:
            starts_with_pronoun = bool(re.match(r"^(?:It|They)\b", text))
            for question, cue in find_questions(text):
                if starts_with_pronoun:  # "It has until May 9 to …": named by the sentence before
                    question = _named_pronoun(question, last_subject)
                question = _named_generic(question, text, last_subject)
                if re.match(r"^\w+\s+(?:he|she)\b", question):
                    # "Her ministry declined to say whether she would intervene": she is the
                    # person the story last had speak
                    question = _named_pronoun(question, last_person)
                owner = re.match(r"^(\w+\s+)(?:her|his)\s+", question)
                if owner and last_person:  # "Will her government sign …?"
                    question = f"{owner.group(1)}{last_person}'s {question[owner.end() :]}"
                key = question.lower()
                if key in seen or len(question) > 240 or len(question.split()) < 3:
                    continue
                content = _question_content(question)
                if content and any(content <= other for other in kept):
                    continue  # asks nothing another question does not already ask
                seen.add(key)
                kept.append(content)
                found = Question(question, clip(text, 300), para, start, end, cue)
                found.likelihood = likelihood(text)
                out.append(found)
            last_subject = sentence_subject(text) or last_subject
            if (
                last_subject
                and _PERSON_NAME.search(last_subject)
                and not _ORGLIKE.search(last_subject)
            ):
                last_person = last_subject
    if len(out) > limit:
        # at the limit, yes/no questions that name their actor go first (in article order):
        # "How will Okoye vote?" and "Will they …?" are what an analyst would drop
        weak = {id(q) for q in out if _WEAK_QUESTION.match(q.question)}
        keep = {id(q) for q in sorted(out, key=lambda q: id(q) in weak)[:limit]}
        out = [q for q in out if id(q) in keep]
    return out[:limit]


_WEAK_QUESTION = re.compile(r"^(?:How|When|What|Who|Where|Why|Which)\b|^\w+\s+(?:they|it|he|she)\b")


_PRONOUN_Q = re.compile(
    r"^((?:When|How|Where|Why)\s+(?:will|would|did|does|has|is)|Will|Has|Had|Did|Does|Can|Could"
    r"|Is|Are|Was|Were)\s+(it|they|he|she)\b(?!\s+(?:true|known|time)\b)"
)


def _named_pronoun(question: str, subject: str | None) -> str:
    """ "Will it clear the merger …?" after "The Competition Authority said …" -> "Will
    the Competition Authority clear the merger …?" (a question must name its actor)."""
    match = _PRONOUN_Q.match(question)
    if not match or not subject or subject.lower() in {"it", "they", "he", "she", "we", "i"}:
        return question
    personal = match.group(2) in {"he", "she"}
    named = re.fullmatch(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*", subject) or (
        subject.split()[-1].lower() in ROLE_NOUNS  # "the minister": a person too
    )
    full_name = re.search(r"(?:^|\s)[A-Z][a-z’'-]+\s+[A-Z][a-z’'-]+$", subject) and not (
        subject.startswith("the ")
    )
    if (personal and not named) or (not personal and full_name):
        return question  # "he" is a person ("Okoye"), "it" a body ("the tribunal", "Estavia")
    return f"{match.group(1)} {subject}{question[match.end() :]}"


# What "the deal" may stand for: a topic whose head is one of these names the matter.
_DEALS = wordset(
    """deal deals proposal proposals agreement offer offers plan plans accord truce ceasefire
    pact bid takeover merger treaty settlement package"""
)
_OWNED = re.compile(r"^[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*['’]s\b")
_THE_DEAL = re.compile(r"\bthe (?P<noun>deal|proposal|agreement|offer|plan|accord|bid|pact)\b")


def name_the_matter(question: str, topic: str | None) -> str:
    """ "Will Hamas accept the deal?" -> "Will Hamas accept the truce proposal?" when the
    draft's topic is a deal of some kind: a question should say what it is about."""
    if not topic:
        return question
    head = re.split(r"\s+(?:for|of|on|with|between|to)\s+", topic)[0].split()[-1:]
    clausal = bool(re.search(r"\b\w{3,}ing\b", topic))  # "Philippines firing missiles"
    if head and not clausal and topic.lower() not in question.lower() and len(topic.split()) > 1:
        # "Will the ban take effect?" with the topic "port ban on Velmar trawlers"
        same = re.search(rf"\bthe {re.escape(head[0])}\b", question, re.IGNORECASE)
        if same and not topic.lower().startswith(("the ", "a ")):
            named = topic if _OWNED.match(topic) else f"the {topic}"
            return question[: same.start()] + named + question[same.end() :]
    if not set(w.lower() for w in head) & _DEALS:
        return question
    bare = _BARE_DECISION.match(question)
    if bare and topic.lower() not in question.lower():
        # "Will the Trade Board decide by May 3?" -> "… decide on Astra's takeover … by May 3?"
        named = topic if _OWNED.match(topic) else f"the {topic}"
        return f"{bare.group('head')} on {named}{bare.group('tail')}"
    match = _THE_DEAL.search(question)
    if not match or topic.lower() in question.lower():
        return question
    owned = bool(re.match(r"^[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*['’]s\b", topic))
    named = topic if owned or (topic[:1].isupper() and " " not in topic) else f"the {topic}"
    return question[: match.start()] + named + question[match.end() :]


_BARE_DECISION = re.compile(
    r"^(?P<head>(?:Will|When will)\s+.{2,60}?\s+(?:decide|rule))(?P<tail>(?:\s+(?:by|before|on|in"
    r"|within|next)\b[^?]*)?\?)$"
)
_FRAMING = frozenset(["true", "known", "will", "could", "end"])


def _question_content(question: str) -> set[str]:
    """The question's content words, lightly stemmed ("reopened" ~ "reopen"), without the
    framing words the question forms add ("Is it true that …", "Is it known …")."""
    words = set()
    for word in re.findall(r"[a-z][a-z'’-]+", question.lower()):
        if word in _STOP or word in _FRAMING or len(word) < 3:
            continue
        words.add(re.sub(r"(?:ing|ed|es|s)$", "", word) if len(word) > 5 else word)
    return words


# --- the library's open questions ------------------------------------------------------

KnownQuestion = tuple[str, str, tuple[str, ...], str | None]  # id, question, actors, likelihood


def content_words(text: str) -> set[str]:
    """Lower-case words of four letters or more that carry meaning (for matching)."""
    return {w for w in re.findall(r"[a-z][a-z'’-]{3,}", text.lower()) if w not in _STOP}


def library_questions(
    known: list[KnownQuestion], actor_ids: set[str], article_words: set[str], limit: int = 3
) -> list[dict[str, object]]:
    """Open questions already in the library that the article bears on: one of their actors
    is in the draft and at least two of their content words are in the article. The id
    is reused and the last likelihood carried forward, marked as carried."""
    scored = []
    for qid, question, actors, last_likelihood in known:
        shared_actors = [a for a in actors if a in actor_ids]
        shared_words = content_words(question) & article_words
        if not shared_actors or len(shared_words) < 3:
            continue
        scored.append(
            (len(shared_words) + len(shared_actors), qid, question, shared_actors, last_likelihood)
        )
    scored.sort(key=lambda item: -item[0])
    out: list[dict[str, object]] = []
    for _, qid, question, shared_actors, last_likelihood in scored[:limit]:
        item: dict[str, object] = {
            "id": qid,
            "question": question if question.rstrip().endswith("?") else question + "?",
            "context": "From the library: this article names its actors and its subject"
            + ("; likelihood carried from the library's last statement" if last_likelihood else ""),
            "actors": shared_actors,
        }
        if last_likelihood:
            item["likelihood"] = last_likelihood
            item["confidence"] = "low"
        out.append(item)
    return out
