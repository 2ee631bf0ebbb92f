"""Garble findings against professional MQM error spans (WMT21 TED, Chinese→English).

Usage::

    python benchmarks/mqm.py MQM_TSV [--select NL5]

The file has one row per error a translator marked, the span inside ``<v>…</v>`` of the English
output. A segment is a (system, seg_id, rater) triple; its MQM score is the usual weighted sum
(Major 5, Minor 1, Minor punctuation 0.1, No-error 0). Prints, per rater and pooled, the
Spearman correlation between the garble score of the segment and its MQM score, and the
span-level precision and recall of the selected rules' findings against the Major
``Fluency/Grammar`` and ``Fluency/Punctuation`` spans (any rater's), the errors a linter that
sees only the English can see. The rules are not trained on this file, so no cross-validation
is needed for these figures. This is a script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

import regex

from linter import LintConfig, lint, load_ruleset
from linter.fluency import garble_score
from linter.selection import Selection

sys.path.insert(0, str(Path(__file__).parent))
from fluency import spearman  # noqa: E402

_SPAN = regex.compile(r"<v>(.*?)</v>")
VISIBLE = ("Fluency/Grammar", "Fluency/Punctuation")


def weight(category: str, severity: str) -> float:
    if severity == "Major":
        return 25.0 if category == "Non-translation!" else 5.0
    if severity == "Minor":
        return 0.1 if category == "Fluency/Punctuation" else 1.0
    return 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mqm", type=Path)
    parser.add_argument("--select", default="NL5")
    args = parser.parse_args(argv)
    with args.mqm.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = list(reader)
    mqm: dict[tuple[str, str, str], float] = defaultdict(float)
    text: dict[tuple[str, str], str] = {}
    spans: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for row in rows:
        segment = (row["system"], row["seg_id"])
        mqm[(*segment, row["rater"])] += weight(row["category"], row["severity"])
        target = row["target"] or ""
        plain = target.replace("<v>", "").replace("</v>", "")
        text.setdefault(segment, plain)
        match = _SPAN.search(target)
        if match and row["severity"] == "Major" and row["category"] in VISIBLE and plain == text[segment]:
            spans[segment].add((match.start(), match.end() - len("<v>")))
    garble = {segment: garble_score(sentence) for segment, sentence in text.items()}
    by_rater: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for (system, seg_id, rater), score in mqm.items():
        by_rater[rater].append((garble[(system, seg_id)], -score))
    for rater, pairs in sorted(by_rater.items()):
        print(f"{rater}: {len(pairs)} segments, Spearman(garble, -MQM) = {spearman(*zip(*pairs)):.3f}")
    pooled = [pair for pairs in by_rater.values() for pair in pairs]
    print(f"pooled: {len(pooled)} segments, Spearman(garble, -MQM) = {spearman(*zip(*pooled)):.3f}")

    ruleset = load_ruleset()
    config = LintConfig(Selection(select=tuple(args.select.split(","))))
    findings = hits = 0
    covered: set[tuple[tuple[str, str], tuple[int, int]]] = set()
    for segment, sentence in text.items():
        for diagnostic in lint(sentence, ruleset, config):
            findings += 1
            overlapped = [s for s in spans[segment] if s[0] < diagnostic.span.end and diagnostic.span.start < s[1]]
            hits += bool(overlapped)
            covered.update((segment, s) for s in overlapped)
    total = sum(len(s) for s in spans.values())
    print(f"spans: {total} Major {'/'.join(VISIBLE)} spans in {len(text)} segments; {args.select} findings: {findings}")
    print(f"precision {hits / max(findings, 1):.1%} ({hits} of {findings}), recall {len(covered) / max(total, 1):.1%} ({len(covered)} of {total})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
