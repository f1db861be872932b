"""The layers, as written in pyproject.toml's ``[tool.importlinter]`` contracts, hold.

Data flows one way (files/feeds → validated model → store → UI); the contracts say which
package may import which, and this test fails with import-linter's report when a change
crosses a boundary. Imports import-linter cannot see (``__import__``, ``import_module``)
would hide a crossing, so they are refused here too.
"""

from __future__ import annotations

import re

import pytest
from importlinter.cli import lint_imports

from helpers import ROOT

SRC = ROOT / "src" / "briefing"

#: The one place a dynamic import is the point: the CLI loads a command's own module
#: (``briefing.cli.<name>``) only when that command runs.
#: The CLI's lazy commands, and the store's lazy public names (each checked below).
DYNAMIC_IMPORT_ALLOWED = {SRC / "cli" / "__init__.py", SRC / "store" / "__init__.py"}


def test_import_contracts_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    out = capsys.readouterr().out
    assert "BROKEN" not in out, out
    assert re.search(r"Contracts: [1-9]\d* kept, 0 broken", out), out
    assert code == 0, out


def test_no_hidden_imports() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for lineno, line in enumerate(text.splitlines(), 1):
            code = line.split("#", 1)[0]
            hidden = "__import__(" in code
            dynamic = "import_module(" in code and path not in DYNAMIC_IMPORT_ALLOWED
            if hidden or dynamic:
                offenders.append(f"{path.relative_to(ROOT)}:{lineno}: {line.strip()}")
    assert not offenders, "imports the contracts cannot see:\n" + "\n".join(offenders)


def test_store_lazy_names_are_its_own_modules() -> None:
    """``briefing.store`` imports each public name on first use: only from its own
    modules (also imported under TYPE_CHECKING, which the contracts see), and every name
    it lists resolves."""
    import briefing.store as store

    modules = {path.stem for path in (SRC / "store").glob("*.py")}
    assert set(store._WHERE.values()) <= modules
    assert set(store.__all__) == set(store._WHERE)
    for name in store.__all__:
        assert getattr(store, name) is not None
    text = (SRC / "store" / "__init__.py").read_text(encoding="utf-8")
    for module in set(store._WHERE.values()):
        assert f"from briefing.store.{module} import" in text


def test_cli_dynamic_imports_stay_inside_the_cli() -> None:
    """The CLI's lazy command loading names only its own modules."""
    text = (SRC / "cli" / "__init__.py").read_text(encoding="utf-8")
    targets = re.findall(r"import_module\((f?\"[^\"]*\")", text)
    assert targets, "the lazy command loader moved: update DYNAMIC_IMPORT_ALLOWED"
    assert all(t.lstrip("f").strip('"').startswith("briefing.cli.") for t in targets), targets
