"""The speech verb and the speaker around one direct quote.

A quote's speaker is looked for in a fixed order, the first that names someone wins:

1. after the quote, up to its sentence's end: ``"…," X said`` / ``"…," said X`` /
   ``"…," he said`` / ``"…," the minister said`` / ``"…," said its director, X``
   (:meth:`QuoteSpeaker.from_tail`);
2. before it in the same sentence: ``X said: "…"`` / ``X wrote on Telegram "…"`` /
   ``according to X, "…"`` / ``…, telling reporters that "…"`` (the sentence's
   subject) / ``disclosed by X`` (:meth:`QuoteSpeaker.from_head`);
3. a colon after the sentence's subject: ``X, asked about it: "…"``;
4. a quote opening a sentence right after ``X said that …`` is X's;
5. the second quote of a sentence whose first is attributed is the same speaker's.

:meth:`QuoteSpeaker.intro` reads a paragraph ending ``… X said:`` that introduces a
quote in the next one (and ``The statement read in part:``, the body's). Turning the
phrase found into an actor id is :class:`~briefing.derive.speakers.Speakers`' job.
"""

from __future__ import annotations

import re

from briefing.derive import lexicon as lx
from briefing.derive.doc import QuoteSpan
from briefing.derive.speakers import (
    PRONOUN_VERB,
    Quote,
    Speakers,
    blank_quotes,
    definite_search,
    pick,
)

_VERB = re.compile(r"\b(?:" + lx.SPEECH_VERBS + r"|According to)\b")
# a speech verb coordinated with an earlier verb of the same subject: ", and said"
# a verb right after "and"/"but" has no subject of its own: the sentence's ("X said the
# president had won and accused …", with or without a comma)
_COORDINATED = re.compile(r"(?:,\s+|\s+)(?:and|but)\s+(?:then\s+|also\s+|later\s+)?$")
# a document quoted at length: "It read in part:", "The letter said:"
_DOCUMENT_READ = re.compile(
    r"(?:It|The\s+(?:statement|letter|post|message|document|text))\s+"
    r"(?:read|reads|said|says|stated)(?:,?\s+in\s+part)?"
)


