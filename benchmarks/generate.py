"""Deterministic generator of realistic synthetic brief libraries.

``python -m benchmarks.generate --size 10000 [--seed 1] [--out DIR]``

Every brief depends only on ``(seed, index)``, so the 10k library is the first 10k
briefs of the 100k one, and regenerating gives byte-identical files. Briefs look like
the bundled ones (about 6 KB): Markdown summary paragraphs, 5–12 actors, 4–10 positions
with quotes, 2–4 open questions, 4–8 timeline events, tags, a source and ``updated``.

Actors come from one shared pool of 5,000 with a Zipf-like skew, so a handful of
actors appear in thousands of briefs and most in a few. One actor, :data:`BENCH_ACTOR`,
is kept out of the skewed draw and put in every :data:`BENCH_ACTOR_EVERY`-th brief with
one position, so the 100k library has exactly ``ceil(100000 / 18)`` = 5,556 of its
positions (the actor-screen benchmark). Open-question ids recur from a skewed pool too.

YAML is written by string building (not ``yaml.dump``), in the style of the bundled
briefs: block scalars for prose, flow lists for short lists, double quotes for quotes.
Files go 1,000 per subfolder. A library is written to ``DIR.tmp`` and renamed when
complete, with a ``manifest.json`` describing it (the cache key is size + seed +
:data:`GENERATOR_VERSION`).
"""

# ruff: noqa: SIM905, RUF005 - word lists read best as one string per list

from __future__ import annotations

import argparse
import bisect
import contextlib
import datetime as dt
import fcntl
import json
import math
import os
import random
import re
import shutil
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

GENERATOR_VERSION = 1
DEFAULT_SEED = 1
ACTOR_POOL_SIZE = 5_000
QUESTION_POOL_SIZE = 4_000
PER_FOLDER = 1_000
BENCH_ACTOR = "marta-kovalenko"
BENCH_ACTOR_NAME = "Marta Kovalenko"
BENCH_ACTOR_EVERY = 18
DATA_DIR = Path(__file__).resolve().parent / "data"
FIRST_DAY = dt.date(2019, 1, 1)
DAYS = 6 * 365

# -- vocabulary ------------------------------------------------------------------------

