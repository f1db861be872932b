"""Score a derived brief against a hand-made reference brief.

* **actors**: a reference actor is found when a derived actor has its id, or shares a
  name or alias with it (case, punctuation, "the" and plural ``s`` ignored). Recall is
  over reference actors, precision over derived actors.
* **quotes**: a reference quote is matched when a derived position quotes it verbatim
  (whitespace, quote characters and the trailing punctuation normalised; a reference
  quote cut with "…" must have every piece in the derived quote; a derived quote that is
  a large part of the reference quote also counts), and **with the right speaker** when
  that derived position's actor is the reference speaker's match.
* **timeline**: the share of the reference's distinct timeline dates found among the
  derived timeline's dates.
* **valid**: the derived brief passes :func:`briefing.model.validate_brief`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from briefing.derive.sentences import normalise
from briefing.model import Brief

_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*")


@dataclass
class Score:
    """Counts for one derived/reference pair (add them up for a corpus)."""

    name: str = ""
    actors_ref: int = 0
    actors_found: int = 0
    actors_derived: int = 0
    actors_correct: int = 0
    quotes_ref: int = 0
    quotes_text: int = 0
    quotes_speaker: int = 0
    dates_ref: int = 0
    dates_found: int = 0
    valid: bool = True
    missed: list[str] = field(default_factory=list)

    def __add__(self, other: Score) -> Score:
        return Score(
            "total",
            self.actors_ref + other.actors_ref,
            self.actors_found + other.actors_found,
            self.actors_derived + other.actors_derived,
            self.actors_correct + other.actors_correct,
            self.quotes_ref + other.quotes_ref,
            self.quotes_text + other.quotes_text,
            self.quotes_speaker + other.quotes_speaker,
            self.dates_ref + other.dates_ref,
            self.dates_found + other.dates_found,
            self.valid and other.valid,
            self.missed + other.missed,
        )

    @property
    def actor_recall(self) -> float:
        return _ratio(self.actors_found, self.actors_ref)

    @property
    def actor_precision(self) -> float:
        return _ratio(self.actors_correct, self.actors_derived)

    @property
    def quote_text_recall(self) -> float:
        return _ratio(self.quotes_text, self.quotes_ref)

    @property
    def quote_speaker_recall(self) -> float:
        return _ratio(self.quotes_speaker, self.quotes_ref)

    @property
    def date_recall(self) -> float:
        return _ratio(self.dates_found, self.dates_ref)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "actor_recall": round(self.actor_recall, 3),
            "actor_precision": round(self.actor_precision, 3),
            "quotes_verbatim": round(self.quote_text_recall, 3),
            "quotes_right_speaker": round(self.quote_speaker_recall, 3),
            "timeline_dates": round(self.date_recall, 3),
            "valid": self.valid,
            "counts": {
                "actors": f"{self.actors_found}/{self.actors_ref} found, "
                f"{self.actors_correct}/{self.actors_derived} correct",
                "quotes": f"{self.quotes_speaker}/{self.quotes_ref}",
                "dates": f"{self.dates_found}/{self.dates_ref}",
            },
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def name_key(text: str) -> str:
    """``"The Kremlin's"`` and ``"kremlin"`` compare equal; plural ``s`` dropped per word."""
    text = normalise(text)
    text = re.sub(r"\b((?:[A-Za-z]\.){2,})", lambda m: m.group(1).replace(".", ""), text).lower()
    text = re.sub(r"\(anonymous\)|\banonymous\b", " ", text)
    # a description's head only: "NATO allies who supply weapons" -> "NATO allies"
    text = re.split(r"\s+(?:who|which|that|supporting|familiar|speaking)\b", text)[0]
    text = re.sub(r"['’]s\b", "", text)
    words = re.findall(r"[a-z0-9]+", text)
    words = [w for w in words if w != "the"]
    words = [
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words
    ]
    return " ".join(words)


def quote_key(text: str) -> str:
    """Whitespace and quote characters normalised, outer quotes and end punctuation gone."""
    text = normalise(text).strip().strip("\"'").strip()
    return text.rstrip(",.;:!? ").lstrip("\"' ")


def _forms(actor: Any) -> set[str]:
    return {name_key(x) for x in (actor.name, *actor.aliases) if name_key(x)}


def match_actors(derived: Brief, reference: Brief) -> dict[str, str]:
    """Reference actor id -> derived actor id, by id first, then by name or alias."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    derived_ids = {a.id for a in derived.actors}
    for ref in reference.actors:
        if ref.id in derived_ids:
            mapping[ref.id] = ref.id
            used.add(ref.id)
    for ref in reference.actors:
        if ref.id in mapping:
            continue
        forms = _forms(ref)
        for cand in derived.actors:
            if cand.id in used:
                continue
            if forms & _forms(cand):
                mapping[ref.id] = cand.id
                used.add(cand.id)
                break
    return mapping


