"""The pure core: text in, sorted diagnostics out. No paths, environment or terminal here."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from .config import DEFAULT_CONFIG, LintConfig
from .model import Diagnostic
from .ruleset import Rule, Ruleset
from .segments import Document
from .suppress import drop_markdown_suppressed


@lru_cache(maxsize=32)
def active_rules(ruleset: Ruleset, config: LintConfig) -> tuple[Rule, ...]:
    """The rules ``config`` enables, computed once per (ruleset, config) pair."""
    return config.selection.apply(ruleset)


def lint(text: str, ruleset: Ruleset, config: LintConfig = DEFAULT_CONFIG) -> list[Diagnostic]:
    """Run every enabled rule over ``text`` and return findings sorted by position and code.

    Identical findings (same code and span) are reported once, and per-code
    severity overrides from ``config`` are applied here so checks stay simple.
    """
    doc = Document(text)
    seen: set[tuple[str, int, int]] = set()
    findings: list[Diagnostic] = []
    for rule in active_rules(ruleset, config):
        override = config.severity.get(rule.code)
        for diagnostic in rule.run(doc):
            key = (diagnostic.code, diagnostic.span.start, diagnostic.span.end)
            if key in seen:
                continue
            seen.add(key)
            if override is not None and override != diagnostic.severity:
                diagnostic = replace(diagnostic, severity=override)
            findings.append(diagnostic)
    if config.markdown:
        findings = drop_markdown_suppressed(text, findings)
    findings.sort(key=lambda d: d.sort_key)
    return findings
