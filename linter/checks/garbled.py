"""Sentences that read as garbled, by the fluency model of :mod:`linter.fluency`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import regex

from ..model import Diagnostic
from ..rule import Rule
from ..segments import Document
from ..registry import Param, coded_check

#: The default garble score at which a sentence is flagged (see benchmarks/fluency.py).
DEFAULT_THRESHOLD = 0.9
_WORD = regex.compile(r"\w+")
_QUOTE = regex.compile(r"[\"“”„«»]")
_NAME_OR_NUMBER = regex.compile(r"\p{Lu}\w*|\d[\w.,:/-]*")


def narrative(text: str, min_words: int) -> bool:
    """A sentence the model can judge: long enough, not quoted speech, not a list of names or scores.

    Quoted speech is the speaker's own words (spoken English, contractions), and lines
    of results or line-ups are mostly names and numbers; the model was trained on neither.
    """
    if _QUOTE.search(text):  # first: one scan rejects a quarter of news sentences
        return False
    words = _WORD.findall(text)
    if len(words) < min_words:
        return False
    return len(_NAME_OR_NUMBER.findall(text)) <= 0.4 * len(words)


@coded_check(
    "garbled-sentence",
    {
        "threshold": Param(float, "the garble score from which a sentence is flagged", DEFAULT_THRESHOLD),
        "min-words": Param(int, "the fewest words a sentence needs to be scored", 6),
    },
)
def garbled_sentences(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """Score each narrative sentence; the score goes into the finding."""
    from ..fluency import garble_score

    for sentence in doc.sentences:
        text = doc.text[sentence.start : sentence.end]
        if not narrative(text, options["min_words"]):
            continue
        score = garble_score(text)
        if score >= options["threshold"]:
            yield rule.diagnostic(sentence, score=round(score, 3), percent=f"{score:.0%}")
