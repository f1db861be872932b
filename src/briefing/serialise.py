"""Briefs out: the canonical YAML of a brief (``dump_brief``) and its JSON-able form
(``brief_to_data``, what the store keeps and ``--json`` prints).

The reverse of :mod:`briefing.loader`: reading either back gives an equal brief.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
import re
from enum import Enum
from typing import Any

import yaml

from briefing.model import Brief

STR = "tag:yaml.org,2002:str"


def _prune(value: Any) -> Any:
    """Drop ``None`` and empty lists from declared fields, recursively; enums to text."""
    if isinstance(value, dict):
        return {
            k: _prune(v)
            for k, v in value.items()
            if v is not None and not (v == [] and isinstance(v, list))
        }
    if isinstance(value, list):
        return [_prune(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    return value


def _jsonable(value: Any) -> Any:
    """Extra data (any safe YAML value) as JSON-able values."""
    if isinstance(value, dict):
        return {_json_key(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_jsonable(v) for v in value), key=repr)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def _json_key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(_jsonable(key))


def _declared(brief: Brief, mode: str) -> tuple[dict[str, Any], dict[str, Any]]:
    extra = brief.model_extra or {}
    data = brief.model_dump(mode=mode, exclude=set(extra) or None, exclude_none=True)
    return _prune(data), extra


def brief_to_data(brief: Brief) -> dict[str, Any]:
    """The brief as a JSON-able dict in field order (``format`` first), without empty
    optional fields, extra top-level keys kept at the end."""
    data, extra = _declared(brief, "json")
    data.update((key, _jsonable(value)) for key, value in extra.items())
    return data


_BaseDumper: type = getattr(yaml, "CSafeDumper", None) or yaml.SafeDumper


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Safe dumper that writes multi-line text as ``|`` blocks, as a person would."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # The emitter falls back to a quoted style whenever a block would not be exact.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar(STR, value, style=style)


_Dumper.add_representer(str, _represent_str)
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def dump_brief(brief: Brief) -> str:
    """Canonical YAML of one brief; reading it back gives an equal brief."""
    data, extra = _declared(brief, "python")
    for item in (*data.get("timeline", []), *data.get("positions", [])):
        # Unquoted full dates read better and come back as the same text.
        value = item.get("date")
        if isinstance(value, str) and _FULL_DATE.match(value):
            item["date"] = dt.date.fromisoformat(value)
    data.update(extra)
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
    )
