"""Which characters of a Markdown text are prose, and a same-length copy with the rest masked.

Markdown files are parsed with markdown-it-py (CommonMark, plus GFM tables). Rules then run on a
copy of the text in which everything that is not prose is masked with characters of the same
length (line breaks kept), so sentences stay whole and offsets stay those of the original file:

* inline code and autolinks become a neutral word (``x`` repeated), since they stand for a word
  of the sentence (``Run `pip install .` first`` reads as ``Run xxxxxxxxxxxxxxx first``);
* everything else that is not prose becomes spaces: front matter, code blocks, HTML blocks and
  inline HTML, images, the brackets and destinations of links, table pipes and delimiter rows,
  heading and list markers, blockquote markers, link reference definitions, the spaces of a hard
  line break.

A finding (or any edit of its fix) that touches a masked character is dropped by
:meth:`MarkdownText.keeps`, so nothing is reported about markup and no fix ever rewrites it.
markdown-it-py is imported on first use: plain-text runs never pay for it.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import regex

from .model import Diagnostic, Span
from .pattern_cache import compiled

#: File names read as Markdown (by suffix, in any case).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

_FRONT_MATTER = compiled(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*(?=\r|\n|\Z)", regex.S | regex.M)
_BREAK = compiled(r"\r\n|\r|\n")
_NOT_BREAK = compiled(r"[^\r\n]")
#: Keys in markdown-it's ``env``: the records of every inline block (by token id), and of the one being parsed.
_RECORDS, _CURRENT = "newslint.records", "newslint.current"
#: Blocks whose every line, blank ones included, is not prose.
_OPAQUE_BLOCKS = frozenset({"fence", "code_block", "html_block"})
#: Blocks whose lines are laid out rather than run on: their prose is kept, but it is not a paragraph's.
_LAYOUT_BLOCKS = frozenset({"heading_open", "table_open", "list_item_open"})


class Mask(enum.Enum):
    """What a masked character becomes: a space, or a letter of a placeholder word."""

    BLANK = " "
    WORD = "x"


@dataclass(frozen=True, slots=True)
class _Masked:
    start: int
    end: int
    mask: Mask


@dataclass(frozen=True, slots=True)
class MarkdownText:
    """``text`` with every non-prose character masked; ``protected`` are those spans, merged and sorted.

    ``layout`` are the lines of headings, tables and list items, merged and sorted likewise: a
    page's layout, whose short lines without end punctuation say nothing about the text being a
    menu (NL720).
    """

    text: str
    protected: tuple[Span, ...]
    layout: tuple[Span, ...] = ()

    def keeps(self, diagnostic: Diagnostic) -> bool:
        """False for a finding whose span or fix touches markup."""
        spans = [diagnostic.span, *(edit.span for edit in diagnostic.fix.edits)] if diagnostic.fix else [diagnostic.span]
        return not any(self._touches(span) for span in spans)

    def _touches(self, span: Span) -> bool:
        # Protected spans are disjoint and sorted, so the last one starting before ``span`` ends
        # is the only candidate; an empty span (an insertion) touches only a span strictly around it.
        index = bisect.bisect_left(self.protected, span.end, key=lambda p: p.start) - 1
        return index >= 0 and self.protected[index].overlaps(span)


def mask_markdown(text: str) -> MarkdownText:
    """Parse ``text`` as Markdown and mask what is not prose (see the module docstring)."""
    lines = list(_line_spans(text))
    masked: list[_Masked] = []
    front = _FRONT_MATTER.match(text)
    source = text
    if front is not None:
        masked.append(_Masked(front.start(), front.end(), Mask.BLANK))
        source = _apply(text, masked)
    env: dict[str, Any] = {}
    tokens = _parser().parse(source, env)
    prose: dict[int, list[Span]] = {}
    layout: list[Span] = []
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        if token.type in _LAYOUT_BLOCKS:
            layout.append(Span(lines[token.map[0]].start, lines[min(token.map[1], len(lines)) - 1].end))
        if token.type in _OPAQUE_BLOCKS:
            last = lines[min(token.map[1], len(lines)) - 1]
            masked.append(_Masked(lines[token.map[0]].start, last.end, Mask.BLANK))
        elif token.type == "inline":
            masked.extend(_inline(text, lines, token, tokens[index - 1], env.get(_RECORDS, {}).get(id(token), ()), prose))
    masked.extend(_outside_prose(text, lines, prose))
    return MarkdownText(_apply(text, masked), tuple(_merge(masked)), tuple(_merge(layout)))


def _line_spans(text: str) -> Iterator[Span]:
    """Each line without its break; a break is ``\\r\\n``, ``\\r`` or ``\\n``, as markdown-it counts lines."""
    start = 0
    for match in _BREAK.finditer(text):
        yield Span(start, match.start())
        start = match.end()
    yield Span(start, len(text))


def _inline(
    text: str, lines: list[Span], token: Token, opener: Token, records: tuple[_Masked, ...], prose: dict[int, list[Span]]
) -> list[_Masked]:
    """The prose segments of one inline block (added to ``prose`` by line) and its masked inline spans.

    markdown-it gives the block's content (container markers and indentation removed, lines
    joined) but no columns. Each content line is a piece of one source line: running text ends at
    the end of its line (the last line before trailing white space); an ATX heading or table cell
    is found in its line after the cells before it (a cell's ``|`` was written ``\\|``). Records
    are offsets into the content, mapped back through anchors. A content line that cannot be
    placed makes the whole block non-prose.
    """
    assert token.map is not None
    running = opener.type == "paragraph_open" or opener.markup in ("=", "-")  # paragraphs, setext headings
    cell = opener.type in ("th_open", "td_open")
    anchors: list[tuple[int, int]] = []  # (content offset, the source offset it maps to; the next ones follow it)
    offset = 0
    content_lines = token.content.split("\n")
    for number, piece in enumerate(content_lines):
        line_number = token.map[0] + number
        if line_number >= len(lines):
            return [_Masked(lines[token.map[0]].start, lines[-1].end, Mask.BLANK)]
        line = lines[line_number]
        written = piece.replace("|", "\\|") if cell else piece
        if running:
            end = line.end if number < len(content_lines) - 1 else line.start + len(text[line.start : line.end].rstrip())
            start = end - len(written)
        else:
            after = max((s.end for s in prose.get(line_number, ())), default=line.start)
            start = text.find(written, after, line.end) if written else after
        body = written.lstrip()
        body_start = start + len(written) - len(body)
        if start < 0 or body_start < line.start or text[body_start : body_start + len(body)].replace("\0", "\ufffd") != body:
            return [_Masked(lines[token.map[0]].start, lines[token.map[0] + len(content_lines) - 1].end, Mask.BLANK)]
        anchors.append((offset, start))
        if cell:
            anchors.extend((offset + i, start + i + k + 1) for k, i in enumerate(i for i, c in enumerate(piece) if c == "|"))
        if body:
            prose.setdefault(line_number, []).append(Span(body_start, body_start + len(body)))
        offset += len(piece) + 1
    starts = [content_offset for content_offset, _ in anchors]

    def source(content_offset: int) -> int:
        content_start, source_start = anchors[bisect.bisect_right(starts, content_offset) - 1]
        return source_start + content_offset - content_start

    return [_Masked(source(r.start), source(r.end - 1) + 1, r.mask) for r in records if r.end > r.start]


def _outside_prose(text: str, lines: list[Span], prose: dict[int, list[Span]]) -> Iterator[_Masked]:
    """Everything on a line outside its prose segments: markers, pipes, whole lines of markup.

    White space after the last segment stays unmasked (so trailing white space is still
    reported), and so do blank lines.
    """
    for number, line in enumerate(lines):
        segments = sorted(prose.get(number, ()))
        if not segments:
            if text[line.start : line.end].strip():
                yield _Masked(line.start, line.end, Mask.BLANK)
            continue
        cursor = line.start
        for segment in segments:
            if segment.start > cursor:
                yield _Masked(cursor, segment.start, Mask.BLANK)
            cursor = max(cursor, segment.end)
        if text[cursor : line.end].strip():
            yield _Masked(cursor, line.end, Mask.BLANK)


def _apply(text: str, masked: list[_Masked]) -> str:
    """``text`` with each masked span's characters (not its line breaks) replaced; words win over blanks."""
    chars = list(text)
    for item in sorted(masked, key=lambda m: m.mask is Mask.WORD):
        chars[item.start : item.end] = _NOT_BREAK.sub(item.mask.value, text[item.start : item.end])
    return "".join(chars)


def _merge(parts: Iterable[Span | _Masked]) -> Iterator[Span]:
    """The non-empty ``parts`` as sorted, disjoint spans: overlapping or touching ones made one (list items nest)."""
    spans = sorted((m.start, m.end) for m in parts if m.end > m.start)
    if not spans:
        return
    start, end = spans[0]
    for next_start, next_end in spans[1:]:
        if next_start > end:
            yield Span(start, end)
            start = next_start
        end = max(end, next_end)
    yield Span(start, end)


# The parser ----------------------------------------------------------------------------------------

InlineRule = Callable[["StateInline", bool], bool]


@cache
def _parser() -> MarkdownIt:
    """CommonMark with GFM tables, whose inline rules record where they matched (markdown-it has no columns)."""
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import autolink, backtick, html_inline, image, link, newline

    md = MarkdownIt("commonmark").enable("table")
    for name, rule in (("backticks", backtick), ("link", link), ("image", image), ("autolink", autolink), ("html_inline", html_inline), ("newline", newline)):
        md.inline.ruler.at(name, _recording(name, rule))
    md.core.ruler.at("inline", _inline_core)
    return md


def _inline_core(state: StateCore) -> None:
    """markdown-it's core ``inline`` rule, with a record list per inline block in ``env``."""
    records = state.env.setdefault(_RECORDS, {})
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            current: list[_Masked] = []
            state.env[_CURRENT] = current
            state.md.inline.parse(token.content, state.md, state.env, token.children)
            records[id(token)] = tuple(current)
    state.env.pop(_CURRENT, None)


def _recording(name: str, rule: InlineRule) -> InlineRule:
    def recorded(state: StateInline, silent: bool) -> bool:
        start, before = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent and _CURRENT in state.env:
            state.env[_CURRENT].extend(_classify(name, state, start, state.tokens[before:]))
        return True

    return recorded


def _classify(name: str, state: StateInline, start: int, pushed: list[Token]) -> Iterator[_Masked]:
    """The non-prose spans of one match of the inline rule ``name``, in content offsets."""
    end = state.pos
    types = {token.type for token in pushed}
    if name in ("backticks", "autolink") and types & {"code_inline", "link_open"}:
        yield _Masked(start, end, Mask.WORD)  # an unclosed backtick run is text, and pushes no code token
    elif name in ("image", "html_inline"):
        yield _Masked(start, end, Mask.BLANK)
    elif name == "link":
        label_end = state.md.helpers.parseLinkLabel(state, start, True)
        yield _Masked(start, start + 1, Mask.BLANK)
        yield _Masked(label_end, end, Mask.BLANK)
    elif name == "newline" and "hardbreak" in types:
        spaces = start
        while spaces > 0 and state.src[spaces - 1] == " ":
            spaces -= 1
        yield _Masked(spaces, start, Mask.BLANK)
