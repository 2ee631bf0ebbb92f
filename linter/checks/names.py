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

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter, methodcaller
from typing import Any, NamedTuple

import regex

from ..model import Applicability, Diagnostic, Edit, Span
from ..rule import Rule
from ..segments import Document
from ..sentences import SENTENCE_OPENERS
from ..registry import Param, coded_check
from .name_tokens import counted_tokens, positions

#: Honorifics after which a lowercase word is a surname written wrongly.
HONORIFICS = frozenset("Mr Mrs Ms Dr Sir Dame Mr. Mrs. Ms. Dr.".split())
#: Titles that also stand before names but also before verbs (``the President said``):
#: a lowercase word after one is a name only when the text writes it capitalised.
TITLES = frozenset(
    """President Chancellor Minister Senator Governor King Queen Prince Princess Pope Professor Prof
    Gen Sen Rep Gov Baroness Archbishop Bishop Cardinal""".split()
)
#: A capital after one of these is a common noun's (``the Lords``), not evidence of a name.
_DETERMINERS = frozenset("the a an this that these those its their his her our your my".split())
#: Words before a common noun, never before a name.
_QUANTIFIERS = frozenset("a an".split())
#: Lowercase words that rightly follow an honorific (``Mr and Mrs``, ``Mr de Villiers``).
_PARTICLES = frozenset("and or of de van von der den le la du di da dal del della dos das al el bin ibn ben ter ten".split())
#: Lowercase words inside many-word names (``House of Lords``, ``Marks and Spencer``).
_CONNECTORS = frozenset("of for de la le du von van upon".split())
#: Words as common as these are never names written in lowercase without a certain context.
COMMON = 4.5
#: Words rarer than this (Zipf) are hardly English words: a capital at a sentence start counts too.
RARE = 3.0
#: Function words (the, and, for) are never taken for names.
FUNCTION_WORD = 6.0
_CLOSED = regex.compile(r"[.!?][\"'”’)]*\s*$")
#: ``_CLOSED`` searched for from the line's end backwards (``(?r)``): the same lines match, found
#: without trying every full stop of a long line first.
_CLOSED_AT_END = regex.compile(r"(?r)" + _CLOSED.pattern)
#: Frequent English function words: 5% to 20% of the lowercase words of English news, about 2% of German.
_ENGLISH_MARKERS = ("the", "and", "of", "to", "in", "that", "is", "was")
_MARKER_SHARE = 0.04
#: Fewer lowercase words than this are too few to tell the language.
_SHORT_TEXT = 40
#: First letters whose uppercase does not lowercase back to them (``ſ``, ``ß``, ``ﬁ``): a word
#: starting with one is matched to its capitalised form letter by letter, not by ``str.lower``.
#: tests/test_names.py derives the set from ``regex``'s and Python's Unicode tables (escaped: letters NFC would change).
CASE_EXCEPTIONS = frozenset(
    "µßıŉſǰΐΰςϐϑϕϖϰϱϵևᲀᲁᲂᲃᲄᲅᲆᲇᲈẖẗẘẙẚẛὐὒὔὖᾀᾁᾂᾃᾄᾅᾆᾇᾐᾑᾒᾓᾔᾕᾖᾗᾠᾡᾢᾣᾤᾥᾦᾧᾲᾳᾴᾶᾷ\u1fbeῂῃῄῆῇῒ\u1fd3ῖῗῢ\u1fe3ῤῦῧῲῳῴῶῷﬀﬁﬂﬃﬄﬅﬆﬓﬔﬕﬖﬗ"
)
_FIRST = itemgetter(0)
_WITH_PERIOD = methodcaller("endswith", ".")


class _Token(NamedTuple):
    start: int
    end: int
    word: str  # without a trailing abbreviation period

    @property
    def capitalised(self) -> bool:
        return self.word[0].isupper()


class _Tokens(dict[int, _Token]):
    """The text's tokens by index, each made into a :class:`_Token` only when a rule looks at it.

    Most tokens are lowercase words no rule reads one by one; building an object for each
    cost more than the rest of the rules' work. A dict, so that a token already made is
    found without a Python call.
    """

    def __init__(self, written: list[str], starts: Sequence[int]) -> None:
        super().__init__()
        self._written = written
        self._starts = starts

    def __len__(self) -> int:
        return len(self._written)

    def __missing__(self, index: int) -> _Token:
        start, word = self._starts[index], self._written[index]
        token = self[index] = _Token(start, start + len(word), word.rstrip("."))
        return token


