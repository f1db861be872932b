"""The analysed article every extractor shares: paragraphs, sentences, actor mentions."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from briefing.derive.actors import Actor
from briefing.derive.sentences import QuoteSpan, Span, find_quotes, split_sentences

__all__ = ["Doc", "QuoteSpan", "Ref", "find_quotes"]


@dataclass(frozen=True, slots=True)
class Ref:
    """One mention of a (folded) actor."""

    para: int
    start: int
    end: int
    actor: str
    kind: str
    text: str


@dataclass
class Doc:
    paragraphs: list[str]
    actors: dict[str, Actor]
    sentences: list[list[Span]] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    quotes: list[list[QuoteSpan]] = field(default_factory=list)
    # Sorted lookup keys, so that finding the mentions or the sentence at a place is a
    # binary search, not a scan of the whole article per statement (which made derive
    # quadratic in the article's length).
    _ref_keys: list[tuple[int, int]] = field(default_factory=list, repr=False)
    _sentence_starts: list[list[int]] = field(default_factory=list, repr=False)

    @classmethod
    def build(cls, paragraphs: list[str], actors: dict[str, Actor]) -> Doc:
        doc = cls(paragraphs, actors)
        doc.sentences = [split_sentences(p, i) for i, p in enumerate(paragraphs)]
        refs = [
            Ref(m.para, m.start, m.end, actor.id, actor.kind, m.text)
            for actor in actors.values()
            for m in actor.mentions
        ]
        doc.refs = sorted(refs, key=lambda r: (r.para, r.start))
        doc._ref_keys = [(r.para, r.start) for r in doc.refs]
        doc._sentence_starts = [[span.start for span in spans] for spans in doc.sentences]
        doc.quotes = [find_quotes(p, i) for i, p in enumerate(paragraphs)]
        return doc

    def sentence_at(self, para: int, offset: int) -> Span:
        """The first sentence of ``para`` whose span (or the character after it) holds
        ``offset``, else the paragraph's last sentence."""
        spans = self.sentences[para]
        index = bisect_right(self._sentence_starts[para], offset) - 1
        for i in (index - 1, index):  # the one before wins a tie on its end + 1
            if 0 <= i < len(spans) and spans[i].start <= offset < spans[i].end + 1:
                return spans[i]
        return spans[-1]

    def in_quote(self, para: int, offset: int) -> bool:
        return any(q.start <= offset < q.end for q in self.quotes[para])

    def refs_in(self, para: int, start: int, end: int, outside_quotes: bool = True) -> list[Ref]:
        low = bisect_left(self._ref_keys, (para, start))
        high = bisect_right(self._ref_keys, (para, end))
        return [
            r
            for r in self.refs[low:high]
            if r.end <= end and not (outside_quotes and self.in_quote(para, r.start))
        ]

    def last_ref_before(
        self, para: int, offset: int, kinds: set[str], want: str | None = None
    ) -> Ref | None:
        """The nearest earlier mention of one of ``kinds`` (optionally whose text or the
        actor's role/name contains ``want``), skipping mentions inside quotes."""
        # Nearest first: the mentions before (para, offset), walked backwards.
        for index in range(bisect_left(self._ref_keys, (para, offset)) - 1, -1, -1):
            ref = self.refs[index]
            if ref.kind not in kinds or self.in_quote(ref.para, ref.start):
                continue
            if want:
                actor = self.actors.get(ref.actor)
                hay = " ".join(
                    x
                    for x in (ref.text, actor.role if actor else "", actor.name if actor else "")
                    if x
                ).lower()
                if want.lower() not in hay:
                    continue
            return ref
        return None
