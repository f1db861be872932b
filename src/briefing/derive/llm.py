"""Optional LLM pass: ask an OpenAI-compatible ``/chat/completions`` endpoint for a brief
in JSON, then merge what is valid into the heuristic draft.

Off by default (``derive.llm.enabled``). The offline draft always comes first and is
the fallback: any failure (network, bad JSON, invalid fields) leaves it as it was.
Merge rules:

* heuristic quotes are kept verbatim; an LLM quote is kept only if it occurs verbatim
  in the article, otherwise the quote is dropped from that position;
* LLM actors are matched to draft actors by id, name or alias (ids of the draft win,
  so library ids stay); new actors are kept only if their name occurs in the article;
* every LLM item is validated on its own with the brief model, invalid ones dropped;
* summary and title come from the LLM when valid; positions matching a draft quote
  take the LLM's topic, position and stance.

Grounding (issue 12): names are checked on word boundaries ("Ria" is not in
"hysteria"); a quote is kept only if verbatim **and** the article attributes it to that
speaker (the offline draft gave it to the same actor, or a name of the actor stands in
the quote's paragraph); a new event, open question or summary sentence is kept only if
most of its content words are the article's, else dropped with a note.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from pydantic import ValidationError

from briefing.config import HttpSettings, LlmSettings
from briefing.derive.draft import DRAFT_TAG, Derived, DeriveError, validate
from briefing.derive.evaluate import meaning_words, name_key, quote_key
from briefing.derive.questions import question_id
from briefing.derive.sentences import normalise, slugify
from briefing.errors import FetchError
from briefing.http import post_json_sync
from briefing.model import Actor, OpenQuestion, Position, TimelineEvent

MAX_ARTICLE_CHARS = 24_000

SYSTEM_PROMPT = """You turn one news article into a structured brief. Answer with ONE JSON
object and nothing else, with these keys (format "briefing/1"):
title (one line), summary (Markdown; first paragraph starts with "**Bottom line:**"),
actors: [{id (lowercase-slug of the full name), name, kind (person|organization|country|group),
  role, affiliation, aliases: [other names used in the article]}],
positions: [{actor (an actor id), topic (short phrase), position (one or two sentences),
  stance (supports|opposes|mixed|neutral|unclear), quote (the actor's words copied EXACTLY
  from the article, without quotation marks), attribution (on-record|spokesperson|
  anonymous-official|reported), date (YYYY-MM-DD)}],
