"""Direct quotes and who said them, in every usual shape; then reported speech.

* ``"…," X said.`` / ``"…," said X.`` / ``"…," he said.`` / ``"…," the minister said.``
* ``X said: "…"`` / ``X said "…"`` / ``X wrote on Telegram: "…"`` / ``X called it "…"``
* ``"…," X said. "…"`` (the second part is X's too)
* a quote continued across paragraphs (the paragraph ends inside the quote, the next
  one opens with a quote mark)
* ``according to X, "…"``; ``one U.S. official said`` -> an anonymous group actor
* a question-and-answer transcript: each answer is the interviewee's

Quote text is kept verbatim (only a trailing comma that belongs to the attribution is
dropped). :class:`QuoteExtractor` walks the quoted spans :mod:`briefing.derive.doc`
found and assembles the statements; the rest is split by responsibility:

=====================  ===============================================================
``doc.py``             finding quoted spans (``find_quotes``), curly or straight
``quote_speaker.py``   the speech verb and speaker around one quote, in a fixed order
``speakers.py``        who "he", "the minister", "His spokesman", "X, the …," is;
                       how on the record a statement is; the :class:`Quote` record
``reported.py``        reported speech without quote marks ("X said it would …")
``quotes.py``          assembling: continuations, split quotes, transcripts
=====================  ===============================================================
"""

from __future__ import annotations

import re

from briefing.derive.quote_speaker import QuoteSpeaker
from briefing.derive.reported import reported_statements
from briefing.derive.speakers import Quote

__all__ = ["Quote", "QuoteExtractor"]

# an interview transcript: "Q: Do you know …?" / "A: We know …"
_QUESTION = re.compile(r"\s*(?:Q|Question)\s*[:.]\s+")
_ANSWER = re.compile(r"\s*(?:A|Answer)\s*:\s+")


def _clean(text: str) -> str:
    text = text.strip()
    if text.endswith(","):
        text = text[:-1].rstrip()
    return text


class QuoteExtractor(QuoteSpeaker):
    """Attributes each quote of a :class:`~briefing.derive.doc.Doc` to an actor id."""

    def run(self) -> list[Quote]:
        doc = self.doc
        out: list[Quote] = []
        last_speaker: str | None = None
        for para, spans in enumerate(doc.quotes):
            paragraph = doc.paragraphs[para]
            prev_in_para: Quote | None = None
            for k, span in enumerate(spans):
                text = paragraph[span.start : span.end]
                continued = (
                    k == 0
                    and para > 0
                    and (not span.opened or paragraph[: span.start].strip() in {'"', "\u201c"})
                    and bool(doc.quotes[para - 1])
                    and not doc.quotes[para - 1][-1].closed
                )
                speaker, how = self.attribute(para, span, spans, k, prev_in_para)
                if speaker is None and continued and out and out[-1].para == para - 1:
                    speaker, how = out[-1].speaker, "continued"
                if speaker is None and prev_in_para and prev_in_para.speaker:
                    speaker, how = prev_in_para.speaker, "same-paragraph"
                if speaker is None and not span.closed and para + 1 < len(doc.quotes):
                    nxt = doc.quotes[para + 1]
                    if nxt and doc.paragraphs[para + 1].lstrip().startswith(('"', "\u201c")):
                        speaker, how = self.attribute(para + 1, nxt[0], nxt, 0, None)
                        how = f"continued-{how}" if speaker else how
                if speaker is None and k == 0 and span.start <= 1 and para > 0:
                    speaker, how = self.intro(para - 1)
                alone = paragraph[span.end + 1 :].strip() == ""
                if speaker is None and k == 0 and span.start <= 1 and last_speaker and alone:
                    speaker, how = last_speaker, "previous-speaker"
                words = len(text.split())
                explicit = how in {"before", "after", "verb-first", "participle", "passive"}
                if speaker is None or (words < 2 and not (explicit and len(text) >= 5)):
                    prev_in_para = None if speaker is None else prev_in_para
                    continue
                lead = paragraph[doc.sentence_at(para, max(span.start - 1, 0)).start : span.start]
                partial = not (
                    lead.strip(' "“') == ""
                    or (re.search(r"[:,]\s*[\"“]?$", lead) and text[:1].isupper())
                )
                quote = Quote(
                    para,
                    span.start,
                    span.end,
                    _clean(text),
                    speaker,
                    how,
                    self.attribution(speaker, how),
                    partial,
                )
                if continued and out and out[-1].para == para - 1 and out[-1].speaker == speaker:
                    prev = out[-1]
                    if prev.end == len(doc.paragraphs[prev.para]):
                        prev.text = f"{prev.text} {quote.text}"
                        prev_in_para = prev
                        last_speaker = speaker
                        continue
                out.append(quote)
                prev_in_para = quote
                last_speaker = speaker
        return out + self._interview()

    def _interview(self) -> list[Quote]:
        """A question-and-answer excerpt ("Q: …" / "A: …"): each answer is, verbatim, a
        quote of the person named last before the first question (the interviewee)."""
        doc = self.doc
        out: list[Quote] = []
        speaker: str | None = None
        for para, paragraph in enumerate(doc.paragraphs):
            asked = _QUESTION.match(paragraph)
            if asked and speaker is None:
                ref = doc.last_ref_before(para, 0, {"person"})
                speaker = ref.actor if ref else None
            answer = _ANSWER.match(paragraph)
            if answer and speaker and not asked:
                start, end = answer.end(), len(paragraph.rstrip())
                out.append(Quote(para, start, end, paragraph[start:end], speaker, "interview"))
        return out

    def indirect(self) -> list[Quote]:
        """Reported speech without quote marks (see :mod:`briefing.derive.reported`)."""
        return reported_statements(self)
