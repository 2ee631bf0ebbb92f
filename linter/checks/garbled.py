"""Sentences that read as garbled, by the fluency model of :mod:`linter.fluency`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from typing import Any

import regex

from ..model import Diagnostic
from ..rule import Rule
from ..segments import Document
from ..registry import Param, coded_check
from ..words import count_words

#: The default garble score at which a sentence is flagged (see benchmarks/fluency.py).
DEFAULT_THRESHOLD = 0.9
#: The character classes of the test below; the compiled twin of ``narrative`` asks ``regex`` for
#: each character's classes with these very expressions (``_scorer.pyx`` names their bits in this order).
NARRATIVE_CLASSES = (r"\w", r"\p{Lu}", r"\d", r"[\w.,:/-]", r"[\"“”„«»]")
_WORD_CHAR, _UPPER, _NUMBER, _NUMBER_TAIL, _QUOTE_CHAR = NARRATIVE_CLASSES
_QUOTE = regex.compile(_QUOTE_CHAR)
_NAME_OR_NUMBER = regex.compile(f"{_UPPER}{_WORD_CHAR}*|{_NUMBER}{_NUMBER_TAIL}*")


def narrative(text: str, min_words: int) -> bool:
    """A sentence the model can judge: long enough, not quoted speech, not a list of names or scores.

    Quoted speech is the speaker's own words (spoken English, contractions), and lines
    of results or line-ups are mostly names and numbers; the model was trained on neither.
    """
    if _QUOTE.search(text):  # first: one scan rejects a quarter of news sentences
        return False
    words = count_words(text, 0, len(text))
    if words < min_words:
        return False
    return len(_NAME_OR_NUMBER.findall(text)) <= 0.4 * words


@cache
def _narrative() -> Callable[[str, int], bool]:
    """``narrative``, compiled where the kernel was built (its twin, same answers)."""
    from ..fluency import COMPILED

    return narrative if COMPILED is None else COMPILED.Narrative(NARRATIVE_CLASSES, narrative)


@coded_check(
    "garbled-sentence",
    {
        "threshold": Param(float, "the garble score from which a sentence is flagged", DEFAULT_THRESHOLD),
        "min-words": Param(int, "the fewest words a sentence needs to be scored", 6),
        "embedding": Param(bool, "also rate by a sentence embedding (the embed extra, about 15 ms a sentence; ignored when not installed)", False),
    },
    skips_protected=True,  # a "sentence" holding a URL or an address is a link line, not prose the model can judge
)
def garbled_sentences(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """Score each narrative sentence; the score goes into the finding."""
    judged = _narrative()
    sentences, texts = [], []
    for sentence in doc.sentences:
        text = doc.text[sentence.start : sentence.end]
        if judged(text, options["min_words"]):
            sentences.append(sentence)
            texts.append(text)
    for sentence, score in zip(sentences, _scores(texts, options["embedding"])):
        if score >= options["threshold"]:
            yield rule.diagnostic(sentence, score=round(score, 3), percent=f"{score:.0%}")


def _scores(texts: list[str], embedding: bool) -> Iterable[float]:
    """NL510's garble scores; with ``embedding`` and the ``embed`` extra installed, by the embedding head (one batch)."""
    if embedding:
        from ..fluency import embedding as embedded

        if embedded.installed():
            return embedded.garble_scores(texts)
    from ..fluency import garble_score

    return map(garble_score, texts)