FIRST = (
    "Anna Boris Carla Dmitri Elena Farid Greta Hassan Ingrid Jonas Karim Lena Mikhail Nadia "
    "Oscar Petra Rafael Sofia Tomas Ursula Viktor Wanda Xavier Yasmin Zoltan Amir Bianca "
    "Cyril Daria Emil Fatima Georg Hana Igor Jana Kofi Lucia Marek Nina Omar Pavel Rosa "
    "Stefan Tamara Umar Vera Walter Yuri Zara Aleksei Beatriz Chen Dana Erik Flora Gustav "
    "Helga Ivan Julia Kenji Leila Matteo Noor Olga Pieter Rania Samir Tereza Ulrich Valentina "
    "Wei Yusuf Adrian Birgit Claudia Diego Esther Felix Gabriela Henrik Irina Jakub Katarina "
    "Lars Maria Nikolai Olena Pablo Quentin Rustam Sanna Taras Ugo Vesna William Yelena "
    "Andrzej Bogdan Chiara Dorota Eduard Fiona Grigor Hiroshi Ilse Josef Kateryna Luis Mei"
).split()
LAST = (
    "Abramov Bauer Castillo Dimitrov Eriksen Fischer Garcia Horvat Ivanova Jansen Kaplan "
    "Lindqvist Moreau Novak Okafor Petrov Quiroga Rossi Schmidt Tanaka Ulyanov Varga Weber "
    "Yilmaz Zielinski Andersen Bianchi Costa Dubois Esposito Ferreira Gruber Hansen Ilic "
    "Jovanovic Kowalski Laurent Marino Nielsen Oliveira Popescu Richter Santos Tkachenko "
    "Urbanek Vasquez Wagner Yamamoto Zhukov Almeida Berger Chavez Demir Engel Fontaine "
    "Gallo Haas Isaksen Jensen Keller Lehmann Mazur Nowak Ortega Pavlov Romano Sokolov "
    "Torres Ueda Volkov Wolf Yakovlev Zimmermann Arslan Bondarenko Cruz Dahl Ekström "
    "Fuchs Greco Hoffmann Iglesias Juhasz Koch Lund Melnyk Nagy Olsen Pereira Reyes Shevchenko "
    "Tamm Usmanov Vogel Winter Yusupov Zaharia Aydin Brandt Ceylan Dvorak Eklund Frank "
    "Gomez Hartmann Ionescu Jaeger Kuznetsov Lopez Meyer Neumann Ozturk Pinto Ramos Sorensen "
    "Toth Vidal Walsh Young Zeller Albrecht Baptiste Conti Dragomir Ernst Farkas Grant"
).split()
COUNTRIES = (
    "Ukraine Russia France Germany Poland Italy Spain Portugal Netherlands Belgium Austria "
    "Hungary Romania Bulgaria Greece Turkey Georgia Armenia Azerbaijan Moldova Belarus "
    "Lithuania Latvia Estonia Finland Sweden Norway Denmark Iceland Ireland Canada Mexico "
    "Brazil Argentina Chile Colombia Peru Japan China India Pakistan Iran Iraq Syria Israel "
    "Jordan Egypt Libya Tunisia Algeria Morocco Nigeria Ghana Kenya Ethiopia Sudan Somalia "
    "Qatar Oman Yemen Kazakhstan Uzbekistan Mongolia Vietnam Thailand Indonesia Malaysia "
    "Philippines Australia Serbia Croatia Slovenia Slovakia Czechia Switzerland Albania"
).split() + [
    "United States",
    "United Kingdom",
    "South Korea",
    "North Korea",
    "Saudi Arabia",
    "South Africa",
    "New Zealand",
    "North Macedonia",
    "Bosnia and Herzegovina",
]
PLACES = (
    "Kharkiv Odesa Kherson Zaporizhzhia Donetsk Luhansk Crimea Belgorod Kursk Bakhmut Avdiivka "
    "Mariupol Sumy Chernihiv Dnipro Lviv Kyiv Brussels Geneva Vienna Warsaw Vilnius Riga "
    "Tallinn Helsinki Stockholm Ankara Istanbul Doha Cairo Gaza Rafah Beirut Damascus Aleppo "
    "Tehran Baghdad Erbil Sanaa Aden Khartoum Tripoli Niamey Bamako Kinshasa Goma Mogadishu "
    "Taipei Manila Seoul Pyongyang Tokyo Beijing Shanghai Delhi Karachi Kabul Yerevan Baku "
    "Tbilisi Chisinau Minsk Belgrade Pristina Sarajevo Athens Nicosia Caracas Bogota Havana"
).split() + [
    "the Black Sea",
    "the Red Sea",
    "the Baltic Sea",
    "the South China Sea",
    "the Taiwan Strait",
    "the Sahel",
    "the Horn of Africa",
    "the Caucasus",
    "the Western Balkans",
    "the Arctic",
    "the Persian Gulf",
    "the Strait of Hormuz",
]
ORG_KINDS = (
    "Council Commission Agency Ministry Parliament Assembly Bank Fund Alliance Forum Union "
    "Authority Court Office Command Committee Directorate Coalition Institute Service"
).split()
ORG_TOPICS = (
    "Energy Defence Security Trade Finance Health Refugee Maritime Grain Nuclear Climate "
    "Cyber Border Development Reconstruction Transport Water Space Migration Election"
).split()
GROUP_NOUNS = (
    "officials diplomats lawmakers negotiators commanders analysts protesters farmers "
    "investors shipowners engineers monitors inspectors envoys prosecutors mediators"
).split()
TITLES = (
    "President;Prime Minister;Foreign Minister;Defence Minister;Finance Minister;Energy Minister;"
    "Interior Minister;Ambassador to the UN;Central Bank Governor;Chief of the General Staff;"
    "National Security Adviser;Speaker of Parliament;Opposition Leader;Mayor of the capital;"
    "Special Envoy;Deputy Foreign Minister;Trade Commissioner;Chief Negotiator;"
    "Head of Intelligence;Government Spokesperson;Commander of the Navy;Justice Minister"
).split(";")
TOPIC_HEADS = (
    "ceasefire talks;grain exports;sanctions on oil;gas transit;air defence deliveries;"
    "long-range missiles;prisoner exchange;nuclear plant safety;border crossings;"
    "refugee returns;reconstruction funding;frozen central bank assets;arms production;"
    "troop deployments;peacekeeping mission;election monitoring;shipping insurance;"
    "fertiliser exports;drone strikes;cyber attacks;port security;humanitarian corridors;"
    "debt relief;power grid repairs;military trainers;fighter jet deliveries;"
    "artillery ammunition;mine clearance;war crimes investigations;EU accession;"
    "NATO membership;security guarantees;energy price cap;visa restrictions;"
    "export controls on chips;naval blockade;hostage release;aid convoys;tariffs on steel;"
    "interest rates;budget support;conscription;martial law;local elections;"
    "water rights;pipeline sabotage;satellite launches;critical minerals;troop withdrawal"
).split(";")
TOPIC_MODS = (
    "in {P};through {P};near {P};for {C};with {C};by {C};after the summit;before winter;"
    "this year;at the UN;in the next round;under the new plan;,;,;,;,"
).split(";")
VERBS = (
    "said;warned;argued;insisted;signalled;told reporters;wrote on social media;"
    "suggested;confirmed;denied;stressed;acknowledged;repeated;announced;promised"
).split(";")
WANTS = (
    "wants {T} to continue;opposes any deal on {T};will back {T} only with guarantees;"
    "sees no alternative to {T};calls {T} a red line;is ready to discuss {T};"
    "demands a pause in {T};will not accept limits on {T};asks allies to speed up {T};"
    "rejects the latest proposal on {T};supports {T} in principle;doubts that {T} can work"
).split(";")
STANCES = ("supports", "opposes", "mixed", "neutral", "unclear")
STANCE_W = (0.36, 0.34, 0.14, 0.08, 0.08)
ATTRIB = ("on-record", "spokesperson", "anonymous-official", "reported")
ATTRIB_W = (0.45, 0.2, 0.2, 0.15)
LIKELIHOOD = (
    "almost-no-chance",
    "very-unlikely",
    "unlikely",
    "roughly-even",
    "likely",
    "very-likely",
    "almost-certain",
)
CONFIDENCE = ("low", "moderate", "high")
PUBLISHERS = (
    "The Washington Post;Reuters;Associated Press;Agence France-Presse;BBC News;The Guardian;"
    "Financial Times;The Economist;Le Monde;Der Spiegel;Kyiv Independent;Meduza;Al Jazeera;"
    "NHK World-Japan;Deutsche Welle;Politico Europe;The New York Times;Bloomberg;"
    "Interfax-Ukraine;Euronews;Nikkei Asia;South China Morning Post;The Hindu;El País"
).split(";")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SENTENCES = (
    "{A} {V} on {W} that talks on {T} would resume only if {B} changed course.",
    "Officials in {P} expect a decision on {T} within weeks, according to people briefed on it.",
    "{A} met {B} in {P} and the two sides agreed to keep working on {T}.",
    "The move follows months of pressure from {B}, which has pushed for {T} since {M}.",
    "Neither side published figures, but {N} people were reported affected near {P}.",
    "{B} called the step *premature* and said it would not change its position on {T}.",
    "Analysts in {P} say the shift reflects growing worry about {T} among allies.",
    "The plan leaves open who pays for {T}, a point {A} avoided in public remarks.",
    "Talks in {P} ended without a joint statement, though both sides described them as useful.",
    "A second round is planned for {M}, when {B} is due to host the next meeting.",
    "Reports of strikes near {P} could not be independently verified.",
    "{A} has tied any progress on {T} to guarantees from {B}.",
    "The announcement came hours after {B} {V} that it was preparing its own proposal.",
    "Markets reacted calmly; prices for {T} barely moved on {W}.",
    "Critics in {P} argue that the deal on {T} rewards delay rather than compromise.",
    "About {N} troops are involved, a figure {A} disputed without giving one of its own.",
)
QUESTION_FORMS = (
    "Will {C} agree to {T} before the end of the year?",
    "Will the talks on {T} in {P} produce a signed agreement?",
    "Will {C} lift its restrictions on {T}?",
    "Will the fighting near {P} stop before the next round of talks?",
    "Will allies fund {T} at the level {C} asked for?",
    "Will {C} retaliate over {T}?",
    "Will the UN Security Council take up {T}?",
    "Will {C} hold early elections over the dispute about {T}?",
)
EVENT_FORMS = (
    "{A} visits {P} for talks on {T}.",
    "{B} announces new measures on {T}.",
    "Negotiators meet in {P}; no agreement on {T}.",
    "Strikes are reported near {P}.",
    "{A} and {B} sign a memorandum on {T}.",
    "Parliament in {P} debates {T}.",
    "{B} rejects the proposal on {T}.",
    "A ceasefire around {P} breaks down within days.",
)
TAGS = (
    "ukraine russia nato eu united-states china middle-east africa energy sanctions trade "
    "diplomacy elections weapons-policy escalation military-aid humanitarian refugees "
    "nuclear cyber shipping grain economy climate migration human-rights war-crimes "
    "ceasefire security intelligence defence-industry technology finance debt oil gas "
    "baltic black-sea balkans caucasus sahel arctic indo-pacific taiwan korea iran israel "
    "gaza syria turkey india latin-america protests courts media"
).split()


