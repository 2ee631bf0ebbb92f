"""Terminal lines with rich styles, written fast: shared by the formats that print to a terminal.

``full`` and ``concise`` colour the same parts the same way (bold path, the severity's colour
on the code, green for a safe fix); this module holds the styles and the writer, so that
neither format imports the other.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from itertools import groupby
from typing import TextIO

from rich.color import ColorSystem
from rich.console import Console
from rich.control import STRIP_CONTROL_CODES
from rich.style import Style

from ..model import Severity
from .base import Report
from ..pattern_cache import compiled

#: The control codes rich strips (bell, backspace, ...): one regex scan, where rich's
#: ``strip_control_codes`` (``str.translate`` with a dict) costs microseconds per piece.
_CONTROL = compiled("[" + "".join(map(chr, STRIP_CONTROL_CODES)) + "]")
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class Line:
    """One output line as pieces of text and their rich styles, under an optional style for the whole.

    The subset of ``rich.text.Text`` that findings need, at a fraction of its cost: rich's
    ``Text`` strips control codes and resolves styles on every append, which made writing
    100,000 findings take minutes.
    """

    __slots__ = ("pieces", "style")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.style = style
        self.pieces: list[tuple[str, str]] = []
        self.append(text)

    def append(self, text: str | Line, style: str = "") -> None:
        if isinstance(text, Line):
            self.pieces.extend((piece, f"{text.style} {inner}".strip()) for piece, inner in text.pieces)
        elif text:
            self.pieces.append((text, style))

    # Control codes (bell, backspace, ...) are stripped as rich does, once per line or run of one
    # style rather than once per piece: stripping deletes characters, so it commutes with joining.
    @property
    def plain(self) -> str:
        return _CONTROL.sub("", "".join(piece for piece, _ in self.pieces))

    def ansi(self, system: ColorSystem) -> str:
        """The line with ANSI codes for ``system``."""
        styled = groupby(self.pieces, key=lambda piece: f"{self.style} {piece[1]}".strip())
        return "".join(_style(style).render(_CONTROL.sub("", "".join(p for p, _ in pieces)), color_system=system) for style, pieces in styled)


@lru_cache(maxsize=64)
def _style(definition: str) -> Style:
    """A parsed style; in ``"red bold green"`` the later colour wins, as in rich's combined spans."""
    return Style.combine(Style.parse(word) for word in definition.split()) if definition else Style.null()


def console(report: Report, stream: TextIO) -> Console:
    return Console(
        file=stream,
        width=report.width,
        force_terminal=report.color,
        no_color=not report.color,
        color_system="auto" if report.color else None,
        soft_wrap=True,
        highlight=False,
        emoji=False,
        markup=False,
    )


#: rich's names of colour systems (``Console.color_system``) and the systems ``Style.render`` takes.
_COLOR_SYSTEMS = {"standard": ColorSystem.STANDARD, "256": ColorSystem.EIGHT_BIT, "truecolor": ColorSystem.TRUECOLOR, "windows": ColorSystem.WINDOWS}


def line_writer(out: Console, stream: TextIO) -> Callable[[Line], None]:
    """Write one line straight to ``stream``, as plain text or with the console's ANSI codes.

    ``Console.print`` measures the terminal and lays out every call (about half a millisecond a
    line); a finding's lines need no layout, so they are written as they come and the time is
    linear in the number of findings.
    """
    system = _COLOR_SYSTEMS.get(out.color_system or "")
    if system is None:
        return lambda line: stream.write(line.plain + "\n")
    return lambda line: stream.write(line.ansi(system) + "\n")
