"""Question ids, content words, and the library's open questions.

Ids are slugs of a question's content words (:func:`question_id`). Content words also
decide when a question asks nothing new (:func:`_question_content`) and which of the
library's open questions an article bears on (:func:`library_questions`): those are
carried into the draft with their id and last likelihood.
"""

from __future__ import annotations

import re

from briefing.derive.lexicon import wordset
from briefing.derive.sentences import slugify

_STOP = wordset(
    """
    a an the of to in on at for and or but is are was were be been will would could should
    may might can do does did has have had it its this that these those whether if how when
    what who why which with by from as about into than then there their his her they them he
    she we our you your i not no yet still any some more most other such only also just very
    being over after before under up out so whose against toward towards upon within without
    """
)


def question_id(question: str, taken: set[str]) -> str:
    """A slug of the question's content words, unique in ``taken``."""
    words = [w for w in re.findall(r"[\w'’-]+", question.lower()) if w not in _STOP]
    base = slugify(" ".join(words[:6]), 60) or "question"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


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
