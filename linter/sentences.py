"""Sentence boundaries inside a paragraph: where terminal punctuation ends a sentence, abbreviations aside.

The pure splitter runs three ``regex`` patterns and a few string methods per candidate mark; a
compiled twin (``_sentences.pyx``, built by ``pip install`` where a C compiler exists) walks the
paragraph once in C instead, reading white space and word characters from the kernels' class
table, which ``regex`` fills with the very classes of the patterns below (``CLASSES``), and
asking :func:`period_ends_sentence` (shared by both) about each word before a period.
``KERNEL`` says which runs.
"""

from __future__ import annotations

import regex

from .model import Span
from .twins import compiled_twin

#: The character classes the compiled twin reads from its class table, in this order.
SPACE, WORD_CHARACTER = CLASSES = (r"\s", r"\w")
#: Marks that may close a sentence, and what may follow them (closing) or open the next word.
MARKS = ".!?…"
CLOSERS = "\"'”’)]"
OPENERS = "\"'“‘(["

# A sentence may end after terminal punctuation, optionally followed by closing quotes
# or brackets, when white space comes next. A match starts only at the first mark of
# a run, so a long run without white space after it is scanned once, not once per mark.
_CANDIDATE_END = regex.compile(rf"(?<![.!?…])(?:\.{{3}}|…|[.!?])++[\"'”’)\]]*+(?={SPACE})")
# The word that ends at a mark, searched backwards from it: a forward search would start a
# match at every character of the window before it.
_WORD_BEFORE = regex.compile(r"(\S+)$", regex.REVERSE)
#: How far back from a mark the word before it is looked for.
WORD_WINDOW = 40
_NEXT_WORD = regex.compile(r"\s+[\"'“‘(\[]*(\S+)")
_WORD_CHARACTER = regex.compile(WORD_CHARACTER)

# Abbreviations that stand before a name or number and never end a sentence.
TITLE_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st gen sen rep gov lt col capt sgt rev hon maj adm cmdr supt insp
    det fr sr jr mt ft vs v cf approx e.g i.e viz""".split()
)
# Abbreviations that never end a sentence when a number follows ("No. 10", "p. 4").
NUMBER_ABBREVIATIONS = frozenset("no nos vol vols pp p fig figs art sec ch para".split())
# Abbreviations that can end a sentence; they do only when an ordinary
# sentence opener follows ("... in the U.S. The next day").
TRAILING_ABBREVIATIONS = frozenset(
    """etc inc ltd co corp plc llc bros a.m p.m al jan feb apr jun jul aug sep sept oct nov
    dept univ assn tsp tbsp oz lb lbs pt qt gal ml cl kg mg cm mm km mi yd min mins hr hrs
    sec secs sq approx est""".split()
)
# Capitalized abbreviations of places (AP style: "Fresno, Calif."), none of them an English word,
# that can end a sentence; they do unless a lowercase word follows ("Calif. to get rain").
# Those that are words too ("Mass.", "Wash.", "Ill.", "Ore.", "Alta.") are left out.
PLACE_ABBREVIATIONS = frozenset(
    "ala ariz calif colo conn fla kan kans ky md mich minn mont neb nev okla tenn vt wis wyo nfld ont que sask".split()
)
SENTENCE_OPENERS = frozenset(
    """the a an and but or so yet he she it they we i you this that these those there
    in on at for from with after before when while if as however meanwhile his her its
    their our my some many most all one two three no not what who why how where""".split()
)

_INITIALISM = regex.compile(r"(?:\p{L}\.)+")
# Lowercase short parts, each closed by a period ("cu.ft.", "a.k.a.", "ч.л."): an abbreviation,
# never a domain name, whose parts are longer ("news.com.").
_DOTTED_ABBREVIATION = regex.compile(r"(?:\p{Ll}{1,2}\.){2,}")


def _is_initialism(word: str) -> bool:
    """``U.S.``, ``U.K.``, ``J.`` (an initial): letters each followed by a period.

    The second character is a period in every one, which rules out most words before the pattern runs.
    """
    return word[1:2] == "." and bool(_INITIALISM.fullmatch(word)) and (len(word) == 2 or word[0].isupper())


def trim(text: str, start: int, end: int) -> Span:
    """``text[start:end]`` without the white space at its ends (one span made, not two: a sentence each)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def pure_split_sentences(text: str, paragraph: Span) -> list[Span]:
    """Split one paragraph into sentence spans.

    Terminal punctuation followed by white space ends a sentence unless the word
    it closes is an abbreviation: titles (``Mr.``, ``Dr.``, ``No. 10``, ``e.g.``)
    never end one; initialisms (``U.S.``) and trailing abbreviations (``Inc.``,
    ``etc.``) end one only when an ordinary sentence opener follows; places
    (``Calif.``) and lowercase ones with periods inside (``cu.ft.``) end one unless
    a lowercase word follows; an ellipsis ends one only before a capital. Decimals, URLs and domains contain no white
    space after their periods, so they never look like an end.
    """
    sentences = []
    start = paragraph.start
    # Marks with no word since the last end ("West. . Then", a scraper's ". . . . ") are one
    # sentence of marks alone, however many: not a million one-mark sentences, each checked
    # for an abbreviation and then by every sentence rule.
    # ``word_at`` is the first word character at or after where the marks began, searched for
    # once per run of marks rather than once per mark.
    has_word, marks_end, word_at = False, None, -1
    for match in _CANDIDATE_END.finditer(text, paragraph.start, paragraph.end):
        if not has_word:
            since = marks_end or start
            if word_at < since:
                word = _WORD_CHARACTER.search(text, since, paragraph.end)
                word_at = word.start() if word is not None else paragraph.end
            has_word = word_at < match.start()
            if not has_word:
                marks_end = match.end()
                continue
            if marks_end is not None:
                sentences.append(trim(text, start, marks_end))
                start, marks_end = marks_end, None
        end = match.end()
        if _ends_sentence(text, match, paragraph.end):
            sentence = trim(text, start, end)
            if sentence:
                sentences.append(sentence)
            start = end
            has_word = False
    if marks_end is not None and _WORD_CHARACTER.search(text, marks_end, paragraph.end) is not None:
        sentences.append(trim(text, start, marks_end))
        start = marks_end
    last = trim(text, start, paragraph.end)
    if last:
        sentences.append(last)
    return sentences


