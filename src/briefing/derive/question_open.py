"""What a wire story leaves open without the stock cue phrases (round 6).

Reporters rarely write "it is unclear whether"; they say a thing *has yet to* happen,
that *no date has been set*, that someone *did not give a date*, that an outcome
*depends on* something, that a body *is expected to decide*, that someone *could face*
a penalty, that *if* one thing happens another will, that an offer *has not been
answered* or a request is pending. Each is an open question about one matter, asked as a
yes/no question that names who acts: :func:`open_matters` finds them in one sentence and
:mod:`briefing.derive.question_find` adds them to the stronger cues' questions.

Patterns, not a model, so each question can be traced to the words that raised it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefing.derive.question_grammar import base_form, finish_question, invert, is_past

# A noun phrase that can act: a determiner or a capitalised name, then words
# that are not a finite verb (so it stops before "has", "would", "is" …), up to nine words.
_FINITE = (
    r"(?:has|have|had|is|are|was|were|will|would|could|can|may|might|must|should|said|says"
    r"|did|does|do)"
)
_NP = (
    r"(?:(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]his|[Tt]hese|[Bb]oth)\s+|(?=[A-Z]))"
    r"[\w'’&.-]+(?:\s+(?!" + _FINITE + r"\b)[\w'’&.-]+){0,8}?"
)
_START = (
    r"(?:^|(?<=[,;:]\s)|(?<=\bthat\s)|(?<=\band\s)|(?<=\bbut\s)|(?<=\bwhile\s)"
    r"|(?<=\bsaid\s)|(?<=\bsays\s))"
)
# a clause ends at punctuation, never inside a word ("Varnian-administered t?")
_END = r"(?=\s*(?:[,.;:!?\"“”]|$))"
_ACT = r"(?P<act>[a-z][^,.;:\"“”]{2,90}?)" + _END

# "The union has yet to respond to the offer."
_YET_TO = re.compile(_START + r"(?P<subj>" + _NP + r")\s+(?:has|have|had)\s+yet\s+to\s+" + _ACT)
# "No date has been set for the vote on the bill."
_NO_DATE = re.compile(
    r"\b[Nn]o\s+(?:date|time|timetable|start date|deadline)\s+(?:has|had|have)\s+(?:yet\s+)?"
    r"been\s+(?:set|fixed|given|announced|agreed)\s+for\s+(?P<what>[^,.;:\"“”]{3,80}?)" + _END
)
# "… said the agency would release the figures soon but did not give a date."
_NO_DATE_GIVEN = re.compile(
    _START + r"(?P<subj>" + _NP + r")\s+(?:would|will)\s+(?P<act>[a-z][^.;:]{2,120}?)\s*,?\s+"
    r"but\s+(?:did\s+not|didn't|would\s+not|wouldn't|declined\s+to|gave\s+no|has\s+not|had\s+not)"
    r"\s+(?:give|set|say|specify|name|offer)?\s*(?:a\s+|any\s+)?(?:date|when|timetable|time"
    r"|timeline|details?)\b"
)
# "Whether the plan goes ahead depends on …", "Much depends on whether the lenders agree …"
_DEPENDS_WHETHER = re.compile(
    r"\b[Ww]hether\s+(?P<c>[^,;:]{4,120}?)\s+(?:depends|hinges|rests|will depend)\s+on\b"
    r"|\b(?:depends|hinges|rests|depend)\s+on\s+whether\s+(?P<c2>[^,.;:]{4,120})"
)
# "The court is expected to decide on the appeal next month."
_EXPECTED = re.compile(
    _START + r"(?P<subj>" + _NP + r")\s+(?:is|are)\s+(?:widely\s+|now\s+)?expected\s+to\s+"
    r"(?P<verb>decide|rule|vote|announce|approve|reject|sign|issue|deliver|publish|respond"
    r"|reply|hold|meet|name|choose|pick|award|grant|table|present|submit)\s+"
    r"(?P<rest>[^,.;:\"“”]{2,90}?)" + _END
)
# "The company could face fines of up to 4% of turnover."
_COULD_FACE = re.compile(
    _START + r"(?P<subj>" + _NP + r")\s+(?:could|may|might)\s+(?:also\s+|now\s+)?face\s+"
    r"(?P<what>[^,.;:\"“”]{3,90}?)" + _END
)
# "If the talks fail, the union will call a national strike."
_IF_THEN = re.compile(
    r"^[\"“]?If\s+(?P<cond>[^,]{3,100}),\s+(?:then\s+)?(?P<subj>"
    + _NP
    + r")\s+(?:will|would|can|could|may|might)\s+"
    + _ACT
)
# "The mayor proposed sending monitors to the bridge; the town has not responded."
_OFFER_UNANSWERED = re.compile(
    r"(?:has\s+|had\s+|have\s+)?(?:offered|proposed|suggested|put\s+forward)\s+(?P<what>[^,.;:]{3,80}?)"
    r"\s*(?:[,;]\s*|\s+and\s+|\s+but\s+)(?:so\s+far\s+)?(?P<who>" + _NP + r")\s+(?:has|have|had)\s+"
    r"(?:not\s+(?:yet\s+)?|yet\s+to\s+)(?:responded|replied|answered|respond|reply|answer|said)\b"
)
# "The residents' association has asked for an independent survey of the river."
_ASKED_FOR = re.compile(
    _START + r"(?P<subj>" + _NP + r")\s+(?:has|have|had)\s+(?:asked|called|applied|pressed)\s+"
    r"for\s+(?P<what>[^,.;:\"“”]{3,80}?)" + _END
)
# "The council demanded that the company withdraw its trucks from the square."
_DEMANDED_THAT = re.compile(
    r"\b(?:demanded|demands|insisted|insists|insist|demand|required|requires)\s+that\s+"
    r"(?P<c>" + _NP + r"\s+[a-z][^,.;:\"“”]{2,90}?)" + _END
)
_RELATIVE_TAIL = re.compile(r"\s+(?:that|which|who|whom|where)\s+(?!(?:effect|end)\b)")
_MODAL_IN = re.compile(r"(?<=\w)\s+(?:must|should|would|will|could|can|has to|have to)\s+(?!not\b)")
# "hopes to restart parts of the plant by the summer": an aim not yet reached
_HOPES_TO = re.compile(
    r"(?P<lead>[^.;]{0,160}?)\b(?:hopes|hoped|hope|aims|aimed|intends|intended)"
    r"\s+to\s+" + _ACT
)
# "was considering releasing part of the reserve": an option under study
_CONSIDERING = re.compile(
    r"(?P<lead>[^.;]{0,160}?)\b(?:is|was|are|were)\s+(?:still\s+|now\s+)?(?:considering|weighing"
    r"|studying|examining|looking at)\s+(?P<gerund>[a-z]+ing)\s+" + _ACT.replace("act", "obj")
)
# "had asked the labour ministry for more money": a request awaiting an answer
_ASKED_X_FOR = re.compile(
    r"\b(?:asked|asks|petitioned|pressed)\s+(?P<who>(?:the\s+|[A-Z])[\w'’&.-]+(?:\s+[\w'’&.-]+)"
    r"{0,5}?)\s+for\s+(?P<what>[^,.;:\"“”]{3,90}?)" + _END
)
# "said the tribunal could in theory freeze part of the spectrum": a possibility raised
_COULD_IN_THEORY = re.compile(
    r"\b(?:said|says|warned|suggested|noted)\s+(?:that\s+)?(?P<subj>" + _NP + r")\s+could\s+"
    r"(?:in\s+theory\s+|still\s+|also\s+|eventually\s+)?(?!be\b|have\b|not\b)" + _ACT
)
# "an inquiry would establish whether any link had failed", "opened an investigation into
# whether the system had safeguards": what an inquiry is to find out is open
_INQUIRY_WHETHER = re.compile(
    r"\b(?:establish|determine|examine|investigate|assess|ascertain|find out|look into|review)"
    r"(?:s|es|ed|ing)?\s+whether\s+(?P<c>[^,.;:\"“”]{4,120}?)"
    + _END
    + r"|\b(?:investigation|inquiry|probe|review|study)\s+(?:into|of)\s+whether\s+"
    r"(?P<c2>[^,.;:\"“”]{4,120}?)" + _END
)
# "X wants A; Y has offered only B": will Y agree to A?
_WANTS_VS_OFFER = re.compile(
    r"\b(?:wants|demands|is\s+demanding|insists\s+on|is\s+seeking|seeks)\s+(?P<a>[^;,.]{3,90}?)"
    r"\s*[;,]\s+(?:while\s+|but\s+|whereas\s+)?(?P<y>" + _NP + r")\s+(?:has\s+|had\s+)?"
    r"(?:offered|proposed|agreed\s+to)\s+only\b"
)
# "members at the terminal are voting on whether to join the strike": a ballot pending
_VOTING_WHETHER = re.compile(
    _START
    + r"(?P<subj>"
    + _NP
    + r")\s+(?:are|is|were|was|will\s+be)\s+(?:voting|balloting|deciding)\s+(?:on\s+)?"
    r"(?:whether|if)\s+(?:or\s+not\s+)?to\s+" + _ACT
)
_PRONOUNS = {"i", "we", "you", "it", "they", "he", "she", "this", "that", "there"}


def _lead_subject(lead: str) -> str | None:
    """Who an aim or an option belongs to: the noun phrase before "said it" / "has said
    it", or the clause's own subject ("Veltrona, which employs …, has said it hopes")."""
    lead = re.sub(r",\s+(?:which|who)\s+[^,]+,", "", lead)  # an aside on the subject
    lead = re.sub(r"^.*[;:]\s*", "", lead)
    said = re.match(
        r"^\s*(?P<np>.+?)\s+(?:has\s+|had\s+)?(?:said|says)\s+(?:that\s+)?"
        r"(?:it|they|he|she)\s+(?:was\s+|is\s+|were\s+|are\s+)?$",
        lead,
    )
    if said:
        return _subject(said["np"])
    plain = re.match(r"^\s*(?P<np>" + _NP + r")\s+(?:has\s+|had\s+|is\s+|was\s+)?$", lead)
    return _subject(plain["np"]) if plain else None


