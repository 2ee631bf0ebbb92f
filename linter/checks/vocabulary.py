"""``vocabulary``: proper nouns with one right casing, flagged when written all in lowercase."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import regex

from ..model import Diagnostic, Edit, Span
from ..registry import Check, Param, RuleDefinitionError, register
from ..segments import Document
from ..bounded import TIMEOUT, compile_pattern
from ..pattern_cache import compiled

if TYPE_CHECKING:
    from ..rule import Ruleset

# A lowercase word that is not part of a URL, handle, hashtag, file name or hyphenated word.
_LOWER_WORD = compile_pattern(r"(?<![\w.@/#-])\p{Ll}+(?![\w@/]|-\w|\.\w)")
_END = compiled(r"(?![\w@/]|-\w|\.\w)")
# Where a listed name's lowercase form is used as the everyday word. A modal or adjective
# ("may be", "mobile phones") stands before a lowercase word, though not before a preposition,
# conjunction or verb of speech, which may follow the name as well ("flew to china on Monday");
# a noun ("the turkey", "his jersey"), and either after a determiner.
_MODIFIES = compiled(
    r"[\x20\t]+(?!(?:and|or|but|nor|on|in|at|to|from|for|with|by|of|into|over|after|before|since|until|said|says|told)\b)\p{Ll}"
)
_DETERMINED = compiled(r"(?<![\w-])(?:a|an|the|his|her|its|their|our|your|my|this|fine)[\x20\t]+$")

@register
class VocabularyCheck(Check):
    """Flag ``kyiv`` where the list says ``Kyiv``.

    Only all-lowercase forms are flagged: headlines in capitals and
    deliberate stylings are left alone. With ``only-if-capitalized-elsewhere``
    a word is flagged only when the same document also writes its proper form,
    which is how names that double as ordinary words (``china``, ``turkey``,
    ``may``) are handled without flagging the ordinary word.

    Only listed words that the text contains are searched for (a list of several
    hundred names as one regex alternation, or a look-up of every lowercase word,
    is far slower); names of several words are matched from their first word.
    """

    name = "vocabulary"
    PARAMS = {
        "words": Param(list, "proper nouns as they are written"),
        "only-if-capitalized-elsewhere": Param(bool, "flag a word only where the text also writes it capitalised", False),
        "user-words": Param(bool, "this rule also takes the user's `vocabulary` setting (one rule at most)", False, unique=True),
        "ordinary-modifiers": Param(list, "listed names whose lowercase form is an everyday modal or adjective (`may`, `mobile`): not flagged before a lowercase word or after a determiner", []),
        "ordinary-nouns": Param(list, "listed names whose lowercase form is an everyday noun (`turkey`): not flagged after a determiner", []),
    }

    def __init__(self, rule: Any, params: Mapping[str, Any]) -> None:
        super().__init__(rule, params)
        self.words: dict[str, str] = {}
        self.by_first: dict[str, list[str]] = {}
        for word in params["words"]:
            if not isinstance(word, str) or not word.strip() or word == word.lower():
                raise RuleDefinitionError(f"vocabulary entry {word!r} must be a name with capitals")
            lowered = word.lower()
            self.words[lowered] = word
            self.by_first.setdefault(lowered.split()[0], []).append(lowered)
        for phrases in self.by_first.values():
            phrases.sort(key=len, reverse=True)
        # A set, so that intersecting it with the text's words walks the smaller of the two.
        self.first_words = frozenset(self.by_first)
        self.require_proper_form = params["only-if-capitalized-elsewhere"]
        self.modifiers = frozenset(params["ordinary-modifiers"])
        self.nouns = frozenset(params["ordinary-nouns"])
        for key, words in (("ordinary-modifiers", self.modifiers), ("ordinary-nouns", self.nouns)):
            if not words <= self.words.keys():
                raise RuleDefinitionError(f"{key} {sorted(words - self.words.keys())} must be listed words, in lowercase")

    @staticmethod
    def _writes(text: str, proper: str) -> bool:
        """Whether the text writes the proper form where its capital can only be the name's.

        A capital that the place explains is no evidence: at a sentence's start ("Mobile phones
        sold well"), inside a hyphenated or apostrophised word ("T-Mobile"), or before another
        capitalised word, as part of a longer name ("the Mobile Data Association"). A name of
        several words keeps its sentence-start occurrences: its later capitals are evidence.
        """
        if proper not in text:
            return False
        single = " " not in proper
        start = r"(?<!(?:^|[.!?:;\n])[\s\"'“‘(\[]*)" if single else ""
        after = r"(?!\s+\p{Lu})" if single else ""
        pattern = rf"(?<![\w'’-]){start}{regex.escape(proper)}(?!\w|-\w){after}"
        return regex.search(pattern, text, timeout=TIMEOUT) is not None

    def _ordinary_use(self, phrase: str, text: str, start: int, end: int) -> bool:
        """Whether the lowercase ``phrase`` at ``start:end`` stands where its everyday word does."""
        if phrase in self.modifiers and _MODIFIES.match(text, end) is not None:
            return True
        return (phrase in self.modifiers or phrase in self.nouns) and _DETERMINED.search(text, max(0, start - 12), start) is not None

    def _starts(self, doc: Document) -> list[tuple[int, str]]:
        """``(offset, first word)`` of each whole lowercase word that starts a listed name, in text order.

        Only the listed words that occur in the text at all are searched for, so a text
        without any costs one set intersection. ``_LOWER_WORD`` is ours, not a pack's, and reads
        one word from ``at``: it is matched without a timeout, whose two reads of the CPU clock
        (system calls) cost several times the match (NL201-NL202: 5,800 matches in the clean corpus).
        """
        text = doc.text
        starts = []
        for first in doc.lowercase_runs & self.first_words:
            at = text.find(first)
            while at >= 0:
                match = _LOWER_WORD.match(text, at)
                if match is not None and match.end() == at + len(first):
                    starts.append((at, first))
                at = text.find(first, at + len(first))
        starts.sort()
        return starts

    def run(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.text
        # Whether the text writes a proper form, looked up only for the names it writes in lowercase.
        written: dict[str, bool] = {}
        for start, first in self._starts(doc):
            for phrase in self.by_first[first]:
                end = start + len(phrase)
                if text.startswith(phrase, start) and _END.match(text, end):
                    if self._ordinary_use(phrase, text, start, end):
                        break
                    proper = self.words[phrase]
                    if self.require_proper_form and proper not in written:
                        written[proper] = self._writes(text, proper)
                    if not self.require_proper_form or written[proper]:
                        span = Span(start, end)
                        yield self.rule.diagnostic(span, edits=[Edit(span, proper)], match=phrase, replacement=proper)
                    break


def with_vocabulary(ruleset: Ruleset, words: Iterable[str]) -> Ruleset:
    """A copy of ``ruleset`` whose vocabulary rule marked ``user-words`` also knows ``words`` (the user's proper nouns).

    May raise ``RuleDefinitionError`` (a word the rule cannot use).
    """
    words = list(words)
    rule = next((r for r in ruleset if isinstance(r.check, VocabularyCheck) and r.params.get("user-words")), None)
    if rule is None or not words:
        return ruleset
    return ruleset.replaced({rule.code: rule.with_params(words=[*rule.params["words"], *words])})
