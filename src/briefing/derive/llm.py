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
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

import httpx
from pydantic import ValidationError

from briefing.config import LlmSettings
from briefing.derive.draft import DRAFT_TAG, Derived, DeriveError, validate
from briefing.derive.evaluate import name_key, quote_key
from briefing.derive.questions import question_id
from briefing.derive.sentences import normalise, slugify
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
    settings: LlmSettings, article_text: str, draft: dict[str, Any], *, timeout: float = 120.0
) -> dict[str, Any]:
    """POST one chat completion and return the JSON object it answered."""
    headers = {"Content-Type": "application/json"}
    key = os.environ.get(settings.api_key_env)
    if key:
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
    try:
        response = httpx.post(
            url, json=body, headers=headers, timeout=httpx.Timeout(timeout, connect=10.0)
        )
        response.raise_for_status()
        content = response.json()["choices"][0]["message"]["content"]
    except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as exc:
        raise LlmError(f"LLM request to {url} failed: {exc}") from None
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
    except json.JSONDecodeError as exc:
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

    title = answer.get("title")
    if isinstance(title, str) and title.strip() and "\n" not in title.strip() and len(title) <= 200:
        merged["title"] = title.strip()
    summary = answer.get("summary")
    if isinstance(summary, str) and summary.strip():
        merged["summary"] = summary.strip() + "\n"

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
                if alias not in aliases and alias != match["name"] and alias.lower() in haystack:
                    aliases.append(alias)
            if aliases:
                match["aliases"] = aliases
            continue
        if actor.name.lower() not in haystack and not any(
            a.lower() in haystack for a in actor.aliases
        ):
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


def improve(derived: Derived, settings: LlmSettings, *, timeout: float = 120.0) -> list[str]:
    """Run the LLM pass on ``derived`` in place; returns notes. Falls back on any failure."""
    try:
        answer = ask(settings, derived.article.text, derived.data, timeout=timeout)
    except LlmError as exc:
        return [f"llm: {exc}; keeping the offline draft"]
    merged, notes = merge(derived.data, answer, derived.article.text)
    try:
        brief = validate(merged)
    except DeriveError as exc:
        return [*notes, f"llm: merged draft invalid ({exc}); keeping the offline draft"]
    derived.data, derived.brief = merged, brief
    return notes
