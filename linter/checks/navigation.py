"""Menus, breadcrumbs and related-headline boxes: runs of short lines without sentence punctuation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..model import Diagnostic, Edit, Span
from ..rule import Rule
from ..segments import Document
from ..registry import Param, coded_check
from ..words import count_words
from ..pattern_cache import compiled

_BREADCRUMB = compiled(r"\w[\w &'’.-]{0,30}(?:\s*(?:>|›|»|/|\|)\s*\w[\w &'’.-]{0,40}){2,}")
_LIST_ITEM = compiled(r"(?:[-*+•]|\d{1,3}[.)])\s")
#: The characters ``\s`` matches (none lies above U+3000; ``tests/test_navigation_ends.py`` checks the
#: list against ``regex`` over every code point), and the marks that end a sentence when only those
#: follow (``[.!:;,"”’)]\s*$``): the test looks at a line's end, where a search scanned all of it.
#: Written out, not listed by ``regex`` at import: that scan cost every run 2 ms of start-up.
_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_END_MARKS = frozenset(".!:;,\"”’)")
# A long line ending like prose: a question, or punctuation before a trailing emoji or
# footnote mark; or an embedded post, which ends with its link.
_PROSE_END = compiled(r"(?:[.!?:;,\"”’)][\s\p{So}\p{Sk}*]*|\S+://\S+|pic\.twitter\.com/\S+)$")
_LABEL = compiled(r"\w\s*:\s")
_CASED = compiled(r"\p{L}[\p{L}'’-]*")
_MINOR = frozenset("a an and as at but by for from in into of on or the to with vs".split())


def _ends_sentence(text: str) -> bool:
    """Whether ``[.!:;,"”’)]\\s*$`` is found in ``text``: its last character but white space is one of the marks."""
    return text.rstrip(_SPACE)[-1:] in _END_MARKS


def _link_like(text: str, options: Mapping[str, Any]) -> bool:
    """A line that reads like a link, a menu entry or a teaser rather than article text.

    Two shapes: a short line of mostly capitalised words (a menu entry, a headline), or a
    sentence-length line without final punctuation (another article's teaser). The lines
    of a schedule, a recipe or a Q&A are short and lowercase, or carry a label
    (``VIP : 60,000``, ``Q: ...``), and are neither.
    """
    if _ends_sentence(text) or _LIST_ITEM.match(text) or (":" in text and _LABEL.search(text)):
        return False
    words = count_words(text, 0, len(text))
    if options["teaser_min_words"] <= words <= options["teaser_max_words"]:
        return not _PROSE_END.search(text)
    if not 0 < words <= options["max_words"]:
        return False
    cased = [w for w in _CASED.findall(text) if w.lower() not in _MINOR]
    capitalised = sum(1 for w in cased if w[:1].isupper())
    return bool(cased) and capitalised / len(cased) >= 0.5


_BLANK_LINE = compiled(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")


def _standalone(doc: Document) -> list[bool]:
    """Whether each paragraph is a block of its own (blank lines or the text's edges around it).

    Scrapers write each menu entry or link as its own block; the lines of a list or a
    table inside an article sit together in one block.
    """
    paragraphs = doc.paragraphs
    edges = [0, *(p.end for p in paragraphs)]
    starts = [*(p.start for p in paragraphs), len(doc.text)]
    gaps = [edges[i] == 0 or bool(_BLANK_LINE.search(doc.text, edges[i], starts[i])) for i in range(len(starts))]
    gaps[-1] = True
    return [gaps[i] and gaps[i + 1] for i in range(len(paragraphs))]


@coded_check(
    "navigation-block",
    {
        "min-run": Param(int, "the fewest link-like blocks in a row that make a finding", 2),
        "max-words": Param(int, "the most words of a menu entry or headline", 12),
        "teaser-min-words": Param(int, "the fewest words of a teaser", 10),
        "teaser-max-words": Param(int, "the most words of a teaser", 45),
    },
)
def navigation_blocks(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """One finding per run of ``min_run`` or more link-like blocks, and per breadcrumb trail."""
    run: list[Span] = []
    alone = _standalone(doc)
    for index, paragraph in enumerate([*doc.paragraphs, None]):
        text = doc.text[paragraph.start : paragraph.end] if paragraph else ""
        if paragraph is not None and _BREADCRUMB.fullmatch(text):
            yield rule.diagnostic(paragraph, edits=[Edit(doc.removal(paragraph), "")], count=1)
            continue
        if paragraph is not None and alone[index] and _link_like(text, options):
            run.append(paragraph)
            continue
        if len(run) >= options["min_run"]:
            block = Span(run[0].start, run[-1].end)
            yield rule.diagnostic(block, edits=[Edit(doc.removal(block), "")], count=len(run))
        run = []
