"""How well the sentence fluency score agrees with human judgements, and how often it fires on clean news.

Usage::

    python benchmarks/fluency.py MLQE_PE_DEV_TSV [--jfleg JFLEG_TSV] [--clean CLEAN_DIR] [--threshold T]

Prints the Spearman correlation between the garble score and the human score (the
sentence alone, without its source), the same within each language pair (MLQE-PE), what
sentence length and the rarest word's frequency reach, the agreement of identical sentences
scored in two rows (a noise ceiling, when the file has them, as WMT21 DA does), the share of sentences flagged at the threshold
among those humans scored below 30 and above 80, the mean score of JFLEG learner
sentences against their first correction, and the share of clean news sentences flagged.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
from pathlib import Path

import regex
from wordfreq import zipf_frequency

from linter.checks.garbled import DEFAULT_THRESHOLD, narrative
from linter.fluency import garble_score
from linter.segments import Document

_LETTERS = regex.compile(r"\p{L}+")


def rank(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2
        i = j + 1
    return ranks


def spearman(xs: list[float], ys: list[float]) -> float:
    rx, ry = rank(xs), rank(ys)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    return cov / (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5


def read_tsv(path: Path) -> list[list[str]]:
    csv.field_size_limit(10**7)
    with path.open(encoding="utf-8") as stream:
        reader = csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        return list(reader)


def baselines(rows: list[list[str]], human: list[float]) -> None:
    """What simple features reach, and the noise ceiling: identical sentences scored in two rows."""
    words = [_LETTERS.findall(row[0]) for row in rows]
    length = [float(len(w)) for w in words]
    rarest = [min((zipf_frequency(x.lower(), "en") for x in w), default=0.0) for w in words]
    print(f"             length: {spearman(length, human):.3f}, Zipf of the rarest word: {spearman(rarest, human):.3f}")
    pairs, agreement = reliability(rows, human)
    if pairs >= 10:
        print(
            f"             noise ceiling: {pairs} identical sentences scored in two rows agree at {agreement:.3f} (a row's reliability);"
            f" a perfect scorer reaches about sqrt of it, {max(agreement, 0.0) ** 0.5:.3f} (benchmarks/noise_ceiling.py)"
        )


#: The column of MLQE-PE files that names the language pair (the source language is not the linter's to see).
_PAIR_COLUMN = 8


def within_pairs(rows: list[list[str]], scores: list[float], human: list[float]) -> dict[str, float]:
    """Spearman within each language pair of an MLQE-PE file: a pooled figure also rewards telling
    the pairs apart (their mean scores differ by 30 points), which is the source, not fluency."""
    pairs: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        if len(row) > _PAIR_COLUMN and "-" in row[_PAIR_COLUMN]:
            pairs.setdefault(row[_PAIR_COLUMN], []).append(index)
    return {pair: spearman([scores[i] for i in found], [human[i] for i in found]) for pair, found in sorted(pairs.items())}


def reliability(rows: list[list[str]], human: list[float], *, single: bool = False) -> tuple[int, float]:
    """(pairs, Spearman) of the first two rows that hold the same sentence (with ``single``, rows of one rating each).

    The two rows are rated independently, so their agreement is the reliability of one row.
    """
    by_text: dict[str, list[float]] = {}
    for row, score in zip(rows, human):
        if not single or row[4] == "1":
            by_text.setdefault(row[0], []).append(score)
    twice = [scores[:2] for scores in by_text.values() if len(scores) >= 2]
    if len(twice) < 2:
        return len(twice), 0.0
    return len(twice), spearman([a for a, _ in twice], [b for _, b in twice])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dev", type=Path)
    parser.add_argument("--jfleg", type=Path)
    parser.add_argument("--clean", type=Path)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = parser.parse_args(argv)

    rows = read_tsv(args.dev)
    scores = [garble_score(row[0]) for row in rows]
    human = [float(row[1]) for row in rows]
    print(f"{args.dev.name}: {len(rows)} sentences, Spearman(garble, human score) = {spearman(scores, human):.3f} (expect negative)")
    print(f"             |Spearman| = {abs(spearman(scores, human)):.3f}")
    within = within_pairs(rows, scores, human)
    if within:
        shown = ", ".join(f"{pair} {abs(value):.3f}" for pair, value in within.items())
        print(f"             within each language pair |Spearman|: {shown} (mean {statistics.fmean(abs(v) for v in within.values()):.3f})")
    low = [s for s, h in zip(scores, human) if h < 30]
    high = [s for s, h in zip(scores, human) if h > 80]
    low_rate = sum(s >= args.threshold for s in low) / len(low)
    high_rate = sum(s >= args.threshold for s in high) / len(high)
    ratio = low_rate / high_rate if high_rate else float("inf")
    baselines(rows, human)
    print(f"at threshold {args.threshold}: flagged {low_rate:.1%} of {len(low)} scored < 30, {high_rate:.1%} of {len(high)} scored > 80 (ratio {ratio:.1f}x)")

    if args.jfleg:
        pairs = read_tsv(args.jfleg)
        learner = [garble_score(row[0]) for row in pairs]
        corrected = [garble_score(row[3]) for row in pairs if len(row) > 3]
        better = sum(1 for row in pairs if len(row) > 3 and garble_score(row[0]) > garble_score(row[3]))
        print(f"JFLEG: mean garble {statistics.fmean(learner):.3f} for learner sentences, {statistics.fmean(corrected):.3f} for their first correction; the learner sentence scores worse in {better / len(pairs):.1%} of pairs")

    if args.clean:
        sentences = []
        for path in sorted(args.clean.glob("*.txt")):
            doc = Document(path.read_text(encoding="utf-8"))
            sentences.extend(doc.text[s.start : s.end] for s in doc.sentences)
        judged = [s for s in sentences if narrative(s, 6)]
        flagged = sum(garble_score(s) >= args.threshold for s in judged)
        print(f"clean: {flagged} of {len(judged)} narrative sentences flagged ({flagged / len(judged):.2%}; {len(sentences)} sentences in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
