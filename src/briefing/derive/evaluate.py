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

The analytic half (issue 12):

* **quote precision**: of every quote the draft emits, the share that is verbatim in the
  article (when the article is given), and of those the reference lists, the share
  attributed to the reference's speaker.
* **positions captured**: a reference position is captured when a derived position has
  its (matched) actor and its substance: the same quote, or at least a third of the
  reference position's content words; **stance right** on those captured whose
  reference states a stance.
* **questions recalled**: a reference open question is recalled by meaning when a
  derived question shares its id or at least half of its content words.
* **timeline events**: a reference event is found when a derived event has its date and
  shares a content word with it (date alone is not enough).
* **summary**: a bottom line is present (``**Bottom line:**`` and a whole sentence), and
  it has no dateline or agency tag and no cut sentence ("…").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from briefing.derive.lexicon import wordset
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
    # the analytic half
    emitted: int = 0
    emitted_verbatim: int = 0
    emitted_right: int = 0
    emitted_judged: int = 0
    positions_ref: int = 0
    positions_found: int = 0
    stance_right: int = 0
    stance_judged: int = 0
    questions_ref: int = 0
    questions_found: int = 0
    events_ref: int = 0
    events_found: int = 0
    summaries: int = 0
    bottom_lines: int = 0
    summaries_clean: int = 0

    def __add__(self, other: Score) -> Score:
        total = Score("total")
        for name in _COUNTS:
            setattr(total, name, getattr(self, name) + getattr(other, name))
        total.valid = self.valid and other.valid
        total.missed = self.missed + other.missed
        return total

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

    def analytic(self) -> dict[str, float]:
        """The analytic half's ratios."""
        return {
            "quotes_emitted_verbatim": _ratio(self.emitted_verbatim, self.emitted),
            "quotes_emitted_right_speaker": _ratio(self.emitted_right, self.emitted_judged),
            "positions_captured": _ratio(self.positions_found, self.positions_ref),
            "stance_right": _ratio(self.stance_right, self.stance_judged),
            "questions_recalled": _ratio(self.questions_found, self.questions_ref),
            "timeline_events": _ratio(self.events_found, self.events_ref),
            "bottom_line": _ratio(self.bottom_lines, self.summaries),
            "summary_clean": _ratio(self.summaries_clean, self.summaries),
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            **{k: round(v, 3) for k, v in self.analytic().items()},
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


_COUNTS = (
    "actors_ref",
    "actors_found",
    "actors_derived",
    "actors_correct",
    "quotes_ref",
    "quotes_text",
    "quotes_speaker",
    "dates_ref",
    "dates_found",
    "emitted",
    "emitted_verbatim",
    "emitted_right",
    "emitted_judged",
    "positions_ref",
    "positions_found",
    "stance_right",
    "stance_judged",
    "questions_ref",
    "questions_found",
    "events_ref",
    "events_found",
    "summaries",
    "bottom_lines",
    "summaries_clean",
)


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


def score(
    derived: Brief | None, reference: Brief, name: str = "", article: str | None = None
) -> Score:
    """Score one derived brief (``None``: it was not valid) against its reference;
    ``article`` (the source text), when given, checks that emitted quotes are verbatim."""
    result = Score(name=name, valid=derived is not None)
    result.positions_ref = len(reference.positions)
    result.questions_ref = len(reference.open_questions)
    result.events_ref = len(reference.timeline)
    result.summaries = 1
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
    _score_analytic(result, derived, reference, mapping, article)
    return result


def _flat(text: str) -> str:
    """Text for a verbatim check: quote marks dropped and whitespace collapsed, so a quote
    continued across a paragraph break ("… patience.¶"We are …") still counts."""
    text = re.sub(r"[\"“”«»]", " ", normalise(text))
    return " ".join(text.split()).strip(" ,.;:")


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def meaning_words(text: str) -> set[str]:
    """Content words, crudely stemmed, for matching by meaning."""
    words = re.findall(r"[a-z0-9][a-z0-9'’-]+", normalise(text).lower())
    return {_stem(w) for w in words if w not in _STOP and len(w) > 2}


_STOP = wordset(
    """a an the of to in on at for and or but is are was were be been will would could should
    may might can do does did has have had it its this that these those whether if how when
    what who why which with by from as about into than then there their his her they them
    he she we our you your not no yet any some more most other such only also just said says
    """
)
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,},|\([A-Z][\w ]{1,20}\)\s*[—–-]")


