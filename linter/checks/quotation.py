"""Quoted speech: quotation marks stripped by a scraper or a translator, unbalanced, or mixed styles.

Indirect speech without quotation marks is ordinary news English ("Prices will rise,
the company said."), so a paragraph is taken for stripped direct speech only on
evidence: the reported words speak in the first or second person ("we must", "I
agree"), or the whole article attributes speech again and again without a single
quotation mark, which no edited article does.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping
from operator import attrgetter
from typing import Any

from ..model import Applicability, Diagnostic, Edit, Span
from ..rule import Rule
from ..segments import Document
from ..registry import Param, coded_check
from ..words import count_words
from ..speech import INTRODUCED, SPEAKER_ONLY, quote_like
from .speech_verbs import between, mark_offsets, verb_offsets, writes_verb
from ..pattern_cache import compiled

_NAME = r"\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|bin|al|de|van|von)){0,3}"
_VERB = r"(?:said|says|added|adds|told\s+\p{L}+(?:\s+\p{L}+)?|stated|wrote|tweeted|explained|insisted|warned|argued|declared|stressed|noted)"
# ", said Hoo Tiang Boon, a professor ..." / ", Xi said, speaking ..." / ", Putin was quoted as saying ..."
_SPEAKER = rf"""(?:
        {_VERB}\s+(?:the\s+)?{_NAME}
      | (?:an?\s+|the\s+)?{_NAME}\s+(?:{_VERB}|(?:was|is)\s+quoted\s+as\s+saying)
      | (?:he|she|they)\s+(?:{_VERB}|(?:was|is)\s+quoted\s+as\s+saying)
    )"""
_ATTRIBUTION = compiled(rf"(?x),\s+{_SPEAKER}\b(?P<tail>[^\n]{{0,200}})$")
_INDIRECT = compiled(r"\bthat\b")
#: Words the quoted part needs at least (an opener such as "On the eve of his visit," is no quote),
#: and the most the attribution may run on after the speaker's name.
MIN_SPEECH_WORDS = 8
MAX_TAIL_WORDS = 16
_FIRST_PERSON = compiled(r"\b(?:I|we|We|our|Our|us|my|My|me)\b(?!\.\w)|\b[Yy]ou\b")
# "... and said that we appreciate ...": first person right after a speech verb
# (a past-tense verb after the pronoun is a first-person writer reporting, as in a column)
_REPORTED_FIRST_PERSON = compiled(
    r"\b(?:said|says|added|stated)\s+(?:that\s+)?(?P<start>(?:we|I)\s+(?!\p{Ll}+ed\b|(?:was|were|had|did|would|could|might|should|thought|felt|knew)\b)\p{Ll}+)"
)


#: Its key in ``Document.memo``: each paragraph's speech end (or None).
_SPEECH_ENDS = f"{__name__}.speech_ends"


def _speech_end(doc: Document, paragraph: Span) -> tuple[Span, Span] | None:
    """``(speech, attribution)`` for a paragraph ending in a speech attribution, found once for NL401 and NL405."""
    ends: dict[Span, tuple[Span, Span] | None] | None = doc.memo.get(_SPEECH_ENDS)
    if ends is None:
        ends = doc.memo[_SPEECH_ENDS] = {}
    if paragraph not in ends:
        # The attribution names its verb: a paragraph without one of VERBS has none.
        ends[paragraph] = _attributed_speech(doc, paragraph) if writes_verb(verb_offsets(doc), paragraph.start, paragraph.end) else None
    return ends[paragraph]


def _attributed_speech(doc: Document, paragraph: Span) -> tuple[Span, Span] | None:
    """What :func:`_speech_end` returns, found by the attribution pattern itself."""
    text = doc.text
    match = _ATTRIBUTION.search(text, paragraph.start, paragraph.end)
    if match is None or count_words(text, paragraph.start, match.start()) < MIN_SPEECH_WORDS:
        return None
    tail = match.group("tail")
    if count_words(tail, 0, len(tail)) > MAX_TAIL_WORDS or _INDIRECT.search(tail):
        return None
    return Span(paragraph.start, match.start()), Span(match.start(), paragraph.end)


@coded_check(
    "stripped-quotation",
    {
        "min-attributions": Param(int, "the fewest attributions for a whole article without marks to count", 3),
    },
)
def stripped_quotation(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """Paragraphs of direct speech without quotation marks; a display-only fix suggests the marks."""
    text = doc.text
    quotes = mark_offsets(doc)
    verbs = verb_offsets(doc)
    unquoted = [p for p in doc.paragraphs if not between(quotes, p.start, p.end)]
    if quotes:  # only first-person speech is flagged (below): the other paragraphs need not be read
        unquoted = [p for p in unquoted if _may_speak_first_person(doc, p)]
    attributed = {p: _speech_end(doc, p) for p in unquoted}
    attributed = {p: found for p, found in attributed.items() if found is not None}
    no_quotes_at_all = not quotes
    whole_article = no_quotes_at_all and len(attributed) >= options["min_attributions"]
    for paragraph in unquoted:
        found = attributed.get(paragraph)
        if found is not None:
            speech, _attribution = found
            first_person = _first_person_speech(doc, paragraph)
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
        if not writes_verb(verbs, paragraph.start, paragraph.end):
            continue  # _REPORTED_FIRST_PERSON starts at one of VERBS
        reported = _REPORTED_FIRST_PERSON.search(text, paragraph.start, paragraph.end)
        if reported is not None:
            start = reported.start("start")
            end = paragraph.end
            while end > start and text[end - 1] in ".!? ":
                end -= 1
            yield rule.diagnostic(Span(start, end), reason="reported words speak in the first person")


def _may_speak_first_person(doc: Document, paragraph: Span) -> bool:
    """Whether the paragraph writes a verb of speech and a first-person word, as first-person speech needs.

    Both the attributed speech (which ends at the attribution's comma, no word character, so that
    ``_FIRST_PERSON`` matches in it only where it matches in the whole paragraph) and reported speech
    (``_REPORTED_FIRST_PERSON``, whose "we" or "I" ``_FIRST_PERSON`` matches) need a first-person word.
    """
    return writes_verb(verb_offsets(doc), paragraph.start, paragraph.end) and _FIRST_PERSON.search(doc.text, paragraph.start, paragraph.end) is not None


def _first_person_speech(doc: Document, paragraph: Span) -> bool:
    """Whether the paragraph ends in an attribution of first-person speech (NL401 flags it in any article)."""
    if not _may_speak_first_person(doc, paragraph):
        return False
    found = _speech_end(doc, paragraph)
    return found is not None and _FIRST_PERSON.search(doc.text, found[0].start, found[0].end) is not None


def _starts_with_quote(text: str, paragraph: Span | None) -> bool:
    return paragraph is not None and text[paragraph.start : paragraph.start + 1] in "“\"„«"


def _after_sentence(text: str, start: int, at: int) -> bool:
    """Whether white space after sentence punctuation comes right before ``at`` (only that run is read)."""
    before = at
    while before > start and text[before - 1].isspace():
        before -= 1
    return start < before < at and text[before - 1] in ".!?,:;…"


_MARK_CHARACTERS = ("“", "”", '"')
_STRAIGHT = compiled(r'(?<!\d)"')
_CURLY = compiled(r"[“”]")
#: Their keys in ``Document.memo``.
_MARKS = f"{__name__}.marks"
_IMBALANCES = f"{__name__}.imbalances"


def _marks(doc: Document) -> list[int]:
    """Where the text writes one of ``_MARK_CHARACTERS``, found once for the quote rules (a single
    character each, so those in a paragraph are the same as a search of the paragraph alone)."""
    marks = doc.memo.get(_MARKS)
    if marks is None:
        text = doc.text  # a subset of the marks speech_verbs found for every quotation rule: not a second scan
        marks = doc.memo[_MARKS] = [at for at in mark_offsets(doc) if text[at] in _MARK_CHARACTERS]
    return marks


def _sentences_in(doc: Document, paragraph: Span) -> list[Span]:
    """``split_sentences(doc.text, paragraph)``, taken from the document's sentences (which are
    those of each paragraph in turn, each non-empty and inside its paragraph) instead of split again."""
    sentences = doc.sentences
    low = bisect_left(sentences, paragraph.start, key=attrgetter("start"))
    return sentences[low : bisect_left(sentences, paragraph.end, lo=low, key=attrgetter("start"))]


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


@coded_check("unbalanced-quotes", {"straight": Param(bool, "look at straight marks (true) or curly ones (false)", False)})
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
    found = doc.memo.get(_IMBALANCES)
    if found is None:  # the same marks for NL402 (curly) and NL404 (straight)
        found = doc.memo[_IMBALANCES] = list(_imbalances(doc))
    for at, problem in found:
        if (text[at] == '"') == options["straight"]:
            yield rule.diagnostic(Span(at, at + 1), mark=text[at], problem=problem)


def _imbalances(doc: Document) -> Iterator[tuple[int, str]]:
    """Each mark that opens a quotation never closed or closes one never opened, with which."""
    text = doc.text
    all_marks = _marks(doc)
    if not all_marks:
        return
    paragraphs = doc.paragraphs
    for index, paragraph in enumerate(paragraphs):
        marks = between(all_marks, paragraph.start, paragraph.end)
        if not marks:
            continue
        opened: int | None = None
        for at in marks:
            if text[at] == '"' and at > 0 and text[at - 1].isdigit() and opened is None:
                continue  # an inch mark (13" laptop); with a quotation open it closes it ("in 2004")
            if _direction(text, at) == "open":
                if opened is not None and not _after_sentence(text, paragraph.start, at):
                    yield opened, "opens a quotation that is never closed"
                opened = at
            elif opened is None:
                yield at, "closes a quotation that was never opened"
            else:
                opened = None
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if opened is not None and not _starts_with_quote(text, following):
            yield opened, "opens a quotation that is never closed"


@coded_check("mixed-quote-styles")
def mixed_quote_styles(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """Straight and curly double quotes in one text: one finding at the first mark of the minority style."""
    if '"' not in doc.text or "“" not in doc.text and "”" not in doc.text:
        return
    straight = [m.start() for m in _STRAIGHT.finditer(doc.text)]
    curly = [m.start() for m in _CURLY.finditer(doc.text)]
    if not straight or not curly:
        return
    minority, majority = (straight, "curly") if len(straight) < len(curly) else (curly, "straight")
    at = minority[0]
    yield rule.diagnostic(Span(at, at + 1), majority=majority, count=len(minority))


# ", he said" / ", said Ms Lee" inside a sentence, where a closing quotation mark belongs before it.
# ", he said." / ", said Ms Lee of the bank" / ", Yukos spokesman Mike Lake told AFP": up to six words
# before the speech verb, none of them a speaker inside the quote (I, we, you, they), and after it
# the sentence ends or the speaker or listener is named (not ", he says well, ..." in a story told,
# ", he said, the plan ..." in reported speech, nor a nested quote).
_INLINE_ATTRIBUTION = compiled(
    r"""(?x),\s+(?!(?:I|we|you|they|as)\b)(?:[\p{L}'’.-]+\s+){0,6}?(?:said|says|told|added|adds|explained|insisted|warned)\b
    (?=\s*[.;!?]|\s*,(?!\s*\p{Ll})|\s+(?:the\s+|an?\s+)?\p{Lu}|\s+(?:reporters|journalists)\b)(?!\s*,?\s*['‘"“])"""
)
# "He said: We will ..." with no marks: edited news always marks speech after a colon.
_COLON_SPEECH = compiled(r"\b(?:said|says|added|adds|told\s+[^:.\n]{1,40}|explained|insisted|warned):\s+(?=\p{Lu})")
# Speech rather than narration: first or second person, or a contraction of a pronoun and a verb
# ("they're", "it'll"); "hasn't" and "that's" are in American news narration too.
_SPOKEN = compiled(
    r"\b(?:I|we|We|our|Our|us|my|My|me|you|You|your|Your)\b(?!\.\w)|\w['’](?:re|ve|ll|m|d)\b"
)
_APOSTROPHE_CLOSE = compiled(r"['’]{2}")
#: Words the speech before an attribution needs at least (a quoted term is no speech).
MIN_INLINE_SPEECH_WORDS = 4
#: The sentences after an attribution read for a person's speech that goes on there.
FOLLOWING_SENTENCES = 2


def _mark_style(text: str) -> tuple[str, str]:
    """The opening and closing marks the text already uses (curly unless it has only straight ones)."""
    return ('"', '"') if '"' in text and "“" not in text and "”" not in text else ("“", "”")


def _spoken(text: str, span: Span) -> bool:
    return _SPOKEN.search(text, span.start, span.end) is not None or quote_like(text, span.start, span.end) is not None


@coded_check("stripped-quotation-in-part")
def stripped_quotation_in_part(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """A sentence of speech attributed with no marks, in an article that quotes elsewhere.

    Such an article shows that its writer marks direct speech, so an unmarked sentence that
    ends in ", she said" and speaks like a person (first or second person, "they're", "it's",
    "This is ...", the speaker's emphasis, an exclamation: see ``linter.speech``), or is
    followed in its paragraph by a sentence that does, lost its marks; so did a question or
    an exclamation followed by a sentence that only names its speaker ("... the movie? Mr
    Desai said."), and spoken words after a colon ("He argued: We mustn't ..."). Articles
    without any mark are NL401's, whose evidence is the article as a whole.
    """
    text = doc.text
    quotes = mark_offsets(doc)
    if not quotes:
        return
    verbs = verb_offsets(doc)
    opening, closing = _mark_style(text)
    for paragraph in doc.paragraphs:
        marks = between(quotes, paragraph.start, paragraph.end)
        if len(marks) > 1 or marks and text[marks[0]] not in "“\"„«":
            continue  # marks survive here (a lone opening mark is all that is left of them)
        has_verb = writes_verb(verbs, paragraph.start, paragraph.end)
        if not has_verb and text.find(":", paragraph.start, paragraph.end) < 0:
            continue  # every pattern below needs a colon or one of VERBS (and so does NL401's)
        if _first_person_speech(doc, paragraph):
            continue  # NL401 flags it
        sentences = _sentences_in(doc, paragraph)
        colons = [*_COLON_SPEECH.finditer(text, paragraph.start, paragraph.end), *INTRODUCED.finditer(text, paragraph.start, paragraph.end)]
        for colon in sorted(colons, key=lambda found: found.start()):
            sentence = next(s for s in sentences if s.start <= colon.end() < s.end)
            speech = Span(colon.end(), sentence.end)
            edits = [Edit(Span(speech.start, speech.start), opening), Edit(Span(speech.end, speech.end), closing)]
            yield rule.diagnostic(speech, edits=edits, applicability=Applicability.DISPLAY_ONLY, title="Put the speech in quotation marks")
        attributed: dict[int, Span] = {}
        for index, sentence in enumerate(sentences if has_verb else ()):  # each attribution below names one of VERBS
            following = sentences[index + 1] if index + 1 < len(sentences) else None
            # Words are counted only for a question or an exclamation (the cheap tests first).
            if (
                following is not None
                and text[sentence.end - 1] in "?!"
                and count_words(text, sentence.start, sentence.end) >= MIN_INLINE_SPEECH_WORDS
                and SPEAKER_ONLY.fullmatch(text, following.start, following.end)
            ):
                edits = [Edit(Span(sentence.start, sentence.start), opening), Edit(Span(sentence.end, sentence.end), closing)]
                yield rule.diagnostic(sentence, edits=edits, applicability=Applicability.DISPLAY_ONLY, title="Put the speech in quotation marks")
                continue
            match = _INLINE_ATTRIBUTION.search(text, sentence.start, sentence.end) if writes_verb(verbs, sentence.start, sentence.end) else None
            if match is not None and count_words(text, sentence.start, match.start()) >= MIN_INLINE_SPEECH_WORDS:
                attributed[index] = Span(sentence.start, match.start())
        for index, speech in attributed.items():
            if _spoken(text, speech) or any(_spoken(text, after) for after in sentences[index + 1 : index + 1 + FOLLOWING_SENTENCES]):
                edits = [Edit(Span(speech.start, speech.start), opening), Edit(Span(speech.end + 1, speech.end + 1), closing)]
                yield rule.diagnostic(speech, edits=edits, applicability=Applicability.DISPLAY_ONLY, title="Put the speech in quotation marks")


@coded_check("unclosed-quotation")
def unclosed_quotation(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """An opening mark whose quotation runs into its own attribution (", he said") without closing,
    or a straight opening mark that is the only mark of its paragraph and is not continued.

    In the first case the closing mark was lost before the comma: the fix inserts it after the
    comma, as news style writes it (unsafe: the quote may have ended earlier). A lone straight
    mark is NL404's too, at info because a straight mark's direction is a guess; when it is the
    paragraph's only mark the guess has nothing to mislead it, and the closing mark is shown at the
    end of its sentence, never applied.
    """
    text = doc.text
    all_marks = _marks(doc)
    if not all_marks:
        return  # every finding is at a mark
    _opening, closing = _mark_style(text)
    verbs = verb_offsets(doc)
    paragraphs = doc.paragraphs
    for index, paragraph in enumerate(paragraphs):
        marks = between(all_marks, paragraph.start, paragraph.end)
        if not marks:
            continue  # nothing to flag: the checks below need one mark at least
        flagged = False
        for at, following in zip(marks, [*marks[1:], paragraph.end]):
            if _direction(text, at) != "open":
                continue
            if not writes_verb(verbs, at + 1, following):
                continue  # the attribution names one of VERBS
            attribution = _INLINE_ATTRIBUTION.search(text, at + 1, following)
            if attribution is None or count_words(text, at + 1, attribution.start()) < MIN_INLINE_SPEECH_WORDS:
                continue
            if _APOSTROPHE_CLOSE.search(text, at + 1, attribution.end()):
                continue  # closed by two apostrophes (,’’ Will Moy told), a typewriter habit
            comma = attribution.start() + 1
            flagged = True
            yield rule.diagnostic(Span(at, comma), edits=[Edit(Span(comma, comma), closing)], applicability=Applicability.UNSAFE, title="Close the quotation before its attribution")
        following_paragraph = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if flagged or len(marks) != 1 or text[marks[0]] != '"' or _direction(text, marks[0]) != "open" or _starts_with_quote(text, following_paragraph):
            continue
        if between(mark_offsets(doc), paragraph.start, paragraph.end)[0] != marks[0]:
            continue  # another style's marks („Vivy“) are in the paragraph
        at = marks[0]
        end = next(s.end for s in _sentences_in(doc, paragraph) if s.start <= at < s.end)
        yield rule.diagnostic(Span(at, at + 1), edits=[Edit(Span(end, end), '"')], applicability=Applicability.DISPLAY_ONLY, title="Close the quotation")
