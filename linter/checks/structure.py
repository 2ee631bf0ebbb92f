"""Garbled sentence structure: bad sentence splits and words that are not English."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

import regex

from ..model import Diagnostic, Edit, Span
from ..rule import Rule
from ..segments import Document
from ..sentences import SENTENCE_OPENERS
from ..registry import Param, coded_check
from ..pattern_cache import compiled

_LOWER_START = compiled(r"[\"'“‘(\[]*(?P<word>(?=\p{Latin})\p{Ll}[\p{L}'’-]*)")
# A bare full stop: after "?" or a closing quote a lowercase word is English ("why?" said Ms Lee).
_ENDS_SENTENCE = compiled(r"(?<![.…])\.$")
_WORD = compiled(r"\p{L}[\p{L}'’-]*")
#: The same words found from the end backwards: a word's letters and marks form one run either
#: way, so the last few words of a sentence cost a search of its end, not of all of it.
_WORD_BACKWARDS = compiled(r"(?r)\p{L}[\p{L}'’-]*")
_ECHO = compiled(r"(?P<word>\p{Lu}\p{L}+)(?P<comma>,)?\s+(?P<next>[\p{L}\d][\p{L}'’-]*)")
# Words that continue a sentence but cannot follow its subject (``Championships at Philadelphia``).
_JOINERS = frozenset("at in on of for from with by to during".split())
# Lowercase words that open an apposition after a name (``Verroken, a former director``).
_APPOSITION = frozenset(
    """a an the who whose whom himself herself itself themselves now then once also too however
    though meanwhile like unlike one both aged formerly currently widely""".split()
)
# A digit right after a lowercase letter; starting at the digit lets the engine skip ahead to digits.
_LETTER_DIGIT = compiled(r"\d(?<=\p{Ll}\d)")
_MIXED_TOKEN = compiled(r"(?<![\w@#/.-])\p{Ll}+\d+\p{Ll}+(?![\w@/]|\.\w)")


@coded_check("lowercase-sentence-start")
def lowercase_sentence_start(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """A sentence that starts in lowercase after a full stop: a wrong split, or a lost word.

    Names written in lowercase by style (iPhone, eBay) and paragraphs written all in
    lowercase are left alone; the splitter already keeps abbreviations (e.g., U.S.,
    etc.) and ellipses from ending a sentence.
    """
    text = doc.text
    for before, after in doc.sentence_pairs:
        match = _LOWER_START.match(text, after.start, after.end)
        if match is None:
            continue
        # A "sentence" of punctuation alone is a stray mark (NL101's), not a split.
        if not _ENDS_SENTENCE.search(text, before.start, before.end) or not _WORD.search(text, before.start, before.end):
            continue
        word = match.group("word")
        if any(c.isupper() for c in word[1:]):
            continue
        paragraph = doc.paragraph_at(after.start)
        if paragraph is not None and not any(c.isupper() for c in text[paragraph.start : paragraph.end]):
            continue
        if doc.is_protected(Span(match.start("word"), match.end("word"))):
            continue
        yield rule.diagnostic(Span(match.start("word"), match.end("word")), word=word)


@coded_check("broken-split", {"max-fragment-words": Param(int, "the most words of a fragment after a comma", 8)})
def broken_split(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """A fragment opening with a word echoed from the end of the sentence before it.

    ``... from the United States. United, after months of delay.``: the split
    happened inside a name, and the tail of the name was taken for a new sentence.
    A short fragment after a comma is enough when the word is one of the last three;
    when the word ends a name of several words (``the New York. York, Stock
    Exchange``) the fragment may be long, and a preposition (``Championships at``) or
    the rest of the name (``York Stock``) may follow it instead of a comma. A
    sentence that starts with the name again (``in Paris. Paris is``) is left alone.
    The repair deletes the full stop and the echo: unsafe, as a heuristic.
    """
    text = doc.text
    for before, after in doc.sentence_pairs:
        match = _ECHO.match(text, after.start, after.end)
        if match is None:
            continue
        word = match.group("word")
        # Either finding needs one of the last words to be ``word`` in lowercase; then it is in
        # folded form too (folding the lowercase folds as folding alone), and folding works
        # character by character, so the folded sentence holds it. Most sentences do not.
        if word.casefold() not in text[before.start : before.end].casefold():
            continue
        words = _last_words(text, before, 3)
        if not words:
            continue
        last = words[-1]
        ends_name = last.group() == word and len(words) >= 2 and _joined_name(text, words[-2], last)
        continues = ends_name and _continues_name(text, match)
        if not continues:
            tail = [w.group().lower() for w in words[-3:]]
            if not (match.group("comma") and word.lower() in tail and len(_WORD.findall(text, after.start, after.end)) <= options["max_fragment_words"]):
                continue
        if continues and match.group("comma") and match.group("next")[0].isupper():
            # The rest of the name: New York. York, Stock Exchange -> New York Stock Exchange.
            edit = Edit(Span(last.end(), match.start("next")), " ")
        else:
            edit = Edit(Span(last.end(), match.end("word")), "")
        yield rule.diagnostic(after, edits=[edit], word=word)


def _last_words(text: str, span: Span, count: int) -> list[regex.Match[str]]:
    """The last ``count`` matches of ``_WORD`` in ``text[span]``, in text order."""
    return list(itertools.islice(_WORD_BACKWARDS.finditer(text, span.start, span.end), count))[::-1]


def _joined_name(text: str, first: regex.Match[str], second: regex.Match[str]) -> bool:
    """Whether two words in a row, separated by a space, are one name (``Advanta Championships``)."""
    word = first.group()
    return word[0].isupper() and word.lower() not in SENTENCE_OPENERS and text[first.end() : second.start()].isspace()


def _continues_name(text: str, match: regex.Match[str]) -> bool:
    """Whether the words after an echoed name continue the sentence it ended, not a new one.

    After a comma: a lowercase word that does not open an apposition (``Championships, at``,
    but not ``Verroken, a former director``), or the rest of a name (``York, Stock``, but
    not a possessive: ``Moya, Spain's``); without a comma, a preposition (``Championships at``).
    """
    following = match.group("next")
    if not match.group("comma"):
        return following in _JOINERS
    if following[0].islower():
        return following not in _APPOSITION
    return not following.endswith(("'s", "’s"))


@coded_check(
    "nonword",
    {
        "min-length": Param(int, "the fewest letters of a word looked at", 4),
        "min-run": Param(int, "the fewest unknown words in a row that make a finding", 2),
    },
)
def nonwords(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """Runs of lowercase words that English does not have (wordfreq), and letters mixed with digits.

    Capitalised words are names far too often to judge; a single unknown word is a
    typo for the spell checker; two or more in a row (only white space between them)
    are a garbled passage. Only lowercase words of ``min_length`` letters are looked up.
    """
    from ..fluency import unknown_words

    text = doc.text
    min_length = options["min_length"]
    # Looked up in bulk and then measured: only the few unknown words are measured in Python.
    unknown = {word for word in unknown_words(doc.lowercase_runs) if len(word) >= min_length}
    if unknown:
        yield from _unknown_runs(doc, rule, options, unknown)
    if _LETTER_DIGIT.search(text):  # the full token pattern costs four times this scan
        for match in _MIXED_TOKEN.finditer(text):
            yield rule.diagnostic(Span(match.start(), match.end()), words=match.group())


def _unknown_runs(doc: Document, rule: Rule, options: Mapping[str, Any], unknown: set[str]) -> Iterator[Diagnostic]:
    """Runs of at least ``min_run`` unknown words with only white space between them.

    A word between two unknown ones, known or not a candidate at all, leaves more than white
    space between them, so the unknown words alone, in text order, tell the runs.
    """
    text = doc.text
    run: list[Span] = []
    for word in _unknown_occurrences(text, _candidates(options["min_length"]), unknown):
        if run and not text[run[-1].end : word.start].isspace():
            yield from _closed_run(text, rule, options, run)
        run.append(word)
    yield from _closed_run(text, rule, options, run)


def _closed_run(text: str, rule: Rule, options: Mapping[str, Any], run: list[Span]) -> Iterator[Diagnostic]:
    """The finding for ``run`` if it is long enough; ``run`` is emptied for the next one."""
    if len(run) >= options["min_run"]:
        span = Span(run[0].start, run[-1].end)
        yield rule.diagnostic(span, words=text[span.start : span.end])
    run.clear()


def _unknown_occurrences(text: str, candidate: regex.Pattern[str], unknown: set[str]) -> list[Span]:
    """Where ``candidate`` matches one of the ``unknown`` words, in text order.

    The same matches as ``candidate.finditer(text)`` whose word is unknown, found by a substring
    search for each of the few unknown words instead of a match attempt at every character: a
    match is a whole run of lowercase letters, so an occurrence inside a longer run (or a word)
    fails the check at its position, and matches never overlap.
    """
    found = []
    for word in unknown:
        position = text.find(word)
        while position != -1:
            match = candidate.match(text, position)
            if match is not None and match.end() == position + len(word):
                found.append(Span(position, match.end()))
            position = text.find(word, position + 1)
    found.sort()
    return found


@lru_cache(maxsize=8)
def _candidates(min_length: int) -> regex.Pattern[str]:
    return compiled(rf"(?<![\w@#/.'’-])\p{{Ll}}{{{min_length},}}(?![\w@/'’]|-\w|\.\w)")
