"""One linear pass that tells most pattern rules they have nothing to find in a text.

Every pattern rule's superset (:mod:`.superset`) goes into an RE2 ``Set`` searched
over the whole text (a few sets, searched one after the other, each small enough for its
DFA to stay small), and whole-paragraph rules also into a ``Set`` matched against each
paragraph from end to end. A rule whose superset does not match is skipped; one whose
superset matches runs its own ``regex`` pattern as before, which alone decides the findings.
A third set holds each rule's gate words (:class:`~.pattern.PatternCheck`), searched once in
the lowercased text, so that a paragraph rule without a paragraph verdict does not scan the text
once per gate word to learn that none is there.
So the prefilter can only save work, never change a finding, and every way it can fail
(``google-re2`` not installed, a pattern RE2 rejects, a text not encodable as UTF-8, the DFA
over its memory budget) means "no verdict": the rules then run as without it.

The sets hold the supersets of every pattern check loaded in the process; they are
compiled on first use, and only once the run has read enough text to repay it, so a
one-file run does not pay for them.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import Any

from ..model import Span
from ..segments import Document
from ..superset import hex_escape
from ..words import KERNEL as WORDS_KERNEL

#: Characters of text read before the sets are compiled (compiling costs about as much
#: as the rules spend on this much text without them).
WARM_UP = 50_000
#: RE2's memory budget for each set; a text that would exceed it gets no verdict.
MAX_MEM = 64 << 20
#: Searched supersets per RE2 set, and the length from which one gets a set of its own. One set
#: of all 28 built-in ones made a DFA whose states (products of every pattern's) were built
#: anew for most texts: 0.17 s/MB on clean news, against 0.04 s/MB in sets of eight with the
#: longest (NL320's 17,000 characters, before line-anchored rules left the sets) alone.
GROUP = 8
ALONE = 4_000
#: A whole-paragraph superset that floats (it begins with any characters, ``.*boilerplate words``):
#: its DFA state holds every place such a form may have started, and several in one set multiply.
#: Apart from those, the anchored ones die a few characters into most paragraphs; one set of both
#: built 0.039 s/MB of DFA states over the clean corpus (each state built once per run), two 0.021.
_FLOATING = re.compile(r"(?:\(\?i:)?(?:\(\?:)*\(\?s:\.\)\)?(?:\*|\{\d+,\})")


class _Verdict:
    """What the sets ``compiled`` said about one document, computed as rules ask."""

    __slots__ = ("compiled", "hits", "paragraphs", "gates")

    def __init__(self, compiled: tuple[_Union, _Whole, _Set]) -> None:
        self.compiled = compiled
        self.hits: frozenset[int] | None = None
        self.paragraphs: dict[int, list[Span]] | None = None
        self.gates: frozenset[int] | None = None


class _Sets:
    """The compiled sets, rebuilt when a check with a new superset has been loaded since."""

    def __init__(self) -> None:
        self.patterns: dict[str, int] = {}
        self.whole: dict[str, int] = {}
        self.gates: dict[str, int] = {}
        #: Each whole-paragraph superset's longest paragraph in words among the rules holding it
        #: (``max-words``; None: one of them has no limit).
        self.words: dict[str, int | None] = {}
        #: The searched supersets of coded checks (:mod:`.prefiltered`).
        self.coded: set[str] = set()
        self.compiled: tuple[_Union, _Whole, _Set] | None = None
        self.broken = False
        self.read = 0

    def register(
        self,
        search: str | None,
        whole: str | None,
        gate: tuple[str, ...] | None = None,
        *,
        coded: bool = False,
        max_words: int | None = None,
    ) -> tuple[int | None, int | None, int | None]:
        """Indices of a rule's supersets in the searched set and the paragraph set, and of its gate
        words in the gate set (None: not in it). A ``coded`` check's superset is searched last; a
        whole-paragraph rule gives its ``max_words`` (paragraphs longer than that are not its matter)."""
        count = (len(self.patterns), len(self.whole), len(self.gates), tuple(self.words.values()))
        index = None if search is None else self.patterns.setdefault(search, len(self.patterns))
        if coded and search is not None:
            self.coded.add(search)
        whole_index = None if whole is None else self.whole.setdefault(whole, len(self.whole))
        if whole is not None:
            known = self.words.get(whole, 0)
            self.words[whole] = None if known is None or max_words is None else max(known, max_words)
        words = None if gate is None else "|".join("".join(hex_escape(ord(c)) for c in word) for word in gate)
        gate_index = None if words is None else self.gates.setdefault(words, len(self.gates))
        if count != (len(self.patterns), len(self.whole), len(self.gates), tuple(self.words.values())):
            self.compiled, self.broken = None, False  # the verdicts of the sets before are dropped as asked
        return index, whole_index, gate_index

    def _compile(self) -> tuple[_Union, _Whole, _Set] | None:
        if self.compiled is None and not self.broken:
            try:
                import re2

                options = re2.Options()
                options.max_mem = MAX_MEM
                options.log_errors = False
                searched = [_Set(re2.Set.SearchSet(options), part, _Set.SEARCHED) for part in _groups(self.patterns, self.coded)]
                floating, anchored = (_Set(re2.Set.FullMatchSet(options), part, _Set.WHOLE) for part in _floating_apart(self.whole))
                self.compiled = (
                    _Union(searched),
                    _Whole(floating, anchored, self._floating_words()),
                    _Set(re2.Set.SearchSet(options), self.gates, _Set.SEARCHED),
                )
            except Exception:  # RE2 missing or over its memory budget: no prefilter, same findings
                self.broken = True
        return self.compiled

    def _floating_words(self) -> int | None:
        """The most words a paragraph may have for a floating form's rule to read it (None: no limit, or
        counting words would cost more than the matches it saves: ``regex`` counts them 6x slower than the kernel)."""
        if WORDS_KERNEL != "compiled":
            return None
        limits = [limit for pattern, limit in self.words.items() if _FLOATING.match(pattern)]
        return None if not limits or None in limits else max(limits)  # type: ignore[type-var]

    def _verdict(self, doc: Document) -> _Verdict | None:
        """The verdicts about ``doc`` (kept in its ``memo`` under these sets), or None while warming up or without RE2."""
        verdict: _Verdict | None = doc.memo.get(self)
        if verdict is None or verdict.compiled is not self.compiled:
            if verdict is None:
                self.read += len(doc.text)
            if self.read < WARM_UP or self._compile() is None:
                return None
            verdict = doc.memo[self] = _Verdict(self.compiled)
        return verdict

    def hits(self, doc: Document) -> frozenset[int] | None:
        """Indices of the supersets found in ``doc``'s text (or that RE2 rejected), or None for no verdict."""
        verdict: _Verdict | None = doc.memo.get(self)
        if verdict is not None and verdict.hits is not None and verdict.compiled is self.compiled:
            return verdict.hits  # every rule asks in turn: the answer for the same text without a call
        verdict = self._verdict(doc)
        if verdict is None:
            return None
        if verdict.hits is None:
            searched = self.compiled[0]
            found = searched.match(doc.text)
            verdict.hits = frozenset(range(len(self.patterns)) if found is None else [*found, *searched.rejected])
        return verdict.hits

    def absent(self, doc: Document, index: int | None, ended: bool = False) -> bool:
        """Whether searched superset ``index`` is surely not in ``doc`` (False without a verdict). An
        ``ended`` one speaks only for a text searched in one piece (``regex`` ends ``$`` at a chunk's end)."""
        if index is None or (ended and len(doc.chunks) != 1):
            return False
        hits = self.hits(doc)
        return hits is not None and index not in hits

    def mentions(self, doc: Document, gate: int) -> bool | None:
        """Whether ``doc`` holds one of gate ``gate``'s words (as :meth:`Document.mentions` says), or None."""
        verdict = self._verdict(doc)
        if verdict is None:
            return None
        if verdict.gates is None:
            lowered = doc.lowered
            words = self.compiled[2]
            found = None if lowered is None else words.match(lowered)
            verdict.gates = _NO_GATES if found is None else frozenset([*found, *words.rejected])
        return None if verdict.gates is _NO_GATES else gate in verdict.gates

    def paragraphs(self, doc: Document, whole: int) -> list[Span] | None:
        """The paragraphs of ``doc`` that whole-paragraph superset ``whole`` matches, or None."""
        verdict = self._verdict(doc)
        if verdict is None or whole in self.compiled[1].rejected:
            return None
        if verdict.paragraphs is None:
            verdict.paragraphs = self.compiled[1].paragraph_matches(doc)
        return verdict.paragraphs.get(whole, []) if verdict.paragraphs is not _NO_VERDICT else None


