"""``newslint rule`` on a terminal: the catalogue as a table, one rule explained (what, why, examples, fix)."""

from __future__ import annotations

import json
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .catalogue import fix_description, fix_name, markdown_table, rule_record
from .engine import lint
from .errors import UsageError
from .rule import Rule, Ruleset
from .selection import LintConfig, Selection, closest_rule
from .terminal import use_color
from .pattern_cache import compiled

_PLACEHOLDER = compiled(r"\{(\w+)\}")


def example_message(rule: Rule, ruleset: Ruleset) -> str:
    """The rule's message with its placeholders filled in from its own first flagged example,
    or, where no example gives a finding (a rule needing a server), named in words."""
    if _PLACEHOLDER.search(rule.message) is None:
        return rule.message
    config = LintConfig(selection=Selection(select=(rule.code,), preview=True))
    for example in rule.bad:
        found = [d for d in lint(example.text, ruleset, config) if d.code == rule.code]
        if found:
            return found[0].message
    return _PLACEHOLDER.sub(lambda m: f"<{m.group(1).replace('_', ' ')}>", rule.message)


def _console(stream: TextIO) -> Console:
    color = use_color("auto", stream)
    return Console(file=stream, force_terminal=color, no_color=not color, soft_wrap=True, highlight=False, markup=False)


def show_rules(ruleset: Ruleset, key: str | None, output: str, stream: TextIO, explain_all: bool = False) -> int:
    """Print the table of rules, one rule, or (``--all``) every rule explained; exit 2 for an unknown code."""
    if explain_all:
        if output == "json":
            stream.write(json.dumps([rule_record(r) for r in ruleset], ensure_ascii=False, indent=2) + "\n")
            return 0
        console = _console(stream)
        for rule in ruleset:
            _explain(rule, ruleset, console)
            console.print()
        return 0
    if key is not None:
        rule = ruleset.get(key)
        if rule is None:
            raise UsageError(f"rule: no rule {key!r} (see `newslint rule` for the list){closest_rule(key, ruleset)}")
        if output == "json":
            stream.write(json.dumps(rule_record(rule), ensure_ascii=False, indent=2) + "\n")
        else:
            _explain(rule, ruleset, _console(stream))
        return 0
    if output == "json":
        stream.write(json.dumps([rule_record(r) for r in ruleset], ensure_ascii=False, indent=2) + "\n")
        return 0
    if output == "markdown":
        stream.write(markdown_table(ruleset))
        return 0
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("code", "name", "kind", "severity", "fix", "status"):
        table.add_column(column)
    for rule in ruleset:
        table.add_row(rule.code, rule.name, rule.kind, rule.severity.label, fix_name(rule), rule.status)
    console = _console(stream)
    console.print(table)
    console.print(Text(f"\n{len(ruleset)} rules. `newslint rule CODE` explains one."))
    return 0


def _explain(rule: Rule, ruleset: Ruleset, console: Console) -> None:
    console.print(Text(f"{rule.code} {rule.name}", style="bold"))
    console.print(Text(f"kind: {rule.kind}   severity: {rule.severity.label}   status: {rule.status}   language: {rule.language}   pack: {rule.path}"))
    console.print(Text("\nWhat it finds", style="bold"))
    console.print("  " + example_message(rule, ruleset))
    console.print(Text("\nWhy", style="bold"))
    console.print("  " + rule.why)
    console.print(Text("\nFix", style="bold"))
    console.print(f"  {fix_description(rule)}" + (f" ({rule.fix_title})" if rule.fix_level else ""))
    console.print(Text("\nExamples that are flagged", style="bold"))
    for example in rule.bad:
        console.print(f"  text:    {example.text!r}")
        console.print(f"  flagged: {', '.join(repr(f) for f in example.flagged)}")
        if example.fixed is not None:
            console.print(f"  fixed:   {example.fixed!r}")
        console.print()
    console.print(Text("Examples that are not flagged", style="bold"))
    for example in rule.good:
        console.print(f"  {example.text!r}")
