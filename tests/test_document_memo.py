"""What checks share about one text lives in the document's ``memo`` (issue 16: a
``WeakKeyDictionary`` per check made a weak reference at each look-up and a callback per document)."""

from __future__ import annotations

import weakref

from linter import LintConfig, load_ruleset
from linter.checks import prefilter
from linter.engine import _produced, active_rules
from linter.segments import Document

TEXT = (
    'Mr Blair said the plan would work. "We will build it," blair told reporters.\n\n'
    "The council met on Tuesday. The council met on Tuesday.\n\n"
    "Subscribe to our newsletter for more.\n"
)


def test_checks_keep_their_shared_work_in_the_document(monkeypatch) -> None:
    monkeypatch.setattr(prefilter.SETS, "read", prefilter.WARM_UP)  # past the warm-up: the prefilter gives verdicts
    doc = Document(TEXT)
    findings = list(_produced(doc, active_rules(load_ruleset(), LintConfig())))
    assert findings
    assert weakref.getweakrefcount(doc) == 0  # no check keeps a weak reference to it
    assert prefilter.SETS in doc.memo and any(isinstance(key, str) and key.startswith("linter.checks.names") for key in doc.memo)


def test_the_gate_set_is_not_searched_where_the_paragraph_verdict_settles_it(monkeypatch) -> None:
    """Whole-paragraph rules ask the paragraph verdict (made for every text) before the gate set, and
    gated text rules scan for their words: the gate set's pass over the text is not made (issue 16)."""
    monkeypatch.setattr(prefilter.SETS, "read", prefilter.WARM_UP)
    doc = Document(TEXT)
    list(_produced(doc, active_rules(load_ruleset(), LintConfig())))
    verdict = doc.memo[prefilter.SETS]
    assert verdict.paragraphs is not None and verdict.gates is None