class _Set:
    """One compiled RE2 set: which of our indices each of its own stands for, the patterns RE2
    rejected (always candidates), and a sentinel that matches every text."""

    #: The sentinels of a searched set and of a set matched from end to end. A searched one is the
    #: empty match at the start: ``(?s).*`` would make every state of the DFA a match state, whose
    #: matches RE2 then gathers at every byte (0.05 s/MB for a set of one literal, against 0.02).
    SEARCHED = r"\A"
    WHOLE = "(?s).*"

    def __init__(self, compiled: Any, patterns: dict[str, int], sentinel: str) -> None:
        self.compiled = compiled
        self.ours: dict[int, int] = {}
        self.rejected: set[int] = set()
        for pattern, index in patterns.items():
            try:
                self.ours[compiled.Add(pattern)] = index
            except Exception:  # RE2 rejects it (a construct or size it does not take)
                self.rejected.add(index)
        self.sentinel = compiled.Add(sentinel)
        compiled.Compile()

    def match(self, text: str | bytes) -> list[int] | None:
        """Our indices of the patterns that match ``text`` (or its UTF-8), or None if RE2 gave no verdict."""
        try:
            found = self.compiled.Match(text) or ()
        except Exception:  # a lone surrogate cannot be encoded as UTF-8
            return None
        if self.sentinel not in found:  # the sentinel matches every text: RE2 ran out of memory
            return None
        return [self.ours[index] for index in found if index != self.sentinel]


