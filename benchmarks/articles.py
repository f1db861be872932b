"""Synthetic news articles of any size, for derive's scaling checks.

Written from scratch (no publisher's text): paragraphs in the shape of a wire story —
datelines, named people with roles, quotes with speech verbs, dates, organisations —
drawn deterministically from small vocabularies, so a 500 KB article has the variety
(many distinct names, quotes and dates) that makes quadratic work show.
"""

from __future__ import annotations

import random

from benchmarks.generate import MONTHS

_FIRST = [
    "Amara",
    "Selin",
    "Mykola",
    "Andrei",
    "Lena",
    "Tomas",
    "Ines",
    "Kofi",
    "Yara",
    "Pavel",
    "Noor",
    "Hugo",
    "Mei",
    "Omar",
    "Ilse",
    "Rafael",
    "Zofia",
    "Ken",
    "Dara",
    "Luis",
]
_LAST = [
    "Diallo",
    "Aydemir",
    "Hrytsenko",
    "Volkov",
    "Berg",
    "Novak",
    "Costa",
    "Mensah",
    "Haddad",
    "Orlov",
    "Rahimi",
    "Laurent",
    "Chen",
    "Farouk",
    "Janssen",
    "Ortega",
    "Kowalska",
    "Sato",
    "Quinn",
    "Reyes",
]
_ROLES = [
    "Foreign Minister",
    "Defence Minister",
    "spokesman",
    "special envoy",
    "President",
    "Prime Minister",
    "senior official",
    "ambassador",
    "chief negotiator",
    "general",
]
_PLACES = [
    "Ankara",
    "Kyiv",
    "Brussels",
    "Geneva",
    "Warsaw",
    "Oslo",
    "Vienna",
    "Riga",
    "Tallinn",
    "Madrid",
    "Lisbon",
    "Prague",
]
_ORGS = [
    "the United Nations",
    "NATO",
    "the European Union",
    "the Red Cross",
    "the World Bank",
    "the OSCE",
    "the African Union",
    "the G7",
]
_TOPICS = [
    "the grain corridor",
    "the ceasefire",
    "sanctions",
    "the pipeline deal",
    "air defence",
    "the prisoner exchange",
    "the port blockade",
    "reconstruction aid",
]
_VERBS = [
    "said",
    "told reporters",
    "said in a statement",
    "wrote on Telegram",
    "added",
    "warned",
    "told a news conference",
]


def _paragraph(rng: random.Random, n: int) -> str:
    name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    role = rng.choice(_ROLES)
    place = rng.choice(_PLACES)
    topic = rng.choice(_TOPICS)
    org = rng.choice(_ORGS)
    day = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2029, 2032)}"
    kind = n % 4
    if kind == 0:
        return (
            f"{role.capitalize()} {name} said on {day} in {place} that talks on {topic} "
            f"would resume, adding that {org} had been asked to help. Round {n} is due to "
            f"start within weeks, officials said."
        )
    if kind == 1:
        return (
            f'"We will not accept conditions on {topic} that nobody can meet," {name} '
            f'{rng.choice(_VERBS)}. "Our position on round {n} is well known."'
        )
    if kind == 2:
        return (
            f"{org[0].upper() + org[1:]} said it would send observers to {place} by {day}. "
            f"A diplomat, speaking on condition of anonymity, said {topic} was "
            f'"a non-starter" for now, while {name}, the {role}, urged patience.'
        )
    return (
        f'In {place}, {name} told reporters: "There is no deal on {topic} yet, but '
        f'there is a table, and round {n} is on it." Two officials said {org} supported '
        f"the plan."
    )


def article(size: int, seed: int = 17) -> str:
    """A plain-text article (with a header block, as derive reads) of about ``size`` bytes."""
    rng = random.Random(seed)
    head = (
        "title: Talks on several fronts resume as envoys meet\n"
        "publisher: Synthetic Wire\n"
        "url: https://example.org/synthetic/talks\n"
        "date: 2031-02-11\n\n"
    )
    parts = [head]
    total = len(head)
    n = 0
    while total < size:
        para = _paragraph(rng, n)
        parts.append(para + "\n\n")
        total += len(para) + 2
        n += 1
    return "".join(parts)
