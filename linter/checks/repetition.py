"""``repetition``: the same word twice in a row ("the the"), with legitimate doublings excepted."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from operator import eq
from typing import Any

import regex

from ..model import Applicability, Diagnostic, Edit, Span
from ..registry import Check, register
from ..segments import Document
from ._regex import compile_pattern, finditer_spans

#: Whole words: a doubled word is two equal ones in a row (numbers such as "5m to 6m" are not).
_WORDS = regex.compile(r"\w+")
_DOUBLED = compile_pattern(r"(?<![\w'’-])(\p{L}+)([ \t]+)(\1)(?![\w'’-])", ignore_case=True)


@register
class RepetitionCheck(Check):
    """Flag a word immediately repeated; the fix removes the second copy.

    ``exceptions`` lists words whose doubling is grammatical ("had had",
    "that that"); doublings whose second word is capitalised are names
    ("Duran Duran", "law lord Lord Bingham") and are skipped. Removing a repeated word from
    ``safe-words`` (articles, prepositions) is safe; any other removal is unsafe.
    """

    name = "repetition"
    PARAMS = {"exceptions": (list, False), "safe-words": (list, False)}

    def __init__(self, rule: Any, params: Mapping[str, Any]) -> None:
        super().__init__(rule, params)
        self.exceptions = {word.lower() for word in params.get("exceptions", [])}
        self.safe_words = {word.lower() for word in params.get("safe-words", [])}

    def run(self, doc: Document) -> Iterator[Diagnostic]:
        # Most texts repeat no word twice in a row at all; finding that out on a list of
        # folded words costs a fraction of running the back-referencing pattern.
        words = _WORDS.findall(doc.text.casefold())
        if not any(map(eq, words, words[1:])):
            return
        for match in finditer_spans(_DOUBLED, doc.text, doc.chunks):
            first, second = match.group(1), match.group(3)
            word = first.lower()
            if word in self.exceptions or second[:1].isupper():
                continue
            applicability = Applicability.SAFE if word in self.safe_words else Applicability.UNSAFE
            yield self.rule.diagnostic(
                Span(match.start(), match.end()),
                edits=[Edit(Span(match.end(1), match.end(3)), "")],
                applicability=applicability,
                match=match.group(),
                word=first,
            )
