"""Direct quotes and who said them, in every usual shape.

* ``"…," X said.`` / ``"…," said X.`` / ``"…," he said.`` / ``"…," the minister said.``
* ``X said: "…"`` / ``X said "…"`` / ``X wrote on Telegram: "…"`` / ``X called it "…"``
* ``"…," X said. "…"`` (the second part is X's too)
* a quote continued across paragraphs (the paragraph ends inside the quote, the next
  one opens with a quote mark)
* ``according to X, "…"``; ``one U.S. official said`` -> an anonymous group actor

Quote text is kept verbatim (only a trailing comma that belongs to the attribution is
dropped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.derive import lexicon as lx
from briefing.derive.doc import Doc, QuoteSpan, Ref
from briefing.derive.lexicon import wordset

_VERB = re.compile(r"\b(?:" + lx.SPEECH_VERBS + r"|According to)\b")
_PRONOUN_VERB = re.compile(r"\b(he|she|they|it|He|She|They|It)\s+(?:also\s+|later\s+|then\s+)?$")
_DEFINITE = re.compile(r"\b[Tt]he\s+(?:\w+\s+){0,2}?(\w+)\s+(?:also\s+)?$")
# an unnamed spokesman speaks for his body: "A spokesman said", "a company spokeswoman said"
_A_SPOKESMAN = re.compile(
    r"\b[Aa]n?\s+(?:\w+\s+){0,2}?(spokes(?:man|woman|person))\s+(?:also\s+)?$"
)


# "His spokesman said", "its chief spokeswoman added"
_OWNED_SPOKESMAN = re.compile(
    r"\b(His|Her|Its|Their|his|her|its|their)\s+(?:\w+\s+){0,2}?spokes(?:man|woman|person)"
    r"\s+(?:also\s+|only\s+)?$"
)
# "The 54-year-old anaesthetist told staff": the person just named, described by age
_AGED = re.compile(r"\b[Tt]he\s+\d{1,3}-year-old\s+(?:[\w-]+\s+){0,2}$")
# a speech verb coordinated with an earlier verb of the same subject: ", and said"
_COORDINATED = re.compile(r",\s+(?:and|but)\s+(?:then\s+|also\s+|later\s+)?$")


def _definite_search(before: str) -> re.Match[str] | None:
    """The description right before a speech verb: "the minister", "a spokesman"."""
    return _DEFINITE.search(before) or _A_SPOKESMAN.search(before)


_ORGISH = wordset(
    "company firm group ministry department agency union bank party government organisation "
    "organization authority council commission alliance bloc body mission embassy"
)
_GENERIC_ORG = wordset("company firm group organisation organization body bloc alliance")
_PREPOSITION = re.compile(
    r"\b(?:in|at|from|near|of|to|with|for|on|by|about|against|into|under|over|via|through|"
    r"among|between)\s+$"
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
# a short lower-case noun phrase right before the verb: "analysts", "two witnesses"
_UNNAMED_SUBJECT = re.compile(
    r"(?:(?:some|many|several|other|local|two|three|four|a few|most)\s+)?[a-z][a-z-]+s"
)
_PRIORITY = ("person", "group", "organization", "country")
# a document quoted at length: "It read in part:", "The letter said:"
_DOCUMENT_READ = re.compile(
    r"(?:It|The\s+(?:statement|letter|post|message|document|text))\s+"
    r"(?:read|reads|said|says|stated)(?:,?\s+in\s+part)?"
)
# an interview transcript: "Q: Do you know …?" / "A: We know …"
_QUESTION = re.compile(r"\s*(?:Q|Question)\s*[:.]\s+")
_ANSWER = re.compile(r"\s*(?:A|Answer)\s*:\s+")


@dataclass
class Quote:
    """An attributed quote."""

    para: int
    start: int
    end: int
    text: str
    speaker: str | None
    how: str
    attribution: str = "on-record"
    partial: bool = False


def _clean(text: str) -> str:
    text = text.strip()
    if text.endswith(","):
        text = text[:-1].rstrip()
    return text


class QuoteExtractor:
    """Attributes each quote of a :class:`Doc` to an actor id."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

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
                speaker, how = self._attribute(para, span, spans, k, prev_in_para)
                if speaker is None and continued and out and out[-1].para == para - 1:
                    speaker, how = out[-1].speaker, "continued"
                if speaker is None and prev_in_para and prev_in_para.speaker:
                    speaker, how = prev_in_para.speaker, "same-paragraph"
                if speaker is None and not span.closed and para + 1 < len(doc.quotes):
                    nxt = doc.quotes[para + 1]
                    if nxt and doc.paragraphs[para + 1].lstrip().startswith(('"', "\u201c")):
                        speaker, how = self._attribute(para + 1, nxt[0], nxt, 0, None)
                        how = f"continued-{how}" if speaker else how
                if speaker is None and k == 0 and span.start <= 1 and para > 0:
                    speaker, how = self._intro(para - 1)
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
                    self._attribution(speaker, how),
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
        """Reported speech without quote marks: ``…, one U.S. official said.`` /
        ``Russia said it would only take part if …``. ``text`` is empty for these."""
        doc = self.doc
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
                    ref = _pick(refs, nearest=False)
                    speaker, how = (ref.actor, "according-to") if ref else (None, how)
                else:
                    before = span.text[: verb.start()]
                    pron = _PRONOUN_VERB.search(before)
                    described, described_how = self._described_speaker(para, offset, before)
                    if pron:
                        speaker = self._pronoun(para, offset + pron.start(), pron.group(1))
                    elif described:
                        speaker, how = described, f"indirect-{described_how}"
                    else:
                        ref = self._subject(para, offset, before)
                        if ref is None:
                            definite = _definite_search(before)
                            if definite:
                                speaker = self._definite(para, offset, definite.group(1))
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
                            self._attribution(speaker, how),
                            partial=True,
                        )
                    )
        return out

    # -- attribution -----------------------------------------------------------------

    def _attribute(
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
            found = self._from_tail(para, tail_from, tail)
            if found[0]:
                return found
        if _VERB.search(head):
            found = self._from_head(para, head_from, head)
            if found[0]:
                return found
            if head_from > sentence.start:
                found = self._from_head(
                    para, sentence.start, _blank_quotes(paragraph, sentence.start, span.start - 1)
                )
                if found[0]:
                    return found
        if head.rstrip().endswith(":"):
            ref = self._sentence_subject(para, sentence.start, span.start)
            if ref:
                return ref, "colon"
        if sentence_initial:
            found = self._previous_sentence(para, sentence.start)
            if found[0] and not self._from_tail(para, tail_from, tail)[0]:
                return found
        if not sentence_initial and prev and prev.speaker and prev.para == para:
            # "… and that China would "…"" after an attributed quote in the same sentence
            psent = doc.sentence_at(para, max(prev.start - 1, 0))
            if psent.start == sentence.start:
                return prev.speaker, "same-sentence"
        return None, ""

    def _from_tail(self, para: int, offset: int, tail: str) -> tuple[str | None, str]:
        match = _VERB.search(tail)
        if not match or match.start() > 140:
            return None, ""
        before = tail[: match.start()]
        plain = re.sub(
            r"(?:[A-Z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|St)\.", "X", before
        )
        if re.search(r"[.!?]\s", plain):
            return None, ""
        pron = _PRONOUN_VERB.search(before)
        if pron:
            return self._pronoun(para, offset + pron.start(), pron.group(1)), "pronoun"
        described = self._described_speaker(para, offset, before)
        if described[0]:
            return described
        refs = self.doc.refs_in(para, offset, offset + match.start())
        ref = _pick(refs, nearest=False)
        if ref:
            return ref.actor, "after"
        definite = _definite_search(before)
        if definite:
            found = self._definite(para, offset, definite.group(1))
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
            ref = _pick(refs[:2], nearest=False)
            if ref:
                return ref.actor, "verb-first"
        return None, ""

    def _from_head(self, para: int, offset: int, head: str) -> tuple[str | None, str]:
        verbs = list(_VERB.finditer(head))
        if not verbs:
            return None, ""
        verb = verbs[-1]
        before = head[: verb.start()]
        if verb.group(0).lower() == "according to":
            refs = self.doc.refs_in(para, offset + verb.end(), offset + len(head))
            ref = _pick(refs, nearest=False)
            if ref:
                return ref.actor, "according-to"
            pron = re.match(r"\s+(him|her|them)\b", head[verb.end() :])
            if pron:
                return self._pronoun(para, offset + verb.start(), pron.group(1)), "according-to"
            return None, ""
        pron = _PRONOUN_VERB.search(before)
        if pron:
            return self._pronoun(para, offset + pron.start(), pron.group(1)), "pronoun-head"
        described = self._described_speaker(para, offset, before)
        if described[0]:
            return described
        if _COORDINATED.search(before):
            # "He accused the KLF of …, and said …": the sentence's subject said it
            sentence = self.doc.sentence_at(para, offset)
            found = self._sentence_subject(para, sentence.start, offset + verb.start())
            if found:
                return found, "coordinated"
        agent = re.match(r"\s*by\s+", head[verb.end() :])
        if agent:
            refs = self.doc.refs_in(para, offset + verb.end(), offset + verb.end() + 60)
            if refs:
                return refs[0].actor, "passive"
        if verb.group(0).endswith("ing"):
            sentence = self.doc.sentence_at(para, offset)
            found = self._sentence_subject(para, sentence.start, offset + verb.start())
            if found:
                return found, "participle"
        ref = self._subject(para, offset, before)
        if ref:
            return ref.actor, "before"
        definite = _definite_search(before)
        if definite:
            found = self._definite(para, offset, definite.group(1))
            if found:
                return found, "definite-head"
        refs = self.doc.refs_in(para, offset + verb.end(), offset + len(head))
        if refs and verb.group(0) in {"said", "says", "wrote", "added"}:
            gap = head[verb.end() : refs[0].start - offset]
            if re.fullmatch(r"[\s,]*(?:[\w.'’-]+\s+){0,4}", gap):
                return refs[0].actor, "verb-first-head"
        return None, ""

    def _subject(self, para: int, offset: int, before: str) -> Ref | None:
        """The subject of a speech verb: walk the comma-separated pieces before it from the
        nearest back, skipping appositives ("the Kremlin's spokesman"), people first."""
        pieces = [(m.start(), m.end()) for m in re.finditer(r"[^,;]+", before)]
        for n, (start, end) in enumerate(reversed(pieces)):
            piece = before[start:end]
            words = re.findall(r"[\w'’-]+", piece.lower())
            refs = self.doc.refs_in(para, offset + start, offset + end)
            if words and words[0] in {"which", "who", "whose", "where", "when"}:
                continue  # a relative clause: ", which backs …,"
            refs = [
                r
                for r in refs
                if not _PREPOSITION.search(
                    self.doc.paragraphs[para][max(0, r.start - 12) : r.start]
                )
            ]
            appositive = (
                bool(words)
                and (
                    words[0] in {"the", "a", "an", "his", "her", "their", "its"}
                    or words[0] in lx.ROLE_NOUNS
                )
                and (any(w in lx.ROLE_NOUNS for w in words) or words[0] in {"a", "an"})
                and not any(r.kind in {"person", "group"} for r in refs)
                and start > 0
            )  # ", a National Alliance elder who …,": an indefinite appositive never speaks
            if appositive:
                continue
            ref = _pick(refs, nearest=True)
            if ref:
                return ref
            if n == 0 and start > 0 and _UNNAMED_SUBJECT.fullmatch(piece.strip()):
                return None  # "…, analysts said": an unnamed speaker, not an earlier name
        return None

    def _sentence_subject(self, para: int, start: int, end: int) -> str | None:
        """Who a sentence is about: a leading pronoun, else its first person, else its
        first actor of any kind (people, groups, organisations, countries)."""
        text = _blank_quotes(self.doc.paragraphs[para], start, end)
        lead = re.match(
            r"\s*(?:(?:But|And|Yet|So|Still|Later|Earlier|Then|Also)\s*,?\s+)?"
            r"(He|She|They)\b",
            text,
        )
        if lead:
            return self._pronoun(para, start + lead.start(1), lead.group(1))
        refs = [
            r
            for r in self.doc.refs_in(para, start, end)
            if not _PREPOSITION.search(self.doc.paragraphs[para][max(0, r.start - 12) : r.start])
        ]
        people = [r for r in refs if r.kind == "person"]
        if people:
            return people[0].actor
        return refs[0].actor if refs else None

    def _previous_sentence(self, para: int, start: int) -> tuple[str | None, str]:
        """A quote opening a sentence right after "X said that …" (same paragraph) is X's."""
        spans = self.doc.sentences[para]
        prev = [s for s in spans if s.end <= start]
        if not prev:
            return None, ""
        sentence = prev[-1]
        text = _blank_quotes(self.doc.paragraphs[para], sentence.start, sentence.end)
        if not _VERB.search(text):
            return None, ""
        speaker, _ = self._from_head(para, sentence.start, text)
        return speaker, "previous-sentence"

    def _intro(self, para: int) -> tuple[str | None, str]:
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
        return self._from_head(para, sentence.start, head)

    def _pronoun(self, para: int, offset: int, pronoun: str) -> str | None:
        low = pronoun.lower()
        if low in {"he", "she", "him", "her"}:
            kinds = {"person"}
        elif low == "it":  # "it said": the last organisation, country or group named
            kinds = {"organization", "country", "group"}
        else:
            kinds = {"group", "organization", "country", "person"}
        ref = self.doc.last_ref_before(para, offset, kinds)
        return ref.actor if ref else None

    def _definite(self, para: int, offset: int, noun: str) -> str | None:
        noun = noun.lower()
        if noun in {"official", "officials", "diplomat", "diplomats", "source", "sources"}:
            ref = self.doc.last_ref_before(para, offset, {"group"})
            if ref:
                return ref.actor
            ref = self.doc.last_ref_before(para, offset, {"person"}, want=noun.rstrip("s"))
            return ref.actor if ref else None
        if noun in lx.ROLE_NOUNS or noun in lx.TITLE_WORDS:
            ref = self.doc.last_ref_before(para, offset, {"person"}, want=noun)
            if ref is None and noun.startswith("spokes"):
                return self._spokesman_body(para, offset)
            return ref.actor if ref else None
        ref = self.doc.last_ref_before(
            para, offset, {"organization", "group", "country"}, want=noun
        )
        if ref is None and noun in _GENERIC_ORG:
            # "the company said": the last organisation; "the health ministry said" is not
            # the last organisation named unless that one is a ministry
            ref = self.doc.last_ref_before(para, offset, {"organization"})
        return ref.actor if ref else None

    def _described_speaker(self, para: int, offset: int, before: str) -> tuple[str | None, str]:
        """A speaker described, not named, right before the verb: "His spokesman" (the
        person named last: he speaks for him), "Its spokeswoman" (the body named last),
        "The 54-year-old engineer" (the person named last)."""
        owned = _OWNED_SPOKESMAN.search(before)
        if owned:
            pronoun = {"his": "he", "her": "she", "its": "it", "their": "they"}
            owner = self._pronoun(para, offset + owned.start(), pronoun[owned.group(1).lower()])
            return owner, "spokesman"
        if _AGED.search(before):
            ref = self.doc.last_ref_before(para, offset + len(before), {"person"})
            return (ref.actor if ref else None), "described"
        return None, ""

    def _spokesman_body(self, para: int, offset: int) -> str | None:
        """The body an unnamed spokesman speaks for: an organisation or country named
        earlier in his sentence ("Asked whether the company would …, the spokesman said"),
        else the subject of an earlier sentence of this or the previous paragraph
        ("Orientis Shipping said … A spokesman said"), else the one named last."""
        kinds = {"organization", "country"}
        sentence = self.doc.sentence_at(para, offset)
        here = [r for r in self.doc.refs_in(para, sentence.start, offset) if r.kind in kinds]
        if here:
            return here[-1].actor
        for p in (para, para - 1):
            if p < 0:
                continue
            subjects = [
                r
                for span in self.doc.sentences[p]
                if span.start < (offset if p == para else len(self.doc.paragraphs[p]))
                for r in self.doc.refs_in(p, span.start, span.start + 40)[:1]
                if r.kind in kinds
                and re.fullmatch(
                    r"[\s\"“]*(?:[Tt]he\s+)?", self.doc.paragraphs[p][span.start : r.start]
                )
            ]
            if subjects:
                return subjects[-1].actor
        ref = self.doc.last_ref_before(para, offset, kinds)
        return ref.actor if ref is not None and ref.para >= para - 1 else None

    def _attribution(self, speaker: str, how: str) -> str:
        actor = self.doc.actors.get(speaker)
        if actor is None:
            return "on-record"
        if actor.kind == "group":
            if re.search(r"(?:officials|diplomats|sources)$|\(anonymous\)$", actor.name):
                return "anonymous-official"
            return "reported"
        if how.startswith("according-to") and actor.kind == "person":
            return "reported"
        if actor.kind in {"organization", "country"} or how.endswith("spokesman"):
            return "spokesperson"  # … or "His spokesman said": for him, not by him
        if actor.role and re.search(r"spokes|press secretary", actor.role, re.IGNORECASE):
            return "spokesperson"
        return "on-record"


def _blank_quotes(paragraph: str, start: int, end: int) -> str:
    """``paragraph[start:end]`` with quoted stretches blanked out (offsets kept)."""
    text = list(paragraph[start:end])
    inside = False
    for i, ch in enumerate(text):
        if ch in '"\u201c\u201d':
            inside = not inside if ch == '"' else ch == "\u201c"
            continue
        if inside:
            text[i] = " "
    return "".join(text)


def _pick(refs: list[Ref], *, nearest: bool) -> Ref | None:
    """People first, then anonymous groups, organisations, countries."""
    for kind in _PRIORITY:
        hits = [r for r in refs if r.kind == kind]
        if hits:
            return hits[-1] if nearest else hits[0]
    return None
