"""Benchmarks for briefing at scale: a synthetic library generator and a ratio-target suite.

Run ``python -m benchmarks.run`` (full) or ``python -m benchmarks.run --size smoke``.
See ``docs/benchmarks.md``.
"""
