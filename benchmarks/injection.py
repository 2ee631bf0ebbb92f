"""Injected damage over clean articles: how much of each family the name, echo and metadata rules find.

Usage::

    python benchmarks/injection.py CLEAN_DIR [--per-family 300] [--metadata 100] [--seed 22]

Each family damages its own random sample of the articles (read at run time; nothing of
them is kept) in one place, lints the damaged text, and counts the damage as *found* when
a finding of the family's rules overlaps the damaged span:

* ``lowercase-name``: a word the article writes capitalised in mid-sentence (after a
  lowercase word) at least three times, and never in lowercase, is lowercased once (found:
  NL201/NL204/NL205 warnings; "any rule" adds the info rules NL202/NL206).
* ``echo-split``: a name of two or more capitalised words in mid-sentence is split after its
  second or a later word, which is echoed with a comma (``the Advanta Championships.
  Championships, at ...``; ``the New York. York, Stock Exchange``) (NL503).
* one family per kind of metadata glued to the first body paragraph (NL320): timestamps with
  times and zones, ``Published: ... | Updated: ...``, bylines ending in a role, datelines
  without a dash, photo credits.

Then every article is linted untouched, and the error/warning findings of the rules these
families exercise (added or changed with them) are given per 10,000 words. This is a script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import regex

from linter import Severity, lint, load_ruleset

NAME_CODES = ("NL201", "NL204", "NL205")
ECHO_CODES = ("NL503",)
META_CODES = ("NL320",)
ALL_CODES = ("NL201", "NL202", "NL204", "NL205", "NL206", "NL302", "NL320", "NL503", "NL504")
#: The rules this benchmark's issue added or changed: their error/warning findings on untouched text.
CHANGED_CODES = ("NL204", "NL205", "NL302", "NL320", "NL503", "NL504")
_WORD = regex.compile(r"\w+")
# A capitalised word after a lowercase word (and maybe a comma): in mid-sentence and not the tail
# of a longer name (House of Commons, Sania Mirza); not followed by another capital.
_MID_CAPITAL = regex.compile(r"(?<=(?:^|\s)\p{Ll}+,?\s)(\p{Lu}\p{Ll}{2,})(?=[\s,;:.'’)])(?!\s+\p{Lu})")
# A run of two or more capitalised words after a lowercase word, followed by a space and a word.
_NAME_RUN = regex.compile(r"(?<=\p{Ll}\s)\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)+(?=\s[\p{L}\d])")

FIRST = ["Jane", "John", "Maria", "Ahmed", "Li", "Olga", "Peter", "Sarah", "David", "Amina"]
LAST = ["Smith", "Okafor", "Moreau", "Novak", "Haddad", "Larsen", "Brennan", "Ito", "Castillo", "Weber"]
ROLES = [
    "staff reporter",
    "political correspondent",
    "Associated Press Writer",
    "business reporter",
    "senior correspondent",
    "staff writer",
]
ZONES = ["GMT", "BST", "EST", "EDT", "UTC", "CET"]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "December"]
CITIES = ["LONDON", "WASHINGTON", "NEW YORK", "PARIS", "BRUSSELS", "MOSCOW", "TOKYO", "GENEVA"]
AGENCIES = ["AP", "Reuters", "AFP"]


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2003, 2006)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _time(rng: random.Random) -> str:
    return f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"


def _timestamp(rng: random.Random) -> str:
    day = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2003, 2006)}"
    return rng.choice(
        [
            f"Last updated at {_time(rng)} {rng.choice(ZONES)}, {_date(rng)} ",
            f"Updated {_time(rng)} {rng.choice(ZONES)} {day} ",
            f"Posted on {day}, {rng.randint(1, 12)}:{rng.randint(0, 59):02d} pm ",
            f"Last updated: {day} at {_time(rng)} {rng.choice(ZONES)} ",
        ]
    )


def _published(rng: random.Random) -> str:
    return f"Published: {_date(rng)} | Updated: {_date(rng)} "


def _byline(rng: random.Random) -> str:
    return f"By {rng.choice(FIRST)} {rng.choice(LAST)}, {rng.choice(ROLES)} "


def _dateline(rng: random.Random) -> str:
    city = rng.choice(CITIES)
    return f"{city} ({rng.choice(AGENCIES)}) " if rng.random() < 0.5 else f"{city} "


def _credit(rng: random.Random) -> str:
    return rng.choice(
        [
            f"Photo: {rng.choice(FIRST)} {rng.choice(LAST)}/{rng.choice(AGENCIES)} ",
            f"Image: {rng.choice(['Getty Images', 'AP', 'Reuters'])} ",
        ]
    )


METADATA: dict[str, Callable[[random.Random], str]] = {
    "meta-timestamp": _timestamp,
    "meta-published-updated": _published,
    "meta-byline-role": _byline,
    "meta-dateline": _dateline,
    "meta-photo-credit": _credit,
}


def lowercase_name(text: str, rng: random.Random) -> tuple[str, tuple[int, int]] | None:
    """Lowercase one mid-sentence occurrence of a word written capitalised three times and never lowercase."""
    by_word: dict[str, list[regex.Match[str]]] = {}
    for match in _MID_CAPITAL.finditer(text):
        by_word.setdefault(match.group(1), []).append(match)
    names = [w for w, ms in by_word.items() if len(ms) >= 3 and not regex.search(rf"\b{w.lower()}\b", text)]
    if not names:
        return None
    match = rng.choice(by_word[rng.choice(sorted(names))])
    start, end = match.span(1)
    return text[:start] + text[start:end].lower() + text[end:], (start, end)


def echo_split(text: str, rng: random.Random) -> tuple[str, tuple[int, int]] | None:
    """Split a mid-sentence name after its second or a later word and echo that word with a comma."""
    places = []
    for match in _NAME_RUN.finditer(text):
        words = list(regex.finditer(r"\p{Lu}\p{Ll}+", match.group()))
        places.extend((match.start() + w.end(), w.group()) for w in words[1:])
    if not places:
        return None
    at, word = rng.choice(places)
    insert = f". {word},"
    return text[:at] + insert + text[at:], (at, at + len(insert))


def glue_metadata(make: Callable[[random.Random], str]) -> Callable[[str, random.Random], tuple[str, tuple[int, int]] | None]:
    """Put generated metadata in front of the first body paragraph (after the headline)."""

    def inject(text: str, rng: random.Random) -> tuple[str, tuple[int, int]] | None:
        at = text.find("\n\n")
        at = at + 2 if at >= 0 else 0
        prefix = make(rng)
        return text[:at] + prefix + text[at:], (at, at + len(prefix))

    return inject


def damaged_texts(
    texts: list[str], inject: Callable[[str, random.Random], tuple[str, tuple[int, int]] | None], count: int, rng: random.Random
) -> Iterator[tuple[str, tuple[int, int]]]:
    """Up to ``count`` damaged texts with their damaged span, from articles taken in random order."""
    damaged = 0
    for index in rng.sample(range(len(texts)), len(texts)):
        if damaged == count:
            return
        result = inject(texts[index], rng)
        if result is not None:
            damaged += 1
            yield result


def found_rate(
    texts: list[str], inject: Callable[[str, random.Random], tuple[str, tuple[int, int]] | None], codes: tuple[str, ...], count: int, rng: random.Random, ruleset
) -> tuple[int, int, int]:
    """(damaged, found by ``codes``, found by any rule of this script) over up to ``count`` articles."""
    damaged = found = any_found = 0
    for text, (start, end) in damaged_texts(texts, inject, count, rng):
        damaged += 1
        hits = {d.code for d in lint(text, ruleset) if d.span.start < end and start < d.span.end}
        found += bool(hits.intersection(codes))
        any_found += bool(hits.intersection(ALL_CODES))
    return damaged, found, any_found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("clean", type=Path)
    parser.add_argument("--per-family", type=int, default=300, help="articles damaged for the name and echo families")
    parser.add_argument("--metadata", type=int, default=100, help="articles damaged for each metadata family")
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args(argv)
    ruleset = load_ruleset()
    paths = sorted(p for p in args.clean.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    families: list[tuple[str, Callable, tuple[str, ...], int]] = [
        ("lowercase-name", lowercase_name, NAME_CODES, args.per_family),
        ("echo-split", echo_split, ECHO_CODES, args.per_family),
    ]
    families += [(name, glue_metadata(make), META_CODES, args.metadata) for name, make in METADATA.items()]
    print(f"{'family':<24} {'damaged':>8} {'found':>7} {'rate':>7} {'any rule':>9}")
    for name, inject, codes, count in families:
        rng = random.Random(f"{args.seed}-{name}")
        damaged, found, any_found = found_rate(texts, inject, codes, count, rng, ruleset)
        rate = found / damaged if damaged else 0.0
        print(f"{name:<24} {damaged:>8} {found:>7} {rate:>7.1%} {any_found / damaged if damaged else 0:>9.1%}")
    print_untouched(texts, ruleset, CHANGED_CODES, ",".join(CHANGED_CODES))
    return 0


def print_untouched(texts: list[str], ruleset, codes: tuple[str, ...], label: str) -> None:
    """The error/warning findings of the rules whose codes start with one of ``codes``, on the untouched texts."""
    words = sum(len(_WORD.findall(t)) for t in texts)
    untouched = [d.code for t in texts for d in lint(t, ruleset) if d.code.startswith(codes) and d.severity >= Severity.WARNING]
    detail = ", ".join(f"{c} {untouched.count(c)}" for c in sorted(set(untouched)))
    print(
        f"\nuntouched: {len(texts)} articles, {words} words, {len(untouched)} error/warning findings of"
        f" {label} ({len(untouched) / words * 10_000:.3f} per 10,000 words) [{detail}]"
    )


if __name__ == "__main__":
    sys.exit(main())
