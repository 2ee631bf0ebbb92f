"""``substitution``: a table of words or phrases to replace, matched case-insensitively."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import regex

from ..model import Diagnostic, Edit, Span
from ..registry import Check, Param, RuleDefinitionError, register
from ..segments import Document
from ..bounded import compile_pattern, finditer_spans
from .prefiltered import Prefiltered


def match_case(template: str, found: str) -> str:
    """Give ``template`` the casing of ``found``: UPPER, Title or as written."""
    if found.isupper() and len(found) > 1:
        return template.upper()
    if found[:1].isupper() and not template[:1].isupper():
        return template[:1].upper() + template[1:]
    return template


@register
class SubstitutionCheck(Prefiltered, Check):
    """Flag each key of ``swap`` as a whole word and suggest its value, keeping the case.

    ``exceptions`` lists phrases in which a key is left alone ("Peking duck").
    """

    name = "substitution"
    PARAMS = {
        "swap": Param(dict, "table of words and their replacements"),
        "case-sensitive": Param(bool, "match the words in their case only", False),
        "exceptions": Param(list, "phrases in which a word stays", ()),
    }

    def __init__(self, rule: Any, params: Mapping[str, Any]) -> None:
        super().__init__(rule, params)
        swap = params["swap"]
        if not swap or not all(isinstance(k, str) and isinstance(v, str) and k for k, v in swap.items()):
            raise RuleDefinitionError("swap must map words to their replacements")
        self.case_sensitive = params["case-sensitive"]
        self.swap = {(k if self.case_sensitive else k.lower()): v for k, v in swap.items()}
        self.pattern = compile_pattern(
            r"(?<![\w.-])\L<words>(?![\w]|-\w)", ignore_case=not self.case_sensitive, words=list(swap)
        )
        exceptions = list(params["exceptions"])
        if not all(isinstance(e, str) and e for e in exceptions):
            raise RuleDefinitionError("exceptions must be a list of phrases")
        self.exceptions = (
            compile_pattern(r"(?<!\w)\L<phrases>(?!\w)", ignore_case=not self.case_sensitive, phrases=exceptions)
            if exceptions
            else None
        )
        # The words alone (without the look-arounds that keep them whole) for the prefilter, which
        # then tells in one pass shared with the pattern rules the texts that hold none of them.
        self._prefilter(f"(?:{'|'.join(regex.escape(word) for word in swap)})", ignore_case=not self.case_sensitive)

    def findings(self, doc: Document) -> Iterator[Diagnostic]:
        excepted = [Span(*m.span()) for m in finditer_spans(self.exceptions, doc.text, doc.chunks)] if self.exceptions else []
        for match in finditer_spans(self.pattern, doc.text, doc.chunks):
            span = Span(match.start(), match.end())
            if any(e.contains(span) for e in excepted):
                continue
            found = match.group()
            wanted = self.swap[found if self.case_sensitive else found.lower()]
            replacement = wanted if self.case_sensitive else match_case(wanted, found)
            yield self.rule.diagnostic(span, edits=[Edit(span, replacement)], match=found, replacement=replacement)
