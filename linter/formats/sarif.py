"""SARIF 2.1.0: the rule catalogue in ``tool.driver.rules``, results with regions and fixes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, TextIO

from .. import __version__
from ..catalogue import fix_description, fix_name
from ..model import Severity
from ..results import FileOutcome
from ..rule import Rule
from ..suppress import fingerprints
from .base import Report, anchor, error_line

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    """A URI relative to the working directory (``%SRCROOT%``) where possible."""
    if path == "-":
        return "stdin"
    candidate = Path(path)
    try:
        relative = candidate.resolve().relative_to(Path.cwd().resolve())
        return relative.as_posix()
    except ValueError:
        return candidate.resolve().as_uri()


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    fix = fix_description(rule)
    examples = "\n".join(f"- flagged: {e.text!r}" for e in rule.bad[:2])
    help_text = f"{rule.why}\n\nFix: {fix}.\n\nExamples:\n{examples}"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.name.replace("-", " ")},
        "fullDescription": {"text": rule.why},
        "messageStrings": {"default": {"text": rule.message}},
        "help": {"text": help_text, "markdown": help_text.replace("\n- ", "\n* ")},
        "defaultConfiguration": {"level": _LEVEL[rule.severity], "enabled": rule.status == "stable"},
        "properties": {"kind": rule.kind, "fix": fix_name(rule), "tags": [rule.kind]},
    }


def write_sarif(report: Report, stream: TextIO) -> None:
    rules = list(report.ruleset)
    index_of = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    prints: dict[int, dict[int, str]] = {}
    outcomes = list(report.outcomes)
    for unit, index, d in (finding for outcome in outcomes for finding in report.findings_in(outcome)):
        if id(unit) not in prints:
            shown = list(report.shown(unit))
            prints[id(unit)] = {
                id(diagnostic): "/".join(str(p[k]) for k in ("code", "text", "context", "occurrence"))
                for diagnostic, p in zip(shown, fingerprints(unit.path, unit.record, unit.text, shown))
            }
        at = anchor(unit, index, d)
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(unit.path), "uriBaseId": "%SRCROOT%"}}
        artifact = physical["artifactLocation"]
        if at.line is not None:
            physical["region"] = {"startLine": at.line, "endLine": at.end_line}
            if at.column is not None:
                physical["region"].update(startColumn=at.column, endColumn=at.end_column, charOffset=d.span.start, charLength=len(d.span))
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": _LEVEL[d.severity],
            "message": {"text": at.message(d.message)},
            "locations": [{"physicalLocation": physical}],
            "partialFingerprints": {"newslint/v1": prints[id(unit)][id(d)]},
            "properties": {"kind": d.kind, "record": unit.record},
        }
        if d.code in index_of:
            result["ruleIndex"] = index_of[d.code]
        if d.fix is not None and unit.record is None:
            result["fixes"] = [
                {
                    "description": {"text": f"{d.fix.title} ({d.fix.applicability.label})"},
                    "artifactChanges": [
                        {
                            "artifactLocation": artifact,
                            "replacements": [
                                {
                                    "deletedRegion": {"charOffset": e.span.start, "charLength": len(e.span)},
                                    "insertedContent": {"text": e.replacement},
                                }
                                for e in d.fix.edits
                            ],
                        }
                    ],
                }
            ]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "newslint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [rule_descriptor(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).resolve().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "invocations": [_invocation(outcomes)],
                "results": results,
            }
        ],
    }
    json.dump(log, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _invocation(outcomes: list[FileOutcome]) -> dict[str, Any]:
    """The run's invocation: each input error (a bad records line, an unreadable file) as an error
    notification on its file, so code scanning shows it too; then the run did not succeed."""
    notifications = []
    for outcome in outcomes:
        for error in outcome.errors:
            physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(outcome.path), "uriBaseId": "%SRCROOT%"}}
            line = error_line(outcome, error)
            if line is not None:
                physical["region"] = {"startLine": line}
            notifications.append({"level": "error", "message": {"text": str(error)}, "locations": [{"physicalLocation": physical}]})
    return {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
