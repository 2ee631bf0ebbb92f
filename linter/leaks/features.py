"""Shallow features of each non-blank line of a document, for the paragraph leak model.

In the spirit of boilerplate detection research (Kohlschütter et al., WSDM 2010; jusText;
trafilatura): the line's length, stop-word and capital share, punctuation and shape, plus what
a linter sees and an extractor does not: where the line sits relative to the article's first and
last full sentence, how many of its content words the rest of the document shares (a teaser for
another story shares few), and the same shape figures of its neighbours (leaks come in runs).
Pure Python; one pass over the lines.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import chain
from operator import and_, gt, itemgetter

import regex

WORD = regex.compile(r"\p{L}+(?:['’]\p{L}+)*|\d+(?:[.,:]\d+)*")
_SENTENCE_END = regex.compile(r"[.!?]+[\"'”’)]*(?:\s+|$)")
_PRICE = re.compile(r"[$£€¥₹]\s?\d|\d\s?(?:USD|EUR|GBP|dollars?)\b")
_PHONE = re.compile(r"(?:\+?\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")
# "@domain." alone: a leading [\w.-]+ before the "@" would be retried at every word.
_URL = re.compile(r"https?://|www\.|\w@[\w-]+\.\w|\.(?:com|org|net|co\.uk)\b", re.I)
_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\b(?:19|20)\d{2}\b",
    re.I,
)
#: What a line must hold for :data:`_PRICE`, :data:`_URL` (lowercased) and :data:`_DATE` (lowercased;
#: a colon for a time, a century for a year, a month's first letters; ``ſ`` matches ``s`` under re.I) to match.
_PRICE_SIGNS = ("$", "£", "€", "¥", "₹", "USD", "EUR", "GBP", "dollar")
_URL_SIGNS = ("http", "www.", "@", ".com", ".org", ".net", ".co.uk")
_DATE_SIGNS = (":", "19", "20", "ſ", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# The stdlib's re is several times faster than regex on these short linear patterns of one line.
_BULLET = re.compile(r"^\s*(?:[-*•·>#|]|\d+[.)]\s)")

#: English function words: their share separates prose from labels (jusText's main signal).
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours out over own said same she should so some such than that
    the their theirs them themselves then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your yours""".split()
)

#: Names of the features, in the order of :func:`line_features`' rows (the model's columns).
SHAPE = (
    "log_words", "sentences", "stop_share", "capital_share", "title_case", "digit_share", "price", "phone",
    "url", "date", "terminal", "colon_end", "pipes", "bullet", "quote", "overlap", "upper_share",
)
NAMES = (
    *SHAPE,
    "log_run", "run_at_edge", "rel_position", "log_from_start", "log_from_end", "before_core", "after_core", "log_to_core",
    "doc_lines", "doc_core_share", "doc_stop_share", "doc_short_share", "doc_terminal_share", "doc_mean_words",
    *(f"prev_{n}" for n in SHAPE), *(f"next_{n}" for n in SHAPE),
    *(f"prev2_{n}" for n in ("log_words", "terminal")), *(f"next2_{n}" for n in ("log_words", "terminal")),
    "repeated", "core_overlap", "person_share",
)
#: A line is article prose ("core") when it has this many words and ends a sentence.
CORE_WORDS = 15
#: First- and second-person words: reader comments, marketing copy and opt-ins address someone; news reports.
PERSON_WORDS = frozenset("i me my mine we us our you your yours".split())


def ends_sentence(line: str) -> bool:
    """Whether ``line`` ends with terminal punctuation, maybe followed by closing quotes or brackets."""
    return line.rstrip().rstrip("\"'”’)]").endswith((".", "!", "?"))


def _shape(line: str, n: int, alpha: list[str], numbers: list[str], lowered: list[str], counts: Counter[str], doc_counts: Counter[str]) -> tuple[list[float], int]:
    """The shape figures of one line (see :data:`SHAPE`) and its number of stop words.

    The word counts are C-level maps over the line's words rather than a Python loop, and each
    pattern runs only when a cheap test (a currency sign, ten digits, an ``@`` or a domain ending,
    a colon, century or month name) says it can match: most lines of news need none of them.
    """
    is_stop = list(map(STOP_WORDS.__contains__, lowered))
    is_capital = list(map(str.isupper, map(itemgetter(0), alpha)))
    stops = sum(is_stop)
    content_alpha = len(alpha) - stops
    capital_content = sum(map(gt, is_capital, is_stop))  # capitalised and not a stop word
    upper = sum(map(and_, map(str.isupper, alpha), map((1).__lt__, map(len, alpha))))
    content = [low for low, stop in zip(lowered, is_stop) if not stop and len(low) > 2]
    shared = sum(map(gt, map(doc_counts.__getitem__, content), map(counts.__getitem__, content)))
    dotted = "." in line or "@" in line
    low = line.lower() if numbers or dotted else ""
    row = [
        math.log1p(n),
        float(len(_SENTENCE_END.findall(line))),
        stops / n if n else 0.0,
        sum(is_capital) / len(alpha) if alpha else 0.0,
        float(content_alpha >= 2 and capital_content == content_alpha),
        len(numbers) / n if n else 0.0,
        float(bool(numbers) and any(map(line.__contains__, _PRICE_SIGNS)) and bool(_PRICE.search(line))),
        float(sum(map(len, numbers)) >= 10 and bool(_PHONE.search(line))),
        float(dotted and any(map(low.__contains__, _URL_SIGNS)) and bool(_URL.search(line))),
        float(bool(numbers) and any(map(low.__contains__, _DATE_SIGNS)) and bool(_DATE.search(line))),
        float(ends_sentence(line)),
        float(line.rstrip().endswith(":")),
        float(line.count("|")),
        float(bool(_BULLET.match(line))),
        float(any(q in line for q in "\"“”")),
        shared / len(content) if content else 0.0,
        upper / len(alpha) if alpha else 0.0,
    ]
    return row, stops


