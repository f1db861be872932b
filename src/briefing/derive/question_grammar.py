"""Turning a clause into a well-formed question.

"whether the dam would hold, the agency said" -> "Will the dam hold?": the auxiliary
moved to the front (:func:`invert`), a trailing speech tag dropped
(:func:`strip_speech_tag`), a subject lower-cased inside the question (:func:`_np`),
base verb forms (:func:`_base`, :func:`_base3`) and the final clean-up (:func:`_finish`).
Shared by every cue so that all questions read the same way.
"""

from __future__ import annotations

import re

_AUX = "will|would|can|could|should|may|might|must|is|are|was|were|has|have|had|does|do|did"
_AUX_RE = re.compile(rf"\b({_AUX})\b(\s+not)?")


_BASE = {
    "chosen": "choose",
    "ruled": "rule",
    "ratified": "ratify",
    "agreed": "agree",
}


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


_REPORTING = re.compile(
    r"^.*\b(?:said|says|saying|adding|noting|told \w+|reported|added)\s+(?:that\s+)?"
)


def _base(verb: str) -> str:
    """The base form of a verb of :data:`_NOT_YET` ("declared" -> "declare")."""
    if verb in _BASE:
        return _BASE[verb]
    stem = verb[:-2]
    # "signed", "accepted", "published": the stem is the verb; "declared", "approved": + e
    return stem if stem.endswith(("gn", "pt", "ct", "sh", "rm", "ft", "ll")) else stem + "e"


def _base3(verb: str) -> str:
    """The base form of a third-person verb ("withdraws" -> "withdraw", "agrees" ->
    "agree", "reaches" -> "reach", "carries" -> "carry"; "was" -> "be")."""
    if verb.lower() in _IRREGULAR3:
        return _IRREGULAR3[verb.lower()]
    if verb.endswith("ies") and len(verb) > 4:
        return verb[:-3] + "y"
    if verb.endswith(("ches", "shes", "sses", "xes", "zes")):
        return verb[:-2]
    return verb[:-1] if verb.endswith("s") and not verb.endswith("ss") else verb


_IRREGULAR3 = {"was": "be", "is": "be", "were": "be", "are": "be", "has": "have", "does": "do"}


_PAST = {
    "kept": "keep",
    "had": "have",
    "made": "make",
    "took": "take",
    "paid": "pay",
    "sent": "send",
    "sold": "sell",
    "met": "meet",
    "left": "leave",
    "knew": "know",
    "gave": "give",
    "told": "tell",
    "did": "do",
    "went": "go",
    "held": "hold",
    "won": "win",
    "lost": "lose",
    "broke": "break",
    "put": "put",
    "set": "set",
    "cut": "cut",
    "let": "let",
}


def is_past(verb: str) -> bool:
    """A simple past ("kept", "approved"), so a question about it takes "did"."""
    return verb in _PAST or (verb.endswith("ed") and len(verb) > 4)


def base_form(verb: str) -> str:
    """The base form of a present or past verb ("goes" -> "go", "kept" -> "keep",
    "approved" -> "approve")."""
    if verb == "goes":
        return "go"
    if verb in _PAST:
        return _PAST[verb]
    if verb.endswith("ed") and len(verb) > 4:
        return _base(verb)
    return _base3(verb)


_AUX_FIRST = re.compile(
    r"^(?:Will|Would|Could|Can|Is|Are|Was|Were|Did|Does|Do|Has|Have|Had|Should|May|Might)\s"
)
_WHEN_WHERE = re.compile(r"^(?:When|Where|How soon)\s+(?P<rest>(?:will|would|could|can)\s.+)$")
_FINITE_EARLY = re.compile(
    r"^(?:Will|Would|Could|Can)\s+(?:(?!that\b|which\b|who\b|when\b|if\b|whether\b)\S+\s+)"
    r"{1,5}?(?:is|are|was|were|had|has|does|did)\s"
)
_ASIDE = re.compile(r",\s+(?:where|which|who)\s+(?:[^,?]|(?<=\d),(?=\d)){3,120},\s+")


def well_formed(question: str) -> str | None:
    """The question as one grammatical yes/no question, or ``None`` when it is not one.

    "When could talks resume?" asks whether they will ("Could talks resume?"); other
    wh-questions ("How will she vote?", "Which was way …?") are dropped; so are a finite
    verb where the base form belongs ("Will the board had …"), a subject that is only
    "only"/"that", a bare "Is it known whether X?" and an aside between commas ("…,
    where 5,000 people are cut off, …") is cut."""
    text = question.strip()
    when = _WHEN_WHERE.match(text)
    if when:
        text = _cap(when["rest"])
    if not _AUX_FIRST.match(text):
        return None
    text = _ASIDE.sub(" ", text)
    if _FINITE_EARLY.match(text) or re.match(r"^\w+\s+(?:only|that|than)\b", text):
        return None
    known = re.match(r"^Is it known whether\s+(?P<rest>.+)\?$", text)
    if known and len(known["rest"].split()) < 4:
        return None
    # "Will At least four …": the clause's capital inside the question
    text = re.sub(
        r"^(\w+\s)(At|Only|Some|Most|All|Several|Smaller|Larger)\b",
        lambda m: m[1] + m[2].lower(),
        text,
    )
    return text


