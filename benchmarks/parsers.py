"""Faster YAML parsers: are they faster here, and do they read briefs the same way?

``python -m benchmarks.parsers [--size 1000]`` (parsers not installed are skipped;
install candidates into a scratch venv, not the project's: they are not dependencies).

The brief format is "YAML 1.1 as PyYAML's safe loader reads it", so a parser is only a
candidate if it gives the same Python values on every brief *and* on the corners of
YAML 1.1 where other parsers differ (``yes``/``on`` booleans, ``010`` octal, ``1:20``
sexagesimal, ``<<`` merge keys, ``!!binary``, a byte-order mark, unknown tags refused,
several documents), and still says where a syntax error is. For each parser this
prints ms per brief against ``yaml.load(..., CSafeLoader)`` and
``briefing.loader.load_bytes`` (parse + validate), the briefs read identically, and
the corner cases where it differs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from benchmarks import generate

CORNERS: dict[str, str] = {
    "yaml 1.1 booleans": "a: yes\nb: no\nc: on\nd: off\n",
    "octal 010": "a: 010\n",
    "sexagesimal 1:20": "a: 1:20\n",
    "float 1e3": "a: 1e3\n",
    "merge key <<": "base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n",
    "!!binary": "a: !!binary aGVsbG8=\n",
    "byte-order mark": "\ufeffa: 1\n",
    "unknown tag refused": "a: !python/object:os.system x\n",
    "duplicate key (last wins)": "a: 1\na: 2\n",
    "timestamps": "a: 2024-05-30\nb: 2024-05-30T10:00:00Z\nc: 2024-05\n",
    "null forms": "a: ~\nb: null\nc:\n",
    "syntax error located": "a: [1, 2\nb: 3\n",
}


def _c_safe(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def candidates() -> dict[str, Callable[[str], Any]]:
    found: dict[str, Callable[[str], Any]] = {"PyYAML CSafeLoader (floor)": _c_safe}
    for module, function, label in (
        ("yaml_rs", "loads", "yaml-rs (Rust)"),
        ("ryaml", "loads", "ryaml (Rust)"),
        ("pyyaml_rs", "safe_load", "pyyaml-rs (Rust)"),
        ("fast_yaml", "safe_load", "fastyaml-rs (Rust)"),
    ):
        try:
            mod = importlib.import_module(module)
        except ImportError:
            print(f"  {label}: not installed, skipped")
            continue
        found[label] = getattr(mod, function)
    try:
        ryml = importlib.import_module("ryml")
        found["rapidyaml (C++), tree only"] = lambda text: ryml.parse_in_arena(text.encode())
    except ImportError:
        print("  rapidyaml: not installed, skipped")
    return found


def _outcome(fn: Callable[[str], Any], text: str) -> tuple[str, Any]:
    try:
        return ("ok", fn(text))
    except Exception as exc:  # every parser has its own error types: compare the place
        return ("error", "line 2" in str(exc).lower())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    args = parser.parse_args(argv)
    library = generate.ensure_library(args.size)
    texts = [p.read_text() for p in generate.brief_files(library)]
    reference = [_c_safe(t) for t in texts]
    timings: dict[str, float] = {}
    try:
        from briefing.loader import load_bytes

        datas = [t.encode() for t in texts]
        start = time.perf_counter()
        for data in datas:
            load_bytes(data, "bench")
        timings["briefing.loader.load_bytes (parse + validate)"] = (
            time.perf_counter() - start
        ) / len(datas)
    except ImportError:
        pass
    print(f"{len(texts):,} generated briefs, {sum(map(len, texts)) / len(texts):,.0f} B each\n")
    rows = []
    for label, fn in candidates().items():
        try:
            values = [fn(t) for t in texts[:20]]
        except Exception as exc:
            rows.append((label, None, f"fails on briefs: {type(exc).__name__}: {exc}"[:100], ""))
            continue
        start = time.perf_counter()
        values = [fn(t) for t in texts]
        per = (time.perf_counter() - start) / len(texts)
        same = sum(v == r for v, r in zip(values, reference, strict=True))
        differs = [
            name for name, text in CORNERS.items() if _outcome(fn, text) != _outcome(_c_safe, text)
        ]
        rows.append((label, per, f"{same:,}/{len(texts):,} briefs identical", ", ".join(differs)))
    floor = next(r[1] for r in rows if r[0].endswith("(floor)"))
    for label, per in timings.items():
        print(f"{label:48} {per * 1e3:6.3f} ms/brief  {per / floor:5.2f}× floor")
    for label, per, same, differs in rows:
        speed = "" if per is None else f"{per * 1e3:6.3f} ms/brief  {per / floor:5.2f}× floor"
        print(f"{label:48} {speed:30} {same}")
        if differs:
            print(f"{'':48} differs from PyYAML on: {differs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
