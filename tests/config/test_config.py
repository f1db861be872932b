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


def test_remembered_values_are_the_validated_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader starts from the values remembered when the configuration validated
    (without pydantic): they must be exactly what validating again gives."""
    from briefing import configfiles

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    user = tmp_path / "mine.yaml"
    user.write_text(
        "ui:\n  theme: nord\n  mark_read_after: null\n  keys: {next_actor: 'n,right'}\n"
        "library:\n  sync: [news]\n"
        "feeds:\n  - url: https://example.org/feed.xml\n    kind: articles\n"
    )
    monkeypatch.setenv("BRIEFING_HTTP__RETRIES", "7")
    key = configfiles.settings_key(user)
    assert configfiles.known_valid_values(key) is None  # not validated here yet
    validated = load_settings(user)
    configfiles.remember_valid(key, validated.model_dump(mode="json"))
    values = configfiles.known_valid_values(key)
    assert values is not None
    remembered = configfiles.ValidatedSettings(values, user)
    assert (remembered.ui.theme, remembered.ui.keys, remembered.ui.mark_read_after) == (
        "nord",
        {"next_actor": "n,right"},
        None,
    )
    assert not remembered.loaded  # the first frame's settings, no pydantic model yet
    assert remembered.load() == validated  # the real settings, the same values
    assert remembered.http.retries == 7 and remembered.user_file == user
    assert remembered.library.sync == [tmp_path / "news"]


def test_the_remembered_values_follow_the_variables_paths_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A path written with ``$NAME`` or ``~`` is expanded when validating: another value
    of that variable is another configuration, validated (and remembered) afresh."""
    from briefing import configfiles

    user = tmp_path / "mine.yaml"
    user.write_text("library:\n  database: $LIBDIR/lib.db\n")
    monkeypatch.setenv("LIBDIR", str(tmp_path / "a"))
    first = configfiles.settings_key(user)
    monkeypatch.setenv("LIBDIR", str(tmp_path / "b"))
    assert configfiles.settings_key(user) != first
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    second = configfiles.settings_key(user)
    monkeypatch.setenv("HOME", str(tmp_path / "elsewhere"))
    assert configfiles.settings_key(user) != second
    third = configfiles.settings_key(user)
    monkeypatch.setenv("UNRELATED", "x")  # not used by the file: the same configuration
    assert configfiles.settings_key(user) == third