def _ungerund(word: str) -> str:
    """ "releasing" -> "release", "cutting" -> "cut", "studying" -> "study"."""
    stem = word[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]  # "cutting" -> "cut"
    if re.search(r"(?:[^aeiou][aeiou][cgsvz]|as|ur|at|iv|os)$", stem) or stem.endswith(
        ("c", "g", "v")
    ):
        return stem + "e"  # "releasing" -> "release", "reducing" -> "reduce"
    return stem


def _subject(text: str) -> str | None:
    """The phrase as it stands inside a question, or ``None`` when it names nobody."""
    text = text.strip()
    if not text or text.split()[0].lower() in _PRONOUNS or len(text.split()) > 8:
        return None
    words = text.split()
    first = words[0]
    if first in {"The", "A", "An", "Its", "Their", "His", "Her", "This", "These", "Both"}:
        text = text[0].lower() + text[1:]
    elif (
        len(words) > 1
        and first[:1].isupper()
        and first[1:].islower()
        and words[1][:1].islower()
        and not first.endswith(("'s", "’s", "an", "ese", "ish", "i", "ic"))
    ):
        text = text[0].lower() + text[1:]  # "Crane drivers at …": a sentence's capital
    return text


_PRESENT = re.compile(r"^(?P<s>" + _NP + r")\s+(?P<v>[a-z]+)\b(?P<r>.*)$")


