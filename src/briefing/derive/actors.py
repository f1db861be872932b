"""Actors: people with their roles, countries, organisations and anonymous groups.

The second half of actor extraction. :class:`briefing.derive.mentions.MentionFinder`
finds every place an actor is named; :class:`ActorExtractor` folds those mentions into
actors, so that every form of a name (``Joe Biden``, ``President Biden``, ``Biden``,
``Mr. Biden``) becomes one actor whose id is the slug of the full name. The fold runs in
this order:

1. people named in full with some evidence (a role, a speech verb, a given name) become
   actors; surname-only mentions join them (or the built-in list of famous people); a
   name the article shows elsewhere to be an organisation's is that organisation;
2. a single capitalised word that speaks and matches nobody is an organisation
   ("Maersk said"), and so is one before a business title ("Skyline founder Lars Berg")
   or after "Analysts at";
3. countries the gazetteer does not know are found by their marks (a demonym,
   "X's government", "the government of X", "X Trade Minister Y");
4. "the minister", "the head of NATO" join the person whose role has that noun (for "the
   president of X", only someone whose role names X);
5. anonymous groups get their display name ("officials said" joins the most mentioned
   qualified group of its class, e.g. "U.S. officials");
6. countries, organisations and groups become one actor per key; a one-word
   organisation joins the long name it shortens ("the Commission", "Halvard", "Police"
   -> "Calder Police Department"); "the Defence Ministry" joins the country-qualified
   ministry named last before it; "Its regional director, X" takes as X's affiliation
   the organisation its sentence (or the one before) is about; a capitalised run seen
   elsewhere as an organisation's name is another mention of it;
7. "the union", "the agency", "the company" are later mentions of the organisation they
   fit (named last; for "the company", the story's most named business), a role naming
   one ("Board chairman") gives the affiliation, and "The official" / "One of them" are
   the anonymous source named last;
8. ids of actors already in the library are reused when a name or alias matches, or
   when a person's full name is a spelling variant of a library name (rapidfuzz).

Who reports the story (the publisher, news agencies) is never an actor of it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from briefing.derive import lexicon as lx
from briefing.derive.mentions import (
    BARE_BODIES,
    EXPERTS_AT,
    GROUP_CLASS,
    HONORIFICS,
    LOCATIVE,
    LOOSE_QUALIFIERS,
    ORG_HEAD_WORDS,
    PARTICLES,
    SAYS_NOW,
    EntityKey,
    GroupKey,
    GroupNameKey,
    Mention,
    MentionFinder,
    NameKey,
    OrgKey,
    affiliation_of,
    group_qualifier,
)
from briefing.derive.sentences import normalise, slugify

KnownActor = tuple[str, str, Sequence[str]]  # (id, name, aliases)

__all__ = ["Actor", "ActorExtractor", "KnownActor", "Mention"]


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


class ActorExtractor:
    """Finds the mentions in paragraphs and folds them into :class:`Actor` objects."""

    def __init__(
        self,
        paragraphs: list[str],
        *,
        title: str | None = None,
        known_actors: Iterable[KnownActor] = (),
        use_famous: bool = True,
        publisher: str | None = None,
    ) -> None:
        self.paragraphs = paragraphs
        self.title = title or ""
        # who reports the story is not an actor in it ("… told Reuters by telephone")
        self.reporters = {_key(a) for a in _NEWS_AGENCIES}
        if publisher:
            self.reporters.add(_key(publisher))
        self.known = list(known_actors)
        # forms of countries the gazetteer does not know: "Sardova"/"Sardovan" -> Sardova
        self.country_forms: dict[str, str] = {}
        self.use_famous = use_famous
        self.mentions: list[Mention] = []
        self.actors: dict[str, Actor] = {}

    def run(self) -> dict[str, Actor]:
        """The article's actors by id, each with its mentions."""
        self.mentions = [
            m for m in MentionFinder(self.paragraphs).find() if _key(m.text) not in self.reporters
        ]
        self._fold()
        return self.actors

    # -- folding -------------------------------------------------------------------------

    def _fold(self) -> None:
        persons: dict[str, Actor] = {}
        singles: list[Mention] = []
        famous = lx.FAMOUS if self.use_famous else {}
        # a name the article shows elsewhere to be an organisation's ("Trivela Transport,
        # a private group") is that organisation wherever it is written
        org_names = {m.key.name for m in self.mentions if isinstance(m.key, OrgKey)}
        for m in self.mentions:
            if m.kind == "person" and len(m.text.split()) > 1 and normalise(m.text) in org_names:
                m.kind, m.key = "organization", OrgKey(normalise(m.text))
        for m in sorted(self.mentions, key=lambda m: (m.para, m.start)):
            if m.kind != "person":
                continue
            words = [w for w in m.text.split() if w not in PARTICLES]
            if len(words) >= 2 and (m.evidence & {"role", "speech", "given", "honorific"}):
                target = self._match_person(persons, m.text)
                if target is None:
                    target = Actor(slugify(m.text), m.text, "person")
                    persons[m.text] = target
                elif len(m.text) > len(target.name) and target.name in m.text:
                    pass
                target.mentions.append(m)
                if m.role and not target.role:
                    target.role = m.role
            else:
                singles.append(m)
        # surname-only and unconfirmed mentions
        leftovers: list[Mention] = []
        for m in singles:
            target = self._match_person(persons, m.text, surname_only=True)
            if target is None and m.text in famous:
                full = famous[m.text]
                target = persons.get(full) or Actor(slugify(full), full, "person")
                persons[full] = target
            if target is None and (m.evidence & {"role", "honorific"}) and m.text[:1].isupper():
                target = Actor(slugify(m.text), m.text, "person")
                persons[m.text] = target
            if target is None:
                leftovers.append(m)
                continue
            target.mentions.append(m)
            if m.text != target.name:
                target.aliases.append(m.text)
            if m.role and not target.role:
                target.role = m.role
        # a name seen once without evidence but spoken later as a surname: a person
        spoken_words = {o.text for o in leftovers if "speech" in o.evidence}
        for m in leftovers:
            words = m.text.split()
            if len(words) >= 2 and words[-1] not in lx.NOT_PERSON_HEADS:
                spoken = words[-1] in spoken_words
                if spoken:
                    target = persons.setdefault(m.text, Actor(slugify(m.text), m.text, "person"))
                    target.mentions.append(m)
        by_word: dict[str, list[Mention]] = {}
        for m in leftovers:
            if len(m.text.split()) == 1:
                by_word.setdefault(m.text, []).append(m)
        for actor in persons.values():
            own = {id(m) for m in actor.mentions}
            actor.mentions.extend(
                m for m in by_word.get(actor.name.split()[-1], []) if id(m) not in own
            )
        # a single word before a business title and a name is a company ("Skyline founder
        # Lars Berg", "Nordvik chief executive Ola Lunde"), and so is a firm whose experts
        # speak ("Economists at Nordbank warned")
        for m in leftovers:
            after = self.paragraphs[m.para][m.end : m.end + 60]
            before = self.paragraphs[m.para][max(0, m.start - 30) : m.start]
            if (
                len(m.text.split()) == 1
                and m.text not in lx.NOT_NAMES
                and m.text.lower() not in lx.TITLE_WORDS
                and (_BUSINESS_TITLE.match(after) or EXPERTS_AT.search(before))
                and not any(m in a.mentions for a in persons.values())
            ):
                m.kind, m.key, m.evidence = "organization", OrgKey(m.text), {"org-apposition"}
                m.weight = 2.0  # a company whose executive speaks in the story is in it
        # single words that speak but match no person: organisations ("Maersk said"),
        # unless a sentence-initial plural noun ("Seismologists said", "Analysts said")
        for m in leftovers:
            if (
                len(m.text.split()) == 1
                and not (m.sentence_start and _PLURAL_NOUN.fullmatch(m.text))
                and m.text not in lx.NOT_NAMES
                and m.text.lower() not in GROUP_CLASS
                and not LOCATIVE.search(self.paragraphs[m.para][max(0, m.start - 30) : m.start])
                and "-" not in m.text
                and SAYS_NOW.match(self.paragraphs[m.para][m.end : m.end + 80])
                and not any(m in a.mentions for a in persons.values())
            ):
                m.kind = "organization"
                m.key = OrgKey(m.text)
        self._unknown_countries(persons)
        for actor in persons.values():
            actor.aliases = _dedupe(
                [m.text for m in actor.mentions if m.text != actor.name] + actor.aliases
            )
            self._finish_person(actor)
            if self._spoken_of_as_it(actor):
                actor.kind = "organization"  # "Skyra Ventana said it would …"
            self.actors.setdefault(actor.id, actor)
        self._definite_roles(persons)
        self._fold_groups()
        for m in self.mentions:
            if m.kind in {"organization", "country", "group"}:
                self._entity_actor(m)
        self._fold_short_org_names()
        self._fold_unqualified_bodies()
        self._possessive_affiliations(persons)
        self._join_repeated_org_names(leftovers)
        self._definite_orgs()
        self._role_affiliations(persons)
        self._anonymous_followups()
        self._reuse_known_ids()

    def _unknown_countries(self, persons: dict[str, Actor]) -> None:
        """A country the gazetteer does not know (a small or newly named one) is a single
        capitalised word with a country's marks in the article: its demonym ("Korvania" /
        "Korvanian"), its government or ministers ("Talmark's government", "the government
        of Norvale", "Talmark Trade Minister Jon Eide"). Every mention of it, and of its
        demonym, becomes a country mention; a person's name never does."""
        text = "\n".join(self.paragraphs)
        person_words = {w.strip(".") for a in persons.values() for w in a.name.split()}
        person_words |= {w for a in persons.values() for m in a.mentions for w in m.text.split()}
        found: dict[str, set[str]] = {}  # country name -> demonym forms seen
        for word in set(_DEMONYM_FORM.findall(text)):
            for stem in _demonym_stems(word):
                if re.search(rf"(?<![\w-]){re.escape(stem)}(?![\w-])", text):
                    found.setdefault(stem, set()).add(word)
        for cue in _COUNTRY_CUES:
            for match in cue.finditer(text):
                found.setdefault(match.group("c"), set())
        for name in list(found):
            if (
                name in person_words
                or name in _NOT_COUNTRIES
                or name in lx.NOT_NAMES
                or name.lower() in lx.TITLE_WORDS
                or name in ORG_HEAD_WORDS
                or name.isupper()
                or affiliation_of(name) is not None  # the gazetteer knows it
            ):
                del found[name]
        if not found:
            return
        forms = {name: name for name in found} | {
            dem: name for name, dems in found.items() for dem in dems
        }
        self.country_forms = forms
        taken: dict[int, list[Mention]] = {}
        for m in self.mentions:
            taken.setdefault(m.para, []).append(m)
        for m in self.mentions:
            bare = re.sub(r"['’]s$", "", m.text)
            if bare in forms and isinstance(m.key, NameKey | OrgKey):
                if any(m in a.mentions for a in persons.values()):
                    continue
                m.kind, m.key = "country", OrgKey(forms[bare])
                m.evidence = {"demonym"} if bare != forms[bare] else {"name"}
                m.weight = 0.5 if bare != forms[bare] else 1.0
        pattern = re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
            + r")(?![\w-])"
        )
        for i, para in enumerate(self.paragraphs):
            for match in pattern.finditer(para):
                start, end = match.start(), match.end()
                if any(o.start < end and start < o.end for o in taken.get(i, [])):
                    continue
                word = match.group(0)
                demonym = word != forms[word]
                in_role = re.match(
                    r"\s+(?:[A-Z][a-z]+\s+){0,2}(?:Minister|President)\b", para[end:]
                )
                mention = Mention(
                    i,
                    start,
                    end,
                    word,
                    OrgKey(forms[word]),
                    "country",
                    evidence={"demonym" if demonym else "name"}
                    | ({"in-role"} if in_role else set()),
                    weight=0.5 if demonym or in_role else 1.0,
                )
                self.mentions.append(mention)
                taken.setdefault(i, []).append(mention)

    def _possessive_affiliations(self, persons: dict[str, Actor]) -> None:
        """ "Its regional director, Paolo Sandri": the person belongs to the organisation
        (or country) named last before "its"/"their"."""
        for actor in persons.values():
            if actor.affiliation or not actor.role:
                continue
            for m in actor.mentions:
                before = self.paragraphs[m.para][: m.start]
                if not re.search(
                    r"\b(?:[Ii]ts|[Tt]heir)\s+" + re.escape(actor.role) + r",\s*$", before
                ):
                    continue
                owners = [
                    (o.para, o.start, a)
                    for a in self.actors.values()
                    if a.kind in {"organization", "country", "group"}
                    for o in a.mentions
                    if (o.para, o.start) < (m.para, m.start)
                ]
                if owners:
                    # "its" points at the subject of the sentence before: "The People's
                    # Party accused the Greens … Its leader" is the party's, not the Greens'
                    para_text = self.paragraphs[m.para]
                    cut = [x.end() for x in re.finditer(r"[.!?][\"”’]?\s+", para_text[: m.start])]
                    # … or of the same sentence, before a ";" ("The opposition Social
                    # Democrats said …; their education spokeswoman, Ida Rautio, said")
                    this_start = cut[-1] if cut else 0
                    in_sentence = [
                        t for t in owners if t[0] == m.para and this_start <= t[1] < m.start
                    ]
                    if not in_sentence:
                        sentence_start = cut[-2] if len(cut) >= 2 else 0
                        in_sentence = [
                            t
                            for t in owners
                            if t[0] == m.para and sentence_start <= t[1] < this_start
                        ]
                    owner = (
                        min(in_sentence, key=lambda t: t[1])[2]
                        if in_sentence
                        else max(owners, key=lambda t: (t[0], t[1]))[2]
                    )
                    actor.affiliation = owner.name
                    # an organisation whose own people are named in the story is in it
                    owner.mentions[0].weight += 1.0
                    break

    def _role_affiliations(self, persons: dict[str, Actor]) -> None:
        """ "Board chairman Peter Lowry", "the airline's chief executive, Petra Lund": a
        role naming an organisation by its noun belongs to the one named last before."""
        orgs = [a for a in self.actors.values() if a.kind == "organization"]
        for actor in persons.values():
            if actor.affiliation or not actor.role or not actor.mentions:
                continue
            # "Sardovan Energy Minister": a country the gazetteer does not know
            country = next(
                (
                    self.country_forms[w]
                    for w in re.findall(r"[A-Z][\w-]+", actor.role)
                    if w in self.country_forms
                ),
                None,
            )
            if country and slugify(country) in self.actors:
                actor.affiliation = country
                continue
            first = min((m.para, m.start) for m in actor.mentions)
            for noun in re.findall(r"[a-z]+", actor.role.lower()):
                cands = [a for a in orgs if _DEFINITE_ORG.fullmatch(f"the {noun}")]
                cands = [
                    a
                    for a in cands
                    if _org_noun_fits(a, noun, "")
                    # "Foreign Ministry" alone says too little: whose ministry?
                    and not all(w.lower() in _GENERIC_BODY_WORDS for w in a.name.split())
                ]
                before = [
                    (max((m.para, m.start) for m in a.mentions if (m.para, m.start) < first), a)
                    for a in cands
                    if any((m.para, m.start) < first for m in a.mentions)
                ]
                if before:
                    actor.affiliation = max(before, key=lambda t: t[0])[1].name
                    break

    def _anonymous_followups(self) -> None:
        """ "The official said", "One of them said": a later mention of the anonymous
        source with that noun named last before it (within two paragraphs)."""
        sources: list[tuple[str, Actor]] = []
        for actor in self.actors.values():
            for m in actor.mentions:
                nouns = [e[5:] for e in m.evidence if e.startswith("noun:")]
                if nouns and "anonymous" in m.evidence:
                    sources.append((nouns[0], actor))
        if not sources:
            return
        nouns = "|".join(sorted({re.escape(n) for n, _ in sources}))
        pattern = re.compile(
            r"\b(?:(?:[Tt]he|[Tt]hat|[Tt]his)\s+(?P<noun>" + nouns + r")s?|"
            r"(?P<one>[Oo]ne\s+of\s+them|[Oo]ne\s+of\s+the\s+(?P<noun2>" + nouns + r")s))\b"
        )
        claimed: dict[int, list[tuple[int, int]]] = {}
        for m in self.mentions:
            claimed.setdefault(m.para, []).append((m.start, m.end))
        for i, para in enumerate(self.paragraphs):
            for match in pattern.finditer(para):
                start, end = match.span()
                if any(s < end and start < e for s, e in claimed.get(i, [])):
                    continue
                noun = match.group("noun") or match.group("noun2")
                best: tuple[tuple[int, int], Actor] | None = None
                for source_noun, actor in sources:
                    if noun and source_noun != noun:
                        continue
                    for m in actor.mentions:
                        if "anonymous" not in m.evidence or not (i - 2 <= m.para <= i):
                            continue
                        if (m.para, m.start) < (i, start) and (
                            best is None or (m.para, m.start) > best[0]
                        ):
                            best = ((m.para, m.start), actor)
                if best is None:
                    continue
                target = best[1]
                mention = Mention(
                    i,
                    start,
                    end,
                    match.group(0),
                    GroupNameKey(target.name),
                    "group",
                    evidence={"group", "definite"},
                )
                target.mentions.append(mention)
                self.mentions.append(mention)
                claimed.setdefault(i, []).append((start, end))
                if match.group(0) not in target.aliases:
                    target.aliases.append(match.group(0))

    def _definite_orgs(self) -> None:
        """ "The union said", "the agency's director", "the company": a later mention of the
        organisation named last before it whose name ends in that noun (or, for "the
        company"/"the firm", of a business; for "the union", of a federation or
        association). A modifier ("the student union") must be a word of the name."""
        orgs = [a for a in self.actors.values() if a.kind == "organization"]
        if not orgs:
            return
        claimed: dict[int, list[tuple[int, int]]] = {}
        for m in self.mentions:
            claimed.setdefault(m.para, []).append((m.start, m.end))
        named_at = {a.id: sorted((m.para, m.start) for m in a.mentions) for a in orgs}
        for i, para in enumerate(self.paragraphs):
            for match in _DEFINITE_ORG.finditer(para):
                start, end = match.start(), match.end("noun")
                if any(s < end and start < e for s, e in claimed.get(i, [])):
                    continue
                noun, mod = match.group("noun").lower(), (match.group("mod") or "").lower()
                cands = [a for a in orgs if _org_noun_fits(a, noun, mod)]
                if not cands:
                    continue

                def last_seen(actor: Actor, para_i: int = i, pos: int = start) -> tuple[int, int]:
                    seen = named_at[actor.id]  # a binary search: derive stays linear
                    k = bisect_left(seen, (para_i, pos))
                    return seen[k - 1] if k else (-1, -1)

                # an exact head ("the agency" -> "… Agency") beats a looser fit; "the company"
                # is the story's main business (the most named), not the last one named
                exact = [a for a in cands if a.name.split()[-1].lower() == noun]
                if exact or noun not in _BUSINESS_NOUNS:
                    target = max(exact or cands, key=last_seen)
                else:
                    seen = [a for a in cands if last_seen(a) != (-1, -1)]
                    target = max(seen or cands, key=lambda a: (len(named_at[a.id]), last_seen(a)))
                if last_seen(target) == (-1, -1):
                    continue
                text = para[start:end]
                mention = Mention(
                    i,
                    start,
                    end,
                    text,
                    OrgKey(target.name),
                    "organization",
                    evidence={"definite"},
                    sentence_start=start == 0 or para[start - 2 : start - 1] in ".!?",
                )
                target.mentions.append(mention)
                self.mentions.append(mention)
                claimed.setdefault(i, []).append((start, end))
                alias = "the " + text.split(None, 1)[1]
                if alias not in target.aliases:
                    target.aliases.append(alias)

    def _fold_unqualified_bodies(self) -> None:
        """ "The Defence Ministry added" after "Russia's Defence Ministry said": each mention
        of the unqualified body joins the qualified one named last before it."""
        orgs = [a for a in self.actors.values() if a.kind == "organization"]
        for bare in orgs:
            # "the Red Cross" after "the Norwegian Red Cross": a lexicon body every mention
            # of which is the end of a national body's name, whatever the lexicon calls it
            lexicon_forms = (
                [re.sub(r"^(?:The|the)\s+", "", m.text) for m in bare.mentions]
                if bare.mentions and all(isinstance(m.key, EntityKey) for m in bare.mentions)
                else []
            )
            qualified = [
                a
                for a in orgs
                if a is not bare
                and (
                    a.name.endswith(" " + bare.name)
                    or a.name.startswith(bare.name + " of ")
                    or (lexicon_forms and all(a.name.endswith(" " + f) for f in lexicon_forms))
                )
            ]
            if not qualified:
                continue
            for m in bare.mentions:

                def last_before(actor: Actor, at: Mention = m) -> tuple[int, int]:
                    seen = [
                        (o.para, o.start)
                        for o in actor.mentions
                        if (o.para, o.start) < (at.para, at.start)
                    ]
                    return max(seen) if seen else (-1, -1)

                target = max(qualified, key=last_before)
                target.mentions.append(m)
                if m.text not in target.aliases:
                    target.aliases.append(m.text)
            del self.actors[bare.id]

    def _join_repeated_org_names(self, leftovers: list[Mention]) -> None:
        """A capitalised run with no evidence of its own ("Norsk Kabel's board") that is
        the name or alias of an organisation found elsewhere is another mention of it."""
        forms: dict[str, Actor] = {}
        short: dict[str, list[Actor]] = {}
        for actor in self.actors.values():
            if actor.kind in {"organization", "group"}:
                for form in (actor.name, *actor.aliases):
                    forms.setdefault(form, actor)
                words = actor.name.split()
                if len(words) > 1 and all(w in ORG_HEAD_WORDS for w in words[1:]):
                    short.setdefault(words[0], []).append(actor)  # "Skyway" of "Skyway Air"
        for word, actors in short.items():
            if len(actors) == 1:
                forms.setdefault(word, actors[0])
        taken = {id(m) for a in self.actors.values() for m in a.mentions}
        for m in leftovers:
            target = forms.get(re.sub(r"['’]s$", "", m.text))
            if target is not None and id(m) not in taken:
                m.kind, m.key = target.kind, OrgKey(m.text)
                target.mentions.append(m)

    def _fold_short_org_names(self) -> None:
        """A one-word organisation that is the short form of a longer one named in the
        article joins it: "the Commission" -> European Commission, "Halvard" -> Halvard
        Group (the rest of the long name being organisation words)."""
        orgs = [a for a in self.actors.values() if a.kind in {"organization", "group"}]
        for short in orgs:
            if len(short.name.split()) != 1 or short.id not in self.actors:
                continue
            word = short.name
            longer = [
                a
                for a in orgs
                if a is not short
                and a.id in self.actors
                and len(a.name.split()) > 1
                and (
                    a.name.split()[-1] == word
                    or (word in BARE_BODIES and word in a.name.split())
                    or (
                        a.name.split()[0] == word
                        and all(w in lx.ORG_HEADS for w in a.name.split()[1:])
                    )
                )
            ]
            if len(longer) != 1:
                continue
            target = longer[0]
            target.mentions.extend(short.mentions)
            for form in [short.name, *short.aliases]:
                if form != target.name and form not in target.aliases:
                    target.aliases.append(form)
            del self.actors[short.id]

    def _definite_roles(self, persons: dict[str, Actor]) -> None:
        """``the NATO Secretary General``, ``The head of NATO``, ``the minister``: a mention
        of the person whose role has that noun (the latest one mentioned before it)."""
        with_roles = [a for a in persons.values() if a.role]
        if not with_roles:
            return
        drops: dict[int, list[tuple[int, int]]] = {}
        added: set[int] = set()
        for i, para in enumerate(self.paragraphs):
            for match in _DEFINITE_ROLE.finditer(para):
                noun = match.group("noun").lower().replace(" ", "-")
                after = para[match.end() : match.end() + 30]
                if re.match(r",?\s+[A-Z][a-z]+\s+[A-Z]", after):
                    continue  # a title before a name, handled as a role
                owner = match.group("owner")
                if owner and not any(owner in a.name.split() for a in persons.values()):
                    continue  # "the Kremlin's spokesman": a role of an organisation's
                extra = " ".join(match.group(g) or "" for g in ("owner", "body", "of")).strip()
                cands = [
                    a
                    for a in with_roles
                    if noun in a.role.lower().replace(" ", "-")  # type: ignore[union-attr]
                ]
                if not cands and noun in {"head", "chief", "leader"} and match.group("of"):
                    org = match.group("of").split()[-1].lower()
                    cands = [
                        a for a in with_roles if org in f"{a.role} {a.affiliation or ''}".lower()
                    ]
                if not cands and noun in {"leader", "premier", "head"}:
                    # "the Russian leader": a head of state or government of that country
                    cands = [a for a in with_roles if _HEAD_ROLE.search(a.role or "")]
                    country = affiliation_of(extra) if extra.strip() else None
                    if country:
                        cands = [a for a in cands if a.affiliation == country]
                    elif len(cands) > 1:
                        cands = []
                if cands and match.group("of"):
                    # "the president of Calder University": only someone whose role or
                    # affiliation names that body (never a president of something else)
                    of_words = set(re.findall(r"[A-Z][\w.]+", match.group("of")))
                    cands = [
                        a
                        for a in cands
                        if of_words & set(re.findall(r"[\w.]+", f"{a.role} {a.affiliation or ''}"))
                    ]
                if len(cands) > 1 and extra.strip():
                    narrowed = [
                        a
                        for a in cands
                        if any(
                            w.lower()
                            in (a.role or "").lower() + " " + (a.affiliation or "").lower()
                            for w in re.findall(r"[A-Z][\w.]+", extra)
                        )
                    ]
                    cands = narrowed or cands
                if not cands:
                    continue

                def last_seen(actor: Actor, para_i: int = i, pos: int = match.start()) -> tuple:
                    seen = [
                        (m.para, m.start)
                        for m in actor.mentions
                        if (m.para, m.start) < (para_i, pos)
                    ]
                    return max(seen) if seen else (-1, -1)

                target = max(cands, key=last_seen)
                if last_seen(target) == (-1, -1) and len(cands) > 1:
                    continue
                start = match.start()
                # the body after "of" stays a mention of its own ("… of Calder University")
                end = match.start("of") if match.group("of") else match.end()
                drops.setdefault(i, []).append((start, end))
                mention = Mention(
                    i,
                    start,
                    end,
                    match.group(0),
                    NameKey(target.name),
                    "person",
                    evidence={"definite"},
                )
                added.add(id(mention))
                target.mentions.append(mention)
                self.mentions.append(mention)
                if match.group(0) not in target.aliases:
                    target.aliases.append(match.group(0))
        # what the definite mentions cover is not another actor's mention; removed once at
        # the end (per match it made derive quadratic in the article's length)

        def covered(m: Mention) -> bool:
            return id(m) not in added and any(
                s < m.end and m.start < e for s, e in drops.get(m.para, ())
            )

        if drops:
            self.mentions = [m for m in self.mentions if m.kind == "person" or not covered(m)]
            for actor in self.actors.values():
                actor.mentions = [m for m in actor.mentions if not covered(m)]

    def _fold_groups(self) -> None:
        """Give every anonymous/collective group mention its display name:
        ``GroupKey("U.S.", "officials")`` -> ``GroupNameKey("U.S. officials")``; an
        unqualified one ("officials said") joins the most mentioned qualified group of its
        class. Only :class:`GroupKey` mentions take part: a gazetteer organisation of kind
        ``group`` (Hamas) keeps its :class:`EntityKey`."""
        groups = [m for m in self.mentions if isinstance(m.key, GroupKey)]
        counts: dict[str, Counter[str]] = {}
        for m in groups:
            key = m.key
            assert isinstance(key, GroupKey)
            if key.label and key.label.lower() not in LOOSE_QUALIFIERS:
                counts.setdefault(key.cls, Counter())[key.label] += 1
        for m in groups:
            key = m.key
            assert isinstance(key, GroupKey)
            label, cls = key.label, key.cls
            if not label or label.lower() in LOOSE_QUALIFIERS:
                best = counts.get(cls)
                if best:
                    label = best.most_common(1)[0][0]
                    m.role = m.role or group_qualifier(label)[1]
            if not label:
                label = {"officials": "Anonymous", "allies": "", "diplomats": "Anonymous"}.get(
                    cls, "Unnamed"
                )
            name = f"{label} {cls}".strip()
            m.key = GroupNameKey(name[:1].upper() + name[1:])

    @staticmethod
    def _match_person(
        persons: dict[str, Actor], text: str, surname_only: bool = False
    ) -> Actor | None:
        words = [w for w in text.replace(".", "").split() if w not in HONORIFICS]
        words = [w for w in words if w not in {"Mr", "Ms", "Mrs", "Dr", "Jr", "Sr"}]
        if not words:
            return None
        for name, actor in persons.items():
            if name == text:
                return actor
        last = words[-1]
        hits = []
        for actor in persons.values():
            parts = [w for w in actor.name.replace(".", "").split() if w not in {"Jr", "Sr"}]
            if surname_only or len(words) == 1:
                if (
                    last == parts[-1]
                    or (len(parts) == 2 and last == parts[0] and len(last) <= 4)
                    or (len(words) > 1 and " ".join(words) == " ".join(parts[-len(words) :]))
                ):
                    hits.append(actor)
            elif parts[-1] == last and (
                lx.nickname_of(parts[0]) == lx.nickname_of(words[0])
                or parts[0].startswith(words[0])
                or words[0].startswith(parts[0])
            ):
                hits.append(actor)
        if len(hits) == 1:
            return hits[0]
        return None

    def _spoken_of_as_it(self, actor: Actor) -> bool:
        """A name with no person's evidence (no role, honorific or given name) that the
        article refers to as "it" ("X said it would", "X said in a statement that its")
        or gives a board or shares is an organisation, not a person."""
        if actor.role or any(m.evidence & {"role", "honorific", "given"} for m in actor.mentions):
            return False
        return any(
            _AS_IT.match(self.paragraphs[m.para][m.end : m.end + 80]) for m in actor.mentions
        )

    def _finish_person(self, actor: Actor) -> None:
        roles = [m.role for m in actor.mentions if m.role]
        if roles:
            actor.role = max(roles[:2], key=len)
        if actor.role:
            actor.affiliation = affiliation_of(actor.role)

    def _entity_actor(self, m: Mention) -> None:
        key = m.key
        if isinstance(key, EntityKey):
            ent = lx.BY_ID[key.entity_id]
            actor_id, name = ent.id, ent.name
            affiliation = lx.BY_ID[ent.affiliation].name if ent.affiliation else None
            kind_ = ent.kind
        elif isinstance(key, GroupNameKey):
            actor_id, name, kind_ = slugify(key.name), key.name, "group"
            affiliation = m.role
        elif isinstance(key, OrgKey) and m.kind == "country":  # a country not in the lexicon
            actor_id, name, kind_, affiliation = slugify(key.name), key.name, "country", None
        elif isinstance(key, OrgKey):
            name = re.sub(r"^(?:The|the)\s+", "", key.name)
            actor_id, kind_ = slugify(name), "organization"
            # a national body ("Norwegian Red Cross") is affiliated with its country, not
            # with the lexicon organisation its name contains
            affiliation = m.role if "national" in m.evidence else affiliation_of(name)
        else:  # a person's name or an unfolded group: the fold handled those already
            return
        if affiliation == name:
            affiliation = None
        actor = self.actors.get(actor_id)
        if actor is None:
            actor = Actor(actor_id, name, kind_, affiliation=affiliation)
            self.actors[actor_id] = actor
        actor.mentions.append(m)
        if m.text != actor.name and "demonym" not in m.evidence and m.text not in actor.aliases:
            actor.aliases.append(m.text)

    def _reuse_known_ids(self) -> None:
        if not self.known:
            return
        index: dict[str, tuple[str, str]] = {}
        for known_id, name, aliases in self.known:
            for form in (name, *aliases):
                index.setdefault(_key(form), (known_id, name))
        renamed: dict[str, Actor] = {}
        for actor in self.actors.values():
            forms = [actor.name, *actor.aliases]
            if actor.kind == "person":
                forms = [actor.name]  # a bare surname is too weak to adopt an identity
            hit = next((index[_key(f)] for f in forms if _key(f) in index), None)
            if hit is None and actor.kind != "person":
                hit = next(((kid, kn) for kid, kn, _ in self.known if kid == actor.id), None)
            if hit is None:
                hit = _fuzzy_hit(actor, index)
            if hit:
                known_id, known_name = hit
                if known_name != actor.name and actor.name not in actor.aliases:
                    actor.aliases.insert(0, actor.name)
                actor.id, actor.name, actor.known = known_id, known_name, True
            renamed.setdefault(actor.id, actor)
        self.actors = renamed