@dataclass
class _Evidence:
    """What one text says about its capitalised words, computed once for both rules."""

    tokens: _Tokens
    written: list[str]  # each token as written, an abbreviation's period included
    starts: Sequence[int]  # where each starts
    counts: Counter[str]  # how often each is written so; a lowercase word's count is its count in lowercase
    anywhere: Counter[str]  # capitalised anywhere, sentence starts too
    lowercase: int  # how many tokens are lowercase words
    ascii: bool  # whether the text is ASCII (then no word starts with one of CASE_EXCEPTIONS)
    # Counted by :func:`_count_contexts` only for the words asked about:
    alone: Counter[str] = field(default_factory=Counter)  # capitalised alone in mid-sentence
    strong: Counter[str] = field(default_factory=Counter)  # after an honorific or title
    two_word: Counter[str] = field(default_factory=Counter)  # second word of a two-word name
    pairs: set[tuple[str, str]] = field(default_factory=set)  # two capitalised words in a row


#: Its key in ``Document.memo``.
_CACHE = f"{__name__}.evidence"


def _is_name_part(word: str) -> bool:
    return word[0].isupper() and word.lower() not in SENTENCE_OPENERS


def _is_title_case(text: str, line: Span, found: _Evidence) -> bool:
    """Whether a line has no closing full stop and most of its words capitalised (a headline, a menu).

    Its capitals prove nothing about the words. Its words are the text's tokens that start
    in it: a line ends at a line break, which no token's look-around reads across.
    """
    if _CLOSED_AT_END.search(text, line.start, line.end):
        return False
    words = found.written[bisect_left(found.starts, line.start) : bisect_left(found.starts, line.end)]
    return len(words) >= 2 and sum(map(str.isupper, map(_FIRST, words))) * 2 > len(words)


def evidence(doc: Document) -> _Evidence:
    """The text's tokens and how often it writes each word capitalised and in lowercase.

    Where it writes a capitalised word as a name is counted afterwards, by
    :func:`_count_contexts`, for the few words the rules ask about.
    """
    cached = doc.memo.get(_CACHE)
    if cached is not None:
        return cached
    written, starts, counts, anywhere = counted_tokens(doc.text)
    lowercase = len(written) - sum(anywhere.values())
    for word in list(filter(_WITH_PERIOD, anywhere)):  # an abbreviation, a sentence's last word
        stem = word[:-1]
        anywhere[stem] = anywhere.get(stem, 0) + anywhere.pop(word)
    found = doc.memo[_CACHE] = _Evidence(_Tokens(written, starts), written, starts, counts, anywhere, lowercase, doc.text.isascii())
    return found


def _where(found: _Evidence, words: set[str]) -> list[int]:
    """The indices of the tokens written as one of ``words``, in text order."""
    return positions(found.written, words, found.counts)


def _count_contexts(doc: Document, found: _Evidence, words: set[str]) -> None:
    """Count, for each capitalised word of ``words``, where the text writes it as a name.

    Evidence is a capital in mid-sentence, outside title-case lines, that an ordinary word
    would not have: after an honorific or title (``Mr Blair``), alone (``said Blair``, but
    not ``the Lords`` nor inside ``Union of Journalists``), or as the second word of a
    two-word name standing alone (``Tony Blair``).
    """
    where = _where(found, words | {word + "." for word in words})
    if not where:
        return  # most texts: none of the words is written capitalised
    text = doc.text
    tokens = found.tokens
    lines = doc.lines
    line_starts = [line.start for line in lines]
    title_case: dict[int, bool] = {}
    for index in where:
        token = tokens[index]
        at = bisect_right(line_starts, token.start) - 1
        if at >= 0 and token.start < lines[at].end:
            if at not in title_case:
                title_case[at] = _is_title_case(text, lines[at], found)
            if title_case[at]:
                continue
        if not _mid_sentence(text, tokens, index):
            continue
        previous = tokens[index - 1]
        joined_before = _adjacent(text, tokens, index - 1)
        joined_after = index + 1 < len(tokens) and _adjacent(text, tokens, index) and tokens[index + 1].capitalised
        if joined_after:
            continue
        if joined_before and _titled(text, previous):
            found.strong[token.word] += 1
            found.pairs.add((previous.word, token.word))
        elif joined_before and previous.capitalised and index >= 2 and _adjacent(text, tokens, index - 2) and _titled(text, tokens[index - 2]):
            # A title, a first name and the surname (President George Bush).
            found.strong[token.word] += 1
            found.pairs.add((previous.word, token.word))
        elif joined_before and previous.capitalised:
            # The second word of a two-word name: its first word starts it, after a lowercase word or a sentence start.
            if _is_name_part(previous.word) and _mid_sentence(text, tokens, index - 1) and not (index >= 2 and _adjacent(text, tokens, index - 2) and tokens[index - 2].capitalised):
                found.two_word[token.word] += 1
                found.pairs.add((previous.word, token.word))
        elif not (joined_before and previous.word.lower() in _DETERMINERS) and not _inside_name(text, tokens, index):
            found.alone[token.word] += 1


