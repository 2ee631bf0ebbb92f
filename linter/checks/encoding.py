"""Encoding damage: mojibake repaired by ftfy (found by :mod:`linter.mojibake`), and HTML
entities left in text."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..model import Diagnostic, Edit, Span
from ..rule import Rule
from ..segments import Document
from ..registry import coded_check
from ..pattern_cache import compiled

_ENTITY = compiled(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ESCAPED_TAG = compiled(r"&(?:amp;)*lt;/?[A-Za-z][^\n]{0,400}?&(?:amp;)*gt;")


@coded_check("mojibake")
def mojibake(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """One finding per damaged word or run of words, with ftfy's repair as a safe fix."""
    for span, replacement in doc.mojibake:
        match = doc.text[span.start : span.end]
        yield rule.diagnostic(span, edits=[Edit(span, replacement)], match=match, replacement=replacement)


@coded_check("html-entity")
def html_entities(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """Entities outside escaped tags (those are the escaped-markup rule's), unescaped once."""
    escaped = [Span(*m.span()) for m in _ESCAPED_TAG.finditer(doc.text)]
    for match in _ENTITY.finditer(doc.text):
        span = Span(*match.span())
        if any(e.contains(span) for e in escaped):
            continue
        import html  # here, not at import: few texts hold an entity, and its table costs 2 ms

        replacement = html.unescape(match.group())
        if replacement == match.group():
            continue
        yield rule.diagnostic(span, edits=[Edit(span, replacement)], match=match.group(), replacement=replacement)
