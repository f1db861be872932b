"""Property tests: derive on generated news-like text gives a valid draft or a clean
refusal (:class:`DeriveError`), never another exception (issue 18).

Sentences are assembled from pieces that stress the actor extractor: names (with
particles, hyphens, other scripts), organisations (including gazetteer groups such as
Hamas), group words ("officials", "militants", "mediators"), qualifiers, quotes that are
straight, curly, nested or unbalanced, and odd punctuation. Bounded examples and a
deadline keep the file fast.
"""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.derive import DRAFT_TAG, Article, DeriveError, derive
from briefing.loader import load_bytes
from briefing.serialise import dump_brief

NOW = dt.datetime(2033, 6, 1, 12, 0, tzinfo=dt.UTC)
CHECK = settings(
    max_examples=int(os.environ.get("DERIVE_EXAMPLES", "60")),
    deadline=dt.timedelta(seconds=3),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NAMES = [
    "Khalil Nasser",
    "Laura Whitfield",
    "Ursula von der Leyen",
    "Omar Al-Kuwari",
    "Jean-Luc O'Neill",
    "Mr. Smith",
    "Dr. Ana Beltrán",
    "Владимир Петров",
    "李明",
    "محمد علي",
    "Nasser",
    "J. R. Hartley Jr.",
    "de Souza",
    "Biden",
]
ORGS = [
    "Hamas",
    "Hezbollah",
    "the Taliban",
    "NATO",
    "the Ministry of Defence of Ukraine",
    "Halvard Group",
    "the European Commission",
    "UNRWA",
    "Red Cross",
    "Wire Desk",
    "the U.N.",
    "the Kremlin",
]
PLACES = ["Gaza", "Qatar", "Doha", "Israel", "Cairo", "Kyiv", "Washington", "Tel Aviv", "Velmora"]
QUALIFIERS = ["", "Israeli ", "Qatari ", "U.S. ", "senior ", "Western ", "Hamas ", "two ", "EU "]
GROUPS = [
    "officials",
    "militants",
    "mediators",
    "allies",
    "sources",
    "diplomats",
    "people familiar with the matter",
    "an official",
    "lawmakers",
    "Republicans",
]
VERBS = ["said", "told reporters", "added", "warned", "denied", "says", "announced", "urged"]
ROLES = ["Prime Minister", "Secretary of State", "spokesman", "the foreign minister,", ""]
PUNCT = ["", ",", ";", " —", "...", " (", ")", ":", "!", "?", " «", "» ", "''", "\u00a0"]
OPEN = ['"', "“", "'", "‘", "«", ""]
CLOSE = ['"', "”", "'", "’", "»", ""]
WHEN = ["on Saturday", "last week", "in March", "on June 14", "the day before", "", "in 2029"]

actor = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(ORGS),
    st.sampled_from(PLACES),
    st.builds(lambda q, g: q + g, st.sampled_from(QUALIFIERS), st.sampled_from(GROUPS)),
    st.builds(lambda r, n: f"{r} {n}".strip(), st.sampled_from(ROLES), st.sampled_from(NAMES)),
)
words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=30)
quote = st.builds(
    lambda o, body, c: f"{o}{body}{c}",
    st.sampled_from(OPEN),
    st.one_of(st.sampled_from(["We will not accept this", "It is a strong deal.", ""]), words),
    st.sampled_from(CLOSE),
)
sentence = st.one_of(
    st.builds(
        lambda a, v, w, q, p: f"{a} {v} {w} {q}{p}",
        actor,
        st.sampled_from(VERBS),
        st.sampled_from(WHEN),
        quote,
        st.sampled_from(PUNCT),
    ),
    st.builds(
        lambda q, a, v, p: f"{q}, {a} {v}{p}",
        quote,
        actor,
        st.sampled_from(VERBS),
        st.sampled_from(PUNCT),
    ),
    st.builds(
        lambda a, b, p, w: f"{a} and {b} met in {p} {w}.",
        actor,
        actor,
        st.sampled_from(PLACES),
        st.sampled_from(WHEN),
    ),
    words,
)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
article = st.builds(
    lambda paras, title, date: Article(paragraphs=paras, title=title, date=date),
    st.lists(paragraph, min_size=0, max_size=5),
    st.one_of(st.none(), sentence),
    st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))),
)


def _check(article: Article) -> None:
    try:
        derived = derive(article, now=NOW)
    except DeriveError as exc:
        assert str(exc)  # a clean refusal says why
        return
    assert DRAFT_TAG in derived.brief.tags
    loaded = load_bytes(dump_brief(derived.brief).encode(), "draft.yaml")
    assert not loaded.problems, [str(p) for p in loaded.problems]
    ids = {a.id for a in derived.brief.actors}
    for position in derived.brief.positions:
        assert position.actor in ids


@CHECK
@given(article)
def test_generated_news_gives_a_valid_draft_or_a_clean_refusal(article: Article) -> None:
    _check(article)


@CHECK
@given(st.lists(st.text(max_size=200), min_size=0, max_size=4), st.one_of(st.none(), words))
def test_arbitrary_text_gives_a_valid_draft_or_a_clean_refusal(
    paragraphs: list[str], title: str | None
) -> None:
    _check(Article(paragraphs=paragraphs, title=title, date=dt.date(2033, 5, 14)))


slug = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)
known_actor = st.tuples(
    slug, st.one_of(st.sampled_from(NAMES + ORGS), words), st.lists(words, max_size=2)
)
known_question = st.tuples(
    slug,
    st.one_of(st.just("Will Hamas accept the truce proposal?"), words),
    st.lists(slug, max_size=3).map(tuple),
    st.sampled_from([None, "likely", "unlikely"]),
)


@CHECK
@given(article, st.lists(known_actor, max_size=6), st.lists(known_question, max_size=4))
def test_any_library_gives_a_valid_draft_or_a_clean_refusal(
    article: Article, actors: list, questions: list
) -> None:
    try:
        derived = derive(article, now=NOW, known_actors=actors, known_questions=questions)
    except DeriveError:
        return
    loaded = load_bytes(dump_brief(derived.brief).encode(), "draft.yaml")
    assert not loaded.problems, [str(p) for p in loaded.problems]
