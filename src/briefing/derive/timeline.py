"""Timeline events: which dates of the article are events, and the text of each.

:func:`briefing.derive.draft.derive` resolves every sentence's date expressions
(:mod:`briefing.derive.dates`) and asks this module which are the narrator's
(:func:`narrator_dates`: a date inside a quote is the speaker's), which event each date
belongs to (:func:`event_dates`: one event per clause, a date that only says when
something was said counts only when the sentence has no other), and which events to
keep (:func:`dedupe_events`: each once, a bare quote no event of its own).
"""

from __future__ import annotations

import re
from typing import Any

from briefing.derive import lexicon as lx
from briefing.derive.dates import DateHit, DateResolver
from briefing.derive.doc import Doc

__all__ = ["dedupe_events", "event_dates", "narrator_dates"]


_STATEMENT_DATE = re.compile(
    r"\b(?:said|says|told|added|announced|wrote|reported|warned|confirmed|stated)\b"
    r"(?:(?!\b[a-z]{3,}ed\b)[^,;])"
    r"{0,30}?\s(?:on|late on|early on)?\s*$"
)


_CLAUSE_BREAK = re.compile(
    r",[\"”’']?\s+(?:and|but|while|where|when|after"
    # "…, several weeks after the second round collapsed in February": its own event
    r"|(?:[\w-]+\s+)?(?:days?|weeks?|months?|years?)\s+(?:after|before))\s+|;\s+"
)
# an introductory clause of time is an event of its own: "After clashes in 2029 killed
# 11 people, the two countries agreed in 2030 …" (two events, two dates)
_INTRO_CLAUSE = re.compile(r"(?:After|Before|When|Since|Following|Until)\b[^,;\"“]{3,100}?(,\s+)")


def narrator_dates(doc: Doc, resolver: DateResolver) -> dict[tuple[int, int], list[DateHit]]:
    """The dates of each sentence that are the narrator's. Timeline events are the
    narrator's dated events: a date inside quotation marks is the speaker's ("a law
    passed in March is too late") and dates nothing, unless the narrator dates the same
    period too ("due to start in September" … "on September 1": the quote is precise)."""
    found: dict[tuple[int, int], list[tuple[DateHit, bool]]] = {}
    for para, spans in enumerate(doc.sentences):
        for span in spans:
            found[(para, span.start)] = [
                (h, doc.in_quote(para, span.start + h.start)) for h in resolver.find(span.text)
            ]
    # a month or a day the narrator gives (a year is too broad to vouch for a quote's date)
    told = {h.value for hits in found.values() for h, quoted in hits if not quoted}
    told = {v for v in told if len(v) >= 7}
    return {
        key: [h for h, quoted in hits if not quoted or any(h.value.startswith(v) for v in told)]
        for key, hits in found.items()
    }


def _relative(hit: DateHit) -> bool:
    """ "next week", "last month": a period relative to the article, not a written date."""
    return not re.search(r"\d", hit.text) and not any(
        w.lower().rstrip(".") in lx.MONTHS for w in hit.text.split()
    )


def _best_hit(group: list[DateHit]) -> DateHit:
    """The date of one clause: day-precise first, a written date ("May 15") before a
    relative one ("two days later") of the same precision."""
    rank = {"day": 0, "month": 1, "year": 2}
    return min(group, key=lambda h: (rank[h.precision], not re.search(r"\d", h.text)))


