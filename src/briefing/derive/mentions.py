"""Finding mentions: every place a paragraph names a person, country, organisation or group.

This is the first half of actor extraction (the second, folding mentions into actors, is
:mod:`briefing.derive.actors`). Five passes run over each paragraph, and the first to
claim a span of text keeps it:

1. :meth:`MentionFinder._groups` - anonymous sources and collectives: any noun phrase the
   text says is unnamed ("A senior official at the harbour authority, who asked not to be
   named,", "Two engineers who worked on …, speaking on condition of anonymity") is one
   source of its own; "one U.S. official", "European allies", "officials in Kyiv" fold
   by class;
2. :meth:`MentionFinder._self_named` - "a group of employees calling itself X";
3. :meth:`MentionFinder._lower_case_bodies` - institutions written in lower case
   ("Korvania's energy ministry", "the constitutional court", "the board of trustees");
4. :meth:`MentionFinder._runs` - runs of capitalised words (joined across a plural
   possessive, "the Teachers' Federation", and "and" after "the"), classified as a person
   (with the role written before or after the name), an organisation (a run ending in an
   organisation word such as "Ministry", "Union", "Securities", "Air"; "Ministry of …";
   a name before "party"/"company"; a name with an apposition saying what it is, "X, a
   private group based in Y,"; a party named by its members, "the Social Democrats"), or
   a bare acronym;
5. :meth:`MentionFinder._gazetteer` - known countries and organisations from
   :mod:`briefing.derive.lexicon`, by name, alias, demonym or capital.

An organisation that speaks, whose spokesman or analysts speak, or that the writer stops
to describe weighs more (``Mention.weight``): the draft keeps it even if named once.

Each :class:`Mention` carries a :data:`MentionKey`: a small typed value saying what the
mention refers to. It is the contract between this module and the fold, so the fold never
parses strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.derive import lexicon as lx
from briefing.derive.lexicon import wordset
from briefing.derive.sentences import normalise

PARTICLES = frozenset(
    [
        "de",
        "van",
        "von",
        "der",
        "den",
        "al",
        "bin",
        "ibn",
        "la",
        "le",
        "da",
        "di",
        "du",
        "dos",
        "del",
        "ter",
        "zu",
        "y",
    ]
)
HONORIFICS = frozenset(
    ["Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Dr", "Dr.", "Sir", "Madam", "Dame", "Prof", "Prof."]
)
_ABBREV_DOT = wordset("Mr Ms Mrs Dr Gen Sen Rep Gov Lt Col Maj Sgt Adm Capt Prof St Jr Sr")
_ROLE_ADJ = wordset(
    """
    top senior former acting deputy chief press government military national security foreign
    defense defence interior finance cabinet state federal presidential regional local
    international european western union party army navy police ministry white house
    economic energy trade health justice junior first vice special foreign-policy
    competition commerce labour labor environment education transport agriculture industry
    economy emergencies intelligence central bank electoral provincial general campaign
    """
)
# Roles the lexicon lacks that journalists put before or after a name ("Moderator Lena
# Harrow", "Its lead author, Jane Doe,").
_MORE_ROLES = wordset(
    """
    moderator author founder co-founder economist analyst anchor host presenter researcher
    lawyer activist organiser organizer campaigner candidate trustee chairperson strategist
    editor correspondent scientist engineer pilot surgeon doctor nurse teacher fellow
    councillor councilor councilman councilwoman alderman supervisor sheriff superintendent
    provost dean rector warden coroner selectman assemblyman assemblywoman delegate
    """
)
TITLE_WORDS = lx.TITLE_WORDS | _MORE_ROLES
ROLE_NOUNS = lx.ROLE_NOUNS | _MORE_ROLES
_ORG_NOUNS = wordset(
    """
    chipmaker automaker carmaker retailer miner startup supplier provider newspaper outlet
    shipper refiner airline developer
    company firm group agency organization organisation union ministry body regulator operator
    producer giant maker bank broadcaster network party alliance bloc coalition court council
    authority association federation corporation conglomerate carrier airline manufacturer
    utility insurer lender exchange watchdog consortium charity institute university
    consultancy nonprofit think-tank brokerage publisher chain fund
    """
)
LOCATIVE = re.compile(
    r"(?:\b(?:in|at|to|from|near|outside|across|around|into|toward|towards|visit(?:ed|ing)?|"
    r"via|through|between|over|on|of)\s+)$",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w'’‘\-]*[^\W_])?")
_SPEECH_AFTER = re.compile(
    r"^(?:,[^,]{1,80},|,(?=\s+(?:also\s+)?(?:" + lx.SPEECH_VERBS + r")\b)|"
    r",(?=\s+(?:has|had|did)\s+not\s+(?:yet\s+)?(?:said|say)\b))?"
    r"\s*(?:also\s+|later\s+|then\s+|has\s+|had\s+|previously\s+|"
    r"(?:has|had|did)\s+not\s+(?:yet\s+)?(?:say\b)?)?"
    r"(?:" + lx.SPEECH_VERBS + r")\b"
)
_SPEECH_BEFORE = re.compile(r"\b(?:" + lx.SPEECH_VERBS + r")\s*[,:]?\s*$")

SAYS_NOW = re.compile(
    r"^(?:,[^,]{1,80},)?\s+(?:also\s+)?(?:said|says|told|added|wrote|announced|stated|warned|"
    r"reported|confirmed|denied)\b"
)
_ANON = re.compile(
    r"\b(?P<det>(?i:one|a|an|two|three|four|five|several|some|other|many)|\d+)?\s*"
    r"(?P<adj>(?:(?:senior|top|high-ranking|former|current|other|Western|European|military|"
    r"administration|government|defen[cs]e|intelligence|security|diplomatic|foreign|"
    r"congressional|ministry|Pentagon|White House|NATO|EU|E\.U\.|U\.S\.|US|U\.N\.|UN|"
    r"[A-Z][a-z]+(?:an|ese|ish|ian|i|ch)|"
    r"[A-Z][a-z]+ (?:Union|Nations|Department|Ministry))\s+){0,3})"
    r"(?P<noun>(?i:officials?|diplomats?|sources?|people|persons?|aides?|insiders?|officers?))"
    r"(?=\s+(?:familiar|with knowledge|close to|briefed|involved|said|say|says|told|who|"
    r"speaking|cited|added|according)|,\s+(?:who|speaking))",
)


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
    text: str
    start: int
    end: int
    possessive: bool = False

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


# --- gazetteer ------------------------------------------------------------------------


# Lower-case country words that are also ordinary English words.
_COMMON_WORDS = wordset(
    "turkey jordan georgia chad guinea niger mali oman peru cuba china polish french dutch "
    "danish swiss greek thai irish finnish"
)


def _surface_table() -> dict[str, tuple[str, str]]:
    """Surface form -> (entity id, how: name|alias|demonym|capital).

    Country names and demonyms also match in lower case ("russia", some outlets write it
    so) unless that spelling is an ordinary word; demonyms also in the plural.
    """
    table: dict[str, tuple[str, str]] = {}
    for ent in lx.COUNTRIES:
        for form in (ent.name, *ent.demonyms):
            how = "demonym" if form in ent.demonyms else "name"
            low = form.lower()
            if " " not in form and low not in _COMMON_WORDS and form[:1].isupper():
                table.setdefault(low, (ent.id, how))
        for dem in ent.demonyms:
            if dem.endswith(("an", "ian", "i")) and " " not in dem:
                table.setdefault(dem + "s", (ent.id, "demonym"))
                if dem.lower() not in _COMMON_WORDS:
                    table.setdefault(dem.lower() + "s", (ent.id, "demonym"))
    for ent in lx.COUNTRIES + lx.ORGS:
        table[ent.name] = (ent.id, "name")
        for alias in ent.aliases:
            if alias[:1].isupper() or alias.startswith("the "):
                table.setdefault(alias, (ent.id, "alias"))
            if alias.startswith("the "):  # sentence-initial "The Commission said"
                table.setdefault("The " + alias[4:], (ent.id, "alias"))
        for dem in ent.demonyms:
            table.setdefault(dem, (ent.id, "demonym"))
        for cap in ent.capitals:
            table.setdefault(cap, (ent.id, "capital"))
    return table


_SURFACES = _surface_table()
_GAZ_RE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(s) for s in sorted(_SURFACES, key=len, reverse=True))
    + r")(?![\w]|\.\w)"
)
_GAZ_WORDS = frozenset(w for s in _SURFACES for w in s.split())


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


def _is_sentence_start(paragraph: str, offset: int) -> bool:
    before = paragraph[:offset].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?:—–-\u2014" or before.endswith("(AP)")


# A run that starts with one of these and goes on with "of …" names an organisation.
_OF_HEADS = wordset(
    "Ministry Department Council Organization Organisation Office Bank Court Union "
    "Commission Committee Federation Association Institute Agency Bureau League"
)

# Organisation heads beyond the lexicon's: "Calder University", "the Harbour Trust".
ORG_HEAD_WORDS = lx.ORG_HEADS | wordset(
    """
    University College Trust Society Board Senate Foundation Centre Center List Bloc
    Securities Capital Partners Industries Technologies Systems Pharmaceuticals Insurance
    Investments Ventures Telecom Shipping Mining Resources Logistics Motors Associates
    Network Confederation Chamber Guild League Club Cooperative Co-operative
    Air Rail Pharma Media Foods Steel Petroleum Chemicals Electric Minerals Metals
    Enterprises Products Solutions Labs Materials Devices Robotics Software Automotive
    Aerospace Biotech Therapeutics Studios Entertainment Hotels Resorts Properties Realty
    Construction Engineering Electronics Tribe Tribes Charter Forum Platform Research
    Analytics Consulting Advisory Economics Insights Strategies
    """
)
_SPOKESMAN_FOR = re.compile(r"\bspokes(?:man|woman|person)\s+(?:for|of|at)\s+(?:the\s+)?$")
_CALLING_ITSELF = re.compile(
    r"\b(?:group|coalition|campaign|network|collective|movement)\b[^.;:]{0,50}?"
    r"\b(?:calling\s+(?:itself|themselves)|known\s+as)\s+"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4})"
)
_DESCRIBED_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){0,3}(?:"
    + "|".join(sorted(_ORG_NOUNS))
    + r"),\s+$"
)
# bodies named by one capitalised word when they speak ("Police said")
BARE_BODIES = wordset("Police Prosecutors Coastguard")
# a role that opens an apposition without a determiner: ", head of the X Network,"
_ROLE_START = "head|chief|director|chairman|chairwoman|chair|president|founder|leader|member"
# "Analysts at Nordhus": a firm's experts speak for it
EXPERTS_AT = re.compile(
    r"\b(?:[Aa]nalysts|[Ee]conomists|[Ee]xperts|[Rr]esearchers|[Ss]trategists|[Ll]awyers)"
    r"\s+(?:at|from|with)\s+$"
)
# a party named by its members: "the Social Democrats", "the Greens"
_PARTY_PLURALS = wordset(
    "Democrats Republicans Socialists Greens Liberals Conservatives Communists Nationalists "
    "Progressives Democrats Labourites Christian-Democrats"
)

# The last word of a plural possessive inside an organisation's name: "Teachers'" in
# "the Teachers' Federation", "Fishermen's" in "the Fishermen's Association".
_PLURAL_POSSESSIVE = re.compile(r"[A-Z][a-z]*(?:s['’]|men['’]s)|(?:Children|People)['’]s")

# Heads that also name an organisation with "of" after them ("Harlan County Board of
# Supervisors"), when the run does not start with them.
_MORE_OF_HEADS = wordset("Board Chamber Society College University Trust")

# A name followed by one of these lower-case nouns is an organisation's name.
_NAMED_BY_ORG_NOUN = re.compile(
    r"\s+(?:alliance|party|coalition|movement|bloc|company|firm|group)\b(?!-)"
)

_COUNTRY_NAMES = frozenset(e.name for e in lx.COUNTRIES)
_GENERIC_ORG_WORDS = frozenset(w.lower() for w in lx.ORG_HEADS) | lx.TITLE_WORDS | _ROLE_ADJ
_COUNTRY_BEFORE = re.compile(r"(?P<who>[A-Z][\w.'’ -]{1,40}?)(?:'s|’s)?\s+$")


def _qualified_org(para: str, start: int, name: str) -> str:
    """A generic body ("Defence Ministry", "the Foreign Office") takes the country written
    before it ("Russia's Defence Ministry", "the French Defence Ministry") into its name,
    so that two countries' ministries never share an id."""
    words = [w.lower() for w in re.findall(r"[\w'’-]+", name)]
    if not words or not all(w in _GENERIC_ORG_WORDS or w in {"of", "the", "for"} for w in words):
        return normalise(name)
    found = _COUNTRY_BEFORE.search(para[max(0, start - 42) : start])
    if found:
        for hit in _GAZ_RE.finditer(found.group("who")):
            ent = lx.BY_ID[_SURFACES[hit.group(0)][0]]
            if ent.kind == "country" and hit.end() >= len(found.group("who")) - 1:
                label = ent.demonyms[0] if ent.demonyms else ent.name
                return f"{label} {normalise(name)}"
    return normalise(name)