class QuoteSpeaker(Speakers):
    """Finds the speaker of a quote from the words around it."""

    def attribute(
        self,
        para: int,
        span: QuoteSpan,
        spans: list[QuoteSpan],
        k: int,
        prev: Quote | None,
    ) -> tuple[str | None, str]:
        doc = self.doc
        paragraph = doc.paragraphs[para]
        sentence = doc.sentence_at(para, max(span.start - 1, 0))
        head_from = max(sentence.start, spans[k - 1].end + 1 if k else 0)
        head = paragraph[head_from : max(span.start - 1, head_from)]
        tail_end = spans[k + 1].start - 1 if k + 1 < len(spans) else len(paragraph)
        tail = paragraph[min(span.end + 1, tail_end) : tail_end]
        tail = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", tail, maxsplit=1)[0]
        tail_from = span.end + 1
        sentence_initial = paragraph[sentence.start : span.start].strip(' "“') == "" or (
            head.strip() == ""
        )
        if sentence_initial or not _VERB.search(head):
            found = self.from_tail(para, tail_from, tail)
            if found[0]:
                return found
        if _VERB.search(head):
            found = self.from_head(para, head_from, head)
            if found[0]:
                return found
            if head_from > sentence.start:
                found = self.from_head(
                    para, sentence.start, blank_quotes(paragraph, sentence.start, span.start - 1)
                )
                if found[0]:
                    return found
        if head.rstrip().endswith(":"):
            ref = self.sentence_subject(para, sentence.start, span.start)
            if ref:
                return ref, "colon"
        if sentence_initial:
            found = self.previous_sentence(para, sentence.start)
            if found[0] and not self.from_tail(para, tail_from, tail)[0]:
                return found
        if not sentence_initial and prev and prev.speaker and prev.para == para:
            # "… and that China would "…"" after an attributed quote in the same sentence
            psent = doc.sentence_at(para, max(prev.start - 1, 0))
            if psent.start == sentence.start:
                return prev.speaker, "same-sentence"
        return None, ""

    def from_tail(self, para: int, offset: int, tail: str) -> tuple[str | None, str]:
        match = _VERB.search(tail)
        if not match or match.start() > 140:
            return None, ""
        before = tail[: match.start()]
        plain = re.sub(
            r"(?:[A-Z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|St)\.", "X", before
        )
        if re.search(r"[.!?]\s", plain):
            return None, ""
        pron = PRONOUN_VERB.search(before)
        if pron:
            return self.pronoun(para, offset + pron.start(), pron.group(1)), "pronoun"
        described = self.described(para, offset, before)
        if described[0]:
            return described
        refs = self.doc.refs_in(para, offset, offset + match.start())
        ref = pick(refs, nearest=False)
        if ref:
            return ref.actor, "after"
        definite = definite_search(before)
        if definite:
            found = self.definite(para, offset, definite.group(1))
            if found:
                return found, "definite"
        # verb first: "…," said Defense Secretary Rafael Castro.
        after_verb = tail[match.end() : match.end() + 90]
        refs = self.doc.refs_in(para, offset + match.end(), offset + match.end() + len(after_verb))
        # … or with a role in apposition first: "…," said its director, Lena Hofstad.
        if refs and re.match(
            r"^[\s,]*(?:(?:the|a|an|its|their|his|her)\s+)?[\w.'’ -]*(?:,\s*)?$",
            after_verb[: refs[0].start - offset - match.end()],
        ):
            ref = pick(refs[:2], nearest=False)
            if ref:
                return ref.actor, "verb-first"
        return None, ""

    def from_head(self, para: int, offset: int, head: str) -> tuple[str | None, str]:
        verbs = list(_VERB.finditer(head))
        if not verbs:
            return None, ""
        verb = verbs[-1]
        before = head[: verb.start()]
        if verb.group(0).lower() == "according to":
            refs = self.doc.refs_in(para, offset + verb.end(), offset + len(head))
            ref = pick(refs, nearest=False)
            if ref:
                return ref.actor, "according-to"
            pron = re.match(r"\s+(him|her|them)\b", head[verb.end() :])
            if pron:
                return self.pronoun(para, offset + verb.start(), pron.group(1)), "according-to"
            return None, ""
        pron = PRONOUN_VERB.search(before)
        if pron:
            return self.pronoun(para, offset + pron.start(), pron.group(1)), "pronoun-head"
        described = self.described(para, offset, before)
        if described[0]:
            return described
        if _COORDINATED.search(before):
            # "He accused the KLF of …, and said …": the sentence's subject said it
            sentence = self.doc.sentence_at(para, offset)
            found = self.sentence_subject(para, sentence.start, offset + verb.start())
            if found:
                return found, "coordinated"
        agent = re.match(r"\s*by\s+", head[verb.end() :])
        if agent:
            refs = self.doc.refs_in(para, offset + verb.end(), offset + verb.end() + 60)
            if refs:
                return refs[0].actor, "passive"
        if verb.group(0).endswith("ing"):
            sentence = self.doc.sentence_at(para, offset)
            found = self.sentence_subject(para, sentence.start, offset + verb.start())
            if found:
                return found, "participle"
        ref = self.subject(para, offset, before)
        if ref:
            return ref.actor, "before"
        definite = definite_search(before)
        if definite:
            found = self.definite(para, offset, definite.group(1))
            if found:
                return found, "definite-head"
        refs = self.doc.refs_in(para, offset + verb.end(), offset + len(head))
        if refs and verb.group(0) in {"said", "says", "wrote", "added"}:
            gap = head[verb.end() : refs[0].start - offset]
            if re.fullmatch(r"[\s,]*(?:[\w.'’-]+\s+){0,4}", gap):
                return refs[0].actor, "verb-first-head"
        return None, ""

    def previous_sentence(self, para: int, start: int) -> tuple[str | None, str]:
        """A quote opening a sentence right after "X said that …" (same paragraph) is X's."""
        spans = self.doc.sentences[para]
        prev = [s for s in spans if s.end <= start]
        if not prev:
            return None, ""
        sentence = prev[-1]
        text = blank_quotes(self.doc.paragraphs[para], sentence.start, sentence.end)
        if not _VERB.search(text):
            return None, ""
        speaker, _ = self.from_head(para, sentence.start, text)
        return speaker, "previous-sentence"

    def intro(self, para: int) -> tuple[str | None, str]:
        """A paragraph ending ``… X said:`` introduces a quote in the next one."""
        paragraph = self.doc.paragraphs[para].rstrip()
        if not paragraph.endswith(":"):
            return None, ""
        sentence = self.doc.sentences[para][-1]
        head = paragraph[sentence.start : -1]
        if _DOCUMENT_READ.fullmatch(head.strip()):
            # "The statement … It read in part:": the body whose statement it is
            ref = self.doc.last_ref_before(
                para, len(paragraph), {"organization", "group", "country"}
            ) or self.doc.last_ref_before(para, len(paragraph), {"person"})
            return (ref.actor, "statement") if ref else (None, "")
        return self.from_head(para, sentence.start, head)