_KEYS = {
    t: frozenset(re.findall(r"{(\w)}", t))
    for t in SENTENCES + QUESTION_FORMS + EVENT_FORMS + tuple(WANTS)
}


def slugify(text: str) -> str:
    out = []
    dash = False
    for ch in text.lower():
        if "a" <= ch <= "z" or "0" <= ch <= "9":
            out.append(ch)
            dash = False
        elif ch in "öó":
            out.append("o")
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")[:60].strip("-")


# -- pools -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PoolActor:
    id: str
    name: str
    kind: str
    roles: tuple[str, ...]
    affiliation: str | None
    aliases: tuple[str, ...]


def _zipf_cum(n: int, s: float, q: float) -> list[float]:
    """Cumulative weights of ranks 0..n-1 with weight 1 / (rank + q) ** s."""
    cum, total = [], 0.0
    for r in range(n):
        total += 1.0 / (r + q) ** s
        cum.append(total)
    return [c / total for c in cum]


class Pools:
    """The shared actor, question, topic and tag pools of one seed."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"pools-{seed}")
        actors: list[PoolActor] = []
        seen: set[str] = {BENCH_ACTOR}

        def add(
            name: str, kind: str, roles: tuple[str, ...], aff: str | None, aliases: tuple[str, ...]
        ) -> None:
            base = slugify(name)
            slug, k = base, 2
            while slug in seen:
                slug, k = f"{base}-{k}", k + 1
            seen.add(slug)
            actors.append(PoolActor(slug, name, kind, roles, aff, aliases))

        for c in COUNTRIES:
            add(c, "country", (), None, (f"the government in {c}",))
        n_org = 700
        for _ in range(n_org):
            where = rng.choice(COUNTRIES + ["European", "Nordic", "African", "Pacific"])
            name = f"{where} {rng.choice(ORG_TOPICS)} {rng.choice(ORG_KINDS)}"
            if slugify(name) in seen:
                continue
            add(
                name,
                "organization",
                (f"{rng.choice(ORG_TOPICS)} body",),
                where,
                (f"the {name.split()[-1].lower()}",),
            )
        for _ in range(300):
            c = rng.choice(COUNTRIES)
            name = f"{c} {rng.choice(GROUP_NOUNS)}"
            if slugify(name) in seen:
                continue
            add(name, "group", ("unnamed sources",), c, (name.split()[-1],))
        while len(actors) < ACTOR_POOL_SIZE - 1:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            c = rng.choice(COUNTRIES)
            roles = tuple(f"{rng.choice(TITLES)} of {c}" for _ in range(rng.randint(1, 2)))
            add(
                f"{first} {last}", "person", roles, c, (last, f"{roles[0].split(' of ')[0]} {last}")
            )
        rng.shuffle(actors)  # the skew must not favour countries just because they come first
        self.actors = actors
        self.bench_actor = PoolActor(
            BENCH_ACTOR,
            BENCH_ACTOR_NAME,
            "person",
            ("Foreign Minister of Moldova", "Special Envoy of Moldova"),
            "Moldova",
            ("Kovalenko", "Foreign Minister Kovalenko"),
        )
        self.actor_cum = _zipf_cum(len(actors), 1.15, 6.0)
        # questions: a skewed pool of recurring ids, each with its canonical wording
        self.questions: list[tuple[str, str]] = []
        qseen: set[str] = set()
        while len(self.questions) < QUESTION_POOL_SIZE:
            text = rng.choice(QUESTION_FORMS).format(
                C=rng.choice(COUNTRIES), P=rng.choice(PLACES), T=rng.choice(TOPIC_HEADS)
            )
            qid = slugify(text.removeprefix("Will ").rstrip("?"))
            if qid in qseen:
                continue
            qseen.add(qid)
            self.questions.append((qid, text))
        self.question_cum = _zipf_cum(len(self.questions), 1.0, 4.0)
        self.tag_cum = _zipf_cum(len(TAGS), 0.9, 1.0)
        self.topic_cum = _zipf_cum(len(TOPIC_HEADS), 0.8, 1.0)


def _pick(rng: random.Random, cum: list[float]) -> int:
    return bisect.bisect_left(cum, rng.random())


def _distinct(rng: random.Random, cum: list[float], k: int) -> list[int]:
    out: list[int] = []
    while len(out) < k:
        i = _pick(rng, cum)
        if i not in out:
            out.append(i)
    return out


# -- YAML emission -------------------------------------------------------------------------


def _dq(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrap(text: str, indent: str, width: int = 78) -> str:
    """Greedy word wrap; each line prefixed with ``indent``."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(indent + line)
    return "\n".join(lines)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