def _whether(clause: str) -> str:
    """A whether-clause as a question: with an auxiliary it is inverted ("whether the
    truce will hold"); in the present tense the event is asked about ("whether the plan
    goes ahead" -> "will the plan go ahead")."""
    question = invert("whether", clause)
    present = _PRESENT.match(clause.strip())
    if question.startswith("Is it known") and present and _subject(present["s"]):
        aux = "did" if is_past(present["v"]) else "will"
        return f"{aux} {_subject(present['s'])} {base_form(present['v'])}{present['r']}"
    return question.rstrip("?")


def open_matters(sentence: str) -> list[tuple[str, str]]:
    """(question, cue) pairs for what one sentence leaves open without a stock cue."""
    out: list[tuple[str, str]] = []

    def add(question: str, cue: str) -> None:
        # "a detachment that she said had moved …": a relative clause is not the matter
        question = _RELATIVE_TAIL.split(question, maxsplit=1)[0]
        question = _MODAL_IN.sub(" ", question)  # "will a ceasefire must come" -> "will … come"
        out.append((finish_question(question), cue))

    for pattern, ask, cue in _OPEN_CUES:
        for m in pattern.finditer(sentence):
            if question := ask(m):
                add(question, cue)
    return out


def _named(group: str, act: str) -> Callable[[re.Match[str]], str | None]:
    """The question "will <who> <act>" when ``group`` names a subject, else none;
    ``act`` is filled from the match's groups ("accept {what}")."""

    def ask(m: re.Match[str]) -> str | None:
        who = _subject(m[group])
        return f"will {who} {act.format_map(m.groupdict())}" if who else None

    return ask


