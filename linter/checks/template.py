"""``template``: lines that many documents of the same source share, counted in pass 1 of a corpus run.

The counts come from the run, not from the text: :func:`with_counts` gives them to a ruleset's
template rules, and ``lint(..., source=)`` says which source the text belongs to. Without
either (one text, standard input, the editor, ``lint()``) the check finds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from math import ceil
from typing import TYPE_CHECKING, Any

from ..model import Diagnostic, Edit, Span
from ..registry import Check, Param, RuleDefinitionError, register
from ..segments import Document
from ..templates.counts import TemplateCounts, corpus_counts
from ..templates.remembered import line_keys

if TYPE_CHECKING:
    from ..rule import Rule, Ruleset

#: The source a rule's examples belong to, when they are checked as one corpus.
EXAMPLES_SOURCE = "examples"


@register
class TemplateCheck(Check):
    """Flag each line held by at least ``min-documents`` documents and ``min-share`` of its source's documents."""

    name = "template"
    PARAMS = {
        "min-documents": Param(int, "documents of the source that must hold the line, 2 or more"),
        "min-share": Param(float, "the share of the source's documents that must hold the line, above 0 and at most 1"),
    }
    #: A template line is often a URL or an address: it is flagged whole.
    skips_protected = False

    def __init__(self, rule: Rule, params: Mapping[str, Any], counts: TemplateCounts | None = None) -> None:
        super().__init__(rule, params)
        self.min_documents: int = params["min-documents"]
        self.min_share: float = params["min-share"]
        if self.min_documents < 2 or not 0 < self.min_share <= 1:
            raise RuleDefinitionError("min-documents must be 2 or more and min-share in (0, 1]")
        self.counts = counts
        #: The sketch's collision margin: an estimate is trusted only this far above the threshold.
        self.margin = 1 if counts is None else counts.sketch.overcount()

    def run(self, doc: Document) -> Iterator[Diagnostic]:
        counts, source = self.counts, doc.source
        if counts is None or source is None:
            return
        documents = counts.documents(source)
        threshold = max(self.min_documents, ceil(self.min_share * documents))
        # An estimate may exceed the truth by up to margin - 1 (see CountMinSketch.overcount).
        needed = threshold + self.margin - 1
        if documents < needed:
            return
        triples = line_keys(source, doc.text)
        for start, end, key in zip(triples[0::3], triples[1::3], triples[2::3]):
            shared = counts.holding(key, needed)
            if shared >= needed:
                span = Span(start, end)
                yield self.rule.diagnostic(span, edits=[Edit(doc.removal(span), "")], count=shared, documents=documents)

    def for_examples(self, ruleset: Ruleset) -> tuple[Ruleset, str | None]:
        """The rule's examples are checked as one corpus: each is a document of the same source."""
        counts = corpus_counts((example.text for example in (*self.rule.bad, *self.rule.good)), EXAMPLES_SOURCE)
        return with_counts(ruleset, counts), EXAMPLES_SOURCE


def with_counts(ruleset: Ruleset, counts: TemplateCounts) -> Ruleset:
    """A copy of ``ruleset`` whose template rules read ``counts`` (pass 1 of a corpus run)."""
    return ruleset.replaced(
        {rule.code: rule.attached(lambda r: TemplateCheck(r, r.params, counts)) for rule in ruleset if isinstance(rule.check, TemplateCheck)}
    )


def uses_counts(rules: Iterable[Rule]) -> bool:
    """Whether any of ``rules`` reads template counts (so a corpus run has a pass 1 to make)."""
    return any(isinstance(rule.check, TemplateCheck) for rule in rules)
