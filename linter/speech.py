"""Signs that unmarked words attributed to a speaker were a quotation, not indirect speech.

Indirect speech in edited news is the reporter's prose: it is backshifted, plain and in
the third person ("Sales would fall, the firm said."). A person's own words keep what
the reporter's prose leaves out: the first or second person, contractions ("it's",
"don't"), a present-tense verdict opened by "this" or "it" ("This is typical of ..."),
the speaker's emphasis ("simply", "really", "pretty"), exclamations, and a quotation nested
inside ("He told me 'we will not go back'"), which keeps its single marks when the outer double
ones are lost: news that marks speech with double marks writes single ones only inside them.
Each sign alone was absent from the third-person attributions that the clean BBC articles
write without marks (benchmarks/quotation_loss.py measures this), so each is taken as
evidence once the article shows that its writer marks direct speech.
"""

from __future__ import annotations

from functools import cache

import regex

from .words import count_words
from .pattern_cache import compiled

# "it's", "there's", "don't", "can't": not a possessive ("Libya's funds"), nor "that's" and
# "hasn't", which American news narration writes too.
_CONTRACTION = compiled(r"\b(?:[Ii]t|[Tt]here|[Ww]hat|[Hh]ere|[Ll]et)['’]s\b|\b(?:do|does|did|ca|wo|is|are|could|would|should|must)n['’]t\b", regex.IGNORECASE)
# "This is typical of ...": a verdict in the present tense ("It is the first time ..." is news
# prose, and "This is also supporting ..." a description).
_VERDICT = compiled(
    r"^This\s+(?:(?:is|isn['’]t)\s+(?!(?:also|now|still)\b|\p{L}+ing\s+(?:the|an?|its|their|his|her)\b)|gives\b|means\b|shows\b)"
)
# The speaker's own emphasis; a reporter's paraphrase drops it.
_EMPHASIS = compiled(
    r"\b(?:really|quite|simply|certainly|pretty|deeply|absolutely|clearly|obviously|definitely|[Uu]nfortunately|[Hh]opefully|[Ff]rankly|[Oo]f course)\b"
)
_EXCLAIMED = compiled(r"\w\s*!")
# A single-quoted run of words ('we will not go back'; "won't" inside it is an apostrophe, and
# "the players' union" has no opening mark), said or thought by someone: after a verb of speech or
# thought ("He said, '...", "I thought: '...", "told the staff '...") or before its own attribution
# ("'...,' he said"). A term in single quotes ("the 'chip and pin' cards") is neither.
_SINGLE_QUOTED = r"['‘](?=\p{L})(?:[^'‘’\"“”\n]|(?<=\p{L})['’](?=\p{L}))+?(?<=[\p{L}\p{N}.,!?])['’](?![\p{L}\p{N}'’])"
_NESTED = (
    rf"""(?x)
    \b(?:
        (?:told|telling|asked|asking)(?:\s+(?:the\s+)?\p{{L}}+)?
      | (?:said|say|says|saying|replied|thought|think|thinking|wondered|wonder|shouted|heard|hear)(?:\s+to\s+(?:me|him|her|us|them|you|\p{{Lu}}\p{{Ll}}+))?
    )\s*[,:]?\s+(?P<quote>{_SINGLE_QUOTED})
    | (?<![\p{{L}}\p{{N}}'’])(?P<quote>{_SINGLE_QUOTED}),?\s+(?:he|she|they|I|we|you)\s+(?:said|says|told|asked|added|replied|thought)\b
    """
)


@cache
def _nested() -> regex.Pattern[str]:
    """``_NESTED`` compiled when first asked for: it takes 10 ms, and few texts reach it."""
    return compiled(_NESTED)


#: Words a nested quotation holds at least (one or two are a word quoted, not speech).
MIN_NESTED_WORDS = 3


def quote_like(text: str, start: int, end: int) -> str | None:
    """The sign that ``text[start:end]``, unmarked words before an attribution, were quoted, if any."""
    words = text[start:end]
    if _CONTRACTION.search(words):
        return "a contraction"
    if _VERDICT.search(words):
        return "a verdict in the present tense"
    if _EMPHASIS.search(words):
        return "the speaker's emphasis"
    if _EXCLAIMED.search(words):
        return "an exclamation"
    if any(count_words(words, nested.start("quote"), nested.end("quote")) >= MIN_NESTED_WORDS for nested in _nested().finditer(words)):
        return "a quotation nested inside"
    return None


#: A colon after a verb of speech that the plain ", he said" list leaves out ("He argued: There
#: are ..."): edited news marks what follows.
INTRODUCED = compiled(
    r"\b(?:argued|vowed|countered|saying|telling\s+[^:.\n]{1,40}|said\s+only|admitted|replied|declared|stated|urged|conceded|continued|remarked|commented|concluded):\s+(?=\p{Lu})"
)
#: A sentence that only names a speaker ("Mr Kashyap's lawyer Mihir Desai said."), after a
#: question or an exclamation that is then his.
SPEAKER_ONLY = compiled(r"\p{Lu}[\p{L}'’.-]*\s+(?:[\p{L}'’.-]+\s+){0,5}(?:said|says|added|asked|replied)\.")