class _Text:
    """Fills sentence templates for one brief."""

    def __init__(
        self,
        rng: random.Random,
        names: list[str],
        topics: list[str],
        places: list[str],
        day: dt.date,
    ) -> None:
        self.rng, self.names, self.topics, self.places, self.day = rng, names, topics, places, day

    def fill(self, template: str) -> str:
        r = self.rng
        keys = _KEYS[template]
        values: dict[str, str] = {}
        if "A" in keys or "B" in keys:
            names = self.names
            i = r.randrange(len(names))
            j = (i + 1 + r.randrange(len(names) - 1)) % len(names) if len(names) > 1 else i
            values["A"], values["B"] = names[i], names[j]
        if "T" in keys:
            values["T"] = self.topics[r.randrange(len(self.topics))]
        if "P" in keys:
            values["P"] = self.places[r.randrange(len(self.places))]
        if "V" in keys:
            values["V"] = VERBS[r.randrange(len(VERBS))]
        if "W" in keys:
            values["W"] = WEEKDAYS[r.randrange(7)]
        if "M" in keys:
            values["M"] = MONTHS[r.randrange(12)]
        if "N" in keys:
            values["N"] = f"{r.randrange(2, 90) * 100:,}"
        if "C" in keys:
            values["C"] = COUNTRIES[r.randrange(len(COUNTRIES))]
        return template.format_map(values)

    def sentences(self, n: int) -> str:
        return " ".join(self.fill(self.rng.choice(SENTENCES)) for _ in range(n))


