"""Finding mentions: every place a paragraph names a person, country, organisation or group.

The first half of actor extraction (the second, folding mentions into actors, is
:mod:`briefing.derive.actors`). Five passes run over each paragraph, and the first to
claim a span of text keeps it, so a word is never two actors' mention:

1. anonymous sources and collectives (:func:`briefing.derive.groups.find_groups`): "A
   senior official at the harbour authority, who asked not to be named,", "one U.S.
   official", "European allies", "officials in Kyiv";
2. "a group of employees calling itself X" (:meth:`MentionFinder._self_named`);
3. institutions written in lower case ("Korvania's energy ministry", "the constitutional
   court", "the board of trustees") (:meth:`MentionFinder._lower_case_bodies`);
4. runs of capitalised words (joined across a plural possessive, "the Teachers'
   Federation", across "and" after "the", across "of" after an organisation word,
   "Ministry of Defence", and across "&" in a firm's name: :mod:`run_joins`), each
   classified by
   :func:`briefing.derive.classify.classify_run` as a person with a role, an
   organisation, or an acronym;
5. known countries and organisations (:mod:`briefing.derive.gazetteer`), by name, alias,
   demonym or capital.

An organisation that speaks, whose spokesman or analysts speak, or that the writer stops
to describe weighs more (``Mention.weight``): the draft keeps it even if named once.
"""

from __future__ import annotations

import re

from briefing.derive import lexicon as lx
from briefing.derive.classify import classify_run
from briefing.derive.cues import (
    LOCATIVE,
    PARTICLES,
    SPEECH_AFTER,
    TITLE_WORDS,
)
from briefing.derive.entities import (
    EntityKey,
    GroupKey,
    GroupNameKey,
    Mention,
    MentionKey,
    NameKey,
    OrgKey,
    is_sentence_start,
    tokens,
)
from briefing.derive.gazetteer import GAZ_RE, SURFACES, country_of_word
from briefing.derive.groups import find_groups
from briefing.derive.lexicon import wordset
from briefing.derive.run_joins import join_firm_names, join_of, join_org_parts
from briefing.derive.sentences import find_quotes, normalise

__all__ = [
    "EntityKey",
    "GroupKey",
    "GroupNameKey",
    "Mention",
    "MentionFinder",
    "MentionKey",
    "NameKey",
    "OrgKey",
]

# "a spokesman for the foreign ministry": the body speaks through its spokesman
_SPOKESMAN_FOR = re.compile(r"\bspokes(?:man|woman|person)\s+(?:for|of|at)\s+(?:the\s+)?$")
_CALLING_ITSELF = re.compile(
    r"\b(?:group|coalition|campaign|network|collective|movement)\b[^.;:]{0,50}?"
    r"\b(?:calling\s+(?:itself|themselves)|known\s+as)\s+"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4})"
)

# the portfolios of a lower-case ministry ("the energy ministry")
_PORTFOLIO = (
    r"foreign|interior|home|energy|defen[cs]e|finance|economy|economic|justice|health|"
    r"education|trade|transport|fisheries|agriculture|environment|labou?r|culture|science|"
    r"water|industry|housing|foreign\s+affairs"
)
# institutions written in lower case, with an owner when one is written
_LOWER_BODY = re.compile(
    r"(?:(?P<the>\b[Tt]he\s+)?(?P<owner>[A-Z][a-z]{2,}(?:-\d{1,4})?(?:['’]s)?\s+)?)"
    r"(?P<body>(?:" + _PORTFOLIO + r")\s+ministry|"
    r"(?:constitutional|supreme|high|appeals|administrative)\s+court|"
    r"[Ss]tudent\s+union|board\s+of\s+(?:trustees|directors|governors|regents)|"
    r"(?:inquiry|review|investigation)\s+board|district\s+attorney['’]s\s+office|"
    r"police\s+department|regional\s+government|faculty\s+senate|city\s+council|"
    # "the government", "Dorvania's government": a state's (named by ministries.py)
    r"(?:national\s+|central\s+|federal\s+)?government(?!\s+(?:forces|troops|delegation|of)\b)|"
    # a state's parliament, army and police, with their country (named by ministries.py)
    r"parliament(?!\s+of\b)|army(?!\s+of\b)|police(?!\s+(?:of|officers?|in)\b)|"
    r"(?:embassy|consulate)(?:\s+in\s+[A-Z][\w-]+)?)\b"
    r"(?P<of>\s+of\s+[A-Z][\w-]+)?(?!\s+(?:of|for)\s+[A-Z])"
)