def _fuzzy_hit(actor: Actor, index: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """A library actor whose name is a spelling variant or transliteration of this one
    ("Volodomyr Zelensky" / "Volodymyr Zelenskyy"): close by edit distance, same
    initials, and at least two words, so a surname alone never adopts an identity."""
    from rapidfuzz import fuzz, process

    name = _key(actor.name)
    words = name.split()
    if len(words) < 2 or len(name) < 8:
        return None
    choices = [k for k in index if len(k.split()) == len(words)]
    found = process.extractOne(name, choices, scorer=fuzz.ratio, score_cutoff=88)
    if found is None:
        return None
    other = found[0].split()
    if [w[0] for w in other] != [w[0] for w in words]:
        return None
    return index[found[0]]


# a capitalised word that may be a demonym ("Korvanian", "Keshari", "Marovese")
_DEMONYM_FORM = re.compile(r"(?<![\w-])([A-Z][a-z]{2,}(?:ian|an|i|ese))(?![\w-])")


def _demonym_stems(word: str) -> list[str]:
    """The country names a demonym may come from: Korvanian -> Korvania, Bremoran ->
    Bremora, Keshari -> Keshar, Marovese -> Marov / Marova."""
    if word.endswith("ese"):
        return [word[:-3], word[:-3] + "a"]
    return [word[:-1]]


_GOVERNMENT_WORDS = (
    r"(?:government|cabinet|parliament|regulator|(?:[a-z]+\s+)?minist(?:er|ry)|"
    r"prime\s+minister|army|armed\s+forces|military|central\s+bank)"
)
_COUNTRY_NAME = r"(?P<c>[A-Z][a-z]{3,})"
# the marks of a country: "Talmark's government", "Talmark's competition regulator",
# "the government of Norvale", "Talmark Trade Minister Jon Eide" (not a region's or city's:
# "Verrin's regional president")
_COUNTRY_CUES = [
    re.compile(
        r"(?<![\w-])" + _COUNTRY_NAME + r"(?:'s|’s)\s+(?!(?:regional|state|provincial|city|"
        r"local|municipal|district)\b)(?:[a-z]+\s+)?" + _GOVERNMENT_WORDS + r"\b"
    ),
    re.compile(
        r"(?<!regional )(?<!provincial )(?<!local )(?<!state )(?<!city )(?<!municipal )"
        r"\b(?:government|parliament|president|prime minister) of " + _COUNTRY_NAME + r"\b"
    ),
    # a country before a portfolio and a title: "Talmark Trade Minister Jon Eide"
    re.compile(r"(?<![\w-])" + _COUNTRY_NAME + r"\s+(?:[A-Z][a-z]+\s+){1,2}Minister\s+[A-Z]"),
]
# never an unknown country: continents and regions, and portfolios ("Labour Minister")
_NOT_COUNTRIES = lx.wordset(
    """
    Africa Asia Europe America Americas Australia Antarctica Oceania Arabia Scandinavia
    Balkans Caucasus Caribbean Mediterranean Eurasia Labour Labor Transport Science Maritime
    Fisheries Culture Tourism Environment Economy Finance Foreign Interior Defence Defense
    Health Education Justice Trade Energy Agriculture Industry Housing Home Digital Social
    Family Sports Youth Water Foreign Affairs Development Infrastructure Communications
    Employment Welfare Immigration Migration Security Climate Treasury Budget Public Works
    """
)

_GENERIC_BODY_WORDS = frozenset(w.lower() for w in ORG_HEAD_WORDS) | lx.TITLE_WORDS
_BUSINESS_TITLE = re.compile(
    r"(?:['’]s)?\s+(?:co-?founder|founder|chief\s+executive|chief\s+financial\s+officer|CEO|"
    r"chairman|chairwoman|owner|boss|spokes(?:man|woman|person))\s+[A-Z]"
)
_BUSINESS_NOUNS = frozenset(["company", "firm", "airline", "carrier", "group", "bank", "lender"])
# "airline"/"bank" need a name that says so; "company"/"firm"/"group" fit any business
_PUBLIC_HEADS = lx.wordset(
    """ministry agency council commission court union federation association party institute
    university department board police government office authority parliament senate
    assembly organisation organization committee"""
)
_UNION_HEADS = frozenset(["union", "federation", "association"])
_REGULATOR_HEADS = frozenset(["commission", "council", "authority", "agency", "office", "board"])
_DEFINITE_ORG = re.compile(
    r"\b[Tt]he\s+(?:(?P<mod>[a-z][a-z-]+)\s+)?"
    r"(?P<noun>union|company|agency|organi[sz]ation|ministry|council|board|commission|government|"
    r"federation|association|institute|party|airline|carrier|regulator|watchdog|court|"
    r"university|department|firm|bank|charity|bloc|alliance|network|trust|foundation)\b(?!\s+(?:of|for)\b)(?!-)"
)


def _org_noun_fits(actor: Actor, noun: str, mod: str) -> bool:
    """Can "the <mod> <noun>" name this organisation?"""
    words = actor.name.lower().replace("’", "'").split()
    head = words[-1]
    if mod and mod not in words:
        return False
    if noun == head or (noun.startswith("organi") and head.startswith("organi")):
        return True
    if "of" in words and noun == words[words.index("of") - 1]:
        return True  # "the board" -> "board of trustees", "the government" -> "… of Verrin"
    if noun in {"airline", "carrier"}:
        return head in {"air", "airlines", "airways"}
    if noun in {"bank", "lender"}:
        return head == "bank" or actor.name.lower().endswith("bank")
    if noun in _BUSINESS_NOUNS:
        return head not in _PUBLIC_HEADS and not actor.known and actor.id not in lx.BY_ID
    if noun == "union":
        return head in _UNION_HEADS
    if noun in {"regulator", "watchdog"}:
        return head in _REGULATOR_HEADS
    return False


_HEAD_ROLE = re.compile(r"\b(?:president|prime minister|chancellor|premier|king)\b", re.I)

_NEWS_AGENCIES = (
    "Reuters",
    "AP",
    "Associated Press",
    "The Associated Press",
    "AFP",
    "Agence France-Presse",
    "Bloomberg",
    "Bloomberg News",
    "dpa",
    "Xinhua",
    "Interfax",
    "TASS",
    "ANSA",
    "EFE",
    "Kyodo",
    "Yonhap",
    "PTI",
    "CNN",
    "BBC",
)
# a capitalised plural common noun: "Analysts", "Seismologists", "Residents", "Witnesses"
_PLURAL_NOUN = re.compile(r"[A-Z][a-z]+(?:ists|ers|ors|ants|ents|ians|ives|ees|sses|ses)")


# What follows a company's name: "said it would", "said in a statement that its",
# "'s board", "'s shares", ", which owns".
_AS_IT = re.compile(
    r"(?:\s+(?:said|says|announced|added|confirmed|stated|told \w+)(?:\s+(?:on|in|late|"
    r"earlier)\s+[\w ]{1,25}?)?\s+(?:that\s+)?(?:it|its)\b|['’]s\s+(?:board|shares|"
    r"chief executive|headquarters|shareholders|factory|plant|share price)\b|,\s+which\b)"
)


def _key(text: str) -> str:
    text = normalise(text).lower()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^\w]+", " ", text).strip()


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