# "the Norwegian Red Cross", "the Brazilian Congress": a demonym or country name before a
# lexicon organisation names a national body, not the international (or other country's)
# one. An unknown demonym is recognised by its ending ("Valdorian", "Marovese").
_DEMONYM_LIKE = re.compile(r"[A-Z][a-z]{2,}(?:ian|an|ese|ish|i|ic)")
_NOT_DEMONYMS = wordset(
    "Republican Democratic Christian Islamic Catholic Anglican Public Atlantic Pacific "
    "Arctic Baltic Olympic Hispanic Asian African European Latin Arabic Orthodox Civic "
    "Titanic Classic Economic Academic Metropolitan Municipal Urban Global Specific Human"
)
# what may follow a national body's name: the organisation is the head of its phrase
# ("the Brazilian Congress approved", "…said"), not a modifier ("the Russian UN envoy")
_HEAD_FOLLOWERS = wordset(
    "is was are were has had have will would could can may might must should did does do "
    "and or but also in on at of for to with from by which who that as after before since "
    "until when while if its it their says said sent began ran took gave made set put held "
    "met won lost told brought kept left sought found still later again now then itself"
)


def _country_of_word(word: str) -> str | None:
    """The country a qualifying word names ("Norwegian" -> norway), "?" for an unknown
    demonym-like word ("Valdorian"), else None."""
    hit = _SURFACES.get(word)
    if hit is not None:
        ent = lx.BY_ID[hit[0]]
        return ent.id if ent.kind == "country" and hit[1] != "capital" else None
    if (
        _DEMONYM_LIKE.fullmatch(word)
        and word not in _NOT_DEMONYMS
        and word.lower() not in lx.TITLE_WORDS
        and word.lower() not in _ROLE_ADJ
        and word not in lx.NOT_NAMES
        and word not in lx.ORG_HEADS
    ):
        return "?"
    return None


