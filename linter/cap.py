"""At most N findings of one rule in one document, then one summary finding (as ruff caps output).

One defect can still produce findings in proportion to the input (a scraper's 100,000
stray marks, each its own place); past the cap they are listed as one summary finding
that carries how many it stands for (``Diagnostic.hidden``), so counts stay exact.
The cap is applied to what a run reports, after fixing: ``--fix`` still applies every fix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .model import Applicability, Diagnostic, Severity

#: Findings of one rule listed per document by default (``--max-findings-per-rule``).
DEFAULT_MAX_FINDINGS = 100


def cap_findings(diagnostics: Sequence[Diagnostic], limit: int) -> list[Diagnostic]:
    """The first ``limit`` findings of each rule, in order, and for each rule past it one summary
    finding at the first hidden place; ``limit`` 0 keeps everything."""
    if limit <= 0:
        return list(diagnostics)
    totals = Counter(d.code for d in diagnostics)
    if all(n <= limit for n in totals.values()):
        return list(diagnostics)
    kept: list[Diagnostic] = []
    seen: Counter[str] = Counter()
    first_hidden: dict[str, int] = {}
    worst: dict[str, Severity] = {}
    fixable: Counter[tuple[str, Applicability]] = Counter()
    for diagnostic in diagnostics:
        code = diagnostic.code
        seen[code] += 1
        if seen[code] <= limit:
            kept.append(diagnostic)
            continue
        if seen[code] == limit + 1:
            first_hidden[code] = len(kept)
            kept.append(diagnostic)  # replaced below by the summary, at this place
        worst[code] = max(worst.get(code, diagnostic.severity), diagnostic.severity)
        if diagnostic.fix is not None:
            fixable[code, diagnostic.fix.applicability] += 1
    for code, index in first_hidden.items():
        counts = (totals[code] - limit, fixable[code, Applicability.SAFE], fixable[code, Applicability.UNSAFE])
        kept[index] = _summary(kept[index], counts, worst[code], limit)
    return kept


def _summary(first: Diagnostic, counts: tuple[int, int, int], severity: Severity, limit: int) -> Diagnostic:
    """The finding that stands for the findings of a rule after the first ``limit``;
    ``counts``: how many, how many with a safe fix, how many with an unsafe one."""
    hidden, safe, unsafe = counts
    message = (
        f"{hidden:,} more {first.code} {first.name} finding{'s' if hidden > 1 else ''} in this text from here on, "
        f"not listed after the first {limit} (--max-findings-per-rule 0 lists them all)."
    )
    return Diagnostic(
        first.code, first.name, first.kind, severity, message, first.span,
        source="newslint", hidden=hidden, hidden_safe=safe, hidden_unsafe=unsafe,
    )
