"""Quotation marks lost in part, injected into clean articles: how much the quotation rules find.

Usage::

    python benchmarks/quotation_loss.py CLEAN_DIR [--stripped 200] [--unclosed 100] [--nested 100] [--seed 19]

Articles that hold two or more quotations of speech (six words or more) are read at run time
(nothing of them is kept) and damaged in one place each:

* ``stripped``: every quotation mark of one paragraph that quotes speech is removed, and the
  article keeps its other quotations;
* ``unclosed``: the same, but the opening mark of the paragraph's first quotation is kept;
* ``nested``: the double marks of one paragraph whose quotation holds a quotation of its own in
  single marks (three words or more) are removed, and the single marks kept.

The damage is *found* when a warning or error of the quotation rules (NL4xx) overlaps the
damaged quotation; "any severity" adds the info rules. Then every article is linted untouched,
and the error/warning findings of the quotation rules are given per 10,000 words. This is a
script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

import regex

from linter import Severity, lint, load_ruleset
from linter.segments import Document

sys.path.insert(0, str(Path(__file__).parent))
from injection import damaged_texts, print_untouched  # noqa: E402

_MARKS = regex.compile(r"[\"“”]")
_WORD = regex.compile(r"\w+")
# A quotation in single marks inside another (the same pattern as linter.speech reads, so that
# the families below are told apart by the damage, not by what the rule looks for).
_INNER = regex.compile(r"(?<![\p{L}\p{N}'’])['‘](?=\p{L})(?:[^'‘’\"“”\n]|(?<=\p{L})['’](?=\p{L}))+?(?<=[\p{L}\p{N}.,!?])['’](?![\p{L}\p{N}'’])")
MIN_INNER_WORDS = 3
#: A quotation of speech rather than a quoted term ("time is ripe").
MIN_QUOTE_WORDS = 6
Damage = tuple[str, tuple[int, int]]


def _speech_quotes(doc: Document) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in doc.quotes if len(_WORD.findall(doc.text, q.start, q.end)) >= MIN_QUOTE_WORDS]


def strip_paragraph(text: str, rng: random.Random, *, keep_opening: bool = False) -> Damage | None:
    """Remove the marks of one paragraph that quotes speech (all, or all but its first opening
    mark); the article keeps another quotation."""
    doc = Document(text)
    quotes = _speech_quotes(doc)
    paragraphs = [p for p in doc.paragraphs if any(p.start <= s < p.end for s, _ in quotes)]
    if len(paragraphs) < 2:
        return None
    paragraph = rng.choice(paragraphs)
    body = text[paragraph.start : paragraph.end]
    kept = next(s for s, _ in quotes if paragraph.start <= s < paragraph.end) - paragraph.start if keep_opening else len(body)
    bare = _MARKS.sub("", body[:kept]) + body[kept : kept + 1] + _MARKS.sub("", body[kept + 1 :])
    return text[: paragraph.start] + bare + text[paragraph.end :], (paragraph.start, paragraph.start + len(bare))


def strip_outer(text: str, rng: random.Random) -> Damage | None:
    """Remove the double marks of one paragraph whose quotation of speech holds a single-quoted one;
    the article keeps another quotation."""
    doc = Document(text)
    quotes = _speech_quotes(doc)
    nesting = [(s, e) for s, e in quotes if any(len(_WORD.findall(m.group())) >= MIN_INNER_WORDS for m in _INNER.finditer(text, s, e))]
    paragraphs = [
        p for p in doc.paragraphs if any(p.start <= s < p.end for s, _ in nesting) and any(not p.start <= s < p.end for s, _ in quotes)
    ]
    if not paragraphs:
        return None
    paragraph = rng.choice(paragraphs)
    bare = _MARKS.sub("", text[paragraph.start : paragraph.end])
    return text[: paragraph.start] + bare + text[paragraph.end :], (paragraph.start, paragraph.start + len(bare))


def keep_opening(text: str, rng: random.Random) -> Damage | None:
    """Remove the marks of one paragraph that quotes speech but the opening mark of its first quotation."""
    return strip_paragraph(text, rng, keep_opening=True)


def found_rate(texts: list[str], inject: Callable[[str, random.Random], Damage | None], count: int, rng: random.Random, ruleset) -> tuple[int, int, int]:
    """(damaged, found by a quotation warning, found by any quotation finding) over up to ``count`` articles."""
    damaged = found = any_found = 0
    for text, (start, end) in damaged_texts(texts, inject, count, rng):
        damaged += 1
        hits = [d for d in lint(text, ruleset) if d.code.startswith("NL4") and d.span.start < end and start <= d.span.end]
        found += any(d.severity >= Severity.WARNING for d in hits)
        any_found += bool(hits)
    return damaged, found, any_found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("clean", type=Path)
    parser.add_argument("--stripped", type=int, default=200)
    parser.add_argument("--unclosed", type=int, default=100)
    parser.add_argument("--nested", type=int, default=100)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args(argv)
    ruleset = load_ruleset()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.clean.glob("*.txt"))]
    print(f"{'family':<10} {'damaged':>8} {'found':>7} {'rate':>7} {'any severity':>13}")
    families = (("stripped", strip_paragraph, args.stripped), ("unclosed", keep_opening, args.unclosed), ("nested", strip_outer, args.nested))
    results = {name: found_rate(texts, inject, count, random.Random(f"{args.seed}-{name}"), ruleset) for name, inject, count in families}
    for name, (damaged, found, any_found) in results.items():
        print(f"{name:<10} {damaged:>8} {found:>7} {found / max(damaged, 1):>7.1%} {any_found / max(damaged, 1):>13.1%}")
    total, total_found = (sum(results[name][column] for name in ("stripped", "unclosed")) for column in (0, 1))
    print(f"{'both':<10} {total:>8} {total_found:>7} {total_found / max(total, 1):>7.1%}  (stripped and unclosed)")
    print_untouched(texts, ruleset, ("NL4",), "NL4xx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
