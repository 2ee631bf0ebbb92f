"""Paragraphs and sentences that a scraper or a syndication feed wrote twice."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from ..model import Diagnostic, Edit, Span
from ..rule import Rule
from ..segments import Document
from ..registry import Param, coded_check
from ..words import count_words
from ..pattern_cache import compiled

_NOISE = compiled(r"[\p{P}\p{S}\s]+")
_LABEL = compiled(r"\W*[\w\x20]{1,40}:\s")


def _is_prose(text: str) -> bool:
    """Prose ends like a sentence and does not open with a label ("Portion: 1 cup", "Q: ...")."""
    end = text.rstrip("\"'”’)")
    return end[-1:] in (".", "!", "?", "…") and not _LABEL.match(text)


class _NoiseToSpace(dict[int, int]):
    """A ``str.translate`` table that turns each character ``_NOISE`` matches into a space.

    Filled as characters are met, so it costs nothing to build (a table of all of Unicode
    takes 0.2 s), and it stops growing at ``LIMIT`` entries, so hostile text cannot make it huge.
    """

    LIMIT = 1 << 14

    def __missing__(self, code: int) -> int:
        value = 0x20 if _NOISE.fullmatch(chr(code)) else code
        if len(self) < self.LIMIT:
            self[code] = value
        return value


_NOISE_TO_SPACE = _NoiseToSpace()
#: Runs of characters outside ASCII, which :func:`noise_to_space` translates by ``_NOISE_TO_SPACE``.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@cache
def _ascii_table() -> bytes:
    """``_NOISE_TO_SPACE`` for the ASCII bytes; every other byte kept (UTF-8 writes other characters
    in bytes from 0x80 only)."""
    return bytes(_NOISE_TO_SPACE[code] for code in range(128)) + bytes(range(128, 256))


def noise_to_space(text: str) -> str:
    """``text.translate(_NOISE_TO_SPACE)`` at under half the cost: the ASCII characters (most of a news
    text) by one byte table over its UTF-8, then each run of other characters by the table, where
    ``str.translate`` looks up each character of the text in the table once it has met one of them."""
    translated = text.encode("utf-8", "surrogatepass").translate(_ascii_table()).decode("utf-8", "surrogatepass")
    if translated.isascii():
        return translated
    return _NON_ASCII.sub(lambda run: run[0].translate(_NOISE_TO_SPACE), translated)


def normalise(text: str) -> str:
    """Collapse white space and drop punctuation, so that `a  b.` and `a b` compare equal.

    The same as ``_NOISE.sub(" ", text).strip()`` at a third of the cost: translating and
    splitting are single passes in C, where the regex tests every character's properties.
    """
    return " ".join(filter(None, text.translate(_NOISE_TO_SPACE).split(" "))).strip()


#: White space to ``str.split`` that ``_NOISE`` leaves alone: the ASCII information separators.
_KEPT_SPACE = "\x1c\x1d\x1e\x1f"


class _Normalised:
    """A document's text with ``_NOISE`` turned to spaces (translated once for both checks, where
    each span cost a call of ``normalise``), and its paragraphs' keys."""

    def __init__(self, doc: Document) -> None:
        self.source = doc.text
        translated = noise_to_space(doc.text)
        # Without those separators ``split()`` cuts a span exactly where ``normalise`` does, in one call.
        self.text = None if any(space in translated for space in _KEPT_SPACE) else translated
        self.paragraphs = self.keys(doc.paragraphs)

    def keys(self, spans: list[Span]) -> list[str]:
        """``normalise`` of each span's text, in order."""
        text = self.text
        if text is None:
            return [normalise(self.source[span.start : span.end]) for span in spans]
        return [" ".join(text[span.start : span.end].split()) for span in spans]


#: Its key in ``Document.memo``.
_NORMALISED = f"{__name__}.normalised"


def _normalised(doc: Document) -> _Normalised:
    normalised = doc.memo.get(_NORMALISED)
    if normalised is None:
        normalised = doc.memo[_NORMALISED] = _Normalised(doc)
    return normalised


