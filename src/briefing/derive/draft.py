"""Assemble the extractors' output into a format-v1 brief and validate it.

The draft is marked with the tag ``draft`` (an extra top-level key would load with a
warning on every import, and tags are already filterable in the reader).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
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
from briefing.derive.questions import (
    KnownQuestion,
    content_words,
    extract_questions,
    library_questions,
    name_the_matter,
    question_id,
)
from briefing.derive.quotes import Quote, QuoteExtractor
from briefing.derive.sentences import clip, slugify
from briefing.derive.stance import own_commitment, settle_stances, stance
from briefing.derive.summary import speaks_to, summarise
from briefing.derive.timeline import dedupe_events, event_dates, narrator_dates
from briefing.derive.topic_phrases import own_matter, repeated_phrase, unify_matters
from briefing.derive.topics import (
    Side,
    draft_topic,
    library_topic,
    lookup_words,
    side_of,
    sides,
)
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
    llm_failed: bool = False  # the LLM pass was asked for and fell back to this draft


def derive(
    article: Article,
    *,
    brief_id: str | None = None,
    date: dt.date | None = None,
    known_actors: Iterable[KnownActor] = (),
    use_famous: bool = True,
    now: dt.datetime | None = None,
    known_questions: Iterable[KnownQuestion] = (),
    topic_lookup: Callable[[str], list[str]] | None = None,
) -> Derived:
    """Turn an article into a validated draft brief (offline, heuristics only).

    ``known_actors`` and ``known_questions`` come from the library: their ids are reused
    when the article names the same actor or bears on the same open question.
    ``topic_lookup`` gives the library's position topics that mention a phrase, so the
    draft reuses the library's wording of its topic."""
    notes: list[str] = []
    paragraphs = [p for p in article.paragraphs if p.strip()]
    if paragraphs:
        paragraphs[0] = strip_dateline(paragraphs[0])
        paragraphs = [p for p in paragraphs if p.strip()]
    if not paragraphs:
        raise DeriveError("the article has no body text")
    when = date or article.date
    if date is None and article.date_note:
        notes.append(article.date_note)
    if when is None:
        when = (now or dt.datetime.now(dt.UTC)).date()
        notes.append(f"no article date found; using {when.isoformat()} (pass --date)")

    extractor = ActorExtractor(
        paragraphs,
        title=article.title,
        known_actors=known_actors,
        use_famous=use_famous,
        publisher=article.publisher,
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
    dated: set[tuple[int, int]] = set()  # sentences that gave an event
    narrated = narrator_dates(doc, resolver)
    for para, spans in enumerate(doc.sentences):
        for span in spans:
            hits = narrated[(para, span.start)]
            date_hits[(para, span.start)] = hits
            ids = _actors_in(doc, chosen, para, span.start, span.end)
            for hit, text in event_dates(span.text, hits):
                dated.add((para, span.start))
                event: dict[str, Any] = {
                    "date": hit.value,
                    "event": clip(strip_dateline(text), 280),
                }
                if ids:
                    event["actors"] = ids
                timeline.append(event)
    lead_used = (first.para, first.start) in dated
    if not lead_used and not any(e["date"] == when.isoformat() for e in timeline):
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
    timeline = dedupe_events(timeline)

    weights = _TopicWords.build(doc, article.title or "")
    names = [form for a in chosen.values() for form in (a.name, *a.aliases)]
    topic = draft_topic(article.title or "", names) if article.title else None
    # no matter in the headline: the phrase the story repeats, one topic for every position
    topic = topic or repeated_phrase(paragraphs, article.title or "")
    found = sides(article.title or "", topic, names)
    if topic and topic_lookup is not None:
        topic = library_topic(topic, topic_lookup(lookup_words(topic))) or topic
    positions = [
        _position(
            doc, q, date_hits, weights, topic, side_of(found, _descriptions(doc, chosen[q.speaker]))
        )
        for q in sorted(quotes + reported, key=lambda q: (q.para, q.start))
        if q.speaker in chosen
    ]
    settle_stances(positions)
    _own_topics(positions, topic, topic_lookup)

    taken: set[str] = set()
    questions = []
    sentence_tuples = [[(s.start, s.end, s.text) for s in spans] for spans in doc.sentences]
    carried = library_questions(
        list(known_questions), set(chosen), content_words(" ".join(paragraphs))
    )
    taken |= {str(item["id"]) for item in carried}
    questions.extend(carried)
    for q in extract_questions(paragraphs, sentence_tuples):
        asked = _full_names(name_the_matter(q.question, topic), chosen)
        item: dict[str, Any] = {
            "id": question_id(asked, taken),
            "question": asked,
            "context": q.context,
        }
        ids = _actors_in(doc, chosen, q.para, q.start, q.end)
        if ids:
            item["actors"] = ids
        if q.likelihood:
            item["likelihood"] = q.likelihood  # the article's own hedging
        item["confidence"] = "low"
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
    by_actor: dict[str, set[str]] = {}
    for p in positions:
        said = f"{p['position']} {p.get('quote') or ''}"
        if topic and (p["topic"] != topic or (own_commitment(said) and not speaks_to(said, topic))):
            # the summary says who stands where on the draft's topic only: "said it would
            # attend the talks" is the speaker's own course, not a stance on the topic
            continue
        by_actor.setdefault(p["actor"], set()).add(p["stance"])
    stances = []
    for actor_id, found in by_actor.items():
        found.discard("unclear")
        if found:
            one = found.pop() if len(found) == 1 else "mixed"
            stances.append((_display_name(chosen[actor_id]), one))
    data["summary"] = summarise(doc.sentences, paragraphs, stances, topic)
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
        if actor.kind == "country" and actor.speaker == 0 and _only_a_place(doc, actor):
            continue  # "talks in Uzbekistan": the venue is not an actor
        keep = (
            actor.kind == "person"
            or actor.speaker > 0
            or (actor.kind == "group" and score >= (1.0 if _qualified(actor) else 2.0))
            or (actor.known and score >= 1)
            or (actor.kind == "country" and score >= _COUNTRY_MIN)
            or (actor.kind == "organization" and score >= _ORG_MIN and _org_ok(actor))
            or (actor.kind == "organization" and _in_gazetteer(actor) and score >= _COUNTRY_MIN)
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


def _display_name(actor: Actor) -> str:
    """How a sentence names the actor: "the European Union", "the Halvard Group", "Norsk
    Kabel" (a company's own name takes no article), "Hamas", "anonymous officials"."""
    words = actor.name.split()
    if (
        actor.kind == "organization"
        and len(words) > 1
        and not words[0].isupper()
        and (words[-1] in lx.ORG_HEADS or words[-1] in lx.NOT_PERSON_HEADS or "of" in words)
    ):
        return "the " + actor.name
    if actor.kind == "country" and actor.name in {"United States", "United Kingdom"}:
        return "the " + actor.name
    if actor.kind == "group" and words[0] in {"Anonymous", "Unnamed"}:
        return actor.name[:1].lower() + actor.name[1:]
    return actor.name


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


_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|to|from|near|across|inside|outside|into|toward|towards|via|through|"
    r"visit(?:ed|ing|s)?|hosted by|held in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _only_a_place(doc: Doc, actor: Actor) -> bool:
    """Every mention of the country is a place where something happens ("in Uzbekistan",
    "flew to Doha", "in Tashkent, Uzbekistan"), none of it a country acting or an
    adjective ("Qatari mediators")."""
    if not actor.mentions:
        return False
    for m in actor.mentions:
        if "demonym" in m.evidence or "in-role" in m.evidence:
            return False
        before = doc.paragraphs[m.para][max(0, m.start - 50) : m.start]
        if not (_PLACE_BEFORE.search(before[-20:]) or _CITY_BEFORE.search(before)):
            return False
    return True


# "met in Geneva, Switzerland": the country after a city that is a place is a place too
_CITY_BEFORE = re.compile(
    r"\b(?:in|at|to|from|near|visit(?:ed|ing|s)?|held in)\s+"
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2},\s+$"
)


def _in_gazetteer(actor: Actor) -> bool:
    """A known international body ("the European Union offered teams"): named once in full
    it is an actor, as a country is."""
    return any(
        m.evidence & {"name", "alias"} and "in-role" not in m.evidence for m in actor.mentions
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


# "…, X said on Monday": when it was said (not "said members voted last week": a verb
# between tells when that was done)
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


def _full_names(question: str, chosen: dict[str, Actor]) -> str:
    """ "Will Moravec resign?" -> "Will Adela Moravec resign?": a question names a person
    in full (the article's later mentions use the surname alone)."""
    for actor in chosen.values():
        words = actor.name.split()
        if actor.kind != "person" or len(words) < 2 or actor.name in question:
            continue
        surname = re.escape(words[-1])
        question = re.sub(
            rf"(?<![\w'’-])(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?{surname}(?![\w-])", actor.name, question
        )
    # the person a question is about, as its subject, with their title ("Will Interior
    # Minister Adela Moravec resign?"), as news style names them at first mention
    for actor in chosen.values():
        role = actor.role or ""
        if actor.kind != "person" or not _TITLE.fullmatch(role) or role in question:
            continue
        subject = re.match(
            rf"((?:Will|Would|Has|Does|Can|Could|Should|Is)\s+){re.escape(actor.name)}\b", question
        )
        if subject:
            question = f"{subject.group(1)}{role} {question[subject.end(1) :]}"
    return question


# A role that is a title before a name: "Interior Minister", "Chief Fire Officer"
_TITLE = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}")


def _stated(quote: Quote, sentence: str, sentence_start: int) -> str:
    """What a stance is read from: a whole quote itself; a quote of a few words with the
    reporting clause around it ("accused …", "called the plan 'an insult'", "accepted the
    deal 'in the interest of peace', but warned …"); reported speech's own clause."""
    if quote.text and not quote.partial:
        return quote.text
    if quote.text:
        return _frame(sentence, max(quote.start - sentence_start, 0))
    # a later clause of "X wants …; Y offered …" is Y's own statement
    return _reported_clause(sentence[max(quote.start - sentence_start, 0) :])


# ", which flies to three towns," / ", who leads the union,": an aside about the speaker;
# ", the regional bloc whose observers …, said": an apposition before the reporting verb
_ASIDE = re.compile(
    r",\s+(?:who|which|whose)\s+[^,;\"“”]{1,100},"
    r"|,\s+(?:the|a|an)\s+[^,;\"“”]{1,100},(?=\s+(?:said|says|told|added|warned|argued|announced)\b)"
)
# Where another matter begins: ", while …", ", as …", ", after …", "; …", " — …"; a
# concession (", though she acknowledged …", ", but …") stays with the statement
_OTHER_MATTER = re.compile(r",\s+(?:while|whereas|as|after|which)\s+|;\s+|\s+[—–]\s+")


def _reported_clause(sentence: str) -> str:
    """The reporting sentence's own statement: asides about the speaker taken out, clauses
    of another matter cut, concessions kept (they make a stance ``mixed``)."""
    text = _ASIDE.sub("", sentence)
    match = _OTHER_MATTER.search(text)
    return text[: match.start()] if match else text


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z][a-z'’-]+", text.lower()) if w not in _STOP and len(w) > 2]


@dataclass(frozen=True)
class _TopicWords:
    """What :func:`_topic` weighs words by, counted once per article: counting it per
    statement made derive quadratic in the article's length (a 64 KB article: 16 s)."""

    counts: Counter[str]
    title_words: frozenset[str]
    skip: frozenset[str]

    @classmethod
    def build(cls, doc: Doc, title: str) -> _TopicWords:
        skip = {w.lower() for a in doc.actors.values() for w in re.findall(r"[\w'’-]+", a.name)}
        skip |= {w.lower() for a in doc.actors.values() for al in a.aliases for w in al.split()}
        skip |= set(lx.TITLE_WORDS) | set(lx.ROLE_NOUNS) | _VERBISH
        counts = Counter(_content_words(" ".join(doc.paragraphs)))
        return cls(counts, frozenset(_content_words(title)), frozenset(skip))


def _topic(doc: Doc, quote: Quote, sentence: str, weights: _TopicWords) -> str:
    """A short phrase: the article's most repeated content words near this statement,
    words of the headline counting extra."""
    counts, title_words, skip = weights.counts, weights.title_words, weights.skip

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


_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


def _descriptions(doc: Doc, actor: Actor) -> list[str]:
    """How the article names and describes an actor, for :func:`side_of`: its name,
    aliases, role and affiliation, and for a person the words around the first mention
    ("A spokesman for the junta, Captain X"; "X, who leads the junta,"), quotes left out."""
    out = [actor.name, *actor.aliases, actor.role or "", actor.affiliation or ""]
    if actor.kind == "person" and actor.mentions:
        first = min(actor.mentions, key=lambda m: (m.para, m.start))
        text = doc.paragraphs[first.para]
        sentence = doc.sentence_at(first.para, first.start)
        before = _QUOTED.sub(" ", text[sentence.start : first.start]).split()[-7:]
        after = text[first.end : sentence.end]
        who = re.match(r",\s+(?:who|the|a|an)\b[^,;]{0,60}", after)
        out.append(" ".join(before) + (who.group(0) if who else ""))
    return out


# The part of a reporting sentence that is the speaker's: other speakers' clauses
# (", while Senegal argued …", "; …") left out, contrast (", but warned …") kept.
_OTHER_CLAUSE = re.compile(r",\s+(?:while|whereas|as|after|which)\s+|;\s+|\s+[—–]\s+")


def _frame(sentence: str, at: int) -> str:
    """The clause of ``sentence`` around offset ``at`` (see :data:`_OTHER_CLAUSE`)."""
    start = 0
    for match in _OTHER_CLAUSE.finditer(sentence):
        if match.start() >= at:
            return sentence[start : match.start()]
        start = match.end()
    return sentence[start:]


def _own_topics(
    positions: list[dict[str, Any]],
    topic: str | None,
    topic_lookup: Callable[[str], list[str]] | None,
) -> None:
    """One string per matter across the positions that name their own (the headline's
    topic left as it is), in the library's wording when it has the same topic."""
    own = [k for k, p in enumerate(positions) if p["topic"] != topic]
    unified = unify_matters([positions[k]["topic"] for k in own])
    for k, matter in zip(own, unified, strict=True):
        if topic_lookup is not None:
            matter = library_topic(matter, topic_lookup(lookup_words(matter))) or matter
        positions[k]["topic"] = matter


def _position(
    doc: Doc,
    quote: Quote,
    date_hits: dict[tuple[int, int], list[DateHit]],
    weights: _TopicWords,
    topic: str | None = None,
    side: Side | None = None,
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
        "topic": topic or _topic(doc, quote, sentence.text, weights),
        "position": clip(text, 300),
        "stance": stance(_stated(quote, sentence.text, sentence.start), side, topic),
    }
    own = own_matter(text, topic, bool(quote.text)) if item["stance"] != "mixed" else None
    if own:  # "rejected the tariff plan": a position on its own matter, the act's stance
        item["topic"], item["stance"] = own
    if quote.text:
        item["quote"] = quote.text
    item["attribution"] = quote.attribution
    for hit in date_hits.get((sentence.para, sentence.start), []):
        offset = sentence.start + hit.start
        if hit.precision == "day" and not doc.in_quote(sentence.para, offset):
            item["date"] = hit.value
            break
    return item
