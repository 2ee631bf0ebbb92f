"""``vocabulary``: proper nouns with one right casing, flagged when written all in lowercase."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..model import Diagnostic, Edit, Span
from ..registry import Check, RuleDefinitionError, register
from ..segments import Document
from ._regex import compile_pattern, finditer


@register
class VocabularyCheck(Check):
    """Flag ``kyiv`` where the list says ``Kyiv``.

    Only all-lowercase forms are flagged: headlines in capitals and
    deliberate stylings are left alone. With ``only-if-capitalized-elsewhere``
    a word is flagged only when the same document also writes its proper form,
    which is how names that double as ordinary words (``china``, ``turkey``,
    ``may``) are handled without flagging the ordinary word.
    """

    name = "vocabulary"
    PARAMS = {"words": (list, True), "only-if-capitalized-elsewhere": (bool, False)}

    def __init__(self, rule: Any, params: Mapping[str, Any]) -> None:
        super().__init__(rule, params)
        self.words: dict[str, str] = {}
        for word in params["words"]:
            if not isinstance(word, str) or not word.strip() or word == word.lower():
                raise RuleDefinitionError(f"vocabulary entry {word!r} must be a name with capitals")
            self.words[word.lower()] = word
        self.require_proper_form = params.get("only-if-capitalized-elsewhere", False)
        self.pattern = compile_pattern(r"(?<![\w.@/#-])\L<words>(?![\w@/]|-\w|\.\w)", words=list(self.words))
        self.proper = compile_pattern(r"(?<!\w)\L<words>(?!\w)", words=list(self.words.values()))

    def run(self, doc: Document) -> Iterator[Diagnostic]:
        present: set[str] | None = None
        if self.require_proper_form:
            present = {m.group() for m in finditer(self.proper, doc.text)}
            if not present:
                return
        for match in finditer(self.pattern, doc.text):
            found = match.group()
            proper = self.words[found]
            if present is not None and proper not in present:
                continue
            yield self.rule.diagnostic(
                Span(match.start(), match.end()),
                edits=[Edit(Span(match.start(), match.end()), proper)],
                match=found,
                replacement=proper,
            )
