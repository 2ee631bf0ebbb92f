"""Shared fixtures: the built-in ruleset is loaded once per test session."""

from __future__ import annotations

import pytest

from linter import Ruleset, load_ruleset

#: A user's rule pack, written as a team would keep its house style.
HOUSE_PACK = """
[[rule]]
code = "HS101"
name = "no-utilise"
kind = "consistency"
check = "substitution"
swap = { utilise = "use" }
severity = "warning"
fix = "safe"
message = "Write '{replacement}'."
why = "House style prefers the short word to the long one in every story."
good = ["We use it."]
[[rule.bad]]
text = "We utilise it."
flagged = "utilise"
fixed = "We use it."
"""


@pytest.fixture(scope="session")
def ruleset() -> Ruleset:
    return load_ruleset()
