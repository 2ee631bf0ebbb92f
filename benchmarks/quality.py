"""Leak-paragraph recall and precision per extractor, and findings per 10,000 words on clean text.

Usage::

    python benchmarks/quality.py SCRAPED_DIR [CLEAN_DIR ...] [--lang en] [--show-misses N]

``SCRAPED_DIR`` holds ``<id>.truth.txt`` beside ``<id>.<extractor>.txt`` files (and
optionally an ``index.tsv`` with a ``lang_guess`` column). A paragraph of an extraction
is a *leak* when its normalised text is not part of the normalised truth (a paragraph of
fewer than five words must equal a whole line of it, a longer one may be any word-aligned
part of it); it is
*flagged* when a boilerplate or metadata finding overlaps it. Every other directory is
clean text: the script prints its error/warning findings per 10,000 words.
This is a script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import collections
import csv
import sys
from pathlib import Path

import regex

from linter import Severity, lint, load_ruleset
from linter.segments import Document

LEAK_KINDS = frozenset({"boilerplate", "metadata"})
_NOISE = regex.compile(r"[\W_]+")
_WORD = regex.compile(r"\w+")


def normalise(text: str) -> str:
    return _NOISE.sub(" ", text.casefold()).strip()


#: Paragraphs with fewer words must equal a whole line of the truth to count as article text;
#: longer ones may be any word-aligned part of it (extractors split paragraphs differently).
MIN_SUBSTRING_WORDS = 5


def in_truth(key: str, truth: str, truth_lines: set[str]) -> bool:
    if key in truth_lines:
        return True
    return len(key.split()) >= MIN_SUBSTRING_WORDS and f" {key} " in truth


def english_ids(folder: Path, lang: str | None) -> set[str] | None:
    index = folder / "index.tsv"
    if lang is None or not index.exists():
        return None
    with index.open(encoding="utf-8") as stream:
        return {row["id"] for row in csv.DictReader(stream, delimiter="\t") if row.get("lang_guess") == lang}


def leak_scores(folder: Path, lang: str | None, show_misses: int, show_false: int) -> None:
    ruleset = load_ruleset()
    wanted = english_ids(folder, lang)
    stats: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    misses: dict[str, list[str]] = collections.defaultdict(list)
    false: dict[str, list[str]] = collections.defaultdict(list)
    for truth_path in sorted(folder.glob("*.truth.txt")):
        page = truth_path.name.split(".")[0]
        if wanted is not None and page not in wanted:
            continue
        truth_text = truth_path.read_text(encoding="utf-8")
        truth = f" {normalise(truth_text)} "
        truth_lines = {normalise(line) for line in truth_text.splitlines()}
        for extraction in sorted(folder.glob(f"{page}.*.txt")):
            extractor = extraction.name.split(".")[1]
            if extractor == "truth":
                continue
            text = extraction.read_text(encoding="utf-8")
            doc = Document(text)
            leak_findings = [d for d in lint(text, ruleset) if d.kind in LEAK_KINDS]
            for paragraph in doc.paragraphs:
                body = text[paragraph.start : paragraph.end]
                key = normalise(body)
                if not key:
                    continue
                leak = not in_truth(key, truth, truth_lines)
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


def clean_rate(folder: Path, pattern: str, only: set[str] | None = None, select: tuple[str, ...] = ()) -> None:
    ruleset = load_ruleset()
    words = 0
    codes: collections.Counter[str] = collections.Counter()
    files = [p for p in sorted(folder.glob(pattern)) if only is None or p.name.split(".")[0] in only]
    for path in files:
        text = path.read_text(encoding="utf-8")
        words += len(_WORD.findall(text))
        codes.update(
            d.code
            for d in lint(text, ruleset)
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
    args = parser.parse_args(argv)
    leak_scores(args.scraped, args.lang or None, args.show_misses, args.show_false)
    print()
    select = tuple(p for p in args.select.split(",") if p)
    clean_rate(args.scraped, "*.truth.txt", english_ids(args.scraped, args.lang or None), select)
    for folder in args.clean:
        clean_rate(folder, "*.txt", None, select)
    return 0


if __name__ == "__main__":
    sys.exit(main())
