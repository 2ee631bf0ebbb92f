"""The pieces of a text that checks share: lines, paragraphs, sentences, quotes, URLs.

A :class:`Document` computes each segmentation lazily, once, so that twenty rules
asking for sentences pay for one split. Every segment is a :class:`Span` into the
original text; nothing here copies or normalises the text.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import cached_property
from typing import Any

import regex

from .language import ENGLISH, Language, english_outweighs, foreign_paragraphs, marker_languages, paragraph_languages, text_language
from .line_index import LineIndex
from .model import Span
from .sentences import split_sentences, trim
from .words import count_words, lowercase_runs
from .pattern_cache import compiled

#: The longest piece of text one regex call is given (see ``Document.chunks``).
CHUNK = 1 << 16
# A line holding a non-space character: it starts after a line break (or at the start), so
# the search costs one attempt per line start, not one per character of a blank run.
_FILLED_LINE = compiled(r"(?<![^\r\n])[^\S\r\n]*+\S[^\r\n]*+")
_BLOCK_MARKER = compiled(r"\s*(?:#{1,6}\s|[-*+•]\s|\d{1,3}[.)]\s|>)")

_URL = compiled(
    r"""(?xi)
    \b(?:https?://|ftp://|www\.)[^\s<>"'“”]+[^\s<>"'“”.,;:!?)\]]
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
    | (?<![\w@])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|mil|info|biz|io|tv|fm|
        uk|us|eu|de|fr|ru|cn|jp|in|au|ca|ie|nz|za|ua|it|es|nl|se|no|ch|be|at|pl|ly|me|co)
        (?:/[^\s<>"'“”]*[^\s<>"'“”.,;:!?)\]])?(?![\w-])
    | (?<![\w&])[@#]\w+
    """
)
# Every form _URL matches holds one of these marks, and none spans white space: only the
# runs of non-space characters that hold a mark need the full pattern.
_URL_MARK = compiled(r"[@#]|\.\S|://")
_SPACE = compiled(r"\s")
_LAST_SPACE = compiled(r"\s", regex.REVERSE)
_DOUBLE_QUOTES = compiled(r"[\"“”„«»]")


class Document:
    """A text with its segmentations computed on first use."""

    def __init__(self, text: str, language: str | None = None, source: str | None = None, layout: Sequence[Span] = ()) -> None:
        self.text = text
        #: Markdown's headings, tables and list items, merged and sorted (:attr:`linter.markdown.MarkdownText.layout`);
        #: none in plain text.
        self.layout = layout
        self._given_language = language
        #: The source (site) the text belongs to in a corpus run, for the template rules; None alone.
        self.source = source
        #: What checks work out once per text and share, each under a key of its own module. It dies
        #: with the document: a ``WeakKeyDictionary`` per check made a weak reference at each look-up
        #: and ran a callback per document (1% of a serial run).
        self.memo: dict[object, Any] = {}

    @cached_property
    def language(self) -> Language:
        """The language the text is written in: given by the caller (a record's field), else detected once."""
        if self._given_language is not None:
            return Language(self._given_language, 1.0)
        return text_language(self.text, self.paragraph_languages)

    @cached_property
    def paragraph_languages(self) -> list[tuple[Span, Language]]:
        """Each paragraph with its language, told once (``und`` when too short)."""
        return paragraph_languages(self.text, self._marker_languages)

    @cached_property
    def _marker_languages(self) -> list[tuple[Span, Language | None]]:
        """Each paragraph's language where it is told without the model (None where it is not)."""
        return marker_languages(self.text, self.paragraphs)

    @cached_property
    def language_code(self) -> str:
        """The language whose rules apply: the detected one, or English when it cannot be told.

        English at once, without the model, when the paragraphs English by their commonest words
        outweigh all the others (``language`` would say the same).
        """
        if self._given_language is None and english_outweighs(self.text, self._marker_languages):
            return ENGLISH
        return self.language.code if self.language.determined else ENGLISH

    @cached_property
    def foreign_paragraphs(self) -> list[tuple[Span, Language]]:
        """Paragraphs written in another language than the text's (a leaked banner, a comment)."""
        return list(foreign_paragraphs(self.text, self._marker_languages, self.language_code))

    @cached_property
    def line_index(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def lowercase_runs(self) -> frozenset[str]:
        """Every distinct lowercase word (a run of lowercase letters not inside a longer word).

        Rules that look words up skip a text whose words include none of theirs.
        """
        return lowercase_runs(self.text)

    @cached_property
    def lines(self) -> list[Span]:
        """Every line that holds a non-space character, without its line break.

        Blank lines are left out: no rule looks into them, and a scraper's megabytes of blank
        lines would otherwise be millions of spans, each then checked by every line rule.
        """
        return [Span(m.start(), m.end()) for m in _FILLED_LINE.finditer(self.text)]

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Paragraph spans, trimmed of surrounding white space.

        Blank lines always separate paragraphs. Scraped news often puts each
        paragraph on one long line with no blank line between, so inside a block
        of non-blank lines each line is its own paragraph, unless the block looks
        hard-wrapped (every line but the last between 30 and 100 characters).
        Lines that open a Markdown heading, list item or quote start a paragraph.
        """
        text = self.text
        blocks: list[list[Span]] = []
        current: list[Span] = []
        for line in self.lines:
            if current and _line_breaks(text, current[-1].end, line.start) > 1:
                blocks.append(current)
                current = []
            current.append(line)
        if current:
            blocks.append(current)

        paragraphs = []
        for block in blocks:
            for group in _group_wrapped_lines(text, block):
                paragraphs.append(trim(text, group[0].start, group[-1].end))
        return paragraphs

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentence spans inside each paragraph (abbreviation-aware)."""
        spans = []
        for paragraph in self.paragraphs:
            spans.extend(split_sentences(self.text, paragraph))
        return spans

    @cached_property
    def sentence_pairs(self) -> list[tuple[Span, Span]]:
        """Consecutive sentences of one paragraph: the rules about a bad split (NL502, NL503) both read them."""
        sentences = self.sentences
        pairs = []
        for before, after in zip(sentences, sentences[1:]):
            paragraph = self.paragraph_at(before.start)
            if paragraph is not None and paragraph.start <= after.start < paragraph.end:
                pairs.append((before, after))
        return pairs

    @cached_property
    def quotes(self) -> list[Span]:
        """Spans of double-quoted passages (marks included), paired within a paragraph."""
        spans = []
        for paragraph in self.paragraphs:
            opened: int | None = None
            for match in _DOUBLE_QUOTES.finditer(self.text, paragraph.start, paragraph.end):
                mark = match.group()
                if mark in "“„«" or (mark == '"' and opened is None):
                    opened = match.start()
                elif opened is not None:
                    spans.append(Span(opened, match.end()))
                    opened = None
        return spans

    @cached_property
    def protected(self) -> list[Span]:
        """URLs, e-mail addresses, bare domains, @handles and #hashtags.

        The same spans as ``_URL.finditer(text)``, found 4 to 20 times faster (scraped pages to
        edited news): ``_URL`` has no literal to skip ahead to, so over the whole text it tries
        every character, while the marks it needs (``@``, ``#``, ``://``, a period before a
        non-space) are rare, and a match never crosses white space, so only the runs of
        non-space characters around a mark are searched.
        """
        text = self.text
        spans = []
        mark = _URL_MARK.search(text)
        while mark is not None:
            space = _LAST_SPACE.search(text, 0, mark.start())
            start = space.end() if space is not None else 0
            space = _SPACE.search(text, mark.start())
            end = space.start() if space is not None else len(text)
            spans.extend(Span(m.start(), m.end()) for m in _URL.finditer(text, start, end))
            mark = _URL_MARK.search(text, end)
        return spans

    @cached_property
    def _protected_starts(self) -> list[int]:
        return [span.start for span in self.protected]

    def is_protected(self, span: Span) -> bool:
        """True when ``span`` overlaps a URL, address, domain, handle or hashtag."""
        index = bisect.bisect_right(self._protected_starts, span.end) - 1
        while index >= 0:
            candidate = self.protected[index]
            if candidate.end <= span.start:
                return False
            if candidate.start < span.end or candidate.start == span.start:
                return True
            index -= 1
        return False

    def removal(self, span: Span) -> Span:
        """The span to delete so that ``span`` (whole paragraphs) goes with its line break.

        Deleting a paragraph alone would leave two blank lines where there was
        one; this takes the white space before it as well (or, for the first
        paragraph, the white space after it), so the rest of the text keeps its layout.
        """
        text = self.text
        start = span.start
        while start > 0 and text[start - 1].isspace():
            start -= 1
        if start > 0:
            return Span(start, span.end)
        end = span.end
        while end < len(text) and text[end].isspace():
            end += 1
        return Span(0, end)

    @cached_property
    def chunks(self) -> list[Span]:
        """Bounded pieces (at most ``CHUNK`` characters) that cover the whole text, in order.

        Patterns run piece by piece, so time grows linearly with the text and a
        regex timeout is per piece. Each piece ends just after a non-space
        character, at a paragraph end where possible (inside a huge paragraph, at a
        word end), so that ``$`` and ``\\Z`` at a piece's end never look like the end
        of the text to a pattern about trailing white space.
        """
        text = self.text
        if len(text) <= CHUNK:
            return [Span(0, len(text))]
        boundaries = []
        for paragraph in self.paragraphs:
            start = paragraph.start
            while paragraph.end - start > CHUNK:
                cut = text.rfind(" ", start + 1, start + CHUNK)
                while cut > start and text[cut - 1].isspace():
                    cut -= 1
                cut = cut if cut > start else start + CHUNK
                boundaries.append(cut)
                start = cut
            boundaries.append(paragraph.end)
        chunks = []
        start = index = 0
        while len(text) - start > CHUNK:
            end = start + CHUNK  # a hard cut where no boundary is in reach (a huge run of white space)
            while index < len(boundaries) and boundaries[index] <= start + CHUNK:
                if boundaries[index] > start:
                    end = boundaries[index]
                index += 1
            chunks.append(Span(start, end))
            start = end
        chunks.append(Span(start, len(text)))
        return chunks

    def pieces(self, span: Span) -> list[Span]:
        """``span`` cut where the chunks are cut (a paragraph is one piece unless it is huge)."""
        if len(span) <= CHUNK:
            return [span]
        return [Span(max(span.start, c.start), min(span.end, c.end)) for c in self.chunks if c.start < span.end and span.start < c.end]

    @cached_property
    def _paragraph_words(self) -> dict[int, int]:
        return {}

    def word_count(self, paragraph: Span) -> int:
        """Words in one of the document's paragraphs (counted once for every rule that asks)."""
        count = self._paragraph_words.get(paragraph.start)
        if count is None:
            count = self._paragraph_words[paragraph.start] = count_words(self.text, paragraph.start, paragraph.end)
        return count

    @cached_property
    def lowered(self) -> str | None:
        """The text in lower case, or None in the rare text whose lower case has another length
        (``İ`` lowers to two characters), where offsets into it would not be offsets into the text."""
        lowered = self.text.lower()
        return lowered if len(lowered) == len(self.text) else None

    def mentions(self, words: tuple[str, ...]) -> bool:
        """Whether the text contains one of ``words`` (lowercase literals), in any case.

        A plain substring search: a regex alternation of the same words costs a
        match attempt at every character, this costs one fast scan per word.
        """
        lowered = self.lowered
        return lowered is None or any(word in lowered for word in words)

    def paragraphs_with(self, words: tuple[str, ...]) -> list[Span]:
        """The paragraphs that contain one of ``words`` (lowercase literals), in text order."""
        lowered = self.lowered
        if lowered is None:
            return self.paragraphs
        found: set[Span] = set()
        for word in words:
            position = lowered.find(word)
            while position != -1:
                paragraph = self.paragraph_at(position)
                if paragraph is None:
                    position = lowered.find(word, position + 1)
                    continue
                found.add(paragraph)
                position = lowered.find(word, paragraph.end + 1)
        return sorted(found)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> Span | None:
        """The paragraph containing ``offset``, if any."""
        index = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if index >= 0 and offset <= self.paragraphs[index].end:
            return self.paragraphs[index]
        return None

    @cached_property
    def mojibake(self) -> list[tuple[Span, str]]:
        """Words damaged by a wrong decoding, each with ftfy's repair (see :mod:`.mojibake`)."""
        from .mojibake import damage

        return damage(self.text, self.paragraphs)


def _line_breaks(text: str, start: int, end: int) -> int:
    """Line breaks in ``text[start:end]``, a CRLF counting once."""
    return text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)


def _group_wrapped_lines(text: str, block: list[Span]) -> list[list[Span]]:
    """Split a block of non-blank lines into paragraphs (see ``Document.paragraphs``)."""
    hard_wrapped = len(block) >= 2 and all(30 <= len(line) <= 100 for line in block[:-1])
    hard_wrapped = hard_wrapped and len(block[-1]) <= 100
    if not hard_wrapped:
        return [[line] for line in block]
    groups: list[list[Span]] = []
    for line in block:
        if not groups or _BLOCK_MARKER.match(text, line.start, line.end):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups
