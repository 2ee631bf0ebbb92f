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
)
#: A line is article prose ("core") when it has this many words and ends a sentence.
CORE_WORDS = 15


def ends_sentence(line: str) -> bool:
    """Whether ``line`` ends with terminal punctuation, maybe followed by closing quotes or brackets."""
    return line.rstrip().rstrip("\"'”’)]").endswith((".", "!", "?"))


def _shape(line: str, n: int, alpha: list[str], lowered: list[str], counts: Counter[str], doc_counts: Counter[str]) -> tuple[list[float], int]:
    """The shape figures of one line (see :data:`SHAPE`) and its number of stop words, in one pass over its words."""
    capitals = capital_content = content_alpha = stops = upper = 0
    content: list[str] = []
    for word, low in zip(alpha, lowered):
        capital = word[0].isupper()
        capitals += capital
        if low in STOP_WORDS:
            stops += 1
        else:
            content_alpha += 1
            capital_content += capital
            if len(low) > 2:
                content.append(low)
        upper += len(word) > 1 and word.isupper()
    shared = sum(doc_counts[w] > counts[w] for w in content)
    digits = len(alpha) < n  # prices, phone numbers and dates all hold a number
    row = [
        math.log1p(n),
        float(len(_SENTENCE_END.findall(line))),
        stops / n if n else 0.0,
        capitals / len(alpha) if alpha else 0.0,
        float(content_alpha >= 2 and capital_content == content_alpha),
        (n - len(alpha)) / n if n else 0.0,
        float(digits and bool(_PRICE.search(line))),
        float(digits and bool(_PHONE.search(line))),
        float(("." in line or "@" in line) and bool(_URL.search(line))),
        float(digits and bool(_DATE.search(line))),
        float(ends_sentence(line)),
        float(line.rstrip().endswith(":")),
        float(line.count("|")),
        float(bool(_BULLET.match(line))),
        float(any(q in line for q in "\"“”")),
        shared / len(content) if content else 0.0,
        upper / len(alpha) if alpha else 0.0,
    ]
    return row, stops


def line_features(lines: Sequence[str]) -> list[list[float]]:
    """One row of features (see :data:`NAMES`) for each of ``lines`` (the non-blank lines of a document)."""
    if not lines:
        return []
    tokens = [WORD.findall(line) for line in lines]
    alphas = [[w for w in ws if w[0].isalpha()] for ws in tokens]
    lowereds = [[w.lower() for w in alpha] for alpha in alphas]
    counts = [Counter(lowered) for lowered in lowereds]
    doc_counts: Counter[str] = Counter()
    for c in counts:
        doc_counts.update(c)
    shaped = [
        _shape(line, len(ws), alpha, lowered, c, doc_counts)
        for line, ws, alpha, lowered, c in zip(lines, tokens, alphas, lowereds, counts)
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
            ]
        )
    return rows


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
    return sum(w.lower() in STOP_WORDS for w in alpha) / len(alpha) if alpha else 0.0
