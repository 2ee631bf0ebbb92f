"""Leak-paragraph recall and precision per extractor, and findings per 10,000 words on clean text.

Usage::

    python benchmarks/quality.py SCRAPED_DIR [CLEAN_DIR ...] [--lang en] [--show-misses N]
    PYTHONPATH=. python benchmarks/quality.py SCRAPED_DIR --leak-cv 5 [--curve leaks_pr.png]

``SCRAPED_DIR`` holds ``<id>.truth.txt`` beside ``<id>.<extractor>.txt`` files (and
optionally an ``index.tsv`` with a ``lang_guess`` column). A paragraph of an extraction
is a *leak* when its normalised text is not part of the normalised truth (:class:`Truth`);
it is *flagged* when a boilerplate or metadata finding overlaps it. Every other directory is
clean text: the script prints its error/warning findings per 10,000 words.
With ``--leak-cv K`` it instead scores the leak model (``linter.leaks``) honestly: each
non-blank line of each extraction is a unit, the model is retrained K times with the pages
grouped by site (no site in both a training and a test fold, ``scripts/train_leaks.py``), and a
line counts as flagged when the out-of-fold model or one of the other leak rules flags it. It
prints recall and precision per extractor, the threshold that finds the most leaks of each
extractor at its target precision (:data:`PRECISION_TARGETS`), and draws the precision-recall
curve (matplotlib).
With ``--templates`` the documents are first counted for NL336 (templates mined across a corpus,
``linter.templates``), as a run over the folder would: each extractor's outputs form one source
(the benchmark holds at most two pages of a site, so a site cannot be one), and so do the
truth bodies and each clean folder.
This is a script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import collections
import csv
import sys
from collections.abc import Iterator
from pathlib import Path

import regex

from linter import Severity, lint, load_ruleset
from linter.segments import Document
from linter.checks.template import with_counts
from linter.templates import TemplateCounts, document_keys, source_of

LEAK_KINDS = frozenset({"boilerplate", "metadata"})
_NOISE = regex.compile(r"[\W_]+")
_WORD = regex.compile(r"\w+")


def normalise(text: str) -> str:
    return _NOISE.sub(" ", text.casefold()).strip()


#: Paragraphs with fewer words must equal a whole line of the truth to count as article text;
#: longer ones may be any word-aligned part of it (extractors split paragraphs differently).
MIN_SUBSTRING_WORDS = 5
#: A line of at least this many words is article text when this share of its word trigrams is in
#: the truth: a Markdown link's target inside it, or a truth that lost a few words mid-paragraph.
MIN_TRIGRAM_WORDS, MIN_TRIGRAM_SHARE = 20, 0.9


def _trigrams(words: list[str]) -> list[tuple[str, str, str]]:
    return list(zip(words, words[1:], words[2:]))


class Truth:
    """The normalised ground truth of one page, and whether a normalised line of an extraction is part of it."""

    def __init__(self, text: str) -> None:
        normalised = normalise(text)
        self.text = f" {normalised} "
        self.lines = {normalise(line) for line in text.splitlines()}
        self.spaceless = normalised.replace(" ", "")
        self.trigrams = set(_trigrams(normalised.split()))

    def holds(self, key: str) -> bool:
        """Whether ``key`` (normalised) is article text.

        A short key must equal a whole line of the truth; a longer one may be any word-aligned part
        of it, or match once spaces are dropped (a word glued or split in either text: "butbitterness").
        """
        if key in self.lines:
            return True
        words = key.split()
        if len(words) < MIN_SUBSTRING_WORDS:
            return False
        if f" {key} " in self.text or key.replace(" ", "") in self.spaceless:
            return True
        grams = _trigrams(words)
        return len(words) >= MIN_TRIGRAM_WORDS and sum(g in self.trigrams for g in grams) >= MIN_TRIGRAM_SHARE * len(grams)

    def line_labels(self, keys: list[str]) -> list[bool]:
        """Whether each of an extraction's normalised non-blank lines is a leak.

        A short line that :meth:`holds` rejects is still article text when it continues a wrapped
        paragraph: joined to a neighbouring line of five or more words, the two are part of the truth
        (an extractor that wraps lines leaves ``make-up photos.`` alone on one).
        """
        labels = []
        for i, key in enumerate(keys):
            article = not key or self.holds(key)
            if not article and len(key.split()) < MIN_SUBSTRING_WORDS:
                before = keys[i - 1] if i else ""
                after = keys[i + 1] if i + 1 < len(keys) else ""
                article = any(
                    len(near.split()) >= MIN_SUBSTRING_WORDS and f" {joined} " in self.text
                    for near, joined in ((before, f"{before} {key}"), (after, f"{key} {after}"))
                )
            labels.append(bool(key) and not article)
        return labels


def english_ids(folder: Path, lang: str | None) -> set[str] | None:
    index = folder / "index.tsv"
    if lang is None or not index.exists():
        return None
    with index.open(encoding="utf-8") as stream:
        return {row["id"] for row in csv.DictReader(stream, delimiter="\t") if row.get("lang_guess") == lang}


def extractions(folder: Path, wanted: set[str] | None) -> Iterator[tuple[str, str, str, Truth]]:
    """``(page, extractor, text, truth)`` for each extraction of each wanted page."""
    for truth_path in sorted(folder.glob("*.truth.txt")):
        page = truth_path.name.split(".")[0]
        if wanted is not None and page not in wanted:
            continue
        truth = Truth(truth_path.read_text(encoding="utf-8"))
        for extraction in sorted(folder.glob(f"{page}.*.txt")):
            extractor = extraction.name.split(".")[1]
            if extractor != "truth":
                yield page, extractor, extraction.read_text(encoding="utf-8"), truth


#: With ``--templates``: the source of ``<id>.<extractor>.txt`` is its extractor.
BY_EXTRACTOR = r"\.(\w+)\.txt$"


def template_counts(named: list[tuple[str, str]], pattern: str | None) -> TemplateCounts:
    """Pass 1 of NL336 over ``(name, text)`` documents, sources named as ``newslint check --source-pattern`` would."""
    counts = TemplateCounts(pattern)
    for name, text in named:
        counts.add(document_keys(source_of(name, None, pattern), text))
    return counts


def lint_in(counts: TemplateCounts | None, name: str, text: str, ruleset) -> list:
    """The findings of ``text`` as the document ``name`` of a corpus with these template counts (None: alone).

    ``ruleset`` is already given the counts (:func:`with_counts`), once for the corpus.
    """
    source = None if counts is None else source_of(name, None, counts.source_pattern)
    return lint(text, ruleset, source=source)


def leak_scores(folder: Path, lang: str | None, show_misses: int, show_false: int, templates: bool = False) -> None:
    ruleset = load_ruleset()
    wanted = english_ids(folder, lang)
    stats: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    misses: dict[str, list[str]] = collections.defaultdict(list)
    false: dict[str, list[str]] = collections.defaultdict(list)
    named = [(f"{page}.{extractor}.txt", text) for page, extractor, text, *_ in extractions(folder, wanted)]
    shared = template_counts(named, BY_EXTRACTOR) if templates else None
    ruleset = ruleset if shared is None else with_counts(ruleset, shared)
    for page, extractor, text, truth in extractions(folder, wanted):
        doc = Document(text)
        leak_findings = [d for d in lint_in(shared, f"{page}.{extractor}.txt", text, ruleset) if d.kind in LEAK_KINDS]
        for paragraph in doc.paragraphs:
            body = text[paragraph.start : paragraph.end]
            key = normalise(body)
            if not key:
                continue
            leak = not truth.holds(key)
            by = [d.code for d in leak_findings if d.span.start < paragraph.end and paragraph.start < d.span.end]
            flagged = bool(by)
            counts = stats[extractor]
            counts["paragraphs"] += 1
            counts["leaks"] += leak
            counts["flagged"] += flagged
            counts["hits"] += leak and flagged
            if leak and not flagged and len(misses[extractor]) < show_misses:
                misses[extractor].append(body[:160])
            if flagged and not leak and len(false[extractor]) < show_false:
                false[extractor].append(f"{','.join(by)}: {body[:150]!r}")
    print(f"{'extractor':<12} {'paragraphs':>10} {'leaks':>6} {'flagged':>7} {'recall':>7} {'precision':>9}")
    for extractor, counts in sorted(stats.items()):
        recall = counts["hits"] / counts["leaks"] if counts["leaks"] else 0.0
        precision = counts["hits"] / counts["flagged"] if counts["flagged"] else 0.0
        print(
            f"{extractor:<12} {counts['paragraphs']:>10} {counts['leaks']:>6} {counts['flagged']:>7}"
            f" {recall:>7.1%} {precision:>9.1%}"
        )
    for title, samples in (("missed leaks", misses), ("flagged article text", false)):
        for extractor, items in sorted(samples.items()):
            print(f"\n{title} ({extractor}):")
            for item in items:
                print("   ", item if title != "missed leaks" else repr(item))


#: The precision each extractor's leak findings must reach (issue 18); the sweep reports the
#: threshold with the most recall that keeps it.
PRECISION_TARGETS = {"bs4body": 0.95, "bs4p": 0.95, "html2text": 0.95, "justext": 0.85, "trafilatura": 0.85}
#: The (inside, outside) thresholds and the least share of words a trusted span holds (``min-span-share``)
#: of the span grid the sweep and the nested choice try.
GRID_INSIDE, GRID_EDGES, GRID_SHARES = (0.9, 0.93, 0.95, 0.97, 0.99), (0.1, 0.3, 0.5, 0.7), (0.0, 0.5)
#: The plain thresholds (the same inside the span and out) the nested choice tries besides the grid.
PLAIN_THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 0.995, 0.998, 0.999)
#: Lines the benchmark's truth keeps on some pages (and drops on others) although issue 18 counts
#: their kind as leaks; ``--leak-cv`` also prints its figures without them (the issue's are with them).
TRUTH_KEPT_FURNITURE = regex.compile(
    r"^\W*(?:©|\(c\)|copyright\b)|\ball rights reserved\b|^\W*(?:additional |with )?(?:reporting|writing|editing) by\b"
    r"|\bviews and opinions expressed\b|^\W*follow .{1,40} on (?:facebook|twitter|instagram)",
    regex.I,
)


def fold_spread(per_fold: list[dict[str, collections.Counter]], extractors: list[str]) -> list[str]:
    """Each extractor's recall in each fold (``hits`` of ``leaks``), as ``"80 49 71"``: with 81 pages a
    fold's one or two pages can decide a pooled figure, and the spread shows how much."""
    return [" ".join(f"{100 * fold[e]['hits'] / fold[e]['leaks']:.0f}" if fold[e]["leaks"] else "-" for fold in per_fold) for e in extractors]