def _actor_draw(pools: Pools, seed: int, index: int) -> list[int]:
    """Pool indexes of brief ``index``'s actors (own random stream, so stats can redo it)."""
    rng = random.Random((seed * 1_000_003 + index) * 2 + 1)
    n_actors = rng.randint(5, 12) - (index % BENCH_ACTOR_EVERY == 7)
    return _distinct(rng, pools.actor_cum, n_actors)


def brief_yaml(pools: Pools, seed: int, index: int) -> tuple[str, str]:
    """``(brief_id, yaml_text)`` of brief ``index``; a pure function of ``(seed, index)``."""
    rng = random.Random(seed * 1_000_003 + index)
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    topics = [TOPIC_HEADS[i] for i in _distinct(rng, pools.topic_cum, 3)]
    topics = [
        t
        + (
            ""
            if (m := rng.choice(TOPIC_MODS)) == ","
            else " " + m.format(P=rng.choice(PLACES), C=rng.choice(COUNTRIES))
        )
        for t in topics
    ]
    places = rng.sample(PLACES, 3)
    with_bench = index % BENCH_ACTOR_EVERY == 7
    chosen = [pools.actors[i] for i in _actor_draw(pools, seed, index)]
    if with_bench:
        chosen.insert(rng.randrange(len(chosen) + 1), pools.bench_actor)
    text = _Text(rng, [a.name for a in chosen], topics, places, day)
    lead = chosen[0] if chosen[0] is not pools.bench_actor or len(chosen) == 1 else chosen[1]
    title = f"{lead.name} {rng.choice(VERBS).split(' on ')[0]} over {topics[0]}"
    title = title[0].upper() + title[1:]
    brief_id = f"{slugify(topics[0])[:40].strip('-')}-{index:06d}"
    tags = [TAGS[i] for i in _distinct(rng, pools.tag_cum, rng.randint(3, 7))]
    publisher = rng.choice(PUBLISHERS)
    updated = f"{day.isoformat()}T{rng.randrange(6, 23):02d}:{rng.randrange(60):02d}:00Z"
    source_title = _dq(text.fill(rng.choice(SENTENCES)).rstrip("."))
    authors = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 3))]
    out: list[str] = [
        "format: briefing/1",
        f"id: {brief_id}",
        f"title: {_dq(title)}",
        f"date: {day.isoformat()}",
        f"updated: {updated}",
        "source:",
        f"  title: {source_title}",
        f"  publisher: {publisher}",
        f"  url: https://news.example.org/{day.year}/{day.month:02d}/{brief_id}",
        f"  authors: {_flow(authors)}",
        f"  published: {day.isoformat()}",
        f"tags: {_flow(tags)}",
        "summary: |",
        _wrap(f"**Bottom line:** {text.sentences(2)}", "  "),
    ]
    for _ in range(rng.randint(1, 2)):
        out.append("")
        out.append(_wrap(text.sentences(rng.randint(2, 4)), "  "))
    if rng.random() < 0.4:
        out.append("")
        out.extend(f"  - {text.fill(rng.choice(SENTENCES))}" for _ in range(rng.randint(2, 3)))
    out.append("actors:")
    for actor in chosen:
        out.append(f"  - id: {actor.id}")
        out.append(f"    name: {actor.name}")
        out.append(f"    kind: {actor.kind}")
        if actor.roles and rng.random() < 0.75:
            out.append(f"    role: {rng.choice(actor.roles)}")
        if actor.affiliation:
            out.append(f"    affiliation: {actor.affiliation}")
        if actor.aliases:
            out.append(f"    aliases: {_flow(list(actor.aliases))}")
    out.append("positions:")
    n_pos = rng.randint(4, 10)
    speakers = [a for a in chosen if a is not pools.bench_actor]
    holders = ([pools.bench_actor] if with_bench else []) + [
        speakers[min(int(rng.expovariate(0.5)), len(speakers) - 1)]
        for _ in range(n_pos - with_bench)
    ]
    for holder in holders:
        topic = rng.choice(topics)
        out.append(f"  - actor: {holder.id}")
        out.append(f"    topic: {topic}")
        want = rng.choice(WANTS).format(T=topic)
        out.append("    position: >-")
        extra = f" {text.sentences(1)}" if rng.random() < 0.15 else ""
        out.append(_wrap(f"{holder.name} {want}.{extra}", "      "))
        out.append(f"    stance: {rng.choices(STANCES, STANCE_W)[0]}")
        if rng.random() < 0.5:
            quote = text.fill(rng.choice(SENTENCES)).replace("*", "")
            out.append(f"    quote: {_dq(quote)}")
        out.append(f"    attribution: {rng.choices(ATTRIB, ATTRIB_W)[0]}")
        if rng.random() < 0.6:
            out.append(f"    date: {(day - dt.timedelta(days=rng.randrange(4))).isoformat()}")
    out.append("open_questions:")
    for qi in _distinct(rng, pools.question_cum, rng.randint(2, 4)):
        qid, question = pools.questions[qi]
        out.append(f"  - id: {qid}")
        out.append(f"    question: {question}")
        resolved = rng.random() < 0.12
        out.append(f"    status: {'resolved' if resolved else 'open'}")
        if resolved:
            out.append("    resolution: >-")
            out.append(_wrap(text.sentences(1), "      "))
        else:
            out.append(f"    likelihood: {rng.choice(LIKELIHOOD)}")
            out.append(f"    confidence: {rng.choice(CONFIDENCE)}")
        if rng.random() < 0.6:
            out.append("    context: >-")
            out.append(_wrap(text.sentences(1), "      "))
        ids = [a.id for a in rng.sample(chosen, min(len(chosen), rng.randint(1, 3)))]
        out.append(f"    actors: {_flow(ids)}")
    out.append("timeline:")
    events = []
    for _ in range(rng.randint(4, 8)):
        back = int(rng.expovariate(1 / 40))
        when = day - dt.timedelta(days=back)
        form = rng.random()
        date = (
            when.isoformat()
            if form < 0.7
            else (f"{when.year}-{when.month:02d}" if form < 0.93 else f'"{when.year}"')
        )
        events.append((when, date))
    events.sort()
    for _, date in events:
        out.append(f"  - date: {date}")
        out.append(f"    event: {text.fill(rng.choice(EVENT_FORMS))}")
        ids = [a.id for a in rng.sample(chosen, min(len(chosen), rng.randint(1, 3)))]
        out.append(f"    actors: {_flow(ids)}")
    out.append("")
    return brief_id, "\n".join(out)


