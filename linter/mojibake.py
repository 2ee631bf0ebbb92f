"""Mojibake: the words of a text that were decoded with the wrong codec, and ftfy's repair of each.

ftfy is configured narrowly: it repairs text that was decoded with the wrong
codec and nothing else. Its defaults also straighten curly quotes, widen or
narrow characters and normalise Unicode, which would "fix" correct typography
in clean news. :attr:`linter.segments.Document.mojibake` computes the damage once
per text: the mojibake rule reports it, and pattern rules use it so that they do
not read a byte of a damaged character (the © of ``Ã©``) as the symbol it looks like.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from .model import Span
from .superset import superset
from .pattern_cache import compiled

# Characters that occur in mojibake; a paragraph without any is not given to ftfy at all.
# These two are lists of code points, read alike by ``re`` and ``regex``; ``re`` scans for such a
# class about ten times faster, and every non-ASCII text is scanned (the pound sign is in both).
_SUSPECT = re.compile(r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
# Mojibake of UTF-8 read as Latin-1, cp1252 or MacRoman always has a character from this set
# (the lead byte of a multi-byte sequence); curly quotes, dashes and ellipses alone never are.
_MOJIBAKE_GATE = re.compile(r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2020-\u2022\u2030\u2039\u203a\u20ac\u2122]")
_WORD_EDGE = compiled(r"\s")
_SPACES = compiled(r"(\s+)")


@cache
def _fixer_config() -> Any:
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


def repair(text: str) -> str:
    """``text`` with encoding damage undone, and nothing else changed."""
    import ftfy

    return ftfy.fix_text(text, _fixer_config())


def _changed_regions(old: str, new: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, replacement)`` regions of ``old`` that differ, widened to whole words.

    The repair almost always keeps the white space, so the words are compared one by
    one; only when it does not (a damaged no-break space) does difflib, whose time
    grows with the square of the length, align the two.
    """
    old_parts, new_parts = _SPACES.split(old), _SPACES.split(new)
    if len(old_parts) != len(new_parts) or old_parts[1::2] != new_parts[1::2]:
        yield from _aligned_regions(old, new)
        return
    offset = 0
    for index, (before, after) in enumerate(zip(old_parts, new_parts)):
        if index % 2 == 0 and before != after:
            yield offset, offset + len(before), after
        offset += len(before)


def _aligned_regions(old: str, new: str) -> Iterator[tuple[int, int, str]]:
    import difflib  # here, not at import: only a repair that changes the spacing gets here

    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    regions: list[list[int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        while i1 > 0 and not _WORD_EDGE.match(old[i1 - 1]):
            i1, j1 = i1 - 1, j1 - 1
        while i2 < len(old) and not _WORD_EDGE.match(old[i2]):
            i2, j2 = i2 + 1, j2 + 1
        if regions and i1 <= regions[-1][1]:
            regions[-1][1], regions[-1][3] = max(regions[-1][1], i2), max(regions[-1][3], j2)
        else:
            regions.append([i1, i2, j1, j2])
    for i1, i2, j1, j2 in regions:
        yield i1, i2, new[j1:j2]


#: Characters of text given to ftfy and compared with its repair at a time: the comparison
#: (difflib) grows with the square of the length, and a scraped paragraph can be megabytes long.
WINDOW = 500


def _windows(text: str, paragraph: Span) -> Iterator[Span]:
    """The paragraph in pieces of at most ``WINDOW`` characters, cut at ASCII white space.

    Mojibake never contains ASCII white space (every byte of a multi-byte sequence is
    0x80 or above), so a cut there never splits a damaged character.
    """
    start = paragraph.start
    while paragraph.end - start > WINDOW:
        cut = max(text.rfind(" ", start, start + WINDOW), text.rfind("\n", start, start + WINDOW), text.rfind("\t", start, start + WINDOW))
        end = cut + 1 if cut > start else start + WINDOW
        yield Span(start, end)
        start = end
    yield Span(start, paragraph.end)


#: Characters of gated text read before ftfy's badness test gets its RE2 form: translating it
#: (about 35 ms) repays itself only over some hundred thousand characters, not in a one-file run.
BADNESS_WARM_UP = 200_000
_read = 0


@cache
def _badness() -> Any | None:
    """An RE2 superset of ftfy's badness pattern, which every window ``is_bad`` calls bad holds a
    match of: searched once over a text (0.005 s for the non-ASCII texts of the clean corpus, where
    ``re`` took 0.3 s), it tells the texts no window of which needs the test. None: no such form."""
    try:
        import re2
        from ftfy.badness import BADNESS_RE

        if BADNESS_RE.flags & ~(re.VERBOSE | re.UNICODE):
            return None  # a flag the translation is not told of
        wider = superset(f"(?x){BADNESS_RE.pattern}").whole
        return None if wider is None else re2.compile(wider)
    except Exception:  # no RE2, a construct the translation does not take, or a form RE2 refuses
        return None


def expect_a_long_run() -> None:
    """Translate the badness test now, as a run does once it has read ``BADNESS_WARM_UP`` characters.

    A process that forks workers for a run of a megabyte or more calls this first
    (:mod:`linter.parallel.warm`): each worker would otherwise translate it again, after
    testing its first 200,000 characters the slow way.
    """
    global _read
    _read = max(_read, BADNESS_WARM_UP)
    _badness()


def _maybe_bad(text: str) -> bool:
    """False only where no piece of ``text`` is one that ftfy's ``is_bad`` calls bad."""
    global _read
    _read += len(text)
    wider = _badness() if _read >= BADNESS_WARM_UP else None
    if wider is None:
        return True
    try:
        return wider.search(text) is not None
    except Exception:  # a lone surrogate cannot be encoded as UTF-8: no verdict
        return True


def damage(text: str, paragraphs: Sequence[Span]) -> list[tuple[Span, str]]:
    """Each damaged word or run of words of ``text`` with its repair, in order."""
    # An ASCII text has no character of the gate (all are U+0080 or above): ``isascii`` says so
    # without a regex scan, for most English news. The gate spares importing ftfy for texts whose
    # only non-ASCII is typography.
    if text.isascii() or not _MOJIBAKE_GATE.search(text) or not _maybe_bad(text):
        return []
    import ftfy.badness

    found: list[tuple[Span, str]] = []
    for paragraph in paragraphs:
        for window in _windows(text, paragraph):
            piece = text[window.start : window.end]
            if not _SUSPECT.search(piece) or not ftfy.badness.is_bad(piece):
                continue
            fixed = repair(piece)
            if fixed == piece:
                continue
            for start, end, replacement in _changed_regions(piece, fixed):
                found.append((Span(window.start + start, window.start + end), replacement))
    return found


def repaired(text: str, span: Span, damaged: Sequence[tuple[Span, str]]) -> str:
    """``text[span]`` with every damaged word that lies inside ``span`` repaired."""
    parts: list[str] = []
    cursor = span.start
    for region, replacement in damaged:
        if span.contains(region):
            parts.append(text[cursor : region.start])
            parts.append(replacement)
            cursor = region.end
    parts.append(text[cursor : span.end])
    return "".join(parts)
