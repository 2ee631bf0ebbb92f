"""``pattern``: a regular expression whose matches are findings, with an optional replacement."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import regex

from ..model import Applicability, Diagnostic, Edit, Span
from ..registry import Check, Param, RuleDefinitionError, register
from ..segments import Document
from ..mojibake import repaired, touches
from ..bounded import compile_pattern, finditer, finditer_spans, fullmatch
from .line_start import line_anchored, line_matches
from .prefilter import SETS
from ..superset import Superset, Unsupported, superset

SCOPES = ("text", "paragraph", "whole-paragraph")


@register
class PatternCheck(Check):
    """Flag each match (or one named group of it); ``replacement`` is a regex template.

    ``unsafe-when`` downgrades the fix of one occurrence to unsafe when the
    flagged text matches it, so the rule can be safe in the common case and
    careful in the doubtful one.

    ``scope`` is where the pattern looks: the whole ``text``, each ``paragraph``
    (searched), or ``whole-paragraph``: the pattern must match a paragraph from
    its first to its last character, which is how a rule says "this paragraph
    is boilerplate" without flagging article sentences that merely mention
    cookies. ``max-words`` limits a whole-paragraph rule to short paragraphs.
    Matches that touch a URL are dropped unless ``skip-urls = false`` (a rule
    about metadata whose value is a URL); whole-paragraph rules keep them by default.
    A fix that deletes whole paragraphs takes their line break with them.

    ``gate`` lists words (lowercase literals) of which every match contains at least
    one, whatever its case. The rule then looks only where one occurs: a text without
    any is skipped, and a paragraph rule tries only the paragraphs that hold one. A
    substring search is one fast scan per word, where a regex spends a match attempt
    on every character, and most boilerplate rules have a few telling words.

    Where the prefilter (:mod:`.prefilter`) covers the rule, its verdict replaces the gate:
    a text where the rule's superset is not found is skipped, and a whole-paragraph rule
    tries only the paragraphs its superset matches. A paragraph rule without that verdict asks
    the prefilter's set of every rule's gate words (one RE2 pass over the lowercased text)
    whether the text holds any of its words.
    """

    name = "pattern"
    PARAMS = {
        "pattern": Param(str, "the regular expression (`regex` module syntax, compiled with MULTILINE and WORD)"),
        "replacement": Param(str, "the fix: a template of the match (`\\g<name>`); none without a fix", None),
        "group": Param((int, str), "the group (number or name) that is flagged and replaced", 0),
        "ignore-case": Param(bool, "match in any case", False),
        "unsafe-when": Param(str, "a regex: the fix of a flagged text that matches it is only unsafe", None),
        "scope": Param(str, "`text`, each `paragraph`, or `whole-paragraph` (the pattern must match a paragraph from start to end)", "text"),
        "max-words": Param(int, "with `whole-paragraph`: only paragraphs of at most this many words", None),
        "skip-urls": Param(bool, "drop matches touching a URL or address (default: true, false for `whole-paragraph`)", None),
        "gate": Param(list, "lowercase words of which every match holds one: the rule looks only where one occurs", None),
    }
    #: Whether a match inside a URL counts is the rule's own choice (``skip-urls``), applied in ``run``.
    skips_protected = False

    def __init__(self, rule: Any, params: Mapping[str, Any]) -> None:
        super().__init__(rule, params)
        self.pattern = compile_pattern(params["pattern"], ignore_case=params["ignore-case"])
        gate = params["gate"]
        if gate is not None and (not gate or not all(isinstance(w, str) and w and w == w.lower() for w in gate)):
            raise RuleDefinitionError("gate must be a non-empty list of lowercase words")
        self.gate: tuple[str, ...] | None = tuple(gate) if gate is not None else None
        self.group = params["group"]
        if isinstance(self.group, int) and not 0 <= self.group <= self.pattern.groups or (
            isinstance(self.group, str) and self.group not in self.pattern.groupindex
        ):
            raise RuleDefinitionError(f"group {self.group!r} is not in the pattern")
        self.replacement = params["replacement"]
        if self.replacement is not None and rule.fix_level is None:
            raise RuleDefinitionError("a replacement is given but fix is 'none'")
        if self.replacement is None and rule.fix_level is not None:
            raise RuleDefinitionError("fix is set but no replacement is given")
        unsafe_when = params["unsafe-when"]
        self.unsafe_when = compile_pattern(unsafe_when) if unsafe_when else None
        self.scope = params["scope"]
        if self.scope not in SCOPES:
            raise RuleDefinitionError(f"scope must be one of {', '.join(SCOPES)}")
        # A whole paragraph of boilerplate often names its site (``Subscribe to example.com``).
        skip_urls = params["skip-urls"]
        self.skip_urls: bool = skip_urls if skip_urls is not None else self.scope != "whole-paragraph"
        self.max_words = params["max-words"]
        # Searched only at line starts (the same matches): NL320 costs a quarter of what it did.
        self.line_anchored = self.scope != "whole-paragraph" and line_anchored(params["pattern"])
        if self.max_words is not None and self.scope != "whole-paragraph":
            raise RuleDefinitionError("max-words goes with scope = 'whole-paragraph'")
        try:
            # ``$`` and ``\Z`` kept for a text rule: they tell a text with trailing space from the others.
            wider = superset(params["pattern"], ignore_case=params["ignore-case"], ends=self.scope == "text")
        except Unsupported:
            wider = Superset(None, None)
        # A whole-paragraph rule is prefiltered paragraph by paragraph only: its forms searched
        # over a whole text would make the searched set's DFA blow up, and cost more than they save.
        whole_paragraph = self.scope == "whole-paragraph"
        # A line-anchored rule's superset holds the line break before it: NL320's matched 29 of the
        # 2,127 clean texts, where trying each line start cost 0.15 s.
        self.search = None if whole_paragraph else wider.search
        self.whole = wider.whole if whole_paragraph else None
        # Such a superset speaks for a text searched in one piece: ``regex`` also ends ``$`` at a chunk's end.
        self.ended = wider.ended
        self._register()

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Unpickled (the ruleset cache): the prefilter's sets of this process must hold the superset."""
        self.__dict__.update(state)
        self._register()

    def _register(self) -> None:
        self.prefiltered = SETS.register(self.search, self.whole, self.gate, max_words=self.max_words)

    def run(self, doc: Document) -> Iterator[Diagnostic]:
        # Most rules have nothing to find in most texts: they say so before any generator is made.
        if SETS.absent(doc, self.prefiltered[0], self.ended):
            return iter(())
        search = line_matches if self.line_anchored else finditer_spans
        if self.scope == "text":
            # Asked only where the superset was found (about half the texts, for the gated text rules):
            # a scan per gate word then cost 0.018 s of the clean corpus, the gate set 0.1 s.
            if self.gate is not None and not doc.mentions(self.gate):
                return iter(())
            return self._findings(doc, search(self.pattern, doc.text, doc.chunks))
        candidates = self._candidates(doc)
        if not candidates:
            return iter(())
        if self.scope == "whole-paragraph":
            return self._findings(doc, self._whole_paragraphs(doc, candidates))
        return self._findings(doc, (match for paragraph in candidates for match in search(self.pattern, doc.text, doc.pieces(paragraph))))

    def _findings(self, doc: Document, matches: Iterable[regex.Match[str]]) -> Iterator[Diagnostic]:
        for match in matches:
            if not self._reads_mojibake(doc, match):
                finding = self._finding(doc, match)
                if not (self.skip_urls and doc.is_protected(finding.span)):
                    yield finding

    def _whole_paragraphs(self, doc: Document, candidates: Iterable[Span]) -> Iterator[regex.Match[str]]:
        """The candidate paragraphs the pattern matches from end to end (short enough, if it says how short)."""
        for paragraph in candidates:
            if self.max_words is not None and doc.word_count(paragraph) > self.max_words:
                continue
            match = fullmatch(self.pattern, doc.text, paragraph.start, paragraph.end)
            if match is not None:
                yield match

    def _reads_mojibake(self, doc: Document, match: regex.Match[str]) -> bool:
        """Whether the match holds only because of mojibake: the © of ``cafÃ©``, the ” of ``â€”``.

        A match that touches a damaged word stands only if the pattern also finds it in
        the paragraph as ftfy would repair it (the whole repaired paragraph, for a
        ``whole-paragraph`` rule); otherwise the mojibake rule has the place.
        """
        span = Span(*match.span())
        if not touches(doc.mojibake, span):
            return False
        paragraph = doc.paragraph_at(span.start) or span
        around = Span(min(paragraph.start, span.start), max(paragraph.end, span.end))
        # Once per paragraph, not per match: a long paragraph full of mojibake has thousands of matches.
        context = doc.memo.get(("repaired", around))
        if context is None:
            context = doc.memo[("repaired", around)] = repaired(doc.text, around, doc.mojibake)
        if self.scope == "whole-paragraph":
            return fullmatch(self.pattern, context, 0, len(context)) is None
        found = doc.memo.get((self, around))
        if found is None:
            found = doc.memo[(self, around)] = {m.group(self.group) for m in finditer(self.pattern, context)}
        return repaired(doc.text, Span(*match.span(self.group)), doc.mojibake) not in found

    def _candidates(self, doc: Document) -> list[Span] | dict[Span, None]:
        """The paragraphs a paragraph rule tries: for ``whole-paragraph`` those its superset matches
        if the prefilter has a verdict (and that hold a gate word, if it has a gate); else those
        holding a gate word; without a gate, every
        paragraph for ``whole-paragraph``, and for ``paragraph`` those where one search per chunk
        found a match (a text may have a million paragraphs).

        The paragraph verdict comes first: the ungated whole-paragraph rules make it for every text,
        and it settles most texts, so the gate set (searched over the whole text: 0.1 s of the clean
        corpus, asked 23,408 times by whole-paragraph rules) is searched only where it is not."""
        if self.prefiltered[1] is not None:
            matched = SETS.paragraphs(doc, self.prefiltered[1])
            if matched is not None:
                if self.gate is None or not matched:
                    return matched
                gated = set(doc.paragraphs_with(self.gate))
                return [paragraph for paragraph in matched if paragraph in gated]
        if self.gate is not None and SETS.mentions(doc, self.prefiltered[2]) is False:
            return []  # the prefilter found no gate word anywhere: none in a paragraph
        if self.gate is not None:
            return doc.paragraphs_with(self.gate)
        if self.scope == "whole-paragraph":
            return doc.paragraphs
        candidates: dict[Span, None] = {}
        search = line_matches if self.line_anchored else finditer_spans
        for match in search(self.pattern, doc.text, doc.chunks):
            paragraph = doc.paragraph_at(match.start())
            if paragraph is not None:
                candidates[paragraph] = None
        return candidates

    def _finding(self, doc: Document, match: regex.Match[str]) -> Diagnostic:
        start, end = match.span(self.group)
        flagged = match.group(self.group)
        codepoints = " ".join(f"U+{ord(c):04X}" for c in flagged[:8])
        fields = {"match": flagged, "codepoints": codepoints, **{k: v or "" for k, v in match.groupdict().items()}}
        if self.replacement is None:
            return self.rule.diagnostic(Span(start, end), **fields)
        new = match.expand(self.replacement)
        if new == flagged:
            return self.rule.diagnostic(Span(start, end), **fields)
        applicability = None
        if self.unsafe_when is not None and self.unsafe_when.search(flagged):
            applicability = Applicability.UNSAFE
        if not new and doc.paragraph_at(start) == Span(start, end):
            edit = Edit(doc.removal(Span(start, end)), "")
        else:
            edit = Edit.minimal(start, flagged, new)
        return self.rule.diagnostic(
            Span(start, end), edits=[edit], applicability=applicability, replacement=new, **fields
        )

