"""Where a library's bytes go: every table and index, from SQLite's ``dbstat``.

    .venv/bin/python -m benchmarks.dbsize LIBRARY.db [--yaml FOLDER] [--markdown]

For each b-tree: its pages' bytes, the share of the file, the bytes of its records
(payload) and the bytes left unused in its pages (half-full pages after random inserts,
rows too wide to pair up in a page). With ``--yaml`` the file is compared with the
YAML files it holds (target 9 of the benchmarks). Opens the file read-only.
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path


def breakdown(db: Path) -> list[tuple[str, int, int, int]]:
    """(name, bytes in pages, payload bytes, unused bytes) per table or index, largest
    first; the FTS5 shadow tables are listed as themselves."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT name, sum(pgsize), sum(payload), sum(unused) FROM dbstat"
            " GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
    finally:
        conn.close()


def yaml_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.y*ml"))


def report(db: Path, folder: Path | None = None, *, markdown: bool = False) -> str:
    rows = breakdown(db)
    total = db.stat().st_size
    lines = []
    if markdown:
        lines += [
            "| table or index | MB | share | payload MB | unused MB |",
            "|---|---|---|---|---|",
        ]
    for name, size, payload, unused in rows:
        if size < total / 1000:
            continue
        cells = (
            name,
            f"{size / 1e6:.1f}",
            f"{100 * size / total:.1f}%",
            f"{payload / 1e6:.1f}",
            f"{unused / 1e6:.1f}",
        )
        if markdown:
            lines.append("| " + " | ".join(cells) + " |")
        else:
            lines.append(
                f"{cells[0]:36} {cells[1]:>9} MB {cells[2]:>6}  payload {cells[3]:>8}"
                f"  unused {cells[4]:>8}"
            )
    unused = sum(r[3] for r in rows)
    summary = f"file {total / 1e6:.1f} MB, of it unused in pages {unused / 1e6:.1f} MB"
    if folder is not None:
        yb = yaml_bytes(folder)
        summary += f"; YAML {yb / 1e6:.1f} MB; ratio {total / yb:.3f}×"
    lines.append(summary)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--yaml", type=Path, help="the folder of brief files it holds")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    args = parser.parse_args()
    print(report(args.db, args.yaml, markdown=args.markdown))


if __name__ == "__main__":
    main()
