"""What actor extraction passes from step to step: mentions, tokens, actors.

Finding mentions (:mod:`briefing.derive.mentions`) turns an article's paragraphs into
:class:`Mention` objects, each with a :data:`MentionKey`: a small typed value saying what
the mention refers to (a gazetteer entity, a person's name, an organisation's name, an
anonymous group). The key is the contract between finding and folding, so the fold never
parses strings. Folding (:mod:`briefing.derive.actors`) joins mentions into
:class:`Actor` objects, passing a :class:`Fold` (the article and what is folded so far)
from step to step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.derive.lexicon import wordset
from briefing.derive.sentences import normalise

# abbreviations that keep their dot as part of the word ("Mr.", "Gen.")
_ABBREV_DOT = wordset("Mr Ms Mrs Dr Gen Sen Rep Gov Lt Col Maj Sgt Adm Capt Prof St Jr Sr")
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w'’‘\-]*[^\W_])?")


# --- what a mention refers to ------------------------------------------------------------


@dataclass(frozen=True)
class EntityKey:
    """A gazetteer entity (country or organisation of the lexicon), by its id."""

    entity_id: str


@dataclass(frozen=True)
class NameKey:
    """A person's name as written (normalised); the fold joins the forms of one name."""

    name: str


@dataclass(frozen=True)
class OrgKey:
    """An organisation not in the gazetteer, by its name as written ("Harbor Energy")."""

    name: str


@dataclass(frozen=True)
class GroupKey:
    """An anonymous or collective group before folding: the qualifier as written, made a
    label ("U.S.", "Western", "" for none), and its class ("officials", "allies")."""

    label: str
    cls: str


@dataclass(frozen=True)
class GroupNameKey:
    """A group after folding: its display name ("U.S. officials")."""

    name: str


MentionKey = EntityKey | NameKey | OrgKey | GroupKey | GroupNameKey


@dataclass
class Mention:
    """One place an actor is named."""

    para: int
    start: int
    end: int
    text: str
    key: MentionKey
    kind: str
    role: str | None = None
    evidence: set[str] = field(default_factory=set)
    weight: float = 1.0
    sentence_start: bool = False


@dataclass
class Token:
    """A word of a paragraph with its offsets; a possessive ``'s`` is a flag, not text."""

    text: str
    start: int
    end: int
    possessive: bool = False

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


def tokens(paragraph: str) -> list[Token]:
    """Word tokens with offsets; ``'s`` split off as a flag, ``Mr.``/initials keep the dot."""
    out: list[Token] = []
    for match in _TOKEN.finditer(paragraph):
        text, start, end = match.group(0), match.start(), match.end()
        possessive = False
        if text.endswith(("'s", "’s", "‘s")) and len(text) > 2:
            text, possessive = text[:-2], True
        elif text.endswith(("s'", "s’")) and text[:1].isupper():
            text, possessive = text[:-1], True
        if (
            not possessive
            and paragraph[end : end + 1] == "."
            and (text in _ABBREV_DOT or re.fullmatch(r"[A-Z]", text))
        ):
            text, end = text + ".", end + 1
        out.append(Token(text, start, start + len(text), possessive))
        if possessive:
            out[-1].end = start + len(text)
    return out


def is_sentence_start(paragraph: str, offset: int) -> bool:
    """Does a sentence begin at ``offset`` (a capital there says nothing about a name)?"""
    before = paragraph[:offset].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?:—–-\u2014" or before.endswith("(AP)")


@dataclass
class Actor:
    """A folded actor with every mention of it."""

    id: str
    name: str
    kind: str
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    speaker: int = 0
    known: bool = False

    def score(self) -> float:
        return sum(m.weight for m in self.mentions) + 2 * self.speaker

    def to_data(self) -> dict[str, object]:
        data: dict[str, object] = {"id": self.id, "name": self.name, "kind": self.kind}
        if self.role:
            data["role"] = self.role
        if self.affiliation:
            data["affiliation"] = self.affiliation
        aliases = [a for a in self.aliases if normalise(a).lower() != normalise(self.name).lower()]
        if aliases:
            data["aliases"] = aliases[:8]
        return data


@dataclass
class Fold:
    """What the fold's steps share: the article's paragraphs, its mentions (steps add
    mentions they find, such as "the union", and re-key others) and the actors folded so
    far, by id. ``country_forms`` maps the forms of a country the gazetteer does not know
    to its name ("Sardovan" -> "Sardova")."""

    paragraphs: list[str]
    mentions: list[Mention]
    actors: dict[str, Actor] = field(default_factory=dict)
    country_forms: dict[str, str] = field(default_factory=dict)


def match_key(text: str) -> str:
    """A name as compared with others: lower case, no leading "the", no punctuation."""
    text = normalise(text).lower()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^\w]+", " ", text).strip()


def dedupe(items: list[str]) -> list[str]:
    """``items`` without repeats, in their first order."""
    seen: set[str] = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
