"""Where a text writes a verb of speech or a quotation mark: exact gates before the quotation rules' searches.

Every attribution the quotation rules (NL401, NL405, NL406) look for names its verb
literally, in lowercase and as a whole word (", she said", "He argued: ...", "was quoted as
saying"), so a stretch of text holding none of :data:`VERBS` cannot match one, and the
regular expression need not run there. The offsets are found once per text by ``str.find``
(a scan in C per word, and only for the verbs among the text's lowercase words), and a
stretch is then tested with a bisection.
"""

from __future__ import annotations

from bisect import bisect_left

from ..segments import Document

#: Every verb that the quotation rules' attribution patterns require (``quoted`` for "was quoted
#: as saying", ``asked`` and ``replied`` for a sentence that only names its speaker): a superset of each.
VERBS = (
    "said", "says", "told", "added", "adds", "stated", "wrote", "tweeted", "explained", "insisted", "warned",
    "argued", "declared", "stressed", "noted", "quoted", "asked", "replied",
)  # fmt: skip
#: Every double quotation mark the quotation rules count: straight, curly, low and guillemets.
QUOTE_MARKS = ('"', "“", "”", "„", "«", "»")

#: Their keys in ``Document.memo``.
_VERB_OFFSETS = f"{__name__}.verbs"
_MARK_OFFSETS = f"{__name__}.marks"


def offsets(text: str, literals: tuple[str, ...]) -> list[int]:
    """Every offset at which one of ``literals`` starts in ``text``, sorted (overlaps included)."""
    found = []
    for literal in literals:
        at = text.find(literal)
        while at >= 0:
            found.append(at)
            at = text.find(literal, at + 1)
    found.sort()
    return found


def verb_offsets(doc: Document) -> list[int]:
    """Where the document writes one of :data:`VERBS`, found once for the quotation rules."""
    found = doc.memo.get(_VERB_OFFSETS)
    if found is None:
        # Each pattern reads its verb as a whole word, so a verb is searched for only if it is one of the text's lowercase words.
        found = doc.memo[_VERB_OFFSETS] = offsets(doc.text, tuple(doc.lowercase_runs.intersection(VERBS)))
    return found


def mark_offsets(doc: Document) -> list[int]:
    """Where the document writes one of :data:`QUOTE_MARKS`, found once for the quotation rules."""
    found = doc.memo.get(_MARK_OFFSETS)
    if found is None:
        found = doc.memo[_MARK_OFFSETS] = offsets(doc.text, QUOTE_MARKS)
    return found


def between(found: list[int], start: int, end: int) -> list[int]:
    """The offsets of ``found`` in ``[start, end)``."""
    low = bisect_left(found, start)
    return found[low : bisect_left(found, end, lo=low)]


def writes_verb(verbs: list[int], start: int, end: int) -> bool:
    """Whether one of ``verbs`` (:func:`verb_offsets`) lies in ``[start, end)``: a match there needs one."""
    low = bisect_left(verbs, start)
    return low < len(verbs) and verbs[low] < end