def event_dates(sentence: str, hits: list[DateHit]) -> list[tuple[DateHit, str]]:
    """Each event of a sentence once, with its date: a date that only says when something
    was said ("…, X said on Monday") counts only when the sentence has no other date; two
    dates in one clause are one event (the day-precise date first); two clauses with a
    date each are two events, each told by its own clause, so no event text is repeated
    on two days."""
    if not hits:
        return []
    breaks = [m.span() for m in _CLAUSE_BREAK.finditer(sentence)]
    intro = _INTRO_CLAUSE.match(sentence)
    if intro and all(e <= intro.start(1) or s >= intro.end(1) for s, e in breaks):
        breaks = sorted([*breaks, intro.span(1)])  # "After clashes in 2029 …, they agreed …"
    bounds = [0, *(e for _, e in breaks), len(sentence) + 1]
    ends = [*(s for s, _ in breaks), len(sentence)]
    by_clause: dict[int, list[DateHit]] = {}
    for hit in hits:
        k = max(i for i, b in enumerate(bounds[:-1]) if b <= hit.start)
        by_clause.setdefault(k, []).append(hit)
    for k, group in list(by_clause.items()):
        events = [h for h in group if not _STATEMENT_DATE.search(sentence[: h.start])]
        said = [h for h in group if h not in events and h.precision == "day"]
        if (
            said
            and events
            and all(
                h.precision != "day" and (_relative(h) or h.value > said[0].value[: len(h.value)])
                for h in events
            )
        ):
            # "said on Saturday … a deadline set for next week", "said on Tuesday it would
            # strike … a reform due to start in September": the day it was said wins
            events = said
        that = _THAT.search(sentence, said[0].end) if said and events else None
        if (
            that
            and len(by_clause) == 1
            and all(h.precision == "day" and h.start > that.end() for h in events)
            and all(h.value != said[0].value for h in events)
        ):
            # "X confirmed on Monday that the ballot will be held on March 14": the day it
            # was said is one event (the sentence), the day it tells of another (its clause)
            clause = sentence[that.end() :].strip()
            clause = clause[:1].upper() + clause[1:]
            if len(clause.split()) >= 4:
                return [(said[0], sentence), (_best_hit(events), clause)]
        if events:
            by_clause[k] = events
        elif (
            len(by_clause) > 1
            and any(
                not _STATEMENT_DATE.search(sentence[: h.start])
                for g in by_clause.values()
                for h in g
            )
            and k > 0
        ):
            del by_clause[k]  # "…, X said on Monday" after the event's own clause
    ahead: list[tuple[DateHit, str]] = []
    for k, group in list(by_clause.items()):
        # "clashed on Monday in the last debate before Tarn's April 29 vote": the vote is
        # an event of its own, ahead; Monday is the clause's
        later = [h for h in group if _AHEAD.search(sentence[max(0, h.start - 40) : h.start])]
        if later and len(later) < len(group):
            by_clause[k] = [h for h in group if h not in later]
            for hit in later:
                phrase = _AHEAD_PHRASE.match(sentence[hit.start :])
                owner = _AHEAD.search(sentence[max(0, hit.start - 40) : hit.start])
                assert owner is not None
                text = (owner.group("owner") or "") + (phrase.group(0) if phrase else hit.text)
                text = text.strip(" ,;")
                if len(text.split()) >= 3:
                    ahead.append((hit, text[:1].upper() + text[1:] + "."))
    if len(by_clause) == 1:
        return [(_best_hit(next(iter(by_clause.values()))), sentence), *ahead]
    out = []
    for k, group in sorted(by_clause.items()):
        clause = sentence[bounds[k] : ends[k]].strip(" ,;")
        if not clause.endswith((".", "!", "?", '"', "”")):
            clause += "."
        if clause.count('"') % 2 or clause.count("“") > clause.count("”"):
            clause += "”" if "“" in clause else '"'  # the quote was cut at the clause
        text = clause if len(clause.split()) >= 4 else sentence
        out.append((_best_hit(group), text[:1].upper() + text[1:]))
    return out + ahead


_THAT = re.compile(r"\s+that\s+")
# "before Tarn's April 29 vote", "ahead of the June 5 election": a later event's date
_AHEAD = re.compile(
    r"\b(?:before|ahead of)\s+(?:the\s+)?(?P<owner>[A-Z][\w'’-]*['’]s\s+)?$", re.IGNORECASE
)
# the event named after its date: "April 29 general election" (up to a comma or a clause)
_AHEAD_PHRASE = re.compile(
    r"[^,;.]*?(?=\s*(?:[,;.]|\s+(?:and|but|when|which|that|where|while|as)\b|$))"
)


def dedupe_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each event once; a bare quote ("That ends today.") is no event of its own when the
    article tells something else that happened that day (its speaker goes with the first
    event told that day)."""
    out: list[dict[str, Any]] = []
    for event in events:
        if not any(e["date"] == event["date"] and e["event"] == event["event"] for e in out):
            out.append(event)
    told = {e["date"]: e for e in reversed(out) if not _BARE_QUOTE.match(e["event"])}
    kept = []
    for event in out:
        other = told.get(event["date"])
        if other is None or not _BARE_QUOTE.match(event["event"]):
            kept.append(event)
            continue
        for actor in event.get("actors", []):
            if actor not in other.setdefault("actors", []):
                other["actors"].append(actor)
    return kept


_BARE_QUOTE = re.compile(r"^\s*[\"“‘']")
