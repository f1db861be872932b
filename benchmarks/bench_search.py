"""Target 5: full-text search over the big library.

Each query is what a reader would type into the search screen: topics, places, people
and two-word phrases, common and rare. Every query runs once to warm SQLite's page
cache, then ``repeats`` times; the median and p90 are over all timed calls. The floor
is the cheapest useful read of the same store: the first page of the brief list
(``list_briefs(limit=50)``), timed the same way.
"""

from __future__ import annotations

import time

from benchmarks.common import Result, Sizes, absolute_result, ensure_db, median, need_store, p90

QUERIES = (
    "ceasefire",
    "grain exports",
    "Kharkiv",
    "Kovalenko",
    "sanctions oil",
    "nuclear plant safety",
    "prisoner exchange",
    "drone strikes",
    "Tbilisi",
    "frozen central bank assets",
    "humanitarian corridors Odesa",
    "pipeline sabotage",
    "Okafor",
    "reconstruction funding",
    "security guarantees",
    "talks",
)


def run(sizes: Sizes) -> list[Result]:
    result = Result(
        "5",
        f"Full-text search over {sizes.library_n:,} briefs (median)",
        floor_label="first page of the brief list (list_briefs, 50 rows)",
    )
    store_cls = need_store()
    db = ensure_db(sizes.library_n)
    timings: list[float] = []
    floor: list[float] = []
    hits: dict[str, int] = {}
    with store_cls(db) as store:
        for query in QUERIES:  # warm-up
            hits[query] = len(store.search(query, limit=50))
        store.list_briefs(offset=0, limit=50)
        for _ in range(sizes.search_repeats):
            for query in QUERIES:
                start = time.perf_counter()
                store.search(query, limit=50)
                timings.append((time.perf_counter() - start) * 1e3)
                start = time.perf_counter()
                store.list_briefs(offset=0, limit=50)
                floor.append((time.perf_counter() - start) * 1e3)
    absolute_result(result, median(timings), median(floor), 30.0, "ms")
    per_query: dict[str, float] = {}
    for i, query in enumerate(QUERIES):
        per_query[query] = median(timings[i :: len(QUERIES)])
    slowest = sorted(per_query.items(), key=lambda kv: -kv[1])[:3]
    result.details = (
        f"p90 {p90(timings):.1f} ms, max {max(timings):.1f} ms over {len(timings)} calls of "
        f"{len(QUERIES)} queries; slowest: "
        + ", ".join(f"{q!r} {t:.1f} ms ({hits[q]} hits)" for q, t in slowest)
    )
    result.extra = {"p90_ms": p90(timings), "per_query_ms": per_query, "hits": hits}
    return [result]
