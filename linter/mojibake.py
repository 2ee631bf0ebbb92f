"""Mojibake: the words of a text that were decoded with the wrong codec, and ftfy's repair of each.

ftfy is configured narrowly: it repairs text that was decoded with the wrong
codec and nothing else. Its defaults also straighten curly quotes, widen or
narrow characters and normalise Unicode, which would "fix" correct typography
in clean news. :attr:`linter.segments.Document.mojibake` computes the damage once
per text: the mojibake rule reports it, and pattern rules use it so that they do
not read a byte of a damaged character (the © of ``Ã©``) as the symbol it looks like.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from .cache import cache_dir, write_cache_file
from .model import Span
from .ruleset_cache import code_digest
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


@cache
def _form_path() -> Path | None:
    """Where the RE2 form of the installed ftfy's badness test is kept: named by the test's source
    and newslint's, read without importing ftfy (None: ftfy's files are not where a path reaches)."""
    try:
        spec = importlib.util.find_spec("ftfy")
        folder = next(iter(spec.submodule_search_locations or ())) if spec is not None else None
        if folder is None:
            return None
        digest = hashlib.sha256(Path(folder, "badness.py").read_bytes())
    except (OSError, ImportError, ValueError):
        return None
    digest.update(code_digest())
    return cache_dir("mojibake") / f"badness-{digest.hexdigest()[:32]}.re2"


@cache
def _kept_form() -> str | None:
    """The kept RE2 form ("" where the test has none), or None where no run has kept one."""
    path = _form_path()
    try:
        return None if path is None else path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _translated_form() -> str:
    """The RE2 form of ftfy's badness pattern, translated now ("": none, as the test has a flag it is not told of)."""
    from ftfy.badness import BADNESS_RE

    if BADNESS_RE.flags & ~(re.VERBOSE | re.UNICODE):
        return ""  # a flag the translation is not told of
    return superset(f"(?x){BADNESS_RE.pattern}").whole or ""


def _keep_form(form: str) -> None:
    """Keep ``form`` for later runs, and drop the forms of other ftfy or newslint versions (each a few kB)."""
    path = _form_path()
    if path is None:
        return
    try:
        write_cache_file(path, form.encode("utf-8"))
        for other in path.parent.glob("badness-*.re2"):
            if other != path:
                other.unlink(missing_ok=True)
    except OSError:  # a cache that cannot be written only costs the next run the translation
        pass


@cache
def _badness() -> Any | None:
    """An RE2 superset of ftfy's badness pattern, which every window ``is_bad`` calls bad holds a
    match of: searched once over a text (0.005 s for the non-ASCII texts of the clean corpus, where
    ``re`` took 0.3 s), it tells the texts no window of which needs the test, and so spares them
    importing ftfy (30 ms). The first run that meets a gated text translates the form (2.5 ms,
    with ftfy imported) and keeps it on disk; later runs read it (0.1 ms) and compile it (1 ms).
    None: no such form (no RE2, or the test has a construct RE2 or the translation refuses)."""
    try:
        import re2
    except ImportError:
        return None
    form = _kept_form()
    if form is None:
        try:
            form = _translated_form()
        except Exception:  # a construct the translation does not take: asked again by the next run
            return None
        _keep_form(form)
    try:
        return re2.compile(form) if form else None
    except Exception:  # a form RE2 refuses
        return None


def _maybe_bad(text: str) -> bool:
    """False only where no piece of ``text`` is one that ftfy's ``is_bad`` calls bad."""
    wider = _badness()
    if wider is None:
        return True
    try:
        return wider.search(text) is not None
    except Exception:  # a lone surrogate cannot be encoded as UTF-8: no verdict
        return True


#: Whether :func:`damage` leaves alone the texts it would import ftfy for (:func:`sparing_ftfy`).
_sparing = False


@contextmanager
def sparing_ftfy() -> Iterator[None]:
    """Within it, a text that only ftfy could clear is taken as undamaged, and ftfy is not imported.

    For a process warming up before it forks its workers (:mod:`linter.parallel.warm`): the
    rules' examples of mojibake would import ftfy (30 ms) before any worker starts, where the
    workers whose documents need it (none, on the clean corpus) import it themselves.
    """
    global _sparing
    saved, _sparing = _sparing, True
    try:
        yield
    finally:
        _sparing = saved


def damage(text: str, paragraphs: Sequence[Span]) -> list[tuple[Span, str]]:
    """Each damaged word or run of words of ``text`` with its repair, in order and apart (none overlaps another)."""
    # An ASCII text has no character of the gate (all are U+0080 or above): ``isascii`` says so
    # without a regex scan, for most English news. The gate spares importing ftfy for texts whose
    # only non-ASCII is typography.
    if text.isascii() or not _MOJIBAKE_GATE.search(text) or not _maybe_bad(text) or _sparing:
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


def touches(damaged: Sequence[tuple[Span, str]], span: Span) -> bool:
    """Whether a damaged word of ``damaged`` (as :func:`damage` gives them: in order, apart) overlaps ``span``.

    By bisection: a text full of mojibake has tens of thousands of damaged words, and the
    pattern rules ask this of each of their matches.
    """
    index = bisect_right(damaged, span.start, key=lambda item: item[0].end)  # the first ending after span.start
    return index < len(damaged) and damaged[index][0].start < span.end


def repaired(text: str, span: Span, damaged: Sequence[tuple[Span, str]]) -> str:
    """``text[span]`` with every damaged word that lies inside ``span`` repaired (``damaged`` as :func:`damage` gives them)."""
    parts: list[str] = []
    cursor = span.start
    for index in range(bisect_left(damaged, span.start, key=lambda item: item[0].start), len(damaged)):
        region, replacement = damaged[index]
        if region.start >= span.end:
            break
        if span.contains(region):
            parts.append(text[cursor : region.start])
            parts.append(replacement)
            cursor = region.end
    parts.append(text[cursor : span.end])
    return "".join(parts)
