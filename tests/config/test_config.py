"""Layered configuration: project defaults < user file < environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import paths
from briefing.config import Settings, load_settings, provenance
from briefing.errors import BriefingError


def test_project_config_matches_builtin_defaults() -> None:
    """The documented config.yaml must say what the code does when it is absent."""
    loaded = load_settings().model_dump()
    defaults = Settings.model_construct().model_dump()
    assert loaded["library"]["sync"] == [paths.BUNDLED_BRIEFS]
    for section in ("limits", "http", "ui", "derive"):
        assert loaded[section] == defaults[section] == Settings().model_dump()[section]


def test_user_file_overrides_project_and_env_overrides_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text("http:\n  concurrency: 3\n  retries: 1\nlibrary:\n  sync: [news]\n")
    monkeypatch.setenv("BRIEFING_HTTP__RETRIES", "7")
    settings = load_settings(user)
    assert settings.http.concurrency == 3
    assert settings.http.retries == 7
    assert settings.library.sync == [tmp_path / "news"]
    where = provenance(user)
    assert where["http.concurrency"] == str(user)
    assert where["http.retries"] == "$BRIEFING_HTTP__RETRIES"


def test_bad_config_names_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("http:\n  concurrency: lots\n")
    with pytest.raises(BriefingError, match=r"http\.concurrency"):
        load_settings(bad)


def test_config_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("http:\n  concurrency: [1\n")
    with pytest.raises(BriefingError, match=r"bad\.yaml:\d+:\d+: config is not valid YAML"):
        load_settings(bad)


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BriefingError, match="config file not found"):
        load_settings(tmp_path / "nope.yaml")
