"""The robustness tests' brief generators (tests/helpers/robust.py) agree: the fast text
writer and the dict generator describe the same briefs, so a test may use either."""

from __future__ import annotations

import yaml

from briefing.model import validate_brief
from helpers.robust import small_brief, small_brief_text


def test_small_brief_text_matches() -> None:
    """The fast text writer and the dict generator describe the same briefs."""
    for i in (0, 1, 7, 96, 1499, 1500, 2999):
        for updated in (None, "2031-01-02T03:04:05Z"):
            text = small_brief_text(i, prefix="p", updated=updated)
            brief, problems = validate_brief(yaml.safe_load(text))
            expected, _ = validate_brief(small_brief(i, prefix="p", updated=updated))
            assert brief is not None, problems
            assert brief == expected
