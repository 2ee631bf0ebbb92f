"""Load and validate rule packs (``rules/*.toml``) into an immutable :class:`~.rule.Ruleset`.

Built-in and user packs share one schema (documented in ``rules/README.md``). Each
rule's keys are checked against its check type's declared parameters, then the
check is compiled from them and attached to the rule. Every problem is reported as
one line naming the file and the rule code, so a broken pack never surfaces as a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import regex

from .model import KINDS, Applicability, Severity
from .checks import check_types
from .registry import Param, RuleDefinitionError
from .suggest import did_you_mean
from .rule import Example, Rule, Ruleset
from .ruleset_cache import cached_ruleset
from .pattern_cache import compiled

CODE = compiled(r"[A-Z]{1,4}\d{3}")
NAME = compiled(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
STATUSES = ("stable", "preview")
#: A rule's ``language`` is an ISO 639 code, or ``any`` for rules that do not read words.
LANGUAGE = compiled(r"any|[a-z]{2,3}")
FIX_LEVELS = ("safe", "unsafe", "display-only", "none")

# Keys every rule may have; each check type adds its own parameters.
COMMON_KEYS: Mapping[str, Param] = {
    "code": Param(str, "the rule's code"),
    "name": Param(str, "the rule's kebab-case name"),
    "kind": Param(str, "the family of problem"),
    "check": Param(str, "the check type"),
    "severity": Param(str, "error, warning or info"),
    "message": Param(str, "shown at each finding"),
    "why": Param(str, "why it matters"),
    "fix": Param(str, "the highest applicability of the fix"),
    "fix-title": Param(str, "what the fix does", None),
    "status": Param(str, "stable or preview", "stable"),
    "exact-match": Param(bool, "the matches are certain", False),
    "language": Param(str, "the language of the texts the rule reads", "any"),
    "bad": Param(list, "texts the rule flags"),
    "good": Param(list, "texts the rule leaves alone"),
    "supersedes": Param(list, "codes of rules whose findings starting where one of this rule's starts, or inside it, are dropped", []),
}


class RulesetError(Exception):
    """A rule pack cannot be used; the message is one line naming file and code."""


@cache
def builtin_rules_dir() -> Path:
    """The shipped packs: inside the installed package, or ``rules/`` of a checkout.

    A folder beside this file, as ``importlib.resources`` finds it for a package installed as files
    (pip never installs one as a zip), without importing ``importlib.resources`` (tempfile, zipfile:
    5 ms of start-up).
    """
    packaged = Path(__file__).parent / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def load_ruleset(extra_dirs: Iterable[Path] = (), *, builtin: bool = True) -> Ruleset:
    """Load the built-in packs and any user pack folders into one validated ruleset.

    Compiling the patterns is most of newslint's start-up, so a ruleset built from
    the same pack texts by the same code is taken from the cache (:mod:`.ruleset_cache`).
    """
    packs: list[tuple[str, str]] = []
    sources: list[Path] = [builtin_rules_dir()] if builtin else []
    sources.extend(extra_dirs)
    for folder in sources:
        if not folder.is_dir():
            raise RulesetError(f"{folder}: rules folder not found")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml"):
                label = _display_path(entry)
                packs.append((label, _read_pack(label, entry)))
    return cached_ruleset(packs, lambda: _checked([rule for label, text in packs for rule in parse_pack(label, text)]))


def _read_pack(label: str, path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RulesetError(f"{label}: cannot read rule pack: {error}") from None


def parse_pack(label: str, text: str) -> list[Rule]:
    """Parse and validate the text of one TOML pack; ``label`` names it in errors."""
    import tomllib  # here, not at import: a cached ruleset (most runs) parses no pack

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RulesetError(f"{label}: invalid TOML: {error}") from None
    unknown = set(data) - {"rule", "language"}
    if unknown:
        raise RulesetError(f"{label}: unknown top-level key {sorted(unknown)[0]!r} (expected [[rule]] and language)")
    language = data.get("language", "any")
    if not isinstance(language, str) or not LANGUAGE.fullmatch(language):
        raise RulesetError(f"{label}: language must be an ISO 639 code like 'en', or 'any'")
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not entries:
        raise RulesetError(f"{label}: no [[rule]] tables")
    return [_build_rule(label, index, {"language": language, **entry}) for index, entry in enumerate(entries, 1)]


def _display_path(path: Path) -> str:
    builtin = builtin_rules_dir()
    if str(path).startswith(str(builtin)):
        return f"rules/{path.name}"
    return str(path)


def _build_rule(label: str, index: int, entry: Mapping[str, Any]) -> Rule:
    code = entry.get("code") if isinstance(entry.get("code"), str) else f"rule #{index}"
    where = f"{label}: {code}"
    try:
        return _parse_rule(label, entry)
    except RuleDefinitionError as error:
        raise RulesetError(f"{where}: {error}") from None
    except regex.error as error:
        raise RulesetError(f"{where}: invalid regular expression: {error}") from None


def _parse_rule(label: str, entry: Mapping[str, Any]) -> Rule:
    check_name = entry.get("check")
    types = check_types()
    if check_name == "document" or "detector" in entry or "options" in entry:
        raise RuleDefinitionError(_old_schema(entry))
    if check_name is None:
        raise RuleDefinitionError(f"missing key 'check': the check type, one of {', '.join(sorted(types))}")
    if check_name not in types:
        known = ", ".join(sorted(types))
        raise RuleDefinitionError(f"unknown check type {check_name!r} (known: {known}){did_you_mean(str(check_name), types)}")
    check_class = types[check_name]
    for key in entry:
        if key not in COMMON_KEYS and key not in check_class.PARAMS:
            keys = [*COMMON_KEYS, *check_class.PARAMS]
            kebab = key.replace("_", "-")
            hint = f"; did you mean '{kebab}'?" if kebab != key and kebab in keys else did_you_mean(key, keys)
            raise RuleDefinitionError(f"unknown key {key!r} for check type {check_name!r}{hint}")
    for key, param in {**COMMON_KEYS, **check_class.PARAMS}.items():
        if key not in entry:
            if param.required:
                raise RuleDefinitionError(f"missing key {key!r}")
        elif not param.accepts(entry[key]):
            raise RuleDefinitionError(f"key {key!r} has the wrong type (expected {param.type_name})")

    code, name, kind = entry["code"], entry["name"], entry["kind"]
    if not CODE.fullmatch(code):
        raise RuleDefinitionError("code must be 1-4 capital letters and 3 digits, like NL101")
    if not NAME.fullmatch(name):
        raise RuleDefinitionError(f"name {name!r} must be kebab-case")
    if kind not in KINDS:
        raise RuleDefinitionError(f"unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})")
    status = entry.get("status", "stable")
    if status not in STATUSES:
        raise RuleDefinitionError(f"status must be one of {', '.join(STATUSES)}")
    if not LANGUAGE.fullmatch(entry.get("language", "any")):
        raise RuleDefinitionError("language must be an ISO 639 code like 'en', or 'any'")
    if entry["fix"] not in FIX_LEVELS:
        raise RuleDefinitionError(f"fix must be one of {', '.join(FIX_LEVELS)}")
    try:
        severity = Severity.parse(entry["severity"])
    except ValueError as error:
        raise RuleDefinitionError(str(error)) from None
    fix = None if entry["fix"] == "none" else Applicability.parse(entry["fix"])
    if severity is Severity.INFO and fix is Applicability.SAFE:
        raise RuleDefinitionError("an info rule's fix is unsafe at most: a safe fix is for certain findings")
    supersedes = tuple(entry.get("supersedes", []))
    if not all(isinstance(other, str) and CODE.fullmatch(other) for other in supersedes) or code in supersedes:
        raise RuleDefinitionError("supersedes must list other rules' codes, like ['NL404']")
    exact_match = entry.get("exact-match", False)
    if exact_match and (fix is not Applicability.SAFE or check_name != "pattern"):
        raise RuleDefinitionError("exact-match is for a pattern rule with a safe fix")
    # A display-only fix is never applied, so its examples have no fixed text.
    applied = fix is not None and fix >= Applicability.UNSAFE
    bad = tuple(_parse_example(item, bad=True, fixable=applied) for item in entry["bad"])
    good = tuple(_parse_example(item, bad=False, fixable=False) for item in entry["good"])
    if not bad or not good:
        raise RuleDefinitionError("needs at least one bad and one good example")
    params = {key: entry.get(key, param.default) for key, param in check_class.PARAMS.items()}
    return Rule(
        code=code,
        name=name,
        kind=kind,
        check_type=check_name,
        severity=severity,
        message=entry["message"].strip(),
        why=" ".join(entry["why"].split()),
        fix_level=fix,
        fix_title=entry.get("fix-title", "Apply the suggested fix"),
        status=status,
        language=entry.get("language", "any"),
        bad=bad,
        good=good,
        path=label,
        params=params,
        exact_match=exact_match,
        supersedes=supersedes,
    ).attached(lambda rule: check_class(rule, rule.params))


def _old_schema(entry: Mapping[str, Any]) -> str:
    """The error for a rule in the old schema (``check = "document"``, ``detector``, ``options``): how to write it now."""
    detector = entry.get("detector")
    options = entry.get("options")
    check = f"check = {detector!r}" if isinstance(detector, str) else "check = <the detector's name>"
    keys = ", ".join(f"{key.replace('_', '-')} = {value!r}" for key, value in options.items()) if isinstance(options, dict) else ""
    return (
        f"detectors are check types now: write {check}{' and ' + keys if keys else ''} (options are top-level"
        " kebab-case keys), not check = 'document' with 'detector' and 'options'"
    )


def _parse_example(item: Any, *, bad: bool, fixable: bool) -> Example:
    if not bad:
        if isinstance(item, str):
            return Example(item)
        raise RuleDefinitionError("good examples are plain strings")
    if not isinstance(item, Mapping):
        raise RuleDefinitionError("bad examples are tables with text, flagged and (if fixable) fixed")
    unknown = set(item) - {"text", "flagged", "fixed"}
    if unknown:
        raise RuleDefinitionError(f"unknown key {sorted(unknown)[0]!r} in a bad example")
    text, flagged = item.get("text"), item.get("flagged")
    if not isinstance(text, str) or not text:
        raise RuleDefinitionError("a bad example needs its text")
    flagged_all = (flagged,) if isinstance(flagged, str) else tuple(flagged or ())
    # An empty string is a point finding (a whole-document finding sits at offset 0).
    if not flagged_all or not all(isinstance(f, str) and f in text for f in flagged_all):
        raise RuleDefinitionError(f"bad example {text[:40]!r}: 'flagged' must be text found in it")
    fixed = item.get("fixed")
    if fixed is not None and not isinstance(fixed, str):
        raise RuleDefinitionError("'fixed' must be a string")
    if fixable and fixed is None:
        raise RuleDefinitionError(f"bad example {text[:40]!r} of a fixable rule needs 'fixed'")
    if not fixable and fixed is not None:
        raise RuleDefinitionError(f"bad example {text[:40]!r}: 'fixed' given but the rule has no fix that is applied")
    return Example(text, flagged_all, fixed)


def _checked(rules: list[Rule]) -> Ruleset:
    seen: dict[str, str] = {}
    for rule in rules:
        for key in (rule.code, rule.name):
            if key in seen:
                raise RulesetError(f"{rule.path}: {rule.code}: {key!r} is already used in {seen[key]}")
            seen[key] = rule.path
    for rule in rules:
        unknown = [other for other in rule.supersedes if other not in seen]
        if unknown:
            raise RulesetError(f"{rule.path}: {rule.code}: supersedes {', '.join(unknown)}, which no pack defines")
    setters: dict[tuple[str, str], Rule] = {}
    for rule in rules:
        for key, param in rule.check.PARAMS.items():
            if param.unique and rule.params[key]:
                first = setters.setdefault((rule.check_type, key), rule)
                if first is not rule:
                    raise RulesetError(f"{rule.path}: {rule.code}: {key!r} is already set by {first.code} in {first.path}; one rule at most")
    return Ruleset(tuple(sorted(rules, key=lambda r: r.code)))
