"""The summary: a bottom line, then who supports and who opposes.

* **Bottom line** - the headline event in one sentence: the lead sentence with datelines
  and agency tags ("(CNN) —") stripped; a long lead is shortened at a clause boundary
  (", while …", "; …") and still ends as a sentence, never mid-word with "…".
* **Second paragraph** - the main actors' positions on the draft's topic, grouped by
  stance; without stated stances, the next sentence of the article.

At most about 120 words in all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.derive.lexicon import wordset
from briefing.derive.sentences import Span

MAX_WORDS = 120
_LEAD_WORDS = 55
# "MANILA, Philippines (AP) —", "Qasrin (Eastline) -": a place before an agency tag
_TAG = re.compile(
    r"^\s*(?:(?:[A-Z][A-Z.'’ -]{2,}|[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})"
    r"(?:,\s*[A-Z][A-Za-z.'’ ]+)?(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*)?\((?:[A-Za-z .&]+)\)\s*[—–-]{1,2}\s*"
)
_CLAUSE = re.compile(r"(?:,\s+(?:while|as|but|although|though|after|which)\s+|;\s+|\s+[—–]\s+)")


def main_clause(text: str) -> str:
    """``text`` without trailing clauses (", while the opposition accused …")."""
    match = _CLAUSE.search(text)
    return text[: match.start()] if match else text


def bottom_line(text: str) -> str:
    """One whole sentence: tags stripped, shortened only at a clause boundary."""
    text = " ".join(_TAG.sub("", text).split())
    words = text.split()
    if len(words) > _LEAD_WORDS:
        for match in _CLAUSE.finditer(text):
            if 12 <= len(text[: match.start()].split()) <= _LEAD_WORDS:
                text = text[: match.start()]
        text = text.rstrip(",;: ")
    if text and text[-1] not in ".!?\"”’'":
        text += "."
    return text


def summarise(
    sentences: list[list[Span]],
    paragraphs: list[str],
    stances: Sequence[tuple[str, str]] = (),
    topic: str | None = None,
) -> str:
    """``**Bottom line:** <lead>`` and a paragraph of who supports and who opposes.

    ``stances`` are (actor name, stance) pairs in the order of the article."""
    flat = [s for spans in sentences for s in spans]
    if not flat:
        return "**Bottom line:** (no text)\n"
    # the lead is a sentence: a paragraph without a closing stop is a heading or a
    # standfirst ("Islanders fear isolation; council says …"), not the lead event
    lead_span = next(
        (s for s in flat if len(s.text.split()) >= 6 and _sentence_end(s)),
        next((s for s in flat if len(s.text.split()) >= 6), flat[0]),
    )
    lead = bottom_line(lead_span.text)
    summary = f"**Bottom line:** {lead}"
    budget = MAX_WORDS - len(lead.split())
    second = _positions(stances, topic)
    if not second:
        after = [s for s in flat if s.para > lead_span.para or s.start > lead_span.start]
        nxt = next((s for s in after if len(s.text.split()) >= 6 and _whole(s.text)), None)
        second = " ".join(nxt.text.split()) if nxt else ""
    if second and len(second.split()) <= budget:
        summary += "\n\n" + second
    return summary + "\n"


def _sentence_end(span: Span) -> bool:
    """Does the span end as a sentence does (a stop, or a quote closing after one)?"""
    return bool(re.search(r"[.!?][\"”’')]*\s*$", span.text))


def speaks_to(statement: str, topic: str | None) -> bool:
    """Does a statement name the draft's topic (a content word of it, lightly stemmed)?
    Only such statements say who stands where on the topic: "The union said it would
    attend the talks" is the union's own course, not its stance on conscription."""
    from briefing.derive.evaluate import meaning_words

    if not topic:
        return True
    words = meaning_words(topic)
    return bool(words & meaning_words(statement)) or any(
        w[:6] in statement.lower() for w in words if len(w) >= 6
    )


def _whole(text: str) -> bool:
    """A sentence that does not start or end inside a quotation (balanced quote marks)."""
    straight = text.count('"') % 2 == 0
    curly = text.count("“") == text.count("”")
    return straight and curly


def _positions(stances: Sequence[tuple[str, str]], topic: str | None) -> str:
    groups: dict[str, list[str]] = {"supports": [], "opposes": [], "mixed": []}
    for name, stance in stances:
        if stance in groups and name not in groups[stance]:
            groups[stance].append(name)
    if sum(len(v) for v in groups.values()) < 2:
        return ""  # one voice is not a debate: "X supports the earthquake" says nothing
    if topic and set(re.findall(r"[a-z]+", topic.lower())) & _EVENTS:
        return ""  # nobody supports an earthquake: the positions are about something else
    if not topic:
        return ""  # "X supports it" names nothing: the next sentence says more
    first = topic.split()[0].lower()
    gerund = first.endswith("ing") and first not in _ING_NOUNS  # "recalling the envoy"
    about = f" {topic}" if topic[:1].isupper() or gerund else f" the {topic}"
    parts = []
    for stance, verb in (("supports", "support"), ("opposes", "oppose"), ("mixed", "are mixed on")):
        names = groups[stance][:4]
        if not names:
            continue
        singular = len(names) == 1 and not _PLURAL.search(names[0])
        verb_form = {
            "support": "supports" if singular else "support",
            "oppose": "opposes" if singular else "oppose",
            "are mixed on": "is mixed on" if singular else "are mixed on",
        }[verb]
        parts.append(f"{_join(names)} {verb_form}{about}")
    text = "; ".join(parts) + "."
    return text[:1].upper() + text[1:]


# Words in "-ing" that are nouns before a noun ("the parking charge", "the housing plan"),
# not a gerund naming an act ("recalling the envoy").
_ING_NOUNS = wordset(
    """parking housing building funding spending shipping training planning pricing ruling
    meeting hearing bombing fighting shooting landing listing lending borrowing screening
    testing mining fishing farming banking trading polling voting licensing sentencing
    policing nursing marketing accounting reporting"""
)
# Events nobody is for or against ("the strong earthquake"): no stance paragraph.
_EVENTS = wordset(
    """earthquake quake floods flood flooding storm hurricane typhoon cyclone wildfire
    wildfires fire blaze outbreak epidemic pandemic drought landslide landslides tsunami
    eruption crash explosion blast heatwave famine avalanche"""
)
_PLURAL = re.compile(
    r"\b(?:officials|diplomats|sources|allies|partners|leaders|lawmakers|governments|people|"
    r"Republicans|Democrats|militants|mediators|rebels|protesters|analysts)$"
)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
