"""Names from the document's own evidence: a name the text writes capitalised, written in lowercase.

The curated lists of NL201/NL202 know a few hundred names; an article names many more,
and writes most of them correctly somewhere (``Mr Blair``, ``Tony Blair said``). A
lowercase ``blair`` in the same article is then almost certainly the name. The evidence
is counted only where a capital means a name: in mid-sentence, outside title-case lines.
wordfreq folds case, so it cannot say that ``blair`` is a name; it says how common the
lowercase word is in English, and common words (``may``, ``brown``, ``labour``) need a
context that makes the name reading certain (an honorific, or the same two-word name
written capitalised elsewhere), or they are reported only as ``info``.
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import regex

from ..model import Applicability, Diagnostic, Edit, Span
from ..ruleset import Rule
from ..segments import SENTENCE_OPENERS, Document
from . import detector

#: Honorifics after which a lowercase word is a surname written wrongly.
HONORIFICS = frozenset("Mr Mrs Ms Dr Sir Dame Mr. Mrs. Ms. Dr.".split())
#: Titles that also stand before names but also before verbs (``the President said``):
#: a lowercase word after one is a name only when the text writes it capitalised.
TITLES = frozenset(
    """President Chancellor Minister Secretary Senator Governor General Judge Justice King Queen
    Prince Princess Pope Chairman Chief Professor Prof Gen. Sen. Rep. Gov. Lord Lady Baroness
    Archbishop Bishop Cardinal Commissioner Inspector Detective Sergeant Captain Colonel Coach""".split()
)
#: Lowercase words that rightly follow an honorific (``Mr and Mrs``, ``Mr de Villiers``).
_PARTICLES = frozenset("and or of de van von der den le la du di da del della al el bin ibn ben ter ten".split())
#: Words as common as these are never names written in lowercase without a certain context.
COMMON = 4.4
_TOKEN = regex.compile(r"(?<![\p{L}\d_@#/.'’-])(?:\p{Lu}\p{Ll}+\.?|\p{Ll}{2,})(?![\p{L}\d_@/]|-\p{L}|\.\p{L})")
_CLOSED = regex.compile(r"[.!?][\"'”’)]*\s*$")
_LINE_BREAK = regex.compile(r"[\r\n]")


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    word: str  # without a trailing abbreviation period

    @property
    def capitalised(self) -> bool:
        return self.word[0].isupper()


@dataclass
class _Evidence:
    """What one text says about its capitalised words, computed once for both rules."""

    tokens: list[_Token]
    mid: Counter[str] = field(default_factory=Counter)  # capitalised in mid-sentence
    strong: Counter[str] = field(default_factory=Counter)  # after an honorific or in a two-word name
    anywhere: set[str] = field(default_factory=set)  # capitalised anywhere
    lower: Counter[str] = field(default_factory=Counter)  # written in lowercase
    pairs: set[tuple[str, str]] = field(default_factory=set)  # two capitalised words in a row


_CACHE: weakref.WeakKeyDictionary[Document, _Evidence] = weakref.WeakKeyDictionary()


def _is_name_part(word: str) -> bool:
    return word[0].isupper() and word.lower() not in SENTENCE_OPENERS


def _title_case_lines(doc: Document) -> list[Span]:
    """Lines without a closing full stop most of whose words are capitalised (headlines, menus).

    Their capitals prove nothing about the words.
    """
    text = doc.text
    spans = []
    for line in doc.lines:
        if _CLOSED.search(text, line.start, line.end):
            continue
        words = [m.group() for m in _TOKEN.finditer(text, line.start, line.end)]
        if len(words) >= 2 and sum(w[0].isupper() for w in words) * 2 > len(words):
            spans.append(line)
    return spans


def evidence(doc: Document) -> _Evidence:
    """Count, for every capitalised word, where the text writes it."""
    cached = _CACHE.get(doc)
    if cached is not None:
        return cached
    text = doc.text
    tokens = [_Token(m.start(), m.end(), m.group().rstrip(".")) for m in _TOKEN.finditer(text)]
    found = _Evidence(tokens)
    headlines = _title_case_lines(doc)
    h = 0
    for index, token in enumerate(tokens):
        while h < len(headlines) and headlines[h].end <= token.start:
            h += 1
        in_headline = h < len(headlines) and headlines[h].start <= token.start
        if not token.capitalised:
            found.lower[token.word] += 1
            continue
        found.anywhere.add(token.word)
        if in_headline or index == 0:
            continue
        previous = tokens[index - 1]
        gap = text[previous.end : token.start]
        if gap.strip() or _LINE_BREAK.search(gap):
            # Punctuation between: only a comma keeps the sentence going.
            if gap.strip() != "," or _LINE_BREAK.search(gap):
                continue
        elif previous.capitalised and text[previous.end - 1] == "." and previous.word + "." not in HONORIFICS:
            continue
        found.mid[token.word] += 1
        if not gap.strip() and previous.capitalised:
            if text[previous.start : previous.end] in HONORIFICS or _is_name_part(previous.word) and _mid_sentence(text, tokens, index - 1):
                found.strong[token.word] += 1
                found.pairs.add((previous.word, token.word))
        if not gap.strip() and index + 1 < len(tokens):
            following = tokens[index + 1]
            if following.capitalised and not text[token.end : following.start].strip():
                found.strong[token.word] += 1
                found.pairs.add((token.word, following.word))
    _CACHE[doc] = found
    return found


def _mid_sentence(text: str, tokens: list[_Token], index: int) -> bool:
    """Whether the token at ``index`` follows another word of its sentence (or an honorific)."""
    if index == 0:
        return False
    gap = text[tokens[index - 1].end : tokens[index].start]
    return not _LINE_BREAK.search(gap) and gap.strip() in ("", ",")


@dataclass(frozen=True, slots=True)
class _Finding:
    token: _Token
    proper: str
    certain: bool  # a context that makes the name reading certain
    overwhelming: bool  # the same two-word name is written capitalised elsewhere


def _findings(doc: Document) -> Iterator[_Finding]:
    """Lowercase words the text itself writes as names, with how sure the context makes it."""
    from ..fluency import zipf

    text = doc.text
    found = evidence(doc)
    tokens = found.tokens
    for index, token in enumerate(tokens):
        if token.capitalised or len(token.word) < 3 or token.word in _PARTICLES:
            continue
        proper = token.word[0].upper() + token.word[1:]
        previous = tokens[index - 1] if index and not text[tokens[index - 1].end : token.start].strip() else None
        following = tokens[index + 1] if index + 1 < len(tokens) and not text[token.end : tokens[index + 1].start].strip() else None
        after_honorific = previous is not None and text[previous.start : previous.end] in HONORIFICS
        after_title = previous is not None and previous.word in TITLES and _mid_sentence(text, tokens, index - 1)
        paired = (previous is not None and (previous.word, proper) in found.pairs) or (
            following is not None and (proper, following.word) in found.pairs
        )
        if proper not in found.anywhere:
            if after_honorific and zipf(token.word) < 6:
                yield _Finding(token, proper, certain=True, overwhelming=False)
            continue
        has_evidence = found.mid[proper] >= 2 or found.strong[proper] >= 1
        certain = after_honorific or after_title or paired
        if not (has_evidence or after_honorific or after_title):
            continue
        # A text that writes the word in lowercase more often than as a name uses the word.
        if not certain and found.lower[token.word] > found.mid[proper]:
            continue
        yield _Finding(token, proper, certain=certain or zipf(token.word) < COMMON, overwhelming=paired)


@detector("name-from-document", skips_protected=True, certain=True)
def name_from_document(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """A lowercase word the same text writes capitalised as a name (``Tony blair`` beside ``Mr Blair``).

    With ``certain`` (NL204) the word is rare as an ordinary English word, or its context
    makes it a name; otherwise (NL206) the word is common and only the text's capitals say
    it is a name here. The fix is safe only when the same two-word name (``Mr Blair``,
    ``Tony Blair``) is written capitalised elsewhere in the text.
    """
    found = evidence(doc)
    for finding in _findings(doc):
        if finding.certain != options["certain"] or finding.proper not in found.anywhere:
            continue
        span = Span(finding.token.start, finding.token.end)
        level = Applicability.SAFE if finding.overwhelming else Applicability.UNSAFE
        yield rule.diagnostic(
            span, edits=[Edit(span, finding.proper)], applicability=level, word=finding.token.word, proper=finding.proper
        )


@detector("surname-after-honorific", skips_protected=True)
def surname_after_honorific(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """``Mr kennedy``: after an honorific a lowercase word is a surname, even if the text names it nowhere else."""
    found = evidence(doc)
    for finding in _findings(doc):
        if finding.proper in found.anywhere:
            continue
        span = Span(finding.token.start, finding.token.end)
        yield rule.diagnostic(span, edits=[Edit(span, finding.proper)], word=finding.token.word, proper=finding.proper)