def _led(act: str) -> Callable[[re.Match[str]], str | None]:
    """As :func:`_named`, the subject taken from the clause before the cue."""

    def ask(m: re.Match[str]) -> str | None:
        who = _lead_subject(m["lead"])
        return f"will {who} {act.format_map(m.groupdict())}" if who else None

    return ask


def _yet_to(m: re.Match[str]) -> str | None:
    if re.match(r"\w+\s+(?:whether|if)\b", m["act"]):
        return None  # "has yet to decide whether to …": the whether-clause is asked
    return _named("subj", "{act}")(m)


def _no_date(m: re.Match[str]) -> str:
    return f"will {_subject(m['what']) or m['what']} take place"


def _whether_clause(m: re.Match[str]) -> str:
    return _whether(m["c"] or m["c2"])


def _expected(m: re.Match[str]) -> str | None:
    if m["rest"].startswith("whether"):
        return None
    return _named("subj", "{verb} {rest}")(m)


def _considering(m: re.Match[str]) -> str | None:
    who = _lead_subject(m["lead"])
    return f"will {who} {_ungerund(m['gerund'])} {m['obj']}" if who else None


def _demanded(m: re.Match[str]) -> str | None:
    clause = m["c"]
    if not _subject(clause.split()[0] + " x"):
        return None
    if clause[:4] in {"The ", "Its "}:
        clause = clause[0].lower() + clause[1:]
    return f"will {clause}"


#: Each cue, in the order its questions are asked: its pattern, how a match becomes a
#: question (or none), and the cue's name.
_OPEN_CUES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None], str], ...] = (
    (_YET_TO, _yet_to, "yet-to"),
    (_NO_DATE, _no_date, "no-date"),
    (_NO_DATE_GIVEN, _named("subj", "{act}"), "no-date"),
    (_DEPENDS_WHETHER, _whether_clause, "depends-on"),
    (_EXPECTED, _expected, "expected"),
    (_COULD_FACE, _named("subj", "face {what}"), "could-face"),
    (_IF_THEN, _named("subj", "{act}"), "if-then"),
    (_OFFER_UNANSWERED, _named("who", "accept {what}"), "offer-unanswered"),
    (_ASKED_FOR, _named("subj", "get {what}"), "request-pending"),
    (_HOPES_TO, _led("{act}"), "hopes-to"),
    (_CONSIDERING, _considering, "considering"),
    (_ASKED_X_FOR, _named("who", "provide {what}"), "request-pending"),
    (_COULD_IN_THEORY, _named("subj", "{act}"), "possibility"),
    (_VOTING_WHETHER, _named("subj", "{act}"), "ballot"),
    (_INQUIRY_WHETHER, _whether_clause, "inquiry"),
    (_WANTS_VS_OFFER, _named("y", "agree to {a}"), "demand-vs-offer"),
    (_DEMANDED_THAT, _demanded, "demanded"),
)
