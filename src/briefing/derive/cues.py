"""Word lists and patterns that both finding mentions and folding them use.

Kept in one place so that "is this word a title?" or "does a speech verb follow?" has one
answer everywhere. The lexicon (:mod:`briefing.derive.lexicon`) holds the general lists;
these are the extra words news writing needs for names and bodies.
"""

from __future__ import annotations

import re

from briefing.derive import lexicon as lx
from briefing.derive.lexicon import wordset

# lower-case words inside a person's name ("Ursula von der Leyen")
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
# titles of address before a name
HONORIFICS = frozenset(
    ["Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Dr", "Dr.", "Sir", "Madam", "Dame", "Prof", "Prof."]
)
# words that qualify a title ("senior", "deputy", "foreign") before a name
ROLE_ADJ = wordset(
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
    member prosecutor inspector mediator ombudsman auditor treasurer lecturer historian
    manager lawmaker legislator negotiator
    """
)
TITLE_WORDS = lx.TITLE_WORDS | _MORE_ROLES
ROLE_NOUNS = lx.ROLE_NOUNS | _MORE_ROLES
# nouns that describe an organisation ("the chipmaker", "a private group")
ORG_NOUNS = wordset(
    """
    chipmaker automaker carmaker retailer miner startup supplier provider newspaper outlet
    shipper refiner airline developer studio hospital clinic school laboratory lab platform
    foundation society club confederation
    company firm group agency organization organisation union ministry body regulator operator
    producer giant maker bank broadcaster network party alliance bloc coalition court council
    authority association federation corporation conglomerate carrier airline manufacturer
    utility insurer lender exchange watchdog consortium charity institute university
    consultancy nonprofit think-tank brokerage publisher chain fund
    """
)
# a preposition right before a place: "in Lanvik", "visited Oslo" (a place, not a speaker)
LOCATIVE = re.compile(
    r"(?:\b(?:in|at|to|from|near|outside|across|around|into|toward|towards|visit(?:ed|ing)?|"
    r"via|through|between|over|on|of)\s+)$",
    re.IGNORECASE,
)
# a speech verb right after a name: "X said", "X, the bank's chair, said", "X has not said"
SPEECH_AFTER = re.compile(
    r"^(?:,[^,]{1,80},|,(?=\s+(?:also\s+)?(?:" + lx.SPEECH_VERBS + r")\b)|"
    r",(?=\s+(?:has|had|did)\s+not\s+(?:yet\s+)?(?:said|say)\b))?"
    r"\s*(?:also\s+|later\s+|then\s+|has\s+|had\s+|previously\s+|"
    r"(?:has|had|did)\s+not\s+(?:yet\s+)?(?:say\b)?)?"
    r"(?:" + lx.SPEECH_VERBS + r")\b"
)
# a speech verb right before a name: "said Jane Doe"
SPEECH_BEFORE = re.compile(r"\b(?:" + lx.SPEECH_VERBS + r")\s*[,:]?\s*$")

# a plain speech verb right after a word: "Maersk said"
SAYS_NOW = re.compile(
    r"^(?:,[^,]{1,80},)?\s+(?:also\s+)?(?:said|says|told|added|wrote|announced|stated|warned|"
    r"reported|confirmed|denied)\b"
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
    Hospital Clinic School Academy Museum Tribunal Services
    """
)
# bodies named by one capitalised word when they speak ("Police said")
BARE_BODIES = wordset("Police Prosecutors Coastguard")
# "Analysts at Nordhus": a firm's experts speak for it
EXPERTS_AT = re.compile(
    r"\b(?:[Aa]nalysts|[Ee]conomists|[Ee]xperts|[Rr]esearchers|[Ss]trategists|[Ll]awyers)"
    r"\s+(?:at|from|with)\s+$"
)
# portfolios, capitalised in a ministry's name: "Ministry of Trade and Industry"
PORTFOLIOS = wordset(
    """
    Trade Industry Energy Environment Fisheries Agriculture Health Education Culture Science
    Technology Innovation Transport Infrastructure Finance Economy Labour Labor Employment
    Welfare Housing Justice Interior Defence Defense Foreign Affairs Development Tourism
    Sport Sports Youth Family Social Communications Digital Water Climate Mines Mining
    Commerce Security Immigration Human Services Resources Planning Works Public Research
    Forestry Food Rural Regional Local Government Equality Enterprise Investment Treasury
    """
)
# What follows a company's name: "said it would", "said in a statement that its",
# "'s board", "'s shares", ", which owns".
AS_IT = re.compile(
    r"(?:\s+(?:said|says|announced|added|confirmed|stated|told \w+)(?:\s+(?:on|in|late|"
    r"earlier)\s+[\w ]{1,25}?)?\s+(?:that\s+)?(?:it|its)\b|['’]s\s+(?:board|shares|"
    r"chief executive|headquarters|shareholders|factory|plant|share price)\b|,\s+which\b)"
)

# "the government", "the national government": the state's own, never a regional one's
STATE_GOVERNMENT = re.compile(r"(?:(?:national|central|federal)\s+)?government")
