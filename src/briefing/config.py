"""Typed settings: ``config.yaml`` overlaid by ``BRIEFING_*`` environment variables.

Nested fields use ``__`` in environment names, e.g. ``BRIEFING_HTTP__CONCURRENCY=4``.
The repository's ``config.yaml`` documents every field with its default.
"""

from __future__ import annotations

import os
import re
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
)

from briefing import paths
from briefing.configfiles import _deep_merge, config_files, read_config_file
from briefing.errors import BriefingError
from briefing.text import one_line

_config_files: ContextVar[tuple[Path, ...]] = ContextVar("briefing_config_files", default=())


class LibrarySettings(BaseModel):
    database: Path | None = None
    """SQLite file holding the library. Default: the per-user data folder
    (``briefing.paths.default_database()``). ``--db`` / ``BRIEFING_DB`` override it."""

    sync: list[Path] = Field(default_factory=lambda: [paths.BUNDLED_BRIEFS])
    """Folders of brief files synced into the library each time the reader starts.
    Only files whose size or modification time changed are re-read. The bundled
    ``briefs/`` (the default) is a demo, synced only into a new library or one it was
    synced into before (:func:`briefing.sync.sync_folders`)."""


class LimitsSettings(BaseModel):
    max_file_bytes: int = Field(default=2 * 1024 * 1024, gt=0)
    """Largest brief file accepted, checked before parsing (bytes)."""

    max_depth: int = Field(default=64, gt=0)
    """Deepest nesting of mappings and lists accepted in a brief document."""

    max_nodes: int = Field(default=200_000, gt=0)
    """Most YAML nodes a document may expand to, counting each alias use in full:
    stops "billion laughs" alias bombs before anything downstream expands them."""


class HttpSettings(BaseModel):
    concurrency: int = Field(default=8, ge=1, le=64)
    """Requests in flight at once during a fetch."""

    connect_timeout: float = Field(default=5.0, gt=0)
    """Seconds to wait for a connection."""

    read_timeout: float = Field(default=10.0, gt=0)
    """Seconds to wait between bytes of a response."""

    total_timeout: float = Field(default=30.0, gt=0)
    """Deadline in seconds for one request, retries excluded."""

    max_redirects: int = Field(default=5, ge=0)
    """Redirects followed before giving up."""

    max_bytes: int = Field(default=5 * 1024 * 1024, gt=0)
    """Largest response body accepted (bytes), enforced while streaming."""

    retries: int = Field(default=3, ge=0)
    """Retries after connect errors, timeouts, 429 and 5xx answers."""

    backoff: float = Field(default=0.5, ge=0)
    """First retry delay in seconds; doubles each retry (``Retry-After`` wins when sent)."""

    max_retry_after: float = Field(default=30.0, ge=0)
    """Longest ``Retry-After`` honoured, in seconds; a longer one fails the request."""


class FeedSettings(BaseModel):
    url: str
    """Feed URL (Atom, RSS, JSON Feed) or the URL of a brief file."""

    name: str | None = None
    """Display name; defaults to the URL."""

    enabled: bool = True
    """Disabled feeds are listed but not fetched by ``briefing fetch``."""

    kind: Literal["auto", "briefs", "articles"] = "auto"
    """How entries are read: ``auto`` (a brief link if there is one, else the article is
    derived into a draft), ``briefs`` (brief links only) or ``articles`` (derive all)."""

    @field_validator("url")
    @classmethod
    def _http_only(cls, value: str) -> str:
        if not value.lower().startswith(("http://", "https://")):
            raise ValueError("feed URLs must start with http:// or https://")
        return value


class PageSettings(BaseModel):
    """How article pages are fetched for feeds whose entries are news articles."""

    per_host: int = Field(default=2, ge=1, le=16)
    """Article pages requested from one host at once."""

    delay: float = Field(default=0.5, ge=0, le=60)
    """Seconds between the starts of two page requests to one host."""

    robots: bool = True
    """Respect the site's robots.txt (pages it disallows for briefing are not fetched)."""

    full_text_chars: int = Field(default=1500, ge=0)
    """Feed text at least this long, not ending in a truncation mark, is taken as the
    whole article and no page is fetched."""


class UiSettings(BaseModel):
    theme: str = "textual-dark"
    """Any Textual theme name, e.g. textual-dark, textual-light, nord, gruvbox."""

    keys: dict[str, str] = Field(default_factory=dict)
    """Key overrides: binding id -> comma-separated keys, e.g. ``next_actor: "n,right"``.
    Binding ids are listed on the help screen (``?``) and in the README."""

    mark_read_after: float | None = Field(default=2.0, ge=0)
    """Seconds a brief you moved to stays on screen before it counts as read; null:
    only opening it (``enter``, a search result…) or ``u`` marks it. The brief shown
    when the reader starts does not count until you act on it, so starting and
    quitting changes no read state."""


class LlmSettings(BaseModel):
    enabled: bool = False
    """Ask an OpenAI-compatible chat endpoint to improve derived drafts."""

    base_url: str = "http://127.0.0.1:8000/v1"
    """Base URL of the OpenAI-compatible API."""

    model: str = "gpt-4o-mini"
    """Model name sent to the endpoint."""

    api_key_env: str = "BRIEFING_LLM_API_KEY"
    """Environment variable holding the API key (the key is never read from this file)."""

    timeout: float = Field(default=120.0, gt=0, le=3600)
    """Seconds to wait for the model's answer before keeping the offline draft."""


