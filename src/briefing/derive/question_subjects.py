"""Naming who or what a question is about.

A question must name its actor: "Will it clear the merger?" after "The Competition
Authority said …" becomes "Will the Competition Authority clear the merger?". This
module finds a sentence's subject (:func:`sentence_subject`, :func:`_subject_before`),
replaces pronouns (:func:`_named_pronoun`), generic descriptions ("the company",
:func:`_named_generic`, :func:`_named_description`) and "its" (:func:`_owner_named`),
and names "the deal" from the draft's topic (:func:`name_the_matter`).
"""

from __future__ import annotations

import re

from briefing.derive.lexicon import ORG_HEADS, ROLE_NOUNS, wordset
from briefing.derive.question_grammar import (
    _REPORTING,
    _np,
)


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
    if not _fits(match.group(2).lower(), last):
        return question  # "the union" after "Maersk said …": another party
    return f"{match.group(1)} {last}{question[match.end() :]}"


_UNION_NAMES = re.compile(r"\b(?:Union|Federation|Guild|Association|Local|Congress|[A-Z]{2,})\b")
_PARTY_NAMES = re.compile(r"\b(?:Party|Front|Alliance|League|Movement|Democrats|[A-Z]{2,})\b")
_PUBLIC_NAMES = re.compile(
    r"\b(?:Union|Federation|Guild|Association|Party|Ministry|Department|Council|Authority|Agency"
    r"|Commission|Court|Government|Parliament|Board|Office|Police|Army)\b"
)


def _fits(generic: str, name: str) -> bool:
    """Can "the <generic>" stand for ``name``? "the union" for "TWU Local 9", "the company"
    for "Ardent Systems", "the ministry" for "the Transport Ministry" — not "the union" for
    a shipping line."""
    if generic == "union":
        return bool(_UNION_NAMES.search(name))
    if generic == "party":
        return bool(_PARTY_NAMES.search(name))
    if generic in {"ministry", "agency", "authority", "board", "council", "organisation"}:
        return generic in name.lower()
    return not _PUBLIC_NAMES.search(name)  # a company, firm, group, operator …


# An organisation's name: one word, an acronym or a number in it ("TWU Local 9"), or an
# organisation's head word ("Ardent Systems", "Kessel Motors"); two plain words may be a
# person's name
_ORGLIKE = re.compile(
    r"^[A-Z][\w'’.-]*$|\b[A-Z]{2,}\b|\d|\b(?:"
    + "|".join(sorted(ORG_HEADS))
    + r"|Systems|Shipping|Motors|Industries|Energy|Terminals|Logistics|Media|Telecom|Pharma"
    r"|Foods|Mining|Steel|Labs|Technologies|Partners|Capital|Group|Trust)\b"
)
# "named a five-member inquiry board": a body a sentence sets up
_BODY = re.compile(
    r"\b(?:named|set up|appointed|created|formed|established|launched|convened)\s+(?:a|an)\s+"
    r"(?P<np>(?:[\w-]+\s+){0,2}(?:board|panel|commission|committee|inquiry|review|team|task force"
    r"|taskforce|tribunal|council|fund))\b"
)


def last_person_candidate(sentence: str) -> str | None:
    """The sentence's subject when it is a person's name ("Agency director Farid Nassar")."""
    subject = sentence_subject(sentence)
    return subject if subject and _is_person(subject) else None


def _is_person(subject: str) -> bool:
    """Ends in a person's name ("Agency director Farid Nassar"), not an organisation's
    ("Ardent Systems", "TWU Local 9")."""
    return bool(_PERSON_NAME.search(subject)) and not _ORGLIKE.search(
        " ".join(subject.split()[-2:])
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