def _inside_name(text: str, tokens: _Tokens, index: int) -> bool:
    """Whether a connector joins the token to another capitalised word (``House of Lords``, ``Bank of England``)."""
    before = index >= 2 and _adjacent(text, tokens, index - 1) and _adjacent(text, tokens, index - 2)
    if before and tokens[index - 1].word in _CONNECTORS and tokens[index - 2].capitalised:
        return True
    after = index + 2 < len(tokens) and _adjacent(text, tokens, index) and _adjacent(text, tokens, index + 1)
    if not (after and tokens[index + 1].word in _CONNECTORS):
        return False
    # Cinema of the Future, Speaker of the House.
    name = tokens[index + 2]
    if name.word == "the" and index + 3 < len(tokens) and _adjacent(text, tokens, index + 2):
        name = tokens[index + 3]
    return name.capitalised


def _adjacent(text: str, tokens: _Tokens, index: int) -> bool:
    """Whether tokens ``index`` and ``index + 1`` are separated by spaces alone."""
    if index < 0:
        return False
    gap = text[tokens[index].end : tokens[index + 1].start]
    return not gap.strip() and "\n" not in gap and "\r" not in gap


def _titled(text: str, token: _Token) -> bool:
    """Whether the token is an honorific (``Mr``, ``Dr.``) or a title (``President``)."""
    return text[token.start : token.end] in HONORIFICS or token.word in TITLES


def _mid_sentence(text: str, tokens: _Tokens, index: int) -> bool:
    """Whether the token at ``index`` follows another word of its sentence (an honorific's period aside)."""
    if index == 0:
        return False
    previous = tokens[index - 1]
    gap = text[previous.end : tokens[index].start]
    if "\n" in gap or "\r" in gap or gap.strip() not in ("", ",", ";"):
        return False
    return not (previous.capitalised and text[previous.end - 1] == "." and text[previous.start : previous.end] not in HONORIFICS)


def _capitalised_elsewhere(found: _Evidence) -> set[str]:
    """The words (as written) that may be lowercase words also written capitalised: a few of hundreds.

    A superset, found by set operations in C: a word's capitalised form lowercases back to
    it unless its first letter is one of :data:`CASE_EXCEPTIONS`, and then all are returned.
    """
    if not found.ascii and not CASE_EXCEPTIONS.isdisjoint(map(_FIRST, found.counts)):
        return set(found.counts)
    return found.counts.keys() & set(map(str.lower, found.anywhere))


def _unreportable(found: _Evidence, index: int, proper: str) -> bool:
    """Whether :func:`_find` cannot report the word at ``index``: no honorific nor title before it, no evidence for ``proper``.

    Told from the tokens as written, before any is built: most occurrences of a word the
    text also capitalises (``police`` beside ``Police``) end here.
    """
    prior = found.written[index - 1] if index else ""
    if prior in HONORIFICS:
        return False
    if proper not in found.anywhere:
        return True
    return not (found.strong[proper] or found.alone[proper] or found.two_word[proper]) and prior.rstrip(".") not in TITLES


def _outnumbered(found: _Evidence, index: int) -> bool:
    """Whether :func:`_find` skips the word at ``index`` whatever the contexts of its capitalised form say.

    Told before they are counted: a word written in lowercase twice or more, and more than half as
    often as its capitalised form is written at all, is skipped unless the context makes it certain;
    each capitalised occurrence is at most one context, and a certain context (an honorific, a
    title, the first name of a pair) is a capitalised token right before the word.
    """
    if index and found.written[index - 1][0].isupper():
        return False
    word = found.written[index].rstrip(".")
    lower = found.counts[word]
    return lower >= 2 and 2 * lower > found.anywhere.get(word[0].upper() + word[1:], 0)


def _reads_as_english(found: _Evidence) -> bool:
    """Whether English function words are common enough among the lowercase words.

    German capitalises its nouns (``Daten``, ``daten``-compounds) and other languages have
    their own words; what English capitals prove does not carry over to them.
    """
    return found.lowercase < _SHORT_TEXT or sum(map(found.counts.__getitem__, _ENGLISH_MARKERS)) >= _MARKER_SHARE * found.lowercase


@dataclass(frozen=True, slots=True)
class _Finding:
    token: _Token
    proper: str
    certain: bool  # a context that makes the name reading certain
    overwhelming: bool  # the same two-word name is written capitalised elsewhere


