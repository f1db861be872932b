"""Reported speech: statements made without quote marks.

Wire stories report most of what actors said or want without quoting them: "…, one
U.S. official said", "Russia said it would only take part if …", "X called for …",
"X warned that …", "according to X", "X wants …", "X has offered …", "X disputes …".
Each such clause becomes a :class:`~briefing.derive.speakers.Quote` with empty ``text``
(it is never verbatim, so a position made from it has no ``quote``), its speaker
resolved by :class:`~briefing.derive.speakers.Speakers` like a quote's. A sentence is
read clause by clause at semicolons, so "X wants …; Y has offered …" gives both sides.
A refusal ("declined to comment", "did not respond to a request for comment") is a
statement of its own, how="refusal" (an analyst records who would not comment; the
stance it gives is ``unclear``); "could not be reached" is none.

Attribution: the writer's gist of a person's words is ``reported`` (``on-record`` is for
their own words); an anonymous source stays ``anonymous-official``; what a body or a
spokesman said is ``spokesperson``; what an actor wants or offers, with no one named as
saying so, is ``reported``.
"""

from __future__ import annotations

import re
from itertools import pairwise

from briefing.derive.sentences import Span
from briefing.derive.speakers import (
    PRONOUN_VERB,
    Quote,
    Speakers,
    definite_search,
    pick,
)

# verbs of wanting, offering, contesting: the writer's account, with no channel named
# ("Norland wants a cap", "is demanding access", "has offered a trial", "disputes the
# figures", "recommended a cut", "challenged the mayor to …", "voted against the bill",
# "is calling for talks", "is seeking damages")
_NO_CHANNEL_VERBS = (
    "wants|demands|is demanding|are demanding|offered|offers|disputes|disputed|"
    "recommended|recommends|challenged|voted for|voted against|"
    "is calling for|are calling for|is seeking|are seeking|seeks"
)
_NO_CHANNEL = re.compile(_NO_CHANNEL_VERBS)
_INDIRECT_VERB = re.compile(
    r"\b(?:said|says|told|warned|added|stressed|noted|argued|insisted|announced|wrote|"
    r"claimed|stated|confirmed|denied|acknowledged|indicated|reported|according to|"
    r"called (?:for|on)|calls (?:for|on)|urged|urges|vowed|pledged|demanded|accused|"
    r"rejected|welcomed|critici[sz]ed|condemned|promised|proposed|threatened|"
    r"backed|opposed|supported|"
    # the present tense of features and analyses: "the union insists that …"
    r"insists|warns|argues|rejects|accuses|welcomes|criticises|criticizes|condemns|"
    r"promises|proposes|threatens|vows|pledges|denies|maintains|" + _NO_CHANNEL_VERBS + r")\b"
)
_SPOKESPERSON = re.compile(r"\bspokes(?:man|woman|person)\b|\bpress secretary\b", re.IGNORECASE)
# where a sentence's next clause may report another actor: "X wants …; Y offered …",
# "…, and the Y Association said …" (a coordinated clause opening with a name)
# ("…, while the opposition Social Democrats urged …", also after a closing quote mark)
_CLAUSE_BREAK = re.compile(
    r";\s+|,[\"”]?\s+(?:and|but|while|whereas)\s+(?=(?:[Tt]he\s+)?(?:[a-z]+\s+){0,2}[A-Z]"
    # "…, and the government said it would …": a clause with a subject of its own
    r"|(?:the|its|his|her|their)\s+(?:[\w'’-]+\s+){0,3}?(?:said|says|told|added|announced)\b)"
)
# "the disputed plateau", "an offered deal": a participle after a determiner describes a
# noun, it is no verb of saying or wanting
_ADJECTIVAL = re.compile(r"\b(?:the|a|an|its|his|her|their|this|that|these|those)\s+$", re.I)
# not a statement: "declined to comment", "did not respond to a request"
_NO_STATEMENT = re.compile(
    r"\b(?:declined|refused|did not respond|could not be reached|not immediately)\b"
)
# … but a refusal is a position of its own (stance unclear): an analyst records who
# would not comment, say or respond ("could not be reached" is no refusal: no one asked)
_REFUSAL = re.compile(
    r"\b(?:declined|refused)\s+to\s+(?:comment|say|discuss|confirm|elaborate|give|name|respond)"
    r"|\b(?:did|has|have)\s+not\s+(?:yet\s+|immediately\s+)?(?:respond|responded|reply|replied)\b"
    r"|\bhad\s+no\s+(?:immediate\s+)?comment\b"
)


