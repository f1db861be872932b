"""How derive's time grows with the article: ``python -m benchmarks.bench_derive``.

Derives synthetic articles (``benchmarks/articles.py``) of doubling size side by side
and prints each one's CPU time and the ratio to the one half its size: about 2 is
linear, 4 quadratic. Target: every ratio under 2.6 (near-linear), up to 512 KB.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # ``python benchmarks/bench_derive.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.articles import article
from briefing.derive import derive, from_text

SIZES = (64_000, 128_000, 256_000, 512_000)
TARGET = 2.6


def cpu_seconds(size: int) -> float:
    text = article(size)
    start = time.process_time()
    derive(from_text(text))
    return time.process_time() - start


def main() -> int:
    cpu_seconds(5_000)  # warm up: lexicons and compiled patterns
    previous: float | None = None
    worst = 0.0
    for size in SIZES:
        seconds = cpu_seconds(size)
        ratio = seconds / previous if previous else None
        shown = f"{ratio:4.2f}x the half-size article" if ratio else ""
        print(f"derive {size // 1000:>4} KB article: {seconds:6.2f} s CPU  {shown}")
        worst = max(worst, ratio or 0.0)
        previous = seconds
    verdict = "PASS" if worst < TARGET else "FAIL"
    print(f"worst doubling ratio {worst:.2f} (target < {TARGET}): {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
