"""Garbled sentence structure: bad sentence splits and words that are not English."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

import regex

from ..model import Diagnostic, Span
from ..ruleset import Rule
from ..segments import Document
from . import detector

_LOWER_START = regex.compile(r"[\"'“‘(\[]*(?P<word>(?=\p{Latin})\p{Ll}[\p{L}'’-]*)")
# A bare full stop: after "?" or a closing quote a lowercase word is English ("why?" said Ms Lee).
_ENDS_SENTENCE = regex.compile(r"(?<![.…])\.$")
_WORD = regex.compile(r"\p{L}[\p{L}'’-]*")
_COMMA_FRAGMENT = regex.compile(r"(?P<word>\p{Lu}\p{L}+),\s")
# A digit right after a lowercase letter; starting at the digit lets the engine skip ahead to digits.
_LETTER_DIGIT = regex.compile(r"\d(?<=\p{Ll}\d)")
_MIXED_TOKEN = regex.compile(r"(?<![\w@#/.-])\p{Ll}+\d+\p{Ll}+(?![\w@/]|\.\w)")


def _sentence_pairs(doc: Document) -> Iterator[tuple[Span, Span]]:
    """Consecutive sentences of one paragraph."""
    sentences = doc.sentences
    for before, after in zip(sentences, sentences[1:]):
        paragraph = doc.paragraph_at(before.start)
        if paragraph is not None and paragraph.start <= after.start < paragraph.end:
            yield before, after


@detector("lowercase-sentence-start")
def lowercase_sentence_start(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """A sentence that starts in lowercase after a full stop: a wrong split, or a lost word.

    Names written in lowercase by style (iPhone, eBay) and paragraphs written all in
    lowercase are left alone; the splitter already keeps abbreviations (e.g., U.S.,
    etc.) and ellipses from ending a sentence.
    """
    text = doc.text
    for before, after in _sentence_pairs(doc):
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


@detector("broken-split", max_fragment_words=8)
def broken_split(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """A short fragment opening with a word echoed from the end of the sentence before it.

    ``... from the United States. United, after months of delay.``: the split
    happened inside a name, and the tail of the name was taken for a new sentence.
    """
    text = doc.text
    for before, after in _sentence_pairs(doc):
        match = _COMMA_FRAGMENT.match(text, after.start, after.end)
        if match is None:
            continue
        fragment_words = len(_WORD.findall(text, after.start, after.end))
        tail = [w.lower() for w in _WORD.findall(text, before.start, before.end)[-3:]]
        if fragment_words <= options["max_fragment_words"] and match.group("word").lower() in tail:
            yield rule.diagnostic(after, word=match.group("word"))


@detector("nonword", min_length=4, min_run=2)
def nonwords(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """Runs of lowercase words that English does not have (wordfreq), and letters mixed with digits.

    Capitalised words are names far too often to judge; a single unknown word is a
    typo for the spell checker; two or more in a row (only white space between them)
    are a garbled passage. Only lowercase words of ``min_length`` letters are looked up.
    """
    from ..fluency import zipf

    text = doc.text
    min_length = options["min_length"]
    unknown = {word for word in doc.lowercase_runs if len(word) >= min_length and zipf(word) == 0}
    if unknown:
        yield from _unknown_runs(doc, rule, options, unknown)
    if _LETTER_DIGIT.search(text):  # the full token pattern costs four times this scan
        for match in _MIXED_TOKEN.finditer(text):
            yield rule.diagnostic(Span(match.start(), match.end()), words=match.group())


def _unknown_runs(doc: Document, rule: Rule, options: Mapping[str, Any], unknown: set[str]) -> Iterator[Diagnostic]:
    """Runs of at least ``min_run`` unknown words with only white space between them."""
    text = doc.text
    candidate = _candidates(options["min_length"])
    run: list[Span] = []

    def close() -> Iterator[Diagnostic]:
        if len(run) >= options["min_run"]:
            span = Span(run[0].start, run[-1].end)
            yield rule.diagnostic(span, words=text[span.start : span.end])
        run.clear()

    for match in candidate.finditer(text):
        if match.group() not in unknown:
            yield from close()
            continue
        if run and not text[run[-1].end : match.start()].isspace():
            yield from close()
        run.append(Span(match.start(), match.end()))
    yield from close()


@lru_cache(maxsize=8)
def _candidates(min_length: int) -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\w@#/.'’-])\p{{Ll}}{{{min_length},}}(?![\w@/'’]|-\w|\.\w)")