def line_tokens(lines: Sequence[str]) -> list[list[str]]:
    """The :data:`WORD` tokens of each of ``lines``."""
    return [WORD.findall(line) for line in lines]


def line_features(lines: Sequence[str], tokens: Sequence[list[str]] | None = None) -> list[list[float]]:
    """One row of features (see :data:`NAMES`) for each of ``lines`` (the non-blank lines of a document).

    ``tokens`` are the lines' :func:`line_tokens` when the caller already has them.
    """
    if not lines:
        return []
    if tokens is None:
        tokens = line_tokens(lines)
    alphas = [[w for w in ws if w[0].isalpha()] for ws in tokens]
    numbers = [[w for w in ws if not w[0].isalpha()] for ws in tokens]
    lowereds = [list(map(str.lower, alpha)) for alpha in alphas]
    counts = [Counter(lowered) for lowered in lowereds]
    doc_counts: Counter[str] = Counter(chain.from_iterable(lowereds))
    shaped = [
        _shape(line, len(ws), alpha, number, lowered, c, doc_counts)
        for line, ws, alpha, number, lowered, c in zip(lines, tokens, alphas, numbers, lowereds, counts)
    ]
    shapes = [row for row, _ in shaped]
    core = [i for i, ws in enumerate(tokens) if len(ws) >= CORE_WORDS and shapes[i][10]]
    first, last = (core[0], core[-1]) if core else (len(lines), -1)
    total_words = sum(len(ws) for ws in tokens) or 1
    doc_stop = sum(stops for _, stops in shaped) / total_words
    n = len(lines)
    runs = _runs(n, set(core))
    short_share = sum(len(ws) < 5 for ws in tokens) / n
    terminal_share = sum(s[10] for s in shapes) / n
    mean_words = sum(s[0] for s in shapes) / n
    relations = _relations(tokens, lowereds, core)
    blank = [0.0] * len(SHAPE)
    rows = []
    for i, shape in enumerate(shapes):
        to_core = first - i if i < first else i - last if i > last else 0
        prev = shapes[i - 1] if i > 0 else blank
        nxt = shapes[i + 1] if i + 1 < n else blank
        prev2 = shapes[i - 2] if i > 1 else blank
        next2 = shapes[i + 2] if i + 2 < n else blank
        rows.append(
            [
                *shape,
                math.log1p(runs[i][0]),
                runs[i][1],
                i / max(n - 1, 1),
                math.log1p(i),
                math.log1p(n - 1 - i),
                float(i < first),
                float(i > last),
                math.log1p(max(to_core, 0)),
                math.log1p(n),
                len(core) / n,
                doc_stop,
                short_share,
                terminal_share,
                mean_words,
                *prev,
                *nxt,
                prev2[0], prev2[10], next2[0], next2[10],
                *relations[i],
            ]
        )
    return rows


def _relations(tokens: Sequence[list[str]], lowereds: Sequence[list[str]], core: list[int]) -> list[tuple[float, float, float]]:
    """For each line: whether another line has the same words (menus, repeated teasers, the page's
    title twice), the share of its content words that some *other* core line holds (a teaser for
    another story shares few with the article's prose, where the whole document's words include the
    other teasers), and its share of first- and second-person words."""
    keys = [tuple(w.lower() for w in ws) for ws in tokens]
    seen = Counter(keys)
    contents = [{w for w in lowered if len(w) > 2 and w not in STOP_WORDS} for lowered in lowereds]
    in_core = Counter(chain.from_iterable(contents[i] for i in core))
    is_core = set(core)
    out = []
    for i, (key, lowered, content) in enumerate(zip(keys, lowereds, contents)):
        own = i in is_core
        shared = sum(in_core[w] > own for w in content) / len(content) if content else 0.0
        person = sum(map(PERSON_WORDS.__contains__, lowered)) / len(lowered) if lowered else 0.0
        out.append((float(seen[key] > 1), shared, person))
    return out


def _runs(n: int, core: set[int]) -> list[tuple[int, float]]:
    """For each line, the length of its run of consecutive non-core lines (0 for a core line) and
    whether that run reaches the start or end of the text (menus and teasers do; lists inside the
    article do not)."""
    out: list[tuple[int, float]] = [(0, 0.0)] * n
    i = 0
    while i < n:
        if i in core:
            i += 1
            continue
        j = i
        while j < n and j not in core:
            j += 1
        edge = float(i == 0 or j == n)
        for k in range(i, j):
            out[k] = (j - i, edge)
        i = j
    return out


def stop_word_share(words: Sequence[str]) -> float:
    """Share of English function words among ``words`` (tokens of :data:`WORD`) that are words: low for another language."""
    alpha = [w for w in words if w[0].isalpha()]
    return sum(map(STOP_WORDS.__contains__, map(str.lower, alpha))) / len(alpha) if alpha else 0.0