# -- libraries on disk ---------------------------------------------------------------------


def library_dir(size: int, seed: int = DEFAULT_SEED, root: Path = DATA_DIR) -> Path:
    return root / f"lib-{size}-s{seed}-v{GENERATOR_VERSION}"


def _write_folder(args: tuple[int, int, int, str]) -> tuple[int, int, int]:
    """Write briefs ``[start, stop)`` into one folder; return (files, bytes, bench positions)."""
    seed, start, stop, folder = args
    pools = _pools(seed)
    Path(folder).mkdir(parents=True, exist_ok=True)
    total = bench = 0
    for index in range(start, stop):
        brief_id, text = brief_yaml(pools, seed, index)
        data = text.encode()
        with open(os.path.join(folder, f"{brief_id}.yaml"), "wb") as fh:
            fh.write(data)
        total += len(data)
        bench += index % BENCH_ACTOR_EVERY == 7
    return stop - start, total, bench


_POOLS: dict[int, Pools] = {}


def _pools(seed: int) -> Pools:
    if seed not in _POOLS:
        _POOLS[seed] = Pools(seed)
    return _POOLS[seed]


def ensure_library(
    size: int,
    seed: int = DEFAULT_SEED,
    root: Path = DATA_DIR,
    workers: int | None = None,
    log=print,
) -> Path:
    """The library of ``size`` briefs for ``seed``, generated unless cached; returns its dir."""
    target = library_dir(size, seed, root)
    if (target / "manifest.json").is_file():
        return target
    with cache_lock(root, target.name):
        if (target / "manifest.json").is_file():  # built by another process meanwhile
            return target
        return _generate(size, seed, target, workers, log)


