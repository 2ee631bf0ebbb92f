"""The pure core: text in, sorted diagnostics out. No paths, environment or terminal here."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate

from .selection import DEFAULT_CONFIG, LintConfig
from .bounded import RegexTimeout
from .model import Applicability, Diagnostic, Severity, Span
from .registry import BackendUnavailable
from .rule import Rule, Ruleset
from .markdown import mask_markdown
from .segments import Document
from .suppress import drop_markdown_suppressed


def _problem(rule: Rule, error: Exception) -> Diagnostic:
    """The one warning of a rule that timed out or failed on a text, naming it and where."""
    if isinstance(error, RegexTimeout):
        return rule.problem(error.span, f"{rule.code} {rule.name} took too long on this text and was skipped here")
    return rule.problem(Span(0, 0), f"{rule.code} {rule.name} failed on this text ({type(error).__name__}: {error}); please report it")


@lru_cache(maxsize=32)
def active_rules(ruleset: Ruleset, config: LintConfig) -> tuple[Rule, ...]:
    """The rules ``config`` enables, computed once per (ruleset, config) pair."""
    return config.selection.apply(ruleset)


def _with_severity(diagnostic: Diagnostic, severity: Severity) -> Diagnostic:
    """The finding at the configured severity; an ``info`` finding never carries a safe fix."""
    fix = diagnostic.fix
    if severity is Severity.INFO and fix is not None and fix.applicability is Applicability.SAFE:
        fix = replace(fix, applicability=Applicability.UNSAFE)
    return replace(diagnostic, severity=severity, fix=fix)


@lru_cache(maxsize=64)
def rules_for_language(rules: tuple[Rule, ...], language: str, languages: tuple[str, ...]) -> tuple[Rule, ...]:
    """The rules that read a text in ``language``: those of any language, and its own when ``languages`` allows it."""
    wanted = not languages or language in languages
    return tuple(rule for rule in rules if rule.language == "any" or wanted and rule.language == language)


def _outside(foreign: list[Span], findings: Iterable[Diagnostic]) -> Iterator[Diagnostic]:
    """The findings that lie outside every span of ``foreign``."""
    for diagnostic in findings:
        if not any(span.contains(diagnostic.span) for span in foreign):
            yield diagnostic


def _produced(doc: Document, rules: tuple[Rule, ...]) -> Iterator[Diagnostic]:
    """Every rule's findings in turn; a language's rules skip the paragraphs in another language
    (they have a finding of their own). A rule that times out or fails gives one warning instead
    of its other findings, and the run goes on. One generator for all the rules: one per rule
    cost more than most rules' whole work on a text."""
    foreign = [span for span, _ in doc.foreign_paragraphs] if any(rule.language != "any" for rule in rules) else []
    for rule in rules:
        skipping = foreign if foreign and rule.language != "any" else None
        try:
            findings = rule.run(doc)
            yield from findings if skipping is None else _outside(skipping, findings)
        except BackendUnavailable:
            raise  # no rule can be checked without it: the run stops with its one-line reason
        except Exception as error:  # a bug in one rule must not lose the other rules' findings
            problem = [_problem(rule, error)]
            yield from problem if skipping is None else _outside(skipping, problem)


def _without_superseded(findings: list[Diagnostic], rules: tuple[Rule, ...]) -> list[Diagnostic]:
    """The findings less those of a rule another rule supersedes: where that rule's finding starts,
    or inside its span (a whole caption paragraph takes the glued credit at its end)."""
    superseding = {rule.code: rule.supersedes for rule in rules if rule.supersedes}
    if not superseding:
        return findings
    spans: dict[str, list[Span]] = {}
    for d in findings:
        for other in superseding.get(d.code, ()):
            spans.setdefault(other, []).append(d.span)
    if not spans:
        return findings
    covers = {code: _Cover(taken) for code, taken in spans.items()}
    return [d for d in findings if d.code not in covers or not covers[d.code].takes(d.span)]


class _Cover:
    """The spans of superseding findings over one code, asked in O(log n) whether they take a span:
    one starts where it starts, or one starting at or before it ends at or after its end."""

    def __init__(self, spans: list[Span]) -> None:
        ordered = sorted(spans, key=lambda span: span.start)
        self.starts = [span.start for span in ordered]
        self.reach = list(accumulate((span.end for span in ordered), max))

    def takes(self, span: Span) -> bool:
        before = bisect_right(self.starts, span.start)
        if not before:
            return False
        return self.starts[before - 1] == span.start or self.reach[before - 1] >= span.end


def lint(
    text: str,
    ruleset: Ruleset,
    config: LintConfig = DEFAULT_CONFIG,
    language: str | None = None,
    source: str | None = None,
) -> list[Diagnostic]:
    """Run every enabled rule over ``text`` and return findings sorted by position and code.

    Identical findings (same code and span) are reported once, and per-code
    severity overrides from ``config`` are applied here so checks stay simple.
    In Markdown mode rules see only the prose (markup masked, offsets kept), and
    findings touching markup are dropped. ``language`` is the text's language when the
    caller knows it (a record's field); otherwise it is detected, once, if a rule of one
    language is enabled. ``source`` is the source (site) of the text in a corpus run, whose
    template counts a ruleset given them (``checks.template.with_counts``) reads.
    """
    markdown = mask_markdown(text) if config.markdown else None
    linted = text if markdown is None else markdown.text
    doc = Document(linted, language, source, () if markdown is None else markdown.layout)
    seen: set[tuple[str, int, int]] = set()
    findings: list[Diagnostic] = []
    rules = active_rules(ruleset, config)
    if any(rule.language != "any" for rule in rules):
        rules = rules_for_language(rules, doc.language_code, config.languages)
    produced = _produced(doc, rules)
    for diagnostic in produced:
        key = (diagnostic.code, diagnostic.span.start, diagnostic.span.end)
        if key in seen:
            continue
        seen.add(key)
        override = config.severity.get(diagnostic.code)
        if override is not None and override != diagnostic.severity:
            diagnostic = _with_severity(diagnostic, override)
        findings.append(diagnostic)
    findings = _without_superseded(findings, rules)
    if markdown is not None:
        findings = drop_markdown_suppressed(text, [d for d in findings if markdown.keeps(d)])
    findings.sort(key=lambda d: d.sort_key)
    return findings
