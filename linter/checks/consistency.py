"""``consistency``: one document writing the same thing two ways (``Mr`` / ``Mr.``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import regex

from ..model import Diagnostic, Edit, Span
from ..registry import Check, Param, RuleDefinitionError, register
from ..segments import Document
from ..bounded import compile_pattern, finditer_spans
from .prefiltered import Prefiltered


def _form_pattern(form: str) -> str:
    """A literal form as a whole word; a form without a final period must not be followed by one."""
    tail = r"(?!\w)" if form.endswith(".") else r"(?![\w.])"
    head = r"(?<![\w.])" if form[:1].isalnum() else ""
    return head + regex.escape(form) + tail


def _shared_part(forms: list[str]) -> str:
    """The longest text every form contains (``Zelensk``, ``Qa``), or "" when no two characters are shared.

    Absent from a text, it rules out the whole group with one substring search instead of one per form.
    """
    shortest = min(forms, key=len)
    for size in range(len(shortest), 1, -1):
        for start in range(len(shortest) - size + 1):
            part = shortest[start : start + size]
            if all(part in form for form in forms):
                return part
    return ""


def _two_occur(text: str, forms: tuple[str, ...], shared: str) -> bool:
    """Whether two of ``forms`` occur in ``text`` (as substrings), ``shared`` being known to occur.

    Searched for until two are found or too few are left, and a form that is ``shared`` itself is not searched again.
    """
    found = 0
    for index, form in enumerate(forms):
        if form == shared or form in text:
            found += 1
            if found == 2:
                return True
        elif found + len(forms) - index - 1 < 2:
            return False
    return False


def _glossed(text: str, start: int, end: int) -> bool:
    """``Mumbai (Bombay)``: a form given in brackets explains another and is not a second spelling."""
    return text[start - 1 : start] == "(" and text[end : end + 1] == ")"


@register
class ConsistencyCheck(Prefiltered, Check):
    """For each group of alternative forms, report once per minority form used.

    The finding sits at the first use of the minority form; its (unsafe) fix
    rewrites every use of that form to the document's majority form. On a tie
    the form that appears first is taken as the document's choice. A form in
    brackets right after another, ``Mumbai (Bombay)``, is a gloss and not counted.

    Two forms of a group are both written only if one besides the group's first is: the
    prefilter looks for those (``Mr.``, ``Kiev``), which few texts hold, in its one pass.
    """

    name = "consistency"
    PARAMS = {"forms": Param(list, "groups of alternative forms")}

    def __init__(self, rule: Any, params: Mapping[str, Any]) -> None:
        super().__init__(rule, params)
        self.groups: list[tuple[tuple[str, ...], str, regex.Pattern[str]]] = []
        for group in params["forms"]:
            if not isinstance(group, list) or len(group) < 2 or not all(isinstance(f, str) and f for f in group):
                raise RuleDefinitionError("forms must be a list of groups of two or more strings")
            alternatives = "|".join(f"(?P<f{i}>{_form_pattern(form)})" for i, form in enumerate(group))
            self.groups.append((tuple(group), _shared_part(group), compile_pattern(alternatives)))
        self._prefilter("|".join(regex.escape(form) for forms, _, _ in self.groups for form in forms[1:]))

    def findings(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.text
        for forms, shared, pattern in self.groups:
            if shared not in text or not _two_occur(text, forms, shared):
                continue  # two forms must both occur: substring tests say when they cannot
            uses: dict[int, list[Span]] = {}
            for match in finditer_spans(pattern, doc.text, doc.chunks):
                if _glossed(doc.text, match.start(), match.end()):
                    continue
                index = int(match.lastgroup[1:])
                uses.setdefault(index, []).append(Span(match.start(), match.end()))
            if len(uses) < 2:
                continue
            ranked = sorted(uses, key=lambda i: (-len(uses[i]), uses[i][0].start))
            majority = forms[ranked[0]]
            for index in ranked[1:]:
                spans = uses[index]
                yield self.rule.diagnostic(
                    spans[0],
                    edits=[Edit(span, majority) for span in spans],
                    title=f"Write {majority!r} throughout",
                    minority=forms[index],
                    minority_count=len(spans),
                    majority=majority,
                    majority_count=len(uses[ranked[0]]),
                )
