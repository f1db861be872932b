"""Joining runs of capitalised words that one name spans across a gap.

The mention finder (:mod:`briefing.derive.mentions`) cuts a paragraph into runs of
capitalised words separated only by a space. Some names span other gaps, and these
functions join their parts before a run is classified (:mod:`briefing.derive.classify`):

* partners' names joined by an ampersand, "Brandt & Kessler", "Moll, Tanaka & Reyes LLP",
  and "X and Partners" (:func:`join_firm_names`);
* a plural possessive or "and" inside a body's name, "the Teachers' Federation", "the
  Logistics and Distribution Workers Union" (:func:`join_org_parts`);
* "of"/"for" after an organisation word, "Ministry of Defence" (:func:`join_of`).
"""

from __future__ import annotations

import re

from briefing.derive import lexicon as lx
from briefing.derive.cues import ORG_HEAD_WORDS, PORTFOLIOS
from briefing.derive.entities import Token
from briefing.derive.gazetteer import SURFACES
from briefing.derive.lexicon import wordset

__all__ = ["join_firm_names", "join_of", "join_org_parts"]

# The last word of a plural possessive inside an organisation's name: "Teachers'" in
# "the Teachers' Federation", "Fishermen's" in "the Fishermen's Association".
_PLURAL_POSSESSIVE = re.compile(r"[A-Z][a-z]*(?:s['’]|men['’]s)|(?:Children|People)['’]s")

# heads that take "of" into the name: "Ministry of Defence", "Lusk Chamber of Commerce"
_OF_JOIN_HEADS = lx.ORG_HEADS | wordset(
    "Chamber Board Society College University Trust Academy School Hospital Tribunal"
)
# what follows "and" inside a firm's name: "Quist and Partners", "Holm and Sons"
_FIRM_WORDS = wordset("Partners Sons Daughters Associates Company Co. Co Brothers Colleagues")


def join_firm_names(para: str, toks: list[Token], runs: list[list[int]]) -> list[list[int]]:
    """Partners' names joined into one firm's: an ampersand between capitalised
    names is always inside one name ("Brandt & Kessler", "Moll, Tanaka & Reyes LLP":
    the comma-separated names before it too), and "and" before a firm word
    ("Quist and Partners", "… and Sons") is part of the name. "and" alone joins
    nothing: "Lea Marsh and Tomas Ruud" are two people."""

    def gap(a: list[int], b: list[int]) -> str:
        return para[toks[a[-1]].end : toks[b[0]].start]

    out: list[list[int]] = []
    k = 0
    while k < len(runs):
        run = runs[k]
        joined = False
        # "Moll, Tanaka & Reyes": single names separated by commas, then "&"
        j = k
        while j + 1 < len(runs) and gap(runs[j], runs[j + 1]) == ", " and len(runs[j]) == 1:
            j += 1
        if j > k and j + 1 < len(runs) and gap(runs[j], runs[j + 1]) == " & ":
            run = [t for r in runs[k : j + 2] for t in r]
            k, joined = j + 2, True
        elif k + 1 < len(runs) and (
            gap(run, runs[k + 1]) == " & "
            or (gap(run, runs[k + 1]) == " and " and toks[runs[k + 1][0]].text in _FIRM_WORDS)
        ):
            run, k, joined = run + runs[k + 1], k + 2, True
        if not joined:
            k += 1
        out.append(run)
    return out


def join_org_parts(para: str, toks: list[Token], runs: list[list[int]]) -> list[list[int]]:
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
            if (
                toks[prev[0]].text in {"St.", "St", "Saint"}
                and last.possessive
                and re.fullmatch(r"\S+['’]s ", gap)
            ):
                out[-1] = prev + run  # "St. Aldric's University Hospital"
                continue
            before = para[max(0, toks[prev[0]].start - 4) : toks[prev[0]].start]
            if (
                para[last.end : toks[run[0]].start] == " and "
                and len(prev) <= 3
                and (re.search(r"\b[Tt]he $", before) or toks[prev[0]].text == "The")
                and not any(toks[k].text in SURFACES for k in prev)
                and toks[prev[0]].text not in lx.GIVEN_NAMES
            ):
                out[-1] = prev + run
                continue
        out.append(run)
    return out


def join_of(para: str, toks: list[Token], runs: list[list[int]]) -> list[list[int]]:
    """``Ministry`` + ``of`` + ``Defence of Ukraine`` -> one organisation run."""
    out: list[list[int]] = []
    for run in runs:
        if out:
            prev = out[-1]
            head = toks[prev[-1]].text
            gap = para[toks[prev[-1]].end : toks[run[0]].start]
            acronym = len(run) == 1 and re.search(r"[A-Z0-9]{2}", toks[run[0]].text)
            if (
                head in _OF_JOIN_HEADS
                and not acronym
                and (
                    re.fullmatch(r" (?:of|for)(?: the)? ", gap)
                    or (head in {"Embassy", "Consulate", "Court", "Tribunal"} and gap == " in ")
                )
            ):
                out[-1] = prev + run
                continue
            built_on_of = re.search(r" (?:of|for) ", para[toks[prev[0]].start : toks[prev[-1]].end])
            if built_on_of and gap == " and " and all(toks[k].text in PORTFOLIOS for k in run):
                out[-1] = prev + run  # "Ministry of Trade" + "and" + "Industry"
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
