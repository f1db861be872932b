"""Who a phrase right before a speech verb refers to, and how on the record it is.

A statement's speaker is written in many ways: a name ("Lena Hofstad said"), a pronoun
("she said", "it said"), a description ("the minister said", "a company spokeswoman
said", "His spokesman said", "The 54-year-old engineer told staff"), or the subject of a
longer clause ("Hofstad, the union's director, said"). :class:`Speakers` turns each of
these into an actor id using the mentions :class:`~briefing.derive.doc.Doc` already holds
(the last person, organisation or group named before the phrase). Both direct quotes
(:mod:`briefing.derive.quote_speaker`) and reported speech
(:mod:`briefing.derive.reported`) ask it, so a description resolves the same way in both.

:meth:`Speakers.attribution` says how on the record a statement is: an anonymous group is
``anonymous-official``, a body or a spokesman ``spokesperson``, "according to X"
``reported``, else ``on-record``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.derive import lexicon as lx
from briefing.derive.doc import Doc, Ref
from briefing.derive.lexicon import wordset

# "he said", "they also said": a pronoun right before the verb
PRONOUN_VERB = re.compile(r"\b(he|she|they|it|He|She|They|It)\s+(?:also\s+|later\s+|then\s+)?$")
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
_GENERIC_ORG = wordset("company firm group organisation organization body bloc alliance")
_PREPOSITION = re.compile(
    r"\b(?:in|at|from|near|of|to|with|for|on|by|about|against|into|under|over|via|through|"
    r"among|between)\s+$"
)
# a short lower-case noun phrase right before the verb: "analysts", "two witnesses"
_UNNAMED_SUBJECT = re.compile(
    r"(?:(?:some|many|several|other|local|two|three|four|a few|most)\s+)?[a-z][a-z-]+s"
)
# ", which advises the states, has recommended": "has" is no plural noun like "analysts"
_AUXILIARY = wordset("has was is does")
_PRIORITY = ("person", "group", "organization", "country")


@dataclass
class Quote:
    """An attributed statement: a direct quote (``text`` verbatim) or reported speech
    (``text`` empty)."""

    para: int
    start: int
    end: int
    text: str
    speaker: str | None
    how: str
    attribution: str = "on-record"
    partial: bool = False


def definite_search(before: str) -> re.Match[str] | None:
    """The description right before a speech verb: "the minister", "a spokesman"."""
    return _DEFINITE.search(before) or _A_SPOKESMAN.search(before)


class Speakers:
    """Resolves the phrase before a speech verb to an actor of :attr:`doc`."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    def subject(self, para: int, offset: int, before: str) -> Ref | None:
        """The subject of a speech verb: walk the comma-separated pieces before it from the
        nearest back, skipping appositives ("the Kremlin's spokesman"), people first."""
        pieces = [(m.start(), m.end()) for m in re.finditer(r"[^,;]+", before)]
        for n, (start, end) in enumerate(reversed(pieces)):
            piece = before[start:end]
            words = re.findall(r"[\w'’-]+", piece.lower())
            refs = self.doc.refs_in(para, offset + start, offset + end)
            if words and words[0] in {"which", "who", "whose", "where", "when"}:
                if n == 0 and len(words) > 1:
                    # "…, which traders said …", "…, whose government said …": the verb
                    # is the relative clause's own, its subject the noun inside it, never
                    # the clause's antecedent ("…, who has said" keeps the antecedent)
                    own = [
                        r
                        for r in refs
                        if not _PREPOSITION.search(
                            self.doc.paragraphs[para][max(0, r.start - 12) : r.start]
                        )
                    ]
                    rest = re.sub(r"^\s*\w+\s+", "", piece).strip()
                    if own:
                        return pick(own, nearest=True)
                    if words[0] == "whose" or (
                        _UNNAMED_SUBJECT.fullmatch(rest) and rest not in _AUXILIARY
                    ):
                        return None
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
            # ", Sarto's junior coalition partner,": a possessive noun phrase describes the
            # subject before it; the one it names in the possessive does not speak
            appositive = appositive or (
                start > 0
                and n > 0
                and re.fullmatch(r"\s*[A-Z][\w-]*['’]s(?:\s+[a-z][\w-]*){1,4}\s*", piece)
                is not None
            )
            if appositive:
                continue
            ref = pick(refs, nearest=True)
            if ref:
                return ref
            if (
                n == 0
                and start > 0
                and _UNNAMED_SUBJECT.fullmatch(piece.strip())
                and piece.strip() not in _AUXILIARY
            ):
                return None  # "…, analysts said": an unnamed speaker, not an earlier name
        return None

    def sentence_subject(self, para: int, start: int, end: int) -> str | None:
        """Who a sentence is about: a leading pronoun, else its first person, else its
        first actor of any kind (people, groups, organisations, countries)."""
        text = blank_quotes(self.doc.paragraphs[para], start, end)
        lead = re.match(
            r"\s*(?:(?:But|And|Yet|So|Still|Later|Earlier|Then|Also)\s*,?\s+)?"
            r"(He|She|They)\b",
            text,
        )
        if lead:
            return self.pronoun(para, start + lead.start(1), lead.group(1))
        refs = [
            r
            for r in self.doc.refs_in(para, start, end)
            if not _PREPOSITION.search(self.doc.paragraphs[para][max(0, r.start - 12) : r.start])
        ]
        people = [r for r in refs if r.kind == "person"]
        if people:
            return people[0].actor
        return refs[0].actor if refs else None

    def pronoun(self, para: int, offset: int, pronoun: str) -> str | None:
        low = pronoun.lower()
        if low in {"he", "she", "him", "her"}:
            kinds = {"person"}
        elif low == "it":  # "it said": the last organisation, country or group named
            kinds = {"organization", "country", "group"}
        else:
            kinds = {"group", "organization", "country", "person"}
        ref = self.doc.last_ref_before(para, offset, kinds)
        return ref.actor if ref else None

    def definite(self, para: int, offset: int, noun: str) -> str | None:
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
                return self.spokesman_body(para, offset)
            return ref.actor if ref else None
        ref = self.doc.last_ref_before(
            para, offset, {"organization", "group", "country"}, want=noun
        )
        if ref is None and noun in _GENERIC_ORG:
            # "the company said": the last organisation; "the health ministry said" is not
            # the last organisation named unless that one is a ministry
            ref = self.doc.last_ref_before(para, offset, {"organization"})
        return ref.actor if ref else None

    def described(self, para: int, offset: int, before: str) -> tuple[str | None, str]:
        """A speaker described, not named, right before the verb: "His spokesman" (the
        person named last: he speaks for him), "Its spokeswoman" (the body named last),
        "The 54-year-old engineer" (the person named last)."""
        owned = _OWNED_SPOKESMAN.search(before)
        if owned:
            pronoun = {"his": "he", "her": "she", "its": "it", "their": "they"}
            owner = self.pronoun(para, offset + owned.start(), pronoun[owned.group(1).lower()])
            return owner, "spokesman"
        if _AGED.search(before):
            ref = self.doc.last_ref_before(para, offset + len(before), {"person"})
            return (ref.actor if ref else None), "described"
        return None, ""

    def spokesman_body(self, para: int, offset: int) -> str | None:
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

    def attribution(self, speaker: str, how: str) -> str:
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


def blank_quotes(paragraph: str, start: int, end: int) -> str:
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


def pick(refs: list[Ref], *, nearest: bool) -> Ref | None:
    """People first, then anonymous groups, organisations, countries."""
    for kind in _PRIORITY:
        hits = [r for r in refs if r.kind == kind]
        if hits:
            return hits[-1] if nearest else hits[0]
    return None