def _heads_its_phrase(para: str, end: int) -> bool:
    """The name ending at ``end`` is not a modifier of a following lower-case noun."""
    after = para[end:].lstrip(" ")
    word = re.match(r"[a-z][\w'’-]*", after)
    if word is None:
        return True  # punctuation, the end, a capitalised word
    word_text = word.group(0)
    return (
        word_text in _HEAD_FOLLOWERS
        or word_text.endswith("ed")
        or re.fullmatch(lx.SPEECH_VERBS, word_text) is not None
    )


# --- the finder -----------------------------------------------------------------------


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
            self._groups(i, para)
            self._self_named(i, para)
            self._lower_case_bodies(i, para)
            self._runs(i, para)
            self._gazetteer(i, para)
        for m in self.mentions:
            # "a spokesman for the foreign ministry said": the body speaks through him
            if m.kind == "organization" and _SPOKESMAN_FOR.search(
                self.paragraphs[m.para][max(0, m.start - 40) : m.start]
            ):
                m.weight = max(m.weight, 2.0)
        return self.mentions

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

    def _claim(self, para: int, start: int, end: int) -> bool:
        span = set(range(start, end))
        if span & self._claimed[para]:
            return False
        self._claimed[para] |= span
        return True

    def _add(self, mention: Mention) -> None:
        if self._claim(mention.para, mention.start, mention.end):
            self.mentions.append(mention)

    def _groups(self, i: int, para: str) -> None:
        """Anonymous sources ("one U.S. official") and collective actors ("European allies",
        "congressional Republicans", "officials in Washington")."""
        self._anonymous_sources(i, para)
        found: list[tuple[int, int, str, str]] = []  # start, end, qualifier words, noun
        for match in _ANON.finditer(para):
            noun, det = match.group("noun"), match.group("det")
            if not det and not noun.endswith(("s", "people")):
                continue
            if re.match(r",\s+[A-Z][a-z]+ [A-Z]", para[match.end() : match.end() + 40]):
                continue  # "an official, John Smith," is not anonymous
            start = (
                match.start("det")
                if det
                else (match.start("adj") if match.group("adj") else match.start("noun"))
            )
            found.append((start, match.end(), match.group("adj"), noun))
        for match in _COLLECTIVE.finditer(para):
            found.append((match.start(), match.end(), match.group("q"), match.group("noun")))
        for match in _OFFICIALS_IN.finditer(para):
            found.append((match.start(), match.end(), match.group("place"), match.group("noun")))
        for match in _BARE_ALLIES.finditer(para):
            found.append((match.start("noun"), match.end(), "", match.group("noun")))
        for start, end, qualifier, noun in sorted(found, key=lambda f: (f[0], -f[1])):
            label, affiliation = group_qualifier(qualifier)
            cls = GROUP_CLASS.get(noun) or GROUP_CLASS.get(noun.lower())
            if cls is None:
                continue
            if cls == "governments" and affiliation in _COUNTRY_NAMES:
                continue  # "the Danish government(s)" is Denmark: the gazetteer names it
            self._add(
                Mention(
                    i,
                    start,
                    end,
                    para[start:end].strip(),
                    GroupKey(label, cls),
                    "group",
                    role=affiliation,
                    evidence={"group"},
                    sentence_start=_is_sentence_start(para, start),
                )
            )

    def _anonymous_sources(self, i: int, para: str) -> None:
        """A source the text says is unnamed ("A senior official at the harbour authority,
        who asked not to be named,", "Two engineers who worked on the design, speaking on
        condition of anonymity,"): one group actor per source, named by its whole noun
        phrase, whatever the noun."""
        for match in _ANON_SOURCE.finditer(para):
            noun = match.group("noun")
            if noun in _NOT_SOURCE_NOUNS:
                continue
            np = match.group("np")
            described = np[len(match.group("det")) :].strip()
            head = re.split(r"\s+who\s+", described)[0]
            if described == noun:  # a bare noun keeps its number: "One trustee", "Three nurses"
                described = np
            name = f"{described[:1].upper()}{described[1:]} (anonymous)"
            _label, affiliation = group_qualifier(head)
            older = _ANON.match(para, match.start("np"))
            if match.end("np") == match.end("noun") and older and older.end() == match.end():
                continue  # "An Israeli official": one of the country's officials, folded below
            self._add(
                Mention(  # the span ends at the noun: an organisation after it is named too
                    i,
                    match.start("np"),
                    match.end("noun"),
                    np,
                    GroupNameKey(name),
                    "group",
                    role=affiliation,
                    evidence={"group", "anonymous", f"noun:{_singular(noun)}"},
                    weight=1.5,
                    sentence_start=_is_sentence_start(para, match.start("np")),
                )
            )

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
            if not owner and not match.group("the") and not in_role:
                continue  # "a district court", but "Student union president Jamal Reed"
            start = match.start("owner") if owner else match.start("body")
            end = match.end()  # with "of Verrin" when written
            text = para[start:end]
            name = text
            if owner:
                country = _country_of_word(re.sub(r"['’]s$", "", owner.strip()))
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
                        if _SPEECH_AFTER.match(para[match.end() : match.end() + 120])
                        else set()
                    ),
                    weight=2.0
                    if _SPEECH_AFTER.match(para[match.end() : match.end() + 120])
                    else 1.0,
                    sentence_start=_is_sentence_start(para, start),
                )
            )

    def _gazetteer(self, i: int, para: str) -> None:
        for match in _GAZ_RE.finditer(para):
            surface = match.group(0)
            ent_id, how = _SURFACES[surface]
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
                    sentence_start=_is_sentence_start(para, start),
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
        runs = self._join_of(para, toks, self._join_org_parts(para, toks, runs))
        for run in runs:
            self._classify(i, para, toks, run)

    @staticmethod
    def _join_org_parts(para: str, toks: list[Token], runs: list[list[int]]) -> list[list[int]]:
        """Runs split by a plural possessive or by "and" inside one organisation's name:
        ``Ruvenian Teachers'`` + ``Federation``; after "the", ``Logistics`` + ``and`` +
        ``Distribution Workers Union``. Only when the joined run ends in an organisation
        word, so "the Teachers' demands" or "Russia and the European Union" stay apart."""
        out: list[list[int]] = []
        for run in runs:
            if out and toks[run[-1]].text in ORG_HEAD_WORDS:
                prev = out[-1]
                last = toks[prev[-1]]
                gap = para[last.start : toks[run[0]].start]
                if _PLURAL_POSSESSIVE.fullmatch(gap.rstrip(" ")) and re.fullmatch(r"\S+ ", gap):
                    out[-1] = prev + run
                    continue
                before = para[max(0, toks[prev[0]].start - 4) : toks[prev[0]].start]
                if (
                    para[last.end : toks[run[0]].start] == " and "
                    and len(prev) <= 3
                    and re.search(r"\b[Tt]he $", before)
                    and not any(toks[k].text in _SURFACES for k in prev)
                    and toks[prev[0]].text not in lx.GIVEN_NAMES
                ):
                    out[-1] = prev + run
                    continue
            out.append(run)
        return out

    @staticmethod
    def _join_of(para: str, toks: list[Token], runs: list[list[int]]) -> list[list[int]]:
        """``Ministry`` + ``of`` + ``Defence of Ukraine`` -> one organisation run."""
        out: list[list[int]] = []
        for run in runs:
            if out:
                prev = out[-1]
                head = toks[prev[-1]].text
                gap = para[toks[prev[-1]].end : toks[run[0]].start]
                acronym = len(run) == 1 and re.search(r"[A-Z0-9]{2}", toks[run[0]].text)
                if (
                    head in lx.ORG_HEADS
                    and not acronym
                    and (
                        re.fullmatch(r" (?:of|for)(?: the)? ", gap)
                        or (head in {"Embassy", "Consulate"} and gap == " in ")
                    )
                ):
                    out[-1] = prev + run
                    continue
                if re.fullmatch(r" (?:of|for) ", gap) and toks[prev[0]].text in {
                    "Ministry",
                    "Department",
                    "Council",
                    "Office",
                    "Bank",
                    "Court",
                    "Organization",
                    "Union",
                }:
                    out[-1] = prev + run
                    continue
            out.append(run)
        return out

    def _classify(self, i: int, para: str, toks: list[Token], run: list[int]) -> None:
        words = [toks[k].text for k in run]
        start, end = toks[run[0]].start, toks[run[-1]].end
        text = para[start:end]
        if text in _SURFACES:
            return  # a plain gazetteer hit; _gazetteer records it
        if self._national_body(i, para, toks, run):
            return
        # organisations: a run ending in an organisation word, or "Ministry of …"
        embassy = any(w in {"Embassy", "Consulate"} for w in words[:-1]) and words[-1] in _SURFACES
        lead = 1 if words[0] == "The" and len(words) > 2 else 0
        before_of = re.search(r"([A-Z][\w'’-]*)\s+(?:of|for)\s", text)
        of_org = (
            words[lead] in _OF_HEADS and (len(words) - lead >= 3 or before_of is not None)
        ) or (before_of is not None and before_of.group(1) in _OF_HEADS | _MORE_OF_HEADS)
        if (
            len(words) == 1
            and words[0] in BARE_BODIES
            and _SPEECH_AFTER.match(para[end : end + 120])
        ):  # "Police said …": the police force of the story
            self._add(
                Mention(
                    i,
                    start,
                    end,
                    text,
                    OrgKey(text),
                    "organization",
                    evidence={"org-head", "speech"},
                    weight=2.0,
                    sentence_start=_is_sentence_start(para, start),
                )
            )
            return
        if (
            _NAMED_BY_ORG_NOUN.match(para[end : end + 20])
            and words[0] not in lx.GIVEN_NAMES
            and not any(w in HONORIFICS or w.lower() in lx.TITLE_WORDS for w in words[:1])
            and words[0] not in lx.NOT_NAMES
        ):
            # "the centre-right Verrin First party": a party or company named before its
            # noun; someone's own ("whose … party") is an actor of the story
            own = re.search(r"\b(?:whose|his|her|their)\s+(?:[\w-]+\s+)?$", para[:start])
            self._add(
                Mention(
                    i,
                    start,
                    end,
                    text,
                    OrgKey(normalise(text)),
                    "organization",
                    evidence={"org-apposition"},
                    weight=2.0 if own else 1.0,
                    sentence_start=_is_sentence_start(para, start),
                )
            )
            return
        if len(words) >= 2 and (
            words[-1] in ORG_HEAD_WORDS or words[-1] in lx.COMPANY_HEADS or of_org or embassy
        ):
            first = 1 if words[0] in {"The"} else 0
            org_start = toks[run[first]].start
            name = para[org_start:end]
            key_name = _qualified_org(para, org_start, name)
            followed = para[end : end + 40]
            in_role = bool(
                re.match(r"\s+(?:spokes\w+|chief|head|minister|secretary|official)", followed)
            )
            # an organisation that speaks ("the Association of X said …") is an actor of
            # the story even if it is named only once
            speaks = not in_role and _SPEECH_AFTER.match(para[end : end + 120]) is not None
            self._add(
                Mention(
                    i,
                    org_start,
                    end,
                    name,
                    OrgKey(key_name),
                    "organization",
                    evidence={"org-head", "speech"} if speaks else {"org-head"},
                    weight=0.5 if in_role else (2.0 if speaks else 1.0),
                    sentence_start=_is_sentence_start(para, org_start),
                )
            )
            return
        # split the run into [title/role words][name words]
        name_from = len(run)
        for j in range(len(run) - 1, -1, -1):
            word = words[j]
            low = word.lower()
            if (
                low in TITLE_WORDS
                or word in lx.NOT_NAMES
                or word in _GAZ_WORDS
                or word in ORG_HEAD_WORDS
                or word in HONORIFICS
                or (word.isupper() and len(word) > 1 and not word.endswith("."))
            ):
                break
            name_from = j
        if name_from >= len(run):
            self._acronyms(i, para, toks, run)
            return
        name_idx = run[name_from:]
        name_words = [toks[k].text for k in name_idx]
        while (
            len(name_words) > 1
            and name_words[0] in PARTICLES
            and name_from == 0
            and (len(name_words) > 2)
        ):
            name_idx, name_words = name_idx[1:], name_words[1:]
        if not name_words or len([w for w in name_words if w not in PARTICLES]) > 4:
            return
        n_start, n_end = toks[name_idx[0]].start, toks[name_idx[-1]].end
        name = para[n_start:n_end]
        prefix_words = words[:name_from]
        evidence: set[str] = set()
        role = self._role_before(para, toks, name_idx[0])
        if prefix_words and prefix_words[-1] in HONORIFICS:
            evidence.add("honorific")
        if role:
            evidence.add("role")
        after_role, after_kind = self._apposition_after(para, n_end)
        if after_kind == "person" and after_role:
            evidence.add("role")
            role = role or after_role
        if after_kind == "organization":
            evidence.add("org-apposition")
            evidence.add("described")  # "Equinor, the state-controlled energy company,"
        if _SPEECH_AFTER.match(para[n_end : n_end + 120]) or _SPEECH_BEFORE.search(
            para[max(0, n_start - 40) : n_start]
        ):
            evidence.add("speech")
        if name_words[0] in lx.GIVEN_NAMES and len(name_words) >= 2:
            evidence.add("given")
        sentence_start = _is_sentence_start(para, n_start)
        if len(name_words) == 1 and sentence_start and name_words[0] in lx.NOT_NAMES:
            return
        last = name_words[-1]
        if (last in lx.NOT_PERSON_HEADS or last in lx.COMPANY_HEADS) and "role" not in evidence:
            return
        if not evidence & {"role", "honorific", "given"} and (
            _NAMED_BY_ORG_NOUN.match(para[n_end : n_end + 20])
            or re.match(r",\s+which\b", para[n_end : n_end + 10])
        ):
            evidence.add("org-apposition")  # "her Democratic Renewal alliance", "X, which"
        org_start = n_start
        party = name_words[-1] in _PARTY_PLURALS  # "Christian Democrats" despite "Christian"
        if not evidence & {"role", "honorific"} and (party or "given" not in evidence):
            opposition = re.search(
                r"(?:\b[Tt]he\s+)?\bopposition\s+$", para[max(0, n_start - 20) : n_start]
            )
            if opposition:  # "the opposition Social Democrats": the phrase is an alias
                org_start = n_start - (min(n_start, 20) - opposition.start())
            if opposition or party:
                evidence.add("org-apposition")  # "the Greens"
        if len(name_words) == 1 and _country_of_word(name_words[0]) == "?":
            after = re.match(r"\s+([a-z][\w-]*)", para[n_end:])
            if after and after.group(1) in lx.TITLE_WORDS:
                return  # "former Velmoran president Ana Castellar": a demonym, not a name
        if (
            "org-apposition" in evidence
            or (
                (len(name_words) == 1 or not evidence & {"role", "honorific", "given"})
                and (
                    re.search(r"\b(?:" + "|".join(_ORG_NOUNS) + r")\s+$", para[:n_start])
                    # "the state pipeline operator, Sardogas,": the description comes first
                    or _DESCRIBED_BEFORE.search(para[max(0, n_start - 60) : n_start])
                    or EXPERTS_AT.search(para[max(0, n_start - 30) : n_start])
                )
            )
        ):
            # an organisation that speaks, or whose analysts do, is an actor of the story
            # … or that the writer stops to describe ("Equinor, the state energy company,")
            speaks = (
                _SPEECH_AFTER.match(para[n_end : n_end + 120]) is not None
                or EXPERTS_AT.search(para[max(0, n_start - 30) : n_start]) is not None
                or "described" in evidence
            )
            self._add(
                Mention(
                    i,
                    org_start,
                    n_end,
                    para[org_start:n_end],
                    OrgKey(normalise(name)),
                    "organization",
                    evidence={"org-apposition"},
                    weight=2.0 if speaks else 1.0,
                    sentence_start=sentence_start,
                )
            )
            return
        self._add(
            Mention(
                i,
                n_start,
                n_end,
                name,
                NameKey(normalise(name)),
                "person",
                role=role,
                evidence=evidence,
                sentence_start=sentence_start,
            )
        )
        # a gazetteer entity inside the title ("NATO Secretary-General") is still a mention
        for k in run[:name_from]:
            tok = toks[k]
            if tok.text in _SURFACES:
                ent_id, how = _SURFACES[tok.text]
                self._add(
                    Mention(
                        i,
                        tok.start,
                        tok.end,
                        tok.text,
                        EntityKey(ent_id),
                        lx.BY_ID[ent_id].kind,
                        evidence={how, "in-role"},
                        weight=0.5,
                    )
                )

    def _national_body(self, i: int, para: str, toks: list[Token], run: list[int]) -> bool:
        """ "The Norwegian Red Cross", "the Brazilian Congress", "the Valdorian Red Cross": a
        lexicon organisation qualified by a country other than its own is that country's
        own body, an organisation of its own (its country an affiliation)."""
        end = toks[run[-1]].end
        for j in range(1, len(run)):
            surface = para[toks[run[j]].start : end]
            hit = _SURFACES.get(surface)
            if hit is None:
                continue
            ent = lx.BY_ID[hit[0]]
            if ent.kind != "organization":
                return False
            qualifier = toks[run[j - 1]]
            country = _country_of_word(qualifier.text)
            if country is None or country == ent.affiliation or not _heads_its_phrase(para, end):
                return False
            org_start = qualifier.start
            name = para[org_start:end]
            affiliation = lx.BY_ID[country].name if country != "?" else None
            self._add(
                Mention(
                    i,
                    org_start,
                    end,
                    name,
                    OrgKey(normalise(name)),
                    "organization",
                    role=affiliation,
                    evidence={"org-head", "national"},
                    sentence_start=_is_sentence_start(para, org_start),
                )
            )
            if country != "?":  # the country is still named, as in a title
                self._add(
                    Mention(
                        i,
                        qualifier.start,
                        qualifier.end,
                        qualifier.text,
                        EntityKey(country),
                        "country",
                        evidence={_SURFACES[qualifier.text][1], "in-role"},
                        weight=0.5,
                    )
                )
            return True
        return False

    def _acronyms(self, i: int, para: str, toks: list[Token], run: list[int]) -> None:
        for k in run:
            tok = toks[k]
            word = tok.text
            if (
                word.isupper()
                and 2 <= len(word.replace(".", "")) <= 8
                and word not in _SURFACES
                and word not in lx.NOT_NAMES
                and word.lower() not in lx.TITLE_WORDS
                and not re.fullmatch(r"[IVXLC]+", word)
            ):
                around = para[max(0, tok.start - 30) : tok.end + 30]
                evidence = {"acronym"}
                if re.search(re.escape(word) + r"\s+(?:" + "|".join(_ORG_NOUNS) + r")\b", around):
                    evidence.add("org-noun")
                if re.search(r"\b(?:" + "|".join(_ORG_NOUNS) + r")\s+" + re.escape(word), around):
                    evidence.add("org-noun")
                self._add(
                    Mention(
                        i,
                        tok.start,
                        tok.end,
                        word,
                        OrgKey(word),
                        "organization",
                        evidence=evidence,
                    )
                )

    # -- roles --------------------------------------------------------------------------

    @staticmethod
    def _role_before(para: str, toks: list[Token], first: int) -> str | None:
        """The title or role right before a name, as the text gives it."""
        k = first - 1
        name_start = toks[first].start
        gap = para[toks[k].end : name_start] if k >= 0 else ""
        if k >= 0 and re.fullmatch(r",\s+", gap):
            # appositive before: "the Kremlin's chief spokesman, Dmitry Peskov"
            last_is_role = toks[k].text.lower() in ROLE_NOUNS or toks[k].text.lower() in {
                "secretary-general",
                "commander-in-chief",
            }
            if not last_is_role:
                # "the minister for local government, Sara Lind": a role noun, then "for"/
                # "of" and its domain, the whole phrase opened by a determiner
                return MentionFinder._role_phrase_before(para, toks, k)
            collected = [k]
            j = k - 1
            while j >= 0 and len(collected) < 7:
                between = para[toks[j].end : toks[j + 1].start]
                if not re.fullmatch(r"(?:'s|’s)?\s+", between):
                    break
                low = toks[j].text.lower()
                if low in {"the", "a", "an", "his", "her", "their", "its", "our", "said"}:
                    break
                if low in {"and", "who", "that", "which", "with", "by", "to", "as"}:
                    break
                collected.append(j)
                j -= 1
            collected.reverse()
            role = para[toks[collected[0]].start : toks[collected[-1]].end]
            return role if len(collected) >= 1 else None
        collected = []
        j = first - 1
        while j >= 0:
            tok = toks[j]
            between = para[tok.end : toks[j + 1].start]
            if not re.fullmatch(r"(?:'s|’s)?[ \u00a0]", between) and not (
                between.strip() == "" and len(between) == 1
            ):
                break
            low = tok.text.lower()
            if tok.cap or low in TITLE_WORDS or low in ROLE_NOUNS or low in _ROLE_ADJ:
                if (
                    tok.text in lx.NOT_NAMES
                    and tok.text not in HONORIFICS
                    and tok.text not in {"Western", "Eastern", "Northern", "Southern", "Central"}
                ):
                    break
                collected.append(j)
            elif low in {"of", "for", "the", "and", "on"} and collected:
                collected.append(j)
            else:
                break
            j -= 1
        while collected and toks[collected[-1]].text.lower() in {"of", "for", "the", "and", "on"}:
            collected.pop()
        if not collected:
            return None
        collected.reverse()
        words = [toks[c].text.lower() for c in collected]
        if not any(w in ROLE_NOUNS or w in TITLE_WORDS for w in words):
            return None
        if all(toks[c].text in HONORIFICS for c in collected):
            return None
        start = toks[collected[0]].start
        end = toks[collected[-1]].end
        role = para[start:end]
        if toks[collected[-1]].possessive:
            return None
        return role

    @staticmethod
    def _role_phrase_before(para: str, toks: list[Token], k: int) -> str | None:
        """ "the minister for local government, " ending at token ``k``: the role phrase."""
        j, words = k, []
        while j >= 0 and len(words) < 6:
            if j < k and not re.fullmatch(r"\s+", para[toks[j].end : toks[j + 1].start]):
                return None
            low = toks[j].text.lower()
            if low in {"the", "a", "an", "his", "her", "their", "its", "our"}:
                break
            words.append(j)
            j -= 1
        else:
            return None
        if j < 0 or len(words) < 3:
            return None
        words.reverse()
        texts = [toks[w].text.lower() for w in words]
        if texts[0] not in ROLE_NOUNS or not ({"for", "of"} & set(texts[1:2])):
            return None
        return para[toks[words[0]].start : toks[words[-1]].end]

    @staticmethod
    def _apposition_after(para: str, end: int) -> tuple[str | None, str | None]:
        """``X, the Kremlin's spokesman,`` -> (role, "person"); ``X, the energy company,``."""
        match = re.match(
            r",\s+((?:the|a|an|[A-Z][\w.'’-]*(?:'s|’s)?|(?:" + _ROLE_START + r")\s+(?:of|at|for))"
            r"\s+[^,;.()\"“”]{2,90}?)\s*(?:,|\.|;|$)",
            para[end:],
        )
        if not match:
            return None, None
        phrase = re.split(r"\s+(?:who|whose)\s+", match.group(1))[0]  # ", a hydrologist at X who …"
        words = re.findall(r"[\w'’-]+", phrase.lower())
        if len(words) > 12 or (words and words[0] in {"who", "which", "that", "said"}):
            return None, None
        if re.search(r"\b(?:" + lx.SPEECH_VERBS + r")\b", phrase):
            return None, None
        head = re.split(
            r"\s+(?:in|at|of|for|with|from|based|owned|run|founded|headquartered|that|which|"
            r"whose|listed)\b",
            phrase,
        )[0].split()
        if head and head[-1].lower() in _ORG_NOUNS:
            return phrase, "organization"  # "a private group based in Lanvik"
        role_at = re.match(r"(.*?)\b(?:at|of|for|with)\b", phrase)
        if role_at and any(
            w in ROLE_NOUNS or re.fullmatch(r"[a-z]{4,}(?:ist|ian)", w)  # "a hydrologist at"
            for w in re.findall(r"[\w'’-]+", role_at.group(1))
        ):
            # "a senior fellow at the Lowy Institute": a person's role at an organisation
            return re.sub(r"^(?:the|a|an)\s+", "", phrase), "person"
        if any(w in _ORG_NOUNS for w in words[-3:]):
            return phrase, "organization"
        if any(w in ROLE_NOUNS for w in words):
            role = re.sub(r"^(?:the|a|an)\s+", "", phrase)
            return role, "person"
        return None, None


