"""``repetition``: the same word twice in a row ("the the"), with legitimate doublings excepted."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

import regex

from ..model import Applicability, Diagnostic, Edit, Span
from ..registry import Check, Param, register
from ..segments import Document
from ..segments import CHUNK
from ..bounded import compile_pattern, extend, finditer_spans, match_at
from ..words import doubled_word_starts
from ..pattern_cache import compiled

#: A run of one word written two or more times, separated by spaces or tabs only.
_RUN = compile_pattern(r"(?<![\w'’-])(\p{L}+)(?:[ \t]+\1(?![\w'’-]))+", ignore_case=True)
_LETTERS = compiled(r"\p{L}+")
_LAST_LETTERS = compiled(r"\p{L}+", regex.REVERSE)
#: The first letter of a capitalised word.
_CAPITAL = compiled(r"(?<!\p{L})\p{Lu}")


@lru_cache(maxsize=64)
def _more_copies(word: str) -> regex.Pattern[str]:
    """More copies of ``word`` (any case): what continues a run past the piece that found it."""
    return compile_pattern(rf"(?:[ \t]+{regex.escape(word)}(?![\w'’-]))+", ignore_case=True)


def _run_end(text: str, word: str, end: int) -> int:
    """Where the run of ``word`` ending at ``end`` really ends, following it a chunk at a time."""
    return extend(_more_copies(word), text, end, CHUNK)


def _matches_at(doc: Document, starts: list[int]) -> Iterator[regex.Match[str]]:
    """What ``finditer_spans(_RUN, doc.text, doc.chunks)`` finds, tried only at ``starts`` (in order).

    A match of ``_RUN`` starts a word (a letter after no word character) that the next word, after
    spaces or tabs, repeats in any case: one of the places where the case-folded text doubles a word,
    when folding changed no character's place. Each chunk is searched as ``finditer`` does: from its
    start, the next try after the end of a match.
    """
    text = doc.text
    index = 0
    for chunk in doc.chunks:
        reached = chunk.start
        while index < len(starts) and starts[index] < chunk.start:
            index += 1
        while index < len(starts) and starts[index] < chunk.end:
            at = starts[index]
            index += 1
            if at < reached:
                continue
            match = match_at(_RUN, text, at, chunk.end)
            if match is not None:
                yield match
                reached = match.end()


def _times(count: int) -> str:
    return "twice" if count == 2 else f"{count:,} times"


@register
class RepetitionCheck(Check):
    """Flag a word immediately repeated; the fix keeps the first copy.

    A run of the same word ("word word word …", what a broken scraper writes) is one
    finding spanning the run, whatever its length, so one defect is one finding.
    ``exceptions`` lists words whose doubling is grammatical ("had had",
    "that that"); a capitalised copy starts a name ("Duran Duran", "law lord Lord
    Bingham") and the run stops before it. Removing a repeated word from
    ``safe-words`` (articles, prepositions) is safe; any other removal is unsafe.
    """

    name = "repetition"
    PARAMS = {
        "exceptions": Param(list, "words whose doubling is grammatical", ()),
        "safe-words": Param(list, "words whose removal is safe", ()),
    }

    def __init__(self, rule: Any, params: Mapping[str, Any]) -> None:
        super().__init__(rule, params)
        self.exceptions = {word.lower() for word in params["exceptions"]}
        self.safe_words = {word.lower() for word in params["safe-words"]}

    def run(self, doc: Document) -> Iterator[Diagnostic]:
        # Most texts repeat no word twice in a row at all; finding that out on the folded text's
        # words (numbers such as "5m to 6m" are not words here) costs a fraction of running the
        # back-referencing pattern.
        folded = doc.text.casefold()
        starts = doubled_word_starts(folded)
        if not starts:
            return
        # Where folding kept every character's place, a run can only start where a doubled word does.
        matches = _matches_at(doc, starts) if len(folded) == len(doc.text) else finditer_spans(_RUN, doc.text, doc.chunks)
        reached = 0
        for match in matches:
            if match.start() < reached:
                continue  # the rest of a run already followed across a chunk boundary
            word = match.group(1).lower()
            reached = _run_end(doc.text, word, match.end())
            if word in self.exceptions:
                continue
            for run in _runs(doc.text, match.start(), reached):
                yield self._finding(doc.text, run)

    def _finding(self, text: str, run: _Run) -> Diagnostic:
        first, last, count = run
        word = text[first.start : first.end]
        applicability = Applicability.SAFE if word.lower() in self.safe_words else Applicability.UNSAFE
        return self.rule.diagnostic(
            Span(first.start, last.end),
            edits=[Edit(Span(first.end, last.end), "")],
            applicability=applicability,
            match=text[first.start : last.end],
            word=word,
            times=_times(count),
        )


#: A run as its first copy, its last copy and how many copies (not a span per copy: a run
#: may be two million words long).
_Run = tuple[Span, Span, int]


def _runs(text: str, start: int, end: int) -> Iterator[_Run]:
    """The runs of two or more copies in ``text[start:end]``; a capitalised copy begins a new run.

    Only the capitalised copies are looked at one by one (most runs have none); the copies
    between them are counted, not kept.
    """
    capitals = [m.start() for m in _CAPITAL.finditer(text, start + 1, end)]
    for low, high in zip([start, *capitals], [*capitals, end]):
        count = sum(1 for _ in _LETTERS.finditer(text, low, high))
        if count > 1:
            first, last = _LETTERS.search(text, low, high), _LAST_LETTERS.search(text, low, high)
            assert first is not None and last is not None
            yield Span(first.start(), first.end()), Span(last.start(), last.end()), count
