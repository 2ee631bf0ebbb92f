"""``full``: annotated diffs, each finding in a window of context, and a closing summary table.

News paragraphs are long single lines, so a finding is shown in a window of
context around its span, cut at word boundaries, never as the whole line.
With colour the removed text is red and the added text green; without colour
(pipes, CI logs, pre-commit) the change is marked inline as ``[-old-]{+new+}``
and findings without a fix are underlined with ``^``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from rich.table import Table
from rich.text import Text

from ..line_index import LineIndex
from ..model import Applicability, Diagnostic, Edit
from ..results import Unit
from .base import Report, location
from .summary import Tally, counted, summary_lines, tallied
from .styled import SEVERITY_STYLE, Line, console, line_writer
from ..pattern_cache import compiled

ELLIPSIS = "…"
_SPACE = compiled(r"\s+")
INDENT = "    "
#: Most edits of one fix shown (a consistency fix may touch every use of a name).
MAX_EDIT_GROUPS = 3


def visible(text: str) -> str:
    """Make line breaks and tabs inside a window visible on one line."""
    return text.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵").replace("\t", "→")


@dataclass(frozen=True)
class Context:
    """The text shown before and after a window's middle part, already cut at word boundaries."""

    before: str
    after: str


def _after_first_space(text: str) -> str:
    """Drop the partial word a window starts in (kept when the window holds no space at all)."""
    match = _SPACE.search(text)
    return text[match.end() :] if match and match.end() < len(text) else text


def _before_last_space(text: str) -> str:
    """Drop the partial word a window ends in (kept when the window holds no space at all)."""
    starts = [m.start() for m in _SPACE.finditer(text)]
    return text[: starts[-1]] if starts and starts[-1] > 0 else text


def context(text: str, start: int, end: int, size: int) -> Context:
    """Up to ``size`` characters each side of ``[start, end)``, stopping at line breaks.

    Line breaks are looked for only within the window (and one character past it): news
    paragraphs are long lines, and searching a whole line for every finding in it made the
    time grow with the square of the line's length.
    """
    floor = max(0, start - size - 1)
    line_start = max(text.rfind("\n", floor, start), text.rfind("\r", floor, start)) + 1
    lo = max(line_start, start - size)
    before = text[lo:start]
    if lo > line_start and not text[lo - 1].isspace():
        before = _after_first_space(before)
    if lo > line_start:
        before = ELLIPSIS + before.lstrip()
    breaks = [i for i in (text.find("\n", end, end + size + 1), text.find("\r", end, end + size + 1)) if i >= 0]
    line_end = min(breaks) if breaks else len(text)
    hi = min(line_end, end + size)
    after = text[end:hi]
    if hi < line_end and not text[hi].isspace():
        after = _before_last_space(after)
    if hi < line_end:
        after = after.rstrip() + ELLIPSIS
    return Context(visible(before), visible(after))