def _repeats(doc: Document, spans: list[Span], min_words: int, keys: list[str]) -> Iterator[tuple[Span, Span, bool]]:
    """Yield ``(first, later, exact)`` for each prose span whose text was seen before.

    Lists, schedules and recipes repeat their lines legitimately; only spans that read as
    prose (a sentence end, no leading label) are compared. Spans whose key occurs once
    cannot repeat anything, so only the others are examined. ``keys`` holds each span's key, in order.
    """
    counts = Counter(keys)
    if len(counts) == len(keys):
        return  # no key twice: nothing repeats
    seen: dict[str, Span] = {}
    for span, key in zip(spans, keys):
        if counts[key] < 2:
            continue
        text = doc.text[span.start : span.end]
        if count_words(text, 0, len(text)) < min_words or not _is_prose(text):
            continue
        first = seen.get(key)
        if first is None:
            seen[key] = span
            continue
        yield first, span, doc.text[first.start : first.end] == text


@coded_check("duplicate-paragraph", {"min-words": Param(int, "the fewest words a paragraph needs to count", 10)})
def duplicate_paragraphs(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """The later copy is deleted together with the break before it (a fix that removes prose, so
    at most unsafe: see :mod:`linter.fix_safety`).

    Copies of one paragraph that follow each other (a feed that wrote it a thousand times) are
    one finding spanning them, whose fix keeps the first; exact and near copies stay apart.
    """
    position = {span: number for number, span in enumerate(doc.paragraphs)}
    run: list[Span] = []
    run_first, run_exact = Span(0, 0), True
    for first, later, exact in _repeats(doc, doc.paragraphs, options["min_words"], _normalised(doc).paragraphs):
        if run and first == run_first and exact == run_exact and position[later] == position[run[-1]] + 1:
            run.append(later)
            continue
        if run:
            yield _paragraph_finding(doc, rule, run_first, run, run_exact)
        run, run_first, run_exact = [later], first, exact
    if run:
        yield _paragraph_finding(doc, rule, run_first, run, run_exact)


def _paragraph_finding(doc: Document, rule: Rule, first: Span, copies: list[Span], exact: bool) -> Diagnostic:
    line, _ = doc.line_index.position(first.start)
    span = Span(copies[0].start, copies[-1].end)
    return rule.diagnostic(
        span,
        edits=[Edit(doc.removal(span), "")],
        line=line,
        how="exactly" if exact else "nearly",
        copies="" if len(copies) == 1 else f" ({len(copies):,} copies in a row)",
    )


@coded_check("duplicate-sentence", {"min-words": Param(int, "the fewest words a sentence needs to count", 8)})
def duplicate_sentences(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """Sentences repeated in the text, outside paragraphs that NL701 reports as whole copies.

    A sentence that is a whole paragraph on its own is left to the paragraph check too.
    """
    normalised = _normalised(doc)
    whole = set(normalised.paragraphs)
    copies = {later for _first, later, _exact in _repeats(doc, doc.paragraphs, 1, normalised.paragraphs)}
    kept = [
        (sentence, key)
        for sentence, key in zip(doc.sentences, normalised.keys(doc.sentences))
        if key not in whole and not (copies and doc.paragraph_at(sentence.start) in copies)
    ]
    sentences, keys = [sentence for sentence, _ in kept], [key for _, key in kept]
    for first, later, _exact in _repeats(doc, sentences, options["min_words"], keys):
        start, end = later.start, later.end
        while start > 0 and doc.text[start - 1] in " \t":
            start -= 1
        if start == 0 or doc.text[start - 1] in "\r\n":  # it opens its line: the next one must not inherit a space
            while end < len(doc.text) and doc.text[end] in " \t":
                end += 1
        line, _ = doc.line_index.position(first.start)
        yield rule.diagnostic(later, edits=[Edit(Span(start, end), "")], line=line)
