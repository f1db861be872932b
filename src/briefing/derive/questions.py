"""Open questions from what the text leaves undecided.

Cues: "remains to be seen whether", "unclear whether/how", "declined to say whether",
"did not deny", "still up for discussion", "has not been set", "could come soon",
"did not immediately respond". The clause is turned into a question ending in ``?``
("whether Japanese ships would join" -> "Will Japanese ships join …?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.derive.lexicon import wordset
from briefing.derive.sentences import clip, slugify

_AUX = "will|would|can|could|should|may|might|must|is|are|was|were|has|have|had|does|do|did"
_AUX_RE = re.compile(rf"\b({_AUX})\b(\s+not)?")
_WH = re.compile(
    r"\b(?P<wh>(?i:whether)|if|how|when|what|who|where|why|which)\s+(?P<clause>[^;:]+?)"
    r"(?=\s*(?:[.;:!?]|,\s+(?:but|and|saying|although|though|while|as)\b|"
    r"\s+(?:remains?|is|was)\s+(?:uncertain|unclear|not\s+clear|unknown|open|undecided|to be seen)"
    r"|$))",
)
_WH_CUES = re.compile(
    r"(?:remains? to be seen|remains? (?:unclear|uncertain|unknown|open)|"
    r"(?:is|was|it's|are|were)\s+(?:still\s+)?(?:unclear|not clear|uncertain|unknown|undecided)|"
    r"(?:declined|refused|would not|wouldn't|did not|didn't|could not|couldn't)\s+(?:to\s+)?"
    r"(?:say|specify|confirm|disclose|comment on)|"
    r"not (?:yet )?(?:decided|said|clear|known|specified|disclosed)|have not said|has not said|"
    r"too early to (?:say|tell)|no decision (?:has been|was) (?:made|taken) (?:on )?|"
    r"(?:is|are) (?:still )?(?:weighing|considering|debating|discussing)|"
    r"unclear|uncertain)\s*(?:,\s*)?(?:\w+\s+){0,3}?$",
    re.IGNORECASE,
)
_WH_LEAD = re.compile(r"^(?:Whether|How|When|What|Who|Why)\b")
_DENY = re.compile(
    r"\b(?:did not|didn't|would not|wouldn't|declined to) deny\s+(?:reports?\s+|"
    r"claims?\s+|suggestions?\s+)?(?:that\s+)?(?P<claim>[^,;.]+)",
    re.IGNORECASE,
)
_NO_COMMENT = re.compile(
    r"(?P<subj>[^,.;]*?)\s+(?:did not|didn't|has not|have not|could not)\s+(?:immediately\s+)?"
    r"(?:respond|reply|return|be reached|comment)\b|(?P<subj2>[^,.;]*?)\s+declined to comment",
    re.IGNORECASE,
)
_UNDECIDED = re.compile(
    r"(?P<subj>[^,.;]*?)\s+(?:is|are|was|were|has|have|remains?)\s+(?:still\s+|not\s+yet\s+|"
    r"yet\s+)?(?:up for discussion|being discussed|under discussion|under consideration|"
    r"not (?:yet )?been (?:set|decided|agreed|finalized|finalised|announced|determined|fixed)|"
    r"yet to be (?:set|decided|agreed|finalized|finalised|announced|determined)|undecided|"
    r"open to negotiation|to be determined)",
    re.IGNORECASE,
)
_MODAL = re.compile(
    r"(?:(?:said|says|warned|believes?|expects?)\s+(?:that\s+)?)?"
    r"(?P<subj>(?:\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\b|\b[A-Z])"
    r"[^,.;\"“”]{2,80}?)\s+"
    r"(?P<modal>could|may|might|is expected to|are expected to|is likely to|are likely to)\s+"
    r"(?P<rest>[a-z][^.;\"“”]{2,120})",
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
    being over after before under up out so whose
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


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _finish(text: str) -> str:
    text = " ".join(text.split()).rstrip(" ,.;:!")
    text = re.sub(r"[\"“”]", "", text)
    return _cap(text) + "?"


def invert(wh: str, clause: str) -> str:
    """``whether``/``how`` + clause -> a direct question (auxiliary moved to the front)."""
    clause = clause.strip().rstrip(",")
    wh_low = wh.lower()
    match = _AUX_RE.search(clause)
    if match and match.start() > 0 and len(clause[: match.start()].split()) <= 10:
        aux = match.group(1).lower()
        neg = " not" if match.group(2) else ""
        subject = clause[: match.start()].strip()
        rest = clause[match.end() :].strip()
        aux_out = {"would": "will"}.get(aux, aux)
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


def find_questions(sentence: str) -> list[tuple[str, str]]:
    """(question, cue) pairs for one sentence, strongest cue first."""
    out: list[tuple[str, str]] = []
    for wh in _WH.finditer(sentence):
        lead = sentence[: wh.start()]
        clause_end = sentence[wh.end() : wh.end() + 60]
        if _WH_CUES.search(lead) or (
            _WH_LEAD.match(sentence[wh.start() :])
            and wh.start() == 0
            and re.match(
                r"\s+(?:remains?|is|was)\s+(?:uncertain|unclear|not clear|unknown|open|"
                r"undecided|to be seen)",
                clause_end,
            )
        ):
            out.append((invert(wh.group("wh"), wh.group("clause")), "unclear"))
    for deny in _DENY.finditer(sentence):
        out.append((_finish(f"is it true that {deny.group('claim')}"), "did-not-deny"))
    for undecided in _UNDECIDED.finditer(sentence):
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
            out.append((_finish(f"what will be decided about {subject}"), "undecided"))
    for no_comment in _NO_COMMENT.finditer(sentence):
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
            rest = re.split(r",\s*(?:possibly|but|and|which|as)\b", modal.group("rest"))[0]
            out.append((_finish(f"will {subject} {rest}"), "could-soon"))
    return out


def extract_questions(
    paragraphs: list[str], sentences: list[list[tuple[int, int, str]]], limit: int = 8
) -> list[Question]:
    """Questions for the whole article, deduplicated, at most ``limit``."""
    seen: set[str] = set()
    out: list[Question] = []
    for para, spans in enumerate(sentences):
        for start, end, text in spans:
            for question, cue in find_questions(text):
                key = question.lower()
                if key in seen or len(question) > 240 or len(question.split()) < 3:
                    continue
                seen.add(key)
                out.append(Question(question, clip(text, 300), para, start, end, cue))
    return out[:limit]
