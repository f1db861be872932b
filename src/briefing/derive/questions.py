"""Open questions from what the text leaves undecided.

Cues: "remains to be seen whether", "unclear whether/how", "declined to say whether",
"did not deny", "still up for discussion", "has not been set", "could come soon",
"did not immediately respond". The clause is turned into a question ending in ``?``
("whether Japanese ships would join" -> "Will Japanese ships join …?").

This module is the entry point: :func:`extract_questions` runs over the whole article,
names pronouns from the sentences before, drops questions that ask nothing new and keeps
the strongest at the limit. Where each part lives:

==========================  ============================================================
``question_find.py``        one sentence -> (question, cue) pairs (:func:`find_questions`)
``question_cues.py``        the cue patterns it runs, and which words each one needs
``question_grammar.py``     a clause made a question: inversion, base verbs, speech tags
``question_subjects.py``    naming who a question is about: the sentence's subject,
                            "it"/"he" from the sentence before, "the company", "its",
                            "the deal" named by the draft's topic
``question_library.py``     content words, question ids, the library's open questions
==========================  ============================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.derive.question_find import find_questions
from briefing.derive.question_grammar import invert, strip_speech_tag, well_formed
from briefing.derive.question_library import (
    KnownQuestion,
    _question_content,
    content_words,
    library_questions,
    question_id,
)
from briefing.derive.question_subjects import (
    _BODY,
    _is_person,
    _named_generic,
    _named_pronoun,
    last_person_candidate,
    name_the_matter,
    sentence_subject,
)
from briefing.derive.sentences import clip

# The names other modules import from here (the parts live in the modules above).
__all__ = [
    "KnownQuestion",
    "Question",
    "content_words",
    "extract_questions",
    "find_questions",
    "invert",
    "library_questions",
    "likelihood",
    "name_the_matter",
    "question_id",
    "sentence_subject",
    "strip_speech_tag",
]


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


@dataclass
class Question:
    question: str
    context: str
    para: int
    start: int
    end: int
    cue: str
    likelihood: str | None = None


def extract_questions(
    paragraphs: list[str], sentences: list[list[tuple[int, int, str]]], limit: int = 8
) -> list[Question]:
    """Questions for the whole article, deduplicated, at most ``limit``."""
    seen: set[str] = set()
    kept: list[set[str]] = []  # content of each question kept
    out: list[Question] = []
    last_subject: str | None = None
    last_person: str | None = None
    last_body: str | None = None
    for para, spans in enumerate(sentences):
        for start, end, text in spans:
            starts_with_pronoun = bool(re.match(r"^(?:It|They)\b", text))
            for question, cue in find_questions(text):
                if starts_with_pronoun:  # "It has until May 9 to …": named by the sentence before
                    body = last_body if text.startswith("It ") and last_body else None
                    question = _named_pronoun(question, body or last_subject)
                question = _named_generic(question, text, last_subject)
                if re.match(r"^\w+\s+(?:he|she)\b", question):
                    # "Her ministry declined to say whether she would intervene": she is the
                    # person the story last had speak
                    question = _named_pronoun(question, last_person)
                owner = re.match(r"^(\w+\s+)(?:her|his)\s+", question)
                if owner and last_person:  # "Will her government sign …?"
                    question = f"{owner.group(1)}{last_person}'s {question[owner.end() :]}"
                question = well_formed(question) or ""
                if not question:
                    continue  # not one grammatical yes/no question
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
            # "Nassar named an inquiry board on Monday. It is due to …": "it" is the body
            # a person's sentence set up, not the person
            named_body = _BODY.search(text)
            last_body = (
                "the " + named_body.group("np")
                if named_body and last_subject and last_subject == last_person_candidate(text)
                else None
            )
            if last_subject and _is_person(last_subject):
                last_person = last_subject
    if len(out) > limit:
        # at the limit, yes/no questions that name their actor go first (in article order):
        # "How will Okoye vote?" and "Will they …?" are what an analyst would drop
        weak = {id(q) for q in out if _WEAK_QUESTION.match(q.question)}
        keep = {id(q) for q in sorted(out, key=lambda q: id(q) in weak)[:limit]}
        out = [q for q in out if id(q) in keep]
    return out[:limit]


_WEAK_QUESTION = re.compile(r"^(?:How|When|What|Who|Where|Why|Which)\b|^\w+\s+(?:they|it|he|she)\b")
