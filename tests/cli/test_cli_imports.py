"""Light commands import only what they use (issue 14: a CLI as quick as sqlite-utils).

Each command runs as a real subprocess under ``python -X importtime``, which lists every
module the process imported; a light command that pulls in the fetcher, the HTML
extractor or the reader fails here, whatever the cause.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.store import Store
from helpers import TESTS
from helpers.robust import cli_env

LIBRARY = TESTS / "fixtures" / "library"

#: Never imported by a command that only reads the library.
HEAVY = ("httpx", "feedparser", "trafilatura", "lxml", "textual", "asyncio", "sqlite_utils")


def imported(args: list[str], tmp_path: Path, cache: Path | None = None) -> set[str]:
    """Top-level and dotted names of every module ``briefing ARGS`` imported (with
    ``cache`` as its XDG cache folder, where the config's verdict is remembered)."""
    extra = {"COLUMNS": "120"}
    if cache is not None:
        extra["XDG_CACHE_HOME"] = str(cache)
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefing", *args],
        capture_output=True,
        text=True,
        env=cli_env(extra),
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    assert "briefing.cli" in names  # the listing really is of this run
    return names


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from briefing.loader import load_file

    db = tmp_path_factory.mktemp("imports") / "library.db"
    with Store(db) as store:
        for path in sorted(LIBRARY.glob("*.yaml")):
            for brief in load_file(path).briefs:
                store.import_brief(brief)
    return db


@pytest.fixture(scope="module")
def checked_cache(library: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder where one run already remembered that the config validated."""
    cache = tmp_path_factory.mktemp("cache")
    names = imported(["--db", str(library), "list"], cache.parent, cache)
    assert "pydantic_settings" in names  # the first run validates
    return cache


#: Not imported either by the commands that read no brief document: the validation
#: models, the settings machinery (the config's verdict is remembered), the reader.
LIGHT_ONLY = ("briefing.loader", "briefing.model", "briefing.tui", "pydantic", "pydantic_settings")


def _heavy(names: set[str], extra: tuple[str, ...] = ()) -> list[str]:
    roots = HEAVY + extra
    return sorted(n for n in names if n in roots or n.split(".")[0] in roots)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["list"],
        ["list", "--json"],
        ["search", "harbour"],
        ["actors"],
        ["actor", "mara-lind"],
        ["questions"],
        ["list", "--help"],
    ],
    ids=lambda a: " ".join(a),
)
def test_light_commands_import_no_heavy_module(
    args: list[str], library: Path, checked_cache: Path, tmp_path: Path
) -> None:
    names = imported(["--db", str(library), *args], tmp_path, checked_cache)
    assert _heavy(names, LIGHT_ONLY) == []


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_show_builds_no_model(fmt: str, library: Path, checked_cache: Path, tmp_path: Path) -> None:
    """``show`` draws the brief from its stored document: no pydantic, no PyYAML."""
    args = ["--db", str(library), "show", "harbour-talks-2031-03-01", "--format", fmt]
    names = imported(args, tmp_path, checked_cache)
    assert _heavy(names, (*LIGHT_ONLY, "yaml")) == []


def test_show_yaml_imports_the_models_but_not_the_fetcher(
    library: Path, checked_cache: Path, tmp_path: Path
) -> None:
    args = ["--db", str(library), "show", "harbour-talks-2031-03-01", "--format", "yaml"]
    names = imported(args, tmp_path, checked_cache)
    assert "briefing.model" in names  # the lossless dump is made from the model
    assert _heavy(names) == []


def test_a_config_that_changes_is_checked_again(library: Path, tmp_path: Path) -> None:
    """The remembered verdict is for the exact bytes: a broken edit is still reported."""
    config = tmp_path / "config.yaml"
    config.write_text("ui:\n  theme: nord\n")
    names = imported(["--db", str(library), "--config", str(config), "list"], tmp_path)
    assert "pydantic_settings" in names  # validated the first time
    names = imported(["--db", str(library), "--config", str(config), "list"], tmp_path)
    assert "pydantic_settings" not in names  # remembered
    config.write_text("ui:\n  theme: nord\nhttp:\n  concurrency: 0\n")
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "--db", str(library), "--config", str(config), "list"],
        capture_output=True,
        text=True,
        env=cli_env(),
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "http.concurrency" in proc.stderr


def test_old_verdicts_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each config edit leaves a marker; only the most recent few are kept."""
    from briefing import configfiles

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    keys = [f"{i:032x}" for i in range(configfiles.KEEP_MARKERS + 5)]
    for n, key in enumerate(keys):
        configfiles.remember_valid(key)
        marker = configfiles._marker(key)
        os.utime(marker, ns=(n * 1_000_000_000, n * 1_000_000_000))  # distinct, ordered
    kept = sorted(p.name for p in configfiles._marker(keys[0]).parent.iterdir())
    assert kept == keys[-configfiles.KEEP_MARKERS :]
