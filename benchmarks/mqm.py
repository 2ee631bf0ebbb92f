"""Garble findings against professional MQM error spans (WMT21 TED, Chinese→English), by 5-fold CV grouped by talk.

Usage::

    python benchmarks/mqm.py MQM_TSV [--select NL510,NL511,NL512,NL513,NL514] [--folds 5] [--embedding]

(the learned row needs the ``train`` extra: numpy, scikit-learn; ``--embedding`` rates the segments
by NL510's optional embedding head instead, which needs the ``embed`` extra.)

The file has one row per error a translator marked, the span inside ``<v>…</v>`` of the English
output. A segment is a (system, seg_id, rater) triple; its MQM score is the usual weighted sum
(Major 5, Minor 1, Minor punctuation 0.1, No-error 0). The talks are dealt into folds (no talk in
two folds), and each held-out fold gets: the Spearman correlation between the garble score of the
segment and its MQM score, pooled and as the mean over its raters (each rater's segments
correlated alone, so one rater's harshness does not pass for the score's); the span-level
precision and recall of the selected rules' findings against the Major ``Fluency/Grammar`` and
``Fluency/Punctuation`` spans (any rater's), the errors a linter that sees only the English can
see; and the same correlation for a small ridge regression over cheap sentence features
(``noise_ceiling.features``), trained on the other folds only, next to what shortness alone
reaches (MQM sums errors, so longer segments score worse). The rules and the garble score are
not trained on this file. This is a script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import regex
from sklearn.linear_model import RidgeCV

from linter import LintConfig, lint, load_ruleset
from linter.fluency import garble_score
from linter.selection import Selection

sys.path.insert(0, str(Path(__file__).parent))
from fluency import rank, spearman  # noqa: E402
from noise_ceiling import features  # noqa: E402

_SPAN = regex.compile(r"<v>(.*?)</v>")
VISIBLE = ("Fluency/Grammar", "Fluency/Punctuation")
SPAN_RULES = "NL510,NL511,NL512,NL513,NL514"
Segment = tuple[str, str]


def weight(category: str, severity: str) -> float:
    if severity == "Major":
        return 25.0 if category == "Non-translation!" else 5.0
    if severity == "Minor":
        return 0.1 if category == "Fluency/Punctuation" else 1.0
    return 0.0


def folds_by_talk(talk: dict[Segment, str], count: int) -> list[set[Segment]]:
    """Segments dealt into ``count`` folds, whole talks at a time (largest talks first, to the smallest fold)."""
    sizes: dict[str, int] = defaultdict(int)
    for name in talk.values():
        sizes[name] += 1
    folds: list[set[str]] = [set() for _ in range(count)]
    load = [0] * count
    for name in sorted(sizes, key=lambda n: (-sizes[n], n)):
        smallest = load.index(min(load))
        folds[smallest].add(name)
        load[smallest] += sizes[name]
    return [{segment for segment, name in talk.items() if name in fold} for fold in folds]


def correlations(pairs: dict[str, list[tuple[float, float]]]) -> tuple[float, float]:
    """(pooled Spearman, mean over raters with 10 or more segments) of score against -MQM."""
    pooled = [pair for rater in pairs.values() for pair in rater]
    per_rater = [spearman(*zip(*rater)) for rater in pairs.values() if len(rater) >= 10]
    return spearman(*zip(*pooled)), statistics.fmean(per_rater)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mqm", type=Path)
    parser.add_argument("--select", default=SPAN_RULES)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--embedding", action="store_true", help="the garble score of the embed extra's head (linter.fluency.embedding)")
    args = parser.parse_args(argv)
    with args.mqm.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    mqm: dict[Segment, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    text: dict[Segment, str] = {}
    talk: dict[Segment, str] = {}
    spans: dict[Segment, set[tuple[int, int]]] = defaultdict(set)
    for row in rows:
        segment = (row["system"], row["seg_id"])
        mqm[segment][row["rater"]] += weight(row["category"], row["severity"])
        target = row["target"] or ""
        plain = target.replace("<v>", "").replace("</v>", "")
        text.setdefault(segment, plain)
        talk.setdefault(segment, row["doc"])
        match = _SPAN.search(target)
        if match and row["severity"] == "Major" and row["category"] in VISIBLE and plain == text[segment]:
            spans[segment].add((match.start(), match.end() - len("<v>")))
    if args.embedding:
        from linter.fluency.embedding import garble_scores

        garble = dict(zip(text, garble_scores(list(text.values()))))
    else:
        garble = {segment: garble_score(sentence) for segment, sentence in text.items()}
    vectors = {segment: features(sentence) for segment, sentence in text.items()}
    ruleset = load_ruleset()
    config = LintConfig(Selection(select=tuple(args.select.split(","))))
    found = {segment: [d.span for d in lint(sentence, ruleset, config)] for segment, sentence in text.items()}

    folds = folds_by_talk(talk, args.folds)
    print(f"{len(text)} segments of {len(set(talk.values()))} talks, {sum(len(r) for r in mqm.values())} (segment, rater) scores, {args.folds} folds by talk")
    print(f"{'fold':>4} {'segments':>8} {'garble pooled':>13} {'per rater':>9} {'ridge pooled':>12} {'per rater':>9} {'shortness':>9} {'spans':>5} {'findings':>8} {'precision':>9} {'recall':>6}")
    totals = defaultdict(list)
    for index, held_out in enumerate(folds):
        training = [segment for segment in text if segment not in held_out]
        x = np.array([vectors[s] for s in training for _ in mqm[s]])
        y = rank([-score for s in training for score in mqm[s].values()])
        mean, spread = x.mean(axis=0), x.std(axis=0) + 1e-9
        model = RidgeCV(alphas=(0.1, 1.0, 10.0, 100.0)).fit((x - mean) / spread, y)
        tested = sorted(held_out)
        predicted = dict(zip(tested, model.predict((np.array([vectors[s] for s in tested]) - mean) / spread)))
        by_rater: dict[str, list[tuple[float, float]]] = defaultdict(list)
        learned: dict[str, list[tuple[float, float]]] = defaultdict(list)
        shorter: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for segment in tested:
            for rater, score in mqm[segment].items():
                by_rater[rater].append((-garble[segment], -score))
                learned[rater].append((predicted[segment], -score))
                shorter[rater].append((-vectors[segment][0], -score))
        pooled, per_rater = correlations(by_rater)
        ridge_pooled, ridge_per_rater = correlations(learned)
        length = correlations(shorter)[0]
        total = sum(len(spans[s]) for s in tested)
        findings = [(s, span) for s in tested for span in found[s]]
        hits = sum(any(a < span.end and span.start < b for a, b in spans[s]) for s, span in findings)
        covered = sum(any(a < span.end and span.start < b for span in found[s]) for s in tested for a, b in spans[s])
        precision, recall = hits / max(len(findings), 1), covered / max(total, 1)
        for name, value in (("pooled", pooled), ("per rater", per_rater), ("ridge", ridge_pooled), ("ridge per rater", ridge_per_rater), ("shortness", length), ("precision", precision), ("recall", recall)):
            totals[name].append(value)
        print(f"{index + 1:>4} {len(tested):>8} {pooled:>13.3f} {per_rater:>9.3f} {ridge_pooled:>12.3f} {ridge_per_rater:>9.3f} {length:>9.3f} {total:>5} {len(findings):>8} {precision:>9.1%} {recall:>6.1%}")
    summary = ", ".join(f"{name} {statistics.fmean(values):.3f} (sd {statistics.stdev(values):.3f})" for name, values in totals.items())
    print(f"mean over folds (Spearman of -garble, of the ridge and of -words with -MQM; higher is better): {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