def _ends_sentence(text: str, match: regex.Match[str], limit: int) -> bool:
    # Each test looks only at what it needs, in the order of the answers: a question mark or the
    # end of the paragraph is decided before the word before the mark is looked for.
    next_match = _NEXT_WORD.match(text, match.end(), limit)
    if next_match is None:
        return True
    next_word = next_match.group(1)
    punctuation = match.group().rstrip(CLOSERS)
    if punctuation.endswith(("...", "…")):
        return next_word[:1].isupper()
    if not punctuation.endswith("."):
        return True
    word_match = _WORD_BEFORE.search(text, max(0, match.start() - WORD_WINDOW), match.end())
    return period_ends_sentence(word_match.group(1) if word_match else "", next_word)


def period_ends_sentence(word: str, next_word: str) -> bool:
    """Whether a period that closes ``word`` (with any closing quotes) ends the sentence, ``next_word`` following."""
    stem = word.rstrip(CLOSERS).lstrip(OPENERS).rstrip(".").lower()
    if stem in TITLE_ABBREVIATIONS:
        return False
    if stem in NUMBER_ABBREVIATIONS and next_word[:1].isdigit():
        return False
    # The last part of a hyphenated word decides: "Jordanian-U.S." ends in an initialism.
    bare = word.rstrip(CLOSERS).lstrip(OPENERS).rsplit("-", 1)[-1]
    if _is_initialism(bare) or stem in TRAILING_ABBREVIATIONS:
        return next_word.lower().strip(",;:") in SENTENCE_OPENERS and next_word[:1].isupper()
    # Before a capital these may end a sentence or not ("2 cu.ft. Front trunk"), as any word may:
    # only a lowercase word after them says that they do not.
    if next_word[:1].islower():
        return not (_DOTTED_ABBREVIATION.fullmatch(bare) or (stem in PLACE_ABBREVIATIONS and bare[:1].isupper()))
    return True


#: Which splitter runs: ``compiled`` (the Cython extension) or ``pure`` (``regex``).
_compiled, KERNEL = compiled_twin("linter._sentences")


def compiled_split_sentences(text: str, paragraph: Span) -> list[Span]:
    """:func:`pure_split_sentences` by the compiled twin."""
    return _compiled.split_sentences(text, paragraph.start, paragraph.end, Span)


if _compiled is not None:
    _compiled.use_classes(CLASSES)
    _compiled.use_abbreviations(TITLE_ABBREVIATIONS | NUMBER_ABBREVIATIONS | TRAILING_ABBREVIATIONS, period_ends_sentence)
    split_sentences = compiled_split_sentences
else:
    split_sentences = pure_split_sentences