def leak_cv(folder: Path, lang: str | None, folds: int, curve: Path | None) -> None:
    """Grouped K-fold scores of the leak model together with the other leak rules, per extractor."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from train_leaks import fit, load_pages

    from linter.leaks.span import flagged_lines
    from linter.selection import LintConfig
    from linter.checks import check_types
    from linter.selection import Selection

    defaults = {key.replace("-", "_"): param.default for key, param in check_types()["leak-model"].PARAMS.items()}
    pages = load_pages(folder, lang)
    ruleset = load_ruleset()
    rules_only = LintConfig(Selection(ignore=("leaked-line",)))
    ruled = []
    for page in pages:
        found = [d.span for d in lint(page.text, ruleset, rules_only) if d.kind in LEAK_KINDS]
        ruled.append([any(f.start < e and s < f.end for f in found) for s, e in page.spans])
    probability: list[list[float]] = [[] for _ in pages]
    splits = list(GroupKFold(n_splits=folds).split(pages, groups=[p.site for p in pages]))
    for train, test in splits:
        model = fit([pages[i] for i in train], 200, 3)
        for i in test:
            if pages[i].rows:
                probability[i] = model.predict_proba(np.array(pages[i].rows))[:, 1].tolist()
    extractors = sorted({p.extractor for p in pages})
    span = (defaults["span_bias"], defaults["span_clip"])
    words = [[len(page.text[s:e].split()) for s, e in page.spans] for page in pages]

    def tallies(
        threshold: float, edge_threshold: float, share: float = 0.0, chosen: set[int] | None = None, keep=None
    ) -> dict[str, collections.Counter]:
        """Leaks, flagged and found lines per extractor when the model flags lines as NL330 does
        (:func:`flagged_lines`, trusting spans with ``share`` of the words), over the pages ``chosen``
        (all) and the lines ``keep(line, leak)`` accepts (all)."""
        counts = {e: collections.Counter() for e in extractors}
        for index, (page, rule_flags, probs) in enumerate(zip(pages, ruled, probability)):
            if chosen is not None and index not in chosen:
                continue
            c = counts[page.extractor]
            by_model = flagged_lines(probs, threshold, edge_threshold, *span, words[index], share)
            for (s, e), leak, scored, by_rule, by_it in zip(page.spans, page.labels, page.scored, rule_flags, by_model):
                if scored and (keep is None or keep(page.text[s:e], leak)):
                    flagged = by_rule or by_it
                    c["leaks"] += leak
                    c["flagged"] += flagged
                    c["hits"] += leak and flagged
        return counts

    def rates(counts: dict[str, collections.Counter]) -> dict[str, tuple[float, float]]:
        return {e: (c["hits"] / max(c["leaks"], 1), c["hits"] / max(c["flagged"], 1)) for e, c in counts.items()}

    def scores(threshold: float, edge_threshold: float, share: float = 0.0, keep=None) -> dict[str, tuple[float, float]]:
        """Recall and precision per extractor over every page."""
        return rates(tallies(threshold, edge_threshold, share, keep=keep))

    def cells(row: dict[str, tuple[float, float]]) -> str:
        return " ".join(f"{f'{row[e][0]:.1%} / {row[e][1]:.1%}':>18}" for e in extractors)

    inside, edge, warning = defaults["threshold"], defaults["edge_threshold"], defaults["warning_threshold"]
    share = defaults["min_span_share"]
    print(f"leak model, {folds}-fold cross-validation grouped by site, {len(pages)} extractions; unit: non-blank line")
    print(f"{'flagged by':<40} " + " ".join(f"{e:>18}" for e in extractors))
    for label, row in (
        ("rules only", scores(2.0, 2.0)),
        (f"rules + model >= {inside} (edges {edge}, share {share}): default", scores(inside, edge, share)),
        (f"rules + model >= {inside} (edges {edge}, any span)", scores(inside, edge)),
        (f"rules + model >= {warning} (warning)", scores(warning, warning)),
        ("rules + model >= 0.7, no span", scores(0.7, 0.7)),
    ):
        print(f"{label:<40} " + cells(row))
    print("(each cell: recall / precision)")
    thresholds = [t / 200 for t in range(2, 200)] + [0.995, 0.998, 0.999]
    sweep = [scores(t, min(t, edge), share) for t in thresholds]
    plain = [scores(t, t) for t in thresholds]
    grid = [((t, e, s), scores(t, e, s)) for t in GRID_INSIDE for e in GRID_EDGES for s in GRID_SHARES]
    for e in extractors:
        floor = PRECISION_TARGETS.get(e, 0.95)
        for label, rows in (("no span, threshold", list(zip(thresholds, plain))), (f"span, edges {edge}, share {share}, threshold", list(zip(thresholds, sweep))), ("span, (threshold, edges, share)", grid)):
            met = [(s[e][0], t, s[e][1]) for t, s in rows if s[e][1] >= floor]
            if met:
                recall, threshold, precision = max(met)
                print(f"{e}: best {label} at precision >= {floor:.0%}: {threshold} ({recall:.1%} / {precision:.1%})")
            else:
                print(f"{e}: {label}: none reaches precision {floor:.0%}")
    # Nested: a setting chosen on the folds it is scored on flatters it, so each fold is scored with
    # the setting (span grid, plain thresholds, or the rules alone) chosen on the other folds.
    settings = [setting for setting, _ in grid] + [(t, t, 0.0) for t in PLAIN_THRESHOLDS] + [(2.0, 2.0, 0.0)]
    print(f"nested: each fold scored with the setting of {len(settings)} that finds the most leaks of its extractor at the target precision on the other folds")
    per_fold: list[dict[str, collections.Counter]] = []
    for _, test in splits:
        chosen, rest = set(test), set(range(len(pages))) - set(test)
        tried = [(setting, rates(tallies(*setting, chosen=rest))) for setting in settings]
        fold = {}
        for e in extractors:
            met = [(row[e][0], setting) for setting, row in tried if row[e][1] >= PRECISION_TARGETS.get(e, 0.95)]
            fold[e] = tallies(*(max(met)[1] if met else (2.0, 2.0, 0.0)), chosen=chosen)[e]
        per_fold.append(fold)
    nested = {e: sum((fold[e] for fold in per_fold), collections.Counter()) for e in extractors}
    print(f"{'nested choice per extractor':<40} " + cells(rates(nested)))
    print(f"{'  its recall in each fold':<40} " + " ".join(f"{spread:>18}" for spread in fold_spread(per_fold, extractors)))
    print("without the article lines the truth keeps although their kind is boilerplate (credits, copyright, disclaimers, follow prompts):")
    for label, setting in (("rules only", (2.0, 2.0, 0.0)), ("rules + model, default", (inside, edge, share))):
        print(f"{label:<40} " + cells(scores(*setting, keep=lambda line, leak: leak or not TRUTH_KEPT_FURNITURE.search(line))))
    if curve is not None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        figure, axes = plt.subplots(figsize=(7, 5))
        for e in extractors:
            (line,) = axes.plot([s[e][0] for s in sweep], [s[e][1] for s in sweep], marker=".", label=f"{e}, span")
            axes.plot([s[e][0] for s in plain], [s[e][1] for s in plain], linestyle="--", color=line.get_color(), label=f"{e}, no span")
        axes.set_xlabel("recall (leaked lines)")
        axes.set_ylabel("precision")
        axes.set_title(f"Leak model (span decoding, edges {edge}, share {share}) + rules, {folds}-fold CV by site")
        axes.grid(True, alpha=0.3)
        axes.legend(fontsize="small", ncol=2)
        figure.tight_layout()
        figure.savefig(curve, dpi=100)
        print(f"wrote {curve}")


def clean_rate(folder: Path, pattern: str, only: set[str] | None = None, select: tuple[str, ...] = (), templates: bool = False) -> None:
    ruleset = load_ruleset()
    words = 0
    codes: collections.Counter[str] = collections.Counter()
    files = [p for p in sorted(folder.glob(pattern)) if only is None or p.name.split(".")[0] in only]
    texts = [(str(path), path.read_text(encoding="utf-8")) for path in files]
    shared = template_counts(texts, None) if templates else None  # the folder is the source
    ruleset = ruleset if shared is None else with_counts(ruleset, shared)
    for name, text in texts:
        words += len(_WORD.findall(text))
        codes.update(
            d.code
            for d in lint_in(shared, name, text, ruleset)
            if d.severity >= Severity.WARNING and (not select or d.code.startswith(select))
        )
    total = sum(codes.values())
    per = total / words * 10_000 if words else 0.0
    detail = ", ".join(f"{c} {n}" for c, n in codes.most_common(8))
    which = f" of {','.join(select)}" if select else ""
    print(f"{folder} ({pattern}): {len(files)} files, {words} words, {total} error/warning findings{which}, {per:.3f} per 10,000 words  [{detail}]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scraped", type=Path)
    parser.add_argument("clean", type=Path, nargs="*")
    parser.add_argument("--lang", default="en", help="only pages with this lang_guess in index.tsv ('' for all)")
    parser.add_argument("--show-misses", type=int, default=0, metavar="N")
    parser.add_argument("--show-false", type=int, default=0, metavar="N")
    parser.add_argument("--select", default="", metavar="PREFIXES", help="count only these code prefixes on clean text (e.g. NL3,NL6,NL7)")
    parser.add_argument("--leak-cv", type=int, default=0, metavar="K", help="score the leak model by K-fold CV grouped by site")
    parser.add_argument("--curve", type=Path, default=None, metavar="PNG", help="with --leak-cv: draw the precision-recall curve")
    parser.add_argument("--templates", action="store_true", help="count NL336's templates first (each extractor's outputs, the truths, each clean folder one source)")
    args = parser.parse_args(argv)
    if args.leak_cv:
        leak_cv(args.scraped, args.lang or None, args.leak_cv, args.curve)
        return 0
    leak_scores(args.scraped, args.lang or None, args.show_misses, args.show_false, args.templates)
    print()
    select = tuple(p for p in args.select.split(",") if p)
    clean_rate(args.scraped, "*.truth.txt", english_ids(args.scraped, args.lang or None), select, args.templates)
    for folder in args.clean:
        clean_rate(folder, "*.txt", None, select, args.templates)
    return 0


if __name__ == "__main__":
    sys.exit(main())