def elide(text: str, limit: int) -> str:
    """Shorten a long span to its start and end, each cut at a word boundary."""
    if len(text) <= limit:
        return text
    half = max(4, (limit - 3) // 2)
    head = text[:half] if text[half].isspace() else _before_last_space(text[:half])
    tail = text[-half:] if text[-half - 1].isspace() else _after_first_space(text[-half:])
    return f"{head.rstrip()} {ELLIPSIS} {tail.lstrip()}"


def _groups(edits: tuple[Edit, ...], gap: int) -> list[list[Edit]]:
    """Edits close enough to share one window."""
    groups: list[list[Edit]] = []
    for edit in edits:
        if groups and edit.span.start - groups[-1][-1].span.end <= gap:
            groups[-1].append(edit)
        else:
            groups.append([edit])
    return groups


class Renderer:
    """Builds the rich renderables of one report."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.color = report.color
        self.span_limit = max(30, report.width - 30)
        self.size = max(20, min(60, (report.width - len(INDENT) - 12) // 2))

    def header(self, unit: Unit, index: LineIndex, diagnostic: Diagnostic) -> Line:
        line, column = index.position(diagnostic.span.start)
        header = Line()
        header.append(f"{location(unit)}:{line}:{column}", style="bold")
        header.append("  ")
        header.append(diagnostic.code, style=SEVERITY_STYLE[diagnostic.severity])
        header.append(f" {diagnostic.name}  ")
        header.append(diagnostic.severity.label, style=SEVERITY_STYLE[diagnostic.severity])
        fix = diagnostic.fix
        if fix is not None:
            label = {
                Applicability.SAFE: "[*] safe fix",
                Applicability.UNSAFE: "[*] unsafe fix",
                Applicability.DISPLAY_ONLY: "display-only fix",
            }[fix.applicability]
            header.append(f"  {label}", style="green" if fix.applicability is Applicability.SAFE else "magenta")
        return header

    def marked(self, text: str, style: str, opening: str, closing: str) -> Line:
        if self.color:
            return Line(visible(text), style=style)
        return Line(f"{opening}{visible(text)}{closing}")

    def diff_lines(self, source: str, group: list[Edit]) -> list[Line]:
        """The ``-`` and ``+`` lines of one window of edits."""
        start, end = group[0].span.start, group[-1].span.end
        around = context(source, start, end, self.size)
        old = Line(f"{INDENT[:-2]}- ", style="red")
        new = Line(f"{INDENT[:-2]}+ ", style="green")
        old.append(around.before)
        new.append(around.before)
        cursor = start
        for edit in group:
            between = visible(source[cursor : edit.span.start])
            old.append(between)
            new.append(between)
            removed = source[edit.span.start : edit.span.end]
            if removed:
                old.append(self.marked(elide(removed, self.span_limit), "bold red reverse", "[-", "-]"))
            if edit.replacement:
                new.append(self.marked(elide(edit.replacement, self.span_limit), "bold green reverse", "{+", "+}"))
            cursor = edit.span.end
        old.append(around.after)
        new.append(around.after)
        return [old, new]

    def underline(self, source: str, diagnostic: Diagnostic) -> list[Line]:
        """The window with the span underlined, for findings without a fix.

        An empty span (a point, or a whole-text finding at 1:1) gets one caret under the character
        that follows it, and nothing is inserted into the quoted text.
        """
        span = diagnostic.span
        around = context(source, span.start, span.end, self.size)
        flagged = elide(visible(source[span.start : span.end]), self.span_limit)
        line = Line(INDENT)
        line.append(around.before)
        line.append(flagged, style=f"{SEVERITY_STYLE[diagnostic.severity]} underline")
        line.append(around.after)
        marks = Line(INDENT + " " * len(around.before) + "^" * max(len(flagged), 1), style=SEVERITY_STYLE[diagnostic.severity])
        return [line, marks]

    def finding(self, unit: Unit, index: LineIndex, diagnostic: Diagnostic) -> list[Line]:
        lines = [self.header(unit, index, diagnostic)]
        fix = diagnostic.fix
        if fix is None:
            lines.extend(self.underline(unit.text, diagnostic))
        else:
            groups = _groups(fix.edits, self.size)
            for group in groups[:MAX_EDIT_GROUPS]:
                lines.extend(self.diff_lines(unit.text, group))
            if len(groups) > MAX_EDIT_GROUPS:
                lines.append(Line(f"{INDENT}(and {len(groups) - MAX_EDIT_GROUPS} more places)", style="dim"))
        lines.append(Line(INDENT + diagnostic.message, style="italic"))
        return lines

    def summary(self, tally: Tally) -> list[Table | Text]:
        """The table of counts by rule, then the summary lines every format for people ends with."""
        out: list[Table | Text] = [self.table(tally)] if tally.by_code else []
        return out + [Text(line) for line in summary_lines(self.report, tally)]

    def table(self, tally: Tally) -> Table:
        counts, fixable = tally.by_code, tally.fixable
        table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
        for column, justify in (("count", "right"), ("code", "left"), ("name", "left"), ("severity", "left"), ("fixable", "right")):
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        for code in sorted(counts, key=lambda c: (-counts[c], c)):
            d = tally.first[code]
            table.add_row(
                str(counts[code]),
                Text(code, style=SEVERITY_STYLE[d.severity]),
                d.name,
                d.severity.label,
                str(fixable[code]) if fixable[code] else "",
            )
        return table


def write_full(report: Report, stream: TextIO) -> None:
    """Each finding is written as it comes (no layout over all of them), then the summary."""
    out = console(report, stream)
    write = line_writer(out, stream)
    renderer = Renderer(report)
    tally = Tally()
    for unit, index, diagnostic in tallied(report, tally):
        for line in renderer.finding(unit, index, diagnostic):
            write(line)
        stream.write("\n")
    if not report.quiet:
        for part in renderer.summary(tally):
            out.print(part)


def write_statistics(report: Report, stream: TextIO) -> None:
    """``--statistics``: the table of counts by code and the summary lines, without the findings."""
    tally = counted(report)
    renderer = Renderer(report)
    parts = renderer.summary(tally) if not report.quiet else [renderer.table(tally)] if tally.by_code else []
    out = console(report, stream)
    for part in parts:
        out.print(part)