open_questions: [{id (slug), question (ends with "?"), context, actors: [ids]}],
timeline: [{date (YYYY-MM-DD, YYYY-MM or YYYY), event (one sentence), actors: [ids]}].
Use only facts in the article. Resolve relative dates against the article date.
A draft made by a rule-based extractor is given; correct and complete it, keep its ids."""


class LlmError(DeriveError):
    """The LLM endpoint failed or answered something unusable."""


def ask(
    settings: LlmSettings,
    article_text: str,
    draft: dict[str, Any],
    *,
    http: HttpSettings | None = None,
    timeout: float = 120.0,
) -> dict[str, Any]:
    """POST one chat completion and return the JSON object it answered.

    Through briefing's one HTTP client, with the feeds' byte cap (``http.max_bytes``,
    held while the answer streams in, also after gzip) and connect timeout; a model
    may think for a while, so ``timeout`` bounds the wait for data and the whole answer.
    """
    headers: dict[str, str] = {}
    key = os.environ.get(settings.api_key_env)
    if key:
        if not all(" " < char <= "~" for char in key):
            raise LlmError(f"${settings.api_key_env} holds characters an API key cannot have")
        headers["Authorization"] = f"Bearer {key}"
    user = (
        "Article:\n"
        + article_text[:MAX_ARTICLE_CHARS]
        + "\n\nDraft brief (JSON):\n"
        + json.dumps(draft, ensure_ascii=False, default=str)
    )
    body = {
        "model": settings.model,
        "temperature": 0,
        "response_format": {"type": "json_object"},
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": user},
        ],
    }
    url = settings.base_url.rstrip("/") + "/chat/completions"
    limits = (http or HttpSettings()).model_copy(
        update={"read_timeout": timeout, "total_timeout": timeout}
    )
    try:
        response = post_json_sync(url, body, limits, headers=headers)
    except FetchError as exc:
        raise LlmError(f"LLM request failed: {exc}") from None
    try:
        content = json.loads(response.body)["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError, ValueError, RecursionError) as exc:
        raise LlmError(f"LLM answer from {url} is not a chat completion: {exc}") from None
    if not isinstance(content, str):
        raise LlmError(f"LLM answer from {url} is not a chat completion: content is not text")
    return parse_json(content)


def parse_json(content: str) -> dict[str, Any]:
    """The JSON object in an answer, tolerating ```json fences and text around it."""
    text = content.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    if fenced:
        text = fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise LlmError("the LLM answer holds no JSON object")
    try:
        data = json.loads(text[start : end + 1])
    except (ValueError, RecursionError) as exc:  # RecursionError: nested 100,000 deep
        raise LlmError(f"the LLM answer is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise LlmError("the LLM answer is not a JSON object")
    return data


def _items(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def merge(
    draft: dict[str, Any], answer: dict[str, Any], article_text: str
) -> tuple[dict[str, Any], list[str]]:
    """The draft improved by every valid part of ``answer``, and notes on what was dropped."""
    notes: list[str] = []
    merged = json.loads(json.dumps(draft, default=str))
    haystack = normalise(article_text).lower()
    quote_hay = quote_key(article_text)
    article_words = meaning_words(article_text)
    paragraphs = [normalise(p) for p in article_text.split("\n\n")]

    title = answer.get("title")
    if isinstance(title, str) and title.strip() and "\n" not in title.strip() and len(title) <= 200:
        merged["title"] = title.strip()
    summary = answer.get("summary")
    if isinstance(summary, str) and summary.strip():
        grounded, dropped = _grounded_summary(summary.strip(), article_words)
        notes += [
            f"llm: dropped a summary sentence not in the article: {d[:50]!r}" for d in dropped
        ]
        if grounded.startswith("**Bottom line:**"):
            merged["summary"] = grounded + "\n"
        else:
            notes.append("llm: summary's bottom line not grounded; keeping the offline summary")

    # actors: match to the draft's, fill gaps, add new ones found in the text
    actors: list[dict[str, Any]] = merged["actors"]
    id_map: dict[str, str] = {}
    for item in _items(answer, "actors"):
        try:
            actor = Actor.model_validate(item)
        except ValidationError:
            notes.append(f"llm: dropped invalid actor {item.get('id')!r}")
            continue
        forms = {name_key(x) for x in (actor.name, *actor.aliases)}
        match = next(
            (
                a
                for a in actors
                if a["id"] == actor.id
                or forms & {name_key(x) for x in (a["name"], *a.get("aliases", []))}
            ),
            None,
        )
        if match is not None:
            id_map[actor.id] = match["id"]
            for key in ("role", "affiliation"):
                value = getattr(actor, key)
                if value and not match.get(key):
                    match[key] = value
            aliases = list(match.get("aliases", []))
            for alias in actor.aliases:
                if alias not in aliases and alias != match["name"] and _named(alias, haystack):
                    aliases.append(alias)
            if aliases:
                match["aliases"] = aliases
            continue
        if not _named(actor.name, haystack) and not any(_named(a, haystack) for a in actor.aliases):
            notes.append(f"llm: dropped actor {actor.name!r}: not named in the article")
            continue
        if any(a["id"] == actor.id for a in actors):
            continue
        actors.append(
            actor.model_dump(mode="json", exclude_defaults=True)
            | {"id": actor.id, "name": actor.name, "kind": actor.kind.value}
        )
        id_map[actor.id] = actor.id
    known = {a["id"] for a in actors}

    def resolve(actor_id: Any) -> str | None:
        if not isinstance(actor_id, str):
            return None
        mapped = id_map.get(actor_id, actor_id)
        return mapped if mapped in known else None

    # positions
    positions: list[dict[str, Any]] = merged.setdefault("positions", [])
    for item in _items(answer, "positions"):
        actor_id = resolve(item.get("actor"))
        if actor_id is None:
            notes.append(f"llm: dropped position of unknown actor {item.get('actor')!r}")
            continue
        item = {**item, "actor": actor_id}
        quote = item.get("quote")
        if isinstance(quote, str) and quote_key(quote) not in quote_hay:
            notes.append(f"llm: dropped a quote not found verbatim: {quote[:50]!r}")
            item.pop("quote")
            if item.get("attribution") == "on-record":
                item["attribution"] = "reported"
        elif isinstance(quote, str) and not _attributed(quote, actor_id, merged, paragraphs):
            notes.append(
                f"llm: dropped a quote the article does not give {actor_id}: {quote[:50]!r}"
            )
            continue
        try:
            position = Position.model_validate(item)
        except ValidationError:
            notes.append(f"llm: dropped invalid position of {actor_id!r}")
            continue
        data = position.model_dump(mode="json", exclude_none=True)
        same = None
        if position.quote:
            qk = quote_key(position.quote)
            same = next(
                (
                    p
                    for p in positions
                    if p.get("quote")
                    and p["actor"] == actor_id
                    and (qk in quote_key(p["quote"]) or quote_key(p["quote"]) in qk)
                ),
                None,
            )
        if same is not None:
            for key in ("topic", "position", "stance"):
                if key in data:
                    same[key] = data[key]
        else:
            positions.append(data)

    # open questions and timeline
    questions: list[dict[str, Any]] = merged.setdefault("open_questions", [])
    taken = {q["id"] for q in questions if q.get("id")}
    asked = {q["question"].lower() for q in questions}
    for item in _items(answer, "open_questions"):
        item = dict(item)
        item["actors"] = [a for a in map(resolve, item.get("actors") or []) if a]
        raw_id = item.get("id")
        item["id"] = slugify(raw_id) if isinstance(raw_id, str) and raw_id else None
        try:
            question = OpenQuestion.model_validate(item)
        except ValidationError:
            notes.append("llm: dropped an invalid open question")
            continue
        if question.question.lower() in asked:
            continue
        if not _grounded(question.question, article_words):
            notes.append(
                f"llm: dropped a question not grounded in the article: {question.question[:50]!r}"
            )
            continue
        data = question.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        data["id"] = data.get("id") if data.get("id") not in taken else None
        data["id"] = data["id"] or question_id(question.question, taken)
        taken.add(data["id"])
        asked.add(question.question.lower())
        questions.append(data)
    timeline: list[dict[str, Any]] = merged.setdefault("timeline", [])
    seen = {(e["date"], e["event"]) for e in timeline}
    for item in _items(answer, "timeline"):
        item = dict(item)
        item["actors"] = [a for a in map(resolve, item.get("actors") or []) if a]
        try:
            event = TimelineEvent.model_validate(item)
        except ValidationError:
            notes.append(f"llm: dropped an invalid timeline event ({item.get('date')!r})")
            continue
        if not _grounded(event.event, article_words):
            notes.append(f"llm: dropped an event not grounded in the article: {event.event[:50]!r}")
            continue
        data = event.model_dump(mode="json", exclude_defaults=True)
        data["date"] = event.date
        if (event.date, event.event) not in seen:
            seen.add((event.date, event.event))
            timeline.append(data)
    merged["timeline"] = sorted(timeline, key=lambda e: str(e["date"]))
    for key in ("positions", "open_questions", "timeline"):
        if not merged[key]:
            del merged[key]
    if DRAFT_TAG not in merged.get("tags", []):
        merged["tags"] = [DRAFT_TAG, *merged.get("tags", [])]
    return merged, notes


def improve(
    derived: Derived,
    settings: LlmSettings,
    *,
    http: HttpSettings | None = None,
    timeout: float | None = None,
) -> list[str]:
    """Run the LLM pass on ``derived`` in place; returns notes. Falls back on any failure,
    and then sets ``derived.llm_failed`` (``briefing derive`` exits non-zero on it).

    ``http`` gives the client limits (byte cap, connect timeout), as for feeds; the wait
    for the answer is ``settings.timeout`` unless ``timeout`` is given."""
    try:
        answer = ask(
            settings,
            derived.article.text,
            derived.data,
            http=http,
            timeout=settings.timeout if timeout is None else timeout,
        )
    except LlmError as exc:
        derived.llm_failed = True
        return [f"llm: {exc}; keeping the offline draft"]
    merged, notes = merge(derived.data, answer, derived.article.text)
    try:
        brief = validate(merged)
    except DeriveError as exc:
        derived.llm_failed = True
        return [*notes, f"llm: merged draft invalid ({exc}); keeping the offline draft"]
    derived.data, derived.brief = merged, brief
    return notes


# --- grounding ---------------------------------------------------------------------------


def _named(name: str, haystack: str) -> bool:
    """``name`` occurs in the (lower-cased) article as a whole word or phrase."""
    name = normalise(name).lower().strip()
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", haystack) is not None


def _grounded(text: str, article_words: set[str], share: float = 0.6) -> bool:
    """Most of ``text``'s content words are the article's: a model's sentence built from
    the article, not an invented one."""
    words = meaning_words(text)
    return not words or len(words & article_words) >= share * len(words)


def _grounded_summary(summary: str, article_words: set[str]) -> tuple[str, list[str]]:
    """The summary with every sentence not grounded in the article removed."""
    kept_paragraphs, dropped = [], []
    for paragraph in summary.split("\n\n"):
        prefix = "**Bottom line:** " if paragraph.startswith("**Bottom line:**") else ""
        body = paragraph.removeprefix("**Bottom line:**").strip()
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", body)
        kept = []
        for sentence in sentences:
            if _grounded(sentence, article_words):
                kept.append(sentence)
            else:
                dropped.append(sentence)
        if kept:
            kept_paragraphs.append(prefix + " ".join(kept))
    return "\n\n".join(kept_paragraphs), dropped


def _attributed(quote: str, actor_id: str, draft: dict[str, Any], paragraphs: list[str]) -> bool:
    """Does the article give ``quote`` to this actor? Yes when the offline draft gave an
    overlapping quote to the same actor; no when it gave it to another; otherwise when a
    name or alias of the actor (or a surname) stands in a paragraph holding the quote."""
    key = quote_key(quote)
    for position in draft.get("positions", []):
        other = position.get("quote")
        if other and (key in quote_key(other) or quote_key(other) in key):
            return position["actor"] == actor_id
    actor = next((a for a in draft.get("actors", []) if a["id"] == actor_id), None)
    if actor is None:
        return False
    forms = {actor["name"], *actor.get("aliases", [])}
    if actor.get("kind", "person") == "person":
        forms.add(actor["name"].split()[-1])
    for paragraph in paragraphs:
        if key in quote_key(paragraph):
            low = paragraph.lower()
            if any(_named(f, low) for f in forms if f):
                return True
    return False
