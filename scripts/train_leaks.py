"""Train the paragraph leak model shipped in ``linter/leaks/`` (needs numpy and scikit-learn).

Usage::

    PYTHONPATH=. python scripts/train_leaks.py SCRAPED_DIR [--trees 200] [--depth 3]

The data is the scraped benchmark (``scrapinghub/article-extraction-benchmark``, whose
ground truth is MIT): each non-blank line of each extractor's output is one example, a leak
when it is not part of the page's ground-truth article (``benchmarks/quality.py``'s test).
The model is gradient-boosted shallow trees over :func:`linter.leaks.features.line_features`;
only the trees (feature indices, thresholds, leaf values) are written, never any text.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from quality import english_ids, extractions, normalise  # noqa: E402

from linter.leaks import nonblank_lines  # noqa: E402
from linter.leaks.features import NAMES, line_features  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "linter" / "leaks" / "model.json"


@dataclass
class Page:
    """The lines of one extraction of one page, with their features and labels."""

    site: str
    page: str
    extractor: str
    text: str
    spans: list[tuple[int, int]]
    rows: list[list[float]]
    labels: list[bool]
    scored: list[bool]  # False for lines with no word (never a unit)


def load_pages(folder: Path, lang: str | None = "en") -> list[Page]:
    """Every extraction of every (English) page of ``folder``, split into labelled lines."""
    with (folder / "index.tsv").open(encoding="utf-8") as stream:
        sites = {row["id"]: row["domain"] for row in csv.DictReader(stream, delimiter="\t")}
    pages = []
    for page, extractor, text, truth in extractions(folder, english_ids(folder, lang)):
        spans = nonblank_lines(text)
        lines = [text[s:e] for s, e in spans]
        keys = [normalise(line) for line in lines]
        pages.append(Page(sites[page], page, extractor, text, spans, line_features(lines), truth.line_labels(keys), [bool(k) for k in keys]))
    return pages


def fit(pages: list[Page], trees: int, depth: int) -> GradientBoostingClassifier:
    x = np.array([row for p in pages for row, ok in zip(p.rows, p.scored) if ok])
    y = np.array([label for p in pages for label, ok in zip(p.labels, p.scored) if ok])
    # Each extractor weighs the same: the full-page ones have ten times the lines (nearly all leaks),
    # and unweighted they would teach the model that a short line is a leak whatever the page.
    units = Counter()
    for p in pages:
        units[p.extractor] += sum(p.scored)
    weights = np.array([1 / units[p.extractor] for p in pages for ok in p.scored if ok])
    model = GradientBoostingClassifier(n_estimators=trees, max_depth=depth, learning_rate=0.1, subsample=0.8, random_state=0)
    return model.fit(x, y, sample_weight=weights * len(y))


def export(model: GradientBoostingClassifier, meta: dict[str, object]) -> dict[str, object]:
    """The trees as flat lists: scoring them needs no numpy (see ``linter.leaks``)."""
    trees = []
    for (estimator,) in model.estimators_:
        t = estimator.tree_
        trees.append(
            {
                "feature": t.feature.tolist(),
                "threshold": [round(v, 6) for v in t.threshold.tolist()],
                "left": t.children_left.tolist(),
                "right": t.children_right.tolist(),
                "value": [round(float(v[0][0]) * model.learning_rate, 6) for v in t.value],
            }
        )
    prior = float(model.init_.class_prior_[1])
    return {**meta, "features": list(NAMES), "bias": float(np.log(prior / (1 - prior))), "trees": trees}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scraped", type=Path)
    parser.add_argument("--trees", type=int, default=200)
    parser.add_argument("--depth", type=int, default=3)
    args = parser.parse_args(argv)
    pages = load_pages(args.scraped)
    model = fit(pages, args.trees, args.depth)
    units = sum(sum(p.scored) for p in pages)
    meta = {
        "trained_on": (
            f"{units} lines of {len({p.page for p in pages})} English pages x {len({p.extractor for p in pages})} extractors,"
            " scrapinghub/article-extraction-benchmark dev half (ground truth MIT); labels only, no text"
        ),
        "trees_depth": args.depth,
    }
    OUT.write_text(json.dumps(export(model, meta), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
