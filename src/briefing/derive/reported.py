"""Reported speech: statements made without quote marks.

Wire stories report most of what actors said without quoting it: "…, one U.S. official
said", "Russia said it would only take part if …", "X called for …", "according to X".
Each such sentence becomes a :class:`~briefing.derive.speakers.Quote` with empty
``text`` (it is never verbatim, so a position made from it has no ``quote``), its
speaker resolved by :class:`~briefing.derive.speakers.Speakers` like a quote's.
A refusal ("declined to comment", "could not be reached") is no statement.
"""

from __future__ import annotations

import re

from briefing.derive.speakers import (
    PRONOUN_VERB,
    Quote,
    Speakers,
    definite_search,
    pick,
)

_INDIRECT_VERB = re.compile(
    r"\b(?:said|says|told|warned|added|stressed|noted|argued|insisted|announced|wrote|"
    r"claimed|stated|confirmed|denied|acknowledged|indicated|reported|according to|"
    r"called (?:for|on)|calls (?:for|on)|urged|urges|vowed|pledged|demanded|accused|"
    r"rejected|welcomed|critici[sz]ed|condemned|promised|proposed|threatened|"
    r"backed|opposed|supported)\b"
)
# not a statement: "declined to comment", "did not respond to a request"
_NO_STATEMENT = re.compile(
    r"\b(?:declined|refused|did not respond|could not be reached|not immediately)\b"
)


def reported_statements(speakers: Speakers) -> list[Quote]:
    """Reported speech without quote marks: ``…, one U.S. official said.`` /
    ``Russia said it would only take part if …``. ``text`` is empty for these."""
    doc = speakers.doc
    out: list[Quote] = []
    for para, spans in enumerate(doc.sentences):
        for span in spans:
            if any(span.start <= q.end and q.start <= span.end for q in doc.quotes[para]):
                continue
            verb = re.search(r"\baccording to\b", span.text) or _INDIRECT_VERB.search(span.text)
            if not verb or re.search(r"\bnot\s+(?:yet\s+)?$", span.text[: verb.start()]):
                continue
            if _NO_STATEMENT.search(span.text[: verb.start() + 40]):
                continue
            offset = span.start
            speaker: str | None = None
            how = "indirect"
            if verb.group(0).lower() == "according to":
                refs = doc.refs_in(para, offset + verb.end(), span.end)
                ref = pick(refs, nearest=False)
                speaker, how = (ref.actor, "according-to") if ref else (None, how)
            else:
                before = span.text[: verb.start()]
                pron = PRONOUN_VERB.search(before)
                described, described_how = speakers.described(para, offset, before)
                if pron:
                    speaker = speakers.pronoun(para, offset + pron.start(), pron.group(1))
                elif described:
                    speaker, how = described, f"indirect-{described_how}"
                else:
                    ref = speakers.subject(para, offset, before)
                    if ref is None:
                        definite = definite_search(before)
                        if definite:
                            speaker = speakers.definite(para, offset, definite.group(1))
                    else:
                        speaker = ref.actor
            if speaker:
                out.append(
                    Quote(
                        para,
                        span.start,
                        span.end,
                        "",
                        speaker,
                        how,
                        speakers.attribution(speaker, how),
                        partial=True,
                    )
                )
    return out
