"""Language findings: a paragraph in another language than its text's, and a text not in English."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..language import ENGLISH
from ..model import Diagnostic, Edit, Span
from ..rule import Rule
from ..segments import Document
from ..registry import coded_check


@coded_check("foreign-paragraph")
def foreign_paragraph(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """Each paragraph the language model is sure is in another language than the document's."""
    for span, language in doc.foreign_paragraphs:
        yield rule.diagnostic(
            span,
            edits=[Edit(doc.removal(span), "")],
            language=language.code,
            confidence=f"{language.confidence:.2f}",
            document=doc.language_code,
        )


@coded_check("document-language")
def document_language(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """One finding at the start of a text whose language (detected or given) is not English."""
    if doc.language_code != ENGLISH:
        language = doc.language
        yield rule.diagnostic(Span(0, 0), language=language.code, confidence=f"{language.confidence:.2f}")
