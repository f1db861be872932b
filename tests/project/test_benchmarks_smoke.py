"""The benchmark suite still runs end to end at smoke size, on a 200-brief library.

No timing is asserted: CI machines are shared and noisy, and the targets are checked
by ``python -m benchmarks.run`` (see docs/benchmarks.md). This only proves that every
benchmark ran and produced a figure, its floor and their ratio, so the library is
small (``--briefs``): most of a part's time is starting processes, not the library.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

#: The suite's groups in four parts, so pytest-xdist runs them side by side (one run of
#: every group took over two minutes on one worker, the suite's longest test). The
#: cached library and database they share (``benchmarks/data/``) are built once, under
#: a file lock, by whichever part needs them first.
PARTS: dict[str, list[str]] = {
    "scale+import": ["scale", "import"],
    "coldstart+reader+search": ["coldstart", "reader", "search"],
    "actor+fetch+cli": ["actor", "fetch", "cli"],
    "memory": ["memory"],
}
#: Library size of the smoke run: every benchmark has work to do (the actor of target 4
#: is in 11 of these briefs), and generating and importing them takes a second or two.
BRIEFS = 200
EXPECTED: dict[str, list[str]] = {
    "scale+import": ["10a", "10b", "1", "2"],
    "coldstart+reader+search": ["3a", "3c", "3b", "5"],
    "actor+fetch+cli": ["4", "4b", "6", "8a", "8b", "8c", "8d", "8e", "8f", "9"],
    "memory": ["7"],
}


def test_the_parts_cover_every_group_and_benchmark() -> None:
    from benchmarks.run import GROUPS

    assert sorted(g for part in PARTS.values() for g in part) == sorted(GROUPS)
    every = sorted(rid for ids in EXPECTED.values() for rid in ids)
    assert every == sorted(rid for results in GROUPS.values() for rid, _ in results)


@pytest.mark.parametrize("part", sorted(PARTS))
def test_benchmark_suite_runs_at_smoke_size(part: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    command = [sys.executable, "-m", "benchmarks.run", "--size", "smoke", "--briefs", str(BRIEFS)]
    command += ["--out", str(tmp_path)]
    proc = subprocess.run(
        [*command, "--only", *PARTS[part]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-5000:]
    results = json.loads((tmp_path / "results-smoke.json").read_text())["results"]
    by_id = {r["id"]: r for r in results}
    expected = EXPECTED[part]
    assert sorted(by_id) == sorted(expected), output[-5000:]
    for rid in expected:
        result = by_id[rid]
        assert result["status"] in ("PASS", "FAIL"), (
            f"[{rid}] {result['status']}: {result['details']}"
        )
        assert result["ratio"] is not None and result["ratio"] > 0, result
        assert result["value"] is not None and result["floor"] is not None, result
        assert f"[{rid}]" in proc.stdout
    assert proc.stdout.count("ratio ") >= len(expected)
    assert (tmp_path / "results-smoke.md").read_text().count("| **") == len(expected)
    assert f"--briefs {BRIEFS}" in (tmp_path / "results-smoke.md").read_text()