#: Its key in ``Document.memo``.
_FINDINGS = f"{__name__}.findings"


def _findings(doc: Document) -> tuple[_Finding, ...]:
    """Lowercase words the text itself writes as names, once per text for the three rules that read them."""
    cached = doc.memo.get(_FINDINGS)
    if cached is None:
        cached = doc.memo[_FINDINGS] = tuple(_find(doc))
    return cached


def _find(doc: Document) -> Iterator[_Finding]:
    """Lowercase words the text itself writes as names, with how sure the context makes it."""
    from ..fluency import zipf

    text = doc.text
    found = evidence(doc)
    if not _reads_as_english(found):
        return
    tokens = found.tokens
    written = found.written
    anywhere = found.anywhere

    def looked_at(word: str) -> bool:
        return not word[0].isupper() and len(word) >= 3 and word not in _PARTICLES and zipf(word) < FUNCTION_WORD

    # Most words: looked at only when the text also capitalises them or an honorific precedes them.
    named = {w for w in _capitalised_elsewhere(found) if w[0].upper() + w[1:] in anywhere and looked_at(w)}
    after_honorifics = [i + 1 for i in _where(found, HONORIFICS) if i + 1 < len(written)]
    indices = sorted({*_where(found, named), *(i for i in after_honorifics if looked_at(written[i]))})
    indices = [index for index in indices if not _outnumbered(found, index)]
    _count_contexts(doc, found, {written[i][0].upper() + written[i][1:] for i in indices} & anywhere.keys())
    for index in indices:
        word = written[index].rstrip(".")  # a period only after a capital Python's Unicode tables do not know
        proper = word[0].upper() + word[1:]
        if _unreportable(found, index, proper):
            continue
        token = tokens[index]
        previous = tokens[index - 1] if _adjacent(text, tokens, index - 1) else None
        after_honorific = previous is not None and text[previous.start : previous.end] in HONORIFICS
        if proper not in found.anywhere and not after_honorific:
            continue
        frequency = zipf(token.word)
        if proper not in found.anywhere:
            yield _Finding(token, proper, certain=True, overwhelming=False)
            continue
        after_title = previous is not None and previous.word in TITLES and _mid_sentence(text, tokens, index - 1)
        # Evidence: after an honorific or title, twice alone, alone and in a two-word name; or, for
        # a word English hardly has (wordfreq), once in mid-sentence and once more anywhere.
        strong = (
            found.strong[proper] >= 1
            or found.alone[proper] >= 2
            or found.alone[proper] and found.two_word[proper]
            or frequency < RARE and found.anywhere[proper] >= 2 and found.alone[proper] + found.two_word[proper] >= 1
        )
        # Weaker (info only): once in mid-sentence and twice more anywhere (sentence starts, after "the").
        weak = found.alone[proper] + found.two_word[proper] >= 1 and found.anywhere[proper] >= 3
        # A surname after its first name (Tony blair, when the text also writes Blair alone); the
        # second word of other two-word names (Mac mini, Butler inquiry, Labour party) is a word that
        # house styles capitalise or not.
        pair = previous is not None and (previous.word, proper) in found.pairs
        paired = pair and (after_honorific or strong and frequency < COMMON)
        certain = after_honorific or after_title or paired
        if not (certain or strong or weak or pair or found.alone[proper] + found.two_word[proper] >= 2):
            continue
        # A name rarely takes "a" (a wasp, a yahoo): the ordinary word is meant.
        if not certain and previous is not None and previous.word.lower() in _QUANTIFIERS:
            continue
        # A text that writes the word in lowercase more than once, and half as often as the name,
        # may well use the word.
        lower = found.counts[token.word]
        if not certain and lower >= 2 and 2 * lower > found.alone[proper] + found.strong[proper] + found.two_word[proper]:
            continue
        sure = certain or strong and frequency < COMMON
        yield _Finding(token, proper, certain=sure, overwhelming=paired)


@coded_check(
    "name-from-document",
    {
        "certain": Param(bool, "the sure cases (true) or the weaker ones (false)", True),
    },
    skips_protected=True,
)
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


@coded_check("surname-after-honorific", skips_protected=True)
def surname_after_honorific(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """``Mr kennedy``: after an honorific a lowercase word is a surname, even if the text names it nowhere else."""
    found = evidence(doc)
    for finding in _findings(doc):
        if finding.proper in found.anywhere:
            continue
        span = Span(finding.token.start, finding.token.end)
        yield rule.diagnostic(span, edits=[Edit(span, finding.proper)], word=finding.token.word, proper=finding.proper)