def reported_statements(speakers: Speakers) -> list[Quote]:
    """Reported speech without quote marks: ``…, one U.S. official said.`` /
    ``Russia said it would only take part if …``. ``text`` is empty for these."""
    doc = speakers.doc
    out: list[Quote] = []
    for para, spans in enumerate(doc.sentences):
        for whole in spans:
            for span in _clauses(whole):
                if any(span.start <= q.end and q.start <= span.end for q in doc.quotes[para]):
                    continue  # a quote's clause: the quote is the statement
                statement = _statement(speakers, para, span)
                if statement and not any(
                    s.para == para and s.speaker == statement.speaker and s.start >= whole.start
                    for s in out
                ):
                    out.append(statement)
    return out


def _clauses(sentence: Span) -> list[Span]:
    """The clauses of a sentence (see ``_CLAUSE_BREAK``), each a :class:`Span` of its own."""
    bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(sentence.text)), None]
    clauses = []
    for start, end in pairwise(bounds):
        text = sentence.text[start:end]
        stop = start + len(text)
        clauses.append(Span(sentence.para, sentence.start + start, sentence.start + stop, text))
    return clauses


def _statement(speakers: Speakers, para: int, span: Span) -> Quote | None:
    """The statement one clause reports, if it names who made it."""
    doc = speakers.doc
    refusal = _REFUSAL.search(span.text)
    if refusal and not _INDIRECT_VERB.search(span.text[: refusal.start()]):
        return _refusal(speakers, para, span, refusal)
    verb = re.search(r"\baccording to\b", span.text) or next(
        (
            v
            for v in _INDIRECT_VERB.finditer(span.text)
            if not _ADJECTIVAL.search(span.text[: v.start()])
        ),
        None,
    )
    if not verb or re.search(r"\bnot\s+(?:yet\s+)?$", span.text[: verb.start()]):
        return None
    if _NO_STATEMENT.search(span.text[: verb.start() + 40]):
        return None
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
    if not speaker:
        return None
    if how == "indirect" and _SPOKESPERSON.search(span.text[: verb.start()]):
        how = "indirect-spokesman"  # "A spokeswoman for the company said …"
    attribution = _attribution(speakers, speaker, how)
    if _NO_CHANNEL.fullmatch(verb.group(0)) and attribution != "anonymous-official":
        attribution = "reported"  # "Portugal wants …": no one said so on its behalf
    return Quote(para, span.start, span.end, "", speaker, how, attribution, partial=True)


def _refusal(speakers: Speakers, para: int, span: Span, refusal: re.Match[str]) -> Quote | None:
    """ "X declined to comment", "X did not respond to a request for comment": X's
    position, if the clause names X before the refusal."""
    before = span.text[: refusal.start()]
    pron = PRONOUN_VERB.search(before)
    described, _ = speakers.described(para, span.start, before)
    if pron:
        speaker = speakers.pronoun(para, span.start + pron.start(), pron.group(1))
    elif described:
        speaker = described
    else:
        ref = speakers.subject(para, span.start, before)
        definite = definite_search(before) if ref is None else None
        speaker = ref.actor if ref else None
        if definite:
            speaker = speakers.definite(para, span.start, definite.group(1))
    if not speaker:
        return None
    attribution = _attribution(speakers, speaker, "refusal")
    return Quote(para, span.start, span.end, "", speaker, "refusal", attribution, partial=True)


def _attribution(speakers: Speakers, speaker: str, how: str) -> str:
    """A person's words given in the writer's gist are ``reported``, never ``on-record``
    (that is for their own words); an anonymous source stays ``anonymous-official``, and
    a body's statement or a spokesman's ``spokesperson`` (a named channel)."""
    kept = speakers.attribution(speaker, how)
    return "reported" if kept == "on-record" else kept
