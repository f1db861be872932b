"""The benchmark suite still runs end to end at smoke size (1k briefs).

No timing is asserted: CI machines are shared and noisy, and the targets are checked
by ``python -m benchmarks.run`` (see docs/benchmarks.md). This only proves that every
benchmark ran and produced a figure, its floor and their ratio.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import ROOT

EXPECTED = [
    "1",
    "2",
    "3a",
    "3c",
    "3b",
    "4",
    "4b",
    "5",
    "6",
    "7",
    "8a",
    "8b",
    "8c",
    "8d",
    "8e",
    "8f",
    "9",
    "10a",
    "10b",
]


def test_benchmark_suite_runs_at_smoke_size(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--size", "smoke", "--out", str(tmp_path)],
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
    assert sorted(by_id) == sorted(EXPECTED), output[-5000:]
    for rid in EXPECTED:
        result = by_id[rid]
        assert result["status"] in ("PASS", "FAIL"), (
            f"[{rid}] {result['status']}: {result['details']}"
        )
        assert result["ratio"] is not None and result["ratio"] > 0, result
        assert result["value"] is not None and result["floor"] is not None, result
        assert f"[{rid}]" in proc.stdout
    assert proc.stdout.count("ratio ") >= len(EXPECTED)
    assert (tmp_path / "results-smoke.md").read_text().count("| **") == len(EXPECTED)