# "the monetary policy committee", "the regional health authority": a body described by
# one to three lower-case words (see MentionFinder._described_bodies)
_DESCRIBED_BODY = re.compile(
    r"\b[Tt]he\s+(?P<body>(?:(?!(?:the|that|this|a|an|and|or|but|of|to|in|on|for|with|by|as|"
    r"at|from|its|their|his|her|is|was|are|were|be|has|had|have|said|says|would|will)\s)"
    r"[a-z][a-z-]+\s+){1,3}?"
    r"(?:committee|authority|board|commission|council|agency|tribunal|regulator|watchdog|"
    r"inspectorate|bank|court|panel|parliament|ministry|confederation|federation))\b"
    r"(?!\s+(?:of|for)\s+[A-Z])(?![\w-])"
)
# a body the story sees created, introduced with "a": "named a five-member inquiry board"
_CREATED_BODY = re.compile(
    r"\b(?:named|appointed|set\s+up|formed|created|established|convened)\s+an?\s+"
    r"(?P<body>(?:[a-z][\w-]*\s+){0,3}?(?:board|panel|committee|commission|task\s+force|"
    r"tribunal))\b(?!\s+(?:of|for)\s+[A-Z])"
)
# "Velk supporters": a capitalised name used as the modifier of a noun of following
_SUPPORTERS = re.compile(
    r"(?<![\w'’.-])(?P<name>[A-Z][a-z][\w'’-]*)\s+"
    r"(?P<noun>supporters|loyalists|backers|followers|sympathi[sz]ers|partisans)\b"
)
# words that rank or point rather than describe: "the same committee", "the rival union"
_NOT_DESCRIBING = wordset(
    """
    same new other whole full first last next former current previous two three four main
    rival own largest biggest smaller larger leading key top powerful influential relevant
    respective said above whole entire latter only very such this that its their his her
    """
)


