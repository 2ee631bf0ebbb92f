"""newslint: a text-quality linter for scraped, syndicated and machine-translated news.

The public API is the pure core: load a ruleset, lint a text, apply fixes.

>>> from linter import load_ruleset, lint, apply_fixes
>>> rules = load_ruleset()
>>> [d.code for d in lint("They met in kyiv. .", rules)]
['NL201', 'NL101']
"""

from __future__ import annotations

__version__ = "0.1.0"

from .apply import FixLoopError, FixResult, apply_fixes, fix_text
from .selection import DEFAULT_CONFIG, LintConfig
from .engine import lint
from .line_index import LineIndex
from .model import Applicability, Diagnostic, Edit, Fix, Severity, Span
from .rule import Rule, Ruleset
from .rule_packs import RulesetError, load_ruleset

def __getattr__(name: str) -> object:
    """``linter.garble_score``, imported on first use: ``import linter`` does not load the fluency model."""
    if name == "garble_score":
        from .fluency import garble_score

        return garble_score
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Applicability",
    "DEFAULT_CONFIG",
    "Diagnostic",
    "Edit",
    "Fix",
    "FixLoopError",
    "FixResult",
    "LineIndex",
    "LintConfig",
    "Rule",
    "Ruleset",
    "RulesetError",
    "Severity",
    "Span",
    "__version__",
    "apply_fixes",
    "fix_text",
    "garble_score",
    "lint",
    "load_ruleset",
]