def affiliation_of(text: str) -> str | None:
    """The country or organisation a role or organisation name points at."""
    for match in _GAZ_RE.finditer(text):
        ent = lx.BY_ID[_SURFACES[match.group(0)][0]]
        return ent.name
    return None


GROUP_CLASS = {
    **dict.fromkeys(
        wordset(
            "official officials source sources aide aides people person persons insiders officers"
        ),
        "officials",
    ),
    "diplomat": "diplomats",
    "diplomats": "diplomats",
    "allies": "allies",
    "partners": "allies",
    "Allies": "allies",
    "leaders": "leaders",
    "governments": "governments",
    "lawmakers": "lawmakers",
    "senators": "lawmakers",
    "republicans": "Republicans",
    "democrats": "Democrats",
}
_QUALIFIER_WORDS = {
    "western": "Western",
    "european": "European",
    "congressional": "Congressional",
    "republican": "Republican",
    "democratic": "Democratic",
    "arab": "Arab",
    "gulf": "Gulf",
    "nordic": "Nordic",
    "baltic": "Baltic",
}
LOOSE_QUALIFIERS = {
    "administration",
    "government",
    "military",
    "intelligence",
    "defense",
    "defence",
    "security",
    "diplomatic",
}


def group_qualifier(words: str) -> tuple[str, str | None]:
    """Qualifier words -> (label, affiliation): ``"senior U.S."`` -> ``("U.S.", "United
    States")``, ``"European Union"`` -> ``("EU", …)``, ``"Western"`` -> ``("Western", None)``."""
    for found in _GAZ_RE.finditer(words):
        ent = lx.BY_ID[_SURFACES[found.group(0)][0]]
        if ent.id == "united-states":
            return "U.S.", ent.name
        if ent.id == "european-union":
            return "EU", ent.name
        if ent.kind == "country":
            return (ent.demonyms[0] if ent.demonyms else ent.name), ent.name
        return ent.name, ent.name
    for word in words.split():
        if word.lower() in _QUALIFIER_WORDS:
            return _QUALIFIER_WORDS[word.lower()], None
    named = re.findall(r"\b[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*", words)
    if named and named[-1].split()[-1] in lx.ORG_HEADS:
        return named[-1], named[-1]  # "A Commerce Department official"
    for word in words.split():
        if word.lower() in LOOSE_QUALIFIERS:
            return word.lower().capitalize(), None
    return "", None