def _score_analytic(
    result: Score,
    derived: Brief,
    reference: Brief,
    mapping: dict[str, str],
    article: str | None,
) -> None:
    name = result.name
    body = _flat(article) if article else None
    ref_quotes = [p for p in reference.positions if p.quote]
    for pos in derived.positions:
        if not pos.quote:
            continue
        result.emitted += 1
        if body is None or _flat(pos.quote) in body:
            result.emitted_verbatim += 1
        else:
            result.missed.append(f"{name}: emitted quote not verbatim: {pos.quote[:60]!r}")
        listed = [r for r in ref_quotes if r.quote and _quote_matches(r.quote, pos.quote)]
        if listed:  # a quote the reference does not list has no speaker to judge against
            result.emitted_judged += 1
            if any(mapping.get(r.actor) == pos.actor for r in listed):
                result.emitted_right += 1
    for ref in reference.positions:
        want = meaning_words(f"{ref.position} {ref.quote or ''}")
        captured = None
        for pos in derived.positions:
            if pos.actor != mapping.get(ref.actor):
                continue
            same_quote = bool(ref.quote and pos.quote and _quote_matches(ref.quote, pos.quote))
            got = meaning_words(f"{pos.position} {pos.quote or ''}")
            if same_quote or (want and len(want & got) >= len(want) / 3):
                captured = pos
                break
        if captured is None:
            result.missed.append(f"{name}: position of {ref.actor}: {ref.position[:60]!r}")
            continue
        result.positions_found += 1
        if ref.stance is None:
            continue  # the reference states no stance: nothing to judge
        result.stance_judged += 1
        if captured.stance == ref.stance:
            result.stance_right += 1
        else:
            result.missed.append(
                f"{name}: stance of {ref.actor}: {captured.stance.value} (want {ref.stance.value})"
            )
    for question in reference.open_questions:
        want = meaning_words(question.question)
        if any(
            (question.id and q.id == question.id)
            or (want and len(want & meaning_words(q.question)) >= len(want) / 2)
            for q in derived.open_questions
        ):
            result.questions_found += 1
        else:
            result.missed.append(f"{name}: question {question.question[:60]!r}")
    for event in reference.timeline:
        want = meaning_words(event.event)
        if any(e.date == event.date and want & meaning_words(e.event) for e in derived.timeline):
            result.events_found += 1
        else:
            result.missed.append(f"{name}: event {event.date} {event.event[:50]!r}")
    summary = derived.summary.strip()
    first = summary.split("\n\n", 1)[0]
    line = first.removeprefix("**Bottom line:**").strip()
    if first.startswith("**Bottom line:**") and len(line.split()) >= 5 and line[-1:] in '.!?"”':
        result.bottom_lines += 1
    if "…" not in summary and not _DATELINE.search(line):
        result.summaries_clean += 1
    else:
        result.missed.append(f"{name}: summary has a dateline or a cut sentence")


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


def analytic_table(scores: Iterable[Score], total: Score | None = None) -> str:
    """The analytic half as a Markdown table (one row per article, then the total)."""
    rows = [
        "| article | emitted quotes verbatim | emitted quotes right speaker "
        "| positions captured | stance right | questions recalled | timeline events "
        "| bottom line | summary clean |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    items = list(scores)
    if total is not None:
        items.append(total)
    for s in items:
        label = f"**{s.name}**" if s is total else s.name
        pairs = (
            (s.emitted_verbatim, s.emitted),
            (s.emitted_right, s.emitted_judged),
            (s.positions_found, s.positions_ref),
            (s.stance_right, s.stance_judged),
            (s.questions_found, s.questions_ref),
            (s.events_found, s.events_ref),
            (s.bottom_lines, s.summaries),
            (s.summaries_clean, s.summaries),
        )
        cells = " | ".join(f"{_ratio(a, b):.2f} ({a}/{b})" for a, b in pairs)
        rows.append(f"| {label} | {cells} |")
    return "\n".join(rows)