class MentionFinder:
    """Finds the mentions of one article's paragraphs; :meth:`find` returns them in the
    order they were claimed (the fold sorts them)."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.paragraphs = paragraphs
        self.mentions: list[Mention] = []
        # character offsets already claimed, per paragraph: a span is named once
        self._claimed: list[set[int]] = [set() for _ in paragraphs]

    def find(self) -> list[Mention]:
        """Every mention, groups first, then capitalised runs, then the gazetteer."""
        for i, para in enumerate(self.paragraphs):
            find_groups(self._add, i, para)
            self._self_named(i, para)
            self._supporters(i, para)
            self._lower_case_bodies(i, para)
            self._runs(i, para)
            self._gazetteer(i, para)
        for m in self.mentions:
            # "a spokesman for the foreign ministry said": the body speaks through him
            if m.kind == "organization" and _SPOKESMAN_FOR.search(
                self.paragraphs[m.para][max(0, m.start - 40) : m.start]
            ):
                m.weight = max(m.weight, 2.0)
        return self._outside_quotes_or_named_there()

    def _outside_quotes_or_named_there(self) -> list[Mention]:
        """The mentions that name an actor of the story, not words of a speaker.

        Inside quotation marks the words are the speaker's: "the wrong bank" in a quote
        is a figure of speech, not a bank the story is about. A mention inside a quote
        stays only when it is a proper name the narrator also uses outside the quotes
        (the same actor key, or the same words outside); a lower-case body or an
        anonymous group inside a quote never does."""
        spans = [find_quotes(para, i) for i, para in enumerate(self.paragraphs)]

        def quoted(m: Mention) -> bool:
            return any(s.start <= m.start and m.end <= s.end for s in spans[m.para])

        inside = [m for m in self.mentions if quoted(m)]
        if not inside:
            return self.mentions
        outside_keys = {m.key for m in self.mentions if not quoted(m)}
        narration = "\n".join(
            "".join(
                " " if any(s.start <= k < s.end for s in spans[i]) else ch
                for k, ch in enumerate(para)
            )
            for i, para in enumerate(self.paragraphs)
        )

        def named_outside(m: Mention) -> bool:
            if "lower-case" in m.evidence or m.kind == "group":
                return False
            if m.key in outside_keys:
                return True
            name = re.sub(r"['’]s$", "", m.text.strip())
            return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", narration) is not None

        return [m for m in self.mentions if not quoted(m) or named_outside(m)]

    def _self_named(self, i: int, para: str) -> None:
        """ "A group of employees calling itself Parcelon Voices": a named group."""
        for match in _CALLING_ITSELF.finditer(para):
            name = match.group("name")
            self._add(
                Mention(
                    i,
                    match.start("name"),
                    match.end("name"),
                    name,
                    GroupNameKey(name),
                    "group",
                    evidence={"group", "self-named"},
                    weight=2.0,
                )
            )

    def _supporters(self, i: int, para: str) -> None:
        """ "Velk supporters", "Velk loyalists": a name used as a modifier of a plural
        noun of following is not an organisation but a group, the supporters of whoever
        bears the name (one group, whichever of these nouns the text uses)."""
        for match in _SUPPORTERS.finditer(para):
            name = match.group("name")
            if name in lx.NOT_NAMES or name.lower() in TITLE_WORDS or name in SURFACES:
                continue
            self._add(
                Mention(
                    i,
                    match.start(),
                    match.end(),
                    match.group(0),
                    GroupNameKey(f"{name} supporters"),
                    "group",
                    evidence={"group", "supporters"},
                    sentence_start=is_sentence_start(para, match.start()),
                )
            )

    def _claim(self, para: int, start: int, end: int) -> bool:
        span = set(range(start, end))
        if span & self._claimed[para]:
            return False
        self._claimed[para] |= span
        return True

    def _add(self, mention: Mention) -> None:
        if self._claim(mention.para, mention.start, mention.end):
            self.mentions.append(mention)

    def _lower_case_bodies(self, i: int, para: str) -> None:
        """Institutions written in lower case: "Korvania's energy ministry", "the Korvanian
        foreign ministry", "the constitutional court", "the board of trustees". With an
        owner (a country's possessive or demonym) the owner is part of the name; without
        one only a definite "the …" counts, not "a district court"."""
        for match in _LOWER_BODY.finditer(para):
            owner = match.group("owner")
            if owner:
                word = re.sub(r"['’]s$", "", owner.strip())
                if word in lx.NOT_NAMES or word.lower() in TITLE_WORDS:
                    owner = None
            in_role = re.match(
                r"\s+(?:president|leader|chair|head|secretary)\s+[A-Z]", para[match.end() :]
            )
            if not owner and match.group("body") in {"parliament", "army", "police"}:
                continue  # whose parliament, army or police: only with its country
            if not owner and not match.group("the") and not in_role:
                continue  # "a district court", but "Student union president Jamal Reed"
            if not owner and match.group("body").startswith(("embassy", "consulate")):
                continue  # "the embassy": whose is said by the one named before
            start = match.start("owner") if owner else match.start("body")
            end = match.end()  # with "of Verrin" when written
            text = para[start:end]
            name = text
            if owner:
                country = country_of_word(re.sub(r"['’]s$", "", owner.strip()))
                if country and country != "?":
                    ent = lx.BY_ID[country]
                    label = ent.demonyms[0] if ent.demonyms else ent.name
                    name = f"{label} {match.group('body')}"
            self._add(
                Mention(
                    i,
                    start,
                    end,
                    text,
                    OrgKey(normalise(name)),
                    "organization",
                    evidence={"org-head", "lower-case"}
                    | (
                        {"speech"}
                        if SPEECH_AFTER.match(para[match.end() : match.end() + 120])
                        else set()
                    ),
                    weight=2.0
                    if SPEECH_AFTER.match(para[match.end() : match.end() + 120])
                    else 1.0,
                    sentence_start=is_sentence_start(para, start),
                )
            )

        self._described_bodies(i, para)

    def _described_bodies(self, i: int, para: str) -> None:
        """Any other body written in lower case with what it does: "the monetary policy
        committee", "the regional health authority", "the central bank". Only with "the"
        and at least one describing word ("the committee" alone is a later mention of a
        named one), never a body the text goes on to name ("the main union confederation,
        FSO,"), and never one described by rank ("the largest union"). A body the story
        sees created may come with "a": "named a five-member inquiry board"."""
        matches = [*_DESCRIBED_BODY.finditer(para), *_CREATED_BODY.finditer(para)]
        for match in sorted(matches, key=lambda m: m.start()):
            words = match.group("body").split()
            if words[0] in _NOT_DESCRIBING or words[0].endswith("est"):
                continue
            if re.match(r"\s*(?:,|\()\s*[A-Z]", para[match.end() :]):
                continue  # "the main union confederation, FSO,": the name is the actor
            start, end = match.start("body"), match.end("body")
            speaks = SPEECH_AFTER.match(para[end : end + 120]) is not None
            self._add(
                Mention(
                    i,
                    start,
                    end,
                    para[start:end],
                    OrgKey(normalise(para[start:end])),
                    "organization",
                    evidence={"org-head", "lower-case"} | ({"speech"} if speaks else set()),
                    weight=2.0 if speaks else 1.0,
                    sentence_start=is_sentence_start(para, start),
                )
            )

    def _gazetteer(self, i: int, para: str) -> None:
        for match in GAZ_RE.finditer(para):
            surface = match.group(0)
            ent_id, how = SURFACES[surface]
            ent = lx.BY_ID[ent_id]
            start, end = match.start(), match.end()
            if surface.startswith("the ") and para[start - 1 : start] not in ("", " "):
                continue
            if how == "capital" and LOCATIVE.search(para[max(0, start - 30) : start]):
                continue
            weight = {"demonym": 0.5, "capital": 1.0}.get(how, 1.0)
            if how == "capital" and ent.kind == "country":
                weight = 1.0
            if para[end : end + 2] in ("'s", "’s"):
                end += 2
            self._add(
                Mention(
                    i,
                    start,
                    match.end(),
                    surface,
                    EntityKey(ent_id),
                    ent.kind,
                    evidence={how},
                    weight=weight,
                    sentence_start=is_sentence_start(para, start),
                )
            )

    def _runs(self, i: int, para: str) -> None:
        toks = tokens(para)
        runs: list[list[int]] = []
        current: list[int] = []
        for k, tok in enumerate(toks):
            gap = para[toks[k - 1].end : tok.start] if k else ""
            joinable = (
                bool(current)
                and re.fullmatch(r"[ \u00a0]", gap) is not None
                and not toks[k - 1].possessive
            )
            particle = (
                tok.text in PARTICLES
                and k + 1 < len(toks)
                and toks[k + 1].cap
                and para[tok.end : toks[k + 1].start] == " "
                and (joinable or not current)
            )
            if (tok.cap or particle) and (joinable or not current):
                current.append(k)
            elif tok.cap or particle:
                runs.append(current)
                current = [k]
            else:
                if current:
                    runs.append(current)
                current = []
        if current:
            runs.append(current)
        runs = join_firm_names(para, toks, runs)
        runs = join_of(para, toks, join_org_parts(para, toks, runs))
        for run in runs:
            classify_run(self._add, i, para, toks, run)
