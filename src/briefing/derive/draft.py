"""Assemble the extractors' output into a format-v1 brief and validate it.

The draft is marked with the tag ``draft`` (an extra top-level key would load with a
warning on every import, and tags are already filterable in the reader).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from briefing.derive import lexicon as lx
from briefing.derive.actors import Actor, ActorExtractor, KnownActor
from briefing.derive.dates import DateHit, DateResolver
from briefing.derive.doc import Doc
from briefing.derive.extract_text import Article, strip_dateline
from briefing.derive.lexicon import wordset
from briefing.derive.questions import extract_questions, question_id
from briefing.derive.quotes import Quote, QuoteExtractor
from briefing.derive.sentences import clip, slugify
from briefing.derive.summary import summarise
from briefing.errors import BriefingError
from briefing.model import Brief, format_loc, validate_brief
from briefing.text import one_line

DRAFT_TAG = "draft"
_COUNTRY_MIN = 1.0
_ORG_MIN = 2.0
_STOP = wordset(
    """
    a an the of to in on at for and or but is are was were be been being will would could
    should may might can do does did has have had it its this that these those whether if
    how when what who why which with by from as about into than then there their his her
    they them he she we our us you your i me my not no yet still any some more most other
    such only also just very over after before under up out so said says told say new one
    two three first last year years week month day time people per cent percent
    """
)


_VERBISH = wordset(
    """
    said says told added noted stressed warned argued insisted asked announced called
    described welcomed wrote writes speaking according statement reporters interview
    news conference briefing comment request think want going get make made take already
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """
)


class DeriveError(BriefingError):
    """The draft could not be built or is not a valid brief."""


class DeriveInternalError(DeriveError):
    """A bug in derive, not bad input: reported in one line naming the source, exit 1."""


DEBUG_ENV = "BRIEFING_DEBUG"


@contextmanager
def reporting_internal_errors(source: str) -> Iterator[None]:
    """Turn an unexpected exception into :class:`DeriveInternalError` naming ``source``.

    For callers that must not crash on one article (``briefing derive``, the derive step
    of ``briefing fetch``). With ``BRIEFING_DEBUG`` set the exception propagates with its
    traceback, and tests call :func:`derive` itself, so no bug hides behind the message.
    """
    try:
        yield
    except BriefingError:
        raise
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        detail = one_line(f"{type(exc).__name__}: {exc}")
        raise DeriveInternalError(
            f"{one_line(source)}: internal error in derive, no draft written "
            f"({clip(detail, 200)}); set {DEBUG_ENV}=1 for the traceback"
        ) from exc


def derive_guarded(article: Article, source: str, **options: Any) -> Derived:
    """:func:`derive`, with an unexpected error raised as :class:`DeriveInternalError`
    naming ``source`` (see :func:`reporting_internal_errors`)."""
    with reporting_internal_errors(source):
        return derive(article, **options)


@dataclass
class Derived:
    """The draft brief and what the extractors saw (for evaluation and the LLM merge)."""

    data: dict[str, Any]
    brief: Brief
    article: Article
    quotes: list[Quote] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def derive(
    article: Article,
    *,
    brief_id: str | None = None,
    date: dt.date | None = None,
    known_actors: Iterable[KnownActor] = (),
    use_famous: bool = True,
    now: dt.datetime | None = None,
) -> Derived:
    """Turn an article into a validated draft brief (offline, heuristics only)."""
    notes: list[str] = []
    paragraphs = [p for p in article.paragraphs if p.strip()]
    if paragraphs:
        paragraphs[0] = strip_dateline(paragraphs[0])
        paragraphs = [p for p in paragraphs if p.strip()]
    if not paragraphs:
        raise DeriveError("the article has no body text")
    when = date or article.date
    if when is None:
        when = (now or dt.datetime.now(dt.UTC)).date()
        notes.append(f"no article date found; using {when.isoformat()} (pass --date)")

    extractor = ActorExtractor(
        paragraphs, title=article.title, known_actors=known_actors, use_famous=use_famous
    )
    actors = extractor.run()
    doc = Doc.build(paragraphs, actors)
    first = next((s for spans in doc.sentences for s in spans), None)
    if first is None:
        raise DeriveError("the article has no sentence to derive from")
    quote_extractor = QuoteExtractor(doc)
    quotes = quote_extractor.run()
    reported = quote_extractor.indirect()
    for quote in quotes + reported:
        if quote.speaker in actors:
            actors[quote.speaker].speaker += 1
    chosen = _select(actors, article.title or "", doc)

    resolver = DateResolver(when)
    date_hits: dict[tuple[int, int], list[DateHit]] = {}
    timeline: list[dict[str, Any]] = []
    for para, spans in enumerate(doc.sentences):
        for span in spans:
            hits = resolver.find(span.text)
            date_hits[(para, span.start)] = hits
            ids = _actors_in(doc, chosen, para, span.start, span.end)
            for hit in hits:
                event: dict[str, Any] = {"date": hit.value, "event": clip(span.text, 280)}
                if ids:
                    event["actors"] = ids
                timeline.append(event)
    if not any(e["date"] == when.isoformat() for e in timeline):
        lead = first
        timeline.append(
            {
                "date": when.isoformat(),
                "event": clip(lead.text, 280),
                **(
                    {"actors": ids}
                    if (ids := _actors_in(doc, chosen, lead.para, lead.start, lead.end))
                    else {}
                ),
            }
        )
    timeline = _dedupe_events(timeline)

    positions = [
        _position(doc, q, date_hits, article.title or "")
        for q in sorted(quotes + reported, key=lambda q: (q.para, q.start))
        if q.speaker in chosen
    ]

    taken: set[str] = set()
    questions = []
    sentence_tuples = [[(s.start, s.end, s.text) for s in spans] for spans in doc.sentences]
    for q in extract_questions(paragraphs, sentence_tuples):
        item: dict[str, Any] = {
            "id": question_id(q.question, taken),
            "question": q.question,
            "context": q.context,
        }
        ids = _actors_in(doc, chosen, q.para, q.start, q.end)
        if ids:
            item["actors"] = ids
        questions.append(item)

    title = (article.title or clip(first.text, 200)).strip()
    title = clip(" ".join(title.split()), 200)
    slug = brief_id or _brief_id(title, when)
    source: dict[str, Any] = {}
    for key, value in (
        ("title", article.title),
        ("publisher", article.publisher),
        ("url", article.url),
    ):
        if value:
            source[key] = value
    if article.authors:
        source["authors"] = article.authors
    if article.date:
        source["published"] = article.date.isoformat()
    tags = [DRAFT_TAG, *_topic_tags(chosen)]
    data: dict[str, Any] = {
        "format": "briefing/1",
        "id": slug,
        "title": title,
        "date": when.isoformat(),
        "updated": (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat(),
    }
    if source:
        data["source"] = source
    data["tags"] = tags
    data["summary"] = summarise(doc.sentences, paragraphs)
    data["actors"] = [a.to_data() for a in chosen.values()]
    if positions:
        data["positions"] = positions
    if questions:
        data["open_questions"] = questions
    if timeline:
        data["timeline"] = sorted(timeline, key=lambda e: e["date"])
    brief = validate(data)
    return Derived(data, brief, article, quotes, notes)


def validate(data: dict[str, Any]) -> Brief:
    """The brief, or :class:`DeriveError` listing every problem."""
    brief, problems = validate_brief(data)
    if brief is None:
        detail = "; ".join(f"{format_loc(loc) or '(brief)'}: {msg}" for loc, msg in problems)
        raise DeriveError(f"the derived draft is not a valid brief: {detail}")
    return brief


# --- pieces ------------------------------------------------------------------------------


def _select(actors: dict[str, Actor], title: str, doc: Doc) -> dict[str, Actor]:
    """Keep people, speakers, and countries/organisations that matter to the story."""
    chosen: dict[str, Actor] = {}
    for actor in actors.values():
        score = actor.score()
        forms = [actor.name, *actor.aliases]
        if any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", title) for f in forms if f):
            score += 1
        if actor.kind in {"organization", "country", "group"} and any(
            _subject_like(doc, m.para, m.start) for m in actor.mentions
        ):
            score += 1
        keep = (
            actor.kind == "person"
            or actor.speaker > 0
            or (actor.kind == "group" and score >= (1.0 if _qualified(actor) else 2.0))
            or (actor.known and score >= 1)
            or (actor.kind == "country" and score >= _COUNTRY_MIN)
            or (actor.kind == "organization" and score >= _ORG_MIN and _org_ok(actor))
        )
        if keep:
            chosen[actor.id] = actor
    if not chosen and actors:
        best = max(actors.values(), key=lambda a: a.score())
        chosen[best.id] = best
    order = sorted(
        chosen.values(),
        key=lambda a: min((m.para, m.start) for m in a.mentions) if a.mentions else (0, 0),
    )
    return {a.id: a for a in order}


def _qualified(actor: Actor) -> bool:
    """A named collective ("European allies"), not a bare "allies"/"Anonymous officials"."""
    return len(actor.name.split()) > 1 and not actor.name.startswith(("Anonymous", "Unnamed"))


def _subject_like(doc: Doc, para: int, start: int) -> bool:
    """Is the mention at ``start`` the subject of its sentence (or of a clause after ';')?"""
    if doc.in_quote(para, start):
        return False
    sentence = doc.sentence_at(para, start)
    before = doc.paragraphs[para][sentence.start : start].split(";")[-1]
    words = before.split()
    return len(words) <= 4 and "," not in before and not _PREP_WORDS & {w.lower() for w in words}


_PREP_WORDS = frozenset(
    [
        "in",
        "at",
        "from",
        "near",
        "of",
        "to",
        "with",
        "for",
        "on",
        "by",
        "about",
        "against",
        "into",
        "as",
    ]
)


def _org_ok(actor: Actor) -> bool:
    """Bare acronyms need more than mentions: a speaker, or an organisation noun nearby."""
    evidence = set().union(*(m.evidence for m in actor.mentions)) if actor.mentions else set()
    return evidence != {"acronym"}


def _actors_in(doc: Doc, chosen: dict[str, Actor], para: int, start: int, end: int) -> list[str]:
    ids: list[str] = []
    for ref in doc.refs_in(para, start, end, outside_quotes=False):
        if ref.actor in chosen and ref.actor not in ids:
            ids.append(ref.actor)
    return ids


def _dedupe_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[str, str]] = set()
    out = []
    for event in events:
        key = (event["date"], event["event"])
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out


def _brief_id(title: str, when: dt.date) -> str:
    words = [w for w in re.findall(r"[\w'’-]+", title) if w.lower() not in _STOP]
    base = slugify(" ".join(words[:6]), 60)
    return f"{base}-{when.isoformat()}"


def _topic_tags(chosen: dict[str, Actor]) -> list[str]:
    ranked = sorted(
        (a for a in chosen.values() if a.kind in {"country", "organization"}),
        key=lambda a: -a.score(),
    )
    return [a.id for a in ranked[:3] if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", a.id)]


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z][a-z'’-]+", text.lower()) if w not in _STOP and len(w) > 2]


def _topic(doc: Doc, quote: Quote, sentence: str, title: str) -> str:
    """A short phrase: the article's most repeated content words near this statement,
    words of the headline counting extra."""
    counts = Counter(_content_words(" ".join(doc.paragraphs)))
    title_words = set(_content_words(title))
    skip = {w.lower() for a in doc.actors.values() for w in re.findall(r"[\w'’-]+", a.name)}
    skip |= {w.lower() for a in doc.actors.values() for al in a.aliases for w in al.split()}
    skip |= set(lx.TITLE_WORDS) | set(lx.ROLE_NOUNS) | _VERBISH

    def score(word: str) -> float:
        return counts[word] + (3 if word in title_words else 0)

    words = [w for w in _content_words(f"{sentence} {quote.text}") if w not in skip]
    if not words:
        words = [w for w in _content_words(doc.paragraphs[quote.para]) if w not in skip]
    if not words:
        return "statement"
    bigrams = [
        (score(a) + score(b), f"{a} {b}")
        for a, b in pairwise(words)
        if score(a) >= 2 and score(b) >= 2 and a != b
    ]
    if bigrams:
        return max(bigrams)[1]
    return max(words, key=lambda w: (score(w), len(w)))


def _position(
    doc: Doc, quote: Quote, date_hits: dict[tuple[int, int], list[DateHit]], title: str
) -> dict[str, Any]:
    sentence = doc.sentence_at(quote.para, max(quote.start - 1, 0))
    if not quote.text:
        sentence = doc.sentence_at(quote.para, quote.start)
    if quote.partial:
        text = sentence.text
    else:
        first = re.split(r"(?<=[.!?])\s+", quote.text, maxsplit=1)[0]
        text = first if first.endswith((".", "!", "?")) else first.rstrip(",;:") + "."
    item: dict[str, Any] = {
        "actor": quote.speaker,
        "topic": _topic(doc, quote, sentence.text, title),
        "position": clip(text, 300),
        "stance": "unclear",
    }
    if quote.text:
        item["quote"] = quote.text
    item["attribution"] = quote.attribution
    for hit in date_hits.get((sentence.para, sentence.start), []):
        offset = sentence.start + hit.start
        if hit.precision == "day" and not doc.in_quote(sentence.para, offset):
            item["date"] = hit.value
            break
    return item