_PORTFOLIO = (
    r"foreign|interior|home|energy|defen[cs]e|finance|economy|economic|justice|health|"
    r"education|trade|transport|fisheries|agriculture|environment|labou?r|culture|science|"
    r"water|industry|housing|foreign\s+affairs"
)
_LOWER_BODY = re.compile(
    r"(?:(?P<the>\b[Tt]he\s+)?(?P<owner>[A-Z][a-z]{2,}(?:['’]s)?\s+)?)"
    r"(?P<body>(?:" + _PORTFOLIO + r")\s+ministry|"
    r"(?:constitutional|supreme|high|appeals|administrative)\s+court|"
    r"[Ss]tudent\s+union|board\s+of\s+(?:trustees|directors|governors|regents)|"
    r"(?:inquiry|review|investigation)\s+board|district\s+attorney['’]s\s+office|"
    r"police\s+department|regional\s+government|faculty\s+senate|city\s+council)\b"
    r"(?P<of>\s+of\s+[A-Z][\w-]+)?(?!\s+(?:of|for)\s+[A-Z])"
)


def _singular(noun: str) -> str:
    """``officials`` -> ``official``, ``people`` -> ``person`` (for matching "the official")."""
    if noun == "people":
        return "person"
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


_NUMBER_WORDS = r"[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]everal|[Ss]ome|\d+"
# what says that a source is unnamed, right after the noun phrase
_ANONYMITY = (
    r",?\s+(?:who\s+(?:asked|spoke|declined|requested|did\s+not\s+want|"
    r"(?:was|were)\s+not\s+authori[sz]ed|(?:was|were)\s+present)|speaking\s+on\s+condition|"
    r"on\s+condition\s+of\s+anonymity|not\s+authori[sz]ed\s+to)"
)
_ANON_SOURCE = re.compile(
    r"(?<![\w'’-])(?P<np>(?P<det>" + _NUMBER_WORDS + r")\s+"
    r"(?:(?:[a-z][\w-]*|[A-Z][\w.&'’-]*)\s+){0,4}?(?P<noun>[a-z]{3,})"
    r"(?:\s+(?:at|in|from|of|with|on|for|involved\s+in|close\s+to|familiar\s+with|briefed\s+on|"
    r"who\s+(?:worked|works|work|served|serves)\s+(?:on|in|at|for|with))\s+[^,.;:\"“”]{1,60}?)?)"
    r"(?=" + _ANONYMITY + r")"
)
# nouns that are never a source: "one of them, who asked …" is found through its group
_NOT_SOURCE_NOUNS = frozenset(["them", "whom", "which", "that", "those", "these"])


_QUAL_ALT = "|".join(
    re.escape(s) for s in sorted(_SURFACES, key=len, reverse=True) if s[:1].isupper()
)
_COLLECTIVE = re.compile(
    r"(?<![\w.])(?P<q>(?:" + _QUAL_ALT + r"|Western|European|[Cc]ongressional|Republican|"
    r"Democratic|Arab|Gulf|Nordic|Baltic)(?:\s+(?:government|administration|military|"
    r"intelligence|security|defen[cs]e))?)\s+"
    r"(?P<noun>allies|partners|officials|diplomats|leaders|lawmakers|senators|[Rr]epublicans|"
    r"[Dd]emocrats|governments|sources)\b"
)
_OFFICIALS_IN = re.compile(
    r"\b(?P<noun>(?i:officials|diplomats|sources))\s+in\s+(?P<place>" + _QUAL_ALT + r")\b"
)
_BARE_ALLIES = re.compile(r"\b(?:[Tt]he\s+|[Ii]ts\s+|[Oo]ur\s+|[Tt]heir\s+)?(?P<noun>[Aa]llies)\b")
