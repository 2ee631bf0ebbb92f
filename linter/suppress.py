"""Findings a user asked not to see: Markdown control comments and baselines.

Control comments are pure functions of the text and run inside ``lint`` (so fixes
never touch a disabled region either); a baseline filters what is reported, by
fingerprints that survive edits elsewhere in the file. (Per-file ignores narrow the
rule selection for one path: :func:`.sources.pathmatch.per_file_ignores`.)
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

import regex

from .markdown import MARKDOWN_SUFFIXES
from .model import Diagnostic, Span
from .pattern_cache import compiled

_CONTROL = compiled(
    r"<!--\s*newslint-(?P<verb>disable-next-line|disable-line|disable|enable)(?P<codes>(?:[\s,]+[A-Za-z][\w-]*)*)\s*-->"
)
_LINE_END = compiled(r"\r\n|\r|\n|\Z")


@dataclass(frozen=True)
class _Region:
    span: Span
    codes: frozenset[str] | None  # None: every rule


def markdown_regions(text: str) -> list[_Region]:
    """What the control comments switch off: ``newslint-disable`` … ``newslint-enable`` blocks,
    the comment's own line (``newslint-disable-line``) and the line after it (``-next-line``)."""
    regions: list[_Region] = []
    open_at: dict[str | None, int] = {}
    for match in _CONTROL.finditer(text):
        codes = [c.upper() for c in regex.split(r"[\s,]+", match.group("codes").strip()) if c]
        verb = match.group("verb")
        if verb in ("disable-line", "disable-next-line"):
            line = _line_around(text, match.start())
            if verb == "disable-next-line":
                line = _line_around(text, _LINE_END.search(text, line.end).end())  # type: ignore[union-attr]
            regions += [_Region(line, None if code is None else frozenset([code])) for code in codes or [None]]
        elif verb == "disable":
            for code in codes or [None]:
                open_at.setdefault(code, match.start())
        else:
            for code in codes or list(open_at):
                start = open_at.pop(code, None)
                if start is not None:
                    regions.append(_Region(Span(start, match.end()), None if code is None else frozenset([code])))
    regions += [_Region(Span(start, len(text)), None if code is None else frozenset([code])) for code, start in open_at.items()]
    return regions


def _line_around(text: str, offset: int) -> Span:
    """The line holding ``offset``, without its break."""
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    return Span(start, _LINE_END.search(text, offset).start())  # type: ignore[union-attr]


def _covers(region: _Region, diagnostic: Diagnostic) -> bool:
    inside = region.span.start <= diagnostic.span.start and diagnostic.span.end <= region.span.end
    if not inside:
        return False
    return region.codes is None or any(diagnostic.code.startswith(c) or diagnostic.name == c.lower() for c in region.codes)


def drop_markdown_suppressed(text: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    regions = markdown_regions(text)
    if not regions:
        return diagnostics
    return [d for d in diagnostics if not any(_covers(r, d) for r in regions)]


def is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


# Baselines ---------------------------------------------------------------------------------------

_SPACE = compiled(r"\s+")
CONTEXT = 24
#: Longest flagged text a fingerprint holds as it is; a longer one (a run of a million copies)
#: is kept as its start and a digest of the whole, so a baseline or SARIF log stays small.
FLAGGED_LIMIT = 1_000
BASELINE_VERSION = 1


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def fingerprints(path: str, record: str | int | None, text: str, diagnostics: Iterable[Diagnostic]) -> list[dict[str, object]]:
    """One fingerprint per finding: path, record, code, the flagged text and its surroundings on
    its own line (white space folded), and the occurrence number among identical ones. No line
    numbers, so an edit elsewhere in the file does not invalidate the baseline."""
    seen: Counter[tuple[object, ...]] = Counter()
    prints = []
    for d in diagnostics:
        flagged = _bounded(_normal(text[d.span.start : d.span.end]))
        context = _normal(_before(text, d.span.start)) + "|" + _normal(_after(text, d.span.end))
        key = (path, record, d.code, flagged, context)
        seen[key] += 1
        prints.append({"path": path, "record": record, "code": d.code, "text": flagged, "context": context, "occurrence": seen[key]})
    return prints


def _bounded(flagged: str) -> str:
    if len(flagged) <= FLAGGED_LIMIT:
        return flagged
    return f"{flagged[: FLAGGED_LIMIT // 2]}…sha256:{sha256(flagged.encode('utf-8')).hexdigest()}"


# Line breaks are looked for within the window only: a search from the start of a long line
# for each of its findings would make the time grow with the square of the line's length.
def _before(text: str, offset: int) -> str:
    """Up to ``CONTEXT`` characters before ``offset`` on its own line."""
    floor = max(0, offset - CONTEXT)
    line_start = max(text.rfind("\n", floor, offset), text.rfind("\r", floor, offset)) + 1
    return text[max(line_start, floor) : offset]


def _after(text: str, offset: int) -> str:
    ends = [i for i in (text.find("\n", offset, offset + CONTEXT), text.find("\r", offset, offset + CONTEXT)) if i >= 0]
    return text[offset : min([*ends, offset + CONTEXT])]


def _key(item: Mapping[str, object]) -> tuple[str, ...]:
    return tuple(str(item.get(k)) for k in ("path", "record", "code", "text", "context", "occurrence"))


class BaselineError(Exception):
    """A baseline file cannot be read; one line naming the file."""


@dataclass(frozen=True)
class Baseline:
    keys: frozenset[tuple[str, ...]]

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))  # a BOM is not an error
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline not found") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BaselineError(f"{path}: cannot read the baseline: {getattr(error, 'strerror', None) or error}") from None
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("findings"), list):
            raise BaselineError(f"{path}: not a newslint baseline (version {BASELINE_VERSION})")
        return cls(frozenset(_key(item) for item in data["findings"] if isinstance(item, dict)))

    def keeps(self, fingerprint: Mapping[str, object]) -> bool:
        """True for a finding that is not in the baseline (so it is reported)."""
        return _key(fingerprint) not in self.keys


def baseline_json(prints: Iterable[Mapping[str, object]]) -> str:
    """Sorted, stable, one finding a line: friendly to review in a diff."""
    items = sorted(prints, key=lambda p: _key(p))
    body = ",\n".join("    " + json.dumps(p, ensure_ascii=False, sort_keys=True) for p in items)
    return f'{{\n  "version": {BASELINE_VERSION},\n  "findings": [\n{body}\n  ]\n}}\n' if items else f'{{\n  "version": {BASELINE_VERSION},\n  "findings": []\n}}\n'