def finish_question(text: str) -> str:
    """A clause ("will the union call a strike") as a finished question: speech tags,
    afterthoughts and second predicates cut, capitalised, ending in "?"."""
    return _finish(text)


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


# "… but that the plan was not …", "… but did not give a date": after "but" a new subject
# or a predicate of its own (a verb straight after "but") is another clause
_OTHER_CLAUSE = re.compile(
    r",?\s+but\s+(?:that|said|added|says|the|it|he|she|they|its|their|did|does|do|would|could"
    r"|will|has|have|had|was|were|is|are|declined|refused|gave|gives|not|stopped|gave)\b.*$"
)
# "… within budgets and would not require new borrowing": a second predicate
_AND_PREDICATE = re.compile(
    r"(?<=\w{3})\s+and\s+(?:would|will|could|did|does|has|had|was|were|is|are|not)\s+.*$"
)
# "… or whether organisers could appeal": another matter, asked on its own
_OR_WHETHER = re.compile(r",?\s+or\s+(?:whether|if)\b.*$")
# an adverb stranded when its clause was cut: "back the new tax only (if …)"
_STRANDED = re.compile(r"\s+(?:only|even|also|just|still)$")
_HAPPEN_TO = re.compile(
    r"^what\s+(?P<aux>would|will|could)\s+happen\s+to\s+(?P<what>[^?]+?)\s+if\s+", re.I
)
# "has yet to accept" is "has not accepted": the matter is the act
_YET_TO = re.compile(r"\s+(?:has|have|had)\s+yet\s+to\s+")
# "will before the inquiry ends they bring …": an adverbial clause is not the subject
_LEADING_ADVERBIAL = re.compile(
    r"^(\w+)\s+(?:before|after|until|once|when|unless|if|while)\s+[^?]+?\s+(they|he|she|it|we)\s+"
)
# "will at a weekly briefing that Dravia consider …": the subject follows "that"
_SETTING_THAT = re.compile(r"^(\w+)\s+(?:at|in|on|during|after|before)\s+[^?]*?\bthat\s+")
_AFTERTHOUGHT = re.compile(r",\s+(?:something|a move|a step|an idea|a pledge|a promise)\b.*$")


_PHRASAL = r"(?<!\bstep\s)(?<!\bsign\s)(?<!\bcall\s)(?<!\bweigh\s)(?<!\bcarry\s)(?<!\bhold\s)"
_PHRASAL += r"(?<!\bmove\s)(?<!\bphase\s)(?<!\bgive\s)(?<!\bturn\s)(?<!\bcome\s)(?<!\bgo\s)"
# "in"/"on" after a verb such as "step", "sign" end a phrasal verb, not a clause cut short
_DANGLING = re.compile(
    r"(?:\s+(?:for|and|or|of|to|the|a|an|at|with|by|from|than|" + _PHRASAL + r"(?:in|on)))+$"
)


def _finish(text: str) -> str:
    text = strip_speech_tag(" ".join(text.split()))
    text = _AFTERTHOUGHT.sub("", text)  # ", something her party promised …"
    text = _OTHER_CLAUSE.sub("", text)  # "meet on May 3 but that the plan was not …"
    text = _OR_WHETHER.sub("", text)
    text = _AND_PREDICATE.sub("", text)
    text = _YET_TO.sub(" ", text)
    text = _LEADING_ADVERBIAL.sub(r"\1 \2 ", text)
    text = _SETTING_THAT.sub(r"\1 ", text)
    text = text.rstrip(" ,.;:!")
    text = _STRANDED.sub("", text)
    # "what would happen to the festival if the permit went": a yes/no question instead
    text = _HAPPEN_TO.sub(lambda m: f"{m['aux']} {m['what']} be affected if ", text)
    # a clause cut at its word limit does not end on "… thalers for"
    text = _DANGLING.sub("", text)
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


_AUX_TAIL = re.compile(
    r"\s+(?:(?:has|have|had|is|are|was|were|did|does|do)(?:\s+not|n't)?(?:\s+yet)?"
    r"|(?:is|are|was|were)\s+(?:expected|due|set|likely|scheduled|preparing)\s+to"
    r"|(?:will|would|must|should|could|may)(?:\s+not)?)\s*$"
)
