"""A person's role as the text writes it next to the name.

Wire stories give a role in three places: as a title before the name ("Deputy Governor
Piet Halloran", "the Kremlin's chief spokesman, Dmitry Peskov"), as a role phrase before
it ("the minister for local government, Sara Lind"), and in apposition after it ("Jane
Doe, a senior fellow at the Lowy Institute,"). An apposition may also say that the name
is an organisation's ("Equinor, the state energy company,").
"""

from __future__ import annotations

import re

from briefing.derive import lexicon as lx
from briefing.derive.cues import HONORIFICS, ORG_NOUNS, ROLE_ADJ, ROLE_NOUNS, TITLE_WORDS
from briefing.derive.entities import Token

# a role that opens an apposition without a determiner: ", head of the X Network,"
_ROLE_START = "head|chief|director|chairman|chairwoman|chair|president|founder|leader|member"


def role_before(para: str, toks: list[Token], first: int) -> str | None:
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
            return role_phrase_before(para, toks, k)
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
        if tok.cap or low in TITLE_WORDS or low in ROLE_NOUNS or low in ROLE_ADJ:
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


def role_phrase_before(para: str, toks: list[Token], k: int) -> str | None:
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


def apposition_after(para: str, end: int) -> tuple[str | None, str | None]:
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
    if head and head[-1].lower() in ORG_NOUNS:
        return phrase, "organization"  # "a private group based in Lanvik"
    if head and head[-1].lower() in ROLE_NOUNS:
        # the head noun decides: "a former central bank deputy governor" is a person's
        # role although "bank" is an organisation word
        return re.sub(r"^(?:the|a|an)\s+", "", phrase), "person"
    role_at = re.match(r"(.*?)\b(?:at|of|for|with)\b", phrase)
    if role_at and any(
        w in ROLE_NOUNS or re.fullmatch(r"[a-z]{4,}(?:ist|ian)", w)  # "a hydrologist at"
        for w in re.findall(r"[\w'’-]+", role_at.group(1))
    ):
        # "a senior fellow at the Lowy Institute": a person's role at an organisation
        return re.sub(r"^(?:the|a|an)\s+", "", phrase), "person"
    if any(w in ORG_NOUNS for w in words[-3:]):
        return phrase, "organization"
    if any(w in ROLE_NOUNS for w in words):
        role = re.sub(r"^(?:the|a|an)\s+", "", phrase)
        return role, "person"
    return None, None
