"""One linear pass that tells most pattern rules they have nothing to find in a text.

Every pattern rule's superset (:mod:`.superset`) goes into one RE2 ``Set`` searched
over the whole text, and whole-paragraph rules also into a ``Set`` matched against each
paragraph from end to end. A rule whose superset does not match is skipped; one whose
superset matches runs its own ``regex`` pattern as before, which alone decides the findings.
So the prefilter can only save work, never change a finding, and every way it can fail
(``google-re2`` not installed, a pattern RE2 rejects, a text not encodable as UTF-8, the DFA
over its memory budget) means "no verdict": the rules then run as without it.

The sets hold the supersets of every pattern check loaded in the process; they are
compiled on first use, and only once the run has read enough text to repay it, so a
one-file run does not pay for them.
"""

from __future__ import annotations

import weakref
from typing import Any

from ..model import Span
from ..segments import Document

#: Characters of text read before the sets are compiled (compiling costs about as much
#: as the rules spend on this much text without them).
WARM_UP = 50_000
#: RE2's memory budget for each set; a text that would exceed it gets no verdict.
MAX_MEM = 64 << 20


class _Verdict:
    """What the sets said about one document, computed as rules ask."""

    __slots__ = ("hits", "paragraphs", "__weakref__")

    def __init__(self) -> None:
        self.hits: frozenset[int] | None = None
        self.paragraphs: dict[int, list[Span]] | None = None


class _Sets:
    """The compiled sets, rebuilt when a check with a new superset has been loaded since."""

    def __init__(self) -> None:
        self.patterns: dict[str, int] = {}
        self.whole: dict[str, int] = {}
        self.compiled: tuple[Any, Any] | None = None
        self.broken = False
        self.read = 0
        self.verdicts: weakref.WeakKeyDictionary[Document, _Verdict] = weakref.WeakKeyDictionary()

    def register(self, search: str | None, whole: str | None) -> tuple[int | None, int | None]:
        """Indices of a rule's supersets in the searched set and the paragraph set (None: not in it)."""
        count = (len(self.patterns), len(self.whole))
        index = None if search is None else self.patterns.setdefault(search, len(self.patterns))
        whole_index = None if whole is None else self.whole.setdefault(whole, len(self.whole))
        if count != (len(self.patterns), len(self.whole)):
            self.compiled = None
            self.verdicts.clear()
        return index, whole_index

    def _compile(self) -> tuple[Any, Any] | None:
        if self.compiled is None and not self.broken:
            try:
                import re2

                options = re2.Options()
                options.max_mem = MAX_MEM
                options.log_errors = False
                searched = re2.Set.SearchSet(options)
                anchored = re2.Set.FullMatchSet(options)
                for target, patterns in ((searched, self.patterns), (anchored, self.whole)):
                    for pattern in patterns:
                        target.Add(pattern)
                    target.Add("(?s).*")  # the sentinel: matches every text, unless RE2 gives up
                    target.Compile()
            except Exception:  # RE2 missing or rejecting a pattern: no prefilter, same findings
                self.broken = True
                return None
            self.compiled = (searched, anchored)
        return self.compiled

    def _verdict(self, doc: Document) -> _Verdict | None:
        """The verdicts about ``doc``, or None while warming up or without RE2."""
        verdict = self.verdicts.get(doc)
        if verdict is None:
            self.read += len(doc.text)
            if self.read < WARM_UP or self._compile() is None:
                return None
            verdict = self.verdicts[doc] = _Verdict()
        return verdict

    def hits(self, doc: Document) -> frozenset[int] | None:
        """Indices of the supersets found in ``doc``'s text, or None for no verdict."""
        verdict = self._verdict(doc)
        if verdict is None:
            return None
        if verdict.hits is None:
            found = _match(self.compiled[0], doc.text, len(self.patterns))
            verdict.hits = frozenset(range(len(self.patterns)) if found is None else found)
        return verdict.hits

    def paragraphs(self, doc: Document, whole: int) -> list[Span] | None:
        """The paragraphs of ``doc`` that whole-paragraph superset ``whole`` matches, or None."""
        verdict = self._verdict(doc)
        if verdict is None:
            return None
        if verdict.paragraphs is None:
            verdict.paragraphs = _paragraph_matches(self.compiled[1], doc, len(self.whole))
        return verdict.paragraphs.get(whole, []) if verdict.paragraphs is not _NO_VERDICT else None


_NO_VERDICT: dict[int, list[Span]] = {}


def _paragraph_matches(anchored: Any, doc: Document, sentinel: int) -> dict[int, list[Span]]:
    """For each whole-paragraph superset, the paragraphs it matches (``_NO_VERDICT`` if RE2 gave up)."""
    found: dict[int, list[Span]] = {}
    text = doc.text
    for paragraph in doc.paragraphs:
        indices = _match(anchored, text[paragraph.start : paragraph.end], sentinel)
        if indices is None:
            return _NO_VERDICT
        for index in indices:
            found.setdefault(index, []).append(paragraph)
    return found


def _match(compiled: Any, text: str, sentinel: int) -> list[int] | None:
    """The set's matches in ``text`` but the sentinel, or None if RE2 gave no verdict."""
    try:
        found = compiled.Match(text) or ()
    except Exception:  # a lone surrogate cannot be encoded as UTF-8
        return None
    if sentinel not in found:  # the sentinel matches every text: RE2 ran out of memory
        return None
    return [index for index in found if index != sentinel]


SETS = _Sets()
