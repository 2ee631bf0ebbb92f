"""Quoted speech: quotation marks stripped by a scraper or a translator, unbalanced, or mixed styles.

Indirect speech without quotation marks is ordinary news English ("Prices will rise,
the company said."), so a paragraph is taken for stripped direct speech only on
evidence: the reported words speak in the first or second person ("we must", "I
agree"), or the whole article attributes speech again and again without a single
quotation mark, which no edited article does.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import regex

from ..model import Applicability, Diagnostic, Edit, Span
from ..ruleset import Rule
from ..segments import Document
from . import detector

_ANY_QUOTE = regex.compile(r"[\"“”„«»]")
_NAME = r"\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|bin|al|de|van|von)){0,3}"
_VERB = r"(?:said|says|added|adds|told\s+\p{L}+(?:\s+\p{L}+)?|stated|wrote|tweeted|explained|insisted|warned|argued|declared|stressed|noted)"
# ", said Hoo Tiang Boon, a professor ..." / ", Xi said, speaking ..." / ", Putin was quoted as saying ..."
_ATTRIBUTION = regex.compile(
    rf"""(?x),\s+(?:
        {_VERB}\s+(?:the\s+)?{_NAME}
      | (?:an?\s+|the\s+)?{_NAME}\s+(?:{_VERB}|(?:was|is)\s+quoted\s+as\s+saying)
      | (?:he|she|they)\s+(?:{_VERB}|(?:was|is)\s+quoted\s+as\s+saying)
    )\b(?P<tail>[^\n]{{0,200}})$"""
)
_INDIRECT = regex.compile(r"\bthat\b")
#: Words the quoted part needs at least (an opener such as "On the eve of his visit," is no quote),
#: and the most the attribution may run on after the speaker's name.
MIN_SPEECH_WORDS = 8
MAX_TAIL_WORDS = 16
_FIRST_PERSON = regex.compile(r"\b(?:I|we|We|our|Our|us|my|My|me)\b(?!\.\w)|\b[Yy]ou\b")
# "... and said that we appreciate ...": first person right after a speech verb
# (a past-tense verb after the pronoun is a first-person writer reporting, as in a column)
_REPORTED_FIRST_PERSON = regex.compile(
    r"\b(?:said|says|added|stated)\s+(?:that\s+)?(?P<start>(?:we|I)\s+(?!\p{Ll}+ed\b|(?:was|were|had|did|would|could|might|should|thought|felt|knew)\b)\p{Ll}+)"
)
_WORD = regex.compile(r"\w+")


def _speech_end(doc: Document, paragraph: Span) -> tuple[Span, Span] | None:
    """``(speech, attribution)`` for a paragraph ending in a speech attribution."""
    text = doc.text
    match = _ATTRIBUTION.search(text, paragraph.start, paragraph.end)
    if match is None or len(_WORD.findall(text, paragraph.start, match.start())) < MIN_SPEECH_WORDS:
        return None
    tail = match.group("tail")
    if len(_WORD.findall(tail)) > MAX_TAIL_WORDS or _INDIRECT.search(tail):
        return None
    return Span(paragraph.start, match.start()), Span(match.start(), paragraph.end)


@detector("stripped-quotation", min_attributions=3)
def stripped_quotation(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """Paragraphs of direct speech without quotation marks; a display-only fix suggests the marks."""
    text = doc.text
    unquoted = [p for p in doc.paragraphs if not _ANY_QUOTE.search(text, p.start, p.end)]
    attributed = {p: _speech_end(doc, p) for p in unquoted}
    attributed = {p: found for p, found in attributed.items() if found is not None}
    no_quotes_at_all = not _ANY_QUOTE.search(text)
    whole_article = no_quotes_at_all and len(attributed) >= options["min_attributions"]
    for paragraph in unquoted:
        found = attributed.get(paragraph)
        if found is not None:
            speech, _attribution = found
            first_person = _FIRST_PERSON.search(text, speech.start, speech.end)
            if first_person or whole_article:
                reason = "it speaks in the first person" if first_person else "the article attributes speech throughout and has no quotation mark at all"
                edits = [Edit(Span(speech.start, speech.start), "“"), Edit(Span(speech.end + 1, speech.end + 1), "”")]
                yield rule.diagnostic(
                    speech,
                    edits=edits,
                    applicability=Applicability.DISPLAY_ONLY,
                    title="Put the speech in quotation marks",
                    reason=reason,
                )
            continue
        reported = _REPORTED_FIRST_PERSON.search(text, paragraph.start, paragraph.end)
        if reported is not None:
            start = reported.start("start")
            end = paragraph.end
            while end > start and text[end - 1] in ".!? ":
                end -= 1
            yield rule.diagnostic(Span(start, end), reason="reported words speak in the first person")


def _starts_with_quote(text: str, paragraph: Span | None) -> bool:
    return paragraph is not None and text[paragraph.start : paragraph.start + 1] in "“\"„«"


def _after_sentence(text: str, start: int, at: int) -> bool:
    """Whether white space after sentence punctuation comes right before ``at`` (only that run is read)."""
    before = at
    while before > start and text[before - 1].isspace():
        before -= 1
    return start < before < at and text[before - 1] in ".!?,:;…"


_MARK = regex.compile(r"[“”\"]")


def _direction(text: str, at: int) -> str:
    """``open`` or ``close`` for a quotation mark, straight ones judged by their neighbours."""
    mark = text[at]
    if mark != '"':
        return "open" if mark == "“" else "close"
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-/" or at == 0:
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-" or at + 1 == len(text):
        return "close"
    return "open" if not before.isalnum() else "close"


@detector("unbalanced-quotes", straight=False)
def unbalanced_quotes(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """A closing mark with no opening one, or an opening one that neither closes nor continues.

    A quotation that runs on into the next paragraph is left open by convention, and
    the next paragraph opens with a mark again; texts whose paragraphs were merged show
    the same inside one line ("... Olympics. "The amber light ..."), which is not flagged
    either. A straight double quote after a digit is an inch mark unless a quotation is open.
    With ``straight`` the findings are those that involve a straight quote, whose
    direction is inferred from the spacing around it; otherwise those of curly quotes.
    """
    text = doc.text
    for diagnostic in _imbalances(doc, rule):
        if (text[diagnostic.span.start] == '"') == options["straight"]:
            yield diagnostic


def _imbalances(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    text = doc.text
    paragraphs = doc.paragraphs
    for index, paragraph in enumerate(paragraphs):
        opened: int | None = None
        for match in _MARK.finditer(text, paragraph.start, paragraph.end):
            at = match.start()
            if text[at] == '"' and at > 0 and text[at - 1].isdigit() and opened is None:
                continue  # an inch mark (13" laptop); with a quotation open it closes it ("in 2004")
            if _direction(text, at) == "open":
                if opened is not None and not _after_sentence(text, paragraph.start, at):
                    yield rule.diagnostic(Span(opened, opened + 1), mark=text[opened], problem="opens a quotation that is never closed")
                opened = at
            elif opened is None:
                yield rule.diagnostic(Span(at, at + 1), mark=text[at], problem="closes a quotation that was never opened")
            else:
                opened = None
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if opened is not None and not _starts_with_quote(text, following):
            yield rule.diagnostic(Span(opened, opened + 1), mark=text[opened], problem="opens a quotation that is never closed")


@detector("mixed-quote-styles")
def mixed_quote_styles(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """Straight and curly double quotes in one text: one finding at the first mark of the minority style."""
    straight = [m.start() for m in regex.finditer(r'(?<!\d)"', doc.text)]
    curly = [m.start() for m in regex.finditer(r"[“”]", doc.text)]
    if not straight or not curly:
        return
    minority, majority = (straight, "curly") if len(straight) < len(curly) else (curly, "straight")
    at = minority[0]
    yield rule.diagnostic(Span(at, at + 1), majority=majority, count=len(minority))
