"""Shared fixtures: the built-in ruleset is loaded once per test session."""

from __future__ import annotations

import pytest

from linter import Ruleset, load_ruleset


@pytest.fixture(scope="session")
def ruleset() -> Ruleset:
    return load_ruleset()
