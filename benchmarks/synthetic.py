"""Reproducible news-like articles for benchmarks when no corpus is given.

The words and templates are our own; about one paragraph in eight carries a scraping
artifact (a stray ``. .``, a lowercase place name, a photo credit, an ad label, mojibake,
a doubled paragraph) so that rules fire at a realistic rate, not never.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

_TITLES = ["Ms", "Mr", "Dr", "Judge", "Mayor", "Minister"]
_SYLLABLES = ["ka", "lo", "mer", "vi", "dan", "su", "ro", "te", "bal", "ni", "gor", "ea", "tup", "shi", "an", "wel"]
_GROUPS = ["the council", "the government", "the company", "the league", "the hospital", "the regulator", "the airline", "the court"]
_PLACES = ["Vienna", "Lisbon", "Nairobi", "Osaka", "Quito", "Tallinn", "Accra", "Perth", "Bergen", "Cusco"]
_VERBS = ["approved", "rejected", "delayed", "announced", "defended", "reviewed", "cut", "expanded", "questioned", "signed"]
_THINGS = ["the budget", "a new rail line", "the wage deal", "plans for a stadium", "the water tariff", "a school reform", "the merger", "the flood defences"]
_TIMES = ["on Monday", "on Tuesday", "last week", "this morning", "after months of talks", "late on Friday", "in March", "overnight"]
_CLAUSES = ["officials said", "according to local media", "the report found", "critics argued", "residents said", "analysts noted"]


def _person(rng: random.Random) -> str:
    """A made-up name, so that sentences vary as much as real ones and rarely repeat by chance."""
    name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randrange(2, 4)))
    return f"{rng.choice(_TITLES)} {name.capitalize()}"


def _sentence(rng: random.Random) -> str:
    shape = rng.randrange(4)
    if shape == 0:
        return f"{rng.choice(_GROUPS).capitalize()} {rng.choice(_VERBS)} {rng.choice(_THINGS)} {rng.choice(_TIMES)}, {_person(rng)} said."
    if shape == 1:
        return f"In {rng.choice(_PLACES)}, {_person(rng)} {rng.choice(_VERBS)} {rng.choice(_THINGS)} {rng.choice(_TIMES)}."
    if shape == 2:
        return f"The cost rose by {rng.randrange(2, 90)} percent to {rng.randrange(1, 900)} million, {rng.choice(_CLAUSES)}."
    return f"\u201cWe will keep working on {rng.choice(_THINGS)},\u201d said {_person(rng)}, speaking in {rng.choice(_PLACES)}."


_ARTIFACTS = [
    lambda rng, p: p.replace(". ", ". . ", 1),
    lambda rng, p: p + f" Talks resume in {rng.choice(_PLACES).lower()} next month.",
    lambda rng, p: p + f"\n\n(Photo: {_person(rng).split()[-1]}/AP)",
    lambda rng, p: "Advertisement\n\n" + p,
    lambda rng, p: p.replace("\u2019", "â€™").replace(" said", " saidâ€™", 1),
    lambda rng, p: p + "\n\n" + p,
]


def article(rng: random.Random) -> str:
    """One article of 5 to 14 paragraphs of 2 to 5 sentences."""
    paragraphs = []
    for _ in range(rng.randrange(5, 15)):
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randrange(2, 6)))
        if rng.random() < 0.125:
            paragraph = rng.choice(_ARTIFACTS)(rng, paragraph)
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs) + "\n"


def articles(seed: int = 0) -> Iterator[str]:
    """An endless, reproducible stream of articles."""
    rng = random.Random(seed)
    while True:
        yield article(rng)


def text_of_size(megabytes: float, seed: int = 0) -> str:
    """Articles joined by blank lines up to about ``megabytes`` MB of UTF-8."""
    wanted = int(megabytes * 1_000_000)
    parts, size = [], 0
    for piece in articles(seed):
        parts.append(piece)
        size += len(piece.encode("utf-8")) + 1
        if size >= wanted:
            return "\n".join(parts)
    raise AssertionError("unreachable: the stream is endless")