@contextlib.contextmanager
def cache_lock(root: Path, name: str) -> Iterator[None]:
    """An exclusive lock (across processes) on building one cached item."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / f".{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _generate(size: int, seed: int, target: Path, workers: int | None, log) -> Path:
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    started = time.perf_counter()
    jobs = [
        (seed, s, min(s + PER_FOLDER, size), str(tmp / f"{s // PER_FOLDER:04d}"))
        for s in range(0, size, PER_FOLDER)
    ]
    workers = workers or min(os.cpu_count() or 1, 4)
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_write_folder, jobs, chunksize=1))
    else:
        results = [_write_folder(job) for job in jobs]
    files = sum(r[0] for r in results)
    nbytes = sum(r[1] for r in results)
    bench = sum(r[2] for r in results)
    pools = _pools(seed)
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "size": size,
        "files": files,
        "bytes": nbytes,
        "mean_bytes": round(nbytes / max(files, 1)),
        "folders": len(jobs),
        "bench_actor": BENCH_ACTOR,
        "bench_actor_positions": bench,
        "top_actors": [a.id for a in pools.actors[:5]],
        "seconds": round(time.perf_counter() - started, 2),
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2))
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    log(
        f"generated {files:,} briefs ({nbytes / 1e6:.0f} MB, {manifest['mean_bytes']} B each) "
        f"in {manifest['seconds']} s -> {target}"
    )
    return target


def manifest(library: Path) -> dict:
    return json.loads((library / "manifest.json").read_text())


def brief_files(library: Path) -> list[Path]:
    """All brief files of a library, in a stable order."""
    return sorted(p for d in sorted(library.iterdir()) if d.is_dir() for p in d.glob("*.yaml"))


def folders(library: Path) -> list[Path]:
    return sorted(d for d in library.iterdir() if d.is_dir())


def skew_report(seed: int, size: int) -> dict[str, object]:
    """How often the top actors appear, computed by re-drawing (for checking the skew)."""
    pools = _pools(seed)
    counts: dict[str, int] = {}
    for index in range(size):
        for i in _actor_draw(pools, seed, index):
            counts[pools.actors[i].id] = counts.get(pools.actors[i].id, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    return {
        "distinct_actors": len(counts),
        "top": ranked[:5],
        "rank_10": ranked[9] if len(ranked) > 9 else None,
        "rank_100": ranked[99] if len(ranked) > 99 else None,
        "in_1000_plus_briefs": sum(1 for _, c in ranked if c >= 1000),
        "bench_actor_positions": math.ceil((size - 7) / BENCH_ACTOR_EVERY),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--skew", action="store_true", help="print actor frequency stats")
    parser.add_argument(
        "--print", dest="show", type=int, default=None, help="print brief INDEX to stdout and exit"
    )
    args = parser.parse_args(argv)
    if args.show is not None:
        sys.stdout.write(brief_yaml(_pools(args.seed), args.seed, args.show)[1])
        return 0
    if args.skew:
        print(json.dumps(skew_report(args.seed, args.size), indent=2))
        return 0
    ensure_library(args.size, args.seed, args.out, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