def _quote_matches(ref_quote: str, derived_quote: str) -> bool:
    derived = quote_key(derived_quote)
    if not derived:
        return False
    pieces = [quote_key(p) for p in _ELLIPSIS.split(ref_quote) if quote_key(p)]
    if pieces and all(p in derived for p in pieces):
        return True
    whole = quote_key(ref_quote)
    return len(derived) >= 0.6 * len(whole) and derived in whole


def score(derived: Brief | None, reference: Brief, name: str = "") -> Score:
    """Score one derived brief (``None``: it was not valid) against its reference."""
    result = Score(name=name, valid=derived is not None)
    result.actors_ref = len(reference.actors)
    ref_quotes = [p for p in reference.positions if p.quote]
    result.quotes_ref = len(ref_quotes)
    ref_dates = {e.date for e in reference.timeline}
    result.dates_ref = len(ref_dates)
    if derived is None:
        return result
    mapping = match_actors(derived, reference)
    result.actors_found = len(mapping)
    result.actors_derived = len(derived.actors)
    result.actors_correct = len(set(mapping.values()))
    for ref in reference.actors:
        if ref.id not in mapping:
            result.missed.append(f"{name}: actor {ref.id}")
    for pos in ref_quotes:
        assert pos.quote is not None
        text_hits = [d for d in derived.positions if d.quote and _quote_matches(pos.quote, d.quote)]
        if text_hits:
            result.quotes_text += 1
        if any(d.actor == mapping.get(pos.actor) for d in text_hits):
            result.quotes_speaker += 1
        else:
            got = ", ".join(sorted({d.actor for d in text_hits})) or "not found"
            result.missed.append(f"{name}: quote of {pos.actor} ({got}): {pos.quote[:60]!r}")
    derived_dates = {e.date for e in derived.timeline}
    result.dates_found = len(ref_dates & derived_dates)
    for missing in sorted(ref_dates - derived_dates):
        result.missed.append(f"{name}: date {missing}")
    return result


def table(scores: Iterable[Score], total: Score | None = None) -> str:
    """A Markdown table of scores (one row per article, then the total)."""
    rows = [
        "| article | actor recall | actor precision | quotes verbatim | quotes + speaker "
        "| timeline dates | valid |",
        "|---|---|---|---|---|---|---|",
    ]
    items = list(scores)
    if total is not None:
        items.append(total)
    for s in items:
        label = f"**{s.name}**" if s is total else s.name
        rows.append(
            f"| {label} | {s.actor_recall:.2f} ({s.actors_found}/{s.actors_ref}) "
            f"| {s.actor_precision:.2f} ({s.actors_correct}/{s.actors_derived}) "
            f"| {s.quote_text_recall:.2f} ({s.quotes_text}/{s.quotes_ref}) "
            f"| {s.quote_speaker_recall:.2f} ({s.quotes_speaker}/{s.quotes_ref}) "
            f"| {s.date_recall:.2f} ({s.dates_found}/{s.dates_ref}) "
            f"| {'yes' if s.valid else 'NO'} |"
        )
    return "\n".join(rows)
