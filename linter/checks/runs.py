"""``run``: one unit (a punctuation mark, a blank line) written over and over, reported once.

A broken scraper writes ``. . . . `` or blank lines by the megabyte. Each copy found on its
own would be a million findings and a million sentences or lines for every other rule; the
run is one defect, so it is one finding spanning it, followed across chunk boundaries,
whose fix keeps the first copies.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import regex

from ..model import Diagnostic, Edit, Span
from ..registry import Check, Param, register
from ..segments import CHUNK, Document
from ..bounded import compile_pattern, extend, finditer_spans
from .prefiltered import Prefiltered


@register
class RunCheck(Prefiltered, Check):
    """Flag ``min`` or more copies in a row of one ``unit`` (a regex; every copy is the same
    text), each copy after the first preceded by the same ``gap`` (a regex, e.g. an optional
    space: ``. . . .``). The fix deletes all but the first copy."""

    name = "run"
    #: Ten marks or blank lines in a row are no URL or address; and finding the URLs of a long
    #: run of periods costs time quadratic in the run (an e-mail address's local part is a run
    #: of word characters and periods, tried from each period).
    skips_protected = False
    PARAMS = {
        "unit": Param(str, "a regex for one copy"),
        "gap": Param(str, "a regex for what may stand between copies", ""),
        "min": Param(int, "the fewest copies that make a finding"),
    }

    def __init__(self, rule: Any, params: Mapping[str, Any]) -> None:
        super().__init__(rule, params)
        self.minimum = params["min"]
        gap = params["gap"]
        # A unit, a gap and the same unit again (backreferences keep every copy equal): most
        # marks stand alone, and a run split by a chunk boundary is followed past it anyway.
        self.pattern = compile_pattern(rf"(?P<unit>{params['unit']})(?P<gap>{gap})(?P=unit)(?:(?P=gap)(?P=unit))*+")
        # A finding is ``min`` copies in a row in the text, whatever its chunks: the superset of
        # that many (each copy widened to any unit) tells the prefilter which texts have none.
        self._prefilter(f"(?:{params['unit']})" + f"(?:(?:{gap})(?:{params['unit']}))" * (max(self.minimum, 2) - 1))

    def findings(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.text
        reached = 0
        for match in finditer_spans(self.pattern, text, doc.chunks):
            if match.start() < reached:
                continue  # the rest of a run already followed across a chunk boundary
            unit, gap = match.group("unit"), match.group("gap") or ""
            copy = gap + unit
            more = regex.compile(f"(?:{regex.escape(copy)})++")
            reached = extend(more, text, match.end(), CHUNK - CHUNK % len(copy))
            count = 1 + (reached - match.start() - len(unit)) // len(copy)
            if count >= self.minimum:
                kept = Span(match.start() + len(unit), reached)
                yield self.rule.diagnostic(Span(match.start(), reached), edits=[Edit(kept, "")], unit=unit, count=f"{count:,}")