def _groups(patterns: dict[str, int], coded: Container[str] = frozenset()) -> list[dict[str, int]]:
    """``patterns`` cut into the RE2 sets searched one after the other: a long one alone, the
    others ``GROUP`` at a time, in the order they were loaded but the ``coded`` ones last. Those
    (short, their matches rare) made the set of pattern rules they fell into cost 0.01 s/MB more
    over the clean corpus; in the last, smallest set they cost nothing measurable."""
    alone = [{pattern: index} for pattern, index in patterns.items() if len(pattern) >= ALONE]
    rest = [(pattern, index) for pattern, index in patterns.items() if len(pattern) < ALONE]
    rest.sort(key=lambda item: item[0] in coded)
    return [*alone, *(dict(rest[start : start + GROUP]) for start in range(0, len(rest), GROUP))]


def _floating_apart(patterns: dict[str, int]) -> list[dict[str, int]]:
    """Whole-paragraph ``patterns`` in two sets: those that float, and the others."""
    floating = {pattern: index for pattern, index in patterns.items() if _FLOATING.match(pattern)}
    return [floating, {pattern: index for pattern, index in patterns.items() if pattern not in floating}]


class _Union:
    """Several sets answering as one: the union of their verdicts, or none if one has none."""

    def __init__(self, sets: list[_Set]) -> None:
        self.sets = sets
        self.rejected = set().union(*(one.rejected for one in sets))

    def match(self, text: str) -> list[int] | None:
        """Our indices of the patterns that match ``text``, or None if one of the sets gave no verdict.
        The text is encoded once for all the sets (RE2 reads UTF-8), not once by each."""
        try:
            encoded = text.encode()
        except UnicodeEncodeError:  # a lone surrogate
            return None
        found: list[int] = []
        for one in self.sets:
            indices = one.match(encoded)
            if indices is None:
                return None
            found.extend(indices)
        return found


class _Whole:
    """The whole-paragraph sets: the floating forms' and the anchored ones', matched against each paragraph.

    The floating forms are matched only against paragraphs of at most ``words`` words (None: every one):
    their rules read no longer paragraph (``max-words``), and half the clean corpus's paragraph text
    is in paragraphs of more than 120 words, where the floating set's DFA cost 0.08 s."""

    def __init__(self, floating: _Set, anchored: _Set, words: int | None) -> None:
        self.both = _Union([floating, anchored])
        self.anchored = _Union([anchored])
        self.words = words
        self.rejected = self.both.rejected

    def paragraph_matches(self, doc: Document) -> dict[int, list[Span]]:
        """For each whole-paragraph superset, the paragraphs it matches that its rules may read
        (``_NO_VERDICT`` if RE2 gave up)."""
        found: dict[int, list[Span]] = {}
        text, words = doc.text, self.words
        for paragraph in doc.paragraphs:
            # A paragraph has at most as many words as characters: only a long one is counted.
            long = words is not None and paragraph.end - paragraph.start > words and doc.word_count(paragraph) > words
            indices = (self.anchored if long else self.both).match(text[paragraph.start : paragraph.end])
            if indices is None:
                return _NO_VERDICT
            for index in indices:
                found.setdefault(index, []).append(paragraph)
        return found


_NO_VERDICT: dict[int, list[Span]] = {}
#: No verdict about gate words (a text whose lower case has another length, or RE2 gave up).
_NO_GATES: frozenset[int] = frozenset({-1})


SETS = _Sets()