_ROLE_ALT = (
    r"Secretary[- ]General|Commander-in-Chief|[Ss]ecretary of [Ss]tate|[Pp]rime [Mm]inister|"
    r"[Pp]resident|[Cc]hancellor|[Mm]inister|[Ss]ecretary|[Ss]pokes(?:man|woman|person)|"
    r"[Hh]ead|[Cc]hief|[Cc]ommander|[Gg]eneral|[Aa]mbassador|[Ee]nvoy|[Pp]remier|[Ll]eader|"
    r"[Dd]irector|[Cc]hairman|[Cc]hairwoman|[Gg]overnor|[Mm]ayor|[Ss]peaker|[Kk]ing|[Qq]ueen"
)
# "the French president", "the head of NATO", and "Putin's spokesman" (an owner's
# possessive instead of "the"; the owner's words narrow the candidates like the body's)
_DEFINITE_ROLE = re.compile(
    r"(?:\b[Tt]he|(?<![\w.])(?P<owner>[A-Z][\w.-]+)(?:'s|’s))\s+"
    r"(?P<body>(?:(?:[A-Z][\w.-]*|top|chief|foreign|defen[cs]e|prime)\s+){0,3})"
    r"(?P<noun>" + _ROLE_ALT + r")\b(?P<of>\s+of\s+(?:the\s+)?[A-Z][\w.]*"
    r"(?:\s+(?:of\s+)?(?:the\s+)?[A-Z][\w.]*)*)?"
)
