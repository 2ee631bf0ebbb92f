"""The rule catalogue as data: each rule's record, what its fix level means, the README's rule table.

One source for ``newslint rule``, SARIF's ``tool.driver.rules``, the language server's hovers
and the README test.
"""

from __future__ import annotations

from .rule import Rule, Ruleset

#: What each fix level means. A rule without a fix is labelled ``none`` in every table, JSON and SARIF.
FIX_DESCRIPTION = {
    "safe": "safe: applied by `--fix`",
    "unsafe": "unsafe: applied by `--fix --unsafe-fixes` only",
    "display-only": "display-only: shown, never applied",
    "none": "none: this rule has no fix",
}


def fix_name(rule: Rule) -> str:
    """``safe``, ``unsafe``, ``display-only`` or ``none``: one name per level everywhere."""
    return rule.fix_level.label if rule.fix_level else "none"


def fix_description(rule: Rule) -> str:
    """What the rule's fix level means, in words (``FIX_DESCRIPTION``); a safe rule whose pack
    rates some occurrences unsafe (``unsafe-when``) says so, so the level does not overpromise."""
    description = FIX_DESCRIPTION[fix_name(rule)]
    if fix_name(rule) == "safe" and rule.params.get("unsafe-when"):
        description += "; unsafe where the flagged text matches its `unsafe-when` pattern (see Why)"
    return description


def rule_record(rule: Rule) -> dict[str, object]:
    """The catalogue entry of one rule as plain data (``rule --format json``, SARIF, docs)."""
    return {
        "code": rule.code,
        "name": rule.name,
        "kind": rule.kind,
        "check": rule.check_type,
        "severity": rule.severity.label,
        "status": rule.status,
        "language": rule.language,
        "message": rule.message,
        "why": rule.why,
        "fix": fix_name(rule),
        "fix_title": rule.fix_title if rule.fix_level else None,
        "pack": rule.path,
        "examples": {
            "bad": [{"text": e.text, "flagged": list(e.flagged), "fixed": e.fixed} for e in rule.bad],
            "good": [e.text for e in rule.good],
        },
    }


def markdown_table(ruleset: Ruleset) -> str:
    """The rule table of the README (kept in sync by the catalogue test)."""
    rows = ["| code | name | kind | severity | fix |", "| --- | --- | --- | --- | --- |"]
    for rule in ruleset:
        fix = fix_name(rule)
        rows.append(f"| {rule.code} | `{rule.name}` | {rule.kind} | {rule.severity.label} | {fix} |")
    return "\n".join(rows) + "\n"
