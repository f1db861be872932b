"""Dates in running text, resolved against the article date.

Absolute dates ("May 13", "13 May 2024", "Sept. 10th", "February 2029", "in 2022") and
relative ones ("Thursday", "last month", "two days later", "earlier this week") become
``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` strings. Rules:

* a weekday is the most recent one on or before the article date, or the next one
  after it when the clause speaks of the future or looks ahead in the present tense
  ("will meet on Tuesday", "forecasters expect rain on Sunday", "is sailing on Monday");
* a day or month without a year takes the year that puts it in the past of the article
  date, or nearest it when the sentence speaks of the future;
* "two days later", "the next day", "a week earlier" count from the previous date
  mentioned in the text, "ago" from the article date;
* "this week", "last week", "earlier this month" are only known to the month.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from briefing.derive.lexicon import MONTHS, WEEKDAYS

_MONTH = (
    r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|"
    r"Dec\.?)"
)
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>1[89]\d\d|20\d\d)"
_NUM = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": 3,
    "a few": 3,
    "few": 3,
}
_COUNT = r"(?P<n>\d{1,2}|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "by the end of the month" (its last day), "the end of July", "the end of last year"
    (
        "end",
        re.compile(
            rf"\b[Tt]he\s+end\s+of\s+(?:(?P<rel>the|this|next|last)\s+(?P<unit>month|year)\b"
            rf"|{_MONTH.format(g='mon')}(?:,?\s+{_YEAR.format(g='year')})?(?![\w-]|\s+\d))"
        ),
    ),
    # "within 90 days": a deadline counted from the article's date
    (
        "within",
        re.compile(rf"\bwithin\s+{_COUNT}\s+(?P<unit>days?|weeks?)\b", re.IGNORECASE),
    ),
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    (
        "mdy",
        re.compile(
            rf"(?:{_WEEKDAY},?\s+)?\b{_MONTH.format(g='mon')}\s+{_DAY.format(g='day')}\b"
            rf"(?:,?\s+{_YEAR.format(g='year')}\b)?(?P<rel>\s+(?:last|this|next)\s+year)?"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"(?:{_WEEKDAY},?\s+)?\b{_DAY.format(g='day')}\s+(?:of\s+)?{_MONTH.format(g='mon')}"
            rf"(?:,?\s+{_YEAR.format(g='year')}\b)?(?P<rel>\s+(?:last|this|next)\s+year)?"
        ),
    ),
    (
        "my",
        re.compile(
            rf"\b(?:(?:early|mid|late)[- ]|the (?:end|beginning|start|middle) of )?"
            rf"{_MONTH.format(g='mon')}(?:\s+of)?,?\s+{_YEAR.format(g='year')}\b"
        ),
    ),
    (
        "month-rel",
        re.compile(
            rf"\b(?P<which>last|this|next|this past|this coming)\s+"
            rf"{_MONTH.format(g='mon')}(?!\s+\d)"
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Ff]rom|[Bb]efore|[Aa]fter|[Tt]hrough|"
            rf"[Ee]arly|[Ll]ate|[Mm]id|[Tt]he end of|[Tt]he start of|[Tt]he beginning of|"
            rf"[Tt]he middle of|[Tt]he (?:first|second|latter) half of|"
            rf"[Tt]he (?:first|second|third|fourth|last|final) week of)"
            rf"[- ]{_MONTH.format(g='mon')}(?![\w-]|\s+\d)"
        ),
    ),
    (
        "ago",
        re.compile(
            rf"\b{_COUNT}\s+(?P<unit>days?|weeks?|months?|years?)\s+(?P<dir>ago|earlier|before|"
            rf"later|after|afterwards|afterward|prior)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "nextday",
        re.compile(
            r"\b(?:the\s+)?(?P<which>next|following|previous|preceding)\s+day\b|"
            r"\bthe\s+day\s+(?P<which2>before|after)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "period",
        re.compile(
            r"\b(?P<mod>earlier|later|(?:at\s+)?the\s+(?:start|end|beginning)\s+of)?\s*"
            r"(?P<which>last|this|next|this past|the past)\s+(?P<unit>week|month|year)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",
        re.compile(rf"\b(?:(?P<which>last|next|this|this past|this coming|on)\s+)?{_WEEKDAY}\b"),
    ),
    (
        "recent",
        re.compile(
            r"\b(?:in|over|during|for)\s+(?:the\s+)?(?:recent|past|last)\s+(?:few\s+|several\s+)?"
            r"(?P<unit>days|weeks)\b|\b(?P<unit2>days|weeks)\s+ago\b|\brecently\b|"
            r"\b(?:earlier|later)\s+in\s+the\s+week\b|\bin\s+the\s+days\s+since\b",
            re.IGNORECASE,
        ),
    ),
    (
        "anchor",
        re.compile(
            r"\b(?P<what>later that week|that same day|the same day|that day|that week|"
            r"later that month|that month)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "season",
        re.compile(
            r"\b(?:(?P<which>last|this|next|this past)\s+|(?:in\s+)?(?:the\s+)?)"
            r"(?P<season>spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?"
            + _YEAR.format(g="year")
            + r")?",
            re.IGNORECASE,
        ),
    ),
    (
        "today",
        re.compile(
            r"\b(?P<w>today|tonight|yesterday|tomorrow|this morning|"
            r"this afternoon|this evening|earlier today)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "year",
        re.compile(r"(?<![$€£#\d,.\-/])\b" + _YEAR.format(g="year") + r"\b(?![\d%,.]\d|-\d|\s*%)"),
    ),
]

_FUTURE = re.compile(
    r"\b(?:will|won't|shall|is to|are to|to be|scheduled|planned|plans? to|expected to|"
    r"set to|due to|due|next|upcoming|coming|intends? to|would(?! have)|deadline|"
    # present tense looking ahead: "forecasters expect rain on Sunday", "hopes to sign",
    # "is travelling on Tuesday"
    r"expects?|forecasts?|predicts?|anticipates?|hopes? to|aims? to|wants? to|"
    r"(?:is|are|am)\s+(?!(?:no|some|any|every)?thing\b)[a-z]{2,}ing)\b|'ll\b",
    re.IGNORECASE,
)


# "by", "until", "before Tarn's" (a possessive name between): a date still ahead
_DEADLINE = re.compile(
    r"\b(?:until|by|before|ahead of|no later than)\s+(?:(?:the|a|an)\s+)?(?:[A-Z][\w'’]*\s+){0,2}$",
    re.IGNORECASE,
)
# "a hearing had been set for May 2": a schedule looks ahead whatever the tense
_SCHEDULED = re.compile(
    r"\b(?:set|scheduled|planned|fixed|slated|due|pencil?led)\s+(?:for|on)\s+$", re.IGNORECASE
)
_PAST = re.compile(r"\b(?:was|were|had|did|ago|[a-z]{3,}ed)\b")
_SAID = re.compile(r"\b(?:said|says|told|wrote|announced|reported|added)\s+(?:on\s+)?$")


@dataclass(frozen=True, slots=True)
class DateHit:
    """One date expression: where it is and what it resolves to."""

    start: int  # offsets in the sentence
    end: int
    text: str
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _nearest_year(
    ref: dt.date, month: int, day: int | None, future: bool, past: bool = False
) -> int:
    """The year putting (month, day) nearest ``ref``, past preferred unless ``future``;
    in a past-tense clause ("ships were rammed in March") always in the past."""
    if past and not future:
        # past tense: the latest year that puts it on or before the article's date
        for year in (ref.year, ref.year - 1):
            last = calendar.monthrange(year, month)[1]
            if day is None and (year, month) <= (ref.year, ref.month):
                return year
            if day is not None and dt.date(year, month, min(day, last)) <= ref:
                return year
    best: tuple[float, int] | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        last = calendar.monthrange(year, month)[1]
        cand = dt.date(year, month, min(day or 15, last))
        delta = (cand - ref).days
        if day is None and year == ref.year and month == ref.month:
            delta = 0
        penalty = abs(delta) * (1.6 if (delta > 0) != future and delta != 0 else 1.0)
        if best is None or penalty < best[0]:
            best = (penalty, year)
    assert best is not None
    return best[1]


class DateResolver:
    """Finds and resolves dates sentence by sentence, remembering the last one seen."""

    def __init__(self, article_date: dt.date) -> None:
        self.ref = article_date
        self.anchor: dt.date = article_date
        self._anchor_day = True  # the anchor is a real day, not a month's first
        self._past = False  # the clause being resolved is in the past tense
        self._deadline = False  # the date is one something must happen by

    def find(self, sentence: str) -> list[DateHit]:
        """Every date in ``sentence``, resolved, in textual order."""
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, int, str, re.Match[str]]] = []
        for kind, pattern in _PATTERNS:
            for match in pattern.finditer(sentence):
                start, end = match.span()
                text = match.group(0).strip()
                if not text:
                    continue
                start += len(match.group(0)) - len(match.group(0).lstrip())
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                found.append((start, end, kind, match))
        hits: list[DateHit] = []
        for start, end, kind, match in sorted(found, key=lambda f: f[0]):
            self._past = self._past_near(sentence, start)
            window = re.split(r"[,;:]", sentence[max(0, start - 80) : start])[-1]
            self._deadline = bool(_DEADLINE.search(window)) and not self._past
            value = self._resolve(kind, match, self._future_near(sentence, start))
            if value is None:
                continue
            hits.append(DateHit(start, end, sentence[start:end], value))
            if len(value) == 10:
                self.anchor = dt.date.fromisoformat(value)
                self._anchor_day = True
            elif len(value) == 7 and kind not in {"period"}:
                year, month = (int(x) for x in value.split("-"))
                self.anchor = dt.date(year, month, 1)
                self._anchor_day = False
        return hits

    @staticmethod
    def _future_near(sentence: str, start: int) -> bool:
        """Future tense in the clause leading to the date ("… will meet on Tuesday"), or
        a deadline ("has until Dec. 6", "by Oct. 9")."""
        window = re.split(r"[,;:]", sentence[max(0, start - 80) : start])[-1]
        if _DEADLINE.search(window):
            return True
        if _SAID.search(window):
            return False
        return bool(_FUTURE.search(window))

    @staticmethod
    def _past_near(sentence: str, start: int) -> bool:
        """Past tense in the clause leading to the date ("ships were rammed in March")."""
        window = re.split(r"[,;:]", sentence[max(0, start - 80) : start])[-1]
        return bool(_PAST.search(window)) and not _SCHEDULED.search(window)

    def _resolve(self, kind: str, m: re.Match[str], future: bool) -> str | None:
        ref = self.ref
        groups = m.groupdict()
        try:
            if kind == "end":
                return self._end(m, future)
            if kind == "within":
                raw = m["n"].lower()
                n = int(raw) if raw.isdigit() else _NUM.get(raw, 1)
                days = n * (7 if m["unit"].lower().startswith("week") else 1)
                return (ref + dt.timedelta(days=days)).isoformat()
            if kind == "iso":
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
            if kind in {"mdy", "dmy"}:
                month, day = _month(m["mon"]), int(m["day"])
                if not 1 <= day <= 31:
                    return None
                if m["year"]:
                    year = int(m["year"])
                elif groups.get("rel"):
                    rel = m["rel"].split()[0]
                    year = ref.year + {"last": -1, "this": 0, "next": 1}[rel]
                else:
                    year = _nearest_year(ref, month, day, future, self._past)
                return dt.date(year, month, day).isoformat()
            if kind == "my":
                return _ym(int(m["year"]), _month(m["mon"]))
            if kind == "month-rel":
                month = _month(m["mon"])
                which = m["which"]
                if which in {"last", "this past"}:
                    year = ref.year if month < ref.month else ref.year - 1
                elif which in {"next", "this coming"}:
                    year = ref.year if month > ref.month else ref.year + 1
                else:
                    year = _nearest_year(ref, month, None, future, self._past)
                return _ym(year, month)
            if kind == "month":
                month = _month(m["mon"])
                return _ym(_nearest_year(ref, month, None, future, self._past), month)
            if kind == "year":
                year = int(m["year"])
                return str(year) if 1900 <= year <= ref.year + 30 else None
            if kind == "today":
                word = m["w"].lower()
                delta = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
                return (ref + dt.timedelta(days=delta)).isoformat()
            if kind == "weekday":
                return self._weekday(m["wd"], m["which"], future).isoformat()
            if kind == "ago":
                return self._ago(m)
            if kind == "nextday":
                which = (m["which"] or m["which2"] or "").lower()
                delta = 1 if which in {"next", "following", "after"} else -1
                return (self._day_anchor() + dt.timedelta(days=delta)).isoformat()
            if kind == "recent":
                return _ym(ref.year, ref.month)
            if kind == "anchor":
                what = m["what"].lower()
                if "day" in what and "days" not in what:
                    return self.anchor.isoformat()
                return _ym(self.anchor.year, self.anchor.month)
            if kind == "season":
                return self._season(
                    m["season"].lower(), (m["which"] or "").lower(), m["year"], future
                )
            if kind == "period":
                return self._period(m["which"].lower(), m["unit"].lower())
        except (ValueError, KeyError):
            return None
        return None

    def _day_anchor(self) -> dt.date:
        """The day "a day after" counts from: the last day-precise date, else the article's
        date ("granted in January. … came a day after …" is not January 2)."""
        return self.anchor if self._anchor_day else self.ref

    def _end(self, m: re.Match[str], future: bool) -> str:
        """ "the end of the month" -> its last day; "the end of July" -> July 31 (the year
        ahead for a deadline); "the end of last year" -> December of last year."""
        ref = self.ref
        if m["unit"]:
            delta = {"next": 1, "last": -1}.get(m["rel"], 0)
            if m["unit"] == "year":
                return _ym(ref.year + delta, 12)
            year, month = _add_months(ref.year, ref.month, delta)
        else:
            month = _month(m["mon"])
            if m["year"]:
                year = int(m["year"])
            elif self._deadline or (future and not self._past):
                year = ref.year if month >= ref.month else ref.year + 1
            else:
                year = _nearest_year(ref, month, None, future, self._past)
        return dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat()

    def _season(self, season: str, which: str, year: str | None, future: bool) -> str:
        """Seasons are known to the year only (northern hemisphere months)."""
        if year:
            return year
        ref = self.ref
        start = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}[season]
        if which == "this":
            return str(ref.year)
        if which in {"last", "this past"}:
            return str(
                ref.year - 1
                if start >= ref.month or (which == "last" and start <= 3 and ref.month > 5)
                else ref.year
            )
        if which == "next":
            return str(ref.year + 1 if start <= ref.month else ref.year)
        if future:
            return str(ref.year if start >= ref.month else ref.year + 1)
        return str(ref.year if start <= ref.month else ref.year - 1)

    def _weekday(self, name: str, which: str | None, future: bool) -> dt.date:
        ref = self.ref
        target = WEEKDAYS[name.lower()]
        back = (ref.weekday() - target) % 7
        forward = (target - ref.weekday()) % 7
        which = (which or "").lower()
        if which in {"last", "this past"}:
            return ref - dt.timedelta(days=back or 7)
        if which in {"next", "this coming"}:
            return ref + dt.timedelta(days=forward or 7)
        if future and which != "last":
            return ref + dt.timedelta(days=forward)
        return ref - dt.timedelta(days=back)

    def _ago(self, m: re.Match[str]) -> str | None:
        raw = m["n"].lower()
        n = int(raw) if raw.isdigit() else _NUM.get(raw, 1)
        unit = m["unit"].lower().rstrip("s")
        direction = m["dir"].lower()
        base = self.ref if direction == "ago" else self.anchor
        if direction != "ago" and unit in {"day", "week"}:
            base = self._day_anchor()
        sign = 1 if direction in {"later", "after", "afterwards", "afterward"} else -1
        if unit == "day":
            return (base + dt.timedelta(days=sign * n)).isoformat()
        if unit == "week":
            return (base + dt.timedelta(days=sign * 7 * n)).isoformat()
        if unit == "month":
            return _ym(*_add_months(base.year, base.month, sign * n))
        return str(base.year + sign * n)

    def _period(self, which: str, unit: str) -> str:
        ref = self.ref
        delta = {"last": -1, "the past": -1, "this past": -1, "next": 1}.get(which, 0)
        if unit == "week":
            day = ref + dt.timedelta(days=7 * delta)
            return _ym(day.year, day.month)
        if unit == "month":
            return _ym(*_add_months(ref.year, ref.month, delta))
        return str(ref.year + delta)
