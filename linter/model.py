"""The data model every other module speaks: spans, edits, fixes and diagnostics.

All offsets are character (code point) offsets into the decoded text, half-open.
Lines and columns are derived later by :class:`linter.line_index.LineIndex`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Self


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open ``[start, end)`` range of code points."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        """True when two edits at these spans would collide.

        Spans sharing a character collide; an empty span (an insertion) collides
        with a span that strictly contains its point, or with another insertion
        at the same point.
        """
        if self.start < other.end and other.start < self.end:
            return True
        if not self and not other:
            return self.start == other.start
        if not self:
            return other.start < self.start < other.end
        if not other:
            return self.start < other.start < self.end
        return False

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class _Labelled(enum.IntEnum):
    """An ordered enum written in lowercase kebab-case in files, flags and output."""

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", "-")

    @classmethod
    def parse(cls, value: str) -> Self:
        try:
            return cls[value.upper().replace("-", "_")]
        except KeyError:
            known = ", ".join(member.label for member in sorted(cls, reverse=True))
            raise ValueError(f"unknown {cls.__name__.lower()} {value!r} ({known})") from None


class Applicability(_Labelled):
    """How safe a fix is; ordered so that ``SAFE > UNSAFE > DISPLAY_ONLY`` (as in ruff)."""

    DISPLAY_ONLY = 0
    UNSAFE = 1
    SAFE = 2


class Severity(_Labelled):
    """Ordered so that comparisons read naturally: ``ERROR > WARNING > INFO``."""

    INFO = 0
    WARNING = 1
    ERROR = 2


KINDS = frozenset(
    {
        "metadata",
        "boilerplate",
        "punctuation",
        "whitespace",
        "capitalization",
        "quotation",
        "garbled",
        "grammar",
        "encoding",
        "markup",
        "duplication",
        "consistency",
        "language",
    }
)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of ``span`` with ``replacement``."""

    span: Span
    replacement: str

    @classmethod
    def minimal(cls, start: int, old: str, new: str) -> Edit:
        """The smallest edit turning ``old`` (found at ``start``) into ``new``.

        Trimming the common prefix and suffix keeps diffs readable and lets
        neighbouring fixes coexist instead of overlapping.
        """
        prefix = 0
        limit = min(len(old), len(new))
        while prefix < limit and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
            suffix += 1
        return cls(
            Span(start + prefix, start + len(old) - suffix),
            new[prefix : len(new) - suffix],
        )


@dataclass(frozen=True, slots=True)
class Fix:
    """One or more edits that together repair a finding."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str

    def __post_init__(self) -> None:
        if not self.edits:
            raise ValueError("a fix needs at least one edit")
        ordered = sorted(self.edits, key=lambda e: (e.span.start, e.span.end))
        for before, after in zip(ordered, ordered[1:]):
            if before.span.end > after.span.start:
                raise ValueError("the edits of one fix overlap")
        object.__setattr__(self, "edits", tuple(ordered))

    @property
    def span(self) -> Span:
        """The smallest span covering every edit."""
        return Span(self.edits[0].span.start, self.edits[-1].span.end)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding of one rule at one place."""

    code: str
    name: str
    kind: str
    severity: Severity
    message: str
    span: Span
    fix: Fix | None = None
    source: str | None = None
    #: A rule's measured value for this finding, e.g. the garble score of a sentence.
    score: float | None = None
    #: The language a finding names, as a code such as ``de``: a foreign paragraph's, a text's
    #: (NL325, NL730); the corpus report counts languages by it.
    language: str | None = None
    #: On the summary finding that closes a capped rule (``linter.cap``): how many findings it stands
    #: for, and how many of those have a safe and an unsafe fix (counts stay exact).
    hidden: int = 0
    hidden_safe: int = 0
    hidden_unsafe: int = 0

    def fixable(self, at_least: Applicability) -> bool:
        return self.fix is not None and self.fix.applicability >= at_least

    @property
    def count(self) -> int:
        """How many findings this one counts as: 1, or those a capped rule's summary stands for."""
        return self.hidden or 1

    def fixable_count(self, applicability: Applicability) -> int:
        """How many of the findings this one counts as have a fix of exactly ``applicability``."""
        if self.hidden:
            return {Applicability.SAFE: self.hidden_safe, Applicability.UNSAFE: self.hidden_unsafe}.get(applicability, 0)
        return int(self.fix is not None and self.fix.applicability is applicability)

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.start, self.span.end, self.code)