class DeriveSettings(BaseModel):
    llm: LlmSettings = Field(default_factory=LlmSettings)
    """Optional LLM backend for ``briefing derive``; the offline extractor always runs."""


class Settings(BaseSettings):
    """All of briefing's configuration."""

    model_config = SettingsConfigDict(
        env_prefix="BRIEFING_", env_nested_delimiter="__", extra="forbid"
    )

    library: LibrarySettings = Field(default_factory=LibrarySettings)
    """Where the library lives and which folders are synced into it."""

    limits: LimitsSettings = Field(default_factory=LimitsSettings)
    """Safety limits on brief files."""

    http: HttpSettings = Field(default_factory=HttpSettings)
    """How feeds are fetched."""

    feeds: list[FeedSettings] = Field(default_factory=list)
    """Feeds fetched by ``briefing fetch`` and the reader's ``r`` key."""

    pages: PageSettings = Field(default_factory=PageSettings)
    """How article pages are fetched (politeness, robots.txt, full text in feeds)."""

    ui: UiSettings = Field(default_factory=UiSettings)
    """The reader's look and keys."""

    derive: DeriveSettings = Field(default_factory=DeriveSettings)
    """Settings of ``briefing derive``."""

    _user_file: Path | None = PrivateAttr(default=None)

    @property
    def user_file(self) -> Path:
        """The config file the user edits to change these settings: ``--config`` /
        ``$BRIEFING_CONFIG`` if given, else their own file (which may not exist yet)."""
        return self._user_file or paths.user_config_file()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _YamlSource(settings_cls))

    def database_path(self, override: Path | None = None) -> Path:
        return override or self.library.database or paths.default_database()


class _YamlSource(PydanticBaseSettingsSource):
    """Reads the config files chosen by :func:`load_settings`, later files winning."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for path in _config_files.get():
            merged = _deep_merge(merged, read_config_file(path))
        return merged


def load_settings(config_file: Path | None = None) -> Settings:
    """Settings from the config files (see :func:`config_files`) and the environment.

    Raises :class:`BriefingError` with the file and field named when anything is wrong.
    """
    files = config_files(config_file)
    token = _config_files.set(files)
    try:
        settings = Settings()
        settings._user_file = config_file
        return settings
    except SettingsError as exc:
        raise BriefingError(f"invalid configuration: {_env_parse_error(exc)}") from None
    except ValidationError as exc:
        try:
            origin = provenance(config_file)
        except BriefingError:  # pragma: no cover - the files were just read fine
            origin = {}
        lines = []
        for err in exc.errors(include_url=False):
            key = ".".join(str(p) for p in err["loc"])
            lines.append(f"{_origin_of(key, origin)}: {key}: {err['msg']}")
        if len(lines) == 1:
            raise BriefingError(f"invalid configuration: {lines[0]}") from None
        raise BriefingError(
            f"invalid configuration ({len(lines)} problems):\n  " + "\n  ".join(lines)
        ) from None
    finally:
        _config_files.reset(token)


def settings_from_values(values: dict[str, Any], config_file: Path | None = None) -> Settings:
    """Settings from values that validated before (``model_dump(mode="json")`` of the
    same configuration: see :class:`briefing.configfiles.ValidatedSettings`), without
    reading the files and variables again; validated anew from them if the values no
    longer validate."""
    try:
        settings = Settings.model_validate(values)  # no sources: the values as they are
    except ValidationError:
        return load_settings(config_file)
    settings._user_file = config_file
    return settings


def _env_parse_error(exc: SettingsError) -> str:
    """One line for a ``BRIEFING_*`` variable that pydantic-settings could not parse: a
    section or list (``BRIEFING_FEEDS``, ``BRIEFING_LIBRARY__SYNC``) must be JSON."""
    found = re.search(r'field "([^"]+)"', str(exc))
    field = found.group(1) if found else ""
    prefix = f"BRIEFING_{field.upper()}"
    names = sorted(n for n in os.environ if n == prefix or n.startswith(prefix + "__"))
    where = ", ".join(f"${n}" for n in names) or f"${prefix}"
    cause = exc.__cause__
    why = f" ({one_line(str(cause))})" if cause is not None else ""
    return f"{where}: {field}: not a valid value; lists and sections are written as JSON{why}"


def _origin_of(key: str, origin: dict[str, str]) -> str:
    """The file or ``$VARIABLE`` that set ``key`` (or the nearest setting around it)."""
    parts = key.split(".")
    for n in range(len(parts), 0, -1):
        found = origin.get(".".join(parts[:n]))
        if found:
            return found
    inside = next((v for k, v in origin.items() if k.startswith(key + ".")), None)
    return inside or "defaults"


def provenance(config_file: Path | None = None) -> dict[str, str]:
    """Where each set value comes from: dotted key -> file path or environment variable."""
    origin: dict[str, str] = {}

    def walk(data: Any, prefix: str, source: str) -> None:
        if isinstance(data, dict) and data:
            for key, value in data.items():
                walk(value, f"{prefix}.{key}" if prefix else str(key), source)
        else:
            origin[prefix] = source

    for path in config_files(config_file):
        walk(read_config_file(path), "", str(path))
    for name in sorted(os.environ):
        key = name.removeprefix("BRIEFING_").lower()
        if name.startswith("BRIEFING_") and key.split("__")[0] in Settings.model_fields:
            origin[key.replace("__", ".")] = f"${name}"
    return origin
